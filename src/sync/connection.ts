/**
 * One network connection per open workshop: y-webrtc with our own signaling, a password derived
 * from the join code, and no ICE servers unless the user configured some (simple-peer's own
 * default would contact Google's STUN servers; y-webrtc's default signaling is a public server —
 * neither may ever be contacted, so both are always passed explicitly).
 *
 * Created by the composition root, never inside React rendering: y-webrtc keeps a module-global
 * map of rooms and allows one provider per room per page.
 *
 * Presence (awareness) carries only a role letter, never a name or a device description.
 *
 * Beside y-webrtc runs the end-to-end-encrypted relay (issue 13, relay/relayProvider.ts) when the
 * room content key is known. It always receives; it sends only while some member of the room is
 * not directly connected: the relay's subscriber count minus this device is more than its open
 * WebRTC/BroadcastChannel links, for `relayGraceMs` (2 s) in a row, so a link that is still coming
 * up on an ordinary Wi-Fi does not cost relay traffic, and an isolating Wi-Fi falls back within
 * seconds. It stops sending at once when every member is linked directly again.
 */
import type * as Y from 'yjs'
import { medvirk, WebrtcConn, WebrtcProvider, type MedvirkOptions, type ProviderOptions } from 'y-webrtc'
import type { ConnectionState, WorkshopRole } from '../domain/workshop.ts'
import { castBallot, submittedCount, withdrawBallot } from './ballotBox.ts'
import type { SealedBallot } from './ballotSealing.ts'
import { asSealedText, type SealedText } from './noteSealing.ts'
import { RelayProvider } from './relay/relayProvider.ts'
import { observeMeta, readSignedRelayKey } from './relay/relayKeyMeta.ts'

export interface ConnectOptions {
  roomName: string
  password: string
  signalingUrl: string
  iceServers?: RTCIceServer[]
  role: WorkshopRole
  /** How long to wait for the signaling server before calling it unreachable. */
  unreachableAfterMs?: number
  /** ws(s)://…/relay beside the signaling server; null or absent: no relay. */
  relayUrl?: string | null
  /** The room content key; without it the relay is not used (it may come later: `startRelay`). */
  relayKey?: string
  /** How long some member must be unreachable directly before this device sends on the relay. */
  relayGraceMs?: number
}

export interface Presence {
  participants: number
  facilitators: number
  /** Participants who marked themselves ready in the current step. */
  ready: number
  /**
   * Pulse choices (0–4) currently held in presence for a step: counts only, never who. Sealed
   * choices count here only on a device that can open them (the facilitator's).
   */
  pulse: Record<string, number[]>
  /** How many devices have answered a pulse step (sealed or not): what every device may know. */
  pulseAnswers?: Record<string, number>
}

/** What this device publishes in presence. A role letter and step-scoped flags — no names. */
export interface LocalPresence {
  ready?: { step: string } | null
  /** The pulse choice: sealed to the step's seal key (`c`), or plain (`value`) in sessions without one. */
  pulse?: { step: string; value: number } | { step: string; c: SealedText } | null
}

interface SignalingConnLike {
  connected: boolean
  url: string
  on(ev: 'connect' | 'disconnect', f: () => void): void
  off(ev: 'connect' | 'disconnect', f: () => void): void
}

interface RoomLike {
  webrtcConns: Map<string, { connected?: boolean }>
  bcConns: Set<string>
  medvirkSignalingClients?: Map<string, number>
}

/** How long a typed-code device sits alone with others in the room before it is told to use the link. */
const NEEDS_LINK_AFTER_MS = 10_000

export class SessionConnection {
  readonly provider: WebrtcProvider
  private readonly listeners = new Set<() => void>()
  private state: ConnectionState = { kind: 'connecting' }
  private presence: Presence = { participants: 0, facilitators: 0, ready: 0, pulse: {}, pulseAnswers: {} }
  private pulseOpener: ((step: string, sealed: SealedText) => number | null) | null = null
  private readyStep: string | null = null
  private readonly cleanup: (() => void)[] = []
  private everConnected = false
  private unreachableTimer: ReturnType<typeof setTimeout> | undefined
  private readonly opts: ConnectOptions
  private relay: RelayProvider | null = null
  private relayNeededSince: number | null = null
  private relayTimer: ReturnType<typeof setTimeout> | undefined
  private aloneSince: number | null = null

