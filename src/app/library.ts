/**
 * The session library on the home screen: what the list shows about each workshop on this device
 * (status, template, notes, the contract's feedback date, the status log), the status log's
 * writes, duplicating a workshop and the storage this origin uses.
 *
 * Facts are read from the doc stored on this device only: no network connection is opened and
 * the workshop's "last opened" time is left alone (`acquire()` would do both, and would make a
 * participant's device appear in a session it is not attending). Reads are cached per workshop
 * and per `openedAt`: a session that was opened since is read again, the others are not. The
 * doc code (Yjs, the flow machine) is loaded on demand, so the home screen itself stays small.
 */
import { contractFromRemote, type InfluenceContract } from '../domain/contract.ts'
import { noteIdFromBytes } from '../domain/notes.ts'
import type { StatusKind } from '../domain/statusLog.ts'
import type { Template } from '../domain/template.ts'
import { TITLE_MAX_LENGTH } from '../domain/workshop.ts'
import type { StatusLogEntry } from '../sync/exportDoc.ts'
import type { SessionDoc } from '../sync/sessionDoc.ts'
import type { StorageProblem } from '../storage/errors.ts'
import type { AppServices, WorkshopSummary } from './services.ts'

export type SessionStatus = 'lobby' | 'running' | 'ended'
export type { StatusLogEntry }

export interface SessionFacts {
  id: string
  /** The list row's `openedAt` these facts were read at. */
  openedAt: number
  /** The title in the doc ('' while a participant has not received it yet). */
  title: string
  /** From the verified flow log; 'lobby' also when no template has arrived yet. */
  status: SessionStatus
  template: Template | null
  /** The influence contract the session was started with (null before the start). */
  contract: InfluenceContract | null
  /** yyyy-mm-dd from the contract, or null. */
  feedbackDate: string | null
  /** Notes on the board (moderated ones not counted). */
  noteCount: number
  /** Oldest first. */
  statusLog: readonly StatusLogEntry[]
}

export type LibraryProblem = StorageProblem | 'notFound' | 'invalid' | 'notSaved'
export type LibraryWriteResult = { ok: true; facts: SessionFacts } | { ok: false; problem: LibraryProblem }

const caches = new WeakMap<AppServices, Map<string, SessionFacts & { seq: number }>>()
const inFlight = new WeakMap<AppServices, Map<string, Promise<SessionFacts>>>()

let readSeq = 0

function cacheOf(services: AppServices): Map<string, SessionFacts & { seq: number }> {
  let c = caches.get(services)
  if (!c) caches.set(services, (c = new Map()))
  return c
}

function flightsOf(services: AppServices): Map<string, Promise<SessionFacts>> {
  let c = inFlight.get(services)
  if (!c) inFlight.set(services, (c = new Map()))
  return c
}

/** The facts read earlier, if the workshop has not been opened since. */
export function cachedFacts(services: AppServices, summary: Pick<WorkshopSummary, 'id' | 'openedAt'>): SessionFacts | undefined {
  const f = cacheOf(services).get(summary.id)
  return f && f.openedAt === summary.openedAt ? f : undefined
}

export function forgetFacts(services: AppServices, id: string): void {
  cacheOf(services).delete(id)
}

/** Reads (or returns the cached) facts of one workshop. Concurrent calls share one read. */
export function sessionFacts(services: AppServices, summary: WorkshopSummary, opts: { fresh?: boolean } = {}): Promise<SessionFacts> {
  if (!opts.fresh) {
    const cached = cachedFacts(services, summary)
    if (cached) return Promise.resolve(cached)
  }
  const flights = flightsOf(services)
  const key = `${summary.id}:${summary.openedAt}:${opts.fresh ? 'fresh' : ''}`
  const running = flights.get(key)
  if (running) return running
  const seq = ++readSeq
  const p = readFacts(services, summary).then(
    (f) => {
      flights.delete(key)
      // A read that started later (e.g. after a write) wins over one that merely ended later.
      const cache = cacheOf(services)
      const prev = cache.get(summary.id)
      if (!prev || prev.seq < seq) cache.set(summary.id, { ...f, seq })
      return f
    },
    (err: unknown) => {
      flights.delete(key)
      throw err
    },
  )
  flights.set(key, p)
  return p
}

function docModules() {
  return Promise.all([import('./flowController.ts'), import('../sync/sessionDoc.ts'), import('../sync/exportDoc.ts')])
}

async function readFacts(services: AppServices, summary: WorkshopSummary): Promise<SessionFacts> {
  const [{ FlowController }, { readMeta, readBoard }, { readStatusLog }] = await docModules()
  const loaded = await services.store.openDoc(summary.id)
  try {
    const flow = new FlowController({ doc: loaded.doc, summary, store: services.store, clock: { now: () => services.now() } })
    let template: Template | null = null
    let view: ReturnType<typeof flow.getState>['view'] = null
    try {
      await flow.init()
      ;({ template, view } = flow.getState())
    } catch {
      // An unreadable flow log shows the session as not started; the board itself explains more.
    } finally {
      flow.close()
    }
    const moderated = new Set(view?.context.moderated ?? [])
    const board = readBoard(loaded.doc)
    const contract = view?.context.contract ? contractFromRemote(view.context.contract) : null
    return {
      id: summary.id,
      openedAt: summary.openedAt,
      title: readMeta(loaded.doc)?.title ?? '',
      status: view?.status ?? 'lobby',
      template,
      contract,
      feedbackDate: contract?.feedbackDate || null,
      // Notes of a hidden step are sealed until the reveal; they count all the same.
      noteCount: [...board.notes, ...board.sealed].filter((n) => !moderated.has(n.id)).length,
      statusLog: readStatusLog(loaded.doc),
    }
  } finally {
    loaded.release()
  }
}

