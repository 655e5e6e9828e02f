import { describe, expect, test } from 'vitest'
import { MAX_BREAKDOWN, MAX_PLAN_SHORT_TEXT, emptyPlan, validatePlan, type ActionPlan } from '../../domain/actionPlan.ts'
import type { PlanRead } from '../../app/workshopSession.ts'
import {
  clipText,
  expectRead,
  fieldDomId,
  freeBreakdownText,
  inlineProblems,
  limitFor,
  localIsoDate,
  locateProblems,
  normalizeDateInput,
  overlayPlan,
  rawAt,
  toggleBreakdown,
  withFreeBreakdown,
  type Kept,
} from './planForm.ts'

const TODAY = '2026-03-10'

function readOf(edit: (p: ActionPlan) => void = () => {}): PlanRead {
  const plan = emptyPlan()
  edit(plan)
  return { plan, activityIds: plan.activities.map((_, i) => `act-id-${i}xx`), indicatorIds: plan.indicators.map((_, i) => `ind-id-${i}xx`) }
}
const activity = { description: '', ownerRole: '', startDate: '', resources: '' }
const indicator = { type: 'outcome' as const, name: '', source: '', baseline: '', target: '', breakdown: [] as string[], unit: '' }

describe('dates', () => {
  test('today is local, not UTC', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05')
    expect(localIsoDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31')
  })
  test('Norwegian dates become yyyy-mm-dd; anything else is kept as typed', () => {
    expect(normalizeDateInput('15.9.2026')).toBe('2026-09-15')
    expect(normalizeDateInput(' 01/12/2027 ')).toBe('2027-12-01')
    expect(normalizeDateInput('2026-09-15')).toBe('2026-09-15')
    expect(normalizeDateInput('neste vår')).toBe('neste vår')
    expect(normalizeDateInput('')).toBe('')
  })
})

describe('limits and the kept overlay', () => {
  test('limits follow the schema', () => {
    expect(limitFor('equityGoal')).toBe(2000)
    expect(limitFor('planTrace.plan')).toBe(MAX_PLAN_SHORT_TEXT)
    expect(limitFor('youthFeedback.date')).toBe(10)
    expect(limitFor('activities.abc.ownerRole')).toBe(MAX_PLAN_SHORT_TEXT)
    expect(limitFor('activities.abc.description')).toBe(2000)
    expect(limitFor('indicators.abc.baseline')).toBe(MAX_PLAN_SHORT_TEXT)
  })
  test('clipping counts code points, never splitting an emoji', () => {
    expect(clipText('ab😀c', 3)).toBe('ab😀')
    expect(expectRead('planTrace.plan', 'x'.repeat(250))).toBe('x'.repeat(200))
    expect(expectRead('indicators.a.breakdown', Array.from({ length: 10 }, (_, i) => `b${i}`))).toHaveLength(MAX_BREAKDOWN)
  })
  test('an over-long text stays in the view and validation sees it', () => {
    const long = 'x'.repeat(250)
    const read = readOf((p) => (p.planTrace.plan = 'x'.repeat(200)))
    const kept = new Map<string, Kept>([['planTrace.plan', { value: long, expect: expectRead('planTrace.plan', long) }]])
    const view = overlayPlan(read, kept)
    expect(view.plan.planTrace.plan).toBe(long)
    expect(read.plan.planTrace.plan).toHaveLength(200)
    expect(validatePlan(view.plan, TODAY).errors).toContainEqual({ path: 'planTrace.plan', code: 'tooLong' })
  })
  test('a kept value is dropped once another device changed the field', () => {
    const long = 'y'.repeat(2100)
    const kept = new Map<string, Kept>([['equityGoal', { value: long, expect: expectRead('equityGoal', long) }]])
    expect(overlayPlan(readOf((p) => (p.equityGoal = 'y'.repeat(2000))), kept).plan.equityGoal).toBe(long)
    expect(overlayPlan(readOf((p) => (p.equityGoal = 'Noe annet')), kept).plan.equityGoal).toBe('Noe annet')
  })
  test('kept item fields follow the item id, not its index', () => {
    const read = readOf((p) => {
      p.activities.push({ ...activity }, { ...activity, ownerRole: 'r'.repeat(200) })
    })
    const key = `activities.${read.activityIds[1]}.ownerRole`
    expect(rawAt(read, key)).toBe('r'.repeat(200))
    const view = overlayPlan(read, new Map([[key, { value: 'r'.repeat(230), expect: 'r'.repeat(200) }]]))
    expect(view.plan.activities[1]?.ownerRole).toHaveLength(230)
    expect(view.plan.activities[0]?.ownerRole).toBe('')
    expect(rawAt(read, 'activities.gone-id-xx.ownerRole')).toBeUndefined()
  })
})

