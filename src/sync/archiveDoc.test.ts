import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { parseArchive, type Archive } from '../domain/archive.ts'
import type { NoteId } from '../domain/notes.ts'
import { b64 } from './base64.ts'
import { ARCHIVE_ORIGIN, archiveUpdate, exportArchive, mergeArchive, prepareMerge, sha256Hex } from './archiveDoc.ts'
import { addCluster, addNote, deleteNote, initMeta, readNotes, setNoteCluster, writeEquityAnswer } from './sessionDoc.ts'
import { writePlanField } from './planDoc.ts'
import { addEffort } from './matrixDoc.ts'

const ID = '0123456789abcdef0123'
const meta = { id: ID, title: 'Fallback', createdAt: 5, role: 'facilitator' as const, code: 'ABCDEFGH0' }
const NOW = Date.UTC(2025, 2, 1, 12)

function note(doc: Y.Doc, id: string, text: string) {
  const r = addNote(doc, { id: id as NoteId, text, color: 'yellow', x: 10, y: 10, now: 1 })
  expect(r.ok).toBe(true)
}

const NAMES = { maps: ['meta', 'notes', 'clusters', 'equity', 'efforts', 'placements', 'reach', 'plan'], arrays: ['flow'] }
/** The whole doc as JSON (a loaded doc only lists the shared types someone asked for by name). */
function docJson(doc: Y.Doc): unknown {
  return {
    ...Object.fromEntries(NAMES.maps.map((n) => [n, doc.getMap(n).toJSON()])),
    ...Object.fromEntries(NAMES.arrays.map((n) => [n, doc.getArray(n).toJSON()])),
  }
}

function sessionDoc(): Y.Doc {
  const doc = new Y.Doc()
  initMeta(doc, 'Fritid for unge', 1000)
  note(doc, 'note-aaaaaaaa', 'Flere åpne haller på kvelden')
  note(doc, 'note-bbbbbbbb', 'Gratis buss til fritidsklubben')
  expect(addCluster(doc, 'cluster-1111', 'Idrett', 2).ok).toBe(true)
  setNoteCluster(doc, 'note-aaaaaaaa' as NoteId, 'cluster-1111')
  expect(writeEquityAnswer(doc, 'check', 'S0.1', { rating: 'yellow', note: 'Usikkert' })).toBe(true)
  expect(addEffort(doc, { id: 'e-1', text: 'Åpen hall', status: 'proposed', source: 'typed', now: 3 }, { sector: 'oppvekst', row: 'universal', column: 'prevent' }, '7').ok).toBe(true)
  expect(writePlanField(doc, 'plan', 'equityGoal', 'Alle kan delta')).toBe(true)
  doc.getArray('flow').push([{ s: 1, e: '{"type":"session.start"}', g: 'sig' }])
  return doc
}

async function archiveOf(doc: Y.Doc): Promise<Archive> {
  const text = await exportArchive(doc, meta, NOW)
  const parsed = parseArchive(text)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.archive
}

