/**
 * The ballot box is the awareness channel (ARCHITECTURE.md §4). A participant puts its sealed
 * ballot in its awareness state, which is ephemeral: it is never written into the Y.Doc and so
 * never into IndexedDB, and it disappears about 30 s after the device leaves. The facilitator
 * device watches awareness, opens each ballot for the current round in memory with the round's
 * private key, and keeps the last valid ballot per voter token. The token travels inside the
 * ciphertext, so a participant that reloads (and gets a new awareness clientID) still has one vote.
 *
 * Nothing here writes to disk or to the doc, and nothing here knows what a ballot means: the
 * caller passes `decode` (plaintext → token + ballot) and `validate` (the round's rules).
 *
 * Everyone can see *that* a device shows a ballot (like seeing a paper ballot go into the box);
 * nobody but the facilitator device can see what it says. The facilitator device could link a
 * ballot to the awareness clientID that sent it — this module never exposes that link.
 */
import type { Awareness } from 'y-protocols/awareness'
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
 * Removes this device's ballot from its awareness state (other fields stay). While the round is
 * open the facilitator treats this as withdrawing the vote this device last cast. After a vote is
 * counted or the round closed, it just stops showing "has voted".
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
  /** Opened, but `decode` or `validate` refused it (or the token was unusable). */
  invalid: number
  /** Malformed, for another key, tampered or truncated: could not be opened at all. */
  undecryptable: number
  /** A valid ballot superseded by another valid ballot with the same voter token. */
  replaced: number
}

export type BallotDecoder = (plaintext: string) => { token: string; ballot: unknown } | null
export type BallotValidator<B> = (ballot: unknown) => B | null

/** What the collector last saw from one awareness clientID. */
interface Seen {
  /** Identity of the sealed ballot (its fields), to open each distinct ballot once. */
  key: string
  seq: number
  /** The state was gone from awareness at the last scan (left, timed out or reloaded). */
  gone: boolean
}

interface Counted<B> {
  ballot: B
  /** Order in which the collector first saw the sealed ballot; higher wins. */
  seq: number
}

/**
 * Facilitator side: collects the ballots of one round from awareness, in memory only.
 *
 * Every device's state is considered, the facilitator's own included (it may vote too, e.g. in
 * pass-the-tablet mode). Each distinct sealed ballot is opened once; the last valid ballot per
 * voter token wins, in the order the ballots were seen (not the order decryption finished).
 * Undecryptable and invalid ballots are dropped and counted; an invalid re-cast does not erase
 * that voter's earlier valid ballot.
 *
 * Ballots of participants whose awareness state disappeared (they left or reloaded after voting)
 * are kept until `destroy()`: a round's ballots are forgotten when the round closes, not when a
 * tablet goes to sleep. A device whose state is still present but no longer carries a ballot for
 * this round has withdrawn, and the ballot it last cast is dropped.
 *
 * To close a round: `await settled()`, take `ballots()`, publish the totals, then `destroy()` and
 * drop the round's private key.
 */
export class BallotCollector<B> {
  private privateKey: CryptoKey | null
  private readonly seen = new Map<number, Seen>()
  private readonly counted = new Map<string, Counted<B>>()
  /** Seqs of ballots withdrawn while they were still being opened. */
  private readonly withdrawn = new Set<number>()
  private readonly pending = new Set<Promise<void>>()
  private readonly listeners = new Set<() => void>()
  private readonly counts: BallotStats = { invalid: 0, undecryptable: 0, replaced: 0 }
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

  /** Distinct voter tokens with a valid ballot. */
  voters(): number {
    return this.counted.size
  }

  /** Devices that currently show a ballot for this round in awareness (valid or not). */
  submitted(): number {
    return this.destroyed ? 0 : submittedCount(this.awareness, this.roundId)
  }

  /** The last valid ballot per voter token, in no meaningful order (no token, no device). */
  ballots(): B[] {
    return [...this.counted.values()].map((c) => c.ballot)
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
    this.counted.clear()
    this.withdrawn.clear()
    this.pending.clear()
    this.listeners.clear()
  }

  private scan(): void {
    if (this.destroyed) return
    let changed = false
    const states = this.awareness.getStates()
    states.forEach((state, clientID) => {
      const sealed = ballotIn(state, this.roundId)
      const prev = this.seen.get(clientID)
      if (!sealed) {
        // Present without a ballot: withdrawn if it was showing one at the last scan. A state that
        // comes back without its ballot (e.g. the same doc reconnecting) has not withdrawn anything.
        if (prev) {
          this.seen.delete(clientID)
          if (!prev.gone) changed = this.withdraw(prev.seq) || changed
        }
        return
      }
      const key = identity(sealed)
      if (prev && prev.key === key) {
        prev.gone = false
        return
      }
      const seq = ++this.seq
      this.seen.set(clientID, { key, seq, gone: false })
      this.track(this.open(sealed, seq))
    })
    // States that disappeared: keep their ballots (they left after voting), remember they are gone.
    for (const [clientID, s] of this.seen) if (!states.has(clientID)) s.gone = true
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

  private withdraw(seq: number): boolean {
    this.withdrawn.add(seq)
    for (const [token, c] of this.counted) {
      if (c.seq === seq) {
        this.counted.delete(token)
        return true
      }
    }
    return false
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
    if (this.withdrawn.delete(seq)) return
    if (plaintext === null) return this.drop('undecryptable')
    let decoded: ReturnType<BallotDecoder> = null
    let ballot: B | null = null
    try {
      decoded = this.decode(plaintext)
      if (decoded && typeof decoded.token === 'string' && decoded.token.length > 0 && decoded.token.length <= MAX_TOKEN_CHARS) {
        ballot = this.validate(decoded.ballot)
      }
    } catch {
      ballot = null
    }
    if (!decoded || ballot === null) return this.drop('invalid')
    const prev = this.counted.get(decoded.token)
    if (prev) this.counts.replaced++
    if (!prev || prev.seq < seq) this.counted.set(decoded.token, { ballot, seq })
    this.emit()
  }

  private drop(why: 'invalid' | 'undecryptable'): void {
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
