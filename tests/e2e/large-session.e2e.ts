/**
 * y-webrtc 10.3 drops any data-channel message over 256 KiB without a word (y-webrtc#20), so a
 * late joiner never received a big board. Our patch chunks messages; this proves it end to end:
 * a session of more than 1 MB reaches a participant who joins after it was written.
 */
import { afterAll, expect, test } from 'vitest'
import { addManyNotes, closeAll, createWorkshop, enableTestHooks, openDevice, PHONE, startApp, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

const devices: Device[] = []
let server: RunningServer | undefined
afterAll(async () => {
  await closeAll(devices, [server])
})

test('a late joiner receives a session of more than 1 MB', async () => {
  server = await startApp()
  const fac = await openDevice()
  devices.push(fac)
  await enableTestHooks(fac)
  const { code } = await createWorkshop(fac.page, server.url, 'Stor økt')
  const added = await addManyNotes(fac.page, 4000, 270)
  expect(added).toBe(4000)
  await expect.poll(() => fac.page.getByTestId('note-count').textContent(), { timeout: 30000 }).toBe('(4000)')
  const bytes = await fac.page.evaluate(() => {
    // The size of the text alone, as a lower bound of the encoded doc.
    return Array.from(document.querySelectorAll('[data-testid=note] .note-text')).reduce((n, el) => n + new TextEncoder().encode(el.textContent ?? '').length, 0)
  })
  expect(bytes).toBeGreaterThan(1_000_000)

  const late = await openDevice({ viewport: PHONE })
  devices.push(late)
  await late.page.goto(`${server.url}/join`)
  await late.page.getByTestId('join-code').fill(code)
  await late.page.getByTestId('join-code').press('Enter')
  await expect.poll(() => late.page.getByTestId('note-count').textContent(), { timeout: 60000 }).toBe('(4000)')
  expect(await late.page.getByTestId('workshop-title').textContent()).toBe('Stor økt')
  expect(late.errors).toEqual([])
  expect(fac.errors).toEqual([])
})
