/**
 * A Wi-Fi that blocks device-to-device traffic (issue 13): Chromium is launched with the WebRTC IP
 * handling policy `disable_non_proxied_udp` and no proxy, so no WebRTC link can come up (asserted:
 * 0 direct peers on every device). A short workshop still runs through the server's end-to-end
 * encrypted relay: the facilitator creates it, two participants join by the link (which carries
 * the room content key), notes reach everyone, step changes follow, a dot vote with its reveal
 * works, and the indicator says "through the server".
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import {
  addNote,
  enableTestHooks,
  joinByCode,
  openDevice,
  closeAll,
  createWorkshop,
  gotoStep,
  noteTexts,
  PHONE,
  startApp,
  startSession,
  TABLET,
  unexpectedErrors,
  waitForNote,
  type Device,
} from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'
import { passTabletVote } from '../support/workshopRun.ts'

const NO_DIRECT_LINKS = ['--force-webrtc-ip-handling-policy=disable_non_proxied_udp', '--webrtc-ip-handling-policy=disable_non_proxied_udp']

let server: RunningServer
let fac: Device
const ps: Device[] = []

async function openIsolatedDevice(viewport: { width: number; height: number }): Promise<Device> {
  const device = await openDevice({ viewport, chromiumArgs: NO_DIRECT_LINKS })
  await enableTestHooks(device)
  return device
}

interface NetState {
  active: boolean
  direct: number
  relayPeers: number
  sending: boolean
  stats: Record<string, number>
}

/** The live connection's own counters, through the page's real services (test hooks). */
function net(page: Page): Promise<NetState> {
  return page.evaluate(async () => {
    const id = location.pathname.split('/').pop() ?? ''
    type Conn = { relayActive: boolean; directPeers(): number; relayPeers(): number; relaySending(): boolean; networkStats(): Record<string, number> }
    const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<{ connection: Conn }>; release(id: string): void } } }).__medvirk.services
    const s = await services.acquire(id)
    try {
      const c = s.connection
      return { active: c.relayActive, direct: c.directPeers(), relayPeers: c.relayPeers(), sending: c.relaySending(), stats: c.networkStats() }
    } finally {
      services.release(id)
    }
  })
}

const stepOf = (page: Page) => page.locator('[data-testid=step-panel]').getAttribute('data-step')
const option = (page: Page, label: string) => page.getByTestId('ballot-option').filter({ hasText: label })

beforeAll(async () => {
  server = await startApp()
  fac = await openIsolatedDevice(TABLET)
  for (let i = 0; i < 2; i++) ps.push(await openIsolatedDevice(PHONE))
})
afterAll(async () => {
  await closeAll([fac, ...ps], [server])
})

