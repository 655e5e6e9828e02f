/**
 * The planner's summary (DOMAIN.md "The planner's summary", research/domain.md §4): one pure,
 * deterministic function from a session's plain data to an ordered list of sections made of typed
 * blocks (headings, paragraphs, lists, tables, label–value facts). Markdown (summaryMarkdown.ts),
 * PDF and Word renderers all draw the same model, so what a planner pastes into a case is the same
 * whatever the format; CSV files of the raw tables come from summaryCsv.ts.
 *
 * Decisions worth knowing:
 * - Privacy is enforced here, not in the renderers, so no renderer can leak:
 *   - vote results are printed only as the facilitator published them in the signed `vote.close`
 *     event, and re-checked against the thresholds of voting.ts (a result that claims more than
 *     its voter count allows is shown at the stricter level): nothing below 3 voters, no number
 *     (not even n) below 5. The same rule holds for pulse totals, the evaluation (per question)
 *     and the matrix's "does this reach you?" counts;
 *   - a redacted note is printed only as its redacted text, and so is any text copied from it
 *     word for word (a vote option made from the note, an effort card made from it), since the
 *     original must not survive anywhere in an export;
 *   - a vote on notes whose note was since moderated away prints "(removed note)", not the text;
 *   - participants appear as one number; notes have no author and no time.
 * - Every note is printed in the full version, voted on or not, grouped by cluster (clusters in
 *   the caller's order, notes by time then id), because "what we said" is the youth's record.
 * - `today` (yyyy-mm-dd) comes in with the data, never from a clock; without it the session's own
 *   date is used, so the same input always gives the same summary.
 * - Texts come from summaryTexts.ts (nb, nn, en). Templates and the checklist's long questions
 *   exist only in nb and en; nynorsk summaries print those in bokmål (see summaryTexts.ts).
 * - An empty session (no notes, no votes, no checks) still gives every section, each saying
 *   plainly that there is nothing yet.
 */
import { STATUS_KINDS, type StatusEntry } from './statusLog.ts'
import type { InfluenceContract } from './contract.ts'
import { validatePlan, isIsoDate, type ActionPlan, type Indicator } from './actionPlan.ts'
import { BARRIER_IDS, INEQUALITY_LEVELS, QUESTIONS, RATINGS, followUpTasks, summarize, type BarrierId, type EquityAnswers } from './equityCheck.ts'
import { EVALUATION_QUESTION_IDS, type EvaluationQuestionId, type EvaluationSummary, type QuestionSummary } from './evaluation.ts'
import { COLUMNS, REACH_COUNTS_MIN_ANSWERS, ROWS, findGaps, gapId, type Effort, type Gap, type Reach, type Sector } from './matrix.ts'
import { findPersonalInfo, type PiiKind } from './pii.ts'
import { localized, type StepDef, type Template } from './template.ts'
import { MAX_OPTION_LABEL, publishLevel, type OptionDetail, type Publish, type RankedGroup, type Results, type ScaleDistribution, type VoteRound } from './voting.ts'
import {
  APPROACH_TEXTS,
  BARRIER_LABELS,
  COLUMN_LABELS,
  COLUMN_SHORT,
  EFFORT_STATUS_TEXTS,
  EVALUATION_TEXTS,
  INDICATOR_TYPE_TEXTS,
  LEVEL_LABELS,
  PLAN_ERROR_TEXTS,
  PLAN_WARNING_TEXTS,
  RATING_TEXTS,
  ROW_LABELS,
  TEXTS,
  breakdownText,
  formatDecimal,
  formatIsoDate,
  formatMsDate,
  gapTemplate,
  isoDateOf,
  osloDate,
  pick,
  pickText,
  sectorName,
  tr,
  type SummaryLocale,
  type TextKey,
} from './summaryTexts.ts'

export type { SummaryLocale } from './summaryTexts.ts'
export type SummaryLength = 'short' | 'full'

// ---------------------------------------------------------------------------------------------
// Input: plain data the app builds from a session

export type SessionStatus = 'lobby' | 'running' | 'ended'

export interface SummaryMeta {
  title: string
  /** ms since 1970; printed as the session's date in Norway. */
  createdAt: number
  municipality?: string
  /** Plan id or case number (saksnummer). */
  reference?: string
  /** yyyy-mm-dd, the day the summary is made: plan dates are checked against it. Default: the session's date. */
  today?: string
}

/** A note as it may be exported. Moderated notes are left out by the caller. */
export interface SummaryNote {
  id: string
  text: string
  createdAt: number
  /** null, or an id not among `clusters`: not in a group. */
  clusterId: string | null
}

export interface SummaryCluster {
  id: string
  name: string
}

/** What an equity check was about, as the session doc stores it (sync EquitySubject). */
export type SummarySubject = { kind: 'note' | 'cluster'; id: string } | { kind: 'text'; text: string }

/** A vote round of a step, with the results published when it closed (null while open). */
export interface SummaryVote {
  stepId: string
  round: VoteRound
  results: Results | null
}

/** Totals of a check-in pulse, as published: counts of the answers 0 (very bad) … 4 (very good). */
export interface SummaryPulse {
  stepId: string
  totals: readonly number[]
}

export interface SummaryEquityCheck {
  stepId: string
  subject: SummarySubject | null
  answers: EquityAnswers
}

export interface SummaryMatrix {
  sectors: readonly Sector[]
  /** Placed efforts only (cards still in the tray are not findings). */
  efforts: readonly Effort[]
}

export interface SummaryPlan {
  stepId: string
  plan: ActionPlan
}

export { STATUS_KINDS, type StatusEntry, type StatusKind } from './statusLog.ts'

export interface SummaryInput {
  meta: SummaryMeta
  template: Template
  contract: InfluenceContract | null
  status: SessionStatus
  /** The most participants seen at once. Never who. */
  participants: number
  /** Who was not reached, if the facilitator wrote it (often from checklist question S3.3). */
  notReached?: string
  /** Dissent and minority views, if the facilitator wrote them down. */
  dissent?: string
  notes: readonly SummaryNote[]
  clusters: readonly SummaryCluster[]
  /** noteId → the facilitator's redacted text. Only this text is printed for those notes. */
  redactions: Readonly<Record<string, string>>
  votes: readonly SummaryVote[]
  pulses: readonly SummaryPulse[]
  equityChecks: readonly SummaryEquityCheck[]
  matrix: SummaryMatrix | null
  plans: readonly SummaryPlan[]
  /** The closing evaluation; when null it is read from the evaluation step's published round, if any. */
  evaluation: EvaluationSummary | null
  statusLog: readonly StatusEntry[]
}

// ---------------------------------------------------------------------------------------------
// Output: sections of typed blocks

