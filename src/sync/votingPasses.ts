/**
 * Voting passes (ARCHITECTURE.md §4, eligibility and ownership): RFC 9474 blind RSA
 * (RSABSSA-SHA384-PSS-Randomized, `@cloudflare/blindrsa-ts`) so the facilitator device can hand
 * out one pass per device without being able to link a pass to the device it gave it to.
 *
 *   facilitator, on vote.open:  RSA-2048 pass key pair (extractable: the library exports it as JWK
 *                               to do the RSA arithmetic); the public SPKI goes into the signed round.
 *   participant, per round:     ECDSA P-256 voter key pair (private non-extractable);
 *                               msg = SHA-256("medvirk/pass/v1" ‖ workshop ‖ round ‖ voter public key)
 *                               prepared = random 32 bytes ‖ msg; blinded = blind(prepared)
 *                               → `passReq` {r, q} in its own presence.
 *   facilitator:                blind-signs at most one request per presence client id per round
 *                               (none for client ids first seen after the room was closed), answers
 *                               in its presence `passAns` {r, c, a: {hash(q): blindSig}}.
 *   participant:                finalize (unblind + verify) → the pass (prefix, signature).
 *
 * A ballot carries the pass, the voter public key, a counter and the voter key's signature; the
 * facilitator counts per voter key the highest counter (domain/votingLedger.ts). A pass names its
 * voter key inside the signed message, so it cannot be spent by another key, and with N blind
 * signatures nobody can make N + 1 valid passes (one-more unforgeability of blind RSA).
 *
 * Everything that arrives from a peer is checked and never throws.
 */
import type { Awareness } from 'y-protocols/awareness'
import { RSABSSA } from '@cloudflare/blindrsa-ts'
import {
  ballotSigningText,
  decodeBallotEnvelope,
  type Ballot,
  type BallotEnvelope,
} from '../domain/voting.ts'
import { b64, unb64 } from './base64.ts'
import type { Admission } from './ballotBox.ts'

const suite = () => RSABSSA.SHA384.PSS.Randomized()
const RSA_PSS = { name: 'RSA-PSS', hash: 'SHA-384' } as const
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const
export const PASS_KEY_BITS = 2048
const MODULUS_BYTES = PASS_KEY_BITS / 8
const PREFIX_BYTES = 32
const MSG_BYTES = 32
const VOTER_KEY_BYTES = 65
const DOMAIN = 'medvirk/pass/v1'

const enc = new TextEncoder()
const utf8 = (s: string) => enc.encode(s) as Uint8Array<ArrayBuffer>

/** Unpadded base64url. */
export const b64u = (bytes: ArrayBuffer | Uint8Array): string => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
/** Decodes unpadded base64url of exactly `bytes` bytes, or null. */
export function unb64u(s: unknown, bytes: number): Uint8Array<ArrayBuffer> | null {
  if (typeof s !== 'string' || s.length !== Math.ceil((bytes * 4) / 3) || !/^[A-Za-z0-9_-]*$/.test(s)) return null
  try {
    const std = s.replace(/-/g, '+').replace(/_/g, '/')
    const out = unb64(std + '='.repeat((4 - (std.length % 4)) % 4))
    return out.length === bytes ? out : null
  } catch {
    return null
  }
}

const sha256 = async (data: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', data))

// ---------------------------------------------------------------------------------------------
// Keys

export interface PassKeys {
  /** RSA-PSS SHA-384, extractable (required by the library); memory and the round-key row only. */
  privateKey: CryptoKey
  publicKey: CryptoKey
  /** SPKI, padded base64: goes into the signed `vote.open` round. */
  spki: string
}

/** ~100–500 ms in WebCrypto: done once per round, at `vote.open`. */
export async function generatePassKeys(): Promise<PassKeys> {
  const pair = await suite().generateKey({ modulusLength: PASS_KEY_BITS, publicExponent: new Uint8Array([1, 0, 1]) })
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spki: b64(await crypto.subtle.exportKey('spki', pair.publicKey)) }
}

