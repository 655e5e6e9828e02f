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
 */
import type * as Y from 'yjs'
import { medvirk, WebrtcProvider, type MedvirkOptions, type ProviderOptions } from 'y-webrtc'
import type { ConnectionState, WorkshopRole } from '../domain/workshop.ts'
import { BallotCollector, castBallot, submittedCount, withdrawBallot, type BallotDecoder, type BallotValidator } from './ballotBox.ts'
import type { SealedBallot } from './ballotSealing.ts'
import { asSealedText, type SealedText } from './noteSealing.ts'

export interface ConnectOptions {
  roomName: string
  password: string
  signalingUrl: string
  iceServers?: RTCIceServer[]
  role: WorkshopRole
  /** How long to wait for the signaling server before calling it unreachable. */
  unreachableAfterMs?: number
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
  webrtcConns: Map<string, unknown>
  bcConns: Set<string>
}

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

  private peerCount(): number {
    const room = this.provider.room as unknown as RoomLike | null
    if (!room) return 0
    return room.webrtcConns.size + room.bcConns.size
  }

  private recompute() {
    let next: ConnectionState
    const online = typeof navigator === 'undefined' || navigator.onLine !== false
    const signalingUp = this.signalingConns().some((c) => c.connected)
    const peers = this.peerCount()
    if (signalingUp) this.everConnected = true
    if (peers > 0 || signalingUp) next = { kind: 'connected', peers }
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

  /** Facilitator: collects and opens the ballots in presence, in memory only. */
  collectBallots<B>(roundId: string, privateKey: CryptoKey, decode: BallotDecoder, validate: BallotValidator<B>): BallotCollector<B> {
    return new BallotCollector(this.provider.awareness, roundId, privateKey, decode, validate)
  }

  /** Calls `cb` on every presence change (ballots appearing, devices leaving). */
  onPresence(cb: () => void): () => void {
    this.provider.awareness.on('change', cb)
    return () => this.provider.awareness.off('change', cb)
  }

  /** Data-channel counters of the patched y-webrtc (messages sent/received, chunks, drops …). */
  networkStats(): Readonly<Record<string, number>> {
    return { ...(this.provider as unknown as { medvirkStats?: Record<string, number> }).medvirkStats }
  }

  destroy(): void {
    clearTimeout(this.unreachableTimer)
    for (const c of this.cleanup) c()
    this.listeners.clear()
    this.provider.awareness.setLocalState(null)
    this.provider.destroy()
  }
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'connected' && b.kind === 'connected') return a.peers === b.peers
  return true
}

function performanceNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : 0
}
