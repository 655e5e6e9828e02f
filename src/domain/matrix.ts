/**
 * The mapping matrix (kartleggingsverktøyet): per sector, a 2 × 3 grid of the municipality's
 * efforts. Rows say whom an effort is for (universal: everyone, or everyone in a group; targeted:
 * a group at higher risk). Columns say where in the causal chain it acts, from indirect
 * (prevent: the causes of the causes) to direct (reduce consequences: repair and treat).
 * See DOMAIN.md "The mapping matrix" and research/domain.md §3.1.
 *
 * Decisions worth knowing:
 * - Efforts and sector lists come from peers and shared files, so `validateEffort` and
 *   `validateSectors` check every field (valibot) and return fresh, trimmed copies with problem
 *   codes the UI can translate, never the object they were given.
 * - Gaps are derived, never stored: every device computes the same list from the same efforts,
 *   in a fixed order (sector list order, then row, then column, then effort id by code unit), so
 *   the gap list does not depend on the order a Y.Map happened to iterate.
 * - One cell, one structural gap. An empty universal cell in a column that has targeted efforts is
 *   reported only as `targetedWithoutUniversal` (the more specific and more urgent message:
 *   targeting alone "is not sufficient", Dahl et al. 2014), not a second time as `emptyCell`.
 * - Reach ("does this reach you?") is an aggregate of anonymous youth answers. Counts are put in
 *   a message only when at least REACH_COUNTS_MIN_ANSWERS answered, the same rule as vote totals
 *   (no breakdown of any group smaller than 5).
 */
import * as v from 'valibot'
import { DEFAULT_SECTORS, EFFORT_STATUSES, MAX_SECTORS, MAX_SECTOR_NAME, SECTOR_ID, type Bilingual, type EffortStatus, type Sector, type TextLocale } from './sectors.ts'

export { DEFAULT_SECTORS, EFFORT_STATUSES, MAX_SECTORS, MAX_SECTOR_NAME, type Bilingual, type EffortStatus, type Sector, type TextLocale }

// ---------------------------------------------------------------------------------------------
// Grid

export const ROWS = ['universal', 'targeted'] as const
export type Row = (typeof ROWS)[number]
/** Indirect → direct, the order the source's columns are read in. */
export const COLUMNS = ['prevent', 'reduce_risk', 'reduce_consequences'] as const
export type Column = (typeof COLUMNS)[number]

export const ROW_TEXTS: Readonly<Record<Row, { label: Bilingual; hint: Bilingual }>> = {
  universal: {
    label: { nb: 'Universelle innsatser', en: 'Universal efforts' },
    hint: { nb: 'For alle, eller for alle i en gruppe', en: 'For everyone, or for everyone in a group' },
  },
  targeted: {
    label: { nb: 'Målrettede innsatser', en: 'Targeted efforts' },
    hint: { nb: 'For en gruppe som har høyere risiko', en: 'For a group at higher risk' },
  },
}

/** `short` completes "for å …" / "to …" in gap messages. */
export const COLUMN_TEXTS: Readonly<Record<Column, { label: Bilingual; hint: Bilingual; short: Bilingual }>> = {
  prevent: {
    label: { nb: 'Forhindre sosial ulikhet i helse', en: 'Prevent social inequality in health' },
    hint: { nb: 'Sikre like muligheter til god helse og livskvalitet', en: 'Ensure equal chances of good health and quality of life' },
    short: { nb: 'forebygge ulikhet', en: 'prevent inequality' },
  },
  reduce_risk: {
    label: { nb: 'Redusere risikofaktorer', en: 'Reduce risk factors' },
    hint: { nb: 'Innsats mot det som gir sykdom, skade eller plager', en: 'Efforts against what causes illness, injury or ailments' },
    short: { nb: 'redusere risiko', en: 'reduce risk' },
  },
  reduce_consequences: {
    label: { nb: 'Redusere konsekvenser av sosial ulikhet i helse', en: 'Reduce the consequences of social inequality in health' },
    hint: { nb: 'Reparere og behandle', en: 'Repair and treat' },
    short: { nb: 'redusere konsekvenser', en: 'reduce consequences' },
  },
}

