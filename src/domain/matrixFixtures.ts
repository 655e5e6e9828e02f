/**
 * Efforts for tests, demos and benchmarks of the mapping matrix: the source's twelve OPPVEKST
 * examples as placed cards, and a seeded generator of larger maps. Pure: the generator has its
 * own PRNG, so the same (n, sectors, seed) gives the same efforts on every machine.
 */
import { COLUMNS, EFFORT_STATUSES, EXAMPLE_CARDS, ROWS, type Effort, type Sector, type TextLocale } from './matrix.ts'

/** The twelve OPPVEKST examples as existing efforts, in the given language. */
export function exampleEfforts(locale: TextLocale = 'nb'): Effort[] {
  return EXAMPLE_CARDS.map((c) => {
    const e: Effort = { id: c.id, text: c.text[locale], sector: c.sector, row: c.row, column: c.column, status: 'existing' }
    if (c.targetGroup) e.targetGroup = c.targetGroup[locale]
    return e
  })
}

export const OPPVEKST_EFFORTS: readonly Effort[] = exampleEfforts('nb')

/** mulberry32: small, fast and good enough for fixtures; not for anything secret. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ACTIVITIES = ['Gratis', 'Trygg', 'Åpen', 'Lavterskel', 'Inkluderende', 'Tidlig', 'Rask', 'Felles']
const THINGS = ['fritidsklubb', 'skolevei', 'helsetjeneste', 'møteplass', 'leksehjelp', 'idrettstilbud', 'bolig', 'veiledning']
const GROUPS = ['Unge utenfor skole', 'Familier med lav inntekt', 'Nyankomne unge', 'Unge med funksjonsnedsettelse']
const ROLES = ['Helsesykepleier', 'Fritidsleder', 'NAV ungdom', 'Folkehelsekoordinator']

/**
 * `n` valid efforts spread over `sectors` (n in total, not per sector). About one cell in ten per
 * sector is left empty on purpose and some universal efforts carry reach counts, so all three gap
 * rules fire on a large map.
 */
export function syntheticMatrix(n: number, sectors: readonly Pick<Sector, 'id'>[], seed: number): Effort[] {
  if (sectors.length === 0) throw new RangeError('syntheticMatrix: no sectors')
  const rand = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const cells: { row: (typeof ROWS)[number]; column: (typeof COLUMNS)[number] }[] = []
  for (const row of ROWS) for (const column of COLUMNS) cells.push({ row, column })
  // Per sector, the cells that stay empty.
  const holes = sectors.map(() => new Set(cells.map((_, i) => i).filter(() => rand() < 0.1)))
  const efforts: Effort[] = []
  for (let i = 0; i < n; i++) {
    const si = Math.floor(rand() * sectors.length)
    const open = cells.map((_, ci) => ci).filter((ci) => !holes[si]?.has(ci))
    const cell = cells[open.length > 0 ? pick(open) : Math.floor(rand() * cells.length)] ?? { row: 'universal', column: 'prevent' }
    const e: Effort = {
      id: `syn-${seed}-${i}`,
      text: `${pick(ACTIVITIES)} ${pick(THINGS)} ${i + 1}`,
      sector: (sectors[si] as Pick<Sector, 'id'>).id,
      row: cell.row,
      column: cell.column,
      status: pick(EFFORT_STATUSES),
    }
    if (cell.row === 'targeted' || rand() < 0.2) e.targetGroup = pick(GROUPS)
    if (rand() < 0.5) e.ownerRole = pick(ROLES)
    if (cell.row === 'universal' && rand() < 0.4) {
      e.reach = { yes: Math.floor(rand() * 8), no: Math.floor(rand() * 8), unsure: Math.floor(rand() * 4) }
    }
    efforts.push(e)
  }
  return efforts
}