/** The round's pass public key from its SPKI text, or null if it is not an RSA-2048 RSA-PSS key. */
export async function importPassKey(spki: string | undefined): Promise<CryptoKey | null> {
  if (typeof spki !== 'string' || spki.length > 800) return null
  try {
    const key = await crypto.subtle.importKey('spki', unb64(spki), RSA_PSS, true, ['verify'])
    return (key.algorithm as RsaHashedKeyAlgorithm).modulusLength === PASS_KEY_BITS ? key : null
  } catch {
    return null
  }
}

export interface VoterKeys {
  /** ECDSA P-256, non-extractable: it signs this device's ballots and never leaves it. */
  privateKey: CryptoKey
  /** Raw public point, base64url (65 bytes). */
  pub: string
}

export async function generateVoterKeys(): Promise<VoterKeys> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify'])
  return { privateKey: pair.privateKey, pub: b64u(await crypto.subtle.exportKey('raw', pair.publicKey)) }
}

/** The pass message: a domain-separated hash of (workshop, round, voter public key). */
export async function passMessage(workshopId: string, roundId: string, voterPub: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const pk = unb64u(voterPub, VOTER_KEY_BYTES)
  if (!pk) return null
  const head = utf8(`${DOMAIN}\n${workshopId}\n${roundId}\n`)
  const all = new Uint8Array(head.length + pk.length)
  all.set(head)
  all.set(pk, head.length)
  return sha256(all)
}

// ---------------------------------------------------------------------------------------------
// Issuing

/** What a participant device keeps (in its own `voterPasses` row) between asking and getting its pass. */
export interface PassRequest {
  /** prefix ‖ message, base64url (64 bytes). */
  prepared: string
  /** The blinded message, base64url (256 bytes): what goes into presence. */
  blinded: string
  /** The unblinding inverse, base64url (256 bytes): never leaves this device. */
  inv: string
}

export async function blindPassRequest(passKey: CryptoKey, workshopId: string, roundId: string, voterPub: string): Promise<PassRequest> {
  const msg = await passMessage(workshopId, roundId, voterPub)
  if (!msg) throw new Error('blindPassRequest: bad voter key')
  const s = suite()
  const prepared = s.prepare(msg)
  const { blindedMsg, inv } = await s.blind(passKey, prepared)
  return { prepared: b64u(prepared), blinded: b64u(blindedMsg), inv: b64u(inv) }
}

/** Facilitator: blind-signs one request from presence. Null if it is not a blinded message for this key. */
export async function signPassRequest(passPrivateKey: CryptoKey, blinded: string): Promise<string | null> {
  const q = unb64u(blinded, MODULUS_BYTES)
  if (!q) return null
  try {
    return b64u(await suite().blindSign(passPrivateKey, q))
  } catch {
    return null
  }
}

export interface VotingPass {
  /** The random prefix of the prepared message, base64url (32 bytes). */
  px: string
  /** RSA-PSS signature over prefix ‖ message, base64url (256 bytes). */
  ps: string
}

/** Participant: unblinds an answer and checks it; null for a wrong or forged answer. */
export async function finalizePass(passKey: CryptoKey, req: PassRequest, blindSig: unknown): Promise<VotingPass | null> {
  const prepared = unb64u(req.prepared, PREFIX_BYTES + MSG_BYTES)
  const inv = unb64u(req.inv, MODULUS_BYTES)
  const sig = unb64u(blindSig, MODULUS_BYTES)
  if (!prepared || !inv || !sig) return null
  try {
    const final = await suite().finalize(passKey, prepared, sig, inv)
    return { px: b64u(prepared.subarray(0, PREFIX_BYTES)), ps: b64u(final) }
  } catch {
    return null
  }
}

