/**
 * Benchmarks of the integrity work (issue 12): how fast signed records a rogue deleted come back,
 * how much a delete loop grows the doc, and how fast 200 sealed notes open after the reveal.
 * The first two run the app's real FlowController (WebCrypto, Dexie on fake-indexeddb) over
 * in-memory docs joined like peers; the reveal runs in Chromium with three browser processes.
 */
import 'fake-indexeddb/auto'
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { BUILT_IN_TEMPLATES } from '../../src/domain/builtInTemplates.ts'
import { FlowController } from '../../src/app/flowController.ts'
import { openDb } from '../../src/storage/db.ts'
import { WorkshopStore, type WorkshopSummary } from '../../src/storage/workshopStore.ts'
import { flowArray } from '../../src/sync/flowLog.ts'
import { generateFacilitatorKeys } from '../../src/sync/flowSigning.ts'
import { closeAll, createWorkshop, enableTestHooks, gotoStep, openDevice, startSession } from '../support/browser.ts'

const template = BUILT_IN_TEMPLATES[0]!
const clock = { now: () => Date.now() }
const contract = { question: 'Q', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2099-03-01', feedbackChannel: '' }
let dbSeq = 0
/** Every database a run opened: closed at the end, or the bench process never exits. */
const openDbs: ReturnType<typeof openDb>[] = []
function closeDbs(): void {
  for (const db of openDbs.splice(0)) db.close()
}

async function device(id: string, role: 'facilitator' | 'participant', pinnedKey?: string) {
  const db = openDb(`bench-integrity-${Date.now()}-${++dbSeq}`)
  openDbs.push(db)
  const store = new WorkshopStore(db)
  const summary: WorkshopSummary = { id, title: 'B', code: 'ABCDEFGH0', role, signalingUrl: 'ws://x', createdAt: 1, openedAt: 1, ...(pinnedKey ? { pinnedKey } : {}) }
  await store.ensure(summary)
  return { store, summary }
}

/** Joins docs like peers in a room: every update reaches every other doc at once. */
function link(docs: Y.Doc[]): void {
  for (const d of docs) {
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'net') return
      for (const o of docs) if (o !== d) Y.applyUpdate(o, u, 'net')
    })
  }
}

const until = async (pred: () => boolean, ms = 20_000) => {
  const t0 = Date.now()
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('bench: timed out')
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** A running session with `records` signed records, and `peers` participant devices that verified them. */
async function room(records: number, peers: number) {
  const W = `bench-${++dbSeq}`
  const keys = await generateFacilitatorKeys()
  const fac = await device(W, 'facilitator')
  await fac.store.saveKey({ workshopId: W, privateKey: keys.privateKey, publicKeySpki: keys.publicKeySpki })
  const facDoc = new Y.Doc()
  const facFlow = new FlowController({ doc: facDoc, summary: fac.summary, store: fac.store, clock })
  await facFlow.init()
  await facFlow.setTemplate(template)
  await facFlow.start(contract)
  const ids = template.steps.map((s) => s.id)
  await facFlow.dispatch({ type: 'step.goto', from: ids[0]!, to: 'ideas' })
  while (flowArray(facDoc).length < records) {
    await facFlow.dispatch({ type: 'timer.start', step: 'ideas', endsAt: Date.now() + 600_000 })
    await facFlow.dispatch({ type: 'timer.stop', step: 'ideas' })
  }
  const docs = [facDoc]
  const flows = [facFlow]
  for (let i = 0; i < peers; i++) {
    const p = await device(W, 'participant', keys.publicKeySpki)
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(facDoc))
    const f = new FlowController({ doc: d, summary: p.summary, store: p.store, clock })
    await f.init()
    docs.push(d)
    flows.push(f)
  }
  const rogue = new Y.Doc()
  Y.applyUpdate(rogue, Y.encodeStateAsUpdate(facDoc))
  docs.push(rogue)
  link(docs)
  for (const f of flows) await until(() => f.getState().view?.stepId === 'ideas')
  return { W, keys, docs, flows, rogue, facDoc, close: () => flows.forEach((f) => f.close()) }
}

/**
 * flowRepairMs: a rogue deletes 100 signed records; time until a device that has just joined with
 * fresh storage shows the right step again, repaired by its peers (median of 5).
 */
