/**
 * An open workshop on this device: the session doc (loaded from IndexedDB first), its network
 * connection, and the typed commands the UI calls. Views read snapshots from here through
 * `useSyncExternalStore`; nothing is stored twice.
 *
 * Offline: commands write into the doc, y-dexie persists each update, and the provider sends
 * them whenever peers are reachable. If the disk is full the update stays in memory (and reaches
 * peers); `retrySave()` writes the full state once there is room, so nothing is lost.
 */
import { isNoteColor, noteIdFromBytes, nextFreeSlot, validateNoteText, type Note, type NoteColor, type NoteId } from '../domain/notes.ts'
import type { WorkshopRole } from '../domain/workshop.ts'
import {
  addNote,
  addNotes,
  deleteNote,
  editNoteText,
  initMeta,
  encodeFullState,
  moveNote,
  observeSession,
  readMeta,
  readBoard,
  recolorNote,
  readClusters,
  readNoteClusters,
  readEquity,
  readEquitySubject,
  writeEquityAnswer,
  writeEquitySubject,
  type EquitySubject,
  addCluster,
  renameCluster,
  deleteCluster,
  setNoteCluster,
  type Cluster,
  type ClusterResult,
  type CommandResult,
  type SessionMeta,
  addSealedNote,
  editSealedNote,
  notesAfterLock,
  unsealNotes,
  type SealedNoteEntry,
} from '../sync/sessionDoc.ts'
import { importSealPrivateKey, NoteOpener, NoteSealer } from '../sync/noteSealing.ts'
import type { SessionConnection } from '../sync/connection.ts'
import {
  addEffort,
  answerReach,
  deleteEffort,
  observeMatrix,
  placeEffort,
  readMatrix,
  readReachAnswer,
  updateEffort,
  type EffortPatch,
  type EffortWriteResult,
  type MatrixCard,
  type NewEffort,
  type ReachAnswer,
} from '../sync/matrixDoc.ts'
import { addPlanItem, observePlan, readPlan, removePlanItem, writePlanField, writePlanItemField, type PlanField, type PlanItemKind, type PlanRead } from '../sync/planDoc.ts'
import type { Cell } from '../domain/matrix.ts'
import {
  addStatusEntry,
  observeExport,
  readExportMeta,
  readRedactions,
  readStatusLog,
  removeStatusEntry,
  writeExportMeta,
  writeRedaction,
  type ExportMeta,
  type StatusLogEntry,
} from '../sync/exportDoc.ts'
import type { StatusKind } from '../domain/summary.ts'
import type { Activity, Indicator } from '../domain/actionPlan.ts'
import type { FlowController } from './flowController.ts'
import type { EquityAnswer, EquityAnswers, QuestionId } from '../domain/equityCheck.ts'
import type { VoteController } from './voteController.ts'
import type { StorageProblem } from '../storage/errors.ts'
import type { LoadedDoc, WorkshopStore, WorkshopSummary } from '../storage/workshopStore.ts'

export type { ExportMeta, StatusLogEntry, EquitySubject, Cluster, MatrixCard, ReachAnswer, PlanRead, PlanField, PlanItemKind, EffortWriteResult }
/** Placed cards as domain efforts for the gap rules (pure; re-exported for the views). */
export { placedEfforts } from '../sync/matrixDoc.ts'
/** Limits of the export fields (sync/exportDoc.ts), for the form's messages. */
export { EXPORT_TEXT_MAX, REDACTION_MAX } from '../sync/exportDoc.ts'

export interface Clock {
  now(): number
}

