/**
 * The planner's summary as a designed A4 PDF, made on the device with pdfmake (pdfkit underneath)
 * and the Roboto font that pdfmake ships in its virtual file system. Pure in the way that matters:
 * a Summary in, bytes out, no DOM, no network; it only draws the model of domain/summary.ts, which
 * has already applied every privacy rule, so nothing here decides what may be shown.
 *
 * Decisions worth knowing:
 * - pdfmake's browser build (`pdfmake/build/pdfmake.js`) is used in Node too, so the tests run
 *   exactly the code a tablet runs. It and the font file are imported dynamically, as two chunks
 *   (≈1 MB and ≈0.85 MB minified), so each stays below the service worker's 2 MiB precache limit
 *   and neither is loaded before someone asks for a PDF.
 * - Roboto has Latin (æ ø å é, “ ” « » –), Greek and Cyrillic, but no emoji: pictographs are
 *   dropped here rather than printed as empty boxes. Scripts Roboto lacks (Arabic, Ge'ez …)
 *   would print as missing glyphs; the Word export keeps them, since Word falls back to a font
 *   that has them.
 * - Section headings are PDF bookmarks (the outline pane), tables repeat their header row on every
 *   page and never split a row, and a heading left alone at the foot of a page moves to the next.
 * - The creation date is the only thing read from a clock; pass `date` for identical bytes.
 */
import type { Content, ContentTable, CustomTableLayout, Node, NodeQueries, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces'
import type { Block, Summary, SummarySection } from '../domain/summary.ts'
import { tr, type SummaryLocale } from '../domain/summaryTexts.ts'

export interface PdfOptions {
  /** The document's creation date in its metadata. Default: now. */
  date?: Date
}

/** BCP 47 tags for the document's language (PDF /Lang). */
export const PDF_LANGUAGE: Readonly<Record<SummaryLocale, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' }

// The app's colours (vite.config.ts theme_color), toned for print.
const INK = '#1d2528'
const MUTED = '#56666c'
const ACCENT = '#1f4e5f'
const RULE = '#c5d3d8'
const HEADER_FILL = '#e6eef1'

const PAGE_MARGINS: [number, number, number, number] = [62, 58, 62, 64]

/** Pictographs, their joiners and variation selectors: Roboto has none of them. */
const NO_GLYPH = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0E|\uFE0F|\u20E3/gu

/** Symbols the texts use that Roboto lacks, and the nearest glyph it has (summaryTexts.ts: "anbefaling → vedtak"). */
const STAND_INS: Readonly<Record<string, string>> = { '→': '›', '⇒': '›' }
const STAND_IN = new RegExp(`[${Object.keys(STAND_INS).join('')}]`, 'gu')

/** Typed text as the PDF prints it: line endings normalised, lines trimmed, blank lines dropped, no emoji. */
export function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(STAND_IN, (c) => STAND_INS[c] ?? c)
    .replace(NO_GLYPH, '')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
}

const oneLine = (text: string) => printable(text).replace(/\n/g, ' ')

// ---------------------------------------------------------------------------------------------
// Tables

const tableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 ? 0 : i === 1 && (node.table.headerRows ?? 0) > 0 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 1 && (node.table.headerRows ?? 0) > 0 ? ACCENT : RULE),
  fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? HEADER_FILL : null),
  paddingLeft: (i) => (i === 0 ? 5 : 6),
  paddingRight: () => 6,
  paddingTop: () => 3.5,
  paddingBottom: () => 3.5,
}

const factsLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: (i) => (i === 0 ? 0 : 10),
  paddingRight: () => 0,
  paddingTop: () => 3.5,
  paddingBottom: () => 3.5,
}

const NUMERIC = /^[\d\s.,:%+−–-]+$/

const CHAR_WIDTH = 4.6 // an average Roboto character at 9 pt, a little generously
const CELL_PADDING = 12
const TEXT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2]

/**
 * Column widths in points, as browsers lay out automatic tables: each column gets at least its
 * longest word, and the width left over goes to the columns by how much more their longest line
 * wants. Text lengths stand in for measured widths, which is close enough to choose columns.
 */
