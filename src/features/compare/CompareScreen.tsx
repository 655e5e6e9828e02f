import '../../i18n/parts/compare.ts'
import { useId, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { readArchiveFileForCompare, type CompareProblem, type CompareReadResult } from '../../app/compareArchives.ts'
import { useI18n } from '../../app/context.tsx'
import { localized } from '../../domain/template.ts'
import { CombinedView, SideBySide } from './CompareTables.tsx'
import { download } from '../export/download.ts'
import { buildComparison, comparable, comparisonCsv, defaultRoundIndex, formatDate, problemText, sessionTitle, type LoadedSession } from './compareModel.ts'
import './compare.css'

interface Failure {
  file: string
  problems: CompareProblem[]
  /** For a duplicate: the session's title. */
  title?: string
}

/**
 * Compare sessions (issue 6): archives picked from files are read on this device and never
 * stored; their priorities are shown side by side and combined under the small-number rules of
 * domain/compare.ts. A bad file gets a message naming it; nothing else changes.
 */
export default function CompareScreen() {
  const { t, locale } = useI18n()
  const [loaded, setLoaded] = useState<LoadedSession[]>([])
  const [failures, setFailures] = useState<Failure[]>([])
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const hintId = useId()
  const listHeadingId = useId()

  const comparison = useMemo(() => buildComparison(loaded, t), [loaded, t])
  const count = comparable(loaded).length

  async function onFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(e.target.files ?? [])
    // Clearing the input lets the same file be chosen again (after it is fixed, or removed).
    e.target.value = ''
    if (files.length === 0) return
    setBusy(true)
    setFailures([])
    setStatus(t('compare.reading'))
    const seen = new Set(loaded.map((l) => l.session.id))
    const added: LoadedSession[] = []
    const failed: Failure[] = []
    for (const file of files) {
      let r: CompareReadResult
      try {
        r = await readArchiveFileForCompare(file)
      } catch {
        r = { ok: false, problems: [{ code: 'malformed', path: '' }] }
      }
      if (!r.ok) failed.push({ file: file.name, problems: r.problems })
      else if (seen.has(r.session.id)) failed.push({ file: file.name, problems: [{ code: 'duplicate', path: '' }], title: sessionTitle(r.session, t) })
      else {
        seen.add(r.session.id)
        added.push({ session: r.session, file: file.name, roundIndex: defaultRoundIndex(r.session) })
      }
    }
    setLoaded((prev) => [...prev, ...added])
    setFailures(failed)
    setBusy(false)
    setStatus(t('compare.added', { count: added.length }))
  }

  function remove(id: string) {
    const l = loaded.find((x) => x.session.id === id)
    setLoaded((prev) => prev.filter((x) => x.session.id !== id))
    if (l) setStatus(t('compare.sessions.removed', { title: sessionTitle(l.session, t) }))
    addButton.current?.focus()
  }

  function chooseRound(id: string, roundIndex: number) {
    setLoaded((prev) => prev.map((x) => (x.session.id === id ? { ...x, roundIndex } : x)))
  }

  function downloadCsv() {
    const date = new Date().toISOString().slice(0, 10)
    const file = `medvirk-${locale === 'nb' ? 'sammenligning' : 'comparison'}-${date}.csv`
    download(file, comparisonCsv(comparison, t), 'text/csv;charset=utf-8')
    setStatus(t('compare.csv.done', { file }))
  }

  return (
    <div className="compare stack">
      <h1 tabIndex={-1}>{t('compare.title')}</h1>
      <p className="compare-intro">{t('compare.intro')}</p>

      <div className="card compare-add">
        <div className="row">
          <button ref={addButton} type="button" className="btn btn-primary" onClick={() => input.current?.click()} aria-describedby={hintId} disabled={busy} data-testid="compare-add">
            {t('compare.add')}
          </button>
          <span id={hintId} className="hint">
            {t('compare.addHint')}
          </span>
        </div>
        <input ref={input} type="file" accept=".json,application/json" multiple hidden onChange={(e) => void onFiles(e)} data-testid="compare-input" />
        <p role="status" className="compare-status" data-testid="compare-status">
          {status}
        </p>
        {failures.map((f, i) => (
          <div key={`${f.file}-${i}`} className="banner banner-error compare-problem" role="alert" data-testid="compare-problem" data-file={f.file}>
            <p>{t('compare.problem.file', { file: f.file })}</p>
            <ul>
              {f.problems.map((p) => (
                <li key={`${p.code}:${p.path}`} data-code={p.code}>
                  {problemText(p, t, f.title)}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>

      <section aria-labelledby={listHeadingId} className="stack compare-sessions-section">
        <h2 id={listHeadingId}>{t('compare.sessions.heading')}</h2>
        {loaded.length === 0 ? (
          <p className="muted">{t('compare.sessions.empty')}</p>
        ) : (
          <ul className="compare-sessions">
            {loaded.map((l) => (
              <SessionItem key={l.session.id} loaded={l} onRemove={() => remove(l.session.id)} onRound={(i) => chooseRound(l.session.id, i)} />
            ))}
          </ul>
        )}
      </section>

      {count > 0 && (
        <>
          <SideBySide comparison={comparison} loaded={loaded} />
          {count >= 2 ? <CombinedView comparison={comparison} /> : <p className="muted">{t('compare.combined.needTwo')}</p>}
          <div className="row">
            <button type="button" className="btn" onClick={downloadCsv} data-testid="compare-csv">
              {t('compare.csv')}
            </button>
          </div>
        </>
      )}
    </div>
  )
}

function SessionItem({ loaded: l, onRemove, onRound }: { loaded: LoadedSession; onRemove(): void; onRound(i: number): void }) {
  const { t, locale } = useI18n()
  const s = l.session
  const title = sessionTitle(s, t)
  const total = s.rounds.length
  return (
    <li className="compare-session" data-testid="compare-session" data-title={title}>
      <div className="compare-session-main">
        <h3 className="compare-session-title">{title}</h3>
        <p className="compare-session-meta">
          <span>{t('compare.sessions.date', { date: formatDate(s.createdAt, locale) })}</span>
          <span>{t('compare.sessions.file', { file: l.file })}</span>
        </p>
        {!s.verified ? (
          <p className="compare-session-note">{t('compare.sessions.unverified')}</p>
        ) : total === 0 ? (
          <p className="compare-session-note">{t('compare.sessions.noRounds')}</p>
        ) : total > 1 ? (
          <label className="compare-round">
            <span>{t('compare.round.label')}</span>
            <select value={l.roundIndex} onChange={(e) => onRound(Number(e.target.value))} data-testid="compare-round">
              {s.rounds.map((r, i) => (
                <option key={r.round.roundId} value={i}>
                  {t(r.results.publish === 'none' ? 'compare.round.tooFew' : 'compare.round.option', { step: localized(r.stepTitle, locale), n: i + 1, total })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <button type="button" className="btn" onClick={onRemove} aria-label={t('compare.sessions.removeLabel', { title })} data-testid="compare-remove">
        {t('compare.sessions.remove')}
      </button>
    </li>
  )
}
