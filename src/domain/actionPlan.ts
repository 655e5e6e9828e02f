/**
 * The action plan (operationalisation): the fields that municipal plans name as an aim but
 * almost never fill in. The Trøndelag research (DOMAIN.md) found that plans state health equity
 * as a goal yet rarely make it measurable, link it to activities, or evaluate equity when the
 * measure is evaluated; and that young people never hear back. Each section below closes one
 * of those gaps (research/domain.md §4.3).
 *
 * Decisions worth knowing:
 * - Every field is a plain string, '' meaning "not filled in yet", like the influence contract:
 *   that is what a form holds, and a half-written plan is a normal state to save and sync.
 * - `validatePlan` separates errors (the plan says something wrong or cannot be followed up:
 *   a target without a baseline, a feedback date already passed, an activity nobody owns) from
 *   warnings (the plan is weaker than it should be: no equity-gap indicator, a goal without a
 *   number). Incompleteness is neither: `planCompleteness` measures it for the progress bar.
 *   Only the two fields without which there is no plan at all are required: the equity goal
 *   and the date the youth hear back (the single most important promise, see contract.ts).
 * - Owners are roles ("Kultursjef", "Ungdomskontakten"), never people: a plan outlives staff
 *   changes, and the exported summary should hold no personal data. A name-like owner is a
 *   warning, not an error, because the name detector is a heuristic (pii.ts).
 * - `today` is injected as yyyy-mm-dd so validation stays pure and testable.
 */
import * as v from 'valibot'
import { findPersonalInfo } from './pii.ts'
import type { LocalizedText } from './template.ts'

export const MAX_PLAN_TEXT = 2000
export const MAX_PLAN_SHORT_TEXT = 200
export const MAX_ACTIVITIES = 30
export const MAX_INDICATORS = 30
export const MAX_BREAKDOWN = 8

export type Locale = 'nb' | 'en'

// ---------------------------------------------------------------------------------------------
// The model

export type IndicatorType = 'process' | 'output' | 'outcome' | 'equityGap'
export const INDICATOR_TYPES: readonly IndicatorType[] = ['process', 'output', 'outcome', 'equityGap']

/**
 * How the measure meets need. `proportionate` is proportionate universalism: a universal core
 * for everyone, with intensity scaled to need (extra for whom, in `extraFor`). `targeted` serves
 * a group sharing a risk and must name it.
 */
export type Approach = 'universal' | 'proportionate' | 'targeted'
export const APPROACHES: readonly Approach[] = ['universal', 'proportionate', 'targeted']

/** Breakdowns the suggestions use. An indicator may also hold a free-text breakdown ("skolekrets"). */
export type BreakdownKey = 'gender' | 'grade' | 'income' | 'parentsEducation' | 'ethnicBackground' | 'area' | 'school'
export const BREAKDOWN_LABELS: Readonly<Record<BreakdownKey, LocalizedText>> = {
  gender: { nb: 'Kjønn', en: 'Gender' },
  grade: { nb: 'Klassetrinn', en: 'School year' },
  income: { nb: 'Familieøkonomi / inntekt', en: 'Family finances / income' },
  parentsEducation: { nb: 'Foreldrenes utdanning', en: "Parents' education" },
  ethnicBackground: { nb: 'Innvandrings- / etnisk bakgrunn', en: 'Immigrant / ethnic background' },
  area: { nb: 'Område / krets', en: 'Area / district' },
  school: { nb: 'Skole', en: 'School' },
}

/** The label of a breakdown: the known key's label, or the free text itself. */
export function breakdownLabel(b: string, locale: Locale): string {
  return Object.hasOwn(BREAKDOWN_LABELS, b) ? BREAKDOWN_LABELS[b as BreakdownKey][locale] : b
}

/** Planning strategy → community-plan goal → action-programme measure (the MPS→MMP→MAP trace). */
export interface PlanTrace {
  /** Which plan or strategy, e.g. "Kommuneplanens samfunnsdel 2024–2036". */
  plan: string
  /** Which of its goals, e.g. "Mål 2.1: Alle barn og unge har en meningsfull fritid". */
  goal: string
  /** The action-programme measure, if there is one yet, e.g. "Handlingsdel tiltak 14". */
  measure: string
}