function fitColumns(cols: readonly (readonly string[])[], available: number, charWidth: number, padding: number): number[] {
  const lengths = (cells: readonly string[], split: RegExp) => Math.max(3, ...cells.flatMap((c) => printable(c).split(split).map((w) => w.length)))
  // Header words are bold, and a short word must never break: a little more room for both.
  const min = cols.map(([head = '', ...body]) => Math.min(Math.max(lengths([head], /\s+/) * 1.3, lengths(body, /\s+/) * 1.15), 30) * charWidth + padding)
  // Past about 40 characters a column reads as well wrapped, so no column claims more than that.
  const max = cols.map((cells, c) => Math.max(Math.min(lengths(cells, /\n/), 40) * charWidth + padding, min[c] ?? 0))
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  if (sum(max) <= available) return max
  if (sum(min) >= available) return min.map((w) => (w * available) / sum(min))
  const share = (available - sum(min)) / (sum(max) - sum(min))
  return min.map((w, c) => w + ((max[c] ?? w) - w) * share)
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): ContentTable {
  const width = Math.max(header.length, ...rows.map((r) => r.length), 1)
  const cols = Array.from({ length: width }, (_, c) => [header[c] ?? '', ...rows.map((r) => r[c] ?? '')])
  // Wide tables (the matrix's efforts) are set a size smaller.
  const small = width >= 6
  const fitted = fitColumns(cols, TEXT_WIDTH, small ? (CHAR_WIDTH * 8) / 9 : CHAR_WIDTH, CELL_PADDING)
  // The column that wants the most takes what is left ('*'), so every table spans the text width.
  const widest = fitted.indexOf(Math.max(...fitted))
  const widths = fitted.map((w, c) => (c === widest ? '*' : Math.max(w - CELL_PADDING, 12)))
  const numeric = cols.map((cells) => {
    const body = cells.slice(1).filter((s) => s.trim() !== '')
    return body.length > 0 && body.every((s) => NUMERIC.test(s.trim()))
  })
  const cell = (text: string, c: number, head: boolean): TableCell => ({
    text: printable(text),
    style: [head ? 'tableHeader' : 'tableCell', ...(small ? ['small'] : [])],
    alignment: numeric[c] ? 'right' : 'left',
  })
  const body: TableCell[][] = [
    ...(header.length > 0 ? [Array.from({ length: width }, (_, c) => cell(header[c] ?? '', c, true))] : []),
    ...rows.map((r) => Array.from({ length: width }, (_, c) => cell(r[c] ?? '', c, false))),
  ]
  return {
    table: { headerRows: header.length > 0 ? 1 : 0, dontBreakRows: true, keepWithHeaderRows: 1, widths, body },
    layout: 'summaryTable',
    margin: [0, 2, 0, 10],
  }
}

function facts(items: readonly { label: string; value: string }[]): ContentTable {
  return {
    table: {
      dontBreakRows: true,
      widths: [150, '*'],
      body: items.map((f) => [
        { text: oneLine(f.label), style: 'factLabel' },
        { text: printable(f.value), style: 'factValue' },
      ]),
    },
    layout: 'facts',
    margin: [0, 2, 0, 10],
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks and sections

function block(b: Block): Content | null {
  switch (b.kind) {
    case 'heading':
      return { text: oneLine(b.text), style: b.level === 1 ? 'h3' : 'h4', headlineLevel: b.level + 2 }
    case 'paragraph': {
      const text = printable(b.text)
      return text ? { text, style: 'paragraph' } : null
    }
    case 'list': {
      if (b.items.length === 0) return null
      // An item of more than one line is kept on one page: half a sentence under a footer reads badly.
      const item = (text: string) => (text.length > 80 || text.includes('\n') ? { stack: [text], unbreakable: true } : { text })
      if (b.numbers) return { ol: b.items.map((x, i) => ({ ...item(printable(x)), counter: b.numbers?.[i] ?? i + 1 })), style: 'list', markerColor: ACCENT }
      return { ul: b.items.map((x) => item(printable(x))), style: 'list', markerColor: ACCENT }
    }
    case 'table':
      return table(b.header, b.rows)
    case 'facts':
      return b.items.length > 0 ? facts(b.items) : null
  }
}

function blocks(bs: readonly Block[]): Content[] {
  return bs.map(block).filter((c): c is Content => c !== null)
}

function titleBlock(s: SummarySection): Content[] {
  return [
    { text: oneLine(s.heading), style: 'title', headlineLevel: 1, outline: true },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 72, y2: 0, lineWidth: 3, lineColor: ACCENT }], margin: [0, 0, 0, 14] },
    // The title section's paragraphs (privacy note, the short version's date line) read as a lead.
    ...blocks(s.blocks).map((c) => (typeof c === 'object' && 'style' in c && c.style === 'paragraph' ? { ...c, style: 'lead' } : c)),
  ]
}

