/**
 * The session library on the home screen (issue 6): search and filters, the status log from
 * recommendation to decision to feedback with the contract's reminder, duplicate, delete with
 * confirmation, the storage line, and axe on all of it. One facilitator tablet throughout.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, closeAll, createWorkshop, formatViolations, gotoStep, openDevice, runAxe, startApp, startSession, waitForNote, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device
let page: Page
const TRYGG = 'Trygg fritid på Ås'
const SKOLEVEI = 'Skolevei i Vik'
const COPY = `${TRYGG} (kopi)`
let feedbackDate = ''

beforeAll(async () => {
  server = await startApp()
  fac = await openDevice()
  page = fac.page
})
afterAll(async () => {
  await closeAll([fac], [server])
})

const card = (title: string) => page.locator(`[data-testid=library-card][data-title="${title}"]`)
const cardTitles = () => page.getByTestId('library-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))
const reminder = (title: string) => card(title).getByTestId('library-reminder')

async function expectAxeClean(what: string) {
  const violations = await runAxe(page)
  expect(violations, `axe violations on ${what}:\n${formatViolations(violations)}`).toEqual([])
}

/** The device's local date `days` from now, yyyy-mm-dd (what the app calls "today" plus days). */
function localDate(days: number): Promise<string> {
  return page.evaluate((days) => {
    const d = new Date()
    d.setDate(d.getDate() + days)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  }, days)
}

test('two workshops: each card tells role, status, template, notes and the feedback reminder; storage is shown', async () => {
  await createWorkshop(page, server.url, TRYGG, { open: false })
  feedbackDate = await localDate(3)
  await page.getByTestId('template-select').selectOption('prioriter-med-prikker')
  await expect.poll(() => page.getByTestId('template-select').inputValue(), { timeout: 10000 }).toBe('prioriter-med-prikker')
  await startSession(page, { feedbackDate })
  await gotoStep(page, 'ideas')
  await addNote(page, 'Gratis buss til fritidsklubben')
  await waitForNote(page, 'Gratis buss til fritidsklubben')

  await createWorkshop(page, server.url, SKOLEVEI, { open: false })
  await page.goto(server.url)
  await expect.poll(cardTitles).toEqual([SKOLEVEI, TRYGG])

  const trygg = card(TRYGG)
  await expect.poll(() => trygg.getByTestId('library-card-status').textContent(), { timeout: 10000 }).toBe('Pågår')
  expect(await trygg.textContent()).toContain('Du leder')
  expect(await trygg.getByTestId('library-card-template').textContent()).toBe('Mal: Prioriter med prikker')
  expect(await trygg.getByTestId('library-card-notes').textContent()).toBe('1 lapp')
  expect(await reminder(TRYGG).textContent()).toContain('Tilbakemelding til ungdommene om 3 dager')
  expect(await reminder(TRYGG).getAttribute('data-reminder')).toBe('soon')
  expect(await trygg.getByTestId('library-latest').textContent()).toBe('Ingen status ført ennå')

  const skolevei = card(SKOLEVEI)
  await expect.poll(() => skolevei.getByTestId('library-card-status').textContent(), { timeout: 10000 }).toBe('Ikke startet')
  expect(await skolevei.getByTestId('library-card-notes').textContent()).toBe('Ingen lapper')
  expect(await skolevei.getByTestId('library-reminder').count()).toBe(0)

  await expect.poll(() => page.getByTestId('library-storage').textContent(), { timeout: 10000 }).toMatch(/^Medvirk bruker [\d,  ]+ (B|kB|MB|GB) av [\d,  ]+ (B|kB|MB|GB|TB) på denne enheten\.$/)
  await expectAxeClean('the library')
})

