/**
 * Session archives and the session doc: export the whole doc as one Yjs update (V2) with its
 * SHA-256, signed by the facilitator key when the exporting device has it; verify a signature;
 * and merge an archive into a doc **add-only**.
 *
 * Add-only: a plain `Y.applyUpdate` of an archive would also apply the archive's delete set, so an
 * archive crafted to carry deletions (a copy of the doc with everything deleted, with a correct
 * checksum and even a valid signature) would delete every note and the flow log on the importing
 * device, and from there on every device in the room. So the archive is applied into a throwaway
 * doc T, and the importing doc receives only
 *   1. the structs it lacks: `encodeStateAsUpdate(T, stateVector(local))` (V1) with its delete set
 *      cut off (in V1 the delete set is the tail; its bytes are `encodeStateAsUpdate(T,
 *      stateVector(T))` minus the leading 0 struct-client count, checked before cutting), and
 *   2. T's deletions clipped to clock ranges the local doc did not have (for each client, the part
 *      of each range at or above the local state vector's clock), written as a V1 delete set.
 * So a deletion in the archive never reaches an item the device held before, and an item the
 * archive both created and deleted arrives deleted. Both parts are one V1 update, stored as V2.
 *
 * The merge is planned on a scratch copy first (`prepareMerge`): the checksum is verified, the
 * add-only update is applied to a copy of the doc, and the copy is compared before and after
 * (notes, flow records, plan fields added, changed or — through an overwrite with junk — made
 * unreadable). The caller can then show a preview, store the update (and see a full disk) before
 * the live doc changes (`applyArchiveUpdate`), so a failed import leaves no trace.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { archiveToJson, buildArchive, withSignature, type Archive, type ArchiveProblem, type ArchiveTrustProblemCode } from '../domain/archive.ts'
import type { WorkshopRole } from '../domain/workshop.ts'
import { b64, unb64 } from './base64.ts'
import { readFacilitatorKey } from './flowLog.ts'
import { archiveMessage, importPublicKey, sign, verify } from './flowSigning.ts'
import { readMeta, readNotes } from './sessionDoc.ts'

/** Origin of archive merges made through `mergeArchive` without an explicit origin. */
/** Re-exported so the app can read a title (and the doc's facilitator key) after loading this module lazily. */
export { readMeta, readFacilitatorKey }

export const ARCHIVE_ORIGIN = Symbol('medvirk-archive')

