import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import type { FlowEvent } from '../domain/flowEvents.ts'
import { createWorkshopMachine, foldFlow, viewOf } from '../machines/workshopMachine.ts'
import { appendFlowEvent, flowArray, FlowVerifier, readTemplateRecord, republish, templateHash, writeFacilitatorKey, writeSignedTemplate, type KeptRecords } from './flowLog.ts'
import { generateFacilitatorKeys, keyFingerprint, sign, flowMessage } from './flowSigning.ts'

const template = BUILT_IN_TEMPLATES[0]!
const ids = template.steps.map((s) => s.id)
const machine = createWorkshopMachine(template)
const W = 'workshop-1'
const DAY = Date.UTC(2026, 10, 23, 10)
const start: FlowEvent = {
  type: 'session.start',
  at: DAY,
  contract: { question: 'Q', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2027-01-01', feedbackChannel: '' },
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
}

async function derive(doc: Y.Doc, trusted: string) {
  const v = await new FlowVerifier(W).verifyDoc(doc, trusted)
  return { ...v, view: viewOf(template, foldFlow(machine, v.events)) }
}

async function facilitatorDoc() {
  const keys = await generateFacilitatorKeys()
  const doc = new Y.Doc()
  writeFacilitatorKey(doc, keys.publicKeySpki)
  await writeSignedTemplate(doc, W, template, keys.privateKey)
  let seq = await appendFlowEvent(doc, W, start, keys.privateKey, 0)
  const next = async (from: string, d = doc) => {
    seq = await appendFlowEvent(d, W, { type: 'step.next', at: DAY + seq, from }, keys.privateKey, seq)
  }
  return { keys, doc, next, seq: () => seq }
}

describe('signed flow log', () => {
  test('a participant derives the current step and the signed template from the log', async () => {
    const f = await facilitatorDoc()
    await f.next(ids[0]!)
    const p = new Y.Doc()
    sync(f.doc, p)
    const d = await derive(p, f.keys.publicKeySpki)
    expect(d.template?.id).toBe(template.id)
    expect(d.view.stepId).toBe(ids[1])
    expect(d.stats).toEqual({ verified: 2, forged: 0, malformed: 0, duplicate: 0, missing: 0, gaps: 0 })
  })

  test('two facilitator devices advancing at once converge to the same step', async () => {
    const f = await facilitatorDoc()
    const second = new Y.Doc()
    sync(f.doc, second)
    // both tap "next" on the first step while offline from each other, with the same seq
    const seq = f.seq()
    await appendFlowEvent(f.doc, W, { type: 'step.next', at: DAY + 10, from: ids[0]! }, f.keys.privateKey, seq)
    await appendFlowEvent(second, W, { type: 'step.next', at: DAY + 11, from: ids[0]! }, f.keys.privateKey, seq)
    sync(f.doc, second)
    const a = await derive(f.doc, f.keys.publicKeySpki)
    const b = await derive(second, f.keys.publicKeySpki)
    expect(a.view.stepId).toBe(ids[1])
    expect(b.view.stepId).toBe(ids[1])
    expect(a.view.context).toEqual(b.view.context)
  })

  test("a rogue peer's forged, unsigned, replayed and junk records move nobody", async () => {
    const f = await facilitatorDoc()
    const rogue = new Y.Doc()
    sync(f.doc, rogue)
    const rogueKeys = await generateFacilitatorKeys()
    const arr = flowArray(rogue)
    const nextJson = JSON.stringify({ type: 'step.next', at: DAY + 99, from: ids[0] })
    // signed with the wrong key
    arr.push([{ s: 2, e: nextJson, g: await sign(rogueKeys.privateKey, flowMessage(W, 2, nextJson)) }])
    // unsigned
    arr.push([{ s: 3, e: nextJson, g: '' }])
    // a replay of the real start record (same seq and signature) and junk
    arr.push([flowArray(f.doc).get(0), 'junk', { s: -1 }, null])
    // a real signature for another workshop
    const otherSig = await sign(f.keys.privateKey, flowMessage('other-workshop', 4, nextJson))
    arr.push([{ s: 4, e: nextJson, g: otherSig }])
    // and the rogue rewrites the key in meta to its own
    writeFacilitatorKey(rogue, rogueKeys.publicKeySpki)
    sync(f.doc, rogue)
    const d = await derive(f.doc, f.keys.publicKeySpki)
    expect(d.view.stepId).toBe(ids[0])
    expect(d.keyMismatch).toBe(true)
    expect(d.stats.forged).toBe(3)
    expect(d.stats.duplicate).toBe(1)
    expect(d.stats.malformed).toBe(3)
    // the facilitator's own next still works after the attack
    await appendFlowEvent(f.doc, W, { type: 'step.next', at: DAY + 200, from: ids[0]! }, f.keys.privateKey, d.maxSeq)
    expect((await derive(f.doc, f.keys.publicKeySpki)).view.stepId).toBe(ids[1])
  })

  test('a signed but malformed or unknown event is skipped and counted', async () => {
    const f = await facilitatorDoc()
    const bad = JSON.stringify({ type: 'step.teleport', at: DAY })
    flowArray(f.doc).push([{ s: 9, e: bad, g: await sign(f.keys.privateKey, flowMessage(W, 9, bad)) }])
    const d = await derive(f.doc, f.keys.publicKeySpki)
    expect(d.stats.malformed).toBe(1)
    expect(d.view.stepId).toBe(ids[0])
  })

  test('a tampered template is not trusted', async () => {
    const f = await facilitatorDoc()
    f.doc.getMap('meta').set('template', JSON.stringify({ ...template, steps: template.steps.slice(0, 1) }))
    expect((await derive(f.doc, f.keys.publicKeySpki)).template).toBeNull()
  })

  test('without a trusted key nothing is derived', async () => {
    const f = await facilitatorDoc()
    const d = await new FlowVerifier(W).verifyDoc(f.doc, null)
    expect(d.events).toEqual([])
  })

  test('fingerprints are short, stable and differ between keys', async () => {
    const a = await generateFacilitatorKeys()
    const b = await generateFacilitatorKeys()
    expect(await keyFingerprint(a.publicKeySpki)).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(await keyFingerprint(a.publicKeySpki)).toBe(await keyFingerprint(a.publicKeySpki))
    expect(await keyFingerprint(a.publicKeySpki)).not.toBe(await keyFingerprint(b.publicKeySpki))
  })

  test('a same-length rewrite of the template under its valid signature is not trusted (no cache hit)', async () => {
    const f = await facilitatorDoc()
    expect((await derive(f.doc, f.keys.publicKeySpki)).template).not.toBeNull()
    const json = readTemplateRecord(f.doc)!.json
    const swapped = json.replace(template.steps[0]!.id, template.steps[0]!.id.split('').reverse().join(''))
    expect(swapped.length).toBe(json.length)
    expect(swapped).not.toBe(json)
    f.doc.getMap('meta').set('template', swapped)
    const verifier = new FlowVerifier(W)
    expect((await verifier.verifyDoc(f.doc, f.keys.publicKeySpki)).template).toBeNull()
  })
})

/** What a device keeps between verifications (device scope): every record and template it verified. */
function keepFrom(v: { records: KeptRecords['flow']; templateRecord: KeptRecords['templates'][number] | null }, kept: KeptRecords): KeptRecords {
  const flow = new Map(kept.flow.map((r) => [`${r.s}|${r.g}`, r]))
  for (const r of v.records) flow.set(`${r.s}|${r.g}`, r)
  const t = v.templateRecord
  const templates = t && !kept.templates.some((k) => k.sig === t.sig) ? [...kept.templates, t] : kept.templates
  return { flow: [...flow.values()], templates }
}

describe('deletion is an attack too: verified records are kept and put back', () => {
  test('deleting every signed record moves no device back; the device lists them as missing and puts them back', async () => {
    const f = await facilitatorDoc()
    await f.next(ids[0]!)
    await f.next(ids[1]!)
    const p = new Y.Doc()
    sync(f.doc, p)
    const verifier = new FlowVerifier(W)
    const first = await verifier.verifyDoc(p, f.keys.publicKeySpki)
    const kept = keepFrom(first, { flow: [], templates: [] })
    // the rogue deletes the whole log and junks the template signature (attacks 4 and 5)
    const rogue = new Y.Doc()
    sync(p, rogue)
    flowArray(rogue).delete(0, flowArray(rogue).length)
    rogue.getMap('meta').set('templateSig', 'junk')
    Y.applyUpdate(p, Y.encodeStateAsUpdate(rogue))
    expect(flowArray(p).length).toBe(0)
    const after = await verifier.verifyDoc(p, f.keys.publicKeySpki, kept)
    expect(viewOf(template, foldFlow(machine, after.events)).stepId).toBe(ids[2])
    expect(after.template?.id).toBe(template.id)
    expect(after.missing).toHaveLength(3)
    expect(after.stats.missing).toBe(3)
    expect(after.templateMissing).toBe(true)
    republish(p, after.missing, after.templateRecord)
    // a device with fresh storage that joins now gets the whole log from the repaired doc
    const fresh = new Y.Doc()
    sync(p, fresh)
    const d = await derive(fresh, f.keys.publicKeySpki)
    expect(d.view.stepId).toBe(ids[2])
    expect(d.template?.id).toBe(template.id)
    expect(d.stats.gaps).toBe(0)
  })

  test('a deleted record in the middle shows as a gap to a device that never saw it', async () => {
    const f = await facilitatorDoc()
    await f.next(ids[0]!)
    await f.next(ids[1]!)
    flowArray(f.doc).delete(1, 1)
    const d = await derive(f.doc, f.keys.publicKeySpki)
    expect(d.stats.gaps).toBe(1)
  })

  test('once started, only the template the session named counts: a replayed lobby template is ignored', async () => {
    const keys = await generateFacilitatorKeys()
    const doc = new Y.Doc()
    writeFacilitatorKey(doc, keys.publicKeySpki)
    const other = BUILT_IN_TEMPLATES[1]!
    await writeSignedTemplate(doc, W, other, keys.privateKey)
    const oldRecord = readTemplateRecord(doc)!
    await writeSignedTemplate(doc, W, template, keys.privateKey)
    const tpl = await templateHash(readTemplateRecord(doc)!.json)
    await appendFlowEvent(doc, W, { ...start, tpl } as FlowEvent, keys.privateKey, 0)
    const verifier = new FlowVerifier(W)
    const kept = keepFrom(await verifier.verifyDoc(doc, keys.publicKeySpki), { flow: [], templates: [] })
    // the rogue replays the older, validly signed template
    doc.getMap('meta').set('template', oldRecord.json)
    doc.getMap('meta').set('templateSig', oldRecord.sig)
    const v = await verifier.verifyDoc(doc, keys.publicKeySpki, kept)
    expect(v.template?.id).toBe(template.id)
    expect(v.templateMissing).toBe(true)
    // a device that never saw the named template waits rather than run the replayed one
    const fresh = new Y.Doc()
    sync(doc, fresh)
    expect((await new FlowVerifier(W).verifyDoc(fresh, keys.publicKeySpki)).template).toBeNull()
  })

  test('property: under arbitrary deletion, re-insertion and partial sync, every replica converges to the full log and never goes back', async () => {
    const f = await facilitatorDoc()
    for (let i = 0; i < 5; i++) await f.next(ids[i]!)
    const fullStep = (await derive(f.doc, f.keys.publicKeySpki)).view.stepId
    const records = flowArray(f.doc).toArray()
    const key = f.keys.publicKeySpki
    const op = fc.oneof(
      fc.record({ t: fc.constant('delete' as const), at: fc.nat(4), from: fc.nat(20), n: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ t: fc.constant('reinsert' as const), at: fc.nat(4), rec: fc.nat(records.length - 1) }),
      fc.record({ t: fc.constant('sync' as const), a: fc.nat(4), b: fc.nat(4) }),
      fc.record({ t: fc.constant('repair' as const), at: fc.nat(4) }),
      fc.record({ t: fc.constant('junkTemplate' as const), at: fc.nat(4) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        // replica 0 holds the whole log; the others start empty and learn it by syncing
        const docs = Array.from({ length: 5 }, () => new Y.Doc())
        sync(f.doc, docs[0]!)
        const verifiers = docs.map(() => new FlowVerifier(W))
        const kept: KeptRecords[] = docs.map(() => ({ flow: [], templates: [] }))
        const seen = docs.map(() => 0)
        const look = async (i: number): Promise<Awaited<ReturnType<FlowVerifier['verifyDoc']>>> => {
          const v = await verifiers[i]!.verifyDoc(docs[i]!, key, kept[i])
          kept[i] = keepFrom(v, kept[i]!)
          // never goes back: the number of verified events only grows
          expect(v.events.length).toBeGreaterThanOrEqual(seen[i]!)
          seen[i] = v.events.length
          return v
        }
        // the honest devices have seen the log before the rogue starts (a record nobody ever
        // verified and the rogue deleted at once is gone for everyone: the residual limit)
        await look(0)
        for (const o of ops) {
          if (o.t === 'delete') {
            const arr = flowArray(docs[o.at]!)
            if (arr.length > 0) {
              const from = o.from % arr.length
              arr.delete(from, Math.min(o.n, arr.length - from))
            }
          } else if (o.t === 'reinsert') flowArray(docs[o.at]!).push([records[o.rec]])
          else if (o.t === 'junkTemplate') docs[o.at]!.getMap('meta').set('templateSig', 'junk')
          else if (o.t === 'sync') sync(docs[o.a]!, docs[o.b]!)
          else {
            const v = await look(o.at)
            republish(docs[o.at]!, v.missing, v.templateMissing ? v.templateRecord : null)
          }
          for (let i = 0; i < docs.length; i++) await look(i)
        }
        // the rogue stops; honest devices meet and repair whatever a change shows them missing
        // (in the app every doc change triggers this), until nothing changes any more
        for (let round = 0; round < 2; round++) {
          for (let i = 1; i < docs.length; i++) sync(docs[0]!, docs[i]!)
          for (let i = 1; i < docs.length; i++) sync(docs[0]!, docs[i]!)
          for (let i = 0; i < docs.length; i++) {
            const v = await look(i)
            republish(docs[i]!, v.missing, v.templateMissing ? v.templateRecord : null)
          }
        }
        for (let i = 0; i < docs.length; i++) {
          const v = await look(i)
          expect(v.template?.id).toBe(template.id)
          expect(viewOf(template, foldFlow(machine, v.events)).stepId).toBe(fullStep)
        }
      }),
      { numRuns: 40, seed: 12 },
    )
  }, 60_000)
})
