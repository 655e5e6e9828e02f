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
 */
import { WebSocketServer } from 'ws'
import type { WebSocket, RawData } from 'ws'
import type { IncomingMessage, Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'

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
  /** Connections beyond this are accepted and immediately closed with 1013 ("try again later"). */
  maxConnections: number
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
  /** Connections closed with 1013 because the hub was full. */
  refusedConnections: number
  /** Connections terminated for not answering a ping. */
  terminatedClients: number
  /** Publish messages forwarded (one per publish, not per receiver). */
  published: number
}

export interface SignalingHubOptions {
  /** URL path that accepts WebSocket upgrades; everything else gets a 404. */
  path?: string
  limits?: Partial<SignalingLimits>
  log?: (line: string) => void
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
  alive: boolean
  windowStart: number
  windowCount: number
}

const WS_OPEN = 1
const CLOSE_GOING_AWAY = 1001
const CLOSE_TRY_AGAIN_LATER = 1013

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

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.closeFrameBytes,
    // Signaling frames are small JSON; compression would only cost CPU and open zip-bomb games.
    perMessageDeflate: false,
    clientTracking: false,
  })

  const clients = new Set<Client>()
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
    refusedConnections: 0,
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
    subs.delete(client)
    // Empty topics are removed so the map cannot grow without bound over a long day.
    if (subs.size === 0) topics.delete(topic)
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

    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.from(data).toString('utf8')
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

  const onConnection = (socket: WebSocket): void => {
    // Without an 'error' listener ws would rethrow protocol errors (bad UTF-8, oversize frame)
    // and crash the whole process; with one, only this socket is closed.
    socket.on('error', (err) => log(`signaling: client error: ${err.message}`))
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))

    if (closing || clients.size >= limits.maxConnections) {
      counters.refusedConnections++
      socket.close(CLOSE_TRY_AGAIN_LATER, closing ? 'server shutting down' : 'server full')
      if (!closing) log(`signaling: refused a connection, limit of ${limits.maxConnections} reached`)
      return
    }

    const client: Client = {
      socket,
      topics: new Set(),
      alive: true,
      windowStart: Date.now(),
      windowCount: 0,
    }
    clients.add(client)

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
    socket.on('close', () => {
      clients.delete(client)
      for (const topic of [...client.topics]) unsubscribe(client, topic)
    })
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
        log('signaling: terminated a client that did not answer a ping')
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
      refusedConnections: counters.refusedConnections,
      terminatedClients: counters.terminatedClients,
      published: counters.published,
    }
  }

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      clearInterval(pingTimer)
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
