/**
 * A rogue in the room against hidden notes and the input lock (issue 12, attack 8), in real
 * Chromium with the real app: a page that joined with the real code reads its own doc and
 * IndexedDB before the reveal (nothing readable), and writes a note straight into the doc after
 * the lock with a backdated time (honest screens do not show it until the lock is lifted).
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, createWorkshop, enableTestHooks, gotoStep, idbContains, noteTexts, waitForNote, type Device } from '../support/browser.ts'
import { joinAll, stepOf, workshopDevices } from '../support/workshopRun.ts'

const room = workshopDevices(2)
const SECRET = 'Hemmelig idé om nattbussen'

/** What a modified client reads from its own copy of the session doc: every string it holds, decoded. */
function rogueReadsDoc(page: Page): Promise<{ bytes: string; sealed: number }> {
  return page.evaluate(async () => {
    const id = location.pathname.split('/').pop() ?? ''
    type M = { forEach(f: (v: { get(k: string): unknown }, k: string) => void): void }
    const services = (window as unknown as { __medvirk: { services: { store: { openDoc(id: string): Promise<{ doc: { getMap(n: string): M } }> } } } }).__medvirk.services
    const { doc } = await services.store.openDoc(id)
    let sealed = 0
    let bytes = ''
    doc.getMap('notes').forEach((m) => {
      if (m.get('sealed')) sealed++
      bytes += JSON.stringify(m) + String(m.get('text') ?? '')
    })
    return { bytes, sealed }
  })
}

/** A modified client writes a note straight into the doc, claiming it was written an hour ago. */
function rogueWritesBackdated(page: Page, text: string): Promise<void> {
  return page.evaluate(async (text) => {
    const id = location.pathname.split('/').pop() ?? ''
    type YMap = { set(k: string, v: unknown): void; constructor: new () => YMap }
    const services = (window as unknown as { __medvirk: { services: { store: { openDoc(id: string): Promise<{ doc: { getMap(n: string): YMap } }> } } } }).__medvirk.services
    const { doc } = await services.store.openDoc(id)
    const notes = doc.getMap('notes')
    const YMapClass = notes.constructor
    const m = new YMapClass()
    const an_hour_ago = Date.now() - 3600_000
    m.set('text', text)
    m.set('x', 400)
    m.set('y', 400)
    m.set('color', 'pink')
    m.set('createdAt', an_hour_ago)
    m.set('updatedAt', an_hour_ago)
    notes.set(`rogue${String(Date.now()).padStart(17, '0')}`, m)
  }, text)
}

test('pulse choices and notes of a hidden brainstorm are sealed in the data; notes show on every device after the reveal', async () => {
  const { fac, ps } = room
  const [honest, rogue] = ps as [Device, Device]
  await enableTestHooks(rogue)
  const { code } = await createWorkshop(fac.page, room.server.url, 'Skjulte lapper', { open: false })
  await joinAll([honest, rogue], room.server.url, code)
  const { startSession } = await import('../support/browser.ts')
  await startSession(fac.page)

  // the check-in pulse: choices travel sealed in presence; only the facilitator device counts them
  await gotoStep(fac.page, 'check-in')
  for (const d of [honest, rogue]) await expect.poll(() => stepOf(d.page), { timeout: 15000 }).toBe('check-in')
  await honest.page.getByText('Bra', { exact: true }).click()
  await expect.poll(() => fac.page.getByTestId('console-publish-pulse').textContent(), { timeout: 15000 }).toContain('1')
  const seen = await rogue.page.evaluate(async () => {
    const id = location.pathname.split('/').pop() ?? ''
    type Aw = { getStates(): Map<number, { pulse?: { value?: unknown; c?: unknown } }> }
    const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<{ connection: { provider: { awareness: Aw } } }>; release(id: string): void } } }).__medvirk.services
    const s = await services.acquire(id)
    const pulses = [...s.connection.provider.awareness.getStates().values()].flatMap((st) => (st.pulse ? [st.pulse] : []))
    services.release(id)
    return { sealed: pulses.filter((p) => p.c !== undefined).length, plain: pulses.filter((p) => p.value !== undefined).length }
  })
  expect(seen).toEqual({ sealed: 1, plain: 0 })
  await fac.page.getByTestId('console-publish-pulse').click()
  await expect.poll(() => honest.page.getByTestId('pulse-totals').textContent(), { timeout: 10000 }).toContain('Bra')

  await gotoStep(fac.page, 'ideas')
  for (const d of [honest, rogue]) await expect.poll(() => stepOf(d.page), { timeout: 15000 }).toBe('ideas')

  await addNote(honest.page, SECRET)
  await waitForNote(honest.page, SECRET)
  // the rogue holds the note, sealed: not in its doc, not in its IndexedDB, not on its screen
  await expect.poll(async () => (await rogueReadsDoc(rogue.page)).sealed, { timeout: 15000 }).toBe(1)
  expect((await rogueReadsDoc(rogue.page)).bytes).not.toContain('nattbussen')
  expect(await idbContains(rogue.page, ['nattbussen'])).toEqual([])
  expect(await noteTexts(rogue.page)).toEqual([])
  await expect.poll(() => rogue.page.getByTestId('board-notice').textContent(), { timeout: 10000 }).toContain('1')
  // the writer keeps its own plaintext across a reload
  await honest.page.reload()
  await waitForNote(honest.page, SECRET)

  // the facilitator's device opens it, and shows it on its own screen only when asked (to moderate)
  expect(await noteTexts(fac.page)).toEqual([])
  await fac.page.getByTestId('hidden-preview-toggle').click()
  await waitForNote(fac.page, SECRET)
  await fac.page.getByTestId('hidden-preview-toggle').click()
  expect(await noteTexts(fac.page)).toEqual([])
  expect(await noteTexts(rogue.page)).toEqual([])

  // the reveal publishes the key in the signed event: every device opens the note
  await fac.page.getByTestId('console-reveal').click()
  for (const d of [fac, honest, rogue]) await waitForNote(d.page, SECRET)
  // and the facilitator's device writes it back as an ordinary note, for exports and late joiners
  await expect.poll(async () => (await rogueReadsDoc(rogue.page)).sealed, { timeout: 15000 }).toBe(0)
  for (const d of [fac, honest]) expect(d.errors).toEqual([])
})

test('a note a rogue writes after the lock, backdated, is not shown until the lock is lifted', async () => {
  const { fac, ps } = room
  const [honest, rogue] = ps as [Device, Device]
  await fac.page.getByTestId('console-lock').click()
  await expect.poll(() => honest.page.getByTestId('composer-text').count(), { timeout: 10000 }).toBe(0)
  await rogueWritesBackdated(rogue.page, 'Skrevet etter låsen')
  // it is in the shared doc (the rogue's copy has it) but no honest screen shows it
  await expect.poll(async () => (await rogueReadsDoc(rogue.page)).bytes, { timeout: 10000 }).toContain('Skrevet etter låsen')
  await expect.poll(() => fac.page.getByTestId('after-lock').count(), { timeout: 15000 }).toBe(1)
  expect(await noteTexts(fac.page)).not.toContain('Skrevet etter låsen')
  expect(await noteTexts(honest.page)).not.toContain('Skrevet etter låsen')
  expect(await noteTexts(honest.page)).toContain(SECRET)
  // unlocking shows it (the facilitator can then moderate it like any note)
  await fac.page.getByTestId('console-lock').click()
  for (const d of [fac, honest]) await waitForNote(d.page, 'Skrevet etter låsen')
  for (const d of [fac, honest]) expect(d.errors).toEqual([])
})