export interface TargetGroup {
  approach: Approach | ''
  /** Who the measure is for. Required when targeted. */
  group: string
  /** With proportionate universalism: who gets extra, and what. */
  extraFor: string
  /** Why this approach and group: the need, and who could lose out otherwise. */
  justification: string
}

/** The causal chain from what goes in to the change in the gap. */
export interface LogicChain {
  input: string
  activity: string
  output: string
  outcome: string
  equityImpact: string
}

export interface Activity {
  description: string
  /** A role or unit, never a person's name. */
  ownerRole: string
  /** yyyy-mm-dd. May lie in the past: plans often describe measures already under way. */
  startDate: string
  resources: string
}

export interface Indicator {
  type: IndicatorType
  name: string
  source: string
  baseline: string
  target: string
  /** What the figures are broken down by: BreakdownKeys or free text. Averages hide gaps. */
  breakdown: string[]
  unit: string
}

export interface EquityEvaluationPlan {
  /** yyyy-mm-dd. */
  when: string
  how: string
  /** Who hears the result (including the youth). */
  whoHears: string
}

export interface UnintendedEffectsWatch {
  /** What could widen the gap (e.g. other exposed groups deprioritised, stigma). */
  risks: string
  howWeNotice: string
}

export interface YouthFeedback {
  /** yyyy-mm-dd. Required: the youth's most common complaint is never hearing back. */
  date: string
  channel: string
}

export interface ActionPlan {
  /** Explicit and measurable: what gap, between whom, from what to what, by when. */
  equityGoal: string
  planTrace: PlanTrace
  targetGroup: TargetGroup
  logicChain: LogicChain
  activities: Activity[]
  indicators: Indicator[]
  equityEvaluation: EquityEvaluationPlan
  unintendedEffects: UnintendedEffectsWatch
  youthFeedback: YouthFeedback
}

export const EMPTY_ACTIVITY: Readonly<Activity> = Object.freeze({ description: '', ownerRole: '', startDate: '', resources: '' })

export const EMPTY_PLAN: Readonly<ActionPlan> = Object.freeze({
  equityGoal: '',
  planTrace: Object.freeze({ plan: '', goal: '', measure: '' }),
  targetGroup: Object.freeze({ approach: '', group: '', extraFor: '', justification: '' }),
  logicChain: Object.freeze({ input: '', activity: '', output: '', outcome: '', equityImpact: '' }),
  activities: Object.freeze([]) as unknown as Activity[],
  indicators: Object.freeze([]) as unknown as Indicator[],
  equityEvaluation: Object.freeze({ when: '', how: '', whoHears: '' }),
  unintendedEffects: Object.freeze({ risks: '', howWeNotice: '' }),
  youthFeedback: Object.freeze({ date: '', channel: '' }),
}) as ActionPlan

/** A fresh, mutable empty plan (EMPTY_PLAN is frozen so nobody edits the shared constant). */
export function emptyPlan(): ActionPlan {
  return {
    equityGoal: '',
    planTrace: { ...EMPTY_PLAN.planTrace },
    targetGroup: { ...EMPTY_PLAN.targetGroup },
    logicChain: { ...EMPTY_PLAN.logicChain },
    activities: [],
    indicators: [],
    equityEvaluation: { ...EMPTY_PLAN.equityEvaluation },
    unintendedEffects: { ...EMPTY_PLAN.unintendedEffects },
    youthFeedback: { ...EMPTY_PLAN.youthFeedback },
  }
}

/** The scalar fields of the plan, as dotted paths. */
export const PLAN_FIELDS = [
  'equityGoal',
  'planTrace.plan',
  'planTrace.goal',
  'planTrace.measure',
  'targetGroup.approach',
  'targetGroup.group',
  'targetGroup.extraFor',
  'targetGroup.justification',
  'logicChain.input',
  'logicChain.activity',
  'logicChain.output',
  'logicChain.outcome',
  'logicChain.equityImpact',
  'equityEvaluation.when',
  'equityEvaluation.how',
  'equityEvaluation.whoHears',
  'unintendedEffects.risks',
  'unintendedEffects.howWeNotice',
  'youthFeedback.date',
  'youthFeedback.channel',
] as const
export type PlanField = (typeof PLAN_FIELDS)[number]
// ---------------------------------------------------------------------------------------------
// Validation

