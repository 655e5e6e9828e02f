/**
 * The session doc's schema and its typed read/write API (document scope).
 *
 *   meta:  Y.Map   { schema, title, createdAt }
 *   notes: Y.Map<noteId, Y.Map { text, x, y, color, createdAt, updatedAt }>
 *
 * Each note is its own Y.Map so that a move on one device and a recolour on another merge
 * field by field instead of one overwriting the other. A note has no author field.
 *
 * Every write runs inside `doc.transact(fn, origin)` with LOCAL_ORIGIN so that local and remote
 * changes can be told apart. Offline, writes simply accumulate in the doc (and in IndexedDB via
 * y-dexie); they reach peers when the provider reconnects. Concurrent edits of the same field:
 * last writer wins per field (Yjs map semantics); a delete concurrent with an edit deletes.
 */
import * as Y from 'yjs'
import {
  clampPosition,
  isNoteColor,
  isNoteId,
  noteFieldsFromRemote,
  noteFromRemote,
  validateNoteText,
  type Note,
  type NoteColor,
  type NoteId,
  type NoteTextProblem,
} from '../domain/notes.ts'
import { validateTitle } from '../domain/workshop.ts'
import { b64, unb64 } from './base64.ts'
import { asSealedText, type SealedText } from './noteSealing.ts'
import { isQuestionId, validateAnswers, type EquityAnswer, type EquityAnswers, type QuestionId } from '../domain/equityCheck.ts'

/** The session doc, as other layers may name it without importing yjs. */
export type SessionDoc = Y.Doc

export const DOC_SCHEMA_VERSION = 1
export const LOCAL_ORIGIN = Symbol('medvirk-local')

export interface SessionMeta {
  title: string
  createdAt: number
  schema: number
}

export type CommandResult = { ok: true } | { ok: false; problem: NoteTextProblem | 'notFound' }

function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('notes')
}

export function readMeta(doc: Y.Doc): SessionMeta | null {
  const m = doc.getMap('meta')
  const title = m.get('title')
  if (typeof title !== 'string') return null
  const t = validateTitle(title)
  return { title: t.ok ? t.title : title.slice(0, 120), createdAt: Number(m.get('createdAt')) || 0, schema: Number(m.get('schema')) || 0 }
}

export function initMeta(doc: Y.Doc, title: string, createdAt: number): void {
  doc.transact(() => {
    const m = doc.getMap('meta')
    m.set('schema', DOC_SCHEMA_VERSION)
    m.set('title', title)
    m.set('createdAt', createdAt)
  }, LOCAL_ORIGIN)
}

export function setTitle(doc: Y.Doc, title: string): void {
  doc.transact(() => doc.getMap('meta').set('title', title), LOCAL_ORIGIN)
}

/**
 * The board in one pass: validated notes, and the notes whose text is sealed (a hidden step) for
 * the devices that can open them. Entries a peer wrote that are neither are skipped.
 */
export function readBoard(doc: Y.Doc): { notes: Note[]; sealed: SealedNoteEntry[] } {
  const notes: Note[] = []
  const sealed: SealedNoteEntry[] = []
  notesMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const raw = value.toJSON() as Record<string, unknown>
    const n = noteFromRemote(id, raw)
    if (n) {
      notes.push(n)
      return
    }
    if (!isNoteId(id)) return
    const s = asSealedText(raw.sealed)
    if (s) sealed.push({ id, sealed: s, ...noteFieldsFromRemote(raw) })
  })
  return { notes, sealed }
}

/** Validated notes, for the view. Entries a peer wrote that are not notes are skipped. */
export function readNotes(doc: Y.Doc): Note[] {
  return readBoard(doc).notes
}

/** A note of a hidden step as it sits in the doc: sealed text, no plaintext (sync/noteSealing.ts). */
export interface SealedNoteEntry {
  id: NoteId
  sealed: SealedText
  x: number
  y: number
  color: NoteColor
  createdAt: number
  updatedAt: number
}

/** Notes whose text is sealed (and that carry no plaintext): for the devices that can open them. */
export function readSealedNotes(doc: Y.Doc): SealedNoteEntry[] {
  return readBoard(doc).sealed
}

