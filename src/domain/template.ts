/**
 * Templates are data: an ordered list of step definitions (kind, texts in nb and en, time box,
 * options). Navigation between steps belongs to the statechart (machines/workshopMachine.ts),
 * never to flags on steps (Parabol's lesson).
 *
 * Templates come from files people share, so they are validated with a schema library and every
 * problem is reported with where it is and what is wrong, in terms the UI can translate.
 * New step kinds (vote, matrix, equity check, action plan, evaluation) plug in by adding an entry
 * to STEP_KINDS with an options schema; the engine does not change.
 */
import * as v from 'valibot'
import { DEFAULT_SECTORS, EFFORT_STATUSES, MAX_SECTORS, MAX_SECTOR_NAME } from './sectors.ts'

export const TEMPLATE_SCHEMA_VERSION = 1
export const MAX_TEMPLATE_BYTES = 256 * 1024
export const MAX_STEPS = 40
export const MAX_STEP_MINUTES = 180
export const MAX_TEXT = 2000
export const MAX_TITLE = 120

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'missingText'), v.maxLength(max, 'textTooLong'))
export const LocalizedTextSchema = v.object({ nb: text(MAX_TEXT), en: text(MAX_TEXT) })
const LocalizedTitleSchema = v.object({ nb: text(MAX_TITLE), en: text(MAX_TITLE) })
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>

const BrainstormOptions = v.object({
  /** Silent brainstorm: participants see only their own notes until the facilitator reveals. */
  hiddenUntilReveal: v.optional(v.boolean(), true),
  /** 1-2-4-All: alone, in pairs, in fours, all together. */
  phases124All: v.optional(v.boolean(), false),
})
const EmptyOptions = v.object({})
const PulseOptions = v.object({
  /** The emoji scale participants choose from; shown only as totals. */
  scale: v.optional(v.picklist(['mood5']), 'mood5'),
})

const VoteOptions = v.object({
  method: v.optional(v.picklist(['dots', 'ranking', 'scale', 'traffic']), 'dots'),
  dots: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 3),
  /** Max dots one person may put on one option; 0 = no cap beyond the budget. */
  capPerOption: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)), 0),
  mustNot: v.optional(v.boolean(), false),
  topK: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(40)), 3),
  /** What is voted on: the clusters of the session, its notes, or statements written here. */
  source: v.optional(v.picklist(['clusters', 'notes', 'custom', 'gaps']), 'clusters'),
  custom: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))), v.maxLength(40)), []),
})

const sectorName = v.pipe(v.string(), v.trim(), v.minLength(1, 'missingText'), v.maxLength(MAX_SECTOR_NAME, 'textTooLong'))
const MatrixOptions = v.object({
  /**
   * The municipality's sectors, one board each (domain/matrix.ts). Edited per municipality;
   * an empty list is refused ('emptySectors'): a matrix with no sector has nowhere to place anything.
   */
  sectors: v.optional(
    v.pipe(
      v.array(v.object({ id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'badSectorId')), name: v.object({ nb: sectorName, en: sectorName }) })),
      v.minLength(1, 'emptySectors'),
      v.maxLength(MAX_SECTORS, 'tooManySectors'),
      v.check((list) => new Set(list.map((s) => s.id)).size === list.length, 'duplicateSectorId'),
    ),
    () => DEFAULT_SECTORS.map((s) => ({ id: s.id, name: { ...s.name } })),
  ),
  /** Offer the source's twelve OPPVEKST examples as cards to place. */
  examples: v.optional(v.boolean(), true),
  /** Show the gap scan (empty cells, targeted without universal, not reaching youth) live. */
  gaps: v.optional(v.boolean(), true),
  /** The status a newly placed card gets: 'existing' when mapping what is there today. */
  defaultStatus: v.optional(v.picklist(EFFORT_STATUSES), 'proposed'),
})

/** The step kinds this build knows, with their options. Later issues add kinds here. */
export const STEP_KINDS = {
  info: EmptyOptions,
  brainstorm: BrainstormOptions,
  cluster: EmptyOptions,
  pulse: PulseOptions,
  discuss: EmptyOptions,
  vote: VoteOptions,
  /** The three anonymous closing questions (domain/evaluation.ts), answered 1–5, shown only as totals. */
  evaluation: EmptyOptions,
  /** The structured equity check (domain/equityCheck.ts) of one intervention. */
  'equity-check': EmptyOptions,
  /** The mapping matrix (domain/matrix.ts): place efforts per sector, see the gaps live. */
  matrix: MatrixOptions,
  /** The action plan (domain/actionPlan.ts): the operationalisation fields, written together. */
  'action-plan': EmptyOptions,
} as const
export type StepKind = keyof typeof STEP_KINDS
export const STEP_KIND_NAMES = Object.keys(STEP_KINDS) as StepKind[]

export function isStepKind(k: unknown): k is StepKind {
  return typeof k === 'string' && Object.hasOwn(STEP_KINDS, k)
}

const StepIdSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'badStepId'))

const StepBase = {
  id: StepIdSchema,
  title: LocalizedTitleSchema,
  prompt: LocalizedTextSchema,
  minutes: v.pipe(v.number('absurdTimebox'), v.integer('absurdTimebox'), v.minValue(0, 'absurdTimebox'), v.maxValue(MAX_STEP_MINUTES, 'absurdTimebox')),
}

