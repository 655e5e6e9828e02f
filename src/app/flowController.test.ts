/**
 * The flow on one device against a rogue that deletes and overwrites signed data (issue 12,
 * attacks 4 and 5): a real WorkshopStore on fake-indexeddb, real WebCrypto signatures, in-memory
 * Y.Docs standing in for peers.
 */
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import { openDb, type MedvirkDb } from '../storage/db.ts'
import { WorkshopStore, type WorkshopSummary } from '../storage/workshopStore.ts'
import { flowArray, readTemplateRecord } from '../sync/flowLog.ts'
import { generateFacilitatorKeys } from '../sync/flowSigning.ts'
import { FlowController } from './flowController.ts'

const template = BUILT_IN_TEMPLATES[0]!
const ids = template.steps.map((s) => s.id)
const clock = { now: () => Date.now() }
const contract = { question: 'Hva trenger ungdom?', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2099-03-01', feedbackChannel: '' }

let dbs: MedvirkDb[] = []
let n = 0
afterEach(() => {
  for (const d of dbs) d.close()
  dbs = []
})

async function device(id: string, role: 'facilitator' | 'participant', pinnedKey?: string) {
  const db = openDb(`flow-${Date.now()}-${++n}`)
  dbs.push(db)
  const store = new WorkshopStore(db)
  const summary: WorkshopSummary = { id, title: 'T', code: 'ABCDEFGH0', role, signalingUrl: 'ws://x', createdAt: 1, openedAt: 1, ...(pinnedKey ? { pinnedKey } : {}) }
  await store.ensure(summary)
  return { store, summary }
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
}
const settle = async (c: FlowController, pred: () => boolean, ms = 5000) => {
  const t0 = Date.now()
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
  return c.getState()
}

async function runningWorkshop() {
  const W = `w-${++n}`
  const fac = await device(W, 'facilitator')
  const keys = await generateFacilitatorKeys()
  await fac.store.saveKey({ workshopId: W, privateKey: keys.privateKey, publicKeySpki: keys.publicKeySpki })
  const facDoc = new Y.Doc()
  const facFlow = new FlowController({ doc: facDoc, summary: fac.summary, store: fac.store, clock })
  await facFlow.init()
  expect(await facFlow.setTemplate(template)).toBe(true)
  expect(await facFlow.start(contract)).toBe(true)
  expect(await facFlow.dispatch({ type: 'step.next', from: ids[0]! })).toBe(true)
  expect(await facFlow.dispatch({ type: 'step.next', from: ids[1]! })).toBe(true)
  // the hidden steps' seals go out on their own after the start; wait for them
  const sealedSteps = template.steps.filter((s) => s.kind === 'pulse' || (s.kind === 'brainstorm' && s.options.hiddenUntilReveal)).map((s) => s.id)
  await settle(facFlow, () => sealedSteps.every((id) => !!facFlow.getState().view?.context.seals[id]))
  await new Promise((r) => setTimeout(r, 20))
  const records = flowArray(facDoc).length
  return { W, keys, facDoc, facFlow, fac, records }
}

/** A participant device whose doc has synced with the facilitator's and that shows the third step. */
async function participantOn(W: string, key: string, facDoc: Y.Doc) {
  const p = await device(W, 'participant', key)
  const pDoc = new Y.Doc()
  sync(facDoc, pDoc)
  const flow = new FlowController({ doc: pDoc, summary: p.summary, store: p.store, clock })
  await flow.init()
  await settle(flow, () => flow.getState().view?.stepId === ids[2])
  return { p, pDoc, flow }
}

describe('FlowController against deletion', () => {
  test('a participant whose log is deleted stays on the step, puts the records back, and a fresh device gets them', async () => {
    const { W, keys, facDoc, facFlow, records } = await runningWorkshop()
    const { pDoc, flow } = await participantOn(W, keys.publicKeySpki, facDoc)
    // the rogue deletes every signed record and junks the template signature
    pDoc.transact(() => {
      flowArray(pDoc).delete(0, flowArray(pDoc).length)
      pDoc.getMap('meta').set('templateSig', 'junk')
    })
    expect(flowArray(pDoc).length).toBe(0)
    const s = await settle(flow, () => flowArray(pDoc).length === records && readTemplateRecord(pDoc)?.sig !== 'junk' && flow.getState().repaired > 0)
    expect(s.view?.stepId).toBe(ids[2])
    expect(s.repaired).toBe(records + 1)
    // a device with fresh storage that joins now sees the right step
    const fresh = await device(W, 'participant', keys.publicKeySpki)
    const freshDoc = new Y.Doc()
    sync(pDoc, freshDoc)
    const ff = new FlowController({ doc: freshDoc, summary: fresh.summary, store: fresh.store, clock })
    await ff.init()
    expect(ff.getState().view?.stepId).toBe(ids[2])
    expect(ff.getState().template?.id).toBe(template.id)
    for (const c of [flow, ff, facFlow]) c.close()
  })

  test('what a device verified survives a reload with the doc wiped: it shows the right step at once', async () => {
    const { W, keys, facDoc, facFlow, records } = await runningWorkshop()
    const { p, flow: first } = await participantOn(W, keys.publicKeySpki, facDoc)
    first.close()
    await new Promise((r) => setTimeout(r, 50))
    // reload: the doc this device gets back has lost the log and the template
    const wiped = new Y.Doc()
    const again = new FlowController({ doc: wiped, summary: p.summary, store: p.store, clock })
    await again.init()
    expect(again.getState().view?.stepId).toBe(ids[2])
    expect(again.getState().stats.missing).toBe(records)
    await settle(again, () => flowArray(wiped).length === records)
    for (const c of [again, facFlow]) c.close()
  })

  test('a rogue deleting in a loop meets repairs that back off: the doc grows by a bounded amount', async () => {
    const { W, keys, facDoc, facFlow, records } = await runningWorkshop()
    const { pDoc, flow } = await participantOn(W, keys.publicKeySpki, facDoc)
    const before = Y.encodeStateAsUpdate(pDoc).length
    const t0 = Date.now()
    let deletions = 0
    while (Date.now() - t0 < 3000) {
      if (flowArray(pDoc).length > 0) {
        flowArray(pDoc).delete(0, flowArray(pDoc).length)
        deletions++
      }
      expect(flow.getState().view?.stepId).toBe(ids[2])
      await new Promise((r) => setTimeout(r, 20))
    }
    const growth = Y.encodeStateAsUpdate(pDoc).length - before
    // base 150 ms doubling: at most ~5 repairs in 3 s (150+300+600+1200 ms with jitter up to 1.5×)
    expect(deletions).toBeLessThanOrEqual(7)
    expect(flow.getState().repaired / records).toBeLessThanOrEqual(7)
    expect(growth).toBeLessThan(8 * 1024)
    for (const c of [flow, facFlow]) c.close()
  })
})

describe('FlowController: seals and locks in the signed records', () => {
  test('a running session seals every hidden step; the reveal publishes the key; a lock carries the state vector', async () => {
    const { facDoc, facFlow } = await runningWorkshop()
    const hidden = template.steps.filter((s) => s.kind === 'brainstorm' && s.options.hiddenUntilReveal).map((s) => s.id)
    expect(hidden.length).toBeGreaterThan(0)
    const s = await settle(facFlow, () => hidden.every((id) => !!facFlow.getState().view?.context.seals[id]))
    const step = hidden[0]!
    expect(s.view?.context.seals[step]).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(facFlow.sealKeysFor(step)).toHaveLength(1)
    await facFlow.dispatch({ type: 'step.goto', from: s.view!.stepId!, to: step })
    expect(await facFlow.dispatch({ type: 'input.lock', step })).toBe(true)
    expect(facFlow.getState().view?.context.lockSv).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(await facFlow.dispatch({ type: 'input.unlock', step })).toBe(true)
    expect(facFlow.getState().view?.context.lockSv).toBeNull()
    expect(await facFlow.dispatch({ type: 'notes.reveal', step })).toBe(true)
    const after = facFlow.getState().view!.context
    expect(after.openKeys[step]).toHaveLength(1)
    expect(after.seals[step]).toBeUndefined()
    // the signed record in the doc carries the key (every device can now open the notes)
    const rec = flowArray(facDoc).toArray().map((r) => JSON.parse((r as { e: string }).e) as { type: string; key?: string }).find((e) => e.type === 'notes.reveal')
    expect(rec?.key).toBe(after.openKeys[step]![0])
    // hidden again: a fresh seal, so notes written from now on are sealed to a key nobody has
    expect(await facFlow.dispatch({ type: 'notes.hide', step })).toBe(true)
    await settle(facFlow, () => !!facFlow.getState().view?.context.seals[step])
    expect(facFlow.getState().view!.context.seals[step]).not.toBe(s.view?.context.seals[step])
    facFlow.close()
  })
})
