/**
 * Pure helpers of the action-plan form: addressing fields by a key that survives reordering,
 * placing validation problems next to their field, the "kept" overlay that lets an over-long
 * text stay in the field, and breakdown lists edited as checkboxes plus free text.
 *
 * Keys: a scalar field is its dotted PLAN_FIELDS path ("targetGroup.group"); an item field uses
 * the item's id instead of its index ("activities.<itemId>.ownerRole"), so touched state, focus
 * and kept text stay with the right activity when another device adds or removes one above it.
 * Validation speaks in index paths ("activities.2.ownerRole"); `locateProblems` translates.
 */
import {
  BREAKDOWN_LABELS,
  MAX_BREAKDOWN,
  MAX_PLAN_SHORT_TEXT,
  MAX_PLAN_TEXT,
  PLAN_FIELDS,
  PLAN_SECTIONS,
  foldForSearch,
  type ActionPlan,
  type BreakdownKey,
  type PlanErrorCode,
  type PlanSection,
  type PlanValidation,
  type PlanWarningCode,
} from '../../domain/actionPlan.ts'
import type { PlanRead } from '../../app/workshopSession.ts'

export type PlanCode = PlanErrorCode | PlanWarningCode
export type Severity = 'error' | 'warning'

/** Today as yyyy-mm-dd in the device's local time (not UTC: at 00:30 in Norway it is already tomorrow). */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/**
 * Accepts the way Norwegians write dates ("15.9.2026", "15/09/2026") and turns it into
 * yyyy-mm-dd; anything else is returned trimmed and unchanged, so validation can point at it
 * and nothing typed is lost.
 */
export function normalizeDateInput(s: string): string {
  const x = s.trim()
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(x)
  if (!m) return x
  const [, d, mo, y] = m as unknown as [string, string, string, string]
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
}

/** Cuts by code point exactly like parsePlan does when it reads the doc. */
export function clipText(s: string, max: number): string {
  return s.length <= max ? s : Array.from(s).slice(0, max).join('')
}

export const codePointLength = (s: string): number => Array.from(s).length

const SHORT_SCALARS = new Set(['planTrace.plan', 'planTrace.measure', 'youthFeedback.channel'])
const DATE_SCALARS = new Set(['equityEvaluation.when', 'youthFeedback.date'])

/** The length parsePlan cuts a field to (dates are cut to 10 characters). */
export function limitFor(key: string): number {
  const [head, , field] = key.split('.')
  if (head === 'activities') return field === 'ownerRole' ? MAX_PLAN_SHORT_TEXT : field === 'startDate' ? 10 : MAX_PLAN_TEXT
  if (head === 'indicators') return MAX_PLAN_SHORT_TEXT
  if (DATE_SCALARS.has(key)) return 10
  return SHORT_SCALARS.has(key) ? MAX_PLAN_SHORT_TEXT : MAX_PLAN_TEXT
}

export type FieldValue = string | string[]

/** What reading the doc gives back after writing `value` at `key` (texts clipped, breakdown cut to its maximum). */
export function expectRead(key: string, value: FieldValue): FieldValue {
  if (Array.isArray(value)) return value.map((b) => clipText(b, MAX_PLAN_SHORT_TEXT)).slice(0, MAX_BREAKDOWN)
  return clipText(value, limitFor(key))
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}

interface Address {
  head: string
  /** Item index in the plan's list, for item fields. */
  index?: number
  field?: string
}

function address(read: PlanRead, key: string): Address | null {
  const parts = key.split('.')
  const head = parts[0] ?? ''
  if ((head === 'activities' || head === 'indicators') && parts.length >= 3) {
    const ids = head === 'activities' ? read.activityIds : read.indicatorIds
    const index = ids.indexOf(parts[1] ?? '')
    return index < 0 ? null : { head, index, field: parts[2] as string }
  }
  return parts.length === 2 ? { head, field: parts[1] as string } : { head }
}

