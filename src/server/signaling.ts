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
import { WebSocketServer } from 'ws'
import type { WebSocket, RawData } from 'ws'
import type { IncomingMessage, Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { LogThrottle, clientAddress, pickVictim, pickVictimFromHeaviest } from './fairShare.ts'
import type { TenantState } from './fairShare.ts'
import { noFanout } from './fanout.ts'
import type { Fanout } from './fanout.ts'

export interface SignalingLimits {
  /** Frames larger than this are dropped; the connection stays open. */
  maxFrameBytes: number
  /**
   * Frames larger than this close the connection (code 1009). This is ws's `maxPayload`, which is
   * enforced while the frame is still arriving, so a client cannot make us buffer megabytes.
   * It sits above `maxFrameBytes` so a merely-too-big message does not cost the peer its link.
   */
  closeFrameBytes: number
  maxTopicsPerConnection: number
  maxTopicLength: number
  /**
   * Connections the hub holds at once. A newcomer beyond this is not refused: a connection of the
   * heaviest address gives way (closed with 4029, see the header comment).
   */
  maxConnections: number
  /**
   * Connections one remote address may hold; a newcomer beyond this evicts one of its own
   * address's connections (4029). Must stay well above what an honest class behind one NAT needs.
   */
  maxConnectionsPerAddress: number
  /**
   * Take the client address from the last X-Forwarded-For entry (TRUST_PROXY=1). Only for a hub
   * behind exactly one reverse proxy that sets that header: otherwise any client could claim any
   * address and dodge the per-address limit. Off by default. (Not a limit, but it decides what the
   * per-address limit counts, and `limits` is the option that reaches the hub from startServer.)
   */
  trustProxy: boolean
  /** Server-side ping interval; a client that did not answer the previous ping is terminated. */
  pingIntervalMs: number
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

export type EvictionReason =
  /** The hub was at `maxConnections`; the heaviest address gave way. */
  | 'serverFull'
  /** The newcomer's address was at `maxConnectionsPerAddress`; one of its own gave way. */
  | 'addressFull'

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

/** Per-connection state, kept outside the socket object so nothing is monkey-patched onto ws. */
interface Client {
  readonly socket: WebSocket
  readonly topics: Set<string>
  /** Remote address key (fairShare.ts addressKey). */
  readonly address: string
  /** Admission order, for "newest first". */
  readonly seq: number
  readonly connectedAt: number
  /** Last time it was known to share a topic with another connection (0: never). */
  lastSharedAt: number
  /** Evicted or closed: removed from every index, its late frames are ignored. */
  gone: boolean
  alive: boolean
  windowStart: number
  windowCount: number
}

const WS_OPEN = 1
const CLOSE_GOING_AWAY = 1001
const CLOSE_TRY_AGAIN_LATER = 1013
/**
 * Private-use close code (4000–4999) for "evicted to make room", after HTTP 429 Too Many Requests.
 * Distinct from 1013 so logs and tests can tell an eviction from a refusal; y-webrtc reconnects
 * after either.
 */
export const CLOSE_EVICTED = 4029
const EVICTION_REASONS: Record<EvictionReason, string> = {
  serverFull: 'evicted: server full, your address holds the most connections',
  addressFull: 'evicted: too many connections from your address',
}

/** How long close() waits for a polite close handshake before cutting sockets off. */
const CLOSE_GRACE_MS = 1000

export function attachSignaling(
  server: HttpServer | HttpsServer,
  options: SignalingHubOptions = {},
): SignalingHub {
  const path = options.path ?? '/signal'
  const log = options.log ?? (() => {})
  const limits: SignalingLimits = { ...DEFAULT_SIGNALING_LIMITS, ...options.limits }
  if (limits.closeFrameBytes < limits.maxFrameBytes) limits.closeFrameBytes = limits.maxFrameBytes
  const throttle = new LogThrottle(log)
  const fanout = options.fanout ?? noFanout
  const channelPrefix = options.fanoutChannelPrefix ?? 'medvirk:signal:'

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.closeFrameBytes,
    // Signaling frames are small JSON; compression would only cost CPU and open zip-bomb games.
    perMessageDeflate: false,
    clientTracking: false,
  })

  const clients = new Set<Client>()
  /** The same clients, by remote address; empty sets are removed. */
  const byAddress = new Map<string, Set<Client>>()
  let nextSeq = 0
  /** Every socket we hold, including refused ones still finishing their close handshake. */
  const sockets = new Set<WebSocket>()
  const topics = new Map<string, Set<Client>>()
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
    refusedConnections: 0,
    evictedByReason: { serverFull: 0, addressFull: 0 } satisfies Record<EvictionReason, number>,
    terminatedClients: 0,
    published: 0,
  }
  let closing = false

  const drop = (reason: DropReason): void => {
    counters.droppedByReason[reason]++
  }

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
    if (!client.topics.delete(topic)) return
    const subs = topics.get(topic)
    if (!subs) return
    if (subs.size >= 2) {
      // Both were sharing a room until now; remember it for the eviction order (fairShare.ts).
      const now = Date.now()
      for (const other of subs) other.lastSharedAt = now
    }
    subs.delete(client)
    // Empty topics are removed so the map cannot grow without bound over a long day; the last
    // local subscriber gone, other instances' frames for it are of no use here either.
    if (subs.size === 0) {
      topics.delete(topic)
      fanout.unsubscribe(channelPrefix + topic)
    }
  }

  /**
   * A publish another instance accepted (from its client, under its limits), arriving through the
   * fan-out: delivered to this instance's subscribers of `topic`, like a local publish. Still
   * checked: the bytes came over the network from Redis.
   */
  const onFanoutFrame = (topic: string, payload: Buffer): void => {
    if (closing) return
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

  const tenantState = (client: Client): TenantState => {
    let shared = false
    for (const topic of client.topics) {
      if ((topics.get(topic)?.size ?? 0) >= 2) {
        shared = true
        break
      }
    }
    return {
      seq: client.seq,
      connectedAt: client.connectedAt,
      lastSharedAt: client.lastSharedAt,
      subscribed: client.topics.size > 0,
      shared,
    }
  }

  /** Takes a client out of every index at once, so its slot is free before its socket closes. */
  const forget = (client: Client): void => {
    if (client.gone) return
    client.gone = true
    clients.delete(client)
    const peers = byAddress.get(client.address)
    peers?.delete(client)
    if (peers?.size === 0) byAddress.delete(client.address)
    for (const topic of [...client.topics]) unsubscribe(client, topic)
  }

  /** Closes politely, and cuts the socket off if the client does not finish the handshake. */
  const closeSocket = (socket: WebSocket, code: number, reason: string): void => {
    socket.close(code, reason)
    const force = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS)
    force.unref()
    socket.once('close', () => clearTimeout(force))
  }

  const evict = (victim: Client, reason: EvictionReason, newcomer: string, load: number): void => {
    counters.evictedByReason[reason]++
    forget(victim)
    closeSocket(victim.socket, CLOSE_EVICTED, EVICTION_REASONS[reason])
    const why =
      reason === 'serverFull'
        ? `server full (${limits.maxConnections}); ${victim.address} is the heaviest address with ${load}`
        : `${victim.address} reached its limit of ${limits.maxConnectionsPerAddress}`
    throttle.event(
      `evict:${reason}`,
      `signaling: evicted a connection from ${victim.address} for a newcomer from ${newcomer}: ${why}`,
      `evictions (${reason})`,
    )
  }

  /**
   * Makes room for a newcomer from `address`: first its own address's limit, then the hub's.
   * Returns false only when nobody can give way (a limit of 0), i.e. the newcomer is refused.
   */
  const makeRoom = (address: string): boolean => {
    const now = Date.now()
    const own = byAddress.get(address)
    if (own && own.size >= limits.maxConnectionsPerAddress) {
      const victim = pickVictim(own, tenantState, now)
      if (victim) evict(victim, 'addressFull', address, own.size + 1)
    }
    while (clients.size >= limits.maxConnections) {
      const choice = pickVictimFromHeaviest(byAddress, address, tenantState, now)
      if (!choice) return false
      evict(choice.victim, 'serverFull', address, choice.load)
    }
    return (byAddress.get(address)?.size ?? 0) < limits.maxConnectionsPerAddress
  }

  const isValidTopic = (topic: unknown): topic is string =>
    typeof topic === 'string' && topic.length > 0 && topic.length <= limits.maxTopicLength

  const handleMessage = (client: Client, data: RawData, isBinary: boolean): void => {
    // An evicted client's frames still in flight are ignored: it holds no slot any more.
    if (client.gone) return
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
          client.topics.add(topic)
          let subs = topics.get(topic)
          if (!subs) {
            subs = new Set()
            topics.set(topic, subs)
            // First local subscriber: start receiving what other instances publish on it.
            fanout.subscribe(channelPrefix + topic, (payload) => onFanoutFrame(topic, payload))
          }
          subs.add(client)
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

  const onConnection = (socket: WebSocket, req: IncomingMessage): void => {
    // Without an 'error' listener ws would rethrow protocol errors (bad UTF-8, oversize frame)
    // and crash the whole process; with one, only this socket is closed.
    socket.on('error', (err) => {
      throttle.event('clientError', `signaling: client error: ${err.message}`, 'client errors')
    })
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))

    const address = clientAddress(req, limits.trustProxy)
    if (closing || !makeRoom(address)) {
      counters.refusedConnections++
      closeSocket(socket, CLOSE_TRY_AGAIN_LATER, closing ? 'server shutting down' : 'server full')
      if (!closing) {
        throttle.event(
          'refuse',
          `signaling: refused a connection from ${address}: no connection can give way`,
          'refusals',
        )
      }
      return
    }

    const now = Date.now()
    const client: Client = {
      socket,
      topics: new Set(),
      address,
      seq: nextSeq++,
      connectedAt: now,
      lastSharedAt: 0,
      gone: false,
      alive: true,
      windowStart: now,
      windowCount: 0,
    }
    clients.add(client)
    let peers = byAddress.get(address)
    if (!peers) {
      peers = new Set()
      byAddress.set(address, peers)
    }
    peers.add(client)

    socket.on('pong', () => {
      client.alive = true
    })
    socket.on('message', (data, isBinary) => {
      try {
        handleMessage(client, data, isBinary)
      } catch (err) {
        // Defensive: a bug in one frame's handling must never take the room down.
        drop('invalid')
        log(`signaling: unexpected error while handling a frame: ${String(err)}`)
      }
    })
    socket.on('close', () => forget(client))
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A reset during the handshake must not surface as an unhandled 'error'.
    socket.on('error', () => {})
    const pathname = (req.url ?? '/').split('?', 1)[0]
    if (pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, onConnection)
  }
  server.on('upgrade', onUpgrade)

  // One timer for all clients: cheaper than one per socket and trivially cleaned up.
  const pingTimer = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        counters.terminatedClients++
        throttle.event(
          'terminate',
          `signaling: terminated a client from ${client.address} that did not answer a ping`,
          'terminations',
        )
        client.socket.terminate()
        continue
      }
      client.alive = false
      try {
        client.socket.ping()
      } catch {
        client.socket.terminate()
      }
    }
  }, limits.pingIntervalMs)
  // The HTTP server keeps the process alive; this timer alone should not.
  pingTimer.unref()

  const stats = (): SignalingStats => {
    let subscriptions = 0
    for (const subs of topics.values()) subscriptions += subs.size
    const droppedByReason = { ...counters.droppedByReason }
    const droppedFrames = Object.values(droppedByReason).reduce((a, b) => a + b, 0)
    return {
      connections: clients.size,
      topics: topics.size,
      subscriptions,
      droppedFrames,
      droppedByReason,
      refusedTopics: counters.refusedTopics,
      addresses: byAddress.size,
      heaviestAddressConnections: Math.max(0, ...[...byAddress.values()].map((set) => set.size)),
      refusedConnections: counters.refusedConnections,
      evictedConnections: counters.evictedByReason.serverFull + counters.evictedByReason.addressFull,
      evictedByReason: { ...counters.evictedByReason },
      terminatedClients: counters.terminatedClients,
      published: counters.published,
      fanoutPublished: counters.fanoutPublished,
      fanoutDelivered: counters.fanoutDelivered,
      fanoutDropped: counters.fanoutDropped,
    }
  }

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      clearInterval(pingTimer)
      // The fan-out may serve other hubs and outlive this one: give back only our channels.
      for (const topic of topics.keys()) fanout.unsubscribe(channelPrefix + topic)
      throttle.flush()
      server.off('upgrade', onUpgrade)
      const pending = [...sockets].map(
        (socket) =>
          new Promise<void>((done) => {
            if (socket.readyState === 3 /* CLOSED */) return done()
            socket.once('close', () => done())
            socket.close(CLOSE_GOING_AWAY, 'server shutting down')
          }),
      )
      // A client that never answers the close handshake is cut off after a grace period.
      const force = setTimeout(() => {
        for (const socket of sockets) socket.terminate()
      }, CLOSE_GRACE_MS)
      void Promise.all(pending).then(() => {
        clearTimeout(force)
        wss.close(() => resolve())
      })
    })
    return closed
  }

  return { limits, stats, close }
}
