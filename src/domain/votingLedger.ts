/**
 * The facilitator device's ballot ledger and the voter's receipt check (ARCHITECTURE.md §4,
 * eligibility and ownership). Pure: no crypto here — the caller has already checked each ballot's
 * voting pass and its voter signature; this file decides which ballot counts and what is published.
 *
 * - One entry per voter key (a pass binds exactly one voter key, so one per pass). The highest
 *   counter wins; an equal or lower counter is stale and changes nothing. Nothing else removes
 *   an entry: presence coming and going is not an input here at all.
 * - Published: passes handed out, ballots counted and the sorted receipt fingerprints of the
 *   counted ballots (a bulletin board). `counted ≤ passesIssued` is checked by `isBulletin`.
 * - A voter's device finds its own fingerprint: `checkReceipt`.
 */

export type LedgerOutcome = 'counted' | 'replaced' | 'stale'

interface Entry<B> {
  counter: number
  ballot: B
  receipt: string
}

export class BallotLedger<B> {
  private readonly entries = new Map<string, Entry<B>>()

  /**
   * Offers a checked ballot from `voter` (its public key). `counted`: first ballot of this voter;
   * `replaced`: a higher counter replaced this voter's earlier ballot; `stale`: not higher, ignored.
   */
  offer(voter: string, counter: number, ballot: B, receipt: string): LedgerOutcome {
    const prev = this.entries.get(voter)
    if (prev && prev.counter >= counter) return 'stale'
    this.entries.set(voter, { counter, ballot, receipt })
    return prev ? 'replaced' : 'counted'
  }

  get size(): number {
    return this.entries.size
  }

  /** The counted ballots, in no meaningful order (no voter key). */
  ballots(): B[] {
    return [...this.entries.values()].map((e) => e.ballot)
  }

  /** Receipt fingerprints of the counted ballots, sorted by code unit (the order says nothing). */
  receipts(): string[] {
    return [...this.entries.values()].map((e) => e.receipt).sort(byCodeUnit)
  }

  clear(): void {
    this.entries.clear()
  }
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A receipt fingerprint: base64url of 16 bytes. */
const RECEIPT = /^[A-Za-z0-9_-]{22}$/
export const isReceipt = (v: unknown): v is string => typeof v === 'string' && RECEIPT.test(v)

export interface Bulletin {
  passesIssued: number
  counted: number
  receipts: string[]
}

/**
 * What goes into the published results besides the totals. `passesIssued` is what the issuer
 * recorded; it can only be lower than `counted` if the device lost its issuance record (which
 * cannot be forged by a peer: a valid pass needs the round's private pass key), so it is raised
 * to `counted` rather than publishing an impossible pair.
 */
export function bulletinOf(passesIssued: number, receipts: readonly string[]): Bulletin {
  const sorted = [...receipts].sort(byCodeUnit)
  return { passesIssued: Math.max(passesIssued, sorted.length), counted: sorted.length, receipts: sorted }
}

/** Checks a published bulletin: counted ≤ passes handed out, one sorted, distinct fingerprint per counted ballot. */
export function isBulletin(v: { passesIssued?: unknown; counted?: unknown; receipts?: unknown }): v is Bulletin {
  const { passesIssued, counted, receipts } = v
  if (!Number.isInteger(passesIssued) || !Number.isInteger(counted) || !Array.isArray(receipts)) return false
  const issued = passesIssued as number
  const n = counted as number
  if (n < 0 || issued < n || issued > 100_000 || receipts.length !== n) return false
  for (let i = 0; i < receipts.length; i++) {
    if (!isReceipt(receipts[i])) return false
    if (i > 0 && !((receipts[i - 1] as string) < (receipts[i] as string))) return false
  }
  return true
}

export type ReceiptStatus =
  /** This device's latest ballot is on the board. */
  | 'counted'
  /** An earlier ballot of this device is on the board (the last re-cast did not arrive in time). */
  | 'earlier'
  /** This device voted, but none of its ballots is on the board. */
  | 'missing'
  /** Nothing to check: the round published no receipts, or this device did not vote. */
  | 'none'

/**
 * The voter's check against the published board. `mine` holds this device's fingerprints in the
 * order it cast them (last = latest). Says nothing about anyone else's ballot.
 */
export function checkReceipt(published: readonly string[] | undefined, mine: readonly string[]): ReceiptStatus {
  if (!published || mine.length === 0) return 'none'
  const board = new Set(published)
  if (board.has(mine[mine.length - 1] as string)) return 'counted'
  return mine.some((fp) => board.has(fp)) ? 'earlier' : 'missing'
}
