import { describe, expect, test } from 'vitest'
import { summary, type Summary, type SummaryInput } from './summary.ts'
import { A_REDACTED, SESSION_A_AT, SUMMARY_FIXTURES, fixtureA, fixtureB, fixtureEmpty } from './summaryFixtures.ts'
import { escapeInline, escapeLines, toMarkdown } from './summaryMarkdown.ts'
import { SUMMARY_LOCALES, tr } from './summaryTexts.ts'
import { results, tally, type Ballot } from './voting.ts'

const LENGTHS = ['full', 'short'] as const
const md = (input: SummaryInput, locale: 'nb' | 'nn' | 'en', length: 'full' | 'short') => toMarkdown(summary(input, locale, length))

function withVoters(spec: string[][]): SummaryInput {
  const input = fixtureA()
  const round = input.votes[0]!.round
  const ballots: Ballot[] = spec.map((ids) => {
    const dots: Record<string, number> = {}
    for (const id of ids) dots[id] = (dots[id] ?? 0) + 1
    return { method: 'dots', dots }
  })
  input.votes = [{ stepId: 'vote', round, results: results(round, tally(round, ballots)) }]
  return input
}

describe('toMarkdown', () => {
  test('the short version fits one page: at most 40 lines, for every fixture and locale', () => {
    for (const [name, make] of Object.entries(SUMMARY_FIXTURES)) {
      for (const locale of SUMMARY_LOCALES) {
        const text = md(make(), locale, 'short')
        expect(text.trimEnd().split('\n').length, `${name} ${locale}`).toBeLessThanOrEqual(40)
        expect(text.startsWith('# '), name).toBe(true)
      }
    }
  })

  test('the full version has the section headings in order', () => {
    for (const make of [SUMMARY_FIXTURES.A, SUMMARY_FIXTURES.B, SUMMARY_FIXTURES.C]) {
      for (const locale of SUMMARY_LOCALES) {
        const s = summary(make(), locale, 'full')
        const text = toMarkdown(s)
        const found = text.split('\n').filter((l) => /^#{1,2} /.test(l))
        expect(found).toEqual([`# ${escapeInline(s.title)}`, ...s.sections.slice(1).map((x) => `## ${escapeInline(x.heading)}`)])
      }
    }
  })

  test('short sections read "**Heading:** text"', () => {
    const text = md(fixtureA(), 'nb', 'short')
    expect(text).toContain('**Mandat:** Hvilke 1–2 innsatsområder for barn og unge bør kommunen prioritere i planstrategien? Avgjøres av Kommunestyret (vedtak 12. mars 2099).')
    expect(text).toContain('**Prioriteringer (stemmer, n = 14):**\n\n1. Fritid for alle (14)\n2. Noen å snakke med (12)\n3. Trygt nærmiljø (10)')
    expect(text).toContain('**Tilbakemelding til ungdommene:** Innen 1. april 2099')
  })

  test('the redacted text replaces the original everywhere', () => {
    for (const locale of SUMMARY_LOCALES) {
      for (const length of LENGTHS) {
        const text = md(fixtureA(), locale, length)
        expect(text).not.toContain(A_REDACTED.original)
        expect(text).not.toContain('Kari')
      }
      expect(md(fixtureA(), locale, 'full')).toContain(`- ${A_REDACTED.redacted}`)
    }
  })

  test('every note appears in the full version, voted on or not', () => {
    for (const make of [SUMMARY_FIXTURES.A, SUMMARY_FIXTURES.B, SUMMARY_FIXTURES.C]) {
      const input = make()
      const text = md(input, 'en', 'full')
      for (const n of input.notes) {
        const printed = Object.hasOwn(input.redactions, n.id) ? (input.redactions[n.id] as string) : n.text
        expect(text).toContain(`- ${escapeLines(printed)[0]}`)
      }
    }
  })

  test('a round with 3 voters: order only, no numbers, in both versions', () => {
    const F = 'kA-fritid-01'
    const P = 'kA-prate-002'
    const T = 'kA-trygg-003'
    const input = withVoters([
      [F, F, P],
      [F, P, T],
      [F, F, P],
    ])
    for (const locale of SUMMARY_LOCALES) {
      const full = md(input, locale, 'full')
      expect(full).toContain(tr('vote.rankOnly', locale))
      expect(full).toContain(`| ${tr('vote.rank', locale)} | ${tr('vote.option', locale)} |\n| --- | --- |\n| 1 | Fritid for alle |\n| 2 | Noen å snakke med |\n| 3 | Trygt nærmiljø |`)
      expect(full).not.toMatch(/\| (Fritid for alle|Noen å snakke med) \| \d/)
      const short = md(input, locale, 'short')
      expect(short).toContain(`**${tr('short.prioritiesOrder', locale)}:**\n\n1. Fritid for alle\n2. Noen å snakke med\n3. Trygt nærmiljø\n`)
      expect(short).not.toMatch(/n = \d/)
      expect(short).not.toMatch(/Fritid for alle \(\d/)
    }
  })

  test('the empty session says there are no results yet', () => {
    for (const locale of SUMMARY_LOCALES) {
      for (const length of LENGTHS) {
        const text = md(fixtureEmpty(), locale, length)
        expect(text).toContain(tr('noResults.lobby', locale))
        expect(text.endsWith('\n')).toBe(true)
        expect(text.endsWith('\n\n')).toBe(false)
      }
    }
  })

  test('nynorsk Markdown uses nynorsk headings', () => {
    const text = md(fixtureB(), 'nn', 'full')
    for (const h of ['## Deltakarar', '## Likskapsanalyse', '## Resultat', '### Usemje og mindretalssyn', '#### Oppfølgingsoppgåver']) expect(text).toContain(`${h}\n`)
    for (const h of ['## Deltakere', '## Likhetsanalyse', '## Resultater']) expect(text).not.toContain(`${h}\n`)
  })
})

describe('escaping what people typed', () => {
  const tricky = (text: string): SummaryInput => {
    const input = fixtureEmpty()
    input.status = 'ended'
    input.notes = [{ id: 'n-tricky-01', text, createdAt: SESSION_A_AT, clusterId: null }]
    return input
  }

  test('a note cannot forge a heading, a link, emphasis, a table or HTML', () => {
    const text = md(tricky('# Vedtak: *alt* er [godkjent](http://x.test) | <b>ja</b>'), 'nb', 'full')
    expect(text).toContain('- \\# Vedtak: \\*alt\\* er \\[godkjent\\](http://x.test) \\| \\<b\\>ja\\</b\\>')
    expect(text).not.toMatch(/^#+ Vedtak/m)
  })

  test('list markers, numbers and quote marks at the start of a note are escaped; line breaks are kept', () => {
    const text = md(tricky('1. først\n- så\n> sitat\n\n===\n&amp; mer'), 'nb', 'full')
    expect(text).toContain('- 1\\. først\\\n  \\- så\\\n  \\> sitat\\\n  \\===\\\n  \\&amp; mer')
  })

  test('line breaks in a table cell become <br>; pipes are escaped', () => {
    const input = fixtureB()
    input.equityChecks[0]!.answers['S1.1'] = { rating: 'yellow', note: 'linje én\nlinje | to' }
    expect(md(input, 'nb', 'full')).toContain('| Gul | linje én<br>linje \\| to |')
  })

  test('escapeInline keeps ordinary text as it is', () => {
    expect(escapeInline('15. januar 2099 – «Fritid for alle» (14) 🚌')).toBe('15. januar 2099 – «Fritid for alle» (14) 🚌')
    expect(escapeLines('15. januar')).toEqual(['15\\. januar'])
  })

  test('rendering is deterministic', () => {
    const s: Summary = summary(fixtureB(), 'en', 'full')
    expect(toMarkdown(s)).toBe(toMarkdown(structuredClone(s)))
  })
})
