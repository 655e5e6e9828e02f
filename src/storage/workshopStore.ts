/**
 * The device's workshops and everything it keeps about them (device scope), plus loading and
 * saving each workshop's session doc through y-dexie.
 *
 * Offline and concurrency: every call here is local IndexedDB only. Two tabs of one browser see
 * each other's changes through Dexie's live queries (y-dexie applies update rows written by the
 * other tab), so nothing here needs the network.
 */
import { liveQuery } from 'dexie'
import { DexieYProvider } from 'y-dexie'
import type { Doc } from 'yjs'
import type { WorkshopRole } from '../domain/workshop.ts'
import { classifyStorageError, StorageError, type StorageProblem } from './errors.ts'
import type { DraftRow, FlowSnapshotRow, KeyRow, MedvirkDb, RoundKeyRow, VerifiedRecordRow, VoterPassRow, WorkshopRow } from './db.ts'

export interface WorkshopSummary {
  keyFingerprint?: string
  pinnedKey?: string
  /** The relay's room content key, when this device has it (db.ts). */
  relayKey?: string
  id: string
  title: string
  code: string
  role: WorkshopRole
  signalingUrl: string
  createdAt: number
  openedAt: number
}

export interface LoadedDoc {
  doc: Doc
  /** Called when persisting an update failed (e.g. the disk is full). The update stays in memory. */
  onPersistError(cb: (problem: StorageProblem) => void): () => void
  /**
   * Writes a full-state update row; used to retry after a failed write, so that whatever stayed
   * in memory reaches the disk once there is room again. Yjs ignores duplicate content on load.
   */
  saveFullState(update: Uint8Array): Promise<void>
  /**
   * The origin y-dexie gives updates it has already stored. An update applied to `doc` with this
   * origin is not written again: an archive import stores its update with `saveFullState` first
   * (so a full disk is reported before anything changes) and then applies it with this origin.
   */
  readonly persistOrigin: unknown
  release(): void
}

function toSummary(r: WorkshopRow): WorkshopSummary {
  const s: WorkshopSummary = { id: r.id, title: r.title, code: r.code, role: r.role, signalingUrl: r.signalingUrl, createdAt: r.createdAt, openedAt: r.openedAt }
  if (r.keyFingerprint) s.keyFingerprint = r.keyFingerprint
  if (r.pinnedKey) s.pinnedKey = r.pinnedKey
  if (r.relayKey) s.relayKey = r.relayKey
  return s
}

async function guard<T>(p: PromiseLike<T>): Promise<T> {
  try {
    return await p
  } catch (err) {
    throw new StorageError(classifyStorageError(err), err)
  }
}

export class WorkshopStore {
  readonly db: MedvirkDb
  constructor(db: MedvirkDb) {
    this.db = db
  }

  async list(): Promise<WorkshopSummary[]> {
    const rows = await guard(this.db.workshops.orderBy('openedAt').reverse().toArray())
    return rows.map(toSummary)
  }

  /** Live list for the home screen; fires on changes from this tab and from other tabs. */
  subscribeList(cb: (list: WorkshopSummary[]) => void, onError?: (p: StorageProblem) => void): () => void {
    const sub = liveQuery(() => this.db.workshops.orderBy('openedAt').reverse().toArray()).subscribe({
      next: (rows) => cb(rows.map(toSummary)),
      error: (err: unknown) => onError?.(classifyStorageError(err)),
    })
    return () => sub.unsubscribe()
  }

  async get(id: string): Promise<WorkshopSummary | undefined> {
    const r = await guard(this.db.workshops.get(id))
    return r ? toSummary(r) : undefined
  }

  /** Adds the workshop if it is new; an existing one (joined before) is only touched. */
  async ensure(w: WorkshopSummary): Promise<'created' | 'existing'> {
    return guard(
      this.db.transaction('rw', this.db.workshops, async () => {
        const existing = await this.db.workshops.get(w.id)
        if (existing) {
          await this.db.workshops.update(w.id, { openedAt: w.openedAt })
          return 'existing' as const
        }
        // y-dexie creates the (empty) doc column on add(); put()/update() may not touch it.
        await this.db.workshops.add({ ...w } as WorkshopRow)
        return 'created' as const
      }),
    )
  }

  async update(id: string, patch: Partial<Pick<WorkshopSummary, 'title' | 'openedAt' | 'signalingUrl' | 'keyFingerprint' | 'pinnedKey' | 'relayKey'>>): Promise<void> {
    await guard(this.db.workshops.update(id, patch))
  }

  /** Deletes the workshop, its doc updates (y-dexie's deletion trigger), its drafts and own-note marks. */
  async delete(id: string): Promise<void> {
    await guard(
      this.db.transaction('rw', [this.db.workshops, this.db.ownNotes, this.db.drafts, this.db.keys, this.db.flowSnapshots, this.db.roundKeys, this.db.verifiedRecords, this.db.voterPasses], async () => {
        await this.db.workshops.delete(id)
        await this.db.verifiedRecords.where('workshopId').equals(id).delete()
        await this.db.voterPasses.where('workshopId').equals(id).delete()
        await this.db.roundKeys.where('workshopId').equals(id).delete()
        await this.db.keys.delete(id)
        await this.db.flowSnapshots.delete(id)
        await this.db.ownNotes.where('workshopId').equals(id).delete()
        await this.db.drafts.delete(id)
      }),
    )
  }

