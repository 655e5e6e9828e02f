/**
 * The relay hub (issue 13): topic pub/sub of opaque, end-to-end-encrypted frames over WebSocket at
 * `/relay`, for rooms whose devices cannot reach each other directly (a Wi-Fi that isolates
 * clients). The devices encrypt every frame with the room content key (src/sync/relay/); the hub
 * never holds a key and cannot read a note, a ballot or a flow event. It sees topic names (derived
 * from the content key, not from the join code), frame sizes, timing and addresses.
 *
 * Wire protocol (small on purpose):
 *   client → server  text   {"t":"sub","topics":[…]}      subscribe (at most maxTopicsPerConnection)
 *                    text   {"t":"unsub","topics":[…]}    unsubscribe
 *                    text   {"t":"ping"}                  → {"t":"pong"}
 *                    binary [1 byte topic length n][n bytes topic, UTF-8][payload]   publish
 *   server → client  binary the publish frame exactly as the sender sent it, to every other
 *                           subscriber of the topic (never back to the sender)
 *                    text   {"t":"count","topic":…,"n":<subscribers here>} whenever the number of
 *                           subscribers of a topic changes, to each of them (clients use it to
 *                           decide whether anyone needs the relay at all)
 *                    text   {"t":"pong"}
 * The hub adds nothing to a frame and needs nothing from it but the topic prefix.
 *
 * With several instances (`fanout`, e.g. Redis), every frame published here is also handed to
 * channel `medvirk:relay:<topic>`, and frames from other instances on that channel are delivered to
 * the local subscribers. So that the count covers the whole room, each instance also publishes its
 * own subscriber count of a topic on `medvirk:relay-count:<topic>` (`<instance id> <n>`) when it
 * changes, every 10 s, and once in answer to an instance it has not heard of; counts not renewed
 * for 30 s are forgotten. The count sent to devices is the sum.
 *
 * Bounds, the same fair share as signaling (fairShare.ts): connections per address and in total
 * (the heaviest address's idle, then lonely, then newest connections give way, close 4029); frame
 * size; topics per connection; frames and bytes per second per connection (over the budget frames
 * are dropped, at twice the budget the connection is cut off with 1008); bytes per topic (room) per
 * second (over it, frames of that room are dropped, no other room is touched); slow receivers are
 * skipped. Every drop, eviction and cut-off is counted in stats() and logged, throttled.
 */
import { randomBytes } from 'node:crypto'
import type { RawData } from 'ws'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { CLOSE_EVICTED, createConnectionTable, resolveLimits } from './hubConnections.ts'
import type { ConnectionLimits, HubClient } from './hubConnections.ts'
import { noFanout, type Fanout } from './fanout.ts'

/** Frame, topic, connection and ping limits: see ConnectionLimits (hubConnections.ts). */
export interface RelayLimits extends ConnectionLimits {
  /** Frames (of any kind) one connection may send per second; at twice this it is cut off. */
  framesPerSecond: number
  /** Bytes one connection may publish per second; at twice this it is cut off. */
  bytesPerSecondPerConnection: number
  /** Bytes published into one topic (room) per second, summed over its senders. */
  bytesPerRoomPerSecond: number
  /** A receiver with more than this queued is slow or gone; frames to it are dropped. */
  maxBufferedBytes: number
}

export const DEFAULT_RELAY_LIMITS: Readonly<RelayLimits> = Object.freeze({
  // A late joiner's sync step 2 of a large session (1,000 notes ≈ 220 KB) fits in one frame.
  maxFrameBytes: 512 * 1024,
  closeFrameBytes: 1024 * 1024,
  // One room per page; a few tabs' worth.
  maxTopicsPerConnection: 8,
  // Topics are base64url SHA-256 (43 characters).
  maxTopicLength: 64,
  maxConnections: 400,
  // Same reasoning as signaling: a class behind one NAT with a second tab and lingering sockets.
  maxConnectionsPerAddress: 128,
  trustProxy: false,
  // A note is 1–3 frames, typing a long note a few a second, awareness renewals every 15 s; a
  // burst of a whole class answering a sync step 1 is one frame each. 100/s is far above an
  // honest device and still stops a loop.
  framesPerSecond: 100,
  bytesPerSecondPerConnection: 2 * 1024 * 1024,
  // 35 devices × a few KB/s in normal use; a late joiner's state is a few hundred KB, once.
  bytesPerRoomPerSecond: 4 * 1024 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  pingIntervalMs: 30_000,
})

