/**
 * Add-only archive merges (issue 12, attack 6) on in-memory docs: the V1 layout the merge relies
 * on, a wiping archive, deletions inside the archive's own history, signatures, and a property
 * test over random local and archive histories.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { parseArchive, type Archive } from '../domain/archive.ts'
import type { NoteId } from '../domain/notes.ts'
import {
  addOnlyUpdateV1,
  checkArchiveSignature,
  clipDeleteSet,
  deleteOnlyUpdateV1,
  deleteSetTail,
  exportArchive,
  mergeArchive,
  prepareMerge,
  readDeleteSetV1,
} from './archiveDoc.ts'
import { wipedCopyUpdate } from './archiveDoc.testing.ts'
import { generateFacilitatorKeys } from './flowSigning.ts'
import { writePlanField, readPlan } from './planDoc.ts'
import { addNote, deleteNote, initMeta, readNotes } from './sessionDoc.ts'

const ID = '0123456789abcdef0123'
const NOW = Date.UTC(2025, 2, 1, 12)

function note(doc: Y.Doc, id: string, text: string) {
  expect(addNote(doc, { id: id as NoteId, text, color: 'yellow', x: 10, y: 10, now: 1 }).ok).toBe(true)
}

function sessionDoc(): Y.Doc {
  const doc = new Y.Doc()
  initMeta(doc, 'Fritid for unge', 1000)
  for (let i = 0; i < 5; i++) note(doc, `note-${i}aaaaaaa`, `Lapp ${i}`)
  expect(writePlanField(doc, 'plan', 'equityGoal', 'Alle kan delta')).toBe(true)
  expect(writePlanField(doc, 'plan', 'planTrace.goal', 'Flere møteplasser')).toBe(true)
  doc.getArray('flow').push([{ s: 1, e: '{"type":"session.start"}', g: 'sig' }, { s: 2, e: '{"type":"step.next"}', g: 'sig' }])
  return doc
}

const copyOf = (doc: Y.Doc) => {
  const c = new Y.Doc()
  Y.applyUpdateV2(c, Y.encodeStateAsUpdateV2(doc))
  return c
}

async function archiveOf(doc: Y.Doc, key?: { privateKey: CryptoKey; publicKeySpki: string }): Promise<Archive> {
  const meta = { id: ID, title: 'Fritid for unge', createdAt: 5, role: 'facilitator' as const, code: 'ABCDEFGH0', ...(key ? { facilitatorKey: key.publicKeySpki } : {}) }
  const parsed = parseArchive(await exportArchive(doc, meta, NOW, key?.privateKey))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.archive
}

const state = (doc: Y.Doc) => ({
  notes: readNotes(doc).map((n) => n.id).sort(),
  flow: doc.getArray('flow').length,
  plan: readPlan(doc, 'plan').plan,
})

describe('the V1 layout the add-only merge relies on', () => {
  test('an update against a doc’s own state vector is [0 struct clients][delete set], and the full update ends with that delete set', () => {
    const a = sessionDoc()
    const b = copyOf(a)
    deleteNote(b, 'note-1aaaaaaa' as NoteId)
    note(b, 'note-xxxxxxxx', 'ny')
    deleteNote(b, 'note-xxxxxxxx' as NoteId)
    b.getArray('flow').delete(0, 1)
    const own = Y.encodeStateAsUpdate(b, Y.encodeStateVector(b))
    expect(own[0]).toBe(0)
    const tail = deleteSetTail(b)
    expect(tail).toEqual(own.subarray(1))
    const full = Y.encodeStateAsUpdate(b)
    expect(full.subarray(full.length - tail.length)).toEqual(tail)
    expect(Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)).subarray(-tail.length)).toEqual(tail)
    // Our delete-set writer gives the very bytes Yjs's writeDeleteSet gives (clients in descending order).
    const ds = readDeleteSetV1(tail)
    expect(ds.size).toBeGreaterThan(0)
    expect(deleteOnlyUpdateV1(ds)).toEqual(own)
    // And Yjs reads it as the same delete set.
    expect(Y.decodeUpdate(deleteOnlyUpdateV1(ds)).ds).toEqual(Y.decodeUpdate(own).ds)
  })

  test('clipping keeps only the clocks at or above the local state vector', () => {
    const ds = new Map<number, [number, number][]>([
      [7, [[0, 3], [5, 10]]],
      [9, [[2, 2]]],
    ])
    expect(clipDeleteSet(ds, new Map([[7, 8], [9, 4]]))).toEqual(new Map([[7, [[8, 7]]]]))
    expect(clipDeleteSet(ds, new Map())).toEqual(ds)
  })
})

describe('add-only merge', () => {
  test('a wiping archive (everything deleted, valid checksum and signature) removes nothing; what it adds arrives', async () => {
    const key = await generateFacilitatorKeys()
    const local = sessionDoc()
    const before = state(local)
    const wiped = new Y.Doc()
    Y.applyUpdateV2(
      wiped,
      wipedCopyUpdate(Y.encodeStateAsUpdateV2(local), (d) => note(d, 'note-from-rogue', 'Ny lapp fra arkivet')),
    )
    expect(readNotes(wiped).map((n) => n.id)).toEqual(['note-from-rogue'])
    expect(wiped.getArray('flow').length).toBe(0)
    const archive = await archiveOf(wiped, key)
    expect(await checkArchiveSignature(archive, key.publicKeySpki)).toEqual({ ok: true, signature: 'verified' })

    // A plain Yjs apply would wipe the session: that is the attack.
    const naive = copyOf(local)
    Y.applyUpdateV2(naive, Y.encodeStateAsUpdateV2(wiped))
    expect(readNotes(naive).map((n) => n.id)).toEqual(['note-from-rogue'])

    const plan = await prepareMerge(local, archive)
    if (!plan.ok) throw new Error('plan')
    expect({ changed: plan.changed, added: plan.added, removed: plan.removed, modified: plan.modified }).toEqual({
      changed: true,
      added: { notes: 1, records: 0, planFields: 0 },
      removed: { notes: 0, records: 0, planFields: 0 },
      modified: { notes: 0, planFields: 0 },
    })
    expect(await mergeArchive(local, archive)).toEqual({ ok: true, changed: true, notesAdded: 1 })
    const after = state(local)
    expect(after.notes).toEqual([...before.notes, 'note-from-rogue'].sort())
    expect(after.flow).toBe(before.flow)
    expect(after.plan).toEqual(before.plan)
    // A second device that syncs with this one gets everything too.
    const peer = new Y.Doc()
    Y.applyUpdateV2(peer, Y.encodeStateAsUpdateV2(local))
    expect(state(peer)).toEqual(after)
  })

  test('a note created and deleted inside the archive’s own history stays deleted; one deleted there but held here stays', async () => {
    const local = sessionDoc()
    const other = copyOf(local)
    note(other, 'note-brief-xx', 'Skrevet og slettet i arkivet')
    note(other, 'note-kept-xxx', 'Skrevet i arkivet')
    deleteNote(other, 'note-brief-xx' as NoteId)
    deleteNote(other, 'note-0aaaaaaa' as NoteId)
    other.getArray('flow').push([{ s: 3, e: 'x', g: 'y' }])
    other.getArray('flow').delete(2, 1) // its own record, deleted there
    other.getArray('flow').push([{ s: 4, e: 'x', g: 'y' }])
    const plan = await prepareMerge(local, await archiveOf(other))
    expect(plan.ok && plan.added).toEqual({ notes: 1, records: 1, planFields: 0 })
    await mergeArchive(local, await archiveOf(other))
    const ids = readNotes(local).map((n) => n.id)
    expect(ids).toContain('note-kept-xxx')
    expect(ids).toContain('note-0aaaaaaa')
    expect(ids).not.toContain('note-brief-xx')
    expect(local.getArray('flow').toArray().map((r) => (r as { s: number }).s)).toEqual([1, 2, 4])
  })

  test('into an empty doc, the archive arrives as it is (its own deletions included)', async () => {
    const a = sessionDoc()
    deleteNote(a, 'note-2aaaaaaa' as NoteId)
    const empty = new Y.Doc()
    expect((await mergeArchive(empty, await archiveOf(a))).ok).toBe(true)
    expect(state(empty)).toEqual(state(a))
  })

  test('an overwrite that makes a note unreadable is counted as removed (the import refuses it)', async () => {
    const local = sessionDoc()
    const other = copyOf(local)
    other.getMap('notes').set('note-3aaaaaaa', new Y.Map()) // an empty map is not a note
    const plan = await prepareMerge(local, await archiveOf(other))
    expect(plan.ok && plan.removed.notes).toBe(1)
    const moved = copyOf(local)
    ;(moved.getMap('notes').get('note-3aaaaaaa') as Y.Map<unknown>).set('x', 99)
    const plan2 = await prepareMerge(local, await archiveOf(moved))
    expect(plan2.ok && { m: plan2.modified, r: plan2.removed.notes }).toEqual({ m: { notes: 1, planFields: 0 }, r: 0 })
  })

  test('a concurrent write-then-delete of a key the doc has does not take the doc’s value away', async () => {
    const local = sessionDoc()
    const other = copyOf(local)
    // The archive's client orders after the local one, so its value is integrated last.
    other.clientID = local.clientID + 1
    writePlanField(local, 'plan', 'planTrace.plan', 'Lokal plan')
    other.getMap('plan').set('plan|f|planTrace.plan', 'fra arkivet')
    other.getMap('plan').delete('plan|f|planTrace.plan')
    const before = readPlan(local, 'plan').plan
    expect((await mergeArchive(local, await archiveOf(other))).ok).toBe(true)
    expect(readPlan(local, 'plan').plan).toEqual(before)
  })

  test('signatures: tampered doc (checksum recomputed) is a bad signature; another key is refused; unsigned is unsigned', async () => {
    const key = await generateFacilitatorKeys()
    const other = await generateFacilitatorKeys()
    const archive = await archiveOf(sessionDoc(), key)
    expect(archive.signature?.alg).toBe('ECDSA-P256-SHA256')
    expect(await checkArchiveSignature(archive, null)).toEqual({ ok: true, signature: 'verified' })
    const bytes = Uint8Array.from(atob(archive.doc.base64), (c) => c.charCodeAt(0))
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
    const tampered = { ...archive, doc: { ...archive.doc, base64: btoa(String.fromCharCode(...bytes)), sha256: sha } }
    expect(await checkArchiveSignature(tampered, key.publicKeySpki)).toEqual({ ok: false, problems: [{ code: 'badSignature', path: 'signature' }] })
    expect(await checkArchiveSignature({ ...archive, exportedAt: '2025-03-02T12:00:00.000Z' }, null)).toMatchObject({ ok: false })
    expect(await checkArchiveSignature({ ...archive, session: { ...archive.session, id: 'ffffffffffffffffffff' } }, null)).toMatchObject({ ok: false })
    expect(await checkArchiveSignature(archive, other.publicKeySpki)).toEqual({ ok: false, problems: [{ code: 'otherKey', path: 'session.facilitatorKey' }] })
    // Re-signed by another key while still naming the real one: does not verify.
    const resigned = await archiveOf(sessionDoc(), { privateKey: other.privateKey, publicKeySpki: key.publicKeySpki })
    expect(await checkArchiveSignature(resigned, key.publicKeySpki)).toMatchObject({ ok: false, problems: [{ code: 'badSignature' }] })
    expect(await checkArchiveSignature(await archiveOf(sessionDoc()), key.publicKeySpki)).toEqual({ ok: true, signature: 'unsigned' })
  })
})

// ---------------------------------------------------------------------------------------------
// Property: for random local and archive histories from a common base, after an add-only import
// every item visible locally before is still visible, everything visible in the archive that the
// local device never had is visible, and what the archive created and deleted itself stays gone.

type Op =
  | { k: 'addNote' }
  | { k: 'delNote'; pick: number }
  | { k: 'push' }
  | { k: 'delRec'; pick: number }
  | { k: 'setPlan'; key: number; val: string }
  | { k: 'delPlan'; key: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ k: 'addNote' }),
  fc.record({ k: fc.constant('delNote' as const), pick: fc.nat(50) }),
  fc.constant<Op>({ k: 'push' }),
  fc.record({ k: fc.constant('delRec' as const), pick: fc.nat(50) }),
  fc.record({ k: fc.constant('setPlan' as const), key: fc.nat(4), val: fc.string({ maxLength: 3 }) }),
  fc.record({ k: fc.constant('delPlan' as const), key: fc.nat(4) }),
)

interface Seen {
  /** Every note id, record id and plan key this side ever created or received. */
  had: Set<string>
  /** The ones it deleted itself. */
  deleted: Set<string>
}

