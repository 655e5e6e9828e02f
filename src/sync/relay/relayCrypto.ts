/**
 * The room content key of the relay (issue 13): 32 random bytes made by the facilitator's device,
 * never derived from the join code (40 bits: a server that stores ciphertext could try every code
 * offline). Each relay frame is AES-GCM-256 with a fresh 96-bit IV and the relay topic as
 * additional data, so a frame cannot be replayed into another room. The topic itself is a hash of
 * the key, so the server cannot guess its way from a join code to a room.
 *
 * Frame payload on the wire: [12-byte IV][ciphertext + 16-byte tag].
 */
const TOPIC_LABEL = 'medvirk/relay-topic/v1'
const IV_BYTES = 12
export const CONTENT_KEY_BYTES = 32

export function toBase64Url(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4))
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch {
    return null
  }
}

/** A fresh content key, base64url (43 characters): what the join link carries as `r`. */
export function generateContentKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(CONTENT_KEY_BYTES)))
}

/** True for a string that decodes to exactly 32 bytes. */
export function isContentKey(s: unknown): s is string {
  return typeof s === 'string' && s.length === 43 && fromBase64Url(s)?.length === CONTENT_KEY_BYTES
}

/** base64url(SHA-256("medvirk/relay-topic/v1" ‖ key)): the relay topic of a room. */
export async function relayTopic(contentKey: string): Promise<string> {
  const key = fromBase64Url(contentKey)
  if (!key || key.length !== CONTENT_KEY_BYTES) throw new Error('bad content key')
  const label = new TextEncoder().encode(TOPIC_LABEL)
  const input = new Uint8Array(label.length + key.length)
  input.set(label)
  input.set(key, label.length)
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', input)))
}

export async function importContentKey(contentKey: string): Promise<CryptoKey> {
  const key = fromBase64Url(contentKey)
  if (!key || key.length !== CONTENT_KEY_BYTES) throw new Error('bad content key')
  return crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
}

export async function sealFrame(key: CryptoKey, topic: string, plaintext: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(topic) }, key, plaintext),
  )
  const out = new Uint8Array(IV_BYTES + ct.length)
  out.set(iv)
  out.set(ct, IV_BYTES)
  return out
}

/** The plaintext, or null when the frame was not sealed with this key for this topic. */
export async function openFrame(key: CryptoKey, topic: string, frame: Uint8Array): Promise<Uint8Array<ArrayBuffer> | null> {
  if (frame.length < IV_BYTES + 16) return null
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: frame.slice(0, IV_BYTES), additionalData: new TextEncoder().encode(topic) },
      key,
      frame.slice(IV_BYTES),
    )
    return new Uint8Array(pt)
  } catch {
    return null
  }
}
