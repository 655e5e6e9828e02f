/**
 * The workshop flow on this device: verifies the signed log in the session doc, folds it through
 * the workshop machine, and — on the facilitator's device — turns console taps into signed events.
 *
 * Every device shows the state derived from the *verified log*; the facilitator additionally
 * runs a live actor from the same machine and saves its persisted snapshot in IndexedDB after
 * each transition, so a reload or crash restores the console at once (and the log, when it has
 * loaded, remains the authority).
 */
import { createActor, type Actor } from 'xstate'
import { isContractComplete, type InfluenceContract } from '../domain/contract.ts'
import type { FlowEvent, FocusTarget } from '../domain/flowEvents.ts'
import type { Template } from '../domain/template.ts'
import { canApply, createWorkshopMachine, foldIncremental, viewOf, type FoldCache, type FlowView, type WorkshopMachine, type WorkshopSnapshot } from '../machines/workshopMachine.ts'
import {
  appendFlowEvent,
  asRecord,
  FlowVerifier,
  observeFlow,
  readFacilitatorKey,
  recordId,
  republish,
  templateHash,
  writeFacilitatorKey,
  writeSignedTemplate,
  type FlowLogStats,
  type FlowRecord,
  type TemplateRecord,
  type VerifiedFlow,
} from '../sync/flowLog.ts'
import { keyFingerprint } from '../sync/flowSigning.ts'
import { exportSealPrivateKey, generateSealKeys } from '../sync/noteSealing.ts'
import { stateVectorBase64 } from '../sync/sessionDoc.ts'
import type { SessionDoc } from '../sync/sessionDoc.ts'
import type { WorkshopStore, WorkshopSummary } from '../storage/workshopStore.ts'
import type { Clock } from './workshopSession.ts'

export type KeyStatus = 'trusted' | 'waiting' | 'mismatch'

export interface FlowState {
  loaded: boolean
  template: Template | null
  view: FlowView | null
  keyStatus: KeyStatus
  stats: FlowLogStats
  /** The step the last step change came from (for "undo"), or null. */
  undoTo: string | null
  canStart: boolean
  /** Signed records (and templates) this device has put back after someone deleted them, this session. */
  repaired: number
}

type Omit2<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
export type FlowCommand = Omit2<FlowEvent, 'at'>

const machines = new Map<string, WorkshopMachine>()
function machineFor(t: Template): WorkshopMachine {
  const key = JSON.stringify(t)
  let m = machines.get(key)
  if (!m) {
    m = createWorkshopMachine(t)
    machines.set(key, m)
  }
  return m
}

const EMPTY_STATS: FlowLogStats = { verified: 0, forged: 0, malformed: 0, duplicate: 0, missing: 0, gaps: 0 }

/** First repair after a deletion: soon, with jitter so that 30 devices do not all put the same record back. */
const REPAIR_BASE_MS = 150
/** A rogue deleting in a loop meets repairs that back off to this, so the doc cannot grow without bound. */
const REPAIR_MAX_MS = 30_000
/** Repairs this long apart count as unrelated, and the back-off starts again from the base. */
const REPAIR_CALM_MS = 60_000

export class FlowController {
  private readonly doc: SessionDoc
  private readonly summary: WorkshopSummary
  private readonly store: WorkshopStore
  private readonly clock: Clock
  private readonly verifier: FlowVerifier
  private privateKey: CryptoKey | null = null
  private ownKey: string | null = null
  private trusted: string | null
  private state: FlowState = { loaded: false, template: null, view: null, keyStatus: 'waiting', stats: EMPTY_STATS, undoTo: null, canStart: false, repaired: 0 }
  /** Verified records this device keeps (device scope), by id; the fold runs on these plus the doc's. */
  private readonly keptFlow = new Map<string, FlowRecord>()
  /** Verified templates this device keeps, oldest first. */
  private keptTemplates: TemplateRecord[] = []
  private repairTimer: ReturnType<typeof setTimeout> | undefined
  private repairStreak = 0
  private lastRepairAt = 0
  private repaired = 0
  private templateRecord: TemplateRecord | null = null
  /** Facilitator: the private keys of the hidden steps' seals, by public key (device scope). */
  private readonly sealKeys = new Map<string, { step: string; privateKey: CryptoKey }>()
  private readonly sealing = new Set<string>()
  private readonly sealTasks = new Set<Promise<void>>()
  private closed = false
  private snap: WorkshopSnapshot | null = null
  private foldCache: FoldCache | null = null
  private machine: WorkshopMachine | null = null
  private maxSeq = 0
  private events: FlowEvent[] = []
  private actor: Actor<WorkshopMachine> | null = null
  private readonly listeners = new Set<() => void>()
  private running = false
  private dirty = false
  private stopObserving: () => void
  private pending: Promise<void> = Promise.resolve()

