/**
 * The action plan in the session doc (document scope), written together by several devices.
 * Every field is its own entry of one flat map, so two people typing in different fields (or in
 * different fields of the same activity) both keep what they wrote; the same field: last writer wins.
 *
 *   plan: Y.Map<key, value>
 *     `${stepId}|f|${field}`           string           e.g. "equityGoal", "targetGroup.group"
 *     `${stepId}|a|${itemId}|${field}` string | number  an activity's field, or its createdAt
 *     `${stepId}|i|${itemId}|${field}` string | string[] | number  an indicator's field
 *
 * Reading assembles the entries and runs them through `parsePlan`, which cuts texts to their
 * limits and drops what a peer wrote that is not a plan field; an item with a broken field is
 * read without that field (its default), never dropped, so nothing typed is lost.
 */
import type * as Y from 'yjs'
import {
  PLAN_FIELDS,
  type PlanField,
  EMPTY_ACTIVITY,
  INDICATOR_TYPES,
  emptyPlan,
  parsePlan,
  type ActionPlan,
  type Activity,
  type Indicator,
} from '../domain/actionPlan.ts'
import { LOCAL_ORIGIN } from './sessionDoc.ts'

export type PlanItemKind = 'activity' | 'indicator'
const TAG: Record<PlanItemKind, 'a' | 'i'> = { activity: 'a', indicator: 'i' }

export { PLAN_FIELDS, type PlanField }
const ACTIVITY_FIELDS = Object.keys(EMPTY_ACTIVITY) as (keyof Activity)[]
const INDICATOR_FIELDS = ['type', 'name', 'source', 'baseline', 'target', 'breakdown', 'unit'] as const satisfies readonly (keyof Indicator)[]

export interface PlanRead {
  plan: ActionPlan
  /** Item ids in the order of `plan.activities` / `plan.indicators`. */
  activityIds: string[]
  indicatorIds: string[]
}

const ITEM_ID = /^[A-Za-z0-9_-]{8,40}$/
const planMap = (doc: Y.Doc) => doc.getMap<unknown>('plan')

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const [a, b] = path.split('.') as [string, string | undefined]
  if (b === undefined) target[a] = value
  else {
    const inner = (target[a] ??= {}) as Record<string, unknown>
    inner[b] = value
  }
}

/** One item's fields, each checked on its own: a broken field falls back to its default. */
function cleanItem(kind: PlanItemKind, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (kind === 'activity') {
    for (const f of ACTIVITY_FIELDS) out[f] = typeof fields[f] === 'string' ? fields[f] : ''
  } else {
    for (const f of INDICATOR_FIELDS) {
      const x = fields[f]
      if (f === 'breakdown') out[f] = Array.isArray(x) ? x.filter((b): b is string => typeof b === 'string') : []
      else if (f === 'type') out[f] = INDICATOR_TYPES.includes(x as Indicator['type']) ? x : 'process'
      else out[f] = typeof x === 'string' ? x : ''
    }
  }
  return out
}

export function readPlan(doc: Y.Doc, stepId: string): PlanRead {
  const prefix = `${stepId}|`
  const raw: Record<string, unknown> = {}
  const items = { a: new Map<string, Record<string, unknown>>(), i: new Map<string, Record<string, unknown>>() }
  planMap(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return
    const rest = key.slice(prefix.length).split('|')
    if (rest[0] === 'f' && rest.length === 2 && (PLAN_FIELDS as readonly string[]).includes(rest[1] as string)) {
      if (typeof value === 'string') setPath(raw, rest[1] as string, value)
    } else if ((rest[0] === 'a' || rest[0] === 'i') && rest.length === 3 && ITEM_ID.test(rest[1] as string)) {
      const map = items[rest[0]]
      const item = map.get(rest[1] as string) ?? {}
      item[rest[2] as string] = value
      map.set(rest[1] as string, item)
    }
  })
  const ordered = (m: Map<string, Record<string, unknown>>) =>
    [...m.entries()]
      // Only items that were created (have createdAt): a field write racing a delete leaves a stray entry.
      .filter(([, f]) => typeof f.createdAt === 'number')
      .sort(([ia, a], [ib, b]) => (a.createdAt as number) - (b.createdAt as number) || (ia < ib ? -1 : 1))
  const acts = ordered(items.a)
  const inds = ordered(items.i)
  raw.activities = acts.map(([, f]) => cleanItem('activity', f))
  raw.indicators = inds.map(([, f]) => cleanItem('indicator', f))
  // A wrong type in a scalar field would make parsePlan refuse the whole plan: drop that field instead.
  let plan = parsePlan(raw)
  if (!plan) {
    const tg = raw.targetGroup as Record<string, unknown> | undefined
    if (tg) delete tg.approach
    plan = parsePlan(raw) ?? emptyPlan()
  }
  return { plan, activityIds: acts.map(([id]) => id).slice(0, plan.activities.length), indicatorIds: inds.map(([id]) => id).slice(0, plan.indicators.length) }
}

export function writePlanField(doc: Y.Doc, stepId: string, field: PlanField, value: string): boolean {
  if (!(PLAN_FIELDS as readonly string[]).includes(field) || typeof value !== 'string') return false
  doc.transact(() => planMap(doc).set(`${stepId}|f|${field}`, value), LOCAL_ORIGIN)
  return true
}

/** Adds an activity or indicator with initial fields; returns false for a malformed id. */
export function addPlanItem(doc: Y.Doc, stepId: string, kind: PlanItemKind, itemId: string, fields: Partial<Activity> | Partial<Indicator>, now: number): boolean {
  if (!ITEM_ID.test(itemId)) return false
  const clean = cleanItem(kind, fields as Record<string, unknown>)
  doc.transact(() => {
    const map = planMap(doc)
    const base = `${stepId}|${TAG[kind]}|${itemId}|`
    map.set(`${base}createdAt`, now)
    for (const [k, v] of Object.entries(clean)) map.set(base + k, v)
  }, LOCAL_ORIGIN)
  return true
}

export function writePlanItemField(doc: Y.Doc, stepId: string, kind: PlanItemKind, itemId: string, field: string, value: string | string[]): boolean {
  const allowed: readonly string[] = kind === 'activity' ? ACTIVITY_FIELDS : INDICATOR_FIELDS
  if (!ITEM_ID.test(itemId) || !allowed.includes(field)) return false
  if (field === 'breakdown' ? !Array.isArray(value) : typeof value !== 'string') return false
  const key = `${stepId}|${TAG[kind]}|${itemId}|`
  if (!planMap(doc).has(`${key}createdAt`)) return false
  doc.transact(() => planMap(doc).set(key + field, value), LOCAL_ORIGIN)
  return true
}

export function removePlanItem(doc: Y.Doc, stepId: string, kind: PlanItemKind, itemId: string): void {
  const prefix = `${stepId}|${TAG[kind]}|${itemId}|`
  doc.transact(() => {
    const map = planMap(doc)
    for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key)
  }, LOCAL_ORIGIN)
}

export function observePlan(doc: Y.Doc, cb: () => void): () => void {
  const m = planMap(doc)
  const on = () => cb()
  m.observe(on)
  return () => m.unobserve(on)
}
