/**
 * The template library and editor in a real browser: duplicate the built-in template, edit and
 * reorder it with the keyboard, save, export, delete, import it back; refused imports explain
 * themselves and change nothing; axe finds no WCAG A/AA problems on the list or the editor.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { formatViolations, PHONE, runAxe, TABLET } from '../support/browser.ts'
import { appFixture } from '../support/fixture.ts'

const app = appFixture(TABLET)
const device = app.device

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await runAxe(page)
  expect(violations, `axe violations on ${screen}:\n${formatViolations(violations)}`).toEqual([])
}

const stepOrder = (page: Page) => page.getByTestId('step-editor').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')))
const ownIds = (page: Page) => page.getByTestId('own-templates').getByTestId('template-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-template-id')))
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))

const COPY = 'Idémyldring og gruppering (kopi)'
const EDITED_PROMPT = 'Who is not in the room today, and how do we reach them?'

test('duplicate, edit, reorder with the keyboard, save, export, delete, and import it back', async () => {
  const { page, errors } = await device()
  await page.goto(`${app.server.url}/templates`)
  await page.getByText('Ingen egne maler ennå').waitFor()
  await expectNoViolations(page, 'template list')

  await page.getByRole('button', { name: 'Dupliser: Idémyldring og gruppering', exact: true }).click()
  await page.getByTestId('template-save').waitFor()
  const id = new URL(page.url()).pathname.split('/').pop() ?? ''
  expect(id).toMatch(/^id-myldring-og-gruppering-kopi-[0-9a-f]{12}$/)
  await expect.poll(() => page.locator('h1').textContent()).toBe(COPY)
  expect(await stepOrder(page)).toEqual(['welcome', 'check-in', 'ideas', 'group', 'talk', 'close'])

  // Edit the English prompt of step 5.
  await page.getByLabel('Tekst til deltakerne (engelsk)').nth(4).fill(EDITED_PROMPT)
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'ikke er lagret' }).count()).toBe(1)

  // Keyboard reordering: the focused move button follows its step, and the move is announced.
  await page.getByRole('button', { name: 'Flytt opp: steg 3' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => stepOrder(page)).toEqual(['welcome', 'ideas', 'check-in', 'group', 'talk', 'close'])
  await expect.poll(() => page.getByTestId('step-announcer').textContent()).toBe('Steget «Stille idémyldring» er nå nummer 2 av 6.')
  expect(await focusedLabel(page)).toBe('Flytt opp: steg 2')
  await page.keyboard.press('Space')
  await expect.poll(() => stepOrder(page)).toEqual(['ideas', 'welcome', 'check-in', 'group', 'talk', 'close'])
  expect(await focusedLabel(page)).toBe('Flytt opp: steg 1')
  // At the top, "move up" stays focusable (aria-disabled) and does nothing.
  await page.keyboard.press('Enter')
  expect(await stepOrder(page)).toEqual(['ideas', 'welcome', 'check-in', 'group', 'talk', 'close'])
  await page.keyboard.press('Tab')
  expect(await focusedLabel(page)).toBe('Flytt ned: steg 1')
  await page.keyboard.press('Enter')
  await expect.poll(() => stepOrder(page)).toEqual(['welcome', 'ideas', 'check-in', 'group', 'talk', 'close'])
  expect(await focusedLabel(page)).toBe('Flytt ned: steg 2')

  // An invalid template is not saved: the problems are listed and shown next to the fields.
  const welcomePrompt = page.locator('#tpl-steps-0-prompt-en')
  const original = await welcomePrompt.inputValue()
  await welcomePrompt.fill('   ')
  await page.locator('#tpl-steps-2-minutes').fill('999')
  await page.getByTestId('template-save').click()
  const summary = page.getByTestId('editor-problems')
  await expect.poll(() => summary.textContent()).toContain('Steg 1, tekst (engelsk): Teksten mangler.')
  expect(await summary.textContent()).toContain('Steg 3, minutter: Tiden må være et helt antall minutter fra 0 til 180.')
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('editor-problems')
  expect(await welcomePrompt.getAttribute('aria-invalid')).toBe('true')
  await expectNoViolations(page, 'template editor with problems')
  await welcomePrompt.fill(original)
  await page.locator('#tpl-steps-2-minutes').fill('3')
  await expect.poll(() => summary.count()).toBe(0)

  // Leaving with unsaved edits asks first; saying no stays in the editor.
  page.once('dialog', (d) => void d.dismiss())
  await page.getByRole('link', { name: 'Til malene' }).click()
  expect(new URL(page.url()).pathname).toBe(`/templates/${id}`)

  await page.getByTestId('template-save').click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Malen er lagret.' }).count()).toBe(1)
  expect(await page.getByTestId('template-total').textContent()).toBe('Total tid: 53 min')
  await expectNoViolations(page, 'template editor')

  // Back in the list: the copy is there; export it.
  await page.getByRole('link', { name: 'Til malene' }).click()
  await expect.poll(() => ownIds(page)).toEqual([id])
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Eksporter: ${COPY}` }).click()])
  expect(download.suggestedFilename()).toBe(`${id}.json`)
  const exportedPath = path.join(tmpdir(), `medvirk-e2e-${id}.json`)
  await download.saveAs(exportedPath)
  const exported = JSON.parse(await readFile(exportedPath, 'utf8')) as { id: string; steps: { id: string; prompt: { en: string } }[] }
  expect(exported.id).toBe(id)
  expect(exported.steps.map((s) => s.id)).toEqual(['welcome', 'ideas', 'check-in', 'group', 'talk', 'close'])
  expect(exported.steps[4]?.prompt.en).toBe(EDITED_PROMPT)

  // Delete it (confirmed), then import the exported file: it is back, under its own id.
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: `Slett: ${COPY}` }).click()
  await page.getByText('Ingen egne maler ennå').waitFor()
  await page.getByTestId('template-import-input').setInputFiles(exportedPath)
  await expect.poll(() => page.getByTestId('templates-status').textContent()).toBe(`Malen «${COPY}» er importert.`)
  await expect.poll(() => ownIds(page)).toEqual([id])
  await page.getByRole('link', { name: COPY }).click()
  await expect.poll(() => page.locator('#tpl-steps-4-prompt-en').inputValue()).toBe(EDITED_PROMPT)
  expect(await stepOrder(page)).toEqual(['welcome', 'ideas', 'check-in', 'group', 'talk', 'close'])
  expect(errors).toEqual([])
})

test('refused imports name the problem and change nothing', async () => {
  const { page, errors } = await device(PHONE)
  await page.goto(`${app.server.url}/templates`)
  await page.getByRole('button', { name: 'Dupliser: Idémyldring og gruppering', exact: true }).click()
  await page.getByTestId('template-save').waitFor()
  const id = new URL(page.url()).pathname.split('/').pop() ?? ''
  await page.getByRole('link', { name: 'Til malene' }).click()
  await expect.poll(() => ownIds(page)).toEqual([id])

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Eksporter: ${COPY}` }).click()])
  const good = JSON.parse(await readFile(await download.path(), 'utf8')) as { id: string; steps: { kind: string }[] }
  good.steps[2]!.kind = 'dance'
  const unknownKind = path.join(tmpdir(), 'medvirk-e2e-unknown-kind.json')
  await writeFile(unknownKind, JSON.stringify(good))
  await page.getByTestId('template-import-input').setInputFiles(unknownKind)
  const error = page.getByTestId('import-error')
  await expect.poll(() => error.textContent()).toContain('Kunne ikke importere «medvirk-e2e-unknown-kind.json». Ingenting er endret.')
  expect(await error.textContent()).toContain('Steg 3, stegtype: Ukjent stegtype.')
  expect(await error.getAttribute('role')).toBe('alert')
  await expectNoViolations(page, 'template list with an import error (phone)')

  await page.getByTestId('template-import-input').setInputFiles({ name: 'notater.txt', mimeType: 'text/plain', buffer: Buffer.from('Dette er ikke en mal {') })
  await expect.poll(() => error.textContent()).toContain('«notater.txt»')
  expect(await error.textContent()).toContain('Filen er ikke en malfil (den er ikke gyldig JSON).')
  expect(await ownIds(page)).toEqual([id])
  expect(await page.getByTestId('builtin-templates').getByTestId('template-item').count()).toBe(3)

  // Importing the built-in template's own file gives it a new id instead of clashing.
  const [builtInDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter: Idémyldring og gruppering', exact: true }).click()])
  await page.getByTestId('template-import-input').setInputFiles(await builtInDownload.path())
  await expect.poll(() => page.getByTestId('templates-status').textContent()).toContain('fikk ny id')
  expect(await error.count()).toBe(0)
  const ids = await ownIds(page)
  expect(ids).toHaveLength(2)
  expect(ids).toContain(id)
  expect(ids).not.toContain('idemyldring-og-gruppering')

  // The built-in template opens read-only, with "Duplicate to edit".
  await page.goto(`${app.server.url}/templates/idemyldring-og-gruppering`)
  await page.getByTestId('template-duplicate-to-edit').waitFor()
  expect(await page.getByTestId('template-save').count()).toBe(0)
  await expectNoViolations(page, 'built-in template, read-only (phone)')
  expect(errors).toEqual([])
})
