// Tests for patches/y-webrtc+10.3.0.patch (ARCHITECTURE.md §5b). They import the real, patched
// module ('y-webrtc' → node_modules/y-webrtc/src/y-webrtc.js) and use narrow seams that work in
// Node without WebRTC: the exported chunk helpers, `medvirk.createPeer` (fake simple-peer
// objects), a fake WebSocket + a failing `peerOpts.wrtc` for the back-off, and a tiny in-test
// signaling hub + a child process for the wrong-password case.
import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WS, { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import {
  medvirk,
  WebrtcConn,
  WebrtcProvider,
  type MedvirkOptions,
  type ProviderOptions,
  type Room,
  type SignalingConn,
} from 'y-webrtc'

const KiB = 1024
const MiB = 1024 * KiB
const BROWSER_MAX_MESSAGE = 256 * KiB

type Options = ProviderOptions & { medvirk?: Partial<MedvirkOptions> }

// ---------------------------------------------------------------------------------------------
// helpers

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  vi.useRealTimers()
  while (cleanups.length > 0) {
    await cleanups.pop()?.()
  }
})

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

async function waitFor(cond: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)))
  return out
}

let roomCounter = 0
const roomName = (tag: string) => `mv-test-${tag}-${process.pid}-${++roomCounter}`

/** A provider without signaling servers; its room opens after the (null) key promise. */
async function makeProvider(tag: string, doc = new Y.Doc(), opts: Options = {}): Promise<{ provider: WebrtcProvider; room: Room; doc: Y.Doc }> {
  const options: Options = { signaling: [], ...opts }
  const provider = new WebrtcProvider(roomName(tag), doc, options)
  cleanups.push(() => {
    provider.disconnect()
    doc.destroy() // also destroys the provider and its awareness
  })
  for (let i = 0; i < 20 && provider.room === null; i++) await Promise.resolve()
  if (provider.room === null) throw new Error('room did not open')
  return { provider, room: provider.room, doc }
}

/** Stands in for a simple-peer instance: records frames and enforces the browsers' 256 KiB limit. */
class FakePeer extends EventEmitter {
  sent: Uint8Array[] = []
  remote: FakePeer | null = null
  destroyed = false
  dropNext = 0 // silently lose this many outgoing frames
  throwOnSend = false
  autoDrain = true // false: bufferedAmount grows until drain()
  _channel = Object.assign(new EventTarget(), { bufferedAmount: 0 })

  get bufferSize(): number {
    return this._channel.bufferedAmount
  }

  send(data: Uint8Array): void {
    if (this.throwOnSend) throw new Error('fake: RTCDataChannel.readyState is not open')
    if (data.byteLength > BROWSER_MAX_MESSAGE) {
      throw new TypeError(`Attempting to send message of size ${data.byteLength} which is larger than limit ${BROWSER_MAX_MESSAGE}`)
    }
    const copy = new Uint8Array(data)
    this.sent.push(copy)
    if (!this.autoDrain) this._channel.bufferedAmount += copy.byteLength
    if (this.dropNext > 0) {
      this.dropNext--
      return
    }
    const remote = this.remote
    if (remote !== null) {
      queueMicrotask(() => {
        if (!remote.destroyed) remote.emit('data', Buffer.from(copy))
      })
    }
  }

  drain(): void {
    this._channel.bufferedAmount = 0
    this._channel.dispatchEvent(new Event('bufferedamountlow'))
  }

  signal(): void {}

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    queueMicrotask(() => this.emit('close'))
  }
}

const fakeSignaling = { send() {} } as unknown as SignalingConn

/** Connects two rooms with real WebrtcConns whose simple-peer objects are linked FakePeers. */
function link(a: Room, b: Room, before?: (pa: FakePeer, pb: FakePeer) => void) {
  const original = medvirk.createPeer
  medvirk.createPeer = () => new FakePeer()
  let ab: WebrtcConn
  let ba: WebrtcConn
  try {
    ab = new WebrtcConn(fakeSignaling, true, b.peerId, a)
    ba = new WebrtcConn(fakeSignaling, false, a.peerId, b)
  } finally {
    medvirk.createPeer = original
  }
  a.webrtcConns.set(b.peerId, ab)
  b.webrtcConns.set(a.peerId, ba)
  const pa = ab.peer as FakePeer
  const pb = ba.peer as FakePeer
  pa.remote = pb
  pb.remote = pa
  before?.(pa, pb)
  pa.emit('connect')
  pb.emit('connect')
  return { ab, ba, pa, pb }
}

function equalBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // messageSync
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

// ---------------------------------------------------------------------------------------------
// 1. chunking

describe('chunking (y-webrtc#20: messages over 256 KiB were dropped silently)', () => {
  it('splits a 1.5 MB message into ≤16 KiB frames and reassembles it byte-identically', () => {
    const message = randomBytes(1.5 * MiB)
    message[0] = 0 // like a y-webrtc sync message
    const frames = medvirk.chunkMessage(message, 7)
    expect(frames.length).toBeGreaterThan(90)
    for (const f of frames) {
      expect(f.byteLength).toBeLessThanOrEqual(16 * KiB)
      expect(f[0]).toBe(medvirk.MESSAGE_CHUNK)
    }
    const drops: string[] = []
    const r = medvirk.createReassembler({ onDrop: (reason) => drops.push(reason) })
    const results = frames.map((f) => r.receive(f))
    expect(results.slice(0, -1).every((x) => x === null)).toBe(true)
    expect(equalBytes(results.at(-1) ?? undefined, message)).toBe(true)
    expect(drops).toEqual([])
    expect(r.budget.pendingBytes).toBe(0)
    r.clear()
  })

  it('leaves small messages unchanged (no header, same bytes)', () => {
    const small = new Uint8Array([0, 2, 3, 1, 2, 3])
    const frames = medvirk.chunkMessage(small, 1)
    expect(frames).toHaveLength(1)
    expect(frames[0]).toBe(small)
    const exactly16k = randomBytes(16 * KiB)
    exactly16k[0] = 1
    expect(medvirk.chunkMessage(exactly16k, 2)[0]).toBe(exactly16k)
    const r = medvirk.createReassembler()
    expect(r.receive(small)).toBe(small)
  })

  it('reassembles interleaved chunks of two messages', () => {
    const m1 = randomBytes(100 * KiB)
    const m2 = randomBytes(70 * KiB)
    const f1 = medvirk.chunkMessage(m1, 1)
    const f2 = medvirk.chunkMessage(m2, 2)
    const r = medvirk.createReassembler()
    const done: Uint8Array[] = []
    for (let i = 0; i < Math.max(f1.length, f2.length); i++) {
      for (const f of [f2[i], f1[i]]) {
        if (f === undefined) continue
        const m = r.receive(f)
        if (m !== null) done.push(m)
      }
    }
    expect(done).toHaveLength(2)
    expect(equalBytes(done[0], m2)).toBe(true)
    expect(equalBytes(done[1], m1)).toBe(true)
    r.clear()
  })

  it('drops truncated and garbage frames without throwing', () => {
    const drops: string[] = []
    const r = medvirk.createReassembler({ onDrop: (reason) => drops.push(reason) })
    const frames = medvirk.chunkMessage(randomBytes(40 * KiB), 3)
    const m = medvirk.MESSAGE_CHUNK
    const garbage = [
      new Uint8Array([m]), // header missing
      new Uint8Array([m, 0xff, 0xff]), // truncated varUint
      new Uint8Array([m, 9, 5, 2, 100]), // index >= count, no payload
      new Uint8Array([m, 10, 0, 2, 0, 1]), // total 0
      new Uint8Array([m, 11, 0, 9, 3, 1, 2, 3]), // count > total
      frames[0]!.subarray(0, 10), // truncated frame: payload shorter than announced
    ]
    for (const g of garbage) expect(() => r.receive(g)).not.toThrow()
    expect(drops.length).toBeGreaterThanOrEqual(5)
    // a frame whose payload does not add up: complete count, wrong bytes
    expect(r.receive(frames[1]!)).toBeNull()
    expect(r.receive(frames[2]!)).toBeNull()
    r.clear()
    expect(r.budget.pendingBytes).toBe(0)
  })

  it('enforces the per-message cap and the pending-bytes cap, and expires incomplete messages', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const drops: string[] = []
    const budget = { pendingBytes: 0 }
    const r = medvirk.createReassembler({
      maxPendingBytes: 100 * KiB,
      maxMessageBytes: 90 * KiB,
      reassemblyTimeout: 1000,
      budget,
      onDrop: (reason) => drops.push(reason),
    })
    const a = medvirk.chunkMessage(randomBytes(80 * KiB), 1)
    const b = medvirk.chunkMessage(randomBytes(80 * KiB), 2)
    const tooBig = medvirk.chunkMessage(randomBytes(91 * KiB), 3)
    expect(r.receive(tooBig[0]!)).toBeNull()
    expect(drops).toEqual(['message too large'])
    expect(r.receive(a[0]!)).toBeNull()
    expect(budget.pendingBytes).toBe(80 * KiB)
    expect(r.receive(b[0]!)).toBeNull() // 160 KiB > 100 KiB
    expect(drops).toEqual(['message too large', 'too many pending bytes'])
    for (const f of b.slice(1)) expect(r.receive(f)).toBeNull() // rest of b ignored, counted once
    expect(drops).toHaveLength(2)
    expect(budget.pendingBytes).toBeLessThanOrEqual(100 * KiB)
    vi.advanceTimersByTime(1001)
    expect(drops).toEqual(['message too large', 'too many pending bytes', 'reassembly timeout'])
    expect(budget.pendingBytes).toBe(0)
    expect(r.pending.size).toBe(0)
  })

  it('a 1.5 MB session reaches a late joiner through WebrtcConn, small updates keep their wire format', async () => {
    const docA = new Y.Doc()
    const blob = randomBytes(1.5 * MiB)
    docA.getMap('board').set('blob', blob)
    docA.getText('note').insert(0, 'hello')
    const a = await makeProvider('chunk-a', docA)
    const b = await makeProvider('chunk-b')
    const { pa, pb } = link(a.room, b.room)
    await waitFor(() => equalBytes(b.doc.getMap('board').get('blob') as Uint8Array | undefined, blob), 'late joiner sync')
    expect(b.doc.getText('note').toString()).toBe('hello')
    const frames = [...pa.sent, ...pb.sent]
    expect(Math.max(...frames.map((f) => f.byteLength))).toBeLessThanOrEqual(16 * KiB)
    expect(a.provider.medvirkStats.chunkedSent).toBeGreaterThan(90)
    expect(b.provider.medvirkStats.chunkedReceived).toBe(a.provider.medvirkStats.chunkedSent)
    expect(a.provider.medvirkStats.dropped).toBe(0)
    expect(b.provider.medvirkStats.dropped).toBe(0)
    expect(a.provider.medvirkStats.sendErrors).toBe(0)

    // a small local update: exactly y-webrtc's message, no marker byte
    let update: Uint8Array | null = null
    a.doc.once('update', (u: Uint8Array) => {
      update = u
    })
    const sentBefore = pa.sent.length
    const statsBefore = a.provider.medvirkStats.sent
    a.doc.getText('note').insert(5, '!')
    expect(pa.sent.length).toBe(sentBefore + 1)
    expect(a.provider.medvirkStats.sent).toBe(statsBefore + 1)
    expect(equalBytes(pa.sent.at(-1), syncUpdateMessage(update!))).toBe(true)
    await waitFor(() => b.doc.getText('note').toString() === 'hello!', 'small update')
  })

  it('respects back-pressure: waits for bufferedamountlow instead of throwing', async () => {
    const docA = new Y.Doc()
    const blob = randomBytes(1 * MiB)
    docA.getMap('board').set('blob', blob)
    const opts: Options = { medvirk: { highWaterMark: 64 * KiB, drainPollInterval: 60000 } }
    const a = await makeProvider('bp-a', docA, opts)
    const b = await makeProvider('bp-b')
    const { pa } = link(a.room, b.room, (pa) => {
      pa.autoDrain = false
    })
    for (let i = 0; i < 10; i++) await tick()
    // only ~64 KiB went out, the rest waits in the queue
    const sentWhileBlocked = pa.sent.length
    expect(pa.bufferSize).toBeGreaterThan(64 * KiB)
    expect(pa.sent.reduce((n, f) => n + f.byteLength, 0)).toBeLessThan(128 * KiB)
    await tick()
    expect(pa.sent.length).toBe(sentWhileBlocked)
    expect(b.doc.getMap('board').get('blob')).toBeUndefined()
    for (let i = 0; i < 100 && b.doc.getMap('board').get('blob') === undefined; i++) {
      pa.drain()
      for (let j = 0; j < 3; j++) await tick()
    }
    expect(equalBytes(b.doc.getMap('board').get('blob') as Uint8Array | undefined, blob)).toBe(true)
    expect(a.provider.medvirkStats.sendErrors).toBe(0)
    expect(a.provider.medvirkStats.dropped).toBe(0)
  })

  it('counts a failing send instead of swallowing it', async () => {
    const a = await makeProvider('senderr-a')
    const b = await makeProvider('senderr-b')
    const { pa } = link(a.room, b.room)
    for (let i = 0; i < 5; i++) await tick()
    pa.throwOnSend = true
    expect(() => a.doc.getMap('m').set('k', 1)).not.toThrow()
    expect(a.provider.medvirkStats.sendErrors).toBe(1)
    expect(a.provider.medvirkStats.dropped).toBe(1)
  })
})

