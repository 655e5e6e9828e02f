/**
 * A facilitated workshop end to end: the facilitator runs the built-in template from the contract
 * to the last step on a tablet; two participants in their own browsers follow every step within a
 * second; hidden notes stay hidden until reveal; the facilitator reloads mid-step and continues; a
 * rogue participant who writes into the flow log by hand moves nobody.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, closeAll, createWorkshop, enableTestHooks, gotoStep, noteTexts, openDevice, PHONE, startApp, startSession, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device, p1: Device, p2: Device

async function axe(page: Page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' })
  const r = await page.evaluate(async () => {
    const res = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return res.violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  return r
}

const stepOf = (page: Page) => page.locator('[data-testid=step-panel]').getAttribute('data-step')

/** Clicks "next" (two-step confirm) on the facilitator console and measures how long each participant takes to follow. */
async function nextAndMeasure(expected: string): Promise<number[]> {
  const watch = (page: Page) =>
    page.evaluate((expected) => {
      return new Promise<number>((resolve) => {
        const check = () => {
          if (document.querySelector(`[data-testid=step-panel][data-step="${expected}"]`)) resolve(performance.timeOrigin + performance.now())
          else requestAnimationFrame(check)
        }
        check()
      })
    }, expected)
  await fac.page.getByTestId('console-next').click()
  const w1 = watch(p1.page)
  const w2 = watch(p2.page)
  const t0 = await fac.page.evaluate(() => performance.timeOrigin + performance.now())
  await fac.page.getByTestId('console-next-confirm').click()
  const [a, b] = await Promise.all([w1, w2])
  return [a - t0, b - t0]
}

beforeAll(async () => {
  server = await startApp()
  ;[fac, p1, p2] = await Promise.all([openDevice(), openDevice({ viewport: PHONE }), openDevice({ locale: 'en-GB' })])
  await enableTestHooks(p2)
})
afterAll(async () => {
  await closeAll([fac, p1, p2], [server])
})

test('the facilitator cannot start without the decision owner and the feedback date', async () => {
  const { code } = await createWorkshop(fac.page, server.url, 'Fritid for alle', { open: false })
  for (const p of [p1, p2]) {
    await p.page.goto(server.url)
    await p.page.getByTestId('join-code').fill(code)
    await p.page.getByTestId('join-code').press('Enter')
  }
  // participants wait in the lobby
  await p1.page.getByTestId('step-lobby').waitFor({ timeout: 20000 })
  await fac.page.getByTestId('contract-question').fill('Hva skal fritidsmidlene brukes på?')
  await fac.page.getByTestId('flow-start').click()
  await expect.poll(() => fac.page.getByRole('alert').allTextContents()).toContain('Må fylles ut.')
  expect(await fac.page.getByTestId('console').count()).toBe(0)
  expect(await axe(fac.page)).toEqual([])
  await startSession(fac.page, { question: 'Hva skal fritidsmidlene brukes på?', owner: 'Kommunestyret i Vik', feedbackDate: '2099-03-01' })
  // participants see the contract in plain words on the welcome step
  for (const p of [p1, p2]) await expect.poll(() => stepOf(p.page), { timeout: 10000 }).toBe('welcome')
  await expect.poll(() => p1.page.getByTestId('contract-card').textContent()).toContain('Kommunestyret i Vik')
  expect(await p2.page.getByTestId('step-title').textContent()).toBe('Welcome')
  expect(await axe(p1.page)).toEqual([])
})

