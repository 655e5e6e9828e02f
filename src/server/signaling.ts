/**
 * A y-webrtc-compatible signaling hub: topic pub/sub over WebSocket.
 *
 * Wire protocol (what y-webrtc's SignalingConn speaks, see research/stack.md §1.1):
 *   client → server  {type:'subscribe', topics: string[]}
 *                    {type:'unsubscribe', topics: string[]}
 *                    {type:'publish', topic: string, ...anything}
 *                    {type:'ping'}
 *   server → client  the publish message itself plus `clients: <subscriber count>`, sent to every
 *                    subscriber of the topic (the sender too, if subscribed); {type:'pong'}.
 *
 * Why our own instead of y-webrtc's bin/server.js: that one dies on the first frame that is not
 * JSON and takes the room down for everyone (ARCHITECTURE.md §5b), and it has no bounds. Here
 * every frame is validated, anything odd is dropped and counted, and only the offending
 * connection is ever affected.
 *
 * Fair share (issue 12, attack 7). A fixed global connection limit alone lets one client that
 * opens ~200 sockets keep everyone else out. So a newcomer is never refused for lack of room;
 * instead somebody gives way, chosen so that it is almost always the flood:
 *
 *  1. Per remote address. Connections are counted per address (IPv4, or IPv6 /64, see
 *     fairShare.ts). An address may hold at most `maxConnectionsPerAddress`; a newcomer beyond
 *     that evicts one of ITS OWN address's connections, never someone else's. When the hub as a
 *     whole is full, the victim comes from the address holding the most connections (the
 *     newcomer counted in). A flood from its own address is therefore always the one that pays.
 *  2. Within an address — which is the whole hub when a school NAT, or every test browser on
 *     loopback, puts everybody behind one address — the address cannot tell devices apart, so
 *     behaviour does. Connections that do nothing useful go first: idle sockets (never
 *     subscribed), then sockets alone in every topic they hold (nobody to signal with), the
 *     longest-useless first. Only then a connection that shares a room with someone, and among
 *     those the newest first: tenure is the one thing a flood cannot fake after the fact, so an
 *     honest device that has been in a room for a while is the very last to go.
 *  3. The newcomer itself is never the victim of its own admission: whoever knocks gets in.
 *
 * Limits of this: a client on the same address that mimics honest devices exactly (every flood
 * socket subscribed to a room with others) and reconnects each evicted socket at once can push a
 * newcomer out again after it got in. Devices that were there before the flood keep their place,
 * the newcomer gets in on each try (y-webrtc reconnects immediately after a drop), and WebRTC
 * links it set up meanwhile do not need the signaling socket. Eviction closes with 4029 and a
 * reason; every eviction and refusal is counted in stats() and logged, throttled.
 *
 * Several instances (issue 13, scale-out). With a `fanout` (fanout.ts; Redis pub/sub when
 * REDIS_URL is set) every accepted publish is delivered to this instance's subscribers exactly as
 * above AND handed to the fan-out on channel `medvirk:signal:<topic>`; frames other instances
 * publish arrive from the fan-out and go to this instance's subscribers of that topic. The hub
 * subscribes to a topic's channel when the topic gets its first local subscriber and unsubscribes
 * when the last one leaves. Fair share and rate limits apply to what a client sends, on the
 * instance it is connected to; frames from the fan-out are other instances' already-limited
 * traffic, so they are not counted against anyone here, but they are size-checked and validated
 * like any client frame, and a slow receiver still drops them.
 */
