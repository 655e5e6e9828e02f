import { describe, expect, test } from 'vitest'
import { summarizeEvaluation } from './evaluation.ts'
import {
  FULL_SECTION_IDS,
  SHORT_SECTION_IDS,
  evaluationFromResults,
  safeResults,
  summary,
  type Block,
  type Summary,
  type SummaryInput,
  type SummaryLocale,
} from './summary.ts'
import { A_REDACTED, SESSION_A_AT, SUMMARY_FIXTURES, fixtureA, fixtureB, fixtureC, fixtureEmpty } from './summaryFixtures.ts'
import { GAP_TEXTS_NN, SUMMARY_LOCALES, TEXTS, formatIsoDate, formatMsDate, osloDate, tr } from './summaryTexts.ts'
import { GAP_TEXTS } from './matrix.ts'
import { results, tally, type Ballot, type Results, type ScaleAnswer, type VoteRound } from './voting.ts'

const FIXTURES = { A: fixtureA, B: fixtureB, C: fixtureC } as const
const LENGTHS = ['full', 'short'] as const

/** Every string a summary holds, block by block (headings included). */
function texts(s: Summary): string[] {
  const out: string[] = [s.title]
  const of = (b: Block): string[] => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [b.text]
      case 'list':
        return b.items
      case 'table':
        return [...b.header, ...b.rows.flat()]
      case 'facts':
        return b.items.flatMap((f) => [f.label, f.value])
    }
  }
  for (const sec of s.sections) out.push(sec.heading, ...sec.blocks.flatMap(of))
  return out
}
const all = (s: Summary) => texts(s).join('\n')
const section = (s: Summary, id: string) => s.sections.find((x) => x.id === id)

function dotsBallots(spec: string[][]): Ballot[] {
  return spec.map((ids) => {
    const dots: Record<string, number> = {}
    for (const id of ids) dots[id] = (dots[id] ?? 0) + 1
    return { method: 'dots', dots }
  })
}

/** Fixture A with its vote replaced by one cast by the given ballots. */
function withVote(spec: string[][], patch: (input: SummaryInput) => void = () => {}): SummaryInput {
  const input = fixtureA()
  const round = input.votes[0]?.round as VoteRound
  input.votes = [{ stepId: 'vote', round, results: results(round, tally(round, dotsBallots(spec))) }]
  patch(input)
  return input
}

describe('sections', () => {
  for (const [name, make] of Object.entries(FIXTURES)) {
    for (const locale of SUMMARY_LOCALES) {
      test(`fixture ${name}, ${locale}: full and short have every section, in order, each with content`, () => {
        const full = summary(make(), locale, 'full')
        expect(full.sections.map((s) => s.id)).toEqual([...FULL_SECTION_IDS])
        const short = summary(make(), locale, 'short')
        expect(short.sections.map((s) => s.id)).toEqual([...SHORT_SECTION_IDS])
        for (const s of [...full.sections, ...short.sections]) {
          expect(s.heading.trim(), s.id).not.toBe('')
          expect(s.blocks.length, s.id).toBeGreaterThan(0)
        }
        expect(full.locale).toBe(locale)
        expect(full.length).toBe('full')
      })
    }
  }

  test('the header names title, municipality, date, template and reference', () => {
    const s = summary(fixtureA(), 'nb', 'full')
    const header = section(s, 'header')
    expect(header?.heading).toBe('Ungdomsrådet velger innsatsområde for planstrategien')
    const facts = header?.blocks.find((b) => b.kind === 'facts')
    expect(facts?.kind === 'facts' && facts.items.map((f) => f.value)).toEqual([
      'Fjordvik kommune',
      '15. januar 2099',
      'A. Velg innsatsområde med ungdomsrådet',
      'Sak 2099/14 – Kommunal planstrategi 2099–2103',
      'Avsluttet',
      'Fullversjon',
    ])
  })

  test('mandate shows question, open, fixed, who decides and when, feedback date and channel', () => {
    const m = all({ ...summary(fixtureA(), 'en', 'full'), sections: [section(summary(fixtureA(), 'en', 'full'), 'mandate')!] })
    for (const s of ['Hvilke 1–2 innsatsområder', 'budsjettrammen', 'Kommunestyret', '12 March 2099', '1 April 2099', 'Ungdomsrådets møte i april']) expect(m).toContain(s)
  })

  test('the same input always gives the same summary, and the input is not changed', () => {
    for (const make of Object.values(SUMMARY_FIXTURES)) {
      const input = make()
      const before = JSON.stringify(input)
      for (const length of LENGTHS) expect(summary(input, 'nn', length)).toEqual(summary(make(), 'nn', length))
      expect(JSON.stringify(input)).toBe(before)
    }
  })
})

