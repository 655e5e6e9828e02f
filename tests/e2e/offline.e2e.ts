/**
 * Offline: the app opens from the service worker with no server, notes written by two devices
 * while they cannot reach each other merge once the server is back, and a participant's notes
 * survive closing the browser.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { chromium, type BrowserContext } from 'playwright-core'
import {
  addNote,
  CHROMIUM,
  CHROMIUM_ARGS,
  closeAll,
  createWorkshop,
  joinByCode,
  noteTexts,
  openDevice,
  startApp,
  TABLET,
  unexpectedErrors,
  waitForNote,
  waitForServiceWorker,
  type Device,
} from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let devices: Device[] = []
let servers: RunningServer[] = []
let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await closeAll(devices, servers)
  for (const c of cleanups) await c().catch(() => {})
  devices = []
  servers = []
  cleanups = []
})

/**
 * While the server is deliberately stopped, y-webrtc keeps trying to reach `/signal` and
 * Chromium logs each failed WebSocket handshake as a console error. Those, and only those, are
 * expected here.
 */
/**
 * While the signaling server (and the relay beside it) is deliberately down, Chromium logs the failed reconnects, and
 * lib0's socket may be mid-close when y-webrtc sends its goodbye ("already in CLOSING or CLOSED
 * state"). Both are the expected symptoms of the outage, nothing else is allowed.
 */
function signalingDown(port: number): RegExp {
  return new RegExp(`^console: (WebSocket connection to 'ws://127\\.0\\.0\\.1:${port}/(signal|relay)' failed|WebSocket is already in CLOSING or CLOSED state\\.$)`)
}

test('the board opens from the service worker with its notes after the server is gone', async () => {
  const server = await startApp()
  servers.push(server)
  const fac = await openDevice()
  devices.push(fac)
  const { url } = await createWorkshop(fac.page, server.url, 'Verksted uten nett')
  await waitForServiceWorker(fac.page)
  await fac.page.getByTestId('workshop-title').waitFor()
  await addNote(fac.page, 'Lys i skateparken')
  await addNote(fac.page, 'Gratis leksehjelp')
  await expect.poll(() => noteTexts(fac.page)).toEqual(['Gratis leksehjelp', 'Lys i skateparken'])

  await server.close()
  await fac.page.reload()
  expect(fac.page.url()).toBe(url)
  expect(await fac.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  await expect.poll(() => fac.page.getByTestId('workshop-title').textContent()).toBe('Verksted uten nett')
  await expect.poll(() => noteTexts(fac.page)).toEqual(['Gratis leksehjelp', 'Lys i skateparken'])
  await expect.poll(() => fac.page.getByTestId('connection').getAttribute('data-kind'), { timeout: 15000 }).toMatch(/^(offline|unreachable)$/)
  await expect.poll(() => fac.page.getByTestId('connection').textContent()).toMatch(/Frakoblet|Får ikke kontakt/)
  expect(unexpectedErrors(fac.errors, [signalingDown(server.port)])).toEqual([])
})

test('notes written on two partitioned devices while the server is down reach both once it is back', async () => {
  const server = await startApp()
  servers.push(server)
  const port = server.port
  const fac = await openDevice()
  const part = await openDevice()
  devices.push(fac, part)
  const { code } = await createWorkshop(fac.page, server.url, 'Nettbrudd')
  await waitForServiceWorker(fac.page)
  await joinByCode(part.page, server.url, code)
  await waitForServiceWorker(part.page)
  await expect.poll(() => part.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Nettbrudd')
  await addNote(fac.page, 'Før bruddet')
  await waitForNote(part.page, 'Før bruddet')

  // Take the server away, then reload both pages: each new page comes from the service worker
  // and cannot find the other device without signaling, so the two are truly partitioned
  // (an existing WebRTC link would otherwise survive a signaling outage).
  await server.close()
  await fac.page.reload()
  await part.page.reload()
  for (const d of [fac, part]) {
    await expect.poll(() => d.page.getByTestId('workshop-title').textContent()).toBe('Nettbrudd')
    await expect.poll(() => noteTexts(d.page)).toEqual(['Før bruddet'])
    expect(await d.page.getByTestId('connection').getAttribute('data-kind')).not.toBe('connected')
    expect(await d.page.getByTestId('connection').getAttribute('data-peers')).toBe('0')
  }
  await addNote(fac.page, 'Skrevet av fasilitator uten nett')
  await addNote(part.page, 'Skrevet av deltaker uten nett')
  await waitForNote(fac.page, 'Skrevet av fasilitator uten nett')
  await waitForNote(part.page, 'Skrevet av deltaker uten nett')
  expect(await noteTexts(fac.page)).not.toContain('Skrevet av deltaker uten nett')
  expect(await noteTexts(part.page)).not.toContain('Skrevet av fasilitator uten nett')

  // The same server comes back on the same port; y-webrtc's signaling client reconnects.
  const server2 = await startApp(port)
  servers.push(server2)
  const all = ['Før bruddet', 'Skrevet av deltaker uten nett', 'Skrevet av fasilitator uten nett']
  await expect.poll(() => noteTexts(fac.page), { timeout: 30000 }).toEqual(all)
  await expect.poll(() => noteTexts(part.page), { timeout: 30000 }).toEqual(all)
  await expect.poll(() => fac.page.getByTestId('connection').getAttribute('data-kind')).toBe('connected')
  expect(unexpectedErrors(fac.errors, [signalingDown(port)])).toEqual([])
  expect(unexpectedErrors(part.errors, [signalingDown(port)])).toEqual([])
})

test('a participant\'s note survives closing and relaunching the browser (same profile)', async () => {
  const server = await startApp()
  servers.push(server)
  const fac = await openDevice()
  devices.push(fac)
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'medvirk-profile-'))
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }))
  const launch = async (): Promise<{ context: BrowserContext; errors: string[] }> => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: TABLET,
      locale: 'nb-NO',
    })
    cleanups.push(() => context.close())
    const errors: string[] = []
    context.on('weberror', (e) => errors.push(`pageerror: ${e.error().message}`))
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`)
    })
    return { context, errors }
  }

  const { code } = await createWorkshop(fac.page, server.url, 'Ungdomsrådet i Vik')
  const first = await launch()
  const page1 = first.context.pages()[0] ?? (await first.context.newPage())
  await joinByCode(page1, server.url, code)
  await expect.poll(() => page1.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Ungdomsrådet i Vik')
  await addNote(page1, 'Flere gatelys på skoleveien')
  await waitForNote(page1, 'Flere gatelys på skoleveien')
  await waitForNote(fac.page, 'Flere gatelys på skoleveien')
  expect(first.errors).toEqual([])
  await first.context.close()

  // Nobody else has the note now: whatever shows it after the relaunch read it from this
  // profile's own storage.
  await fac.browser.close()

  const second = await launch()
  const page2 = second.context.pages()[0] ?? (await second.context.newPage())
  await page2.goto(server.url)
  const list = page2.getByTestId('workshop-list')
  await expect.poll(() => list.getByRole('link').allTextContents()).toEqual(['Ungdomsrådet i Vik'])
  await list.getByRole('link', { name: 'Ungdomsrådet i Vik' }).click()
  await expect.poll(() => page2.getByTestId('workshop-title').textContent()).toBe('Ungdomsrådet i Vik')
  await expect.poll(() => noteTexts(page2)).toEqual(['Flere gatelys på skoleveien'])
  await expect.poll(() => page2.getByTestId('note').first().textContent()).toContain('Din lapp')
  expect(second.errors).toEqual([])
})
