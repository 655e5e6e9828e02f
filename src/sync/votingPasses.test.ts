import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { BALLOT_PLAIN_MAX, encodeBallotEnvelope, validateBallot, type Ballot, type VoteRound } from '../domain/voting.ts'
import { checkReceipt } from '../domain/votingLedger.ts'
import { worstCaseBallot, worstCaseRound } from '../domain/votingFixtures.ts'
import { BallotCollector, castBallot, ignoredCount } from './ballotBox.ts'
import { generateRoundKeys, sealBallot, type RoundKeys } from './ballotSealing.ts'
import {
  blindPassRequest,
  clearPassRequest,
  finalizePass,
  generatePassKeys,
  generateVoterKeys,
  importPassKey,
  passAnswersFor,
  PassChecker,
  PassIssuer,
  putPassRequest,
  receiptOf,
  requestHash,
  signBallot,
  signPassRequest,
  verifyPass,
  type PassKeys,
  type VoterKeys,
  type VotingPass,
} from './votingPasses.ts'

const W = 'workshop-1'
const R = 'round-1'
const round: VoteRound = {
  roundId: R,
  options: [
    { id: 'bus', label: 'Buss' },
    { id: 'hall', label: 'Hall' },
    { id: 'club', label: 'Klubb' },
  ],
  rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
}
const validate = (raw: unknown) => {
  const r = validateBallot(round, raw)
  return r.ok ? r.ballot : null
}
const dots = (d: Record<string, number>): Ballot => ({ method: 'dots', dots: d })

let pk: PassKeys
let passPub: CryptoKey
beforeAll(async () => {
  pk = await generatePassKeys()
  passPub = (await importPassKey(pk.spki))!
})

/** A voter with a pass the facilitator key blind-signed. */
async function voterWithPass(roundId = R): Promise<{ voter: VoterKeys; pass: VotingPass }> {
  const voter = await generateVoterKeys()
  const req = await blindPassRequest(passPub, W, roundId, voter.pub)
  const pass = await finalizePass(passPub, req, await signPassRequest(pk.privateKey, req.blinded))
  return { voter, pass: pass! }
}

async function sealed(keys: RoundKeys, v: { voter: VoterKeys; pass: VotingPass }, ballot: Ballot, n: number, signer = v.voter) {
  const s = await signBallot(signer.privateKey, R, n, ballot)
  const text = encodeBallotEnvelope(ballot, { px: v.pass.px, ps: v.pass.ps, pk: v.voter.pub, n, s })
  return { sealed: await sealBallot(R, keys.publicKeyRaw, text, BALLOT_PLAIN_MAX + 4), receipt: await receiptOf(s) }
}

describe('passes (RFC 9474 blind RSA through @cloudflare/blindrsa-ts)', () => {
  test('the public key round-trips through SPKI text; a non-RSA-2048 key is refused', async () => {
    expect(pk.spki.length).toBe(392)
    expect(passPub.algorithm.name).toBe('RSA-PSS')
    expect(await importPassKey('AAAA')).toBeNull()
    expect(await importPassKey(undefined)).toBeNull()
  })

  test('a valid pass verifies; for another voter key, round or workshop it does not', async () => {
    const { voter, pass } = await voterWithPass()
    expect(await verifyPass(passPub, W, R, voter.pub, pass)).toBe(true)
    const other = await generateVoterKeys()
    expect(await verifyPass(passPub, W, R, other.pub, pass)).toBe(false)
    expect(await verifyPass(passPub, W, 'round-2', voter.pub, pass)).toBe(false)
    expect(await verifyPass(passPub, 'workshop-2', R, voter.pub, pass)).toBe(false)
    const otherKeys = await generatePassKeys()
    expect(await verifyPass((await importPassKey(otherKeys.spki))!, W, R, voter.pub, pass)).toBe(false)
  })

  test('the signer sees only the blinded request: it differs from the final pass and between two requests for the same key', async () => {
    const voter = await generateVoterKeys()
    const a = await blindPassRequest(passPub, W, R, voter.pub)
    const b = await blindPassRequest(passPub, W, R, voter.pub)
    expect(a.blinded).not.toBe(b.blinded)
    const blindSig = await signPassRequest(pk.privateKey, a.blinded)
    const pass = await finalizePass(passPub, a, blindSig)
    expect(pass).not.toBeNull()
    expect(pass!.ps).not.toBe(blindSig)
    // A blind signature for another request does not finalize into a pass for this one.
    expect(await finalizePass(passPub, b, blindSig)).toBeNull()
    expect(await finalizePass(passPub, a, 'x'.repeat(342))).toBeNull()
    expect(await signPassRequest(pk.privateKey, 'junk')).toBeNull()
  })

  test('property: any voter key with a pass verifies only with its own key and round', async () => {
    const keys = await Promise.all([0, 1, 2].map(() => voterWithPass()))
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(R, 'other-round'), async (i, j, r) => {
        const ok = await verifyPass(passPub, W, r, keys[j]!.voter.pub, keys[i]!.pass)
        expect(ok).toBe(i === j && r === R)
      }),
      { seed: 12, numRuns: 30 },
    )
  })
})

