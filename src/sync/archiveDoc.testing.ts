/**
 * Test helpers for crafted archives (unit and end-to-end tests only, never imported by the app):
 * a copy of a session doc with every note, flow record, plan field and every other map entry
 * deleted — what a rogue archive carries to wipe a session.
 */
import * as Y from 'yjs'

const MAPS = ['notes', 'plan', 'clusters', 'equity', 'efforts', 'placements', 'reach', 'redactions', 'statusLog', 'exportMeta']

/** A copy of `doc` (V2 update in, V2 update out) with everything deleted but `meta`, plus `extra` run on it. */
export function wipedCopyUpdate(docUpdateV2: Uint8Array, extra?: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  try {
    Y.applyUpdateV2(copy, docUpdateV2)
    copy.transact(() => {
      for (const name of MAPS) {
        const m = copy.getMap(name)
        for (const k of [...m.keys()]) m.delete(k)
      }
      const flow = copy.getArray('flow')
      flow.delete(0, flow.length)
    })
    extra?.(copy)
    return Y.encodeStateAsUpdateV2(copy)
  } finally {
    copy.destroy()
  }
}

/** A doc from a V2 update (so tests outside sync/ need not import yjs). */
export function docFromUpdate(updateV2: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdateV2(doc, updateV2)
  return doc
}

export function encodeDoc(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdateV2(doc)
}
