/**
 * A rogue in the room against the facilitator's flow (issue 12, attacks 4 and 5): a real page that
 * joined with the real code deletes the signed flow records and junks the template signature
 * straight in its doc, which syncs to everyone. Honest devices must stay on the current step,
 * keep their step panel, put the records back, and a device that joins afterwards with fresh
 * storage must get the right step from its peers.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, enableTestHooks, gotoStep, openDevice, PHONE, type Device } from '../support/browser.ts'
import { joinAll, stepOf, workshopDevices } from '../support/workshopRun.ts'

const room = workshopDevices(2)

type RogueDoc = {
  getArray(n: string): { length: number; delete(i: number, n: number): void; toArray(): unknown[] }
  getMap(n: string): { set(k: string, v: unknown): void; get(k: string): unknown }
  transact(f: () => void): void
}

/** Runs `attack` against the rogue page's own session doc (the same Y.Doc instance its provider syncs). */
function onRogueDoc<T>(page: Page, attack: string): Promise<T> {
  return page.evaluate(async (attack) => {
    const id = location.pathname.split('/').pop() ?? ''
    const services = (window as unknown as { __medvirk: { services: { store: { openDoc(id: string): Promise<{ doc: RogueDoc }> } } } }).__medvirk.services
    const { doc } = await services.store.openDoc(id)
    return new Function('doc', attack)(doc) as T
  }, attack)
}

const wipe = `
  const flow = doc.getArray('flow')
  const n = flow.length
  doc.transact(() => {
    flow.delete(0, flow.length)
    doc.getMap('meta').set('templateSig', 'junk')
  })
  return n`

test('a rogue that deletes every signed record and junks the template moves nobody; a device joining afterwards gets the right step', async () => {
  const { fac, ps } = room
  const [honest, rogue] = ps as [Device, Device]
  await enableTestHooks(rogue)
  const { code } = await createWorkshop(fac.page, room.server.url, 'Rogue i rommet')
  await joinAll([honest, rogue], room.server.url, code)
  await gotoStep(fac.page, 'group')
  for (const d of [honest, rogue]) await expect.poll(() => stepOf(d.page), { timeout: 15000 }).toBe('group')

  const deleted = await onRogueDoc<number>(rogue.page, wipe)
  expect(deleted).toBeGreaterThanOrEqual(4)
  // Honest screens never leave the step and never lose their step panel.
  for (let i = 0; i < 10; i++) {
    for (const d of [fac, honest]) expect(await stepOf(d.page)).toBe('group')
    await fac.page.waitForTimeout(150)
  }
  // Someone put the records back into the shared doc: the rogue's own copy has them again.
  await expect.poll(() => onRogueDoc<number>(rogue.page, `return doc.getArray('flow').length`), { timeout: 10000 }).toBeGreaterThanOrEqual(deleted)
  await expect.poll(() => onRogueDoc<string>(rogue.page, `return doc.getMap('meta').get('templateSig')`), { timeout: 10000 }).not.toBe('junk')
  // The rogue's own screen is back on the step too (its page re-derives from the repaired doc).
  await expect.poll(() => stepOf(rogue.page), { timeout: 10000 }).toBe('group')

  // The rogue deletes again and a new phone with fresh storage joins at once: its peers repair.
  await onRogueDoc<number>(rogue.page, wipe)
  const late = await openDevice({ viewport: PHONE })
  try {
    const t0 = Date.now()
    await joinAll([late], room.server.url, code)
    await expect.poll(() => stepOf(late.page), { timeout: 20000 }).toBe('group')
    console.log(`late joiner after a wipe shows the right step ${Date.now() - t0} ms after opening the join page`)
    // and the facilitator still leads everyone, the late joiner included
    await fac.page.getByTestId('console-next').click()
    await fac.page.getByTestId('console-next-confirm').click()
    for (const d of [fac, honest, late]) await expect.poll(() => stepOf(d.page), { timeout: 10000 }).toBe('talk')
    expect(late.errors).toEqual([])
  } finally {
    await late.browser.close()
  }
  expect(honest.errors).toEqual([])
  expect(fac.errors).toEqual([])
})

test('after a wipe the facilitator is told what was put back; a reload of an honest phone still shows the step', async () => {
  const { fac, ps } = room
  const [honest, rogue] = ps as [Device, Device]
  await onRogueDoc<number>(rogue.page, wipe)
  await expect.poll(() => fac.page.getByTestId('flow-repaired').count(), { timeout: 10000 }).toBe(1)
  expect(await fac.page.getByTestId('flow-repaired').textContent()).toMatch(/signerte hendelser|signert hendelse/)
  await honest.page.reload()
  await expect.poll(() => stepOf(honest.page), { timeout: 15000 }).toBe('talk')
  expect(honest.errors).toEqual([])
})
