/**
 * The app's services, built once by the composition root (main.tsx) and handed to React through
 * context. Features call these typed methods; only this layer wires storage to sync.
 *
 * Sessions are opened outside React rendering and reference-counted: y-webrtc allows one provider
 * per room per page, and React (StrictMode, fast route changes) may mount and unmount a screen
 * twice in a row, so a release waits a moment before really closing.
 */
import { formatJoinCode, joinCodeFromBytes, parseJoinCode, type JoinCode } from '../domain/joinCode.ts'
import type { Archive, ArchiveProblem, ArchiveTrustProblemCode } from '../domain/archive.ts'
// The archive code (and with it Yjs) loads only when an archive is made or read, so the join
// route's bundle stays small.
const archiveDoc = () => import('../sync/archiveDoc.ts')
const archiveFormat = () => import('../domain/archive.ts')
import { StorageError, type StorageProblem } from '../storage/errors.ts'
import { buildJoinLink, defaultSignalingUrl, parseSignalingUrl, type JoinTarget } from '../domain/joinLink.ts'
import { validateTitle, type TitleResult } from '../domain/workshop.ts'
import { deriveRoomKeys } from '../sync/roomKeys.ts'
import type { LoadedDoc, WorkshopStore, WorkshopSummary } from '../storage/workshopStore.ts'
import type { TemplateStore } from '../storage/templateStore.ts'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import type { Template } from '../domain/template.ts'
import type { WorkshopSession, Clock } from './workshopSession.ts'
import { isLocale, type Locale } from '../i18n/i18n.ts'

export interface NetworkSettings {
  /** null: the origin the app was loaded from (`/signal`). */
  signalingUrl: string | null
  iceServers: string[]
}

const RELEASE_GRACE_MS = 1500

/** What `navigator.storage.estimate()` returns (injectable for tests). */
export type StorageEstimator = () => Promise<{ quota?: number; usage?: number } | undefined>

/**
 * Problems of an archive import: the archive's own (domain/archive.ts), plus
 * `quota` (the device has no room for it), `storage` (the database failed otherwise) and
 * `missingCode` (a session this device does not have, in an archive without its join code).
 */
export type ImportProblem = ArchiveProblem | { code: ArchiveTrustProblemCode; path: string } | { code: 'quota' | 'storage' | 'missingCode'; path: string }

/** Notes, flow records and plan fields (an archive import's preview and result). */
export interface ImportCounts {
  notes: number
  records: number
  planFields: number
}

export type ImportResult =
  | {
      ok: true
      workshopId: string
      /**
       * created: new on this device; merged: something new arrived; unchanged: nothing new (e.g.
       * the same archive twice). In a preview: what the import would do.
       */
      outcome: 'created' | 'merged' | 'unchanged'
      /** The session's title after the import ('' when it has none yet). */
      title: string
      notesAdded: number
      /** verified: signed by the key this device trusts for the session; unsigned: its origin cannot be checked. */
      signature: 'verified' | 'unsigned'
      /** What the import adds. It never removes anything (an archive's deletions apply only to its own additions). */
      added: ImportCounts
      /** Notes and plan fields the device had whose value the archive changes (moved or edited). */
      modified: Pick<ImportCounts, 'notes' | 'planFields'>
      /** Another workshop on this device has the same title: the import is a separate workshop. */
      sameTitleOther?: true
    }
  | { ok: false; problems: ImportProblem[] }

function storageProblem(err: unknown): ImportProblem {
  const p: StorageProblem = err instanceof StorageError ? err.problem : 'unknown'
  return { code: p === 'quota' ? 'quota' : 'storage', path: '' }
}

const defaultEstimator: StorageEstimator = async () => {
  const nav = (globalThis as { navigator?: Navigator }).navigator
  return nav?.storage?.estimate ? nav.storage.estimate() : undefined
}

interface Entry {
  refs: number
  session: Promise<WorkshopSession>
  closeTimer?: ReturnType<typeof setTimeout>
}