describe('notes and redaction', () => {
  test('every note appears in the full version, voted on or not, grouped by cluster', () => {
    for (const make of Object.values(FIXTURES)) {
      const input = make()
      const s = summary(input, 'nb', 'full')
      const lists = section(s, 'results')!.blocks.filter((b) => b.kind === 'list').flatMap((b) => (b.kind === 'list' ? b.items : []))
      for (const n of input.notes) {
        const printed = Object.hasOwn(input.redactions, n.id) ? input.redactions[n.id] : n.text
        expect(lists).toContain(printed)
      }
    }
  })

  test('a note in an unknown cluster is listed as not in a group', () => {
    const input = fixtureA()
    input.notes = [...input.notes, { id: 'nA-lost-0099', text: 'Et innspill i en slettet gruppe', createdAt: SESSION_A_AT, clusterId: 'gone-cluster' }]
    const blocks = section(summary(input, 'nb', 'full'), 'results')!.blocks
    const ungrouped = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Uten gruppe')
    const list = blocks[ungrouped + 1]
    expect(list?.kind === 'list' && list.items).toContain('Et innspill i en slettet gruppe')
  })

  test('a redacted note is printed only as its redacted text, in every locale and length', () => {
    for (const locale of SUMMARY_LOCALES) {
      for (const length of LENGTHS) {
        const s = summary(fixtureA(), locale, length)
        expect(JSON.stringify(s)).not.toContain(A_REDACTED.original)
        expect(JSON.stringify(s)).not.toContain('Kari')
      }
      expect(all(summary(fixtureA(), locale, 'full'))).toContain(A_REDACTED.redacted)
    }
  })

  test('text copied from a redacted note (a vote option on notes, an effort card) is redacted too; a moderated note votes as "(removed note)"', () => {
    const input = fixtureA()
    const template = structuredClone(input.template)
    const step = template.steps.find((x) => x.id === 'vote')
    if (step?.kind !== 'vote') throw new Error('fixture A has a vote step')
    step.options.source = 'notes'
    input.template = template
    const options = input.notes.slice(0, 5).map((n) => ({ id: n.id, label: n.text }))
    const round: VoteRound = { roundId: 'rA-notes', options, rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false } }
    const ids = options.map((o) => o.id)
    const ballots = dotsBallots([0, 1, 2, 3, 4, 0].map((k) => [ids[2] as string, ids[k] as string, ids[4] as string]))
    input.votes = [{ stepId: 'vote', round, results: results(round, tally(round, ballots)) }]
    // The moderated note: gone from the notes, still an option of the closed round.
    const moderated = input.notes[4]!
    input.notes = input.notes.filter((n) => n.id !== moderated.id)
    input.matrix = {
      sectors: [{ id: 'kultur_fritid', name: { nb: 'Kultur/idrett/fritid', en: 'Culture, sport and leisure' } }],
      efforts: [{ id: 'e-cup', text: A_REDACTED.original, sector: 'kultur_fritid', row: 'universal', column: 'prevent', status: 'proposed', reach: { yes: 1, no: 5, unsure: 0 } }],
    }
    for (const locale of SUMMARY_LOCALES) {
      for (const length of LENGTHS) {
        const s = summary(input, locale, length)
        const json = JSON.stringify(s)
        expect(json).not.toContain(A_REDACTED.original)
        expect(json).not.toContain(moderated.text)
      }
      const text = all(summary(input, locale, 'full'))
      expect(text).toContain(tr('vote.removedNote', locale))
      // The redacted text is the vote option, the effort and its gap explanation.
      expect(text.split(A_REDACTED.redacted).length - 1).toBeGreaterThanOrEqual(4)
    }
  })

  test('privacy check flags printed notes that still look like they hold personal data', () => {
    expect(summary(fixtureA(), 'nb', 'full').privacy.notesWithPersonalInfo).toEqual([])
    const input = fixtureA()
    input.redactions = {}
    expect(summary(input, 'nb', 'short').privacy.notesWithPersonalInfo).toEqual([{ noteId: A_REDACTED.id, kinds: ['name'] }])
  })
})