export interface SessionSnapshot {
  meta: SessionMeta | null
  notes: Note[]
  clusters: Cluster[]
  /** noteId → clusterId */
  noteClusters: ReadonlyMap<string, string>
  /** Equity-check answers by step id. */
  equity: Readonly<Record<string, EquityAnswers>>
  /** What each watched equity-check step checks (null: not chosen yet). */
  equitySubjects: Readonly<Record<string, EquitySubject | null>>
  /** The matrix's effort cards (empty until a matrix view calls `watchMatrix`). */
  matrix: MatrixCard[]
  /** Action plans by step id (for the steps a view asked for with `watchPlan`). */
  plans: Readonly<Record<string, PlanRead>>
  /** For exports (document scope): redacted note texts, the status log, and the export's own fields. */
  redactions: Readonly<Record<string, string>>
  statusLog: readonly StatusLogEntry[]
  exportMeta: ExportMeta
  own: ReadonlySet<string>
  persistProblem: StorageProblem | null
  /** Sealed notes of a hidden step this device cannot open (yet): shown as a count only. */
  sealedHidden: number
  /** Notes created after the input lock's signed state vector: not shown until the lock is lifted. */
  afterLock: number
}

/** The problems of writing a note besides its text: a hidden step whose seal has not arrived, or sealing failed. */
export type NoteCommandResult = CommandResult | { ok: false; problem: 'sealPending' | 'sealFailed' }

function sameNote(a: Note, b: Note): boolean {
  return a.text === b.text && a.x === b.x && a.y === b.y && a.color === b.color && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt
}

function setsEqual(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}

export class WorkshopSession {
  readonly id: string
  readonly role: WorkshopRole
  readonly summary: WorkshopSummary
  readonly connection: SessionConnection
  readonly flow: FlowController
  readonly votes: VoteController
  private readonly loaded: LoadedDoc
  private readonly store: WorkshopStore
  private readonly clock: Clock
  private readonly random: (n: number) => Uint8Array
  private snapshot: SessionSnapshot
  private prevNotes = new Map<string, Note>()
  private prevOwn: ReadonlySet<string> = new Set()
  private readonly listeners = new Set<() => void>()
  private readonly stop: (() => void)[] = []
  private own: Set<string>
  private readonly pendingOwn = new Set<string>()
  /** Plaintexts of this device's own sealed notes (device scope). */
  private readonly ownTexts: Map<string, string>
  /** Opened sealed notes, by `id|iv` (a new edit has a new IV). */
  private readonly opened = new Map<string, string>()
  private readonly opening = new Set<string>()
  private readonly sealer = new NoteSealer()
  private readonly opener = new NoteOpener()
  private readonly importedKeys = new Map<string, Promise<CryptoKey | null>>()
  private sealedEntries: SealedNoteEntry[] = []

  constructor(args: {
    summary: WorkshopSummary
    loaded: LoadedDoc
    connection: SessionConnection
    flow: FlowController
    votes: VoteController
    store: WorkshopStore
    own: Set<string>
    ownTexts?: Map<string, string>
    clock: Clock
    random: (n: number) => Uint8Array
  }) {
    this.summary = args.summary
    this.id = args.summary.id
    this.role = args.summary.role
    this.loaded = args.loaded
    this.connection = args.connection
    this.flow = args.flow
    this.votes = args.votes
    this.store = args.store
    this.clock = args.clock
    this.random = args.random
    this.own = args.own
    this.ownTexts = args.ownTexts ?? new Map()
    this.snapshot = this.compute(null)
    // Seals, reveals and locks come with the flow: re-read the notes when it changes.
    this.stop.push(
      this.flow.subscribe(() => {
        this.refresh()
        void this.publishPulse()
      }),
    )
    this.connection.setPulseOpener((step, sealed) => this.openPulse(step, sealed))
    this.stop.push(observeSession(this.loaded.doc, () => this.refresh()))
    this.stop.push(
      observeMatrix(this.loaded.doc, () => {
        this.matrixCache = null
        this.refresh()
      }),
    )
    this.stop.push(
      observePlan(this.loaded.doc, () => {
        this.plansCache = null
        this.refresh()
      }),
    )
    this.stop.push(observeExport(this.loaded.doc, () => this.refresh()))
    this.stop.push(
      this.loaded.onPersistError((p) => {
        this.snapshot = { ...this.snapshot, persistProblem: p }
        this.emit()
      }),
    )
    // Keep the local list's title in step with the doc (participants learn it from peers).
    let lastTitle = this.summary.title
    this.stop.push(
      this.subscribe(() => {
        const t = this.snapshot.meta?.title
        if (t && t !== lastTitle) {
          lastTitle = t
          this.store.update(this.id, { title: t }).catch(() => {})
        }
      }),
    )
  }

