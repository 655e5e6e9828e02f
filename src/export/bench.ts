/**
 * Timings of the PDF and Word exports for the lead's benchmark (run in Node): fixture A grown to
 * `notes` notes spread over its clusters, summarised in full in bokmål, then rendered. The median
 * of three runs after one warm-up run, which also loads the libraries and the font.
 */
import { summary, type Summary, type SummaryInput, type SummaryNote } from '../domain/summary.ts'
import { fixtureA } from '../domain/summaryFixtures.ts'
import { toDocx } from './summaryDocx.ts'
import { toPdf } from './summaryPdf.ts'

const STARTS = ['Gratis', 'Bedre', 'Flere', 'Et trygt sted for', 'Mer informasjon om', 'Lengre åpningstid for', 'Noen å snakke med om', 'Billigere']
const THINGS = ['buss på kveldstid', 'utstyr til ski og fotball', 'møteplasser uten krav', 'helsesykepleier hver dag', 'lys på gangveien', 'leksehjelp på biblioteket', 'ungdomsklubben i helgene', 'aktiviteter for nyankomne']
const TAILS = ['', ' – det gjelder særlig oss som bor i bygdene', ', fordi mange ikke har råd i dag', '. «Alle» skal kunne være med, også de som er nye her', ' og informasjon på flere språk']

/** Fixture A with `count` notes of varied text and length, in its clusters and outside them. */
export function benchInput(count = 500): SummaryInput {
  const input = fixtureA()
  const groups = [...input.clusters.map((c) => c.id), null]
  const t0 = input.meta.createdAt
  const notes: SummaryNote[] = Array.from({ length: count }, (_, i) => ({
    id: `nBench-${String(i).padStart(5, '0')}`,
    text: `${STARTS[i % STARTS.length]} ${THINGS[Math.floor(i / STARTS.length) % THINGS.length]}${TAILS[Math.floor(i / groups.length) % TAILS.length]} (${i + 1})`,
    createdAt: t0 + 60_000 + i * 1000,
    clusterId: groups[i % groups.length] ?? null,
  }))
  return { ...input, notes, redactions: {} }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

async function time(render: (s: Summary) => Promise<Uint8Array>, notes: number): Promise<number> {
  const s = summary(benchInput(notes), 'nb', 'full')
  await render(s)
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    await render(s)
    runs.push(performance.now() - start)
  }
  return Math.round(median(runs))
}

/** Milliseconds to render the full nb summary of a session with `notes` notes as PDF. */
export function exportPdfMs(notes = 500): Promise<number> {
  return time((s) => toPdf(s), notes)
}

/** Milliseconds to render the full nb summary of a session with `notes` notes as .docx. */
export function exportDocxMs(notes = 500): Promise<number> {
  return time((s) => toDocx(s), notes)
}
