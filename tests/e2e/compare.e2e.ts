/**
 * Compare sessions (issue 6): a planner on a fresh browser opens /compare, adds two archives
 * (tests/fixtures/compare, made by src/app/compareArchives.test.ts), sees them side by side and
 * combined, picks another round, gets a named, translated message for each bad file, downloads
 * the CSV — and nothing is stored on the device. axe on all of it. One browser throughout.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { closeAll, formatViolations, idbContains, openDevice, runAxe, startApp, unexpectedErrors, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/compare/${name}`, import.meta.url), 'utf8')
const COUNCIL = fixture('ungdomsradet.json')
const POPUP = fixture('popup-fritidsklubb.json')
const COUNCIL_TITLE = 'Ungdomsrådet: trygg fritid'
const POPUP_TITLE = 'Pop-up på fritidsklubben'
const json = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') })

let server: RunningServer
let dev: Device
let page: Page

beforeAll(async () => {
  server = await startApp()
  dev = await openDevice()
  page = dev.page
})
afterAll(async () => {
  await closeAll([dev], [server])
})

async function expectAxeClean(what: string) {
  const violations = await runAxe(page)
  expect(violations, `axe violations on ${what}:\n${formatViolations(violations)}`).toEqual([])
}

const sessionTitles = () => page.getByTestId('compare-session').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))
const sideHeads = () => page.getByTestId('compare-side-head').locator('.compare-col-title').allTextContents()
/** The side-by-side table as text, row by row, cell by cell. */
const sideRows = () => page.getByTestId('compare-side').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())))
/** The combined list: place, priority, which sessions, total (if shown). */
const combinedRows = () =>
  page.getByTestId('compare-combined-item').evaluateAll((trs) =>
    trs.map((tr) => [
      tr.querySelector('.compare-rank-cell')?.textContent ?? '',
      tr.querySelector('.compare-combined-label')?.textContent ?? '',
      tr.querySelector('.compare-col-meta')?.textContent ?? '',
      ...Array.from(tr.querySelectorAll('.compare-score-cell'), (td) => td.textContent ?? ''),
    ]),
  )

test('two archives: side by side with counts, combined by summed dots with matched labels', async () => {
  await page.goto(`${server.url}/compare`)
  await page.getByRole('heading', { level: 1, name: 'Sammenlign økter' }).waitFor()
  expect(await page.getByText('Ingen økter ennå.').count()).toBe(1)
  await expectAxeClean('the empty compare screen')

  await page.getByTestId('compare-input').setInputFiles([json('ungdomsradet.json', COUNCIL), json('popup-fritidsklubb.json', POPUP)])
  await expect.poll(sessionTitles).toEqual([COUNCIL_TITLE, POPUP_TITLE])
  expect(await page.getByTestId('compare-status').textContent()).toBe('2 økter er lagt til.')

  expect(await sideHeads()).toEqual([COUNCIL_TITLE, POPUP_TITLE])
  expect(await page.getByTestId('compare-side-head').first().textContent()).toContain('Prikker · 7 stemte')
  expect(await sideRows()).toEqual([
    ['1.Gratis buss til fritidsklubben9 prikker', '1.åpen  hall på kvelden9 prikker'],
    ['2.Åpen hall på kvelden6 prikker', '2.Skatepark ved skolen6 prikker'],
    ['3.Flere lærlingplasser3 prikker', '3.gratis buss til fritidsklubben3 prikker'],
    ['3.Trygg vei hjem3 prikker', ''],
  ])

  const combined = page.getByTestId('compare-combined')
  expect(await combined.getAttribute('data-rule')).toBe('sum')
  expect(await page.getByTestId('compare-rule').textContent()).toContain('Til sammen stemte 13.')
  expect(await combinedRows()).toEqual([
    ['1', 'Åpen hall på kvelden', '2 av 2 økter', '15 prikker'],
    ['2', 'Gratis buss til fritidsklubben', '2 av 2 økter', '12 prikker'],
    ['3', 'Skatepark ved skolen', `1 av 2 økter: ${POPUP_TITLE}`, '6 prikker'],
    ['4', 'Flere lærlingplasser', `1 av 2 økter: ${COUNCIL_TITLE}`, '3 prikker'],
    ['4', 'Trygg vei hjem', `1 av 2 økter: ${COUNCIL_TITLE}`, '3 prikker'],
  ])
  await expectAxeClean('two sessions compared')
})

