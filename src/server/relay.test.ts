import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startServer } from './server.ts'
import type { RunningServer, ServerOptions } from './server.ts'
import { RELAY_CHANNEL_PREFIX, RELAY_COUNT_CHANNEL_PREFIX } from './relay.ts'
import type { Fanout } from './fanout.ts'
import { TestClient, makeFakeDist, removeDir, waitFor } from './testHelpers.ts'

let distDir: string
const servers: RunningServer[] = []
const sockets: RelayTestClient[] = []

beforeAll(async () => {
  distDir = await makeFakeDist()
})
afterAll(async () => {
  await removeDir(distDir)
})
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((c) => c.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(opts: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', distDir, ...opts })
  servers.push(server)
  return server
}

function frame(topic: string, payload: Buffer | string): Buffer {
  const t = Buffer.from(topic, 'utf8')
  return Buffer.concat([Buffer.from([t.length]), t, Buffer.isBuffer(payload) ? payload : Buffer.from(payload)])
}

class RelayTestClient {
  readonly binary: Buffer[] = []
  readonly text: Record<string, unknown>[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binary.push(data)
      else this.text.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>)
    })
    ws.on('error', () => {})
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  }
  static async connect(url: string): Promise<RelayTestClient> {
    const ws = new WebSocket(url)
    const c = new RelayTestClient(ws)
    sockets.push(c)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return c
  }
  async sync(): Promise<void> {
    const before = this.text.filter((m) => m['t'] === 'pong').length
    this.ws.send(JSON.stringify({ t: 'ping' }))
    await waitFor(() => this.text.filter((m) => m['t'] === 'pong').length > before)
  }
  async sub(...topics: string[]): Promise<void> {
    this.ws.send(JSON.stringify({ t: 'sub', topics }))
    await this.sync()
  }
  publish(topic: string, payload: Buffer | string): void {
    this.ws.send(frame(topic, payload), { binary: true })
  }
  lastCount(topic: string): number | undefined {
    const counts = this.text.filter((m) => m['t'] === 'count' && m['topic'] === topic)
    return counts[counts.length - 1]?.['n'] as number | undefined
  }
  close(): Promise<unknown> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close()
    return this.closed
  }
}

