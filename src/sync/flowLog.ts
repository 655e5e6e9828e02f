/**
 * The signed flow log in the session doc:
 *
 *   meta.fkey         facilitator public key (SPKI, base64)
 *   meta.template     the session's template (JSON) and meta.templateSig, its signature
 *   flow: Y.Array<{ s: seq, e: event JSON, g: signature }>
 *
 * Every peer can write anything into a Y.Doc, so authority is checked when reading: records are
 * verified against the *trusted* key (pinned by this device from the join link's fingerprint, or
 * the first key it saw), sorted by (seq, signature), de-duplicated, parsed, and only then folded.
 * Unsigned, forged, replayed, malformed and unknown records are skipped and counted.
 *
 * Offline and concurrency: appends are local Yjs inserts and reach peers whenever they connect.
 * Two facilitator tablets appending at once may both use the same seq; the deterministic order
 * and the idempotent events (`from` guards) make every replica fold to the same state.
 */
import type * as Y from 'yjs'
import { parseFlowEvent, type FlowEvent } from '../domain/flowEvents.ts'
import { validateTemplate, type Template } from '../domain/template.ts'
import { LOCAL_ORIGIN } from './sessionDoc.ts'
import { flowMessage, importPublicKey, sign, templateMessage, verify } from './flowSigning.ts'

export interface FlowRecord {
  s: number
  e: string
  g: string
}

export interface FlowLogStats {
  verified: number
  forged: number
  malformed: number
  duplicate: number
}

export interface VerifiedFlow {
  /** The trusted key, if any; null until the facilitator's key is known. */
  key: string | null
  /** True when meta.fkey differs from the key this device trusts (someone rewrote it). */
  keyMismatch: boolean
  template: Template | null
  events: FlowEvent[]
  /** A stable id per event (`seq|signature`), parallel to `events`, for incremental folding. */
  ids: string[]
  maxSeq: number
  stats: FlowLogStats
}

const MAX_EVENT_JSON = 16 * 1024

export function flowArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('flow')
}

export function readFacilitatorKey(doc: Y.Doc): string | null {
  const k = doc.getMap('meta').get('fkey')
  return typeof k === 'string' && k.length < 400 ? k : null
}

export function writeFacilitatorKey(doc: Y.Doc, spki: string): void {
  doc.transact(() => doc.getMap('meta').set('fkey', spki), LOCAL_ORIGIN)
}

export async function writeSignedTemplate(doc: Y.Doc, workshopId: string, template: Template, privateKey: CryptoKey): Promise<void> {
  const json = JSON.stringify(template)
  const sig = await sign(privateKey, templateMessage(workshopId, json))
  doc.transact(() => {
    const m = doc.getMap('meta')
    m.set('template', json)
    m.set('templateSig', sig)
  }, LOCAL_ORIGIN)
}

/** Signs and appends one event with the next sequence number. */
export async function appendFlowEvent(doc: Y.Doc, workshopId: string, event: FlowEvent, privateKey: CryptoKey, maxSeq: number): Promise<number> {
  const seq = maxSeq + 1
  const e = JSON.stringify(event)
  const g = await sign(privateKey, flowMessage(workshopId, seq, e))
  doc.transact(() => flowArray(doc).push([{ s: seq, e, g }]), LOCAL_ORIGIN)
  return seq
}

function asRecord(x: unknown): FlowRecord | null {
  if (typeof x !== 'object' || x === null) return null
  const r = x as Record<string, unknown>
  if (!Number.isSafeInteger(r.s) || (r.s as number) < 1) return null
  if (typeof r.e !== 'string' || r.e.length > MAX_EVENT_JSON) return null
  if (typeof r.g !== 'string' || r.g.length > 200) return null
  return { s: r.s as number, e: r.e, g: r.g }
}

/**
 * Verifies the whole log against `trustedKey`. Verdicts are cached per (key, record) so that a
 * growing log costs one signature check per new record.
 */
export class FlowVerifier {
  private readonly cache = new Map<string, boolean>()
  private readonly workshopId: string
  constructor(workshopId: string) {
    this.workshopId = workshopId
  }

  async verifyDoc(doc: Y.Doc, trustedKey: string | null): Promise<VerifiedFlow> {
    const stats: FlowLogStats = { verified: 0, forged: 0, malformed: 0, duplicate: 0 }
    const metaKey = readFacilitatorKey(doc)
    const keyMismatch = !!trustedKey && !!metaKey && metaKey !== trustedKey
    const key = trustedKey ? await importPublicKey(trustedKey) : null
    const raw = flowArray(doc).toArray()
    if (!key) {
      stats.forged = raw.length
      return { key: trustedKey, keyMismatch, template: null, events: [], ids: [], maxSeq: 0, stats }
    }
    const template = await this.verifiedTemplate(doc, key, trustedKey ?? '')
    const seen = new Set<string>()
    const good: FlowRecord[] = []
    for (const x of raw) {
      const r = asRecord(x)
      if (!r) {
        stats.malformed++
        continue
      }
      const id = `${r.s}|${r.g}`
      if (seen.has(id)) {
        stats.duplicate++
        continue
      }
      seen.add(id)
      const cacheKey = `${trustedKey}|${id}|${r.e}`
      let ok = this.cache.get(cacheKey)
      if (ok === undefined) {
        ok = await verify(key, flowMessage(this.workshopId, r.s, r.e), r.g)
        this.cache.set(cacheKey, ok)
      }
      if (!ok) {
        stats.forged++
        continue
      }
      good.push(r)
    }
    good.sort((a, b) => a.s - b.s || (a.g < b.g ? -1 : a.g > b.g ? 1 : 0))
    const events: FlowEvent[] = []
    const ids: string[] = []
    let maxSeq = 0
    for (const r of good) {
      maxSeq = Math.max(maxSeq, r.s)
      let parsed: FlowEvent | null
      try {
        parsed = parseFlowEvent(JSON.parse(r.e))
      } catch {
        parsed = null
      }
      if (!parsed) {
        stats.malformed++
        continue
      }
      events.push(parsed)
      ids.push(`${r.s}|${r.g}`)
      stats.verified++
    }
    return { key: trustedKey, keyMismatch, template, events, ids, maxSeq, stats }
  }

  private async verifiedTemplate(doc: Y.Doc, key: CryptoKey, keyId: string): Promise<Template | null> {
    const m = doc.getMap('meta')
    const json = m.get('template')
    const sig = m.get('templateSig')
    if (typeof json !== 'string' || typeof sig !== 'string' || json.length > 300_000) return null
    const cacheKey = `${keyId}|template|${sig}|${json.length}`
    let ok = this.cache.get(cacheKey)
    if (ok === undefined) {
      ok = await verify(key, templateMessage(this.workshopId, json), sig)
      this.cache.set(cacheKey, ok)
    }
    if (!ok) return null
    try {
      const r = validateTemplate(JSON.parse(json))
      return r.ok ? r.template : null
    } catch {
      return null
    }
  }
}

export function observeFlow(doc: Y.Doc, cb: () => void): () => void {
  const arr = flowArray(doc)
  const meta = doc.getMap('meta')
  const onArr = () => cb()
  const onMeta = (e: Y.YMapEvent<unknown>) => {
    if (e.keysChanged.has('fkey') || e.keysChanged.has('template') || e.keysChanged.has('templateSig')) cb()
  }
  arr.observe(onArr)
  meta.observe(onMeta)
  return () => {
    arr.unobserve(onArr)
    meta.unobserve(onMeta)
  }
}
