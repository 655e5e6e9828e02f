import '../../i18n/parts/export.ts'
import { useEffect, useId, useMemo, useState } from 'react'
import { summary as makeSummary, type Summary, type SummaryLength, type SummaryLocale } from '../../domain/summary.ts'
import { toMarkdown } from '../../domain/summaryMarkdown.ts'
import { findPersonalInfo } from '../../domain/pii.ts'
import { useI18n, useServices } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import { useConnection, useFlow, useSessionSnapshot, useWorkshopSession } from '../../app/useWorkshopSession.ts'
import { EXPORT_TEXT_MAX, REDACTION_MAX, type ExportMeta, type WorkshopSession } from '../../app/workshopSession.ts'
import { CSV_FILE_NAMES, toCsv } from '../../domain/summaryCsv.ts'
import { buildSummaryInput, summarySteps } from '../../app/summaryInput.ts'
import { PiiWarning } from '../board/PiiWarning.tsx'
import { SummaryView } from './SummaryView.tsx'
import { download, fileBase, formatSize } from './download.ts'
import './export.css'

const today = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** `/w/<id>/export` — the planner's summary in Markdown, PDF, Word and CSV, and the session archive. */
export default function ExportScreen({ id }: { id: string }) {
  const { t } = useI18n()
  const load = useWorkshopSession(id)
  if (load.status === 'loading') return <p role="status">{t('board.loading')}</p>
  if (load.status === 'missing') return <h1 tabIndex={-1}>{t('board.notFound')}</h1>
  if (load.status === 'error') return <p role="alert">{t('error.generic', { message: load.message })}</p>
  return <Exporter session={load.session} />
}

function Exporter({ session }: { session: WorkshopSession }) {
  const { t, locale } = useI18n()
  const snap = useSessionSnapshot(session)
  const flow = useFlow(session)
  const { presence } = useConnection(session)
  const [length, setLength] = useState<SummaryLength>('full')
  const [lang, setLang] = useState<SummaryLocale>(locale)
  const template = flow.template
  const stepsKey = template ? JSON.stringify(summarySteps(template)) : ''
  useEffect(() => {
    if (!stepsKey) return
    const s = JSON.parse(stepsKey) as ReturnType<typeof summarySteps>
    for (const id of s.equity) session.watchEquity(id)
    for (const id of s.plans) session.watchPlan(id)
    if (s.sectors) session.watchMatrix(s.sectors)
  }, [session, stepsKey])

  const title = snap.meta?.title || session.summary.title
  const day = today()
  const input = useMemo(
    () =>
      template
        ? buildSummaryInput({
            title,
            createdAt: snap.meta?.createdAt || session.summary.createdAt,
            template,
            view: flow.view,
            snap,
            participants: snap.exportMeta.participants || presence.participants,
            redactions: snap.redactions,
            statusLog: snap.statusLog,
            municipality: snap.exportMeta.municipality,
            reference: snap.exportMeta.reference,
            notReached: snap.exportMeta.notReached,
            dissent: snap.exportMeta.dissent,
            today: day,
          })
        : null,
    [template, title, snap, session.summary.createdAt, flow.view, presence.participants, day],
  )
  const summary = useMemo(() => (input ? makeSummary(input, lang, length) : null), [input, lang, length])

  return (
    <div className="export stack" data-testid="export-screen">
      <p>
        <a href={`/w/${session.id}`} onClick={linkClick(`/w/${session.id}`)}>
          ← {t('export.back')}
        </a>
      </p>
      <h1 tabIndex={-1}>
        {t('export.title')}: {title}
      </h1>
      <p className="muted">{t('export.intro')}</p>
      {!input || !summary ? (
        <p className="banner">{t('export.noFlow')}</p>
      ) : (
        <div className="export-grid">
          <div className="stack">
            <Options session={session} meta={snap.exportMeta} length={length} setLength={setLength} lang={lang} setLang={setLang} />
            <Downloads session={session} summary={summary} input={input} title={title} day={day} />
            <Redactions session={session} notes={input.notes} redactions={snap.redactions} />
          </div>
          <section className="card" aria-labelledby="export-preview-h">
            <h2 id="export-preview-h">{t('export.preview')}</h2>
            {input.notes.length === 0 && input.votes.length === 0 && <p className="muted">{t('export.empty')}</p>}
            <SummaryView summary={summary} />
          </section>
        </div>
      )}
    </div>
  )
}

