import { afterAll, beforeAll, expect, test } from 'vitest'
import { addNote, closeAll, createWorkshop, openDevice, startApp, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
const devices: Device[] = []
beforeAll(async () => {
  server = await startApp()
})
afterAll(async () => {
  await closeAll(devices, [server])
})

test('facilitator and a participant (by code) see each other\'s notes over WebRTC', async () => {
  const fac = await openDevice()
  const p1 = await openDevice()
  devices.push(fac, p1)
  const { code } = await createWorkshop(fac.page, server.url, 'Ungdomsrådet')
  await p1.page.goto(server.url)
  await p1.page.getByTestId('join-code').fill(code.toLowerCase())
  await p1.page.getByTestId('join-code').press('Enter')
  await expect.poll(() => p1.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Ungdomsrådet')
  await addNote(fac.page, 'Gratis buss til fritidsklubben')
  await waitForNote(p1.page, 'Gratis buss til fritidsklubben')
  await addNote(p1.page, 'Flere benker i parken')
  await waitForNote(fac.page, 'Flere benker i parken')
  expect(fac.errors).toEqual([])
  expect(p1.errors).toEqual([])
})
