import { describe, expect, test } from 'vitest'
import { compareSessions, labelKey, sameRules, type CompareSession } from './compare.ts'
import { results, tally, type Ballot, type Results, type VoteRound, type VoteRules } from './voting.ts'

const DOTS3: VoteRules = { method: 'dots', dots: 3, capPerOption: 3, mustNot: false }

function round(id: string, labels: string[], rules: VoteRules = DOTS3): VoteRound {
  return { roundId: id, options: labels.map((label, i) => ({ id: `o${i}`, label })), rules }
}

/** Results of real ballots: `dots[i]` lists, per voter, the option index that voter put all 3 dots on (−1: blank). */
function dotsSession(key: string, labels: string[], picks: number[], rules: VoteRules = DOTS3): CompareSession {
  const r = round(`r-${key}`, labels, rules)
  const ballots: Ballot[] = picks.map((i) => ({ method: 'dots', dots: i < 0 ? {} : { [`o${i}`]: rules.method === 'dots' ? Math.min(3, rules.capPerOption) : 1 } }))
  return { key, label: `Session ${key}`, round: r, results: results(r, tally(r, ballots)) }
}

function rankingSession(key: string, labels: string[], orders: number[][], topK = 3): CompareSession {
  const r = round(`r-${key}`, labels, { method: 'ranking', topK })
  const ballots: Ballot[] = orders.map((o) => ({ method: 'ranking', order: o.map((i) => `o${i}`) }))
  return { key, label: `Session ${key}`, round: r, results: results(r, tally(r, ballots)) }
}

function scaleSession(key: string, labels: string[], answers: (1 | 2 | 3 | 4 | 5)[][]): CompareSession {
  const r = round(`r-${key}`, labels, { method: 'scale' })
  const ballots: Ballot[] = answers.map((a) => ({ method: 'scale', answers: Object.fromEntries(a.map((n, i) => [`o${i}`, n])) }))
  return { key, label: `Session ${key}`, round: r, results: results(r, tally(r, ballots)) }
}

const LABELS = ['Gratis buss', 'Åpen hall', 'Flere lærlingplasser']

describe('labelKey', () => {
  test('NFC, case-folded, trimmed, whitespace collapsed', () => {
    expect(labelKey('  Åpen\u00a0  HALL \n')).toBe('åpen hall')
    expect(labelKey('A\u030Apen hall')).toBe(labelKey('Åpen hall')) // decomposed Å
    expect(labelKey('Gratis buss')).not.toBe(labelKey('Gratis busser'))
  })
})

describe('sameRules', () => {
  test('method and every setting', () => {
    expect(sameRules(DOTS3, { ...DOTS3 })).toBe(true)
    expect(sameRules(DOTS3, { ...DOTS3, dots: 5, capPerOption: 5 })).toBe(false)
    expect(sameRules(DOTS3, { ...DOTS3, mustNot: true })).toBe(false)
    expect(sameRules({ method: 'ranking', topK: 3 }, { method: 'ranking', topK: 2 })).toBe(false)
    expect(sameRules({ method: 'scale' }, { method: 'scale' })).toBe(true)
    expect(sameRules({ method: 'scale' }, { method: 'traffic' })).toBe(false)
  })
})

