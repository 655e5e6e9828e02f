/**
 * The mapping matrix in the session doc (document scope). Three flat maps, so that concurrent
 * writes from different devices never clash on one key unless they really are about the same thing:
 *
 *   efforts:    Y.Map<effortId, Y.Map { text, status, targetGroup?, ownerRole?, source, createdAt }>
 *   placements: Y.Map<`${effortId}|${clientId}`, { sector, row, column, at }>
 *   reach:      Y.Map<`${effortId}|${nonce}`, 'yes' | 'no' | 'unsure'>
 *
 * Placement: a device that moves a card deletes every placement of that card it has seen and
 * writes its own. Two devices that move the same card while apart therefore leave two entries;
 * every device picks the same winner with `resolvePlacement` (later hybrid-clock time, then cell,
 * then device) and shows that the card was placed in two cells at once, until someone moves it again.
 *
 * Reach ("does this reach you?"): each device answers once per effort under a random nonce it
 * keeps locally, so a changed answer replaces the old one; only the counts are read. Nothing in an
 * entry names the device (the Yjs client id of the writer is visible to peers: THREAT_MODEL.md).
 */
import * as Y from 'yjs'
import {
  COLUMNS,
  EFFORT_FIELD_MAX,
  EFFORT_STATUSES,
  EFFORT_TEXT_MAX,
  cellKey,
  isColumn,
  isRow,
  resolvePlacement,
  type Cell,
  type Effort,
  type EffortStatus,
  type Placement,
  type Reach,
} from '../domain/matrix.ts'
import { LOCAL_ORIGIN } from './sessionDoc.ts'

export type EffortSource = 'note' | 'cluster' | 'example' | 'typed'
export const REACH_ANSWERS = ['yes', 'no', 'unsure'] as const
export type ReachAnswer = (typeof REACH_ANSWERS)[number]

/** An effort card as the matrix screen shows it: placed or not, with what is still missing. */
export interface MatrixCard {
  id: string
  text: string
  status: EffortStatus
  targetGroup: string
  ownerRole: string
  source: EffortSource
  createdAt: number
  /** null: still in the tray. */
  cell: Cell | null
  /** Set when two devices placed the card in different cells at once: the cell it did not go to. */
  conflict: Cell | null
  reach: Reach
}

const EFFORT_ID = /^[A-Za-z0-9_-]{1,64}$/
const SOURCES: readonly EffortSource[] = ['note', 'cluster', 'example', 'typed']
const cut = (s: string, max: number) => Array.from(s.replace(/\r\n?/g, '\n').trim()).slice(0, max).join('')

const effortsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('efforts')
const placementsMap = (doc: Y.Doc) => doc.getMap<unknown>('placements')
const reachMap = (doc: Y.Doc) => doc.getMap<unknown>('reach')

function placementFrom(effortId: string, key: string, raw: unknown, sectorIds: ReadonlySet<string>): Placement | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (typeof r.sector !== 'string' || !sectorIds.has(r.sector) || !isRow(r.row) || !isColumn(r.column)) return null
  const at = typeof r.at === 'number' && Number.isFinite(r.at) ? r.at : -Infinity
  return { effortId, sector: r.sector, row: r.row, column: r.column, at, device: key.slice(key.indexOf('|') + 1) }
}

/**
 * Every effort card, validated on read (entries a peer wrote that are not cards are skipped;
 * placements in sectors not in `sectorIds` count as not placed). Sorted by creation time, then id,
 * so every device lists them in the same order.
 */