/** The value at a key in a read plan (undefined when the key names nothing, e.g. a removed item). */
export function rawAt(read: PlanRead, key: string): FieldValue | undefined {
  const a = address(read, key)
  if (!a) return undefined
  const plan = read.plan as unknown as Record<string, unknown>
  let obj: unknown = plan[a.head]
  if (a.index !== undefined) obj = (obj as unknown[])[a.index]
  if (a.field === undefined) return typeof obj === 'string' ? obj : undefined
  const v = (obj as Record<string, unknown> | undefined)?.[a.field]
  return typeof v === 'string' || Array.isArray(v) ? (v as FieldValue) : undefined
}

/** Text this device wrote that reading the doc cuts short (too long, too many breakdowns). */
export interface Kept {
  value: FieldValue
  /** What the doc reads back; the kept value shows only while the doc still says exactly this. */
  expect: FieldValue
}

/**
 * The plan as this device shows it: the doc's plan with every still-current kept value laid
 * over it, so an over-long text stays in its field and validation can say it is too long.
 * Kept values whose doc value has since changed (another device edited) are ignored.
 */
export function overlayPlan(read: PlanRead, kept: ReadonlyMap<string, Kept>): PlanRead {
  const active = [...kept].filter(([key, k]) => sameValue(rawAt(read, key), k.expect))
  if (active.length === 0) return read
  const plan: ActionPlan = {
    ...read.plan,
    planTrace: { ...read.plan.planTrace },
    targetGroup: { ...read.plan.targetGroup },
    logicChain: { ...read.plan.logicChain },
    activities: read.plan.activities.map((a) => ({ ...a })),
    indicators: read.plan.indicators.map((i) => ({ ...i, breakdown: [...i.breakdown] })),
    equityEvaluation: { ...read.plan.equityEvaluation },
    unintendedEffects: { ...read.plan.unintendedEffects },
    youthFeedback: { ...read.plan.youthFeedback },
  }
  const root = plan as unknown as Record<string, unknown>
  for (const [key, k] of active) {
    const a = address(read, key)
    if (!a) continue
    const value = Array.isArray(k.value) ? [...k.value] : k.value
    if (a.index !== undefined && a.field !== undefined) ((root[a.head] as Record<string, unknown>[])[a.index] as Record<string, unknown>)[a.field] = value
    else if (a.field !== undefined) (root[a.head] as Record<string, unknown>)[a.field] = value
    else root[a.head] = value
  }
  return { ...read, plan }
}

// ---------------------------------------------------------------------------------------------
// Problems

export interface LocatedProblem {
  /** The validator's path, e.g. "indicators.2.baseline". */
  path: string
  /** The field key the message belongs beside ("indicators.<id>.baseline"; a breakdown entry's problem goes to "…breakdown"). */
  key: string
  code: PlanCode
  severity: Severity
  section: PlanSection
  /** 1-based item number for item problems. */
  itemNumber?: number
  itemKind?: 'activity' | 'indicator'
  /** Field within the section or item ("ownerRole", "group"); absent for a whole list ("activities"). */
  field?: string
}

const ACTIVITY_ORDER = ['description', 'ownerRole', 'startDate', 'resources']
const INDICATOR_ORDER = ['type', 'name', 'source', 'baseline', 'target', 'unit', 'breakdown']
const SCALAR_ORDER: readonly string[] = PLAN_FIELDS

/** Position in the form, top to bottom, so errors and warnings can be listed together. */
function formRank(p: LocatedProblem): number {
  const s = PLAN_SECTIONS.indexOf(p.section) * 100_000
  if (p.itemNumber !== undefined) {
    const order = p.itemKind === 'activity' ? ACTIVITY_ORDER : INDICATOR_ORDER
    return s + p.itemNumber * 100 + order.indexOf(p.field ?? '') + 1
  }
  // A list-level problem ("no equity indicator") sits after the list's items.
  if (p.field === undefined) return s + 99_999
  return s + SCALAR_ORDER.indexOf(p.key)
}