// ---------------------------------------------------------------------------------------------
// 2. update amplification + anti-entropy

describe('relaying (every peer re-broadcast every remote update: N·(N−1) messages per edit)', () => {
  async function star() {
    const a = await makeProvider('mesh-a')
    const b = await makeProvider('mesh-b')
    const c = await makeProvider('mesh-c')
    const ab = link(a.room, b.room)
    const ac = link(a.room, c.room)
    for (let i = 0; i < 10; i++) await tick()
    return { a, b, c, toB: ab.pa, toC: ac.pa, bToA: ab.pb }
  }

  it('does not re-send a remote update in a full mesh; a local update goes once to each peer', async () => {
    const { a, b, c, toB, toC, bToA } = await star()
    expect(medvirk.isFullMesh(a.room)).toBe(true)
    const [nB, nC] = [toB.sent.length, toC.sent.length]
    b.doc.getMap('m').set('from-b', 1)
    expect(bToA.sent.length).toBeGreaterThan(0)
    await waitFor(() => a.doc.getMap('m').get('from-b') === 1, 'B → A')
    for (let i = 0; i < 5; i++) await tick()
    expect(toB.sent.length).toBe(nB) // not echoed back
    expect(toC.sent.length).toBe(nC) // not relayed
    expect(a.provider.medvirkStats.relaysSuppressed).toBe(1)
    expect(c.doc.getMap('m').get('from-b')).toBeUndefined()

    // remote awareness updates are not relayed either
    b.provider.awareness.setLocalStateField('user', 'b')
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'awareness B → A')
    for (let i = 0; i < 5; i++) await tick()
    expect(toC.sent.length).toBe(nC)

    // local update: exactly one message per peer
    a.doc.getMap('m').set('from-a', 1)
    expect(toB.sent.length).toBe(nB + 1)
    expect(toC.sent.length).toBe(nC + 1)
    await waitFor(() => b.doc.getMap('m').get('from-a') === 1 && c.doc.getMap('m').get('from-a') === 1, 'A → B, C')
  })

  it('still relays in a partial mesh (maxConns reached), but not back to the sender', async () => {
    const { a, b, c, toB, toC } = await star()
    a.provider.maxConns = 2
    expect(medvirk.isFullMesh(a.room)).toBe(false)
    const [nB, nC] = [toB.sent.length, toC.sent.length]
    b.doc.getMap('m').set('from-b', 2)
    await waitFor(() => c.doc.getMap('m').get('from-b') === 2, 'B → A → C')
    expect(toC.sent.length).toBe(nC + 1)
    expect(toB.sent.length).toBe(nB)
  })

  it('still relays when the signaling server counts more peers than are directly connected', async () => {
    const { a, b, c, toC } = await star()
    a.room.medvirkSignalingClients.set('ws://signaling.test', 3) // A + 2 peers: full
    expect(medvirk.isFullMesh(a.room)).toBe(true)
    a.room.medvirkSignalingClients.set('ws://signaling.test', 4) // a 4th peer A cannot reach
    expect(medvirk.isFullMesh(a.room)).toBe(false)
    const nC = toC.sent.length
    b.doc.getMap('m').set('from-b', 3)
    await waitFor(() => c.doc.getMap('m').get('from-b') === 3, 'relay via A')
    expect(toC.sent.length).toBe(nC + 1)
  })

  it('anti-entropy heals a silently lost update', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    const opts: Options = { medvirk: { antiEntropyInterval: 30000 } }
    const a = await makeProvider('ae-a', new Y.Doc(), opts)
    const b = await makeProvider('ae-b', new Y.Doc(), opts)
    const { pa } = link(a.room, b.room)
    await vi.advanceTimersByTimeAsync(0)
    pa.dropNext = 1
    a.doc.getMap('m').set('lost', 1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(b.doc.getMap('m').get('lost')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(30000)
    expect(b.doc.getMap('m').get('lost')).toBe(1)
    expect(a.provider.medvirkStats.antiEntropyRounds).toBeGreaterThanOrEqual(1)
    expect(b.provider.medvirkStats.antiEntropyRounds).toBeGreaterThanOrEqual(1)
  })
})