describe('small-number rules', () => {
  const F = 'kA-fritid-01'
  const P = 'kA-prate-002'
  const T = 'kA-trygg-003'

  test('a round with 3 voters shows the order only: no count, no n, anywhere', () => {
    const input = withVote([
      [F, F, P],
      [F, P, T],
      [F, F, P],
    ])
    expect(input.votes[0]?.results?.publish).toBe('rankOnly')
    for (const locale of SUMMARY_LOCALES) {
      const full = summary(input, locale, 'full')
      const results = section(full, 'results')!
      const table = results.blocks.find((b) => b.kind === 'table')
      expect(table?.kind === 'table' && table.header).toEqual([tr('vote.rank', locale), tr('vote.option', locale)])
      expect(table?.kind === 'table' && table.rows.map((r) => r[1])).toEqual(['Fritid for alle', 'Noen å snakke med', 'Trygt nærmiljø', 'Møteplasser uten krav'])
      const text = all({ ...full, sections: [results] })
      expect(text).toContain(tr('vote.rankOnly', locale))
      expect(text).not.toMatch(/\b3 (stemte|røysta|voted)/)
      const short = summary(input, locale, 'short')
      const pri = section(short, 'priorities')!
      expect(pri.heading).toBe(tr('short.prioritiesOrder', locale))
      const list = pri.blocks[0]
      expect(list?.kind === 'list' && list.items).toEqual(['Fritid for alle', 'Noen å snakke med', 'Trygt nærmiljø'])
    }
  })

  test('a round with 2 voters shows nothing but that too few voted', () => {
    const input = withVote([
      [F, F, P],
      [T, P, T],
    ])
    const s = summary(input, 'nb', 'full')
    const results = section(s, 'results')!
    expect(results.blocks.some((b) => b.kind === 'table')).toBe(false)
    expect(all({ ...s, sections: [results] })).toContain(tr('vote.none', 'nb'))
    expect(section(summary(input, 'nb', 'short'), 'priorities')!.blocks).toEqual([{ kind: 'paragraph', text: tr('short.noPriorities', 'nb') }])
  })

  test('five voters or more: counts and n', () => {
    const s = summary(fixtureA(), 'nb', 'short')
    const pri = section(s, 'priorities')!
    expect(pri.heading).toBe('Prioriteringer (stemmer, n = 14)')
    expect(pri.blocks[0]).toEqual({ kind: 'list', items: ['Fritid for alle (14)', 'Noen å snakke med (12)', 'Trygt nærmiljø (10)'], numbers: [1, 2, 3] })
  })

  test('published results that claim more than their voters allow are shown at the stricter level', () => {
    const round = fixtureA().votes[0]!.round
    const honest = results(round, tally(round, dotsBallots([[F], [P], [F], [T]])))
    expect(honest.publish).toBe('rankOnly')
    const forged: Results = { ...honest, publish: 'full', blank: 0, ranked: honest.ranked.map((g) => ({ ...g, score: 987, details: g.optionIds.map((id) => ({ optionId: id, dots: 987 })) })) }
    const safe = safeResults(forged)
    expect(safe.publish).toBe('rankOnly')
    expect(JSON.stringify(safe)).not.toContain('987')
    const input = fixtureA()
    input.votes = [{ stepId: 'vote', round, results: forged }]
    for (const length of LENGTHS) expect(JSON.stringify(summary(input, 'en', length))).not.toContain('987')
    // Blank ballots do not make a crowd: 6 voters of whom 3 blank is 'rankOnly'.
    expect(safeResults({ ...forged, voters: 6, blank: 3 }).publish).toBe('rankOnly')
    expect(safeResults({ ...forged, voters: 2, publish: 'rankOnly' }).publish).toBe('none')
  })

  test('an open round says it was not closed', () => {
    const input = fixtureA()
    input.votes = [{ ...input.votes[0]!, results: null }]
    expect(all(summary(input, 'nn', 'full'))).toContain(tr('vote.notClosed', 'nn'))
  })

  test('reach counts only with 5 answers or more', () => {
    const s = summary(fixtureC(), 'nb', 'full')
    const text = all(s)
    expect(text).toContain('ja 2, nei 6, usikker 1')
    expect(text).toContain('6 av 9 svar')
    expect(text).toContain('færre enn 5 svar')
    expect(text).not.toContain('ja 1, nei 3')
    expect(text).not.toMatch(/3 av 4 svar/)
  })

  test('pulse totals: no spread below 5 answers', () => {
    const input = fixtureA()
    input.pulses = [{ stepId: 'welcome', totals: [0, 1, 2, 1, 0] }]
    const few = section(summary(input, 'nb', 'full'), 'participants')!
    expect(few.blocks.some((b) => b.kind === 'table')).toBe(false)
    expect(few.blocks).toContainEqual({ kind: 'paragraph', text: tr('pulse.tooFew', 'nb') })
    input.pulses = [{ stepId: 'welcome', totals: [0, 1, 2, 4, 3] }]
    const table = section(summary(input, 'nn', 'full'), 'participants')!.blocks.find((b) => b.kind === 'table')
    expect(table).toEqual({ kind: 'table', header: ['Svar', 'Tal'], rows: [['Svært dårleg', '0'], ['Dårleg', '1'], ['Heilt ok', '2'], ['Bra', '4'], ['Svært bra', '3']] })
  })

  test('evaluation: numbers only for questions with 5 answers or more; fewer respondents show no count', () => {
    const c = section(summary(fixtureC(), 'en', 'full'), 'evaluation')!
    const table = c.blocks.find((b) => b.kind === 'table')
    expect(table?.kind === 'table' && table.rows.flat().filter((x) => /^\d/.test(x))).toEqual([])
    expect(c.blocks.some((b) => b.kind === 'facts')).toBe(false)
    const a = section(summary(fixtureA(), 'en', 'full'), 'evaluation')!
    expect(a.blocks).toContainEqual({ kind: 'facts', items: [{ label: 'Respondents', value: '12' }] })
  })

  test('evaluationFromResults applies the per-question rule to a published scale round', () => {
    const round: VoteRound = { roundId: 'eval', options: ['couldSay', 'willMatter', 'wasClear'].map((id) => ({ id, label: id })), rules: { method: 'scale' } }
    const ballots: Ballot[] = ([5, 4, 4, 3, 5, 2] as const).map((v, i) => {
      const answers: Record<string, ScaleAnswer> = i < 2 ? { couldSay: v, willMatter: 3 } : { couldSay: v }
      return { method: 'scale', answers }
    })
    const e = evaluationFromResults(results(round, tally(round, ballots)))
    expect(e.respondents).toBe(6)
    expect(e.questions).toEqual([
      { questionId: 'couldSay', publish: 'full', n: 6, skipped: 0, distribution: [0, 1, 1, 2, 2], mean: 3.8 },
      { questionId: 'willMatter', publish: 'none' },
      { questionId: 'wasClear', publish: 'none' },
    ])
    const input = fixtureEmpty()
    input.template = fixtureA().template
    input.votes = [{ stepId: 'evaluation', round, results: results(round, tally(round, ballots)) }]
    const table = section(summary(input, 'nb', 'full'), 'evaluation')!.blocks.find((b) => b.kind === 'table')
    expect(table?.kind === 'table' && table.rows[0]).toEqual(['Fikk du sagt det du ville?', '6', '3,8', '0', '1', '1', '2', '2'])
    expect(summarizeEvaluation([]).publish).toBe('none')
  })
})