const ROW_INDEX: Readonly<Record<string, number>> = { universal: 0, targeted: 1 }
const COLUMN_INDEX: Readonly<Record<string, number>> = { prevent: 0, reduce_risk: 1, reduce_consequences: 2 }
const CELLS_PER_SECTOR = ROWS.length * COLUMNS.length

export const isRow = (x: unknown): x is Row => typeof x === 'string' && Object.hasOwn(ROW_INDEX, x)
export const isColumn = (x: unknown): x is Column => typeof x === 'string' && Object.hasOwn(COLUMN_INDEX, x)

export interface Cell {
  sector: string
  row: Row
  column: Column
}

/** A stable text key for a cell. Sector ids cannot contain "/", so keys cannot collide. */
export function cellKey(cell: Cell): string {
  return `${cell.sector}/${cell.row}/${cell.column}`
}

/** Code points, as for notes: an emoji is one character to the person typing it. */
const length = (s: string) => Array.from(s).length
const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim()

// ---------------------------------------------------------------------------------------------
// Sectors

export type SectorProblemCode =
  | 'notList'
  | 'emptySectors'
  | 'tooManySectors'
  | 'malformed'
  | 'badSectorId'
  | 'duplicateSectorId'
  | 'duplicateSectorName'
  | 'missingName'
  | 'nameTooLong'
export interface SectorProblem {
  code: SectorProblemCode
  /** e.g. "2.name.nb"; "" for the list as a whole. */
  path: string
}
export type SectorsResult = { ok: true; sectors: Sector[] } | { ok: false; problems: SectorProblem[] }

const sectorName = v.pipe(
  v.string('missingName'),
  v.transform(clean),
  v.check((s) => s.length > 0, 'missingName'),
  v.check((s) => length(s) <= MAX_SECTOR_NAME, 'nameTooLong'),
)
const SectorSchema = v.object({
  id: v.pipe(v.string('badSectorId'), v.regex(SECTOR_ID, 'badSectorId')),
  // A municipality adding its own sector may not write English; the nb name stands in.
  name: v.object({ nb: sectorName, en: v.optional(sectorName) }, 'missingName'),
})

const SECTOR_CODES = new Set<string>(['badSectorId', 'missingName', 'nameTooLong'])
const pathOf = (issue: v.BaseIssue<unknown>) => (issue.path ?? []).map((p) => String(p.key)).join('.')

/**
 * The problem code of a valibot issue: our own message when a check set one; for a missing key
 * (valibot reports those with the enclosing object's message) the code its field would have given.
 */
function codeOf<C extends string>(issue: v.BaseIssue<unknown>, known: ReadonlySet<string>, missing: Readonly<Record<string, C>>, fallback: C): C {
  const last = issue.path?.[issue.path.length - 1]?.key
  if (issue.received === 'undefined' && typeof last === 'string' && Object.hasOwn(missing, last)) return missing[last] as C
  return known.has(issue.message) ? (issue.message as C) : fallback
}
const SECTOR_MISSING: Readonly<Record<string, SectorProblemCode>> = { id: 'badSectorId', name: 'missingName', nb: 'missingName' }

/** Names are compared as people read them: trimmed, NFC, case-folded. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase()

/**
 * Checks a configured sector list (from settings or a shared file). Two sectors with the same id
 * or the same name (either language, ignoring case) would be two boards nobody can tell apart.
 */
