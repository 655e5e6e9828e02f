/**
 * What the facilitator or planner adds for the export, kept in the session doc so it travels with
 * the archive and every device that exports sees the same (document scope):
 *
 *   redactions: Y.Map<noteId, string>           the text exports print instead of the note's own
 *   statusLog:  Y.Map<entryId, { at, kind, text }>  recommendation → decision → fed back to the youth
 *   exportMeta: Y.Map<'municipality' | 'reference' | 'notReached' | 'dissent' | 'participants', string | number>
 *
 * Redaction never touches the note itself: the original stays in the doc (and on the board), only
 * exports use the redacted text. Everything is validated on read; what a peer forged is skipped.
 */
import type * as Y from 'yjs'
import { STATUS_KINDS, type StatusEntry, type StatusKind } from '../domain/statusLog.ts'
import { LOCAL_ORIGIN } from './sessionDoc.ts'

export const REDACTION_MAX = 280
export const STATUS_TEXT_MAX = 500
export const EXPORT_TEXT_MAX = 2000
export const EXPORT_META_KEYS = ['municipality', 'reference', 'notReached', 'dissent'] as const
export type ExportMetaKey = (typeof EXPORT_META_KEYS)[number]
export interface ExportMeta {
  municipality: string
  reference: string
  notReached: string
  dissent: string
  /** The most participants at once, as the facilitator saw or typed it; 0 = not known. */
  participants: number
}
export type StatusLogEntry = StatusEntry & { id: string }

const ID = /^[A-Za-z0-9_-]{8,40}$/
const cut = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('')

export function readRedactions(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {}
  doc.getMap<unknown>('redactions').forEach((v, k) => {
    if (ID.test(k) && typeof v === 'string') out[k] = cut(v, REDACTION_MAX)
  })
  return out
}

/** Sets the text exports print for a note; null or the original text removes the redaction. */
export function writeRedaction(doc: Y.Doc, noteId: string, text: string | null): boolean {
  if (!ID.test(noteId)) return false
  if (text !== null && Array.from(text.trim()).length > REDACTION_MAX) return false
  doc.transact(() => {
    const m = doc.getMap<unknown>('redactions')
    if (text === null) m.delete(noteId)
    else m.set(noteId, text.trim())
  }, LOCAL_ORIGIN)
  return true
}

export function readStatusLog(doc: Y.Doc): StatusLogEntry[] {
  const out: StatusLogEntry[] = []
  doc.getMap<unknown>('statusLog').forEach((v, id) => {
    if (!ID.test(id) || typeof v !== 'object' || v === null) return
    const r = v as Record<string, unknown>
    if (typeof r.at !== 'number' || !Number.isFinite(r.at) || !STATUS_KINDS.includes(r.kind as StatusKind) || typeof r.text !== 'string') return
    out.push({ id, at: r.at, kind: r.kind as StatusKind, text: cut(r.text, STATUS_TEXT_MAX) })
  })
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
}

export function addStatusEntry(doc: Y.Doc, id: string, entry: StatusEntry): boolean {
  if (!ID.test(id) || !STATUS_KINDS.includes(entry.kind) || !Number.isFinite(entry.at)) return false
  const text = entry.text.trim()
  if (Array.from(text).length > STATUS_TEXT_MAX) return false
  doc.transact(() => doc.getMap<unknown>('statusLog').set(id, { at: entry.at, kind: entry.kind, text }), LOCAL_ORIGIN)
  return true
}

export function removeStatusEntry(doc: Y.Doc, id: string): void {
  doc.transact(() => doc.getMap<unknown>('statusLog').delete(id), LOCAL_ORIGIN)
}

export function readExportMeta(doc: Y.Doc): ExportMeta {
  const m = doc.getMap<unknown>('exportMeta')
  const str = (k: ExportMetaKey) => {
    const v = m.get(k)
    return typeof v === 'string' ? cut(v, EXPORT_TEXT_MAX) : ''
  }
  const p = m.get('participants')
  return {
    municipality: str('municipality'),
    reference: str('reference'),
    notReached: str('notReached'),
    dissent: str('dissent'),
    participants: typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 100_000 ? p : 0,
  }
}

export function writeExportMeta(doc: Y.Doc, patch: Partial<ExportMeta>): boolean {
  for (const k of EXPORT_META_KEYS) {
    const v = patch[k]
    if (v !== undefined && Array.from(v).length > EXPORT_TEXT_MAX) return false
  }
  const p = patch.participants
  if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p <= 100_000)) return false
  doc.transact(() => {
    const m = doc.getMap<unknown>('exportMeta')
    for (const k of EXPORT_META_KEYS) {
      const v = patch[k]
      if (v !== undefined) m.set(k, v.trim())
    }
    if (p !== undefined) m.set('participants', p)
  }, LOCAL_ORIGIN)
  return true
}

export function observeExport(doc: Y.Doc, cb: () => void): () => void {
  const maps = ['redactions', 'statusLog', 'exportMeta'].map((n) => doc.getMap<unknown>(n))
  const on = () => cb()
  for (const m of maps) m.observe(on)
  return () => {
    for (const m of maps) m.unobserve(on)
  }
}
