import type { TemplateProblem } from '../../domain/template.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { fieldDomId, type Lang } from './editing.ts'
import { problemWhat } from './problemText.ts'

/**
 * A labelled text input or textarea whose DOM id comes from its problem path
 * (e.g. `steps.2.prompt.en`), so a validation problem can point at it and be shown beside it.
 */
export function TextField(props: {
  path: string
  label: string
  /** A fuller accessible name when the visible label is short (it must contain the label's words). */
  ariaLabel?: string
  value: string
  /** The language the text is written in; omitted when it is the group's own (vote statements). */
  lang?: Lang
  maxLength: number
  multiline?: boolean
  /** Extra class on the wrapping .field (for layout). */
  className?: string
  problems: readonly TemplateProblem[] | undefined
  t: Translate
  onChange(value: string): void
}) {
  const id = fieldDomId(props.path)
  const errId = `${id}-error`
  const invalid = props.problems !== undefined && props.problems.length > 0
  const common = {
    id,
    value: props.value,
    lang: props.lang,
    // The schema is the judge; the browser limit only stops pasting a novel by mistake.
    maxLength: props.maxLength + 200,
    'aria-label': props.ariaLabel,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': invalid ? errId : undefined,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  }
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      {invalid && (
        <p id={errId} className="field-error">
          {props.problems?.map((p) => problemWhat(p, props.t)).join(' ')}
        </p>
      )}
    </div>
  )
}