/** Publishes a note of a hidden step: its text sealed, nothing readable in the doc. */
export function addSealedNote(doc: Y.Doc, input: Omit<NewNote, 'text'>, sealed: SealedText): void {
  const pos = clampPosition(input.x, input.y)
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('sealed', { ...sealed })
    m.set('x', pos.x)
    m.set('y', pos.y)
    m.set('color', input.color)
    m.set('createdAt', input.now)
    m.set('updatedAt', input.now)
    notesMap(doc).set(input.id, m)
  }, LOCAL_ORIGIN)
}

export function editSealedNote(doc: Y.Doc, id: NoteId, sealed: SealedText, now: number): CommandResult {
  return withNote(doc, id, (m) => {
    m.set('sealed', { ...sealed })
    m.set('updatedAt', now)
  })
}

/**
 * After the reveal: writes the opened text into sealed notes and drops the ciphertext, so that
 * exports, archives and every later reader see ordinary notes. Only notes still sealed with the
 * same ciphertext are touched (a newer edit is opened on its own).
 */
export function unsealNotes(doc: Y.Doc, opened: readonly { id: NoteId; sealed: SealedText; text: string }[]): number {
  let n = 0
  doc.transact(() => {
    for (const o of opened) {
      const m = notesMap(doc).get(o.id)
      if (!(m instanceof Y.Map)) continue
      const cur = asSealedText(m.get('sealed'))
      if (!cur || cur.c !== o.sealed.c) continue
      const v = validateNoteText(o.text)
      if (!v.ok) continue
      m.set('text', v.text)
      m.delete('sealed')
      n++
    }
  }, LOCAL_ORIGIN)
  return n
}

/** This doc's state vector (base64): what a signed input lock covers. */
export function stateVectorBase64(doc: Y.Doc): string {
  return b64(Y.encodeStateVector(doc))
}

/**
 * The notes created after a lock's state vector (their creation is not covered by it), whatever
 * time their writer put in them. Edits of older notes are not checked (see THREAT_MODEL.md).
 */
export function notesAfterLock(doc: Y.Doc, svBase64: string): Set<string> {
  const out = new Set<string>()
  let sv: Map<number, number>
  try {
    sv = Y.decodeStateVector(unb64(svBase64))
  } catch {
    return out
  }
  const entries = (notesMap(doc) as unknown as { _map: Map<string, Y.Item> })._map
  for (const [id, item] of entries) {
    if (item.deleted) continue
    if (item.id.clock >= (sv.get(item.id.client) ?? 0)) out.add(id)
  }
  return out
}

export interface NewNote {
  id: NoteId
  text: string
  color: NoteColor
  x: number
  y: number
  now: number
}

/** A note's Y.Map from validated text: one map per note so its fields merge independently. */
function noteMap(input: NewNote, text: string): Y.Map<unknown> {
  const pos = clampPosition(input.x, input.y)
  const m = new Y.Map<unknown>()
  m.set('text', text)
  m.set('x', pos.x)
  m.set('y', pos.y)
  m.set('color', input.color)
  m.set('createdAt', input.now)
  m.set('updatedAt', input.now)
  return m
}

export function addNote(doc: Y.Doc, input: NewNote): CommandResult {
  const v = validateNoteText(input.text)
  if (!v.ok) return { ok: false, problem: v.problem }
  doc.transact(() => notesMap(doc).set(input.id, noteMap(input, v.text)), LOCAL_ORIGIN)
  return { ok: true }
}

/** Adds many notes in one transaction (one update, one stored row): imports and tests. */
export function addNotes(doc: Y.Doc, inputs: readonly NewNote[]): number {
  let added = 0
  doc.transact(() => {
    for (const input of inputs) {
      const v = validateNoteText(input.text)
      if (!v.ok) continue
      notesMap(doc).set(input.id, noteMap(input, v.text))
      added++
    }
  }, LOCAL_ORIGIN)
  return added
}

