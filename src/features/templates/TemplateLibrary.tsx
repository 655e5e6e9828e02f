import { useEffect, useState } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { navigate } from '../../app/router.ts'
import { localized, type Template } from '../../domain/template.ts'
import { createBlank, downloadTemplate, duplicateAndSave } from './actions.ts'
import { ImportTemplate } from './ImportTemplate.tsx'
import { storageMessage, type Message } from './messages.ts'
import { TemplateCard } from './TemplateCard.tsx'

/** `/templates`: built-in and own templates, with new, import, duplicate, export and delete. */
export function TemplateLibrary() {
  const { t, locale } = useI18n()
  const services = useServices()
  const [own, setOwn] = useState<Template[] | null>(null)
  const [status, setStatus] = useState<Message | null>(null)
  useEffect(() => services.templates.subscribe(setOwn, (p) => setStatus({ key: `storage.${p}` })), [services])

  async function run(action: () => Promise<void>) {
    try {
      await action()
    } catch (err) {
      setStatus(storageMessage(err))
    }
  }

  const duplicate = (tpl: Template) =>
    run(async () => {
      const copy = await duplicateAndSave(services, tpl)
      navigate(`/templates/${copy.id}`)
    })

  const exportIt = (tpl: Template) => setStatus({ key: 'templates.exported', vars: { file: downloadTemplate(tpl) } })

  const remove = (tpl: Template) =>
    run(async () => {
      const name = localized(tpl.name, locale)
      if (!window.confirm(t('templates.deleteConfirm', { name }))) return
      await services.templates.delete(tpl.id)
      setStatus({ key: 'templates.deleted', vars: { name } })
    })

  const create = () =>
    run(async () => {
      const tpl = await createBlank(services)
      navigate(`/templates/${tpl.id}`)
    })

  const cardProps = { onDuplicate: duplicate, onExport: exportIt, onDelete: remove }
  return (
    <div className="templates stack">
      <h1 tabIndex={-1}>{t('templates.title')}</h1>
      <p className="muted">{t('templates.intro')}</p>
      <div className="row templates-toolbar">
        <button type="button" className="btn btn-primary" onClick={() => void create()} data-testid="template-new">
          {t('templates.new')}
        </button>
        <ImportTemplate onStatus={setStatus} />
      </div>
      <p role="status" className="muted status-line" data-testid="templates-status">
        {status ? t(status.key, status.vars) : ''}
      </p>

      <section aria-labelledby="own-templates-h" className="stack">
        <h2 id="own-templates-h">{t('templates.own.heading')}</h2>
        {own && own.length === 0 && <p>{t('templates.own.empty')}</p>}
        {own && own.length > 0 && (
          <ul className="template-list" data-testid="own-templates">
            {own.map((tpl) => (
              <TemplateCard key={tpl.id} template={tpl} {...cardProps} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="builtin-templates-h" className="stack">
        <h2 id="builtin-templates-h">{t('templates.builtIn.heading')}</h2>
        <ul className="template-list" data-testid="builtin-templates">
          {services.builtInTemplates.map((tpl) => (
            <TemplateCard key={tpl.id} template={tpl} {...cardProps} />
          ))}
        </ul>
      </section>
    </div>
  )
}
