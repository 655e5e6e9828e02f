import { useState, type KeyboardEvent } from 'react'
import { useI18n } from '../../app/context.tsx'
import { PiiWarning } from '../board/PiiWarning.tsx'
import { codePointLength, limitFor, normalizeDateInput, type LocatedProblem } from './planForm.ts'
import { useDomId, usePlanForm } from './PlanFormContext.tsx'
import { ProblemMessages, problemDomIds } from './ProblemMessages.tsx'

export type TextKind = 'text' | 'area' | 'date'

export interface PlanTextFieldProps {
  /** Field key (touched state, DOM id, problems unless `problemKey` says otherwise). */
  fieldKey: string
  label: string
  hint?: string
  /** The value as the plan shows it now (the doc's, or this device's kept text). */
  value: string
  kind: TextKind
  onCommit(text: string): void
  /** data-testid / data-field / data-item-field for the input. */
  attrs: Record<string, string>
  /** Problems under another key, rendered by the parent (the breakdown's free text). */
  problemKey?: string
  externalProblemIds?: string[]
  /** Show "n of max characters" near the limit (off where the limit is per entry, as in the breakdown line). */
  counter?: boolean
}

/**
 * A text field of the shared plan. Typing stays on this device until the field is left (or
 * Enter in a one-line field), then one write goes to the doc: peers see whole edits, not
 * every keystroke. While focused it shows its own text, so a peer's edit of the same field
 * never moves the cursor; when not focused it shows the plan's value, so peers' edits appear
 * live. Leaving without a change writes nothing, so looking at a field cannot overwrite a
 * peer's edit that arrived meanwhile. Same field, both changed: the later write wins.
 */
export function PlanTextField(p: PlanTextFieldProps) {
  const { t } = useI18n()
  const form = usePlanForm()
  const id = useDomId(p.fieldKey)
  // draft: the text while focused; base: the value it started from (to tell whether we changed it).
  const [draft, setDraft] = useState<string | null>(null)
  const [base, setBase] = useState('')
  const shown = draft ?? p.value
  const problems: readonly LocatedProblem[] = p.problemKey ? [] : (form.problems.get(p.fieldKey) ?? [])
  const external = p.problemKey ? (form.problems.get(p.problemKey) ?? []) : []
  const invalid = problems.some((x) => x.severity === 'error') || external.some((x) => x.severity === 'error')
  const max = limitFor(p.fieldKey)
  const length = codePointLength(shown)
  const showCounter = p.kind !== 'date' && p.counter !== false && length > max * 0.8
  const hintId = `${id}-hint`
  const counterId = `${id}-counter`
  const hint = p.kind === 'date' ? [p.hint, t('plan.dateHint', { example: form.today })].filter(Boolean).join(' ') : p.hint
  const describedBy = [hint ? hintId : '', ...problemDomIds(id, problems), ...(p.externalProblemIds ?? []), showCounter ? counterId : ''].filter(Boolean).join(' ')

  function commit(text: string) {
    if (form.locked) return
    p.onCommit(p.kind === 'date' ? normalizeDateInput(text) : text)
  }

  const common = {
    id,
    value: shown,
    readOnly: form.locked,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': describedBy || undefined,
    // The schema is the judge (a too-long text is kept and flagged); this only stops pasting a book.
    maxLength: max + 2000,
    spellCheck: p.kind !== 'date',
    onFocus: () => {
      setDraft(p.value)
      setBase(p.value)
    },
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      if (draft !== null && draft !== base) commit(draft)
      setDraft(null)
      form.touch(p.fieldKey)
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.nativeEvent.isComposing || draft === null) return
      const oneLine = p.kind !== 'area'
      if (e.key === 'Enter' && (oneLine || e.ctrlKey || e.metaKey)) {
        e.preventDefault()
        if (draft !== base) commit(draft)
        setBase(draft)
        form.touch(p.fieldKey)
      } else if (e.key === 'Escape' && draft !== base) {
        // Undo this edit: back to what the field held when focused (or the peer's newer value).
        e.preventDefault()
        setDraft(p.value)
        setBase(p.value)
      }
    },
    ...p.attrs,
  }

  return (
    <div className="field plan-text-field">
      <label htmlFor={id}>{p.label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {p.kind === 'area' ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" {...common} />}
      <ProblemMessages baseId={id} problems={problems} />
      {showCounter && (
        <p id={counterId} className={`counter${length > max ? ' counter-over' : ''}`}>
          {t('plan.counter', { length, max })}
        </p>
      )}
      {p.kind !== 'date' && <PiiWarning text={shown} context="edit" />}
    </div>
  )
}
