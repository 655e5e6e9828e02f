/**
 * Notes of a hidden brainstorm are hidden in the data, not only in the view (issue 12, attack 8).
 *
 * For each hidden step the facilitator device makes an ECDH P-256 key pair and publishes the
 * public half in a signed `notes.seal` event. A participant seals a note's text to it:
 *
 *   ECDH(device's ephemeral key for this seal, seal key) → HKDF-SHA-256 (salt 'medvirk/note/v1',
 *   info = step id) → AES-GCM-256 (random 96-bit IV per note, AAD = step id)
 *
 * The text is length-prefixed and zero-padded to a multiple of 64 bytes, so a ciphertext tells a
 * peer roughly how long a note is, not its exact length. A device uses one ephemeral key per seal
 * for all of its notes (one ECDH per device instead of one per note: 200 notes open in one AES
 * pass each), which links a device's sealed notes to each other — as every Yjs item already does
 * through its clientID (THREAT_MODEL.md).
 *
 * The facilitator device can open every note (it moderates before the reveal); the signed
 * `notes.reveal` publishes the private key, after which every device can. Opening never throws:
 * sealed notes come from untrusted peers, so anything malformed or foreign is `null`.
 */
import { b64, unb64 } from './base64.ts'

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const
const SALT = new TextEncoder().encode('medvirk/note/v1')
const IV_BYTES = 12
const BLOCK = 64
/** A note is at most 1,000 code points (4 KB of UTF-8); this bounds a hostile ciphertext. */
const MAX_CIPHER_BYTES = 8 * 1024

/** What a sealed note carries in the doc instead of its text. */
export interface SealedText {
  /** The step whose seal it is sealed to. */
  s: string
  /** The writer device's ephemeral ECDH public key for this seal (raw P-256 point, base64). */
  k: string
  iv: string
  c: string
}

export interface SealKeys {
  /** Extractable: the reveal publishes it. */
  privateKey: CryptoKey
  /** Raw public point, base64: what `notes.seal` carries. */
  publicKeyRaw: string
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const isB64 = (s: unknown, max: number): s is string => typeof s === 'string' && s.length > 0 && s.length <= max && BASE64.test(s)

export function asSealedText(x: unknown): SealedText | null {
  if (typeof x !== 'object' || x === null) return null
  const r = x as Record<string, unknown>
  if (typeof r.s !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(r.s)) return null
  if (!isB64(r.k, 120) || !isB64(r.iv, 24) || !isB64(r.c, Math.ceil(MAX_CIPHER_BYTES / 3) * 4)) return null
  return { s: r.s, k: r.k, iv: r.iv, c: r.c }
}

export async function generateSealKeys(): Promise<SealKeys> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits'])
  return { privateKey: pair.privateKey, publicKeyRaw: b64(await crypto.subtle.exportKey('raw', pair.publicKey)) }
}

export async function exportSealPrivateKey(key: CryptoKey): Promise<string> {
  return b64(await crypto.subtle.exportKey('pkcs8', key))
}

export async function importSealPrivateKey(pkcs8: string): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.importKey('pkcs8', unb64(pkcs8), CURVE, false, ['deriveBits'])
  } catch {
    return null
  }
}

async function aesKey(privateKey: CryptoKey, publicRaw: string, step: string): Promise<CryptoKey | null> {
  try {
    const pub = await crypto.subtle.importKey('raw', unb64(publicRaw), CURVE, false, [])
    const bits = await crypto.subtle.deriveBits({ name: 'ECDH', public: pub }, privateKey, 256)
    const hk = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey'])
    return await crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: new TextEncoder().encode(step) }, hk, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
  } catch {
    return null
  }
}

function pad(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(text)
  const out = new Uint8Array(Math.ceil((bytes.length + 4) / BLOCK) * BLOCK)
  new DataView(out.buffer).setUint32(0, bytes.length)
  out.set(bytes, 4)
  return out
}

function unpad(buf: ArrayBuffer): string | null {
  if (buf.byteLength < 4) return null
  const n = new DataView(buf).getUint32(0)
  if (n > buf.byteLength - 4) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buf, 4, n))
  } catch {
    return null
  }
}

/** Seals this device's notes: one ephemeral key per seal, kept in memory while the page lives. */
export class NoteSealer {
  private readonly keys = new Map<string, Promise<{ k: string; aes: CryptoKey } | null>>()

  private forSeal(step: string, sealKey: string) {
    const id = `${step}|${sealKey}`
    let p = this.keys.get(id)
    if (!p) {
      p = (async () => {
        const eph = await crypto.subtle.generateKey(CURVE, false, ['deriveBits'])
        const aes = await aesKey(eph.privateKey, sealKey, step)
        if (!aes) return null
        return { k: b64(await crypto.subtle.exportKey('raw', eph.publicKey)), aes }
      })()
      this.keys.set(id, p)
    }
    return p
  }

  async seal(step: string, sealKey: string, text: string): Promise<SealedText | null> {
    const e = await this.forSeal(step, sealKey)
    if (!e) return null
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(step) }, e.aes, pad(text))
    return { s: step, k: e.k, iv: b64(iv), c: b64(c) }
  }
}

/** Opens sealed notes with the keys this device holds; derived keys are cached per writer device. */
export class NoteOpener {
  private readonly derived = new Map<string, Promise<CryptoKey | null>>()

  async open(privateKey: CryptoKey, keyId: string, sealed: SealedText): Promise<string | null> {
    const id = `${keyId}|${sealed.s}|${sealed.k}`
    let p = this.derived.get(id)
    if (!p) {
      p = aesKey(privateKey, sealed.k, sealed.s)
      this.derived.set(id, p)
    }
    const aes = await p
    if (!aes) return null
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: new TextEncoder().encode(sealed.s) }, aes, unb64(sealed.c))
      return unpad(plain)
    } catch {
      return null
    }
  }
}