function run(doc: Y.Doc, side: string, ops: readonly Op[], seen: Seen): void {
  let n = 0
  const notes = doc.getMap<Y.Map<unknown>>('notes')
  const flow = doc.getArray<string>('flow')
  const plan = doc.getMap<string>('plan')
  for (const op of ops) {
    doc.transact(() => {
      if (op.k === 'addNote') {
        const id = `${side}-n${n++}`
        const m = new Y.Map<unknown>()
        m.set('text', id)
        notes.set(id, m)
        seen.had.add(`note:${id}`)
      } else if (op.k === 'delNote') {
        const keys = [...notes.keys()].sort()
        if (keys.length === 0) return
        const id = keys[op.pick % keys.length]!
        notes.delete(id)
        seen.deleted.add(`note:${id}`)
      } else if (op.k === 'push') {
        const id = `${side}-r${n++}`
        flow.push([id])
        seen.had.add(`rec:${id}`)
      } else if (op.k === 'delRec') {
        if (flow.length === 0) return
        const i = op.pick % flow.length
        seen.deleted.add(`rec:${flow.get(i)}`)
        flow.delete(i, 1)
      } else if (op.k === 'setPlan') {
        plan.set(`f${op.key}`, op.val)
        seen.had.add(`plan:f${op.key}`)
      } else {
        if (plan.has(`f${op.key}`)) seen.deleted.add(`plan:f${op.key}`)
        plan.delete(`f${op.key}`)
      }
    })
  }
}