  private compute(persistProblem: StorageProblem | null): SessionSnapshot {
    // Reuse the previous object of every unchanged note, so memoised note views re-render only
    // the notes that changed (one remote edit on a 1,000-note board re-renders one card).
    const board = readBoard(this.loaded.doc)
    const notes = board.notes.map((n) => {
      const p = this.prevNotes.get(n.id)
      return p && sameNote(p, n) ? p : n
    })
    this.prevNotes = new Map(notes.map((n) => [n.id, n]))
    const own = setsEqual(this.prevOwn, this.own) ? this.prevOwn : new Set(this.own)
    this.prevOwn = own
    this.sealedEntries = board.sealed
    const { notes: visible, sealedHidden, afterLock } = this.withSealedAndLock(notes)
    const clusters = readClusters(this.loaded.doc)
    return { meta: readMeta(this.loaded.doc), notes: visible, own, persistProblem, clusters, sealedHidden, afterLock, noteClusters: readNoteClusters(this.loaded.doc, clusters),
      equity: this.readAllEquity(),
      equitySubjects: Object.fromEntries([...this.equitySteps].map((s) => [s, readEquitySubject(this.loaded.doc, s)])),
      // Read again only after a change to their own maps: a note typed on the board does not
      // re-resolve 300 placements.
      matrix: (this.matrixCache ??= this.matrixSectors ? readMatrix(this.loaded.doc, this.matrixSectors) : []),
      plans: (this.plansCache ??= Object.fromEntries([...this.planSteps].map((s) => [s, readPlan(this.loaded.doc, s)]))),
      redactions: readRedactions(this.loaded.doc),
      statusLog: readStatusLog(this.loaded.doc),
      exportMeta: readExportMeta(this.loaded.doc),
    }
  }

  /**
   * Adds the sealed notes this device can read (its own, or opened with a key it holds) and leaves
   * out the notes created after a signed input lock. Opening is asynchronous: notes not opened yet
   * are counted, and the snapshot is computed again when they are.
   */
  private withSealedAndLock(plain: Note[]): { notes: Note[]; sealedHidden: number; afterLock: number } {
    let notes = plain
    let sealedHidden = 0
    if (this.sealedEntries.length > 0) {
      const extra: Note[] = []
      const toOpen: SealedNoteEntry[] = []
      for (const e of this.sealedEntries) {
        const text = this.opened.get(`${e.id}|${e.sealed.iv}`) ?? (this.own.has(e.id) ? this.ownTexts.get(e.id) : undefined)
        if (text === undefined) {
          sealedHidden++
          toOpen.push(e)
          continue
        }
        const fresh: Note = { id: e.id, text, x: e.x, y: e.y, color: e.color, createdAt: e.createdAt, updatedAt: e.updatedAt }
        const p = this.prevNotes.get(e.id)
        extra.push(p && sameNote(p, fresh) ? p : fresh)
      }
      for (const n of extra) this.prevNotes.set(n.id, n)
      notes = [...plain, ...extra]
      if (toOpen.length > 0) void this.open(toOpen)
      this.unsealRevealed()
    }
    let afterLock = 0
    const ctx = this.flow.getState().view?.context
    if (ctx?.locked && ctx.lockSv) {
      const after = notesAfterLock(this.loaded.doc, ctx.lockSv)
      if (after.size > 0) {
        const before = notes.length
        notes = notes.filter((n) => !after.has(n.id) || this.own.has(n.id))
        afterLock = before - notes.length
      }
    }
    return { notes, sealedHidden, afterLock }
  }

  private importedKey(pkcs8: string): Promise<CryptoKey | null> {
    let p = this.importedKeys.get(pkcs8)
    if (!p) {
      p = importSealPrivateKey(pkcs8)
      this.importedKeys.set(pkcs8, p)
    }
    return p
  }

