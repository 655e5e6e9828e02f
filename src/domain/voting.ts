/**
 * Anonymous voting: the rules of a round, the check of one ballot, the tally and the publishable
 * results, for four methods (dots, ranking, scale, traffic light). See ARCHITECTURE.md §4: ballots
 * are sealed to the facilitator device, decrypted there in memory, checked here, tallied here, and
 * only `results()` ever leaves that device.
 *
 * Decisions worth knowing:
 * - A ballot comes off the network, so `validateBallot` checks every field and rejects unknown
 *   fields; it returns a fresh canonical copy (option order of the round, zero-dot entries
 *   dropped) and never the object it was given.
 * - An empty ballot (no dots, nothing ranked, no answers) is valid: abstaining is a choice the
 *   room sees anyway ("12 of 15 have voted"), and a voter must be able to withdraw a vote by
 *   re-casting an empty one. It counts in `voters`. It does NOT count towards the privacy
 *   thresholds: with five ballots of which four are blank, the "totals" would be one person's
 *   ballot. So `publish` looks at `voters - blank`, which is never more than `voters`.
 * - Option ids are the same short ASCII ids as elsewhere (1–64 of [A-Za-z0-9_-]) so the ballot
 *   encoding needs no escaping and its worst-case size is known; `__proto__` is refused because
 *   tallies and ballots are plain records keyed by option id.
 * - Ties are ties: ranks are standard competition ranks (1, 2, 2, 4) and ids inside a tie are
 *   sorted by code unit (not by locale) so every device prints the same list.
 */

export type VoteMethod = 'dots' | 'ranking' | 'scale' | 'traffic'
export const VOTE_METHODS: readonly VoteMethod[] = ['dots', 'ranking', 'scale', 'traffic']

export const MAX_VOTE_OPTIONS = 40
export const MAX_OPTION_LABEL = 200
export const MAX_DOTS = 20
export const DEFAULT_DOTS = 3
/** "Rank your top three" is one sentence a twelve-year-old understands; fewer options rank all. */
export const DEFAULT_TOP_K = 3
/** Below this many non-blank ballots nothing is published. */
export const PUBLISH_MIN_VOTERS = 3
/** Below this many non-blank ballots only the order is published, never a number. */
export const COUNTS_MIN_VOTERS = 5

export interface VoteOption {
  id: string
  label: string
}

export type VoteRules =
  | { method: 'dots'; dots: number; capPerOption: number; mustNot: boolean }
  | { method: 'ranking'; topK: number }
  | { method: 'scale' }
  | { method: 'traffic' }

export interface VoteRound {
  roundId: string
  options: VoteOption[]
  rules: VoteRules
  /**
   * The round's voting-pass public key (RSA-2048 SPKI, base64): a ballot counts only with a pass
   * blind-signed by it (ARCHITECTURE.md §4, eligibility). Absent in rounds opened by older builds.
   */
  passKey?: string
}

/** Canonical padded base64 of an RSA-2048 SPKI (294 bytes → 392 characters), with some slack. */
const PASS_KEY = /^[A-Za-z0-9+/]{300,800}={0,2}$/
export function isPassKeyText(v: unknown): v is string {
  return typeof v === 'string' && PASS_KEY.test(v) && v.length % 4 === 0
}

export type ScaleAnswer = 1 | 2 | 3 | 4 | 5 | 'unknown'
export type TrafficAnswer = 'green' | 'yellow' | 'red' | 'unknown'
const SCALE_ANSWERS: readonly unknown[] = [1, 2, 3, 4, 5, 'unknown']
const TRAFFIC_ANSWERS: readonly unknown[] = ['green', 'yellow', 'red', 'unknown']

export type DotsBallot = { method: 'dots'; dots: Record<string, number>; mustNot?: string }
export type RankingBallot = { method: 'ranking'; order: string[] }
export type ScaleBallot = { method: 'scale'; answers: Record<string, ScaleAnswer> }
export type TrafficBallot = { method: 'traffic'; answers: Record<string, TrafficAnswer> }
export type Ballot = DotsBallot | RankingBallot | ScaleBallot | TrafficBallot

// ---------------------------------------------------------------------------------------------
// Shared checks

const ID = /^[A-Za-z0-9_-]{1,64}$/
/** Option and round ids. `__proto__` would turn a record assignment into a prototype change. */
export function isVoteId(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v) && v !== '__proto__'
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k))
}

const isIntIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max

// ---------------------------------------------------------------------------------------------
// Rounds

export type RoundProblem = 'malformed' | 'noOptions' | 'tooManyOptions' | 'duplicateOption' | 'badRules' | 'badLabel'
export type RoundResult = { ok: true; round: VoteRound } | { ok: false; problem: RoundProblem }

/** Rules that make sense for `optionCount` options. A dot cap equal to the budget means "no cap". */
export function defaultRules(method: VoteMethod, optionCount: number): VoteRules {
  switch (method) {
    case 'dots':
      return { method: 'dots', dots: DEFAULT_DOTS, capPerOption: DEFAULT_DOTS, mustNot: false }
    case 'ranking': {
      const n = Number.isFinite(optionCount) ? Math.floor(optionCount) : 1
      return { method: 'ranking', topK: Math.max(1, Math.min(DEFAULT_TOP_K, n, MAX_VOTE_OPTIONS)) }
    }
    case 'scale':
      return { method: 'scale' }
    case 'traffic':
      return { method: 'traffic' }
  }
}

function checkRules(raw: unknown, optionCount: number): VoteRules | null {
  if (!isPlainObject(raw)) return null
  switch (raw.method) {
    case 'dots': {
      const { dots, capPerOption, mustNot } = raw
      if (!isIntIn(dots, 1, MAX_DOTS) || !isIntIn(capPerOption, 1, dots) || typeof mustNot !== 'boolean') return null
      return { method: 'dots', dots, capPerOption, mustNot }
    }
    case 'ranking':
      return isIntIn(raw.topK, 1, optionCount) ? { method: 'ranking', topK: raw.topK } : null
    case 'scale':
      return { method: 'scale' }
    case 'traffic':
      return { method: 'traffic' }
    default:
      return null
  }
}

/** Labels are compared as people read them: trimmed, NFC, case-folded. */
const labelKey = (label: string) => label.normalize('NFC').toLowerCase()

/**
 * Checks a round as published in a signed `vote.open` event (or as built by the facilitator's
 * form) and returns a normalized copy: labels trimmed, unknown fields dropped. A signature proves
 * who wrote the round, not that it is sane, so participants check it too.
 * Two options with the same label (ignoring case) are `duplicateOption`: a voter could not tell
 * them apart.
 */
export function validateRound(raw: unknown): RoundResult {
  if (!isPlainObject(raw) || !isVoteId(raw.roundId) || !Array.isArray(raw.options)) return { ok: false, problem: 'malformed' }
  const rawOptions: unknown[] = raw.options
  if (rawOptions.length === 0) return { ok: false, problem: 'noOptions' }
  if (rawOptions.length > MAX_VOTE_OPTIONS) return { ok: false, problem: 'tooManyOptions' }
  const options: VoteOption[] = []
  const ids = new Set<string>()
  const labels = new Set<string>()
  for (const o of rawOptions) {
    if (!isPlainObject(o) || !isVoteId(o.id) || typeof o.label !== 'string') return { ok: false, problem: 'malformed' }
    const label = o.label.trim()
    if (label.length === 0 || Array.from(label).length > MAX_OPTION_LABEL) return { ok: false, problem: 'badLabel' }
    if (ids.has(o.id) || labels.has(labelKey(label))) return { ok: false, problem: 'duplicateOption' }
    ids.add(o.id)
    labels.add(labelKey(label))
    options.push({ id: o.id, label })
  }
  const rules = checkRules(raw.rules, options.length)
  if (!rules) return { ok: false, problem: 'badRules' }
  if (raw.passKey === undefined) return { ok: true, round: { roundId: raw.roundId, options, rules } }
  if (!isPassKeyText(raw.passKey)) return { ok: false, problem: 'malformed' }
  return { ok: true, round: { roundId: raw.roundId, options, rules, passKey: raw.passKey } }
}

// ---------------------------------------------------------------------------------------------
// Ballots

export type BallotProblem =
  | 'wrongMethod'
  | 'unknownOption'
  | 'overBudget'
  | 'overCap'
  | 'negative'
  | 'notInteger'
  | 'duplicateRank'
  | 'tooManyRanked'
  | 'badAnswer'
  | 'mustNotDisabled'
  | 'malformed'
