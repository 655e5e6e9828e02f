/**
 * Session archives across devices (fake-indexeddb): each "device" is its own database and its own
 * AppServices. Export on one, import on another; merges, repeats, bad files and a full disk.
 *
 * Regenerate the committed fixture of the current version (only when it must change, never for a later version):
 *   WRITE_ARCHIVE_FIXTURE=1 npx vitest run src/app/archive.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import type * as Y from 'yjs'
import { ARCHIVE_VERSION, parseArchive } from '../domain/archive.ts'
import type { InfluenceContract } from '../domain/contract.ts'
import type { NoteId } from '../domain/notes.ts'
import { openDb, type MedvirkDb } from '../storage/db.ts'
import { StorageError } from '../storage/errors.ts'
import { TemplateStore } from '../storage/templateStore.ts'
import { WorkshopStore } from '../storage/workshopStore.ts'
import { exportArchive as exportDocArchive } from '../sync/archiveDoc.ts'
import { docFromUpdate, encodeDoc, wipedCopyUpdate } from '../sync/archiveDoc.testing.ts'
import { generateFacilitatorKeys } from '../sync/flowSigning.ts'
import { readPlan } from '../sync/planDoc.ts'
import { FlowVerifier } from '../sync/flowLog.ts'
import { addNote, readNotes } from '../sync/sessionDoc.ts'
import { AppServices, type StorageEstimator } from './services.ts'

const FIXTURE_V1 = new URL('../../tests/fixtures/archive-v1.json', import.meta.url)
const FIXTURE_V2 = new URL('../../tests/fixtures/archive-v2.json', import.meta.url)
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

/** No test here may reach a network: y-webrtc gets a socket that never connects. */
class NoNetworkSocket {
  binaryType = 'arraybuffer'
  readyState = 0
  onopen: unknown = null
  onclose: unknown = null
  onerror: unknown = null
  onmessage: unknown = null
  send(): void {}
  close(): void {}
}
beforeAll(() => vi.stubGlobal('WebSocket', NoNetworkSocket))
afterAll(() => vi.unstubAllGlobals())

interface Device {
  services: AppServices
  store: WorkshopStore
  db: MedvirkDb
}
let devices: Device[] = []
let seq = 0

function device(estimate: StorageEstimator = async () => undefined): Device {
  const db = openDb(`archive-${++seq}-${Math.round(performance.now())}`)
  const store = new WorkshopStore(db)
  let t = T0
  const services = new AppServices({
    store,
    templates: new TemplateStore(db),
    origin: 'http://localhost',
    clock: { now: () => ++t },
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    estimateStorage: estimate,
  })
  const d = { services, store, db }
  devices.push(d)
  return d
}

afterEach(async () => {
  for (const d of devices) {
    // deleteWorkshop closes an open session at once (no grace timer left running).
    for (const w of await d.store.list()) await d.services.deleteWorkshop(w.id)
    d.db.close()
  }
  devices = []
})

const NAMES = { maps: ['meta', 'notes', 'clusters', 'equity', 'efforts', 'placements', 'reach', 'plan'], arrays: ['flow'] }
/** The whole doc as JSON (a loaded doc only lists the shared types someone asked for by name). */
function docJson(doc: Y.Doc): unknown {
  return {
    ...Object.fromEntries(NAMES.maps.map((n) => [n, doc.getMap(n).toJSON()])),
    ...Object.fromEntries(NAMES.arrays.map((n) => [n, doc.getArray(n).toJSON()])),
  }
}

async function withDoc<T>(d: Device, id: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
  const loaded = await d.store.openDoc(id)
  try {
    return await fn(loaded.doc)
  } finally {
    loaded.release()
  }
}

const updateRows = (d: Device) => d.db.table('$workshops.doc_updates').count()

