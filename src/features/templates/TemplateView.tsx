import { useState } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { linkClick, navigate } from '../../app/router.ts'
import { localized, totalMinutes, type Template } from '../../domain/template.ts'
import { Icon } from '../../ui/icons.tsx'
import { duplicateAndSave } from './actions.ts'
import { storageMessage, type Message } from './messages.ts'

/** A built-in template, read-only, with "Duplicate to edit". */
export function TemplateView({ template }: { template: Template }) {
  const { t, locale } = useI18n()
  const services = useServices()
  const [status, setStatus] = useState<Message | null>(null)
  const description = localized(template.description, locale)

  async function duplicate() {
    try {
      const copy = await duplicateAndSave(services, template)
      navigate(`/templates/${copy.id}`)
    } catch (err) {
      setStatus(storageMessage(err))
    }
  }

  return (
    <div className="narrow stack template-view">
      <a href="/templates" onClick={linkClick('/templates')} className="back-link">
        {t('templates.editor.back')}
      </a>
      <h1 tabIndex={-1}>{localized(template.name, locale)}</h1>
      {description && <p className="template-description">{description}</p>}
      <p className="banner read-only-note">
        <Icon name="lock" size={18} /> {t('templates.editor.readOnly')}
      </p>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void duplicate()} data-testid="template-duplicate-to-edit">
          {t('templates.editor.duplicateToEdit')}
        </button>
        <span className="muted">{t('templates.editor.total', { minutes: totalMinutes(template) })}</span>
      </div>
      <p role="status" className="muted status-line">
        {status ? t(status.key, status.vars) : ''}
      </p>
      <h2>{t('templates.editor.steps')}</h2>
      <ol className="step-view-list">
        {template.steps.map((s) => (
          <li key={s.id} className="card">
            <h3>{localized(s.title, locale)}</h3>
            <p className="muted small">{t('templates.view.stepMeta', { kind: t(`templates.kind.${s.kind}`), minutes: s.minutes })}</p>
            <p className="step-prompt">{localized(s.prompt, locale)}</p>
          </li>
        ))}
      </ol>
    </div>
  )
}