/** Anyone with the round's public pass key: is `pass` a pass for exactly this voter key in this round? */
export async function verifyPass(passKey: CryptoKey, workshopId: string, roundId: string, voterPub: string, pass: VotingPass): Promise<boolean> {
  const msg = await passMessage(workshopId, roundId, voterPub)
  const px = unb64u(pass.px, PREFIX_BYTES)
  const ps = unb64u(pass.ps, MODULUS_BYTES)
  if (!msg || !px || !ps) return false
  const prepared = new Uint8Array(PREFIX_BYTES + MSG_BYTES)
  prepared.set(px)
  prepared.set(msg, PREFIX_BYTES)
  try {
    return await suite().verify(passKey, ps, prepared)
  } catch {
    return false
  }
}

/** A short, collision-safe name for a blinded request (answers are keyed by it). */
export async function requestHash(blinded: string): Promise<string> {
  return b64u((await sha256(utf8(blinded))).subarray(0, 12))
}

// ---------------------------------------------------------------------------------------------
// Ballot signatures and receipts

export async function signBallot(voterKey: CryptoKey, roundId: string, counter: number, ballot: Ballot): Promise<string> {
  return b64u(await crypto.subtle.sign(ECDSA_SIGN, voterKey, utf8(ballotSigningText(roundId, counter, ballot))))
}

export async function verifyBallotSignature(voterPub: string, sig: string, roundId: string, counter: number, ballot: Ballot): Promise<boolean> {
  const pk = unb64u(voterPub, VOTER_KEY_BYTES)
  const s = unb64u(sig, 64)
  if (!pk || !s) return false
  try {
    const key = await crypto.subtle.importKey('raw', pk, ECDSA, false, ['verify'])
    return await crypto.subtle.verify(ECDSA_SIGN, key, s, utf8(ballotSigningText(roundId, counter, ballot)))
  } catch {
    return false
  }
}

/** The receipt fingerprint of a counted ballot: base64url of the first 16 bytes of SHA-256 over the voter's signature. */
export async function receiptOf(sig: string): Promise<string> {
  const s = unb64u(sig, 64)
  return b64u((await sha256(s ?? utf8(sig))).subarray(0, 16))
}

// ---------------------------------------------------------------------------------------------
// The facilitator's check of an opened ballot

export type PassRejection = 'noPass' | 'spentPass' | 'badSignature' | 'invalid'

/**
 * Turns an opened v2 ballot into an admission for the ballot box: pass valid for this voter key,
 * signature by this voter key over (round, counter, ballot), ballot valid for the round. Remembers
 * which voter key each pass was first seen with, so a pass offered with another key is named
 * `spentPass` (it would fail the pass check anyway: the key is inside the signed message).
 */
export class PassChecker {
  private readonly spent = new Map<string, string>()

  constructor(
    private readonly passKey: CryptoKey,
    private readonly workshopId: string,
    private readonly roundId: string,
    private readonly validate: (raw: unknown) => Ballot | null,
  ) {}

  admit = async (plaintext: string): Promise<Admission> => {
    const d = decodeBallotEnvelope(plaintext)
    if (!d) return { reject: 'invalid' }
    const env: BallotEnvelope = d.envelope
    const owner = this.spent.get(env.ps)
    if (owner !== undefined && owner !== env.pk) return { reject: 'spentPass' }
    if (owner === undefined) {
      if (!(await verifyPass(this.passKey, this.workshopId, this.roundId, env.pk, { px: env.px, ps: env.ps }))) return { reject: 'noPass' }
      this.spent.set(env.ps, env.pk)
    }
    const ballot = this.validate(d.ballot)
    if (!ballot) return { reject: 'invalid' }
    if (!(await verifyBallotSignature(env.pk, env.s, this.roundId, env.n, ballot))) return { reject: 'badSignature' }
    return { token: env.pk, ballot, counter: env.n, receipt: await receiptOf(env.s) }
  }

  forget(): void {
    this.spent.clear()
  }
}

// ---------------------------------------------------------------------------------------------
// Presence: requests and answers

interface PassReqState {
  r: string
  q: string
}
interface PassAnsState {
  r: string
  /** 1 when the room is closed to new devices. */
  c: number
  a: Record<string, string>
}

const MODULUS_B64U = Math.ceil((MODULUS_BYTES * 4) / 3)