/** A facilitated session with every part of the doc: signed template and flow log, notes, a cluster, an equity answer, a matrix card, a plan field. */
async function facilitatedSession(d: Device, title = 'Fritid for unge'): Promise<string> {
  const r = await d.services.createWorkshop(title)
  if (!r.ok) throw new Error('create failed')
  const s = await d.services.acquire(r.id)
  try {
    expect(await s.flow.start(CONTRACT)).toBe(true)
    const n1 = await s.addNote('Flere åpne haller på kvelden', 'yellow')
    await s.addNote('Gratis buss til fritidsklubben', 'blue')
    expect(s.addCluster('Idrett').ok).toBe(true)
    const cluster = s.getSnapshot().clusters[0]!
    s.setNoteCluster(n1.id as NoteId, cluster.id)
    expect(s.setEquityAnswer('check', 'S0.1', { rating: 'yellow', note: 'Usikkert hvem som når fram' })).toBe(true)
    expect(s.addEffort({ text: 'Åpen hall fredag', status: 'proposed', source: 'typed' }, { sector: 'oppvekst', row: 'universal', column: 'prevent' }).ok).toBe(true)
    expect(s.setPlanField('plan', 'equityGoal', 'Alle kan delta uansett lommebok')).toBe(true)
  } finally {
    d.services.release(r.id)
  }
  return r.id
}

async function verifiedFlow(d: Device, id: string) {
  const row = await d.store.get(id)
  return withDoc(d, id, (doc) => new FlowVerifier(id).verifyDoc(doc, row?.pinnedKey ?? null))
}