export type BallotResult = { ok: true; ballot: Ballot } | { ok: false; problem: BallotProblem }

const fail = (problem: BallotProblem): BallotResult => ({ ok: false, problem })

/**
 * Checks an untrusted ballot (decrypted from a peer, or typed on a shared tablet) against the
 * round's rules. The round itself must already have passed `validateRound`.
 * Checks run field by field in the round's option order, so one bad ballot always yields the
 * same problem. An empty ballot is valid (see the file comment).
 */
export function validateBallot(round: VoteRound, raw: unknown): BallotResult {
  if (!isPlainObject(raw) || typeof raw.method !== 'string') return fail('malformed')
  if (raw.method !== round.rules.method) return fail('wrongMethod')
  const ids = round.options.map((o) => o.id)
  const known = new Set(ids)
  const rules = round.rules
  switch (rules.method) {
    case 'dots': {
      if (!onlyKeys(raw, ['method', 'dots', 'mustNot']) || !isPlainObject(raw.dots)) return fail('malformed')
      const given = raw.dots
      let used = 0
      for (const [id, n] of Object.entries(given)) {
        if (!known.has(id)) return fail('unknownOption')
        if (typeof n !== 'number') return fail('malformed')
        if (!Number.isInteger(n)) return fail('notInteger')
        if (n < 0) return fail('negative')
        if (n > rules.capPerOption) return fail('overCap')
        used += n
      }
      if (used > rules.dots) return fail('overBudget')
      const dots: Record<string, number> = {}
      for (const id of ids) {
        const n = Object.hasOwn(given, id) ? (given[id] as number) : 0
        if (n > 0) dots[id] = n
      }
      const ballot: DotsBallot = { method: 'dots', dots }
      if (raw.mustNot !== undefined) {
        if (!rules.mustNot) return fail('mustNotDisabled')
        if (typeof raw.mustNot !== 'string') return fail('malformed')
        if (!known.has(raw.mustNot)) return fail('unknownOption')
        // A must-not on an option the same voter gave dots to is odd but harmless: the two are
        // counted separately, so it is accepted rather than losing the whole ballot.
        ballot.mustNot = raw.mustNot
      }
      return { ok: true, ballot }
    }
    case 'ranking': {
      if (!onlyKeys(raw, ['method', 'order']) || !Array.isArray(raw.order)) return fail('malformed')
      const order: unknown[] = raw.order
      if (order.length > rules.topK) return fail('tooManyRanked')
      const seen = new Set<string>()
      for (const id of order) {
        if (typeof id !== 'string') return fail('malformed')
        if (!known.has(id)) return fail('unknownOption')
        if (seen.has(id)) return fail('duplicateRank')
        seen.add(id)
      }
      return { ok: true, ballot: { method: 'ranking', order: [...seen] } }
    }
    case 'scale':
    case 'traffic': {
      if (!onlyKeys(raw, ['method', 'answers']) || !isPlainObject(raw.answers)) return fail('malformed')
      const given = raw.answers
      const allowed = rules.method === 'scale' ? SCALE_ANSWERS : TRAFFIC_ANSWERS
      for (const [id, a] of Object.entries(given)) {
        if (!known.has(id)) return fail('unknownOption')
        if (!allowed.includes(a)) return fail('badAnswer')
      }
      const answers: Record<string, unknown> = {}
      for (const id of ids) if (Object.hasOwn(given, id)) answers[id] = given[id]
      return rules.method === 'scale'
        ? { ok: true, ballot: { method: 'scale', answers: answers as Record<string, ScaleAnswer> } }
        : { ok: true, ballot: { method: 'traffic', answers: answers as Record<string, TrafficAnswer> } }
    }
  }
}

/** True when a (valid) ballot says nothing: it counts as having voted, not as an opinion. */
export function isBlankBallot(ballot: Ballot): boolean {
  switch (ballot.method) {
    case 'dots':
      return ballot.mustNot === undefined && Object.values(ballot.dots).every((n) => n === 0)
    case 'ranking':
      return ballot.order.length === 0
    case 'scale':
    case 'traffic':
      return Object.keys(ballot.answers).length === 0
  }
}

// ---------------------------------------------------------------------------------------------
// Tally

