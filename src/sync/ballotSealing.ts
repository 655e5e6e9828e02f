/**
 * Sealed ballots (ARCHITECTURE.md §4, research/stack.md §7.2). On `vote.open` the facilitator
 * device makes a fresh ECDH P-256 key pair for the round; the private half is non-extractable and
 * lives only in memory. A participant seals its ballot to the round's public key:
 *
 *   ephemeral ECDH P-256 → shared secret → HKDF-SHA-256 (salt 'medvirk/ballot/v1', info roundId)
 *   → AES-GCM-256 (random 96-bit IV, AAD roundId)
 *
 * The plaintext is length-prefixed and zero-padded to exactly `padTo` bytes before encryption, so
 * every ciphertext of a round has the same size whatever was chosen. A fresh ephemeral key per
 * ballot makes sealing randomized: the same choice twice gives unrelated ciphertexts.
 *
 * Only the holder of the round's private key can open a ballot; the public key (which every peer
 * sees) cannot. Opening never throws: ballots arrive from untrusted peers, so any malformed,
 * oversized, tampered or foreign input is simply `null`.
 */
import { b64, unb64 } from './base64.ts'
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const
const SALT = new TextEncoder().encode('medvirk/ballot/v1')
/** Raw uncompressed P-256 point: 0x04 ‖ X ‖ Y. */
const RAW_KEY_BYTES = 65
const IV_BYTES = 12
const TAG_BYTES = 16
const LENGTH_PREFIX_BYTES = 4
/** Upper bound for `padTo`; a ballot is a handful of option ids and a token. */
export const MAX_BALLOT_BYTES = 16 * 1024
const MAX_ROUND_ID_CHARS = 256

/** What a participant puts in its awareness state. Every field is a short string. */
export interface SealedBallot {
  /** roundId */
  r: string
  /** Ephemeral ECDH public key, raw uncompressed P-256 point, base64. */
  k: string
  /** AES-GCM IV, base64. */
  iv: string
  /** Ciphertext with GCM tag, base64. Always `padTo + 16` bytes for a round. */
  c: string
}

export interface RoundKeys {
  /** ECDH P-256, non-extractable: it never leaves this page's memory. */
  privateKey: CryptoKey
  /** Base64 of the raw uncompressed public point (65 bytes). */
  publicKeyRaw: string
}

/** Canonical, padded base64 only (atob alone also accepts whitespace and missing padding). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const b64Chars = (bytes: number) => 4 * Math.ceil(bytes / 3)
/** Decodes `s` if it is canonical base64 of between `min` and `max` bytes; checks length before any work. */
function decodeBounded(s: unknown, min: number, max: number): Uint8Array<ArrayBuffer> | null {
  if (typeof s !== 'string' || s.length < b64Chars(min) || s.length > b64Chars(max) || !BASE64.test(s)) return null
  const out = unb64(s)
  return out.length >= min && out.length <= max ? out : null
}

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>
const validRoundId = (roundId: unknown): roundId is string => typeof roundId === 'string' && roundId.length > 0 && roundId.length <= MAX_ROUND_ID_CHARS

export async function generateRoundKeys(): Promise<RoundKeys> {
  const pair = await crypto.subtle.generateKey(CURVE, false, ['deriveBits'])
  // The public half of a pair is always exportable, whatever `extractable` says for the private one.
  const raw = await crypto.subtle.exportKey('raw', pair.publicKey)
  return { privateKey: pair.privateKey, publicKeyRaw: b64(raw) }
}

async function ballotKey(privateKey: CryptoKey, publicKey: CryptoKey, roundId: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256)
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: utf8(roundId) }, ikm, { name: 'AES-GCM', length: 256 }, false, [usage])
}

/**
 * Seals `plaintext` to the round's public key. Throws (a programming or setup error, never a
 * peer's doing) if the round id or key is invalid or the plaintext does not fit in `padTo − 4`
 * bytes of UTF-8.
 */
export async function sealBallot(roundId: string, roundPublicKey: string, plaintext: string, padTo: number): Promise<SealedBallot> {
  if (!validRoundId(roundId)) throw new Error(`sealBallot: roundId must be a non-empty string of at most ${MAX_ROUND_ID_CHARS} characters`)
  if (!Number.isInteger(padTo) || padTo < LENGTH_PREFIX_BYTES || padTo > MAX_BALLOT_BYTES) {
    throw new Error(`sealBallot: padTo must be an integer between ${LENGTH_PREFIX_BYTES} and ${MAX_BALLOT_BYTES} (got ${padTo})`)
  }
  const body = utf8(plaintext)
  if (body.length > padTo - LENGTH_PREFIX_BYTES) {
    throw new Error(`sealBallot: ballot is ${body.length} bytes of UTF-8 but at most ${padTo - LENGTH_PREFIX_BYTES} fit in padTo = ${padTo}`)
  }
  const rawKey = decodeBounded(roundPublicKey, RAW_KEY_BYTES, RAW_KEY_BYTES)
  let roundKey: CryptoKey
  try {
    if (!rawKey) throw new Error('not base64 of 65 bytes')
    roundKey = await crypto.subtle.importKey('raw', rawKey, CURVE, false, [])
  } catch {
    throw new Error('sealBallot: the round public key is not a valid raw P-256 key in base64')
  }

  // [u32 big-endian length][UTF-8 bytes][zeros up to padTo]. Zeros are fine: the whole block is encrypted.
  const padded = new Uint8Array(padTo)
  new DataView(padded.buffer).setUint32(0, body.length)
  padded.set(body, LENGTH_PREFIX_BYTES)

  const eph = await crypto.subtle.generateKey(CURVE, false, ['deriveBits'])
  const key = await ballotKey(eph.privateKey, roundKey, roundId, 'encrypt')
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(roundId) }, key, padded)
  padded.fill(0)
  return { r: roundId, k: b64(await crypto.subtle.exportKey('raw', eph.publicKey)), iv: b64(iv), c: b64(c) }
}

/**
 * Opens a ballot from an untrusted peer with the round's private key. Returns the plaintext, or
 * null if anything is wrong (shape, sizes, base64, other round, other key, tampering, padding,
 * invalid UTF-8). Never throws; rejects oversized input before decoding or any crypto.
 */
export async function openBallot(roundId: string, privateKey: CryptoKey, sealed: unknown): Promise<string | null> {
  try {
    if (!validRoundId(roundId) || typeof sealed !== 'object' || sealed === null) return null
    const s = sealed as Partial<Record<keyof SealedBallot, unknown>>
    if (s.r !== roundId) return null
    const k = decodeBounded(s.k, RAW_KEY_BYTES, RAW_KEY_BYTES)
    const iv = decodeBounded(s.iv, IV_BYTES, IV_BYTES)
    const c = decodeBounded(s.c, LENGTH_PREFIX_BYTES + TAG_BYTES, MAX_BALLOT_BYTES + TAG_BYTES)
    if (!k || !iv || !c) return null
    const ephemeral = await crypto.subtle.importKey('raw', k, CURVE, false, [])
    const key = await ballotKey(privateKey, ephemeral, roundId, 'decrypt')
    const padded = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(roundId) }, key, c))
    const len = new DataView(padded.buffer).getUint32(0)
    if (len > padded.length - LENGTH_PREFIX_BYTES) return null
    return new TextDecoder('utf-8', { fatal: true }).decode(padded.subarray(LENGTH_PREFIX_BYTES, LENGTH_PREFIX_BYTES + len))
  } catch {
    return null
  }
}
