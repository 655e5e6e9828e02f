/**
 * Reading archives for comparing sessions: real archives made with the sync layer (a signed
 * template, a signed flow log with `vote.open` / `vote.close`), read back without storing them.
 *
 * Regenerate the committed compare fixtures (two sessions, used by tests/e2e/compare.e2e.ts):
 *   WRITE_COMPARE_FIXTURES=1 npx vitest run src/app/compareArchives.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import { compareSessions } from '../domain/compare.ts'
import type { InfluenceContract } from '../domain/contract.ts'
import type { FlowEvent } from '../domain/flowEvents.ts'
import { joinCodeFromBytes } from '../domain/joinCode.ts'
import type { Template } from '../domain/template.ts'
import { results, tally, type Ballot, type Results, type VoteRound, type VoteRules } from '../domain/voting.ts'
import { exportArchive } from '../sync/archiveDoc.ts'
import { appendFlowEvent, writeFacilitatorKey, writeSignedTemplate } from '../sync/flowLog.ts'
import { generateFacilitatorKeys } from '../sync/flowSigning.ts'
import { deriveRoomKeys } from '../sync/roomKeys.ts'
import { initMeta } from '../sync/sessionDoc.ts'
import { readArchiveFileForCompare, readArchiveForCompare, type CompareSessionData } from './compareArchives.ts'

const T0 = Date.UTC(2025, 2, 1, 10)
const CONTRACT: InfluenceContract = {
  question: 'Hva skal fritidsmidlene brukes til?',
  open: 'Hvilke tilbud',
  fixed: 'Budsjettet',
  decisionOwner: 'Kommunestyret',
  decisionDate: '',
  feedbackDate: '2025-06-01',
  feedbackChannel: 'Ungdomsrådet',
}
const DOTS3: VoteRules = { method: 'dots', dots: 3, capPerOption: 3, mustNot: false }
const template = (id: string): Template => BUILT_IN_TEMPLATES.find((t) => t.id === id)!

interface RoundSpec {
  step: string
  roundId: string
  labels: string[]
  rules?: VoteRules
  /** Per voter, the index of the option that gets all their dots (dots rounds) or a whole ballot. */
  ballots: (number | Ballot)[]
  /** Replace the computed results (a forged or buggy close). */
  results?: (r: Results) => Results
}

interface SessionSpec {
  title: string
  templateId: string
  createdAt: number
  rounds: RoundSpec[]
  /** Put the facilitator key in the archive (default) or leave it to the doc. */
  archiveKey?: 'own' | 'none' | 'foreign'
  /** Sign the archive with the facilitator key, as a facilitator device does. */
  sign?: boolean
}

/** A facilitated session's archive, made the way the facilitator device makes one. */
async function makeArchive(spec: SessionSpec): Promise<{ text: string; id: string }> {
  const code = joinCodeFromBytes(crypto.getRandomValues(new Uint8Array(8)))
  const id = (await deriveRoomKeys(code)).workshopId
  const keys = await generateFacilitatorKeys()
  const doc = new Y.Doc()
  initMeta(doc, spec.title, spec.createdAt)
  writeFacilitatorKey(doc, keys.publicKeySpki)
  const tpl = template(spec.templateId)
  await writeSignedTemplate(doc, id, tpl, keys.privateKey)
  let seq = 0
  let at = spec.createdAt
  let step = tpl.steps[0]!.id
  const append = async (e: FlowEvent) => {
    seq = await appendFlowEvent(doc, id, e, keys.privateKey, seq)
  }
  await append({ type: 'session.start', at: ++at, contract: CONTRACT })
  for (const r of spec.rounds) {
    if (r.step !== step) {
      await append({ type: 'step.goto', at: ++at, from: step, to: r.step })
      step = r.step
    }
    const rules = r.rules ?? DOTS3
    const round: VoteRound = { roundId: r.roundId, options: r.labels.map((label, i) => ({ id: `o${i}`, label })), rules }
    const ballots: Ballot[] = r.ballots.map((b) => (typeof b === 'number' ? { method: 'dots', dots: b < 0 ? {} : { [`o${b}`]: 3 } } : b))
    const res = results(round, tally(round, ballots))
    await append({ type: 'vote.open', at: ++at, step, round, publicKey: 'round-key' })
    await append({ type: 'vote.close', at: ++at, step, roundId: r.roundId, results: r.results ? r.results(res) : res })
  }
  let facilitatorKey: string | undefined = keys.publicKeySpki
  if (spec.archiveKey === 'none') facilitatorKey = undefined
  if (spec.archiveKey === 'foreign') facilitatorKey = (await generateFacilitatorKeys()).publicKeySpki
  const text = await exportArchive(
    doc,
    { id, title: spec.title, createdAt: spec.createdAt, code, role: 'facilitator', ...(facilitatorKey ? { facilitatorKey } : {}) },
    T0 + 3600_000,
    spec.sign ? keys.privateKey : undefined,
  )
  doc.destroy()
  return { text, id }
}

