import '../../i18n/parts/export.ts'
import { useId, useRef, useState } from 'react'
import { MAX_ARCHIVE_CHARS } from '../../domain/archive.ts'
import { useI18n, useServices } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import type { ImportProblem, ImportResult } from '../../app/services.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

const PROBLEM_KEYS: Readonly<Record<ImportProblem['code'], MessageKey>> = {
  notJson: 'archive.problem.notJson',
  truncated: 'archive.problem.truncated',
  notArchive: 'archive.problem.notArchive',
  unknownVersion: 'archive.problem.unknownVersion',
  newerVersion: 'archive.problem.newerVersion',
  malformed: 'archive.problem.malformed',
  tooBig: 'archive.problem.tooBig',
  quota: 'archive.problem.quota',
  storage: 'archive.problem.storage',
  missingCode: 'archive.problem.missingCode',
  badSignature: 'archive.problem.badSignature',
  otherKey: 'archive.problem.otherKey',
  otherWorkshop: 'archive.problem.otherWorkshop',
  wouldRemove: 'archive.problem.wouldRemove',
}

type Done = Extract<ImportResult, { ok: true }>

/**
 * Reads a session archive (.json) into this device in two steps: first a preview of what it would
 * do (computed on a copy, nothing written): a new session or one already here, what it adds
 * (notes, flow records, plan fields; it never removes anything), what it changes, and whether it
 * is signed by the session's facilitator; then "Import" or "Cancel". An archive that would change
 * nothing, or is refused, is reported at once. Nothing is written when the file is refused.
 */
export function ImportArchive() {
  const { t } = useI18n()
  const services = useServices()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [pending, setPending] = useState<{ file: string; text: string; preview: Done } | null>(null)
  const [result, setResult] = useState<{ file: string; res: ImportResult | 'cancelled' } | null>(null)

  async function read(file: File) {
    setBusy(true)
    setPending(null)
    setResult(null)
    try {
      if (file.size > MAX_ARCHIVE_CHARS * 4) {
        setResult({ file: file.name, res: { ok: false, problems: [{ code: 'tooBig', path: '' }] } })
        return
      }
      const text = await file.text()
      const preview = await services.previewArchive(text)
      if (preview.ok && preview.outcome !== 'unchanged') setPending({ file: file.name, text, preview })
      else setResult({ file: file.name, res: preview })
    } catch {
      setResult({ file: file.name, res: { ok: false, problems: [{ code: 'storage', path: '' }] } })
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  async function confirm() {
    if (!pending) return
    const { file, text } = pending
    setBusy(true)
    try {
      setResult({ file, res: await services.importArchive(text) })
    } catch {
      setResult({ file, res: { ok: false, problems: [{ code: 'storage', path: '' }] } })
    } finally {
      setPending(null)
      setBusy(false)
    }
  }

  const counts = (c: Pick<Done['added'], 'notes' | 'planFields'> & { records?: number }) => ({
    notes: t('archive.count.notes', { count: c.notes }),
    records: t('archive.count.records', { count: c.records ?? 0 }),
    planFields: t('archive.count.planFields', { count: c.planFields }),
  })
  const signature = (r: Done) => (
    <p data-testid="archive-import-signature" data-signature={r.signature} className={r.signature === 'unsigned' ? 'hint' : undefined}>
      {t(`archive.signature.${r.signature}`)}
    </p>
  )

  const res = result?.res
  const file = result?.file ?? ''
  const p = pending?.preview
  const outcome = p ? 'preview' : res === 'cancelled' ? 'cancelled' : res ? (res.ok ? res.outcome : 'refused') : ''
  return (
    <section className="card stack" aria-labelledby={`${id}-h`} data-testid="archive-import">
      <h2 id={`${id}-h`}>{t('archive.import.heading')}</h2>
      <p className="hint">{t('archive.import.intro')}</p>
      <div className="field">
        <label htmlFor={id}>{t('archive.import.label')}</label>
        <input
          ref={input}
          id={id}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          data-testid="archive-import-input"
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) void read(f)
          }}
        />
      </div>
      <div role="status" data-testid="archive-import-result" data-outcome={outcome}>
        {busy && <p>{t('archive.import.busy')}</p>}
        {p && pending && (
          <div className="stack" data-testid="archive-import-preview" data-kind={p.outcome} data-notes={p.added.notes} data-records={p.added.records} data-plan-fields={p.added.planFields}>
            <h3>{t('archive.preview.heading', { title: p.title || pending.file })}</h3>
            <p>{t(p.outcome === 'created' ? 'archive.preview.new' : 'archive.preview.existing')}</p>
            <p data-testid="archive-import-adds">{t('archive.preview.adds', counts(p.added))}</p>
            {p.modified.notes + p.modified.planFields > 0 && <p data-testid="archive-import-modifies">{t('archive.preview.modifies', counts(p.modified))}</p>}
            {signature(p)}
            {p.sameTitleOther && <p>{t('archive.import.sameTitle')}</p>}
            <div className="row">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void confirm()} data-testid="archive-import-confirm">
                {t('archive.preview.confirm')}
              </button>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => {
                  setPending(null)
                  setResult({ file: pending.file, res: 'cancelled' })
                }}
                data-testid="archive-import-cancel"
              >
                {t('archive.preview.cancel')}
              </button>
            </div>
          </div>
        )}
        {res === 'cancelled' && <p>{t('archive.preview.cancelled', { file })}</p>}
        {res && res !== 'cancelled' && res.ok && (
          <>
            <p>
              {t(`archive.import.${res.outcome}`, { file, title: res.title || file, count: res.notesAdded })}{' '}
              {res.sameTitleOther && t('archive.import.sameTitle')}{' '}
              <a href={`/w/${res.workshopId}`} onClick={linkClick(`/w/${res.workshopId}`)} data-testid="archive-import-open">
                {t('archive.import.open')}
              </a>
            </p>
            {signature(res)}
          </>
        )}
        {res && res !== 'cancelled' && !res.ok && (
          <div className="field-error">
            <p>{t('archive.import.refused', { file })}</p>
            <ul>
              {res.problems.map((p, i) => (
                <li key={i} data-testid="archive-import-problem" data-code={p.code}>
                  {t(PROBLEM_KEYS[p.code], { version: 'version' in p && p.version !== undefined ? p.version : '?', path: p.path })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p>
        <a href="/compare" onClick={linkClick('/compare')} data-testid="compare-open">
          {t('archive.compare.link')}
        </a>
      </p>
    </section>
  )
}
