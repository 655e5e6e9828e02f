/**
 * Joining goes wrong in the ways people actually get it wrong: a mistyped code, a code that is
 * too short, a broken or tampered link, and a connection server that cannot be reached.
 */
import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { addNote, noteTexts, PHONE, unexpectedErrors } from '../support/browser.ts'
import { appFixture } from '../support/fixture.ts'
import { formatJoinCode, JOIN_ALPHABET, joinCodeFromBytes } from '../../src/domain/joinCode.ts'

const app = appFixture(PHONE)
const device = app.device

/** A valid code with one symbol replaced by another symbol of the alphabet: a single typo. */
function validAndTypo(): { valid: string; typo: string } {
  const valid = joinCodeFromBytes(randomBytes(8))
  const i = 3
  const other = JOIN_ALPHABET[(JOIN_ALPHABET.indexOf(valid[i] ?? '0') + 5) % JOIN_ALPHABET.length] ?? '0'
  const typo = valid.slice(0, i) + other + valid.slice(i + 1)
  return { valid, typo }
}

test('a mistyped or too short code says what is wrong, in Norwegian and in English', async () => {
  const { page, errors } = await device()
  const { typo } = validAndTypo()
  await page.goto(app.server.url)
  const input = page.getByTestId('join-code')
  await input.fill(formatJoinCode(typo as Parameters<typeof formatJoinCode>[0]).toLowerCase())
  await input.press('Enter')
  await expect.poll(() => page.getByTestId('join-error').textContent()).toContain('finnes ikke')
  expect(await input.getAttribute('aria-invalid')).toBe('true')
  expect(new URL(page.url()).pathname).toBe('/')

  await input.fill('K7M2-Q9')
  await input.press('Enter')
  await expect.poll(() => page.getByTestId('join-error').textContent()).toContain('for kort')

  // Typing again clears the message.
  await input.fill('K7M2')
  await expect.poll(() => page.getByTestId('join-error').count()).toBe(0)

  // Switch the UI to English with the header's language menu.
  await page.getByLabel('Språk').selectOption('en')
  await page.getByLabel('Language').waitFor()
  await input.fill(typo)
  await input.press('Enter')
  await expect.poll(() => page.getByTestId('join-error').textContent()).toBe('This code does not exist. Check that you typed it correctly.')
  await input.fill('K7M2')
  await input.press('Enter')
  await expect.poll(() => page.getByTestId('join-error').textContent()).toContain('too short')
  expect(errors).toEqual([])
})

test('a broken or tampered join link shows the link error and joins nothing', async () => {
  const { page, errors } = await device()
  const { valid } = validAndTypo()

  await page.goto(`${app.server.url}/join#c=XYZ`)
  const linkError = page.getByTestId('join-link-error')
  await expect.poll(() => linkError.textContent()).toContain('Lenken du åpnet virker ikke')
  expect(await linkError.textContent()).toContain('for kort')

  await page.goto(app.server.url)
  await page.goto(`${app.server.url}/join#c=${valid}&s=http://evil.example`)
  await expect.poll(() => linkError.textContent()).toContain('Lenken du åpnet virker ikke')
  expect(await linkError.textContent()).toContain('ugyldig tilkoblingsserver')
  expect(new URL(page.url()).pathname).toBe('/join')

  // Neither link created a workshop on this device.
  await page.goto(app.server.url)
  await page.getByText('Ingen verksted ennå').waitFor()
  expect(await page.getByTestId('workshop-list').count()).toBe(0)
  expect(errors).toEqual([])
})

test('with an unreachable connection server the board says so and still takes notes', async () => {
  const { page, errors } = await device()
  const unreachable = 'ws://127.0.0.1:9/signal' // nothing listens on port 9 in the test namespace
  await page.goto(`${app.server.url}/settings`)
  const field = page.getByTestId('settings-signaling')
  await expect.poll(() => field.inputValue()).toBe(`${app.server.signalingUrl}`)
  await field.fill(unreachable)
  await page.getByRole('button', { name: 'Lagre', exact: true }).click()
  await page.getByText('Innstillingene er lagret.').waitFor()

  const { valid } = validAndTypo()
  await page.goto(app.server.url)
  await page.getByTestId('join-code').fill(valid)
  await page.getByTestId('join-code').press('Enter')
  await page.getByTestId('workshop-title').waitFor()
  const conn = page.getByTestId('connection')
  await expect.poll(() => conn.getAttribute('data-kind'), { timeout: 15000 }).toBe('unreachable')
  expect(await conn.textContent()).toContain(unreachable)
  expect(await conn.textContent()).toContain('Får ikke kontakt')

  await addNote(page, 'Mer lys i parken')
  await expect.poll(() => noteTexts(page)).toEqual(['Mer lys i parken'])
  await expect.poll(() => page.getByTestId('note-count').textContent()).toBe('(1)')
  expect(await page.getByTestId('composer-text').inputValue()).toBe('')
  expect(await page.getByTestId('composer-error').count()).toBe(0)
  // y-webrtc keeps retrying the configured server; each refused WebSocket handshake is logged
  // by Chromium. Those are the point of this test; nothing else may be logged.
  expect(unexpectedErrors(errors, [/^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:9\/signal' failed/])).toEqual([])
})
