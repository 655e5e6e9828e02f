import { useId, useRef, useState, type ChangeEvent } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { localized, type TemplateProblem } from '../../domain/template.ts'
import { importTemplateFile } from './actions.ts'
import { storageMessage, type Message } from './messages.ts'
import { problemLine } from './problemText.ts'

/**
 * Import from a .json file. A file that fails validation changes nothing and lists every problem
 * (where and what); a good one is stored as an own template, under a fresh id if its id is taken.
 */
export function ImportTemplate({ onStatus }: { onStatus(m: Message | null): void }) {
  const { t, locale } = useI18n()
  const services = useServices()
  const input = useRef<HTMLInputElement>(null)
  const [failure, setFailure] = useState<{ file: string; problems: TemplateProblem[] } | null>(null)
  const hintId = useId()

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    // Clearing the input lets the same file be chosen again after it is fixed.
    e.target.value = ''
    if (!file) return
    setFailure(null)
    onStatus(null)
    try {
      const r = await importTemplateFile(services, file)
      if (!r.ok) {
        setFailure({ file: file.name, problems: r.problems })
        return
      }
      const name = localized(r.template.name, locale)
      onStatus({ key: r.renamed ? 'templates.importedNewId' : 'templates.imported', vars: { name } })
    } catch (err) {
      onStatus(storageMessage(err))
    }
  }

  return (
    <>
      <button type="button" className="btn" onClick={() => input.current?.click()} aria-describedby={hintId} data-testid="template-import">
        {t('templates.import')}
      </button>
      <span id={hintId} className="hint">
        {t('templates.importHint')}
      </span>
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e)} data-testid="template-import-input" />
      {failure && (
        <div className="banner banner-error import-error" role="alert" data-testid="import-error">
          <p>{t('templates.importFailed', { file: failure.file })}</p>
          <ul>
            {failure.problems.map((p) => (
              <li key={`${p.code}:${p.path}`}>{problemLine(p, t)}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
