import { useEffect, useState } from 'react'
import { useServices, useT } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import type { Template } from '../../domain/template.ts'
import { TemplateEditor } from './TemplateEditor.tsx'
import { TemplateView } from './TemplateView.tsx'

type Load = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; template: Template }

/** `/templates/<id>`: built-in templates open read-only, own templates in the editor. */
export function TemplateEditorScreen({ id }: { id: string }) {
  const t = useT()
  const services = useServices()
  const builtIn = services.builtInTemplates.find((b) => b.id === id)
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  useEffect(() => {
    if (builtIn) return
    let live = true
    services.templates.get(id).then(
      (tpl) => live && setLoad(tpl ? { status: 'ready', template: tpl } : { status: 'missing' }),
      () => live && setLoad({ status: 'missing' }),
    )
    return () => {
      live = false
    }
  }, [services, id, builtIn])

  if (builtIn) return <TemplateView template={builtIn} />
  if (load.status === 'loading') return <p role="status">{t('templates.editor.loading')}</p>
  if (load.status === 'missing')
    return (
      <div className="narrow stack">
        <h1 tabIndex={-1}>{t('templates.editor.notFound')}</h1>
        <a href="/templates" onClick={linkClick('/templates')}>
          {t('templates.editor.back')}
        </a>
      </div>
    )
  return <TemplateEditor initial={load.template} />
}
