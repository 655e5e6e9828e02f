/**
 * Anonymous voting on this device (ARCHITECTURE.md §4).
 *
 * Participant: when a round opens, this device makes a voter key pair for the round and asks the
 * facilitator device for a blind-signed voting pass through presence (sync/votingPasses.ts); key
 * and pass stay in this device's own `voterPasses` row, so a reload keeps one vote. A ballot is
 * validated, signed by the voter key with a counter, sealed with the pass to the round's public
 * key and put in presence — never in the doc. Re-casting replaces it (higher counter). After the
 * round closes, the device looks for its receipt fingerprint on the published board.
 *
 * Facilitator: on open, a fresh ECDH key pair (sealing) and RSA key pair (passes) are made for the
 * round; the public keys go out in a signed `vote.open`; the private keys stay on this device (in
 * IndexedDB only while the round is open, with the record of passes handed out, so a reload
 * neither loses ballots still in presence nor hands out passes twice). Ballots are checked
 * (pass, signature, rules) and counted in memory; on close only the privacy-checked results, the
 * passes handed out, the number counted and the receipt fingerprints are published in a signed
 * `vote.close`, then the keys and the ballots are forgotten.
 */
import {
  BALLOT_PLAIN_MAX,
  decodeBallotPlain,
  encodeBallotEnvelope,
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
import { bulletinOf, checkReceipt, type ReceiptStatus } from '../domain/votingLedger.ts'
import { noteIdFromBytes } from '../domain/notes.ts'
import { BallotCollector, ignoredCount, type BallotDecoder } from '../sync/ballotBox.ts'
import { generateRoundKeys, sealBallot } from '../sync/ballotSealing.ts'
import type { SessionConnection } from '../sync/connection.ts'
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
  type IssuerRecord,
  type PassRequest,
  type VotingPass,
} from '../sync/votingPasses.ts'
import type { RoundKeyRow } from '../storage/db.ts'
import type { WorkshopStore } from '../storage/workshopStore.ts'
import type { FlowController } from './flowController.ts'
import { openRoundOf } from '../machines/workshopMachine.ts'

const PAD_TO = BALLOT_PLAIN_MAX + 4

/** Where this device is with its voting pass for the open round. */
export type PassStatus = 'none' | 'asking' | 'ready' | 'refused' | 'failed'

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
  /** Participant: this device's voting pass for the open round. */
  pass: PassStatus
  /** Participant: a ballot is ready and waits for the pass. */
  waiting: boolean
  /** Participant: the receipt check per closed round this device voted in. */
  receipts: Record<string, ReceiptStatus>
  /** Facilitator: passes handed out in the open round (pass-the-tablet included). */
  passesIssued: number
  /** Facilitator: participant devices present (presence states; anyone may invent these). */
  devices: number
  /** Facilitator: direct network connections to other devices. */
  connections: number
  /** Facilitator: the room is closed to new devices for passes. */
  roomClosed: boolean
  /** Facilitator: ballots and pass requests ignored (no pass, spent pass, wrong signature, stale, refused …). */
  ignored: number
}

/** What the facilitator device keeps besides the sealing key while a round is open. */
interface FacilitatorRoundRow extends RoundKeyRow {
  passPrivateKey?: CryptoKey
  issuer?: IssuerRecord
}

/** This device's `voterPasses` row for a round: its voter key, its pass, its counter and receipt fingerprints. Never a ballot. */
interface PassRow {
  voterKey?: CryptoKey
  pub?: string
  req?: PassRequest
  pass?: VotingPass | null
  n: number
  fps: string[]
}

const isPassRow = (v: unknown): v is PassRow => typeof v === 'object' && v !== null && Array.isArray((v as PassRow).fps) && Number.isInteger((v as PassRow).n)

const EMPTY: VoteState = {
  submitted: 0,
  voters: 0,
  canCount: false,
  cast: false,
  passed: 0,
  pass: 'none',
  waiting: false,
  receipts: {},
  passesIssued: 0,
  devices: 0,
  connections: 0,
  roomClosed: false,
  ignored: 0,
}