describe('equity and plan', () => {
  test('fixture B: traffic lights, notes, follow-up tasks, barriers and the barrier round, worst first', () => {
    const s = summary(fixtureB(), 'nb', 'full')
    const eq = section(s, 'equity')!
    const text = all({ ...s, sections: [eq] })
    expect(text).toContain('Aktivitetskort for alle: gratis deltakelse')
    expect(text).toContain('Ungdom i bygdene og fra familier med lav inntekt deltar minst.')
    expect(text).toContain('Finn ut: S2.4')
    expect(text).toContain('(«Lov» fra foreldre)')
    const lists = eq.blocks.filter((b) => b.kind === 'list')
    expect(lists[0]).toEqual({ kind: 'list', items: ['Transport', 'Utstyr', 'Troen på at en er velkommen'] })
    const barrierTable = eq.blocks.filter((b) => b.kind === 'table').at(-1)
    expect(barrierTable?.kind === 'table' && barrierTable.rows.map((r) => r[1])).toEqual([
      'Transport',
      'Troen på at en er velkommen',
      'Utstyr',
      'Tidspunkt, sted og universell utforming',
      'Språk, klarspråk og kanal',
      '«Lov» fra foreldre',
      'Egenandel og kostnad',
      'Digital tilgang',
    ])
    expect(barrierTable?.kind === 'table' && barrierTable.rows[0]).toEqual(['1', 'Transport', '0', '2', '9', '0'])
  })

  test('tied barriers share a place when shown worst first', () => {
    const input = fixtureB()
    const v = input.votes[0]!
    const ballots: Ballot[] = Array.from({ length: 5 }, () => ({ method: 'traffic', answers: { transport: 'red', equipment: 'red', cost: 'green' } }))
    input.votes = [{ ...v, results: results(v.round, tally(v.round, ballots)) }]
    const table = section(summary(input, 'en', 'full'), 'equity')!.blocks.filter((b) => b.kind === 'table').at(-1)
    expect(table?.kind === 'table' && table.rows.slice(0, 3).map((r) => r.slice(0, 2))).toEqual([
      ['1 (tied)', 'Equipment'],
      ['1 (tied)', 'Transport'],
      ['3 (tied)', 'Digital access'],
    ])
  })

  test('fixture C: placements per mapped sector, gaps explained in the locale', () => {
    const s = summary(fixtureC(), 'nn', 'full')
    const text = all({ ...s, sections: [section(s, 'equity')!] })
    expect(text).toContain('Sektor: Oppvekst')
    expect(text).toContain('Sektor: Kultur/idrett/fritid')
    expect(text).not.toContain('Sektor: Bolig')
    expect(text).toContain('Ingen målretta tiltak som reduserer risiko i Kultur/idrett/fritid')
    expect(text).toContain('Unge seier at «Fritidsklubben i sentrum» ikkje når dei (6 av 9 svar).')
    // The gap vote's options are named in the summary's language.
    expect(all(summary(fixtureC(), 'en', 'full'))).toContain('Culture, sport and leisure: “Fritidsklubben i sentrum” does not reach everyone')
  })

  test('fixture B: every plan field, the indicators table and what is still to be completed', () => {
    const s = summary(fixtureB(), 'en', 'full')
    const plan = section(s, 'actionPlan')!
    const text = all({ ...s, sections: [plan] })
    for (const x of ['fra 18 til 10 prosentpoeng', 'Handlingsdel tiltak 14', 'Proportionate universalism', 'Utstyrsbank på biblioteket', 'Kultursjef', '15 August 2099', '1 June 2101', 'Årlig gjennomgang']) {
      expect(text).toContain(x)
    }
    const indicators = plan.blocks.find((b) => b.kind === 'table' && b.header.includes('Baseline'))
    expect(indicators?.kind === 'table' && indicators.rows[0]).toEqual([
      'Equity gap',
      'Forskjell i deltakelse i organisert fritid etter bosted',
      'Ungdata',
      '18 prosentpoeng (2098)',
      '10 prosentpoeng (2103)',
      'Area / district, Family finances / income',
      'prosentpoeng',
    ])
    const i = plan.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'To be completed or corrected')
    expect(plan.blocks[i + 1]).toEqual({ kind: 'list', items: ['Indicator 2, baseline: needs a baseline (the target cannot be followed up without one)'] })
  })

  test('short version: red and unknown items, barriers and gaps; the equity goal; the feedback date', () => {
    const b = summary(fixtureB(), 'en', 'short')
    const findings = section(b, 'findings')!.blocks[0]
    expect(findings?.kind === 'list' && findings.items[0]).toBe('Red: Who is exposed here? – Ungdom i bygdene og fra familier med lav inntekt deltar minst.')
    expect(findings?.kind === 'list' && findings.items.at(-1)).toBe('… and 2 more in the full version.')
    expect(section(b, 'equityGoal')!.blocks[0]).toEqual({ kind: 'paragraph', text: expect.stringContaining('fra 18 til 10 prosentpoeng') })
    expect(section(b, 'feedback')!.blocks[0]).toEqual({ kind: 'paragraph', text: 'By 1 April 2099 (Ungdomsrådets møte i april).' })
    const c = section(summary(fixtureC(), 'nb', 'short'), 'findings')!.blocks[0]
    expect(c?.kind === 'list' && c.items[0]).toBe('Hull: Kultur/idrett/fritid: «Fritidsklubben i sentrum» når ikke alle')
  })
})

