// Types for what patches/y-webrtc+10.3.0.patch adds to y-webrtc (see the `medvirk:` comments in
// node_modules/y-webrtc/src/y-webrtc.js): chunking, back-pressure, relay suppression in a full
// mesh, anti-entropy, reconnect back-off, decrypt-error handling, and counters.
import 'y-webrtc'

declare module 'y-webrtc' {
  /** Counters shared by `provider.medvirkStats` and `provider.room.medvirkStats`. */
  interface MedvirkStats {
    /** messages handed completely to a data channel (per message and connection, not per chunk) */
    sent: number
    /** complete messages received on data channels (after reassembly) */
    received: number
    /** chunk frames sent */
    chunkedSent: number
    /** chunk frames received */
    chunkedReceived: number
    /** messages dropped (send failure, full queue, bad/incomplete/oversized reassembly, unreadable) */
    dropped: number
    /** peer.send() threw (also counted in dropped) */
    sendErrors: number
    /** signaling/broadcastchannel messages that could not be decrypted */
    decryptErrors: number
    /** WebrtcConns created */
    connectAttempts: number
    /** announces ignored because the peer was in back-off */
    backoffSkipped: number
    /** remote updates not re-broadcast because the mesh is full */
    relaysSuppressed: number
    /** anti-entropy rounds that reached at least one peer */
    antiEntropyRounds: number
  }

  interface MedvirkOptions {
    frameSize: number
    maxMessageBytes: number
    maxPendingBytes: number
    maxPendingMessages: number
    reassemblyTimeout: number
    highWaterMark: number
    drainPollInterval: number
    maxQueuedBytes: number
    antiEntropyInterval: number
    backoffBase: number
    backoffMax: number
    backoffStableAfter: number
    warnInterval: number
    now: () => number
    random: () => number
  }

  interface MedvirkReassembler {
    receive(frame: Uint8Array): Uint8Array | null
    clear(): void
    pending: Map<number, unknown>
    budget: { pendingBytes: number }
  }

  interface MedvirkBackoff {
    opts: MedvirkOptions
    peers: Map<string, { failures: number; until: number; timer: unknown }>
    isBlocked(peerId: string): boolean
    onFailure(peerId: string, connectedAt: number): number
    schedule(peerId: string, delay: number, f: () => void): void
    clearTimers(): void
  }

  interface WebrtcProvider {
    medvirkOptions: MedvirkOptions
    medvirkStats: MedvirkStats
  }

  interface Room {
    medvirkStats: MedvirkStats
    medvirkBudget: { pendingBytes: number }
    medvirkBackoff: MedvirkBackoff
    /** subscriber count per signaling url, as reported by the signaling server */
    medvirkSignalingClients: Map<string, number>
  }

  interface WebrtcConn {
    medvirkConnectedAt: number
    medvirkSend(m: Uint8Array): boolean
    medvirkReceive(data: Uint8Array | string): void
  }

  /** Internals for Medvirk's tests and benchmarks; not part of y-webrtc's API. */
  const medvirk: {
    defaults: MedvirkOptions
    MESSAGE_CHUNK: number
    chunkMessage(m: Uint8Array, id: number, frameSize?: number): Uint8Array[]
    createReassembler(opts?: {
      maxMessageBytes?: number
      maxPendingBytes?: number
      maxPendingMessages?: number
      reassemblyTimeout?: number
      budget?: { pendingBytes: number }
      onDrop?: (reason: string) => void
    }): MedvirkReassembler
    isFullMesh(room: Room): boolean
    antiEntropy(room: Room): void
    Backoff: new (opts: MedvirkOptions) => MedvirkBackoff
    /** creates the simple-peer instance of a WebrtcConn (replaceable in tests) */
    createPeer: (opts: Record<string, unknown>) => unknown
  }
}
