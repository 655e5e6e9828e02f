/**
 * Scale-out (issue 13): a `Fanout` over Redis pub/sub, so that several server instances behind a
 * load balancer serve one room. Only loaded when `REDIS_URL` is set (main.ts imports this module
 * dynamically), so a single room box never loads a Redis client.
 *
 * - Two connections: one in subscriber mode (a Redis connection that subscribed can do nothing
 *   else), one that publishes.
 * - Channel-agnostic: the hub names its channels (`medvirk:signal:<topic>`, `medvirk:relay:<topic>`)
 *   and the payloads are opaque bytes; one fan-out object serves every hub of the process.
 * - Every frame on the wire is `<16 random bytes: this instance's id><payload>`. Redis hands a
 *   publish to every subscriber of the channel, this instance's subscriber connection included;
 *   frames carrying our own id are dropped, so an instance never gets its own frames back.
 * - Bounded: a payload over `maxPayloadBytes` is neither published nor delivered; publishes in
 *   flight are capped in number and bytes (a stalled Redis), and nothing is queued while Redis is away
 *   (ioredis's offline queue is off): while it is gone, other instances simply are not reached,
 *   and each hub keeps delivering to its own clients itself (it always does).
 * - Redis going away is logged once (further losses within `logIntervalMs` are counted into the
 *   line that says it is back); ioredis reconnects with exponential back-off, and on every
 *   reconnect this module subscribes again to every channel that still has a local subscriber.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'
import type { Fanout } from './fanout.ts'

export interface RedisFanoutOptions {
  /** redis://[user:password@]host:port[/db] or rediss://… */
  url: string
  log?: (line: string) => void
  /**
   * Payloads above this are never published, and frames above it that arrive are dropped. Each hub
   * also checks its own (smaller) frame limit before publishing; this backstop covers every hub
   * that shares the fan-out. Default 1 MiB.
   */
  maxPayloadBytes?: number
  /** Publishes awaiting Redis's reply at once; beyond this, frames are dropped. Default 1000. */
  maxPendingPublishes?: number
  /** Bytes of publishes awaiting Redis's reply at once (a slow Redis); beyond, dropped. Default 16 MiB. */
  maxPendingBytes?: number
  /** Reconnect back-off: first retry after `initialMs`, doubling up to `maxMs`. */
  reconnect?: { initialMs?: number; maxMs?: number }
  /** At most one "Redis is unreachable" line per this interval. Default 10 s. */
  logIntervalMs?: number
}

export interface RedisFanoutStats {
  /** Frames handed to Redis. */
  published: number
  /** Frames from other instances handed to a hub. */
  received: number
  /** Frames not published (Redis away, too large, too many in flight) or not delivered (too large, malformed). */
  dropped: number
  /** Channels this instance is subscribed to (has local subscribers of). */
  channels: number
  /** Publishes awaiting Redis's reply. */
  pending: number
  /** Both connections are up. */
  connected: boolean
}

export interface RedisFanout extends Fanout {
  /** This instance's id as it appears on the wire (hex), for logs and tests. */
  readonly instanceId: string
  stats(): RedisFanoutStats
}

const ID_BYTES = 16
/** Channels per SUBSCRIBE command when resubscribing after a reconnect. */
const RESUBSCRIBE_BATCH = 500

