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
