import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { summary, type Summary } from '../domain/summary.ts'
import { A_REDACTED, fixtureA, fixtureB, fixtureC, fixtureEmpty } from '../domain/summaryFixtures.ts'
import { SUMMARY_LOCALES, tr } from '../domain/summaryTexts.ts'
import { results, tally, type Ballot } from '../domain/voting.ts'
import { DOCX_LANGUAGE, toDocx } from './summaryDocx.ts'

const DATE = new Date(Date.UTC(2099, 0, 20, 12))

interface Para {
  style: string | null
  /** Runs joined; a line break is "\n", a tab "\t". */
  text: string
  /** In a Word list (numbering), rather than a plain paragraph. */
  listed: boolean
}

const decode = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '')

/** The paragraphs of a WordprocessingML part, in order (table cells included). */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p(?=[ >])[\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)].map((m) => (m[1] !== undefined ? decode(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n')).join(''),
    listed: p.includes('<w:numPr>'),
  }))
}

interface Unpacked {
  files: Record<string, string>
  paras: Para[]
}

async function unpack(s: Summary): Promise<Unpacked> {
  const zip = unzipSync(await toDocx(s, { date: DATE }))
  const files = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]))
  return { files, paras: paragraphs(files['word/document.xml'] ?? '') }
}

/** A typed text as the document holds it: lines trimmed, blank lines dropped, joined by breaks. */
const asPrinted = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\t/g, ' ').replace(/ {2,}/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')

function expectAllContent(s: Summary, { paras }: Unpacked, what: string) {
  const texts = new Set(paras.map((p) => p.text))
  const has = (t: string, where: string) => expect(texts.has(asPrinted(t)), `${what}: ${where}: ${JSON.stringify(t)}`).toBe(true)
  // Section headings, in order, as Word's Heading 1 (the title) and Heading 2.
  const top = paras.filter((p) => p.style === 'Heading1' || p.style === 'Heading2')
  expect(top.map((p) => [p.style, p.text])).toEqual([['Heading1', asPrinted(s.title)], ...s.sections.slice(1).map((x) => ['Heading2', asPrinted(x.heading)])])
  for (const section of s.sections) {
    for (const b of section.blocks) {
      const where = `${section.id} ${b.kind}`
      if (b.kind === 'heading') expect(paras.some((p) => p.style === (b.level === 1 ? 'Heading3' : 'Heading4') && p.text === asPrinted(b.text)), `${what}: ${where} ${b.text}`).toBe(true)
      else if (b.kind === 'paragraph') has(b.text, where)
      else if (b.kind === 'list') {
        // A ranking with ties has its numbers written out in front of the text.
        for (const [i, item] of b.items.entries()) if (!texts.has(`${b.numbers?.[i]}.\t${asPrinted(item)}`)) has(item, where)
      }
      else if (b.kind === 'table') for (const c of [...b.header, ...b.rows.flat()].filter((x) => x.trim())) has(c, where)
      else {
        for (const f of b.items) {
          has(f.label, where)
          has(f.value, where)
        }
      }
    }
  }
}

const FIXTURES = { A: fixtureA, B: fixtureB, C: fixtureC } as const
const cases = Object.keys(FIXTURES).flatMap((f) => SUMMARY_LOCALES.flatMap((locale) => (['full', 'short'] as const).map((length) => [f as keyof typeof FIXTURES, locale, length] as const)))

describe('toDocx', () => {
  test.each(cases)('fixture %s, %s, %s: every heading and every text of the model is in word/document.xml', async (f, locale, length) => {
    const s = summary(FIXTURES[f](), locale, length)
    const doc = await unpack(s)
    expectAllContent(s, doc, `${f} ${locale} ${length}`)
  })

  test('headings are Word heading styles with outline levels, so the navigation pane lists them', async () => {
    const { files, paras } = await unpack(summary(fixtureB(), 'nb', 'full'))
    const styles = files['word/styles.xml'] ?? ''
    for (const [id, level] of [
      ['Heading1', 0],
      ['Heading2', 1],
      ['Heading3', 2],
      ['Heading4', 3],
    ] as const) {
      expect(styles).toMatch(new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">.*?<w:outlineLvl w:val="${level}"/>.*?</w:style>`))
    }
    expect(paras.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['Mandat og medvirkningskontrakt', 'Deltakere', 'Kunnskapsgrunnlag', 'Resultater', 'Likhetsanalyse', 'Handlingsplan', 'Evaluering', 'Statuslogg'])
    expect(paras.some((p) => p.style === 'Heading4' && p.text === 'Oppfølgingsoppgaver')).toBe(true)
  })

  test('tables have a header row Word repeats on each page; lists are Word lists', async () => {
    const { files, paras } = await unpack(summary(fixtureA(), 'nb', 'full'))
    const xml = files['word/document.xml'] ?? ''
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t)
    const withHeader = tables.filter((t) => t.includes('<w:tblHeader/>'))
    expect(withHeader.length).toBeGreaterThanOrEqual(3) // votes, evaluation, status log; the facts tables have none
    for (const t of withHeader) expect(t.indexOf('<w:tblHeader/>')).toBeLessThan(t.indexOf('</w:tr>'))
    const rankTable = withHeader.find((t) => t.includes('>Prikker<'))
    expect(paragraphs(rankTable ?? '').map((p) => p.text)).toEqual(['Plass', 'Alternativ', 'Prikker', '1', 'Fritid for alle', '14', '2', 'Noen å snakke med', '12', '3', 'Trygt nærmiljø', '10', '4', 'Møteplasser uten krav', '3'])
    expect(paras.find((p) => p.text === A_REDACTED.redacted)?.listed).toBe(true)
    const short = await unpack(summary(fixtureA(), 'nb', 'short'))
    expect(short.paras.filter((p) => p.listed).map((p) => p.text)).toEqual(['Fritid for alle (14)', 'Noen å snakke med (12)', 'Trygt nærmiljø (10)'])
    expect(short.files['word/numbering.xml']).toContain('w:val="decimal"')
  })

  test('core properties: title and language; the text language for Word; footer with title and page numbers', async () => {
    for (const locale of SUMMARY_LOCALES) {
      const { files } = await unpack(summary(fixtureB(), locale, 'full'))
      const core = files['docProps/core.xml'] ?? ''
      expect(core).toContain('<dc:title>Likhetssjekk av «Aktivitetskort for alle»</dc:title>')
      expect(core).toContain(`<dc:language>${DOCX_LANGUAGE[locale]}</dc:language>`)
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2099-01-20T12:00:00Z</dcterms:created>')
      expect(files['word/styles.xml']).toContain(`<w:lang w:val="${DOCX_LANGUAGE[locale]}"/>`)
      const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? ''
      expect(footer).toContain('Likhetssjekk av «Aktivitetskort for alle»')
      expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/)
    }
  })

  test('Norwegian letters, quotation marks, dashes and emoji are kept as typed; XML specials are escaped', async () => {
    const input = fixtureA()
    const special = 'Kafé på Ørnes – «gratis» og “åpent” for ÆØÅ æøå <b>&</b> 🚌'
    input.notes = [...input.notes, { id: 'nA-spes-0099', text: special, createdAt: input.meta.createdAt + 3_600_000, clusterId: null }]
    input.meta.title = 'Tittel med <tegn> & «sitat»'
    const { files, paras } = await unpack(summary(input, 'nn', 'full'))
    expect(paras.some((p) => p.text === special)).toBe(true)
    expect(paras.some((p) => p.text === 'Gratis buss til aktiviteter på kveldstid 🚌')).toBe(true)
    expect(files['docProps/core.xml']).toContain('<dc:title>Tittel med &lt;tegn&gt; &amp; «sitat»</dc:title>')
  })

  test("a redacted note's original text is nowhere in the document", async () => {
    for (const locale of SUMMARY_LOCALES) {
      for (const length of ['full', 'short'] as const) {
        const { files } = await unpack(summary(fixtureA(), locale, length))
        for (const xml of Object.values(files)) {
          expect(xml).not.toContain(A_REDACTED.original)
          expect(xml).not.toContain('Kari')
        }
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
      const full = await unpack(summary(input, locale, 'full'))
      const texts = full.paras.map((p) => p.text)
      expect(texts.some((t) => t.includes(tr('vote.rankOnly', locale)))).toBe(true)
      const at = texts.indexOf(tr('vote.rank', locale))
      expect(texts.slice(at, at + 8)).toEqual([tr('vote.rank', locale), tr('vote.option', locale), '1', 'Fritid for alle', '2', 'Noen å snakke med', '3', 'Trygt nærmiljø'])
      const short = await unpack(summary(input, locale, 'short'))
      const shortTexts = short.paras.map((p) => p.text)
      expect(shortTexts).toContain(tr('short.prioritiesOrder', locale))
      expect(short.paras.filter((p) => p.listed).map((p) => p.text)).toEqual(['Fritid for alle', 'Noen å snakke med', 'Trygt nærmiljø'])
      expect(shortTexts.join('\n')).not.toMatch(/n = \d|Fritid for alle \(\d/)
    }
  })

  test('a ranking with a tie writes its numbers out (Word lists cannot repeat a number)', async () => {
    const s: Summary = { locale: 'en', length: 'short', title: 'T', privacy: { notesWithPersonalInfo: [] }, sections: [{ id: 'header', heading: 'T', blocks: [{ kind: 'list', items: ['a', 'b', 'c'], numbers: [1, 1, 3] }] }] }
    const { paras } = await unpack(s)
    expect(paras.filter((p) => /^\d\.\t/.test(p.text)).map((p) => [p.text, p.listed])).toEqual([
      ['1.\ta', false],
      ['1.\tb', false],
      ['3.\tc', false],
    ])
  })

  test('the empty session says there is nothing yet; the same input and date give the same bytes', async () => {
    for (const locale of SUMMARY_LOCALES) {
      const s = summary(fixtureEmpty(), locale, 'full')
      const { paras } = await unpack(s)
      expect(paras.map((p) => p.text)).toContain(tr('noResults.lobby', locale))
      const a = await toDocx(s, { date: DATE })
      const b = await toDocx(structuredClone(s), { date: DATE })
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    }
  })
})
