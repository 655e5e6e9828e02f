import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { replicaPair } from '../../tests/support/replicas.ts'
import { validatePlan } from '../domain/actionPlan.ts'
import { addPlanItem, readPlan, removePlanItem, writePlanField, writePlanItemField } from './planDoc.ts'

const pair = replicaPair

describe('action plan in the session doc', () => {
  test('an empty doc reads as the empty plan', () => {
    const r = readPlan(new Y.Doc(), 'plan')
    expect(r.plan.equityGoal).toBe('')
    expect(r.plan.activities).toEqual([])
    expect(r.activityIds).toEqual([])
  })

  test('two devices writing different fields while apart both keep what they wrote', () => {
    const { a, b, offline, online } = pair()
    const act = 'act-00000001'
    addPlanItem(a, 'plan', 'activity', act, { description: 'Gratis buss til klubben' }, 1)
    offline()
    writePlanField(a, 'plan', 'equityGoal', 'Andelen som er med i fritidsaktivitet øker fra 55 til 70 % innen 2028')
    writePlanField(b, 'plan', 'youthFeedback.date', '2027-03-01')
    writePlanItemField(a, 'plan', 'activity', act, 'ownerRole', 'Kultursjefen')
    writePlanItemField(b, 'plan', 'activity', act, 'startDate', '2027-01-10')
    online()
    for (const d of [a, b]) {
      const { plan } = readPlan(d, 'plan')
      expect(plan.equityGoal).toMatch(/55 til 70/)
      expect(plan.youthFeedback.date).toBe('2027-03-01')
      expect(plan.activities).toEqual([{ description: 'Gratis buss til klubben', ownerRole: 'Kultursjefen', startDate: '2027-01-10', resources: '' }])
    }
  })

  test('items keep their creation order, and are removed with all their fields', () => {
    const d = new Y.Doc()
    addPlanItem(d, 'plan', 'indicator', 'ind-00000002', { type: 'equityGap', name: 'Ensomhet', breakdown: ['gender'] }, 20)
    addPlanItem(d, 'plan', 'indicator', 'ind-00000001', { type: 'process', name: 'Antall kurs' }, 10)
    let r = readPlan(d, 'plan')
    expect(r.indicatorIds).toEqual(['ind-00000001', 'ind-00000002'])
    expect(r.plan.indicators.map((i) => i.name)).toEqual(['Antall kurs', 'Ensomhet'])
    expect(r.plan.indicators[1]?.breakdown).toEqual(['gender'])
    removePlanItem(d, 'plan', 'indicator', 'ind-00000001')
    r = readPlan(d, 'plan')
    expect(r.indicatorIds).toEqual(['ind-00000002'])
    expect([...d.getMap('plan').keys()].some((k) => k.includes('ind-00000001'))).toBe(false)
  })

  test('plans of different steps do not mix', () => {
    const d = new Y.Doc()
    writePlanField(d, 'plan-a', 'equityGoal', 'A')
    writePlanField(d, 'plan-b', 'equityGoal', 'B')
    expect(readPlan(d, 'plan-a').plan.equityGoal).toBe('A')
    expect(readPlan(d, 'plan-b').plan.equityGoal).toBe('B')
  })

  test('a target without a baseline, typed on the shared plan, is kept and reported by validation', () => {
    const d = new Y.Doc()
    addPlanItem(d, 'plan', 'indicator', 'ind-00000003', { type: 'outcome', name: 'Trives på skolen' }, 1)
    writePlanItemField(d, 'plan', 'indicator', 'ind-00000003', 'target', '90 %')
    const { plan } = readPlan(d, 'plan')
    expect(plan.indicators[0]?.target).toBe('90 %')
    expect(validatePlan(plan, '2026-11-23').errors).toContainEqual({ path: 'indicators.0.baseline', code: 'baselineRequired' })
  })

  test('what a peer forged is skipped field by field; nothing else is lost', () => {
    const d = new Y.Doc()
    writePlanField(d, 'plan', 'equityGoal', 'Mål med 10 %')
    const m = d.getMap('plan')
    m.set('plan|f|targetGroup.approach', 'everyone') // not an approach
    m.set('plan|f|equityGoal2', 'x') // not a field
    m.set('plan|a|act-00000009|description', 'no createdAt: a stray write racing a delete')
    m.set('plan|i|ind-00000009|createdAt', 5)
    m.set('plan|i|ind-00000009|type', 'magic')
    m.set('plan|i|ind-00000009|name', 42)
    m.set('plan|i|ind-00000009|unit', 'prosent')
    const r = readPlan(d, 'plan')
    expect(r.plan.equityGoal).toBe('Mål med 10 %')
    expect(r.plan.targetGroup.approach).toBe('')
    expect(r.plan.activities).toEqual([])
    expect(r.plan.indicators).toEqual([{ type: 'process', name: '', source: '', baseline: '', target: '', breakdown: [], unit: 'prosent' }])
    expect(writePlanField(d, 'plan', 'nope' as never, 'x')).toBe(false)
    expect(writePlanItemField(d, 'plan', 'activity', 'act-00000009', 'description', 'x')).toBe(false)
  })
})