export type PlanErrorCode =
  | 'required'
  | 'tooLong'
  | 'tooMany'
  | 'invalid'
  | 'badDate'
  | 'pastDate'
  | 'baselineRequired'
  | 'targetGroupRequired'
  | 'extraForRequired'
  | 'ownerRoleRequired'
  | 'breakdownRequired'
export type PlanWarningCode = 'noEquityIndicator' | 'goalNotMeasurable' | 'ownerLooksLikeName'

export interface PlanProblem<C extends string = PlanErrorCode | PlanWarningCode> {
  code: C
  /** Dotted field address, e.g. "indicators.2.baseline" or "youthFeedback.date". */
  path: string
}

export interface PlanValidation {
  /** True when there are no errors; warnings do not block. */
  ok: boolean
  errors: PlanProblem<PlanErrorCode>[]
  warnings: PlanProblem<PlanWarningCode>[]
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date written yyyy-mm-dd (so 2026-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

const filled = (s: string) => typeof s === 'string' && s.trim().length > 0
const codePoints = (s: string) => Array.from(s).length
/** A digit anywhere: "from 18 to 10 percentage points by 2028" can be checked, "reduce the gap" cannot. */
const hasNumber = (s: string) => /\p{Nd}/u.test(s)

/**
 * Checks a plan as typed in the form (or parsed with `parsePlan`). Errors and warnings come in
 * the order of the form, top to bottom. `today` is yyyy-mm-dd; a bad `today` is a programming
 * error and throws.
 */
export function validatePlan(plan: ActionPlan, today: string): PlanValidation {
  if (!isIsoDate(today)) throw new RangeError(`today must be yyyy-mm-dd, got ${today}`)
  const errors: PlanProblem<PlanErrorCode>[] = []
  const warnings: PlanProblem<PlanWarningCode>[] = []
  const err = (path: string, code: PlanErrorCode) => errors.push({ path, code })
  const warn = (path: string, code: PlanWarningCode) => warnings.push({ path, code })
  /** Length check only; returns whether the text is filled in. */
  const text = (path: string, value: string, max: number): boolean => {
    if (codePoints(value) > max) err(path, 'tooLong')
    return filled(value)
  }
  const date = (path: string, value: string): boolean => {
    if (!filled(value)) return false
    if (!isIsoDate(value)) {
      err(path, 'badDate')
      return false
    }
    return true
  }

  if (!text('equityGoal', plan.equityGoal, MAX_PLAN_TEXT)) err('equityGoal', 'required')
  else if (!hasNumber(plan.equityGoal)) warn('equityGoal', 'goalNotMeasurable')

  text('planTrace.plan', plan.planTrace.plan, MAX_PLAN_SHORT_TEXT)
  text('planTrace.goal', plan.planTrace.goal, MAX_PLAN_TEXT)
  text('planTrace.measure', plan.planTrace.measure, MAX_PLAN_SHORT_TEXT)

  const tg = plan.targetGroup
  if (tg.approach !== '' && !APPROACHES.includes(tg.approach)) err('targetGroup.approach', 'invalid')
  const hasGroup = text('targetGroup.group', tg.group, MAX_PLAN_TEXT)
  const hasExtra = text('targetGroup.extraFor', tg.extraFor, MAX_PLAN_TEXT)
  text('targetGroup.justification', tg.justification, MAX_PLAN_TEXT)
  if (tg.approach === 'targeted' && !hasGroup) err('targetGroup.group', 'targetGroupRequired')
  if (tg.approach === 'proportionate' && !hasExtra) err('targetGroup.extraFor', 'extraForRequired')

  for (const k of LOGIC_LINKS) text(`logicChain.${k}`, plan.logicChain[k], MAX_PLAN_TEXT)

  if (plan.activities.length > MAX_ACTIVITIES) err('activities', 'tooMany')
  plan.activities.forEach((a, i) => {
    const p = `activities.${i}`
    if (!text(`${p}.description`, a.description, MAX_PLAN_TEXT)) err(`${p}.description`, 'required')
    if (!text(`${p}.ownerRole`, a.ownerRole, MAX_PLAN_SHORT_TEXT)) err(`${p}.ownerRole`, 'ownerRoleRequired')
    else if (findPersonalInfo(a.ownerRole).some((m) => m.kind === 'name')) warn(`${p}.ownerRole`, 'ownerLooksLikeName')
    date(`${p}.startDate`, a.startDate)
    text(`${p}.resources`, a.resources, MAX_PLAN_TEXT)
  })

  if (plan.indicators.length > MAX_INDICATORS) err('indicators', 'tooMany')
  plan.indicators.forEach((ind, i) => {
    const p = `indicators.${i}`
    if (!INDICATOR_TYPES.includes(ind.type)) err(`${p}.type`, 'invalid')
    if (!text(`${p}.name`, ind.name, MAX_PLAN_SHORT_TEXT)) err(`${p}.name`, 'required')
    text(`${p}.source`, ind.source, MAX_PLAN_SHORT_TEXT)
    const hasBaseline = text(`${p}.baseline`, ind.baseline, MAX_PLAN_SHORT_TEXT)
    const hasTarget = text(`${p}.target`, ind.target, MAX_PLAN_SHORT_TEXT)
    // A target without a starting point cannot be checked: "down to 10 %" from where?
    if (hasTarget && !hasBaseline) err(`${p}.baseline`, 'baselineRequired')
    text(`${p}.unit`, ind.unit, MAX_PLAN_SHORT_TEXT)
    if (ind.breakdown.length > MAX_BREAKDOWN) err(`${p}.breakdown`, 'tooMany')
    ind.breakdown.forEach((b, j) => text(`${p}.breakdown.${j}`, b, MAX_PLAN_SHORT_TEXT))
    // A gap is a difference between groups: without saying which groups, it is an average.
    if (ind.type === 'equityGap' && !ind.breakdown.some(filled)) err(`${p}.breakdown`, 'breakdownRequired')
  })
  if (!plan.indicators.some((ind) => ind.type === 'equityGap')) warn('indicators', 'noEquityIndicator')

  date('equityEvaluation.when', plan.equityEvaluation.when)
  text('equityEvaluation.how', plan.equityEvaluation.how, MAX_PLAN_TEXT)
  text('equityEvaluation.whoHears', plan.equityEvaluation.whoHears, MAX_PLAN_TEXT)

  text('unintendedEffects.risks', plan.unintendedEffects.risks, MAX_PLAN_TEXT)
  text('unintendedEffects.howWeNotice', plan.unintendedEffects.howWeNotice, MAX_PLAN_TEXT)

  const fb = plan.youthFeedback
  if (!filled(fb.date)) err('youthFeedback.date', 'required')
  else if (date('youthFeedback.date', fb.date) && fb.date < today) err('youthFeedback.date', 'pastDate')
  text('youthFeedback.channel', fb.channel, MAX_PLAN_SHORT_TEXT)

  return { ok: errors.length === 0, errors, warnings }
}

const LOGIC_LINKS = ['input', 'activity', 'output', 'outcome', 'equityImpact'] as const satisfies readonly (keyof LogicChain)[]

// ---------------------------------------------------------------------------------------------
// Completeness (progress bar)

export type PlanSection =
  | 'equityGoal'
  | 'planTrace'
  | 'targetGroup'
  | 'logicChain'
  | 'activities'
  | 'indicators'
  | 'equityEvaluation'
  | 'unintendedEffects'
  | 'youthFeedback'
export const PLAN_SECTIONS: readonly PlanSection[] = [
  'equityGoal',
  'planTrace',
  'targetGroup',
  'logicChain',
  'activities',
  'indicators',
  'equityEvaluation',
  'unintendedEffects',
  'youthFeedback',
]

export interface PlanCompleteness {
  /** 0–1: the mean of the section scores. */
  score: number
  /** Sections not yet complete, in form order. */
  missing: PlanSection[]
  /** 0–1 per section: the share of its parts filled in. */
  sections: Record<PlanSection, number>
}

const share = (parts: readonly boolean[]) => (parts.length === 0 ? 0 : parts.filter(Boolean).length / parts.length)
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)

function indicatorScore(ind: Indicator): number {
  const parts = [filled(ind.name), filled(ind.source), filled(ind.baseline), filled(ind.target), filled(ind.unit)]
  if (ind.type === 'equityGap') parts.push(ind.breakdown.some(filled))
  return share(parts)
}

/**
 * How much of the plan is filled in, section by section. Each section scores only its own
 * fields, so filling one section never lowers another (the bar only moves forward as you fill
 * in). Partial credit keeps the bar moving while typing; adding a new, empty activity does
 * lower the activities score, which is honest: there is now an activity nobody owns.
 * Dates count when they are real dates; whether they are in the past is validation's business.
 */
export function planCompleteness(plan: ActionPlan): PlanCompleteness {
  const tg = plan.targetGroup
  const tgParts = [tg.approach !== '' && APPROACHES.includes(tg.approach), filled(tg.group), filled(tg.justification)]
  if (tg.approach === 'proportionate') tgParts.push(filled(tg.extraFor))
  const sections: Record<PlanSection, number> = {
    equityGoal: filled(plan.equityGoal) ? 1 : 0,
    planTrace: share([filled(plan.planTrace.plan), filled(plan.planTrace.goal)]),
    targetGroup: share(tgParts),
    logicChain: share(LOGIC_LINKS.map((k) => filled(plan.logicChain[k]))),
    activities: mean(plan.activities.map((a) => share([filled(a.description), filled(a.ownerRole), isIsoDate(a.startDate), filled(a.resources)]))),
    indicators:
      plan.indicators.length === 0
        ? 0
        : mean([mean(plan.indicators.map(indicatorScore)), plan.indicators.some((i) => i.type === 'equityGap' && i.breakdown.some(filled)) ? 1 : 0]),
    equityEvaluation: share([isIsoDate(plan.equityEvaluation.when), filled(plan.equityEvaluation.how), filled(plan.equityEvaluation.whoHears)]),
    unintendedEffects: share([filled(plan.unintendedEffects.risks), filled(plan.unintendedEffects.howWeNotice)]),
    youthFeedback: share([isIsoDate(plan.youthFeedback.date), filled(plan.youthFeedback.channel)]),
  }
  const scores = PLAN_SECTIONS.map((s) => sections[s])
  return { score: mean(scores), missing: PLAN_SECTIONS.filter((s) => sections[s] < 1), sections }
}

// ---------------------------------------------------------------------------------------------
// Untrusted input

/** Truncates by code point, so an emoji is never cut in half. */
const clip = (max: number) => (s: string) => (s.length <= max ? s : Array.from(s).slice(0, max).join(''))
const str = (max: number) => v.optional(v.pipe(v.string(), v.transform(clip(max))), '')
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.optional(v.pipe(v.array(item), v.transform((xs) => xs.slice(0, max))), [])

const PlanSchema = v.object({
  equityGoal: str(MAX_PLAN_TEXT),
  planTrace: v.optional(v.object({ plan: str(MAX_PLAN_SHORT_TEXT), goal: str(MAX_PLAN_TEXT), measure: str(MAX_PLAN_SHORT_TEXT) }), {}),
  targetGroup: v.optional(
    v.object({
      approach: v.optional(v.picklist(['', ...APPROACHES]), ''),
      group: str(MAX_PLAN_TEXT),
      extraFor: str(MAX_PLAN_TEXT),
      justification: str(MAX_PLAN_TEXT),
    }),
    {},
  ),
  logicChain: v.optional(v.object(Object.fromEntries(LOGIC_LINKS.map((k) => [k, str(MAX_PLAN_TEXT)])) as Record<keyof LogicChain, ReturnType<typeof str>>), {}),
  activities: list(
    v.object({ description: str(MAX_PLAN_TEXT), ownerRole: str(MAX_PLAN_SHORT_TEXT), startDate: str(10), resources: str(MAX_PLAN_TEXT) }),
    MAX_ACTIVITIES,
  ),
  indicators: list(
    v.object({
      type: v.picklist(INDICATOR_TYPES),
      name: str(MAX_PLAN_SHORT_TEXT),
      source: str(MAX_PLAN_SHORT_TEXT),
      baseline: str(MAX_PLAN_SHORT_TEXT),
      target: str(MAX_PLAN_SHORT_TEXT),
      breakdown: list(v.pipe(v.string(), v.transform(clip(MAX_PLAN_SHORT_TEXT))), MAX_BREAKDOWN),
      unit: str(MAX_PLAN_SHORT_TEXT),
    }),
    MAX_INDICATORS,
  ),
  equityEvaluation: v.optional(v.object({ when: str(10), how: str(MAX_PLAN_TEXT), whoHears: str(MAX_PLAN_TEXT) }), {}),
  unintendedEffects: v.optional(v.object({ risks: str(MAX_PLAN_TEXT), howWeNotice: str(MAX_PLAN_TEXT) }), {}),
  youthFeedback: v.optional(v.object({ date: str(10), channel: str(MAX_PLAN_SHORT_TEXT) }), {}),
})

/**
 * Coerces a plan from a peer or an imported file: missing fields become '', unknown fields are
 * dropped, texts and lists are cut to their limits (like `contractFromRemote`), and a wrong
 * type anywhere (a number for a text, an unknown indicator type) rejects the whole value, since
 * guessing what was meant would be worse. The result still goes through `validatePlan`.
 */
export function parsePlan(raw: unknown): ActionPlan | null {
  const res = v.safeParse(PlanSchema, raw)
  return res.success ? res.output : null
}

// ---------------------------------------------------------------------------------------------
// Indicator suggestions (chips)

export type IndicatorSource = 'Ungdata' | 'Folkehelseprofil'

export interface IndicatorSuggestion {
  id: string
  name: LocalizedText
  source: IndicatorSource
  type: IndicatorType
  /** The breakdown to suggest with it; every equity-gap suggestion has one. */
  breakdown: readonly BreakdownKey[]
  unit: LocalizedText
  /** Other words people search with (not shown). */
  keywords: { nb: readonly string[]; en: readonly string[] }
}

const PERCENT: LocalizedText = { nb: 'prosent', en: 'per cent' }
const POINTS: LocalizedText = { nb: 'prosentpoeng', en: 'percentage points' }

/**
 * Ready-made indicators from Ungdata (the national local youth survey, published per
 * municipality in Kommunehelsa and FHI's profiles) and the municipal public-health profile
 * (folkehelseprofil). Names follow the published indicator wording where we know it and are
 * plain descriptions where we do not; the planner can edit the name after picking a chip.
 * Ungdata figures are published only above its own small-number thresholds, so breakdowns are
 * suggested sparingly. Order is the default order of the chips.
 */
export const INDICATOR_SUGGESTIONS: readonly IndicatorSuggestion[] = [
  {
    id: 'ungdata-lonely',
    name: { nb: 'Plaget av ensomhet', en: 'Bothered by loneliness' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade', 'income'],
    unit: PERCENT,
    keywords: { nb: ['ensom', 'alene', 'venner', 'isolert'], en: ['lonely', 'alone', 'friends', 'isolated'] },
  },
  {
    id: 'ungdata-organised-leisure',
    name: { nb: 'Med i organisert fritidsaktivitet', en: 'Take part in organised leisure activities' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['income', 'area', 'ethnicBackground', 'gender'],
    unit: PERCENT,
    keywords: { nb: ['fritidsorganisasjon', 'idrett', 'korps', 'klubb', 'fritid', 'aktivitetskort'], en: ['leisure', 'sport', 'club', 'organised', 'member'] },
  },
  {
    id: 'ungdata-satisfied-local-area',
    name: { nb: 'Fornøyd med lokalmiljøet', en: 'Satisfied with the local area' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['area', 'income'],
    unit: PERCENT,
    keywords: { nb: ['nærmiljø', 'bygda', 'fritidstilbud', 'møteplass'], en: ['neighbourhood', 'community', 'local environment', 'meeting place'] },
  },
  {
    id: 'ungdata-safe-local-area',
    name: { nb: 'Trygg i nærmiljøet', en: 'Feel safe in the local area' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'area'],
    unit: PERCENT,
    keywords: { nb: ['trygghet', 'kveld', 'utrygg', 'lokalmiljø'], en: ['safety', 'night', 'unsafe', 'neighbourhood'] },
  },
  {
    id: 'ungdata-bullied',
    name: { nb: 'Utsatt for mobbing', en: 'Have been bullied' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade', 'ethnicBackground'],
    unit: PERCENT,
    keywords: { nb: ['mobbet', 'plaget', 'utestengt', 'krenket'], en: ['bullying', 'harassment', 'excluded'] },
  },
  {
    id: 'ungdata-physically-inactive',
    name: { nb: 'Lite fysisk aktive', en: 'Physically inactive' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'income'],
    unit: PERCENT,
    keywords: { nb: ['fysisk aktivitet', 'trening', 'bevegelse', 'idrett'], en: ['physical activity', 'exercise', 'sport'] },
  },
  {
    id: 'ungdata-screen-time',
    name: { nb: 'Mye skjermtid (4 timer eller mer om dagen utenom skolen)', en: 'High screen time (4 hours or more a day outside school)' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade'],
    unit: PERCENT,
    keywords: { nb: ['skjerm', 'mobil', 'gaming', 'dataspill', 'sosiale medier'], en: ['screen', 'phone', 'gaming', 'social media'] },
  },
  {
    id: 'ungdata-school-satisfaction',
    name: { nb: 'Trives på skolen', en: 'Happy at school' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade', 'income'],
    unit: PERCENT,
    keywords: { nb: ['skoletrivsel', 'skole', 'læringsmiljø'], en: ['school satisfaction', 'school', 'learning environment'] },
  },
  {
    id: 'ungdata-depressive-symptoms',
    name: { nb: 'Depressive symptomer', en: 'Depressive symptoms' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade'],
    unit: PERCENT,
    keywords: { nb: ['psykisk helse', 'psykiske plager', 'nedstemt', 'bekymret'], en: ['mental health', 'distress', 'depressed', 'worried'] },
  },
  {
    id: 'ungdata-close-friend',
    name: { nb: 'Har minst én fortrolig venn', en: 'Have at least one close friend' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade'],
    unit: PERCENT,
    keywords: { nb: ['venner', 'vennskap', 'ensom'], en: ['friends', 'friendship', 'lonely'] },
  },
  {
    id: 'ungdata-future-optimism',
    name: { nb: 'Tror de vil få et godt og lykkelig liv', en: 'Expect to have a good and happy life' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'income'],
    unit: PERCENT,
    keywords: { nb: ['framtid', 'fremtid', 'optimisme', 'håp'], en: ['future', 'optimism', 'hope'] },
  },
  {
    id: 'ungdata-drunk',
    name: { nb: 'Har vært beruset siste 12 måneder', en: 'Have been drunk in the last 12 months' },
    source: 'Ungdata',
    type: 'outcome',
    breakdown: ['gender', 'grade'],
    unit: PERCENT,
    keywords: { nb: ['alkohol', 'rus', 'fyll'], en: ['alcohol', 'drinking', 'intoxicated'] },
  },
  {
    id: 'ungdata-leisure-gap-income',
    name: { nb: 'Forskjell i deltakelse i organisert fritid etter familieøkonomi', en: 'Gap in organised-leisure participation by family finances' },
    source: 'Ungdata',
    type: 'equityGap',
    breakdown: ['income'],
    unit: POINTS,
    keywords: { nb: ['ulikhet', 'fritidsorganisasjon', 'råd', 'utjevning'], en: ['inequality', 'difference', 'income', 'levelling'] },
  },
  {
    id: 'ungdata-loneliness-gap-income',
    name: { nb: 'Forskjell i ensomhet etter familieøkonomi', en: 'Gap in loneliness by family finances' },
    source: 'Ungdata',
    type: 'equityGap',
    breakdown: ['income'],
    unit: POINTS,
    keywords: { nb: ['ulikhet', 'råd', 'utjevning'], en: ['inequality', 'difference', 'income'] },
  },
  {
    id: 'fhp-low-income-households',
    name: { nb: 'Barn i husholdninger med vedvarende lavinntekt', en: 'Children in persistently low-income households' },
    source: 'Folkehelseprofil',
    type: 'outcome',
    breakdown: ['area'],
    unit: PERCENT,
    keywords: { nb: ['lavinntekt', 'fattigdom', 'inntekt', 'økonomi'], en: ['low income', 'poverty', 'household', 'income'] },
  },
  {
    id: 'fhp-upper-secondary-completion',
    name: { nb: 'Fullført videregående opplæring', en: 'Completed upper-secondary education' },
    source: 'Folkehelseprofil',
    type: 'outcome',
    breakdown: ['parentsEducation', 'gender', 'ethnicBackground'],
    unit: PERCENT,
    keywords: { nb: ['vgs', 'frafall', 'gjennomføring', 'utdanning'], en: ['dropout', 'high school', 'completion', 'education'] },
  },
  {
    id: 'fhp-completion-gap-parents-education',
    name: { nb: 'Forskjell i fullført videregående etter foreldrenes utdanning', en: "Gap in upper-secondary completion by parents' education" },
    source: 'Folkehelseprofil',
    type: 'equityGap',
    breakdown: ['parentsEducation'],
    unit: POINTS,
    keywords: { nb: ['ulikhet', 'frafall', 'vgs', 'utjevning'], en: ['inequality', 'dropout', 'difference'] },
  },
  {
    id: 'fhp-income-inequality',
    name: { nb: 'Inntektsulikhet (P90/P10)', en: 'Income inequality (P90/P10)' },
    source: 'Folkehelseprofil',
    type: 'equityGap',
    breakdown: ['income'],
    unit: { nb: 'forholdstall', en: 'ratio' },
    keywords: { nb: ['ulikhet', 'inntekt', 'økonomi', 'forskjell'], en: ['inequality', 'income', 'difference'] },
  },
  {
    id: 'fhp-crowded-housing',
    name: { nb: 'Barn og unge som bor trangt', en: 'Children and young people in crowded housing' },
    source: 'Folkehelseprofil',
    type: 'outcome',
    breakdown: ['area'],
    unit: PERCENT,
    keywords: { nb: ['trangboddhet', 'bolig', 'bomiljø'], en: ['housing', 'overcrowding'] },
  },
  {
    id: 'fhp-reading-5th-grade',
    name: { nb: 'Elever på laveste mestringsnivå i lesing, 5. trinn', en: 'Pupils at the lowest reading level, 5th grade' },
    source: 'Folkehelseprofil',
    type: 'outcome',
    breakdown: ['gender', 'school'],
    unit: PERCENT,
    keywords: { nb: ['lesing', 'nasjonale prøver', 'skole', 'læring'], en: ['reading', 'national tests', 'literacy', 'school'] },
  },
]

/**
 * Folds text for matching: case, diacritics (é → e, å → a) and the Norwegian letters with no
 * decomposition (æ → ae, ø → o), so "fornoyd", "FORNØYD" and "fornøyd" are the same query.
 */
export function foldForSearch(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
}

const words = (s: string) => foldForSearch(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean)

/** Points for one query word against one list of words, at a given field weight. */
function wordScore(q: string, ws: readonly string[], exact: number, prefix: number, inner: number): number {
  let best = 0
  for (const w of ws) {
    if (w === q) return exact
    if (w.startsWith(q)) best = Math.max(best, prefix)
    // Inside a compound ("fritidsorganisasjon" for "organisasjon"), but not for one or two letters.
    else if (q.length >= 3 && w.includes(q)) best = Math.max(best, inner)
  }
  return best
}

/**
 * Suggestions matching a query, best first. Every query word must match somewhere; the name in
 * the chosen locale counts most, then its keywords, then the other locale (a Norwegian term
 * typed in the English UI still finds something). Ties keep the list's order. An empty query
 * gives the whole list.
 */
export function suggestIndicators(query: string, locale: Locale, limit = INDICATOR_SUGGESTIONS.length): IndicatorSuggestion[] {
  const qs = words(query)
  if (qs.length === 0) return INDICATOR_SUGGESTIONS.slice(0, Math.max(0, limit))
  const other: Locale = locale === 'nb' ? 'en' : 'nb'
  const folded = foldForSearch(query.trim())
  const scored: { s: IndicatorSuggestion; score: number; index: number }[] = []
  INDICATOR_SUGGESTIONS.forEach((s, index) => {
    const name = words(s.name[locale])
    const keys = s.keywords[locale].flatMap(words)
    const otherWords = [...words(s.name[other]), ...s.keywords[other].flatMap(words)]
    let score = 0
    for (const q of qs) {
      const best = Math.max(wordScore(q, name, 10, 6, 3), wordScore(q, keys, 8, 5, 2), wordScore(q, otherWords, 4, 3, 1))
      if (best === 0) return
      score += best
    }
    if (foldForSearch(s.name[locale]).startsWith(folded)) score += 5
    scored.push({ s, score, index })
  })
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map((x) => x.s)
}

/** A plan indicator from a chip: name and unit in the plan's language, baseline and target left to fill in. */
export function indicatorFromSuggestion(s: IndicatorSuggestion, locale: Locale): Indicator {
  return { type: s.type, name: s.name[locale], source: s.source, baseline: '', target: '', breakdown: [...s.breakdown], unit: s.unit[locale] }
}
