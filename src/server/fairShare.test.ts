/**
 * Fair share on the signaling hub (issue 12, attack 7): one client holding many sockets must not
 * keep other devices off the hub, even when every device shares one address.
 *
 * The integration tests use real `ws` clients against a real server on 127.0.0.1. Linux routes
 * all of 127.0.0.0/8 on lo, so a client bound to localAddress 127.0.0.2 is, to the server, a
 * different remote address on the same machine.
 */
import type { IncomingMessage } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import type { ClientOptions } from 'ws'
import {
  IDLE_GRACE_MS,
  LogThrottle,
  addressKey,
  clientAddress,
  pickVictim,
  pickVictimFromHeaviest,
} from './fairShare.ts'
import type { TenantState } from './fairShare.ts'
import { startServer } from './server.ts'
import type { RunningServer, ServerOptions } from './server.ts'
import { CLOSE_EVICTED, DEFAULT_SIGNALING_LIMITS } from './signaling.ts'
import { TestClient, makeFakeDist, removeDir, waitFor } from './testHelpers.ts'

describe('fair share: addresses', () => {
  it('groups IPv4, IPv4-mapped IPv6 and IPv6 /64 prefixes', () => {
    expect(addressKey('192.168.1.20')).toBe('192.168.1.20')
    expect(addressKey('::ffff:192.168.1.20')).toBe('192.168.1.20')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    // Two privacy addresses of one host (same /64) count as one address…
    expect(addressKey('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64')
    expect(addressKey('2001:0db8:00aa:00bb:1234:5678:9abc:def0')).toBe('2001:db8:aa:bb::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    // …another /64 is another address.
    expect(addressKey('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64')
    expect(addressKey(undefined)).toBe('unknown')
    expect(addressKey('not an address')).toBe('unknown')
  })

  const fakeReq = (remoteAddress: string, xff?: string | string[]): IncomingMessage =>
    ({
      socket: { remoteAddress },
      headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    }) as unknown as IncomingMessage

  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientAddress(fakeReq('10.0.0.1', '203.0.113.7'), false)).toBe('10.0.0.1')
    expect(clientAddress(fakeReq('10.0.0.1', '203.0.113.7'), true)).toBe('203.0.113.7')
  })

  it('with a trusted proxy, uses only the last X-Forwarded-For entry (the one the proxy added)', () => {
    // The client wrote "198.51.100.1"; our proxy appended the address it really saw.
    expect(clientAddress(fakeReq('10.0.0.1', '198.51.100.1, 203.0.113.7'), true)).toBe('203.0.113.7')
    expect(clientAddress(fakeReq('10.0.0.1', ['198.51.100.1', '203.0.113.7:4711']), true)).toBe(
      '203.0.113.7',
    )
    expect(clientAddress(fakeReq('10.0.0.1', '[2001:db8::5]:443'), true)).toBe('2001:db8:0:0::/64')
    // Unreadable or missing: the TCP peer, which cannot be forged.
    expect(clientAddress(fakeReq('10.0.0.1', '198.51.100.1, garbage'), true)).toBe('10.0.0.1')
    expect(clientAddress(fakeReq('10.0.0.1'), true)).toBe('10.0.0.1')
  })
})

