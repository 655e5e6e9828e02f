/**
 * Two in-memory Yjs replicas wired together like two devices on one network, for unit tests of
 * the doc API. `offline()` queues updates in both directions; `online()` delivers them, as when
 * devices meet again.
 */
import * as Y from 'yjs'

export function replicaPair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  let online = true
  const queue: [Y.Doc, Uint8Array][] = []
  const send = (to: Y.Doc, u: Uint8Array) => (online ? Y.applyUpdate(to, u, 'remote') : queue.push([to, u]))
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && send(b, u))
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && send(a, u))
  return {
    a,
    b,
    offline: () => {
      online = false
    },
    online: () => {
      online = true
      for (const [to, u] of queue.splice(0)) Y.applyUpdate(to, u, 'remote')
    },
  }
}