  private async open(entries: readonly SealedNoteEntry[]): Promise<void> {
    const todo = entries.filter((e) => !this.opening.has(`${e.id}|${e.sealed.iv}`) && this.flow.sealKeysFor(e.sealed.s).length > 0)
    if (todo.length === 0) return
    for (const e of todo) this.opening.add(`${e.id}|${e.sealed.iv}`)
    let any = false
    await Promise.all(
      todo.map(async (e) => {
        const id = `${e.id}|${e.sealed.iv}`
        try {
          for (const k of this.flow.sealKeysFor(e.sealed.s)) {
            const key = k.privateKey ?? (k.pkcs8 ? await this.importedKey(k.pkcs8) : null)
            if (!key) continue
            const text = await this.opener.open(key, k.id, e.sealed)
            if (text !== null) {
              this.opened.set(id, text)
              any = true
              return
            }
          }
        } finally {
          this.opening.delete(id)
        }
      }),
    )
    if (any) this.refresh()
  }

  /**
   * Facilitator, after a reveal: writes the opened texts into the doc as ordinary notes, so every
   * later reader (exports, archives, the library) needs no key.
   */
  private unsealRevealed(): void {
    if (!this.flow.isFacilitator) return
    const ctx = this.flow.getState().view?.context
    if (!ctx) return
    const ready = this.sealedEntries.flatMap((e) => {
      const text = this.opened.get(`${e.id}|${e.sealed.iv}`)
      // A shown step's notes are public: write back whatever this device could open.
      return text !== undefined && ctx.revealed.includes(e.sealed.s) ? [{ id: e.id, sealed: e.sealed, text }] : []
    })
    if (ready.length === 0) return
    // Not inside the snapshot computation that found them: the write triggers its own refresh.
    queueMicrotask(() => unsealNotes(this.loaded.doc, ready))
  }

  private pulseWanted: { step: string; value: number } | null = null
  private readonly pulseOpened = new Map<string, number | null>()
  private readonly pulseOpening = new Set<string>()

  /**
   * This device's pulse choice (null: none). It goes into presence sealed to the step's seal key,
   * so only the facilitator device can count it; until the seal has arrived it waits.
   */
  setPulse(step: string, value: number | null): void {
    this.pulseWanted = value === null ? null : { step, value }
    if (value === null) this.connection.setLocalPresence({ pulse: null })
    void this.publishPulse()
  }

  /** The choice and seal key last put into presence: a flow change that changes neither sends nothing. */
  private pulseSent: { want: { step: string; value: number }; key: string } | null = null

  private async publishPulse(): Promise<void> {
    const want = this.pulseWanted
    if (!want) return
    const key = this.flow.getState().view?.context.seals[want.step]
    if (!key || (this.pulseSent?.want === want && this.pulseSent.key === key)) return
    this.pulseSent = { want, key }
    const sealed = await this.sealer.seal(want.step, key, String(want.value))
    if (sealed && this.pulseWanted === want) this.connection.setLocalPresence({ pulse: { step: want.step, c: sealed } })
    else if (this.pulseSent?.want === want) this.pulseSent = null
  }

  /** Facilitator: a sealed pulse choice, opened with the step's seal key (async; cached by IV). */
  private openPulse(step: string, sealed: SealedNoteEntry['sealed']): number | null {
    const id = `${step}|${sealed.k}|${sealed.iv}`
    const hit = this.pulseOpened.get(id)
    if (hit !== undefined) return hit
    const keys = this.flow.sealKeysFor(step).filter((k) => k.privateKey)
    if (keys.length === 0 || this.pulseOpening.has(id)) return null
    this.pulseOpening.add(id)
    void (async () => {
      let value: number | null = null
      for (const k of keys) {
        const text = await this.opener.open(k.privateKey!, k.id, sealed)
        const n = text === null ? NaN : Number(text)
        if (Number.isInteger(n) && n >= 0 && n <= 4) {
          value = n
          break
        }
      }
      this.pulseOpened.set(id, value)
      this.pulseOpening.delete(id)
      this.connection.refreshPresence()
    })()
    return null
  }

