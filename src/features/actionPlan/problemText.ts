/**
 * The words for a plan problem: the message beside the field, and "where" it is for the
 * summary list. Kept apart from the components so every code can be checked in both languages.
 */
import '../../i18n/parts/plan.ts'
import { MAX_ACTIVITIES, MAX_BREAKDOWN, MAX_INDICATORS, MAX_PLAN_SHORT_TEXT, type ActionPlan } from '../../domain/actionPlan.ts'
import type { MessageKey, Translate } from '../../i18n/i18n.ts'
import { codePointLength, limitFor, type LocatedProblem } from './planForm.ts'

function valueAtPath(plan: ActionPlan, path: string): unknown {
  let o: unknown = plan
  for (const k of path.split('.')) o = o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined
  return o
}

function requiredKey(p: LocatedProblem): MessageKey {
  if (p.path === 'equityGoal') return 'plan.problem.required.equityGoal'
  if (p.path === 'youthFeedback.date') return 'plan.problem.required.feedbackDate'
  if (p.itemKind === 'activity' && p.field === 'description') return 'plan.problem.required.activity'
  if (p.itemKind === 'indicator' && p.field === 'name') return 'plan.problem.required.indicatorName'
  return 'plan.problem.required'
}

/** The message for one problem, in the UI language. `today` gives the date example. */
export function problemMessage(p: LocatedProblem, t: Translate, plan: ActionPlan, today: string): string {
  switch (p.code) {
    case 'required':
      return t(requiredKey(p))
    case 'tooLong': {
      const v = valueAtPath(plan, p.path)
      const max = /\.breakdown\.\d+$/.test(p.path) ? MAX_PLAN_SHORT_TEXT : limitFor(p.key)
      return t('plan.problem.tooLong', { length: typeof v === 'string' ? codePointLength(v) : max + 1, max })
    }
    case 'tooMany':
      if (p.key === 'activities') return t('plan.problem.tooMany.activities', { max: MAX_ACTIVITIES })
      if (p.key === 'indicators') return t('plan.problem.tooMany.indicators', { max: MAX_INDICATORS })
      return t('plan.problem.tooMany.breakdown', { max: MAX_BREAKDOWN })
    case 'badDate':
      return t('plan.problem.badDate', { example: today })
    default:
      return t(`plan.problem.${p.code}` as MessageKey)
  }
}

/** Where a problem is, for the summary: "Målgruppe", "Aktivitet 2, Ansvarlig rolle", "Indikatorer". */
export function problemWhere(p: LocatedProblem, t: Translate): string {
  if (p.itemKind && p.itemNumber !== undefined && p.field) {
    const kind = p.itemKind
    return t('plan.summary.itemWhere', {
      item: t(`plan.${kind}.legend`, { n: p.itemNumber }),
      field: t(`plan.${kind}.${p.field}` as MessageKey),
    })
  }
  if (p.field === undefined) return t(`plan.section.${p.section}`)
  return t(`plan.field.${p.key}` as MessageKey)
}
