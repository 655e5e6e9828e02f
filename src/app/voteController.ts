/**
 * Anonymous voting on this device (ARCHITECTURE.md §4).
 *
 * Participant: a ballot is validated, encoded with this device's voter token, sealed to the round's
 * public key and put in presence — never in the doc, never in IndexedDB. Re-casting replaces it.
 *
 * Facilitator: on open, a fresh ECDH key pair is made for the round; the public key goes out in a
 * signed `vote.open`; the private key stays on this device (in IndexedDB only while the round is
 * open, so a reload can collect again the ballots still in presence). Ballots are opened and
 * validated in memory; on close only the privacy-checked results are published in a signed
 * `vote.close`, then the key and the ballots are forgotten.
 */
import {
  BALLOT_PLAIN_MAX,
  decodeBallotPlain,
  encodeBallotPlain,
  results as resultsOf,
  tally,
  validateBallot,
  voterTokenFromBytes,
  type Ballot,
  type Results,
  type VoteOption,
  type VoteRound,
  type VoteRules,
} from '../domain/voting.ts'
import { noteIdFromBytes } from '../domain/notes.ts'
import type { BallotCollector } from '../sync/ballotBox.ts'
import { generateRoundKeys, sealBallot } from '../sync/ballotSealing.ts'
import type { SessionConnection } from '../sync/connection.ts'
import type { WorkshopStore } from '../storage/workshopStore.ts'
import type { FlowController } from './flowController.ts'
import { openRoundOf } from '../machines/workshopMachine.ts'

const PAD_TO = BALLOT_PLAIN_MAX + 4

export interface VoteState {
  /** Devices currently showing a ballot for the open round. */
  submitted: number
  /** Facilitator: distinct valid voters collected so far (never shown per option). */
  voters: number
  /** Facilitator: whether this device can count the open round (has its key). */
  canCount: boolean
  /** This device has a ballot in presence for the open round. */
  cast: boolean
  /** Pass-the-tablet ballots taken on this device in the open round. */
  passed: number
}

export class VoteController {
  private readonly flow: FlowController
  private readonly connection: SessionConnection
  private readonly store: WorkshopStore
  private readonly workshopId: string
  private readonly random: (n: number) => Uint8Array
  private collector: BallotCollector<Ballot> | null = null
  private collectorRound: string | null = null
  private privateKey: CryptoKey | null = null
  private castRound: string | null = null
  private passed = 0
  private state: VoteState = { submitted: 0, voters: 0, canCount: false, cast: false, passed: 0 }
  private readonly listeners = new Set<() => void>()
  private readonly stops: (() => void)[] = []

  constructor(args: { flow: FlowController; connection: SessionConnection; store: WorkshopStore; workshopId: string; random: (n: number) => Uint8Array }) {
    this.flow = args.flow
    this.connection = args.connection
    this.store = args.store
    this.workshopId = args.workshopId
    this.random = args.random
    this.stops.push(this.flow.subscribe(() => void this.sync()))
    this.stops.push(this.connection.onPresence(() => this.recompute()))
    void this.sync()
  }

  getState = (): VoteState => this.state
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private openRound(): { round: VoteRound; publicKey: string } | null {
    const v = openRoundOf(this.flow.getState().view?.context)
    return v ? { round: v.round, publicKey: v.publicKey } : null
  }

  /** Follows the flow: start collecting when a round opens (facilitator), forget when it closes. */
  private async sync(): Promise<void> {
    const open = this.openRound()
    const id = open?.round.roundId ?? null
    if (this.castRound && this.castRound !== id) {
      this.connection.withdrawBallot()
      this.castRound = null
    }
    if (this.collectorRound && this.collectorRound !== id) this.forgetRound()
    if (id && this.flow.isFacilitator && !this.collector) {
      const key = this.privateKey ?? (await this.store.getRoundKey(id).catch(() => undefined))?.privateKey ?? null
      if (key && !this.collector && this.openRound()?.round.roundId === id) {
        this.privateKey = key
        this.collectorRound = id
        const round = open!.round
        this.collector = this.connection.collectBallots<Ballot>(
          id,
          key,
          (text) => decodeBallotPlain(text),
          (raw) => {
            const r = validateBallot(round, raw)
            return r.ok ? r.ballot : null
          },
        )
        this.stops.push(this.collector.onChange(() => this.recompute()))
      }
    }
    this.recompute()
  }

