import { beforeAll, describe, expect, test } from 'vitest'
import { emptyPlan, validatePlan, type ActionPlan, type PlanErrorCode, type PlanWarningCode } from '../../domain/actionPlan.ts'
import { createTranslator, loadLocale } from '../../i18n/i18n.ts'
import type { PlanRead } from '../../app/workshopSession.ts'
import { locateProblems } from './planForm.ts'
import { problemMessage, problemWhere } from './problemText.ts'

beforeAll(() => loadLocale('en'))

const TODAY = '2026-03-10'
const ALL_CODES: (PlanErrorCode | PlanWarningCode)[] = [
  'required',
  'tooLong',
  'tooMany',
  'invalid',
  'badDate',
  'pastDate',
  'baselineRequired',
  'targetGroupRequired',
  'extraForRequired',
  'ownerRoleRequired',
  'breakdownRequired',
  'noEquityIndicator',
  'goalNotMeasurable',
  'ownerLooksLikeName',
]

/** A plan that trips every code the validator has. */
function badPlan(): PlanRead {
  const plan: ActionPlan = emptyPlan()
  plan.equityGoal = 'Færre ensomme'
  plan.planTrace.plan = 'p'.repeat(230)
  ;(plan.targetGroup as { approach: string }).approach = 'sometimes'
  plan.activities = Array.from({ length: 31 }, () => ({ description: '', ownerRole: '', startDate: '2026-02-30', resources: '' }))
  plan.activities[1]!.ownerRole = 'Kari Nordmann'
  plan.indicators = [
    { type: 'outcome', name: 'Ensomhet', source: '', baseline: '', target: '10', breakdown: Array.from({ length: 9 }, (_, i) => `b${i}`), unit: '' },
  ]
  plan.youthFeedback.date = '2025-12-01'
  return { plan, activityIds: plan.activities.map((_, i) => `activity-${String(i).padStart(3, '0')}`), indicatorIds: ['indicator-0001'] }
}

describe('problem text', () => {
  test('every code has a message and a place, in both languages', () => {
    const read = badPlan()
    const extra = emptyPlan()
    extra.targetGroup.approach = 'proportionate'
    extra.indicators = [{ type: 'equityGap', name: '', source: '', baseline: '', target: '', breakdown: [], unit: '' }]
    extra.activities = [{ description: 'x', ownerRole: '', startDate: '', resources: '' }]
    const targeted = emptyPlan()
    targeted.targetGroup.approach = 'targeted'
    const reads: PlanRead[] = [
      read,
      { plan: extra, activityIds: ['activity-x001'], indicatorIds: ['indicator-x01'] },
      { plan: targeted, activityIds: [], indicatorIds: [] },
    ]
    const seen = new Set<string>()
    for (const locale of ['nb', 'en'] as const) {
      const t = createTranslator(locale)
      for (const r of reads) {
        for (const p of locateProblems(validatePlan(r.plan, TODAY), r)) {
          seen.add(p.code)
          const msg = problemMessage(p, t, r.plan, TODAY)
          expect(msg, `${p.path} ${p.code}`).toMatch(/\S/)
          expect(msg).not.toMatch(/\{\w+\}|undefined/)
          expect(problemWhere(p, t)).not.toMatch(/\{\w+\}|undefined|^plan\./)
        }
      }
    }
    expect([...seen].sort()).toEqual([...ALL_CODES].sort())
  })
  test('messages carry their numbers', () => {
    const read = badPlan()
    const t = createTranslator('en')
    const ps = locateProblems(validatePlan(read.plan, TODAY), read)
    const long = ps.find((p) => p.path === 'planTrace.plan')!
    expect(problemMessage(long, t, read.plan, TODAY)).toContain('230 characters, but there is room for 200')
    const date = ps.find((p) => p.code === 'badDate')!
    expect(problemMessage(date, t, read.plan, TODAY)).toContain('2026-03-10')
    expect(problemWhere(ps.find((p) => p.code === 'ownerLooksLikeName')!, t)).toBe('Activity 2, Responsible role')
    expect(problemWhere(ps.find((p) => p.code === 'noEquityIndicator')!, t)).toBe('Indicators')
    expect(problemWhere(long, t)).toBe('Plan or strategy')
  })
})