/** Every problem with its field key, in form order (an error before a warning on the same field). */
export function locateProblems(v: PlanValidation, read: PlanRead): LocatedProblem[] {
  const out: LocatedProblem[] = []
  const add = (path: string, code: PlanCode, severity: Severity) => {
    const parts = path.split('.')
    const head = parts[0] as PlanSection
    if ((head === 'activities' || head === 'indicators') && parts.length >= 3) {
      const index = Number(parts[1])
      const ids = head === 'activities' ? read.activityIds : read.indicatorIds
      const id = ids[index]
      if (id === undefined) return
      const field = parts[2] as string
      out.push({ path, key: `${head}.${id}.${field}`, code, severity, section: head, itemNumber: index + 1, itemKind: head === 'activities' ? 'activity' : 'indicator', field })
    } else {
      const listLevel = parts.length === 1 && (head === 'activities' || head === 'indicators')
      out.push({ path, key: parts.slice(0, 2).join('.'), code, severity, section: head, ...(listLevel ? {} : { field: parts[1] ?? head }) })
    }
  }
  for (const e of v.errors) add(e.path, e.code, 'error')
  for (const w of v.warnings) add(w.path, w.code, 'warning')
  return out
    .map((p, i) => ({ p, i, r: formRank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.p)
}

/** Problems to show beside the fields: "required" only once the field was touched on this device. */
export function inlineProblems(all: readonly LocatedProblem[], touched: ReadonlySet<string>): LocatedProblem[] {
  return all.filter((p) => p.code !== 'required' || touched.has(p.key))
}

export function groupByKey(ps: readonly LocatedProblem[]): Map<string, LocatedProblem[]> {
  const m = new Map<string, LocatedProblem[]>()
  for (const p of ps) {
    const list = m.get(p.key)
    if (list) list.push(p)
    else m.set(p.key, [p])
  }
  return m
}

/** A DOM id for a field key, unique per step. */
export function fieldDomId(stepId: string, key: string): string {
  return `plan-${stepId.replace(/[^A-Za-z0-9_-]/g, '_')}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

// ---------------------------------------------------------------------------------------------
// Breakdown: checkboxes for the known keys, free text for the rest

export const BREAKDOWN_KEYS = Object.keys(BREAKDOWN_LABELS) as BreakdownKey[]
export const isBreakdownKey = (b: string): b is BreakdownKey => Object.hasOwn(BREAKDOWN_LABELS, b)

/** The free-text breakdowns (not known keys), as one comma-separated line. */
export function freeBreakdownText(list: readonly string[]): string {
  return list.filter((b) => !isBreakdownKey(b)).join(', ')
}

/** Checks or unchecks a known breakdown, keeping the order of everything else. */
export function toggleBreakdown(list: readonly string[], key: BreakdownKey, on: boolean): string[] {
  if (on) return list.includes(key) ? [...list] : [...list, key]
  return list.filter((b) => b !== key)
}

/**
 * Replaces the free-text part of a breakdown with what was typed: split at commas, trimmed,
 * without duplicates. A typed label of a known breakdown ("kjønn", "Gender") becomes its
 * checkbox instead, so the figures can be compared with the suggestions.
 */
export function withFreeBreakdown(list: readonly string[], text: string): string[] {
  const known = list.filter(isBreakdownKey) as string[]
  const byLabel = new Map<string, BreakdownKey>()
  for (const k of BREAKDOWN_KEYS) {
    byLabel.set(foldForSearch(k), k)
    byLabel.set(foldForSearch(BREAKDOWN_LABELS[k].nb), k)
    byLabel.set(foldForSearch(BREAKDOWN_LABELS[k].en), k)
  }
  const out = [...known]
  const seen = new Set(out.map((b) => foldForSearch(b)))
  for (const raw of text.split(',')) {
    const s = raw.trim()
    if (!s) continue
    const k = byLabel.get(foldForSearch(s))
    const entry = k ?? s
    const folded = foldForSearch(entry)
    if (seen.has(folded)) continue
    seen.add(folded)
    out.push(entry)
  }
  return out
}
