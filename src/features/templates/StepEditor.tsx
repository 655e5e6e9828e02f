import { useId } from 'react'
import { useI18n } from '../../app/context.tsx'
import { MAX_STEP_MINUTES, MAX_TEXT, MAX_TITLE, STEP_KIND_NAMES, isStepKind, type TemplateProblem } from '../../domain/template.ts'
import { fieldDomId, LANGS, optionsEdited, type DraftStep } from './editing.ts'
import { problemWhat } from './problemText.ts'
import { StepOptions } from './StepOptions.tsx'
import { TextField } from './TextField.tsx'

export interface StepEditorProps {
  step: DraftStep
  index: number
  total: number
  problems: Map<string, TemplateProblem[]>
  onChange(patch: Partial<DraftStep>): void
  onKind(kind: DraftStep['kind']): void
  onMove(delta: -1 | 1): void
  onRemove(): void
  /** Says something in the editor's polite live region. */
  announce(message: string): void
  /** Registers the move buttons so focus can follow a moved step. */
  buttonRef(which: 'up' | 'down', el: HTMLButtonElement | null): void
}

/**
 * One step of the editor: kind, texts in both languages, time box, kind options, and moves.
 * A kind change keeps the texts and gives the new kind its default options; when this step's
 * options were edited it asks first, since they would be lost.
 */
export function StepEditor(p: StepEditorProps) {
  const { t, locale } = useI18n()
  const { step, index } = p
  const n = index + 1
  const base = `steps.${index}`
  const headingId = useId()
  const at = (path: string) => p.problems.get(`${base}.${path}`)
  const minutesId = fieldDomId(`${base}.minutes`)
  const kindId = fieldDomId(`${base}.kind`)
  const minutesProblems = at('minutes')
  const first = index === 0
  const last = index === p.total - 1
  const title = step.title[locale] || step.title.nb

  return (
    <li className="card step-card stack" aria-labelledby={headingId} data-testid="step-editor" data-step-id={step.id}>
      <h3 id={headingId} tabIndex={-1}>
        {t('templates.editor.stepHeading', { n, total: p.total })}
        {title && <span className="step-heading-title">: {title}</span>}
      </h3>
      <div className="step-grid">
        <div className="field">
          <label htmlFor={kindId}>{t('templates.editor.kind')}</label>
          <select
            id={kindId}
            value={step.kind}
            onChange={(e) => {
              const kind = e.target.value
              if (!isStepKind(kind)) return
              if (optionsEdited(step) && !window.confirm(t('templates.editor.kindConfirm', { n }))) return
              p.onKind(kind)
            }}
          >
            {STEP_KIND_NAMES.map((k) => (
              <option key={k} value={k}>
                {t(`templates.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={minutesId}>{t('templates.editor.minutes', { max: MAX_STEP_MINUTES })}</label>
          <input
            id={minutesId}
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_STEP_MINUTES}
            step={1}
            value={step.minutes}
            onChange={(e) => p.onChange({ minutes: e.target.value })}
            aria-invalid={minutesProblems ? true : undefined}
            aria-describedby={minutesProblems ? `${minutesId}-error` : undefined}
            className="minutes-input"
          />
          {minutesProblems && (
            <p id={`${minutesId}-error`} className="field-error">
              {minutesProblems.map((q) => problemWhat(q, t)).join(' ')}
            </p>
          )}
        </div>
        {LANGS.map((lang) => (
          <TextField
            key={`title-${lang}`}
            path={`${base}.title.${lang}`}
            label={t('templates.editor.labelLang', { label: t('templates.editor.stepTitle'), lang: t(`templates.lang.${lang}`) })}
            value={step.title[lang]}
            lang={lang}
            maxLength={MAX_TITLE}
            problems={at(`title.${lang}`)}
            t={t}
            onChange={(v) => p.onChange({ title: { ...step.title, [lang]: v } })}
          />
        ))}
        {LANGS.map((lang) => (
          <TextField
            key={`prompt-${lang}`}
            path={`${base}.prompt.${lang}`}
            label={t('templates.editor.labelLang', { label: t('templates.editor.prompt'), lang: t(`templates.lang.${lang}`) })}
            value={step.prompt[lang]}
            lang={lang}
            maxLength={MAX_TEXT}
            multiline
            problems={at(`prompt.${lang}`)}
            t={t}
            onChange={(v) => p.onChange({ prompt: { ...step.prompt, [lang]: v } })}
          />
        ))}
      </div>
      <StepOptions step={step} base={base} problems={p.problems} onOptions={(patch) => p.onChange({ options: { ...step.options, ...patch } })} announce={p.announce} />
      <div className="row step-actions">
        <button
          type="button"
          className="btn"
          ref={(el) => p.buttonRef('up', el)}
          aria-disabled={first ? true : undefined}
          aria-label={t('templates.editor.moveUpLabel', { n })}
          onClick={() => !first && p.onMove(-1)}
        >
          <span aria-hidden="true">↑ </span>
          {t('templates.editor.moveUp')}
        </button>
        <button
          type="button"
          className="btn"
          ref={(el) => p.buttonRef('down', el)}
          aria-disabled={last ? true : undefined}
          aria-label={t('templates.editor.moveDownLabel', { n })}
          onClick={() => !last && p.onMove(1)}
        >
          <span aria-hidden="true">↓ </span>
          {t('templates.editor.moveDown')}
        </button>
        <button
          type="button"
          className="btn btn-quiet step-remove"
          disabled={p.total <= 1}
          aria-label={t('templates.editor.removeStepLabel', { n })}
          onClick={p.onRemove}
        >
          {t('templates.editor.removeStep')}
        </button>
      </div>
    </li>
  )
}