describe('session archive: export and import (two devices)', () => {
  test('export on one device, import on a fresh one: the same session, as a participant, without the signing key', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const { filename, text } = await a.services.exportArchive(id)
    expect(filename).toBe('medvirk-fritid-for-unge-2025-03-01.json')
    const parsed = parseArchive(text)
    if (!parsed.ok) throw new Error('export did not parse')
    const ownKey = (await a.store.getKey(id))!.publicKeySpki
    expect(parsed.archive.session).toMatchObject({ id, title: 'Fritid for unge', role: 'facilitator', facilitatorKey: ownKey })
    expect(Object.keys(parsed.archive).sort()).toEqual(['app', 'doc', 'exportedAt', 'format', 'session', 'signature', 'version'])
    expect(text).not.toMatch(/privateKey|ownNotes|voterToken|draft/i)

    if (process.env.WRITE_ARCHIVE_FIXTURE === '1' && ARCHIVE_VERSION === 2) writeFileSync(FIXTURE_V2, text)

    const b = device()
    const r = await b.services.importArchive(text)
    expect(r).toMatchObject({ ok: true, workshopId: id, outcome: 'created', title: 'Fritid for unge', notesAdded: 2, signature: 'verified' })
    const row = (await b.store.get(id))!
    expect(row).toMatchObject({ id, title: 'Fritid for unge', role: 'participant', code: (await a.store.get(id))!.code, pinnedKey: ownKey })
    expect(await b.store.getKey(id)).toBeUndefined()

    const docA = await withDoc(a, id, docJson)
    const docB = await withDoc(b, id, docJson)
    expect(docB).toEqual(docA)
    expect((docB as { flow: unknown[] }).flow.length).toBeGreaterThan(0)

    // The signed template and flow log verify on the importing device (it trusts the exporter's key).
    const flow = await verifiedFlow(b, id)
    expect(flow.template?.id).toBe('idemyldring-og-gruppering')
    expect(flow.events[0]?.type).toBe('session.start')
    expect(flow.stats.forged).toBe(0)
  })

  test('importing into a device that has part of the session (diverged offline) merges and loses nothing, also into the open screen', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const b = device()
    expect(await b.services.importArchive((await a.services.exportArchive(id)).text)).toMatchObject({ ok: true, outcome: 'created' })

    // Offline on A: a new note; then A exports again and leaves.
    await withDoc(a, id, (doc) => {
      expect(addNote(doc, { id: 'note-from-a-offline' as NoteId, text: 'Skrevet på A uten nett', color: 'pink', x: 1, y: 1, now: T0 }).ok).toBe(true)
    })
    const second = (await a.services.exportArchive(id)).text
    await a.services.deleteWorkshop(id) // closes A's session, so nothing else can carry A's note to B

    // B has the session open and writes its own note meanwhile.
    const s = await b.services.acquire(id)
    try {
      const mine = await s.addNote('Skrevet på B uten nett', 'green')
      const r = await b.services.importArchive(second)
      expect(r).toMatchObject({ ok: true, workshopId: id, outcome: 'merged', title: 'Fritid for unge', notesAdded: 1, signature: 'verified', added: { notes: 1 } })
      // The open screen's snapshot has both at once (same doc instance).
      const texts = s.getSnapshot().notes.map((n) => n.text).sort()
      expect(texts).toEqual(['Flere åpne haller på kvelden', 'Gratis buss til fritidsklubben', 'Skrevet på A uten nett', 'Skrevet på B uten nett'])
      expect(s.isOwn(mine.id!)).toBe(true)
    } finally {
      b.services.release(id)
    }
  })

  test('the merge is on disk: a reload after merging into a closed workshop shows both sides', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const b = device()
    await b.services.importArchive((await a.services.exportArchive(id)).text)
    await withDoc(a, id, (doc) => addNote(doc, { id: 'note-a-2' as NoteId, text: 'Fra A', color: 'pink', x: 1, y: 1, now: T0 }))
    await withDoc(b, id, (doc) => addNote(doc, { id: 'note-b-2' as NoteId, text: 'Fra B', color: 'pink', x: 1, y: 1, now: T0 }))
    await new Promise((r) => setTimeout(r, 30)) // y-dexie stores B's local note
    const r = await b.services.importArchive((await a.services.exportArchive(id)).text)
    expect(r).toMatchObject({ ok: true, outcome: 'merged', notesAdded: 1 })
    const ids = await withDoc(b, id, (doc) => readNotes(doc).map((n) => n.id))
    expect(ids).toContain('note-a-2')
    expect(ids).toContain('note-b-2')
    expect(ids).toHaveLength(4)
  })

  test('the same archive twice: unchanged, and nothing is written the second time', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const { text } = await a.services.exportArchive(id)
    const b = device()
    expect(await b.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'created' })
    await new Promise((r) => setTimeout(r, 30))
    // One update row: the import stores it itself, and y-dexie does not store it a second time.
    const rows = await updateRows(b)
    expect(rows).toBe(1)
    expect(await b.services.importArchive(text)).toMatchObject({ ok: true, workshopId: id, outcome: 'unchanged', title: 'Fritid for unge', notesAdded: 0 })
    expect(await updateRows(b)).toBe(rows)
    expect(await b.store.list()).toHaveLength(1)
    // Its own archive back on the exporting device: nothing new either.
    expect(await a.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'unchanged' })
    expect((await a.store.get(id))?.role).toBe('facilitator')
  })

  test('bad files give problems and write nothing', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const { text } = await a.services.exportArchive(id)
    const json = JSON.parse(text) as { version: number; doc: { sha256: string }; session: { code: string } }
    const otherId = await facilitatedSession(a, 'Et annet verksted')
    const otherCode = (await a.store.get(otherId))!.code
    const b = device()
    const cases: [string, string, string][] = [
      ['not json', 'Dette er ikke en fil fra Medvirk', 'notJson'],
      ['truncated', text.slice(0, Math.floor(text.length / 2)), 'truncated'],
      ['missing last brace', text.trimEnd().slice(0, -1), 'truncated'],
      ['newer version', JSON.stringify({ ...json, version: 99 }), 'newerVersion'],
      ['wrong checksum', JSON.stringify({ ...json, doc: { ...json.doc, sha256: 'f'.repeat(64) } }), 'truncated'],
      ['not a join code', JSON.stringify({ ...json, session: { ...json.session, code: 'ABCDEFGH0' } }), 'malformed'],
      ['code of another session', JSON.stringify({ ...json, session: { ...json.session, code: otherCode } }), 'otherWorkshop'],
      ['a template, not an archive', JSON.stringify({ schema: 1, id: 'x', steps: [] }), 'notArchive'],
    ]
    for (const [name, input, code] of cases) {
      const r = await b.services.importArchive(input)
      expect(r.ok ? 'ok' : r.problems[0]?.code, name).toBe(code)
    }
    expect(await b.store.list()).toEqual([])
    expect(await updateRows(b)).toBe(0)

    // A bad file against a session the device has: its doc stays as it was.
    await b.services.importArchive(text)
    const rows = await updateRows(b)
    const before = await withDoc(b, id, docJson)
    const wrong = await b.services.importArchive(JSON.stringify({ ...json, doc: { ...json.doc, sha256: '0'.repeat(64) } }))
    expect(wrong).toEqual({ ok: false, problems: [{ code: 'truncated', path: 'doc.sha256' }] })
    expect(await updateRows(b)).toBe(rows)
    expect(await withDoc(b, id, docJson)).toEqual(before)
  })

  test('a different session with the same title becomes a separate workshop, flagged', async () => {
    const a = device()
    const id = await facilitatedSession(a, 'Ungdomsrådet vår')
    const b = device()
    const own = await b.services.createWorkshop('ungdomsrådet  VÅR')
    if (!own.ok) throw new Error('create failed')
    const r = await b.services.importArchive((await a.services.exportArchive(id)).text)
    expect(r).toMatchObject({ ok: true, workshopId: id, outcome: 'created', title: 'Ungdomsrådet vår', notesAdded: 2, sameTitleOther: true })
    expect((await b.store.list()).map((w) => w.id).sort()).toEqual([id, own.id].sort())
    expect((await b.store.get(own.id))?.role).toBe('facilitator')
  })

  test('too big for the device: quota, and nothing written (estimate, and a full disk during the write)', async () => {
    const a = device()
    const id = await facilitatedSession(a)
    const { text } = await a.services.exportArchive(id)

    const small = device(async () => ({ quota: 100_000, usage: 99_000 }))
    expect(await small.services.importArchive(text)).toEqual({ ok: false, problems: [{ code: 'quota', path: '' }] })
    expect(await small.store.list()).toEqual([])

    // The estimate allows it but the write fails: the new workshop row is removed again.
    const full = device()
    const openDoc = full.store.openDoc.bind(full.store)
    const spy = vi.spyOn(full.store, 'openDoc').mockImplementation(async (wid) => {
      const loaded = await openDoc(wid)
      return { ...loaded, saveFullState: () => Promise.reject(new StorageError('quota', new Error('QuotaExceededError'))) }
    })
    expect(await full.services.importArchive(text)).toEqual({ ok: false, problems: [{ code: 'quota', path: '' }] })
    expect(await full.store.list()).toEqual([])
    expect(await updateRows(full)).toBe(0)

    // Merging into a workshop the device has: the doc is unchanged when the write fails.
    spy.mockRestore()
    expect(await full.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'created' })
    await withDoc(a, id, (doc) => addNote(doc, { id: 'note-more' as NoteId, text: 'Mer', color: 'pink', x: 1, y: 1, now: T0 }))
    const more = (await a.services.exportArchive(id)).text
    vi.spyOn(full.store, 'openDoc').mockImplementation(async (wid) => {
      const loaded = await openDoc(wid)
      return { ...loaded, saveFullState: () => Promise.reject(new StorageError('quota', new Error('QuotaExceededError'))) }
    })
    expect(await full.services.importArchive(more)).toEqual({ ok: false, problems: [{ code: 'quota', path: '' }] })
    vi.restoreAllMocks()
    expect(await withDoc(full, id, (doc) => readNotes(doc).length)).toBe(2)
  })

  test('the committed v1 fixture still parses and imports (with a verifiable flow log)', async () => {
    const text = readFileSync(FIXTURE_V1, 'utf8')
    const parsed = parseArchive(text)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    // Read as the current shape, unsigned (version 1 files never carried a signature).
    expect(parsed.archive.version).toBe(ARCHIVE_VERSION)
    expect(parsed.archive.signature).toBeUndefined()
    const b = device()
    expect(await b.services.previewArchive(text)).toMatchObject({ ok: true, outcome: 'created', signature: 'unsigned', added: { notes: 2 } })
    expect(await b.store.list()).toEqual([])
    const r = await b.services.importArchive(text)
    expect(r).toMatchObject({ ok: true, outcome: 'created', title: 'Fritid for unge', notesAdded: 2, signature: 'unsigned' })
    if (!r.ok) return
    const notes = await withDoc(b, r.workshopId, (doc) => readNotes(doc).map((n) => n.text).sort())
    expect(notes).toEqual(['Flere åpne haller på kvelden', 'Gratis buss til fritidsklubben'])
    const flow = await verifiedFlow(b, r.workshopId)
    expect(flow.template).not.toBeNull()
    expect(flow.events.map((e) => e.type)).toEqual(['session.start'])
    expect(await b.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'unchanged' })
  })
})

