/**
 * Pure helpers for the template library and editor. The editor works on a *draft*: the template
 * as the form holds it, where a field may be empty or a number half typed. A draft is turned back
 * into a raw object and validated by the domain's `validateTemplate` before anything is stored,
 * so the rules live in one place (domain/template.ts) and the form never saves an invalid template.
 */
import {
  MAX_STEP_MINUTES,
  MAX_STEPS,
  MAX_TITLE,
  TEMPLATE_SCHEMA_VERSION,
  type LocalizedText,
  type StepKind,
  type Template,
  type TemplateProblem,
} from '../../domain/template.ts'

export type Lang = 'nb' | 'en'
export const LANGS: readonly Lang[] = ['nb', 'en']

export interface DraftOptions {
  hiddenUntilReveal?: boolean
  phases124All?: boolean
  scale?: 'mood5'
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
    steps: t.steps.map((s) => ({ id: s.id, kind: s.kind, title: { ...s.title }, prompt: { ...s.prompt }, minutes: String(s.minutes), options: { ...s.options } })),
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
    steps: d.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title, prompt: s.prompt, minutes: parseMinutes(s.minutes), options: s.options })),
  }
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

export function defaultOptions(kind: StepKind): DraftOptions {
  if (kind === 'brainstorm') return { hiddenUntilReveal: true, phases124All: false }
  if (kind === 'pulse') return { scale: 'mood5' }
  return {}
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

/** Problems grouped by path, for inline display next to each field. */
export function problemsByPath(problems: readonly TemplateProblem[]): Map<string, TemplateProblem[]> {
  const m = new Map<string, TemplateProblem[]>()
  for (const p of problems) m.set(p.path, [...(m.get(p.path) ?? []), p])
  return m
}

export function sameDraft(a: DraftTemplate, b: DraftTemplate): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