const COUNCIL: SessionSpec = {
  title: 'Ungdomsrådet: trygg fritid',
  templateId: 'a-velg-innsatsomrade',
  createdAt: T0,
  rounds: [
    // 7 voters: buss 9, hall 6, vei 3, lærling 3
    { step: 'vote', roundId: 'prioriteringer', labels: ['Gratis buss til fritidsklubben', 'Åpen hall på kvelden', 'Flere lærlingplasser', 'Trygg vei hjem'], ballots: [0, 0, 0, 1, 1, 2, 3] },
    // The closing evaluation is a vote round too, of an 'evaluation' step: never compared.
    {
      step: 'evaluation',
      roundId: 'evaluering',
      labels: ['Ble du hørt?', 'Vet du hva som skjer nå?', 'Vil du være med igjen?'],
      rules: { method: 'scale' },
      ballots: Array.from({ length: 6 }, () => ({ method: 'scale', answers: { o0: 4, o1: 3, o2: 5 } }) as Ballot),
    },
  ],
}

const POPUP: SessionSpec = {
  title: 'Pop-up på fritidsklubben',
  templateId: 'prioriter-med-prikker',
  createdAt: T0 + 7 * 86400_000,
  rounds: [
    // A trial round with two voters: nothing published.
    { step: 'vote', roundId: 'prove', labels: ['Test A', 'Test B'], ballots: [0, 1] },
    // 6 voters: hall 9, skate 6, buss 3 — labels written differently from the council's.
    { step: 'vote', roundId: 'prioriteringer-2', labels: ['åpen  hall på kvelden', 'Skatepark ved skolen', 'gratis buss til fritidsklubben '], ballots: [0, 0, 0, 1, 1, 2] },
  ],
}

const FIXTURES = {
  council: new URL('../../tests/fixtures/compare/ungdomsradet.json', import.meta.url),
  popup: new URL('../../tests/fixtures/compare/popup-fritidsklubb.json', import.meta.url),
}

async function read(text: string): Promise<CompareSessionData> {
  const r = await readArchiveForCompare(text)
  if (!r.ok) throw new Error(`not ok: ${JSON.stringify(r.problems)}`)
  return r.session
}