describe('fair share: who gives way', () => {
  const now = 1_000_000
  const t = (name: string, s: Partial<TenantState> & { seq: number }): [string, TenantState] => [
    name,
    { connectedAt: now - 60_000, lastSharedAt: 0, subscribed: false, shared: false, ...s },
  ]
  const victim = (items: Array<[string, TenantState]>): string | undefined =>
    pickVictim(items, ([, s]) => s, now)?.[0]

  it('evicts idle before alone before sharing a room', () => {
    const idle = t('idle', { seq: 1 })
    const alone = t('alone', { seq: 2, subscribed: true })
    const inRoom = t('inRoom', { seq: 3, subscribed: true, shared: true })
    expect(victim([inRoom, alone, idle])).toBe('idle')
    expect(victim([inRoom, alone])).toBe('alone')
  })

  it('in a room, the newest goes first: tenure protects an honest device', () => {
    const veteran = t('veteran', { seq: 1, subscribed: true, shared: true })
    const flood = t('flood', { seq: 50, subscribed: true, shared: true })
    expect(victim([veteran, flood])).toBe('flood')
  })

  it('alone, the longest-useless goes first: a device that just opened a room waits in peace', () => {
    const staleFlood = t('staleFlood', { seq: 2, subscribed: true, connectedAt: now - 30_000 })
    const fresh = t('fresh', { seq: 90, subscribed: true, connectedAt: now - 1_000 })
    expect(victim([fresh, staleFlood])).toBe('staleFlood')
    // Left alone a second ago by its room: useless only since then.
    const justLeftAlone = t('justLeftAlone', { seq: 1, subscribed: true, lastSharedAt: now - 1_000 })
    expect(victim([justLeftAlone, staleFlood])).toBe('staleFlood')
  })

  it('gives a connection that has not subscribed yet a grace period before it counts as idle', () => {
    const justOpened = t('justOpened', { seq: 9, connectedAt: now - IDLE_GRACE_MS + 100 })
    const staleAlone = t('staleAlone', { seq: 1, subscribed: true, connectedAt: now - 30_000 })
    expect(victim([justOpened, staleAlone])).toBe('staleAlone')
  })

  it('picks from the heaviest address, counting the newcomer in its own', () => {
    const state = (s: TenantState): TenantState => s
    const room = { connectedAt: now - 60_000, lastSharedAt: 0, subscribed: true, shared: true }
    const school = new Set([1, 2, 3].map((seq) => ({ ...room, seq })))
    const other = new Set([4, 5, 6, 7].map((seq) => ({ ...room, seq, subscribed: false, shared: false })))
    const byAddress = new Map([
      ['school', school],
      ['other', other],
    ])
    expect(pickVictimFromHeaviest(byAddress, 'newcomer', state, now)?.address).toBe('other')
    // 3 + the newcomer ties with 4: the less useful connection (idle, at 'other') gives way.
    expect(pickVictimFromHeaviest(byAddress, 'school', state, now)?.address).toBe('other')
    school.add({ ...room, seq: 8 })
    expect(pickVictimFromHeaviest(byAddress, 'school', state, now)).toMatchObject({
      address: 'school',
      load: 5,
      victim: { seq: 8 },
    })
  })
})

describe('fair share: log lines are throttled', () => {
  it('logs the first event at once and sums up the rest once per interval', () => {
    vi.useFakeTimers()
    try {
      const lines: string[] = []
      const throttle = new LogThrottle((l) => lines.push(l), 10_000)
      for (let i = 0; i < 500; i++) throttle.event('evict', `signaling: evicted #${i}`, 'evictions')
      expect(lines).toEqual(['signaling: evicted #0'])
      vi.advanceTimersByTime(10_000)
      expect(lines).toHaveLength(2)
      expect(lines[1]).toBe('signaling: 499 more evictions in the last 10 s (latest: evicted #499)')
      // A quiet interval logs nothing and ends the window; the next event is logged at once.
      vi.advanceTimersByTime(10_000)
      expect(lines).toHaveLength(2)
      throttle.event('evict', 'signaling: evicted again', 'evictions')
      expect(lines).toHaveLength(3)
      throttle.flush()
    } finally {
      vi.useRealTimers()
    }
  })
})

// ── Integration: real sockets against a real server ─────────────────────────────────────────────

let distDir: string
const servers: RunningServer[] = []
const clients: TestClient[] = []

beforeAll(async () => {
  distDir = await makeFakeDist()
})
afterAll(async () => {
  await removeDir(distDir)
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(
  limits: ServerOptions['limits'] = {},
  lines: string[] = [],
): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    distDir,
    limits,
    log: (line) => lines.push(line),
  })
  servers.push(server)
  return server
}