  private forgetRound(): void {
    this.collector?.destroy()
    this.collector = null
    if (this.collectorRound) void this.store.deleteRoundKey(this.collectorRound).catch(() => {})
    this.collectorRound = null
    this.privateKey = null
    this.passed = 0
  }

  private recompute(): void {
    const open = this.openRound()
    const next: VoteState = {
      submitted: open ? this.connection.submittedCount(open.round.roundId) : 0,
      voters: this.collector?.voters() ?? 0,
      canCount: !!this.collector,
      cast: !!open && this.castRound === open.round.roundId,
      passed: this.passed,
    }
    if (JSON.stringify(next) !== JSON.stringify(this.state)) {
      this.state = next
      for (const l of this.listeners) l()
    }
  }

  /** Facilitator: opens a round on the current step with fresh keys. */
  async open(step: string, options: VoteOption[], rules: VoteRules): Promise<boolean> {
    if (!this.flow.isFacilitator) return false
    const roundId = noteIdFromBytes(this.random(12))
    const round: VoteRound = { roundId, options, rules }
    const keys = await generateRoundKeys()
    await this.store.saveRoundKey({ roundId, workshopId: this.workshopId, privateKey: keys.privateKey })
    this.privateKey = keys.privateKey
    const ok = await this.flow.dispatch({ type: 'vote.open', step, round, publicKey: keys.publicKeyRaw })
    if (!ok) {
      this.privateKey = null
      await this.store.deleteRoundKey(roundId).catch(() => {})
    }
    return ok
  }

  /** Facilitator: counts in memory, publishes only the results, forgets the key and the ballots. */
  async close(): Promise<Results | null> {
    const open = this.openRound()
    if (!open || !this.collector) return null
    await this.collector.settled()
    const res = resultsOf(open.round, tally(open.round, this.collector.ballots()))
    const ok = await this.flow.dispatch({ type: 'vote.close', step: this.flow.getState().view?.stepId ?? '', roundId: open.round.roundId, results: res })
    if (!ok) return null
    this.forgetRound()
    this.recompute()
    return res
  }

  /** Participant: seals the ballot to the round key and puts it in presence (replacing any earlier one). */
  async cast(ballot: Ballot): Promise<{ ok: true } | { ok: false; problem: string }> {
    const open = this.openRound()
    if (!open) return { ok: false, problem: 'closed' }
    const v = validateBallot(open.round, ballot)
    if (!v.ok) return { ok: false, problem: v.problem }
    const token = await this.store.voterToken(this.workshopId, () => voterTokenFromBytes(this.random(18)))
    const sealed = await sealBallot(open.round.roundId, open.publicKey, encodeBallotPlain(v.ballot, token), PAD_TO)
    this.connection.castBallot(sealed)
    this.castRound = open.round.roundId
    this.recompute()
    return { ok: true }
  }

  /** Pass-the-tablet: one more person's ballot on this device, with a fresh one-off voter token. */
  async castPassed(ballot: Ballot): Promise<{ ok: true } | { ok: false; problem: string }> {
    const open = this.openRound()
    if (!open || !this.collector) return { ok: false, problem: 'closed' }
    const v = validateBallot(open.round, ballot)
    if (!v.ok) return { ok: false, problem: v.problem }
    const sealed = await sealBallot(open.round.roundId, open.publicKey, encodeBallotPlain(v.ballot, voterTokenFromBytes(this.random(18))), PAD_TO)
    await this.collector.accept(sealed)
    this.passed++
    this.recompute()
    return { ok: true }
  }

  dispose(): void {
    for (const s of this.stops) s()
    this.collector?.destroy()
    this.collector = null
    this.listeners.clear()
  }
}
