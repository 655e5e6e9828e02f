/**
 * The app's services, built once by the composition root (main.tsx) and handed to React through
 * context. Features call these typed methods; only this layer wires storage to sync.
 *
 * Sessions are opened outside React rendering and reference-counted: y-webrtc allows one provider
 * per room per page, and React (StrictMode, fast route changes) may mount and unmount a screen
 * twice in a row, so a release waits a moment before really closing.
 */
import { formatJoinCode, joinCodeFromBytes, type JoinCode } from '../domain/joinCode.ts'
import { buildJoinLink, defaultSignalingUrl, parseSignalingUrl, type JoinTarget } from '../domain/joinLink.ts'
import { validateTitle, type TitleResult } from '../domain/workshop.ts'
import { deriveRoomKeys } from '../sync/roomKeys.ts'
import type { WorkshopStore, WorkshopSummary } from '../storage/workshopStore.ts'
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

  constructor(args: { store: WorkshopStore; templates: TemplateStore; origin: string; clock: Clock; random: (n: number) => Uint8Array }) {
    this.store = args.store
    this.templates = args.templates
    this.origin = args.origin
    this.clock = args.clock
    this.random = args.random
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
    await this.store.saveKey({ workshopId: keys.workshopId, privateKey: signing.privateKey, publicKeySpki: signing.publicKeySpki })
    await this.store.ensure({
      keyFingerprint: await keyFingerprint(signing.publicKeySpki),
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
      })
      return keys.workshopId
    }
    await this.store.ensure({
      ...(target.fingerprint ? { keyFingerprint: target.fingerprint } : {}),
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