async function connect(server: RunningServer, options?: ClientOptions): Promise<TestClient> {
  const client = await TestClient.connect(server.signalingUrl, options)
  clients.push(client)
  return client
}

const isOpen = (c: TestClient): boolean => c.ws.readyState === WebSocket.OPEN

type FloodKind = 'idle' | 'alone' | 'inRoom'

/**
 * Opens `count` sockets from `localAddress`, `batch` at a time, each behaving as `kind`:
 * never subscribing, subscribing alone to its own topic, or all subscribing to one shared topic
 * (a flood that mimics an active room). Resolves once the hub has processed everything.
 */
async function flood(
  server: RunningServer,
  localAddress: string,
  count: number,
  kind: FloodKind,
  batch = 25,
): Promise<TestClient[]> {
  const sockets: TestClient[] = []
  for (let i = 0; i < count; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, () => connect(server, { localAddress })),
    )
    opened.forEach((c, j) => {
      if (!isOpen(c)) return
      if (kind === 'alone') c.send({ type: 'subscribe', topics: [`flood-${i + j}`] })
      if (kind === 'inRoom') c.send({ type: 'subscribe', topics: ['flood-room'] })
    })
    sockets.push(...opened)
  }
  // Every socket either got evicted or has had its subscribe processed (a ping round trip).
  await Promise.all(
    sockets.map(async (c) => {
      if (!isOpen(c)) return
      // Evicted meanwhile: then the close comes instead of the pong.
      await Promise.race([c.sync().catch(() => {}), c.closed])
    }),
  )
  return sockets
}

/** Two honest devices that have been in `room` for a while and talk to each other. */
async function activeRoom(server: RunningServer, room: string): Promise<[TestClient, TestClient]> {
  const p = await connect(server)
  const q = await connect(server)
  await p.subscribe(room)
  await q.subscribe(room)
  p.send({ type: 'publish', topic: room, data: 'hello from p' })
  expect(await q.next()).toMatchObject({ data: 'hello from p', clients: 2 })
  expect(await p.next()).toMatchObject({ data: 'hello from p' })
  return [p, q]
}

