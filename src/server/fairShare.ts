/**
 * Fair share for the signaling hub (issue 12, attack 7): who a connection "belongs to", which
 * connection gives way when the hub is full, and log lines that cannot flood the log.
 *
 * Kept apart from signaling.ts so the policy is pure and unit-testable; signaling.ts owns the
 * sockets and calls in here. The reasoning behind the policy is in signaling.ts's header.
 */
import { isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'

/**
 * The key connections are grouped (and counted) under: the IPv4 address, or the /64 prefix of an
 * IPv6 address. One IPv6 host normally owns a whole /64 and can pick any address in it (privacy
 * addresses), so counting per /128 would let one device look like millions.
 */
export function addressKey(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'unknown'
  let address = raw.trim()
  const zone = address.indexOf('%')
  if (zone !== -1) address = address.slice(0, zone)
  // IPv4 clients of a dual-stack listener show up as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped?.[1] !== undefined) return mapped[1]
  const family = isIP(address)
  if (family === 4) return address
  if (family === 6) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`
  return 'unknown'
}

/** The eight 16-bit groups of a valid IPv6 address, lower-case and without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::', 2)
  const parse = (part: string): string[] => (part === '' ? [] : part.split(':'))
  let left = parse(head)
  let right = tail === undefined ? [] : parse(tail)
  // An embedded IPv4 tail (::ffff:1.2.3.4 was handled above, but 64:ff9b::1.2.3.4 is valid too).
  const fixV4 = (groups: string[]): string[] => {
    const last = groups[groups.length - 1]
    if (last === undefined || !last.includes('.')) return groups
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number)
    return [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
  }
  if (tail === undefined) left = fixV4(left)
  else right = fixV4(right)
  const missing = 8 - left.length - right.length
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right]
  return groups.map((g) => parseInt(g, 16).toString(16))
}

/** One entry of X-Forwarded-For, which some proxies write with a port or in brackets. */
function parseForwardedEntry(entry: string): string | undefined {
  const value = entry.trim()
  if (isIP(value)) return value
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed?.[1] !== undefined && isIP(bracketed[1]) === 6) return bracketed[1]
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value)
  if (v4WithPort?.[1] !== undefined && isIP(v4WithPort[1]) === 4) return v4WithPort[1]
  return undefined
}

/**
 * The address a connection is counted under. By default the TCP peer (`req.socket.remoteAddress`),
 * which a client cannot forge. Only with `trustProxy` (TRUST_PROXY=1, for a hub behind exactly one
 * reverse proxy) is X-Forwarded-For used, and then only its LAST entry: that is the one our proxy
 * appended; everything to its left came from the client and could say anything. A header that is
 * missing or unreadable falls back to the TCP peer (the proxy), which is at least not spoofable.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for']
    const joined = Array.isArray(header) ? header.join(',') : header
    if (joined !== undefined) {
      const entries = joined.split(',')
      const forwarded = parseForwardedEntry(entries[entries.length - 1] ?? '')
      if (forwarded !== undefined) return addressKey(forwarded)
    }
  }
  return addressKey(req.socket.remoteAddress)
}

/** What the eviction policy needs to know about one connection. */
export interface TenantState {
  /** Admission order; higher is newer. Unique, so ties cannot happen. */
  seq: number
  /** ms timestamp of admission. */
  connectedAt: number
  /** ms timestamp of the last moment it was known to share a topic with someone (0: never). */
  lastSharedAt: number
  /** Subscribed to at least one topic. */
  subscribed: boolean
  /** Subscribed to at least one topic that has another subscriber. */
  shared: boolean
}

/**
 * A connection that has not subscribed to anything this long after connecting is idle. y-webrtc
 * subscribes in the same tick as the socket opens, so an honest page is idle only for a moment
 * (or after leaving every room, when its socket is worth nothing to anyone either).
 */
export const IDLE_GRACE_MS = 5_000

/**
 * Sort key: the connection with the smallest key is evicted first.
 *   rank 0  idle (no topic) past the grace period — holds a slot and does nothing;
 *   rank 1  subscribed, but alone in every topic (or idle within the grace period);
 *   rank 2  shares a topic with at least one other connection — an active room.
 * Within ranks 0 and 1 the one that has been useless the LONGEST goes first: a flood is opened
 * before the victims arrive, so its sockets are the stalest, while an honest device that has just
 * opened a room and waits for the others to join is the freshest. Within rank 2 the NEWEST goes
 * first: an honest device that has been in a room for a while has the most tenure and is the last
 * to go, and a flood that mimics a room can only push out connections newer than its own.
 */
export function evictionKey(t: TenantState, now: number): [number, number, number] {
  if (t.shared) return [2, -t.seq, 0]
  const rank = !t.subscribed && now - t.connectedAt >= IDLE_GRACE_MS ? 0 : 1
  const uselessSince = Math.max(t.connectedAt, t.lastSharedAt)
  // Equal times (same millisecond): the earlier admission has been useless at least as long.
  return [rank, uselessSince, t.seq]
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** The connection of `items` that gives way first, or undefined when there is none. */
export function pickVictim<T>(
  items: Iterable<T>,
  state: (item: T) => TenantState,
  now: number,
): T | undefined {
  let best: T | undefined
  let bestKey: [number, number, number] | undefined
  for (const item of items) {
    const key = evictionKey(state(item), now)
    if (bestKey === undefined || compareKeys(key, bestKey) < 0) {
      best = item
      bestKey = key
    }
  }
  return best
}

/**
 * Picks the victim when the hub is full: from the address holding the most connections (the
 * newcomer counted in its own address), and within it by `evictionKey`. Between equally heavy
 * addresses, the one whose best victim is the least useful gives way.
 */
export function pickVictimFromHeaviest<T>(
  byAddress: ReadonlyMap<string, ReadonlySet<T>>,
  newcomerAddress: string,
  state: (item: T) => TenantState,
  now: number,
): { victim: T; address: string; load: number } | undefined {
  let heaviest = 0
  for (const [address, set] of byAddress) {
    if (set.size === 0) continue
    heaviest = Math.max(heaviest, set.size + (address === newcomerAddress ? 1 : 0))
  }
  let result: { victim: T; address: string; load: number } | undefined
  let resultKey: [number, number, number] | undefined
  for (const [address, set] of byAddress) {
    const load = set.size + (address === newcomerAddress ? 1 : 0)
    if (set.size === 0 || load !== heaviest) continue
    const victim = pickVictim(set, state, now)
    if (victim === undefined) continue
    const key = evictionKey(state(victim), now)
    if (resultKey === undefined || compareKeys(key, resultKey) < 0) {
      result = { victim, address, load }
      resultKey = key
    }
  }
  return result
}

/**
 * At most one log line per kind of event per interval: the first event is logged at once, the
 * rest of the interval is summed up in one line when it ends. A flood of 10 000 evictions a
 * second therefore costs one log line every `intervalMs`, not 10 000.
 */
export class LogThrottle {
  private readonly windows = new Map<
    string,
    { suppressed: number; last: string; what: string; timer: ReturnType<typeof setTimeout> }
  >()

  constructor(
    private readonly log: (line: string) => void,
    private readonly intervalMs = 10_000,
  ) {}

  /** `line` describes this one event; `what` names the kind in the summary ("evictions"). */
  event(kind: string, line: string, what: string): void {
    const window = this.windows.get(kind)
    if (window) {
      window.suppressed++
      window.last = line
      return
    }
    this.log(line)
    this.open(kind, what)
  }

  private open(kind: string, what: string): void {
    const timer = setTimeout(() => {
      const window = this.windows.get(kind)
      this.windows.delete(kind)
      if (!window || window.suppressed === 0) return
      this.log(
        `signaling: ${window.suppressed} more ${what} in the last ${Math.round(this.intervalMs / 1000)} s ` +
          `(latest: ${window.last.replace(/^signaling: /, '')})`,
      )
      // A flood that goes on keeps producing one summary per interval.
      this.open(kind, what)
    }, this.intervalMs)
    timer.unref()
    this.windows.set(kind, { suppressed: 0, last: '', what, timer })
  }

  /** Logs what is pending and stops every timer (for hub shutdown). */
  flush(): void {
    for (const [, window] of this.windows) clearTimeout(window.timer)
    const pending = [...this.windows]
    this.windows.clear()
    for (const [, window] of pending) {
      if (window.suppressed > 0) {
        this.log(
          `signaling: ${window.suppressed} more ${window.what} before shutdown ` +
            `(latest: ${window.last.replace(/^signaling: /, '')})`,
        )
      }
    }
  }
}