describe('side by side', () => {
  test('full shows rank, count and voters; rankOnly the order only; none nothing', () => {
    const full = dotsSession('a', LABELS, [0, 0, 0, 1, 1, 2]) // 9, 6, 3 dots
    const rankOnly = dotsSession('b', LABELS, [1, 1, 2, 0]) // 4 voters
    const none = dotsSession('c', LABELS, [0, 1])
    const { columns } = compareSessions([full, rankOnly, none])
    expect(columns[0]).toEqual({
      key: 'a',
      label: 'Session a',
      method: 'dots',
      publish: 'full',
      voters: 6,
      items: [
        { rank: 1, label: 'Gratis buss', score: 9 },
        { rank: 2, label: 'Åpen hall', score: 6 },
        { rank: 3, label: 'Flere lærlingplasser', score: 3 },
      ],
    })
    expect(columns[1]).toEqual({
      key: 'b',
      label: 'Session b',
      method: 'dots',
      publish: 'rankOnly',
      items: [
        { rank: 1, label: 'Åpen hall' },
        { rank: 2, label: 'Flere lærlingplasser' },
        { rank: 2, label: 'Gratis buss' },
      ],
    })
    expect(columns[2]).toEqual({ key: 'c', label: 'Session c', method: 'dots', publish: 'none', items: [] })
  })

  test('a count a session withheld never appears, even if the caller passes one (forged or buggy close)', () => {
    const s = dotsSession('a', LABELS, [0, 0, 1, 2]) // 4 voters → rankOnly
    const forged: Results = { ...s.results, publish: 'full', blank: 0, ranked: s.results.ranked.map((g) => ({ ...g, score: 99 })) }
    const none: Results = { ...s.results, voters: 2, publish: 'full', ranked: s.results.ranked.map((g) => ({ ...g, score: 99 })) }
    const { columns, combined } = compareSessions([{ ...s, results: forged }, { ...s, key: 'b', results: none }])
    expect(columns[0]?.publish).toBe('rankOnly')
    expect(columns[0]?.voters).toBeUndefined()
    expect(JSON.stringify(columns)).not.toContain('99')
    expect(columns[1]).toMatchObject({ publish: 'none', items: [] })
    expect(combined.rule).toBe('borda')
    expect(JSON.stringify(combined)).not.toContain('99')
    expect(combined.items.every((i) => i.score === undefined)).toBe(true)
  })

  test('option ids the round does not have are skipped', () => {
    const s = dotsSession('a', LABELS, [0, 0, 0, 1, 2])
    const extra: Results = { ...s.results, ranked: [...s.results.ranked, { optionIds: ['ghost'], rank: 4, score: 0 }] }
    expect(compareSessions([{ ...s, results: extra }]).columns[0]?.items.map((i) => i.label)).toEqual(['Gratis buss', 'Flere lærlingplasser', 'Åpen hall'])
  })
})