export function validateSectors(raw: unknown): SectorsResult {
  if (!Array.isArray(raw)) return { ok: false, problems: [{ code: 'notList', path: '' }] }
  const list: unknown[] = raw
  if (list.length === 0) return { ok: false, problems: [{ code: 'emptySectors', path: '' }] }
  if (list.length > MAX_SECTORS) return { ok: false, problems: [{ code: 'tooManySectors', path: '' }] }
  const problems: SectorProblem[] = []
  const sectors: Sector[] = []
  const ids = new Set<string>()
  const names = new Set<string>()
  list.forEach((item, i) => {
    const res = v.safeParse(SectorSchema, item)
    if (!res.success) {
      for (const issue of res.issues) {
        const code = codeOf<SectorProblemCode>(issue, SECTOR_CODES, SECTOR_MISSING, 'malformed')
        const path = [String(i), pathOf(issue)].filter(Boolean).join('.')
        if (!problems.some((p) => p.code === code && p.path === path)) problems.push({ code, path })
      }
      return
    }
    const { id, name } = res.output
    const sector: Sector = { id, name: { nb: name.nb, en: name.en ?? name.nb } }
    if (ids.has(id)) problems.push({ code: 'duplicateSectorId', path: `${i}.id` })
    const keys = new Set([nameKey(sector.name.nb), nameKey(sector.name.en)])
    if ([...keys].some((k) => names.has(k))) problems.push({ code: 'duplicateSectorName', path: `${i}.name` })
    ids.add(id)
    for (const k of keys) names.add(k)
    sectors.push(sector)
  })
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, sectors }
}

// ---------------------------------------------------------------------------------------------
// Efforts

export const EFFORT_TEXT_MAX = 280
export const EFFORT_FIELD_MAX = 120
export const MAX_REACH_COUNT = 100_000

/** "Does this reach you?" answered anonymously by young people; aggregate counts only. */
export interface Reach {
  yes: number
  no: number
  unsure: number
}

export interface Effort {
  id: string
  text: string
  sector: string
  row: Row
  column: Column
  status: EffortStatus
  /** Required for targeted efforts: a targeted effort must say whom it targets. */
  targetGroup?: string
  /** A role or unit ("helsesykepleier", "NAV ungdom"), never a person's name. */
  ownerRole?: string
  reach?: Reach
}

export type EffortProblemCode =
  | 'notObject'
  | 'badId'
  | 'missingText'
  | 'textTooLong'
  | 'unknownSector'
  | 'unknownRow'
  | 'unknownColumn'
  | 'badStatus'
  | 'targetGroupRequired'
  | 'fieldTooLong'
  | 'badReach'
  | 'malformed'
export interface EffortProblem {
  code: EffortProblemCode
  path: string
}
export type EffortResult = { ok: true; effort: Effort } | { ok: false; problems: EffortProblem[] }

const EFFORT_ID = /^[A-Za-z0-9_-]{1,64}$/
const optionalField = v.optional(
  v.pipe(
    v.string('malformed'),
    v.transform(clean),
    v.check((s) => length(s) <= EFFORT_FIELD_MAX, 'fieldTooLong'),
  ),
)
const reachCount = v.pipe(v.number('badReach'), v.integer('badReach'), v.minValue(0, 'badReach'), v.maxValue(MAX_REACH_COUNT, 'badReach'))

function effortSchema(sectorIds: readonly string[]) {
  return v.object({
    id: v.pipe(v.string('badId'), v.regex(EFFORT_ID, 'badId'), v.check((s) => s !== '__proto__', 'badId')),
    text: v.pipe(
      v.string('missingText'),
      v.transform(clean),
      v.check((s) => s.length > 0, 'missingText'),
      v.check((s) => length(s) <= EFFORT_TEXT_MAX, 'textTooLong'),
    ),
    sector: v.picklist(sectorIds, 'unknownSector'),
    row: v.picklist(ROWS, 'unknownRow'),
    column: v.picklist(COLUMNS, 'unknownColumn'),
    status: v.picklist(EFFORT_STATUSES, 'badStatus'),
    targetGroup: optionalField,
    ownerRole: optionalField,
    reach: v.optional(v.object({ yes: reachCount, no: reachCount, unsure: reachCount }, 'badReach')),
  })
}