/** Everything a board, the flow and the plan show, to compare before and after an import. */
async function sessionState(d: Device, id: string) {
  return withDoc(d, id, (doc) => ({
    notes: readNotes(doc).map((n) => n.text).sort(),
    flow: doc.getArray('flow').length,
    plan: readPlan(doc, 'plan').plan,
    all: docJson(doc),
  }))
}

/**
 * The attack of issue 12 (#6): a copy of the session doc with every note, flow record and plan
 * field deleted (plus one new note), exported with a correct checksum and signed with the real
 * facilitator key of device `fac` (the rogue had the facilitator's unlocked tablet for a moment).
 */
async function wipingArchive(fac: Device, id: string): Promise<string> {
  const row = (await fac.store.get(id))!
  const key = (await fac.store.getKey(id))!
  const update = await withDoc(fac, id, (doc) => encodeDoc(doc))
  const wiped = docFromUpdate(
    wipedCopyUpdate(update, (doc) => {
      addNote(doc, { id: 'note-from-rogue-1' as NoteId, text: 'Lagt til av arkivet', color: 'pink', x: 1, y: 1, now: T0 })
    }),
  )
  try {
    expect(readNotes(wiped).map((n) => n.id)).toEqual(['note-from-rogue-1'])
    expect(wiped.getArray('flow').length).toBe(0)
    const meta = { id, title: row.title, createdAt: row.createdAt, role: 'facilitator' as const, code: row.code, facilitatorKey: key.publicKeySpki }
    return await exportDocArchive(wiped, meta, T0 + 1000, key.privateKey)
  } finally {
    wiped.destroy()
  }
}