export type Block =
  /** A sub-heading inside a section: level 1 under the section heading, level 2 under that. */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  /** With `numbers`, an ordered list whose items carry those numbers (ties share one). */
  | { kind: 'list'; items: string[]; numbers?: number[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'facts'; items: { label: string; value: string }[] }

export const FULL_SECTION_IDS = ['header', 'mandate', 'participants', 'knowledge', 'results', 'equity', 'actionPlan', 'evaluation', 'statusLog'] as const
export const SHORT_SECTION_IDS = ['header', 'mandate', 'participants', 'priorities', 'findings', 'equityGoal', 'feedback'] as const
export type SectionId = (typeof FULL_SECTION_IDS)[number] | (typeof SHORT_SECTION_IDS)[number]

export interface SummarySection {
  id: SectionId
  heading: string
  blocks: Block[]
}

export interface PrivacyCheck {
  /** Notes whose printed text still looks like it holds a name, phone, e-mail or address (pii.ts). Not printed: for the export screen's warning. */
  notesWithPersonalInfo: { noteId: string; kinds: PiiKind[] }[]
}

export interface Summary {
  locale: SummaryLocale
  length: SummaryLength
  title: string
  sections: SummarySection[]
  privacy: PrivacyCheck
}

// ---------------------------------------------------------------------------------------------
// Preparing the data once, for the summary and for the CSV files

const STRICT: Readonly<Record<Publish, number>> = { none: 0, rankOnly: 1, full: 2 }
const stricter = (a: Publish, b: Publish): Publish => (STRICT[a] <= STRICT[b] ? a : b)
const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0)
const isBarrierId = (x: string): x is BarrierId => (BARRIER_IDS as readonly string[]).includes(x)
const isEvaluationId = (x: string): x is EvaluationQuestionId => (EVALUATION_QUESTION_IDS as readonly string[]).includes(x)
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const cutLabel = (s: string) => Array.from(s.trim()).slice(0, MAX_OPTION_LABEL).join('')

/**
 * Results as they may be printed: the published level, lowered when the voter count does not
 * allow it (a forged or buggy `vote.close`), and with every number removed below 'full'.
 */
export function safeResults(r: Results): Results {
  const voters = count(r.voters)
  const blank = r.publish === 'full' ? count(r.blank) : 0
  const claimed: Publish = r.publish === 'full' || r.publish === 'rankOnly' ? r.publish : 'none'
  const publish = stricter(claimed, publishLevel(voters, Math.min(blank, voters)))
  const head = { roundId: r.roundId, method: r.method, publish, voters }
  if (publish === 'none' || !Array.isArray(r.ranked)) return { ...head, publish: 'none', ranked: [] }
  const ranked: RankedGroup[] = r.ranked
    .filter((g) => g && Array.isArray(g.optionIds) && Number.isFinite(g.rank))
    .map((g) => {
      const group: RankedGroup = { optionIds: g.optionIds.filter((id) => typeof id === 'string'), rank: Math.floor(g.rank) }
      if (publish === 'full') {
        if (typeof g.score === 'number' && Number.isFinite(g.score)) group.score = g.score
        if (Array.isArray(g.details)) group.details = g.details
      }
      return group
    })
  return publish === 'full' ? { ...head, blank, ranked } : { ...head, ranked }
}

/** Reach counts only when enough answered (matrix.ts REACH_COUNTS_MIN_ANSWERS), else null. */
export function printableReach(reach: Reach | undefined): (Reach & { n: number }) | null {
  if (!reach) return null
  const n = count(reach.yes) + count(reach.no) + count(reach.unsure)
  return n >= REACH_COUNTS_MIN_ANSWERS ? { yes: count(reach.yes), no: count(reach.no), unsure: count(reach.unsure), n } : null
}

export interface PreparedNote {
  id: string
  /** The text to print: the redacted one when there is one. */
  text: string
  redacted: boolean
  createdAt: number
  /** Only an id among the clusters; otherwise null. */
  clusterId: string | null
}

export interface PreparedVote {
  stepId: string
  step: StepDef | undefined
  round: VoteRound
  /** Checked with `safeResults`; null while the round is open. */
  results: Results | null
}

export interface Prepared {
  input: SummaryInput
  steps: ReadonlyMap<string, StepDef>
  /** Clusters in the caller's order, each with its notes; then the notes in no group. */
  groups: { cluster: SummaryCluster | null; notes: PreparedNote[] }[]
  notes: PreparedNote[]
  /** In template step order. */
  votes: PreparedVote[]
  /** Efforts with copied redacted texts replaced, in sectors the matrix knows. */
  efforts: Effort[]
  /** Sectors with at least one effort, in the matrix's order. */
  mappedSectors: Sector[]
  /** Replaces a text copied word for word from a redacted note by the redacted text. */
  clean(text: string): string
  stepTitle(stepId: string, locale: SummaryLocale): string
  optionLabel(vote: PreparedVote, optionId: string, locale: SummaryLocale): string
}

function stepOrder(template: Template): (stepId: string) => number {
  const index = new Map(template.steps.map((s, i) => [s.id, i]))
  return (id) => index.get(id) ?? template.steps.length
}

/** Sorts by template step order, keeping the caller's order within a step. */
function inStepOrder<T extends { stepId: string }>(template: Template, xs: readonly T[]): T[] {
  const order = stepOrder(template)
  return xs.map((x, i) => ({ x, i })).sort((a, b) => order(a.x.stepId) - order(b.x.stepId) || a.i - b.i).map(({ x }) => x)
}

export function prepare(input: SummaryInput): Prepared {
  const redactions = input.redactions ?? {}
  const replaced = new Map<string, string>()
  const notes: PreparedNote[] = (input.notes ?? []).map((n) => {
    const redacted = Object.hasOwn(redactions, n.id) && typeof redactions[n.id] === 'string'
    const text = redacted ? (redactions[n.id] as string) : n.text
    if (redacted && n.text.trim() && n.text !== text) {
      replaced.set(n.text.trim(), text)
      replaced.set(cutLabel(n.text), text)
    }
    return { id: n.id, text, redacted, createdAt: Number.isFinite(n.createdAt) ? n.createdAt : 0, clusterId: n.clusterId }
  })
  const clean = (s: string) => replaced.get(s.trim()) ?? s

  const clusterIds = new Set(input.clusters.map((c) => c.id))
  for (const n of notes) if (n.clusterId !== null && !clusterIds.has(n.clusterId)) n.clusterId = null
  notes.sort((a, b) => a.createdAt - b.createdAt || byCodeUnit(a.id, b.id))
  const groups: Prepared['groups'] = input.clusters.map((c) => ({ cluster: c, notes: notes.filter((n) => n.clusterId === c.id) }))
  const loose = notes.filter((n) => n.clusterId === null)
  if (loose.length > 0) groups.push({ cluster: null, notes: loose })

  const steps = new Map(input.template.steps.map((s) => [s.id, s]))
  const notesById = new Map(notes.map((n) => [n.id, n]))
  const votes: PreparedVote[] = inStepOrder(input.template, input.votes ?? []).map((v) => ({
    stepId: v.stepId,
    step: steps.get(v.stepId),
    round: v.round,
    results: v.results ? safeResults(v.results) : null,
  }))

  const sectors = input.matrix?.sectors ?? []
  const known = new Set(sectors.map((s) => s.id))
  const efforts = (input.matrix?.efforts ?? []).filter((e) => known.has(e.sector)).map((e) => ({ ...e, text: clean(e.text) }))
  const used = new Set(efforts.map((e) => e.sector))
  const mappedSectors = sectors.filter((s) => used.has(s.id))

  // A vote on the matrix's gaps names them in the summary's language (ids are stable: matrix.gapId).
  const gapsById = new Map(findGaps(efforts, mappedSectors).map((g) => [gapId(g), g]))

  const stepTitle = (stepId: string, locale: SummaryLocale) => {
    const s = steps.get(stepId)
    return s ? localized(s.title, locale === 'en' ? 'en' : 'nb') : stepId
  }

  const optionLabel = (vote: PreparedVote, optionId: string, locale: SummaryLocale): string => {
    const step = vote.step
    if (step?.kind === 'equity-check' && isBarrierId(optionId)) return pick(BARRIER_LABELS[optionId], locale)
    if (step?.kind === 'evaluation' && isEvaluationId(optionId)) return pick(EVALUATION_TEXTS[optionId].label, locale)
    const note = notesById.get(optionId)
    if (note) return note.text
    if (Object.hasOwn(redactions, optionId)) return redactions[optionId] as string
    // A vote on notes whose note is gone (moderated): the published label is the removed text.
    if (step?.kind === 'vote' && step.options.source === 'notes') return tr('vote.removedNote', locale)
    const gap = step?.kind === 'vote' && step.options.source === 'gaps' ? gapsById.get(optionId) : undefined
    if (gap) return gapShortLabel(gap, sectors, locale)
    const option = vote.round.options.find((o) => o.id === optionId)
    return option ? clean(option.label) : optionId
  }

  return { input, steps, groups, notes, votes, efforts, mappedSectors, clean, stepTitle, optionLabel }
}