function Options(p: { session: WorkshopSession; meta: ExportMeta; length: SummaryLength; setLength(l: SummaryLength): void; lang: SummaryLocale; setLang(l: SummaryLocale): void }) {
  const { t } = useI18n()
  const ids = useId()
  return (
    <section className="card stack" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('export.options')}</h2>
      <fieldset className="export-choice">
        <legend>{t('export.length')}</legend>
        {(['short', 'full'] as const).map((l) => (
          <label key={l}>
            <input type="radio" name={`${ids}-length`} value={l} checked={p.length === l} onChange={() => p.setLength(l)} data-testid={`export-length-${l}`} />
            {t(`export.length.${l}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="export-choice">
        <legend>{t('export.language')}</legend>
        {(['nb', 'nn', 'en'] as const).map((l) => (
          <label key={l} lang={l === 'en' ? 'en' : l}>
            <input type="radio" name={`${ids}-lang`} value={l} checked={p.lang === l} onChange={() => p.setLang(l)} data-testid={`export-lang-${l}`} />
            {t(`export.language.${l}`)}
          </label>
        ))}
      </fieldset>
      <MetaField label={t('export.municipality')} value={p.meta.municipality} onCommit={(v) => p.session.setExportMeta({ municipality: v })} testId="export-municipality" />
      <MetaField label={t('export.reference')} value={p.meta.reference} onCommit={(v) => p.session.setExportMeta({ reference: v })} testId="export-reference" />
      <ParticipantsField session={p.session} value={p.meta.participants} />
      <MetaField multiline label={t('export.notReached')} value={p.meta.notReached} onCommit={(v) => p.session.setExportMeta({ notReached: v })} testId="export-notReached" />
      <MetaField multiline label={t('export.dissent')} value={p.meta.dissent} onCommit={(v) => p.session.setExportMeta({ dissent: v })} testId="export-dissent" />
    </section>
  )
}

/** A text field that writes to the doc when left; while focused it keeps what is typed. */
function MetaField(p: { label: string; value: string; onCommit(v: string): boolean; testId: string; multiline?: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState(p.value)
  const [focused, setFocused] = useState(false)
  const [tooLong, setTooLong] = useState(false)
  useEffect(() => {
    if (!focused) setText(p.value)
  }, [p.value, focused])
  const commit = () => {
    setFocused(false)
    if (text === p.value) return
    setTooLong(!p.onCommit(text))
  }
  const common = {
    id,
    value: text,
    'data-testid': p.testId,
    'aria-invalid': tooLong || undefined,
    'aria-describedby': tooLong ? `${id}-err` : undefined,
    onFocus: () => setFocused(true),
    onBlur: commit,
  }
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      {p.multiline ? <textarea rows={2} {...common} onChange={(e) => setText(e.target.value)} /> : <input {...common} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} />}
      {tooLong && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {t('export.tooLong', { max: EXPORT_TEXT_MAX })}
        </p>
      )}
      {p.multiline && <PiiWarning text={text} context="edit" />}
    </div>
  )
}

function ParticipantsField({ session, value }: { session: WorkshopSession; value: number }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState(value ? String(value) : '')
  const [bad, setBad] = useState(false)
  useEffect(() => setText(value ? String(value) : ''), [value])
  const commit = () => {
    const n = text.trim() === '' ? 0 : Number(text.trim())
    const ok = Number.isInteger(n) && session.setExportMeta({ participants: n })
    setBad(!ok)
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t('export.participants')}</label>
      <p id={`${id}-hint`} className="hint">
        {t('export.participants.hint')}
      </p>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        data-testid="export-participants"
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-hint ${id}-err` : `${id}-hint`}
        onChange={(e) => {
          setText(e.target.value)
          setBad(false)
        }}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {bad && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {t('export.participants.bad')}
        </p>
      )}
    </div>
  )
}

type FileKind = 'markdown' | 'pdf' | 'docx' | 'archive' | `csv:${string}`

function Downloads(p: { session: WorkshopSession; summary: Summary; input: ReturnType<typeof buildSummaryInput>; title: string; day: string }) {
  const { t, locale } = useI18n()
  const services = useServices()
  const [status, setStatus] = useState<{ kind: 'busy' | 'done' | 'failed'; file: string; text: string } | null>(null)
  const base = fileBase(p.title, p.day)
  const suffix = `${p.summary.length === 'short' ? 'kort' : 'full'}-${p.summary.locale}`
  async function make(kind: FileKind) {
    const label = kind.startsWith('csv:') ? kind.slice(4) : kind
    setStatus({ kind: 'busy', file: label, text: t('export.download.busy', { file: label }) })
    try {
      let name: string
      let size: number
      if (kind === 'markdown') {
        name = `${base}-${suffix}.md`
        size = download(name, toMarkdown(p.summary), 'text/markdown;charset=utf-8')
      } else if (kind === 'pdf') {
        const { toPdf } = await import('../../export/summaryPdf.ts')
        name = `${base}-${suffix}.pdf`
        size = download(name, await toPdf(p.summary), 'application/pdf')
      } else if (kind === 'docx') {
        const { toDocx } = await import('../../export/summaryDocx.ts')
        name = `${base}-${suffix}.docx`
        size = download(name, await toDocx(p.summary), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      } else if (kind === 'archive') {
        const archive = await services.exportArchive(p.session.id)
        name = archive.filename
        size = download(name, archive.text, 'application/json')
      } else {
        const file = toCsv(p.input, p.summary.locale).find((f) => f.name === kind.slice(4))
        if (!file) throw new Error(kind)
        name = `${base}-${file.name}`
        size = download(name, file.text, 'text/csv;charset=utf-8')
      }
      setStatus({ kind: 'done', file: name, text: t('export.download.done', { file: name, size: formatSize(size, locale) }) })
    } catch (err) {
      setStatus({ kind: 'failed', file: label, text: t('export.download.failed', { file: label, message: err instanceof Error ? err.message : String(err) }) })
    }
  }

  const button = (kind: FileKind, label: string) => (
    <button key={kind} type="button" className="btn" onClick={() => void make(kind)} disabled={status?.kind === 'busy'} data-testid={`export-${kind.replace(':', '-').replace(/\.csv$/, '')}`}>
      {label}
    </button>
  )
  return (
    <section className="card stack" aria-labelledby="export-dl-h">
      <h2 id="export-dl-h">{t('export.download.heading')}</h2>
      <div className="row">
        {button('pdf', t('export.download.pdf'))}
        {button('docx', t('export.download.docx'))}
        {button('markdown', t('export.download.markdown'))}
      </div>
      <div className="row">{CSV_FILE_NAMES.map((n) => button(`csv:${n}`, t('export.download.csv', { name: n })))}</div>
      <div className="stack">
        <div>{button('archive', t('export.download.archive'))}</div>
        <p className="hint">{t('export.download.archiveHint')}</p>
      </div>
      <p role="status" className={status?.kind === 'failed' ? 'field-error' : 'small'} data-testid="export-status" data-state={status?.kind ?? ''}>
        {status?.text ?? ''}
      </p>
    </section>
  )
}

function Redactions({ session, notes, redactions }: { session: WorkshopSession; notes: readonly { id: string; text: string }[]; redactions: Readonly<Record<string, string>> }) {
  const { t } = useI18n()
  const [all, setAll] = useState(false)
  const flagged = useMemo(() => new Set(notes.filter((n) => findPersonalInfo(n.text).length > 0).map((n) => n.id)), [notes])
  const shown = all ? notes : notes.filter((n) => flagged.has(n.id) || n.id in redactions)
  return (
    <section className="card stack" aria-labelledby="export-redact-h" data-testid="export-redact">
      <h2 id="export-redact-h">{t('export.redact.heading')}</h2>
      <p className="hint">{t('export.redact.intro')}</p>
      <p data-testid="export-flagged" data-count={flagged.size}>
        {t('export.redact.flagged', { count: flagged.size })}
      </p>
      {notes.length === 0 ? (
        <p className="muted">{t('export.redact.none')}</p>
      ) : (
        <>
          <ul className="redact-list">
            {shown.map((n) => (
              <RedactItem key={n.id} session={session} note={n} redacted={redactions[n.id]} />
            ))}
          </ul>
          <div>
            <button type="button" className="btn btn-quiet" onClick={() => setAll((a) => !a)} aria-pressed={all} data-testid="export-redact-all">
              {all ? t('export.redact.showFlagged') : t('export.redact.showAll', { count: notes.length })}
            </button>
          </div>
        </>
      )}
    </section>
  )
}

function RedactItem({ session, note, redacted }: { session: WorkshopSession; note: { id: string; text: string }; redacted: string | undefined }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState(redacted ?? note.text)
  const [problem, setProblem] = useState(false)
  useEffect(() => setText(redacted ?? note.text), [redacted, note.text])
  return (
    <li className="redact-item" data-testid="redact-item" data-note-id={note.id} data-redacted={redacted !== undefined}>
      <p className="redact-original">
        {redacted !== undefined && <span className="badge">{t('export.redact.redacted')}</span>} {note.text}
      </p>
      <PiiWarning text={note.text} context="edit" />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          const same = text.trim() === note.text.trim()
          const ok = session.setRedaction(note.id, same ? null : text)
          setProblem(!ok)
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t('export.redact.label')}
        </label>
        <input
          id={id}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setProblem(false)
          }}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${id}-err` : undefined}
          data-testid="redact-text"
        />
        <button type="submit" className="btn" data-testid="redact-save">
          {t('export.redact.save')}
        </button>
        {redacted !== undefined && (
          <button type="button" className="btn btn-quiet" onClick={() => session.setRedaction(note.id, null)} data-testid="redact-undo">
            {t('export.redact.undo')}
          </button>
        )}
      </form>
      {problem && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {t('export.redact.problem', { max: REDACTION_MAX })}
        </p>
      )}
    </li>
  )
}
