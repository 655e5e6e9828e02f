import { useI18n } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import { localized, totalMinutes, type Template } from '../../domain/template.ts'

/** One template in the library: name (opens it), description, size, and its actions. */
export function TemplateCard(props: { template: Template; onDuplicate(t: Template): void; onExport(t: Template): void; onDelete(t: Template): void }) {
  const { t, locale } = useI18n()
  const tpl = props.template
  const name = localized(tpl.name, locale)
  const description = localized(tpl.description, locale)
  const href = `/templates/${tpl.id}`
  return (
    <li className="card template-item stack" data-testid="template-item" data-template-id={tpl.id}>
      <div>
        <h3 className="template-name">
          <a href={href} onClick={linkClick(href)}>
            {name}
          </a>
        </h3>
        <p className="muted small template-meta">
          {tpl.builtIn && <span className="badge">{t('templates.builtInBadge')}</span>}
          {t('templates.meta', { count: tpl.steps.length, minutes: totalMinutes(tpl) })}
        </p>
      </div>
      {description && <p className="template-description">{description}</p>}
      <div className="row template-actions">
        <button type="button" className="btn" onClick={() => props.onDuplicate(tpl)} aria-label={`${t('templates.duplicate')}: ${name}`}>
          {t('templates.duplicate')}
        </button>
        <button type="button" className="btn" onClick={() => props.onExport(tpl)} aria-label={`${t('templates.export')}: ${name}`}>
          {t('templates.export')}
        </button>
        {!tpl.builtIn && (
          <button type="button" className="btn btn-quiet" onClick={() => props.onDelete(tpl)} aria-label={`${t('templates.delete')}: ${name}`}>
            {t('templates.delete')}
          </button>
        )}
      </div>
    </li>
  )
}
