/**
 * The planner's summary as a Word document (.docx), made on the device with the `docx` library.
 * Pure: a Summary in, bytes out, no DOM, no network; it only draws the model of
 * domain/summary.ts, which has already applied every privacy rule.
 *
 * Decisions worth knowing:
 * - Headings use Word's own styles, as the Markdown does with #: the title is Heading 1, sections
 *   Heading 2, sub-headings Heading 3 and 4. So the navigation pane, a table of contents and
 *   screen readers work, and a municipality's template restyles the document when pasted in.
 * - Bullet lists and rankings 1, 2, 3 … are real Word lists. A ranking with ties (1, 2, 2, 4)
 *   cannot be a Word list, so its numbers are written out, with the same hanging indent.
 * - Tables have a header row that Word repeats on every page, and rows that never split.
 * - The language (nb-NO, nn-NO, en-GB) is set on the document's default text, which is what Word
 *   uses for spelling and what screen readers read; it is also written to the core properties
 *   (dc:language) next to the title, which docx has no option for, so that file is written here.
 * - The text keeps every character, emoji included: Word falls back to a font that has it.
 * - The creation date is the only thing read from a clock; pass `date` for identical bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ILevelsOptions,
} from 'docx'
import type { Block, Summary, SummarySection } from '../domain/summary.ts'
import { tr, type SummaryLocale } from '../domain/summaryTexts.ts'

export interface DocxOptions {
  /** The document's creation date in its core properties. Default: now. */
  date?: Date
}

/** Word's language tags for the document's text. */
export const DOCX_LANGUAGE: Readonly<Record<SummaryLocale, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' }

const INK = '1D2528'
const MUTED = '56666C'
const ACCENT = '1F4E5F'
const RULE = 'C5D3D8'
const HEADER_FILL = 'E6EEF1'

// A4 in twentieths of a point, with 2.2 cm margins.
const PAGE_WIDTH = 11906
const PAGE_HEIGHT = 16838
const MARGIN = 1247
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

const pt = (n: number) => Math.round(n * 2) // half-points, for font sizes

/** Line endings normalised, lines trimmed, blank lines dropped. */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .filter((l) => l !== '')
}

const oneLine = (text: string) => lines(text).join(' ')

/** A text's lines as runs, joined by line breaks (Shift+Enter), so a list item stays one item. */
function runs(text: string, style: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return lines(text).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), ...style }))
}

// ---------------------------------------------------------------------------------------------
// Lists

const BULLETS = 'summary-bullets'
const RANKS = 'summary-ranks'
const LIST_INDENT = { left: 480, hanging: 300 }

const bulletLevels: ILevelsOptions[] = [
  { level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: LIST_INDENT }, run: { color: ACCENT } } },
]
const rankLevels: ILevelsOptions[] = [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: LIST_INDENT } } }]

function list(b: Extract<Block, { kind: 'list' }>, instance: number): Paragraph[] {
  const numbers = b.numbers
  const spacing = (i: number) => ({ after: i === b.items.length - 1 ? 160 : 40 })
  if (!numbers) return b.items.map((item, i) => new Paragraph({ children: runs(item), numbering: { reference: BULLETS, level: 0 }, spacing: spacing(i) }))
  if (numbers.every((n, i) => n === i + 1)) {
    return b.items.map((item, i) => new Paragraph({ children: runs(item), numbering: { reference: RANKS, level: 0, instance }, spacing: spacing(i) }))
  }
  // Ties share a number: written out, with a tab to the same hanging indent as a Word list.
  return b.items.map(
    (item, i) =>
      new Paragraph({
        children: [new TextRun(`${numbers[i] ?? i + 1}.\t`), ...runs(item)],
        indent: LIST_INDENT,
        tabStops: [{ type: TabStopType.LEFT, position: LIST_INDENT.left }],
        spacing: spacing(i),
      }),
  )
}

// ---------------------------------------------------------------------------------------------
// Tables

