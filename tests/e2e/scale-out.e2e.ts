/**
 * Scale-out (issue 13): two server instances behind (what would be) a load balancer, joined by a
 * real redis-server. The facilitator's browser talks to instance A only, the participant's browser
 * to instance B only; they still find each other, because B's signaling hub hands A's frames on
 * through Redis and back. Without the fan-out the two would never meet: each instance's hub alone
 * knows only its own clients.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addNote, closeAll, createWorkshop, DIST, joinByCode, noteTexts, openDevice, waitForNote, type Device } from '../support/browser.ts'
import { startServer, type RunningServer } from '../../src/server/server.ts'
import { createRedisFanout, type RedisFanout } from '../../src/server/redisFanout.ts'
import { startRedis, type RedisServer } from '../support/redis.ts'

let redis: RedisServer
const fanouts: RedisFanout[] = []
let a: RunningServer, b: RunningServer
let fac: Device, participant: Device
const sockets: Record<'fac' | 'participant', string[]> = { fac: [], participant: [] }

async function instance(): Promise<RunningServer> {
  const fanout = createRedisFanout({ url: redis.url, log: () => {} })
  fanouts.push(fanout)
  return startServer({ port: 0, host: '127.0.0.1', distDir: DIST, log: () => {}, fanout })
}

beforeAll(async () => {
  redis = await startRedis()
  ;[a, b] = await Promise.all([instance(), instance()])
  ;[fac, participant] = await Promise.all([openDevice(), openDevice({ locale: 'en-GB' })])
  fac.page.on('websocket', (ws) => sockets.fac.push(ws.url()))
  participant.page.on('websocket', (ws) => sockets.participant.push(ws.url()))
})
afterAll(async () => {
  await closeAll([fac, participant], [a, b])
  await Promise.all(fanouts.map((f) => f.close()))
  await redis?.stop()
})

test('a participant on instance B joins a facilitator on instance A, and notes cross both ways', async () => {
  expect(a.port).not.toBe(b.port)
  const created = await createWorkshop(fac.page, a.url, 'Skalering: to servere')

  // The participant's device is served by B, and so signals through B (its own origin's /signal).
  const t0 = Date.now()
  await joinByCode(participant.page, b.url, created.code)
  await expect.poll(() => participant.page.getByTestId('workshop-title').textContent(), { timeout: 30000 }).toBe('Skalering: to servere')
  await expect.poll(() => fac.page.getByTestId('participant-count').getAttribute('data-count'), { timeout: 30000 }).toBe('1')
  await expect.poll(() => participant.page.getByTestId('connection').getAttribute('data-kind'), { timeout: 30000 }).toBe('connected')
  const joinMs = Date.now() - t0

  // The board arrived: the step the facilitator opened, with notes revealed.
  await participant.page.locator('[data-testid=step-panel][data-step="ideas"]').waitFor({ timeout: 30000 })

  await addNote(fac.page, 'Notat fra instans A')
  await addNote(participant.page, 'Note from instance B')
  for (const d of [fac, participant]) {
    await waitForNote(d.page, 'Notat fra instans A', 30000)
    await waitForNote(d.page, 'Note from instance B', 30000)
    expect(await noteTexts(d.page)).toEqual(['Notat fra instans A', 'Note from instance B'].sort())
  }

  // Each device only ever opened sockets to its own instance (signaling, and the relay where the
  // app uses it): what links them is the Redis fan-out between the instances, nothing else.
  const origin = (s: RunningServer): string => s.signalingUrl.replace(/\/signal$/, '/')
  expect(sockets.fac).toContain(a.signalingUrl)
  expect(sockets.participant).toContain(b.signalingUrl)
  expect(sockets.fac.filter((u) => !u.startsWith(origin(a)))).toEqual([])
  expect(sockets.participant.filter((u) => !u.startsWith(origin(b)))).toEqual([])
  expect(a.stats().fanoutDelivered).toBeGreaterThan(0)
  expect(b.stats().fanoutDelivered).toBeGreaterThan(0)
  console.log(
    `scale-out e2e: join across instances ${joinMs} ms; frames A→B ${b.stats().fanoutDelivered}, B→A ${a.stats().fanoutDelivered}`,
  )
  for (const d of [fac, participant]) expect(d.errors).toEqual([])
})
