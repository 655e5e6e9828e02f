/**
 * Facilitator events: everything that moves a workshop along. Each is signed by the facilitator
 * device and appended to the session's flow log; every device folds the verified events through
 * the workshop machine. Events are idempotent by construction: navigation names the step it
 * leaves (`from`), timers carry deadlines (not delays), so two facilitator tablets acting at once
 * and a replayed record converge to the same state.
 *
 * `at` is the facilitator's wall clock when the event was made (for "time used"); it never
 * drives a transition.
 */
import { contractFromRemote, type InfluenceContract } from './contract.ts'
import { validateRound, type Results, type VoteRound } from './voting.ts'
import { isBulletin } from './votingLedger.ts'

export type FocusTarget = { kind: 'note' | 'cluster'; id: string } | null

export type FlowEvent =
  /**
   * Starts the session. `tpl` is the hash of the signed template the session runs (see
   * sync/flowLog.ts templateHash): once started, only that template counts, so a replayed older
   * template (signed in the lobby) cannot change the steps. Optional: older logs lack it.
   */
  | { type: 'session.start'; at: number; contract: InfluenceContract; tpl?: string }
  | { type: 'step.next'; at: number; from: string }
  | { type: 'step.back'; at: number; from: string }
  | { type: 'step.goto'; at: number; from: string; to: string }
  | { type: 'timer.start'; at: number; step: string; endsAt: number }
  | { type: 'timer.pause'; at: number; step: string; remainingMs: number }
  | { type: 'timer.stop'; at: number; step: string }
  /**
   * Locks input. `sv` is the state vector (base64) of the facilitator's doc at the lock: honest
   * devices show only what it covers until the lock is lifted, so input made after the lock (on a
   * writer's own, forgeable clock or not) does not show.
   */
  | { type: 'input.lock'; at: number; step: string; sv?: string }
  | { type: 'input.unlock'; at: number; step: string }
  /**
   * Reveals a hidden brainstorm's notes. `key` is the private key (PKCS#8, base64) of the step's
   * seal, so every device can now open the notes that were sealed to it.
   */
  | { type: 'notes.reveal'; at: number; step: string; key?: string }
  /** From now on notes written in `step` are sealed to this ECDH public key (raw, base64) until it is revealed. */
  | { type: 'notes.seal'; at: number; step: string; key: string }
  | { type: 'notes.hide'; at: number; step: string }
  | { type: 'focus.set'; at: number; step: string; target: FocusTarget }
  | { type: 'note.moderate'; at: number; noteId: string }
  | { type: 'note.restore'; at: number; noteId: string }
  | { type: 'phase.set'; at: number; step: string; phase: number }
  | { type: 'pulse.publish'; at: number; step: string; totals: number[] }
  | { type: 'session.end'; at: number; from: string }
  /**
   * Opens a vote round: its options and rules, and the round's ECDH public key ballots are sealed
   * to. Since issue 12 the round also carries `passKey`, the RSA public key of its voting passes
   * (optional in the parser, so older logs still parse).
   */
  | { type: 'vote.open'; at: number; step: string; round: VoteRound; publicKey: string }
  /** Closes the round and publishes only the privacy-checked results (never ballots), with passes handed out, counted and receipts. */
  | { type: 'vote.close'; at: number; step: string; roundId: string; results: Results }

export type FlowEventType = FlowEvent['type']

export const FLOW_EVENT_TYPES: readonly FlowEventType[] = [
  'session.start',
  'step.next',
  'step.back',
  'step.goto',
  'timer.start',
  'timer.pause',
  'timer.stop',
  'input.lock',
  'input.unlock',
  'notes.reveal',
  'notes.hide',
  'notes.seal',
  'focus.set',
  'note.moderate',
  'note.restore',
  'phase.set',
  'pulse.publish',
  'session.end',
  'vote.open',
  'vote.close',
]

const ID = /^[A-Za-z0-9_-]{1,64}$/
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v)
/** A state vector of a room of devices is a few hundred bytes; this bounds a hostile one. */
const MAX_SV_CHARS = 8192
const isB64 = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && /^[A-Za-z0-9+/]+=*$/.test(v)
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e14

/**
 * Turns a decoded record from the log into an event, or null. A signature proves who wrote a
 * record, not that it is well-formed (a facilitator build of another version could write one),
 * so verified records are still checked.
 */