  /** The seal key notes written now must be sealed to, if the current step hides its notes. */
  private currentSeal(): { step: string; key: string | null } | null {
    const f = this.flow.getState()
    const view = f.view
    if (!f.template || view?.status !== 'running') return null
    const step = f.template.steps[view.stepIndex]
    if (!step || step.kind !== 'brainstorm' || !step.options.hiddenUntilReveal || view.context.revealed.includes(step.id)) return null
    return { step: step.id, key: view.context.seals[step.id] ?? null }
  }

  private refresh() {
    this.snapshot = this.compute(this.snapshot.persistProblem)
    this.emit()
  }

  private emit() {
    for (const l of this.listeners) l()
  }

  getSnapshot = (): SessionSnapshot => this.snapshot

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Publishes a finished note. The note itself carries no author; only this device remembers it wrote it. */
  async addNote(text: string, color: NoteColor): Promise<NoteCommandResult & { id?: NoteId }> {
    const id = noteIdFromBytes(this.random(16))
    // Sealed notes this device cannot read still take their place on the board.
    const pos = nextFreeSlot([...this.snapshot.notes, ...this.sealedEntries])
    const seal = this.currentSeal()
    let kept: string | undefined
    if (seal) {
      // A hidden step: the text goes out sealed; only this device keeps the plaintext.
      const v = validateNoteText(text)
      if (!v.ok) return { ok: false, problem: v.problem }
      if (!seal.key) return { ok: false, problem: 'sealPending' }
      const sealed = await this.sealer.seal(seal.step, seal.key, v.text)
      if (!sealed) return { ok: false, problem: 'sealFailed' }
      kept = v.text
      this.ownTexts.set(id, v.text)
      this.own.add(id)
      addSealedNote(this.loaded.doc, { id, color, ...pos, now: this.clock.now() }, sealed)
    } else {
      const res = addNote(this.loaded.doc, { id, text, color, ...pos, now: this.clock.now() })
      if (!res.ok) return res
      this.own.add(id)
    }
    this.refresh()
    try {
      await this.store.markOwn(this.id, id, kept)
    } catch {
      // The note is published; only the "mine" mark could not be stored (e.g. the disk is full).
      // It still works this session, and retrySave() writes it once there is room.
      this.pendingOwn.add(id)
    }
    return { ok: true, id }
  }

  /** Writes the title into a freshly created doc (facilitator only, once). */
  initMeta(title: string, createdAt: number): void {
    if (!readMeta(this.loaded.doc)) initMeta(this.loaded.doc, title, createdAt)
    this.refresh()
  }

  /** Adds many finished notes at once, in one transaction (used by tests and benchmarks to build big sessions). */
  addManyNotes(texts: readonly string[], color: NoteColor = 'yellow'): number {
    const now = this.clock.now()
    const inputs = texts.map((text, i) => ({ id: noteIdFromBytes(this.random(16)), text, color, x: (i * 37) % 2200, y: (i * 53) % 1400, now }))
    const n = addNotes(this.loaded.doc, inputs)
    this.refresh()
    return n
  }

  isOwn(id: string): boolean {
    return this.own.has(id)
  }

  async editNote(id: NoteId, text: string): Promise<NoteCommandResult> {
    const sealedEntry = this.sealedEntries.find((e) => e.id === id)
    const seal = sealedEntry ? this.currentSeal() : null
    if (sealedEntry && seal?.key && seal.step === sealedEntry.sealed.s) {
      // Still hidden: the new text goes out sealed too.
      const v = validateNoteText(text)
      if (!v.ok) return { ok: false, problem: v.problem }
      const sealed = await this.sealer.seal(seal.step, seal.key, v.text)
      if (!sealed) return { ok: false, problem: 'sealFailed' }
      this.ownTexts.set(id, v.text)
      const res = editSealedNote(this.loaded.doc, id, sealed, this.clock.now())
      if (res.ok) await this.store.markOwn(this.id, id, v.text).catch(() => {})
      return res
    }
    return editNoteText(this.loaded.doc, id, text, this.clock.now())
  }

