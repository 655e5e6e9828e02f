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
import { b64 } from './base64.ts'
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
  /** Verified records this device holds that the doc no longer has (someone deleted them). */
  missing: number
  /** Signed sequence numbers below the highest one that no verified record carries. */
  gaps: number
}

/** A signed template as it sits in the doc meta (`template`, `templateSig`). */
export interface TemplateRecord {
  json: string
  sig: string
}

/**
 * What this device has verified before (device scope, ARCHITECTURE.md §3): it folds the union of
 * these and the doc, so a record deleted from the doc is never forgotten.
 */
export interface KeptRecords {
  flow: readonly FlowRecord[]
  /** Oldest first: the last one is the newest template this device verified. */
  templates: readonly TemplateRecord[]
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
  /** Every verified record of the union (doc + kept), sorted: what the device store should hold. */
  records: FlowRecord[]
  /** Verified records the doc lacks: to be put back (re-published) by this device. */
  missing: FlowRecord[]
  /** The signed template in force, and whether the doc lacks it (deleted or overwritten). */
  templateRecord: TemplateRecord | null
  templateMissing: boolean
}

const MAX_EVENT_JSON = 16 * 1024
const MAX_TEMPLATE_JSON = 300_000

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

/** A short hash of a template's JSON, named in `session.start` so that only that template counts once started. */
export async function templateHash(json: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json)))
  return b64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 32)
}

/** The signed template currently in the doc meta, unchecked. */
export function readTemplateRecord(doc: Y.Doc): TemplateRecord | null {
  const m = doc.getMap('meta')
  const json = m.get('template')
  const sig = m.get('templateSig')
  if (typeof json !== 'string' || typeof sig !== 'string' || json.length > MAX_TEMPLATE_JSON || sig.length > 200) return null
  return { json, sig }
}

/** Signs and appends one event with the next sequence number. */
export async function appendFlowEvent(doc: Y.Doc, workshopId: string, event: FlowEvent, privateKey: CryptoKey, maxSeq: number): Promise<number> {
  const seq = maxSeq + 1
  const e = JSON.stringify(event)
  const g = await sign(privateKey, flowMessage(workshopId, seq, e))
  doc.transact(() => flowArray(doc).push([{ s: seq, e, g }]), LOCAL_ORIGIN)
  return seq
}

/** The origin of records a device puts back after someone deleted them (not a new local act). */
export const REPAIR_ORIGIN = Symbol('medvirk-repair')

/**
 * Puts verified records (and the template) back into the doc after someone deleted or overwrote
 * them. The records are exactly the signed ones this device verified, so every device accepts them;
 * duplicates (two devices repairing at once) are skipped by the verifier.
 */
export function republish(doc: Y.Doc, records: readonly FlowRecord[], template: TemplateRecord | null): void {
  if (records.length === 0 && !template) return
  doc.transact(() => {
    if (records.length > 0) flowArray(doc).push(records.map((r) => ({ s: r.s, e: r.e, g: r.g })))
    if (template) {
      const m = doc.getMap('meta')
      m.set('template', template.json)
      m.set('templateSig', template.sig)
    }
  }, REPAIR_ORIGIN)
}

export const recordId = (r: FlowRecord): string => `${r.s}|${r.g}`

export function asRecord(x: unknown): FlowRecord | null {
  if (typeof x !== 'object' || x === null) return null
  const r = x as Record<string, unknown>
  if (!Number.isSafeInteger(r.s) || (r.s as number) < 1) return null
  if (typeof r.e !== 'string' || r.e.length > MAX_EVENT_JSON) return null
  if (typeof r.g !== 'string' || r.g.length > 200) return null
  return { s: r.s as number, e: r.e, g: r.g }
}

const byOrder = (a: FlowRecord, b: FlowRecord) => a.s - b.s || (a.g < b.g ? -1 : a.g > b.g ? 1 : 0)

/**
 * Verifies the whole log against `trustedKey`, together with the records this device verified
 * before (`kept`). Verdicts are cached per (key, record) so that a growing log costs one signature
 * check per new record.
 */
export class FlowVerifier {
  private readonly cache = new Map<string, boolean>()
  private readonly workshopId: string
  constructor(workshopId: string) {
    this.workshopId = workshopId
  }