const EFFORT_CODES = new Set<string>([
  'badId',
  'missingText',
  'textTooLong',
  'unknownSector',
  'unknownRow',
  'unknownColumn',
  'badStatus',
  'fieldTooLong',
  'badReach',
  'malformed',
])
const EFFORT_MISSING: Readonly<Record<string, EffortProblemCode>> = {
  id: 'badId',
  text: 'missingText',
  sector: 'unknownSector',
  row: 'unknownRow',
  column: 'unknownColumn',
  status: 'badStatus',
}

/**
 * Checks an effort card (from a peer's doc or an import) against the sector list in use.
 * Optional texts are trimmed and dropped when blank; all problems are reported, not just the first.
 */
export function validateEffort(raw: unknown, sectors: readonly Pick<Sector, 'id'>[] = DEFAULT_SECTORS): EffortResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: 'notObject', path: '' }] }
  const problems: EffortProblem[] = []
  const res = v.safeParse(effortSchema(sectors.map((s) => s.id)), raw)
  if (!res.success) {
    for (const issue of res.issues) {
      const path = pathOf(issue)
      const code = codeOf<EffortProblemCode>(issue, EFFORT_CODES, EFFORT_MISSING, 'malformed')
      if (!problems.some((p) => p.code === code && p.path === path)) problems.push({ code, path })
    }
  }
  // Checked on the raw value so the problem is reported even when other fields are broken.
  const r = raw as { row?: unknown; targetGroup?: unknown }
  if (r.row === 'targeted' && (typeof r.targetGroup !== 'string' || clean(r.targetGroup) === '')) {
    problems.push({ code: 'targetGroupRequired', path: 'targetGroup' })
  }
  if (!res.success || problems.length > 0) return { ok: false, problems }
  const o = res.output
  const effort: Effort = { id: o.id, text: o.text, sector: o.sector, row: o.row, column: o.column, status: o.status }
  if (o.targetGroup) effort.targetGroup = o.targetGroup
  if (o.ownerRole) effort.ownerRole = o.ownerRole
  if (o.reach) effort.reach = { yes: o.reach.yes, no: o.reach.no, unsure: o.reach.unsure }
  return { ok: true, effort }
}

// ---------------------------------------------------------------------------------------------
// The source's OPPVEKST examples

export interface ExampleCard {
  id: string
  sector: 'oppvekst'
  row: Row
  column: Column
  text: Bilingual
  targetGroup?: Bilingual
}

/**
 * The twelve examples on the source's OPPVEKST sheet, two per cell, in the source's order.
 * The nb text is the source's, with "bhg" written out for young readers.
 */
