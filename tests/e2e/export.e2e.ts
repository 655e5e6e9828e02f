/**
 * Export and session archives (issue 6), in real Chromium. A facilitator (tablet) and two
 * participants (phones) run template A briefly — notes (one naming a person and a phone number),
 * two groups, a dot vote with three voters (order only) — and end it. On the export screen the
 * facilitator redacts the flagged note, fills the municipality and the participant count, and
 * downloads every format: Markdown (nb, full and short), PDF (nn, read with pdftotext), Word (en,
 * unzipped), the notes CSV (parsed back) and the archive. axe on the export screen.
 *
 * A planner on a fresh device reads the archives in on the home screen: one exported mid-session
 * (outcome "created": the same notes as the facilitator had then), then the final one ("merged":
 * the later note arrives, nothing is lost, the board and the summary preview equal the
 * facilitator's), the same file again ("unchanged") and a truncated copy ("refused", nothing
 * changed). axe on the home screen (library + import result) and on the planner's export screen.
 *
 * The planner's browser talks to a server of its own (another origin and signaling room set), as
 * a planner's office machine would: otherwise the imported session would join the live room over
 * WebRTC and a "merge" could be the network's doing rather than the archive's.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { parse } from 'csv/sync'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Download, Page } from 'playwright-core'
import { addNote, closeAll, formatViolations, gotoStep, joinByCode, noteTexts, openDevice, PHONE, runAxe, startApp, startSession, waitForNote, type Device } from '../support/browser.ts'
import { tr, type SummaryLocale, type TextKey } from '../../src/domain/summaryTexts.ts'
import type { RunningServer } from '../../src/server/server.ts'

const PDFTOTEXT = '/usr/bin/pdftotext'
const TITLE = 'Ungdomsrådet i Vik'
const MUNICIPALITY = 'Sogndal'
const PII = 'Kari Nordmann på 912 34 567 sa at bussen er for dyr'
const REDACTED = 'En elev sa at bussen er for dyr'
const MEETING = 'Flere møteplasser som er gratis'
const LONELY = 'Hjelp med ensomhet'
const BUS = 'Gratis buss til fritidsklubben'
const GROUP_MEET = 'Møteplasser'
const GROUP_HEALTH = 'Psykisk helse'

let server: RunningServer
/** The planner's own server: a different origin and signaling, so no live sync with the room. */
let office: RunningServer
let fac: Device
let planner: Device | undefined
const ps: Device[] = []
const dir = mkdtempSync(join(tmpdir(), 'medvirk-export-e2e-'))

beforeAll(async () => {
  ;[server, office] = await Promise.all([startApp(), startApp()])
  fac = await openDevice()
  for (let i = 0; i < 2; i++) ps.push(await openDevice({ viewport: PHONE }))
})
afterAll(async () => {
  await closeAll([fac, ...ps, planner], [server, office])
  rmSync(dir, { recursive: true, force: true })
})

const stepOf = (page: Page) => page.locator('[data-testid=step-panel]').getAttribute('data-step')
/** The facilitator jumps to a step from the agenda; every participant follows. */
async function toStep(stepId: string) {
  await gotoStep(fac.page, stepId)
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 15000 }).toBe(stepId)
}

async function expectAxeClean(page: Page, what: string) {
  const violations = await runAxe(page)
  expect(violations, `axe violations on ${what}:\n${formatViolations(violations)}`).toEqual([])
}

/** Clicks a download button on the export screen; returns the file's name and where Playwright saved it. */
async function fetchFile(page: Page, testId: string): Promise<{ name: string; path: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.getByTestId(testId).click()])
  const path = await download.path()
  await expect.poll(() => page.getByTestId('export-status').getAttribute('data-state')).toBe('done')
  return { name: download.suggestedFilename(), path, download }
}

async function openExport(page: Page) {
  await page.getByTestId('export-open').click()
  await page.getByTestId('export-screen').waitFor()
  await page.getByTestId('summary-preview').waitFor()
}