export interface ArchiveSessionMeta {
  id: string
  /** Used when the doc has no title yet. */
  title: string
  /** Used when the doc has no creation time. */
  createdAt: number
  code?: string
  role: WorkshopRole
  /** The facilitator's public key (SPKI, base64) this device trusts. Never the private key. */
  facilitatorKey?: string
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Base64 of large byte arrays in chunks (one String.fromCharCode call per 32 KiB). */
function bytesToBase64(bytes: Uint8Array): string {
  if (bytes.length < 32 * 1024) return b64(bytes)
  let s = ''
  for (let i = 0; i < bytes.length; i += 32 * 1024) s += String.fromCharCode(...bytes.subarray(i, i + 32 * 1024))
  return btoa(s)
}

/**
 * The archive of a doc, as JSON text. The doc's own title and creation time win over `meta`'s.
 * With `signingKey` (the facilitator's private key, whose public half is `meta.facilitatorKey`)
 * the archive is signed; without it (a participant's device) it is exported unsigned.
 */
export async function exportArchive(doc: Y.Doc, meta: ArchiveSessionMeta, now: number, signingKey?: CryptoKey): Promise<string> {
  const update = Y.encodeStateAsUpdateV2(doc)
  const m = readMeta(doc)
  const archive = buildArchive({
    exportedAt: now,
    session: {
      id: meta.id,
      title: m?.title || meta.title,
      createdAt: m?.createdAt || meta.createdAt,
      role: meta.role,
      ...(meta.code ? { code: meta.code } : {}),
      ...(meta.facilitatorKey ? { facilitatorKey: meta.facilitatorKey } : {}),
    },
    doc: { base64: bytesToBase64(update), sha256: await sha256Hex(update) },
  })
  const key = archive.session.facilitatorKey
  if (!signingKey || !key) return archiveToJson(archive)
  const value = await sign(signingKey, archiveMessage(archive.session.id, archive.doc.sha256, archive.exportedAt, key, archive.session.code ?? ''))
  return archiveToJson(withSignature(archive, value))
}

export interface TrustProblem {
  code: ArchiveTrustProblemCode
  path: string
}

export type SignatureCheck = { ok: true; signature: 'verified' | 'unsigned' } | { ok: false; problems: (TrustProblem | ArchiveProblem)[] }

/**
 * Checks an archive's signature. `trustedKey`: the key this device trusts for the session (its
 * pinned key or its own facilitator key; null for a session new to the device, which then checks
 * the archive against the key it names). A signed archive by another key than the trusted one is
 * `otherKey`; a signature that does not verify over the archive's workshop id, checksum, export
 * time, key and code is `badSignature`. An unsigned archive is `unsigned` (its origin unknown).
 */
export async function checkArchiveSignature(archive: Archive, trustedKey: string | null): Promise<SignatureCheck> {
  const sig = archive.signature
  if (!sig) return { ok: true, signature: 'unsigned' }
  // A doc that does not match its checksum is damaged (reported by `archiveUpdate`), not forged.
  const bytes = await archiveUpdate(archive)
  if (!bytes.ok) return bytes
  const key = archive.session.facilitatorKey
  if (!key) return { ok: false, problems: [{ code: 'badSignature', path: 'signature' }] }
  if (trustedKey && trustedKey !== key) return { ok: false, problems: [{ code: 'otherKey', path: 'session.facilitatorKey' }] }
  const publicKey = await importPublicKey(key)
  const message = archiveMessage(archive.session.id, archive.doc.sha256, archive.exportedAt, key, archive.session.code ?? '')
  if (!publicKey || !(await verify(publicKey, message, sig.value))) return { ok: false, problems: [{ code: 'badSignature', path: 'signature' }] }
  return { ok: true, signature: 'verified' }
}

export type ArchiveUpdateResult = { ok: true; update: Uint8Array } | { ok: false; problems: ArchiveProblem[] }

/** The archive's doc bytes, once their SHA-256 matches (a mismatch means a cut or altered file). */
export async function archiveUpdate(archive: Archive): Promise<ArchiveUpdateResult> {
  let update: Uint8Array
  try {
    update = unb64(archive.doc.base64)
  } catch {
    return { ok: false, problems: [{ code: 'truncated', path: 'doc.base64' }] }
  }
  if ((await sha256Hex(update)) !== archive.doc.sha256) return { ok: false, problems: [{ code: 'truncated', path: 'doc.sha256' }] }
  return { ok: true, update }
}

/** Counts of what a merge adds to, changes in or removes from a doc. */
export interface ItemCounts {
  notes: number
  records: number
  planFields: number
}

export interface MergePlan {
  ok: true
  /**
   * The add-only update (V2) to store and then apply at once: what the doc lacks, no deletion of
   * what it had. Planned against the doc's state at planning time (empty when nothing changes).
   */
  update: Uint8Array
  /** Whether the update changes the doc at all (false: nothing new, e.g. the same archive twice). */
  changed: boolean
  /** Notes in the merged doc that the doc did not have (= added.notes). */
  notesAdded: number
  added: ItemCounts
  /** Items the doc had whose value the archive overwrites (a moved or edited note, an edited plan field). */
  modified: Pick<ItemCounts, 'notes' | 'planFields'>
  /** Items the doc had that are gone or unreadable after the merge: only an overwrite with junk can do this. */
  removed: ItemCounts
  /** The merged doc's title (null: none yet). */
  title: string | null
}

// --- the add-only update -----------------------------------------------------------------------

/** A delete set as client → [clock, len] ranges (V1 layout). */
export type DeleteRanges = Map<number, [number, number][]>

/** Reads a V1 delete set (the tail of a V1 update). */
export function readDeleteSetV1(bytes: Uint8Array): DeleteRanges {
  const d = decoding.createDecoder(bytes)
  const out: DeleteRanges = new Map()
  const clients = decoding.readVarUint(d)
  for (let i = 0; i < clients; i++) {
    const client = decoding.readVarUint(d)
    const n = decoding.readVarUint(d)
    const ranges: [number, number][] = []
    for (let j = 0; j < n; j++) ranges.push([decoding.readVarUint(d), decoding.readVarUint(d)])
    out.set(client, ranges)
  }
  if (decoding.hasContent(d)) throw new Error('delete set: trailing bytes')
  return out
}

/** Writes a delete set as Yjs's `writeDeleteSet` does for V1 (clients in descending order). */
function writeDeleteSetV1(encoder: encoding.Encoder, ds: DeleteRanges): void {
  const clients = [...ds.entries()].filter(([, r]) => r.length > 0).sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(encoder, clients.length)
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
}

/** A V1 update with no structs and this delete set. */
export function deleteOnlyUpdateV1(ds: DeleteRanges): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  writeDeleteSetV1(encoder, ds)
  return encoding.toUint8Array(encoder)
}

