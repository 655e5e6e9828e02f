import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  COLUMNS,
  DEFAULT_SECTORS,
  EFFORT_TEXT_MAX,
  EXAMPLE_CARDS,
  GAP_TEXTS,
  MAX_SECTOR_NAME,
  ROWS,
  cellKey,
  explainGap,
  findGaps,
  resolvePlacement,
  validateEffort,
  validateSectors,
  type Column,
  type Effort,
  type EffortProblemCode,
  type Gap,
  type Placement,
  type Row,
  type SectorProblemCode,
} from './matrix.ts'
import { OPPVEKST_EFFORTS, exampleEfforts, syntheticMatrix } from './matrixFixtures.ts'

const PROPS = { seed: 42, numRuns: 200 } as const
const OPPVEKST = DEFAULT_SECTORS.filter((s) => s.id === 'oppvekst')

const without = (row: Row, column: Column, efforts: readonly Effort[] = OPPVEKST_EFFORTS) =>
  efforts.filter((e) => !(e.row === row && e.column === column))
const universal = (id: string, reach: Effort['reach'], column: Column = 'prevent'): Effort => ({
  id,
  text: `Tiltak ${id}`,
  sector: 'oppvekst',
  row: 'universal',
  column,
  status: 'existing',
  ...(reach ? { reach } : {}),
})
const summary = (gaps: Gap[]) => gaps.map((g) => `${g.kind} ${g.sector}/${g.row}/${g.column}${g.kind === 'universalNotReaching' ? ` ${g.effortId}` : ''}`)

function sectorProblems(raw: unknown): SectorProblemCode[] {
  const r = validateSectors(raw)
  if (r.ok) throw new Error('expected problems, got valid sectors')
  return r.problems.map((p) => p.code)
}
function effortProblems(raw: unknown): EffortProblemCode[] {
  const r = validateEffort(raw)
  if (r.ok) throw new Error(`expected problems, got a valid effort: ${JSON.stringify(raw)}`)
  return r.problems.map((p) => p.code)
}
const baseEffort = { id: 'e1', text: 'Gratis leksehjelp', sector: 'oppvekst', row: 'universal', column: 'prevent', status: 'existing' }

describe('grid and examples', () => {
  test('two rows, three columns from indirect to direct', () => {
    expect(ROWS).toEqual(['universal', 'targeted'])
    expect(COLUMNS).toEqual(['prevent', 'reduce_risk', 'reduce_consequences'])
  })

  test('the twelve OPPVEKST examples fill every cell twice, in both languages, and are valid efforts', () => {
    expect(EXAMPLE_CARDS).toHaveLength(12)
    expect(new Set(EXAMPLE_CARDS.map((c) => c.id)).size).toBe(12)
    for (const row of ROWS) for (const column of COLUMNS) expect(EXAMPLE_CARDS.filter((c) => c.row === row && c.column === column)).toHaveLength(2)
    for (const c of EXAMPLE_CARDS) {
      expect(c.text.nb.length).toBeGreaterThan(0)
      expect(c.text.en.length).toBeGreaterThan(0)
      if (c.row === 'targeted') expect(c.targetGroup?.nb && c.targetGroup.en).toBeTruthy()
    }
    for (const e of [...exampleEfforts('nb'), ...exampleEfforts('en')]) expect(validateEffort(e).ok, e.id).toBe(true)
    expect(OPPVEKST_EFFORTS[0]?.text).toBe('Gratis deltagelse på fritidsaktiviteter i kommunen')
  })

  test('cell keys differ for every cell', () => {
    const keys = DEFAULT_SECTORS.flatMap((s) => ROWS.flatMap((row) => COLUMNS.map((column) => cellKey({ sector: s.id, row, column }))))
    expect(new Set(keys).size).toBe(DEFAULT_SECTORS.length * 6)
  })
})