async function backToBoard(page: Page) {
  await page.getByTestId('export-screen').getByRole('link').first().click()
  await page.getByTestId('workshop-title').waitFor()
}

/** Whitespace removed: pdftotext's line wrapping and column layout do not matter. */
const squash = (s: string) => s.replace(/\s+/g, '')
const headings = (keys: TextKey[], locale: SummaryLocale) => keys.map((k) => tr(k, locale))
const FULL_SECTIONS: TextKey[] = ['section.mandate', 'section.participants', 'section.knowledge', 'section.results', 'section.equity', 'section.actionPlan', 'section.evaluation', 'section.statusLog', 'notes.heading']

/** The paragraphs' text of word/document.xml, runs joined. */
function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array())
  const decode = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '')
  return [...xml.matchAll(/<w:p(?=[ >])[\s\S]*?<\/w:p>/g)].map(([p]) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join(''))
}

let workshopId = ''
let archiveEarly = ''
let archiveFinal = ''
let notesEarly: string[] = []
let notesFinal: string[] = []
let previewFinal = ''

test('a facilitator ends a session, redacts a note and downloads every format', async () => {
  // --- the session: template A, two participants, notes, groups, a dot vote, the end
  await fac.page.goto(server.url)
  await fac.page.getByTestId('create-title').fill(TITLE)
  await fac.page.getByTestId('create-submit').click()
  await fac.page.getByTestId('join-code-display').waitFor()
  const code = (await fac.page.getByTestId('join-code-display').getAttribute('data-code')) ?? ''
  workshopId = new URL(fac.page.url()).pathname.split('/').pop() ?? ''
  await fac.page.getByTestId('template-select').selectOption('a-velg-innsatsomrade')
  await fac.page.getByTestId('setup').getByText('Likhetspause').waitFor()
  for (const p of ps) await joinByCode(p.page, server.url, code)
  await startSession(fac.page, { owner: 'Styringsgruppa for folkehelse', feedbackDate: '2099-04-01' })
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 20000 }).toBe('welcome')
  await toStep('ideas')
  await addNote(ps[0]!.page, PII)
  await addNote(ps[1]!.page, MEETING)
  await addNote(fac.page, LONELY)
  await fac.page.getByTestId('console-reveal').click()
  for (const text of [PII, MEETING, LONELY]) await waitForNote(fac.page, text)
  notesEarly = await noteTexts(fac.page)
  expect(notesEarly).toEqual([PII, MEETING, LONELY].sort())

  // an archive in the middle of the session: what a planner's device may already hold
  await openExport(fac.page)
  const early = await fetchFile(fac.page, 'export-archive')
  expect(early.name).toMatch(/\.json$/)
  archiveEarly = join(dir, 'early.json')
  await early.download.saveAs(archiveEarly)
  await backToBoard(fac.page)

  await addNote(ps[1]!.page, BUS)
  await waitForNote(fac.page, BUS)
  await toStep('group')
  for (const name of [GROUP_MEET, GROUP_HEALTH]) {
    await fac.page.getByTestId('cluster-name').fill(name)
    await fac.page.getByTestId('cluster-add').click()
  }
  const clusterOf = (text: string) => fac.page.getByTestId('note').filter({ hasText: text }).getByTestId('note-cluster')
  await expect.poll(() => clusterOf(MEETING).locator('option').count()).toBe(3)
  await clusterOf(MEETING).selectOption({ label: GROUP_MEET })
  await clusterOf(LONELY).selectOption({ label: GROUP_HEALTH })

  await toStep('vote')
  await fac.page.getByTestId('vote-open').click()
  for (const [i, p] of ps.entries()) {
    await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
    const opt = p.page.getByTestId('ballot-option').filter({ hasText: i === 0 ? GROUP_MEET : GROUP_HEALTH })
    for (let k = 0; k < 3; k++) await opt.getByTestId('dot-add').click()
    await p.page.getByTestId('vote-send').click()
    await p.page.getByTestId('vote-sent').waitFor()
  }
  // the third voter: pass-the-tablet on the facilitator's device
  await fac.page.getByTestId('pass-tablet').click()
  await fac.page.getByTestId('pass-start').click()
  await fac.page.getByTestId('ballot-option').filter({ hasText: GROUP_MEET }).getByTestId('dot-add').click()
  await fac.page.getByTestId('pass-send').click()
  await fac.page.getByTestId('pass-thanks').waitFor()
  await fac.page.getByRole('button', { name: 'Ferdig med å sende rundt' }).click()
  await expect.poll(() => fac.page.getByTestId('vote-close').textContent(), { timeout: 10000 }).toContain('3')
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  for (const p of ps) await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })

  await toStep('evaluation')
  await fac.page.getByTestId('console-next').click()
  await fac.page.getByTestId('console-next-confirm').click()
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 15000 }).toBe('ended')
  notesFinal = await noteTexts(fac.page)
  expect(notesFinal).toEqual([PII, MEETING, LONELY, BUS].sort())

  // --- the export screen: the flagged note redacted, municipality and participants filled in
  await openExport(fac.page)
  const page = fac.page
  await expect.poll(async () => Number(await page.getByTestId('export-flagged').getAttribute('data-count'))).toBeGreaterThanOrEqual(1)
  const item = page.getByTestId('redact-item').filter({ hasText: 'Kari Nordmann' })
  expect(await item.getAttribute('data-redacted')).toBe('false')
  await item.getByTestId('redact-text').fill(REDACTED)
  await item.getByTestId('redact-save').click()
  await expect.poll(() => item.getAttribute('data-redacted')).toBe('true')
  await page.getByTestId('export-municipality').fill(MUNICIPALITY)
  await page.getByTestId('export-municipality').press('Enter')
  await page.getByTestId('export-participants').fill('3')
  await page.getByTestId('export-participants').press('Enter')
  const preview = page.getByTestId('summary-preview')
  await expect.poll(() => preview.textContent()).toContain(MUNICIPALITY)
  await expect.poll(() => preview.textContent()).toContain(REDACTED)
  expect(await preview.textContent()).not.toContain('Kari Nordmann')
  await expectAxeClean(page, 'the export screen (redacted, filled in)')

  // Markdown, full, bokmål
  expect(await page.getByTestId('export-length-full').isChecked()).toBe(true)
  expect(await page.getByTestId('export-lang-nb').isChecked()).toBe(true)
  const md = await fetchFile(page, 'export-markdown')
  expect(md.name).toMatch(/^ungdomsrådet-i-vik-\d{4}-\d{2}-\d{2}-full-nb\.md$/)
  const mdText = readFileSync(md.path, 'utf8')
  for (const text of [REDACTED, MEETING, LONELY, BUS, GROUP_MEET, GROUP_HEALTH, `**${tr('header.municipality', 'nb')}:** ${MUNICIPALITY}`, tr('vote.rankOnly', 'nb'), ...headings(FULL_SECTIONS, 'nb')]) expect(mdText, text).toContain(text)
  for (const text of ['Kari Nordmann', '912 34 567']) expect(mdText).not.toContain(text)
  // three voters: the order only, no dot counts
  const rankRows = mdText.split('\n').filter((l) => /^\| \d/.test(l))
  expect(rankRows).toEqual([`| 1 | ${GROUP_MEET} |`, `| 2 | ${GROUP_HEALTH} |`])
  expect(mdText).not.toContain(tr('vote.dotsCol', 'nb'))

  // PDF, full, nynorsk
  await page.getByTestId('export-lang-nn').check()
  await expect.poll(() => preview.getAttribute('lang')).toBe('nn')
  const pdf = await fetchFile(page, 'export-pdf')
  expect(pdf.name).toMatch(/-full-nn\.pdf$/)
  const pdfText = squash(execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }))
  for (const text of [...headings([...FULL_SECTIONS, 'vote.rankOnly'], 'nn'), REDACTED, BUS, GROUP_HEALTH, MUNICIPALITY]) expect(pdfText, text).toContain(squash(text))
  for (const text of ['Kari Nordmann', '912 34 567']) expect(pdfText).not.toContain(squash(text))

  // Word, full, English
  await page.getByTestId('export-lang-en').check()
  await expect.poll(() => preview.getAttribute('lang')).toBe('en')
  const docx = await fetchFile(page, 'export-docx')
  expect(docx.name).toMatch(/-full-en\.docx$/)
  const paras = docxParagraphs(readFileSync(docx.path))
  for (const text of [...headings(FULL_SECTIONS, 'en'), REDACTED, MEETING, LONELY, BUS, GROUP_MEET, GROUP_HEALTH]) expect(paras, text).toContain(text)
  const docText = paras.join('\n')
  expect(docText).toContain(tr('vote.rankOnly', 'en'))
  expect(docText).not.toMatch(/Kari Nordmann|912 34 567/)

  // CSV of the notes: every note, voted on or not, the redacted text in place of the original
  const csv = await fetchFile(page, 'export-csv-notes')
  expect(csv.name).toMatch(/-notes\.csv$/)
  const rows = parse(readFileSync(csv.path, 'utf8'), { bom: true }) as string[][]
  expect(rows[0]).toEqual(headings(['csv.noteId', 'csv.note', 'csv.redacted', 'csv.groupId', 'csv.group'], 'en'))
  const byText = new Map(rows.slice(1).map((r) => [r[1], r]))
  expect([...byText.keys()].sort()).toEqual([REDACTED, MEETING, LONELY, BUS].sort())
  expect(byText.get(REDACTED)?.[2]).toBe(tr('csv.yes', 'en'))
  expect(byText.get(MEETING)?.[4]).toBe(GROUP_MEET)
  expect(byText.get(LONELY)?.[4]).toBe(GROUP_HEALTH)
  expect(byText.get(BUS)?.[4]).toBe(tr('notes.ungrouped', 'en'))

  // the short version fits a page
  await page.getByTestId('export-lang-nb').check()
  await page.getByTestId('export-length-short').check()
  await expect.poll(() => preview.locator('[data-section]').count()).toBe(7)
  const short = await fetchFile(page, 'export-markdown')
  expect(short.name).toMatch(/-kort-nb\.md$/)
  const shortText = readFileSync(short.path, 'utf8')
  expect(shortText.trimEnd().split('\n').length).toBeLessThanOrEqual(40)
  for (const text of [tr('short.prioritiesOrder', 'nb'), GROUP_MEET, MUNICIPALITY]) expect(shortText, text).toContain(text)
  expect(shortText).not.toContain('Kari Nordmann')

  // the archive; and the full bokmål preview the planner should see again
  const archive = await fetchFile(page, 'export-archive')
  expect(archive.name).toMatch(/\.json$/)
  archiveFinal = join(dir, 'final.json')
  await archive.download.saveAs(archiveFinal)
  await page.getByTestId('export-length-full').check()
  await expect.poll(() => preview.locator('[data-section]').count()).toBe(9)
  previewFinal = (await preview.textContent()) ?? ''
  expect(previewFinal).toContain(REDACTED)
  for (const d of [fac, ...ps]) expect(d.errors).toEqual([])
})