function passReqIn(state: unknown, roundId: string): string | null {
  const q = (state as { passReq?: Partial<PassReqState> } | null | undefined)?.passReq
  return q && q.r === roundId && typeof q.q === 'string' && q.q.length === MODULUS_B64U ? q.q : null
}

/** Participant: asks for a pass in its own presence (other fields stay). */
export function putPassRequest(awareness: Awareness, roundId: string, blinded: string): void {
  const cur = awareness.getLocalState() ?? {}
  if (passReqIn(cur, roundId) === blinded) return
  awareness.setLocalState({ ...cur, passReq: { r: roundId, q: blinded } })
}

/** Participant: stops asking (it has its pass, or the round is over). */
export function clearPassRequest(awareness: Awareness): void {
  const cur = awareness.getLocalState()
  if (!cur || !('passReq' in cur)) return
  const { passReq: _r, ...rest } = cur
  awareness.setLocalState(rest)
}

/** Participant: the blind signatures offered for `hash` by any device's presence (checked by `finalizePass`), and whether a room-closed flag is shown. */
export function passAnswersFor(awareness: Awareness, roundId: string, hash: string): { answers: string[]; closed: boolean } {
  const answers: string[] = []
  let closed = false
  awareness.getStates().forEach((state) => {
    const a = (state as { passAns?: Partial<PassAnsState> } | null | undefined)?.passAns
    if (!a || a.r !== roundId || typeof a.a !== 'object' || a.a === null) return
    if (a.c === 1) closed = true
    const sig = Object.hasOwn(a.a, hash) ? (a.a as Record<string, unknown>)[hash] : undefined
    if (typeof sig === 'string' && sig.length === MODULUS_B64U) answers.push(sig)
  })
  return { answers, closed }
}

export interface IssuerStats {
  /** Passes handed out (blind signatures made), pass-the-tablet included. */
  issued: number
  /** A second, different request from a client id that already got a pass. */
  duplicate: number
  /** Requests from client ids first seen after the room was closed. */
  refused: number
  /** Requests that were not a blinded message for this key. */
  malformed: number
}

/** What the issuer keeps in the round-key row so a facilitator reload neither forgets nor repeats. */
export interface IssuerRecord {
  issued: number
  /** [clientID, request hash] per pass handed out through presence. */
  byClient: [number, string][]
  closed: boolean
  admitted: number[]
}

/**
 * Facilitator: watches presence for pass requests of one round and answers them. One pass per
 * presence client id; re-answering the same blinded request (e.g. after a reload of either side)
 * repeats the same deterministic signature and hands out nothing new. Answers are kept in this
 * device's presence only while their request is still shown, so it stays small for 30 devices.
 */
export class PassIssuer {
  private privateKey: CryptoKey | null
  private readonly byClient = new Map<number, string>()
  /** Request hash → blind signature, for requests signed in this page's life. */
  private readonly answers = new Map<string, string>()
  /** Request hashes signed before a reload (their signatures are re-made on demand). */
  private readonly signedHashes = new Set<string>()
  private readonly inFlight = new Set<number>()
  private admitted: Set<number> | null = null
  private readonly counts: IssuerStats = { issued: 0, duplicate: 0, refused: 0, malformed: 0 }
  private readonly seenBad = new Set<string>()
  private queue: Promise<void> = Promise.resolve()
  private readonly listeners = new Set<() => void>()
  private destroyed = false
  private readonly onAwareness = () => this.scan()

  constructor(
    private readonly awareness: Awareness,
    readonly roundId: string,
    privateKey: CryptoKey,
    private readonly persist: (rec: IssuerRecord) => void,
    initial?: IssuerRecord,
  ) {
    this.privateKey = privateKey
    if (initial) {
      this.counts.issued = initial.issued
      for (const [id, h] of initial.byClient) {
        this.byClient.set(id, h)
        this.signedHashes.add(h)
      }
      if (initial.closed) this.admitted = new Set(initial.admitted)
    }
    awareness.on('change', this.onAwareness)
    this.scan()
  }

  get stats(): Readonly<IssuerStats> {
    return { ...this.counts }
  }

