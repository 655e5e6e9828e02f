import type { editorNb } from './editor.nb.ts'

/** English strings of the editor screens; must have exactly the keys of editor.nb.ts. */
export const editorEn: Record<keyof typeof editorNb, string> = {
}
