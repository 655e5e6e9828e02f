/**
 * Pure helpers for the template library and editor. The editor works on a *draft*: the template
 * as the form holds it, where a field may be empty or a number half typed. A draft is turned back
 * into a raw object and validated by the domain's `validateTemplate` before anything is stored,
 * so the rules live in one place (domain/template.ts) and the form never saves an invalid template.
 */
import { DEFAULT_SECTORS, EFFORT_STATUSES, MAX_SECTOR_NAME, MAX_SECTORS } from '../../domain/matrix.ts'
import {
  MAX_STEP_MINUTES,
  MAX_STEPS,
  MAX_TITLE,
  TEMPLATE_SCHEMA_VERSION,
  validateTemplate,
  type LocalizedText,
  type StepDef,
  type StepKind,
  type Template,
  type TemplateProblem,
} from '../../domain/template.ts'

export type Lang = 'nb' | 'en'
export const LANGS: readonly Lang[] = ['nb', 'en']

type VoteStepOptions = Extract<StepDef, { kind: 'vote' }>['options']
type MatrixStepOptions = Extract<StepDef, { kind: 'matrix' }>['options']
export type VoteMethod = VoteStepOptions['method']
export type VoteSource = VoteStepOptions['source']
export type DefaultStatus = MatrixStepOptions['defaultStatus']

// The choices and limits of domain/template.ts's vote options, for the form (editing.test.ts checks
// them against the schema, so a change there fails a test here instead of drifting).
export const VOTE_METHODS: readonly VoteMethod[] = ['dots', 'ranking', 'scale', 'traffic']
export const VOTE_SOURCES: readonly VoteSource[] = ['clusters', 'notes', 'custom', 'gaps']
export const DEFAULT_STATUSES: readonly DefaultStatus[] = EFFORT_STATUSES
export const VOTE_NUMBERS = { dots: { min: 1, max: 20 }, capPerOption: { min: 0, max: 20 }, topK: { min: 1, max: 40 } } as const
export type VoteNumber = keyof typeof VOTE_NUMBERS
export const MAX_STATEMENTS = 40
export const MAX_STATEMENT = 200
export { MAX_SECTORS, MAX_SECTOR_NAME }

export interface DraftSector {
  /** Derived once from the nb name when the sector is added; a rename keeps it (placed cards refer to it). */
  id: string
  name: LocalizedText
}

/**
 * The options of every kind in one bag; a step holds only its own kind's. Numbers are kept as typed
 * (like minutes) and judged by the schema on validation.
 */
export interface DraftOptions {
  // brainstorm
  hiddenUntilReveal?: boolean
  phases124All?: boolean
  // pulse
  scale?: 'mood5'
  // vote
  method?: VoteMethod
  dots?: string
  capPerOption?: string
  mustNot?: boolean
  topK?: string
  source?: VoteSource
  custom?: string[]
  // matrix
  sectors?: DraftSector[]
  examples?: boolean
  gaps?: boolean
  defaultStatus?: DefaultStatus
}

export interface DraftStep {
  id: string
  kind: StepKind
  title: LocalizedText
  prompt: LocalizedText
  /** As typed in the number field; parsed (and judged) only by validation. */
  minutes: string
  options: DraftOptions
}

export interface DraftTemplate {
  id: string
  name: LocalizedText
  description: LocalizedText
  steps: DraftStep[]
}

export function toDraft(t: Template): DraftTemplate {
  return {
    id: t.id,
    name: { ...t.name },
    description: { ...t.description },
    steps: t.steps.map((s) => ({ id: s.id, kind: s.kind, title: { ...s.title }, prompt: { ...s.prompt }, minutes: String(s.minutes), options: optionsToDraft(s) })),
  }
}

function optionsToDraft(s: StepDef): DraftOptions {
  switch (s.kind) {
    case 'vote': {
      const o = s.options
      return { method: o.method, dots: String(o.dots), capPerOption: String(o.capPerOption), mustNot: o.mustNot, topK: String(o.topK), source: o.source, custom: [...o.custom] }
    }
    case 'matrix': {
      const o = s.options
      return { sectors: o.sectors.map(copySector), examples: o.examples, gaps: o.gaps, defaultStatus: o.defaultStatus }
    }
    default:
      return { ...s.options }
  }
}

const copySector = (s: DraftSector): DraftSector => ({ id: s.id, name: { nb: s.name.nb, en: s.name.en } })

/** "" is not a number (NaN, refused by the schema); anything else is passed on as typed. */
function parseOptionNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined
  const trimmed = s.trim()
  return trimmed === '' ? Number.NaN : Number(trimmed)
}