/** The evaluation step's published scale round as an EvaluationSummary, per-question thresholds included. */
export function evaluationFromResults(results: Results): EvaluationSummary {
  const r = safeResults(results)
  const details = new Map<string, OptionDetail>()
  for (const g of r.ranked) for (const d of g.details ?? []) details.set(d.optionId, d)
  const questions: QuestionSummary[] = EVALUATION_QUESTION_IDS.map((questionId) => {
    if (r.publish === 'none' || r.method !== 'scale') return { questionId, publish: 'none' }
    if (r.publish === 'rankOnly') return { questionId, publish: 'rankOnly' }
    const d = details.get(questionId)
    if (!d || !('distribution' in d)) return { questionId, publish: 'none' }
    const n = d.answers
    // Per question, as evaluation.ts: a mean of three answers gives the sum away.
    const level = publishLevel(n, 0)
    if (level !== 'full' || d.mean === undefined) return level === 'none' ? { questionId, publish: 'none' } : { questionId, publish: 'rankOnly' }
    return { questionId, publish: 'full', n, skipped: Math.max(0, r.voters - n), distribution: [...d.distribution] as ScaleDistribution, mean: Math.round(d.mean * 10) / 10 }
  })
  return { respondents: r.voters, publish: r.publish, questions }
}

function hasResults(p: Prepared): boolean {
  const i = p.input
  return (
    p.notes.length > 0 ||
    p.votes.some((v) => v.results && v.results.publish !== 'none') ||
    i.equityChecks.some((c) => Object.keys(c.answers ?? {}).length > 0) ||
    p.efforts.length > 0 ||
    i.plans.some((pl) => pl.plan.equityGoal.trim() !== '') ||
    (i.evaluation?.publish ?? 'none') !== 'none'
  )
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const filled = (s: string | undefined | null): s is string => typeof s === 'string' && s.trim() !== ''
const orNotSet = (s: string | undefined, locale: SummaryLocale) => (filled(s) ? s.trim() : tr('notSet', locale))
const dateOrNotSet = (s: string | undefined, locale: SummaryLocale) => (filled(s) ? formatIsoDate(s, locale) : tr('notSet', locale))
const fact = (label: string, value: string) => ({ label, value })
const heading = (text: string, level: 1 | 2 = 1): Block => ({ kind: 'heading', level, text })
const paragraph = (text: string): Block => ({ kind: 'paragraph', text })

/** Cuts long texts for the one-page version at a word boundary, by code point. */
function shorten(s: string, max: number): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim())
  if (chars.length <= max) return chars.join('')
  const cut = chars.slice(0, max - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/u, '')}…`
}

/** The first sentence of a checklist question, without its parenthetical examples, for one line. */
function firstQuestion(text: string): string {
  const plain = text.replace(/\s*\([^)]*\)/g, '').trim()
  const end = plain.search(/[?.](\s|$)/)
  return end >= 0 ? plain.slice(0, end + 1) : plain
}

/** Ends a typed text with a full stop unless it already ends a sentence. */
function sentence(s: string): string {
  const t = s.trim()
  return /[.?!…)]$/u.test(t) ? t : `${t}.`
}

function templateName(t: Template, locale: SummaryLocale): string {
  return localized(t.name, locale === 'en' ? 'en' : 'nb')
}

function sessionDateIso(input: SummaryInput): string {
  return Number.isFinite(input.meta.createdAt) ? isoDateOf(osloDate(input.meta.createdAt)) : '1970-01-01'
}

function todayOf(input: SummaryInput): string {
  const t = input.meta.today
  return t && isIsoDate(t) ? t : sessionDateIso(input)
}

function subjectText(p: Prepared, subject: SummarySubject | null, locale: SummaryLocale): string {
  if (!subject) return tr('equity.subjectNone', locale)
  if (subject.kind === 'text') return orNotSet(p.clean(subject.text), locale)
  if (subject.kind === 'cluster') return p.input.clusters.find((c) => c.id === subject.id)?.name ?? tr('equity.subjectNone', locale)
  return p.notes.find((n) => n.id === subject.id)?.text ?? (Object.hasOwn(p.input.redactions, subject.id) ? (p.input.redactions[subject.id] as string) : tr('vote.removedNote', locale))
}

// ---------------------------------------------------------------------------------------------
// Votes

function methodLine(round: VoteRound, locale: SummaryLocale): string {
  const r = round.rules
  switch (r.method) {
    case 'dots':
      return tr('vote.dots', locale, { dots: r.dots })
    case 'ranking':
      return tr('vote.ranking', locale, { k: r.topK })
    case 'scale':
      return tr('vote.scale', locale)
    case 'traffic':
      return tr('vote.traffic', locale)
  }
}

/** What a published round allows to be said about it, as sentences. */
function voteIntro(v: PreparedVote, locale: SummaryLocale): string {
  const r = v.results
  const method = methodLine(v.round, locale)
  if (!r) return `${method} ${tr('vote.notClosed', locale)}`
  if (r.publish === 'none') return `${method} ${tr('vote.none', locale)}`
  if (r.publish === 'rankOnly') return `${method} ${tr('vote.rankOnly', locale)}`
  const blank = r.blank ?? 0
  return `${method} ${blank > 0 ? tr('vote.votersBlank', locale, { n: r.voters, blank }) : tr('vote.voters', locale, { n: r.voters })}`
}

const num = (n: number) => String(n)

function detailColumns(v: PreparedVote, locale: SummaryLocale): { header: string[]; cells: (d: OptionDetail | undefined) => string[] } {
  const method = v.results?.method ?? v.round.rules.method
  switch (method) {
    case 'dots': {
      const mustNot = v.round.rules.method === 'dots' && v.round.rules.mustNot
      return {
        header: mustNot ? [tr('vote.dotsCol', locale), tr('vote.mustNotCol', locale)] : [tr('vote.dotsCol', locale)],
        cells: (d) => {
          const x = d && 'dots' in d ? d : undefined
          return mustNot ? [x ? num(x.dots) : '', x?.mustNot !== undefined ? num(x.mustNot) : ''] : [x ? num(x.dots) : '']
        },
      }
    }
    case 'ranking':
      return {
        header: [tr('vote.pointsCol', locale), tr('vote.firstsCol', locale)],
        cells: (d) => (d && 'points' in d ? [num(d.points), num(d.firsts)] : ['', '']),
      }
    case 'scale':
      return {
        header: [tr('vote.meanCol', locale), tr('vote.answersCol', locale), '1', '2', '3', '4', '5', pick(RATING_TEXTS.unknown, locale)],
        cells: (d) =>
          d && 'distribution' in d
            ? [d.mean === undefined ? '' : formatDecimal(d.mean, locale), num(d.answers), ...d.distribution.map(num), num(d.unknown)]
            : ['', '', '', '', '', '', '', ''],
      }
    case 'traffic':
      return {
        header: RATINGS.map((r) => pick(RATING_TEXTS[r], locale)),
        cells: (d) => (d && 'green' in d ? [num(d.green), num(d.yellow), num(d.red), num(d.unknown)] : ['', '', '', '']),
      }
  }
}

/** Groups best first; `worstFirst` reverses them (barriers: the biggest obstacle first), ties kept together. */
function voteTable(p: Prepared, v: PreparedVote, locale: SummaryLocale, worstFirst = false): Block | null {
  const r = v.results
  if (!r || r.publish === 'none' || r.ranked.length === 0) return null
  const groups = worstFirst ? [...r.ranked].reverse() : r.ranked
  const full = r.publish === 'full'
  const cols = full ? detailColumns(v, locale) : null
  const rows: string[][] = []
  let before = 0
  groups.forEach((g) => {
    // Reversed, a place is 1 + the options shown above it (competition ranking again).
    const place = worstFirst ? before + 1 : g.rank
    before += g.optionIds.length
    const tied = g.optionIds.length > 1
    for (const id of g.optionIds) {
      const rank = tied ? `${place} (${tr('vote.tied', locale)})` : String(place)
      const row = [rank, p.optionLabel(v, id, locale)]
      if (cols) row.push(...cols.cells(g.details?.find((d) => d.optionId === id)))
      rows.push(row)
    }
  })
  return { kind: 'table', header: [tr('vote.rank', locale), tr('vote.option', locale), ...(cols?.header ?? [])], rows }
}

/** "(11)", "(24 poeng)", "(snitt 4,3)", "(grønn 5, rød 2)" — only from a 'full' result. */
function scoreText(v: PreparedVote, g: RankedGroup, locale: SummaryLocale): string {
  if (v.results?.publish !== 'full') return ''
  const d = g.details?.[0]
  if (!d) return g.score === undefined ? '' : ` (${num(g.score)})`
  if ('dots' in d) return ` (${d.dots})`
  if ('points' in d) return ` (${d.points} ${tr('vote.pointsCol', locale).toLowerCase()})`
  if ('distribution' in d) return d.mean === undefined ? '' : ` (${tr('vote.meanCol', locale).toLowerCase()} ${formatDecimal(d.mean, locale)})`
  return ` (${pick(RATING_TEXTS.green, locale).toLowerCase()} ${d.green}, ${pick(RATING_TEXTS.red, locale).toLowerCase()} ${d.red})`
}

/** Votes that are "priorities": not the evaluation's round, not the equity check's barrier round. */
const isPriorityVote = (v: PreparedVote) => v.step?.kind !== 'evaluation' && v.step?.kind !== 'equity-check'

// ---------------------------------------------------------------------------------------------
// Equity and matrix

function gapText(gap: Gap, sectors: readonly Sector[], locale: SummaryLocale): string {
  const p = gap.message.params
  const values: Record<string, string> = {
    sector: sectorName(
      sectors.find((s) => s.id === p.sector),
      p.sector,
      locale,
    ),
    column: p.column ? pick(COLUMN_SHORT[p.column], locale) : '',
    effort: p.effort ?? '',
    no: p.no === undefined ? '' : String(p.no),
    n: p.n === undefined ? '' : String(p.n),
  }
  return gapTemplate(gap.message.key, locale).replace(/\{(sector|column|effort|no|n)\}/g, (_, name: string) => values[name] ?? '')
}

function gapShortLabel(gap: Gap, sectors: readonly Sector[], locale: SummaryLocale): string {
  const sector = sectorName(
    sectors.find((s) => s.id === gap.sector),
    gap.sector,
    locale,
  )
  if (gap.kind === 'universalNotReaching') {
    const effort = gap.message.params.effort ?? ''
    return locale === 'en' ? `${sector}: “${effort}” does not reach everyone` : `${sector}: «${effort}» ${locale === 'nn' ? 'når ikkje alle' : 'når ikke alle'}`
  }
  return `${sector}: ${pick(ROW_LABELS[gap.row], locale).toLowerCase()} – ${pick(COLUMN_SHORT[gap.column], locale)}`
}

function questionText(id: string, locale: SummaryLocale): string {
  const q = QUESTIONS.find((x) => x.id === id)
  return q ? `${q.id} ${pickText(q.text, locale)}` : id
}

function choiceLabel(questionId: string, choice: string | undefined, locale: SummaryLocale): string {
  if (!choice) return ''
  const opt = QUESTIONS.find((q) => q.id === questionId)?.options?.find((o) => o.id === choice)
  if (!opt) return ''
  // The S0.3 options are the matrix columns; those have nynorsk.
  const col = COLUMNS.find((c) => c === choice)
  const label = col && questionId === 'S0.3' ? pick(COLUMN_LABELS[col], locale) : pickText(opt.label, locale)
  return tr('equity.choice', locale, { choice: label })
}

function equityBlocks(p: Prepared, check: SummaryEquityCheck, locale: SummaryLocale): Block[] {
  const blocks: Block[] = [heading(tr('equity.check', locale, { step: p.stepTitle(check.stepId, locale) }))]
  const answers = check.answers ?? {}
  const summary = summarize(answers)
  const answered = QUESTIONS.length - summary.total.unanswered
  const facts = [fact(tr('equity.subject', locale), subjectText(p, check.subject, locale))]
  if (answered > 0) facts.push(fact(tr('equity.overall', locale), pick(RATING_TEXTS[summary.overall], locale)))
  facts.push(fact(tr('equity.answered', locale), tr('equity.answeredValue', locale, { a: answered, n: QUESTIONS.length })))
  blocks.push({ kind: 'facts', items: facts })

  if (answered === 0) blocks.push(paragraph(tr('equity.noAnswers', locale)))
  else {
    const rows: string[][] = []
    for (const q of QUESTIONS) {
      const a = answers[q.id]
      if (!a) continue
      const note = [choiceLabel(q.id, a.choice, locale), a.note?.trim() ?? ''].filter(Boolean).join(' – ')
      rows.push([questionText(q.id, locale), pick(RATING_TEXTS[a.rating], locale), note])
    }
    blocks.push({ kind: 'table', header: [tr('equity.question', locale), tr('equity.rating', locale), tr('equity.note', locale)], rows })
    const levelRows = INEQUALITY_LEVELS.filter((l) => summary.byLevel[l].unanswered < Object.values(summary.byLevel[l]).reduce((a, b) => a + b, 0)).map((l) => [
      pick(LEVEL_LABELS[l], locale),
      ...RATINGS.map((r) => String(summary.byLevel[l][r])),
    ])
    if (levelRows.length > 0) {
      blocks.push(heading(tr('equity.byLevel', locale), 2))
      blocks.push({ kind: 'table', header: [tr('equity.level', locale), ...RATINGS.map((r) => pick(RATING_TEXTS[r], locale))], rows: levelRows })
    }
  }
  if (summary.barriersFound.length > 0) {
    blocks.push(heading(tr('equity.barriers', locale), 2))
    blocks.push({ kind: 'list', items: summary.barriersFound.map((b) => pick(BARRIER_LABELS[b], locale)) })
  }
  const tasks = followUpTasks(answers)
  if (tasks.length > 0) {
    blocks.push(heading(tr('equity.followUp', locale), 2))
    blocks.push({
      kind: 'list',
      items: tasks.map((t) => {
        const text = t.kind === 'findOut' && t.barrierId ? `${pickText(QUESTIONS.find((q) => q.id === t.questionId)?.text ?? t.text, locale)} (${pick(BARRIER_LABELS[t.barrierId], locale)})` : pickText(t.text, locale)
        return tr(t.kind === 'findOut' ? 'equity.findOut' : 'equity.redNeedsNote', locale, { text: `${t.questionId} ${text}` })
      }),
    })
  }
  for (const v of p.votes.filter((x) => x.stepId === check.stepId && x.results)) {
    blocks.push(heading(tr('equity.barrierViews', locale), 2))
    const table = voteTable(p, v, locale, true)
    blocks.push(paragraph(table ? `${voteIntro(v, locale)} ${tr('equity.barrierOrder', locale)}` : voteIntro(v, locale)))
    if (table) blocks.push(table)
  }
  return blocks
}

function matrixBlocks(p: Prepared, locale: SummaryLocale): Block[] {
  if (!p.input.matrix) return []
  const blocks: Block[] = [heading(tr('matrix.heading', locale))]
  if (p.efforts.length === 0) return [...blocks, paragraph(tr('matrix.none', locale))]
  const sectors = p.input.matrix.sectors
  const rowIndex = (e: Effort) => ROWS.indexOf(e.row) * COLUMNS.length + COLUMNS.indexOf(e.column)
  for (const s of p.mappedSectors) {
    blocks.push(heading(tr('matrix.sector', locale, { name: sectorName(s, s.id, locale) }), 2))
    const efforts = p.efforts.filter((e) => e.sector === s.id).sort((a, b) => rowIndex(a) - rowIndex(b))
    blocks.push({
      kind: 'table',
      header: ['matrix.effort', 'matrix.row', 'matrix.column', 'matrix.status', 'matrix.targetGroup', 'matrix.ownerRole', 'matrix.reach'].map((k) => tr(k as TextKey, locale)),
      rows: efforts.map((e) => {
        const reach = printableReach(e.reach)
        const anyReach = e.reach && count(e.reach.yes) + count(e.reach.no) + count(e.reach.unsure) > 0
        return [
          e.text,
          pick(ROW_LABELS[e.row], locale),
          pick(COLUMN_LABELS[e.column], locale),
          tr(EFFORT_STATUS_TEXTS[e.status], locale),
          e.targetGroup ?? '',
          e.ownerRole ?? '',
          reach ? tr('matrix.reachCounts', locale, { yes: reach.yes, no: reach.no, unsure: reach.unsure }) : anyReach ? tr('matrix.reachFew', locale) : '',
        ]
      }),
    })
  }
  const gaps = findGaps(p.efforts, p.mappedSectors)
  blocks.push(heading(tr('matrix.gaps', locale), 2))
  blocks.push(gaps.length === 0 ? paragraph(tr('matrix.noGaps', locale)) : { kind: 'list', items: gaps.map((g) => gapText(g, sectors, locale)) })
  return blocks
}

// ---------------------------------------------------------------------------------------------
// Action plan

function planFieldLabel(path: string, locale: SummaryLocale): string {
  const parts = path.split('.')
  const [head, index, field] = parts
  if ((head === 'activities' || head === 'indicators') && index !== undefined && /^\d+$/.test(index)) {
    const item = tr(head === 'activities' ? 'plan.activity' : 'plan.indicator', locale, { n: Number(index) + 1 })
    const key = `plan.${head}.${field}`
    return field && Object.hasOwn(TEXTS, key) ? `${item}, ${tr(key as TextKey, locale).toLowerCase()}` : item
  }
  const parent = `plan.${head}`
  const key = `plan.${parts.slice(0, 2).join('.')}`
  if (parts.length > 1 && Object.hasOwn(TEXTS, parent) && Object.hasOwn(TEXTS, key)) return `${tr(parent as TextKey, locale)}, ${tr(key as TextKey, locale).toLowerCase()}`
  return Object.hasOwn(TEXTS, key) ? tr(key as TextKey, locale) : path
}

function indicatorRow(ind: Indicator, locale: SummaryLocale): string[] {
  return [
    tr(INDICATOR_TYPE_TEXTS[ind.type] ?? 'indicator.outcome', locale),
    ind.name,
    ind.source,
    ind.baseline,
    ind.target,
    ind.breakdown.filter(filled).map((b) => breakdownText(b, locale)).join(', '),
    ind.unit,
  ]
}

function planBlocks(p: Prepared, sp: SummaryPlan, locale: SummaryLocale, today: string): Block[] {
  const plan = sp.plan
  const t = (k: TextKey) => tr(k, locale)
  const blocks: Block[] = [heading(tr('plan.heading', locale, { step: p.stepTitle(sp.stepId, locale) }))]
  blocks.push({ kind: 'facts', items: [fact(t('plan.equityGoal'), orNotSet(plan.equityGoal, locale))] })
  blocks.push(heading(t('plan.planTrace'), 2))
  blocks.push({
    kind: 'facts',
    items: [
      fact(t('plan.planTrace.plan'), orNotSet(plan.planTrace.plan, locale)),
      fact(t('plan.planTrace.goal'), orNotSet(plan.planTrace.goal, locale)),
      fact(t('plan.planTrace.measure'), orNotSet(plan.planTrace.measure, locale)),
    ],
  })
  const tg = plan.targetGroup
  blocks.push(heading(t('plan.targetGroup'), 2))
  blocks.push({
    kind: 'facts',
    items: [
      fact(t('plan.targetGroup.approach'), tg.approach && Object.hasOwn(APPROACH_TEXTS, tg.approach) ? t(APPROACH_TEXTS[tg.approach]) : t('notSet')),
      fact(t('plan.targetGroup.group'), orNotSet(tg.group, locale)),
      fact(t('plan.targetGroup.extraFor'), orNotSet(tg.extraFor, locale)),
      fact(t('plan.targetGroup.justification'), orNotSet(tg.justification, locale)),
    ],
  })
  blocks.push(heading(t('plan.logicChain'), 2))
  blocks.push({
    kind: 'facts',
    items: (['input', 'activity', 'output', 'outcome', 'equityImpact'] as const).map((k) => fact(t(`plan.logicChain.${k}`), orNotSet(plan.logicChain[k], locale))),
  })
  blocks.push(heading(t('plan.activities'), 2))
  blocks.push(
    plan.activities.length === 0
      ? paragraph(t('plan.noActivities'))
      : {
          kind: 'table',
          header: [t('plan.activities.description'), t('plan.activities.ownerRole'), t('plan.activities.startDate'), t('plan.activities.resources')],
          rows: plan.activities.map((a) => [a.description, a.ownerRole, filled(a.startDate) ? formatIsoDate(a.startDate, locale) : '', a.resources]),
        },
  )
  blocks.push(heading(t('plan.indicators'), 2))
  blocks.push(
    plan.indicators.length === 0
      ? paragraph(t('plan.noIndicators'))
      : {
          kind: 'table',
          header: (['type', 'name', 'source', 'baseline', 'target', 'breakdown', 'unit'] as const).map((k) => t(`plan.indicators.${k}`)),
          rows: plan.indicators.map((ind) => indicatorRow(ind, locale)),
        },
  )
  blocks.push(heading(t('plan.equityEvaluation'), 2))
  blocks.push({
    kind: 'facts',
    items: [
      fact(t('plan.equityEvaluation.when'), dateOrNotSet(plan.equityEvaluation.when, locale)),
      fact(t('plan.equityEvaluation.how'), orNotSet(plan.equityEvaluation.how, locale)),
      fact(t('plan.equityEvaluation.whoHears'), orNotSet(plan.equityEvaluation.whoHears, locale)),
    ],
  })
  blocks.push(heading(t('plan.unintendedEffects'), 2))
  blocks.push({
    kind: 'facts',
    items: [fact(t('plan.unintendedEffects.risks'), orNotSet(plan.unintendedEffects.risks, locale)), fact(t('plan.unintendedEffects.howWeNotice'), orNotSet(plan.unintendedEffects.howWeNotice, locale))],
  })
  blocks.push(heading(t('plan.youthFeedback'), 2))
  blocks.push({
    kind: 'facts',
    items: [fact(t('plan.youthFeedback.date'), dateOrNotSet(plan.youthFeedback.date, locale)), fact(t('plan.youthFeedback.channel'), orNotSet(plan.youthFeedback.channel, locale))],
  })
  const check = validatePlan(plan, today)
  if (check.errors.length > 0) {
    blocks.push(heading(t('plan.toComplete'), 2))
    blocks.push({ kind: 'list', items: check.errors.map((e) => tr('plan.problem', locale, { field: planFieldLabel(e.path, locale), problem: pick(PLAN_ERROR_TEXTS[e.code], locale) })) })
  }
  if (check.warnings.length > 0) {
    blocks.push(heading(t('plan.toStrengthen'), 2))
    blocks.push({ kind: 'list', items: check.warnings.map((w) => tr('plan.problem', locale, { field: planFieldLabel(w.path, locale), problem: pick(PLAN_WARNING_TEXTS[w.code], locale) })) })
  }
  return blocks
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function evaluationOf(p: Prepared): EvaluationSummary | null {
  if (p.input.evaluation) return p.input.evaluation
  const v = p.votes.find((x) => x.step?.kind === 'evaluation' && x.results)
  return v?.results ? evaluationFromResults(v.results) : null
}

function evaluationBlocks(p: Prepared, locale: SummaryLocale): Block[] {
  const e = evaluationOf(p)
  if (!e) return [paragraph(tr('evaluation.none', locale))]
  const blocks: Block[] = [paragraph(tr('evaluation.intro', locale))]
  if (e.publish === 'none') return [...blocks, paragraph(tr('evaluation.tooFew', locale))]
  if (e.publish === 'full') blocks.push({ kind: 'facts', items: [fact(tr('evaluation.respondents', locale), String(count(e.respondents)))] })
  const rows = EVALUATION_QUESTION_IDS.map((id) => {
    const q = e.questions.find((x) => x.questionId === id)
    const label = pick(EVALUATION_TEXTS[id].text, locale)
    const blanks = ['', '', '', '', '']
    // Numbers only for 'full' questions with enough answers, whatever the object claims.
    if (q?.publish === 'full' && q.n >= 5) return [label, String(q.n), formatDecimal(q.mean, locale), ...q.distribution.map(String)]
    if (q?.publish === 'full' || q?.publish === 'rankOnly') {
      const rank = q.publish === 'rankOnly' ? q.rank : undefined
      return [label, rank === undefined ? tr('evaluation.rankOnly', locale) : tr('evaluation.rankOnlyRanked', locale, { rank }), '', ...blanks]
    }
    return [label, tr('evaluation.tooFew', locale), '', ...blanks]
  })
  blocks.push({ kind: 'table', header: [tr('evaluation.question', locale), tr('evaluation.n', locale), tr('evaluation.mean', locale), '1', '2', '3', '4', '5'], rows })
  return blocks
}

// ---------------------------------------------------------------------------------------------
// Sections of the full version

function headerSection(p: Prepared, locale: SummaryLocale, length: SummaryLength, title: string): SummarySection {
  const m = p.input.meta
  const items = []
  if (filled(m.municipality)) items.push(fact(tr('header.municipality', locale), m.municipality.trim()))
  items.push(fact(tr('header.date', locale), formatMsDate(m.createdAt, locale) || tr('notSet', locale)))
  items.push(fact(tr('header.template', locale), templateName(p.input.template, locale)))
  if (filled(m.reference)) items.push(fact(tr('header.reference', locale), m.reference.trim()))
  items.push(fact(tr('header.status', locale), tr(`status.${p.input.status}` as TextKey, locale)))
  items.push(fact(tr('header.version', locale), tr(length === 'full' ? 'version.full' : 'version.short', locale)))
  const blocks: Block[] = [{ kind: 'facts', items }, paragraph(tr('header.privacy', locale))]
  if (!hasResults(p)) blocks.push(paragraph(tr(p.input.status === 'lobby' ? 'noResults.lobby' : 'noResults.any', locale)))
  return { id: 'header', heading: title, blocks }
}

function mandateSection(p: Prepared, locale: SummaryLocale): SummarySection {
  const c = p.input.contract
  const t = (k: TextKey) => tr(k, locale)
  const blocks: Block[] = c
    ? [
        {
          kind: 'facts',
          items: [
            fact(t('mandate.question'), orNotSet(c.question, locale)),
            fact(t('mandate.open'), orNotSet(c.open, locale)),
            fact(t('mandate.fixed'), orNotSet(c.fixed, locale)),
            fact(t('mandate.owner'), orNotSet(c.decisionOwner, locale)),
            fact(t('mandate.decisionDate'), dateOrNotSet(c.decisionDate, locale)),
            fact(t('mandate.feedbackDate'), dateOrNotSet(c.feedbackDate, locale)),
            fact(t('mandate.feedbackChannel'), orNotSet(c.feedbackChannel, locale)),
          ],
        },
      ]
    : [paragraph(t('mandate.none'))]
  return { id: 'mandate', heading: t('section.mandate'), blocks }
}

function participantsSection(p: Prepared, locale: SummaryLocale): SummarySection {
  const i = p.input
  const blocks: Block[] = [
    {
      kind: 'facts',
      items: [
        fact(tr('participants.count', locale), String(count(i.participants))),
        fact(tr('participants.notReached', locale), filled(i.notReached) ? i.notReached.trim() : tr('participants.notRecorded', locale)),
      ],
    },
    paragraph(tr('participants.privacy', locale)),
  ]
  for (const pulse of inStepOrder(i.template, i.pulses ?? [])) {
    const totals = [0, 1, 2, 3, 4].map((k) => count(pulse.totals[k]))
    const n = totals.reduce((a, b) => a + b, 0)
    if (n === 0) continue
    blocks.push(heading(tr('pulse.heading', locale, { step: p.stepTitle(pulse.stepId, locale) })))
    // The same thresholds as votes: a spread of four people's moods is four people's moods.
    if (publishLevel(n, 0) !== 'full') blocks.push(paragraph(tr('pulse.tooFew', locale)))
    else blocks.push({ kind: 'table', header: [tr('pulse.answer', locale), tr('pulse.count', locale)], rows: totals.map((c, k) => [tr(`pulse.${k}` as TextKey, locale), String(c)]) })
  }
  return { id: 'participants', heading: tr('section.participants', locale), blocks }
}

function knowledgeSection(p: Prepared, locale: SummaryLocale): SummarySection {
  const titles = p.input.template.steps.filter((s) => s.kind === 'info').map((s) => p.stepTitle(s.id, locale))
  const blocks: Block[] = titles.length === 0 ? [paragraph(tr('knowledge.none', locale))] : [paragraph(tr('knowledge.intro', locale)), { kind: 'list', items: titles }]
  return { id: 'knowledge', heading: tr('section.knowledge', locale), blocks }
}

function resultsSection(p: Prepared, locale: SummaryLocale): SummarySection {
  const blocks: Block[] = []
  const votes = p.votes.filter(isPriorityVote)
  if (votes.length === 0) blocks.push(paragraph(tr('results.noVotes', locale)))
  for (const v of votes) {
    blocks.push(heading(tr('results.priorities', locale, { step: p.stepTitle(v.stepId, locale) })))
    blocks.push(paragraph(voteIntro(v, locale)))
    const table = voteTable(p, v, locale)
    if (table) blocks.push(table)
  }
  blocks.push(heading(tr('dissent.heading', locale)))
  blocks.push(paragraph(filled(p.input.dissent) ? p.input.dissent.trim() : tr('dissent.empty', locale)))
  blocks.push(heading(tr('notes.heading', locale)))
  if (p.notes.length === 0 && p.input.clusters.length === 0) blocks.push(paragraph(tr('notes.none', locale)))
  else {
    blocks.push(paragraph(tr('notes.intro', locale)))
    for (const g of p.groups) {
      blocks.push(heading(g.cluster ? g.cluster.name : tr('notes.ungrouped', locale), 2))
      blocks.push(g.notes.length === 0 ? paragraph(tr('notes.emptyGroup', locale)) : { kind: 'list', items: g.notes.map((n) => n.text) })
    }
  }
  return { id: 'results', heading: tr('section.results', locale), blocks }
}

function equitySection(p: Prepared, locale: SummaryLocale): SummarySection {
  const checks = inStepOrder(p.input.template, p.input.equityChecks ?? [])
  const blocks: Block[] = checks.flatMap((c) => equityBlocks(p, c, locale))
  // Barrier rounds of an equity step whose checklist is not in the input still count.
  for (const v of p.votes.filter((x) => x.step?.kind === 'equity-check' && x.results && !checks.some((c) => c.stepId === x.stepId))) {
    blocks.push(heading(tr('equity.barrierViews', locale)))
    const table = voteTable(p, v, locale, true)
    blocks.push(paragraph(table ? `${voteIntro(v, locale)} ${tr('equity.barrierOrder', locale)}` : voteIntro(v, locale)))
    if (table) blocks.push(table)
  }
  if (blocks.length === 0 && !p.input.matrix) blocks.push(paragraph(tr('equity.noChecks', locale)))
  blocks.push(...matrixBlocks(p, locale))
  return { id: 'equity', heading: tr('section.equity', locale), blocks }
}

function actionPlanSection(p: Prepared, locale: SummaryLocale, today: string): SummarySection {
  const plans = inStepOrder(p.input.template, p.input.plans ?? [])
  const blocks = plans.length === 0 ? [paragraph(tr('plan.none', locale))] : plans.flatMap((sp) => planBlocks(p, sp, locale, today))
  return { id: 'actionPlan', heading: tr('section.actionPlan', locale), blocks }
}

function statusLogSection(p: Prepared, locale: SummaryLocale): SummarySection {
  const entries = [...(p.input.statusLog ?? [])]
    .filter((e) => STATUS_KINDS.includes(e.kind))
    .sort((a, b) => a.at - b.at || STATUS_KINDS.indexOf(a.kind) - STATUS_KINDS.indexOf(b.kind) || byCodeUnit(a.text, b.text))
  const blocks: Block[] =
    entries.length === 0
      ? [paragraph(tr('log.empty', locale))]
      : [{ kind: 'table', header: [tr('log.date', locale), tr('log.kind', locale), tr('log.text', locale)], rows: entries.map((e) => [formatMsDate(e.at, locale), tr(`log.${e.kind}`, locale), e.text.trim()]) }]
  return { id: 'statusLog', heading: tr('section.statusLog', locale), blocks }
}

// ---------------------------------------------------------------------------------------------
// Sections of the short version

const SHORT_TOP = 3
const SHORT_FINDINGS = 6
const SHORT_TEXT = 110

function shortHeader(p: Prepared, locale: SummaryLocale, title: string): SummarySection {
  const m = p.input.meta
  // The template's name first: a line starting "15. januar" would read as a numbered list in Markdown.
  const line = [templateName(p.input.template, locale), formatMsDate(m.createdAt, locale), m.municipality?.trim(), m.reference?.trim()].filter(filled).join(' · ')
  const blocks: Block[] = [paragraph(line)]
  if (!hasResults(p)) blocks.push(paragraph(tr(p.input.status === 'lobby' ? 'noResults.lobby' : 'noResults.any', locale)))
  return { id: 'header', heading: title, blocks }
}

function shortMandate(p: Prepared, locale: SummaryLocale): SummarySection {
  const c = p.input.contract
  let text = tr('mandate.none', locale)
  if (c) {
    const question = orNotSet(c.question, locale).replace(/([^.?!…])$/u, '$1.')
    const params = { question, owner: orNotSet(c.decisionOwner, locale), date: filled(c.decisionDate) ? formatIsoDate(c.decisionDate, locale) : '' }
    text = tr(filled(c.decisionDate) ? 'short.mandateDated' : 'short.mandate', locale, params)
  }
  return { id: 'mandate', heading: tr('section.shortMandate', locale), blocks: [paragraph(text)] }
}

function shortParticipants(p: Prepared, locale: SummaryLocale): SummarySection {
  const n = count(p.input.participants)
  const text = filled(p.input.notReached) ? tr('short.participantsNotReached', locale, { n, text: sentence(p.input.notReached) }) : tr('short.participants', locale, { n })
  return { id: 'participants', heading: tr('section.shortParticipants', locale), blocks: [paragraph(text)] }
}

function topList(p: Prepared, v: PreparedVote, locale: SummaryLocale): Block {
  const groups = (v.results?.ranked ?? []).filter((g) => g.rank <= SHORT_TOP).slice(0, SHORT_TOP)
  return {
    kind: 'list',
    items: groups.map((g) => {
      const labels = g.optionIds.map((id) => p.optionLabel(v, id, locale)).join(' / ')
      return `${labels}${g.optionIds.length > 1 ? ` (${tr('vote.tied', locale)})` : ''}${scoreText(v, g, locale)}`
    }),
    numbers: groups.map((g) => g.rank),
  }
}

function shortPriorities(p: Prepared, locale: SummaryLocale): SummarySection {
  const votes = p.votes.filter((v) => isPriorityVote(v) && v.results && v.results.publish !== 'none')
  const headingOf = (v: PreparedVote, withStep: boolean) => {
    const full = v.results?.publish === 'full'
    const params = { n: v.results?.voters ?? 0, step: p.stepTitle(v.stepId, locale) }
    if (withStep) return tr(full ? 'short.prioritiesStep' : 'short.prioritiesStepOrder', locale, params)
    return tr(full ? 'short.priorities' : 'short.prioritiesOrder', locale, params)
  }
  const only = votes.length === 1 ? votes[0] : undefined
  if (only) return { id: 'priorities', heading: headingOf(only, false), blocks: [topList(p, only, locale)] }
  if (votes.length === 0) return { id: 'priorities', heading: tr('section.priorities', locale), blocks: [paragraph(tr('short.noPriorities', locale))] }
  return { id: 'priorities', heading: tr('section.priorities', locale), blocks: votes.flatMap((v) => [paragraph(`${headingOf(v, true)}:`), topList(p, v, locale)]) }
}

function shortFindings(p: Prepared, locale: SummaryLocale): SummarySection {
  const items: string[] = []
  for (const check of inStepOrder(p.input.template, p.input.equityChecks ?? [])) {
    const answers = check.answers ?? {}
    for (const rating of ['red', 'unknown'] as const) {
      for (const q of QUESTIONS) {
        const a = answers[q.id]
        if (a?.rating !== rating) continue
        const question = firstQuestion(pickText(q.text, locale))
        const text = a.note?.trim() ? `${shorten(question, 70)} – ${shorten(a.note, 80)}` : shorten(question, SHORT_TEXT)
        items.push(tr(rating === 'red' ? 'short.red' : 'short.unknown', locale, { text }))
      }
    }
    for (const b of summarize(answers).barriersFound) items.push(tr('short.barrier', locale, { text: pick(BARRIER_LABELS[b], locale) }))
  }
  if (p.input.matrix) {
    const gaps = findGaps(p.efforts, p.mappedSectors)
    for (const g of gaps) items.push(tr('short.gap', locale, { text: shorten(gapShortLabel(g, p.input.matrix.sectors, locale), SHORT_TEXT) }))
  }
  if (items.length === 0) return { id: 'findings', heading: tr('section.findings', locale), blocks: [paragraph(tr('short.noFindings', locale))] }
  const shown = items.slice(0, SHORT_FINDINGS)
  if (items.length > SHORT_FINDINGS) shown.push(tr('short.more', locale, { n: items.length - SHORT_FINDINGS }))
  return { id: 'findings', heading: tr('section.findings', locale), blocks: [{ kind: 'list', items: shown }] }
}

function shortGoal(p: Prepared, locale: SummaryLocale): SummarySection {
  const goal = inStepOrder(p.input.template, p.input.plans ?? []).find((x) => filled(x.plan.equityGoal))?.plan.equityGoal.trim()
  return { id: 'equityGoal', heading: tr('section.equityGoal', locale), blocks: [paragraph(goal ? shorten(goal, 300) : tr('short.goalNone', locale))] }
}

function shortFeedback(p: Prepared, locale: SummaryLocale): SummarySection {
  const c = p.input.contract
  const plan = inStepOrder(p.input.template, p.input.plans ?? []).find((x) => filled(x.plan.youthFeedback.date))?.plan
  const date = filled(c?.feedbackDate) ? c.feedbackDate : plan?.youthFeedback.date
  const channel = filled(c?.feedbackDate) ? c.feedbackChannel : plan?.youthFeedback.channel
  const text = !filled(date)
    ? tr('notSet', locale)
    : filled(channel)
      ? tr('short.feedbackChannel', locale, { date: formatIsoDate(date, locale), channel: channel.trim() })
      : tr('short.feedback', locale, { date: formatIsoDate(date, locale) })
  return { id: 'feedback', heading: tr('section.feedback', locale), blocks: [paragraph(text)] }
}

// ---------------------------------------------------------------------------------------------

function privacyCheck(p: Prepared): PrivacyCheck {
  const notesWithPersonalInfo: PrivacyCheck['notesWithPersonalInfo'] = []
  for (const n of p.notes) {
    const kinds = [...new Set(findPersonalInfo(n.text).map((m) => m.kind))].sort(byCodeUnit)
    if (kinds.length > 0) notesWithPersonalInfo.push({ noteId: n.id, kinds })
  }
  return { notesWithPersonalInfo }
}

/**
 * The planner's summary of a session. Pure and deterministic: the same input, locale and length
 * always give the same summary. Never throws on an empty or half-finished session.
 */
export function summary(input: SummaryInput, locale: SummaryLocale, length: SummaryLength): Summary {
  const p = prepare(input)
  const title = input.meta.title?.replace(/\s+/g, ' ').trim() || templateName(input.template, locale)
  const sections: SummarySection[] =
    length === 'short'
      ? [shortHeader(p, locale, title), shortMandate(p, locale), shortParticipants(p, locale), shortPriorities(p, locale), shortFindings(p, locale), shortGoal(p, locale), shortFeedback(p, locale)]
      : [
          headerSection(p, locale, length, title),
          mandateSection(p, locale),
          participantsSection(p, locale),
          knowledgeSection(p, locale),
          resultsSection(p, locale),
          equitySection(p, locale),
          actionPlanSection(p, locale, todayOf(input)),
          { id: 'evaluation', heading: tr('section.evaluation', locale), blocks: evaluationBlocks(p, locale) },
          statusLogSection(p, locale),
        ]
  return { locale, length, title, sections, privacy: privacyCheck(p) }
}
