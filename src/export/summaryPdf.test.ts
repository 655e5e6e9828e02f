import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { summary, type Block, type Summary } from '../domain/summary.ts'
import { A_REDACTED, fixtureA, fixtureB, fixtureC, fixtureEmpty } from '../domain/summaryFixtures.ts'
import { SUMMARY_LOCALES, tr, type SummaryLocale } from '../domain/summaryTexts.ts'
import { results, tally, type Ballot } from '../domain/voting.ts'
import { PDF_LANGUAGE, printable, toPdf } from './summaryPdf.ts'

// The PDF is read back the way a person's tools would: Debian's poppler (tests/support/ensure-chromium.sh installs it).
const PDFTOTEXT = '/usr/bin/pdftotext'
const PDFINFO = '/usr/bin/pdfinfo'
const dir = mkdtempSync(join(tmpdir(), 'medvirk-pdf-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const DATE = new Date(Date.UTC(2099, 0, 20, 12))
let files = 0

function write(bytes: Uint8Array): string {
  if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: apt-get install poppler-utils`)
  const file = join(dir, `summary-${files++}.pdf`)
  writeFileSync(file, bytes)
  return file
}

/** The PDF's file and its text as `pdftotext -layout` reads it. */
async function render(s: Summary): Promise<{ file: string; text: string }> {
  const file = write(await toPdf(s, { date: DATE }))
  return { file, text: execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) }
}

const pdfText = async (s: Summary) => (await render(s)).text

/** Whitespace removed: line wrapping and table layout then do not matter for "is this text there". */
const squash = (s: string) => printable(s).replace(/\s+/g, '')

/** Every text a block prints, as whole texts (headings, paragraphs, list items) or as cells. */
function texts(b: Block): { whole: string[]; cells: string[] } {
  switch (b.kind) {
    case 'heading':
      return { whole: [b.text], cells: [] }
    case 'paragraph':
      return { whole: [b.text], cells: [] }
    case 'list':
      return { whole: b.items, cells: [] }
    case 'table':
      return { whole: [], cells: [...b.header, ...b.rows.flat()] }
    case 'facts':
      return { whole: [], cells: b.items.flatMap((f) => [f.label, f.value]) }
  }
}

/**
 * Checks that everything the model holds is in the PDF's text: headings, paragraphs and list items
 * whole; table and fact cells word by word (a wrapped cell's lines interleave with its neighbours').
 */
function expectAllContent(s: Summary, text: string, what: string) {
  // Footers ("title … 2 / 5") are left out, so a paragraph running over a page break reads on.
  const footer = new RegExp(`^\\s*${printable(s.title).slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\d+\\s*/\\s*\\d+\\s*$`)
  const lines = text.split('\n')
  expect(lines.some((l) => footer.test(l)), `${what}: footer`).toBe(true)
  const flat = squash(lines.filter((l) => !footer.test(l)).join('\n'))
  expect(flat, `${what}: title`).toContain(squash(s.title))
  for (const section of s.sections) {
    expect(flat, `${what}: heading ${section.heading}`).toContain(squash(section.heading))
    for (const b of section.blocks) {
      const { whole, cells } = texts(b)
      for (const t of whole) expect(flat, `${what}: ${section.id} ${b.kind}`).toContain(squash(t))
      // A cell may wrap inside a word after a hyphen or a slash ("pop-|up", "barn/|unge").
      for (const word of cells.flatMap((c) => printable(c).split(/\s+|(?<=[-/–])/)).filter(Boolean)) expect(flat, `${what}: ${section.id} ${b.kind} cell`).toContain(word)
    }
  }
}

const FIXTURES = { A: fixtureA, B: fixtureB, C: fixtureC } as const
const cases = Object.keys(FIXTURES).flatMap((f) => SUMMARY_LOCALES.flatMap((locale) => (['full', 'short'] as const).map((length) => [f as keyof typeof FIXTURES, locale, length] as const)))

describe('toPdf', () => {
  test.each(cases)('fixture %s, %s, %s: every heading and every text of the model is in the PDF', async (f, locale, length) => {
    const s = summary(FIXTURES[f](), locale, length)
    const { file, text } = await render(s)
    expectAllContent(s, text, `${f} ${locale} ${length}`)
    // Every page's footer: the title and "page / pages".
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync(PDFINFO, [file], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThan(0)
    for (let page = 1; page <= pages; page++) expect(text).toMatch(new RegExp(`${printable(s.title).slice(0, 30)}.*\\s${page}\\s*/\\s*${pages}\\s*$`, 'm'))
    if (length === 'short') expect(pages, 'the short version fits one page').toBe(1)
  })

  test('Norwegian letters, quotation marks and dashes come back as themselves', async () => {
    const input = fixtureA()
    const special = 'Kafé på Ørnes – «gratis» og “åpent” for ÆØÅ æøå'
    input.notes = [...input.notes, { id: 'nA-spes-0099', text: special, createdAt: input.meta.createdAt + 3_600_000, clusterId: null }]
    for (const locale of SUMMARY_LOCALES) {
      const text = await pdfText(summary(input, locale, 'full'))
      expect(text).toContain(special)
      expect(text).toContain('Ungdomsrådet velger innsatsområde for planstrategien')
      expect(text).toContain('Sak 2099/14 – Kommunal planstrategi 2099–2103')
      expect(text).toContain('«Fritid for alle»')
    }
  })

  test('nynorsk and English PDFs have their own headings', async () => {
    const nn = await pdfText(summary(fixtureB(), 'nn', 'full'))
    for (const h of ['Deltakarar', 'Likskapsanalyse', 'Usemje og mindretalssyn', 'Oppfølgingsoppgåver']) expect(nn).toMatch(new RegExp(`^\\s*${h}\\s*$`, 'm'))
    expect(nn).not.toMatch(/^\s*Deltakere\s*$/m)
    const en = await pdfText(summary(fixtureB(), 'en', 'full'))
    for (const h of ['Participants', 'Equity analysis', 'Action plan']) expect(en).toContain(h)
  })

  test("a redacted note's original text is nowhere in the PDF", async () => {
    for (const locale of SUMMARY_LOCALES) {
      for (const length of ['full', 'short'] as const) {
        const text = await pdfText(summary(fixtureA(), locale, length))
        expect(squash(text)).not.toContain(squash(A_REDACTED.original))
        expect(text).not.toContain('Kari')
        if (length === 'full') expect(squash(text)).toContain(squash(A_REDACTED.redacted))
      }
    }
  })

  test('a round with 3 voters shows the order only: no counts, no n', async () => {
    const input = fixtureA()
    const round = input.votes[0]!.round
    const [F, P, T] = ['kA-fritid-01', 'kA-prate-002', 'kA-trygg-003']
    const ballots: Ballot[] = [
      { method: 'dots', dots: { [F]: 2, [P]: 1 } },
      { method: 'dots', dots: { [F]: 1, [P]: 1, [T]: 1 } },
      { method: 'dots', dots: { [F]: 2, [P]: 1 } },
    ]
    input.votes = [{ stepId: 'vote', round, results: results(round, tally(round, ballots)) }]
    for (const locale of SUMMARY_LOCALES) {
      const full = await pdfText(summary(input, locale, 'full'))
      expect(squash(full)).toContain(squash(tr('vote.rankOnly', locale)))
      for (const option of ['Fritid for alle', 'Noen å snakke med', 'Trygt nærmiljø']) {
        expect(full).toMatch(new RegExp(`^\\s*\\d\\s+${option}\\s*$`, 'm'))
        expect(full).not.toMatch(new RegExp(`${option}[ \\t]+\\(?\\d`))
      }
      const short = await pdfText(summary(input, locale, 'short'))
      expect(short).toContain(tr('short.prioritiesOrder', locale))
      expect(short).not.toMatch(/n = \d/)
      expect(short).toMatch(/^\s*1\.\s+Fritid for alle\s*$/m)
      expect(short).not.toMatch(/Fritid for alle \(\d/)
    }
  })

  test('the empty session gives a PDF that says there is nothing yet', async () => {
    for (const locale of SUMMARY_LOCALES) {
      const text = await pdfText(summary(fixtureEmpty(), locale, 'full'))
      expect(squash(text)).toContain(squash(tr('noResults.lobby', locale)))
    }
  })

  test('metadata: title, language, creator; Roboto embedded; same input and date give the same bytes', async () => {
    const locales: SummaryLocale[] = ['nb', 'nn', 'en']
    for (const locale of locales) {
      const s = summary(fixtureB(), locale, 'full')
      const bytes = await toPdf(s, { date: DATE })
      const info = execFileSync(PDFINFO, [write(bytes)], { encoding: 'utf8' })
      expect(info).toMatch(/^Title:\s+Likhetssjekk av «Aktivitetskort for alle»$/m)
      expect(info).toMatch(/^Creator:\s+Medvirk$/m)
      expect(info).toMatch(/^Page size:.*\(A4\)$/m)
      const raw = Buffer.from(bytes).toString('latin1')
      expect(raw).toContain(`/Lang (${PDF_LANGUAGE[locale]})`)
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/)
      expect(raw).not.toMatch(/\/BaseFont \/Helvetica/)
      expect(Buffer.from(await toPdf(s, { date: DATE })).equals(Buffer.from(bytes))).toBe(true)
    }
  })

  test('emoji are left out and arrows stand in as a glyph Roboto has, rather than printed as empty boxes', () => {
    expect(printable('anbefaling → vedtak')).toBe('anbefaling › vedtak')
    expect(printable('Gratis buss til aktiviteter på kveldstid 🚌')).toBe('Gratis buss til aktiviteter på kveldstid')
    expect(printable('Bra 👍🏽 og ❤️ ja\r\n\r\n  neste linje ')).toBe('Bra og ja\nneste linje')
  })
})