export class VoteController {
  private readonly flow: FlowController
  private readonly connection: SessionConnection
  private readonly store: WorkshopStore
  private readonly workshopId: string
  private readonly random: (n: number) => Uint8Array
  private collector: BallotCollector<Ballot> | null = null
  private issuer: PassIssuer | null = null
  private checker: PassChecker | null = null
  private collectorRound: string | null = null
  private privateKey: CryptoKey | null = null
  private passPrivateKey: CryptoKey | null = null
  private starting = false
  private castRound: string | null = null
  private passed = 0
  private saveChain: Promise<void> = Promise.resolve()
  // participant
  private passRound: string | null = null
  private passKey: CryptoKey | null = null
  private passRow: PassRow | null = null
  private reqHash: string | null = null
  private passStatus: PassStatus = 'none'
  private finalizing = false
  private pending: Ballot | null = null
  private sendChain: Promise<unknown> = Promise.resolve()
  private readonly receipts: Record<string, ReceiptStatus> = {}
  private readonly checking = new Set<string>()
  private state: VoteState = EMPTY
  private readonly listeners = new Set<() => void>()
  private readonly stops: (() => void)[] = []

  constructor(args: { flow: FlowController; connection: SessionConnection; store: WorkshopStore; workshopId: string; random: (n: number) => Uint8Array }) {
    this.flow = args.flow
    this.connection = args.connection
    this.store = args.store
    this.workshopId = args.workshopId
    this.random = args.random
    this.stops.push(this.flow.subscribe(() => void this.sync()))
    this.stops.push(
      this.connection.onPresence(() => {
        void this.tryFinalizePass()
        this.recompute()
      }),
    )
    this.stops.push(this.connection.subscribe(() => this.recompute()))
    void this.sync()
  }

  getState = (): VoteState => this.state
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private get awareness() {
    return this.connection.provider.awareness
  }

  private openRound(): { round: VoteRound; publicKey: string } | null {
    const v = openRoundOf(this.flow.getState().view?.context)
    return v ? { round: v.round, publicKey: v.publicKey } : null
  }

  /** Follows the flow: start collecting / asking for a pass when a round opens, forget when it closes. */
  private async sync(): Promise<void> {
    const open = this.openRound()
    const id = open?.round.roundId ?? null
    if (this.castRound && this.castRound !== id) {
      this.connection.withdrawBallot()
      this.castRound = null
    }
    if (this.passRound && this.passRound !== id) this.forgetPass()
    if (this.collectorRound && this.collectorRound !== id) this.forgetRound()
    if (open && id && this.flow.isFacilitator && !this.collector && !this.starting) {
      this.starting = true
      try {
        await this.startCollecting(open.round)
      } finally {
        this.starting = false
      }
    }
    if (open && id && !this.flow.isFacilitator && open.round.passKey && this.passRound !== id) void this.preparePass(open.round)
    this.checkReceipts()
    this.recompute()
  }

  private async startCollecting(round: VoteRound): Promise<void> {
    const id = round.roundId
    const row = (await this.store.getRoundKey(id).catch(() => undefined)) as FacilitatorRoundRow | undefined
    const key = this.privateKey ?? row?.privateKey ?? null
    if (!key || this.collector || this.openRound()?.round.roundId !== id) return
    this.privateKey = key
    this.passPrivateKey = this.passPrivateKey ?? row?.passPrivateKey ?? null
    this.collectorRound = id
    const validate = (raw: unknown) => {
      const r = validateBallot(round, raw)
      return r.ok ? r.ballot : null
    }
    let decode: BallotDecoder = (text) => decodeBallotPlain(text)
    if (round.passKey) {
      const passKey = await importPassKey(round.passKey)
      // A round whose pass key cannot be read counts nothing rather than everything.
      this.checker = passKey ? new PassChecker(passKey, this.workshopId, id, validate) : null
      const checker = this.checker
      decode = checker ? checker.admit : () => ({ reject: 'noPass' })
      if (this.passPrivateKey) {
        const base: FacilitatorRoundRow = { roundId: id, workshopId: this.workshopId, privateKey: key, passPrivateKey: this.passPrivateKey }
        this.issuer = new PassIssuer(this.awareness, id, this.passPrivateKey, (rec) => this.saveRoundRow({ ...base, issuer: rec }), row?.issuer)
        this.stops.push(this.issuer.onChange(() => this.recompute()))
      }
    }
    this.collector = new BallotCollector<Ballot>(this.awareness, id, key, decode, validate)
    this.stops.push(this.collector.onChange(() => this.recompute()))
  }

