/**
 * Measurements that must run in the browser (WebCrypto and the JS engine the tablets use), loaded
 * only by `npm run bench` through the test-hook handle (see main.tsx); never part of the app's
 * own chunks.
 */
import { BALLOT_PLAIN_MAX, decodeBallotPlain, encodeBallotPlain, results, tally, validateBallot, type Ballot, type VoteRound } from '../domain/voting.ts'
import { generateRoundKeys, openBallot, sealBallot } from '../sync/ballotSealing.ts'

const round: VoteRound = {
  roundId: 'bench-round',
  options: Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, label: `Alternativ ${i + 1}` })),
  rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
}

/** Median ms to seal one ballot (validate + encode + pad + ECDH/HKDF/AES-GCM), over `n` ballots. */
export async function sealBallotMs(n = 50): Promise<number> {
  const keys = await generateRoundKeys()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const ballot: Ballot = { method: 'dots', dots: { [`o${i % 12}`]: 2, [`o${(i + 5) % 12}`]: 1 } }
    const t0 = performance.now()
    const v = validateBallot(round, ballot)
    if (!v.ok) throw new Error(v.problem)
    await sealBallot(round.roundId, keys.publicKeyRaw, encodeBallotPlain(v.ballot, `token${String(i).padStart(20, '0')}`), BALLOT_PLAIN_MAX + 4)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(n / 2)] ?? NaN
}

/** ms to open, validate and tally 100 sealed ballots on the facilitator device, and compute the results. */
export async function tally100BallotsMs(): Promise<number> {
  const keys = await generateRoundKeys()
  const sealed = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      sealBallot(round.roundId, keys.publicKeyRaw, encodeBallotPlain({ method: 'dots', dots: { [`o${i % 12}`]: 3 } }, `token${String(i).padStart(20, '0')}`), BALLOT_PLAIN_MAX + 4),
    ),
  )
  const t0 = performance.now()
  const ballots: Ballot[] = []
  for (const s of sealed) {
    const text = await openBallot(round.roundId, keys.privateKey, s)
    const decoded = text ? decodeBallotPlain(text) : null
    const v = decoded ? validateBallot(round, decoded.ballot) : null
    if (v?.ok) ballots.push(v.ballot)
  }
  results(round, tally(round, ballots))
  return performance.now() - t0
}
