/**
 * Reading an archive without keeping it (compare sessions, issue 6): the checksum is verified,
 * the doc update is loaded into a throwaway Y.Doc, the signed template and flow log are verified
 * against the facilitator's public key, and the doc is destroyed again. Nothing is stored and no
 * live doc is touched; importing (services.importArchive) is a different path.
 *
 * The key: the one the exporting device trusted (`session.facilitatorKey`), else the one in the
 * doc (`meta.fkey`, trust on first use, as a device that joins without a fingerprint would). A
 * record signed by any other key is skipped by the verifier, as everywhere else.
 */
import * as Y from 'yjs'
import type { Archive, ArchiveProblem } from '../domain/archive.ts'
import { archiveUpdate } from './archiveDoc.ts'
import { FlowVerifier, readFacilitatorKey, type VerifiedFlow } from './flowLog.ts'
import { readMeta } from './sessionDoc.ts'

export interface ArchiveReadout {
  /** The doc's own title and creation time (null: the doc has none). */
  title: string | null
  createdAt: number | null
  /** The key the flow was verified with (null: none known, so nothing verified). */
  key: string | null
  flow: VerifiedFlow
}

export type ArchiveReadResult = { ok: true; readout: ArchiveReadout } | { ok: false; problems: ArchiveProblem[] }

export async function readArchiveDoc(archive: Archive): Promise<ArchiveReadResult> {
  const verified = await archiveUpdate(archive)
  if (!verified.ok) return verified
  const doc = new Y.Doc()
  try {
    try {
      Y.applyUpdateV2(doc, verified.update)
    } catch {
      return { ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] }
    }
    const meta = readMeta(doc)
    const key = archive.session.facilitatorKey ?? readFacilitatorKey(doc)
    const flow = await new FlowVerifier(archive.session.id).verifyDoc(doc, key)
    return { ok: true, readout: { title: meta?.title || null, createdAt: meta?.createdAt || null, key, flow } }
  } finally {
    doc.destroy()
  }
}