function section(s: SummarySection): Content[] {
  return [{ text: oneLine(s.heading), style: 'h2', headlineLevel: 2, outline: true }, ...blocks(s.blocks)]
}

/**
 * A heading that would end a page, or leave too little room under it, starts the next one
 * instead. A table's header row is placed (and reported) on the page before it moves with the
 * first body row, so a table needs room for both to be trusted.
 */
function pageBreakBefore(node: Node, nodes: NodeQueries): boolean {
  if (node.headlineLevel === undefined || node.headlineLevel < 2) return false
  const room = node.startPosition.pageInnerHeight * (1 - node.startPosition.verticalRatio)
  const next = nodes.getFollowingNodesOnPage()[0]
  if (!next) return nodes.getNodesOnNextPage().length > 0
  return room < (next.table ? 110 : next.headlineLevel !== undefined ? 80 : 45)
}

/** The pdfmake document for a summary, before any font or file is touched. Exported for tests. */
export function pdfDefinition(summary: Summary, options: PdfOptions = {}): TDocumentDefinitions {
  const [first, ...rest] = summary.sections
  const title = oneLine(summary.title)
  const short = summary.length === 'short'
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    language: PDF_LANGUAGE[summary.locale],
    displayTitle: true,
    info: {
      title,
      subject: tr(short ? 'version.short' : 'version.full', summary.locale),
      creator: 'Medvirk',
      producer: 'Medvirk (pdfmake)',
      creationDate: options.date ?? new Date(),
    },
    content: [...(first ? titleBlock(first) : [{ text: title, style: 'title' }]), ...rest.flatMap(section)],
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGINS[0], 22, PAGE_MARGINS[2], 0],
      columns: [
        { text: title, style: 'footer', width: '*' },
        { text: `${currentPage} / ${pageCount}`, style: 'footer', alignment: 'right', width: 'auto' },
      ],
    }),
    pageBreakBefore,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.3, color: INK },
    styles: {
      title: { fontSize: 21, bold: true, color: ACCENT, lineHeight: 1.15, margin: [0, 0, 0, 8] },
      h2: { fontSize: 13.5, bold: true, color: ACCENT, lineHeight: 1.2, margin: [0, short ? 10 : 18, 0, short ? 3 : 6] },
      h3: { fontSize: 11, bold: true, color: INK, lineHeight: 1.2, margin: [0, 8, 0, 4] },
      h4: { fontSize: 10, bold: true, color: MUTED, lineHeight: 1.2, margin: [0, 6, 0, 3] },
      paragraph: { margin: [0, 0, 0, 7] },
      lead: { color: MUTED, margin: [0, 0, 0, 7] },
      list: { margin: [0, 0, 0, 8] },
      tableHeader: { fontSize: 8.5, bold: true, color: ACCENT, lineHeight: 1.2 },
      tableCell: { fontSize: 9, lineHeight: 1.25 },
      small: { fontSize: 8 },
      factLabel: { fontSize: 9.5, bold: true, color: MUTED, lineHeight: 1.25 },
      factValue: { fontSize: 9.5, lineHeight: 1.25 },
      footer: { fontSize: 8, color: MUTED },
    },
  }
}

interface PdfMake {
  addVirtualFileSystem(vfs: Record<string, string>): void
  addTableLayouts(layouts: Record<string, CustomTableLayout>): void
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> }
}

let loaded: Promise<PdfMake> | null = null

/** pdfmake and its Roboto, loaded once (a CommonJS bundle: the module is its `default` once imported). */
function load(): Promise<PdfMake> {
  loaded ??= Promise.all([import('pdfmake/build/pdfmake.js'), import('pdfmake/build/vfs_fonts.js')]).then(([lib, fonts]) => {
    const pdfMake = ((lib as { default?: unknown }).default ?? lib) as PdfMake
    const vfs = ((fonts as { default?: unknown }).default ?? fonts) as Record<string, string>
    pdfMake.addVirtualFileSystem(vfs)
    pdfMake.addTableLayouts({ summaryTable: tableLayout, facts: factsLayout })
    return pdfMake
  })
  return loaded
}

/** The summary as a PDF file. */
export async function toPdf(summary: Summary, options: PdfOptions = {}): Promise<Uint8Array> {
  const pdfMake = await load()
  const buffer = await pdfMake.createPdf(pdfDefinition(summary, options)).getBuffer()
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