const StepSchema = v.variant('kind', [
  v.object({ ...StepBase, kind: v.literal('info'), options: v.optional(STEP_KINDS.info, {}) }),
  v.object({ ...StepBase, kind: v.literal('brainstorm'), options: v.optional(STEP_KINDS.brainstorm, {}) }),
  v.object({ ...StepBase, kind: v.literal('cluster'), options: v.optional(STEP_KINDS.cluster, {}) }),
  v.object({ ...StepBase, kind: v.literal('pulse'), options: v.optional(STEP_KINDS.pulse, {}) }),
  v.object({ ...StepBase, kind: v.literal('discuss'), options: v.optional(STEP_KINDS.discuss, {}) }),
  v.object({ ...StepBase, kind: v.literal('vote'), options: v.optional(STEP_KINDS.vote, {}) }),
  v.object({ ...StepBase, kind: v.literal('evaluation'), options: v.optional(STEP_KINDS.evaluation, {}) }),
  v.object({ ...StepBase, kind: v.literal('equity-check'), options: v.optional(STEP_KINDS['equity-check'], {}) }),
  v.object({ ...StepBase, kind: v.literal('matrix'), options: v.optional(STEP_KINDS.matrix, {}) }),
  v.object({ ...StepBase, kind: v.literal('action-plan'), options: v.optional(STEP_KINDS['action-plan'], {}) }),
])
export type StepDef = v.InferOutput<typeof StepSchema>

export const TemplateSchema = v.pipe(
  v.object({
    schema: v.literal(TEMPLATE_SCHEMA_VERSION, 'unknownVersion'),
    id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'badTemplateId')),
    name: LocalizedTitleSchema,
    description: v.optional(v.object({ nb: v.pipe(v.string(), v.maxLength(MAX_TEXT)), en: v.pipe(v.string(), v.maxLength(MAX_TEXT)) }), { nb: '', en: '' }),
    builtIn: v.optional(v.boolean(), false),
    steps: v.pipe(v.array(StepSchema), v.minLength(1, 'noSteps'), v.maxLength(MAX_STEPS, 'tooManySteps')),
  }),
  v.check((t) => new Set(t.steps.map((s) => s.id)).size === t.steps.length, 'duplicateStepId'),
)
export type Template = v.InferOutput<typeof TemplateSchema>

export type TemplateProblemCode =
  | 'notJson'
  | 'tooBig'
  | 'notObject'
  | 'unknownVersion'
  | 'unknownKind'
  | 'missingText'
  | 'textTooLong'
  | 'absurdTimebox'
  | 'noSteps'
  | 'tooManySteps'
  | 'duplicateStepId'
  | 'badStepId'
  | 'badTemplateId'
  | 'emptySectors'
  | 'tooManySectors'
  | 'badSectorId'
  | 'duplicateSectorId'
  | 'invalid'

export interface TemplateProblem {
  code: TemplateProblemCode
  /** e.g. "steps.2.prompt.en" */
  path: string
  /** 1-based step number when the problem is inside a step. */
  step?: number
}

export type TemplateResult = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] }

const KNOWN_CODES = new Set<string>(['unknownVersion', 'missingText', 'textTooLong', 'absurdTimebox', 'noSteps', 'tooManySteps', 'duplicateStepId', 'badStepId', 'badTemplateId', 'emptySectors', 'tooManySectors', 'badSectorId', 'duplicateSectorId'])

/** Validates an unknown value (e.g. parsed JSON) as a template. */
export function validateTemplate(raw: unknown): TemplateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: 'notObject', path: '' }] }
  const problems: TemplateProblem[] = []
  // Unknown kinds first: they make every other message about that step meaningless.
  const steps = (raw as { steps?: unknown }).steps
  if (Array.isArray(steps)) {
    steps.forEach((s, i) => {
      const kind = (s as { kind?: unknown } | null)?.kind
      if (!isStepKind(kind)) problems.push({ code: 'unknownKind', path: `steps.${i}.kind`, step: i + 1 })
    })
  }
  const res = v.safeParse(TemplateSchema, raw)
  if (res.success && problems.length === 0) return { ok: true, template: res.output }
  if (!res.success) {
    for (const issue of res.issues) {
      const path = (issue.path ?? []).map((p) => String(p.key)).join('.')
      const stepIdx = issue.path?.[0]?.key === 'steps' && typeof issue.path[1]?.key === 'number' ? issue.path[1].key : undefined
      if (stepIdx !== undefined && problems.some((p) => p.code === 'unknownKind' && p.step === stepIdx + 1)) continue
      const code: TemplateProblemCode = KNOWN_CODES.has(issue.message)
        ? (issue.message as TemplateProblemCode)
        : issue.kind === 'schema' && issue.received === 'undefined'
          ? 'missingText'
          : 'invalid'
      const p: TemplateProblem = { code, path }
      if (stepIdx !== undefined) p.step = stepIdx + 1
      if (!problems.some((q) => q.code === p.code && q.path === p.path)) problems.push(p)
    }
  }
  return { ok: false, problems: problems.slice(0, 20) }
}

/** Parses a template file's text: size, JSON and schema, in that order. */
export function parseTemplateJson(textIn: string): TemplateResult {
  if (textIn.length > MAX_TEMPLATE_BYTES) return { ok: false, problems: [{ code: 'tooBig', path: '' }] }
  let raw: unknown
  try {
    raw = JSON.parse(textIn)
  } catch {
    return { ok: false, problems: [{ code: 'notJson', path: '' }] }
  }
  return validateTemplate(raw)
}

export function templateToJson(t: Template): string {
  const { builtIn: _builtIn, ...rest } = t
  return JSON.stringify(rest, null, 2)
}

export function totalMinutes(t: Pick<Template, 'steps'>): number {
  return t.steps.reduce((n, s) => n + s.minutes, 0)
}

/** A fresh id for a copied or imported template, from caller-supplied random bytes. */
export function templateIdFromBytes(prefix: string, random: Uint8Array): string {
  const hex = Array.from(random.slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('')
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'template'
  return `${base}-${hex}`
}

export function localized(t: LocalizedText, locale: 'nb' | 'en'): string {
  return t[locale] || t.nb
}