export function readMatrix(doc: Y.Doc, sectorIds: readonly string[]): MatrixCard[] {
  const sectors = new Set(sectorIds)
  const placements = new Map<string, Placement[]>()
  placementsMap(doc).forEach((raw, key) => {
    const bar = key.indexOf('|')
    if (bar < 1) return
    const effortId = key.slice(0, bar)
    const p = placementFrom(effortId, key, raw, sectors)
    if (!p) return
    const list = placements.get(effortId)
    if (list) list.push(p)
    else placements.set(effortId, [p])
  })
  const reach = new Map<string, Reach>()
  reachMap(doc).forEach((answer, key) => {
    const bar = key.indexOf('|')
    if (bar < 1 || !REACH_ANSWERS.includes(answer as ReachAnswer)) return
    const id = key.slice(0, bar)
    const r = reach.get(id) ?? { yes: 0, no: 0, unsure: 0 }
    r[answer as ReachAnswer]++
    reach.set(id, r)
  })
  const out: MatrixCard[] = []
  effortsMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map) || !EFFORT_ID.test(id)) return
    const text = m.get('text')
    if (typeof text !== 'string' || !text.trim()) return
    const status = m.get('status')
    const source = m.get('source')
    const str = (k: string) => {
      const x = m.get(k)
      return typeof x === 'string' ? cut(x, EFFORT_FIELD_MAX) : ''
    }
    let cell: Cell | null = null
    let conflict: Cell | null = null
    const list = placements.get(id)
    if (list && list.length > 0) {
      const best = (ps: readonly Placement[]) => ps.reduce((w, p) => resolvePlacement(w, p).winner)
      const winner = best(list)
      cell = { sector: winner.sector, row: winner.row, column: winner.column }
      // The strongest placement into another cell: what "placed in two cells at once" names.
      const others = list.filter((p) => cellKey(p) !== cellKey(winner))
      if (others.length > 0) {
        const o = best(others)
        conflict = { sector: o.sector, row: o.row, column: o.column }
      }
    }
    out.push({
      id,
      text: cut(text, EFFORT_TEXT_MAX),
      status: EFFORT_STATUSES.includes(status as EffortStatus) ? (status as EffortStatus) : 'proposed',
      targetGroup: str('targetGroup'),
      ownerRole: str('ownerRole'),
      source: SOURCES.includes(source as EffortSource) ? (source as EffortSource) : 'typed',
      createdAt: Number(m.get('createdAt')) || 0,
      cell,
      conflict,
      reach: reach.get(id) ?? { yes: 0, no: 0, unsure: 0 },
    })
  })
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The placed cards as domain efforts, for the gap rules. */
export function placedEfforts(cards: readonly MatrixCard[]): Effort[] {
  const out: Effort[] = []
  for (const c of cards) {
    if (!c.cell) continue
    const e: Effort = { id: c.id, text: c.text, sector: c.cell.sector, row: c.cell.row, column: c.cell.column, status: c.status }
    if (c.targetGroup) e.targetGroup = c.targetGroup
    if (c.ownerRole) e.ownerRole = c.ownerRole
    if (c.reach.yes + c.reach.no + c.reach.unsure > 0) e.reach = { ...c.reach }
    out.push(e)
  }
  return out
}

export interface NewEffort {
  id: string
  text: string
  status: EffortStatus
  source: EffortSource
  targetGroup?: string
  now: number
}

export type EffortWriteResult = { ok: true } | { ok: false; problem: 'badId' | 'missingText' | 'textTooLong' | 'notFound' | 'fieldTooLong' }

function checkText(text: string): EffortWriteResult & { text?: string } {
  const t = text.replace(/\r\n?/g, '\n').trim()
  if (!t) return { ok: false, problem: 'missingText' }
  if (Array.from(t).length > EFFORT_TEXT_MAX) return { ok: false, problem: 'textTooLong' }
  return { ok: true, text: t }
}

/** Creates a card (if not there yet) and, if `cell` is given, places it, in one transaction. */
export function addEffort(doc: Y.Doc, input: NewEffort, cell: Cell | null, clientId: string): EffortWriteResult {
  if (!EFFORT_ID.test(input.id)) return { ok: false, problem: 'badId' }
  const c = checkText(input.text)
  if (!c.ok || c.text === undefined) return c.ok ? { ok: false, problem: 'missingText' } : c
  const text = c.text
  doc.transact(() => {
    if (!effortsMap(doc).has(input.id)) {
      const m = new Y.Map<unknown>()
      m.set('text', text)
      m.set('status', input.status)
      m.set('source', input.source)
      m.set('createdAt', input.now)
      if (input.targetGroup) m.set('targetGroup', cut(input.targetGroup, EFFORT_FIELD_MAX))
      effortsMap(doc).set(input.id, m)
    }
    if (cell) writePlacement(doc, input.id, cell, input.now, clientId)
  }, LOCAL_ORIGIN)
  return { ok: true }
}

/** Hybrid logical clock: never earlier than a placement of this card already seen. */
function nextTime(doc: Y.Doc, effortId: string, now: number): number {
  let max = -Infinity
  placementsMap(doc).forEach((raw, key) => {
    if (!key.startsWith(`${effortId}|`)) return
    const at = (raw as { at?: unknown } | null)?.at
    if (typeof at === 'number' && at > max) max = at
  })
  return Math.max(now, max + 1)
}