test('search ignores case and accents; role, status and "feedback due" filter; no hits says so', async () => {
  const search = page.getByTestId('library-search')
  await search.fill('TRYGG')
  await expect.poll(cardTitles).toEqual([TRYGG])
  await search.fill('pa as')
  await expect.poll(cardTitles).toEqual([TRYGG])
  expect(await page.getByTestId('library-count').textContent()).toBe('Viser 1 av 2 verksted.')
  await search.fill('fotball')
  await page.getByText('Ingen verksted passer søket eller filtrene.').waitFor()
  expect(await page.getByTestId('workshop-list').count()).toBe(0)
  await page.getByRole('button', { name: 'Vis alle verksted' }).click()
  await expect.poll(cardTitles).toEqual([SKOLEVEI, TRYGG])
  expect(await search.inputValue()).toBe('')

  await page.getByTestId('library-status').selectOption('lobby')
  await expect.poll(cardTitles).toEqual([SKOLEVEI])
  await page.getByTestId('library-status').selectOption('running')
  await expect.poll(cardTitles).toEqual([TRYGG])
  await page.getByTestId('library-status').selectOption('all')
  await page.getByTestId('library-role').selectOption('participant')
  await expect.poll(cardTitles).toEqual([])
  await page.getByTestId('library-role').selectOption('facilitator')
  await page.getByTestId('library-due').check()
  await expect.poll(cardTitles).toEqual([TRYGG])
  await page.getByTestId('library-due').uncheck()
  await page.getByTestId('library-sort').selectOption('title')
  await expect.poll(cardTitles).toEqual([SKOLEVEI, TRYGG])
  await page.getByTestId('library-sort').selectOption('feedback')
  await expect.poll(cardTitles).toEqual([TRYGG, SKOLEVEI])
  await page.getByTestId('library-sort').selectOption('opened')
})

test('the status log: bad input is explained and kept; recommendation → decision → fed back changes the reminder', async () => {
  const trygg = card(TRYGG)
  const toggle = trygg.getByTestId('library-log-toggle')
  expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  await toggle.click()
  expect(await toggle.getAttribute('aria-expanded')).toBe('true')
  const log = trygg.getByTestId('status-log')
  expect(await log.textContent()).toContain('Ingen oppføringer ennå.')
  expect(await log.getByTestId('status-date').inputValue()).toBe(await localDate(0))

  // Empty, then too long: a clear message each time, and the text stays.
  await log.getByTestId('status-add').click()
  await expect.poll(() => log.getByTestId('status-text-error').textContent(), { timeout: 10000 }).toBe('Skriv kort hva som skjedde.')
  const long = 'x'.repeat(501)
  await log.getByTestId('status-text').fill(long)
  expect(await log.textContent()).toContain('501 av 500 tegn')
  await log.getByTestId('status-add').click()
  await expect.poll(() => log.getByTestId('status-text-error').textContent(), { timeout: 10000 }).toContain('for lang')
  expect(await log.getByTestId('status-text').inputValue()).toBe(long)
  expect(await log.getByTestId('status-text').evaluate((el) => el === document.activeElement)).toBe(true)
  await expectAxeClean('the status log with an error')

  const add = async (kind: string, text: string) => {
    expect(await log.getByTestId('status-kind').inputValue()).toBe(kind)
    await log.getByTestId('status-text').fill(text)
    await log.getByTestId('status-add').click()
    await expect.poll(() => log.getByTestId('status-entries').locator(`li[data-kind=${kind}]`).count(), { timeout: 10000 }).toBe(1)
    expect(await log.getByTestId('status-text').inputValue()).toBe('')
  }
  await add('recommendation', 'Ungdomsrådet anbefaler gratis buss')
  expect(await trygg.getByTestId('library-latest').textContent()).toContain('Siste status: Anbefaling')
  expect(await reminder(TRYGG).getAttribute('data-reminder')).toBe('soon')
  await add('decision', 'Kommunestyret vedtok busskort for alle under 20')
  expect(await trygg.getByTestId('library-latest').textContent()).toContain('Siste status: Vedtak')
  await add('fedBack', 'Fortalt i ungdomsrådet og på skolens side')
  await expect.poll(() => reminder(TRYGG).textContent(), { timeout: 10000 }).toBe('Ungdommene har fått tilbakemelding')
  expect(await reminder(TRYGG).getAttribute('data-reminder')).toBe('done')
  await page.getByTestId('library-due').check()
  await expect.poll(cardTitles).toEqual([])
  await page.getByTestId('library-due').uncheck()
  await expectAxeClean('the status log with three entries')

  // Removing asks first; the reminder comes back.
  let question = ''
  page.once('dialog', (d) => {
    question = d.message()
    void d.accept()
  })
  await log.getByRole('button', { name: /^Fjern: Tilbakemeldt til ungdommene/ }).click()
  await expect.poll(() => reminder(TRYGG).getAttribute('data-reminder'), { timeout: 10000 }).toBe('soon')
  expect(question).toContain('Tilbakemeldt til ungdommene')

  // Everything is stored: after a reload the log is still there.
  await page.reload()
  await card(TRYGG).getByTestId('library-log-toggle').click()
  await expect.poll(() => card(TRYGG).getByTestId('status-entries').locator('li').count(), { timeout: 10000 }).toBe(2)
  expect(await card(TRYGG).getByTestId('library-latest').textContent()).toContain('Siste status: Vedtak')
})

