/**
 * Steps the template end-to-end tests share: one facilitator tablet and participant phones in
 * separate browsers, joining by code, following the facilitator's step changes, and a
 * pass-the-tablet ballot on the facilitator's device.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/server.ts'
import { closeAll, openDevice, PHONE, startApp, type Device } from './browser.ts'

export const stepOf = (page: Page) => page.locator('[data-testid=step-panel]').getAttribute('data-step')

/** Participants type the code on the join screen (no link, so no fingerprint: trust on first use). */
export async function joinAll(ps: readonly Device[], baseUrl: string, code: string): Promise<void> {
  for (const p of ps) {
    await p.page.goto(`${baseUrl}/join`)
    await p.page.getByTestId('join-code').fill(code)
    await p.page.getByTestId('join-code').press('Enter')
  }
}

/** The facilitator confirms "next"; the facilitator and every participant show `expected`. */
export async function nextStep(fac: Device, ps: readonly Device[], expected: string): Promise<void> {
  await fac.page.getByTestId('console-next').click()
  await fac.page.getByTestId('console-next-confirm').click()
  await expect.poll(() => stepOf(fac.page), { timeout: 10000 }).toBe(expected)
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 10000 }).toBe(expected)
}

/** One voter on the facilitator's tablet behind the privacy screen: `fill` fills the ballot. */
export async function passTabletVote(fac: Device, fill: (page: Page) => Promise<void>): Promise<void> {
  await fac.page.getByTestId('pass-tablet').click()
  await fac.page.getByTestId('pass-start').click()
  await fill(fac.page)
  await fac.page.getByTestId('pass-send').click()
  await fac.page.getByTestId('pass-thanks').waitFor()
  await fac.page.getByRole('button', { name: 'Ferdig med å sende rundt' }).click()
}

/** Each participant fills and sends a ballot (`fill` gets the page and the participant's index). */
export async function voteAll(ps: readonly Device[], fill: (page: Page, i: number) => Promise<void>): Promise<void> {
  for (const [i, p] of ps.entries()) {
    await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
    await fill(p.page, i)
    await p.page.getByTestId('vote-send').click()
    await p.page.getByTestId('vote-sent').waitFor()
  }
}

/** The facilitator closes the open round and publishes the results. */
export async function closeVote(fac: Device): Promise<void> {
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
}

/**
 * One app server, a facilitator tablet and `phones` participant phones for a test file, each a
 * separate browser process; opened before the file's tests and closed after them.
 */
export function workshopDevices(phones = 2): { readonly server: RunningServer; readonly fac: Device; readonly ps: Device[] } {
  let server: RunningServer | undefined
  let fac: Device | undefined
  const ps: Device[] = []
  beforeAll(async () => {
    server = await startApp()
    fac = await openDevice()
    for (let i = 0; i < phones; i++) ps.push(await openDevice({ viewport: PHONE }))
  })
  afterAll(async () => {
    await closeAll([fac, ...ps], [server])
  })
  return {
    get server() {
      if (!server) throw new Error('the app server is started in beforeAll')
      return server
    },
    get fac() {
      if (!fac) throw new Error('the facilitator device is opened in beforeAll')
      return fac
    },
    ps,
  }
}
