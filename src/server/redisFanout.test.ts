/**
 * Scale-out (issue 13): two server instances, one real redis-server (tests/support/redis.ts),
 * real `ws` clients. Covers cross-instance delivery, no echo, (un)subscribe following the local
 * subscribers, Redis going away and coming back, bounds, and `REDIS_URL` in main.ts.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from './server.ts'
import type { RunningServer } from './server.ts'
import { createRedisFanout, redactRedisUrl } from './redisFanout.ts'
import type { RedisFanout, RedisFanoutOptions } from './redisFanout.ts'
import { DEFAULT_SIGNALING_LIMITS } from './signaling.ts'
import { TestClient, makeFakeDist, removeDir, waitFor } from './testHelpers.ts'
import { startRedis } from '../../tests/support/redis.ts'
import type { RedisServer } from '../../tests/support/redis.ts'

let redis: RedisServer
let admin: Redis
let distDir: string
const servers: RunningServer[] = []
const fanouts: RedisFanout[] = []
const clients: TestClient[] = []
const children: ChildProcess[] = []

beforeAll(async () => {
  redis = await startRedis()
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 })
  admin.on('error', () => {})
  distDir = await makeFakeDist()
})
afterAll(async () => {
  admin.disconnect()
  await redis.stop()
  await removeDir(distDir)
})
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
  await Promise.all(fanouts.splice(0).map((f) => f.close()))
})

interface Instance {
  server: RunningServer
  fanout: RedisFanout
  logs: string[]
}

function fanoutFor(logs: string[], extra: Partial<RedisFanoutOptions> = {}): RedisFanout {
  const fanout = createRedisFanout({
    url: redis.url,
    log: (line) => logs.push(line),
    reconnect: { initialMs: 50, maxMs: 300 },
    ...extra,
  })
  fanouts.push(fanout)
  return fanout
}

async function instance(): Promise<Instance> {
  const logs: string[] = []
  const fanout = fanoutFor(logs)
  const server = await startServer({ port: 0, host: '127.0.0.1', distDir, fanout, log: (l) => logs.push(l) })
  servers.push(server)
  await waitFor(() => fanout.stats().connected, 5000)
  return { server, fanout, logs }
}

async function connect(server: RunningServer): Promise<TestClient> {
  const client = await TestClient.connect(server.signalingUrl)
  clients.push(client)
  return client
}

/** How many Redis connections are subscribed to `channel` (PUBSUB NUMSUB). */
async function numsub(channel: string): Promise<number> {
  const reply = (await admin.call('PUBSUB', 'NUMSUB', channel)) as [string, number]
  return Number(reply[1])
}

