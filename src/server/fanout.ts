/**
 * The seam between a hub (signaling, relay) and other server instances that serve the same rooms.
 *
 * A hub always delivers to its own subscribers itself; in addition it hands every frame published
 * on a topic to the fan-out, and delivers what the fan-out brings from other instances to its own
 * subscribers of that topic. With one instance (`npm start`, no `REDIS_URL`) the fan-out is
 * `noFanout`: nothing to forward, nothing arrives. With `REDIS_URL` set, a Redis pub/sub fan-out
 * (issue 13) implements the same interface, and never hands an instance back its own frames.
 *
 * Channels are namespaced by the hub (`medvirk:signal:<topic>`, `medvirk:relay:<topic>`); payloads are opaque.
 */
export interface Fanout {
  /** Starts receiving frames other instances publish on `channel` (idempotent). */
  subscribe(channel: string, onFrame: (payload: Buffer) => void): void
  /** Stops receiving `channel` (when this instance has no subscriber of it left). */
  unsubscribe(channel: string): void
  /** Hands a frame published here to the other instances. */
  publish(channel: string, payload: Buffer): void
  close(): Promise<void>
}

/** One instance: nothing to forward, nothing arrives. */
export const noFanout: Fanout = {
  subscribe() {},
  unsubscribe() {},
  publish() {},
  close: () => Promise.resolve(),
}