function visibleItems(doc: Y.Doc): Set<string> {
  const out = new Set<string>()
  for (const k of doc.getMap('notes').keys()) out.add(`note:${k}`)
  for (const r of doc.getArray<string>('flow').toArray()) out.add(`rec:${r}`)
  for (const k of doc.getMap('plan').keys()) out.add(`plan:${k}`)
  return out
}

describe('add-only merge, property', () => {
  test('random histories: nothing visible is lost, everything new arrives, the archive’s own deletions hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), fc.array(opArb, { maxLength: 15 }), fc.array(opArb, { maxLength: 15 }), fc.boolean(), async (baseOps, localOps, archiveOps, gc) => {
        const base = new Y.Doc({ gc })
        base.clientID = 1
        run(base, 'b', baseOps, { had: new Set(), deleted: new Set() })
        const local = new Y.Doc({ gc })
        local.clientID = 2
        Y.applyUpdateV2(local, Y.encodeStateAsUpdateV2(base))
        const arch = new Y.Doc({ gc })
        arch.clientID = 3
        Y.applyUpdateV2(arch, Y.encodeStateAsUpdateV2(base))
        const localSeen: Seen = { had: new Set(visibleItems(base)), deleted: new Set() }
        // Base items the base itself deleted were "had" by everyone too; ids are unique per side.
        run(local, 'l', localOps, localSeen)
        const archSeen: Seen = { had: new Set(), deleted: new Set() }
        run(arch, 'a', archiveOps, archSeen)
        const before = visibleItems(local)
        const inArchive = visibleItems(arch)
        const archive = await archiveOf(arch)
        const r = await mergeArchive(local, archive)
        expect(r.ok).toBe(true)
        const after = visibleItems(local)
        for (const item of before) expect(after.has(item), `kept ${item}`).toBe(true)
        for (const item of inArchive) {
          const localHad = localSeen.had.has(item) || item.startsWith('note:b-') || item.startsWith('rec:b-')
          if (!localHad) expect(after.has(item), `arrived ${item}`).toBe(true)
        }
        for (const item of archSeen.deleted) {
          if (item.startsWith('plan:')) continue // a key, not one item: another side may set it again
          if (!item.includes(':a-')) continue // only what the archive created itself
          expect(after.has(item), `stays deleted ${item}`).toBe(false)
        }
        // Adding the same archive again changes nothing.
        const again = await prepareMerge(local, archive)
        expect(again.ok && again.changed).toBe(false)
      }),
      { numRuns: 150 },
    )
  })

  test('the add-only update of an archive into the doc it came from is empty', () => {
    const a = sessionDoc()
    const u = addOnlyUpdateV1(a, Y.encodeStateVector(a))
    expect(Array.from(u)).toEqual([0, 0])
  })
})