test('participants follow every step within a second; hidden notes stay hidden until reveal', async () => {
  const lat: number[] = []
  lat.push(...(await nextAndMeasure('check-in')))
  // pulse: choices stay in presence; only the published totals are shown
  await p1.page.getByText('Bra', { exact: true }).click()
  await p2.page.getByText('Very good', { exact: true }).click()
  await expect.poll(() => fac.page.getByTestId('console-publish-pulse').textContent(), { timeout: 10000 }).toContain('2')
  await fac.page.getByTestId('console-publish-pulse').click()
  await expect.poll(() => p1.page.getByTestId('pulse-totals').textContent(), { timeout: 10000 }).toContain('Bra')
  lat.push(...(await nextAndMeasure('ideas')))
  await addNote(p1.page, 'Gratis buss til hallen')
  await addNote(p2.page, 'Longer opening hours at the youth club')
  // silent brainstorm: each sees only their own note, and a count of the others
  await expect.poll(() => p1.page.getByTestId('board-notice').textContent(), { timeout: 10000 }).toContain('1')
  expect(await noteTexts(p1.page)).toEqual(['Gratis buss til hallen'])
  expect(await noteTexts(p2.page)).toEqual(['Longer opening hours at the youth club'])
  expect(await noteTexts(fac.page)).toEqual([])
  // input lock
  await fac.page.getByTestId('console-lock').click()
  await expect.poll(() => p1.page.getByTestId('step-do').textContent()).toContain('låst')
  expect(await p1.page.getByTestId('composer-text').count()).toBe(0)
  await fac.page.getByTestId('console-lock').click()
  await fac.page.getByTestId('console-reveal').click()
  for (const d of [fac, p1, p2]) {
    await waitForNote(d.page, 'Gratis buss til hallen')
    await waitForNote(d.page, 'Longer opening hours at the youth club')
  }
  // the timer is a deadline every device counts down from
  await fac.page.getByTestId('timer-start').click()
  await expect.poll(() => p1.page.getByTestId('timer').textContent()).toMatch(/10:00|9:5\d/)
  expect(await axe(fac.page)).toEqual([])

  // the facilitator reloads mid-step and continues where it was
  await fac.page.reload()
  await expect.poll(() => stepOf(fac.page), { timeout: 15000 }).toBe('ideas')
  expect(await fac.page.getByTestId('timer').getAttribute('data-kind')).toBe('running')
  await expect.poll(() => fac.page.getByTestId('participant-count').getAttribute('data-count'), { timeout: 20000 }).toBe('2')
  lat.push(...(await nextAndMeasure('group')))

  // clusters: make a group and put a note in it with the keyboard-usable select
  await p1.page.getByTestId('cluster-name').fill('Transport')
  await p1.page.getByTestId('cluster-add').click()
  const note = p2.page.getByTestId('note').filter({ hasText: 'Gratis buss' })
  await expect.poll(() => note.getByTestId('note-cluster').locator('option').allTextContents(), { timeout: 10000 }).toContain('Transport')
  await note.getByTestId('note-cluster').selectOption({ label: 'Transport' })
  const col = fac.page.getByTestId('cluster-column').filter({ has: fac.page.getByRole('heading', { name: /Transport/ }) })
  await expect.poll(() => col.textContent(), { timeout: 10000 }).toContain('Gratis buss')
  lat.push(...(await nextAndMeasure('talk')))
  await fac.page.getByTestId('note').filter({ hasText: 'Longer opening' }).getByTestId('note-focus').click()
  await expect.poll(() => p1.page.getByTestId('focus-view').textContent(), { timeout: 10000 }).toContain('Longer opening hours')
  // moderation hides a note for everyone, without saying who wrote it
  await fac.page.getByTestId('note').filter({ hasText: 'Gratis buss' }).getByTestId('note-moderate').click()
  await expect.poll(() => noteTexts(p2.page), { timeout: 10000 }).not.toContain('Gratis buss til hallen')
  lat.push(...(await nextAndMeasure('close')))
  console.log('step follow latencies (ms):', lat.map((x) => Math.round(x)).join(', '))
  for (const l of lat) expect(l).toBeLessThan(1000)
})

test('undo brings back the last step change; a rogue participant writing into the flow log moves nobody', async () => {
  await fac.page.getByTestId('console-undo').click()
  for (const d of [fac, p1, p2]) await expect.poll(() => stepOf(d.page), { timeout: 10000 }).toBe('talk')
  await gotoStep(fac.page, 'close')
  for (const d of [p1, p2]) await expect.poll(() => stepOf(d.page), { timeout: 10000 }).toBe('close')

  // p2 turns rogue: forged, unsigned and replayed records, and a rewritten facilitator key
  await p2.page.evaluate(async () => {
    const id = location.pathname.split('/').pop() ?? ''
    const services = (window as unknown as { __medvirk: { services: { store: { openDoc(id: string): Promise<{ doc: { getArray(n: string): { push(x: unknown[]): void; toArray(): unknown[] }; getMap(n: string): { set(k: string, v: unknown): void } } }> } } } }).__medvirk.services
    const { doc } = await services.store.openDoc(id)
    const flow = doc.getArray('flow')
    const existing = flow.toArray()
    flow.push([{ s: 999, e: JSON.stringify({ type: 'step.goto', at: Date.now(), from: 'close', to: 'welcome' }), g: 'AAAA' }])
    flow.push([{ s: 1000, e: JSON.stringify({ type: 'step.back', at: Date.now(), from: 'close' }) }])
    flow.push([existing[existing.length - 2]])
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])
    const spki = await crypto.subtle.exportKey('spki', keys.publicKey)
    doc.getMap('meta').set('fkey', btoa(String.fromCharCode(...new Uint8Array(spki))))
  })
  await fac.page.waitForTimeout(1500)
  for (const d of [fac, p1, p2]) expect(await stepOf(d.page)).toBe('close')
  await expect.poll(() => p1.page.getByTestId('key-mismatch').count(), { timeout: 10000 }).toBe(1)
  // and the facilitator still leads
  await fac.page.getByTestId('console-next').click()
  await fac.page.getByTestId('console-next-confirm').click()
  for (const d of [p1, p2]) await expect.poll(() => stepOf(d.page), { timeout: 10000 }).toBe('ended')
  expect(await p1.page.getByTestId('step-panel').textContent()).toContain('1. mars 2099')
  expect(await axe(p1.page)).toEqual([])
  for (const d of [fac, p1]) expect(d.errors).toEqual([])
})
