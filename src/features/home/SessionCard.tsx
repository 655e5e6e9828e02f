import { useId } from 'react'
import { useI18n } from '../../app/context.tsx'
import type { SessionFacts } from '../../app/library.ts'
import { linkClick, navigate } from '../../app/router.ts'
import type { WorkshopSummary } from '../../app/services.ts'
import { localized } from '../../domain/template.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { daysUntil, latestEntry, type Reminder } from './libraryModel.ts'
import { StatusLog, useDates } from './StatusLog.tsx'

/** One workshop in the library: what it is, where its promise to the youth stands, and what can be done with it. */
export function SessionCard(props: {
  summary: WorkshopSummary
  title: string
  facts: SessionFacts | 'error' | undefined
  reminder: Reminder | null
  today: string
  busy: boolean
  logOpen: boolean
  onToggleLog(): void
  onDuplicate(): void
  onDelete(): void
  onFactsChanged(f: SessionFacts): void
}) {
  const { t, locale } = useI18n()
  const dates = useDates()
  const { summary: w, title, facts, reminder, today } = props
  const logOpen = props.logOpen
  const logId = useId()
  const f = facts && facts !== 'error' ? facts : null
  const href = `/w/${w.id}`
  const latest = f ? latestEntry(f.statusLog) : null

  return (
    <li className="library-card" data-testid="library-card" data-title={title}>
      <div className="library-card-main">
        <h3 className="library-card-title">
          <a id={`library-title-${w.id}`} href={href} onClick={linkClick(href)} className="workshop-title">
            {title}
          </a>
        </h3>
        <p className="library-meta">
          <span>{w.role === 'facilitator' ? t('home.list.facilitator') : t('home.list.participant')}</span>
          {f && (
            <>
              <span data-testid="library-card-status">{t(`library.status.${f.status}`)}</span>
              <span data-testid="library-card-template">{f.template ? t('library.card.template', { name: localized(f.template.name, locale) }) : t('library.card.noTemplate')}</span>
            </>
          )}
        </p>
        <p className="library-meta">
          {f && <span data-testid="library-card-notes">{t('library.card.notes', { count: f.noteCount })}</span>}
          <span>{t('home.list.openedAt', { date: dates.dateTime(w.openedAt) })}</span>
        </p>
        {facts === undefined && <p className="muted small">{t('library.card.loading')}</p>}
        {facts === 'error' && <p className="muted small">{t('library.card.loadError')}</p>}
        {f && reminder && reminder !== 'none' && <ReminderBadge reminder={reminder} feedbackDate={f.feedbackDate} today={today} />}
        {f && (
          <p className="library-latest small" data-testid="library-latest">
            {latest ? t('library.card.latest', { kind: t(`library.log.kind.${latest.kind}`), date: dates.moment(latest.at) }) : t('library.card.noStatus')}
          </p>
        )}
      </div>
      <div className="library-actions">
        <button type="button" className="btn btn-primary" onClick={() => navigate(href)} aria-label={`${t('library.action.open')}: ${title}`}>
          {t('library.action.open')}
        </button>
        <button type="button" className="btn" onClick={props.onDuplicate} disabled={props.busy} aria-label={`${t('library.action.duplicate')}: ${title}`} data-testid="library-duplicate">
          {t('library.action.duplicate')}
        </button>
        <button
          type="button"
          className="btn"
          aria-expanded={logOpen}
          aria-controls={logOpen ? logId : undefined}
          onClick={props.onToggleLog}
          aria-label={`${t('library.action.log')}: ${title}`}
          data-testid="library-log-toggle"
          disabled={!f}
        >
          {t('library.action.log')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={props.onDelete} aria-label={`${t('home.list.delete')}: ${title}`} data-testid="library-delete">
          {t('home.list.delete')}
        </button>
      </div>
      {logOpen && f && <StatusLog id={logId} summary={w} title={title} facts={f} today={today} onChanged={props.onFactsChanged} />}
    </li>
  )
}

function ReminderBadge({ reminder, feedbackDate, today }: { reminder: Exclude<Reminder, 'none'>; feedbackDate: string | null; today: string }) {
  const { t } = useI18n()
  const dates = useDates()
  const days = feedbackDate ? (daysUntil(feedbackDate, today) ?? 0) : 0
  const date = feedbackDate ? dates.day(feedbackDate) : ''
  const key: MessageKey = `library.reminder.${reminder}`
  const text = reminder === 'overdue' ? t(key, { count: -days }) : reminder === 'soon' ? t(key, { count: days }) : t(key, { date })
  return (
    <p className={`library-reminder library-reminder-${reminder}`} data-testid="library-reminder" data-reminder={reminder}>
      {text}
      {(reminder === 'soon' || reminder === 'overdue') && date ? <span className="library-reminder-date"> · {t('library.reminder.date', { date })}</span> : null}
    </p>
  )
}