  constructor(args: { doc: SessionDoc; summary: WorkshopSummary; store: WorkshopStore; clock: Clock }) {
    this.doc = args.doc
    this.summary = args.summary
    this.store = args.store
    this.clock = args.clock
    this.trusted = args.summary.pinnedKey ?? null
    this.verifier = new FlowVerifier(args.summary.id)
    this.stopObserving = observeFlow(this.doc, () => this.schedule())
  }

  /** Loads the facilitator key (if this device has one) and the saved console snapshot. */
  async init(): Promise<void> {
    const rows = await this.store.verifiedRecords(this.summary.id).catch(() => [])
    const templates: { at: number; rec: TemplateRecord }[] = []
    for (const row of rows) {
      if (row.kind === 'flow') {
        const r = asRecord(row.record)
        if (r) this.keptFlow.set(recordId(r), r)
      } else if (row.kind === 'template') {
        const t = row.record as { json?: unknown; sig?: unknown; at?: unknown } | null
        if (t && typeof t.json === 'string' && typeof t.sig === 'string') templates.push({ at: typeof t.at === 'number' ? t.at : 0, rec: { json: t.json, sig: t.sig } })
      }
    }
    this.keptTemplates = templates.sort((a, b) => a.at - b.at).map((t) => t.rec)
    if (this.summary.role === 'facilitator') {
      const key = await this.store.getKey(this.summary.id).catch(() => undefined)
      if (key) {
        this.privateKey = key.privateKey
        this.ownKey = key.publicKeySpki
        this.trusted = key.publicKeySpki
        if (readFacilitatorKey(this.doc) !== key.publicKeySpki) writeFacilitatorKey(this.doc, key.publicKeySpki)
        const seals = await this.store.getSetting<{ step: string; publicKeyRaw: string; privateKey: CryptoKey }[]>(this.sealSetting).catch(() => undefined)
        for (const x of Array.isArray(seals) ? seals : []) this.sealKeys.set(x.publicKeyRaw, { step: x.step, privateKey: x.privateKey })
      }
    }
    await this.refresh()
    if (this.privateKey && this.machine) {
      const saved = await this.store.getFlowSnapshot(this.summary.id).catch(() => undefined)
      this.actor = this.startActor(saved && saved.seq === this.maxSeq ? saved.snapshot : null)
    }
  }

  private startActor(persisted: unknown): Actor<WorkshopMachine> | null {
    if (!this.machine) return null
    try {
      const actor = persisted ? createActor(this.machine, { snapshot: persisted as never }) : createActor(this.machine, { snapshot: this.snap as never })
      actor.start()
      return actor
    } catch {
      const actor = createActor(this.machine, { snapshot: this.snap as never })
      actor.start()
      return actor
    }
  }

  get isFacilitator(): boolean {
    return this.privateKey !== null
  }

  getState = (): FlowState => this.state
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private schedule() {
    if (this.running) {
      this.dirty = true
      return
    }
    void this.refresh()
  }

  /** Trust on first use for typed codes; a join link's fingerprint must match. */
  private async resolveTrust(): Promise<void> {
    if (this.trusted) return
    const metaKey = readFacilitatorKey(this.doc)
    if (!metaKey) return
    const expected = this.summary.keyFingerprint
    if (expected && (await keyFingerprint(metaKey)) !== expected) return
    this.trusted = metaKey
    await this.store.update(this.summary.id, { pinnedKey: metaKey }).catch(() => {})
  }

  private async refresh(): Promise<void> {
    this.running = true
    try {
      do {
        this.dirty = false
        await this.resolveTrust()
        const v = await this.verifier.verifyDoc(this.doc, this.trusted, { flow: [...this.keptFlow.values()], templates: this.keptTemplates })
        this.keep(v)
        this.templateRecord = v.templateRecord
        if (v.missing.length > 0 || v.templateMissing) this.scheduleRepair()
        this.maxSeq = v.maxSeq
        this.events = v.events
        const template = v.template
        this.machine = template ? machineFor(template) : null
        this.foldCache = this.machine ? foldIncremental(this.machine, this.foldCache, v.ids, v.events) : null
        this.snap = this.foldCache?.snap ?? null
        const view = template && this.snap ? viewOf(template, this.snap) : null
        const metaKey = readFacilitatorKey(this.doc)
        const keyStatus: KeyStatus = !this.trusted ? (metaKey ? 'mismatch' : 'waiting') : v.keyMismatch ? 'mismatch' : 'trusted'
        this.state = {
          loaded: true,
          template,
          view,
          keyStatus,
          stats: v.stats,
          undoTo: this.undoTarget(),
          canStart: !!template && view?.status === 'lobby',
          repaired: this.repaired,
        }
        if (this.actor && this.snap && this.actor.getSnapshot().value !== this.snap.value) {
          // The log is the authority (another facilitator tablet, or a restore that lagged).
          this.actor.stop()
          this.actor = this.startActor(null)
        }
        for (const l of this.listeners) l()
        this.ensureSeals()
      } while (this.dirty)
    } finally {
      this.running = false
    }
  }