/** The raw options of one step: only its kind's fields (an absent field takes the schema's default). */
function optionsFromDraft(kind: StepKind, o: DraftOptions): Record<string, unknown> {
  switch (kind) {
    case 'brainstorm':
      return { hiddenUntilReveal: o.hiddenUntilReveal, phases124All: o.phases124All }
    case 'pulse':
      return { scale: o.scale }
    case 'vote':
      return {
        method: o.method,
        dots: parseOptionNumber(o.dots),
        capPerOption: parseOptionNumber(o.capPerOption),
        mustNot: o.mustNot,
        topK: parseOptionNumber(o.topK),
        source: o.source,
        custom: o.custom,
      }
    case 'matrix':
      return { sectors: o.sectors, examples: o.examples, gaps: o.gaps, defaultStatus: o.defaultStatus }
    default:
      return {}
  }
}

/** "" is missing; anything else goes to the schema as a number (NaN, 1.5 and -5 are refused there). */
function parseMinutes(s: string): number | undefined {
  const trimmed = s.trim()
  return trimmed === '' ? undefined : Number(trimmed)
}

/** The raw object `validateTemplate` judges. */
export function fromDraft(d: DraftTemplate): unknown {
  return {
    schema: TEMPLATE_SCHEMA_VERSION,
    id: d.id,
    name: d.name,
    description: d.description,
    steps: d.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title, prompt: s.prompt, minutes: parseMinutes(s.minutes), options: optionsFromDraft(s.kind, s.options) })),
  }
}

/**
 * The problems of a draft: the schema's, with the vague 'invalid' of a written vote statement made
 * precise (the schema gives those no code of their own; in a draft they can only be empty or too long).
 */
export function draftProblems(d: DraftTemplate): TemplateProblem[] {
  const r = validateTemplate(fromDraft(d))
  if (r.ok) return []
  return r.problems.map((p) => {
    const m = /^steps\.(\d+)\.options\.custom\.(\d+)$/.exec(p.path)
    if (p.code !== 'invalid' || !m) return p
    const text = d.steps[Number(m[1])]?.options.custom?.[Number(m[2])]
    if (typeof text !== 'string') return p
    return { ...p, code: text.trim() === '' ? 'missingText' : 'textTooLong' }
  })
}

/** Total of the time boxes that are already valid; half-typed or absurd ones count as 0. */
export function draftTotalMinutes(d: DraftTemplate): number {
  return d.steps.reduce((n, s) => {
    const m = parseMinutes(s.minutes)
    return m !== undefined && Number.isInteger(m) && m >= 0 && m <= MAX_STEP_MINUTES ? n + m : n
  }, 0)
}

/** The first free `step-<n>` id, starting after the number of steps. */
export function nextStepId(existing: readonly string[]): string {
  const taken = new Set(existing)
  for (let n = existing.length + 1; ; n++) {
    const id = `step-${n}`
    if (!taken.has(id)) return id
  }
}

/** Each kind's options as the schema's defaults give them (matrix: a fresh copy of DEFAULT_SECTORS). */
export function defaultOptions(kind: StepKind): DraftOptions {
  switch (kind) {
    case 'brainstorm':
      return { hiddenUntilReveal: true, phases124All: false }
    case 'pulse':
      return { scale: 'mood5' }
    case 'vote':
      return { method: 'dots', dots: '3', capPerOption: '0', mustNot: false, topK: '3', source: 'clusters', custom: [] }
    case 'matrix':
      return { sectors: defaultSectors(), examples: true, gaps: true, defaultStatus: 'proposed' }
    default:
      return {}
  }
}

/** Whether a kind has options the editor shows (the others say they have none). */
export function hasOptions(kind: StepKind): boolean {
  return kind === 'brainstorm' || kind === 'vote' || kind === 'matrix'
}

/** True when a step's options differ from its kind's defaults (a kind change would drop them). */
export function optionsEdited(s: Pick<DraftStep, 'kind' | 'options'>): boolean {
  return JSON.stringify(optionsFromDraft(s.kind, s.options)) !== JSON.stringify(optionsFromDraft(s.kind, defaultOptions(s.kind)))
}

export function newStep(existingIds: readonly string[], kind: StepKind = 'info'): DraftStep {
  return { id: nextStepId(existingIds), kind, title: { nb: '', en: '' }, prompt: { nb: '', en: '' }, minutes: '5', options: defaultOptions(kind) }
}

/** Adds a new, empty step at the end (no-op at MAX_STEPS). */
export function addStep(d: DraftTemplate, kind: StepKind = 'info'): DraftTemplate {
  if (d.steps.length >= MAX_STEPS) return d
  return { ...d, steps: [...d.steps, newStep(d.steps.map((s) => s.id), kind)] }
}