  async verifyDoc(doc: Y.Doc, trustedKey: string | null, kept: KeptRecords = { flow: [], templates: [] }): Promise<VerifiedFlow> {
    const stats: FlowLogStats = { verified: 0, forged: 0, malformed: 0, duplicate: 0, missing: 0, gaps: 0 }
    const metaKey = readFacilitatorKey(doc)
    const keyMismatch = !!trustedKey && !!metaKey && metaKey !== trustedKey
    const key = trustedKey ? await importPublicKey(trustedKey) : null
    const raw = flowArray(doc).toArray()
    if (!key) {
      stats.forged = raw.length
      return { key: trustedKey, keyMismatch, template: null, events: [], ids: [], maxSeq: 0, stats, records: [], missing: [], templateRecord: null, templateMissing: false }
    }
    const seen = new Set<string>()
    const inDoc = new Set<string>()
    const good: FlowRecord[] = []
    const check = async (r: FlowRecord): Promise<boolean> => {
      const cacheKey = `${trustedKey}|${recordId(r)}|${r.e}`
      let ok = this.cache.get(cacheKey)
      if (ok === undefined) {
        ok = await verify(key, flowMessage(this.workshopId, r.s, r.e), r.g)
        this.cache.set(cacheKey, ok)
      }
      return ok
    }
    for (const x of raw) {
      const r = asRecord(x)
      if (!r) {
        stats.malformed++
        continue
      }
      const id = recordId(r)
      if (seen.has(id)) {
        stats.duplicate++
        continue
      }
      if (!(await check(r))) {
        stats.forged++
        continue
      }
      seen.add(id)
      inDoc.add(id)
      good.push(r)
    }
    const missing: FlowRecord[] = []
    for (const x of kept.flow) {
      const r = asRecord(x)
      if (!r || seen.has(recordId(r)) || !(await check(r))) continue
      seen.add(recordId(r))
      good.push(r)
      missing.push(r)
    }
    stats.missing = missing.length
    good.sort(byOrder)
    missing.sort(byOrder)
    const events: FlowEvent[] = []
    const ids: string[] = []
    const seqs = new Set<number>()
    let maxSeq = 0
    for (const r of good) {
      maxSeq = Math.max(maxSeq, r.s)
      seqs.add(r.s)
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
      ids.push(recordId(r))
      stats.verified++
    }
    // Every signer appends with the highest sequence number it knows plus one, so an honest log
    // has every number from 1 to the highest (two tablets at once may share one, never skip one).
    stats.gaps = maxSeq - seqs.size
    const start = events.find((e) => e.type === 'session.start')
    const pinned = start?.type === 'session.start' ? start.tpl : undefined
    const { template, record, inDocOk } = await this.chooseTemplate(doc, key, trustedKey ?? '', kept.templates, pinned)
    return {
      key: trustedKey,
      keyMismatch,
      template,
      events,
      ids,
      maxSeq,
      stats,
      records: good,
      missing,
      templateRecord: record,
      templateMissing: !!record && !inDocOk,
    }
  }

  /**
   * The template in force: once the session has started, the one its `session.start` names (by
   * hash); before that, the doc's if it verifies, else the newest this device verified before.
   */
  private async chooseTemplate(
    doc: Y.Doc,
    key: CryptoKey,
    keyId: string,
    kept: readonly TemplateRecord[],
    pinned: string | undefined,
  ): Promise<{ template: Template | null; record: TemplateRecord | null; inDocOk: boolean }> {
    const inDoc = readTemplateRecord(doc)
    const candidates: TemplateRecord[] = []
    if (inDoc) candidates.push(inDoc)
    for (let i = kept.length - 1; i >= 0; i--) candidates.push(kept[i]!)
    for (const c of candidates) {
      if (pinned !== undefined && (await this.hashOf(c.json)) !== pinned) continue
      const template = await this.verifiedTemplate(c, key, keyId)
      if (template) return { template, record: c, inDocOk: !!inDoc && inDoc.json === c.json && inDoc.sig === c.sig }
    }
    return { template: null, record: null, inDocOk: false }
  }

  /** Template verdicts by (key, signature, whole text); a few only, like the hashes below. */
  private readonly templateVerdicts = new Map<string, boolean>()
  /** `templateHash`, once per template text: every flow change re-verifies, the template rarely changes. */
  private readonly hashes = new Map<string, Promise<string>>()
  private hashOf(json: string): Promise<string> {
    let h = this.hashes.get(json)
    if (!h) {
      // A rogue can write any number of junk templates: keep a few texts, not all of them.
      if (this.hashes.size >= 16) this.hashes.clear()
      h = templateHash(json)
      this.hashes.set(json, h)
    }
    return h
  }

  private async verifiedTemplate(rec: TemplateRecord, key: CryptoKey, keyId: string): Promise<Template | null> {
    const { json, sig } = rec
    if (json.length > MAX_TEMPLATE_JSON) return null
    // The whole text is part of the key: a same-length rewrite under a valid signature must miss.
    const cacheKey = `${keyId}|${sig}|${json}`
    let ok = this.templateVerdicts.get(cacheKey)
    if (ok === undefined) {
      ok = await verify(key, templateMessage(this.workshopId, json), sig)
      if (this.templateVerdicts.size >= 16) this.templateVerdicts.clear()
      this.templateVerdicts.set(cacheKey, ok)
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