describe('validateSectors', () => {
  test('the default sectors are valid, eight of them with nb and en names', () => {
    const r = validateSectors(DEFAULT_SECTORS)
    expect(r.ok).toBe(true)
    expect(DEFAULT_SECTORS.map((s) => s.name.nb)).toEqual([
      'Oppvekst',
      'Helse og omsorg',
      'Kultur/idrett/fritid',
      'Plan/areal/samferdsel',
      'Bolig',
      'Arbeid/inntekt/inkludering',
      'Integrering',
      'Sektorovergripende',
    ])
    for (const s of DEFAULT_SECTORS) expect(s.name.en.length).toBeGreaterThan(0)
  })

  test('an empty list is emptySectors; a non-list is notList', () => {
    expect(sectorProblems([])).toEqual(['emptySectors'])
    expect(sectorProblems({})).toEqual(['notList'])
  })

  test('duplicate ids and duplicate names (ignoring case) are reported', () => {
    expect(sectorProblems([{ id: 'a', name: { nb: 'Skole' } }, { id: 'a', name: { nb: 'Bolig' } }])).toEqual(['duplicateSectorId'])
    expect(sectorProblems([{ id: 'a', name: { nb: 'Skole' } }, { id: 'b', name: { nb: ' skole ' } }])).toEqual(['duplicateSectorName'])
  })

  test('names are 1–60 characters after trimming; en falls back to nb', () => {
    expect(sectorProblems([{ id: 'a', name: { nb: '   ' } }])).toEqual(['missingName'])
    expect(sectorProblems([{ id: 'a', name: { nb: 'x'.repeat(MAX_SECTOR_NAME + 1) } }])).toEqual(['nameTooLong'])
    expect(sectorProblems([{ id: 'a' }])).toEqual(['missingName'])
    expect(sectorProblems([{ id: 'a', name: {} }])).toEqual(['missingName'])
    expect(sectorProblems([{ name: { nb: 'Skole' } }])).toEqual(['badSectorId'])
    const r = validateSectors([{ id: 'idrett', name: { nb: ` ${'x'.repeat(MAX_SECTOR_NAME)} ` } }])
    expect(r.ok && r.sectors[0]).toEqual({ id: 'idrett', name: { nb: 'x'.repeat(MAX_SECTOR_NAME), en: 'x'.repeat(MAX_SECTOR_NAME) } })
  })

  test('ids are short lower-case slugs', () => {
    expect(sectorProblems([{ id: 'Skole/Bhg', name: { nb: 'Skole' } }])).toEqual(['badSectorId'])
    expect(sectorProblems([{ id: 'a'.repeat(41), name: { nb: 'Skole' } }])).toEqual(['badSectorId'])
  })
})

describe('validateEffort', () => {
  test('a valid effort comes back trimmed, blank optional texts dropped, unknown fields dropped', () => {
    const r = validateEffort({ ...baseEffort, text: '  Gratis leksehjelp \r\n', ownerRole: '  ', extra: 1, reach: { yes: 1, no: 2, unsure: 0 } })
    expect(r).toEqual({ ok: true, effort: { ...baseEffort, reach: { yes: 1, no: 2, unsure: 0 } } })
  })

  test('a targeted effort needs a target group', () => {
    expect(effortProblems({ ...baseEffort, row: 'targeted' })).toEqual(['targetGroupRequired'])
    expect(effortProblems({ ...baseEffort, row: 'targeted', targetGroup: '  ' })).toEqual(['targetGroupRequired'])
    expect(validateEffort({ ...baseEffort, row: 'targeted', targetGroup: 'Nyankomne unge' }).ok).toBe(true)
  })

  test('text is 1–280 characters, counted in code points', () => {
    expect(effortProblems({ ...baseEffort, text: ' ' })).toEqual(['missingText'])
    expect(effortProblems({ ...baseEffort, text: 'x'.repeat(EFFORT_TEXT_MAX + 1) })).toEqual(['textTooLong'])
    expect(validateEffort({ ...baseEffort, text: '😀'.repeat(EFFORT_TEXT_MAX) }).ok).toBe(true)
    expect(effortProblems({ ...baseEffort, text: undefined })).toEqual(['missingText'])
    const { text: _text, ...noText } = baseEffort
    expect(effortProblems(noText)).toEqual(['missingText'])
  })

  test('unknown sector, row, column and status are named', () => {
    expect(effortProblems({ ...baseEffort, sector: 'skole' })).toEqual(['unknownSector'])
    expect(effortProblems({ ...baseEffort, row: 'everyone' })).toEqual(['unknownRow'])
    expect(effortProblems({ ...baseEffort, column: 'cure' })).toEqual(['unknownColumn'])
    expect(effortProblems({ ...baseEffort, status: 'ended' })).toEqual(['badStatus'])
    expect(validateEffort({ ...baseEffort, sector: 'skole' }, [{ id: 'skole' }]).ok).toBe(true)
  })

  test('all problems at once, and bad ids, reach and non-objects', () => {
    expect(effortProblems({ ...baseEffort, sector: 'x', row: 'targeted', column: 'y' }).sort()).toEqual(['targetGroupRequired', 'unknownColumn', 'unknownSector'])
    expect(effortProblems({ ...baseEffort, id: '__proto__' })).toEqual(['badId'])
    expect(effortProblems({ ...baseEffort, id: 'has space' })).toEqual(['badId'])
    expect(effortProblems({ ...baseEffort, reach: { yes: -1, no: 0, unsure: 0 } })).toEqual(['badReach'])
    expect(effortProblems({ ...baseEffort, reach: { yes: 1.5, no: 0, unsure: 0 } })).toEqual(['badReach'])
    expect(effortProblems({ ...baseEffort, reach: 'lots' })).toEqual(['badReach'])
    expect(effortProblems({ ...baseEffort, ownerRole: 'x'.repeat(121) })).toEqual(['fieldTooLong'])
    expect(effortProblems({ ...baseEffort, ownerRole: 7 })).toEqual(['malformed'])
    expect(effortProblems(null)).toEqual(['notObject'])
    expect(effortProblems([baseEffort])).toEqual(['notObject'])
  })
})

