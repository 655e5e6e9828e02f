/**
 * Session archives and the session doc: export the whole doc as one Yjs update (V2) with its
 * SHA-256, and merge an archive back into a doc with `Y.applyUpdateV2` — a CRDT merge, so what the
 * importing device already had stays and what the archive adds arrives; nothing is lost, and
 * importing the same archive twice changes nothing the second time.
 *
 * The merge is planned on a scratch copy first (`prepareMerge`): the checksum is verified, the
 * update is applied to a copy of the doc, and only if that works do we know whether anything new
 * would arrive and how many notes. The caller can then store the update (and see a full disk)
 * before the live doc changes (`applyArchiveUpdate`), so a failed import leaves no trace.
 */
import * as Y from 'yjs'
import { archiveToJson, buildArchive, type Archive, type ArchiveProblem } from '../domain/archive.ts'
import type { WorkshopRole } from '../domain/workshop.ts'
import { b64, unb64 } from './base64.ts'
import { readMeta, readNotes } from './sessionDoc.ts'

/** Origin of archive merges made through `mergeArchive` without an explicit origin. */
/** Re-exported so the app can read a title after loading this module lazily. */
export { readMeta }

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

/** The archive of a doc, as JSON text. The doc's own title and creation time win over `meta`'s. */
export async function exportArchive(doc: Y.Doc, meta: ArchiveSessionMeta, now: number): Promise<string> {
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
  return archiveToJson(archive)
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

export interface MergePlan {
  ok: true
  /** The verified archive update, to store and then apply. */
  update: Uint8Array
  /** Whether the archive has anything the doc does not (new content or deletions). */
  changed: boolean
  /** Notes in the merged doc that the doc did not have. */
  notesAdded: number
  /** The merged doc's title (null: none yet). */
  title: string | null
}

/**
 * Verifies the archive and merges it into a scratch copy of `doc` (null: an empty doc). The live
 * doc is not touched. A doc update that Yjs cannot read is reported as `malformed` at `doc.base64`.
 */
export async function prepareMerge(doc: Y.Doc | null, archive: Archive): Promise<MergePlan | { ok: false; problems: ArchiveProblem[] }> {
  const verified = await archiveUpdate(archive)
  if (!verified.ok) return verified
  const scratch = new Y.Doc()
  try {
    const before = new Set<string>()
    if (doc) {
      Y.applyUpdateV2(scratch, Y.encodeStateAsUpdateV2(doc))
      for (const n of readNotes(scratch)) before.add(n.id)
    }
    let changed = false
    // Yjs emits an update only when a transaction inserted or deleted something.
    const onUpdate = () => {
      changed = true
    }
    scratch.on('updateV2', onUpdate)
    try {
      Y.applyUpdateV2(scratch, verified.update)
    } finally {
      scratch.off('updateV2', onUpdate)
    }
    const notesAdded = readNotes(scratch).filter((n) => !before.has(n.id)).length
    return { ok: true, update: verified.update, changed, notesAdded, title: readMeta(scratch)?.title || null }
  } catch {
    return { ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] }
  } finally {
    scratch.destroy()
  }
}

/**
 * Applies a verified archive update to the live doc. Pass the storage provider's origin when the
 * caller has already stored the update itself, so it is not stored twice; peers connected to the
 * doc receive the merged content as usual.
 */
export function applyArchiveUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown = ARCHIVE_ORIGIN): void {
  Y.applyUpdateV2(doc, update, origin)
}

export type MergeResult = { ok: true; changed: boolean; notesAdded: number } | { ok: false; problems: ArchiveProblem[] }

/** Verifies and merges an archive into `doc` (nothing is lost: Yjs merges both sides' changes). */
export async function mergeArchive(doc: Y.Doc, archive: Archive, origin?: unknown): Promise<MergeResult> {
  const plan = await prepareMerge(doc, archive)
  if (!plan.ok) return plan
  if (plan.changed) applyArchiveUpdate(doc, plan.update, origin)
  return { ok: true, changed: plan.changed, notesAdded: plan.notesAdded }
}