  /** Remembers newly verified records on this device, so that deleting them from the doc changes nothing here. */
  private keep(v: VerifiedFlow): void {
    const rows: { workshopId: string; id: string; kind: string; record: unknown }[] = []
    for (const r of v.records) {
      const id = recordId(r)
      if (this.keptFlow.has(id)) continue
      this.keptFlow.set(id, r)
      rows.push({ workshopId: this.summary.id, id: `flow|${id}`, kind: 'flow', record: { s: r.s, e: r.e, g: r.g } })
    }
    const t = v.templateRecord
    if (t && !this.keptTemplates.some((k) => k.sig === t.sig && k.json === t.json)) {
      this.keptTemplates = [...this.keptTemplates, t]
      rows.push({ workshopId: this.summary.id, id: `template|${t.sig}`, kind: 'template', record: { json: t.json, sig: t.sig, at: this.clock.now() } })
    }
    // Memory is the authority this session; the store carries it across reloads. A full disk
    // loses only that (the records stay in memory and in the doc).
    if (rows.length > 0) this.store.keepVerifiedRecords(rows).catch(() => {})
  }

  /**
   * Puts back what someone deleted. Soon after the first deletion (so a device joining now gets
   * the whole log from its peers), with jitter so that not every device repairs at once, and with
   * a back-off while deletions go on: a rogue deleting in a loop makes the doc grow by at most one
   * batch of records per back-off period per device.
   */
  private scheduleRepair(): void {
    if (this.repairTimer !== undefined || this.closed) return
    const now = this.clock.now()
    if (now - this.lastRepairAt > REPAIR_CALM_MS) this.repairStreak = 0
    const delay = Math.min(REPAIR_MAX_MS, REPAIR_BASE_MS * 2 ** this.repairStreak) * (0.5 + Math.random())
    this.repairTimer = setTimeout(() => {
      this.repairTimer = undefined
      void this.repairNow()
    }, delay)
  }

  private async repairNow(): Promise<void> {
    if (this.closed || !this.trusted) return
    // Someone else may have put the records back meanwhile: check again, then write what is still missing.
    const v = await this.verifier.verifyDoc(this.doc, this.trusted, { flow: [...this.keptFlow.values()], templates: this.keptTemplates })
    const template = v.templateMissing ? v.templateRecord : null
    if (v.missing.length === 0 && !template) return
    republish(this.doc, v.missing, template)
    this.repaired += v.missing.length + (template ? 1 : 0)
    this.repairStreak++
    this.lastRepairAt = this.clock.now()
    this.schedule()
  }