export class AppServices {
  readonly store: WorkshopStore
  readonly templates: TemplateStore
  readonly origin: string
  private readonly clock: Clock
  private readonly random: (n: number) => Uint8Array
  private readonly open = new Map<string, Entry>()
  private readonly estimateStorage: StorageEstimator
  private importing: Promise<unknown> = Promise.resolve()

  constructor(args: {
    store: WorkshopStore
    templates: TemplateStore
    origin: string
    clock: Clock
    random: (n: number) => Uint8Array
    /** Defaults to `navigator.storage.estimate()` where it exists. */
    estimateStorage?: StorageEstimator
  }) {
    this.store = args.store
    this.templates = args.templates
    this.origin = args.origin
    this.clock = args.clock
    this.random = args.random
    this.estimateStorage = args.estimateStorage ?? defaultEstimator
  }

  readonly builtInTemplates: readonly Template[] = BUILT_IN_TEMPLATES

  now(): number {
    return this.clock.now()
  }

  randomBytes(n: number): Uint8Array {
    return this.random(n)
  }

  /** Built-in templates first, then this device's own. */
  async allTemplates(): Promise<Template[]> {
    const own = await this.templates.list().catch(() => [])
    return [...this.builtInTemplates, ...own]
  }

  defaultSignalingUrl(): string {
    return defaultSignalingUrl(this.origin)
  }

  async getNetworkSettings(): Promise<NetworkSettings> {
    const s = await this.store.getSetting<NetworkSettings>('network').catch(() => undefined)
    return { signalingUrl: s?.signalingUrl ?? null, iceServers: Array.isArray(s?.iceServers) ? s.iceServers : [] }
  }

  async setNetworkSettings(s: NetworkSettings): Promise<void> {
    await this.store.setSetting('network', s)
  }

  async getLocale(): Promise<Locale | undefined> {
    const l = await this.store.getSetting<string>('locale').catch(() => undefined)
    return isLocale(l) ? l : undefined
  }

  async setLocale(l: Locale): Promise<void> {
    await this.store.setSetting('locale', l)
  }

  private async effectiveSignalingUrl(): Promise<string> {
    const s = await this.getNetworkSettings()
    return s.signalingUrl ?? this.defaultSignalingUrl()
  }

  /** Creates a workshop this device facilitates. Returns its id, or the title problem. */
  async createWorkshop(rawTitle: string): Promise<{ ok: true; id: string } | (TitleResult & { ok: false })> {
    const t = validateTitle(rawTitle)
    if (!t.ok) return t
    const code = joinCodeFromBytes(this.random(8))
    const keys = await deriveRoomKeys(code)
    const now = this.clock.now()
    // The facilitator's signing key: made here, private half non-extractable, kept on this device.
    const { generateFacilitatorKeys, keyFingerprint } = await import('../sync/flowSigning.ts')
    const signing = await generateFacilitatorKeys()
    // The relay's room content key (issue 13): random, never derived from the code; it travels in
    // the join link's fragment and, signed by the facilitator key, in the doc meta.
    const { generateContentKey } = await import('../sync/relay/relayCrypto.ts')
    await this.store.saveKey({ workshopId: keys.workshopId, privateKey: signing.privateKey, publicKeySpki: signing.publicKeySpki })
    await this.store.ensure({
      keyFingerprint: await keyFingerprint(signing.publicKeySpki),
      relayKey: generateContentKey(),
      id: keys.workshopId,
      title: t.title,
      code,
      role: 'facilitator',
      signalingUrl: await this.effectiveSignalingUrl(),
      createdAt: now,
      openedAt: now,
    })
    const session = await this.acquire(keys.workshopId)
    try {
      session.initMeta(t.title, now)
      const first = this.builtInTemplates[0]
      if (first) await session.flow.setTemplate(first)
    } finally {
      this.release(keys.workshopId)
    }
    return { ok: true, id: keys.workshopId }
  }