export type RelayDropReason =
  | 'tooLarge'
  | 'badFrame'
  | 'notJson'
  | 'invalid'
  | 'notSubscribed'
  | 'rateLimited'
  | 'roomBudget'
  | 'slowReceiver'

export interface RelayStats {
  connections: number
  topics: number
  subscriptions: number
  addresses: number
  /** Frames accepted for forwarding (one per publish, not per receiver). */
  published: number
  /** Payload bytes accepted for forwarding. */
  publishedBytes: number
  /** Deliveries made (one per receiver). */
  delivered: number
  /** Frames that arrived from other instances through the fan-out. */
  fannedIn: number
  droppedFrames: number
  droppedByReason: Record<RelayDropReason, number>
  refusedTopics: number
  evictedConnections: number
  /** Connections closed for flooding (twice the per-connection budget). */
  cutOff: number
  terminatedClients: number
}

export interface RelayHubOptions {
  limits?: Partial<RelayLimits>
  fanout?: Fanout
  log?: (line: string) => void
}

export interface RelayHub {
  readonly limits: Readonly<RelayLimits>
  /** Takes over a WebSocket upgrade request (the caller has checked the path). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  stats(): RelayStats
  close(): Promise<void>
}

interface Client extends HubClient {
  windowStart: number
  windowFrames: number
  windowBytes: number
}

interface RoomBudget {
  windowStart: number
  bytes: number
}

const WS_OPEN = 1
const CLOSE_POLICY = 1008
export const CLOSE_RELAY_EVICTED = CLOSE_EVICTED
const EVICTED = 'evicted: your address holds the most connections'
export const RELAY_CHANNEL_PREFIX = 'medvirk:relay:'
export const RELAY_COUNT_CHANNEL_PREFIX = 'medvirk:relay-count:'
const COUNT_REFRESH_MS = 10_000
const COUNT_TTL_MS = 30_000

/** Splits a publish frame into its topic and payload; undefined for a malformed frame. */
export function parseRelayFrame(frame: Buffer): { topic: string; payload: Buffer } | undefined {
  if (frame.length < 1) return undefined
  const n = frame[0] ?? 0
  if (n === 0 || frame.length < 1 + n) return undefined
  return { topic: frame.subarray(1, 1 + n).toString('utf8'), payload: frame.subarray(1 + n) }
}

export function createRelayHub(options: RelayHubOptions = {}): RelayHub {
  const log = options.log ?? (() => {})
  const fanout = options.fanout ?? noFanout
  const limits = resolveLimits(DEFAULT_RELAY_LIMITS, options.limits)
  const rooms = new Map<string, RoomBudget>()
  const counters = {
    droppedByReason: {
      tooLarge: 0,
      badFrame: 0,
      notJson: 0,
      invalid: 0,
      notSubscribed: 0,
      rateLimited: 0,
      roomBudget: 0,
      slowReceiver: 0,
    } satisfies Record<RelayDropReason, number>,
    published: 0,
    publishedBytes: 0,
    delivered: 0,
    fannedIn: 0,
    refusedTopics: 0,
    cutOff: 0,
  }

  const table = createConnectionTable<Client>({
    name: 'relay',
    limits,
    log,
    clientErrorSummary: 'relay client errors',
    evictionMessages: { serverFull: EVICTED, addressFull: EVICTED },
    newClient: (base, now) => ({ ...base, windowStart: now, windowFrames: 0, windowBytes: 0 }),
    handleMessage: (client, data, isBinary) => handleMessage(client, data, isBinary),
    onFrameError: (client) => drop('invalid', client),
    unsubscribe: (client, topic) => unsubscribe(client, topic),
    onEvicted: (victim, _reason, newcomer) => {
      throttle.event('evict', `relay: evicted a connection from ${victim.address} for a newcomer from ${newcomer}`, 'relay evictions')
    },
    onClose: () => {
      clearInterval(countTimer)
      throttle.flush()
      for (const topic of topics.keys()) {
        fanout.publish(RELAY_COUNT_CHANNEL_PREFIX + topic, Buffer.from(`${instanceId} 0`))
        fanout.unsubscribe(RELAY_CHANNEL_PREFIX + topic)
        fanout.unsubscribe(RELAY_COUNT_CHANNEL_PREFIX + topic)
      }
    },
  })
  const { throttle, topics } = table

  const drop = (reason: RelayDropReason, client?: Client): void => {
    counters.droppedByReason[reason]++
    if (reason !== 'slowReceiver' && reason !== 'notSubscribed') {
      throttle.event(`drop:${reason}`, `relay: dropped a frame (${reason})${client ? ` from ${client.address}` : ''}`, `relay drops (${reason})`)
    }
  }

  const sendText = (client: Client, text: string): void => {
    if (client.socket.readyState !== WS_OPEN) return
    client.socket.send(text, () => {})
  }

  const deliver = (client: Client, frame: Buffer): void => {
    const { socket } = client
    if (socket.readyState !== WS_OPEN) return
    if (socket.bufferedAmount > limits.maxBufferedBytes) return drop('slowReceiver')
    counters.delivered++
    socket.send(frame, { binary: true }, () => {})
  }

  const instanceId = randomBytes(6).toString('hex')
  /** Other instances' subscriber counts per topic (only with a fan-out). */
  const remoteCounts = new Map<string, Map<string, { n: number; at: number }>>()
  const totalCount = (topic: string): number => {
    let n = topics.get(topic)?.size ?? 0
    const now = Date.now()
    const remote = remoteCounts.get(topic)
    if (remote) {
      for (const [id, r] of remote) {
        if (now - r.at > COUNT_TTL_MS) remote.delete(id)
        else n += r.n
      }
    }
    return n
  }
  const lastAnnounced = new Map<string, number>()
  const announceCount = (topic: string): void => {
    const subs = topics.get(topic)
    if (!subs) return
    const n = totalCount(topic)
    lastAnnounced.set(topic, n)
    const text = JSON.stringify({ t: 'count', topic, n })
    for (const c of subs) sendText(c, text)
  }
  const publishCount = (topic: string): void => {
    fanout.publish(RELAY_COUNT_CHANNEL_PREFIX + topic, Buffer.from(`${instanceId} ${topics.get(topic)?.size ?? 0}`))
  }
  const onRemoteCount = (topic: string) => (payload: Buffer): void => {
    const m = /^([0-9a-f]{1,32}) (\d{1,6})$/.exec(payload.toString('utf8'))
    if (!m || m[1] === instanceId) return
    let remote = remoteCounts.get(topic)
    if (!remote) {
      remote = new Map()
      remoteCounts.set(topic, remote)
    }
    const id = m[1] ?? ''
    const known = remote.has(id)
    const n = Number(m[2])
    if (n === 0) remote.delete(id)
    else remote.set(id, { n, at: Date.now() })
    // A newcomer instance learns our count at once instead of at the next refresh.
    if (!known && n > 0) publishCount(topic)
    if (totalCount(topic) !== lastAnnounced.get(topic)) announceCount(topic)
  }

  const onFanoutFrame = (topic: string) => (frame: Buffer): void => {
    counters.fannedIn++
    const subs = topics.get(topic)
    if (!subs) return
    for (const c of subs) deliver(c, frame)
  }

  const subscribe = (client: Client, topic: string): void => {
    if (client.topics.has(topic)) return
    if (client.topics.size >= limits.maxTopicsPerConnection) {
      counters.refusedTopics++
      return
    }
    table.join(client, topic, () => {
      fanout.subscribe(RELAY_CHANNEL_PREFIX + topic, onFanoutFrame(topic))
      fanout.subscribe(RELAY_COUNT_CHANNEL_PREFIX + topic, onRemoteCount(topic))
    })
    publishCount(topic)
    announceCount(topic)
  }

  const unsubscribe = (client: Client, topic: string): void => {
    const subs = table.leave(client, topic)
    if (!subs) return
    if (subs.size === 0) {
      rooms.delete(topic)
      publishCount(topic)
      fanout.unsubscribe(RELAY_CHANNEL_PREFIX + topic)
      fanout.unsubscribe(RELAY_COUNT_CHANNEL_PREFIX + topic)
      remoteCounts.delete(topic)
      lastAnnounced.delete(topic)
    } else {
      publishCount(topic)
      announceCount(topic)
    }
  }

  const cutOff = (client: Client, why: string): void => {
    counters.cutOff++
    table.forget(client)
    table.closeSocket(client.socket, CLOSE_POLICY, 'flooding')
    throttle.event('cutoff', `relay: cut off a connection from ${client.address}: ${why}`, 'relay cut-offs')
  }

  const validTopic = (topic: unknown): topic is string =>
    typeof topic === 'string' && topic.length > 0 && topic.length <= limits.maxTopicLength && Buffer.byteLength(topic) <= 255

  const handleText = (client: Client, text: string): void => {
    let msg: unknown
    try {
      msg = JSON.parse(text)
    } catch {
      return drop('notJson', client)
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return drop('invalid', client)
    const m = msg as Record<string, unknown>
    const list = m['topics']
    switch (m['t']) {
      case 'sub':
      case 'unsub':
        if (!Array.isArray(list)) return drop('invalid', client)
        for (const topic of list) {
          if (!validTopic(topic)) counters.refusedTopics++
          else if (m['t'] === 'sub') subscribe(client, topic)
          else unsubscribe(client, topic)
        }
        return
      case 'ping':
        return sendText(client, '{"t":"pong"}')
      default:
        return drop('invalid', client)
    }
  }

  const handlePublish = (client: Client, frame: Buffer): void => {
    const parsed = parseRelayFrame(frame)
    if (!parsed || !validTopic(parsed.topic)) return drop('badFrame', client)
    // Only members publish: a socket cannot spray frames into rooms it has not joined.
    if (!client.topics.has(parsed.topic)) return drop('notSubscribed', client)
    const now = Date.now()
    let room = rooms.get(parsed.topic)
    if (!room) {
      room = { windowStart: now, bytes: 0 }
      rooms.set(parsed.topic, room)
    }
    if (now - room.windowStart >= 1000) {
      room.windowStart = now
      room.bytes = 0
    }
    if (room.bytes + frame.length > limits.bytesPerRoomPerSecond) return drop('roomBudget', client)
    room.bytes += frame.length
    counters.published++
    counters.publishedBytes += parsed.payload.length
    const subs = topics.get(parsed.topic)
    if (subs) for (const c of subs) if (c !== client) deliver(c, frame)
    fanout.publish(RELAY_CHANNEL_PREFIX + parsed.topic, frame)
  }

  const handleMessage = (client: Client, data: RawData, isBinary: boolean): void => {
    const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    const now = Date.now()
    if (now - client.windowStart >= 1000) {
      client.windowStart = now
      client.windowFrames = 0
      client.windowBytes = 0
    }
    client.windowFrames++
    client.windowBytes += frame.length
    if (client.windowFrames > 2 * limits.framesPerSecond || client.windowBytes > 2 * limits.bytesPerSecondPerConnection) {
      return cutOff(client, `${client.windowFrames} frames, ${client.windowBytes} bytes within a second`)
    }
    if (client.windowFrames > limits.framesPerSecond || client.windowBytes > limits.bytesPerSecondPerConnection) {
      return drop('rateLimited', client)
    }
    if (frame.length > limits.maxFrameBytes) return drop('tooLarge', client)
    if (isBinary) handlePublish(client, frame)
    else handleText(client, frame.toString('utf8'))
  }

  // Renew this instance's counts for the others, and drop counts of instances that went quiet.
  const countTimer = setInterval(() => {
    if (fanout === noFanout) return
    for (const topic of topics.keys()) {
      publishCount(topic)
      if (totalCount(topic) !== lastAnnounced.get(topic)) announceCount(topic)
    }
  }, COUNT_REFRESH_MS)
  countTimer.unref()

  const stats = (): RelayStats => {
    let subscriptions = 0
    for (const subs of topics.values()) subscriptions += subs.size
    const droppedByReason = { ...counters.droppedByReason }
    const connections = table.counts()
    return {
      connections: connections.connections,
      topics: topics.size,
      subscriptions,
      addresses: connections.addresses,
      published: counters.published,
      publishedBytes: counters.publishedBytes,
      delivered: counters.delivered,
      fannedIn: counters.fannedIn,
      droppedFrames: Object.values(droppedByReason).reduce((a, b) => a + b, 0),
      droppedByReason,
      refusedTopics: counters.refusedTopics,
      evictedConnections: connections.evictedByReason.serverFull + connections.evictedByReason.addressFull,
      cutOff: counters.cutOff,
      terminatedClients: connections.terminated,
    }
  }

  return { limits, handleUpgrade: table.handleUpgrade, stats, close: table.close }
}