  private undoTarget(): string | null {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!
      if (e.type === 'step.next' || e.type === 'step.back' || e.type === 'step.goto') return e.from
      if (e.type === 'session.start' || e.type === 'session.end') return null
    }
    return null
  }

  private get sealSetting(): string {
    return `noteSeals:${this.summary.id}`
  }

  /**
   * Facilitator: every hidden brainstorm step of a running session gets a seal (a key pair whose
   * public half goes out in a signed `notes.seal`), so notes written there are sealed in the data
   * until the reveal publishes the private half. A step hidden again after a reveal gets a new one.
   */
  private ensureSeals(): void {
    const template = this.state.template
    const view = this.state.view
    if (!this.privateKey || !template || view?.status !== 'running') return
    for (const step of template.steps) {
      // Pulse choices are sealed like hidden notes; their key is never revealed (only totals are published).
      if (step.kind !== 'pulse' && (step.kind !== 'brainstorm' || !step.options.hiddenUntilReveal)) continue
      if (view.context.revealed.includes(step.id) || view.context.seals[step.id] || this.sealing.has(step.id)) continue
      this.sealing.add(step.id)
      const task = (async () => {
        try {
          const keys = await generateSealKeys()
          this.sealKeys.set(keys.publicKeyRaw, { step: step.id, privateKey: keys.privateKey })
          const rows = [...this.sealKeys].map(([publicKeyRaw, v]) => ({ publicKeyRaw, step: v.step, privateKey: v.privateKey }))
          await this.store.setSetting(this.sealSetting, rows).catch(() => {})
          await this.dispatch({ type: 'notes.seal', step: step.id, key: keys.publicKeyRaw })
        } finally {
          this.sealing.delete(step.id)
        }
      })()
      this.sealTasks.add(task)
      void task.finally(() => this.sealTasks.delete(task))
    }
  }

  /** Resolves once every seal being set up now is in the log (so the start is complete in one go). */
  private async settleSeals(): Promise<void> {
    while (this.sealTasks.size > 0) await Promise.allSettled([...this.sealTasks])
  }

  /** The private keys that open notes sealed in `step`: the facilitator's own, and any a reveal published. */
  sealKeysFor(step: string): { id: string; privateKey?: CryptoKey; pkcs8?: string }[] {
    const out: { id: string; privateKey?: CryptoKey; pkcs8?: string }[] = []
    for (const [pub, v] of this.sealKeys) if (v.step === step) out.push({ id: `own:${pub}`, privateKey: v.privateKey })
    for (const k of this.state.view?.context.openKeys[step] ?? []) out.push({ id: `open:${k}`, pkcs8: k })
    return out
  }

  /** Facilitator: choose the template while in the lobby (signed into the doc). */
  async setTemplate(t: Template): Promise<boolean> {
    if (!this.privateKey || !this.ownKey) return false
    if (this.state.view && this.state.view.status !== 'lobby') return false
    if (readFacilitatorKey(this.doc) !== this.ownKey) writeFacilitatorKey(this.doc, this.ownKey)
    await writeSignedTemplate(this.doc, this.summary.id, t, this.privateKey)
    await this.refresh()
    return true
  }

  /** Facilitator: whether a command would change anything now (disables buttons that would not). */
  can(cmd: FlowCommand): boolean {
    if (!this.privateKey || !this.machine || !this.snap) return false
    return canApply(this.machine, this.snap, { ...cmd, at: this.clock.now() } as FlowEvent)
  }

  /**
   * Facilitator: signs and appends one event. Serialised, so two quick taps get increasing
   * sequence numbers; a tap that no longer applies (the step changed meanwhile) is dropped.
   */
  dispatch(cmd: FlowCommand): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      if (!this.privateKey || !this.machine || !this.snap) return false
      const event = await this.enrich({ ...cmd, at: this.clock.now() } as FlowEvent)
      if (!canApply(this.machine, this.snap, event)) return false
      await appendFlowEvent(this.doc, this.summary.id, event, this.privateKey, this.maxSeq)
      this.actor?.send(event as never)
      await this.refresh()
      if (this.actor) {
        await this.store
          .saveFlowSnapshot({ workshopId: this.summary.id, snapshot: this.actor.getPersistedSnapshot(), seq: this.maxSeq, savedAt: this.clock.now() })
          .catch(() => {})
      }
      return true
    }
    const p = this.pending.then(run, run)
    this.pending = p.then(
      () => undefined,
      () => undefined,
    )
    return p
  }

  /**
   * What the console's plain commands carry in the signed record: a lock names the state vector
   * it locks (honest devices show only what it covers), a reveal publishes the step's seal key.
   */
  private async enrich(event: FlowEvent): Promise<FlowEvent> {
    if (event.type === 'input.lock' && !event.sv) return { ...event, sv: stateVectorBase64(this.doc) }
    if (event.type === 'notes.reveal' && !event.key && this.snap) {
      const pub = (this.snap.context as { seals: Record<string, string> }).seals[event.step]
      const own = pub ? this.sealKeys.get(pub) : undefined
      if (own) return { ...event, key: await exportSealPrivateKey(own.privateKey) }
    }
    return event
  }

  start(contract: InfluenceContract): Promise<boolean> {
    const today = new Date(this.clock.now()).toISOString().slice(0, 10)
    if (!isContractComplete(contract, today)) return Promise.resolve(false)
    const rec = this.templateRecord
    // Name the template the session runs, so a replayed older template cannot change the steps;
    // the hidden and pulse steps' seals go out right behind the start.
    const started = rec ? templateHash(rec.json).then((tpl) => this.dispatch({ type: 'session.start', contract, tpl })) : this.dispatch({ type: 'session.start', contract })
    return started.then(async (ok) => {
      if (ok) await this.settleSeals()
      return ok
    })
  }

  focus(step: string, target: FocusTarget): Promise<boolean> {
    return this.dispatch({ type: 'focus.set', step, target })
  }

  close(): void {
    this.closed = true
    clearTimeout(this.repairTimer)
    this.stopObserving()
    this.actor?.stop()
    this.listeners.clear()
  }
}