export function removeStep<T extends { steps: readonly unknown[] }>(t: T, index: number): T {
  if (index < 0 || index >= t.steps.length) return t
  // The spread keeps every other field of T; only the step list changes.
  return { ...t, steps: t.steps.filter((_, i) => i !== index) } as T
}

/** Moves the step at `from` by `delta` places; out-of-range moves return `t` unchanged. */
export function moveStep<T extends { steps: readonly unknown[] }>(t: T, from: number, delta: number): T {
  const to = from + delta
  if (from < 0 || from >= t.steps.length || to < 0 || to >= t.steps.length || delta === 0) return t
  const steps = [...t.steps]
  const [moved] = steps.splice(from, 1)
  steps.splice(to, 0, moved)
  return { ...t, steps } as T
}

export function updateStep(d: DraftTemplate, index: number, patch: Partial<DraftStep>): DraftTemplate {
  return { ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) }
}

/** A kind change resets the options: each kind has its own. */
export function changeKind(d: DraftTemplate, index: number, kind: StepKind): DraftTemplate {
  return updateStep(d, index, { kind, options: defaultOptions(kind) })
}

export function updateOptions(d: DraftTemplate, index: number, patch: Partial<DraftOptions>): DraftTemplate {
  const s = d.steps[index]
  return s ? updateStep(d, index, { options: { ...s.options, ...patch } }) : d
}

// ---------------------------------------------------------------------------------------------
// Lists inside options: vote statements and matrix sectors

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

/** Moves the item at `from` by `delta` places; out-of-range moves return a copy unchanged. */
export function moveAt<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = from + delta
  const out = [...list]
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return out
  const [moved] = out.splice(from, 1)
  out.splice(to, 0, moved as T)
  return out
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((x, i) => (i === index ? value : x))
}

export function defaultSectors(): DraftSector[] {
  return DEFAULT_SECTORS.map(copySector)
}

export function isDefaultSectors(list: readonly DraftSector[]): boolean {
  return JSON.stringify(list) === JSON.stringify(DEFAULT_SECTORS)
}

const SECTOR_ID_MAX = 40

/** A sector id from a name: lower case, æ/ø/å and accents folded, other runs of characters as "_". */
export function sectorSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, SECTOR_ID_MAX)
    .replace(/_+$/, '')
  return slug || 'sektor'
}

/** The slug of `name`, with _2, _3 … after it when that id is taken. Always matches the schema's pattern. */
export function uniqueSectorId(name: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const base = sectorSlug(name)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `_${n}`
    const id = base.slice(0, SECTOR_ID_MAX - suffix.length).replace(/_+$/, '') + suffix
    if (!used.has(id)) return id
  }
}

export type NewSectorProblem = 'missingName' | 'nameTooLong' | 'duplicateName' | 'full'

/** Why a new sector with these names cannot be added yet (an empty English name takes the bokmål one). */
export function newSectorProblem(sectors: readonly DraftSector[], name: LocalizedText): NewSectorProblem | null {
  if (sectors.length >= MAX_SECTORS) return 'full'
  const nb = name.nb.trim()
  const en = name.en.trim() || nb
  if (nb === '') return 'missingName'
  if (nb.length > MAX_SECTOR_NAME || en.length > MAX_SECTOR_NAME) return 'nameTooLong'
  const key = (s: string) => s.trim().normalize('NFC').toLowerCase()
  const names = new Set(sectors.flatMap((s) => [key(s.name.nb), key(s.name.en)]))
  if (names.has(key(nb)) || names.has(key(en))) return 'duplicateName'
  return null
}

/** Appends a sector named `name`, its id the slug of the bokmål name made unique. Check newSectorProblem first. */
export function addSector(sectors: readonly DraftSector[], name: LocalizedText): DraftSector[] {
  const nb = name.nb.trim()
  const en = name.en.trim() || nb
  return [...sectors, { id: uniqueSectorId(nb, sectors.map((s) => s.id)), name: { nb, en } }]
}

function suffixed(name: string, suffix: string): string {
  const tail = ` ${suffix}`
  return name.slice(0, Math.max(0, MAX_TITLE - tail.length)).trimEnd() + tail
}

/** An own copy of any template, under a new id, with "(kopi)"/"(copy)" after each name. */
export function duplicateTemplate(t: Template, newId: string, suffix: LocalizedText): Template {
  return {
    ...structuredClone(t),
    id: newId,
    builtIn: false,
    name: { nb: suffixed(t.name.nb, suffix.nb), en: suffixed(t.name.en, suffix.en) },
  }
}