describe('fair share: a flood cannot keep a newcomer off the hub', () => {
  const cases: Array<[string, FloodKind]> = [
    ['127.0.0.2', 'idle'],
    ['127.0.0.2', 'alone'],
    ['127.0.0.2', 'inRoom'],
    ['127.0.0.1', 'idle'],
    ['127.0.0.1', 'alone'],
    ['127.0.0.1', 'inRoom'],
  ]
  for (const [floodAddress, kind] of cases) {
    const where = floodAddress === '127.0.0.1' ? "the newcomer's own address" : 'another address'
    it(`a flood of ${kind} sockets from ${where} (${floodAddress}) fills the hub; a newcomer still joins the room`, async () => {
      const lines: string[] = []
      const server = await start({ maxConnections: 40 }, lines)
      const [p, q] = await activeRoom(server, 'room-a')

      const sockets = await flood(server, floodAddress, 60, kind)
      // The hub is full, and full of the flood.
      expect(server.stats().connections).toBe(40)
      await waitFor(() => sockets.filter(isOpen).length === 38)

      const started = Date.now()
      const newcomer = await connect(server)
      await newcomer.subscribe('room-a')
      p.send({ type: 'publish', topic: 'room-a', data: 'welcome' })
      expect(await newcomer.next()).toMatchObject({ topic: 'room-a', data: 'welcome', clients: 3 })
      expect(Date.now() - started).toBeLessThan(1000)

      // The honest devices kept their sockets; the flood paid for the newcomer's slot.
      expect([p, q, newcomer].every(isOpen)).toBe(true)
      expect(await q.next()).toMatchObject({ data: 'welcome' })
      const stats = server.stats()
      expect(stats).toMatchObject({ connections: 40, refusedConnections: 0 })
      // 2 + 60 + 1 admitted into 40 slots.
      expect(stats.evictedConnections).toBe(23)
      expect(stats.evictedByReason).toEqual({ serverFull: 23, addressFull: 0 })
      await waitFor(() => sockets.filter(isOpen).length === 37)
      const evicted = await Promise.all(sockets.filter((c) => !isOpen(c)).map((c) => c.closed))
      expect(evicted).toHaveLength(23)
      for (const info of evicted) {
        expect(info.code).toBe(CLOSE_EVICTED)
        expect(info.reason).toMatch(/^evicted: server full/)
      }
      // Logged, but not once per eviction.
      const evictionLines = lines.filter((l) => l.includes('evicted'))
      expect(evictionLines).toHaveLength(1)
      expect(evictionLines[0]).toContain(`from ${floodAddress}`)
    })
  }

  it('honest long-lived devices in an active room are never evicted by a flood three times the hub', async () => {
    const lines: string[] = []
    const server = await start({ maxConnections: 30 }, lines)
    // Six devices of a class, all on the same address as the flood (one school NAT).
    const honest: TestClient[] = []
    for (let i = 0; i < 6; i++) {
      const c = await connect(server)
      await c.subscribe('class')
      honest.push(c)
    }
    const sockets = [
      ...(await flood(server, '127.0.0.1', 30, 'inRoom')),
      ...(await flood(server, '127.0.0.1', 30, 'alone')),
      ...(await flood(server, '127.0.0.1', 30, 'idle')),
    ]
    expect(honest.every(isOpen)).toBe(true)
    const stats = server.stats()
    expect(stats.connections).toBe(30)
    expect(stats.evictedConnections).toBe(6 + 90 - 30)
    expect(stats.evictedByReason.serverFull).toBe(66)
    await waitFor(() => sockets.filter((c) => !isOpen(c)).length === 66)

    // The room still works for every one of them.
    honest[0]?.send({ type: 'publish', topic: 'class', data: 'still here' })
    for (const c of honest) expect(await c.next()).toMatchObject({ data: 'still here', clients: 6 })

    // An evicted socket reconnects like y-webrtc does, and is served again.
    const back = await connect(server, { localAddress: '127.0.0.1' })
    await back.subscribe('class')
    honest[1]?.send({ type: 'publish', topic: 'class', data: 'welcome back' })
    expect(await back.next()).toMatchObject({ data: 'welcome back', clients: 7 })
    expect(honest.every(isOpen)).toBe(true)
    expect(server.stats().evictedConnections).toBe(67)

    // One line at once; the rest summed up in one more line (here flushed by close()).
    await server.close()
    const evictionLines = lines.filter((l) => l.includes('evict'))
    expect(evictionLines).toHaveLength(2)
    expect(evictionLines[1]).toMatch(/66 more evictions \(serverFull\)/)
  })

  it('a class joining one by one during a room-mimicking flood from another address all stay in', async () => {
    const server = await start({ maxConnections: 40 })
    const [p, q] = await activeRoom(server, 'room-a')
    const sockets = await flood(server, '127.0.0.2', 60, 'inRoom')
    const joined: TestClient[] = []
    for (let i = 0; i < 10; i++) {
      const device = await connect(server)
      await device.subscribe('room-a')
      joined.push(device)
    }
    // Only the flood's address gave way: not one newcomer pushed out the one before it.
    expect([p, q, ...joined].every(isOpen)).toBe(true)
    p.send({ type: 'publish', topic: 'room-a', data: 'all here?' })
    for (const device of joined) expect(await device.next()).toMatchObject({ clients: 12 })
    await waitFor(() => sockets.filter(isOpen).length === 28)
    expect(server.stats().evictedByReason).toEqual({ serverFull: 32, addressFull: 0 })
  })

  it('with the default limits, one address holds at most 128 and a two-address flood cannot lock out a newcomer', async () => {
    const server = await start()
    expect(DEFAULT_SIGNALING_LIMITS.maxConnectionsPerAddress).toBe(128)
    const [p, q] = await activeRoom(server, 'room-a')

    const first = await flood(server, '127.0.0.2', 150, 'idle', 50)
    expect(server.stats()).toMatchObject({ connections: 130, heaviestAddressConnections: 128 })
    expect(server.stats().evictedByReason).toEqual({ addressFull: 22, serverFull: 0 })
    const second = await flood(server, '127.0.0.3', 150, 'alone', 50)
    const stats = server.stats()
    expect(stats.connections).toBe(200)
    expect(stats.addresses).toBe(3)
    expect(stats.heaviestAddressConnections).toBeLessThanOrEqual(128)
    expect(stats.evictedConnections).toBe(2 + 300 - 200)

    const newcomer = await connect(server)
    await newcomer.subscribe('room-a')
    q.send({ type: 'publish', topic: 'room-a', data: 'welcome' })
    expect(await newcomer.next()).toMatchObject({ data: 'welcome', clients: 3 })
    expect([p, q, newcomer].every(isOpen)).toBe(true)
    expect(server.stats().evictedConnections).toBe(103)
    await waitFor(() => [...first, ...second].filter(isOpen).length === 197)
  })

  it('an address at its own limit evicts its own connections, never another address’s', async () => {
    const server = await start({ maxConnectionsPerAddress: 3 })
    const [p, q] = await activeRoom(server, 'room-a')
    const sockets = await flood(server, '127.0.0.2', 10, 'alone', 1)
    expect(server.stats()).toMatchObject({
      connections: 5,
      evictedByReason: { addressFull: 7, serverFull: 0 },
    })
    // The three newest stayed: within one address, the longest-useless sockets went first.
    expect(sockets.map(isOpen)).toEqual([...Array<boolean>(7).fill(false), true, true, true])
    const codes = await Promise.all(sockets.slice(0, 7).map((c) => c.closed))
    for (const info of codes) {
      expect(info).toEqual({
        code: CLOSE_EVICTED,
        reason: 'evicted: too many connections from your address',
      })
    }
    expect([p, q].every(isOpen)).toBe(true)
  })

  it('counts X-Forwarded-For only when the proxy is trusted', async () => {
    const viaProxy = (server: RunningServer, forwardedFor: string): Promise<TestClient> =>
      connect(server, { headers: { 'X-Forwarded-For': forwardedFor } })

    // Default: the header is ignored, both count as 127.0.0.1 and the second evicts the first.
    const plain = await start({ maxConnectionsPerAddress: 1 })
    const a = await viaProxy(plain, '203.0.113.1')
    const b = await viaProxy(plain, '203.0.113.2')
    expect((await a.closed).code).toBe(CLOSE_EVICTED)
    await b.sync()
    expect(plain.stats()).toMatchObject({ addresses: 1, evictedConnections: 1 })

    // Trusted: two addresses. A client cannot escape its address by prepending entries.
    const proxied = await start({ maxConnectionsPerAddress: 1, trustProxy: true })
    const c = await viaProxy(proxied, '203.0.113.1')
    const d = await viaProxy(proxied, '203.0.113.2')
    await c.sync()
    await d.sync()
    expect(proxied.stats()).toMatchObject({ addresses: 2, evictedConnections: 0 })
    const e = await viaProxy(proxied, '198.51.100.99, 203.0.113.2')
    expect((await d.closed).code).toBe(CLOSE_EVICTED)
    await e.sync()
    expect(proxied.stats()).toMatchObject({ addresses: 2, evictedConnections: 1 })
  })

  it('refuses with 1013 only when nobody can give way', async () => {
    const lines: string[] = []
    const server = await start({ maxConnectionsPerAddress: 0 }, lines)
    const refused = await connect(server)
    expect(await refused.closed).toEqual({ code: 1013, reason: 'server full' })
    expect(server.stats()).toMatchObject({ connections: 0, refusedConnections: 1 })
    expect(lines.filter((l) => l.includes('refused'))).toHaveLength(1)
  })
})
