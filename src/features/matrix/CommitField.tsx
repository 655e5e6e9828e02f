import { PiiWarning } from '../board/PiiWarning.tsx'
import { useId, useState } from 'react'
import { EFFORT_FIELD_MAX } from '../../domain/matrix.ts'
import { useT } from '../../app/context.tsx'
import type { EffortWriteResult } from '../../app/workshopSession.ts'

/**
 * A short text field of a card that writes to the shared doc on blur or Enter, not on every key:
 * peers get one update per edit, and a remote change to the same field does not overwrite what
 * this person is typing (the local draft wins until they leave the field; then the doc's value,
 * theirs or a later one, shows). Escape throws the draft away.
 */
export function CommitField(props: {
  label: string
  hint?: string
  placeholder?: string
  value: string
  disabled: boolean
  testId: string
  /** Shown under the field and marks it invalid (the card stays placed). */
  problem?: string
  required?: boolean
  onCommit(value: string): EffortWriteResult
}) {
  const t = useT()
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  const commit = () => {
    if (draft === null) return
    if (draft.trim() !== props.value) {
      const res = props.onCommit(draft)
      if (!res.ok) {
        setFailed(true)
        return
      }
    }
    setFailed(false)
    setDraft(null)
  }
  const message = failed ? t('matrix.error.fieldTooLong', { max: EFFORT_FIELD_MAX }) : props.problem
  const describedBy = [props.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="mx-field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="mx-field-hint">
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type="text"
        value={draft ?? props.value}
        maxLength={EFFORT_FIELD_MAX}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={message ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props.testId}
        onFocus={() => setDraft((d) => d ?? props.value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            commit()
          } else if (e.key === 'Escape' && draft !== null) {
            e.preventDefault()
            setDraft(props.value)
            setFailed(false)
          }
        }}
      />
      {message && (
        <p id={`${id}-error`} className="field-error mx-error" data-testid="matrix-error">
          {message}
        </p>
      )}
      {/* Only while typing: a role or a group, never a person (the same hint as on notes). */}
      {draft !== null && <PiiWarning text={draft} context="edit" />}
    </div>
  )
}