  private saveRoundRow(row: FacilitatorRoundRow): void {
    this.saveChain = this.saveChain.then(() => (this.collectorRound === row.roundId ? this.store.saveRoundKey(row) : undefined)).catch(() => {})
  }

  private forgetRound(): void {
    this.collector?.destroy()
    this.collector = null
    this.issuer?.destroy()
    this.issuer = null
    this.checker?.forget()
    this.checker = null
    const id = this.collectorRound
    this.collectorRound = null
    if (id) this.saveChain = this.saveChain.then(() => this.store.deleteRoundKey(id)).catch(() => {})
    this.privateKey = null
    this.passPrivateKey = null
    this.passed = 0
  }

  private recompute(): void {
    const open = this.openRound()
    const conn = this.connection.getState()
    const issuerStats = this.issuer?.stats
    const next: VoteState = {
      submitted: open ? this.connection.submittedCount(open.round.roundId) : 0,
      voters: this.collector?.voters() ?? 0,
      canCount: !!this.collector,
      cast: !!open && this.castRound === open.round.roundId,
      passed: this.passed,
      pass: open ? this.passStatus : 'none',
      waiting: !!open && this.pending !== null,
      receipts: { ...this.receipts },
      passesIssued: issuerStats?.issued ?? 0,
      devices: this.connection.getPresence().participants,
      connections: conn.kind === 'connected' ? conn.peers : 0,
      roomClosed: this.issuer?.closed ?? false,
      ignored: (this.collector ? ignoredCount(this.collector.stats) : 0) + (issuerStats ? issuerStats.duplicate + issuerStats.refused + issuerStats.malformed : 0),
    }
    if (JSON.stringify(next) !== JSON.stringify(this.state)) {
      this.state = next
      for (const l of this.listeners) l()
    }
  }

  /** Facilitator: opens a round on the current step with fresh keys (sealing and passes). */
  async open(step: string, options: VoteOption[], rules: VoteRules): Promise<boolean> {
    if (!this.flow.isFacilitator) return false
    const roundId = noteIdFromBytes(this.random(12))
    const [keys, pass] = await Promise.all([generateRoundKeys(), generatePassKeys()])
    const round: VoteRound = { roundId, options, rules, passKey: pass.spki }
    const row: FacilitatorRoundRow = { roundId, workshopId: this.workshopId, privateKey: keys.privateKey, passPrivateKey: pass.privateKey, issuer: { issued: 0, byClient: [], closed: false, admitted: [] } }
    await this.store.saveRoundKey(row)
    this.privateKey = keys.privateKey
    this.passPrivateKey = pass.privateKey
    const ok = await this.flow.dispatch({ type: 'vote.open', step, round, publicKey: keys.publicKeyRaw })
    if (!ok) {
      this.privateKey = null
      this.passPrivateKey = null
      await this.store.deleteRoundKey(roundId).catch(() => {})
    }
    return ok
  }

  /** Facilitator: closes (or opens) the room to new devices for voting passes. */
  setRoomClosed(closed: boolean): void {
    this.issuer?.setClosed(closed)
    this.recompute()
  }

  /** Facilitator: counts in memory, publishes only the results and the bulletin, forgets the keys and the ballots. */
  async close(): Promise<Results | null> {
    const open = this.openRound()
    if (!open || !this.collector) return null
    await this.collector.settled()
    const res: Results = resultsOf(open.round, tally(open.round, this.collector.ballots()))
    if (open.round.passKey) Object.assign(res, bulletinOf(this.issuer?.stats.issued ?? 0, this.collector.receipts()))
    const ok = await this.flow.dispatch({ type: 'vote.close', step: this.flow.getState().view?.stepId ?? '', roundId: open.round.roundId, results: res })
    if (!ok) return null
    this.forgetRound()
    this.recompute()
    return res
  }

