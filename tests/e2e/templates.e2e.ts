/**
 * The template library and editor in a real browser: duplicate the built-in template, edit and
 * reorder it with the keyboard, save, export, delete, import it back; refused imports explain
 * themselves and change nothing; axe finds no WCAG A/AA problems on the list or the editor.
 * Vote and matrix options (written statements, an edited sector list) are saved and kept, and an
 * empty sector list is refused with a translated message.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { BUILT_IN_TEMPLATES } from '../../src/domain/builtInTemplates.ts'
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
  expect(await page.getByTestId('builtin-templates').getByTestId('template-item').count()).toBe(BUILT_IN_TEMPLATES.length)

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

test('vote and matrix options: written statements and an edited sector list are saved and kept; no sectors is refused', async () => {
  const { page, errors } = await device()
  await page.goto(`${app.server.url}/templates`)
  await page.getByTestId('template-new').click()
  await page.getByTestId('template-save').waitFor()
  const announcer = page.getByTestId('step-announcer')
  const focusedId = () => page.evaluate(() => document.activeElement?.id)
  await page.locator('#tpl-name-nb').fill('Prioriter og kartlegg')
  // The information step says it has no settings instead of showing nothing.
  expect(await page.getByTestId('step-no-options').textContent()).toBe('Dette steget har ingen innstillinger.')

  // Step 2: a vote on statements written here; step 3: a mapping matrix.
  await page.getByTestId('step-add').click()
  await page.getByTestId('step-add').click()
  await page.locator('#tpl-steps-1-kind').selectOption('vote')
  await page.locator('#tpl-steps-2-kind').selectOption('matrix')
  for (const [i, title] of [[1, 'Stem'], [2, 'Kartlegg']] as const) {
    for (const lang of ['nb', 'en']) {
      await page.locator(`#tpl-steps-${i}-title-${lang}`).fill(`${title} ${lang}`)
      await page.locator(`#tpl-steps-${i}-prompt-${lang}`).fill(`Hva gjør vi? (${lang})`)
    }
  }
  expect(await page.getByTestId('step-no-options').count()).toBe(1)

  const vote = page.getByTestId('vote-options')
  await vote.getByLabel('Påstander som skrives her').check()
  await page.locator('#tpl-steps-1-options-dots').fill('5')
  await page.locator('#tpl-steps-1-options-capPerOption').fill('2')
  await vote.getByLabel('Tillat én «må ikke»-prikk', { exact: false }).check()
  for (const text of ['Flere benker i parken', 'Gratis buss for ungdom', 'Denne fjernes']) {
    await page.getByTestId('statement-add').click()
    const n = await vote.getByTestId('vote-statements').locator('li').count()
    expect(await focusedId()).toBe(`tpl-steps-1-options-custom-${n - 1}`)
    await page.keyboard.type(text)
  }
  await page.getByRole('button', { name: 'Fjern påstand 3' }).click()
  await expect.poll(() => announcer.textContent()).toBe('Påstand 3 er fjernet.')
  expect(await vote.getByTestId('vote-statements').locator('li').count()).toBe(2)

  // Sectors: a new one needs a name; add one, remove one, move and rename.
  const matrix = page.getByTestId('matrix-options')
  const sectorIds = () => matrix.getByTestId('sector-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-sector-id')))
  await matrix.getByRole('button', { name: 'Legg til sektor' }).click()
  expect(await matrix.getByRole('alert').textContent()).toBe('Skriv navnet på bokmål først.')
  await page.getByLabel('Navn på ny sektor (bokmål)').fill('Næring')
  await page.getByLabel('Navn på ny sektor (engelsk)').fill('Business')
  await page.keyboard.press('Enter')
  await expect.poll(() => announcer.textContent()).toBe('Sektoren «Næring» er lagt til som nummer 9.')
  expect(await focusedId()).toBe('tpl-steps-2-options-sectors-new-nb')
  await page.getByRole('button', { name: 'Fjern: sektor 2' }).click()
  await expect.poll(() => announcer.textContent()).toBe('Sektoren «Helse og omsorg» er fjernet.')
  await page.getByRole('button', { name: 'Flytt opp: sektor 8' }).click()
  await expect.poll(() => sectorIds()).toEqual(['oppvekst', 'kultur_fritid', 'plan_areal', 'bolig', 'arbeid_inntekt', 'integrering', 'naering', 'tverrsektoriell'])
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Flytt opp: sektor 7')
  await page.getByLabel('Sektor 1, navn (engelsk)').fill('Childhood, school and youth')
  await matrix.getByLabel('Vis eksempelkortene', { exact: false }).uncheck()
  await matrix.getByLabel('Finnes i dag').check()

  await page.getByTestId('template-save').click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Malen er lagret.' }).count()).toBe(1)
  await expectNoViolations(page, 'template editor with vote and matrix options')

  // Reopen it: the options are kept.
  await page.getByRole('link', { name: 'Til malene' }).click()
  await page.getByRole('link', { name: 'Prioriter og kartlegg' }).click()
  await page.getByTestId('template-save').waitFor()
  expect(await page.locator('#tpl-steps-1-options-custom-0').inputValue()).toBe('Flere benker i parken')
  expect(await page.locator('#tpl-steps-1-options-custom-1').inputValue()).toBe('Gratis buss for ungdom')
  expect(await page.getByTestId('vote-statements').locator('li').count()).toBe(2)
  expect(await page.locator('#tpl-steps-1-options-dots').inputValue()).toBe('5')
  expect(await page.locator('#tpl-steps-1-options-capPerOption').inputValue()).toBe('2')
  expect(await page.locator('#tpl-steps-1-options-mustNot').isChecked()).toBe(true)
  expect(await sectorIds()).toEqual(['oppvekst', 'kultur_fritid', 'plan_areal', 'bolig', 'arbeid_inntekt', 'integrering', 'naering', 'tverrsektoriell'])
  expect(await page.locator('#tpl-steps-2-options-sectors-0-name-en').inputValue()).toBe('Childhood, school and youth')
  expect(await page.locator('#tpl-steps-2-options-sectors-6-name-en').inputValue()).toBe('Business')
  expect(await page.locator('#tpl-steps-2-options-examples').isChecked()).toBe(false)
  expect(await page.locator('#tpl-steps-2-options-gaps').isChecked()).toBe(true)
  expect(await matrix.getByLabel('Finnes i dag').isChecked()).toBe(true)

  // Removing every sector: the list says so at once, and Save refuses with the schema's problem.
  for (let left = 8; left > 0; left--) {
    await page.getByRole('button', { name: 'Fjern: sektor 1' }).click()
    await expect.poll(() => matrix.getByTestId('sector-row').count()).toBe(left - 1)
  }
  expect(await page.getByTestId('sectors-empty').textContent()).toBe('Ingen sektorer. Legg til minst én, eller tilbakestill til standardsektorene.')
  expect(await focusedId()).toBe('tpl-steps-2-options-sectors-new-nb')
  await page.getByTestId('template-save').click()
  const summary = page.getByTestId('editor-problems')
  await expect.poll(() => summary.textContent()).toContain('Steg 3, sektorene: Matrisen må ha minst én sektor.')
  expect(await page.locator('#tpl-steps-2-options-sectors-error').textContent()).toBe('Matrisen må ha minst én sektor.')
  expect(await page.getByRole('status').filter({ hasText: 'Malen er lagret.' }).count()).toBe(0)
  await summary.getByRole('link', { name: 'Steg 3, sektorene: Matrisen må ha minst én sektor.' }).click()
  expect(await focusedId()).toBe('tpl-steps-2-options-sectors')
  await expectNoViolations(page, 'template editor with no sectors')
  // In English too.
  await page.locator('.lang-switch select').selectOption('en')
  await expect.poll(() => summary.textContent()).toContain('Step 3, sectors: The matrix needs at least one sector.')
  expect(await page.getByTestId('sectors-empty').textContent()).toBe('No sectors. Add at least one, or reset to the default sectors.')
  await page.locator('.lang-switch select').selectOption('nb')

  // Nothing was saved: leaving (confirmed) and reopening shows the saved eight sectors.
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('link', { name: 'Til malene' }).click()
  await page.getByRole('link', { name: 'Prioriter og kartlegg' }).click()
  await page.getByTestId('template-save').waitFor()
  expect(await sectorIds()).toEqual(['oppvekst', 'kultur_fritid', 'plan_areal', 'bolig', 'arbeid_inntekt', 'integrering', 'naering', 'tverrsektoriell'])
  expect(errors).toEqual([])
})
