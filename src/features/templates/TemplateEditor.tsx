import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import { MAX_STEPS, MAX_TEXT, MAX_TITLE, validateTemplate, type Template } from '../../domain/template.ts'
import {
  addStep,
  changeKind,
  draftProblems,
  draftTotalMinutes,
  fromDraft,
  LANGS,
  moveStep,
  problemsByPath,
  removeStep,
  sameDraft,
  toDraft,
  updateStep,
  type DraftTemplate,
} from './editing.ts'
import { storageMessage, type Message } from './messages.ts'
import { ProblemSummary } from './ProblemSummary.tsx'
import { StepEditor } from './StepEditor.tsx'
import { TextField } from './TextField.tsx'
import { useUnsavedGuard } from './useUnsavedGuard.ts'

type Focus = { stepId: string; target: 'up' | 'down' | 'heading' } | { stepId?: undefined; target: 'stepsHeading' | 'summary' }

/**
 * The editor for an own template. Edits live in component state (a draft) until Save; Save
 * validates with the domain's validateTemplate and stores only a valid template. After a failed
 * save the problems stay visible and follow the edits live, next to the fields they concern.
 */
export function TemplateEditor({ initial }: { initial: Template }) {
  const { t, locale } = useI18n()
  const services = useServices()
  const [baseline, setBaseline] = useState(() => toDraft(initial))
  const [draft, setDraft] = useState(baseline)
  const [showProblems, setShowProblems] = useState(false)
  const [status, setStatus] = useState<Message | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [focus, setFocus] = useState<Focus | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const stepsHeading = useRef<HTMLHeadingElement>(null)
  const summary = useRef<HTMLDivElement>(null)

  const problems = useMemo(() => {
    if (!showProblems) return []
    return draftProblems(draft)
  }, [draft, showProblems])
  const byPath = problemsByPath(problems)
  const dirty = !sameDraft(draft, baseline)
  useUnsavedGuard(dirty, t('templates.editor.leaveConfirm'))

  // Focus follows the step that moved, or goes to a sensible place after a remove or failed save.
  useEffect(() => {
    if (!focus) return
    if (focus.target === 'stepsHeading') stepsHeading.current?.focus()
    else if (focus.target === 'summary') summary.current?.focus()
    else if (focus.target === 'heading') document.querySelector<HTMLElement>(`[data-step-id="${focus.stepId}"] h3`)?.focus()
    else buttons.current.get(`${focus.stepId}:${focus.target}`)?.focus()
    setFocus(null)
  }, [focus])

  function edit(next: DraftTemplate) {
    setDraft(next)
    setStatus(null)
  }

  function stepTitle(d: DraftTemplate, i: number): string {
    const s = d.steps[i]
    return (s && (s.title[locale] || s.title.nb)) || t('templates.editor.untitledStep')
  }

  function move(index: number, delta: -1 | 1) {
    const next = moveStep(draft, index, delta)
    if (next === draft) return
    edit(next)
    const to = index + delta
    setAnnouncement(t('templates.editor.moved', { title: stepTitle(next, to), n: to + 1, total: next.steps.length }))
    setFocus({ stepId: draft.steps[index]?.id ?? '', target: delta < 0 ? 'up' : 'down' })
  }

  function remove(index: number) {
    if (!window.confirm(t('templates.editor.removeConfirm', { n: index + 1, title: stepTitle(draft, index) }))) return
    edit(removeStep(draft, index))
    setAnnouncement(t('templates.editor.removed', { n: index + 1 }))
    setFocus({ target: 'stepsHeading' })
  }

  function add() {
    const next = addStep(draft)
    if (next === draft) return
    edit(next)
    setAnnouncement(t('templates.editor.added', { n: next.steps.length }))
    setFocus({ stepId: next.steps.at(-1)?.id ?? '', target: 'heading' })
  }

  async function save(e: FormEvent) {
    e.preventDefault()
    const r = validateTemplate(fromDraft(draft))
    if (!r.ok) {
      setShowProblems(true)
      setStatus(null)
      setFocus({ target: 'summary' })
      return
    }
    try {
      await services.templates.save(r.template, services.now())
      const saved = toDraft(r.template)
      setBaseline(saved)
      setDraft(saved)
      setShowProblems(false)
      setStatus({ key: 'templates.editor.saved' })
    } catch (err) {
      setStatus(storageMessage(err))
    }
  }

  const heading = baseline.name[locale] || baseline.name.nb
  return (
    <form className="template-editor stack" onSubmit={(e) => void save(e)} noValidate>
      <a href="/templates" onClick={linkClick('/templates')} className="back-link">
        {t('templates.editor.back')}
      </a>
      <h1 tabIndex={-1}>{heading}</h1>
      {problems.length > 0 && <ProblemSummary ref={summary} problems={problems} />}

      <section className="card stack" aria-labelledby="tpl-about-h">
        <h2 id="tpl-about-h">{t('templates.editor.about')}</h2>
        <div className="step-grid">
          {LANGS.map((lang) => (
            <TextField
              key={`name-${lang}`}
              path={`name.${lang}`}
              label={t('templates.editor.labelLang', { label: t('templates.editor.name'), lang: t(`templates.lang.${lang}`) })}
              value={draft.name[lang]}
              lang={lang}
              maxLength={MAX_TITLE}
              problems={byPath.get(`name.${lang}`)}
              t={t}
              onChange={(v) => edit({ ...draft, name: { ...draft.name, [lang]: v } })}
            />
          ))}
          {LANGS.map((lang) => (
            <TextField
              key={`description-${lang}`}
              path={`description.${lang}`}
              label={t('templates.editor.labelLang', { label: t('templates.editor.description'), lang: t(`templates.lang.${lang}`) })}
              value={draft.description[lang]}
              lang={lang}
              maxLength={MAX_TEXT}
              multiline
              problems={byPath.get(`description.${lang}`)}
              t={t}
              onChange={(v) => edit({ ...draft, description: { ...draft.description, [lang]: v } })}
            />
          ))}
        </div>
      </section>

      <section className="stack" aria-labelledby="tpl-steps-h">
        <h2 id="tpl-steps-h" ref={stepsHeading} tabIndex={-1}>
          {t('templates.editor.steps')}
        </h2>
        <ol className="step-list">
          {draft.steps.map((s, i) => (
            <StepEditor
              key={s.id}
              step={s}
              index={i}
              total={draft.steps.length}
              problems={byPath}
              onChange={(patch) => edit(updateStep(draft, i, patch))}
              onKind={(kind) => edit(changeKind(draft, i, kind))}
              onMove={(d) => move(i, d)}
              onRemove={() => remove(i)}
              announce={setAnnouncement}
              buttonRef={(which, el) => {
                if (el) buttons.current.set(`${s.id}:${which}`, el)
                else buttons.current.delete(`${s.id}:${which}`)
              }}
            />
          ))}
        </ol>
        <div className="row">
          <button type="button" className="btn" onClick={add} disabled={draft.steps.length >= MAX_STEPS} data-testid="step-add">
            {t('templates.editor.addStep')}
          </button>
          {draft.steps.length >= MAX_STEPS && <span className="hint">{t('templates.editor.maxSteps', { max: MAX_STEPS })}</span>}
        </div>
        <p role="status" className="visually-hidden" data-testid="step-announcer">
          {announcement}
        </p>
      </section>

      <div className="save-bar">
        <p className="save-total" data-testid="template-total">
          {t('templates.editor.total', { minutes: draftTotalMinutes(draft) })}
        </p>
        <p role="status" className="save-status">
          {status ? t(status.key, status.vars) : dirty ? t('templates.editor.unsaved') : ''}
        </p>
        <button type="submit" className="btn btn-primary" data-testid="template-save">
          {t('templates.editor.save')}
        </button>
      </div>
    </form>
  )
}