test('a planner reads the archives in: created, merged without loss, unchanged, a truncated file refused', async () => {
  expect(archiveFinal, 'the first test made the archives').not.toBe('')
  planner = await openDevice()
  const page = planner.page
  const result = page.getByTestId('archive-import-result')
  const outcome = () => result.getAttribute('data-outcome')
  const cards = page.getByTestId('library-card')
  await page.goto(office.url)

  // the mid-session archive on a fresh device: first a preview (a new session, signed by its
  // facilitator, what it adds), then a new workshop with the notes of that moment
  await page.getByTestId('archive-import-input').setInputFiles(archiveEarly)
  await expect.poll(outcome).toBe('preview')
  const previewBox = page.getByTestId('archive-import-preview')
  expect(await previewBox.getAttribute('data-kind')).toBe('created')
  expect(await previewBox.getAttribute('data-notes')).toBe(String(notesEarly.length))
  expect(await page.getByTestId('archive-import-signature').getAttribute('data-signature')).toBe('verified')
  expect(await page.getByTestId('archive-import-adds').textContent()).toContain('fjerner ingenting')
  expect(await cards.count()).toBe(0)
  await page.getByTestId('archive-import-confirm').click()
  await expect.poll(outcome).toBe('created')
  await expect.poll(() => result.textContent()).toContain(`«${TITLE}» er lagt til på denne enheten.`)
  await page.getByTestId('archive-import-open').click()
  await page.getByTestId('workshop-title').waitFor()
  expect(await page.getByTestId('workshop-title').textContent()).toBe(TITLE)
  expect(new URL(page.url()).pathname).toBe(`/w/${workshopId}`)
  await expect.poll(() => noteTexts(page), { timeout: 10000 }).toEqual(notesEarly)

  // the final archive into the device that has part of the session: merged, nothing lost
  await page.goto(office.url)
  await page.getByTestId('archive-import-input').setInputFiles(archiveFinal)
  await expect.poll(outcome).toBe('preview')
  expect(await page.getByTestId('archive-import-preview').getAttribute('data-kind')).toBe('merged')
  await expectAxeClean(page, 'the home screen (import preview)')
  await page.getByTestId('archive-import-confirm').click()
  await expect.poll(outcome).toBe('merged')
  await expect.poll(() => result.textContent()).toContain(`«${TITLE}» er slått sammen: 1 ny lapp.`)
  await expect.poll(() => cards.count()).toBe(1)
  await expectAxeClean(page, 'the home screen (library and import result)')
  await page.getByTestId('archive-import-open').click()
  await page.getByTestId('workshop-title').waitFor()
  await expect.poll(() => noteTexts(page), { timeout: 10000 }).toEqual(notesFinal)

  // the planner's summary (the session has ended, so the board offers the export): the same
  // priorities, redaction and meta as the facilitator's
  await page.getByTestId('export-open').click()
  await expect.poll(() => page.url()).toBe(`${office.url}/w/${workshopId}/export`)
  const preview = page.getByTestId('summary-preview')
  await preview.waitFor()
  await expect.poll(() => preview.textContent(), { timeout: 10000 }).toBe(previewFinal)
  const results = await preview.locator('[data-section=results] table').first().locator('tbody tr').allTextContents()
  expect(results).toEqual([`1${GROUP_MEET}`, `2${GROUP_HEALTH}`])
  await expectAxeClean(page, "the planner's export screen")

  // the same file again: nothing new
  await page.goto(office.url)
  await page.getByTestId('archive-import-input').setInputFiles(archiveFinal)
  await expect.poll(outcome).toBe('unchanged')
  await expect.poll(() => result.textContent()).toContain(`Ingenting nytt: alt i «${TITLE}» fantes allerede her.`)
  const notesCard = cards.first().getByTestId('library-card-notes')
  await expect.poll(() => notesCard.textContent()).toBe('4 lapper')

  // half a file: refused, named, and nothing on the device changed
  const full = readFileSync(archiveFinal, 'utf8')
  const half = join(dir, 'halv.json')
  writeFileSync(half, full.slice(0, Math.floor(full.length / 2)))
  await page.getByTestId('archive-import-input').setInputFiles(half)
  await expect.poll(outcome).toBe('refused')
  expect(await page.getByTestId('archive-import-problem').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['truncated'])
  expect(await page.getByTestId('archive-import-open').count()).toBe(0)
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))).toEqual([TITLE])
  expect(await notesCard.textContent()).toBe('4 lapper')
  await expectAxeClean(page, 'the home screen with a refused file')
  await page.goto(`${office.url}/w/${workshopId}`)
  await expect.poll(() => noteTexts(page), { timeout: 10000 }).toEqual(notesFinal)

  for (const d of [fac, ...ps, planner]) expect(d.errors).toEqual([])
})
