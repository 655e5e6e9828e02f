/**
 * The first whole path: a facilitator and two participants — one joins by typing the code, one
 * by opening the link — each in its own browser process, so every note crosses a real WebRTC
 * connection through our own signaling server.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addNote, closeAll, createWorkshop, noteTexts, openDevice, PHONE, startApp, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device, byCode: Device, byLink: Device
let link = ''

beforeAll(async () => {
  server = await startApp()
  ;[fac, byCode, byLink] = await Promise.all([openDevice(), openDevice({ viewport: PHONE }), openDevice({ locale: 'en-GB' })])
  // Record every host any device talks to: only our own server may ever be contacted
  // (never y-webrtc's public signaling servers, never simple-peer's default STUN servers).
  for (const d of [fac, byCode, byLink]) {
    d.page.on('websocket', (ws) => sockets.push(ws.url()))
    d.page.on('request', (r) => requests.push(r.url()))
  }
})
const sockets: string[] = []
const requests: string[] = []
afterAll(async () => {
  await closeAll([fac, byCode, byLink], [server])
})

test('three devices join and every device sees every note live', async () => {
  const created = await createWorkshop(fac.page, server.url, 'Ungdomsrådet: trygg fritid')
  link = created.link
  expect(created.code).toMatch(/^[0-9A-Z]{9}$/)
  // Once the session runs the invitation is folded away; the facilitator opens it again for latecomers.
  await fac.page.getByRole('button', { name: 'Vis kode og QR' }).click()
  await expect.poll(() => fac.page.getByTestId('join-qr').isVisible()).toBe(true)

  // Participant 1 types the code, as read off the projector (grouped, lower case).
  await byCode.page.goto(server.url)
  const grouped = `${created.code.slice(0, 4)}-${created.code.slice(4, 8)}-${created.code.slice(8)}`.toLowerCase()
  await byCode.page.getByTestId('join-code').fill(grouped)
  await byCode.page.getByRole('button', { name: 'Bli med' }).click()
  // Participant 2 opens the link (the QR code's content).
  await byLink.page.goto(link)

  for (const d of [byCode, byLink]) {
    await expect.poll(() => d.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Ungdomsrådet: trygg fritid')
  }
  // The facilitator sees how many participants are connected.
  await expect.poll(() => fac.page.getByTestId('participant-count').getAttribute('data-count'), { timeout: 20000 }).toBe('2')
  await expect.poll(() => byLink.page.getByTestId('connection').getAttribute('data-kind')).toBe('connected')

  await addNote(fac.page, 'Gratis buss til fritidsklubben')
  await addNote(byCode.page, 'Flere benker i parken')
  await addNote(byLink.page, 'Open sports hall on Fridays')
  const all = ['Flere benker i parken', 'Gratis buss til fritidsklubben', 'Open sports hall on Fridays']
  for (const d of [fac, byCode, byLink]) {
    for (const text of all) await waitForNote(d.page, text)
    expect(await noteTexts(d.page)).toEqual(all)
  }
})

test('a note is private until published: typing sends nothing', async () => {
  await byCode.page.getByTestId('composer-text').fill('Halvferdig tanke')
  // Give the network time to carry anything it would carry, then check nothing arrived.
  await addNote(byLink.page, 'Sentinel after draft')
  await waitForNote(fac.page, 'Sentinel after draft')
  expect(await noteTexts(fac.page)).not.toContain('Halvferdig tanke')
  // The draft survives a reload on its own device.
  await byCode.page.reload()
  await expect.poll(() => byCode.page.getByTestId('composer-text').inputValue(), { timeout: 10000 }).toBe('Halvferdig tanke')
  await byCode.page.getByTestId('composer-publish').click()
  await waitForNote(fac.page, 'Halvferdig tanke')
})

test('only the writing device can edit and delete its note; edits and deletes reach everyone', async () => {
  const mine = byCode.page.getByTestId('note').filter({ hasText: 'Flere benker i parken' })
  const theirs = byCode.page.getByTestId('note').filter({ hasText: 'Gratis buss til fritidsklubben' })
  await expect.poll(() => mine.getByTestId('note-edit').count()).toBe(1)
  expect(await theirs.getByTestId('note-edit').count()).toBe(0)
  expect(await theirs.getByTestId('note-delete').count()).toBe(0)

  await mine.getByTestId('note-edit').click()
  await byCode.page.getByTestId('note-edit-text').fill('Flere benker og lys i parken')
  await byCode.page.getByTestId('note-save').click()
  await waitForNote(fac.page, 'Flere benker og lys i parken')
  await waitForNote(byLink.page, 'Flere benker og lys i parken')

  byCode.page.once('dialog', (d) => void d.accept())
  await byCode.page.getByTestId('note').filter({ hasText: 'Halvferdig tanke' }).getByTestId('note-delete').click()
  for (const d of [fac, byCode, byLink]) {
    await expect.poll(() => noteTexts(d.page), { timeout: 15000 }).not.toContain('Halvferdig tanke')
  }
})

test('over-long and empty notes get a clear message and the text is kept', async () => {
  await fac.page.getByTestId('composer-text').fill('')
  await fac.page.getByTestId('composer-publish').click()
  await expect.poll(() => fac.page.getByTestId('composer-error').textContent()).toContain('tom')
  const long = 'x'.repeat(300)
  await fac.page.getByTestId('composer-text').fill(long)
  expect(await fac.page.getByText('300 av 280 tegn').isVisible()).toBe(true)
  await fac.page.getByTestId('composer-publish').click()
  await expect.poll(() => fac.page.getByTestId('composer-error').textContent()).toContain('for lang')
  expect(await fac.page.getByTestId('composer-text').inputValue()).toBe(long)
  await fac.page.getByTestId('composer-text').fill('')
})

test('a participant reloads and keeps everything; the device lists its workshops', async () => {
  const before = await noteTexts(byLink.page)
  await byLink.page.reload()
  await expect.poll(() => noteTexts(byLink.page), { timeout: 15000 }).toEqual(before)
  await byLink.page.goto(server.url)
  const list = byLink.page.getByTestId('workshop-list')
  await expect.poll(() => list.textContent()).toContain('Ungdomsrådet: trygg fritid')
  expect(await list.textContent()).toContain('You take part')
  expect(await fac.page.evaluate(() => document.body.innerText.includes('Ungdomsrådet'))).toBe(true)
})

test('recolouring a note reaches the other devices', async () => {
  const note = fac.page.getByTestId('note').filter({ hasText: 'Gratis buss til fritidsklubben' })
  await note.getByRole('button', { name: 'Farge på lappen' }).click()
  await note.getByRole('radio', { name: 'Grønn' }).click()
  const peerNote = byCode.page.getByTestId('note').filter({ hasText: 'Gratis buss til fritidsklubben' })
  await expect.poll(() => peerNote.getAttribute('class'), { timeout: 10000 }).toContain('note-green')
})

test('a device can delete a workshop from its list', async () => {
  await byLink.page.goto(server.url)
  byLink.page.once('dialog', (d) => void d.accept())
  await byLink.page.getByRole('button', { name: /Delete/ }).first().click()
  await expect.poll(() => byLink.page.getByTestId('workshop-list').count()).toBe(0)
  // Other devices keep their notes.
  expect((await noteTexts(fac.page)).length).toBeGreaterThanOrEqual(3)
  for (const d of [fac, byCode, byLink]) expect(d.errors).toEqual([])
})

test('no device ever contacted anything but our own server', () => {
  const origin = new URL(server.url)
  expect(sockets.length).toBeGreaterThan(0)
  // Signaling and the end-to-end-encrypted relay (issue 13), both on the app's own origin.
  for (const url of sockets) expect([`ws://${origin.host}/signal`, `ws://${origin.host}/relay`]).toContain(url)
  for (const url of requests) expect(new URL(url).host, url).toBe(origin.host)
})