describe('archives a facilitator can import without fear (issue 12, attack 6)', () => {
  test('a wiping archive with a valid checksum and the real facilitator signature imports add-only, on the facilitator and on a participant device', async () => {
    const fac = device()
    const id = await facilitatedSession(fac)
    const part = device()
    expect(await part.services.importArchive((await fac.services.exportArchive(id)).text)).toMatchObject({ ok: true, outcome: 'created' })
    const text = await wipingArchive(fac, id)
    expect(parseArchive(text).ok && (parseArchive(text) as { archive: { signature?: unknown } }).archive.signature).toBeTruthy()

    for (const d of [fac, part]) {
      const before = await sessionState(d, id)
      expect(before.notes).toHaveLength(2)
      expect(before.flow).toBeGreaterThan(0)
      expect(before.plan.equityGoal).toBe('Alle kan delta uansett lommebok')
      const rowsBefore = await updateRows(d)
      // The preview names what it adds (and removes nothing), and writes nothing.
      const preview = await d.services.previewArchive(text)
      expect(preview).toMatchObject({ ok: true, outcome: 'merged', signature: 'verified', added: { notes: 1, records: 0, planFields: 0 }, modified: { notes: 0, planFields: 0 } })
      expect(await updateRows(d)).toBe(rowsBefore)
      expect(await sessionState(d, id)).toEqual(before)

      const r = await d.services.importArchive(text)
      expect(r).toMatchObject({ ok: true, outcome: 'merged', notesAdded: 1, signature: 'verified', added: { notes: 1 } })
      const after = await sessionState(d, id)
      expect(after.notes).toEqual([...before.notes, 'Lagt til av arkivet'].sort())
      expect(after.flow).toBe(before.flow)
      expect(after.plan).toEqual(before.plan)
      for (const [name, entries] of Object.entries(before.all as Record<string, unknown>)) {
        if (Array.isArray(entries)) expect((after.all as Record<string, unknown[]>)[name], name).toEqual(entries)
        else for (const k of Object.keys(entries as object)) expect(Object.keys((after.all as Record<string, object>)[name]!), `${name}.${k}`).toContain(k)
      }
    }
    // The flow still verifies on the participant, as before.
    expect((await verifiedFlow(part, id)).events[0]?.type).toBe('session.start')
    // And a reload from disk shows the same (the stored row is the add-only update too).
    await new Promise((r) => setTimeout(r, 30))
    expect((await sessionState(part, id)).notes).toHaveLength(3)
  })

  test('a tampered archive (one byte of the doc changed, checksum recomputed) is refused as a bad signature, also for a new session', async () => {
    const fac = device()
    const id = await facilitatedSession(fac)
    const { text } = await fac.services.exportArchive(id)
    const json = JSON.parse(text) as { doc: { base64: string; sha256: string } }
    const bytes = Uint8Array.from(atob(json.doc.base64), (c) => c.charCodeAt(0))
    const at = bytes.indexOf('å'.charCodeAt(0) & 0xff)
    bytes[at > 0 ? at : bytes.length - 4] = (bytes[at > 0 ? at : bytes.length - 4] ?? 0) ^ 0x01
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
    const tampered = JSON.stringify({ ...json, doc: { ...json.doc, base64: btoa(String.fromCharCode(...bytes)), sha256: sha } })
    const fresh = device()
    expect(await fresh.services.previewArchive(tampered)).toEqual({ ok: false, problems: [{ code: 'badSignature', path: 'signature' }] })
    expect(await fresh.services.importArchive(tampered)).toEqual({ ok: false, problems: [{ code: 'badSignature', path: 'signature' }] })
    expect(await fresh.store.list()).toEqual([])
    const before = await sessionState(fac, id)
    expect(await fac.services.importArchive(tampered)).toEqual({ ok: false, problems: [{ code: 'badSignature', path: 'signature' }] })
    expect(await sessionState(fac, id)).toEqual(before)
  })

  test('an archive of another workshop, or signed by another key than the one trusted here, is refused and nothing is written', async () => {
    const fac = device()
    const id = await facilitatedSession(fac)
    const part = device()
    await part.services.importArchive((await fac.services.exportArchive(id)).text)
    const otherFac = device()
    const otherId = await facilitatedSession(otherFac, 'Et annet verksted')
    const other = JSON.parse((await otherFac.services.exportArchive(otherId)).text) as { session: Record<string, unknown> }
    const rows = await updateRows(part)
    const before = await sessionState(part, id)
    // Another workshop's signed archive relabelled as this session (no code): its key is not the one trusted here.
    const { code: _code, ...session } = other.session
    const relabelled = JSON.stringify({ ...other, session: { ...session, id } })
    expect(await part.services.importArchive(relabelled)).toEqual({ ok: false, problems: [{ code: 'otherKey', path: 'session.facilitatorKey' }] })
    // ... with this session's code: the code derives another id.
    expect(await part.services.importArchive(JSON.stringify({ ...other, session: { ...other.session, id } }))).toEqual({ ok: false, problems: [{ code: 'otherWorkshop', path: 'session.code' }] })
    // ... naming this session's key instead: the signature does not verify.
    const trusted = (await part.store.get(id))!.pinnedKey!
    expect(await part.services.importArchive(JSON.stringify({ ...other, session: { ...session, id, facilitatorKey: trusted } }))).toEqual({ ok: false, problems: [{ code: 'badSignature', path: 'signature' }] })
    // ... unsigned, naming another key: another workshop.
    const { signature: _sig, ...unsigned } = other as Record<string, unknown>
    expect(await part.services.importArchive(JSON.stringify({ ...unsigned, session: { ...session, id } }))).toEqual({ ok: false, problems: [{ code: 'otherWorkshop', path: 'session.facilitatorKey' }] })
    // This session's archive, re-signed by a rogue key it names: signed by another key than the trusted one.
    const rogue = await generateFacilitatorKeys()
    const row = (await fac.store.get(id))!
    const resigned = await withDoc(fac, id, (doc) =>
      exportDocArchive(doc, { id, title: row.title, createdAt: row.createdAt, role: 'facilitator', code: row.code, facilitatorKey: rogue.publicKeySpki }, T0, rogue.privateKey),
    )
    expect(await part.services.importArchive(resigned)).toEqual({ ok: false, problems: [{ code: 'otherKey', path: 'session.facilitatorKey' }] })
    expect(await fac.services.importArchive(resigned)).toEqual({ ok: false, problems: [{ code: 'otherKey', path: 'session.facilitatorKey' }] })
    expect(await updateRows(part)).toBe(rows)
    expect(await sessionState(part, id)).toEqual(before)
  })

  test('a participant’s export is unsigned and imports marked as such; the facilitator’s is signed', async () => {
    const fac = device()
    const id = await facilitatedSession(fac)
    const part = device()
    await part.services.importArchive((await fac.services.exportArchive(id)).text)
    await withDoc(part, id, (doc) => addNote(doc, { id: 'note-on-part-1' as NoteId, text: 'Fra deltakeren', color: 'blue', x: 1, y: 1, now: T0 }))
    const { text } = await part.services.exportArchive(id)
    const parsed = parseArchive(text)
    expect(parsed.ok && parsed.archive.signature).toBeUndefined()
    expect(await fac.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'merged', signature: 'unsigned', added: { notes: 1 } })
    expect(await device().services.importArchive(text)).toMatchObject({ ok: true, outcome: 'created', signature: 'unsigned' })
  })

  test('the committed v2 fixture (signed) imports verified', async () => {
    const text = readFileSync(FIXTURE_V2, 'utf8')
    const b = device()
    expect(await b.services.importArchive(text)).toMatchObject({ ok: true, outcome: 'created', signature: 'verified', added: { notes: 2 } })
  })
})