/** The URL without a password, for log lines. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable REDIS_URL)'
  }
}

export function createRedisFanout(options: RedisFanoutOptions): RedisFanout {
  const log = options.log ?? (() => {})
  const maxPayloadBytes = options.maxPayloadBytes ?? 1024 * 1024
  const maxPending = options.maxPendingPublishes ?? 1000
  const maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024
  const initialMs = options.reconnect?.initialMs ?? 200
  const maxMs = options.reconnect?.maxMs ?? 5000
  const logIntervalMs = options.logIntervalMs ?? 10_000
  const where = redactRedisUrl(options.url)

  const id = randomBytes(ID_BYTES)
  const instanceId = id.toString('hex')

  const clientOptions: RedisOptions = {
    // Back-off with jitter, so instances that lost Redis together do not reconnect in lockstep.
    retryStrategy: (times) => {
      const base = Math.min(maxMs, initialMs * 2 ** Math.min(times - 1, 20))
      return Math.round(base * (0.75 + Math.random() * 0.25))
    },
    // Nothing is queued while Redis is away: a signaling frame from a minute ago is worthless,
    // and a queue would grow without bound.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Subscriptions are restored by this module (see onSubscriberReady), from what the hubs want
    // now rather than what they wanted when the connection dropped.
    autoResubscribe: false,
    connectTimeout: 5000,
    // Pub/sub frames are small and latency-sensitive.
    noDelay: true,
  }
  const sub = new Redis(options.url, { ...clientOptions, connectionName: `medvirk-sub-${instanceId.slice(0, 8)}` })
  const pub = new Redis(options.url, { ...clientOptions, connectionName: `medvirk-pub-${instanceId.slice(0, 8)}` })

  const handlers = new Map<string, (payload: Buffer) => void>()
  const counters = { published: 0, received: 0, dropped: 0 }
  let pending = 0
  let pendingBytes = 0
  let closing = false

  // --- connection state and its log lines --------------------------------------------------------
  const up = { sub: false, pub: false }
  /** 'connecting' until both connections were ready once; 'down' after a loss, until both are back. */
  let state: 'connecting' | 'up' | 'down' = 'connecting'
  let lostSince = 0
  let lastLossLog = -Infinity
  /** This loss was not logged (a flap within logIntervalMs of the last line): nor is its end. */
  let lossSilent = false
  let silentLosses = 0
  let lastError = ''

  const markDown = (which: 'sub' | 'pub', reason: string): void => {
    up[which] = false
    if (closing || state === 'down') return
    const wasConnecting = state === 'connecting'
    state = 'down'
    const now = Date.now()
    lostSince = now
    lossSilent = now - lastLossLog < logIntervalMs
    if (lossSilent) {
      silentLosses++
      return
    }
    lastLossLog = now
    const more = silentLosses > 0 ? ` (and ${silentLosses} short losses before this one)` : ''
    silentLosses = 0
    log(
      `fanout: ${wasConnecting ? 'cannot reach' : 'lost'} Redis at ${where} (${reason})${more}; ` +
        'each instance still serves its own clients, other instances are not reached; reconnecting',
    )
  }
  const markUp = (which: 'sub' | 'pub'): void => {
    up[which] = true
    if (!up.sub || !up.pub || state === 'up' || closing) return
    const previous = state
    state = 'up'
    if (previous === 'connecting') {
      log(`fanout: connected to Redis at ${where} (instance ${instanceId.slice(0, 8)})`)
    } else if (!lossSilent) {
      const seconds = ((Date.now() - lostSince) / 1000).toFixed(1)
      log(`fanout: Redis at ${where} is back after ${seconds} s; other instances are reached again`)
    }
  }

  for (const [which, conn] of [
    ['sub', sub],
    ['pub', pub],
  ] as const) {
    // Without an 'error' listener ioredis would print every failed reconnect attempt; the state
    // change is what we log, once.
    conn.on('error', (err: Error) => {
      lastError = err.message || err.name
    })
    conn.on('close', () => markDown(which, lastError || 'connection closed'))
    conn.on('ready', () => {
      lastError = ''
      if (which === 'sub') onSubscriberReady()
      markUp(which)
    })
  }

  // --- subscriber ----------------------------------------------------------------------------------
  const onSubscriberReady = (): void => {
    // A new connection holds no subscriptions: subscribe to everything a hub still wants.
    const channels = [...handlers.keys()]
    for (let i = 0; i < channels.length; i += RESUBSCRIBE_BATCH) {
      sub.subscribe(...channels.slice(i, i + RESUBSCRIBE_BATCH)).catch(() => {})
    }
  }

  sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
    if (closing) return
    // Our own frame, coming back from Redis: the hub has delivered it locally already.
    if (message.length < ID_BYTES || message.subarray(0, ID_BYTES).equals(id)) {
      if (message.length < ID_BYTES) counters.dropped++
      return
    }
    const payload = message.subarray(ID_BYTES)
    if (payload.length > maxPayloadBytes) {
      counters.dropped++
      return
    }
    const handler = handlers.get(channelBuf.toString('utf8'))
    if (!handler) return
    counters.received++
    try {
      handler(payload)
    } catch (err) {
      log(`fanout: a hub failed on a frame from another instance: ${String(err)}`)
    }
  })

  return {
    instanceId,

    subscribe(channel, onFrame) {
      if (closing) return
      const had = handlers.has(channel)
      handlers.set(channel, onFrame)
      // While Redis is away this is only remembered; onSubscriberReady subscribes on reconnect.
      if (!had && sub.status === 'ready') sub.subscribe(channel).catch(() => {})
    },

    unsubscribe(channel) {
      if (!handlers.delete(channel)) return
      if (!closing && sub.status === 'ready') sub.unsubscribe(channel).catch(() => {})
    },

    publish(channel, payload) {
      if (closing) return
      const size = ID_BYTES + payload.length
      if (
        payload.length > maxPayloadBytes ||
        pending >= maxPending ||
        pendingBytes + size > maxPendingBytes ||
        pub.status !== 'ready'
      ) {
        counters.dropped++
        return
      }
      pending++
      pendingBytes += size
      counters.published++
      const settled = (): void => {
        pending--
        pendingBytes -= size
      }
      pub.publish(channel, Buffer.concat([id, payload])).then(settled, () => {
        settled()
        counters.dropped++
      })
    },

    stats: () => ({
      ...counters,
      channels: handlers.size,
      pending,
      connected: sub.status === 'ready' && pub.status === 'ready',
    }),

    async close() {
      if (closing) return
      closing = true
      handlers.clear()
      // quit() says goodbye politely when connected; disconnect() stops reconnect attempts otherwise.
      await Promise.all(
        [sub, pub].map(async (conn) => {
          if (conn.status === 'ready') {
            try {
              await conn.quit()
              return
            } catch {
              // fall through
            }
          }
          conn.disconnect(false)
        }),
      )
    },
  }
}