describe('findGaps', () => {
  test('the twelve examples leave no gap in Oppvekst', () => {
    expect(findGaps(OPPVEKST_EFFORTS, OPPVEKST)).toEqual([])
    const all = findGaps(OPPVEKST_EFFORTS, DEFAULT_SECTORS)
    expect(all.filter((g) => g.sector === 'oppvekst')).toEqual([])
    // The other seven sectors are empty: six emptyCell gaps each.
    expect(all).toHaveLength(7 * 6)
    expect(all.every((g) => g.kind === 'emptyCell')).toBe(true)
  })

  test('removing one example leaves its cell filled by the other', () => {
    expect(findGaps(OPPVEKST_EFFORTS.slice(1), OPPVEKST)).toEqual([])
  })

  test('emptying one targeted cell gives exactly that gap', () => {
    for (const column of COLUMNS) {
      const gaps = findGaps(without('targeted', column), OPPVEKST)
      expect(summary(gaps)).toEqual([`emptyCell oppvekst/targeted/${column}`])
      expect(gaps[0]?.message).toEqual({ key: `gap.emptyCell.targeted.${column}`, params: { sector: 'oppvekst' } })
    }
  })

  test('emptying a universal cell while targeted efforts remain gives exactly targetedWithoutUniversal', () => {
    for (const column of COLUMNS) {
      const gaps = findGaps(without('universal', column), OPPVEKST)
      expect(summary(gaps)).toEqual([`targetedWithoutUniversal oppvekst/universal/${column}`])
      expect(gaps[0]?.message).toEqual({ key: 'gap.targetedWithoutUniversal', params: { sector: 'oppvekst', column } })
    }
  })

  test('an empty column gives two emptyCell gaps and no targetedWithoutUniversal', () => {
    const gaps = findGaps(without('targeted', 'prevent', without('universal', 'prevent')), OPPVEKST)
    expect(summary(gaps)).toEqual(['emptyCell oppvekst/universal/prevent', 'emptyCell oppvekst/targeted/prevent'])
  })

  test('a sector with only targeted efforts: every column is flagged', () => {
    const targeted = OPPVEKST_EFFORTS.filter((e) => e.row === 'targeted')
    expect(summary(findGaps(targeted, OPPVEKST))).toEqual(COLUMNS.map((c) => `targetedWithoutUniversal oppvekst/universal/${c}`))
  })

  test('a universal effort youth say does not reach them (no 5, yes 1) is flagged with counts', () => {
    const efforts = [...OPPVEKST_EFFORTS, universal('klubb', { yes: 1, no: 5, unsure: 0 }, 'reduce_risk')]
    const gaps = findGaps(efforts, OPPVEKST)
    expect(gaps).toEqual([
      {
        kind: 'universalNotReaching',
        sector: 'oppvekst',
        row: 'universal',
        column: 'reduce_risk',
        effortId: 'klubb',
        answers: 6,
        message: { key: 'gap.universalNotReaching', params: { sector: 'oppvekst', effort: 'Tiltak klubb', no: 5, n: 6 } },
      },
    ])
    expect(explainGap(gaps[0] as Gap, 'nb')).toBe('Unge sier at «Tiltak klubb» ikke når dem (5 av 6 svar). Et tiltak for alle må også nå dem som trenger det mest.')
  })

  test('fewer than 3 answers never flag; 3–4 answers flag without counts', () => {
    expect(findGaps([...OPPVEKST_EFFORTS, universal('a', { yes: 0, no: 2, unsure: 0 })], OPPVEKST)).toEqual([])
    const few = findGaps([...OPPVEKST_EFFORTS, universal('a', { yes: 0, no: 2, unsure: 1 })], OPPVEKST)
    expect(few).toHaveLength(1)
    expect(few[0]?.message).toEqual({ key: 'gap.universalNotReachingFew', params: { sector: 'oppvekst', effort: 'Tiltak a' } })
    expect(explainGap(few[0] as Gap, 'en')).not.toMatch(/\d/)
  })

  test('ties and "unsure" majorities are not flagged; targeted efforts are never flagged for reach', () => {
    const efforts: Effort[] = [
      ...OPPVEKST_EFFORTS,
      universal('tie', { yes: 3, no: 3, unsure: 0 }),
      universal('unsure', { yes: 1, no: 1, unsure: 9 }),
      { ...universal('t', { yes: 0, no: 9, unsure: 0 }), row: 'targeted', targetGroup: 'Unge' },
    ]
    expect(findGaps(efforts, OPPVEKST)).toEqual([])
  })

  test('the status filter counts only the chosen statuses', () => {
    const efforts = OPPVEKST_EFFORTS.map((e) => (e.row === 'targeted' && e.column === 'prevent' ? { ...e, status: 'proposed' as const } : e))
    expect(findGaps(efforts, OPPVEKST)).toEqual([])
    expect(summary(findGaps(efforts, OPPVEKST, { statuses: ['existing'] }))).toEqual(['emptyCell oppvekst/targeted/prevent'])
  })

  test('efforts in sectors not in the list are ignored; gaps follow the sector list order', () => {
    const sectors = [{ id: 'bolig' }, { id: 'oppvekst' }]
    const gaps = findGaps([...OPPVEKST_EFFORTS, { ...baseEffort, sector: 'nowhere' } as Effort], sectors)
    expect(gaps.map((g) => g.sector)).toEqual(Array(6).fill('bolig'))
    expect(gaps.map((g) => `${g.row}/${g.column}`)).toEqual(ROWS.flatMap((r) => COLUMNS.map((c) => `${r}/${c}`)))
  })

  test('the result does not depend on the order of the efforts', () => {
    const efforts = syntheticMatrix(120, DEFAULT_SECTORS, 7)
    const expected = findGaps(efforts, DEFAULT_SECTORS)
    fc.assert(
      fc.property(fc.shuffledSubarray(efforts, { minLength: efforts.length, maxLength: efforts.length }), (shuffled) => {
        expect(findGaps(shuffled, DEFAULT_SECTORS)).toEqual(expected)
      }),
      PROPS,
    )
  })

  test('300 synthetic efforts over 8 sectors take well under 20 ms, and all three rules fire', () => {
    const efforts = syntheticMatrix(300, DEFAULT_SECTORS, 1)
    const start = performance.now()
    const gaps = findGaps(efforts, DEFAULT_SECTORS)
    const elapsed = performance.now() - start
    expect(elapsed).toBeLessThan(20)
    expect(new Set(gaps.map((g) => g.kind))).toEqual(new Set(['emptyCell', 'targetedWithoutUniversal', 'universalNotReaching']))
  })
})