  // -------------------------------------------------------------------------------------------
  // Participant: the pass

  private async preparePass(round: VoteRound): Promise<void> {
    const roundId = round.roundId
    this.passRound = roundId
    this.passStatus = 'asking'
    this.recompute()
    try {
      const key = await importPassKey(round.passKey)
      if (!key) throw new Error('bad pass key')
      const saved = (await this.store.getVoterPass(this.workshopId, roundId))?.value
      let row: PassRow
      if (isPassRow(saved) && saved.voterKey && saved.pub && saved.req) row = saved
      else {
        const voter = await generateVoterKeys()
        const req = await blindPassRequest(key, this.workshopId, roundId, voter.pub)
        row = { voterKey: voter.privateKey, pub: voter.pub, req, pass: null, n: 0, fps: isPassRow(saved) ? saved.fps : [] }
        await this.store.saveVoterPass({ workshopId: this.workshopId, roundId, value: row })
      }
      if (this.passRound !== roundId) return
      this.passKey = key
      this.passRow = row
      if (row.pass) {
        this.passStatus = 'ready'
        clearPassRequest(this.awareness)
      } else {
        this.reqHash = await requestHash(row.req!.blinded)
        if (this.passRound !== roundId) return
        putPassRequest(this.awareness, roundId, row.req!.blinded)
        await this.tryFinalizePass()
      }
    } catch {
      if (this.passRound === roundId) this.passStatus = 'failed'
    }
    this.recompute()
  }

  private async tryFinalizePass(): Promise<void> {
    const roundId = this.passRound
    const row = this.passRow
    if (!roundId || !row?.req || row.pass || !this.passKey || !this.reqHash || this.finalizing) return
    this.finalizing = true
    try {
      const { answers, closed } = passAnswersFor(this.awareness, roundId, this.reqHash)
      for (const a of answers) {
        const pass = await finalizePass(this.passKey, row.req, a)
        if (!pass || this.passRound !== roundId) continue
        row.pass = pass
        await this.store.saveVoterPass({ workshopId: this.workshopId, roundId, value: row })
        clearPassRequest(this.awareness)
        this.passStatus = 'ready'
        const waiting = this.pending
        this.pending = null
        if (waiting) await this.queueSend(waiting)
        break
      }
      if (!row.pass) this.passStatus = closed ? 'refused' : 'asking'
    } finally {
      this.finalizing = false
    }
    this.recompute()
  }

  private forgetPass(): void {
    clearPassRequest(this.awareness)
    const roundId = this.passRound
    const row = this.passRow
    if (roundId && this.pending) this.receipts[roundId] = 'missing'
    // Keep only the receipt fingerprints: the voter key and the pass have done their job.
    if (roundId && row) void this.store.saveVoterPass({ workshopId: this.workshopId, roundId, value: { n: row.n, fps: row.fps } satisfies PassRow }).catch(() => {})
    this.passRound = null
    this.passKey = null
    this.passRow = null
    this.reqHash = null
    this.pending = null
    this.passStatus = 'none'
  }

  /** Looks for this device's fingerprints on the board of every closed round it voted in. */
  private checkReceipts(): void {
    const votes = this.flow.getState().view?.context.votes ?? {}
    for (const [roundId, v] of Object.entries(votes)) {
      if (v.status !== 'closed' || !v.results?.receipts || roundId in this.receipts || this.checking.has(roundId) || this.flow.isFacilitator) continue
      this.checking.add(roundId)
      const board = v.results.receipts
      void this.store
        .getVoterPass(this.workshopId, roundId)
        .then((r) => {
          if (roundId in this.receipts) return
          const status = checkReceipt(board, isPassRow(r?.value) ? r.value.fps : [])
          if (status !== 'none') this.receipts[roundId] = status
        })
        .catch(() => {})
        .finally(() => {
          this.checking.delete(roundId)
          this.recompute()
        })
    }
  }