export const EXAMPLE_CARDS: readonly ExampleCard[] = [
  {
    id: 'ex-universal-prevent-1',
    sector: 'oppvekst',
    row: 'universal',
    column: 'prevent',
    text: { nb: 'Gratis deltagelse på fritidsaktiviteter i kommunen', en: 'Free participation in municipal leisure activities' },
  },
  {
    id: 'ex-universal-prevent-2',
    sector: 'oppvekst',
    row: 'universal',
    column: 'prevent',
    text: { nb: 'Full barnehagedekning', en: 'A kindergarten place for every child' },
  },
  {
    id: 'ex-universal-reduce_risk-1',
    sector: 'oppvekst',
    row: 'universal',
    column: 'reduce_risk',
    text: {
      nb: 'Tilrettelegging av sikre skoleveier slik at barn/unge kan gå/sykle til/fra skolen',
      en: 'Safe routes to school so children and young people can walk or cycle to and from school',
    },
  },
  {
    id: 'ex-universal-reduce_risk-2',
    sector: 'oppvekst',
    row: 'universal',
    column: 'reduce_risk',
    text: {
      nb: 'Systematisk innsats for godt læringsmiljø i skole og barnehage',
      en: 'Systematic work for a good learning environment in school and kindergarten',
    },
  },
  {
    id: 'ex-universal-reduce_consequences-1',
    sector: 'oppvekst',
    row: 'universal',
    column: 'reduce_consequences',
    text: {
      nb: 'Helsestasjon og skolehelsetjenestetilbud til foreldre, barn og unge',
      en: 'Child health centre and school health service for parents, children and young people',
    },
  },
  {
    id: 'ex-universal-reduce_consequences-2',
    sector: 'oppvekst',
    row: 'universal',
    column: 'reduce_consequences',
    text: { nb: 'Rask psykisk helsehjelp', en: 'Rapid mental-health help' },
  },
  {
    id: 'ex-targeted-prevent-1',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'prevent',
    text: {
      nb: 'Iverksette tjenester som gjør det mulig å tilby et koordinert og helhetlig tilbud til familier med sammensatte behov',
      en: 'Services that make coordinated, holistic support possible for families with complex needs',
    },
    targetGroup: { nb: 'Familier med sammensatte behov', en: 'Families with complex needs' },
  },
  {
    id: 'ex-targeted-prevent-2',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'prevent',
    text: {
      nb: 'Gratis kjernetid i barnehage og SFO i kommunens utsatte boligområder',
      en: "Free core hours in kindergarten and after-school care in the municipality's deprived housing areas",
    },
    targetGroup: { nb: 'Barn i utsatte boligområder', en: 'Children in deprived housing areas' },
  },
  {
    id: 'ex-targeted-reduce_risk-1',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'reduce_risk',
    text: { nb: 'Nærmiljøutvikling i utsatte boligområder', en: 'Neighbourhood development in deprived housing areas' },
    targetGroup: { nb: 'Beboere i utsatte boligområder', en: 'People living in deprived housing areas' },
  },
  {
    id: 'ex-targeted-reduce_risk-2',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'reduce_risk',
    text: { nb: 'Kostholdsveiledning til barn og unge i risikogrupper', en: 'Dietary guidance for children and young people in risk groups' },
    targetGroup: { nb: 'Barn og unge i risikogrupper', en: 'Children and young people in risk groups' },
  },
  {
    id: 'ex-targeted-reduce_consequences-1',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'reduce_consequences',
    text: {
      nb: 'PPT-tjenestens arbeid med elever som trenger mer støtte i læringsarbeid',
      en: 'The educational-psychological service (PPT) working with pupils who need more support with learning',
    },
    targetGroup: { nb: 'Elever som trenger mer støtte i læringsarbeid', en: 'Pupils who need more support with learning' },
  },
  {
    id: 'ex-targeted-reduce_consequences-2',
    sector: 'oppvekst',
    row: 'targeted',
    column: 'reduce_consequences',
    text: {
      nb: 'Krisesenter som tiltak for utsatte barn og deres nærmeste familier',
      en: 'Crisis centre for vulnerable children and their closest family',
    },
    targetGroup: { nb: 'Utsatte barn og deres nærmeste familier', en: 'Vulnerable children and their closest family' },
  },
]

// ---------------------------------------------------------------------------------------------
// Gaps

/** Below this many reach answers a universal effort is never flagged: three people are not "youth say". */
export const REACH_MIN_ANSWERS = 3
/** Below this many answers the message names no counts (no breakdown of any group under 5). */
export const REACH_COUNTS_MIN_ANSWERS = 5

export type GapTextKey =
  | `gap.emptyCell.${Row}.${Column}`
  | 'gap.targetedWithoutUniversal'
  | 'gap.universalNotReaching'
  | 'gap.universalNotReachingFew'

/** Param values are ids and numbers; `explainGap` turns ids into names in the reader's language. */
export interface GapMessage {
  key: GapTextKey
  params: { sector: string; column?: Column; effort?: string; no?: number; n?: number }
}

