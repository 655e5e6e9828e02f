/**
 * The ballot box is the awareness channel (ARCHITECTURE.md §4). A participant puts its sealed
 * ballot in its awareness state, which is ephemeral: it is never written into the Y.Doc and so
 * never into IndexedDB, and it disappears about 30 s after the device leaves. The facilitator
 * device watches awareness, opens each ballot for the current round in memory with the round's
 * private key, and keeps per voter the ballot with the highest counter (domain/votingLedger.ts).
 *
 * Who the voter is comes from inside the ciphertext, never from presence: with voting passes it is
 * the voter public key that signed the ballot (checked by the caller's `decode`, see
 * votingPasses.ts). Presence is writable by anyone for any client id (y-protocols accepts a state
 * for any id), so nothing here ever drops a counted ballot because a presence state changed,
 * vanished or was overwritten; a vote is replaced only by a later ballot of the same voter.
 *
 * Nothing here writes to disk or to the doc, and nothing here knows what a ballot means: the
 * caller passes `decode` (plaintext → voter + ballot, or a reason to refuse) and `validate`.
 *
 * Everyone can see *that* a device shows a ballot (like seeing a paper ballot go into the box);
 * nobody but the facilitator device can see what it says. The facilitator device could link a
 * ballot to the awareness clientID that sent it — this module never exposes that link.
 */
import type { Awareness } from 'y-protocols/awareness'
import { BallotLedger } from '../domain/votingLedger.ts'
import { openBallot, type SealedBallot } from './ballotSealing.ts'

const MAX_TOKEN_CHARS = 256

/** The sealed ballot for `roundId` in an awareness state, or undefined. Says nothing about validity. */
function ballotIn(state: unknown, roundId: string): Record<string, unknown> | undefined {
  const b = (state as { ballot?: unknown } | null | undefined)?.ballot
  return typeof b === 'object' && b !== null && (b as { r?: unknown }).r === roundId ? (b as Record<string, unknown>) : undefined
}

/**
 * Puts this device's sealed ballot into its awareness state, keeping what is already there
 * (role letter `r`, `ready`, `pulse`). Re-casting replaces the previous ballot.
 */
export function castBallot(awareness: Awareness, sealed: SealedBallot): void {
  const cur = awareness.getLocalState() ?? {}
  // Copy only the four fields, so nothing else that happened to ride on the object is published.
  awareness.setLocalState({ ...cur, ballot: { r: sealed.r, k: sealed.k, iv: sealed.iv, c: sealed.c } })
}

/**
 * Removes this device's ballot from its awareness state (other fields stay): it stops showing
 * "has voted". It does NOT withdraw a counted vote (nothing in presence can; see the file comment).
 */
export function withdrawBallot(awareness: Awareness): void {
  const cur = awareness.getLocalState()
  if (!cur || !('ballot' in cur)) return
  const { ballot: _ballot, ...rest } = cur
  awareness.setLocalState(rest)
}

/**
 * How many devices currently show a ballot for `roundId` in awareness — for every device's
 * "12 of 15 have voted". It cannot know whether those ballots are valid (only the facilitator can
 * open them), nor dedupe a participant that reloaded and re-cast within ~30 s of leaving (its old
 * state lingers until awareness times it out), nor notice one person on two devices.
 */
export function submittedCount(awareness: Awareness, roundId: string): number {
  let n = 0
  awareness.getStates().forEach((state) => {
    if (ballotIn(state, roundId)) n++
  })
  return n
}

export interface BallotStats {
  /** Opened, but `decode` or `validate` refused it (or the voter id was unusable). */
  invalid: number
  /** Malformed, for another key, tampered or truncated: could not be opened at all. */
  undecryptable: number
  /** A counted ballot superseded by a later one of the same voter. */
  replaced: number
  /** No valid voting pass for its voter key. */
  noPass: number
  /** A pass already bound to another voter key. */
  spentPass: number
  /** Not signed by the voter key its pass names. */
  badSignature: number
  /** Not newer than the ballot already counted for its voter (a replay or an old copy). */
  stale: number
}

/** Ignored ballots, for the console's "ignored: N" (replacements by their own voter are not ignored). */
export const ignoredCount = (s: BallotStats): number => s.invalid + s.undecryptable + s.noPass + s.spentPass + s.badSignature + s.stale

/**
 * What `decode` makes of an opened ballot: the voter (a voter token or voter public key), the
 * ballot and, with passes, its counter and receipt fingerprint — or why it is refused.
 */
export type Admission =
  | { token: string; ballot: unknown; counter?: number; receipt?: string }
  | { reject: 'noPass' | 'spentPass' | 'badSignature' | 'invalid' }
  | null
export type BallotDecoder = (plaintext: string) => Admission | Promise<Admission>
export type BallotValidator<B> = (ballot: unknown) => B | null

/** What the collector last saw from one awareness clientID. */
interface Seen {
  /** Identity of the sealed ballot (its fields), to open each distinct ballot once. */
  key: string
}

/**
 * Facilitator side: collects the ballots of one round from awareness, in memory only.
 *
 * Every device's state is considered, the facilitator's own included. Each distinct sealed ballot
 * is opened once; per voter the ballot with the highest counter wins (without counters, as for
 * legacy voter tokens, the order in which the sealed ballots were seen). Undecryptable and refused
 * ballots are dropped and counted; they never erase a voter's earlier valid ballot.
 *
 * A ballot stays counted until `destroy()`, whatever happens to the presence state it came in:
 * a round's ballots are forgotten when the round closes, not when a tablet goes to sleep and not
 * when somebody writes a presence update under another device's client id.
 *
 * To close a round: `await settled()`, take `ballots()` and `receipts()`, publish, then
 * `destroy()` and drop the round's private key.
 */