export function parseFlowEvent(raw: unknown): FlowEvent | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (!isTime(r.at)) return null
  const at = r.at
  switch (r.type) {
    case 'session.start': {
      const contract = contractFromRemote(r.contract)
      if (!contract) return null
      if (r.tpl === undefined) return { type: 'session.start', at, contract }
      return isId(r.tpl) ? { type: 'session.start', at, contract, tpl: r.tpl } : null
    }
    case 'step.next':
    case 'step.back':
    case 'session.end':
      return isId(r.from) ? { type: r.type, at, from: r.from } : null
    case 'step.goto':
      return isId(r.from) && isId(r.to) ? { type: 'step.goto', at, from: r.from, to: r.to } : null
    case 'timer.start':
      return isId(r.step) && isTime(r.endsAt) ? { type: 'timer.start', at, step: r.step, endsAt: r.endsAt } : null
    case 'timer.pause':
      return isId(r.step) && isTime(r.remainingMs) ? { type: 'timer.pause', at, step: r.step, remainingMs: r.remainingMs } : null
    case 'timer.stop':
    case 'input.unlock':
    case 'notes.hide':
      return isId(r.step) ? { type: r.type, at, step: r.step } : null
    case 'input.lock':
      if (!isId(r.step)) return null
      if (r.sv === undefined) return { type: 'input.lock', at, step: r.step }
      return isB64(r.sv, MAX_SV_CHARS) ? { type: 'input.lock', at, step: r.step, sv: r.sv } : null
    case 'notes.reveal':
      if (!isId(r.step)) return null
      if (r.key === undefined) return { type: 'notes.reveal', at, step: r.step }
      return isB64(r.key, 400) ? { type: 'notes.reveal', at, step: r.step, key: r.key } : null
    case 'notes.seal':
      return isId(r.step) && isB64(r.key, 200) ? { type: 'notes.seal', at, step: r.step, key: r.key } : null
    case 'focus.set': {
      if (!isId(r.step)) return null
      const t = r.target as { kind?: unknown; id?: unknown } | null
      if (t === null) return { type: 'focus.set', at, step: r.step, target: null }
      if (typeof t !== 'object' || (t.kind !== 'note' && t.kind !== 'cluster') || !isId(t.id)) return null
      return { type: 'focus.set', at, step: r.step, target: { kind: t.kind, id: t.id } }
    }
    case 'note.moderate':
    case 'note.restore':
      return isId(r.noteId) ? { type: r.type, at, noteId: r.noteId } : null
    case 'phase.set':
      return isId(r.step) && Number.isInteger(r.phase) && (r.phase as number) >= 0 && (r.phase as number) <= 3 ? { type: 'phase.set', at, step: r.step, phase: r.phase as number } : null
    case 'pulse.publish':
      return isId(r.step) && Array.isArray(r.totals) && r.totals.length === 5 && r.totals.every((n) => Number.isInteger(n) && n >= 0 && n < 100000)
        ? { type: 'pulse.publish', at, step: r.step, totals: r.totals as number[] }
        : null
    case 'vote.open': {
      if (!isId(r.step) || typeof r.publicKey !== 'string' || r.publicKey.length > 200) return null
      const round = validateRound(r.round)
      return round.ok ? { type: 'vote.open', at, step: r.step, round: round.round, publicKey: r.publicKey } : null
    }
    case 'vote.close': {
      if (!isId(r.step) || !isId(r.roundId)) return null
      const res = r.results as Partial<Results> | null
      if (typeof res !== 'object' || res === null || res.roundId !== r.roundId || !Array.isArray(res.ranked)) return null
      if (res.publish !== 'none' && res.publish !== 'rankOnly' && res.publish !== 'full') return null
      // Rounds with voting passes publish a bulletin (passes handed out, counted ≤ that, receipts);
      // older logs have none. A partial or impossible bulletin is refused, never half-shown.
      const hasBulletin = res.passesIssued !== undefined || res.counted !== undefined || res.receipts !== undefined
      if (hasBulletin && !isBulletin(res)) return null
      return { type: 'vote.close', at, step: r.step, roundId: r.roundId, results: res as Results }
    }
    default:
      return null
  }
}