describe('combined: sum rule', () => {
  test('all full, same rules, additive: counts add up, voters add up, labels matched', () => {
    const a = dotsSession('a', LABELS, [0, 0, 0, 1, 1, 2]) // buss 9, hall 6, lærling 3
    const b = dotsSession('b', ['  åpen   HALL', 'Gratis buss', 'Skatepark'], [0, 0, 0, 0, 1, 2, 2]) // hall 12, buss 3, skate 6
    const { combined } = compareSessions([a, b])
    expect(combined).toEqual({
      rule: 'sum',
      method: 'dots',
      publish: 'full',
      voters: 13,
      contributing: ['a', 'b'],
      tooFew: [],
      items: [
        { rank: 1, label: 'Åpen hall', score: 18, sessions: ['a', 'b'] },
        { rank: 2, label: 'Gratis buss', score: 12, sessions: ['a', 'b'] },
        { rank: 3, label: 'Skatepark', score: 6, sessions: ['b'] },
        { rank: 4, label: 'Flere lærlingplasser', score: 3, sessions: ['a'] },
      ],
    })
  })

  test('ties stay ties (shared rank, by label), and the next rank skips', () => {
    const a = dotsSession('a', ['B', 'A', 'C'], [0, 0, 1, 2, 2]) // B 6, A 3, C 6
    const b = dotsSession('b', ['A', 'B', 'C'], [0, 0, 1, 1, 2]) // A 6, B 6, C 3
    const { combined } = compareSessions([a, b])
    expect(combined.items).toEqual([
      { rank: 1, label: 'B', score: 12, sessions: ['a', 'b'] },
      { rank: 2, label: 'A', score: 9, sessions: ['a', 'b'] },
      { rank: 2, label: 'C', score: 9, sessions: ['a', 'b'] },
    ])
  })

  test('ranking with the same top k adds Borda points; traffic adds green − red', () => {
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [0, 1],
      [2],
    ]
    const a = rankingSession('a', LABELS, orders)
    const b = rankingSession('b', LABELS, orders)
    const r = compareSessions([a, b]).combined
    expect(r).toMatchObject({ rule: 'sum', method: 'ranking', publish: 'full', voters: 10 })
    const single = compareSessions([a]).combined.items
    expect(r.items.map((i) => [i.label, i.score])).toEqual(single.map((i) => [i.label, (i.score ?? 0) * 2]))

    const traffic = (key: string): CompareSession => {
      const rd = round(`t-${key}`, LABELS, { method: 'traffic' })
      const ballots: Ballot[] = Array.from({ length: 5 }, (_, i) => ({ method: 'traffic', answers: { o0: 'green', o1: i < 2 ? 'red' : 'yellow', o2: 'yellow' } }))
      return { key, label: key, round: rd, results: results(rd, tally(rd, ballots)) }
    }
    expect(compareSessions([traffic('x'), traffic('y')]).combined).toMatchObject({
      rule: 'sum',
      method: 'traffic',
      items: [
        { rank: 1, label: 'Gratis buss', score: 10 },
        { rank: 2, label: 'Flere lærlingplasser', score: 0 },
        { rank: 3, label: 'Åpen hall', score: -4 },
      ],
    })
  })

  test('a session with too few voters is listed and adds nothing', () => {
    const a = dotsSession('a', LABELS, [0, 0, 0, 1, 1, 2])
    const b = dotsSession('b', LABELS, [0, 1, 1, 1, 1, 1, 1])
    const few = dotsSession('few', ['Skatepark', ...LABELS], [0, 0])
    const { combined, columns } = compareSessions([a, few, b])
    expect(columns.map((c) => c.publish)).toEqual(['full', 'none', 'full'])
    expect(combined).toMatchObject({ rule: 'sum', contributing: ['a', 'b'], tooFew: ['few'], voters: 13 })
    expect(combined.items.map((i) => i.label)).not.toContain('Skatepark')
  })

  test('blank ballots count as voters but not towards the thresholds', () => {
    // 5 voters of which 1 blank in each: 4 expressed → rankOnly each, so no sum.
    const a = dotsSession('a', LABELS, [0, 0, 1, 2, -1])
    const b = dotsSession('b', LABELS, [0, 1, 1, 2, -1])
    expect(compareSessions([a, b]).combined).toMatchObject({ rule: 'borda', publish: 'rankOnly' })
    expect(compareSessions([a, b]).combined.voters).toBeUndefined()
  })
})