const line = { style: BorderStyle.SINGLE, size: 4, color: RULE }
const none = { style: BorderStyle.NONE, size: 0, color: 'auto' }
const CELL_MARGINS = { top: 50, bottom: 50, left: 90, right: 90 }
const NUMERIC = /^[\d\s.,:%+−–-]+$/


/**
 * Column widths in twips, as browsers lay out automatic tables (the same rule as the PDF): each
 * column gets at least its longest word, and the width left over goes to the columns by how much
 * more their longest line wants, up to about 40 characters. The widest takes any rounding.
 */
function columnWidths(cols: readonly (readonly string[])[], total: number, charWidth: number): number[] {
  const padding = CELL_MARGINS.left + CELL_MARGINS.right + 40
  const lengths = (cells: readonly string[], split: RegExp) => Math.max(3, ...cells.flatMap((c) => lines(c).join('\n').split(split).map((w) => w.length)))
  // Header words are bold, and a word must not break: a little more room for both.
  const min = cols.map(([head = '', ...body]) => Math.min(Math.max(lengths([head], /\s+/) * 1.3, lengths(body, /\s+/) * 1.15), 30) * charWidth + padding)
  const max = cols.map((cells, c) => Math.max(Math.min(lengths(cells, /\n/), 40) * charWidth + padding, min[c] ?? 0))
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0)
  const share = sum(max) <= total ? 1 : sum(min) >= total ? 0 : (total - sum(min)) / (sum(max) - sum(min))
  const fitted = min.map((w, c) => w + ((max[c] ?? w) - w) * share)
  const scaled = fitted.map((w) => Math.floor(w * Math.min(1, total / sum(fitted))))
  const widest = scaled.indexOf(Math.max(...scaled))
  return scaled.map((w, c) => (c === widest ? w + total - sum(scaled) : w))
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const width = Math.max(header.length, ...rows.map((r) => r.length), 1)
  const cols = Array.from({ length: width }, (_, c) => [header[c] ?? '', ...rows.map((r) => r[c] ?? '')])
  // Wide tables (the matrix's efforts) are set a size smaller.
  const small = width >= 6
  const widths = columnWidths(cols, TEXT_WIDTH, small ? 85 : 95)
  const numeric = cols.map((cells) => {
    const body = cells.slice(1).filter((s) => s.trim() !== '')
    return body.length > 0 && body.every((s) => NUMERIC.test(s.trim()))
  })
  const cell = (text: string, c: number, head: boolean) =>
    new TableCell({
      width: { size: widths[c] ?? 0, type: WidthType.DXA },
      margins: CELL_MARGINS,
      ...(head ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
      children: [
        new Paragraph({
          alignment: numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { after: 0 },
          children: runs(text, head ? { bold: true, color: ACCENT, size: pt(small ? 8.5 : 9) } : { size: pt(small ? 8.5 : 9.5) }),
        }),
      ],
    })
  const tableRows = [
    ...(header.length > 0 ? [new TableRow({ tableHeader: true, cantSplit: true, children: Array.from({ length: width }, (_, c) => cell(header[c] ?? '', c, true)) })] : []),
    ...rows.map((r) => new TableRow({ cantSplit: true, children: Array.from({ length: width }, (_, c) => cell(r[c] ?? '', c, false)) })),
  ]
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: none, left: none, right: none, bottom: line, insideVertical: none, insideHorizontal: line },
    rows: tableRows,
  })
}

const LABEL_WIDTH = 3200

function facts(items: readonly { label: string; value: string }[]): Table {
  const widths = [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH]
  const cell = (children: TextRun[], c: number) =>
    new TableCell({ width: { size: widths[c] ?? 0, type: WidthType.DXA }, margins: { ...CELL_MARGINS, left: c === 0 ? 0 : 180 }, children: [new Paragraph({ spacing: { after: 0 }, children })] })
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: none, left: none, right: none, bottom: none, insideVertical: none, insideHorizontal: line },
    rows: items.map((f) => new TableRow({ cantSplit: true, children: [cell(runs(oneLine(f.label), { bold: true, color: MUTED, size: pt(9.5) }), 0), cell(runs(f.value, { size: pt(9.5) }), 1)] })),
  })
}

