/**
 * A rogue against the signaling server (issue 12, attack 7), with the real app server and real
 * Chromium: a client holds more WebSocket connections than the server allows in total, from
 * another loopback address and from the newcomer's own; a participant who joins with the right
 * code afterwards still gets the board and the facilitator's notes.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import { addNote, closeAll, createWorkshop, openDevice, PHONE, startApp, waitForNote, type Device } from '../support/browser.ts'
import { joinAll } from '../support/workshopRun.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device
let late: Device
const flood: WebSocket[] = []

beforeAll(async () => {
  server = await startApp()
  fac = await openDevice()
  late = await openDevice({ viewport: PHONE })
})
afterAll(async () => {
  for (const s of flood) s.terminate()
  await closeAll([fac, late], [server])
})

/** Opens `n` sockets to the signaling hub from `localAddress`; each subscribes to its own junk topic, as a flood would. */
async function openFlood(n: number, localAddress: string): Promise<number> {
  const url = server.url.replace(/^http/, 'ws') + '/signal'
  const opened = await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<boolean>((resolve) => {
          const ws = new WebSocket(url, { localAddress })
          flood.push(ws)
          ws.on('open', () => {
            ws.send(JSON.stringify({ type: 'subscribe', topics: [`flood-${localAddress}-${i}`] }))
            resolve(true)
          })
          ws.on('error', () => resolve(false))
          ws.on('close', () => resolve(false))
        }),
    ),
  )
  return opened.filter(Boolean).length
}

test('a flood of sockets from another address and from the newcomer’s own does not keep a participant off the board', async () => {
  const { code } = await createWorkshop(fac.page, server.url, 'Fullt rom')
  await addNote(fac.page, 'Lapp fra ordstyreren')
  // more sockets than the server holds in total (200): from 127.0.0.2 and from 127.0.0.1
  const a = await openFlood(150, '127.0.0.2')
  const b = await openFlood(120, '127.0.0.1')
  expect(a + b).toBeGreaterThan(200)
  const open = () => flood.filter((s) => s.readyState === WebSocket.OPEN).length
  // the server evicts instead of refusing (the facilitator's own socket is one of its 200)
  await expect.poll(open, { timeout: 10000 }).toBeLessThanOrEqual(199)
  // the newcomer joins with the right code and gets the board through signaling and WebRTC
  const t0 = Date.now()
  await joinAll([late], server.url, code)
  await waitForNote(late.page, 'Lapp fra ordstyreren', 30000)
  console.log(`newcomer saw the board ${Date.now() - t0} ms after opening the join page; ${flood.length - open()} flood sockets were evicted`)
  // and what the newcomer writes reaches the facilitator
  await addNote(late.page, 'Jeg kom inn likevel')
  await waitForNote(fac.page, 'Jeg kom inn likevel')
  expect(late.errors).toEqual([])
})
