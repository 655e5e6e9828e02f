import { useMemo, useRef, useState, type FormEvent } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { addStatus, removeStatus, type LibraryWriteResult, type SessionFacts, type StatusLogEntry } from '../../app/library.ts'
import type { WorkshopSummary } from '../../app/services.ts'
import { STATUS_KINDS, type StatusKind } from '../../domain/statusLog.ts'
import type { MessageKey, Vars } from '../../i18n/i18n.ts'
import { charCount, checkStatusInput, dayNumber, entryTime, nextKind, problemMessage, STATUS_TEXT_MAX, type StatusInputProblem } from './libraryModel.ts'

/** Date formatting in the app's language: a moment, a moment with time, and a yyyy-mm-dd day. */
export function useDates() {
  const { locale } = useI18n()
  return useMemo(() => {
    const tag = locale === 'nb' ? 'nb-NO' : 'en-GB'
    const long = new Intl.DateTimeFormat(tag, { dateStyle: 'long' })
    const longUtc = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' })
    const withTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' })
    return {
      moment: (ms: number) => long.format(ms),
      dateTime: (ms: number) => withTime.format(ms),
      day: (iso: string) => {
        const n = dayNumber(iso)
        return n === null ? iso : longUtc.format(n * 86_400_000)
      },
    }
  }, [locale])
}

type Message = { key: MessageKey; vars?: Vars; alert?: boolean }

const FIELD_OF: Record<StatusInputProblem, 'text' | 'date'> = { textEmpty: 'text', textTooLong: 'text', dateBad: 'date', dateFuture: 'date' }

/**
 * A workshop's status log, opened inline under its card: recommendation → decision → fed back to
 * the youth, with the contract's feedback date, and (for the facilitator) a form to add an entry.
 * The entry is written to the doc on this device and reaches the others when the session is next
 * open. A refused entry keeps everything typed.
 */
