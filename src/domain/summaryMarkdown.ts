/**
 * The planner's summary as Markdown (CommonMark with GFM tables), for pasting into a case or a
 * plan document. Pure: it only draws the model of summary.ts, which has already applied every
 * privacy rule, so nothing here decides what may be shown.
 *
 * Decisions worth knowing:
 * - Everything a person typed (notes, cluster names, plan fields) is escaped, so a note reading
 *   "# Vedtak" or "[klikk](http://…)" prints as text and cannot forge a heading or a link.
 * - Line breaks inside a text are kept as hard breaks ("\" at the end of a line), inside a table
 *   cell as "<br>" (the only HTML this writes; any "<" a person typed is escaped).
 * - The short version is meant to fit one page: its sections are "**Heading:** text" lines
 *   rather than headings.
 */
import type { Block, Summary, SummarySection } from './summary.ts'

/** Characters that mean something in Markdown anywhere in a line. */
const INLINE = /[\\`*_[\]<>|~]/g

/** Escapes one line of typed text so it renders as itself; `atLineStart` when nothing precedes it on its line. */
function escapeLine(line: string, atLineStart: boolean): string {
  const s = line.replace(INLINE, (c) => `\\${c}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  if (!atLineStart) return s
  // Only at the start of a line: headings, quotes, list markers, and setext underlines.
  const t = s.replace(/^([#>+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
  return /^=+$/.test(t) ? `\\${t}` : t
}

/**
 * Typed text as escaped lines: line endings normalised, each line trimmed, blank lines dropped (so
 * a list item stays one item). `firstAtLineStart` is false when a marker or label precedes the text.
 */
export function escapeLines(text: string, firstAtLineStart = true): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l, i) => escapeLine(l, i > 0 || firstAtLineStart))
}

/** Typed text on one line after a marker (headings, bold labels). */
export function escapeInline(text: string): string {
  return escapeLines(text, false).join(' ')
}

/** Typed text that may span lines, continued with hard breaks and the given indent. */
function escapeBlock(text: string, indent: string, atLineStart: boolean): string {
  return escapeLines(text, atLineStart).join(`\\\n${indent}`)
}

function cell(text: string): string {
  const lines = escapeLines(text, false)
  return lines.length === 0 ? ' ' : lines.join('<br>')
}

function renderTable(header: string[], rows: string[][]): string[] {
  const width = Math.max(header.length, ...rows.map((r) => r.length))
  const pad = (r: string[]) => Array.from({ length: width }, (_, i) => cell(r[i] ?? ''))
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(pad(header)), line(Array.from({ length: width }, () => '---')), ...rows.map((r) => line(pad(r)))]
}

function renderBlock(b: Block, sectionLevel: number): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(Math.min(6, sectionLevel + b.level))} ${escapeInline(b.text)}`]
    case 'paragraph':
      return [escapeBlock(b.text, '', true)]
    case 'list':
      return b.items.map((item, i) => {
        const n = b.numbers?.[i]
        const marker = n === undefined ? '-' : `${n}.`
        // A list item's text starts a line as far as Markdown is concerned: "- # x" is a heading in a list.
        return `${marker} ${escapeBlock(item, ' '.repeat(marker.length + 1), true)}`
      })
    case 'table':
      return renderTable(b.header, b.rows)
    case 'facts':
      return b.items.map((f) => `- **${escapeInline(f.label)}:** ${escapeBlock(f.value, '  ', false)}`)
  }
}

/** Blocks separated by blank lines. */
function renderBlocks(blocks: readonly Block[], sectionLevel: number): string[] {
  const out: string[] = []
  for (const b of blocks) {
    const lines = renderBlock(b, sectionLevel)
    if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) continue
    if (out.length > 0) out.push('')
    out.push(...lines)
  }
  return out
}

function renderFullSection(s: SummarySection, first: boolean): string[] {
  const head = `${first ? '#' : '##'} ${escapeInline(s.heading)}`
  const body = renderBlocks(s.blocks, first ? 1 : 2)
  return body.length > 0 ? [head, '', ...body] : [head]
}

/** "**Heading:** first paragraph", then the other blocks; the title section stays a heading. */
function renderShortSection(s: SummarySection, first: boolean): string[] {
  if (first) return renderFullSection(s, true)
  const label = `**${escapeInline(s.heading)}:**`
  const [head, ...rest] = s.blocks
  if (head?.kind === 'paragraph') {
    const tail = renderBlocks(rest, 2)
    return [`${label} ${escapeBlock(head.text, '', false)}`, ...(tail.length > 0 ? ['', ...tail] : [])]
  }
  const body = renderBlocks(s.blocks, 2)
  return body.length > 0 ? [label, '', ...body] : [label]
}

/** The summary as Markdown, ending with one newline. */
export function toMarkdown(summary: Summary): string {
  const render = summary.length === 'short' ? renderShortSection : renderFullSection
  const parts = summary.sections.map((s, i) => render(s, i === 0).join('\n'))
  return `${parts.join('\n\n')}\n`
}