  // -------------------------------------------------------------------------------------------
  // Participant: casting

  /** Participant: signs and seals the ballot with this device's pass and puts it in presence (replacing any earlier one). */
  async cast(ballot: Ballot): Promise<{ ok: true; waiting?: boolean } | { ok: false; problem: string }> {
    const open = this.openRound()
    if (!open) return { ok: false, problem: 'closed' }
    const v = validateBallot(open.round, ballot)
    if (!v.ok) return { ok: false, problem: v.problem }
    if (!open.round.passKey) {
      // A round opened by an older build: voter token, no pass.
      const token = await this.store.voterToken(this.workshopId, () => voterTokenFromBytes(this.random(18)))
      const sealed = await sealBallot(open.round.roundId, open.publicKey, encodeBallotPlain(v.ballot, token), PAD_TO)
      this.connection.castBallot(sealed)
      this.castRound = open.round.roundId
      this.recompute()
      return { ok: true }
    }
    if (this.passRound !== open.round.roundId) await this.preparePass(open.round)
    if (this.passStatus !== 'ready') {
      this.pending = v.ballot
      this.recompute()
      return { ok: true, waiting: true }
    }
    await this.queueSend(v.ballot)
    return { ok: true }
  }

  private queueSend(ballot: Ballot): Promise<void> {
    const p = this.sendChain.then(() => this.send(ballot))
    this.sendChain = p.catch(() => {})
    return p
  }

  private async send(ballot: Ballot): Promise<void> {
    const open = this.openRound()
    const row = this.passRow
    if (!open || open.round.roundId !== this.passRound || !row?.pass || !row.voterKey || !row.pub) return
    const n = row.n + 1
    const s = await signBallot(row.voterKey, open.round.roundId, n, ballot)
    row.n = n
    row.fps = [...row.fps, await receiptOf(s)].slice(-50)
    await this.store.saveVoterPass({ workshopId: this.workshopId, roundId: open.round.roundId, value: row })
    const sealed = await sealBallot(open.round.roundId, open.publicKey, encodeBallotEnvelope(ballot, { px: row.pass.px, ps: row.pass.ps, pk: row.pub, n, s }), PAD_TO)
    this.connection.castBallot(sealed)
    this.castRound = open.round.roundId
    this.recompute()
  }

  /** Pass-the-tablet: one more person's ballot on this device, with a pass this device hands them locally. */
  async castPassed(ballot: Ballot): Promise<{ ok: true } | { ok: false; problem: string }> {
    const open = this.openRound()
    if (!open || !this.collector) return { ok: false, problem: 'closed' }
    const v = validateBallot(open.round, ballot)
    if (!v.ok) return { ok: false, problem: v.problem }
    const roundId = open.round.roundId
    let text: string
    if (open.round.passKey) {
      const passKey = await importPassKey(open.round.passKey)
      if (!passKey || !this.issuer) return { ok: false, problem: 'noPass' }
      const voter = await generateVoterKeys()
      const req = await blindPassRequest(passKey, this.workshopId, roundId, voter.pub)
      const pass = await finalizePass(passKey, req, await this.issuer.issueLocal(req.blinded))
      if (!pass) return { ok: false, problem: 'noPass' }
      const s = await signBallot(voter.privateKey, roundId, 1, v.ballot)
      text = encodeBallotEnvelope(v.ballot, { px: pass.px, ps: pass.ps, pk: voter.pub, n: 1, s })
    } else text = encodeBallotPlain(v.ballot, voterTokenFromBytes(this.random(18)))
    const sealed = await sealBallot(roundId, open.publicKey, text, PAD_TO)
    await this.collector.accept(sealed)
    this.passed++
    this.recompute()
    return { ok: true }
  }

  dispose(): void {
    for (const s of this.stops) s()
    this.collector?.destroy()
    this.collector = null
    this.issuer?.destroy()
    this.issuer = null
    this.listeners.clear()
  }
}