describe('syntheticMatrix', () => {
  test('is deterministic, has n valid efforts with unique ids, and differs by seed', () => {
    const a = syntheticMatrix(300, DEFAULT_SECTORS, 1)
    expect(a).toEqual(syntheticMatrix(300, DEFAULT_SECTORS, 1))
    expect(a).not.toEqual(syntheticMatrix(300, DEFAULT_SECTORS, 2))
    expect(a).toHaveLength(300)
    expect(new Set(a.map((e) => e.id)).size).toBe(300)
    for (const e of a) expect(validateEffort(e).ok, e.id).toBe(true)
    expect(() => syntheticMatrix(1, [], 1)).toThrow(RangeError)
  })
})

describe('gap texts', () => {
  const PLACEHOLDER = /\{(\w+)\}/g
  test('every text has nb and en with the same placeholders, all of them known', () => {
    for (const [key, t] of Object.entries(GAP_TEXTS)) {
      expect(t.nb.trim().length, key).toBeGreaterThan(0)
      expect(t.en.trim().length, key).toBeGreaterThan(0)
      const nb = [...t.nb.matchAll(PLACEHOLDER)].map((m) => m[1]).sort()
      const en = [...t.en.matchAll(PLACEHOLDER)].map((m) => m[1]).sort()
      expect(nb, key).toEqual(en)
      for (const p of nb) expect(['sector', 'column', 'effort', 'no', 'n'], key).toContain(p)
    }
  })

  test('every gap findGaps can produce has a text, and renders with names and no braces left', () => {
    const gaps = findGaps(syntheticMatrix(300, DEFAULT_SECTORS, 1), DEFAULT_SECTORS)
    for (const g of gaps) {
      expect(GAP_TEXTS[g.message.key]).toBeDefined()
      for (const locale of ['nb', 'en'] as const) expect(explainGap(g, locale)).not.toMatch(/[{}]/)
    }
  })

  test('plain-words explanations in both languages', () => {
    const [gap] = findGaps(without('universal', 'prevent', without('targeted', 'prevent')), OPPVEKST)
    expect(explainGap(gap as Gap, 'nb')).toBe('Ingen universelle tiltak som forebygger i Oppvekst: alle bør nås, ikke bare de med høyest risiko.')
    expect(explainGap(gap as Gap, 'en')).toBe(
      'No universal efforts that prevent inequality in Childhood and education: everyone should be reached, not only those at highest risk.',
    )
    const [tw] = findGaps(without('universal', 'reduce_risk'), OPPVEKST)
    expect(explainGap(tw as Gap, 'nb')).toMatch(/^I Oppvekst finnes det bare målrettede tiltak for å redusere risiko\./)
  })

  test('braces inside an effort text are not treated as placeholders', () => {
    const [g] = findGaps([...OPPVEKST_EFFORTS, { ...universal('b', { yes: 0, no: 5, unsure: 0 }), text: 'Klubb {sector}' }], OPPVEKST)
    expect(explainGap(g as Gap, 'en')).toContain('“Klubb {sector}”')
  })
})