function problemOf(err: unknown): StorageProblem {
  const p = (err as { problem?: unknown } | null)?.problem
  return p === 'quota' || p === 'unavailable' ? p : 'unknown'
}

/**
 * Writes into the stored doc (no network; peers get it when the session is next opened), then
 * reads it back from the disk and checks the change is there, so a full disk is reported rather
 * than lost silently. The doc is released first: y-dexie drops it from memory once nobody holds
 * it, and the next read comes from IndexedDB, after the pending write.
 */
async function writeAndVerify(services: AppServices, id: string, write: (doc: SessionDoc) => boolean, stored: (f: SessionFacts) => boolean): Promise<LibraryWriteResult> {
  const summary = await services.store.get(id).catch(() => undefined)
  if (!summary) return { ok: false, problem: 'notFound' }
  let loaded: Awaited<ReturnType<typeof services.store.openDoc>>
  try {
    loaded = await services.store.openDoc(id)
  } catch (err) {
    return { ok: false, problem: problemOf(err) }
  }
  let persistProblem: StorageProblem | null = null
  const off = loaded.onPersistError((p) => (persistProblem = p))
  const doc = loaded.doc
  const gone = new Promise<void>((resolve) => {
    doc.once('destroy', () => resolve())
    setTimeout(resolve, 400)
  })
  let ok: boolean
  try {
    ok = write(doc)
  } finally {
    off()
    loaded.release()
  }
  if (!ok) return { ok: false, problem: 'invalid' }
  await gone
  if (persistProblem) return { ok: false, problem: persistProblem }
  try {
    const facts = await sessionFacts(services, summary, { fresh: true })
    return stored(facts) ? { ok: true, facts } : { ok: false, problem: 'notSaved' }
  } catch (err) {
    return { ok: false, problem: problemOf(err) }
  }
}

/** Adds a status log entry (recommendation → decision → fed back) to a workshop's doc. */
export async function addStatus(services: AppServices, id: string, kind: StatusKind, text: string, at: number): Promise<LibraryWriteResult> {
  const entryId = noteIdFromBytes(services.randomBytes(12))
  const { addStatusEntry } = await import('../sync/exportDoc.ts')
  return writeAndVerify(
    services,
    id,
    (doc) => addStatusEntry(doc, entryId, { kind, text, at }),
    (f) => f.statusLog.some((e) => e.id === entryId),
  )
}

export async function removeStatus(services: AppServices, id: string, entryId: string): Promise<LibraryWriteResult> {
  const { removeStatusEntry } = await import('../sync/exportDoc.ts')
  return writeAndVerify(
    services,
    id,
    (doc) => {
      removeStatusEntry(doc, entryId)
      return true
    },
    (f) => !f.statusLog.some((e) => e.id === entryId),
  )
}

/** "<title> <suffix>", the title shortened (never the suffix) so that the whole stays valid. */
export function copyTitle(title: string, suffix: string, max = TITLE_MAX_LENGTH): string {
  const s = suffix.trim()
  const room = Math.max(0, max - Array.from(s).length - 1)
  const base = Array.from(title.replace(/\s+/g, ' ').trim()).slice(0, room).join('').trim()
  return base ? `${base} ${s}` : s
}

export type DuplicateResult = { ok: true; id: string; title: string; facts: SessionFacts | undefined } | { ok: false; problem: LibraryProblem }

/**
 * A new, empty workshop to run again (say with another class): the same template, the influence
 * contract as a draft to check in the lobby, and none of the notes, votes or status log.
 */
export async function duplicateWorkshop(services: AppServices, id: string, names: { suffix: string; untitled: string }): Promise<DuplicateResult> {
  const summary = await services.store.get(id).catch(() => undefined)
  if (!summary) return { ok: false, problem: 'notFound' }
  let facts: SessionFacts
  try {
    facts = await sessionFacts(services, summary)
  } catch (err) {
    return { ok: false, problem: problemOf(err) }
  }
  const title = copyTitle(facts.title || summary.title || names.untitled, names.suffix)
  let newId: string
  try {
    const res = await services.createWorkshop(title)
    if (!res.ok) return { ok: false, problem: 'invalid' }
    newId = res.id
  } catch (err) {
    return { ok: false, problem: problemOf(err) }
  }
  const draft = facts.contract ?? contractFromRemote(await services.store.getSetting<unknown>(`contractDraft:${id}`).catch(() => undefined))
  if (draft) await services.store.setSetting(`contractDraft:${newId}`, draft).catch(() => {})
  if (facts.template) {
    const template = facts.template
    try {
      const session = await services.acquire(newId)
      try {
        if (JSON.stringify(session.flow.getState().template) !== JSON.stringify(template)) await session.flow.setTemplate(template)
      } finally {
        services.release(newId)
      }
    } catch {
      // The copy exists with the default template; the lobby lets the facilitator choose again.
    }
  }
  // The list may have read the new workshop half-made (before its template): read it again.
  const made = await services.store.get(newId).catch(() => undefined)
  const madeFacts = made ? await sessionFacts(services, made, { fresh: true }).catch(() => undefined) : undefined
  return { ok: true, id: newId, title, facts: madeFacts }
}

export interface StorageUsage {
  usage: number
  quota: number
}

/** What this origin stores and may store, or null where the browser does not say. */
export async function storageUsage(nav: Navigator | undefined = globalThis.navigator): Promise<StorageUsage | null> {
  try {
    if (!nav?.storage?.estimate) return null
    const e = await nav.storage.estimate()
    if (typeof e.usage !== 'number' || typeof e.quota !== 'number' || !Number.isFinite(e.usage) || !Number.isFinite(e.quota) || e.quota <= 0) return null
    return { usage: e.usage, quota: e.quota }
  } catch {
    return null
  }
}
