/**
 * The room content key in the doc meta (`meta.rkey = {k, g}`), signed by the facilitator key over
 * a domain-separated message that names the workshop, so a rogue peer cannot swap in a key of its
 * own (and then read the relay). A device takes the key only when the signature verifies against
 * the facilitator key it already trusts (its own, the pinned one, or the link's fingerprint's).
 * This is how a participant who typed the code learns the key: once any peer reached it directly.
 */
import type * as Y from 'yjs'
import { importPublicKey, sign, verify } from '../flowSigning.ts'
import { LOCAL_ORIGIN } from '../sessionDoc.ts'
import { isContentKey } from './relayCrypto.ts'

export const relayKeyMessage = (workshopId: string, contentKey: string) => `medvirk/relay-key/v1\n${workshopId}\n${contentKey}`

export async function writeSignedRelayKey(doc: Y.Doc, workshopId: string, contentKey: string, privateKey: CryptoKey): Promise<void> {
  const g = await sign(privateKey, relayKeyMessage(workshopId, contentKey))
  doc.transact(() => doc.getMap('meta').set('rkey', { k: contentKey, g }), LOCAL_ORIGIN)
}

/** The content key in the meta if it is signed by `trustedSpki`; null otherwise. */
export async function readSignedRelayKey(doc: Y.Doc, workshopId: string, trustedSpki: string | null | undefined): Promise<string | null> {
  if (!trustedSpki) return null
  const v = doc.getMap('meta').get('rkey') as { k?: unknown; g?: unknown } | undefined
  if (!v || typeof v !== 'object' || !isContentKey(v.k) || typeof v.g !== 'string' || v.g.length > 200) return null
  const pub = await importPublicKey(trustedSpki)
  if (!pub) return null
  return (await verify(pub, relayKeyMessage(workshopId, v.k), v.g)) ? v.k : null
}

/** Calls `cb` when the meta changes (the signed key may have arrived). */
export function observeMeta(doc: Y.Doc, cb: () => void): () => void {
  const m = doc.getMap('meta')
  m.observe(cb)
  return () => m.unobserve(cb)
}