// ---------------------------------------------------------------------------------------------
// 3. reconnect back-off

class FakeWebSocket {
  static instances: FakeWebSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: ((error: unknown) => void) | null = null
  sent: Array<{ type: string; topic?: string; data?: { type?: string } }> = []
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this)
  }
  send(s: string) {
    this.sent.push(JSON.parse(s))
  }
  close() {
    this.onclose?.()
  }
}

describe('reconnect back-off (a failing peer caused ~800 attempts in 3 s)', () => {
  async function storm(backoff: Partial<MedvirkOptions>) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    const previous = globalThis.WebSocket
    globalThis.WebSocket = FakeWebSocket as unknown as typeof WebSocket
    cleanups.push(() => {
      globalThis.WebSocket = previous
    })
    const attempts: number[] = []
    // a WebRTC implementation whose every connection fails at once (simple-peer emits error + close)
    const wrtc = {
      RTCPeerConnection: class {
        constructor() {
          attempts.push(Date.now())
          throw new Error('fake: ICE failed')
        }
      },
      RTCSessionDescription: class {},
      RTCIceCandidate: class {},
    }
    const url = `ws://signaling.test/${roomName('ws')}`
    const opts: Options = { signaling: [url], peerOpts: { wrtc }, medvirk: backoff }
    const { provider, room } = await makeProvider('backoff', new Y.Doc(), opts)
    const ws = FakeWebSocket.instances.find((w) => w.url === url)!
    ws.onopen!()
    const start = Date.now()
    // the failing remote peer announces every 10 ms for 10 s (as an unpatched peer does)
    for (let t = 0; t < 10000; t += 10) {
      ws.onmessage!({ data: JSON.stringify({ type: 'publish', topic: room.name, clients: 2, data: { type: 'announce', from: 'failing-peer' } }) })
      await vi.advanceTimersByTimeAsync(10)
    }
    const ourAnnounces = ws.sent.filter((m) => m.type === 'publish' && m.data?.type === 'announce').length
    return { provider, room, attempts: attempts.map((t) => t - start), ourAnnounces }
  }

  it('makes at most 5 attempts to one failing peer in 10 s, with growing delays', async () => {
    const { provider, room, attempts, ourAnnounces } = await storm({})
    expect(attempts.length).toBeGreaterThanOrEqual(3)
    expect(attempts.length).toBeLessThanOrEqual(5)
    expect(provider.medvirkStats.connectAttempts).toBe(attempts.length)
    expect(provider.medvirkStats.backoffSkipped).toBeGreaterThan(900)
    expect(ourAnnounces).toBeLessThanOrEqual(attempts.length + 1)
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!)
    expect(gaps[0]).toBeGreaterThanOrEqual(750) // 1 s ± 25 %
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!)
    expect(room.webrtcConns.size).toBe(0)
  })

  it('the same harness without back-off shows the storm', async () => {
    const { attempts } = await storm({ backoffBase: 0, backoffMax: 0 })
    expect(attempts.length).toBeGreaterThan(500)
  })

  it('caps the delay at 30 s and resets after a connection stayed up', () => {
    let now = 1_000_000
    const backoff = new medvirk.Backoff({ ...medvirk.defaults, now: () => now, random: () => 1 })
    const delays = Array.from({ length: 8 }, () => backoff.onFailure('p', 0))
    expect(delays).toEqual([1250, 2500, 5000, 10000, 20000, 30000, 30000, 30000])
    expect(backoff.isBlocked('p')).toBe(true)
    now += 30000
    expect(backoff.isBlocked('p')).toBe(false)
    expect(backoff.onFailure('p', now - 10000)).toBe(1250) // stayed up ≥ backoffStableAfter
    expect(backoff.onFailure('p', now - 500)).toBe(2500) // flapping: keeps growing
  })
})