describe('resolvePlacement', () => {
  const placementArb = fc.record({
    effortId: fc.constant('note-1'),
    sector: fc.constantFrom(...DEFAULT_SECTORS.map((s) => s.id)),
    row: fc.constantFrom(...ROWS),
    column: fc.constantFrom(...COLUMNS),
    // A small range so equal timestamps (the tie-break) come up often.
    at: fc.oneof(fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_003 }), fc.constant(Number.NaN)),
    device: fc.constantFrom('dev-a', 'dev-b', 'dev-c'),
  })
  const place = (sector: string, row: Row, column: Column, at: number, device = 'dev-a'): Placement => ({ effortId: 'n1', sector, row, column, at, device })

  test('the same result whichever placement arrives first', () => {
    fc.assert(
      fc.property(placementArb, placementArb, (a, b) => {
        expect(resolvePlacement(a, b)).toEqual(resolvePlacement(b, a))
      }),
      PROPS,
    )
  })

  test('three devices converge whatever the pairing order', () => {
    fc.assert(
      fc.property(placementArb, placementArb, placementArb, (a, b, c) => {
        const left = resolvePlacement(resolvePlacement(a, b).winner, c).winner
        const right = resolvePlacement(a, resolvePlacement(c, b).winner).winner
        expect(left).toEqual(right)
      }),
      PROPS,
    )
  })

  test('the later placement wins and the losing cell is reported', () => {
    const early = place('oppvekst', 'universal', 'prevent', 1000, 'dev-z')
    const late = place('bolig', 'targeted', 'reduce_risk', 1001, 'dev-a')
    expect(resolvePlacement(early, late)).toEqual({ winner: late, loser: early, losingCell: { sector: 'oppvekst', row: 'universal', column: 'prevent' } })
  })

  test('equal times: the smaller cell key wins on every device', () => {
    const a = place('bolig', 'universal', 'prevent', 5, 'dev-z')
    const b = place('oppvekst', 'universal', 'prevent', 5, 'dev-a')
    expect(resolvePlacement(a, b).winner).toBe(a)
    expect(resolvePlacement(b, a).winner).toBe(a)
  })

  test('the same cell is no conflict; a non-finite time loses; different notes are a bug', () => {
    expect(resolvePlacement(place('bolig', 'universal', 'prevent', 1), place('bolig', 'universal', 'prevent', 2)).losingCell).toBeNull()
    const broken = place('bolig', 'universal', 'prevent', Number.NaN)
    const ok = place('oppvekst', 'targeted', 'prevent', 0)
    expect(resolvePlacement(broken, ok).winner).toBe(ok)
    expect(() => resolvePlacement(ok, { ...ok, effortId: 'other' })).toThrow(RangeError)
  })
})