export function StatusLog(props: { id: string; summary: WorkshopSummary; title: string; facts: SessionFacts; today: string; onChanged(f: SessionFacts): void }) {
  const { t } = useI18n()
  const services = useServices()
  const dates = useDates()
  const { id, summary, title, facts, today } = props
  const log = facts.statusLog
  const canEdit = summary.role === 'facilitator'
  const [kind, setKind] = useState<StatusKind>(() => nextKind(log))
  const [text, setText] = useState('')
  const [date, setDate] = useState(today)
  const [problems, setProblems] = useState<StatusInputProblem[]>([])
  const [message, setMessage] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const f = {
    kind: `${id}-kind`,
    text: `${id}-text`,
    textHint: `${id}-text-hint`,
    counter: `${id}-counter`,
    textErr: `${id}-text-err`,
    date: `${id}-date`,
    dateErr: `${id}-date-err`,
  }
  const count = charCount(text)
  const over = count > STATUS_TEXT_MAX
  const textProblem = problems.find((p) => FIELD_OF[p] === 'text')
  const dateProblem = problems.find((p) => FIELD_OF[p] === 'date')

  function done(res: LibraryWriteResult, ok: Message): boolean {
    if (!res.ok) {
      setMessage({ key: problemMessage(res.problem), alert: true })
      return false
    }
    props.onChanged(res.facts)
    setMessage(ok)
    return true
  }

  async function add(e: FormEvent) {
    e.preventDefault()
    const p = checkStatusInput({ text, date }, today)
    setProblems(p)
    setMessage(null)
    if (p.length > 0) {
      document.getElementById(FIELD_OF[p[0]!] === 'text' ? f.text : f.date)?.focus()
      return
    }
    setBusy(true)
    const res = await addStatus(services, summary.id, kind, text.trim(), entryTime(date, today, services.now()))
    setBusy(false)
    if (done(res, { key: 'library.log.added', vars: { title } })) {
      setText('')
      setDate(today)
      setKind(nextKind(res.ok ? res.facts.statusLog : log))
    }
  }

  async function remove(entry: StatusLogEntry) {
    const kindText = t(`library.log.kind.${entry.kind}`)
    if (!window.confirm(t('library.log.removeConfirm', { kind: kindText, date: dates.moment(entry.at) }))) return
    const res = await removeStatus(services, summary.id, entry.id)
    if (done(res, { key: 'library.log.removed', vars: { title } })) headingRef.current?.focus()
  }

  return (
    <section id={id} className="library-log stack" aria-labelledby={`${id}-h`} data-testid="status-log">
      <h4 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('library.log.heading')}
      </h4>
      <p className="hint">{facts.feedbackDate ? t('library.log.promise', { date: dates.day(facts.feedbackDate) }) : t('library.log.noPromise')}</p>
      {log.length === 0 ? (
        <p className="muted">{t('library.log.empty')}</p>
      ) : (
        <ol className="library-log-list" aria-label={t('library.log.entries')} data-testid="status-entries">
          {log.map((e) => (
            <li key={e.id} className={`library-log-entry library-log-${e.kind}`} data-kind={e.kind}>
              <div className="library-log-head">
                <strong>{t(`library.log.kind.${e.kind}`)}</strong>
                <span className="muted small">{dates.moment(e.at)}</span>
              </div>
              {e.text && <p className="library-log-text">{e.text}</p>}
              {canEdit && (
                <button
                  type="button"
                  className="btn btn-quiet library-log-remove"
                  onClick={() => void remove(e)}
                  aria-label={`${t('library.log.remove')}: ${t(`library.log.kind.${e.kind}`)}, ${dates.moment(e.at)}`}
                >
                  {t('library.log.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <form className="stack library-log-form" onSubmit={add} noValidate aria-labelledby={`${id}-add-h`}>
          <h5 id={`${id}-add-h`}>{t('library.log.addHeading')}</h5>
          <div className="library-log-fields">
            <div className="field">
              <label htmlFor={f.kind}>{t('library.log.kind')}</label>
              <select id={f.kind} value={kind} onChange={(e) => setKind(e.target.value as StatusKind)} data-testid="status-kind">
                {STATUS_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`library.log.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={f.date}>{t('library.log.date')}</label>
              <input
                id={f.date}
                type="date"
                value={date}
                max={today}
                onChange={(e) => {
                  setDate(e.target.value)
                  setProblems((p) => p.filter((x) => FIELD_OF[x] !== 'date'))
                }}
                aria-invalid={dateProblem ? true : undefined}
                aria-describedby={dateProblem ? f.dateErr : undefined}
                data-testid="status-date"
              />
              {dateProblem && (
                <p id={f.dateErr} className="field-error" role="alert">
                  {t(`library.log.${dateProblem}`)}
                </p>
              )}
            </div>
          </div>
          <div className="field">
            <label htmlFor={f.text}>{t('library.log.text')}</label>
            <p id={f.textHint} className="hint">
              {t('library.log.textHint')}
            </p>
            <textarea
              id={f.text}
              value={text}
              rows={3}
              onChange={(e) => {
                setText(e.target.value)
                setProblems((p) => p.filter((x) => FIELD_OF[x] !== 'text'))
              }}
              aria-invalid={textProblem || over ? true : undefined}
              aria-describedby={`${f.textHint} ${f.counter}${textProblem ? ` ${f.textErr}` : ''}`}
              data-testid="status-text"
            />
            <p id={f.counter} className={`counter${over ? ' counter-over' : ''}`} aria-live={over ? 'polite' : 'off'}>
              {t('library.log.counter', { count, max: STATUS_TEXT_MAX })}
            </p>
            {textProblem && (
              <p id={f.textErr} className="field-error" role="alert" data-testid="status-text-error">
                {t(`library.log.${textProblem}`, { max: STATUS_TEXT_MAX })}
              </p>
            )}
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="status-add">
              {t('library.log.add')}
            </button>
          </div>
        </form>
      ) : (
        <p className="hint">{t('library.log.readOnly')}</p>
      )}
      <p role="status" className={message?.alert ? 'field-error' : 'muted'} data-testid="status-message">
        {message ? t(message.key, message.vars) : ''}
      </p>
    </section>
  )
}