describe('empty session', () => {
  for (const locale of SUMMARY_LOCALES) {
    for (const length of LENGTHS) {
      test(`${locale} ${length}: every section, saying plainly there are no results yet`, () => {
        const s = summary(fixtureEmpty(), locale, length)
        expect(s.sections.map((x) => x.id)).toEqual(length === 'full' ? [...FULL_SECTION_IDS] : [...SHORT_SECTION_IDS])
        expect(all(s)).toContain(tr('noResults.lobby', locale))
        // No title typed: the template's name stands in.
        expect(s.title).toBe(locale === 'en' ? 'A. Choose a focus area with the youth council' : 'A. Velg innsatsområde med ungdomsrådet')
      })
    }
  }

  test('a running session with nothing in it says no results, not "not started"', () => {
    const input = fixtureEmpty()
    input.status = 'running'
    const s = summary(input, 'en', 'full')
    expect(all(s)).toContain(tr('noResults.any', 'en'))
    expect(all(s)).not.toContain(tr('noResults.lobby', 'en'))
    expect(all(summary(fixtureA(), 'en', 'full'))).not.toContain(tr('noResults.any', 'en'))
  })

  test('odd values do not crash: NaN times, negative counts, unknown steps and kinds', () => {
    const input = fixtureEmpty()
    input.meta = { title: '  ', createdAt: Number.NaN }
    input.participants = -3
    input.pulses = [{ stepId: 'nope', totals: [Number.NaN, -1] }]
    input.statusLog = [{ at: Number.NaN, kind: 'decision', text: 'x' }]
    input.votes = [{ stepId: 'nope', round: fixtureA().votes[0]!.round, results: { roundId: 'x', method: 'dots', publish: 'full', voters: Number.NaN, ranked: [] } }]
    for (const locale of SUMMARY_LOCALES) for (const length of LENGTHS) expect(() => summary(input, locale, length)).not.toThrow()
    const facts = section(summary(input, 'nb', 'full'), 'participants')!.blocks[0]
    expect(facts?.kind === 'facts' && facts.items[0]?.value).toBe('0')
  })
})

