import '../../i18n/parts/editor.ts'
import { TemplateEditorScreen } from './TemplateEditorScreen.tsx'
import { TemplateLibrary } from './TemplateLibrary.tsx'

/** `/templates` — the library; `/templates/<id>` — one template (editor, or read-only if built in). */
export function TemplatesScreen({ id }: { id?: string }) {
  return id ? <TemplateEditorScreen id={id} /> : <TemplateLibrary />
}
