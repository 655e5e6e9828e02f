/**
 * Yjs sync and awareness over the end-to-end-encrypted relay (issue 13). Every frame is sealed
 * with the room content key (relayCrypto.ts); the server forwards opaque bytes to the topic's
 * other subscribers.
 *
 * Plaintext messages (lib0 encoding, first a varUint kind):
 *   0 SYNC       a y-protocols sync message: step 1 is answered with step 2; step 2 and updates
 *                are applied.
 *   1 AWARENESS  a y-protocols awareness update.
 *   2 HELLO      a y-protocols step 1 from a device that has just started sending (connect,
 *                reconnect, or the connection decided the relay is needed): everyone who sends
 *                answers with step 2 for it, its own step 1 (so the newcomer's offline edits come
 *                back) and its awareness state.
 *
 * Sending is switched by the owner (`setSending`, see connection.ts: only while some member of
 * the room is not directly connected); receiving is always on. What arrives is applied with this
 * provider as the transaction origin, so it is never published back on the relay; the caller says
 * which other origins are remote (`isRemoteOrigin`: y-webrtc's room and connections) so what came
 * over WebRTC is not echoed here either. Yjs and awareness are idempotent, so an update arriving
 * over both is harmless. A frame that does not decrypt (wrong key, forged, replayed into another
 * room) is dropped and counted, never applied.
 */
import type * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import { importContentKey, openFrame, relayTopic, sealFrame } from './relayCrypto.ts'
import { RelaySocket, type WebSocketCtor } from './relaySocket.ts'

const MSG_SYNC = 0
const MSG_AWARENESS = 1
const MSG_HELLO = 2

/** Frames larger than this are not sent (the server's limit is 512 KiB). */
const MAX_FRAME_BYTES = 500 * 1024

export interface RelayProviderOptions {
  url: string
  contentKey: string
  awareness: awarenessProtocol.Awareness
  /** Origins of updates that came from another transport and must not be forwarded here. */
  isRemoteOrigin?: (origin: unknown) => boolean
  /** Start sending at once (default true). */
  sending?: boolean
  WebSocketImpl?: WebSocketCtor
}

export interface RelayStats {
  framesSent: number
  bytesSent: number
  framesReceived: number
  bytesReceived: number
  /** Frames that did not decrypt with the room key: dropped, never applied. */
  undecryptable: number
  /** Frames that decrypted but could not be read. */
  malformed: number
  /** Frames too large to send. */
  tooLarge: number
}

export class RelayProvider {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly stats: RelayStats = { framesSent: 0, bytesSent: 0, framesReceived: 0, bytesReceived: 0, undecryptable: 0, malformed: 0, tooLarge: 0 }
  /** Subscribers of the room's topic on the server (this device included), 0 until known. */
  subscribers = 0
  private sending: boolean
  private socket: RelaySocket | null = null
  private key: CryptoKey | null = null
  private topic: string | null = null
  private sendChain: Promise<void> = Promise.resolve()
  private recvChain: Promise<void> = Promise.resolve()
  private destroyed = false
  private closing = false
  private readonly listeners = new Set<() => void>()
  private readonly opts: RelayProviderOptions
  readonly ready: Promise<void>

  constructor(doc: Y.Doc, opts: RelayProviderOptions) {
    this.doc = doc
    this.awareness = opts.awareness
    this.opts = opts
    this.sending = opts.sending ?? true
    doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.ready = (async () => {
      const [key, topic] = await Promise.all([importContentKey(opts.contentKey), relayTopic(opts.contentKey)])
      if (this.closing) return
      this.key = key
      this.topic = topic
      this.socket = new RelaySocket(
        { url: opts.url, WebSocketImpl: opts.WebSocketImpl },
        {
          onOpen: () => {
            if (this.sending) this.hello()
            this.emit()
          },
          onClose: () => {
            this.subscribers = 0
            this.emit()
          },
          onCount: (t, n) => {
            if (t !== this.topic) return
            this.subscribers = n
            this.emit()
          },
          onFrame: (t, payload) => {
            if (t === this.topic) this.receive(payload)
          },
        },
      )
      this.socket.subscribe(topic)
    })()
  }