function withNote(doc: Y.Doc, id: NoteId, fn: (m: Y.Map<unknown>) => void): CommandResult {
  const m = notesMap(doc).get(id)
  if (!(m instanceof Y.Map)) return { ok: false, problem: 'notFound' }
  doc.transact(() => fn(m), LOCAL_ORIGIN)
  return { ok: true }
}

export function editNoteText(doc: Y.Doc, id: NoteId, text: string, now: number): CommandResult {
  const v = validateNoteText(text)
  if (!v.ok) return { ok: false, problem: v.problem }
  return withNote(doc, id, (m) => {
    if (m.get('text') !== v.text) m.set('text', v.text)
    m.set('updatedAt', now)
  })
}

export function moveNote(doc: Y.Doc, id: NoteId, x: number, y: number): CommandResult {
  const pos = clampPosition(x, y)
  return withNote(doc, id, (m) => {
    if (m.get('x') !== pos.x) m.set('x', pos.x)
    if (m.get('y') !== pos.y) m.set('y', pos.y)
  })
}

export function recolorNote(doc: Y.Doc, id: NoteId, color: NoteColor): CommandResult {
  if (!isNoteColor(color)) return { ok: false, problem: 'notFound' }
  return withNote(doc, id, (m) => m.set('color', color))
}

export function deleteNote(doc: Y.Doc, id: NoteId): CommandResult {
  if (!notesMap(doc).has(id)) return { ok: false, problem: 'notFound' }
  doc.transact(() => notesMap(doc).delete(id), LOCAL_ORIGIN)
  return { ok: true }
}

export interface Cluster {
  id: string
  name: string
  createdAt: number
}

export const CLUSTER_NAME_MAX = 60

function clustersMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('clusters')
}

/** Clusters (named groups of notes), validated on read like notes. */
export function readClusters(doc: Y.Doc): Cluster[] {
  const out: Cluster[] = []
  clustersMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map) || !/^[A-Za-z0-9_-]{8,40}$/.test(id)) return
    const name = m.get('name')
    if (typeof name !== 'string' || !name.trim()) return
    out.push({ id, name: Array.from(name).slice(0, CLUSTER_NAME_MAX).join(''), createdAt: Number(m.get('createdAt')) || 0 })
  })
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

/**
 * Which cluster each note is in (noteId → clusterId); notes in deleted clusters count as
 * ungrouped. Takes the clusters already read, so a snapshot reads them once.
 */
export function readNoteClusters(doc: Y.Doc, clusters: readonly Cluster[]): Map<string, string> {
  const known = new Set(clusters.map((c) => c.id))
  const out = new Map<string, string>()
  notesMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return
    const c = m.get('cluster')
    if (typeof c === 'string' && known.has(c)) out.set(id, c)
  })
  return out
}

export type ClusterResult = { ok: true } | { ok: false; problem: 'empty' | 'tooLong' | 'notFound' }

function validClusterName(name: string): ClusterResult & { name?: string } {
  const n = name.replace(/\s+/g, ' ').trim()
  if (!n) return { ok: false, problem: 'empty' }
  if (Array.from(n).length > CLUSTER_NAME_MAX) return { ok: false, problem: 'tooLong' }
  return { ok: true, name: n }
}

export function addCluster(doc: Y.Doc, id: string, name: string, now: number): ClusterResult {
  const v = validClusterName(name)
  if (!v.ok || !v.name) return v.ok ? { ok: false, problem: 'empty' } : v
  const clean = v.name
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('name', clean)
    m.set('createdAt', now)
    clustersMap(doc).set(id, m)
  }, LOCAL_ORIGIN)
  return { ok: true }
}

export function renameCluster(doc: Y.Doc, id: string, name: string): ClusterResult {
  const v = validClusterName(name)
  if (!v.ok || !v.name) return v.ok ? { ok: false, problem: 'empty' } : v
  const m = clustersMap(doc).get(id)
  if (!(m instanceof Y.Map)) return { ok: false, problem: 'notFound' }
  const clean = v.name
  doc.transact(() => m.set('name', clean), LOCAL_ORIGIN)
  return { ok: true }
}