  moveNote(id: NoteId, x: number, y: number): CommandResult {
    return moveNote(this.loaded.doc, id, x, y)
  }

  recolorNote(id: NoteId, color: NoteColor): CommandResult {
    return recolorNote(this.loaded.doc, id, color)
  }

  async deleteNote(id: NoteId): Promise<CommandResult> {
    const res = deleteNote(this.loaded.doc, id)
    if (res.ok) {
      this.own.delete(id)
      this.refresh()
      await this.store.forgetOwn(id).catch(() => {})
    }
    return res
  }

  private readAllEquity(): Record<string, EquityAnswers> {
    const out: Record<string, EquityAnswers> = {}
    for (const s of this.equitySteps) out[s] = readEquity(this.loaded.doc, s)
    return out
  }

  /** Equity-check step ids whose answers the snapshot carries (set by the view that shows them). */
  private equitySteps = new Set<string>()

  watchEquity(stepId: string): void {
    if (this.equitySteps.has(stepId)) return
    this.equitySteps.add(stepId)
    this.refresh()
  }

  setEquitySubject(stepId: string, subject: EquitySubject | null): boolean {
    return writeEquitySubject(this.loaded.doc, stepId, subject)
  }

  setEquityAnswer(stepId: string, qid: QuestionId, answer: EquityAnswer): boolean {
    return writeEquityAnswer(this.loaded.doc, stepId, qid, answer)
  }

  private matrixSectors: readonly string[] | null = null
  private matrixCache: MatrixCard[] | null = null
  private plansCache: Record<string, PlanRead> | null = null
  private readonly planSteps = new Set<string>()

  /** Makes the snapshot carry the matrix, read against these sector ids (from the matrix step's options). */
  watchMatrix(sectorIds: readonly string[]): void {
    if (this.matrixSectors && this.matrixSectors.join('\n') === sectorIds.join('\n')) return
    this.matrixSectors = [...sectorIds]
    this.matrixCache = null
    this.refresh()
  }

  watchPlan(stepId: string): void {
    if (this.planSteps.has(stepId)) return
    this.planSteps.add(stepId)
    this.plansCache = null
    this.refresh()
  }

  /** A stable id of this device's placements in this doc (tie-break only; says nothing about who). */
  private get placer(): string {
    return String(this.loaded.doc.clientID)
  }

  /** Creates an effort card (from a note, a cluster, an example or typed text), placed in `cell` or left in the tray. */
  addEffort(input: Omit<NewEffort, 'now' | 'id'> & { id?: string }, cell: Cell | null): EffortWriteResult & { id: string } {
    const id = input.id ?? `e-${noteIdFromBytes(this.random(12))}`
    return { ...addEffort(this.loaded.doc, { ...input, id, now: this.clock.now() }, cell, this.placer), id }
  }

  placeEffort(effortId: string, cell: Cell | null): EffortWriteResult {
    return placeEffort(this.loaded.doc, effortId, cell, this.clock.now(), this.placer)
  }

  updateEffort(effortId: string, patch: EffortPatch): EffortWriteResult {
    return updateEffort(this.loaded.doc, effortId, patch)
  }

  deleteEffort(effortId: string): EffortWriteResult {
    return deleteEffort(this.loaded.doc, effortId)
  }

  /** The device's "does this reach you?" answer; the nonce is per effort and kept on this device only. */
  answerReach(effortId: string, answer: ReachAnswer | null): EffortWriteResult {
    return answerReach(this.loaded.doc, effortId, this.reachNonce(effortId), answer)
  }

  /** This device's own reach answers (device scope), to show which button is pressed. */
  myReach(effortId: string): ReachAnswer | null {
    const mine = this.reachMemory()[effortId]
    return mine ? readReachAnswer(this.loaded.doc, effortId, mine) : null
  }

