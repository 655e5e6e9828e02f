/**
 * The options part of one step in the template editor: brainstorm, vote and matrix have their own
 * controls; the other kinds say they have none. Every control's DOM id comes from its problem path
 * (`steps.3.options.sectors.1.name.en`), so validation problems are shown beside it and the problem
 * list can link to it.
 */
import { useEffect, useId, useState } from 'react'
import { useI18n } from '../../app/context.tsx'
import type { TemplateProblem } from '../../domain/template.ts'
import type { Translate } from '../../i18n/i18n.ts'
import {
  addSector,
  DEFAULT_STATUSES,
  defaultSectors,
  fieldDomId,
  isDefaultSectors,
  LANGS,
  MAX_SECTOR_NAME,
  MAX_SECTORS,
  MAX_STATEMENT,
  MAX_STATEMENTS,
  moveAt,
  newSectorProblem,
  removeAt,
  replaceAt,
  VOTE_METHODS,
  VOTE_NUMBERS,
  VOTE_SOURCES,
  type DraftOptions,
  type DraftSector,
  type DraftStep,
  type NewSectorProblem,
  type VoteNumber,
} from './editing.ts'
import { problemWhat } from './problemText.ts'
import { TextField } from './TextField.tsx'
import './stepOptions.css'

type Problems = Map<string, TemplateProblem[]>

export interface StepOptionsProps {
  step: DraftStep
  /** "steps.3": the start of every problem path in this step. */
  base: string
  problems: Problems
  onOptions(patch: Partial<DraftOptions>): void
  /** Says something in the editor's polite live region (moves, adds, removes). */
  announce(message: string): void
}

export function StepOptions(p: StepOptionsProps) {
  const { t } = useI18n()
  switch (p.step.kind) {
    case 'brainstorm':
      return (
        <fieldset className="step-options">
          <legend>{t('templates.editor.options')}</legend>
          {(['hiddenUntilReveal', 'phases124All'] as const).map((opt) => (
            <Check
              key={opt}
              path={`${p.base}.options.${opt}`}
              label={t(`templates.editor.${opt}`)}
              checked={p.step.options[opt] ?? false}
              problems={p.problems}
              t={t}
              onChange={(v) => p.onOptions({ [opt]: v })}
            />
          ))}
        </fieldset>
      )
    case 'vote':
      return <VoteOptions {...p} />
    case 'matrix':
      return <MatrixOptions {...p} />
    default:
      return (
        <p className="hint tpl-step-no-options" data-testid="step-no-options">
          {t('templates.editor.noOptions')}
        </p>
      )
  }
}

/** Moves focus to the element with this DOM id after the next render (the element may be new). */
function useFocusLater(): (id: string) => void {
  const [target, setTarget] = useState<string | null>(null)
  useEffect(() => {
    if (target === null) return
    document.getElementById(target)?.focus()
    setTarget(null)
  }, [target])
  return setTarget
}

/** Whether any problem is at `path` or inside it. */
function hasProblemsIn(problems: Problems, path: string): boolean {
  for (const key of problems.keys()) if (key === path || key.startsWith(`${path}.`)) return true
  return false
}

function FieldError({ id, problems, t }: { id: string; problems: readonly TemplateProblem[] | undefined; t: Translate }) {
  if (!problems || problems.length === 0) return null
  return (
    <p id={id} className="field-error">
      {problems.map((q) => problemWhat(q, t)).join(' ')}
    </p>
  )
}

function Check(props: { path: string; label: string; checked: boolean; problems: Problems; t: Translate; onChange(checked: boolean): void }) {
  const id = fieldDomId(props.path)
  const problems = props.problems.get(props.path)
  return (
    <div className="tpl-option-check">
      <label className="check">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          aria-invalid={problems ? true : undefined}
          aria-describedby={problems ? `${id}-error` : undefined}
        />
        <span>{props.label}</span>
      </label>
      <FieldError id={`${id}-error`} problems={problems} t={props.t} />
    </div>
  )
}