/** The smallest valid template: one information step. Texts come from the caller (i18n). */
export function blankTemplate(id: string, texts: { name: LocalizedText; title: LocalizedText; prompt: LocalizedText }): Template {
  return {
    schema: TEMPLATE_SCHEMA_VERSION,
    id,
    builtIn: false,
    name: { ...texts.name },
    description: { nb: '', en: '' },
    steps: [{ id: 'step-1', kind: 'info', minutes: 5, title: { ...texts.title }, prompt: { ...texts.prompt }, options: {} }],
  }
}

/**
 * Gives an imported template a fresh id when its own is taken (by a built-in or an own template),
 * so an import never overwrites anything already stored.
 */
export function withFreeId(t: Template, isTaken: (id: string) => boolean, freshId: () => string): Template {
  if (!isTaken(t.id)) return { ...t, builtIn: false }
  for (let i = 0; i < 10; i++) {
    const id = freshId()
    if (!isTaken(id)) return { ...t, id, builtIn: false }
  }
  throw new Error('no free template id')
}

export type ProblemField = 'schema' | 'id' | 'name' | 'description' | 'steps' | 'kind' | 'title' | 'prompt' | 'minutes' | 'stepId' | 'options'

export interface ProblemLocation {
  step?: number
  field?: ProblemField
  lang?: Lang
  /** Inside a step's options: the option ("sectors", "custom", "dots" …). */
  option?: string
  /** Inside a list option: the 1-based item ("sectors.1.name.en" → 2). */
  item?: number
}

const TOP_FIELDS: Record<string, ProblemField> = { schema: 'schema', id: 'id', name: 'name', description: 'description', steps: 'steps' }
const STEP_FIELDS: Record<string, ProblemField> = { kind: 'kind', title: 'title', prompt: 'prompt', minutes: 'minutes', id: 'stepId', options: 'options' }

/** Where a problem is, in words the UI can translate: "steps.2.prompt.en" → step 3, prompt, en. */
export function problemLocation(p: TemplateProblem): ProblemLocation {
  const parts = p.path === '' ? [] : p.path.split('.')
  const loc: ProblemLocation = {}
  const lang = (s: string | undefined): Lang | undefined => (s === 'nb' || s === 'en' ? s : undefined)
  if (parts[0] === 'steps' && parts.length > 1) {
    const n = Number(parts[1])
    if (Number.isInteger(n)) loc.step = n + 1
    const field = parts[2] !== undefined ? STEP_FIELDS[parts[2]] : undefined
    if (field) loc.field = field
    if (field === 'options') {
      if (parts[3] !== undefined) loc.option = parts[3]
      const item = parts[4] === undefined ? Number.NaN : Number(parts[4])
      if (Number.isInteger(item)) loc.item = item + 1
      const l = parts.length > 4 ? lang(parts.at(-1)) : undefined
      if (l) loc.lang = l
      return loc
    }
    const l = lang(parts[3])
    if (l) loc.lang = l
    return loc
  }
  const field = parts[0] !== undefined ? TOP_FIELDS[parts[0]] : undefined
  if (field) loc.field = field
  const l = lang(parts[1])
  if (l) loc.lang = l
  return loc
}

/** A DOM id for the form control a problem path points at. */
export function fieldDomId(path: string): string {
  return `tpl-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`
}

// Paths the editor has a control for (TextField, StepEditor, StepOptions give them these DOM ids);
// other problems (e.g. duplicate step ids) are listed as text only.
const CONTROL_PATH = new RegExp(
  '^(?:(?:name|description)\\.(?:nb|en)' +
    '|steps\\.\\d+\\.(?:kind|minutes|(?:title|prompt)\\.(?:nb|en)' +
    '|options\\.(?:hiddenUntilReveal|phases124All|method|dots|capPerOption|mustNot|topK|source|custom(?:\\.\\d+)?|sectors(?:\\.\\d+\\.name\\.(?:nb|en))?|examples|gaps|defaultStatus)))$',
)

/** Whether the editor has a control (with id `fieldDomId(path)`) that a problem's link can focus. */
export function hasControl(path: string): boolean {
  return CONTROL_PATH.test(path)
}

/** Problems grouped by path, for inline display next to each field. */
export function problemsByPath(problems: readonly TemplateProblem[]): Map<string, TemplateProblem[]> {
  const m = new Map<string, TemplateProblem[]>()
  for (const p of problems) m.set(p.path, [...(m.get(p.path) ?? []), p])
  return m
}

export function sameDraft(a: DraftTemplate, b: DraftTemplate): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