describe('PassChecker: only the pass holder, only its own key, only a newer counter', () => {
  test('valid, spent, forged signature, no pass, and the worst-case ballot still fits the pad', async () => {
    const keys = await generateRoundKeys()
    const aw = new Awareness(new Y.Doc())
    const checker = new PassChecker(passPub, W, R, validate)
    const collector = new BallotCollector<Ballot>(aw, R, keys.privateKey, checker.admit, validate)
    const alice = await voterWithPass()
    const bob = await voterWithPass()
    const a1 = await sealed(keys, alice, dots({ bus: 3 }), 1)
    await collector.accept(a1.sealed)
    await collector.accept((await sealed(keys, bob, dots({ hall: 1 }), 1)).sealed)
    expect(collector.voters()).toBe(2)

    // Bob signs a ballot in Alice's name (her pass and key, his signature): cannot replace hers.
    await collector.accept((await sealed(keys, alice, dots({ club: 3 }), 9, bob.voter)).sealed)
    expect(collector.stats.badSignature).toBe(1)
    // Alice's pass offered with another voter key: spent.
    const mallory = await generateVoterKeys()
    await collector.accept((await sealed(keys, { voter: mallory, pass: alice.pass }, dots({ club: 3 }), 1)).sealed)
    expect(collector.stats.spentPass).toBe(1)
    // A made-up pass.
    await collector.accept((await sealed(keys, { voter: mallory, pass: { px: alice.pass.px, ps: 'A'.repeat(342) } }, dots({ club: 3 }), 1)).sealed)
    expect(collector.stats.noPass).toBe(1)
    // A replay of Alice's own ballot is stale; a higher counter from Alice replaces it.
    await collector.accept(a1.sealed)
    expect(collector.stats.stale).toBe(1)
    const a2 = await sealed(keys, alice, dots({ club: 2 }), 2)
    await collector.accept(a2.sealed)
    expect(collector.stats.replaced).toBe(1)
    expect(collector.voters()).toBe(2)
    expect(ignoredCount(collector.stats)).toBe(4)
    expect(collector.ballots().map((b) => JSON.stringify(b)).sort()).toEqual([JSON.stringify(dots({ club: 2 })), JSON.stringify(dots({ hall: 1 }))].sort())
    expect(checkReceipt(collector.receipts(), [a1.receipt, a2.receipt])).toBe('counted')
    expect(checkReceipt(collector.receipts(), [a1.receipt])).toBe('missing')
    collector.destroy()

    // The largest ballot of every method, with pass and signature, still fits the fixed pad.
    for (const method of ['dots', 'ranking', 'scale', 'traffic'] as const) {
      const r = worstCaseRound(method)
      const b = worstCaseBallot(r)
      const text = encodeBallotEnvelope(b, { px: alice.pass.px, ps: alice.pass.ps, pk: alice.voter.pub, n: 2 ** 31 - 1, s: 'A'.repeat(86) })
      expect(text.length).toBeLessThanOrEqual(BALLOT_PLAIN_MAX)
    }
  })
})

interface Changes {
  added: number[]
  updated: number[]
  removed: number[]
}
/** Full mesh of awareness instances (like y-webrtc), plus `forge`: a presence update under someone else's client id. */
function mesh(n: number): Awareness[] {
  const aws = Array.from({ length: n }, () => new Awareness(new Y.Doc()))
  aws.forEach((a, i) =>
    a.on('update', ({ added, updated, removed }: Changes, origin: unknown) => {
      if (origin === 'mesh') return
      const u = encodeAwarenessUpdate(a, [...added, ...updated, ...removed])
      aws.forEach((o, j) => j !== i && applyAwarenessUpdate(o, u, 'mesh'))
    }),
  )
  for (const a of aws) a.setLocalState({ r: 'p' })
  return aws
}
function forge(rogue: Awareness, victimId: number, state: Record<string, unknown> | null) {
  const meta = rogue.meta.get(victimId)!
  if (state === null) rogue.states.delete(victimId)
  else rogue.states.set(victimId, state)
  rogue.meta.set(victimId, { clock: meta.clock + 1, lastUpdated: Date.now() })
  rogue.emit('update', [{ added: [], updated: [victimId], removed: [] }, 'local'])
}
const until = async (f: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await f()); i++) await new Promise((r) => setTimeout(r, 10))
  expect(await f()).toBe(true)
}