// ---------------------------------------------------------------------------------------------
// 4. wrong password

describe('wrong password / garbage in the room', () => {
  /** y-webrtc's signaling protocol: subscribe, unsubscribe, publish (+clients), ping. */
  async function startHub() {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    const topics = new Map<string, Set<WS>>()
    wss.on('connection', (ws) => {
      const mine = new Set<string>()
      ws.on('message', (raw) => {
        let m: { type?: string; topics?: unknown; topic?: unknown; clients?: number }
        try {
          m = JSON.parse(String(raw))
        } catch {
          return
        }
        if (m.type === 'subscribe' && Array.isArray(m.topics)) {
          for (const t of m.topics) if (typeof t === 'string') {
            if (!topics.has(t)) topics.set(t, new Set())
            topics.get(t)!.add(ws)
            mine.add(t)
          }
        } else if (m.type === 'unsubscribe' && Array.isArray(m.topics)) {
          for (const t of m.topics) if (typeof t === 'string') topics.get(t)?.delete(ws)
        } else if (m.type === 'publish' && typeof m.topic === 'string') {
          const receivers = topics.get(m.topic) ?? new Set<WS>()
          m.clients = receivers.size
          for (const r of receivers) r.send(JSON.stringify(m))
        } else if (m.type === 'ping') {
          ws.send(JSON.stringify({ type: 'pong' }))
        }
      })
      ws.on('close', () => {
        for (const t of mine) topics.get(t)?.delete(ws)
      })
    })
    const { port } = wss.address() as { port: number }
    const close = () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate()
        wss.close(() => resolve())
      })
    return { url: `ws://127.0.0.1:${port}`, topics, close }
  }

  type ChildStats = { type: 'stats'; stats: Record<string, number>; warnings: string[]; webrtcConns: number }

  function startChild(url: string, room: string, password: string) {
    const script = fileURLToPath(new URL('./fixtures/wrong-password-peer.mjs', import.meta.url))
    const child: ChildProcess = fork(script, [url, room, password], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    let output = ''
    child.stdout?.on('data', (d) => (output += String(d)))
    child.stderr?.on('data', (d) => (output += String(d)))
    let exitCode: number | null | undefined
    child.on('exit', (code) => (exitCode = code))
    const messages: Array<{ type: string }> = []
    child.on('message', (m) => messages.push(m as { type: string }))
    const alive = () => exitCode === undefined
    const request = async (): Promise<ChildStats> => {
      if (!alive()) throw new Error(`child exited with ${exitCode}: ${output}`)
      const n = messages.length
      child.send({ type: 'stats' })
      await waitFor(() => messages.length > n || !alive(), 'child stats')
      if (!alive()) throw new Error(`child exited with ${exitCode}: ${output}`)
      return messages.at(-1) as unknown as ChildStats
    }
    const stop = async () => {
      if (!alive()) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.send({ type: 'exit' })
      await Promise.race([exited, sleep(3000)])
      if (alive()) child.kill()
    }
    return { child, alive, request, stop, ready: () => messages.some((m) => m.type === 'ready'), exitCode: () => exitCode, output: () => output }
  }

  function envelope(algorithm: string): string {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, algorithm)
    encoding.writeVarUint8Array(e, randomBytes(12))
    encoding.writeVarUint8Array(e, randomBytes(48))
    return Buffer.from(encoding.toUint8Array(e)).toString('base64')
  }

  it('drops undecryptable messages: no unhandled rejection, counted, one warning, never connects', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    cleanups.push(() => {
      process.off('unhandledRejection', onUnhandled)
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    cleanups.push(() => warn.mockRestore())
    const previous = globalThis.WebSocket
    globalThis.WebSocket = WS as unknown as typeof WebSocket
    cleanups.push(() => {
      globalThis.WebSocket = previous
    })
    const hub = await startHub()
    cleanups.push(hub.close)
    const room = roomName('pw')

    const doc = new Y.Doc()
    const provider = new WebrtcProvider(room, doc, { signaling: [hub.url], password: 'correct horse battery staple' })
    cleanups.push(() => {
      provider.disconnect()
      doc.destroy()
    })
    await waitFor(() => provider.room !== null && hub.topics.get(room)?.size === 1, 'first peer subscribed')

    const other = startChild(hub.url, room, 'wrong password')
    cleanups.push(other.stop)
    await waitFor(() => other.ready() || !other.alive(), 'second peer ready')
    expect(other.alive()).toBe(true)
    await waitFor(() => hub.topics.get(room)?.size === 2, 'second peer subscribed')
    // the second peer's encrypted announce reaches the first one and cannot be decrypted
    await waitFor(() => provider.medvirkStats.decryptErrors >= 1, 'foreign announce rejected')

    // a stranger who knows the room name floods it with garbage
    const stranger = new WS(hub.url)
    cleanups.push(() => stranger.terminate())
    await new Promise<void>((resolve, reject) => {
      stranger.once('open', () => resolve())
      stranger.once('error', reject)
    })
    const garbage: unknown[] = [
      Buffer.from(randomBytes(64)).toString('base64'),
      'not base64 at all !!!',
      '',
      envelope('AES-GCM'), // well-formed, wrong key
      envelope('ROT13'), // unknown algorithm (upstream: promise.reject without return)
      { type: 'announce', from: 'unencrypted-peer' },
    ]
    const rounds = 20
    for (let i = 0; i < rounds; i++) {
      for (const data of garbage) stranger.send(JSON.stringify({ type: 'publish', topic: room, data }))
    }
    const expected = rounds * garbage.length
    await waitFor(() => provider.medvirkStats.decryptErrors >= expected + 1, 'garbage counted (first peer)')
    let childStats = await other.request()
    for (let i = 0; i < 400 && childStats.stats.decryptErrors! < expected; i++) {
      await sleep(10)
      childStats = await other.request()
    }
    await sleep(50)
    childStats = await other.request()

    // first peer (this process)
    expect(unhandled).toEqual([])
    expect(provider.medvirkStats.decryptErrors).toBe(expected + 1)
    const decryptWarnings = warn.mock.calls.filter((args) => String(args[0]).includes('could not be decrypted'))
    expect(decryptWarnings).toHaveLength(1)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(provider.medvirkStats.connectAttempts).toBe(0)
    expect(provider.room!.webrtcConns.size).toBe(0)

    // second peer (child process): alive, counted, one warning, never connected
    expect(other.alive()).toBe(true)
    expect(childStats.stats.decryptErrors).toBe(expected)
    expect(childStats.warnings).toHaveLength(1)
    expect(childStats.warnings[0]).toContain('could not be decrypted')
    expect(childStats.stats.connectAttempts).toBe(0)
    expect(childStats.webrtcConns).toBe(0)
    await other.stop()
    expect(other.exitCode()).toBe(0)
  })

  it('decrypt() rejects (and does not throw) on an unknown algorithm or garbage', async () => {
    // crypto.js is not in y-webrtc's exports map; load the patched file next to the resolved package
    const cjsEntry = createRequire(import.meta.url).resolve('y-webrtc') // …/y-webrtc/dist/y-webrtc.cjs
    const cryptoutils = (await import(pathToFileURL(path.join(path.dirname(cjsEntry), '../src/crypto.js')).href)) as {
      decrypt: (data: Uint8Array, key: CryptoKey) => Promise<Uint8Array>
      deriveKey: (secret: string, room: string) => Promise<CryptoKey>
    }
    const key = await cryptoutils.deriveKey('pw', 'room')
    const e = encoding.createEncoder()
    encoding.writeVarString(e, 'ROT13')
    await expect(cryptoutils.decrypt(encoding.toUint8Array(e), key)).rejects.toThrow('Unknown encryption algorithm')
    let result: Promise<Uint8Array> | undefined
    expect(() => {
      result = cryptoutils.decrypt(new Uint8Array([0xff, 0xff, 0xff]), key)
    }).not.toThrow()
    await expect(result).rejects.toThrow()
  })
})

// ---------------------------------------------------------------------------------------------
// 5. synced

describe('synced', () => {
  it('is not reported while there are zero connections', async () => {
    const a = await makeProvider('synced-a')
    const b = await makeProvider('synced-b')
    const events: boolean[] = []
    a.provider.on('synced', ({ synced }: { synced: boolean }) => events.push(synced))
    const { pa } = link(a.room, b.room)
    await waitFor(() => a.room.synced, 'synced with B')
    expect(events).toEqual([true])
    pa.destroy()
    await waitFor(() => a.room.webrtcConns.size === 0, 'conn closed')
    expect(a.room.synced).toBe(false) // upstream: true with zero peers
    expect(events).toEqual([true, false])
  })
})