/** Counts of the answers 1, 2, 3, 4, 5 (index 0 is "1"). */
export type ScaleDistribution = [number, number, number, number, number]
export interface TrafficCounts {
  green: number
  yellow: number
  red: number
  unknown: number
}

interface TallyBase {
  roundId: string
  /** Valid ballots counted, blank ones included. */
  voters: number
  /** Of those, ballots that said nothing. */
  blank: number
}
export type DotsTally = TallyBase & { method: 'dots'; dots: Record<string, number>; mustNot: Record<string, number> }
export type RankingTally = TallyBase & { method: 'ranking'; points: Record<string, number>; firsts: Record<string, number> }
export type ScaleTally = TallyBase & { method: 'scale'; distribution: Record<string, ScaleDistribution>; unknown: Record<string, number> }
export type TrafficTally = TallyBase & { method: 'traffic'; counts: Record<string, TrafficCounts> }
/** Every record has an entry for every option of the round, zeros included. */
export type Tally = DotsTally | RankingTally | ScaleTally | TrafficTally

const zeros = (ids: string[]): Record<string, number> => Object.fromEntries(ids.map((id) => [id, 0]))
const add = (r: Record<string, number>, id: string, n: number) => {
  r[id] = (r[id] ?? 0) + n
}

/**
 * Sums ballots (one per voter token: "last ballot wins" is the caller's job). Only sums of
 * integers, so the result does not depend on ballot order. Each ballot is checked again and an
 * invalid one is not counted, so the bounds (≤ dots × voters in total, ≤ cap × voters per option)
 * hold whatever the caller passes.
 */