export class BallotCollector<B> {
  private privateKey: CryptoKey | null
  private readonly seen = new Map<number, Seen>()
  private readonly ledger = new BallotLedger<B>()
  private readonly pending = new Set<Promise<void>>()
  private readonly listeners = new Set<() => void>()
  private readonly counts: BallotStats = { invalid: 0, undecryptable: 0, replaced: 0, noPass: 0, spentPass: 0, badSignature: 0, stale: 0 }
  private seq = 0
  private lastSubmitted = -1
  private destroyed = false
  // 'change' fires whenever any state's content changes, appears or disappears; 'update' adds only
  // the 15-second keep-alive renewals, which carry nothing new, so it is not needed here.
  private readonly onAwareness = () => this.scan()

  constructor(
    private readonly awareness: Awareness,
    readonly roundId: string,
    privateKey: CryptoKey,
    private readonly decode: BallotDecoder,
    private readonly validate: BallotValidator<B>,
  ) {
    this.privateKey = privateKey
    awareness.on('change', this.onAwareness)
    this.scan()
  }

  /** Called when voters(), submitted(), ballots() or stats may have changed. Returns an unsubscribe. */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Distinct voters with a counted ballot. */
  voters(): number {
    return this.ledger.size
  }

  /** Devices that currently show a ballot for this round in awareness (valid or not). */
  submitted(): number {
    return this.destroyed ? 0 : submittedCount(this.awareness, this.roundId)
  }

  /** The counted ballot per voter, in no meaningful order (no voter, no device). */
  ballots(): B[] {
    return this.ledger.ballots()
  }

  /** Sorted receipt fingerprints of the counted ballots (ballots admitted with a receipt). */
  receipts(): string[] {
    return this.ledger.receipts().filter((r) => r !== '')
  }

  get stats(): Readonly<BallotStats> {
    return { ...this.counts }
  }

  /** Resolves once every ballot seen so far has been opened and counted or dropped. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }

  /** Stops listening and forgets the key, every ballot and every clientID seen. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.awareness.off('change', this.onAwareness)
    this.privateKey = null
    this.seen.clear()
    this.ledger.clear()
    this.pending.clear()
    this.listeners.clear()
  }

  private scan(): void {
    if (this.destroyed) return
    let changed = false
    this.awareness.getStates().forEach((state, clientID) => {
      const sealed = ballotIn(state, this.roundId)
      // A state without a ballot (withdrawn, overwritten, reconnecting) changes nothing counted.
      if (!sealed) return
      const key = identity(sealed)
      if (this.seen.get(clientID)?.key === key) return
      this.seen.set(clientID, { key })
      this.track(this.open(sealed, ++this.seq))
    })
    const submitted = submittedCount(this.awareness, this.roundId)
    if (submitted !== this.lastSubmitted) {
      this.lastSubmitted = submitted
      changed = true
    }
    if (changed) this.emit()
  }

  /**
   * Pass-the-tablet: takes a ballot sealed on this very device (one voter after another behind a
   * privacy screen) through the same decrypt → decode → validate path as a ballot from presence.
   */
  accept(sealed: unknown): Promise<void> {
    if (this.destroyed) return Promise.resolve()
    const p = this.open(sealed, ++this.seq)
    this.track(p)
    return p
  }

  private track(p: Promise<void>): void {
    this.pending.add(p)
    void p.finally(() => this.pending.delete(p))
  }

  private async open(sealed: unknown, seq: number): Promise<void> {
    const key = this.privateKey
    if (!key) return
    const plaintext = await openBallot(this.roundId, key, sealed)
    if (this.destroyed) return
    if (plaintext === null) return this.drop('undecryptable')
    let admission: Admission
    try {
      admission = await this.decode(plaintext)
    } catch {
      admission = null
    }
    if (this.destroyed) return
    if (admission && 'reject' in admission) return this.drop(admission.reject)
    let ballot: B | null = null
    try {
      if (admission && typeof admission.token === 'string' && admission.token.length > 0 && admission.token.length <= MAX_TOKEN_CHARS) ballot = this.validate(admission.ballot)
    } catch {
      ballot = null
    }
    if (!admission || ballot === null) return this.drop('invalid')
    const counter = admission.counter ?? seq
    const outcome = this.ledger.offer(admission.token, counter, ballot, admission.receipt ?? '')
    if (outcome === 'stale') return this.drop('stale')
    if (outcome === 'replaced') this.counts.replaced++
    this.emit()
  }

  private drop(why: 'invalid' | 'undecryptable' | 'noPass' | 'spentPass' | 'badSignature' | 'stale'): void {
    this.counts[why]++
    this.emit()
  }

  private emit(): void {
    for (const l of [...this.listeners]) l()
  }
}

/** A cheap identity for a sealed ballot's content, to notice re-casts without re-opening unchanged ones. */
function identity(b: Record<string, unknown>): string {
  const { k, iv, c } = b
  if (typeof k === 'string' && typeof iv === 'string' && typeof c === 'string') return `${k}|${iv}|${c}`
  try {
    return `?${JSON.stringify([k, iv, c])}`
  } catch {
    return '?'
  }
}