export async function flowRepairMs(): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < 5; i++) {
    const r = await room(100, 3)
    const n = flowArray(r.rogue).length
    const t0 = performance.now()
    r.rogue.transact(() => flowArray(r.rogue).delete(0, flowArray(r.rogue).length))
    // the new device joins now: it has only what its peers have put back
    const fresh = await device(r.W, 'participant', r.keys.publicKeySpki)
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(r.rogue))
    r.docs.push(d)
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'net') for (const o of r.docs) if (o !== d) Y.applyUpdate(o, u, 'net')
    })
    for (const o of r.docs) if (o !== d) o.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(d, u, 'net'))
    const f = new FlowController({ doc: d, summary: fresh.summary, store: fresh.store, clock })
    await f.init()
    await until(() => f.getState().view?.stepId === 'ideas' && f.getState().stats.verified >= n)
    runs.push(performance.now() - t0)
    f.close()
    r.close()
    closeDbs()
  }
  runs.sort((a, b) => a - b)
  return runs[2]!
}

/**
 * deleteLoopDocGrowthBytes: a rogue deletes the whole log every 50 ms for `seconds` while 5 devices
 * repair; the largest growth of the encoded doc over its size before the loop (sampled every 50 ms).
 */
export async function deleteLoopDocGrowth(seconds = 60): Promise<{ bytes: number; deletions: number; repaired: number }> {
  const r = await room(20, 4)
  const before = Y.encodeStateAsUpdate(r.facDoc).length
  let peak = before
  const t0 = Date.now()
  let deletions = 0
  while (Date.now() - t0 < seconds * 1000) {
    peak = Math.max(peak, Y.encodeStateAsUpdate(r.facDoc).length)
    if (flowArray(r.rogue).length > 0) {
      r.rogue.transact(() => flowArray(r.rogue).delete(0, flowArray(r.rogue).length))
      deletions++
    }
    await new Promise((res) => setTimeout(res, 50))
  }
  const wrong = r.flows.filter((f) => f.getState().view?.stepId !== 'ideas').length
  if (wrong > 0) throw new Error(`bench: ${wrong} devices left the step during the delete loop`)
  const bytes = peak - before
  const repaired = r.flows.reduce((a, f) => a + f.getState().repaired, 0)
  r.close()
  closeDbs()
  return { bytes, deletions, repaired }
}

const noteCount = (page: Page) => page.locator('[data-testid=note]').count()

/** revealHiddenNotes200Ms: 200 sealed notes of a hidden brainstorm; facilitator reveals → all shown on a second participant. */
export async function revealHidden200(url: string): Promise<number> {
  const fac = await openDevice()
  const writer = await openDevice()
  const observer = await openDevice()
  try {
    await enableTestHooks(writer)
    const { code } = await createWorkshop(fac.page, url, 'Bench reveal', { open: false })
    for (const p of [writer, observer]) {
      await p.page.goto(`${url}/join`)
      await p.page.getByTestId('join-code').fill(code)
      await p.page.getByTestId('join-code').press('Enter')
    }
    await startSession(fac.page)
    await gotoStep(fac.page, 'ideas')
    for (const p of [writer, observer]) await p.page.locator('[data-testid=step-panel][data-step="ideas"]').waitFor({ timeout: 30000 })
    const ok = await writer.page.evaluate(async () => {
      const id = location.pathname.split('/').pop() ?? ''
      const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<{ addNote(t: string, c: string): Promise<{ ok: boolean }> }>; release(id: string): void } } }).__medvirk.services
      const s = await services.acquire(id)
      let n = 0
      // wait for the step's seal, then write 200 notes
      for (let i = 0; i < 200; i++) {
        let r = await s.addNote(`Skjult idé nummer ${i}`, 'yellow')
        while (!r.ok) {
          await new Promise((res) => setTimeout(res, 50))
          r = await s.addNote(`Skjult idé nummer ${i}`, 'yellow')
        }
        n++
      }
      services.release(id)
      return n
    })
    if (ok !== 200) throw new Error('bench: the writer could not write 200 notes')
    await observer.page.getByTestId('board-notice').filter({ hasText: '200' }).waitFor({ timeout: 60000 })
    if ((await noteCount(observer.page)) !== 0) throw new Error('bench: hidden notes were shown before the reveal')
    const done = observer.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const check = () => (document.querySelectorAll('[data-testid=note]').length >= 200 ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check))
          check()
        }),
    )
    const t0 = await fac.page.evaluate(() => performance.timeOrigin + performance.now())
    await fac.page.getByTestId('console-reveal').click()
    return (await done) - t0
  } finally {
    await closeAll([fac, writer, observer])
  }
}