export function tally(round: VoteRound, ballots: readonly Ballot[]): Tally {
  const ids = round.options.map((o) => o.id)
  const valid: Ballot[] = []
  for (const b of ballots) {
    const r = validateBallot(round, b)
    if (r.ok) valid.push(r.ballot)
  }
  const base: TallyBase = { roundId: round.roundId, voters: valid.length, blank: valid.filter(isBlankBallot).length }
  const rules = round.rules
  switch (rules.method) {
    case 'dots': {
      const dots = zeros(ids)
      const mustNot = zeros(ids)
      for (const b of valid) {
        if (b.method !== 'dots') continue
        for (const [id, n] of Object.entries(b.dots)) add(dots, id, n)
        if (b.mustNot !== undefined) add(mustNot, b.mustNot, 1)
      }
      return { ...base, method: 'dots', dots, mustNot }
    }
    case 'ranking': {
      const points = zeros(ids)
      const firsts = zeros(ids)
      for (const b of valid) {
        if (b.method !== 'ranking') continue
        // Borda over the top k: k points for first place … 1 for k-th, also for partial rankings.
        b.order.forEach((id, i) => add(points, id, rules.topK - i))
        if (b.order[0] !== undefined) add(firsts, b.order[0], 1)
      }
      return { ...base, method: 'ranking', points, firsts }
    }
    case 'scale': {
      const distribution: Record<string, ScaleDistribution> = Object.fromEntries(ids.map((id) => [id, [0, 0, 0, 0, 0]]))
      const unknown = zeros(ids)
      for (const b of valid) {
        if (b.method !== 'scale') continue
        for (const [id, a] of Object.entries(b.answers)) {
          if (a === 'unknown') add(unknown, id, 1)
          else {
            const d = distribution[id]
            if (d) d[a - 1] = (d[a - 1] ?? 0) + 1
          }
        }
      }
      return { ...base, method: 'scale', distribution, unknown }
    }
    case 'traffic': {
      const counts: Record<string, TrafficCounts> = Object.fromEntries(ids.map((id) => [id, { green: 0, yellow: 0, red: 0, unknown: 0 }]))
      for (const b of valid) {
        if (b.method !== 'traffic') continue
        for (const [id, a] of Object.entries(b.answers)) {
          const c = counts[id]
          if (c) c[a] += 1
        }
      }
      return { ...base, method: 'traffic', counts }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Results: the only view that leaves the facilitator device

export type Publish = 'none' | 'rankOnly' | 'full'

export type DotsDetail = { optionId: string; dots: number; mustNot?: number }
export type RankingDetail = { optionId: string; points: number; firsts: number }
/** `mean` is over the 1–5 answers only and absent when there are none; "don't know" is `unknown`. */
export type ScaleDetail = { optionId: string; answers: number; mean?: number; distribution: ScaleDistribution; unknown: number }
export type TrafficDetail = { optionId: string } & TrafficCounts
export type OptionDetail = DotsDetail | RankingDetail | ScaleDetail | TrafficDetail

export interface RankedGroup {
  /** Tied options, sorted by id. */
  optionIds: string[]
  /** Competition rank: 1 + the number of options ranked strictly above. */
  rank: number
  /** Only with publish 'full': dots, Borda points, mean (absent when nobody answered) or green − red. */
  score?: number
  /** Only with publish 'full': one entry per id in `optionIds`, same order. Tied options may
   * differ here (same mean from different answers), which is why this is per option. */
  details?: OptionDetail[]
}

export interface Results {
  roundId: string
  method: VoteMethod
  publish: Publish
  /** Everyone already sees "n have voted", so this is published even with 'none'. */
  voters: number
  /** Only with publish 'full'. */
  blank?: number
  /** Best first; empty with publish 'none'. */
  ranked: RankedGroup[]
  /** Voting passes the facilitator device handed out in this round (rounds with passes only). */
  passesIssued?: number
  /** Ballots counted (one per pass); never more than `passesIssued`. */
  counted?: number
  /**
   * The bulletin board: sorted receipt fingerprints of the counted ballots, one each. A voter's
   * device finds its own here; to anyone else they are random strings (they reveal only `counted`).
   */
  receipts?: string[]
}

/** Which view the thresholds allow. Blank ballots add nobody to the crowd the totals describe. */
export function publishLevel(voters: number, blank: number): Publish {
  const expressed = voters - blank
  if (expressed < PUBLISH_MIN_VOTERS) return 'none'
  if (expressed < COUNTS_MIN_VOTERS) return 'rankOnly'
  return 'full'
}

interface Scored {
  id: string
  /** Sort key, best first; compared element by element, larger is better. */
  key: number[]
  score: number | undefined
  detail: OptionDetail
}

function scoreOptions(round: VoteRound, t: Tally): Scored[] {
  const ids = round.options.map((o) => o.id)
  switch (t.method) {
    case 'dots': {
      const withMustNot = round.rules.method === 'dots' && round.rules.mustNot
      return ids.map((id) => {
        const dots = t.dots[id] ?? 0
        const mustNot = t.mustNot[id] ?? 0
        const detail: DotsDetail = withMustNot ? { optionId: id, dots, mustNot } : { optionId: id, dots }
        return { id, key: [dots, -mustNot], score: dots, detail }
      })
    }
    case 'ranking':
      return ids.map((id) => {
        const points = t.points[id] ?? 0
        return { id, key: [points], score: points, detail: { optionId: id, points, firsts: t.firsts[id] ?? 0 } }
      })
    case 'scale':
      return ids.map((id) => {
        const distribution: ScaleDistribution = [...(t.distribution[id] ?? [0, 0, 0, 0, 0])]
        const answers = distribution.reduce((a, b) => a + b, 0)
        const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0)
        const unknown = t.unknown[id] ?? 0
        const mean = answers > 0 ? sum / answers : undefined
        const detail: ScaleDetail = mean === undefined ? { optionId: id, answers, distribution, unknown } : { optionId: id, answers, mean, distribution, unknown }
        // Unanswered options sort below every answered one (mean key -1 < 1).
        return { id, key: [mean ?? -1, answers], score: mean, detail }
      })
    case 'traffic':
      return ids.map((id) => {
        const c = t.counts[id] ?? { green: 0, yellow: 0, red: 0, unknown: 0 }
        const score = c.green - c.red
        return { id, key: [score, -c.red], score, detail: { optionId: id, ...c } }
      })
  }
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The publishable view of a tally: totals as a ranked list with ties sharing a rank. Below
 * PUBLISH_MIN_VOTERS non-blank ballots it holds nothing; below COUNTS_MIN_VOTERS only ids and
 * ranks — the numbers are not in the object at all, so no view can leak them by accident.
 *
 * Scale means are compared as floating-point quotients of small integers; equal fractions give
 * the same correctly-rounded double, so a tie in mean is a tie here too.
 */
export function results(round: VoteRound, t: Tally): Results {
  if (t.method !== round.rules.method || t.roundId !== round.roundId) throw new Error('tally does not belong to this round')
  const publish = publishLevel(t.voters, t.blank)
  const head = { roundId: round.roundId, method: t.method, publish, voters: t.voters }
  if (publish === 'none') return { ...head, ranked: [] }

  const scored = scoreOptions(round, t).sort((a, b) => compareKeys(a.key, b.key) || byCodeUnit(a.id, b.id))
  const groups: Scored[][] = []
  for (const s of scored) {
    const last = groups[groups.length - 1]
    const first = last?.[0]
    if (last && first && compareKeys(first.key, s.key) === 0) last.push(s)
    else groups.push([s])
  }
  let rank = 1
  const ranked: RankedGroup[] = groups.map((g) => {
    const group: RankedGroup = { optionIds: g.map((s) => s.id), rank }
    rank += g.length
    if (publish === 'full') {
      const score = g[0]?.score
      if (score !== undefined) group.score = score
      group.details = g.map((s) => s.detail)
    }
    return group
  })
  return publish === 'full' ? { ...head, blank: t.blank, ranked } : { ...head, ranked }
}

// ---------------------------------------------------------------------------------------------
// Plain text for sealing

/**
 * Upper bound on `encodeBallotPlain` output; the sealing layer pads every ballot to this many
 * bytes so a ciphertext's size says nothing about the vote. The text is pure ASCII (ids and token
 * are [A-Za-z0-9_-]), so characters and UTF-8 bytes are the same.
 * Worst cases with 40 options, 64-character ids and a 64-character token (see votingFixtures.ts):
 * traffic/scale all "unknown" 3195, ranking top 40 2793, dots 1566 characters. 2048 cannot hold
 * the first three (40 quoted 64-character ids alone take 2640), hence 4096.
 */
export const BALLOT_PLAIN_MAX = 4096
export const BALLOT_PLAIN_VERSION = 1

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/
/** A voter token: 16–64 base64url characters, random per device (a fresh one per round keeps
 * one device's ballots in different rounds unlinkable). Last ballot per token wins. */
export function isVoterToken(v: unknown): v is string {
  return typeof v === 'string' && TOKEN.test(v)
}

/** A voter token from caller-supplied random bytes (at least 12; 16 is plenty). */
export function voterTokenFromBytes(random: Uint8Array): string {
  if (random.length < 12) throw new RangeError('need at least 12 random bytes')
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let bits = 0
  let acc = 0
  let out = ''
  for (const byte of random.slice(0, 48)) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 6) {
      bits -= 6
      out += abc[(acc >> bits) & 63]
    }
    acc &= (1 << bits) - 1
  }
  if (bits > 0) out += abc[(acc << (6 - bits)) & 63]
  return out
}

/** Entries sorted by key, so the same content always gives the same property order. */
function sortedRecord<V>(r: Record<string, V>, keep: (v: V) => boolean = () => true): Record<string, V> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => keep(v)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** A copy with a fixed field and key order and no zero-dot entries, so equal votes encode equally. */
function canonical(b: Ballot): Ballot {
  switch (b.method) {
    case 'dots': {
      const dots = sortedRecord(b.dots, (n) => n > 0)
      return b.mustNot === undefined ? { method: 'dots', dots } : { method: 'dots', dots, mustNot: b.mustNot }
    }
    case 'ranking':
      return { method: 'ranking', order: [...b.order] }
    case 'scale':
      return { method: 'scale', answers: sortedRecord(b.answers) }
    case 'traffic':
      return { method: 'traffic', answers: sortedRecord(b.answers) }
  }
}

/**
 * Compact JSON `{"v":1,"t":token,"b":ballot}`. Throws on a bad token or on a text over
 * BALLOT_PLAIN_MAX, which cannot happen for a ballot that passed `validateBallot` (tested).
 */
export function encodeBallotPlain(ballot: Ballot, voterToken: string): string {
  if (!isVoterToken(voterToken)) throw new Error('bad voter token')
  const text = JSON.stringify({ v: BALLOT_PLAIN_VERSION, t: voterToken, b: canonical(ballot) })
  if (text.length > BALLOT_PLAIN_MAX) throw new Error('ballot too large to seal')
  return text
}

/**
 * A decrypted ballot text of format `version`: a bounded JSON object with exactly `keys` (and a
 * ballot `b`), or null. Both formats (v1 with a voter token, v2 with a pass) read through here.
 */
function readSealedJson(text: unknown, version: number, keys: readonly string[]): Record<string, unknown> | null {
  if (typeof text !== 'string' || text.length > BALLOT_PLAIN_MAX) return null
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  return isPlainObject(raw) && onlyKeys(raw, keys) && raw.v === version && raw.b !== undefined ? raw : null
}

/**
 * Reads a decrypted plain text back. The ballot stays `unknown`: it must still go through
 * `validateBallot`. Trailing spaces are valid JSON, so a sealing layer that pads with spaces can
 * hand the padded text straight in.
 */
export function decodeBallotPlain(text: string): { token: string; ballot: unknown } | null {
  const raw = readSealedJson(text, BALLOT_PLAIN_VERSION, ['v', 't', 'b'])
  if (!raw || !isVoterToken(raw.t)) return null
  return { token: raw.t, ballot: raw.b }
}

// ---------------------------------------------------------------------------------------------
// Plain text v2: a ballot with its voting pass and its voter's signature

export const BALLOT_ENVELOPE_VERSION = 2
/** Highest re-cast counter (a person does not re-cast two billion times). */
export const MAX_BALLOT_COUNTER = 2 ** 31 - 1
/** Unpadded base64url of exactly `bytes` bytes. */
const b64url = (bytes: number) => new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`)
const PX = b64url(32)
const PS = b64url(256)
const PK = b64url(65)
const SIG = b64url(64)

/** What travels sealed besides the ballot: the pass (prefix + RSA signature), the voter key, the counter, the voter's signature. */
export interface BallotEnvelope {
  /** The pass's random 32-byte message prefix (RFC 9474 randomized preparation), base64url. */
  px: string
  /** The pass: RSA-PSS signature (256 bytes) over prefix ‖ passMessage(workshop, round, pk), base64url. */
  ps: string
  /** The voter's ECDSA P-256 public key, raw uncompressed (65 bytes), base64url. */
  pk: string
  /** Re-cast counter, 1, 2, …: the highest validly signed one per voter key counts. */
  n: number
  /** The voter key's ECDSA P-256 signature (64 bytes, IEEE P1363) over `ballotSigningText`, base64url. */
  s: string
}

export function isBallotEnvelope(v: unknown): v is BallotEnvelope {
  if (!isPlainObject(v)) return false
  return (
    typeof v.px === 'string' &&
    PX.test(v.px) &&
    typeof v.ps === 'string' &&
    PS.test(v.ps) &&
    typeof v.pk === 'string' &&
    PK.test(v.pk) &&
    typeof v.s === 'string' &&
    SIG.test(v.s) &&
    isIntIn(v.n, 1, MAX_BALLOT_COUNTER)
  )
}

/**
 * The exact text a voter key signs: domain-separated, the round, the counter and the canonical
 * ballot. The ballot must already have passed `validateBallot` (both sides canonicalise the same way).
 */
export function ballotSigningText(roundId: string, counter: number, ballot: Ballot): string {
  return `medvirk/ballot-signature/v1\n${roundId}\n${counter}\n${JSON.stringify(canonical(ballot))}`
}

/** Compact JSON `{"v":2,px,ps,pk,n,s,"b":ballot}`; throws on a bad envelope or a text over BALLOT_PLAIN_MAX. */
export function encodeBallotEnvelope(ballot: Ballot, env: BallotEnvelope): string {
  if (!isBallotEnvelope(env)) throw new Error('bad ballot envelope')
  const text = JSON.stringify({ v: BALLOT_ENVELOPE_VERSION, px: env.px, ps: env.ps, pk: env.pk, n: env.n, s: env.s, b: canonical(ballot) })
  if (text.length > BALLOT_PLAIN_MAX) throw new Error('ballot too large to seal')
  return text
}

/** Reads a decrypted v2 text back; the ballot stays `unknown` (it must go through `validateBallot`). */
export function decodeBallotEnvelope(text: string): { envelope: BallotEnvelope; ballot: unknown } | null {
  const raw = readSealedJson(text, BALLOT_ENVELOPE_VERSION, ['v', 'px', 'ps', 'pk', 'n', 's', 'b'])
  if (!raw) return null
  const { px, ps, pk, n, s } = raw
  const envelope = { px, ps, pk, n, s }
  return isBallotEnvelope(envelope) ? { envelope, ballot: raw.b } : null
}