function NumberField(props: { path: string; label: string; value: string; min: number; max: number; problems: Problems; t: Translate; onChange(value: string): void }) {
  const id = fieldDomId(props.path)
  const problems = props.problems.get(props.path)
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={problems ? true : undefined}
        aria-describedby={problems ? `${id}-error` : undefined}
        className="tpl-option-number"
      />
      <FieldError id={`${id}-error`} problems={problems} t={props.t} />
    </div>
  )
}

/** A radio group in a fieldset; the first radio carries the path's DOM id (for the problem list's link). */
function RadioGroup<V extends string>(props: {
  path: string
  legend: string
  hint?: string
  value: V | undefined
  choices: readonly { value: V; label: string; hint?: string }[]
  problems: Problems
  t: Translate
  onChange(value: V): void
}) {
  const id = fieldDomId(props.path)
  const problems = props.problems.get(props.path)
  const hintId = `${id}-hint`
  const describedBy = [props.hint ? hintId : '', problems ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <fieldset className="tpl-option-group" aria-describedby={describedBy || undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={`${id}-error`} problems={problems} t={props.t} />
      {props.choices.map((c, i) => (
        <label key={c.value} className="check tpl-option-radio">
          <input id={i === 0 ? id : undefined} type="radio" name={id} value={c.value} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
          <span>
            {c.label}
            {c.hint && <span className="tpl-option-radio-hint"> – {c.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  )
}

// ---------------------------------------------------------------------------------------------
// Vote

function VoteOptions({ step, base, problems, onOptions, announce }: StepOptionsProps) {
  const { t } = useI18n()
  const o = step.options
  const path = (name: string) => `${base}.options.${name}`
  const number = (name: VoteNumber, label: string) => (
    <NumberField
      path={path(name)}
      label={label}
      value={o[name] ?? ''}
      {...VOTE_NUMBERS[name]}
      problems={problems}
      t={t}
      onChange={(v) => onOptions({ [name]: v })}
    />
  )
  // A field with a problem stays visible even when the method or source no longer uses it.
  const showDots = o.method === 'dots' || ['dots', 'capPerOption', 'mustNot'].some((n) => problems.has(path(n)))
  const showTopK = o.method === 'ranking' || problems.has(path('topK'))
  const showCustom = o.source === 'custom' || hasProblemsIn(problems, path('custom'))
  return (
    <fieldset className="step-options" data-testid="vote-options">
      <legend>{t('templates.editor.vote.legend')}</legend>
      <RadioGroup
        path={path('method')}
        legend={t('templates.editor.vote.method')}
        value={o.method}
        choices={VOTE_METHODS.map((m) => ({ value: m, label: t(`console.vote.method.${m}`), hint: t(`templates.editor.vote.methodHint.${m}`) }))}
        problems={problems}
        t={t}
        onChange={(method) => onOptions({ method })}
      />
      {showDots && (
        <div className="tpl-option-row">
          {number('dots', t('templates.editor.vote.dots', { ...VOTE_NUMBERS.dots }))}
          {number('capPerOption', t('templates.editor.vote.cap', { ...VOTE_NUMBERS.capPerOption }))}
          <Check path={path('mustNot')} label={t('templates.editor.vote.mustNot')} checked={o.mustNot ?? false} problems={problems} t={t} onChange={(mustNot) => onOptions({ mustNot })} />
        </div>
      )}
      {showTopK && <div className="tpl-option-row">{number('topK', t('templates.editor.vote.topK', { ...VOTE_NUMBERS.topK }))}</div>}
      <RadioGroup
        path={path('source')}
        legend={t('templates.editor.vote.source')}
        value={o.source}
        choices={VOTE_SOURCES.map((s) => ({ value: s, label: t(`templates.editor.vote.source.${s}`) }))}
        problems={problems}
        t={t}
        onChange={(source) => onOptions({ source })}
      />
      {showCustom && <Statements list={o.custom ?? []} base={path('custom')} problems={problems} onChange={(custom) => onOptions({ custom })} announce={announce} />}
    </fieldset>
  )
}

function Statements(props: { list: readonly string[]; base: string; problems: Problems; onChange(list: string[]): void; announce(message: string): void }) {
  const { t } = useI18n()
  const focusLater = useFocusLater()
  const { list, base } = props
  const groupId = fieldDomId(base)
  const addId = `${groupId}-add`
  const inputId = (i: number) => fieldDomId(`${base}.${i}`)
  const listProblems = props.problems.get(base)
  const full = list.length >= MAX_STATEMENTS
  const describedBy = [`${groupId}-hint`, listProblems ? `${groupId}-error` : ''].filter(Boolean).join(' ')

  function add() {
    if (full) return
    props.onChange([...list, ''])
    props.announce(t('templates.editor.vote.statementAdded', { n: list.length + 1 }))
    focusLater(inputId(list.length))
  }

  function remove(i: number) {
    props.onChange(removeAt(list, i))
    props.announce(t('templates.editor.vote.statementRemoved', { n: i + 1 }))
    // The next statement (now at i), else the one before, else the add button.
    focusLater(list.length > 1 ? inputId(Math.min(i, list.length - 2)) : addId)
  }

  return (
    <fieldset className="tpl-option-list" id={groupId} tabIndex={-1} aria-describedby={describedBy} data-testid="vote-statements">
      <legend>{t('templates.editor.vote.statements', { count: list.length, max: MAX_STATEMENTS })}</legend>
      <p id={`${groupId}-hint`} className="hint">
        {t('templates.editor.vote.statementsHint', { max: MAX_STATEMENT })}
      </p>
      <FieldError id={`${groupId}-error`} problems={listProblems} t={t} />
      {list.length === 0 && <p className="tpl-option-empty">{t('templates.editor.vote.noStatements')}</p>}
      {list.length > 0 && (
        <ol className="tpl-option-items">
          {list.map((text, i) => (
            // Index keys: the inputs are controlled, and focus is placed by id after a remove.
            <li key={i} className="tpl-statement-row">
              <TextField
                path={`${base}.${i}`}
                label={t('templates.editor.vote.statement', { n: i + 1 })}
                value={text}
                maxLength={MAX_STATEMENT}
                problems={props.problems.get(`${base}.${i}`)}
                t={t}
                onChange={(v) => props.onChange(replaceAt(list, i, v))}
              />
              <button type="button" className="btn btn-quiet tpl-item-remove" aria-label={t('templates.editor.vote.removeStatementLabel', { n: i + 1 })} onClick={() => remove(i)}>
                {t('templates.editor.vote.removeStatement')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <button type="button" id={addId} className="btn" onClick={add} disabled={full} data-testid="statement-add">
          {t('templates.editor.vote.addStatement')}
        </button>
        {full && <span className="hint">{t('templates.editor.vote.maxStatements', { max: MAX_STATEMENTS })}</span>}
      </div>
    </fieldset>
  )
}

// ---------------------------------------------------------------------------------------------
// Matrix

function MatrixOptions({ step, base, problems, onOptions, announce }: StepOptionsProps) {
  const { t } = useI18n()
  const o = step.options
  const path = (name: string) => `${base}.options.${name}`
  return (
    <fieldset className="step-options" data-testid="matrix-options">
      <legend>{t('templates.editor.matrix.legend')}</legend>
      <Sectors list={o.sectors ?? []} base={path('sectors')} problems={problems} onChange={(sectors) => onOptions({ sectors })} announce={announce} />
      <Check path={path('examples')} label={t('templates.editor.matrix.examples')} checked={o.examples ?? false} problems={problems} t={t} onChange={(examples) => onOptions({ examples })} />
      <Check path={path('gaps')} label={t('templates.editor.matrix.gaps')} checked={o.gaps ?? false} problems={problems} t={t} onChange={(gaps) => onOptions({ gaps })} />
      <RadioGroup
        path={path('defaultStatus')}
        legend={t('templates.editor.matrix.defaultStatus')}
        hint={t('templates.editor.matrix.defaultStatusHint')}
        value={o.defaultStatus}
        choices={DEFAULT_STATUSES.map((s) => ({ value: s, label: t(`templates.editor.matrix.status.${s}`) }))}
        problems={problems}
        t={t}
        onChange={(defaultStatus) => onOptions({ defaultStatus })}
      />
    </fieldset>
  )
}

function Sectors(props: { list: readonly DraftSector[]; base: string; problems: Problems; onChange(list: DraftSector[]): void; announce(message: string): void }) {
  const { t, locale } = useI18n()
  const focusLater = useFocusLater()
  const uid = useId()
  const [newName, setNewName] = useState({ nb: '', en: '' })
  const [addProblem, setAddProblem] = useState<NewSectorProblem | null>(null)
  const { list, base } = props
  const groupId = fieldDomId(base)
  const newId = (lang: string) => `${groupId}-new-${lang}`
  const addErrorId = `${groupId}-new-error`
  const buttonId = (sectorId: string, which: 'up' | 'down' | 'remove') => `${groupId}-${sectorId}-${which}`
  const listProblems = props.problems.get(base)
  const full = list.length >= MAX_SECTORS
  const describedBy = [`${groupId}-hint`, listProblems ? `${groupId}-error` : ''].filter(Boolean).join(' ')
  const nameOf = (s: DraftSector | undefined) => (s && (s.name[locale].trim() || s.name.nb.trim())) || t('templates.editor.matrix.unnamed')

  function add() {
    const problem = newSectorProblem(list, newName)
    setAddProblem(problem)
    if (problem) {
      focusLater(newId(problem === 'nameTooLong' && newName.nb.trim().length <= MAX_SECTOR_NAME ? 'en' : 'nb'))
      return
    }
    const next = addSector(list, newName)
    props.onChange(next)
    setNewName({ nb: '', en: '' })
    props.announce(t('templates.editor.matrix.added', { name: nameOf(next.at(-1)), n: next.length }))
    // Ready for the next one; when the list is now full the inputs are disabled, so the list takes focus.
    focusLater(next.length >= MAX_SECTORS ? groupId : newId('nb'))
  }

  function remove(i: number) {
    const next = removeAt(list, i)
    props.onChange(next)
    props.announce(t('templates.editor.matrix.removed', { name: nameOf(list[i]) }))
    const neighbour = next[Math.min(i, next.length - 1)]
    focusLater(neighbour ? buttonId(neighbour.id, 'remove') : newId('nb'))
  }

  function move(i: number, delta: -1 | 1) {
    const to = i + delta
    const moved = list[i]
    if (!moved || to < 0 || to >= list.length) return
    props.onChange(moveAt(list, i, delta))
    props.announce(t('templates.editor.matrix.moved', { name: nameOf(moved), n: to + 1, total: list.length }))
    focusLater(buttonId(moved.id, delta < 0 ? 'up' : 'down'))
  }

  function reset() {
    if (isDefaultSectors(list)) return
    if (list.length > 0 && !window.confirm(t('templates.editor.matrix.resetConfirm', { count: defaultSectors().length }))) return
    props.onChange(defaultSectors())
    setAddProblem(null)
    props.announce(t('templates.editor.matrix.resetDone', { count: defaultSectors().length }))
  }

  return (
    <fieldset className="tpl-option-list" id={groupId} tabIndex={-1} aria-describedby={describedBy} data-testid="matrix-sectors">
      <legend>{t('templates.editor.matrix.sectors', { count: list.length, max: MAX_SECTORS })}</legend>
      <p id={`${groupId}-hint`} className="hint">
        {t('templates.editor.matrix.sectorsHint', { max: MAX_SECTOR_NAME })}
      </p>
      <FieldError id={`${groupId}-error`} problems={listProblems} t={t} />
      {list.length === 0 && (
        <p className="tpl-option-empty" data-testid="sectors-empty">
          {t('templates.editor.matrix.empty')}
        </p>
      )}
      {list.length > 0 && (
        <ol className="tpl-option-items">
          {list.map((s, i) => {
            const n = i + 1
            const rowPath = `${base}.${i}`
            const headId = `${uid}-sector-${i}`
            const first = i === 0
            const last = i === list.length - 1
            return (
              <li key={s.id} className="tpl-sector-row" data-testid="sector-row" data-sector-id={s.id}>
                <span id={headId} className="tpl-sector-number">
                  {t('templates.editor.matrix.sector', { n })}
                </span>
                {LANGS.map((lang) => (
                  <TextField
                    key={lang}
                    className={`tpl-sector-name-${lang}`}
                    path={`${rowPath}.name.${lang}`}
                    label={t('templates.editor.matrix.nameLang', { lang: t(`templates.lang.${lang}`) })}
                    ariaLabel={t('templates.editor.matrix.sectorNameLang', { n, lang: t(`templates.lang.${lang}`) })}
                    value={s.name[lang]}
                    lang={lang}
                    maxLength={MAX_SECTOR_NAME}
                    problems={props.problems.get(`${rowPath}.name.${lang}`) ?? props.problems.get(`${rowPath}.name`)}
                    t={t}
                    onChange={(v) => props.onChange(replaceAt(list, i, { ...s, name: { ...s.name, [lang]: v } }))}
                  />
                ))}
                <div className="tpl-sector-actions">
                  <button
                    type="button"
                    id={buttonId(s.id, 'up')}
                    className="btn tpl-icon-only"
                    aria-disabled={first ? true : undefined}
                    aria-label={t('templates.editor.matrix.moveUpLabel', { n })}
                    title={t('templates.editor.matrix.moveUpLabel', { n })}
                    onClick={() => !first && move(i, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    id={buttonId(s.id, 'down')}
                    className="btn tpl-icon-only"
                    aria-disabled={last ? true : undefined}
                    aria-label={t('templates.editor.matrix.moveDownLabel', { n })}
                    title={t('templates.editor.matrix.moveDownLabel', { n })}
                    onClick={() => !last && move(i, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button type="button" id={buttonId(s.id, 'remove')} className="btn btn-quiet tpl-item-remove" aria-label={t('templates.editor.matrix.removeLabel', { n })} onClick={() => remove(i)}>
                    {t('templates.editor.matrix.remove')}
                  </button>
                </div>
                <FieldError id={`${fieldDomId(rowPath)}-row-error`} problems={[...(props.problems.get(rowPath) ?? []), ...(props.problems.get(`${rowPath}.id`) ?? [])]} t={t} />
              </li>
            )
          })}
        </ol>
      )}
      <fieldset className="tpl-sector-new" aria-describedby={`${groupId}-new-hint${addProblem ? ` ${addErrorId}` : ''}`}>
        <legend>{t('templates.editor.matrix.newSector')}</legend>
        <p id={`${groupId}-new-hint`} className="hint">
          {t('templates.editor.matrix.newHint')}
        </p>
        <div className="tpl-sector-new-fields">
          {LANGS.map((lang) => (
            <div key={lang} className="field">
              <label htmlFor={newId(lang)}>{t('templates.editor.matrix.newName', { lang: t(`templates.lang.${lang}`) })}</label>
              <input
                id={newId(lang)}
                type="text"
                lang={lang}
                value={newName[lang]}
                maxLength={MAX_SECTOR_NAME + 200}
                disabled={full}
                aria-invalid={addProblem && addProblem !== 'full' && (lang === 'nb' || addProblem === 'nameTooLong') ? true : undefined}
                onChange={(e) => {
                  setNewName({ ...newName, [lang]: e.target.value })
                  setAddProblem(null)
                }}
                onKeyDown={(e) => {
                  // Enter adds the sector here instead of submitting (saving) the whole template.
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    add()
                  }
                }}
              />
            </div>
          ))}
          <button type="button" className="btn" onClick={add} disabled={full} data-testid="sector-add">
            {t('templates.editor.matrix.add')}
          </button>
        </div>
        {(addProblem || full) && (
          <p id={addErrorId} className={addProblem ? 'field-error' : 'hint'} role={addProblem ? 'alert' : undefined}>
            {t(`templates.editor.matrix.error.${addProblem ?? 'full'}`, { max: addProblem === 'nameTooLong' ? MAX_SECTOR_NAME : MAX_SECTORS })}
          </p>
        )}
      </fieldset>
      <div className="row">
        <button type="button" className="btn" onClick={reset} aria-disabled={isDefaultSectors(list) ? true : undefined} data-testid="sectors-reset">
          {t('templates.editor.matrix.reset')}
        </button>
      </div>
    </fieldset>
  )
}