describe('nynorsk', () => {
  test('headings are nynorsk, not bokmål', () => {
    const nn = summary(fixtureB(), 'nn', 'full')
    const headings = nn.sections.map((s) => s.heading)
    expect(headings).toEqual(expect.arrayContaining(['Mandat og medverknadskontrakt', 'Deltakarar', 'Resultat', 'Likskapsanalyse', 'Handlingsplan', 'Evaluering', 'Statuslogg']))
    for (const nb of ['Mandat og medvirkningskontrakt', 'Deltakere', 'Resultater', 'Likhetsanalyse']) expect(headings).not.toContain(nb)
    const text = all(nn)
    for (const word of ['ikkje', 'ungdomane', 'Kva', 'Kven', 'deltakarane', 'Tilbakemelding']) expect(text).toContain(word)
    const short = summary(fixtureA(), 'nn', 'short').sections.map((s) => s.heading)
    expect(short).toContain('Deltakarar')
    expect(short).toContain('Tilbakemelding til ungdomane')
  })

  test('every text has all three languages, and nynorsk gap texts keep the placeholders', () => {
    for (const [key, t] of Object.entries(TEXTS)) for (const l of SUMMARY_LOCALES) expect(t[l].trim(), `${key}.${l}`).not.toBe('')
    const holes = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort()
    for (const [key, t] of Object.entries(TEXTS)) expect(holes(t.nn), key).toEqual(holes(t.nb))
    for (const [key, nn] of Object.entries(GAP_TEXTS_NN)) expect(holes(nn), key).toEqual(holes(GAP_TEXTS[key as keyof typeof GAP_TEXTS].nb))
  })
})