describe('problems', () => {
  test('are addressed by item id, in form order, errors and warnings interleaved', () => {
    const read = readOf((p) => {
      p.equityGoal = 'Færre ensomme'
      p.activities.push({ ...activity, description: 'Gratis klubb', ownerRole: 'Kari Nordmann' })
      p.indicators.push({ ...indicator, name: 'Ensomhet', target: '10' }, { ...indicator, type: 'equityGap', name: 'Gap' })
      p.youthFeedback.date = '2026-01-01'
    })
    const located = locateProblems(validatePlan(read.plan, TODAY), read)
    expect(located.map((p) => [p.path, p.code, p.severity])).toEqual([
      ['equityGoal', 'goalNotMeasurable', 'warning'],
      ['activities.0.ownerRole', 'ownerLooksLikeName', 'warning'],
      ['indicators.0.baseline', 'baselineRequired', 'error'],
      ['indicators.1.breakdown', 'breakdownRequired', 'error'],
      ['youthFeedback.date', 'pastDate', 'error'],
    ])
    expect(located[2]).toMatchObject({ key: `indicators.${read.indicatorIds[0]}.baseline`, itemNumber: 1, itemKind: 'indicator', field: 'baseline', section: 'indicators' })
  })
  test('list-level problems come after the items; a breakdown entry points at its breakdown', () => {
    const read = readOf((p) => p.indicators.push({ ...indicator, name: 'N', breakdown: ['gender', 'z'.repeat(201)] }))
    const located = locateProblems(validatePlan(read.plan, TODAY), read)
    const entry = located.find((p) => p.path === 'indicators.0.breakdown.1')
    expect(entry).toMatchObject({ key: `indicators.${read.indicatorIds[0]}.breakdown`, code: 'tooLong' })
    const list = located.find((p) => p.code === 'noEquityIndicator')
    expect(list).toMatchObject({ key: 'indicators', section: 'indicators' })
    expect(list?.field).toBeUndefined()
    expect(located.indexOf(list!)).toBeGreaterThan(located.indexOf(entry!))
  })
  test('"required" waits until the field was touched; other problems show at once', () => {
    const read = readOf((p) => p.indicators.push({ ...indicator, type: 'equityGap', target: '5' }))
    const located = locateProblems(validatePlan(read.plan, TODAY), read)
    const codes = (touched: string[]) => inlineProblems(located, new Set(touched)).map((p) => `${p.path}:${p.code}`)
    expect(codes([])).toEqual(['indicators.0.baseline:baselineRequired', 'indicators.0.breakdown:breakdownRequired'])
    expect(codes(['equityGoal', `indicators.${read.indicatorIds[0]}.name`])).toEqual([
      'equityGoal:required',
      'indicators.0.name:required',
      'indicators.0.baseline:baselineRequired',
      'indicators.0.breakdown:breakdownRequired',
    ])
  })
  test('DOM ids are safe', () => {
    expect(fieldDomId('plan 1', 'activities.ab_C-9.ownerRole')).toBe('plan-plan_1-activities-ab_C-9-ownerRole')
  })
})

describe('breakdown', () => {
  test('checkboxes add and remove known keys, keeping free text', () => {
    expect(toggleBreakdown(['skolekrets'], 'gender', true)).toEqual(['skolekrets', 'gender'])
    expect(toggleBreakdown(['gender', 'skolekrets'], 'gender', true)).toEqual(['gender', 'skolekrets'])
    expect(toggleBreakdown(['gender', 'skolekrets'], 'gender', false)).toEqual(['skolekrets'])
  })
  test('free text is split at commas, deduplicated, and known labels become checkboxes', () => {
    expect(freeBreakdownText(['gender', 'skolekrets', 'bydel'])).toBe('skolekrets, bydel')
    expect(withFreeBreakdown(['gender', 'old'], ' skolekrets, , Skolekrets, kjønn, Family finances / income ')).toEqual(['gender', 'skolekrets', 'income'])
    expect(withFreeBreakdown(['gender', 'old'], '')).toEqual(['gender'])
  })
})