export type Gap =
  | { kind: 'emptyCell'; sector: string; row: Row; column: Column; message: GapMessage }
  /** The universal cell of a column is empty while the targeted one is not. */
  | { kind: 'targetedWithoutUniversal'; sector: string; row: 'universal'; column: Column; message: GapMessage }
  /** More young people say the effort does not reach them than say it does. */
  | { kind: 'universalNotReaching'; sector: string; row: 'universal'; column: Column; effortId: string; answers: number; message: GapMessage }
export type GapKind = Gap['kind']

/**
 * Plain-words explanations (reading age about 12), placeholders in braces: {sector} is the
 * sector's name, {column} a column's `short` text, {effort} the effort's text, {no} and {n} counts.
 */
export const GAP_TEXTS: Readonly<Record<GapTextKey, Bilingual>> = {
  'gap.emptyCell.universal.prevent': {
    nb: 'Ingen universelle tiltak som forebygger i {sector}: alle bør nås, ikke bare de med høyest risiko.',
    en: 'No universal efforts that prevent inequality in {sector}: everyone should be reached, not only those at highest risk.',
  },
  'gap.emptyCell.universal.reduce_risk': {
    nb: 'Ingen universelle tiltak som reduserer risiko i {sector}: trygge omgivelser og gode vaner hjelper alle, for eksempel mindre støy og mobbing.',
    en: 'No universal efforts that reduce risk in {sector}: safe surroundings and good habits help everyone, for example less noise and bullying.',
  },
  'gap.emptyCell.universal.reduce_consequences': {
    nb: 'Ingen universelle tiltak for dem som allerede sliter i {sector}: alle bør vite hvor de får hjelp, og få den raskt.',
    en: 'No universal efforts for those already struggling in {sector}: everyone should know where to get help, and get it fast.',
  },
  'gap.emptyCell.targeted.prevent': {
    nb: 'Ingen målrettede tiltak som forebygger i {sector}: noen grupper trenger ekstra støtte for å få de samme mulighetene som andre.',
    en: 'No targeted efforts that prevent inequality in {sector}: some groups need extra support to get the same chances as others.',
  },
  'gap.emptyCell.targeted.reduce_risk': {
    nb: 'Ingen målrettede tiltak som reduserer risiko i {sector}: grupper som er mer utsatt, trenger ekstra hjelp mot det som gjør dem syke eller utrygge.',
    en: 'No targeted efforts that reduce risk in {sector}: groups at higher risk need extra help against what makes them ill or unsafe.',
  },
  'gap.emptyCell.targeted.reduce_consequences': {
    nb: 'Ingen målrettede tiltak for dem som allerede er rammet i {sector}: de som har det vanskeligst, trenger hjelp som passer for dem.',
    en: 'No targeted efforts for those already affected in {sector}: those who struggle most need help that fits them.',
  },
  'gap.targetedWithoutUniversal': {
    nb: 'I {sector} finnes det bare målrettede tiltak for å {column}. Legg til et tiltak for alle: å bare hjelpe dem med høyest risiko er ikke nok, og det kan stemple dem.',
    en: 'In {sector} there are only targeted efforts to {column}. Add one for everyone: helping only those at highest risk is not enough, and it can single them out.',
  },
  'gap.universalNotReaching': {
    nb: 'Unge sier at «{effort}» ikke når dem ({no} av {n} svar). Et tiltak for alle må også nå dem som trenger det mest.',
    en: 'Young people say “{effort}” does not reach them ({no} of {n} answers). An effort for everyone must also reach those who need it most.',
  },
  'gap.universalNotReachingFew': {
    nb: 'Flere unge sier at «{effort}» ikke når dem enn at det gjør det. Et tiltak for alle må også nå dem som trenger det mest.',
    en: 'More young people say “{effort}” does not reach them than say it does. An effort for everyone must also reach those who need it most.',
  },
}

export interface FindGapsOptions {
  /** Only efforts with these statuses fill cells, e.g. `['existing']` for "what is there today". Default: all. */
  statuses?: readonly EffortStatus[]
}

