/**
 * The connection table both WebSocket hubs stand on (signaling.ts at `/signal`, relay.ts at
 * `/relay`): admission with the per-address fair share of fairShare.ts (the heaviest address's
 * idle, then lonely, then newest connections give way with 4029; nobody able to give way: 1013),
 * the per-address bookkeeping, the topic index the fair share ranks by, the socket wiring, the ping
 * sweep and the shutdown. What differs between the hubs — their protocol, what a topic carries,
 * their rate rules, stats and log wording — comes in through the options.
 */
import { WebSocketServer } from 'ws'
import type { WebSocket, RawData } from 'ws'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { LogThrottle, clientAddress, pickVictim, pickVictimFromHeaviest } from './fairShare.ts'
import type { TenantState } from './fairShare.ts'

/** The limits both hubs have; the table enforces the connection ones. */
export interface ConnectionLimits {
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
   * heaviest address gives way (closed with 4029, see signaling.ts's header comment).
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
}

export type EvictionReason =
  /** The hub was at `maxConnections`; the heaviest address gave way. */
  | 'serverFull'
  /** The newcomer's address was at `maxConnectionsPerAddress`; one of its own gave way. */
  | 'addressFull'

/** Per-connection state, kept outside the socket object so nothing is monkey-patched onto ws. */
export interface HubClient {
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
}

/**
 * Private-use close code (4000–4999) for "evicted to make room", after HTTP 429 Too Many Requests.
 * Distinct from 1013 so logs and tests can tell an eviction from a refusal; y-webrtc reconnects
 * after either.
 */
export const CLOSE_EVICTED = 4029
const CLOSE_GOING_AWAY = 1001
const CLOSE_TRY_AGAIN_LATER = 1013
/** How long a close waits for a polite close handshake before cutting sockets off. */
const CLOSE_GRACE_MS = 1000

/** A hub's limits: its defaults with the overrides, and `closeFrameBytes` never below `maxFrameBytes`. */
export function resolveLimits<L extends ConnectionLimits>(defaults: Readonly<L>, overrides?: Partial<L>): L {
  const limits = { ...defaults, ...overrides } as L
  if (limits.closeFrameBytes < limits.maxFrameBytes) limits.closeFrameBytes = limits.maxFrameBytes
  return limits
}

export interface ConnectionTableOptions<C extends HubClient> {
  /** The hub's name at the start of its log lines ("signaling", "relay"). */
  name: string
  limits: Readonly<ConnectionLimits>
  log: (line: string) => void
  /** What the throttled summary of client errors calls them ("client errors"). */
  clientErrorSummary: string
  /** Close reason sent to an evicted connection. */
  evictionMessages: Readonly<Record<EvictionReason, string>>
  /** The hub's client: the table's fields plus the hub's own (rate windows, …). */
  newClient(base: HubClient, now: number): C
  /** A frame from a client that is still in the table. */
  handleMessage(client: C, data: RawData, isBinary: boolean): void
  /** `handleMessage` threw: count the frame as the hub counts an invalid one. */
  onFrameError(client: C): void
  /** Takes a client out of one topic, with whatever the hub does when that happens. */
  unsubscribe(client: C, topic: string): void
  /** A connection was evicted (already forgotten and closing): count and log it. */
  onEvicted(victim: C, reason: EvictionReason, newcomer: string, load: number): void
  /** A newcomer was refused because nobody could give way (not called while shutting down). */
  onRefused?(address: string): void
  /** A client that did not answer the previous ping is about to be terminated. */
  onUnresponsive?(client: C): void
  /** Shutdown, after the ping timer stopped and before the sockets are closed. */
  onClose(): void
}

export interface ConnectionCounts {
  connections: number
  /** Distinct remote addresses (IPv4, IPv6 /64) with at least one open connection. */
  addresses: number
  heaviestAddressConnections: number
  /** Connections closed with 1013 and never served. */
  refused: number
  evictedByReason: Record<EvictionReason, number>
  /** Connections terminated for not answering a ping. */
  terminated: number
}

export interface ConnectionTable<C extends HubClient> {
  readonly throttle: LogThrottle
  /** Subscribers per topic; topics without subscribers are removed. */
  readonly topics: Map<string, Set<C>>
  /** True once close() was called. */
  readonly closing: boolean
  /** Takes over a WebSocket upgrade request (the caller has checked the path). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Adds a client to a topic; `onFirst` runs when the topic gets its first subscriber. */
  join(client: C, topic: string, onFirst: () => void): void
  /**
   * Takes a client out of a topic. Returns the topic's remaining subscribers (empty: the topic is
   * gone from `topics`), or undefined if the client was not subscribed.
   */
  leave(client: C, topic: string): Set<C> | undefined
  /** Takes a client out of every index at once, so its slot is free before its socket closes. */
  forget(client: C): void
  /** Closes politely, and cuts the socket off if the client does not finish the handshake. */
  closeSocket(socket: WebSocket, code: number, reason: string): void
  counts(): ConnectionCounts
  /** Closes every client (1001 "going away") and stops the ping timer; resolves once all are closed. */
  close(): Promise<void>
}

export function createConnectionTable<C extends HubClient>(
  options: ConnectionTableOptions<C>,
): ConnectionTable<C> {
  const { name, limits, log } = options
  const throttle = new LogThrottle(log)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.closeFrameBytes,
    // Compression would only cost CPU and open zip-bomb games.
    perMessageDeflate: false,
    clientTracking: false,
  })

  const clients = new Set<C>()
  /** The same clients, by remote address; empty sets are removed. */
  const byAddress = new Map<string, Set<C>>()
  const topics = new Map<string, Set<C>>()
  /** Every socket we hold, including refused ones still finishing their close handshake. */
  const sockets = new Set<WebSocket>()
  let nextSeq = 0
  let closing = false
  let refused = 0
  let terminated = 0
  const evictedByReason: Record<EvictionReason, number> = { serverFull: 0, addressFull: 0 }

  const tenantState = (client: C): TenantState => {
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

  const join = (client: C, topic: string, onFirst: () => void): void => {
    client.topics.add(topic)
    let subs = topics.get(topic)
    if (!subs) {
      subs = new Set()
      topics.set(topic, subs)
      onFirst()
    }
    subs.add(client)
  }

  const leave = (client: C, topic: string): Set<C> | undefined => {
    if (!client.topics.delete(topic)) return undefined
    const subs = topics.get(topic)
    if (!subs) return undefined
    if (subs.size >= 2) {
      // Both were sharing a room until now; remember it for the eviction order (fairShare.ts).
      const now = Date.now()
      for (const other of subs) other.lastSharedAt = now
    }
    subs.delete(client)
    // Empty topics are removed so the map cannot grow without bound over a long day.
    if (subs.size === 0) topics.delete(topic)
    return subs
  }

  const forget = (client: C): void => {
    if (client.gone) return
    client.gone = true
    clients.delete(client)
    const own = byAddress.get(client.address)
    own?.delete(client)
    if (own?.size === 0) byAddress.delete(client.address)
    for (const topic of [...client.topics]) options.unsubscribe(client, topic)
  }

  const closeSocket = (socket: WebSocket, code: number, reason: string): void => {
    socket.close(code, reason)
    const force = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS)
    force.unref()
    socket.once('close', () => clearTimeout(force))
  }

  const evict = (victim: C, reason: EvictionReason, newcomer: string, load: number): void => {
    evictedByReason[reason]++
    forget(victim)
    closeSocket(victim.socket, CLOSE_EVICTED, options.evictionMessages[reason])
    options.onEvicted(victim, reason, newcomer, load)
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

  const onConnection = (socket: WebSocket, req: IncomingMessage): void => {
    // Without an 'error' listener ws would rethrow protocol errors (bad UTF-8, oversize frame)
    // and crash the whole process; with one, only this socket is closed.
    socket.on('error', (err) => {
      throttle.event('clientError', `${name}: client error: ${err.message}`, options.clientErrorSummary)
    })
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))

    const address = clientAddress(req, limits.trustProxy)
    if (closing || !makeRoom(address)) {
      refused++
      closeSocket(socket, CLOSE_TRY_AGAIN_LATER, closing ? 'server shutting down' : 'server full')
      if (!closing) options.onRefused?.(address)
      return
    }

    const now = Date.now()
    const base: HubClient = {
      socket,
      topics: new Set(),
      address,
      seq: nextSeq++,
      connectedAt: now,
      lastSharedAt: 0,
      gone: false,
      alive: true,
    }
    const client = options.newClient(base, now)
    clients.add(client)
    let own = byAddress.get(address)
    if (!own) {
      own = new Set()
      byAddress.set(address, own)
    }
    own.add(client)

    socket.on('pong', () => {
      client.alive = true
    })
    socket.on('message', (data, isBinary) => {
      try {
        // An evicted client's frames still in flight are ignored: it holds no slot any more.
        if (!client.gone) options.handleMessage(client, data, isBinary)
      } catch (err) {
        // Defensive: a bug in one frame's handling must never take the room down.
        options.onFrameError(client)
        log(`${name}: unexpected error while handling a frame: ${String(err)}`)
      }
    })
    socket.on('close', () => forget(client))
  }

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A reset during the handshake must not surface as an unhandled 'error'.
    socket.on('error', () => {})
    wss.handleUpgrade(req, socket, head, onConnection)
  }

  // One timer for all clients: cheaper than one per socket and trivially cleaned up.
  const pingTimer = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        terminated++
        options.onUnresponsive?.(client)
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

  const counts = (): ConnectionCounts => ({
    connections: clients.size,
    addresses: byAddress.size,
    heaviestAddressConnections: Math.max(0, ...[...byAddress.values()].map((set) => set.size)),
    refused,
    evictedByReason: { ...evictedByReason },
    terminated,
  })

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      clearInterval(pingTimer)
      options.onClose()
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

  return {
    throttle,
    topics,
    get closing() {
      return closing
    },
    handleUpgrade,
    join,
    leave,
    forget,
    closeSocket,
    counts,
    close,
  }
}