  /** Joins (or re-opens) a workshop by code. The title arrives from peers. */
  async joinWorkshop(target: JoinTarget): Promise<string> {
    const keys = await deriveRoomKeys(target.code)
    const now = this.clock.now()
    const existing = await this.store.get(keys.workshopId)
    if (existing) {
      await this.store.update(keys.workshopId, {
        openedAt: now,
        ...(target.signalingUrl ? { signalingUrl: target.signalingUrl } : {}),
        // A link's relay key fills a gap; it never replaces the key a device already holds.
        ...(target.relayKey && !existing.relayKey ? { relayKey: target.relayKey } : {}),
      })
      return keys.workshopId
    }
    await this.store.ensure({
      ...(target.fingerprint ? { keyFingerprint: target.fingerprint } : {}),
      ...(target.relayKey ? { relayKey: target.relayKey } : {}),
      id: keys.workshopId,
      title: '',
      code: target.code,
      role: 'participant',
      signalingUrl: target.signalingUrl ?? (await this.effectiveSignalingUrl()),
      createdAt: now,
      openedAt: now,
    })
    return keys.workshopId
  }

  joinLink(summary: WorkshopSummary): string {
    return buildJoinLink(this.origin, {
      code: summary.code as JoinCode,
      signalingUrl: summary.signalingUrl,
      ...(summary.role === 'facilitator' && summary.keyFingerprint ? { fingerprint: summary.keyFingerprint } : {}),
      ...(summary.relayKey ? { relayKey: summary.relayKey } : {}),
    })
  }

  formatCode(code: string): string {
    return formatJoinCode(code as JoinCode)
  }

  /** Opens (or shares) the live session. Pair every acquire with a release. */
  acquire(id: string): Promise<WorkshopSession> {
    const existing = this.open.get(id)
    if (existing) {
      existing.refs++
      clearTimeout(existing.closeTimer)
      return existing.session
    }
    const session = this.openSession(id)
    const entry: Entry = { refs: 1, session }
    this.open.set(id, entry)
    session.catch(() => this.open.delete(id))
    return session
  }

  release(id: string): void {
    const entry = this.open.get(id)
    if (!entry) return
    entry.refs--
    if (entry.refs > 0) return
    clearTimeout(entry.closeTimer)
    entry.closeTimer = setTimeout(() => {
      if (entry.refs > 0) return
      this.open.delete(id)
      entry.session.then((s) => s.close()).catch(() => {})
    }, RELEASE_GRACE_MS)
  }

  private async openSession(id: string): Promise<WorkshopSession> {
    const summary = await this.store.get(id)
    if (!summary) throw new Error('not-found')
    await this.store.update(id, { openedAt: this.clock.now() })
    const keys = await deriveRoomKeys(summary.code as JoinCode)
    const net = await this.getNetworkSettings()
    // The network stack (y-webrtc, simple-peer) and the board are loaded only when a workshop
    // opens, so the home and join screens start fast on a participant's phone.
    const { openWorkshopSession } = await import('./openWorkshopSession.ts')
    return openWorkshopSession({
      summary,
      store: this.store,
      roomName: keys.roomName,
      password: keys.password,
      signalingUrl: summary.signalingUrl || (await this.effectiveSignalingUrl()),
      iceServers: net.iceServers.map((urls) => ({ urls })),
      clock: this.clock,
      random: this.random,
    })
  }

  /**
   * Loads a workshop's doc for a short task. If the workshop is open on a screen, this is the very
   * same Y.Doc instance (y-dexie keeps one per row), so a merge shows on that screen at once.
   */
  private async withDoc<T>(id: string, fn: (loaded: LoadedDoc) => Promise<T>): Promise<T> {
    const entry = this.open.get(id)
    if (entry) await entry.session.catch(() => undefined)
    const loaded = await this.store.openDoc(id)
    try {
      return await fn(loaded)
    } finally {
      loaded.release()
    }
  }