  constructor(doc: Y.Doc, opts: ConnectOptions) {
    this.opts = opts
    const providerOpts: ProviderOptions & { medvirk: Partial<MedvirkOptions> } = {
      signaling: [opts.signalingUrl],
      password: opts.password,
      peerOpts: { config: { iceServers: opts.iceServers ?? [] } },
      // A workshop is ~5–35 devices; keep a full mesh up to that so no relaying is needed.
      maxConns: 40,
      filterBcConns: true,
      // Steady-state anti-entropy stays at 30 s; see the burst after every change of peers below.
      medvirk: { antiEntropyInterval: 30_000 },
    }
    this.provider = new WebrtcProvider(opts.roomName, doc, providerOpts)
    this.provider.awareness.setLocalState({ r: opts.role === 'facilitator' ? 'f' : 'p' })

    const onChange = () => this.recompute()
    this.provider.on('peers', onChange)
    // Relaying is off in a full mesh, so a device whose link to one peer is still coming up (after
    // a reload, a tablet waking) misses that peer's edits until the link is up or anti-entropy
    // runs: up to 30 s on the old step, seen in CI. After every change of peers, ask everyone we
    // are connected to for what we lack a few times (1.5, 5 and 12 s later): one state vector
    // each, so a reconnect heals in seconds without paying a 5 s interval all session long.
    const burst: ReturnType<typeof setTimeout>[] = []
    const onPeers = () => {
      for (const t of burst.splice(0)) clearTimeout(t)
      for (const ms of [1500, 5000, 12_000]) {
        burst.push(
          setTimeout(() => {
            const room = this.provider.room
            if (room) medvirk.antiEntropy(room)
          }, ms),
        )
      }
    }
    this.provider.on('peers', onPeers)
    this.cleanup.push(() => {
      this.provider.off('peers', onPeers)
      for (const t of burst.splice(0)) clearTimeout(t)
    })
    this.provider.on('status', onChange)
    this.cleanup.push(() => {
      this.provider.off('peers', onChange)
      this.provider.off('status', onChange)
    })
    const onAwareness = () => this.recomputePresence()
    this.provider.awareness.on('change', onAwareness)
    this.cleanup.push(() => this.provider.awareness.off('change', onAwareness))

    // Back-off protects against peers that keep failing; failures while the signaling server was
    // gone say nothing about the peers. When it is back, forget them, so the announcements that
    // follow connect at once instead of waiting out up to 30 s of back-off (seen in CI).
    const onSignalingConnect = () => {
      const backoff = this.provider.room?.medvirkBackoff
      if (backoff) {
        backoff.clearTimers()
        backoff.peers.clear()
      }
      onChange()
    }
    for (const sc of this.signalingConns()) {
      sc.on('connect', onSignalingConnect)
      sc.on('disconnect', onChange)
      this.cleanup.push(() => {
        sc.off('connect', onSignalingConnect)
        sc.off('disconnect', onChange)
      })
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onChange)
      window.addEventListener('offline', onChange)
      this.cleanup.push(() => {
        window.removeEventListener('online', onChange)
        window.removeEventListener('offline', onChange)
      })
    }
    if (opts.relayKey) this.startRelay(opts.relayKey)
    this.armUnreachable()
    // Signaling connect events of a shared SignalingConn may have fired before we subscribed.
    const poll = setInterval(onChange, 1000)
    this.cleanup.push(() => clearInterval(poll))
    this.recompute()
  }

  private signalingConns(): SignalingConnLike[] {
    return this.provider.signalingConns as unknown as SignalingConnLike[]
  }

  private armUnreachable() {
    clearTimeout(this.unreachableTimer)
    this.unreachableTimer = setTimeout(() => this.recompute(), this.opts.unreachableAfterMs ?? 6000)
  }

  /**
   * Starts the relay with the room content key (once; a second call with the same key is a no-op).
   * Nothing happens without a relay URL (a third-party signaling server has no relay of ours).
   */
  startRelay(contentKey: string): void {
    const url = this.opts.relayUrl
    if (!url || this.relay) return
    const room = () => this.provider.room
    this.relay = new RelayProvider(this.provider.doc, {
      url,
      contentKey,
      awareness: this.provider.awareness,
      // What came over WebRTC or BroadcastChannel is not echoed on the relay: its author sends it.
      isRemoteOrigin: (o) => (o !== null && o === room()) || o instanceof WebrtcConn,
      sending: false,
    })
    this.cleanup.push(this.relay.onChange(() => this.recompute()))
    this.recompute()
  }

  /**
   * For a device without the content key (a typed code): watches the doc meta for the key signed
   * by the facilitator key this device trusts (`trustedKey`, which may be pinned only later), and
   * starts the relay with it. `onKey` stores it on the device.
   */
  learnRelayKey(workshopId: string, trustedKey: () => Promise<string | null | undefined>, onKey: (contentKey: string) => void): void {
    if (this.relay || !this.opts.relayUrl) return
    const doc = this.provider.doc
    let busy = false
    let stopped = false
    const tryRead = async () => {
      if (busy || stopped || this.relay) return
      busy = true
      try {
        const key = await readSignedRelayKey(doc, workshopId, await trustedKey())
        if (key && !stopped && !this.relay) {
          this.startRelay(key)
          onKey(key)
        }
      } finally {
        busy = false
      }
    }
    const unobserve = observeMeta(doc, () => void tryRead())
    // The trusted key may be pinned after the meta arrived (the flow verifier pins it).
    const timer = setInterval(() => {
      if (this.relay) clearInterval(timer)
      else void tryRead()
    }, 2000)
    this.cleanup.push(() => {
      stopped = true
      unobserve()
      clearInterval(timer)
    })
    void tryRead()
  }

  get relayActive(): boolean {
    return this.relay !== null
  }

  /** Open direct links: WebRTC peers whose data channel is up, and this device's other tabs. */
  directPeers(): number {
    const room = this.provider.room as unknown as RoomLike | null
    if (!room) return 0
    let n = room.bcConns.size
    for (const c of room.webrtcConns.values()) if (c.connected) n++
    return n
  }

  /** Other devices on the relay (per the server), 0 without a relay. */
  relayPeers(): number {
    return this.relay?.relayPeers ?? 0
  }

  /** Whether this device currently sends on the relay. */
  relaySending(): boolean {
    return this.relay?.isSending() ?? false
  }

  private applyRelayPolicy(direct: number): void {
    const relay = this.relay
    if (!relay) return
    const needed = relay.relayPeers > direct
    if (!needed) {
      this.relayNeededSince = null
      clearTimeout(this.relayTimer)
      relay.setSending(false)
      return
    }
    const now = performanceNow()
    this.relayNeededSince ??= now
    const grace = this.opts.relayGraceMs ?? 2000
    if (now - this.relayNeededSince >= grace) relay.setSending(true)
    else {
      clearTimeout(this.relayTimer)
      this.relayTimer = setTimeout(() => this.recompute(), grace - (now - this.relayNeededSince) + 10)
    }
  }

  private recompute() {
    let next: ConnectionState
    const online = typeof navigator === 'undefined' || navigator.onLine !== false
    const signalingUp = this.signalingConns().some((c) => c.connected)
    const direct = this.directPeers()
    this.applyRelayPolicy(direct)
    const relay = this.relay
    const relayUp = relay?.connected ?? false
    // Members beyond the direct links are reached through the server while we send there.
    const relayed = relay?.isSending() ? Math.max(0, relay.relayPeers - direct) : 0
    const peers = direct + relayed
    if (signalingUp || relayUp) this.everConnected = true
    const needsLink = this.needsLink(peers, signalingUp)
    if (peers > 0 || signalingUp || relayUp) {
      next = { kind: 'connected', peers, via: relayed === 0 ? 'direct' : direct === 0 ? 'server' : 'both', direct, ...(needsLink ? { needsLink } : {}) }
    }
    else if (!online) next = { kind: 'offline' }
    else if (this.unreachableElapsed()) next = { kind: 'unreachable', url: this.opts.signalingUrl }
    else next = { kind: 'connecting' }
    if (!sameState(next, this.state)) {
      if (next.kind === 'connecting' && this.state.kind === 'connected') this.armUnreachable()
      this.state = next
      this.emit()
    }
    this.recomputePresence()
  }

  /**
   * No relay key, nobody linked, yet the signaling server counts others in the room, for 10 s:
   * on a Wi-Fi that isolates clients a typed code cannot reach the key (no PAKE), so say so.
   */
  private needsLink(peers: number, signalingUp: boolean): boolean {
    const room = this.provider.room as unknown as RoomLike | null
    let others = 0
    room?.medvirkSignalingClients?.forEach((n) => (others = Math.max(others, n - 1)))
    if (this.relay || !this.opts.relayUrl || peers > 0 || !signalingUp || others === 0) {
      this.aloneSince = null
      return false
    }
    const now = performanceNow()
    this.aloneSince ??= now
    return now - this.aloneSince >= NEEDS_LINK_AFTER_MS
  }

  private startedAt = performanceNow()
  private unreachableElapsed(): boolean {
    return this.everConnected || performanceNow() - this.startedAt >= (this.opts.unreachableAfterMs ?? 6000)
  }

  private recomputePresence() {
    let participants = 0
    let facilitators = 0
    let ready = 0
    const pulse: Record<string, number[]> = {}
    const pulseAnswers: Record<string, number> = {}
    const self = this.provider.awareness.clientID
    this.provider.awareness.getStates().forEach((st, id) => {
      const s = st as { r?: unknown; ready?: unknown; pulse?: unknown }
      // Our own pulse counts in the totals; our own role does not count as "connected others".
      const p = s.pulse as { step?: unknown; value?: unknown; c?: unknown } | undefined
      if (p && typeof p.step === 'string') {
        let value: unknown = p.value
        if (p.c !== undefined) {
          const sealed = asSealedText(p.c)
          value = sealed && sealed.s === p.step ? (this.pulseOpener?.(p.step, sealed) ?? null) : null
          if (sealed && sealed.s === p.step) pulseAnswers[p.step] = (pulseAnswers[p.step] ?? 0) + 1
        } else if (Number.isInteger(value)) pulseAnswers[p.step] = (pulseAnswers[p.step] ?? 0) + 1
        if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4) {
          const arr = (pulse[p.step] ??= [0, 0, 0, 0, 0])
          arr[value as number] = (arr[value as number] ?? 0) + 1
        }
      }
      if (id === self) return
      if (s.r === 'f') facilitators++
      else if (s.r === 'p') {
        participants++
        const rs = (s.ready as { step?: unknown } | undefined)?.step
        if (this.readyStep !== null && rs === this.readyStep) ready++
      }
    })
    const next = { participants, facilitators, ready, pulse, pulseAnswers }
    if (JSON.stringify(next) !== JSON.stringify(this.presence)) {
      this.presence = next
      this.emit()
    }
  }

  /**
   * How sealed pulse choices are read: a lookup the session fills as it opens them (it calls
   * `refreshPresence` when it has). Only a device holding the step's seal key can.
   */
  setPulseOpener(open: (step: string, sealed: SealedText) => number | null): void {
    this.pulseOpener = open
    this.recomputePresence()
  }

  refreshPresence(): void {
    this.recomputePresence()
  }

  /** Which step's "ready" flags to count (the facilitator's current step). */
  countReadyFor(step: string | null): void {
    this.readyStep = step
    this.recomputePresence()
  }

  /** Publishes this device's step-scoped flags in presence (merged with the role letter). */
  setLocalPresence(p: LocalPresence): void {
    const cur = (this.provider.awareness.getLocalState() ?? {}) as Record<string, unknown>
    this.provider.awareness.setLocalState({ ...cur, ...p })
  }

  private emit() {
    for (const l of this.listeners) l()
  }

  getState = (): ConnectionState => this.state
  getPresence = (): Presence => this.presence

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Puts this device's sealed ballot in presence (never in the doc, never on disk). */
  castBallot(sealed: SealedBallot): void {
    castBallot(this.provider.awareness, sealed)
  }

  withdrawBallot(): void {
    withdrawBallot(this.provider.awareness)
  }

  /** How many devices currently show a ballot for the round ("12 of 15 have voted"). */
  submittedCount(roundId: string): number {
    return submittedCount(this.provider.awareness, roundId)
  }

  /** Calls `cb` on every presence change (ballots appearing, devices leaving). */
  onPresence(cb: () => void): () => void {
    this.provider.awareness.on('change', cb)
    return () => this.provider.awareness.off('change', cb)
  }

  /** Data-channel counters of the patched y-webrtc (messages sent/received, chunks, drops …). */
  networkStats(): Readonly<Record<string, number>> {
    const relay: Record<string, number> = {}
    for (const [k, v] of Object.entries(this.relay?.stats ?? {})) relay[`relay${k.charAt(0).toUpperCase()}${k.slice(1)}`] = v
    return { ...(this.provider as unknown as { medvirkStats?: Record<string, number> }).medvirkStats, ...relay }
  }

  destroy(): void {
    clearTimeout(this.unreachableTimer)
    clearTimeout(this.relayTimer)
    for (const c of this.cleanup) c()
    this.listeners.clear()
    this.provider.awareness.setLocalState(null)
    // After the awareness removal above, so the others on the relay see this device leave.
    this.relay?.destroy()
    this.provider.destroy()
  }
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'connected' && b.kind === 'connected') return a.peers === b.peers && a.via === b.via && a.direct === b.direct && a.needsLink === b.needsLink
  return true
}

function performanceNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : 0
}
