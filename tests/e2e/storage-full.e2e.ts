/**
 * A full disk: IndexedDB refuses every write. The note must still be shown and reach the other
 * device, the user must be told in words, and "try saving again" must save it once there is room.
 */
import { afterEach, expect, test } from 'vitest'
import { addNote, closeAll, createWorkshop, joinByCode, noteTexts, openDevice, PHONE, startApp, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let devices: Device[] = []
let servers: RunningServer[] = []
afterEach(async () => {
  await closeAll(devices, servers)
  devices = []
  servers = []
})

test('a note written while the disk is full is shown, synced, flagged, and saved by the retry', async () => {
  const server = await startApp()
  servers.push(server)
  const fac = await openDevice()
  const peer = await openDevice({ viewport: PHONE })
  devices.push(fac, peer)
  const { code } = await createWorkshop(fac.page, server.url, 'Full disk')
  await joinByCode(peer.page, server.url, code)
  await expect.poll(() => peer.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Full disk')
  await addNote(fac.page, 'Lagret som vanlig')
  await waitForNote(peer.page, 'Lagret som vanlig')

  // The disk is full: every IndexedDB write throws QuotaExceededError from now on.
  await fac.page.evaluate(() => {
    const w = window as unknown as { __medvirkIdb?: { add: typeof IDBObjectStore.prototype.add; put: typeof IDBObjectStore.prototype.put } }
    w.__medvirkIdb = { add: IDBObjectStore.prototype.add, put: IDBObjectStore.prototype.put }
    const full = (): never => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    IDBObjectStore.prototype.add = full
    IDBObjectStore.prototype.put = full
  })
  await addNote(fac.page, 'Skrevet med full disk')
  await waitForNote(fac.page, 'Skrevet med full disk')
  await waitForNote(peer.page, 'Skrevet med full disk')
  const banner = fac.page.getByTestId('storage-error')
  await banner.waitFor()
  expect(await banner.getAttribute('role')).toBe('alert')
  expect(await banner.textContent()).toContain('Lagringsplassen på enheten er full')
  expect(await fac.page.getByTestId('composer-text').inputValue()).toBe('')

  // Room again: restore IndexedDB and retry.
  await fac.page.evaluate(() => {
    const w = window as unknown as { __medvirkIdb: { add: typeof IDBObjectStore.prototype.add; put: typeof IDBObjectStore.prototype.put } }
    IDBObjectStore.prototype.add = w.__medvirkIdb.add
    IDBObjectStore.prototype.put = w.__medvirkIdb.put
  })
  await banner.getByRole('button', { name: 'Prøv å lagre igjen' }).click()
  await expect.poll(() => banner.count()).toBe(0)

  // Only this device's own storage can bring the note back now.
  await peer.browser.close()
  await fac.page.reload()
  await expect.poll(() => fac.page.getByTestId('workshop-title').textContent()).toBe('Full disk')
  await expect.poll(() => noteTexts(fac.page)).toEqual(['Lagret som vanlig', 'Skrevet med full disk'])
  expect(await fac.page.getByTestId('storage-error').count()).toBe(0)
  expect(fac.errors).toEqual([])
  expect(peer.errors).toEqual([])
})