test('duplicate makes a new, empty workshop with the same template and the contract as a draft', async () => {
  await card(TRYGG).getByTestId('library-duplicate').click()
  await expect.poll(() => page.getByTestId('library-message').textContent(), { timeout: 20000 }).toBe(`Kopien «${COPY}» er laget, med samme mal og uten lapper.`)
  await expect.poll(cardTitles).toEqual([COPY, SKOLEVEI, TRYGG])
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10000 }).toBe(COPY)
  const copy = card(COPY)
  await expect.poll(() => copy.getByTestId('library-card-status').textContent(), { timeout: 10000 }).toBe('Ikke startet')
  expect(await copy.getByTestId('library-card-template').textContent()).toBe('Mal: Prioriter med prikker')
  expect(await copy.getByTestId('library-card-notes').textContent()).toBe('Ingen lapper')
  expect(await copy.getByTestId('library-latest').textContent()).toBe('Ingen status ført ennå')
  // The original is untouched.
  expect(await card(TRYGG).getByTestId('library-card-notes').textContent()).toBe('1 lapp')

  await copy.getByRole('link', { name: COPY }).click()
  await expect.poll(() => page.getByTestId('template-select').inputValue(), { timeout: 10000 }).toBe('prioriter-med-prikker')
  await expect.poll(() => page.getByTestId('contract-question').inputValue(), { timeout: 10000 }).toBe('Hva skal fritidsmidlene brukes på?')
  expect(await page.getByTestId('contract-decisionOwner').inputValue()).toBe('Kommunestyret')
  expect(await page.getByTestId('note').count()).toBe(0)
})

test('delete asks first, naming the workshop; cancel keeps it, confirm removes it', async () => {
  await page.goto(server.url)
  await expect.poll(cardTitles).toEqual([COPY, SKOLEVEI, TRYGG])
  let question = ''
  page.once('dialog', (d) => {
    question = d.message()
    void d.dismiss()
  })
  await card(COPY).getByRole('button', { name: `Slett: ${COPY}` }).click()
  await expect.poll(() => question, { timeout: 10000 }).toContain(`«${COPY}»`)
  expect(await cardTitles()).toEqual([COPY, SKOLEVEI, TRYGG])

  page.once('dialog', (d) => void d.accept())
  await card(COPY).getByRole('button', { name: `Slett: ${COPY}` }).click()
  await expect.poll(cardTitles).toEqual([SKOLEVEI, TRYGG])
  expect(await page.getByTestId('library-message').textContent()).toBe('Verkstedet er slettet fra denne enheten.')
})

test('past the feedback date the reminder says overdue, in both languages', async () => {
  const later = await page.evaluate(() => Date.now() + 10 * 86_400_000)
  await page.clock.setFixedTime(later)
  await page.goto(server.url)
  await expect.poll(() => reminder(TRYGG).textContent(), { timeout: 10000 }).toContain('Tilbakemeldingen til ungdommene er 7 dager på overtid')
  expect(await reminder(TRYGG).getAttribute('data-reminder')).toBe('overdue')
  await page.getByTestId('library-due').check()
  await expect.poll(cardTitles).toEqual([TRYGG])

  await page.locator('.lang-switch select').selectOption('en')
  await expect.poll(() => reminder(TRYGG).textContent(), { timeout: 10000 }).toContain('Feedback to the youth is 7 days overdue')
  expect(await page.getByTestId('library-storage').textContent()).toMatch(/^Medvirk uses .+ of .+ on this device\.$/)
  await expectAxeClean('the library in English')
  await page.locator('.lang-switch select').selectOption('nb')
  expect(fac.errors).toEqual([])
})
