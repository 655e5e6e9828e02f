/**
 * The device end of the `/relay` WebSocket (protocol in src/server/relay.ts): subscribe to topics,
 * publish binary frames `[topic length][topic][payload]`, receive the others' frames and the
 * topic's subscriber count. Reconnects by itself with exponential back-off (0.5 s doubling to
 * 10 s, with jitter) and re-subscribes; a ping every 20 s keeps proxies from closing an idle link.
 */
export type WebSocketCtor = new (url: string) => WebSocket

export interface RelaySocketHandlers {
  onFrame(topic: string, payload: Uint8Array): void
  onCount(topic: string, n: number): void
  /** The socket (re)opened and the topics are subscribed again. */
  onOpen(): void
  onClose(): void
}

export interface RelaySocketOptions {
  url: string
  WebSocketImpl?: WebSocketCtor
  minBackoffMs?: number
  maxBackoffMs?: number
}

export class RelaySocket {
  private ws: WebSocket | null = null
  private readonly topics = new Set<string>()
  private backoff: number
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private pingTimer: ReturnType<typeof setInterval> | undefined
  private destroyed = false
  connected = false
  /** Times the socket opened (1 on the first connect). */
  opens = 0

  constructor(
    private readonly opts: RelaySocketOptions,
    private readonly handlers: RelaySocketHandlers,
  ) {
    this.backoff = opts.minBackoffMs ?? 500
    this.open()
  }

  private open(): void {
    if (this.destroyed) return
    const Ctor = this.opts.WebSocketImpl ?? (globalThis.WebSocket as WebSocketCtor | undefined)
    if (!Ctor) return
    let ws: WebSocket
    try {
      ws = new Ctor(this.opts.url)
    } catch {
      this.scheduleRetry()
      return
    }
    ws.binaryType = 'arraybuffer'
    this.ws = ws
    ws.onopen = () => {
      if (this.ws !== ws) return
      this.connected = true
      this.opens++
      this.backoff = this.opts.minBackoffMs ?? 500
      if (this.topics.size > 0) ws.send(JSON.stringify({ t: 'sub', topics: [...this.topics] }))
      clearInterval(this.pingTimer)
      this.pingTimer = setInterval(() => this.sendText({ t: 'ping' }), 20_000)
      this.handlers.onOpen()
    }
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws) return
      const data: unknown = ev.data
      if (typeof data === 'string') {
        let m: unknown
        try {
          m = JSON.parse(data)
        } catch {
          return
        }
        const msg = m as { t?: unknown; topic?: unknown; n?: unknown }
        if (msg.t === 'count' && typeof msg.topic === 'string' && typeof msg.n === 'number') this.handlers.onCount(msg.topic, msg.n)
        return
      }
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null
      if (!bytes || bytes.length < 1) return
      const n = bytes[0] ?? 0
      if (n === 0 || bytes.length < 1 + n) return
      const topic = new TextDecoder().decode(bytes.subarray(1, 1 + n))
      this.handlers.onFrame(topic, bytes.subarray(1 + n))
    }
    ws.onclose = () => {
      if (this.ws !== ws) return
      this.ws = null
      const was = this.connected
      this.connected = false
      clearInterval(this.pingTimer)
      if (was) this.handlers.onClose()
      this.scheduleRetry()
    }
    ws.onerror = () => {}
  }

  private scheduleRetry(): void {
    if (this.destroyed) return
    clearTimeout(this.retryTimer)
    const wait = this.backoff * (0.75 + Math.random() * 0.5)
    this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs ?? 10_000)
    this.retryTimer = setTimeout(() => this.open(), wait)
  }

  private sendText(m: unknown): void {
    if (this.ws && this.connected) this.ws.send(JSON.stringify(m))
  }

  subscribe(topic: string): void {
    if (this.topics.has(topic)) return
    this.topics.add(topic)
    this.sendText({ t: 'sub', topics: [topic] })
  }

  unsubscribe(topic: string): void {
    if (!this.topics.delete(topic)) return
    this.sendText({ t: 'unsub', topics: [topic] })
  }

  /** False when the socket is not open (the frame is not queued: the sync protocol catches up). */
  publish(topic: string, payload: Uint8Array): boolean {
    if (!this.ws || !this.connected) return false
    const t = new TextEncoder().encode(topic)
    const frame = new Uint8Array(1 + t.length + payload.length)
    frame[0] = t.length
    frame.set(t, 1)
    frame.set(payload, 1 + t.length)
    this.ws.send(frame)
    return true
  }

  destroy(): void {
    this.destroyed = true
    clearTimeout(this.retryTimer)
    clearInterval(this.pingTimer)
    const ws = this.ws
    this.ws = null
    this.connected = false
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) ws.close()
  }
}
