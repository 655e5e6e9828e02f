/**
 * The "this looks like a name / phone number" hint (src/domain/pii.ts) in a real browser: it
 * appears while typing, names what it found, marks it in a preview, never blocks publishing, and
 * is gone once the note is on the board. The same hint shows in the note editor.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { closeAll, createWorkshop, openDevice, startApp, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let dev: Device

beforeAll(async () => {
  server = await startApp()
  dev = await openDevice()
})
afterAll(async () => {
  await closeAll([dev], [server])
})

const NOTE = 'Ring Kari på 912 34 567'

test('a name and a phone number in the composer get a polite hint; publishing still works and clears it', async () => {
  const { page } = dev
  await createWorkshop(page, server.url, 'Personvern i praksis')
  const composer = page.locator('.composer')
  const warning = composer.getByTestId('pii-warning')
  await page.getByTestId('composer-text').fill('Gratis buss til fritidsklubben')
  expect(await warning.isVisible()).toBe(false)
  expect(await warning.getAttribute('role')).toBe('status')

  await page.getByTestId('composer-text').fill(NOTE)
  await expect.poll(() => warning.isVisible()).toBe(true)
  const text = (await warning.textContent()) ?? ''
  expect(text).toContain('Dette ser ut som et navn: «Kari»')
  expect(text).toContain('Dette ser ut som et telefonnummer: «912 34 567»')
  expect(text).toContain('Du bestemmer')
  expect(await warning.getAttribute('data-kinds')).toBe('name phone')
  expect(await composer.getByTestId('pii-preview').locator('mark').allTextContents()).toEqual(['Kari', '912 34 567'])
  expect(await page.getByRole('alert').count()).toBe(0)

  // The hint never blocks: the note is published as written.
  expect(await page.getByTestId('composer-publish').isEnabled()).toBe(true)
  await page.getByTestId('composer-publish').click()
  await waitForNote(page, NOTE)
  await expect.poll(() => warning.isVisible()).toBe(false)
  expect(await warning.textContent()).toBe('')
  expect(await page.getByTestId('composer-text').inputValue()).toBe('')
})

test('the note editor shows the same hint and clears it when the text is rewritten', async () => {
  const { page } = dev
  // By id: while editing, the card's text changes under a text filter.
  const id = await page.getByTestId('note').filter({ hasText: NOTE }).getAttribute('data-note-id')
  const note = page.locator(`[data-testid="note"][data-note-id="${id}"]`)
  await note.getByTestId('note-edit').click()
  const warning = note.getByTestId('pii-warning')
  await expect.poll(() => warning.isVisible()).toBe(true)
  expect(await warning.textContent()).toContain('«Kari»')
  expect(await warning.textContent()).toContain('lagre den likevel')

  await note.getByTestId('note-edit-text').fill('Ring fritidsklubben')
  await expect.poll(() => warning.isVisible()).toBe(false)
  await note.getByTestId('note-save').click()
  await waitForNote(page, 'Ring fritidsklubben')
  expect(dev.errors).toEqual([])
})
