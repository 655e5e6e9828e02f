/**
 * Facilitator authority that a peer cannot forge (ARCHITECTURE.md §3). The facilitator device
 * holds an ECDSA P-256 key pair whose private half is non-extractable; its public key (SPKI,
 * base64) sits in the doc meta and its fingerprint travels in the join link. Every flow record
 * and the session template are signed over a domain-separated string that names the workshop,
 * so a record cannot be replayed into another session or reinterpreted as another kind of data.
 */
import { b64, unb64 } from './base64.ts'
const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIG = { name: 'ECDSA', hash: 'SHA-256' } as const


export interface FacilitatorKeys {
  privateKey: CryptoKey
  publicKeySpki: string
}

export async function generateFacilitatorKeys(): Promise<FacilitatorKeys> {
  const pair = await crypto.subtle.generateKey(ALG, false, ['sign', 'verify'])
  const spki = await crypto.subtle.exportKey('spki', pair.publicKey)
  return { privateKey: pair.privateKey, publicKeySpki: b64(spki) }
}

/** Short, URL-safe fingerprint of a public key, for the join link and QR code. */
export async function keyFingerprint(publicKeySpki: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', unb64(publicKeySpki))
  return b64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 22)
}

const keyCache = new Map<string, Promise<CryptoKey | null>>()

export function importPublicKey(publicKeySpki: string): Promise<CryptoKey | null> {
  let p = keyCache.get(publicKeySpki)
  if (!p) {
    p = (async () => {
      try {
        return await crypto.subtle.importKey('spki', unb64(publicKeySpki), ALG, false, ['verify'])
      } catch {
        return null
      }
    })()
    keyCache.set(publicKeySpki, p)
  }
  return p
}

export const flowMessage = (workshopId: string, seq: number, eventJson: string) => `medvirk/flow/v1\n${workshopId}\n${seq}\n${eventJson}`
export const templateMessage = (workshopId: string, templateJson: string) => `medvirk/template/v1\n${workshopId}\n${templateJson}`
/**
 * What an archive's signature covers: the workshop, the doc's SHA-256 (so every byte of the doc),
 * the export time exactly as written in the file, the key it claims to be by and the join code.
 */
export const archiveMessage = (workshopId: string, sha256: string, exportedAt: string, facilitatorKey: string, code: string) =>
  `medvirk/archive/v1\n${workshopId}\n${sha256}\n${exportedAt}\n${facilitatorKey}\n${code}`

export async function sign(privateKey: CryptoKey, message: string): Promise<string> {
  return b64(await crypto.subtle.sign(SIG, privateKey, new TextEncoder().encode(message)))
}

export async function verify(publicKey: CryptoKey, message: string, signature: string): Promise<boolean> {
  try {
    return await crypto.subtle.verify(SIG, publicKey, unb64(signature), new TextEncoder().encode(message))
  } catch {
    return false
  }
}