describe('session archive and the doc', () => {
  test('export then merge into an empty doc gives the same session (every part of the doc)', async () => {
    const a = sessionDoc()
    const archive = await archiveOf(a)
    expect(archive.session).toEqual({ id: ID, title: 'Fritid for unge', createdAt: 1000, role: 'facilitator', code: 'ABCDEFGH0' })
    expect(archive.doc.encoding).toBe('yjs-update-v2')
    const b = new Y.Doc()
    const r = await mergeArchive(b, archive)
    expect(r).toEqual({ ok: true, changed: true, notesAdded: 2 })
    expect(docJson(b)).toEqual(docJson(a))
  })

  test('the doc meta wins over the fallback title; a doc without meta uses the fallback', async () => {
    const text = await exportArchive(new Y.Doc(), meta, NOW)
    const parsed = parseArchive(text)
    expect(parsed.ok && parsed.archive.session.title).toBe('Fallback')
    expect(parsed.ok && parsed.archive.session.createdAt).toBe(5)
    expect(parsed.ok && parsed.archive.exportedAt).toBe('2025-03-01T12:00:00.000Z')
  })

  test('merging into a diverged copy keeps both sides (offline edits on two devices)', async () => {
    const base = sessionDoc()
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdateV2(a, Y.encodeStateAsUpdateV2(base))
    Y.applyUpdateV2(b, Y.encodeStateAsUpdateV2(base))
    note(a, 'note-only-on-a', 'Skrevet på nettbrett A')
    note(b, 'note-only-on-b', 'Skrevet på nettbrett B')
    deleteNote(a, 'note-bbbbbbbb' as NoteId)
    const r = await mergeArchive(b, await archiveOf(a))
    expect(r).toEqual({ ok: true, changed: true, notesAdded: 1 })
    const ids = readNotes(b).map((n) => n.id).sort()
    // B keeps its own note and gets A's; A's deletion of a note B had does not apply (add-only).
    expect(ids).toEqual(['note-aaaaaaaa', 'note-bbbbbbbb', 'note-only-on-a', 'note-only-on-b'])
  })

  test('the same archive twice: the second merge changes nothing', async () => {
    const archive = await archiveOf(sessionDoc())
    const b = new Y.Doc()
    expect((await mergeArchive(b, archive)).ok).toBe(true)
    let updates = 0
    b.on('updateV2', () => updates++)
    expect(await mergeArchive(b, archive)).toEqual({ ok: true, changed: false, notesAdded: 0 })
    expect(updates).toBe(0)
  })

  test('an archive holding only a deletion of what the doc has changes nothing (add-only)', async () => {
    const a = sessionDoc()
    const b = new Y.Doc()
    Y.applyUpdateV2(b, Y.encodeStateAsUpdateV2(a))
    deleteNote(a, 'note-aaaaaaaa' as NoteId)
    const plan = await prepareMerge(b, await archiveOf(a))
    expect(plan.ok && { changed: plan.changed, notesAdded: plan.notesAdded, removed: plan.removed }).toEqual({ changed: false, notesAdded: 0, removed: { notes: 0, records: 0, planFields: 0 } })
  })

  test('prepareMerge does not touch the live doc; applying uses the given origin', async () => {
    const archive = await archiveOf(sessionDoc())
    const b = new Y.Doc()
    const plan = await prepareMerge(b, archive)
    expect(plan.ok && plan.title).toBe('Fritid for unge')
    expect(readNotes(b)).toHaveLength(0)
    const origins: unknown[] = []
    b.on('updateV2', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    expect((await mergeArchive(b, archive)).ok).toBe(true)
    expect(origins).toEqual([ARCHIVE_ORIGIN])
  })

  test('a doc whose bytes do not match the checksum is refused and nothing changes', async () => {
    const archive = await archiveOf(sessionDoc())
    const b = new Y.Doc()
    note(b, 'note-local1', 'lokal')
    const before = Y.encodeStateAsUpdateV2(b)
    const wrongSum = { ...archive, doc: { ...archive.doc, sha256: '0'.repeat(64) } }
    expect(await mergeArchive(b, wrongSum)).toEqual({ ok: false, problems: [{ code: 'truncated', path: 'doc.sha256' }] })
    // Cut inside the doc (still a whole number of base64 quads): the checksum catches it.
    const cut = { ...archive, doc: { ...archive.doc, base64: archive.doc.base64.slice(0, 40) } }
    expect(await mergeArchive(b, cut)).toEqual({ ok: false, problems: [{ code: 'truncated', path: 'doc.sha256' }] })
    expect(Y.encodeStateAsUpdateV2(b)).toEqual(before)
  })

  test('bytes with a matching checksum that are not a Yjs update are malformed, and the doc is untouched', async () => {
    const junk = new Uint8Array(64).map((_, i) => (i * 37 + 11) % 256)
    const archive = (await archiveOf(sessionDoc())) as Archive
    const bad = { ...archive, doc: { ...archive.doc, base64: b64(junk), sha256: await sha256Hex(junk) } }
    expect((await archiveUpdate(bad)).ok).toBe(true)
    const b = new Y.Doc()
    note(b, 'note-local1', 'lokal')
    const r = await mergeArchive(b, bad)
    expect(r).toEqual({ ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] })
    expect(readNotes(b).map((n) => n.id)).toEqual(['note-local1'])
  })

  test('a large doc exports and merges (chunked base64)', async () => {
    const a = new Y.Doc()
    initMeta(a, 'Stor', 1)
    for (let i = 0; i < 1200; i++) note(a, `note-big-${String(i).padStart(5, '0')}`, `Lapp nummer ${i} med litt tekst for å fylle opp`)
    const archive = await archiveOf(a)
    expect(archive.doc.base64.length).toBeGreaterThan(32 * 1024)
    const b = new Y.Doc()
    expect(await mergeArchive(b, archive)).toEqual({ ok: true, changed: true, notesAdded: 1200 })
  })
})
