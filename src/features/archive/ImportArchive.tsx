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
}

/**
 * Reads a session archive (.json) into this device: a session it does not have becomes a new
 * workshop; one it has is merged (nothing is lost, and nothing new is "unchanged"). Every refusal
 * is named; nothing is written when the file is refused.
 */
export function ImportArchive() {
  const { t } = useI18n()
  const services = useServices()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ file: string; res: ImportResult } | null>(null)

  async function read(file: File) {
    setBusy(true)
    try {
      const res: ImportResult =
        file.size > MAX_ARCHIVE_CHARS * 4 ? { ok: false, problems: [{ code: 'tooBig', path: '' }] } : await services.importArchive(await file.text())
      setResult({ file: file.name, res })
    } catch {
      setResult({ file: file.name, res: { ok: false, problems: [{ code: 'storage', path: '' }] } })
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  const res = result?.res
  const file = result?.file ?? ''
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
      <div role="status" data-testid="archive-import-result" data-outcome={res ? (res.ok ? res.outcome : 'refused') : ''}>
        {busy && <p>{t('archive.import.busy')}</p>}
        {res?.ok && (
          <p>
            {t(`archive.import.${res.outcome}`, { file, title: res.title || file, count: res.notesAdded })}{' '}
            {res.sameTitleOther && t('archive.import.sameTitle')}{' '}
            <a href={`/w/${res.workshopId}`} onClick={linkClick(`/w/${res.workshopId}`)} data-testid="archive-import-open">
              {t('archive.import.open')}
            </a>
          </p>
        )}
        {res && !res.ok && (
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