  /**
   * The whole session as a JSON archive (domain/archive.ts): to move it to another device or keep
   * a backup. Carries the join code and the facilitator's public key, never the private key or any
   * device-scope data (own-note marks, drafts, voter tokens). On the facilitator's device it is
   * signed with the workshop's key; elsewhere (no key) it is unsigned.
   */
  async exportArchive(workshopId: string): Promise<{ filename: string; text: string }> {
    const summary = await this.store.get(workshopId)
    if (!summary) throw new Error('not-found')
    const ownKey = summary.role === 'facilitator' ? await this.store.getKey(workshopId).catch(() => undefined) : undefined
    const facilitatorKey = summary.pinnedKey ?? ownKey?.publicKeySpki
    const signingKey = ownKey && ownKey.publicKeySpki === facilitatorKey ? ownKey.privateKey : undefined
    const now = this.clock.now()
    return this.withDoc(workshopId, async ({ doc }) => {
      const { exportArchive, readMeta } = await archiveDoc()
      const text = await exportArchive(
        doc,
        {
          id: summary.id,
          title: summary.title,
          createdAt: summary.createdAt,
          role: summary.role,
          ...(summary.code ? { code: summary.code } : {}),
          ...(facilitatorKey ? { facilitatorKey } : {}),
        },
        now,
        signingKey,
      )
      const { archiveFilename } = await archiveFormat()
      return { filename: archiveFilename(readMeta(doc)?.title || summary.title, now), text }
    })
  }

  /**
   * Imports an archive: a session this device has gets what the archive adds (also while it is
   * open) and loses nothing — the archive's deletions never reach what the device held; a new one
   * becomes a workshop of its own, as a participant (the facilitator's signing key never travels).
   * A signed archive must verify against the key this device trusts for the session (or, for a new
   * session, the key it names); an unsigned one imports as `unsigned`. Nothing is written unless
   * the whole archive is valid, trusted as far as it can be, and fits on the device.
   */
  importArchive(text: string): Promise<ImportResult> {
    return this.queued(() => this.importArchiveNow(text, true))
  }

  /** What `importArchive` would do with this text, with the same checks, writing nothing. */
  previewArchive(text: string): Promise<ImportResult> {
    return this.queued(() => this.importArchiveNow(text, false))
  }

  private queued(run: () => Promise<ImportResult>): Promise<ImportResult> {
    const p = this.importing.then(run, run)
    this.importing = p.catch(() => undefined)
    return p
  }

  private async hasRoomFor(bytes: number): Promise<boolean> {
    try {
      const est = await this.estimateStorage()
      if (!est || typeof est.quota !== 'number' || typeof est.usage !== 'number') return true
      // The update row, plus IndexedDB's overhead and later compaction of the doc's rows.
      return est.quota - est.usage >= bytes * 2 + 256 * 1024
    } catch {
      return true
    }
  }

  private async importArchiveNow(text: string, write: boolean): Promise<ImportResult> {
    const { parseArchive, sameTitle } = await archiveFormat()
    const parsed = parseArchive(text)
    if (!parsed.ok) return parsed
    const archive = parsed.archive
    const id = archive.session.id
    if (archive.session.code) {
      const code = parseJoinCode(archive.session.code)
      if (!code.ok) return { ok: false, problems: [{ code: 'malformed', path: 'session.code' }] }
      if ((await deriveRoomKeys(code.code)).workshopId !== id) return { ok: false, problems: [{ code: 'otherWorkshop', path: 'session.code' }] }
    }
    let existing: WorkshopSummary | undefined
    let list: WorkshopSummary[]
    try {
      existing = await this.store.get(id)
      list = existing ? [] : await this.store.list()
    } catch (err) {
      return { ok: false, problems: [storageProblem(err)] }
    }
    if (existing) return this.mergeInto(existing, archive, write)
    if (!archive.session.code) return { ok: false, problems: [{ code: 'missingCode', path: 'session.code' }] }

    const { prepareMerge, applyArchiveUpdate, checkArchiveSignature } = await archiveDoc()
    // A session new to this device: the archive must be signed by the key it names (or unsigned).
    const sig = await checkArchiveSignature(archive, null)
    if (!sig.ok) return sig
    const plan = await prepareMerge(null, archive)
    if (!plan.ok) return plan
    const title = plan.title ?? archive.session.title
    const sameTitleOther = list.some((w) => w.id !== id && sameTitle(w.title, title))
    const done: ImportResult = {
      ok: true,
      workshopId: id,
      outcome: 'created',
      title,
      notesAdded: plan.notesAdded,
      signature: sig.signature,
      added: plan.added,
      modified: plan.modified,
      ...(sameTitleOther ? { sameTitleOther: true as const } : {}),
    }
    if (!write) return done
    if (!(await this.hasRoomFor(plan.update.byteLength))) return { ok: false, problems: [{ code: 'quota', path: '' }] }
    const now = this.clock.now()
    const row: WorkshopSummary = {
      id,
      title,
      code: archive.session.code,
      // Never 'facilitator': this device has no signing key for the session.
      role: 'participant',
      signalingUrl: await this.effectiveSignalingUrl(),
      createdAt: archive.session.createdAt || now,
      openedAt: now,
      ...(archive.session.facilitatorKey ? { pinnedKey: archive.session.facilitatorKey } : {}),
    }
    try {
      const made = await this.store.ensure(row)
      if (made === 'existing') {
        // Created meanwhile (another tab): merge instead.
        const again = await this.store.get(id)
        if (again) return this.mergeInto(again, archive, write)
      }
    } catch (err) {
      return { ok: false, problems: [storageProblem(err)] }
    }
    try {
      await this.withDoc(id, async (loaded) => {
        await loaded.saveFullState(plan.update)
        applyArchiveUpdate(loaded.doc, plan.update, loaded.persistOrigin)
      })
    } catch (err) {
      await this.store.delete(id).catch(() => {})
      return { ok: false, problems: [storageProblem(err)] }
    }
    return done
  }

