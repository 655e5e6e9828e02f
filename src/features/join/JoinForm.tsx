import { useId, useState, type FormEvent } from 'react'
import { parseJoinCode } from '../../domain/joinCode.ts'
import { useServices, useT } from '../../app/context.tsx'
import { navigate } from '../../app/router.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

/** The code field: validated on submit with a message that says what is wrong and how to fix it. */
export function JoinForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useT()
  const services = useServices()
  const [value, setValue] = useState('')
  const [error, setError] = useState<MessageKey | null>(null)
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const hintId = useId()
  const errorId = useId()

  async function submit(e: FormEvent) {
    e.preventDefault()
    const parsed = parseJoinCode(value)
    if (!parsed.ok) {
      setError(`join.error.${parsed.problem}`)
      return
    }
    setError(null)
    setBusy(true)
    try {
      const id = await services.joinWorkshop({ code: parsed.code })
      navigate(`/w/${id}`)
    } catch {
      setError('storage.unknown')
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate className="join-form">
      <label htmlFor={inputId}>{t('join.codeLabel')}</label>
      <p id={hintId} className="hint">
        {t('join.codeHint')}
      </p>
      <div className="row">
        <input
          id={inputId}
          className="code-input"
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            if (error) setError(null)
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          inputMode="text"
          maxLength={20}
          autoFocus={autoFocus}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          data-testid="join-code"
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('join.joining') : t('join.submit')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert" data-testid="join-error">
          {t(error)}
        </p>
      )}
    </form>
  )
}
