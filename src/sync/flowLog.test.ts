import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import type { FlowEvent } from '../domain/flowEvents.ts'
import { createWorkshopMachine, foldFlow, viewOf } from '../machines/workshopMachine.ts'
import { appendFlowEvent, flowArray, FlowVerifier, writeFacilitatorKey, writeSignedTemplate } from './flowLog.ts'
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
    expect(d.stats).toEqual({ verified: 2, forged: 0, malformed: 0, duplicate: 0 })
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
})