  get closed(): boolean {
    return this.admitted !== null
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Closes the room to new devices: only client ids present now may still get a pass. */
  setClosed(closed: boolean): void {
    if (closed === this.closed) return
    this.admitted = closed ? new Set(this.awareness.getStates().keys()) : null
    this.save()
    this.scan()
    this.emit()
  }

  /** Pass-the-tablet: this device hands one voter a pass locally (counted like any other). */
  async issueLocal(blinded: string): Promise<string | null> {
    const key = this.privateKey
    if (!key) return null
    const sig = await signPassRequest(key, blinded)
    if (sig) {
      this.counts.issued++
      this.save()
      this.emit()
    }
    return sig
  }

  /** Resolves when every request seen so far has been answered or refused. */
  async settled(): Promise<void> {
    let q: Promise<void>
    do {
      q = this.queue
      await q
    } while (q !== this.queue)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.awareness.off('change', this.onAwareness)
    this.privateKey = null
    this.answers.clear()
    this.listeners.clear()
    const cur = this.awareness.getLocalState()
    if (cur && 'passAns' in cur) {
      const { passAns: _a, ...rest } = cur
      this.awareness.setLocalState(rest)
    }
  }

  private save(): void {
    this.persist({ issued: this.counts.issued, byClient: [...this.byClient], closed: this.closed, admitted: [...(this.admitted ?? [])] })
  }

  private scan(): void {
    if (this.destroyed) return
    const wanted = new Set<string>()
    const self = this.awareness.clientID
    const pending: Promise<void>[] = []
    this.awareness.getStates().forEach((state, clientID) => {
      if (clientID === self) return
      const q = passReqIn(state, this.roundId)
      if (!q) return
      pending.push(
        requestHash(q).then((h) => {
          wanted.add(h)
          this.consider(clientID, q, h)
        }),
      )
    })
    void Promise.all(pending).then(() => this.publish(wanted))
  }

  private consider(clientID: number, blinded: string, h: string): void {
    if (this.destroyed || this.answers.has(h) || this.inFlight.has(clientID)) return
    const prev = this.byClient.get(clientID)
    const known = this.signedHashes.has(h)
    if (prev !== undefined && prev !== h) {
      if (!this.seenBad.has(`d${clientID}|${h}`)) {
        this.seenBad.add(`d${clientID}|${h}`)
        this.counts.duplicate++
        this.emit()
      }
      return
    }
    if (prev === undefined && !known && this.admitted && !this.admitted.has(clientID)) {
      if (!this.seenBad.has(`r${clientID}`)) {
        this.seenBad.add(`r${clientID}`)
        this.counts.refused++
        this.emit()
      }
      return
    }
    this.inFlight.add(clientID)
    this.queue = this.queue.then(async () => {
      const key = this.privateKey
      if (!key || this.destroyed) return
      const sig = await signPassRequest(key, blinded)
      this.inFlight.delete(clientID)
      if (this.destroyed) return
      if (!sig) {
        if (!this.seenBad.has(`m${h}`)) {
          this.seenBad.add(`m${h}`)
          this.counts.malformed++
        }
        this.emit()
        return
      }
      if (!this.byClient.has(clientID) && !this.signedHashes.has(h)) this.counts.issued++
      this.byClient.set(clientID, h)
      this.signedHashes.add(h)
      this.answers.set(h, sig)
      this.save()
      this.scan()
      this.emit()
    })
  }

  private publish(wanted: Set<string>): void {
    if (this.destroyed) return
    const a: Record<string, string> = {}
    for (const h of [...wanted].sort()) {
      const sig = this.answers.get(h)
      if (sig) a[h] = sig
    }
    const next: PassAnsState = { r: this.roundId, c: this.closed ? 1 : 0, a }
    const cur = this.awareness.getLocalState() ?? {}
    if (JSON.stringify((cur as { passAns?: unknown }).passAns) === JSON.stringify(next)) return
    this.awareness.setLocalState({ ...cur, passAns: next })
  }

  private emit(): void {
    for (const l of [...this.listeners]) l()
  }
}