describe('readArchiveForCompare', () => {
  test('a facilitated session: title, date, and only the closed rounds of vote steps, with safe results', async () => {
    const { text, id } = await makeArchive(COUNCIL)
    const s = await read(text)
    expect(s).toMatchObject({ id, title: 'Ungdomsrådet: trygg fritid', createdAt: T0, verified: true })
    expect(s.rounds.map((r) => [r.stepId, r.stepTitle.nb, r.round.roundId])).toEqual([['vote', 'Tre prikker', 'prioriteringer']])
    expect(s.rounds[0]?.results).toMatchObject({ publish: 'full', voters: 7, ranked: [{ rank: 1, optionIds: ['o0'], score: 9 }, { rank: 2, optionIds: ['o1'], score: 6 }, { rank: 3, optionIds: ['o2', 'o3'], score: 3 }] })
  })

  test('nothing is stored: IndexedDB has no database afterwards', async () => {
    const before = await indexedDB.databases()
    const { text } = await makeArchive(POPUP)
    await read(text)
    expect(await indexedDB.databases()).toEqual(before)
  })

  test('several rounds in one step keep their order; a round of too few voters comes back as none', async () => {
    const s = await read((await makeArchive(POPUP)).text)
    expect(s.rounds.map((r) => [r.round.roundId, r.results.publish])).toEqual([
      ['prove', 'none'],
      ['prioriteringer-2', 'full'],
    ])
    expect(s.rounds[0]?.results.ranked).toEqual([])
  })

  test('a forged close that claims more than its voters allow is read at the stricter level', async () => {
    const forged: SessionSpec = {
      ...POPUP,
      rounds: [{ step: 'vote', roundId: 'r', labels: ['A', 'B', 'C'], ballots: [0, 1], results: (r) => ({ ...r, publish: 'full', blank: 0, ranked: [{ optionIds: ['o0'], rank: 1, score: 3 }] }) }],
    }
    const s = await read((await makeArchive(forged)).text)
    expect(s.rounds[0]?.results).toEqual({ roundId: 'r', method: 'dots', publish: 'none', voters: 2, ranked: [] })
  })

  test('without a key in the archive, the key in the doc is used', async () => {
    const s = await read((await makeArchive({ ...COUNCIL, archiveKey: 'none' })).text)
    expect(s.verified).toBe(true)
    expect(s.rounds).toHaveLength(1)
  })

  test('signed archives: verified and marked signed; a signed archive altered after export (checksum recomputed) is unverified, no rounds', async () => {
    const { text } = await makeArchive({ ...COUNCIL, sign: true })
    const s = await read(text)
    expect(s).toMatchObject({ verified: true, signed: true })
    expect(s.rounds).toHaveLength(1)
    expect(await read((await makeArchive(COUNCIL)).text)).toMatchObject({ verified: true, signed: false })
    const json = JSON.parse(text) as { exportedAt: string }
    const altered = await read(JSON.stringify({ ...json, exportedAt: '2020-01-01T00:00:00.000Z' }))
    expect(altered).toMatchObject({ verified: false, signed: false, rounds: [] })
  })

  test('signed by another key than the archive names: not verified, no rounds', async () => {
    const s = await read((await makeArchive({ ...COUNCIL, archiveKey: 'foreign' })).text)
    expect(s).toMatchObject({ title: 'Ungdomsrådet: trygg fritid', verified: false, rounds: [] })
  })

  test('bad files: a clear code each, nothing thrown', async () => {
    const { text } = await makeArchive(POPUP)
    const json = JSON.parse(text) as Record<string, unknown> & { doc: Record<string, unknown> }
    const cases: [string, string, string][] = [
      ['not json', 'Dette er ikke en fil fra Medvirk', 'notJson'],
      ['truncated', text.slice(0, Math.floor(text.length / 2)), 'truncated'],
      ['newer version', JSON.stringify({ ...json, version: 99 }), 'newerVersion'],
      ['unknown version', JSON.stringify({ ...json, version: 'one' }), 'unknownVersion'],
      ['not an archive', JSON.stringify({ hello: 'world' }), 'notArchive'],
      ['malformed', JSON.stringify({ ...json, session: { id: 'x' } }), 'malformed'],
      ['wrong checksum', JSON.stringify({ ...json, doc: { ...json.doc, sha256: 'f'.repeat(64) } }), 'truncated'],
      ['too big', ' '.repeat(32 * 1024 * 1024 + 1), 'tooBig'],
    ]
    for (const [what, input, code] of cases) {
      const r = await readArchiveForCompare(input)
      expect(r.ok, what).toBe(false)
      if (!r.ok) expect(r.problems[0]?.code, what).toBe(code)
    }
  })

  test('a doc update Yjs cannot read is malformed', async () => {
    const { text } = await makeArchive(POPUP)
    const json = JSON.parse(text) as { doc: { base64: string; sha256: string } }
    const junk = new Uint8Array([255, 255, 255, 255, 1, 2, 3, 4])
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', junk)), (b) => b.toString(16).padStart(2, '0')).join('')
    const r = await readArchiveForCompare(JSON.stringify({ ...json, doc: { ...json.doc, base64: Buffer.from(junk).toString('base64'), sha256: digest } }))
    expect(r).toEqual({ ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] })
  })

  test('files: refused by size before reading, and a file the browser cannot read', async () => {
    let read = false
    const huge = { name: 'x.json', size: 200 * 1024 * 1024, text: async () => ((read = true), '') }
    expect(await readArchiveFileForCompare(huge)).toEqual({ ok: false, problems: [{ code: 'tooBig', path: '' }] })
    expect(read).toBe(false)
    const broken = { name: 'x.json', size: 10, text: () => Promise.reject(new Error('NotReadableError')) }
    expect(await readArchiveFileForCompare(broken)).toEqual({ ok: false, problems: [{ code: 'unreadable', path: '' }] })
  })
})

describe('the committed compare fixtures', () => {
  test('read and compare: side by side and combined by summed dots, labels matched', async () => {
    if (process.env.WRITE_COMPARE_FIXTURES === '1') {
      writeFileSync(FIXTURES.council, (await makeArchive(COUNCIL)).text)
      writeFileSync(FIXTURES.popup, (await makeArchive(POPUP)).text)
    }
    const council = await read(readFileSync(FIXTURES.council, 'utf8'))
    const popup = await read(readFileSync(FIXTURES.popup, 'utf8'))
    const last = (s: CompareSessionData) => s.rounds[s.rounds.length - 1]!
    const { columns, combined } = compareSessions([council, popup].map((s) => ({ key: s.id, label: s.title, round: last(s).round, results: last(s).results })))
    expect(columns.map((c) => [c.label, c.publish, c.voters])).toEqual([
      ['Ungdomsrådet: trygg fritid', 'full', 7],
      ['Pop-up på fritidsklubben', 'full', 6],
    ])
    expect(combined).toMatchObject({ rule: 'sum', publish: 'full', voters: 13 })
    expect(combined.items.map((i) => [i.rank, i.label, i.score, i.sessions.length])).toEqual([
      [1, 'Åpen hall på kvelden', 15, 2],
      [2, 'Gratis buss til fritidsklubben', 12, 2],
      [3, 'Skatepark ved skolen', 6, 1],
      [4, 'Flere lærlingplasser', 3, 1],
      [4, 'Trygg vei hjem', 3, 1],
    ])
  })
})