test('another round: a round with too few voters shows nothing and is left out of the combined list', async () => {
  const select = page.locator(`[data-testid=compare-session][data-title="${POPUP_TITLE}"]`).getByTestId('compare-round')
  expect(await select.inputValue()).toBe('1')
  expect(await select.locator('option').allTextContents()).toEqual(['Hva er viktigst? (runde 1 av 2, for få stemte)', 'Hva er viktigst? (runde 2 av 2)'])
  await select.selectOption('0')
  await expect.poll(() => page.getByTestId('compare-left').textContent()).toBe(`Ikke med fordi for få stemte: ${POPUP_TITLE}.`)
  const rows = await sideRows()
  expect(rows[0]?.[1]).toBe('For få stemte (under 3). Ingenting vises.')
  expect(rows.slice(1).every((r) => r[1] === '')).toBe(true)
  expect((await combinedRows()).map((r) => r[1])).toEqual(['Gratis buss til fritidsklubben', 'Åpen hall på kvelden', 'Flere lærlingplasser', 'Trygg vei hjem'])
  expect((await combinedRows())[0]).toEqual(['1', 'Gratis buss til fritidsklubben', '1 av 1 økt', '9 prikker'])
  await select.selectOption('1')
  await expect.poll(() => page.getByTestId('compare-left').count()).toBe(0)
})

test('bad files: each gets a message naming it; the same session twice is refused; nothing else changes', async () => {
  const council = JSON.parse(COUNCIL) as Record<string, unknown>
  await page
    .getByTestId('compare-input')
    .setInputFiles([
      json('halv.json', COUNCIL.slice(0, Math.floor(COUNCIL.length / 2))),
      json('notater.json', 'Dette er ikke et arkiv'),
      json('fremtid.json', JSON.stringify({ ...council, version: 7 })),
      json('kopi.json', COUNCIL),
    ])
  await expect.poll(() => page.getByTestId('compare-problem').count()).toBe(4)
  const problems = await page.getByTestId('compare-problem').allTextContents()
  expect(problems).toEqual([
    'Kunne ikke lese «halv.json». Ingenting er endret.Filen er ufullstendig eller endret, kanskje ble den avbrutt under kopiering. Eksporter arkivet på nytt.',
    'Kunne ikke lese «notater.json». Ingenting er endret.Filen er ikke et Medvirk-arkiv (den er ikke JSON).',
    'Kunne ikke lese «fremtid.json». Ingenting er endret.Arkivet er laget av en nyere versjon av Medvirk (format 7). Oppdater appen og prøv igjen.',
    `Kunne ikke lese «kopi.json». Ingenting er endret.«${COUNCIL_TITLE}» er allerede med i sammenligningen.`,
  ])
  expect(await page.getByTestId('compare-status').textContent()).toBe('Ingen nye økter ble lagt til.')
  expect(await sessionTitles()).toEqual([COUNCIL_TITLE, POPUP_TITLE])
  await expectAxeClean('problems shown')

  // In English too.
  await page.locator('.lang-switch select').selectOption('en')
  await page.getByRole('heading', { level: 1, name: 'Compare sessions' }).waitFor()
  expect(await page.getByTestId('compare-problem').nth(2).textContent()).toBe('Could not read "fremtid.json". Nothing was changed.The archive was made by a newer version of Medvirk (format 7). Update the app and try again.')
  expect(await page.getByTestId('compare-rule').textContent()).toContain('13 voted in all.')
  await page.locator('.lang-switch select').selectOption('nb')
  await page.getByRole('heading', { level: 1, name: 'Sammenlign økter' }).waitFor()
})

test('CSV download, made on the device; nothing stored; removing a session', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-csv').click()])
  expect(download.suggestedFilename()).toMatch(/^medvirk-sammenligning-\d{4}-\d{2}-\d{2}\.csv$/)
  const path = await download.path()
  const csv = readFileSync(path, 'utf8')
  expect(csv.split('\r\n')[0]).toBe('\ufeffØkt,Plass,Prioritet,Tall,Merknad')
  expect(csv).toContain('Samlet,1,Åpen hall på kvelden,15,2 av 2 økter')

  expect(await idbContains(page, [COUNCIL_TITLE, POPUP_TITLE, 'Skatepark ved skolen'])).toEqual([])

  await page.getByRole('button', { name: `Fjern «${POPUP_TITLE}» fra sammenligningen` }).click()
  await expect.poll(sessionTitles).toEqual([COUNCIL_TITLE])
  expect(await page.getByTestId('compare-status').textContent()).toBe(`«${POPUP_TITLE}» er fjernet fra sammenligningen.`)
  expect(await page.getByTestId('compare-combined').count()).toBe(0)
  expect(await page.getByText('Legg til én økt til for å se prioriteringene samlet.').count()).toBe(1)
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('compare-add')
  expect(unexpectedErrors(dev.errors, [])).toEqual([])
})