  private reachMemory(): Record<string, string> {
    try {
      const raw = globalThis.localStorage?.getItem(`medvirk:reach:${this.id}`)
      const parsed: unknown = raw ? JSON.parse(raw) : {}
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  }

  private reachNonce(effortId: string): string {
    const memory = this.reachMemory()
    let nonce = memory[effortId]
    if (!nonce || !/^[A-Za-z0-9_-]{8,40}$/.test(nonce)) {
      nonce = noteIdFromBytes(this.random(12))
      memory[effortId] = nonce
      try {
        globalThis.localStorage?.setItem(`medvirk:reach:${this.id}`, JSON.stringify(memory))
      } catch {
        // Storage full: the answer still counts; a changed answer later may count twice.
      }
    }
    return nonce
  }

  /** The text exports print for a note instead of its own (null removes the redaction). */
  setRedaction(noteId: string, text: string | null): boolean {
    return writeRedaction(this.loaded.doc, noteId, text)
  }

  addStatus(kind: StatusKind, text: string, at: number = this.clock.now()): boolean {
    return addStatusEntry(this.loaded.doc, noteIdFromBytes(this.random(12)), { at, kind, text })
  }

  removeStatus(id: string): void {
    removeStatusEntry(this.loaded.doc, id)
  }

  setExportMeta(patch: Partial<ExportMeta>): boolean {
    return writeExportMeta(this.loaded.doc, patch)
  }

  setPlanField(stepId: string, field: PlanField, value: string): boolean {
    return writePlanField(this.loaded.doc, stepId, field, value)
  }

  addPlanItem(stepId: string, kind: PlanItemKind, fields: Partial<Activity> | Partial<Indicator> = {}): string | null {
    const itemId = noteIdFromBytes(this.random(12))
    return addPlanItem(this.loaded.doc, stepId, kind, itemId, fields, this.clock.now()) ? itemId : null
  }

  setPlanItemField(stepId: string, kind: PlanItemKind, itemId: string, field: string, value: string | string[]): boolean {
    return writePlanItemField(this.loaded.doc, stepId, kind, itemId, field, value)
  }

  removePlanItem(stepId: string, kind: PlanItemKind, itemId: string): void {
    removePlanItem(this.loaded.doc, stepId, kind, itemId)
  }

  addCluster(name: string): ClusterResult {
    return addCluster(this.loaded.doc, noteIdFromBytes(this.random(12)), name, this.clock.now())
  }

  renameCluster(id: string, name: string): ClusterResult {
    return renameCluster(this.loaded.doc, id, name)
  }

  deleteCluster(id: string): ClusterResult {
    return deleteCluster(this.loaded.doc, id)
  }

  setNoteCluster(noteId: NoteId, clusterId: string | null): CommandResult {
    return setNoteCluster(this.loaded.doc, noteId, clusterId)
  }

  /** The unpublished note being written on this device (device scope; never synced). */
  async loadDraft(): Promise<{ text: string; color: NoteColor } | null> {
    const d = await this.store.getDraft(this.id).catch(() => undefined)
    if (!d) return null
    return { text: d.text, color: isNoteColor(d.color) ? d.color : 'yellow' }
  }

  async saveDraft(text: string, color: NoteColor): Promise<void> {
    if (text.length === 0) await this.store.clearDraft(this.id)
    else await this.store.saveDraft({ workshopId: this.id, text, color, updatedAt: this.clock.now() })
  }

  /** Writes the whole in-memory state to disk after an earlier write failed. */
  async retrySave(): Promise<boolean> {
    try {
      await this.loaded.saveFullState(encodeFullState(this.loaded.doc))
      for (const id of [...this.pendingOwn]) {
        if (this.own.has(id)) await this.store.markOwn(this.id, id)
        this.pendingOwn.delete(id)
      }
      this.snapshot = { ...this.snapshot, persistProblem: null }
      this.emit()
      return true
    } catch {
      return false
    }
  }

  close(): void {
    for (const s of this.stop) s()
    this.listeners.clear()
    this.votes.dispose()
    this.flow.close()
    this.connection.destroy()
    this.loaded.release()
  }
}