import type { RawData } from 'ws'
import type { IncomingMessage, Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { CLOSE_EVICTED, createConnectionTable, resolveLimits } from './hubConnections.ts'
import type { ConnectionLimits, EvictionReason, HubClient } from './hubConnections.ts'
import { noFanout } from './fanout.ts'
import type { Fanout } from './fanout.ts'

/** Frame, topic, connection and ping limits: see ConnectionLimits (hubConnections.ts). */
export interface SignalingLimits extends ConnectionLimits {
  /** Per-connection rate limit: at most this many frames per window, the rest are dropped. */
  rateLimitMessages: number
  rateLimitWindowMs: number
  /** A receiver with more than this queued is slow or gone; messages to it are dropped. */
  maxBufferedBytes: number
}

export const DEFAULT_SIGNALING_LIMITS: Readonly<SignalingLimits> = Object.freeze({
  // An SDP offer with candidates is a few KiB; encrypted + base64 roughly doubles it.
  maxFrameBytes: 64 * 1024,
  closeFrameBytes: 1024 * 1024,
  // A page normally has one room open; 16 leaves room for several tabs' worth via one socket.
  maxTopicsPerConnection: 16,
  // Topics are derived hashes of the join secret, far shorter than this.
  maxTopicLength: 128,
  maxConnections: 200,
  // A class is ~30 devices; a school NAT may put 35 or a few more behind one address. y-webrtc
  // opens ONE signaling socket per page (shared by all its rooms), but a device may have a second
  // tab open, and on flaky Wi-Fi a reconnected device's old socket lingers until the ping timeout
  // (30–60 s) reaps it: 35 devices × 3 sockets ≈ 105, rounded up to 128. That never turns away an
  // honest class, yet keeps one address to well under the 200 of the whole hub, so devices on
  // other addresses always find 72 slots without anyone being evicted — and when the hub does
  // fill up, a flood capped at 128 is the heaviest address and the one that gives way.
  maxConnectionsPerAddress: 128,
  trustProxy: false,
  pingIntervalMs: 30_000,
  // Joining a 30-person room sends ~30 offers/answers plus several ICE candidates each within
  // a couple of seconds; dropping those would break WebRTC setup silently, so the budget is
  // generous while still stopping a runaway or hostile client.
  rateLimitMessages: 400,
  rateLimitWindowMs: 10_000,
  maxBufferedBytes: 1024 * 1024,
})

export type DropReason =
  | 'binary'
  | 'tooLarge'
  | 'notJson'
  | 'invalid'
  | 'unknownType'
  | 'rateLimited'
  | 'slowReceiver'

export type { EvictionReason }

export interface SignalingStats {
  /** Open, accepted connections. */
  connections: number
  /** Topics with at least one subscriber. */
  topics: number
  /** Sum over topics of their subscriber counts. */
  subscriptions: number
  /** Frames (or deliveries, for `slowReceiver`) that were dropped. */
  droppedFrames: number
  droppedByReason: Record<DropReason, number>
  /** Subscriptions refused because of the per-connection topic limit or the topic length. */
  refusedTopics: number
  /** Distinct remote addresses (IPv4, IPv6 /64) with at least one open connection. */
  addresses: number
  /** Connections held by the address that holds the most (at most `maxConnectionsPerAddress`). */
  heaviestAddressConnections: number
  /** Connections closed with 1013 and never served (the hub was shutting down, or had no room). */
  refusedConnections: number
  /** Connections closed with 4029 to make room for a newcomer. */
  evictedConnections: number
  evictedByReason: Record<EvictionReason, number>
  /** Connections terminated for not answering a ping. */
  terminatedClients: number
  /** Publish messages forwarded (one per publish, not per receiver). */
  published: number
  /** Publishes handed to the fan-out for other instances (0 with one instance). */
  fanoutPublished: number
  /** Publishes from other instances delivered to subscribers here. */
  fanoutDelivered: number
  /** Frames from the fan-out that were too large or not a publish of their channel's topic. */
  fanoutDropped: number
}

export interface SignalingHubOptions {
  /** URL path that accepts WebSocket upgrades; everything else gets a 404. */
  path?: string
  limits?: Partial<SignalingLimits>
  log?: (line: string) => void
  /**
   * Other server instances serving the same rooms (fanout.ts). Default `noFanout`: one instance.
   * The hub never closes it (it may be shared with other hubs); it unsubscribes its channels on close.
   */
  fanout?: Fanout
  /** Prefix of this hub's fan-out channels; default `medvirk:signal:`. */
  fanoutChannelPrefix?: string
}

export interface SignalingHub {
  readonly limits: Readonly<SignalingLimits>
  stats(): SignalingStats
  /** Closes every client (1001 "going away") and stops the ping timer; resolves once all are closed. */
  close(): Promise<void>
}

interface Client extends HubClient {
  windowStart: number
  windowCount: number
}

const WS_OPEN = 1
/** Close code of an eviction (4029, hubConnections.ts); re-exported for the tests and callers. */
export { CLOSE_EVICTED }
const EVICTION_REASONS: Record<EvictionReason, string> = {
  serverFull: 'evicted: server full, your address holds the most connections',
  addressFull: 'evicted: too many connections from your address',
}

export function attachSignaling(
  server: HttpServer | HttpsServer,
  options: SignalingHubOptions = {},
): SignalingHub {
  const path = options.path ?? '/signal'
  const log = options.log ?? (() => {})
  const limits = resolveLimits(DEFAULT_SIGNALING_LIMITS, options.limits)
  const fanout = options.fanout ?? noFanout
  const channelPrefix = options.fanoutChannelPrefix ?? 'medvirk:signal:'

  const counters = {
    droppedByReason: {
      binary: 0,
      tooLarge: 0,
      notJson: 0,
      invalid: 0,
      unknownType: 0,
      rateLimited: 0,
      slowReceiver: 0,
    } satisfies Record<DropReason, number>,
    refusedTopics: 0,
    fanoutPublished: 0,
    fanoutDelivered: 0,
    fanoutDropped: 0,
    published: 0,
  }

  const drop = (reason: DropReason): void => {
    counters.droppedByReason[reason]++
  }

  const table = createConnectionTable<Client>({
    name: 'signaling',
    limits,
    log,
    clientErrorSummary: 'client errors',
    evictionMessages: EVICTION_REASONS,
    newClient: (base, now) => ({ ...base, windowStart: now, windowCount: 0 }),
    handleMessage: (client, data, isBinary) => handleMessage(client, data, isBinary),
    onFrameError: () => drop('invalid'),
    unsubscribe: (client, topic) => unsubscribe(client, topic),
    onEvicted: (victim, reason, newcomer, load) => {
      const why =
        reason === 'serverFull'
          ? `server full (${limits.maxConnections}); ${victim.address} is the heaviest address with ${load}`
          : `${victim.address} reached its limit of ${limits.maxConnectionsPerAddress}`
      throttle.event(
        `evict:${reason}`,
        `signaling: evicted a connection from ${victim.address} for a newcomer from ${newcomer}: ${why}`,
        `evictions (${reason})`,
      )
    },
    onRefused: (address) => {
      throttle.event(
        'refuse',
        `signaling: refused a connection from ${address}: no connection can give way`,
        'refusals',
      )
    },
    onUnresponsive: (client) => {
      throttle.event(
        'terminate',
        `signaling: terminated a client from ${client.address} that did not answer a ping`,
        'terminations',
      )
    },
    onClose: () => {
      // The fan-out may serve other hubs and outlive this one: give back only our channels.
      for (const topic of topics.keys()) fanout.unsubscribe(channelPrefix + topic)
      throttle.flush()
      server.off('upgrade', onUpgrade)
    },
  })
  const { throttle, topics } = table

  const send = (client: Client, text: string): void => {
    const { socket } = client
    if (socket.readyState !== WS_OPEN) return
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      drop('slowReceiver')
      return
    }
    // ws reports send failures through the callback (and the socket's 'error'/'close'); the
    // callback keeps a failed write from becoming an unhandled error.
    socket.send(text, () => {})
  }

  const unsubscribe = (client: Client, topic: string): void => {
    // The last local subscriber gone, other instances' frames for the topic are of no use here.
    if (table.leave(client, topic)?.size === 0) fanout.unsubscribe(channelPrefix + topic)
  }

  /**
   * A publish another instance accepted (from its client, under its limits), arriving through the
   * fan-out: delivered to this instance's subscribers of `topic`, like a local publish. Still
   * checked: the bytes came over the network from Redis.
   */
  const onFanoutFrame = (topic: string, payload: Buffer): void => {
    if (table.closing) return
    const receivers = topics.get(topic)
    if (!receivers) return
    if (payload.length > limits.maxFrameBytes) {
      counters.fanoutDropped++
      return
    }
    let message: unknown
    try {
      message = JSON.parse(payload.toString('utf8'))
    } catch {
      counters.fanoutDropped++
      return
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      Array.isArray(message) ||
      (message as Record<string, unknown>)['type'] !== 'publish' ||
      (message as Record<string, unknown>)['topic'] !== topic
    ) {
      counters.fanoutDropped++
      return
    }
    counters.fanoutDelivered++
    // `clients` is this instance's subscriber count, not the room's across instances: y-webrtc
    // does not rely on it, and an exact total would need shared state in Redis.
    const out = JSON.stringify({ ...message, clients: receivers.size })
    for (const receiver of receivers) send(receiver, out)
  }

  const isValidTopic = (topic: unknown): topic is string =>
    typeof topic === 'string' && topic.length > 0 && topic.length <= limits.maxTopicLength

  const handleMessage = (client: Client, data: RawData, isBinary: boolean): void => {
    // Rate limit first, so that even garbage counts against the budget.
    const now = Date.now()
    if (now - client.windowStart >= limits.rateLimitWindowMs) {
      client.windowStart = now
      client.windowCount = 0
    }
    client.windowCount++
    if (client.windowCount > limits.rateLimitMessages) return drop('rateLimited')

    if (isBinary) return drop('binary')
    const size = Array.isArray(data)
      ? data.reduce((n, b) => n + b.byteLength, 0)
      : data.byteLength
    if (size > limits.maxFrameBytes) return drop('tooLarge')

    const raw = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data)
    const text = raw.toString('utf8')
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      return drop('notJson')
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return drop('invalid')
    }
    const msg = message as Record<string, unknown>

    switch (msg['type']) {
      case 'subscribe': {
        const list = msg['topics']
        if (!Array.isArray(list)) return drop('invalid')
        for (const topic of list) {
          if (!isValidTopic(topic)) {
            counters.refusedTopics++
            continue
          }
          if (client.topics.has(topic)) continue
          if (client.topics.size >= limits.maxTopicsPerConnection) {
            counters.refusedTopics++
            continue
          }
          table.join(client, topic, () => {
            // First local subscriber: start receiving what other instances publish on it.
            fanout.subscribe(channelPrefix + topic, (payload) => onFanoutFrame(topic, payload))
          })
        }
        return
      }
      case 'unsubscribe': {
        const list = msg['topics']
        if (!Array.isArray(list)) return drop('invalid')
        for (const topic of list) {
          if (typeof topic === 'string') unsubscribe(client, topic)
        }
        return
      }
      case 'publish': {
        const topic = msg['topic']
        if (!isValidTopic(topic)) return drop('invalid')
        // Other instances get the frame exactly as the client sent it (already within
        // maxFrameBytes, checked above, so an oversize payload is never published); they add their
        // own `clients`. Whether anyone here is subscribed does not matter to them.
        if (fanout !== noFanout) {
          counters.fanoutPublished++
          fanout.publish(channelPrefix + topic, raw)
        }
        const receivers = topics.get(topic)
        // Like y-webrtc's server, the sender need not be subscribed to publish.
        if (!receivers) return
        counters.published++
        // Serialise once: every receiver gets the identical string.
        const out = JSON.stringify({ ...msg, clients: receivers.size })
        for (const receiver of receivers) send(receiver, out)
        return
      }
      case 'ping':
        send(client, '{"type":"pong"}')
        return
      default:
        return drop('unknownType')
    }
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = (req.url ?? '/').split('?', 1)[0]
    if (pathname !== path) {
      // A reset while refusing must not surface as an unhandled 'error'.
      socket.on('error', () => {})
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    table.handleUpgrade(req, socket, head)
  }
  server.on('upgrade', onUpgrade)

  const stats = (): SignalingStats => {
    let subscriptions = 0
    for (const subs of topics.values()) subscriptions += subs.size
    const droppedByReason = { ...counters.droppedByReason }
    const droppedFrames = Object.values(droppedByReason).reduce((a, b) => a + b, 0)
    const connections = table.counts()
    return {
      connections: connections.connections,
      topics: topics.size,
      subscriptions,
      droppedFrames,
      droppedByReason,
      refusedTopics: counters.refusedTopics,
      addresses: connections.addresses,
      heaviestAddressConnections: connections.heaviestAddressConnections,
      refusedConnections: connections.refused,
      evictedConnections: connections.evictedByReason.serverFull + connections.evictedByReason.addressFull,
      evictedByReason: connections.evictedByReason,
      terminatedClients: connections.terminated,
      published: counters.published,
      fanoutPublished: counters.fanoutPublished,
      fanoutDelivered: counters.fanoutDelivered,
      fanoutDropped: counters.fanoutDropped,
    }
  }

  return { limits, stats, close: table.close }
}