describe('relay hub', () => {
  it('forwards a publish frame unchanged to every other subscriber, never back to the sender', async () => {
    const server = await start()
    expect(server.relayUrl).toBe(`ws://127.0.0.1:${server.port}/relay`)
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => RelayTestClient.connect(server.relayUrl)))
    await a!.sub('room-1')
    await b!.sub('room-1')
    await c!.sub('room-2')
    a!.publish('room-1', 'opaque bytes')
    await waitFor(() => b!.binary.length === 1)
    expect(b!.binary[0]!.equals(frame('room-1', 'opaque bytes'))).toBe(true)
    await a!.sync()
    await c!.sync()
    expect(a!.binary).toHaveLength(0)
    expect(c!.binary).toHaveLength(0)
    expect(server.relayStats()).toMatchObject({ connections: 3, topics: 2, subscriptions: 3, published: 1, delivered: 1 })
  })

  it('tells subscribers how many the topic has, as they come and go', async () => {
    const server = await start()
    const a = await RelayTestClient.connect(server.relayUrl)
    const b = await RelayTestClient.connect(server.relayUrl)
    await a.sub('room')
    expect(a.lastCount('room')).toBe(1)
    await b.sub('room')
    await waitFor(() => a.lastCount('room') === 2)
    expect(b.lastCount('room')).toBe(2)
    await b.close()
    await waitFor(() => a.lastCount('room') === 1)
  })

  it('drops publishes into rooms the sender has not joined, malformed and oversized frames', async () => {
    const server = await start({ relayLimits: { maxFrameBytes: 1024 } })
    const a = await RelayTestClient.connect(server.relayUrl)
    const b = await RelayTestClient.connect(server.relayUrl)
    await b.sub('room')
    a.publish('room', 'not a member')
    await a.sub('room')
    a.ws.send(Buffer.from([200, 1, 2]), { binary: true })
    a.publish('room', Buffer.alloc(2048))
    a.ws.send('not json')
    a.publish('room', 'fine')
    await waitFor(() => b.binary.length === 1)
    await a.sync()
    expect(b.binary).toHaveLength(1)
    expect(server.relayStats().droppedByReason).toMatchObject({ notSubscribed: 1, badFrame: 1, tooLarge: 1, notJson: 1 })
  })

  it('cuts a flooding client off without slowing another room', async () => {
    const lines: string[] = []
    const server = await start({ relayLimits: { framesPerSecond: 50 }, log: (l) => lines.push(l) })
    const flood = await RelayTestClient.connect(server.relayUrl)
    const floodPeer = await RelayTestClient.connect(server.relayUrl)
    const a = await RelayTestClient.connect(server.relayUrl)
    const b = await RelayTestClient.connect(server.relayUrl)
    await flood.sub('noisy')
    await floodPeer.sub('noisy')
    await a.sub('quiet')
    await b.sub('quiet')
    for (let i = 0; i < 500; i++) flood.publish('noisy', Buffer.alloc(100, i))
    const closed = await flood.closed
    expect(closed.code).toBe(1008)
    for (let i = 0; i < 20; i++) a.publish('quiet', `note ${i}`)
    await waitFor(() => b.binary.length === 20)
    expect(floodPeer.binary.length).toBeLessThanOrEqual(50)
    expect(server.relayStats().cutOff).toBe(1)
    expect(lines.some((l) => l.includes('relay: cut off'))).toBe(true)
  })

  it('bounds the bytes of one room per second and leaves other rooms alone', async () => {
    const server = await start({ relayLimits: { bytesPerRoomPerSecond: 10_000 } })
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => RelayTestClient.connect(server.relayUrl)))
    await a!.sub('big')
    await b!.sub('big')
    await c!.sub('small')
    await d!.sub('small')
    for (let i = 0; i < 20; i++) a!.publish('big', Buffer.alloc(1000))
    for (let i = 0; i < 20; i++) c!.publish('small', Buffer.alloc(100))
    await waitFor(() => d!.binary.length === 20)
    await a!.sync()
    expect(b!.binary.length).toBeLessThan(20)
    expect(server.relayStats().droppedByReason.roomBudget).toBeGreaterThan(0)
  })

  it('bounds topics per connection and connections per address (an older one of that address gives way)', async () => {
    const server = await start({ relayLimits: { maxTopicsPerConnection: 2, maxConnectionsPerAddress: 2 } })
    const a = await RelayTestClient.connect(server.relayUrl)
    await a.sub('t1', 't2', 't3')
    expect(server.relayStats()).toMatchObject({ subscriptions: 2, refusedTopics: 1 })
    const idle = await RelayTestClient.connect(server.relayUrl)
    const third = await RelayTestClient.connect(server.relayUrl)
    expect((await Promise.race([idle.closed, a.closed])).code).toBe(4029)
    await third.sub('t1')
    expect(server.relayStats()).toMatchObject({ connections: 2, evictedConnections: 1 })
  })

  it('hands frames to the fan-out and delivers frames from other instances', async () => {
    const published: [string, Buffer][] = []
    const handlers = new Map<string, (b: Buffer) => void>()
    const fanout: Fanout = {
      subscribe: (ch, on) => void handlers.set(ch, on),
      unsubscribe: (ch) => void handlers.delete(ch),
      publish: (ch, payload) => void published.push([ch, payload]),
      close: () => Promise.resolve(),
    }
    const server = await start({ fanout })
    const a = await RelayTestClient.connect(server.relayUrl)
    await a.sub('room')
    expect([...handlers.keys()].sort()).toEqual([`${RELAY_CHANNEL_PREFIX}room`, `${RELAY_COUNT_CHANNEL_PREFIX}room`].sort())
    a.publish('room', 'from here')
    const frames = () => published.filter(([ch]) => ch === `${RELAY_CHANNEL_PREFIX}room`)
    await waitFor(() => frames().length === 1)
    expect(frames()[0]![1].equals(frame('room', 'from here'))).toBe(true)
    handlers.get(`${RELAY_CHANNEL_PREFIX}room`)!(frame('room', 'from elsewhere'))
    await waitFor(() => a.binary.length === 1)
    expect(a.binary[0]!.equals(frame('room', 'from elsewhere'))).toBe(true)
    await a.close()
    await waitFor(() => handlers.size === 0)
  })

  it('two instances on one fan-out: frames cross, and the count covers the whole room', async () => {
    // An in-memory bus standing in for Redis: delivers to every other instance's handler.
    const bus = new Map<Fanout, Map<string, (b: Buffer) => void>>()
    const member = (): Fanout => {
      const own = new Map<string, (b: Buffer) => void>()
      const f: Fanout = {
        subscribe: (ch, on) => void own.set(ch, on),
        unsubscribe: (ch) => void own.delete(ch),
        publish: (ch, payload) => {
          for (const [other, handlers] of bus) if (other !== f) setTimeout(() => handlers.get(ch)?.(payload), 1)
        },
        close: () => Promise.resolve(),
      }
      bus.set(f, own)
      return f
    }
    const sa = await start({ fanout: member() })
    const sb = await start({ fanout: member() })
    const a = await RelayTestClient.connect(sa.relayUrl)
    const b1 = await RelayTestClient.connect(sb.relayUrl)
    const b2 = await RelayTestClient.connect(sb.relayUrl)
    await a.sub('room')
    await b1.sub('room')
    await b2.sub('room')
    await waitFor(() => a.lastCount('room') === 3 && b1.lastCount('room') === 3 && b2.lastCount('room') === 3)
    a.publish('room', 'across')
    await waitFor(() => b1.binary.length === 1 && b2.binary.length === 1)
    b1.publish('room', 'back')
    await waitFor(() => a.binary.length === 1 && b2.binary.length === 2)
    await b2.close()
    await waitFor(() => a.lastCount('room') === 2)
    await b1.close()
    await waitFor(() => a.lastCount('room') === 1)
  })

  it('leaves /signal working beside it', async () => {
    const server = await start()
    const s = await TestClient.connect(server.signalingUrl)
    await s.subscribe('x')
    expect(server.stats().subscriptions).toBe(1)
    expect(server.relayStats().connections).toBe(0)
    await s.close()
  })
})
