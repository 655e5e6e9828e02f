/**
 * Measurements that must run in the browser (WebCrypto and the JS engine the tablets use), loaded
 * only by `npm run bench` and the rogue end-to-end tests through the test-hook handle (see
 * main.tsx); never part of the app's own chunks.
 */
import { BALLOT_PLAIN_MAX, encodeBallotEnvelope, results, tally, validateBallot, type Ballot, type VoteRound } from '../domain/voting.ts'
import { bulletinOf, checkReceipt } from '../domain/votingLedger.ts'
import { generateRoundKeys, openBallot, sealBallot } from '../sync/ballotSealing.ts'
import {
  blindPassRequest,
  finalizePass,
  generatePassKeys,
  generateVoterKeys,
  importPassKey,
  passAnswersFor,
  PassChecker,
  putPassRequest,
  receiptOf,
  requestHash,
  signBallot,
  signPassRequest,
  type VoterKeys,
  type VotingPass,
} from '../sync/votingPasses.ts'

const round: VoteRound = {
  roundId: 'bench-round',
  options: Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, label: `Alternativ ${i + 1}` })),
  rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
}
const W = 'bench-workshop'
const PAD = BALLOT_PLAIN_MAX + 4
const validate = (raw: unknown) => {
  const r = validateBallot(round, raw)
  return r.ok ? r.ballot : null
}

async function voterWithPass(passKey: CryptoKey, passPrivate: CryptoKey): Promise<{ voter: VoterKeys; pass: VotingPass }> {
  const voter = await generateVoterKeys()
  const req = await blindPassRequest(passKey, W, round.roundId, voter.pub)
  const pass = await finalizePass(passKey, req, await signPassRequest(passPrivate, req.blinded))
  if (!pass) throw new Error('no pass')
  return { voter, pass }
}

async function envelopeText(v: { voter: VoterKeys; pass: VotingPass }, ballot: Ballot, n: number): Promise<string> {
  const s = await signBallot(v.voter.privateKey, round.roundId, n, ballot)
  return encodeBallotEnvelope(ballot, { px: v.pass.px, ps: v.pass.ps, pk: v.voter.pub, n, s })
}

/** Median ms to seal one ballot (validate + sign + encode + pad + ECDH/HKDF/AES-GCM), over `n` ballots. */
export async function sealBallotMs(n = 50): Promise<number> {
  const keys = await generateRoundKeys()
  const pk = await generatePassKeys()
  const v = await voterWithPass(pk.publicKey, pk.privateKey)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const ballot: Ballot = { method: 'dots', dots: { [`o${i % 12}`]: 2, [`o${(i + 5) % 12}`]: 1 } }
    const t0 = performance.now()
    const ok = validateBallot(round, ballot)
    if (!ok.ok) throw new Error(ok.problem)
    await sealBallot(round.roundId, keys.publicKeyRaw, await envelopeText(v, ok.ballot, i + 1), PAD)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(n / 2)] ?? NaN
}

/** Median ms for one voting pass: the participant blinds, the facilitator blind-signs, the participant unblinds and verifies. */
export async function passIssueMs(n = 5): Promise<number> {
  const pk = await generatePassKeys()
  const passKey = await importPassKey(pk.spki)
  if (!passKey) throw new Error('pass key')
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await voterWithPass(passKey, pk.privateKey)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(n / 2)] ?? NaN
}

/** ms to open 100 sealed ballots, check each pass and voter signature, validate, tally, and compute results and bulletin. */
export async function tally100BallotsMs(): Promise<number> {
  const keys = await generateRoundKeys()
  const pk = await generatePassKeys()
  // Ten voters with passes, ten ballots each would not be 100 voters: make 100 passes (slow, not timed).
  const voters = await Promise.all(Array.from({ length: 100 }, () => voterWithPass(pk.publicKey, pk.privateKey)))
  const sealed = await Promise.all(voters.map(async (v, i) => sealBallot(round.roundId, keys.publicKeyRaw, await envelopeText(v, { method: 'dots', dots: { [`o${i % 12}`]: 3 } }, 1), PAD)))
  const t0 = performance.now()
  const checker = new PassChecker(pk.publicKey, W, round.roundId, validate)
  const ballots: Ballot[] = []
  const receipts: string[] = []
  for (const s of sealed) {
    const text = await openBallot(round.roundId, keys.privateKey, s)
    const a = text ? await checker.admit(text) : null
    if (a && 'token' in a) {
      const v = validate(a.ballot)
      if (v) {
        ballots.push(v)
        receipts.push(a.receipt ?? '')
      }
    }
  }
  if (ballots.length !== 100) throw new Error(`counted ${ballots.length}`)
  results(round, tally(round, ballots))
  bulletinOf(100, receipts)
  return performance.now() - t0
}

/** ms for a participant's receipt check against a board of 100 fingerprints (its own fingerprint from its signature, then the lookup). */
export async function receiptCheckMs(): Promise<number> {
  const board = await Promise.all(Array.from({ length: 100 }, (_, i) => receiptOf(btoa(String(i).padStart(48, 'x')).replace(/=+$/, ''))))
  const sig = 'A'.repeat(86)
  board.push(await receiptOf(sig))
  board.sort()
  const t0 = performance.now()
  const mine = await receiptOf(sig)
  if (checkReceipt(board, [mine]) !== 'counted') throw new Error('receipt')
  return performance.now() - t0
}

/**
 * The app's own voting primitives, for the rogue end-to-end suite: a rogue participant has them
 * anyway in the served bundle, and uses them to write straight into presence.
 */
export const rogueKit = { sealBallot, encodeBallotEnvelope, signBallot, generateVoterKeys, blindPassRequest, finalizePass, importPassKey, requestHash, passAnswersFor, putPassRequest, receiptOf, PAD }