describe('dates', () => {
  test('written out per locale, without Intl, in Norwegian time', () => {
    expect(formatMsDate(SESSION_A_AT, 'nb')).toBe('15. januar 2099')
    expect(formatMsDate(SESSION_A_AT, 'nn')).toBe('15. januar 2099')
    expect(formatMsDate(SESSION_A_AT, 'en')).toBe('15 January 2099')
    expect(formatIsoDate('2099-12-03', 'en')).toBe('3 December 2099')
    expect(formatIsoDate('2099-02-30', 'nb')).toBe('2099-02-30')
    expect(formatIsoDate('etter sommeren', 'nb')).toBe('etter sommeren')
    // Winter (UTC+1): 23:30 UTC is already the next day.
    expect(osloDate(Date.UTC(2099, 0, 15, 23, 30))).toEqual({ year: 2099, month: 1, day: 16 })
    expect(osloDate(Date.UTC(2099, 11, 31, 23, 30))).toEqual({ year: 2100, month: 1, day: 1 })
    // Summer (UTC+2): 22:30 UTC on 30 June is 00:30 on 1 July.
    expect(osloDate(Date.UTC(2099, 5, 30, 22, 30))).toEqual({ year: 2099, month: 7, day: 1 })
    // Around the switches: 28 March 2026 (Saturday) is still winter; 24 October 2026 (Saturday) still summer.
    expect(osloDate(Date.UTC(2026, 2, 28, 22, 30))).toEqual({ year: 2026, month: 3, day: 28 })
    expect(osloDate(Date.UTC(2026, 9, 24, 22, 30))).toEqual({ year: 2026, month: 10, day: 25 })
    expect(formatMsDate(Number.NaN, 'nb')).toBe('')
  })

  test('plan dates are checked against meta.today, not a clock', () => {
    const input = fixtureB()
    input.meta.today = '2099-05-01'
    const text = all(summary(input, 'nb', 'full'))
    expect(text).toContain('Tilbakemelding til ungdommene, dato: er allerede passert')
    const locales: SummaryLocale[] = ['nb']
    for (const l of locales) expect(all(summary(fixtureB(), l, 'full'))).not.toContain('er allerede passert')
  })
})
