/**
 * Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds nothing on the main screens,
 * and a note can be moved with the keyboard alone, with the move reaching the other device.
 */
import { expect, test } from 'vitest'
import {
  addNote,
  createWorkshop,
  formatViolations,
  joinByCode,
  noteTexts,
  PHONE,
  runAxe,
  TABLET,
  waitForNote,
} from '../support/browser.ts'
import { appFixture } from '../support/fixture.ts'
import type { Page } from 'playwright-core'

const app = appFixture()
const device = app.device

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await runAxe(page)
  expect(violations, `axe violations on ${screen}:\n${formatViolations(violations)}`).toEqual([])
}

test('home screen on a tablet and on a phone', async () => {
  for (const [name, viewport] of [['tablet', TABLET], ['phone', PHONE]] as const) {
    const { page, errors } = await device(viewport)
    await page.goto(app.server.url)
    await page.getByTestId('create-title').waitFor()
    await page.getByText('Ingen verksted ennå').waitFor()
    await expectNoViolations(page, `home (${name})`)
    expect(errors).toEqual([])
  }
})

test('join screen with an error shown, and the settings screen', async () => {
  const { page, errors } = await device(PHONE)
  await page.goto(`${app.server.url}/join`)
  await page.getByTestId('join-code').fill('K7M2')
  await page.getByTestId('join-code').press('Enter')
  await expect.poll(() => page.getByTestId('join-error').textContent()).toContain('for kort')
  await expectNoViolations(page, 'join screen with a code error')

  await page.goto(`${app.server.url}/join#c=XYZ`)
  await page.getByTestId('join-link-error').waitFor()
  await expectNoViolations(page, 'join screen with a link error')

  await page.goto(`${app.server.url}/settings`)
  await expect.poll(() => page.getByTestId('settings-signaling').inputValue()).toBe(app.server.signalingUrl)
  await expectNoViolations(page, 'settings')
  expect(errors).toEqual([])
})

test('facilitator board with three notes (tablet) and participant board (phone, list view)', async () => {
  const fac = await device(TABLET)
  const phone = await device(PHONE)
  const { code } = await createWorkshop(fac.page, app.server.url, 'Trygg fritid')
  await joinByCode(phone.page, app.server.url, code)
  await expect.poll(() => phone.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Trygg fritid')
  const texts = ['Gratis buss til fritidsklubben', 'Flere benker i parken', 'Åpen hall på fredager']
  await addNote(fac.page, texts[0] ?? '')
  await addNote(phone.page, texts[1] ?? '')
  await addNote(fac.page, texts[2] ?? '')
  const sorted = [...texts].sort()
  await expect.poll(() => noteTexts(fac.page), { timeout: 20000 }).toEqual(sorted)
  await expect.poll(() => noteTexts(phone.page), { timeout: 20000 }).toEqual(sorted)
  await expect.poll(() => fac.page.getByTestId('participant-count').getAttribute('data-count')).toBe('1')
  // The invitation folds away once the session runs; it can be opened again for a latecomer.
  await fac.page.getByRole('button', { name: 'Vis kode og QR' }).click()
  await fac.page.getByTestId('join-qr').waitFor()

  // Tablet: the board view (notes placed by position).
  expect(await fac.page.getByRole('button', { name: 'Tavle' }).getAttribute('aria-pressed')).toBe('true')
  await expectNoViolations(fac.page, 'facilitator board (tablet, 3 notes)')
  // Phone: the list view is the default.
  expect(await phone.page.getByRole('button', { name: 'Liste' }).getAttribute('aria-pressed')).toBe('true')
  expect(await phone.page.getByTestId('note-move').count()).toBe(0)
  await expectNoViolations(phone.page, 'participant board (phone, list view)')
  expect(fac.errors).toEqual([])
  expect(phone.errors).toEqual([])
})

test('a note moved with the arrow keys moves on the other device too', async () => {
  const fac = await device(TABLET)
  const peer = await device(TABLET)
  const { code } = await createWorkshop(fac.page, app.server.url, 'Tastatur')
  await joinByCode(peer.page, app.server.url, code)
  await expect.poll(() => peer.page.getByTestId('workshop-title').textContent(), { timeout: 20000 }).toBe('Tastatur')
  await addNote(fac.page, 'Flytt meg med piltastene')
  await waitForNote(peer.page, 'Flytt meg med piltastene')

  const note = fac.page.getByTestId('note').filter({ hasText: 'Flytt meg med piltastene' })
  const id = await note.getAttribute('data-note-id')
  const transform = (p: Page) => p.locator(`[data-testid="note"][data-note-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform)
  const before = await transform(fac.page)
  const m = /^translate\((-?\d+)px, (-?\d+)px\)$/.exec(before)
  expect(m, `unexpected transform ${before}`).not.toBeNull()
  const [x, y] = [Number(m?.[1]), Number(m?.[2])]
  await expect.poll(() => transform(peer.page)).toBe(before)

  const handle = note.getByTestId('note-move')
  await handle.focus()
  expect(await handle.evaluate((el) => el === document.activeElement)).toBe(true)
  for (let i = 0; i < 3; i++) await fac.page.keyboard.press('ArrowRight')
  const after = `translate(${x + 48}px, ${y}px)`
  await expect.poll(() => transform(fac.page)).toBe(after)
  // Focus stays on the handle, so the user can keep moving.
  expect(await handle.evaluate((el) => el === document.activeElement)).toBe(true)
  await expect.poll(() => transform(peer.page), { timeout: 10000 }).toBe(after)
  expect(fac.errors).toEqual([])
  expect(peer.errors).toEqual([])
})