  get connected(): boolean {
    return this.socket?.connected ?? false
  }

  /** Other devices on the relay topic right now (per the server), 0 when not connected. */
  get relayPeers(): number {
    return this.connected ? Math.max(0, this.subscribers - 1) : 0
  }

  isSending(): boolean {
    return this.sending
  }

  /** Switches publishing on or off; switching on greets the room so both sides catch up. */
  setSending(on: boolean): void {
    if (on === this.sending) return
    this.sending = on
    if (on && this.connected) this.hello()
    this.emit()
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }

  private hello(): void {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_HELLO)
    syncProtocol.writeSyncStep1(e, this.doc)
    this.publish(encoding.toUint8Array(e))
    this.publishAwareness([this.doc.clientID])
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (!this.sending || origin === this || this.opts.isRemoteOrigin?.(origin)) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_SYNC)
    syncProtocol.writeUpdate(e, update)
    this.publish(encoding.toUint8Array(e))
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (!this.sending || origin === this) return
    // Only this device's own state: the others publish theirs themselves.
    const own = this.awareness.clientID
    if (added.includes(own) || updated.includes(own) || removed.includes(own)) this.publishAwareness([own])
  }

  private publishAwareness(clients: number[]): void {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_AWARENESS)
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
    this.publish(encoding.toUint8Array(e))
  }

  /** Seals and sends in order; nothing is queued while the socket is down (hello catches up). */
  private publish(plaintext: Uint8Array): void {
    const copy = new Uint8Array(plaintext)
    this.sendChain = this.sendChain.then(async () => {
      const { key, topic, socket } = this
      if (!key || !topic || !socket?.connected) return
      const sealed = await sealFrame(key, topic, copy)
      if (sealed.length > MAX_FRAME_BYTES) {
        this.stats.tooLarge++
        return
      }
      if (socket.publish(topic, sealed)) {
        this.stats.framesSent++
        this.stats.bytesSent += sealed.length
      }
    })
  }

  private receive(payload: Uint8Array): void {
    const copy = new Uint8Array(payload)
    this.recvChain = this.recvChain.then(async () => {
      const { key, topic } = this
      if (!key || !topic || this.destroyed) return
      this.stats.framesReceived++
      this.stats.bytesReceived += copy.length
      const plain = await openFrame(key, topic, copy)
      if (!plain) {
        this.stats.undecryptable++
        this.emit()
        return
      }
      try {
        this.apply(plain)
      } catch {
        this.stats.malformed++
      }
    })
  }

  private apply(plain: Uint8Array): void {
    const d = decoding.createDecoder(plain)
    const kind = decoding.readVarUint(d)
    if (kind === MSG_SYNC || kind === MSG_HELLO) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MSG_SYNC)
      const type = syncProtocol.readSyncMessage(d, reply, this.doc, this)
      if (type === syncProtocol.messageYjsSyncStep1 && this.sending) {
        this.publish(encoding.toUint8Array(reply))
        if (kind === MSG_HELLO) {
          const e = encoding.createEncoder()
          encoding.writeVarUint(e, MSG_SYNC)
          syncProtocol.writeSyncStep1(e, this.doc)
          this.publish(encoding.toUint8Array(e))
          this.publishAwareness([this.doc.clientID])
        }
      }
    } else if (kind === MSG_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), this)
    } else {
      this.stats.malformed++
    }
  }

  /** Publishes this device's awareness removal if it can, then closes. */
  destroy(): void {
    if (this.closing) return
    this.closing = true
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.listeners.clear()
    const done = (): void => {
      this.destroyed = true
      this.socket?.destroy()
      this.socket = null
    }
    // Let what is being sealed go out first (the awareness removal on leave).
    void this.sendChain.then(done, done)
  }
}