/** True when more youth say "does not reach me" than "reaches me", among enough answers. */
export function notReaching(reach: Reach | undefined): boolean {
  if (!reach) return false
  return reach.no > reach.yes && reach.yes + reach.no + reach.unsure >= REACH_MIN_ANSWERS
}

/**
 * The gaps of a set of efforts over the given sectors: (a) empty cells, (b) columns with targeted
 * efforts and no universal one, (c) universal efforts youth say do not reach them.
 * Efforts in sectors not in the list are ignored. One pass over the efforts into a flat counter
 * array, then one pass over the cells: linear, no sorting of efforts (only of the few flagged ones).
 */
export function findGaps(efforts: readonly Effort[], sectors: readonly Pick<Sector, 'id'>[], options: FindGapsOptions = {}): Gap[] {
  const sectorIndex = new Map<string, number>()
  sectors.forEach((s, i) => {
    if (!sectorIndex.has(s.id)) sectorIndex.set(s.id, i)
  })
  const statuses = options.statuses ? new Set<string>(options.statuses) : null
  const counts = new Uint32Array(sectors.length * CELLS_PER_SECTOR)
  const flagged = new Map<number, Effort[]>()
  for (const e of efforts) {
    if (statuses && !statuses.has(e.status)) continue
    const si = sectorIndex.get(e.sector)
    const ri = ROW_INDEX[e.row]
    const ci = COLUMN_INDEX[e.column]
    if (si === undefined || ri === undefined || ci === undefined) continue
    const cell = si * CELLS_PER_SECTOR + ri * COLUMNS.length + ci
    counts[cell] = (counts[cell] ?? 0) + 1
    if (ri === 0 && notReaching(e.reach)) {
      const list = flagged.get(cell)
      if (list) list.push(e)
      else flagged.set(cell, [e])
    }
  }

  const gaps: Gap[] = []
  sectors.forEach((s, si) => {
    if (sectorIndex.get(s.id) !== si) return // a duplicate id: already reported once
    const sector = s.id
    for (let ri = 0; ri < ROWS.length; ri++) {
      const row = ROWS[ri] as Row
      for (let ci = 0; ci < COLUMNS.length; ci++) {
        const column = COLUMNS[ci] as Column
        const base = si * CELLS_PER_SECTOR
        const here = counts[base + ri * COLUMNS.length + ci] ?? 0
        if (here === 0) {
          const targetedHere = row === 'universal' && (counts[base + COLUMNS.length + ci] ?? 0) > 0
          if (targetedHere) {
            gaps.push({ kind: 'targetedWithoutUniversal', sector, row: 'universal', column, message: { key: 'gap.targetedWithoutUniversal', params: { sector, column } } })
          } else {
            gaps.push({ kind: 'emptyCell', sector, row, column, message: { key: `gap.emptyCell.${row}.${column}`, params: { sector } } })
          }
        }
        const list = flagged.get(base + ri * COLUMNS.length + ci)
        if (!list) continue
        list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        for (const e of list) {
          const reach = e.reach as Reach
          const n = reach.yes + reach.no + reach.unsure
          const message: GapMessage =
            n >= REACH_COUNTS_MIN_ANSWERS
              ? { key: 'gap.universalNotReaching', params: { sector, effort: e.text, no: reach.no, n } }
              : { key: 'gap.universalNotReachingFew', params: { sector, effort: e.text } }
          gaps.push({ kind: 'universalNotReaching', sector, row: 'universal', column, effortId: e.id, answers: n, message })
        }
      }
    }
  })
  return gaps
}

/** Renders a gap message in nb or en; unknown sector ids show as themselves. */
export function formatGapMessage(message: GapMessage, locale: TextLocale, sectors: readonly Sector[] = DEFAULT_SECTORS): string {
  const template = GAP_TEXTS[message.key][locale]
  const p = message.params
  const values: Record<string, string> = {
    sector: sectors.find((s) => s.id === p.sector)?.name[locale] ?? p.sector,
    column: p.column ? COLUMN_TEXTS[p.column].short[locale] : '',
    effort: p.effort ?? '',
    no: p.no === undefined ? '' : String(p.no),
    n: p.n === undefined ? '' : String(p.n),
  }
  // One pass over the template: braces inside an effort's own text are left alone.
  return template.replace(/\{(sector|column|effort|no|n)\}/g, (_, name: string) => values[name] ?? '')
}