test('no direct links: a short workshop runs through the relay, notes, steps, a vote and its reveal', async () => {
  const { link, code } = await createWorkshop(fac.page, server.url, 'Skolenett uten direktelinjer', { open: false })
  // The link (and QR code) carries the relay's content key in the fragment.
  expect(new URL(link).hash).toMatch(/[#&]r=[A-Za-z0-9_-]{43}(&|$)/)
  await fac.page.getByTestId('template-select').selectOption('prioriter-med-prikker')
  await fac.page.getByTestId('setup').getByText('Hva er viktigst?').waitFor()
  for (const p of ps) await p.page.goto(link)
  for (const p of ps) {
    await expect.poll(() => p.page.getByTestId('workshop-title').textContent(), { timeout: 30000 }).toBe('Skolenett uten direktelinjer')
  }
  await expect.poll(() => fac.page.getByTestId('participant-count').getAttribute('data-count'), { timeout: 20000 }).toBe('2')

  await startSession(fac.page)
  await gotoStep(fac.page, 'ideas')
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 15000 }).toBe('ideas')
  await fac.page.getByTestId('console-reveal').click()

  // Notes from every device reach every device; the time from publishing to arrival is measured.
  const t0 = Date.now()
  await addNote(ps[0]!.page, 'Bussen går for sjelden')
  await waitForNote(fac.page, 'Bussen går for sjelden')
  await waitForNote(ps[1]!.page, 'Bussen går for sjelden')
  const noteMs = Date.now() - t0
  await addNote(ps[1]!.page, 'Ungdomsklubben stenger for tidlig')
  await addNote(fac.page, 'Helsesykepleier bare tirsdager')
  const all = ['Bussen går for sjelden', 'Helsesykepleier bare tirsdager', 'Ungdomsklubben stenger for tidlig']
  for (const d of [fac, ...ps]) {
    for (const text of all) await waitForNote(d.page, text)
    expect(await noteTexts(d.page)).toEqual(all)
  }

  // Every device: not one WebRTC link, the relay carries everything, and the indicator says so.
  for (const d of [fac, ...ps]) {
    const n = await net(d.page)
    expect(n.direct).toBe(0)
    expect(n.relayPeers).toBe(2)
    expect(n.sending).toBe(true)
    expect(n.stats['relayUndecryptable']).toBe(0)
    await expect.poll(() => d.page.getByTestId('connection').getAttribute('data-via'), { timeout: 10000 }).toBe('server')
    expect(await d.page.getByTestId('connection').getAttribute('data-peers')).toBe('2')
    expect(await d.page.getByTestId('connection').textContent()).toBe('Tilkoblet gjennom serveren til 2 andre enheter')
  }

  // Frames per note: one note published by a participant, counted on its sender and a receiver.
  const before = await Promise.all([net(ps[0]!.page), net(ps[1]!.page)])
  await addNote(ps[0]!.page, 'Én lapp til for å telle rammer')
  await waitForNote(ps[1]!.page, 'Én lapp til for å telle rammer')
  await waitForNote(fac.page, 'Én lapp til for å telle rammer')
  await new Promise((r) => setTimeout(r, 500))
  const after = await Promise.all([net(ps[0]!.page), net(ps[1]!.page)])
  const sentPerNote = (after[0].stats['relayFramesSent'] ?? 0) - (before[0].stats['relayFramesSent'] ?? 0)
  const receivedPerNote = (after[1].stats['relayFramesReceived'] ?? 0) - (before[1].stats['relayFramesReceived'] ?? 0)

  // Step changes follow, the dot vote runs and its reveal reaches everyone.
  await gotoStep(fac.page, 'group')
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 15000 }).toBe('group')
  for (const name of ['Transport', 'Klubb']) {
    await fac.page.getByTestId('cluster-name').fill(name)
    await fac.page.getByTestId('cluster-add').click()
  }
  await gotoStep(fac.page, 'vote')
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 15000 }).toBe('vote')
  await expect.poll(() => fac.page.getByTestId('vote-console').textContent()).toContain('Klubb')
  await fac.page.getByTestId('vote-open').click()
  const votes: [string, number][][] = [[['Transport', 3]], [['Transport', 1], ['Klubb', 2]]]
  for (const [i, p] of ps.entries()) {
    await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
    for (const [label, n] of votes[i]!) for (let k = 0; k < n; k++) await option(p.page, label).getByTestId('dot-add').click()
    await p.page.getByTestId('vote-send').click()
    await p.page.getByTestId('vote-sent').waitFor()
  }
  await expect.poll(() => fac.page.getByTestId('vote-status').getAttribute('data-submitted'), { timeout: 15000 }).toBe('2')
  // A third voter on the facilitator's tablet: results are published from three voters on.
  await passTabletVote(fac, (page) => option(page, 'Klubb').getByTestId('dot-add').click())
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  // Transport 3+1 = 4, Klubb 2+1 = 3 (three voters: ranks only).
  for (const d of [fac, ...ps]) {
    await d.page.getByTestId('results').waitFor({ timeout: 20000 })
    const rows = d.page.getByTestId('results-row')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.filter({ hasText: 'Transport' }).getAttribute('data-rank')).toBe('1')
    expect(await rows.filter({ hasText: 'Klubb' }).getAttribute('data-rank')).toBe('2')
  }
  for (const p of ps) await expect.poll(() => p.page.getByTestId('vote-receipt').getAttribute('data-status'), { timeout: 15000 }).toBe('counted')

  // Someone who types the code on this network cannot reach the key (it only travels in the link,
  // or signed in the doc over a direct link): the board tells them to use the QR code or link.
  const typed = await openIsolatedDevice(PHONE)
  try {
    await joinByCode(typed.page, server.url, code)
    await typed.page.getByTestId('conn-needs-link').waitFor({ timeout: 30000 })
    expect(await typed.page.getByTestId('conn-needs-link').textContent()).toContain('Skann QR-koden')
    expect((await net(typed.page)).active).toBe(false)
  } finally {
    await typed.browser.close()
  }

  // Still no direct link anywhere, and the server forwarded frames it cannot read.
  for (const d of [fac, ...ps]) expect((await net(d.page)).direct).toBe(0)
  const relay = server.relayStats()
  expect(relay.published).toBeGreaterThan(0)
  expect(relay.droppedFrames).toBe(0)
  console.log(`relay e2e: note latency ${noteMs} ms (publish click to shown on both other devices); per note ${sentPerNote} frame(s) sent by the author, ${receivedPerNote} received by another device; hub forwarded ${relay.published} frames / ${relay.publishedBytes} bytes`)
  for (const d of [fac, ...ps]) expect(unexpectedErrors(d.errors, [/WebSocket connection to .*\/signal/])).toEqual([])
})

test('where direct links come up, a typed code learns the relay key from the signed meta, and nobody sends on the relay', async () => {
  const f = await openDevice()
  const p = await openDevice({ viewport: PHONE })
  try {
    await enableTestHooks(f)
    await enableTestHooks(p)
    const { code } = await createWorkshop(f.page, server.url, 'Vanlig nett')
    await joinByCode(p.page, server.url, code)
    await addNote(f.page, 'Direkte over WebRTC')
    await waitForNote(p.page, 'Direkte over WebRTC')
    // The key came in the doc meta, signed by the facilitator key the participant pinned.
    await expect.poll(async () => (await net(p.page)).active, { timeout: 15000 }).toBe(true)
    for (const d of [f, p]) {
      await expect.poll(async () => (await net(d.page)).relayPeers, { timeout: 15000 }).toBe(1)
      const n = await net(d.page)
      expect(n.direct).toBe(1)
      // Everyone is linked directly: the relay only listens.
      expect(n.sending).toBe(false)
      expect(n.stats['relayFramesSent'] ?? 0).toBe(0)
      await expect.poll(() => d.page.getByTestId('connection').getAttribute('data-via')).toBe('direct')
      expect(await d.page.getByTestId('connection').textContent()).toBe('Tilkoblet direkte til 1 annen enhet')
    }
    for (const d of [f, p]) expect(d.errors).toEqual([])
  } finally {
    await closeAll([f, p])
  }
})