/** Keeps the part of each deleted range at or above the clock the local doc had for that client. */
export function clipDeleteSet(ds: DeleteRanges, localState: Map<number, number>): DeleteRanges {
  const out: DeleteRanges = new Map()
  for (const [client, ranges] of ds) {
    const known = localState.get(client) ?? 0
    const kept: [number, number][] = []
    for (const [clock, len] of ranges) {
      const start = Math.max(clock, known)
      const end = clock + len
      if (end > start) kept.push([start, end - start])
    }
    if (kept.length > 0) out.set(client, kept)
  }
  return out
}

/** The delete set of a doc in V1 bytes: its update against its own state vector, minus the leading 0 struct count. */
export function deleteSetTail(source: Y.Doc): Uint8Array {
  const all = Y.encodeStateAsUpdate(source, Y.encodeStateVector(source))
  // No struct is missing from a doc's own state vector, so the update is [0 struct clients][delete set].
  if (all[0] !== 0) throw new Error('archive doc has pending structs')
  return all.subarray(1)
}

/**
 * The update (V1) that brings `source` (the archive, applied to a throwaway doc) into a doc whose
 * state vector is `localState` add-only: every struct the local doc lacks, and of the source's
 * deletions only those of items the local doc never had.
 */
export function addOnlyUpdateV1(source: Y.Doc, localState: Uint8Array): Uint8Array {
  const full = Y.encodeStateAsUpdate(source, localState)
  const tail = deleteSetTail(source)
  const cut = full.length - tail.length
  if (cut < 1) throw new Error('update shorter than its delete set')
  for (let i = 0; i < tail.length; i++) if (full[cut + i] !== tail[i]) throw new Error('update does not end with its delete set')
  const clipped = clipDeleteSet(readDeleteSetV1(tail), Y.decodeStateVector(localState))
  const encoder = encoding.createEncoder()
  encoding.writeUint8Array(encoder, full.subarray(0, cut))
  writeDeleteSetV1(encoder, clipped)
  return encoding.toUint8Array(encoder)
}

// --- what a doc shows, to compare before and after ---------------------------------------------

interface Visible {
  /** Every note entry (a map under `notes`, readable or sealed) as JSON. */
  notes: Map<string, string>
  /** The ids of the notes a board can read. */
  readable: Set<string>
  records: string[]
  plan: Map<string, string>
}

function visible(doc: Y.Doc): Visible {
  const notes = new Map<string, string>()
  doc.getMap<unknown>('notes').forEach((value, id) => {
    if (value instanceof Y.Map) notes.set(id, JSON.stringify(value.toJSON()))
  })
  const readable = new Set(readNotes(doc).map((n) => n.id as string))
  const records = doc.getArray<unknown>('flow').toArray().map((r) => JSON.stringify(r) ?? 'null')
  const plan = new Map<string, string>()
  doc.getMap<unknown>('plan').forEach((value, key) => plan.set(key, JSON.stringify(value) ?? 'null'))
  return { notes, readable, records, plan }
}

/** Notes gone, or readable before and not after (overwritten with something that is not a note). */
function notesRemoved(before: Visible, after: Visible): number {
  const gone = new Set<string>()
  for (const id of before.notes.keys()) if (!after.notes.has(id)) gone.add(id)
  for (const id of before.readable) if (!after.readable.has(id)) gone.add(id)
  return gone.size
}

function compareMaps(before: Map<string, string>, after: Map<string, string>) {
  let added = 0
  let modified = 0
  let removed = 0
  for (const [k, v] of after) {
    const old = before.get(k)
    if (old === undefined) added++
    else if (old !== v) modified++
  }
  for (const k of before.keys()) if (!after.has(k)) removed++
  return { added, modified, removed }
}

function compareLists(before: string[], after: string[]) {
  const left = new Map<string, number>()
  for (const r of before) left.set(r, (left.get(r) ?? 0) + 1)
  let added = 0
  for (const r of after) {
    const n = left.get(r) ?? 0
    if (n > 0) left.set(r, n - 1)
    else added++
  }
  let removed = 0
  for (const n of left.values()) removed += n
  return { added, removed }
}

/** A top-level map entry's value, with the kinds of its nested shared types, to write it again. */
type Snap = { t: 'val'; v: unknown } | { t: 'map'; e: [string, Snap][] } | { t: 'arr'; items: Snap[] } | { t: 'text'; s: string }

function snap(v: unknown): Snap {
  if (v instanceof Y.Map) return { t: 'map', e: [...v.entries()].map(([k, x]) => [k, snap(x)]) }
  if (v instanceof Y.Array) return { t: 'arr', items: v.toArray().map(snap) }
  if (v instanceof Y.Text) return { t: 'text', s: v.toString() }
  return { t: 'val', v }
}