  /**
   * Loads the session doc from IndexedDB and resolves once every stored update is applied: the
   * caller connects the network provider only after that, or the whole stored state would be
   * broadcast to peers as one giant update (ARCHITECTURE.md §5b).
   */
  async openDoc(id: string): Promise<LoadedDoc> {
    const row = await guard(this.db.workshops.get(id))
    if (!row) throw new StorageError('unknown', new Error(`no workshop ${id}`))
    const doc = row.doc
    const provider = DexieYProvider.load(doc)
    await guard(provider.whenLoaded)
    const listeners = new Set<(p: StorageProblem) => void>()
    const onError = (err: unknown) => {
      const problem = classifyStorageError(err)
      for (const l of listeners) l(problem)
    }
    provider.on('error', onError)
    const updatesTable = this.db.workshops.schema.yProps?.find((p) => p.prop === 'doc')?.updatesTable
    return {
      doc,
      persistOrigin: provider,
      onPersistError(cb) {
        listeners.add(cb)
        return () => listeners.delete(cb)
      },
      saveFullState: async (update) => {
        if (!updatesTable) return
        await guard(this.db.table(updatesTable).add({ k: id, u: update, f: 1 }))
      },
      release() {
        provider.off('error', onError)
        DexieYProvider.release(doc)
      },
    }
  }

  /** The facilitator's signing key for a workshop (non-extractable CryptoKey), if this device has it. */
  async getKey(workshopId: string): Promise<KeyRow | undefined> {
    return guard(this.db.keys.get(workshopId))
  }

  async saveKey(row: KeyRow): Promise<void> {
    await guard(this.db.keys.put(row))
  }

  async getFlowSnapshot(workshopId: string): Promise<FlowSnapshotRow | undefined> {
    return guard(this.db.flowSnapshots.get(workshopId))
  }

  async saveFlowSnapshot(row: FlowSnapshotRow): Promise<void> {
    await guard(this.db.flowSnapshots.put(row))
  }

  async getRoundKey(roundId: string): Promise<RoundKeyRow | undefined> {
    return guard(this.db.roundKeys.get(roundId))
  }

  async saveRoundKey(row: RoundKeyRow): Promise<void> {
    await guard(this.db.roundKeys.put(row))
  }

  /** Forgets a closed round's key: after this the ballots can never be opened again. */
  async deleteRoundKey(roundId: string): Promise<void> {
    await guard(this.db.roundKeys.delete(roundId))
  }

  /** A random per-device voter token for a workshop (device scope), created on first use. */
  async voterToken(workshopId: string, make: () => string): Promise<string> {
    const key = `voterToken:${workshopId}`
    const existing = await this.getSetting<string>(key).catch(() => undefined)
    if (typeof existing === 'string' && existing) return existing
    const t = make()
    await this.setSetting(key, t).catch(() => {})
    return t
  }

  /** Every signed record this device has verified for a workshop (device scope). */
  async verifiedRecords(workshopId: string): Promise<VerifiedRecordRow[]> {
    return guard(this.db.verifiedRecords.where('workshopId').equals(workshopId).toArray())
  }

  /** Keeps newly verified records; existing ones are left as they are (a record never changes). */
  async keepVerifiedRecords(rows: readonly VerifiedRecordRow[]): Promise<void> {
    if (rows.length === 0) return
    await guard(this.db.verifiedRecords.bulkPut([...rows]))
  }

  async getVoterPass(workshopId: string, roundId: string): Promise<VoterPassRow | undefined> {
    return guard(this.db.voterPasses.get([workshopId, roundId]))
  }

  async saveVoterPass(row: VoterPassRow): Promise<void> {
    await guard(this.db.voterPasses.put(row))
  }

  async ownNoteIds(workshopId: string): Promise<Set<string>> {
    const rows = await guard(this.db.ownNotes.where('workshopId').equals(workshopId).toArray())
    return new Set(rows.map((r) => r.noteId))
  }

  /** `text`: the plaintext of a note this device sealed, which nobody else can read before the reveal. */
  async markOwn(workshopId: string, noteId: string, text?: string): Promise<void> {
    await guard(this.db.ownNotes.put(text === undefined ? { workshopId, noteId } : { workshopId, noteId, text }))
  }

  /** The plaintexts this device kept of its own sealed notes. */
  async ownTexts(workshopId: string): Promise<Map<string, string>> {
    const rows = await guard(this.db.ownNotes.where('workshopId').equals(workshopId).toArray())
    return new Map(rows.flatMap((r) => (typeof r.text === 'string' ? [[r.noteId, r.text] as const] : [])))
  }

  async forgetOwn(noteId: string): Promise<void> {
    await guard(this.db.ownNotes.delete(noteId))
  }

  async getDraft(workshopId: string): Promise<DraftRow | undefined> {
    return guard(this.db.drafts.get(workshopId))
  }

  async saveDraft(d: DraftRow): Promise<void> {
    await guard(this.db.drafts.put(d))
  }

  async clearDraft(workshopId: string): Promise<void> {
    await guard(this.db.drafts.delete(workshopId))
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const r = await guard(this.db.settings.get(key))
    return r?.value as T | undefined
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await guard(this.db.settings.put({ key, value }))
  }
}

/**
 * Asks the browser not to evict this origin's data (iPad Safari deletes it after 7 days unused
 * otherwise). Returns whether storage is persistent; the UI explains what to do when it is not.
 */
export async function requestPersistentStorage(nav: Navigator | undefined = globalThis.navigator): Promise<boolean> {
  try {
    if (!nav?.storage?.persist) return false
    if (await nav.storage.persisted()) return true
    return await nav.storage.persist()
  } catch {
    return false
  }
}