function clearPlacements(doc: Y.Doc, effortId: string) {
  const map = placementsMap(doc)
  for (const key of [...map.keys()]) if (key.startsWith(`${effortId}|`)) map.delete(key)
}

function writePlacement(doc: Y.Doc, effortId: string, cell: Cell, now: number, clientId: string) {
  const at = nextTime(doc, effortId, now)
  clearPlacements(doc, effortId)
  placementsMap(doc).set(`${effortId}|${clientId}`, { sector: cell.sector, row: cell.row, column: cell.column, at })
}

/** Moves a card into a cell, or back to the tray with `cell` null. */
export function placeEffort(doc: Y.Doc, effortId: string, cell: Cell | null, now: number, clientId: string): EffortWriteResult {
  if (!effortsMap(doc).has(effortId)) return { ok: false, problem: 'notFound' }
  if (cell && (!isRow(cell.row) || !isColumn(cell.column) || !COLUMNS.includes(cell.column))) return { ok: false, problem: 'notFound' }
  doc.transact(() => (cell ? writePlacement(doc, effortId, cell, now, clientId) : clearPlacements(doc, effortId)), LOCAL_ORIGIN)
  return { ok: true }
}

export type EffortPatch = Partial<{ text: string; status: EffortStatus; targetGroup: string; ownerRole: string }>

/** Edits a card's fields; each field is its own key, so two devices editing different fields both keep theirs. */
export function updateEffort(doc: Y.Doc, effortId: string, patch: EffortPatch): EffortWriteResult {
  const m = effortsMap(doc).get(effortId)
  if (!(m instanceof Y.Map)) return { ok: false, problem: 'notFound' }
  let text: string | undefined
  if (patch.text !== undefined) {
    const c = checkText(patch.text)
    if (!c.ok) return c
    text = c.text
  }
  for (const k of ['targetGroup', 'ownerRole'] as const) {
    const x = patch[k]
    if (x !== undefined && Array.from(x.trim()).length > EFFORT_FIELD_MAX) return { ok: false, problem: 'fieldTooLong' }
  }
  doc.transact(() => {
    if (text !== undefined) m.set('text', text)
    if (patch.status && EFFORT_STATUSES.includes(patch.status)) m.set('status', patch.status)
    for (const k of ['targetGroup', 'ownerRole'] as const) {
      const x = patch[k]
      if (x === undefined) continue
      const clean = x.trim()
      if (clean) m.set(k, clean)
      else m.delete(k)
    }
  }, LOCAL_ORIGIN)
  return { ok: true }
}

/** Removes a card, its placements and its reach answers. */
export function deleteEffort(doc: Y.Doc, effortId: string): EffortWriteResult {
  if (!effortsMap(doc).has(effortId)) return { ok: false, problem: 'notFound' }
  doc.transact(() => {
    effortsMap(doc).delete(effortId)
    clearPlacements(doc, effortId)
    const reach = reachMap(doc)
    for (const key of [...reach.keys()]) if (key.startsWith(`${effortId}|`)) reach.delete(key)
  }, LOCAL_ORIGIN)
  return { ok: true }
}

/** This device's answer to "does this reach you?" (null withdraws it). */
export function answerReach(doc: Y.Doc, effortId: string, nonce: string, answer: ReachAnswer | null): EffortWriteResult {
  if (!effortsMap(doc).has(effortId) || !/^[A-Za-z0-9_-]{8,40}$/.test(nonce)) return { ok: false, problem: 'notFound' }
  doc.transact(() => {
    if (answer === null) reachMap(doc).delete(`${effortId}|${nonce}`)
    else if (REACH_ANSWERS.includes(answer)) reachMap(doc).set(`${effortId}|${nonce}`, answer)
  }, LOCAL_ORIGIN)
  return { ok: true }
}

/** One device's current answer, found by its nonce. */
export function readReachAnswer(doc: Y.Doc, effortId: string, nonce: string): ReachAnswer | null {
  const a = reachMap(doc).get(`${effortId}|${nonce}`)
  return REACH_ANSWERS.includes(a as ReachAnswer) ? (a as ReachAnswer) : null
}

export function observeMatrix(doc: Y.Doc, cb: () => void): () => void {
  const maps = [effortsMap(doc), placementsMap(doc), reachMap(doc)] as Y.Map<unknown>[]
  const on = () => cb()
  for (const m of maps) m.observeDeep(on)
  return () => {
    for (const m of maps) m.unobserveDeep(on)
  }
}
