/**
 * Anonymous dot voting end to end: a facilitator and three participants in separate browsers.
 * Votes change before close, nothing is shown before the reveal, a participant and the
 * facilitator both reload during the round, two more people vote by passing the facilitator's
 * tablet, and the published counts are right. Then a round with three voters on one tablet only.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { closeAll, createWorkshop, enableTestHooks, gotoStep, idbContains, openDevice, PHONE, runAxe, formatViolations, startApp, startSession, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device
const ps: Device[] = []

const option = (page: Page, label: string) => page.getByTestId('ballot-option').filter({ hasText: label })
async function dots(page: Page, label: string, n: number) {
  for (let i = 0; i < n; i++) await option(page, label).getByTestId('dot-add').click()
}
async function send(page: Page) {
  await page.getByTestId('vote-send').click()
  await page.getByTestId('vote-sent').waitFor()
}
async function passVote(page: Page, votes: [string, number][]) {
  await page.getByTestId('pass-start').or(page.getByTestId('pass-next')).first().click()
  for (const [label, n] of votes) await dots(page, label, n)
  await page.getByTestId('pass-send').click()
  await page.getByTestId('pass-thanks').waitFor()
}

beforeAll(async () => {
  server = await startApp()
  fac = await openDevice()
  for (let i = 0; i < 3; i++) ps.push(await openDevice({ viewport: PHONE }))
  await enableTestHooks(ps[0]!)
})
afterAll(async () => {
  await closeAll([fac, ...ps], [server])
})

test('a dot vote: hidden until reveal, changeable, survives reloads, counts right after reveal', async () => {
  const { code } = await createWorkshop(fac.page, server.url, 'Prioritering', { open: false })
  await fac.page.getByTestId('template-select').selectOption('prioriter-med-prikker')
  await fac.page.getByTestId('setup').getByText('Hva er viktigst?').waitFor()
  for (const p of ps) {
    await p.page.goto(`${server.url}/join`)
    await p.page.getByTestId('join-code').fill(code)
    await p.page.getByTestId('join-code').press('Enter')
  }
  await startSession(fac.page)
  await gotoStep(fac.page, 'group')
  for (const name of ['Transport', 'Hall', 'Klubb']) {
    await fac.page.getByTestId('cluster-name').fill(name)
    await fac.page.getByTestId('cluster-add').click()
  }
  await gotoStep(fac.page, 'vote')
  await expect.poll(() => fac.page.getByTestId('vote-console').textContent()).toContain('Klubb')
  await fac.page.getByTestId('vote-open').click()
  for (const p of ps) await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
  expect(formatViolations(await runAxe(ps[0]!.page))).toBe('')

  await dots(ps[0]!.page, 'Transport', 3)
  await send(ps[0]!.page)
  await dots(ps[1]!.page, 'Transport', 2)
  await dots(ps[1]!.page, 'Hall', 1)
  await send(ps[1]!.page)
  await dots(ps[2]!.page, 'Klubb', 3)
  await send(ps[2]!.page)
  // p3 changes its mind before the round closes
  await option(ps[2]!.page, 'Klubb').getByTestId('dot-remove').click()
  await option(ps[2]!.page, 'Klubb').getByTestId('dot-remove').click()
  await dots(ps[2]!.page, 'Hall', 2)
  await send(ps[2]!.page)

  // everyone sees how many have voted, nobody sees counts
  await expect.poll(() => fac.page.getByTestId('vote-status').getAttribute('data-submitted'), { timeout: 10000 }).toBe('3')
  await expect.poll(() => ps[0]!.page.getByTestId('vote-status').getAttribute('data-submitted'), { timeout: 10000 }).toBe('3')
  for (const d of [fac, ...ps]) expect(await d.page.getByTestId('results').count()).toBe(0)

  // a participant reloads during the round and votes again (once: same voter token)
  await ps[1]!.page.reload()
  await ps[1]!.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
  await dots(ps[1]!.page, 'Transport', 2)
  await dots(ps[1]!.page, 'Hall', 1)
  await send(ps[1]!.page)
  // the facilitator reloads during the round: the ballots still in presence are collected again
  await fac.page.reload()
  await expect.poll(() => fac.page.getByTestId('vote-close').textContent(), { timeout: 20000 }).toContain('3')
  // the record of passes handed out survived the facilitator's reload
  await expect.poll(() => fac.page.getByTestId('vote-passes').getAttribute('data-issued'), { timeout: 10000 }).toBe('3')

  // two more people vote by passing the facilitator's tablet
  await fac.page.getByTestId('pass-tablet').click()
  await passVote(fac.page, [['Klubb', 3]])
  await passVote(fac.page, [['Hall', 1], ['Klubb', 2]])
  await expect.poll(() => fac.page.getByTestId('pass-count').textContent()).toContain('2')
  await fac.page.getByTestId('pass-finish').or(fac.page.getByRole('button', { name: 'Ferdig med å sende rundt' })).first().click()
  await expect.poll(() => fac.page.getByTestId('vote-close').textContent(), { timeout: 10000 }).toContain('5')

  // the sealed ballot p1 holds in presence, to look for on disk afterwards
  const sealed = await ps[0]!.page.evaluate(async () => {
    const id = location.pathname.split('/').pop() ?? ''
    const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<{ connection: { provider: { awareness: { getLocalState(): { ballot?: { c: string; k: string } } | null } } } }>; release(id: string): void } } }).__medvirk.services
    const s = await services.acquire(id)
    const b = s.connection.provider.awareness.getLocalState()?.ballot
    services.release(id)
    return b ? [b.c.slice(0, 48), b.k.slice(0, 48)] : []
  })
  expect(sealed).toHaveLength(2)
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  // 5 voters: Klubb 1+3+2 = 6, Transport 3+2 = 5, Hall 1+2+1 = 4 (p2 counted once despite its reload)
  for (const d of [fac, ...ps]) {
    await d.page.getByTestId('results').waitFor({ timeout: 20000 })
    const rows = d.page.getByTestId('results-row')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.filter({ hasText: 'Klubb' }).getAttribute('data-rank')).toBe('1')
    expect(await rows.filter({ hasText: 'Transport' }).getAttribute('data-rank')).toBe('2')
    expect(await rows.filter({ hasText: 'Hall' }).getAttribute('data-rank')).toBe('3')
    const text = (await d.page.getByTestId('results').textContent()) ?? ''
    for (const n of ['6', '5', '4']) expect(text).toContain(n)
    // the bulletin: 5 passes handed out (3 devices, p2's reload kept its pass, 2 on the tablet), 5 counted
    expect(await d.page.getByTestId('results-bulletin').getAttribute('data-counted')).toBe('5')
    expect(await d.page.getByTestId('results-bulletin').getAttribute('data-issued')).toBe('5')
  }
  // every participant's device finds its own receipt on the board
  for (const p of ps) {
    await expect.poll(() => p.page.getByTestId('vote-receipt').getAttribute('data-status'), { timeout: 10000 }).toBe('counted')
    expect(await p.page.getByTestId('vote-receipt').textContent()).toBe('Din stemme ble talt.')
  }
  expect(await fac.page.getByTestId('vote-receipt').count()).toBe(0)
  expect(formatViolations(await runAxe(ps[0]!.page))).toBe('')
  expect(formatViolations(await runAxe(fac.page))).toBe('')
  // After the round no device's IndexedDB holds a ballot: not the sealed one, not the
  // choices, and the facilitator no longer holds the round key.
  for (const d of [fac, ...ps]) {
    expect(await idbContains(d.page, [...sealed, '"ballot"', '"dots":{'])).toEqual([])
    expect(await idbContains(d.page, ['"b":{"method"'])).toEqual([])
  }
  expect(await fac.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => { const r = indexedDB.open('medvirk'); r.onsuccess = () => res(r.result) })
    const n = await new Promise<number>((res) => { const r = db.transaction('roundKeys', 'readonly').objectStore('roundKeys').count(); r.onsuccess = () => res(r.result) })
    db.close()
    return n
  })).toBe(0)
})

test('pass-the-tablet alone: three voters on one device, the screen clears between voters', async () => {
  // a second round in the same step, on the facilitator's tablet only; the method is chosen here
  await fac.page.getByTestId('vote-method').selectOption('dots')
  await fac.page.getByTestId('vote-dots').fill('3')
  await fac.page.getByTestId('vote-open').click()
  await fac.page.getByTestId('pass-tablet').click()
  await passVote(fac.page, [['Hall', 3]])
  // the next voter's form starts empty: nothing of the previous vote is visible
  await fac.page.getByTestId('pass-next').click()
  const hall = option(fac.page, 'Hall')
  expect(await hall.textContent()).toContain('0')
  for (const [label, n] of [['Hall', 2], ['Transport', 1]] as [string, number][]) await dots(fac.page, label, n)
  await fac.page.getByTestId('pass-send').click()
  await fac.page.getByTestId('pass-thanks').waitFor()
  await passVote(fac.page, [['Transport', 3]])
  await fac.page.getByTestId('pass-finish').or(fac.page.getByRole('button', { name: 'Ferdig med å sende rundt' })).first().click()
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  // 3 voters: the order only (Hall 5, Transport 4), no counts
  await fac.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
  const rows = fac.page.getByTestId('results-row')
  expect(await rows.filter({ hasText: 'Hall' }).getAttribute('data-rank')).toBe('1')
  expect(await rows.filter({ hasText: 'Transport' }).getAttribute('data-rank')).toBe('2')
  await ps[0]!.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
  for (const d of [fac, ...ps]) expect(d.errors).toEqual([])
})