  private async mergeInto(existing: WorkshopSummary, archive: Archive, write: boolean): Promise<ImportResult> {
    const id = existing.id
    try {
      const ownKey = existing.role === 'facilitator' ? await this.store.getKey(id).catch(() => undefined) : undefined
      return await this.withDoc(id, async (loaded): Promise<ImportResult> => {
        const { prepareMerge, applyArchiveUpdate, checkArchiveSignature, readFacilitatorKey } = await archiveDoc()
        // The key this device trusts for the session: pinned, its own, else the one its doc names.
        const trusted = existing.pinnedKey ?? ownKey?.publicKeySpki ?? readFacilitatorKey(loaded.doc)
        const sig = await checkArchiveSignature(archive, trusted)
        if (!sig.ok) return sig
        const named = archive.session.facilitatorKey
        if (trusted && named && named !== trusted) return { ok: false, problems: [{ code: 'otherWorkshop', path: 'session.facilitatorKey' }] }
        const plan = await prepareMerge(loaded.doc, archive)
        if (!plan.ok) return plan
        if (plan.removed.notes + plan.removed.records + plan.removed.planFields > 0) return { ok: false, problems: [{ code: 'wouldRemove', path: 'doc.base64' }] }
        const title = plan.title ?? existing.title
        const base = { ok: true as const, workshopId: id, title, signature: sig.signature }
        if (!plan.changed) return { ...base, outcome: 'unchanged', notesAdded: 0, added: { notes: 0, records: 0, planFields: 0 }, modified: { notes: 0, planFields: 0 } }
        const done: ImportResult = { ...base, outcome: 'merged', notesAdded: plan.notesAdded, added: plan.added, modified: plan.modified }
        if (!write) return done
        if (!(await this.hasRoomFor(plan.update.byteLength))) return { ok: false, problems: [{ code: 'quota', path: '' }] }
        // Stored first: a full disk is reported before the live doc (and any open screen) changes.
        await loaded.saveFullState(plan.update)
        applyArchiveUpdate(loaded.doc, plan.update, loaded.persistOrigin)
        if (title && title !== existing.title) await this.store.update(id, { title }).catch(() => {})
        return done
      })
    } catch (err) {
      return { ok: false, problems: [storageProblem(err)] }
    }
  }

  async deleteWorkshop(id: string): Promise<void> {
    const entry = this.open.get(id)
    if (entry) {
      this.open.delete(id)
      clearTimeout(entry.closeTimer)
      await entry.session.then((s) => s.close()).catch(() => {})
    }
    await this.store.delete(id)
  }
}

export function validateIceServerLine(line: string): boolean {
  return /^(stun|stuns|turn|turns):[^\s]+$/.test(line.trim())
}

export { parseSignalingUrl }
export type { WorkshopSummary } from '../storage/workshopStore.ts'
export type { StorageProblem } from '../storage/errors.ts'