async function waitForNumsub(channel: string, n: number, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while ((await numsub(channel)) !== n) {
    if (Date.now() - start > timeoutMs) throw new Error(`${channel}: expected ${n} subscribers`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Resolves when nothing more arrives within `ms`: the inbox is checked after a quiet period. */
async function expectNothing(client: TestClient, ms = 150): Promise<void> {
  await expect(client.next(ms)).rejects.toThrow('no message')
}

describe('signaling across two instances through Redis', () => {
  it('delivers a publish from either instance to the other exactly once, and never echoes', async () => {
    const a = await instance()
    const b = await instance()
    const alice = await connect(a.server)
    const bob = await connect(b.server)
    await alice.subscribe('room-1')
    await bob.subscribe('room-1')
    await waitForNumsub('medvirk:signal:room-1', 2)

    // A → B. Alice gets her own publish locally (as with one instance), with A's local count.
    alice.send({ type: 'publish', topic: 'room-1', data: { n: 1, from: 'alice' } })
    expect(await alice.next()).toEqual({ type: 'publish', topic: 'room-1', data: { n: 1, from: 'alice' }, clients: 1 })
    expect(await bob.next()).toEqual({ type: 'publish', topic: 'room-1', data: { n: 1, from: 'alice' }, clients: 1 })

    // B → A. Redis handles commands one at a time, so had A's first frame come back to A (an
    // echo) or reached B twice, it would arrive before this one: each side's next frame is B's.
    bob.send({ type: 'publish', topic: 'room-1', data: { n: 2, from: 'bob' } })
    expect(await bob.next()).toMatchObject({ data: { n: 2, from: 'bob' } })
    expect(await alice.next()).toMatchObject({ data: { n: 2, from: 'bob' }, clients: 1 })

    // And once more A → B, so that an echo of B's frame on B would show up before it.
    alice.send({ type: 'publish', topic: 'room-1', data: { n: 3, from: 'alice' } })
    expect(await alice.next()).toMatchObject({ data: { n: 3 } })
    expect(await bob.next()).toMatchObject({ data: { n: 3 } })
    await expectNothing(alice)
    await expectNothing(bob)

    expect(a.server.stats()).toMatchObject({ fanoutPublished: 2, fanoutDelivered: 1, fanoutDropped: 0 })
    expect(b.server.stats()).toMatchObject({ fanoutPublished: 1, fanoutDelivered: 2, fanoutDropped: 0 })
    expect(a.fanout.stats()).toMatchObject({ published: 2, received: 1, dropped: 0, channels: 1 })
  })

  it('counts `clients` per instance and reaches every local subscriber of the other instance', async () => {
    const a = await instance()
    const b = await instance()
    const alice = await connect(a.server)
    const bob = await connect(b.server)
    const bea = await connect(b.server)
    await alice.subscribe('room-2')
    await bob.subscribe('room-2')
    await bea.subscribe('room-2')
    await waitForNumsub('medvirk:signal:room-2', 2)
    alice.send({ type: 'publish', topic: 'room-2', data: 'hi' })
    expect(await bob.next()).toMatchObject({ data: 'hi', clients: 2 })
    expect(await bea.next()).toMatchObject({ data: 'hi', clients: 2 })
    expect(await alice.next()).toMatchObject({ data: 'hi', clients: 1 })
  })

  it('gives other topics nothing, and stops delivery once the last local subscriber leaves', async () => {
    const a = await instance()
    const b = await instance()
    const alice = await connect(a.server)
    const bob = await connect(b.server)
    const carol = await connect(b.server)
    await alice.subscribe('room-3')
    await bob.subscribe('room-3')
    await carol.subscribe('room-other')
    await waitForNumsub('medvirk:signal:room-3', 2)

    alice.send({ type: 'publish', topic: 'room-3', data: 'for room-3' })
    expect(await bob.next()).toMatchObject({ data: 'for room-3' })
    await expectNothing(carol)

    // Bob leaves room-3: B has no subscriber of it any more and leaves the Redis channel.
    bob.send({ type: 'unsubscribe', topics: ['room-3'] })
    await bob.sync()
    await waitForNumsub('medvirk:signal:room-3', 1)
    expect(b.fanout.stats().channels).toBe(1) // room-other
    alice.send({ type: 'publish', topic: 'room-3', data: 'after unsubscribe' })
    expect(await alice.next()).toMatchObject({ data: 'for room-3' })
    expect(await alice.next()).toMatchObject({ data: 'after unsubscribe' })
    await expectNothing(bob)
    await expectNothing(carol)

    // A disconnecting client is a last subscriber leaving too.
    await carol.close()
    await waitForNumsub('medvirk:signal:room-other', 0)
    expect(b.fanout.stats().channels).toBe(0)
  })

  it('does not let fan-out frames bypass anything: oversize, malformed and foreign frames are dropped', async () => {
    const a = await instance()
    const alice = await connect(a.server)
    await alice.subscribe('room-4')
    await waitForNumsub('medvirk:signal:room-4', 1)
    const fake = Buffer.alloc(16, 7) // another "instance" id
    const frame = (payload: string): Buffer => Buffer.concat([fake, Buffer.from(payload)])
    const big = JSON.stringify({ type: 'publish', topic: 'room-4', pad: 'x'.repeat(DEFAULT_SIGNALING_LIMITS.maxFrameBytes) })
    await admin.publish('medvirk:signal:room-4', frame(big))
    await admin.publish('medvirk:signal:room-4', frame('not json'))
    await admin.publish('medvirk:signal:room-4', frame('{"type":"subscribe","topics":["x"]}'))
    await admin.publish('medvirk:signal:room-4', frame('{"type":"publish","topic":"room-5"}'))
    await admin.publish('medvirk:signal:room-4', Buffer.from('short'))
    await admin.publish('medvirk:signal:room-4', frame('{"type":"publish","topic":"room-4","data":"ok"}'))
    expect(await alice.next()).toEqual({ type: 'publish', topic: 'room-4', data: 'ok', clients: 1 })
    expect(a.server.stats()).toMatchObject({ fanoutDropped: 4, fanoutDelivered: 1 })

    // A client's oversize frame is dropped by the hub before anything is published.
    const spy = new Redis(redis.url)
    spy.on('error', () => {})
    const seen: Buffer[] = []
    spy.on('messageBuffer', (_c: Buffer, m: Buffer) => seen.push(m))
    await spy.subscribe('medvirk:signal:room-4')
    alice.sendRaw(JSON.stringify({ type: 'publish', topic: 'room-4', pad: 'y'.repeat(70 * 1024) }))
    alice.send({ type: 'publish', topic: 'room-4', data: 'small' })
    expect(await alice.next()).toMatchObject({ data: 'small' })
    await waitFor(() => seen.length === 1)
    expect(seen[0]?.subarray(16).toString()).toBe('{"type":"publish","topic":"room-4","data":"small"}')
    spy.disconnect()
  })

  it('keeps local delivery when Redis goes away, says so once, and resumes when it is back', async () => {
    const a = await instance()
    const b = await instance()
    const alice = await connect(a.server)
    const anna = await connect(a.server)
    const bob = await connect(b.server)
    const bert = await connect(b.server)
    for (const c of [alice, anna, bob, bert]) await c.subscribe('room-6')
    await waitForNumsub('medvirk:signal:room-6', 2)

    await redis.kill()
    await waitFor(() => a.logs.some((l) => l.includes('lost Redis')), 5000)
    await waitFor(() => b.logs.some((l) => l.includes('lost Redis')), 5000)

    // Each instance still serves its own clients, and nothing crosses over.
    alice.send({ type: 'publish', topic: 'room-6', data: 'a-local' })
    bob.send({ type: 'publish', topic: 'room-6', data: 'b-local' })
    expect(await anna.next()).toMatchObject({ data: 'a-local', clients: 2 })
    expect(await alice.next()).toMatchObject({ data: 'a-local' })
    expect(await bert.next()).toMatchObject({ data: 'b-local', clients: 2 })
    expect(await bob.next()).toMatchObject({ data: 'b-local' })
    // A newcomer during the outage is served too, and its topic is subscribed once Redis is back.
    const nina = await connect(b.server)
    await nina.subscribe('room-7')
    const nils = await connect(a.server)
    await nils.subscribe('room-7')
    await new Promise((r) => setTimeout(r, 700)) // several reconnect attempts
    await expectNothing(anna, 50)
    await expectNothing(bert, 50)
    // One line per outage, however many reconnect attempts failed.
    expect(a.logs.filter((l) => l.includes('Redis')).length).toBe(2) // connected, lost
    expect(a.logs.find((l) => l.includes('lost Redis'))).toMatch(/still serves its own clients/)

    await redis.start()
    await waitFor(() => a.logs.some((l) => l.includes('is back')), 5000)
    await waitFor(() => b.logs.some((l) => l.includes('is back')), 5000)
    await waitForNumsub('medvirk:signal:room-6', 2)
    await waitForNumsub('medvirk:signal:room-7', 2)

    alice.send({ type: 'publish', topic: 'room-6', data: 'across again' })
    expect(await bob.next()).toMatchObject({ data: 'across again' })
    expect(await bert.next()).toMatchObject({ data: 'across again' })
    nina.send({ type: 'publish', topic: 'room-7', data: 'newcomer across' })
    expect(await nils.next()).toMatchObject({ data: 'newcomer across' })
  })

  it('measures cross-instance delivery latency', async () => {
    const a = await instance()
    const b = await instance()
    const alice = await connect(a.server)
    const bob = await connect(b.server)
    await alice.subscribe('room-lat')
    await bob.subscribe('room-lat')
    await waitForNumsub('medvirk:signal:room-lat', 2)
    const samples: number[] = []
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now()
      alice.send({ type: 'publish', topic: 'room-lat', data: i })
      expect(await bob.next()).toMatchObject({ data: i })
      samples.push(performance.now() - t0)
      await alice.next()
    }
    samples.sort((x, y) => x - y)
    const p = (q: number): string => (samples[Math.floor(q * (samples.length - 1))] ?? NaN).toFixed(2)
    console.log(`cross-instance signaling latency over Redis (ws client A → B, n=200): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`)
    expect(Number(p(0.5))).toBeLessThan(50)
  })
})

describe('the Redis fan-out on its own', () => {
  it('is channel-agnostic: two hubs (prefixes) share it, and it never hands back its own frames', async () => {
    const logs: string[] = []
    const one = fanoutFor(logs)
    const two = fanoutFor(logs)
    await waitFor(() => one.stats().connected && two.stats().connected, 5000)
    const got: string[] = []
    one.subscribe('medvirk:relay:x', (p) => got.push(`one relay ${p.toString()}`))
    one.subscribe('medvirk:signal:x', (p) => got.push(`one signal ${p.toString()}`))
    two.subscribe('medvirk:relay:x', (p) => got.push(`two relay ${p.toString()}`))
    await waitForNumsub('medvirk:relay:x', 2)
    await waitForNumsub('medvirk:signal:x', 1)
    one.publish('medvirk:relay:x', Buffer.from([0, 255, 1]).subarray(0, 2))
    two.publish('medvirk:relay:x', Buffer.from('from two'))
    two.publish('medvirk:signal:x', Buffer.from('sig'))
    await waitFor(() => got.length === 3)
    await new Promise((r) => setTimeout(r, 100))
    expect(got.sort()).toEqual([
      `one relay from two`,
      'one signal sig',
      `two relay ${Buffer.from([0, 255]).toString()}`,
    ])
  })

  it('never publishes a payload over its limit, and drops nothing while within it', async () => {
    const fanout = fanoutFor([], { maxPayloadBytes: 1000 })
    await waitFor(() => fanout.stats().connected, 5000)
    const spy = new Redis(redis.url)
    spy.on('error', () => {})
    const seen: number[] = []
    spy.on('messageBuffer', (_c: Buffer, m: Buffer) => seen.push(m.length - 16))
    await spy.subscribe('medvirk:signal:big')
    fanout.publish('medvirk:signal:big', Buffer.alloc(1001))
    fanout.publish('medvirk:signal:big', Buffer.alloc(1000))
    await waitFor(() => seen.length === 1)
    await new Promise((r) => setTimeout(r, 50))
    expect(seen).toEqual([1000])
    expect(fanout.stats()).toMatchObject({ published: 1, dropped: 1 })
    spy.disconnect()
  })

  it('bounds what waits for a stalled Redis, in frames and in bytes', async () => {
    const fanout = fanoutFor([], { maxPendingPublishes: 5, maxPendingBytes: 1000 })
    await waitFor(() => fanout.stats().connected, 5000)
    redis.pause()
    try {
      for (let i = 0; i < 10; i++) fanout.publish('medvirk:signal:stalled', Buffer.alloc(10))
      expect(fanout.stats()).toMatchObject({ published: 5, pending: 5, dropped: 5 })
    } finally {
      redis.resume()
    }
    await waitFor(() => fanout.stats().pending === 0)
    fanout.publish('medvirk:signal:stalled', Buffer.alloc(900))
    redis.pause()
    try {
      fanout.publish('medvirk:signal:stalled', Buffer.alloc(900)) // 1832 bytes would wait
      expect(fanout.stats()).toMatchObject({ published: 6, dropped: 6 })
    } finally {
      redis.resume()
    }
  })

  it('starts while Redis is unreachable, says so once, and drops publishes rather than queueing them', async () => {
    const logs: string[] = []
    const fanout = fanoutFor(logs, { url: 'redis://127.0.0.1:1' })
    await waitFor(() => logs.some((l) => l.includes('cannot reach Redis')), 5000)
    await new Promise((r) => setTimeout(r, 500))
    expect(logs.filter((l) => l.includes('cannot reach'))).toHaveLength(1)
    fanout.publish('medvirk:signal:t', Buffer.from('x')) // dropped, not queued
    expect(fanout.stats()).toMatchObject({ connected: false, published: 0, dropped: 1 })
  })

  it('keeps passwords out of log lines', () => {
    expect(redactRedisUrl('redis://user:s3cret@redis.example:6379/0')).toBe('redis://user:***@redis.example:6379/0')
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379')
  })
})

describe('REDIS_URL in npm start (main.ts)', () => {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
  const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url))

  it('joins an instance started by main.ts with REDIS_URL to an in-process one', async () => {
    const child = spawn(process.execPath, [tsxCli, 'src/server/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: distDir, HTTPS: '', TLS_CERT: '', TLS_KEY: '', REDIS_URL: redis.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let out = ''
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    await waitFor(() => /connected to Redis/.test(out) && /Signaling: +ws:\/\//.test(out), 15000)
    expect(out).toMatch(/Scale-out: +signaling fans out through Redis/)
    const url = /Signaling: +(ws:\/\/\S+)/.exec(out)?.[1] ?? ''
    const remote = await TestClient.connect(url)
    clients.push(remote)
    const local = await instance()
    const alice = await connect(local.server)
    await alice.subscribe('room-main')
    await remote.subscribe('room-main')
    await waitForNumsub('medvirk:signal:room-main', 2)
    alice.send({ type: 'publish', topic: 'room-main', data: 'to main.ts' })
    expect(await remote.next()).toMatchObject({ data: 'to main.ts' })
  })

  it('without REDIS_URL loads no Redis client: only redisFanout.ts imports ioredis, and only dynamically', async () => {
    const dir = path.join(repoRoot, 'src')
    const files = (await readdir(dir, { recursive: true })).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f),
    )
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8')
      if (file !== path.join('server', 'redisFanout.ts')) {
        expect(text, file).not.toMatch(/from ['"](ioredis|redis)['"]/)
      }
      expect(text, file).not.toMatch(/^import [^(]*['"]\.\/redisFanout(\.ts)?['"]/m)
    }
    const main = await readFile(path.join(dir, 'server', 'main.ts'), 'utf8')
    expect(main).toMatch(/if \(redisUrl\) \{\s*const \{ createRedisFanout \} = await import\('\.\/redisFanout\.ts'\)/)
  })
})
