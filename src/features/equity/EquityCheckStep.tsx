import { useEffect, useId, useState } from 'react'
import { CHECKLIST, RATINGS, followUpTasks, summarize, type ChecklistQuestion, type EquityAnswer, type EquityAnswers, type QuestionId, type Rating } from '../../domain/equityCheck.ts'
import { useI18n } from '../../app/context.tsx'
import { useSessionSnapshot } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { PiiWarning } from '../board/PiiWarning.tsx'

/**
 * The structured equity check of one intervention (DOMAIN.md "Where inequality arises"): the
 * facilitator answers every question green / yellow / red / unknown with a note, together with the
 * group; participants see the questions in youth wording and the answers so far. Unknown answers
 * become follow-up tasks. Answers live in the session doc, one entry per question.
 */
export function EquityCheckStep({ session, stepId }: { session: WorkshopSession; stepId: string }) {
  const { t, locale } = useI18n()
  const snap = useSessionSnapshot(session)
  useEffect(() => session.watchEquity(stepId), [session, stepId])
  const answers: EquityAnswers = snap.equity[stepId] ?? {}
  const editable = session.role === 'facilitator'
  const sum = summarize(answers)
  const tasks = followUpTasks(answers)
  return (
    <div className="stack equity" data-testid="equity-check">
      <Subject session={session} stepId={stepId} editable={editable} />
      {!editable && <p className="hint">{t('equity.youthIntro')}</p>}
      {CHECKLIST.sections.map((section) => (
        <section key={section.id} className="equity-section" aria-labelledby={`eq-${section.id}`}>
          <h3 id={`eq-${section.id}`}>{editable ? section.title[locale] : section.youthTitle[locale]}</h3>
          <ol className="equity-questions">
            {section.questions.map((q) => (
              <Question key={q.id} q={q as ChecklistQuestion & { id: QuestionId }} answer={answers[q.id as QuestionId]} editable={editable} onChange={(a) => session.setEquityAnswer(stepId, q.id as QuestionId, a)} />
            ))}
          </ol>
        </section>
      ))}
      <section className="card" aria-labelledby="eq-summary" data-testid="equity-summary" data-overall={sum.overall}>
        <h3 id="eq-summary">{t('equity.summary')}</h3>
        <p>
          <span className={`rating-chip rating-${sum.overall}`}>{t('equity.overall', { status: t(`equity.rating.${sum.overall}` as MessageKey) })}</span>
        </p>
        <p className="small">{t('equity.counts', { ...sum.total })}</p>
        <h4>{t('equity.tasks')}</h4>
        {tasks.length === 0 ? (
          <p className="muted">{t('equity.noTasks')}</p>
        ) : (
          <ul data-testid="equity-tasks">
            {tasks.map((task, i) => (
              <li key={`${task.questionId}-${i}`}>{t(task.kind === 'findOut' ? 'equity.task.findOut' : 'equity.task.redNeedsNote', { text: task.text[locale] })}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

/** What is checked: one intervention, as a group, a note or typed text (the facilitator chooses; everyone sees it). */
function Subject({ session, stepId, editable }: { session: WorkshopSession; stepId: string; editable: boolean }) {
  const { t } = useI18n()
  const snap = useSessionSnapshot(session)
  const subject = snap.equitySubjects[stepId] ?? null
  const typedId = useId()
  const pickId = useId()
  const [typed, setTyped] = useState(subject?.kind === 'text' ? subject.text : '')
  const [problem, setProblem] = useState(false)
  useEffect(() => setTyped(subject?.kind === 'text' ? subject.text : ''), [subject])
  const label =
    subject?.kind === 'cluster'
      ? snap.clusters.find((c) => c.id === subject.id)?.name
      : subject?.kind === 'note'
        ? snap.notes.find((n) => n.id === subject.id)?.text
        : subject?.kind === 'text'
          ? subject.text
          : undefined
  const value = subject && subject.kind !== 'text' ? `${subject.kind}:${subject.id}` : ''
  return (
    <section className="card stack" aria-labelledby={`${pickId}-h`} data-testid="equity-subject">
      <h3 id={`${pickId}-h`}>{t('equity.subject.heading')}</h3>
      <p className="equity-subject-text" data-testid="equity-subject-text">
        {label ?? <span className="muted">{t('equity.subject.none')}</span>}
      </p>
      {editable && (
        <>
          {(snap.clusters.length > 0 || snap.notes.length > 0) && (
            <div className="field">
              <label htmlFor={pickId}>{t('equity.subject.pick')}</label>
              <select
                id={pickId}
                value={value}
                data-testid="equity-subject-pick"
                onChange={(e) => {
                  const [kind, id] = e.target.value.split(':') as ['cluster' | 'note', string]
                  session.setEquitySubject(stepId, e.target.value ? { kind, id } : null)
                }}
              >
                <option value="">{t('equity.subject.pickNone')}</option>
                {snap.clusters.length > 0 && (
                  <optgroup label={t('equity.subject.clusters')}>
                    {snap.clusters.map((c) => (
                      <option key={c.id} value={`cluster:${c.id}`}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                )}
                {snap.notes.length > 0 && (
                  <optgroup label={t('equity.subject.notes')}>
                    {snap.notes.map((n) => (
                      <option key={n.id} value={`note:${n.id}`}>
                        {Array.from(n.text).slice(0, 80).join('')}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
          )}
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault()
              const ok = session.setEquitySubject(stepId, { kind: 'text', text: typed })
              setProblem(!ok)
            }}
          >
            <label htmlFor={typedId}>{t('equity.subject.type')}</label>
            <div className="row">
              <input
                id={typedId}
                value={typed}
                maxLength={400}
                data-testid="equity-subject-text-input"
                aria-invalid={problem || undefined}
                aria-describedby={problem ? `${typedId}-err` : undefined}
                onChange={(e) => {
                  setTyped(e.target.value)
                  setProblem(false)
                }}
              />
              <button type="submit" className="btn" data-testid="equity-subject-save">
                {t('equity.subject.save')}
              </button>
            </div>
            {problem && (
              <p id={`${typedId}-err`} className="field-error" role="alert">
                {t('equity.subject.problem', { max: 280 })}
              </p>
            )}
            <PiiWarning text={typed} context="edit" />
          </form>
        </>
      )}
    </section>
  )
}

function Question({ q, answer, editable, onChange }: { q: ChecklistQuestion & { id: QuestionId }; answer: EquityAnswer | undefined; editable: boolean; onChange(a: EquityAnswer): void }) {
  const { t, locale } = useI18n()
  const name = useId()
  const noteId = useId()
  const [note, setNote] = useState(answer?.note ?? '')
  useEffect(() => setNote(answer?.note ?? ''), [answer?.note])
  const text = editable ? q.text[locale] : q.youth[locale]
  if (!editable)
    return (
      <li className="equity-q" data-testid="equity-question" data-question-id={q.id}>
        <span>{text}</span>{' '}
        <span className={`rating-chip rating-${answer?.rating ?? 'none'}`}>{answer ? t(`equity.rating.${answer.rating}` as MessageKey) : t('equity.notAnswered')}</span>
        {answer?.note && <p className="small">{answer.note}</p>}
      </li>
    )
  const save = (rating: Rating, n: string) => {
    const a: EquityAnswer = { rating }
    if (answer?.choice) a.choice = answer.choice
    if (answer?.barriers) a.barriers = answer.barriers
    if (n.trim()) a.note = n.trim()
    onChange(a)
  }
  return (
    <li className="equity-q" data-testid="equity-question" data-question-id={q.id}>
      <fieldset className="equity-fieldset">
        <legend>{text}</legend>
        <div className="row">
          {RATINGS.map((r) => (
            <label key={r} className={`rating-option rating-${r}`}>
              <input type="radio" name={name} checked={answer?.rating === r} onChange={() => save(r, note)} />
              {t(`equity.rating.${r}` as MessageKey)}
            </label>
          ))}
        </div>
        <label htmlFor={noteId} className="small">
          {t('equity.note')}
        </label>
        <textarea id={noteId} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} onBlur={() => answer && save(answer.rating, note)} />
        <PiiWarning text={note} context="edit" />
      </fieldset>
    </li>
  )
}