function rebuild(s: Snap): unknown {
  if (s.t === 'val') return s.v
  if (s.t === 'text') return new Y.Text(s.s)
  if (s.t === 'arr') {
    const a = new Y.Array<unknown>()
    a.push(s.items.map(rebuild))
    return a
  }
  const m = new Y.Map<unknown>()
  for (const [k, x] of s.e) m.set(k, rebuild(x))
  return m
}

/** Every live entry of every top-level map of a doc, by map name and key. */
function liveEntries(doc: Y.Doc): Map<string, Map<string, Snap>> {
  const out = new Map<string, Map<string, Snap>>()
  for (const [name, type] of doc.share) {
    const entries = new Map<string, Snap>()
    for (const [key, item] of type._map) if (!item.deleted) entries.set(key, snap(doc.getMap(name).get(key)))
    if (entries.size > 0) out.set(name, entries)
  }
  return out
}

/**
 * Verifies the archive's checksum and plans an add-only merge into a scratch copy of `doc` (null:
 * an empty doc). The live doc is not touched. A doc update that Yjs cannot read (or that has
 * pending structs, i.e. refers to content it does not carry) is `malformed` at `doc.base64`.
 *
 * Besides the delete set, a map entry can vanish one more way: the archive writes a value for a
 * key the doc has (concurrently, so Yjs orders it last and its integration deletes the doc's
 * value) and then deletes its own value. Such entries are written again, in the same transaction,
 * with the value the doc had, so the planned update leaves every map entry the doc had in place.
 */
export async function prepareMerge(doc: Y.Doc | null, archive: Archive): Promise<MergePlan | { ok: false; problems: ArchiveProblem[] }> {
  const verified = await archiveUpdate(archive)
  if (!verified.ok) return verified
  const source = new Y.Doc()
  const scratch = new Y.Doc()
  try {
    Y.applyUpdateV2(source, verified.update)
    if (doc) Y.applyUpdateV2(scratch, Y.encodeStateAsUpdateV2(doc))
    const before = visible(scratch)
    const entries = liveEntries(scratch)
    const updateV1 = addOnlyUpdateV1(source, Y.encodeStateVector(scratch))
    // Yjs emits an update only when a transaction inserted or deleted something.
    let update: Uint8Array | null = null
    const onUpdate = (u: Uint8Array) => {
      update = u
    }
    scratch.on('updateV2', onUpdate)
    try {
      scratch.transact(() => {
        Y.applyUpdate(scratch, updateV1)
        for (const [name, kept] of entries) {
          const map = scratch.getMap<unknown>(name)
          for (const [key, value] of kept) if (!map.has(key)) map.set(key, rebuild(value))
        }
      }, ARCHIVE_ORIGIN)
    } finally {
      scratch.off('updateV2', onUpdate)
    }
    const after = visible(scratch)
    const notes = compareMaps(before.notes, after.notes)
    const plan = compareMaps(before.plan, after.plan)
    const records = compareLists(before.records, after.records)
    return {
      ok: true,
      update: update ?? new Uint8Array(0),
      changed: update !== null,
      notesAdded: notes.added,
      added: { notes: notes.added, records: records.added, planFields: plan.added },
      modified: { notes: notes.modified, planFields: plan.modified },
      removed: { notes: notesRemoved(before, after), records: records.removed, planFields: plan.removed },
      title: readMeta(scratch)?.title || null,
    }
  } catch {
    return { ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] }
  } finally {
    source.destroy()
    scratch.destroy()
  }
}

/**
 * Applies a planned add-only update to the live doc. Pass the storage provider's origin when the
 * caller has already stored the update itself, so it is not stored twice; peers connected to the
 * doc receive the added content as usual.
 */
export function applyArchiveUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown = ARCHIVE_ORIGIN): void {
  Y.applyUpdateV2(doc, update, origin)
}

export type MergeResult = { ok: true; changed: boolean; notesAdded: number } | { ok: false; problems: ArchiveProblem[] }

/**
 * Plans and applies an add-only merge of an archive into `doc`. Note: the update is planned against
 * the doc's state at planning time; apply it at once (as here) or plan again.
 */
export async function mergeArchive(doc: Y.Doc, archive: Archive, origin?: unknown): Promise<MergeResult> {
  const plan = await prepareMerge(doc, archive)
  if (!plan.ok) return plan
  if (plan.changed) applyArchiveUpdate(doc, plan.update, origin)
  return { ok: true, changed: plan.changed, notesAdded: plan.notesAdded }
}