/** A short name for a gap, for a vote option or a list: "Oppvekst: universelle innsatser – forebygge ulikhet". */
export function gapLabel(gap: Gap, locale: TextLocale, sectors: readonly Sector[] = DEFAULT_SECTORS): string {
  const sector = sectors.find((s) => s.id === gap.sector)?.name[locale] ?? gap.sector
  if (gap.kind === 'universalNotReaching') {
    const effort = gap.message.params.effort ?? ''
    return locale === 'nb' ? `${sector}: «${effort}» når ikke alle` : `${sector}: “${effort}” does not reach everyone`
  }
  return `${sector}: ${ROW_TEXTS[gap.row].label[locale].toLowerCase()} – ${COLUMN_TEXTS[gap.column].short[locale]}`
}

/** A stable id for a gap (same on every device), usable as a vote option id. */
export function gapId(gap: Gap): string {
  const base = gap.kind === 'universalNotReaching' ? `gap-reach-${gap.effortId}` : `gap-${gap.sector}-${gap.row}-${gap.column}`
  return base.slice(0, 64)
}

export function explainGap(gap: Gap, locale: TextLocale, sectors: readonly Sector[] = DEFAULT_SECTORS): string {
  return formatGapMessage(gap.message, locale, sectors)
}

// ---------------------------------------------------------------------------------------------
// Concurrent placement

/** One device's placement of an effort card into a cell. */
export interface Placement extends Cell {
  effortId: string
  /**
   * When the placement was made, in ms. Comes from the placing device: the sync layer should pass
   * a hybrid logical clock (max of own clock and last seen + 1) so a device with a fast clock
   * cannot win every conflict. Non-finite values lose.
   */
  at: number
  /** The placing device's opaque id; only breaks a tie between identical placements. */
  device?: string
}

export interface PlacementResolution {
  winner: Placement
  loser: Placement
  /** The cell the card did NOT end up in, for "moved to … by someone else"; null if both agreed. */
  losingCell: Cell | null
}

const timeOf = (p: Placement) => (Number.isFinite(p.at) ? p.at : -Infinity)

/**
 * > 0 when `a` beats `b`. A total order: later time wins; on equal times the smaller cell key
 * (code-unit order, the same on every device) wins; on the same cell, the smaller device id.
 */
function comparePlacements(a: Placement, b: Placement): number {
  const ta = timeOf(a)
  const tb = timeOf(b)
  if (ta !== tb) return ta > tb ? 1 : -1
  const ka = cellKey(a)
  const kb = cellKey(b)
  if (ka !== kb) return ka < kb ? 1 : -1
  const da = a.device ?? ''
  const db = b.device ?? ''
  if (da !== db) return da < db ? 1 : -1
  return 0
}

/**
 * Two devices placed the same card in (possibly) different cells while apart. Every device must
 * end up with the same cell whichever placement it saw first, so the choice is a pure function
 * of the two placements and symmetric in them: resolvePlacement(a, b) equals resolvePlacement(b, a).
 * Placements of different cards never conflict; asking is a bug, so it throws.
 */
export function resolvePlacement(a: Placement, b: Placement): PlacementResolution {
  if (a.effortId !== b.effortId) throw new RangeError('resolvePlacement: placements of different efforts do not conflict')
  const [winner, loser] = comparePlacements(a, b) >= 0 ? [a, b] : [b, a]
  const losingCell = cellKey(winner) === cellKey(loser) ? null : { sector: loser.sector, row: loser.row, column: loser.column }
  return { winner, loser, losingCell }
}