/** Word puts two tables in a row together; an empty paragraph keeps them apart and gives air after one. */
const gap = () => new Paragraph({ spacing: { after: 120 }, children: [] })

// ---------------------------------------------------------------------------------------------
// Blocks and sections

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const

function heading(text: string, level: keyof typeof HEADINGS): Paragraph {
  return new Paragraph({ heading: HEADINGS[level], children: [new TextRun(oneLine(text))] })
}

function blocks(bs: readonly Block[], counter: { lists: number }): (Paragraph | Table)[] {
  return bs.flatMap((b): (Paragraph | Table)[] => {
    switch (b.kind) {
      case 'heading':
        return [heading(b.text, b.level === 1 ? 3 : 4)]
      case 'paragraph':
        return lines(b.text).length > 0 ? [new Paragraph({ children: runs(b.text) })] : []
      case 'list':
        return list(b, ++counter.lists)
      case 'table':
        return [table(b.header, b.rows), gap()]
      case 'facts':
        return b.items.length > 0 ? [facts(b.items), gap()] : []
    }
  })
}

function sectionContent(s: SummarySection, first: boolean, counter: { lists: number }): (Paragraph | Table)[] {
  return [heading(s.heading, first ? 1 : 2), ...blocks(s.blocks, counter)]
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** docProps/core.xml with the language, which docx's own core properties leave out. */
function coreXml(title: string, subject: string, language: string, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(title)}</dc:title>`,
    `<dc:subject>${escapeXml(subject)}</dc:subject>`,
    '<dc:creator>Medvirk</dc:creator>',
    `<dc:language>${escapeXml(language)}</dc:language>`,
    '<cp:lastModifiedBy>Medvirk</cp:lastModifiedBy>',
    '<cp:revision>1</cp:revision>',
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('')
}

/** The docx Document for a summary. Exported for tests. */
export function docxDocument(summary: Summary): Document {
  const title = oneLine(summary.title)
  const language = DOCX_LANGUAGE[summary.locale]
  const counter = { lists: 0 }
  const children = summary.sections.flatMap((s, i) => sectionContent(s, i === 0, counter))
  // The outline level is what the navigation pane reads, whatever the style is called.
  const headingStyle = (outlineLevel: number, size: number, color: string, before: number, after: number) => ({
    run: { font: 'Calibri', size: pt(size), bold: true, color },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel },
  })
  return new Document({
    title,
    subject: tr(summary.length === 'short' ? 'version.short' : 'version.full', summary.locale),
    creator: 'Medvirk',
    lastModifiedBy: 'Medvirk',
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: pt(10.5), color: INK, language: { value: language } }, paragraph: { spacing: { after: 120, line: 276 } } },
        heading1: headingStyle(0, 20, ACCENT, 0, 240),
        heading2: headingStyle(1, 14, ACCENT, 360, 120),
        heading3: headingStyle(2, 11.5, INK, 240, 80),
        heading4: headingStyle(3, 10.5, MUTED, 200, 60),
      },
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: bulletLevels },
        { reference: RANKS, levels: rankLevels },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE_WIDTH, height: PAGE_HEIGHT }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, footer: 600 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
                children: [new TextRun({ text: title, size: pt(8), color: MUTED }), new TextRun({ children: ['\t', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: pt(8), color: MUTED })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
}

/** The summary as a .docx file. */
export async function toDocx(summary: Summary, options: DocxOptions = {}): Promise<Uint8Array> {
  const doc = docxDocument(summary)
  const core = coreXml(oneLine(summary.title), tr(summary.length === 'short' ? 'version.short' : 'version.full', summary.locale), DOCX_LANGUAGE[summary.locale], options.date ?? new Date())
  return Packer.pack(doc, 'uint8array', false, [{ path: 'docProps/core.xml', data: core }])
}