describe('combined: Borda rule (order only)', () => {
  test('a rankOnly session makes the whole list order-only: k − r + 1 points per session', () => {
    const a = dotsSession('a', LABELS, [0, 0, 0, 1, 1, 2]) // buss 1, hall 2, lærling 3 (k = 3)
    const b = dotsSession('b', ['Skatepark', 'Åpen hall'], [0, 0, 1, 1]) // 4 voters: skate 1, hall 1 (tie, k = 2)
    const { combined, columns } = compareSessions([a, b])
    expect(columns[1]?.items).toEqual([
      { rank: 1, label: 'Skatepark' },
      { rank: 1, label: 'Åpen hall' },
    ])
    // buss 3; hall 2 + 2 = 4; lærling 1; skate 2
    expect(combined).toEqual({
      rule: 'borda',
      method: null,
      publish: 'rankOnly',
      contributing: ['a', 'b'],
      tooFew: [],
      items: [
        { rank: 1, label: 'Åpen hall', sessions: ['a', 'b'] },
        { rank: 2, label: 'Gratis buss', sessions: ['a'] },
        { rank: 3, label: 'Skatepark', sessions: ['b'] },
        { rank: 4, label: 'Flere lærlingplasser', sessions: ['a'] },
      ],
    })
  })

  test('different methods, or the same method with other settings, are ranked by Borda even when all are full', () => {
    const a = dotsSession('a', LABELS, [0, 0, 0, 1, 1, 2])
    const fiveDots = dotsSession('b', LABELS, [2, 2, 2, 1, 1, 0], { method: 'dots', dots: 5, capPerOption: 3, mustNot: false })
    const r1 = compareSessions([a, fiveDots]).combined
    expect(r1).toMatchObject({ rule: 'borda', publish: 'rankOnly' })
    // buss 3+1, hall 2+2, lærling 1+3: a three-way tie
    expect(r1.items.map((i) => [i.rank, i.label])).toEqual([
      [1, 'Flere lærlingplasser'],
      [1, 'Gratis buss'],
      [1, 'Åpen hall'],
    ])
    expect(r1.items.every((i) => i.score === undefined)).toBe(true)

    const ranking = rankingSession('c', LABELS, [[1], [1], [1], [0], [2]])
    expect(compareSessions([a, ranking]).combined).toMatchObject({ rule: 'borda', items: [{ rank: 1, label: 'Gratis buss' }, { rank: 1, label: 'Åpen hall' }, { rank: 3 }] })
  })

  test('scale (a mean is not a count) is ranked by Borda even with one method and all full', () => {
    const five = (rows: (1 | 2 | 3 | 4 | 5)[]) => Array.from({ length: 5 }, () => rows)
    const a = scaleSession('a', LABELS, five([5, 3, 1]))
    const b = scaleSession('b', LABELS, five([1, 4, 2]))
    const { combined, columns } = compareSessions([a, b])
    expect(columns[0]?.items[0]).toEqual({ rank: 1, label: 'Gratis buss', score: 5 })
    // a: buss 3, hall 2, lærling 1; b: hall 3, lærling 2, buss 1 → hall 5, buss 4, lærling 3
    expect(combined).toMatchObject({ rule: 'borda', publish: 'rankOnly', items: [{ label: 'Åpen hall' }, { label: 'Gratis buss' }, { label: 'Flere lærlingplasser' }] })
  })

  test('two options of one session with the same normalised label count once, at the best place', () => {
    const r = round('dup', ['Gratis  buss', 'Gratis buss', 'Åpen hall'])
    const res = results(r, tally(r, [{ method: 'dots', dots: { o0: 3 } }, { method: 'dots', dots: { o2: 3 } }, { method: 'dots', dots: { o2: 3 } }, { method: 'dots', dots: { o1: 3 } }]))
    const { combined, columns } = compareSessions([{ key: 'x', label: 'x', round: r, results: res }])
    // Side by side shows the session as published; only the combined list merges.
    expect(columns[0]?.items).toEqual([
      { rank: 1, label: 'Åpen hall' },
      { rank: 2, label: 'Gratis  buss' },
      { rank: 2, label: 'Gratis buss' },
    ])
    // k = 2 after merging: hall 2, buss 1
    expect(combined.items.map((i) => i.label)).toEqual(['Åpen hall', 'Gratis  buss'])
  })

  test('and their counts add up under the sum rule', () => {
    const r = round('dup', ['Gratis  buss', 'Gratis buss', 'Åpen hall'])
    const b: Ballot[] = [0, 0, 2, 2, 2, 1].map((i) => ({ method: 'dots', dots: { [`o${i}`]: 3 } }))
    const res = results(r, tally(r, b))
    const { columns, combined } = compareSessions([{ key: 'x', label: 'x', round: r, results: res }])
    expect(columns[0]?.items).toEqual([
      { rank: 1, label: 'Åpen hall', score: 9 },
      { rank: 2, label: 'Gratis  buss', score: 6 },
      { rank: 3, label: 'Gratis buss', score: 3 },
    ])
    expect(combined.items).toEqual([
      { rank: 1, label: 'Gratis  buss', score: 9, sessions: ['x'] },
      { rank: 1, label: 'Åpen hall', score: 9, sessions: ['x'] },
    ])
  })
})

describe('combined: nothing to combine', () => {
  test('no sessions', () => {
    expect(compareSessions([])).toEqual({ columns: [], combined: { rule: 'none', method: null, publish: 'none', contributing: [], tooFew: [], items: [] } })
  })
  test('every session had too few voters', () => {
    const { combined, columns } = compareSessions([dotsSession('a', LABELS, [0]), dotsSession('b', LABELS, [0, 1])])
    expect(columns.map((c) => c.items.length)).toEqual([0, 0])
    expect(combined).toEqual({ rule: 'none', method: null, publish: 'none', contributing: [], tooFew: ['a', 'b'], items: [] })
  })
})
