import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { BallotLedger, bulletinOf, checkReceipt, isBulletin } from './votingLedger.ts'

const fp = (i: number) => `fp${String(i).padStart(20, '0')}`

describe('BallotLedger: one ballot per voter key, highest counter wins', () => {
  test('a higher counter from the same key replaces; equal or lower is stale; other keys never touch it', () => {
    const l = new BallotLedger<string>()
    expect(l.offer('alice', 1, 'a1', fp(1))).toBe('counted')
    expect(l.offer('bob', 5, 'b5', fp(2))).toBe('counted')
    expect(l.offer('alice', 1, 'a1-replay', fp(3))).toBe('stale')
    expect(l.offer('alice', 0, 'a0', fp(4))).toBe('stale')
    expect(l.offer('alice', 2, 'a2', fp(5))).toBe('replaced')
    expect(l.ballots().sort()).toEqual(['a2', 'b5'])
    expect(l.receipts()).toEqual([fp(2), fp(5)])
    expect(l.size).toBe(2)
  })
})

describe('receipts', () => {
  test('counted, an earlier version counted, missing, nothing to check', () => {
    expect(checkReceipt(['x', 'y'], ['a', 'y'])).toBe('counted')
    expect(checkReceipt(['a', 'y'], ['a', 'b'])).toBe('earlier')
    expect(checkReceipt(['x', 'y'], ['a', 'b'])).toBe('missing')
    expect(checkReceipt(undefined, ['a'])).toBe('none')
    expect(checkReceipt(['x'], [])).toBe('none')
  })

  test('a bulletin is sorted, distinct, one per counted ballot, and counted ≤ passes', () => {
    const b = bulletinOf(4, ['BBBBBBBBBBBBBBBBBBBBBB', 'AAAAAAAAAAAAAAAAAAAAAA'])
    expect(b).toEqual({ passesIssued: 4, counted: 2, receipts: ['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB'] })
    expect(isBulletin(b)).toBe(true)
    expect(isBulletin({ ...b, passesIssued: 1 })).toBe(false)
    expect(isBulletin({ ...b, receipts: [...b.receipts].reverse() })).toBe(false)
    expect(isBulletin({ ...b, counted: 3 })).toBe(false)
    expect(isBulletin({ ...b, receipts: ['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA'] })).toBe(false)
    expect(isBulletin({ ...b, receipts: ['not a receipt', 'BBBBBBBBBBBBBBBBBBBBBB'] })).toBe(false)
  })
})

/**
 * Arbitrary interleavings of honest and rogue submissions against a ledger fed only what passed
 * the pass check (a pass per issued voter key): counted ≤ passes issued, each honest voter's
 * counted ballot is its own highest-counter ballot, and no rogue action removes it.
 */
describe('properties', () => {
  type Act =
    | { kind: 'honest'; voter: number; counter: number }
    | { kind: 'rogueOwnKey'; counter: number }
    | { kind: 'rogueInventedKey'; key: number }
    | { kind: 'rogueReplay'; voter: number; counter: number }
    | { kind: 'presenceGone'; voter: number }
  const act: fc.Arbitrary<Act> = fc.oneof(
    fc.record({ kind: fc.constant('honest' as const), voter: fc.integer({ min: 0, max: 4 }), counter: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('rogueOwnKey' as const), counter: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('rogueInventedKey' as const), key: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ kind: fc.constant('rogueReplay' as const), voter: fc.integer({ min: 0, max: 4 }), counter: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant('presenceGone' as const), voter: fc.integer({ min: 0, max: 4 }) }),
  )

  test('counted ≤ issued; honest ballots are never lost or replaced by anyone else', () => {
    fc.assert(
      fc.property(fc.array(act, { maxLength: 60 }), fc.integer({ min: 0, max: 5 }), (acts, honestVoters) => {
        const ledger = new BallotLedger<string>()
        // Passes: one per honest voter that exists, plus one for the rogue.
        const passHolders = new Set<string>(['rogue'])
        for (let v = 0; v < honestVoters; v++) passHolders.add(`v${v}`)
        const issued = passHolders.size
        const best = new Map<string, number>()
        /** What the pass check does: only a key with a pass gets to the ledger. */
        const submit = (key: string, counter: number, ballot: string) => {
          if (!passHolders.has(key)) return
          ledger.offer(key, counter, ballot, `r-${key}-${counter}`)
        }
        for (const a of acts) {
          switch (a.kind) {
            case 'honest': {
              if (a.voter >= honestVoters) break
              const key = `v${a.voter}`
              submit(key, a.counter, `${key}@${a.counter}`)
              best.set(key, Math.max(best.get(key) ?? 0, a.counter))
              break
            }
            case 'rogueOwnKey':
              submit('rogue', a.counter, `rogue@${a.counter}`)
              break
            case 'rogueInventedKey':
              submit(`invented${a.key}`, 1, 'stuffed')
              break
            case 'rogueReplay':
              // A replayed copy of an honest ballot: same key, same or older counter (the rogue cannot sign a newer one).
              if (a.voter < honestVoters && (best.get(`v${a.voter}`) ?? 0) >= a.counter && a.counter > 0) submit(`v${a.voter}`, a.counter, `v${a.voter}@${a.counter}`)
              break
            case 'presenceGone':
              break // presence is not an input of the ledger at all
          }
        }
        const b = bulletinOf(issued, ledger.receipts())
        expect(b.counted).toBeLessThanOrEqual(b.passesIssued)
        expect(b.passesIssued).toBe(issued)
        expect(isBulletin({ ...b, receipts: b.receipts.map((_, i) => fp(i)) })).toBe(true)
        const ballots = ledger.ballots()
        expect(ballots.filter((x) => x === 'stuffed')).toEqual([])
        expect(ballots.filter((x) => x.startsWith('rogue@')).length).toBeLessThanOrEqual(1)
        for (const [key, counter] of best) expect(ballots).toContain(`${key}@${counter}`)
      }),
      { seed: 12, numRuns: 300 },
    )
  })
})

describe('the signed events carry the pass key and the bulletin', () => {
  test('vote.open: passKey is optional (older logs) and checked when present', async () => {
    const { parseFlowEvent } = await import('./flowEvents.ts')
    const round = { roundId: 'r1', options: [{ id: 'a', label: 'A' }], rules: { method: 'scale' } }
    const open = { type: 'vote.open', at: 1, step: 'vote', publicKey: 'K', round }
    expect(parseFlowEvent(open)).not.toBeNull()
    const key = 'M'.repeat(392)
    expect((parseFlowEvent({ ...open, round: { ...round, passKey: key } }) as { round: { passKey?: string } }).round.passKey).toBe(key)
    expect(parseFlowEvent({ ...open, round: { ...round, passKey: 'short' } })).toBeNull()
  })

  test('vote.close: no bulletin (older logs) or a whole, possible one', async () => {
    const { parseFlowEvent } = await import('./flowEvents.ts')
    const results = { roundId: 'r1', method: 'scale', publish: 'none', voters: 2, ranked: [] }
    const close = { type: 'vote.close', at: 1, step: 'vote', roundId: 'r1', results }
    expect(parseFlowEvent(close)).not.toBeNull()
    const receipts = ['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB']
    expect(parseFlowEvent({ ...close, results: { ...results, passesIssued: 3, counted: 2, receipts } })).not.toBeNull()
    expect(parseFlowEvent({ ...close, results: { ...results, passesIssued: 1, counted: 2, receipts } })).toBeNull()
    expect(parseFlowEvent({ ...close, results: { ...results, counted: 2 } })).toBeNull()
  })
})