/** Deletes a cluster; its notes become ungrouped (their stale cluster id is ignored on read). */
export function deleteCluster(doc: Y.Doc, id: string): ClusterResult {
  if (!clustersMap(doc).has(id)) return { ok: false, problem: 'notFound' }
  doc.transact(() => clustersMap(doc).delete(id), LOCAL_ORIGIN)
  return { ok: true }
}

export function setNoteCluster(doc: Y.Doc, noteId: NoteId, clusterId: string | null): CommandResult {
  return withNote(doc, noteId, (m) => {
    if (clusterId === null) m.delete('cluster')
    else m.set('cluster', clusterId)
  })
}

function equityMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('equity')
}

/**
 * The equity-check answers of a step (document scope), validated on read: an entry a peer wrote
 * that is not a valid answer is skipped. Entries are flat, keyed `stepId|questionId`, so two
 * devices answering different questions at once both keep their answers (a nested map per step
 * created concurrently on two devices would lose one side); same question: last writer wins.
 */
export function readEquity(doc: Y.Doc, stepId: string): EquityAnswers {
  const out: EquityAnswers = {}
  const prefix = `${stepId}|`
  equityMap(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return
    const qid = key.slice(prefix.length)
    if (!isQuestionId(qid)) return
    const r = validateAnswers({ [qid]: value })
    if (r.ok && r.answers[qid]) out[qid] = r.answers[qid]
  })
  return out
}

export function writeEquityAnswer(doc: Y.Doc, stepId: string, qid: QuestionId, answer: EquityAnswer): boolean {
  const r = validateAnswers({ [qid]: answer })
  if (!r.ok) return false
  doc.transact(() => equityMap(doc).set(`${stepId}|${qid}`, r.answers[qid]), LOCAL_ORIGIN)
  return true
}

export const EQUITY_SUBJECT_MAX = 280
export type EquitySubject = { kind: 'cluster' | 'note'; id: string } | { kind: 'text'; text: string }

/**
 * What an equity-check step checks: one intervention, as a cluster, a note or typed text. Stored
 * as one entry `stepId|subject`, validated on read (a forged value reads as "not chosen yet").
 */
export function readEquitySubject(doc: Y.Doc, stepId: string): EquitySubject | null {
  const raw = equityMap(doc).get(`${stepId}|subject`)
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if ((r.kind === 'cluster' || r.kind === 'note') && typeof r.id === 'string' && /^[A-Za-z0-9_-]{8,40}$/.test(r.id)) return { kind: r.kind, id: r.id }
  if (r.kind === 'text' && typeof r.text === 'string' && r.text.trim()) return { kind: 'text', text: Array.from(r.text.trim()).slice(0, EQUITY_SUBJECT_MAX).join('') }
  return null
}

export function writeEquitySubject(doc: Y.Doc, stepId: string, subject: EquitySubject | null): boolean {
  if (subject?.kind === 'text') {
    const text = subject.text.replace(/\s+/g, ' ').trim()
    if (!text || Array.from(text).length > EQUITY_SUBJECT_MAX) return false
    doc.transact(() => equityMap(doc).set(`${stepId}|subject`, { kind: 'text', text }), LOCAL_ORIGIN)
    return true
  }
  doc.transact(() => (subject ? equityMap(doc).set(`${stepId}|subject`, { kind: subject.kind, id: subject.id }) : equityMap(doc).delete(`${stepId}|subject`)), LOCAL_ORIGIN)
  return true
}

/** Calls `cb` after every change to notes or meta, local or remote. */
export function observeSession(doc: Y.Doc, cb: () => void): () => void {
  const notes = notesMap(doc)
  const meta = doc.getMap('meta')
  const clusters = clustersMap(doc)
  const onNotes = () => cb()
  const onMeta = () => cb()
  notes.observeDeep(onNotes)
  meta.observe(onMeta)
  clusters.observeDeep(onNotes)
  const equity = equityMap(doc)
  equity.observe(onMeta)
  return () => {
    equity.unobserve(onMeta)
    notes.unobserveDeep(onNotes)
    meta.unobserve(onMeta)
    clusters.unobserveDeep(onNotes)
  }
}

export function encodeFullState(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdateV2(doc)
}