describe('PassIssuer over presence', () => {
  test('one pass per client id; invented ids are seen; a closed room refuses new ids; the same request is re-answered, not re-counted', async () => {
    const [fac, p1, rogue] = mesh(3) as [Awareness, Awareness, Awareness]
    let saved: unknown = null
    const issuer = new PassIssuer(fac, R, pk.privateKey, (rec) => (saved = rec))
    const v1 = await generateVoterKeys()
    const req1 = await blindPassRequest(passPub, W, R, v1.pub)
    putPassRequest(p1, R, req1.blinded)
    const h1 = await requestHash(req1.blinded)
    await until(() => passAnswersFor(p1, R, h1).answers.length === 1)
    const pass1 = await finalizePass(passPub, req1, passAnswersFor(p1, R, h1).answers[0])
    expect(await verifyPass(passPub, W, R, v1.pub, pass1!)).toBe(true)
    expect(issuer.stats.issued).toBe(1)
    // Once the participant stops asking, the answer leaves the facilitator's presence.
    clearPassRequest(p1)
    await until(() => Object.keys((fac.getLocalState() as { passAns: { a: object } }).passAns.a).length === 0)

    // The rogue asks again under its own id, twice (a second, different request is refused) …
    const r1 = await blindPassRequest(passPub, W, R, (await generateVoterKeys()).pub)
    putPassRequest(rogue, R, r1.blinded)
    await until(() => issuer.stats.issued === 2)
    putPassRequest(rogue, R, (await blindPassRequest(passPub, W, R, (await generateVoterKeys()).pub)).blinded)
    await until(() => issuer.stats.duplicate === 1)
    // … and under an invented client id (counted: visible beside the devices present).
    const invented = 4242
    const inventReq = await blindPassRequest(passPub, W, R, (await generateVoterKeys()).pub)
    rogue.states.set(invented, { r: 'p', passReq: { r: R, q: inventReq.blinded } })
    rogue.meta.set(invented, { clock: 1, lastUpdated: Date.now() })
    rogue.emit('update', [{ added: [invented], updated: [], removed: [] }, 'local'])
    await until(() => issuer.stats.issued === 3)

    // Closed: a client id invented after closing gets nothing; known ids keep their answers.
    issuer.setClosed(true)
    expect((saved as { closed: boolean }).closed).toBe(true)
    const late = 4343
    rogue.states.set(late, { r: 'p', passReq: { r: R, q: (await blindPassRequest(passPub, W, R, (await generateVoterKeys()).pub)).blinded } })
    rogue.meta.set(late, { clock: 1, lastUpdated: Date.now() })
    rogue.emit('update', [{ added: [late], updated: [], removed: [] }, 'local'])
    await until(() => issuer.stats.refused === 1)
    await issuer.settled()
    expect(issuer.stats.issued).toBe(3)
    expect(passAnswersFor(rogue, R, 'x').closed).toBe(true)

    // A facilitator reload: the record restores the count; the same request is answered again without counting.
    issuer.destroy()
    const again = new PassIssuer(fac, R, pk.privateKey, () => {}, saved as never)
    putPassRequest(p1, R, req1.blinded)
    await until(() => passAnswersFor(p1, R, h1).answers.length === 1)
    expect(again.stats.issued).toBe(3)
    again.destroy()
  })

  test('a forged presence update under a classmate’s client id does not withdraw or replace the classmate’s ballot', async () => {
    const [fac, victim, rogue] = mesh(3) as [Awareness, Awareness, Awareness]
    const keys = await generateRoundKeys()
    const checker = new PassChecker(passPub, W, R, validate)
    const collector = new BallotCollector<Ballot>(fac, R, keys.privateKey, checker.admit, validate)
    const v = await voterWithPass()
    const mine = await sealed(keys, v, dots({ hall: 3 }), 1)
    castBallot(victim, mine.sealed)
    await until(async () => (await collector.settled(), collector.voters() === 1))
    // The rogue removes the ballot from the victim's presence …
    forge(rogue, victim.clientID, { r: 'p' })
    expect(fac.getStates().get(victim.clientID)).toEqual({ r: 'p' })
    await collector.settled()
    expect(collector.voters()).toBe(1)
    // … then puts its own ballot (signed by its own key with the victim's pass) under the victim's id.
    const rogueVoter = await generateVoterKeys()
    const stolen = await sealed(keys, { voter: rogueVoter, pass: v.pass }, dots({ bus: 3 }), 99)
    forge(rogue, victim.clientID, { r: 'p', ballot: stolen.sealed })
    // … and a ballot with a second pass of its own plus one with no pass at all.
    const r = await voterWithPass()
    forge(rogue, rogue.clientID, { r: 'p', ballot: (await sealed(keys, r, dots({ bus: 3 }), 1)).sealed })
    await until(async () => (await collector.settled(), collector.stats.spentPass === 1 && collector.voters() === 2))
    // and the victim's presence vanishes entirely
    forge(rogue, victim.clientID, null)
    await collector.settled()
    expect(collector.voters()).toBe(2)
    expect(checkReceipt(collector.receipts(), [mine.receipt])).toBe('counted')
    expect(collector.ballots().map((b) => JSON.stringify(b)).sort()).toEqual([JSON.stringify(dots({ bus: 3 })), JSON.stringify(dots({ hall: 3 }))].sort())
    collector.destroy()
  })
})
