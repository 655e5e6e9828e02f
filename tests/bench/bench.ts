/**
 * `npm run bench`: a benchmark in real browsers (not a timed test). Prints one JSON object on its
 * last line and writes it to bench/latest.json.
 *
 *  syncLatencyMsP50/P95   note published on A → rendered on B (2 browser processes, 50 notes)
 *  participantJsGzipBytes JS the join route (/join) loads, gzip-compressed
 *  participantBoardJsGzipBytes  all JS a participant has loaded once on the board
 *  load1000NotesMs        reopen a 1,000-note workshop from IndexedDB until all notes are rendered
 *  messagesPerNote        data-channel messages sent, summed over all peers, per published note,
 *                         for 2, 4 and 8 peers (full mesh)
 *  stepFollowMsP95        facilitator confirms a step change → participant shows the new step
 *                         (2 browser processes, 20 step changes)
 *  flowFoldMs1000         derive the workshop state from a 1,000-event log (pure fold, Node)
 *  flowVerifyFoldMs1000   verify 1,000 signed records (WebCrypto, Node) and fold them, cold cache
 *  flowAppendFoldMs       fold one appended event onto a folded 1,000-event log (incremental)
 *  sealBallotMs           median ms to validate, encode, pad and seal one ballot (in Chromium)
 *  tally100BallotsMs      open 100 sealed ballots, check pass + voter signature, validate, tally, results (in Chromium)
 *  passIssueMs            one voting pass: blind, blind-sign, unblind + verify (participant + facilitator, in Chromium)
 *  receiptCheckMs         a participant's receipt check against a board of 100 fingerprints (in Chromium)
 *  revealMsP95            facilitator confirms "close and show" → results on a participant
 *                         (2 browser processes, 10 rounds)
 *  matrixRender300Ms      facilitator confirms the step change → the matrix step is on screen with
 *                         all cards of the shown sector, 300 placed efforts across 8 sectors (median of 5)
 *  gapScanMs              all gap rules (findGaps) over those 300 efforts × 8 sectors (median, Node)
 *  exportPdfMs / exportDocxMs   full nb summary of a 500-note session (template A) to PDF / .docx
 *                         (median of 3 after a warm-up, Node, the same pdfmake/docx builds a tablet runs)
 *  archiveBytes500        JSON archive of a session doc with 500 notes (bytes)
 *  importArchiveMs        parse + checksum + merge that archive into an empty doc (median of 5, Node)
 *  flowRepairMs           a rogue deletes 100 signed records; until a device that has just joined with
 *                         fresh storage shows the right step, repaired by 4 peers (median of 5, Node, the
 *                         app's FlowController, peers joined in memory)
 *  deleteLoopDocGrowthBytes  doc growth over 60 s of a rogue deleting the whole log every 50 ms while 5
 *                         devices repair (Node, as above); deleteLoopDeletions / deleteLoopRepairs alongside
 *  revealHiddenNotes200Ms facilitator reveals → 200 sealed notes opened and shown on a second
 *                         participant (3 browser processes)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { BUILT_IN_TEMPLATES } from '../../src/domain/builtInTemplates.ts'
import { DEFAULT_SECTORS, findGaps } from '../../src/domain/matrix.ts'
import { syntheticMatrix } from '../../src/domain/matrixFixtures.ts'
import { parseArchive } from '../../src/domain/archive.ts'
import { noteIdFromBytes } from '../../src/domain/notes.ts'
import { addNotes, initMeta } from '../../src/sync/sessionDoc.ts'
import { exportArchive, mergeArchive } from '../../src/sync/archiveDoc.ts'
import { exportDocxMs, exportPdfMs } from '../../src/export/bench.ts'
import type { FlowEvent } from '../../src/domain/flowEvents.ts'
import { createWorkshopMachine, foldFlow, foldIncremental } from '../../src/machines/workshopMachine.ts'
import { appendFlowEvent, FlowVerifier, writeFacilitatorKey, writeSignedTemplate } from '../../src/sync/flowLog.ts'
import { generateFacilitatorKeys } from '../../src/sync/flowSigning.ts'
import { deleteLoopDocGrowth, flowRepairMs, revealHidden200 } from './integrity.ts'
import { addManyNotes, closeAll, createWorkshop, gotoStep, startSession, enableTestHooks, launchBrowser, openDevice, startApp, TABLET, TSX_NAME_SHIM } from '../support/browser.ts'

type Services = {
  acquire(id: string): Promise<{ addNote(text: string, color: string): Promise<unknown>; connection: { networkStats(): Record<string, number> } }>
  release(id: string): void
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
}
const round = (x: number) => Math.round(x * 10) / 10

async function joinByCode(page: Page, url: string, code: string) {
  await page.goto(`${url}/join`)
  await page.getByTestId('join-code').fill(code)
  await page.getByTestId('join-code').press('Enter')
  await page.getByTestId('workshop-title').filter({ hasNotText: 'Verksted' }).waitFor({ timeout: 30000 })
}

async function waitPeers(page: Page, n: number) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=connection]')?.getAttribute('data-peers')) >= n, n, { timeout: 60000 })
}

/** Publishes through the real session command (no UI typing), stamping the wall clock first. */
async function publish(page: Page, text: string): Promise<number> {
  return page.evaluate(async (text) => {
    const id = location.pathname.split('/').pop() ?? ''
    const services = (window as unknown as { __medvirk: { services: Services } }).__medvirk.services
    const s = await services.acquire(id)
    const t0 = performance.timeOrigin + performance.now()
    await s.addNote(text, 'yellow')
    services.release(id)
    return t0
  }, text)
}

async function watchArrivals(page: Page) {
  await page.evaluate(() => {
    const seen = new Map<string, number>()
    ;(window as unknown as { __arrivals: Map<string, number> }).__arrivals = seen
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid=note] .note-text')) {
        const t = el.textContent ?? ''
        if (!seen.has(t)) seen.set(t, performance.timeOrigin + performance.now())
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
}

async function syncLatency(url: string) {
  const a = await openDevice()
  const b = await openDevice()
  try {
    await enableTestHooks(a)
    const { code } = await createWorkshop(a.page, url, 'Bench latency')
    await joinByCode(b.page, url, code)
    await waitPeers(a.page, 1)
    await watchArrivals(b.page)
    const lat: number[] = []
    for (let i = 0; i < 50; i++) {
      const text = `latency ${i}`
      const t0 = await publish(a.page, text)
      const handle = await b.page.waitForFunction((t) => (window as unknown as { __arrivals: Map<string, number> }).__arrivals.get(t), text, { timeout: 20000, polling: 'raf' })
      lat.push(((await handle.jsonValue()) as number) - t0)
    }
    return { p50: round(quantile(lat, 0.5)), p95: round(quantile(lat, 0.95)) }
  } finally {
    await closeAll([a, b])
  }
}

async function jsBytes(url: string) {
  const fac = await openDevice()
  const browser = await launchBrowser()
  try {
    const { code } = await createWorkshop(fac.page, url, 'Bench bundle')
    const context = await browser.newContext({ viewport: TABLET })
    await context.addInitScript(TSX_NAME_SHIM)
    const page = await context.newPage()
    const bodies = new Map<string, Buffer>()
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) {
        try {
          bodies.set(r.url(), await r.body())
        } catch {
          /* served by the service worker without a body we can read: counted on the next load */
        }
      }
    })
    await page.goto(`${url}/join`)
    await page.getByTestId('join-code').waitFor()
    await page.waitForLoadState('networkidle')
    const sum = () => [...bodies.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
    const join = sum()
    await page.getByTestId('join-code').fill(code)
    await page.getByTestId('join-code').press('Enter')
    await page.getByTestId('composer-text').waitFor()
    await page.waitForLoadState('networkidle')
    return { join, board: sum() }
  } finally {
    await closeAll([fac])
    await browser.close()
  }
}

async function load1000(url: string) {
  const d = await openDevice()
  try {
    await enableTestHooks(d)
    await createWorkshop(d.page, url, 'Bench 1000')
    const path = new URL(d.page.url()).pathname
    await addManyNotes(d.page, 1000, 60)
    await d.page.getByTestId('note-count').filter({ hasText: '(1000)' }).waitFor()
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      await d.page.goto(url)
      await d.page.getByTestId('workshop-list').waitFor()
      // Let the previous session close (1.5 s grace) so the reopen really reads IndexedDB.
      await d.page.waitForTimeout(1800)
      const ms = await d.page.evaluate(async (path) => {
        const t0 = performance.now()
        const link = document.querySelector<HTMLAnchorElement>(`a[href="${path}"]`)
        link?.click()
        await new Promise<void>((resolve) => {
          const check = () => (document.querySelectorAll('[data-testid=note]').length >= 1000 ? resolve() : requestAnimationFrame(check))
          check()
        })
        return performance.now() - t0
      }, path)
      runs.push(ms)
    }
    return round(quantile(runs, 0.5))
  } finally {
    await closeAll([d])
  }
}

async function messagesPerNote(url: string, peers: number) {
  const browser = await launchBrowser()
  try {
    const pages: Page[] = []
    for (let i = 0; i < peers; i++) {
      const ctx = await browser.newContext({ viewport: TABLET })
      await ctx.addInitScript(() => localStorage.setItem('medvirk:testHooks', '1'))
      await ctx.addInitScript(TSX_NAME_SHIM)
      pages.push(await ctx.newPage())
    }
    const first = pages[0]!
    const { code } = await createWorkshop(first, url, `Bench ${peers}`)
    for (const p of pages.slice(1)) await joinByCode(p, url, code)
    for (const p of pages) await waitPeers(p, peers - 1)
    const stats = () =>
      Promise.all(
        pages.map((p) =>
          p.evaluate(async () => {
            const id = location.pathname.split('/').pop() ?? ''
            const services = (window as unknown as { __medvirk: { services: Services } }).__medvirk.services
            const s = await services.acquire(id)
            const st = s.connection.networkStats()
            services.release(id)
            return st.sent ?? 0
          }),
        ),
      )
    // Let connection set-up traffic settle, then count only what the notes cause.
    await first.waitForTimeout(1500)
    const before = (await stats()).reduce((a, b) => a + b, 0)
    const notes = 10
    for (let i = 0; i < notes; i++) {
      await publish(first, `mesh ${i}`)
      for (const p of pages) await p.getByTestId('note').filter({ hasText: `mesh ${i}` }).first().waitFor()
    }
    await first.waitForTimeout(500)
    const after = (await stats()).reduce((a, b) => a + b, 0)
    return round((after - before) / notes)
  } finally {
    await browser.close()
  }
}

async function stepFollow(url: string) {
  const fac = await openDevice()
  const p = await openDevice()
  try {
    const { code } = await createWorkshop(fac.page, url, 'Bench steps')
    await joinByCode(p.page, url, code)
    await p.page.locator('[data-testid=step-panel][data-step="ideas"]').waitFor({ timeout: 30000 })
    const lat: number[] = []
    const order = ['group', 'talk', 'close', 'talk']
    for (let i = 0; i < 20; i++) {
      const target = order[i % order.length] as string
      const watch = p.page.evaluate((target) => {
        return new Promise<number>((resolve) => {
          const check = () => (document.querySelector(`[data-testid=step-panel][data-step="${target}"]`) ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check))
          check()
        })
      }, target)
      await fac.page.getByTestId(`console-goto-${target}`).click()
      const t0 = await fac.page.evaluate(() => performance.timeOrigin + performance.now())
      await fac.page.getByTestId(`console-goto-${target}-confirm`).click()
      lat.push((await watch) - t0)
      await fac.page.locator(`[data-testid=step-panel][data-step="${target}"]`).waitFor()
    }
    return { p50: round(quantile(lat, 0.5)), p95: round(quantile(lat, 0.95)) }
  } finally {
    await closeAll([fac, p])
  }
}

/** A realistic log: start, then step changes, timers, locks and reveals over a long session. */
function syntheticLog(n: number): FlowEvent[] {
  const t = BUILT_IN_TEMPLATES[0]!
  const ids = t.steps.map((s) => s.id)
  const at = Date.UTC(2026, 10, 23, 10)
  const events: FlowEvent[] = [
    { type: 'session.start', at, contract: { question: 'Q', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2099-01-01', feedbackChannel: '' } },
  ]
  let cur = 0
  for (let i = 1; i < n; i++) {
    const id = ids[cur] as string
    const k = i % 5
    if (k === 0) {
      const to = (cur + 1) % ids.length
      events.push({ type: 'step.goto', at: at + i, from: id, to: ids[to] as string })
      cur = to
    } else if (k === 1) events.push({ type: 'timer.start', at: at + i, step: id, endsAt: at + i + 300_000 })
    else if (k === 2) events.push({ type: 'input.lock', at: at + i, step: id })
    else if (k === 3) events.push({ type: 'input.unlock', at: at + i, step: id })
    else events.push({ type: 'timer.pause', at: at + i, step: id, remainingMs: 100_000 })
  }
  return events
}

async function flowFold() {
  const machine = createWorkshopMachine(BUILT_IN_TEMPLATES[0]!)
  const events = syntheticLog(1000)
  foldFlow(machine, events) // warm-up (JIT)
  const runs: number[] = []
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now()
    foldFlow(machine, events)
    runs.push(performance.now() - t0)
  }
  // what a device does when the facilitator appends one event to a 1,000-event log
  const ids = events.map((_, i) => `${i}|s`)
  const cache = foldIncremental(machine, null, ids.slice(0, 999), events.slice(0, 999))
  const t2 = performance.now()
  for (let i = 0; i < 100; i++) foldIncremental(machine, cache, ids, events)
  const append = (performance.now() - t2) / 100
  // verify + fold, as a device that just joined does
  const keys = await generateFacilitatorKeys()
  const doc = new Y.Doc()
  writeFacilitatorKey(doc, keys.publicKeySpki)
  await writeSignedTemplate(doc, 'bench', BUILT_IN_TEMPLATES[0]!, keys.privateKey)
  let seq = 0
  for (const e of events) seq = await appendFlowEvent(doc, 'bench', e, keys.privateKey, seq)
  const t1 = performance.now()
  const v = await new FlowVerifier('bench').verifyDoc(doc, keys.publicKeySpki)
  foldFlow(machine, v.events)
  const verifyFold = performance.now() - t1
  return { fold: round(quantile(runs, 0.5)), verifyFold: round(verifyFold), append: Math.round(append * 1000) / 1000 }
}

async function voteBench(url: string) {
  const fac = await openDevice()
  const p = await openDevice()
  try {
    await enableTestHooks(fac)
    const { code } = await createWorkshop(fac.page, url, 'Bench vote', { open: false })
    await fac.page.getByTestId('template-select').selectOption('prioriter-med-prikker')
    await fac.page.getByTestId('setup').getByText('Hva er viktigst?').waitFor()
    await joinByCode(p.page, url, code)
    await startSession(fac.page)
    await gotoStep(fac.page, 'group')
    for (const name of ['A', 'B', 'C']) {
      await fac.page.getByTestId('cluster-name').fill(name)
      await fac.page.getByTestId('cluster-add').click()
    }
    await gotoStep(fac.page, 'vote')
    const lat: number[] = []
    for (let i = 0; i < 10; i++) {
      await fac.page.getByTestId('vote-open').click()
      await p.page.getByTestId('ballot-form').waitFor()
      const watch = p.page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const check = () => (document.querySelector('[data-testid=results]') ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check))
            check()
          }),
      )
      await fac.page.getByTestId('vote-close').click()
      const t0 = await fac.page.evaluate(() => performance.timeOrigin + performance.now())
      await fac.page.getByTestId('vote-close-confirm').click()
      lat.push((await watch) - t0)
      await fac.page.getByTestId('vote-open').waitFor()
    }
    const inPage = await fac.page.evaluate(async () => {
      const hooks = await (
        window as unknown as {
          __medvirk: { loadBench(): Promise<{ sealBallotMs(): Promise<number>; tally100BallotsMs(): Promise<number>; passIssueMs(): Promise<number>; receiptCheckMs(): Promise<number> }> }
        }
      ).__medvirk.loadBench()
      return { seal: await hooks.sealBallotMs(), tally: await hooks.tally100BallotsMs(), pass: await hooks.passIssueMs(), receipt: await hooks.receiptCheckMs() }
    })
    return {
      revealP50: round(quantile(lat, 0.5)),
      revealP95: round(quantile(lat, 0.95)),
      seal: round(inPage.seal),
      tally: round(inPage.tally),
      pass: round(inPage.pass),
      receipt: round(inPage.receipt),
    }
  } finally {
    await closeAll([fac, p])
  }
}

function gapScan() {
  const efforts = syntheticMatrix(300, DEFAULT_SECTORS, 7)
  for (let i = 0; i < 50; i++) findGaps(efforts, DEFAULT_SECTORS) // warm-up (JIT)
  const runs: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now()
    findGaps(efforts, DEFAULT_SECTORS)
    runs.push(performance.now() - t0)
  }
  return Math.round(quantile(runs, 0.5) * 1000) / 1000
}

async function archiveBench() {
  const doc = new Y.Doc()
  initMeta(doc, 'Bench archive', Date.UTC(2026, 10, 23))
  addNotes(
    doc,
    Array.from({ length: 500 }, (_, i) => {
      return { id: noteIdFromBytes(crypto.getRandomValues(new Uint8Array(16))), text: `Idé ${i + 1}: ${'mer lys og flere benker i parken '.slice(0, 20 + (i % 30))}`, color: 'yellow' as const, x: (i * 37) % 2200, y: (i * 53) % 1400, now: 1 }
    }),
  )
  const text = await exportArchive(doc, { id: 'a1b2c3d4e5f60718a9b0', title: 'Bench archive', createdAt: 1, role: 'facilitator' }, Date.UTC(2026, 10, 23))
  const runs: number[] = []
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now()
    const parsed = parseArchive(text)
    if (!parsed.ok) throw new Error('archive did not parse')
    const r = await mergeArchive(new Y.Doc(), parsed.archive)
    if (!r.ok || r.notesAdded !== 500) throw new Error(`archive did not merge: ${JSON.stringify(r)}`)
    if (i > 0) runs.push(performance.now() - t0)
  }
  return { bytes: new TextEncoder().encode(text).byteLength, importMs: round(quantile(runs, 0.5)) }
}

async function matrixRender(url: string) {
  const fac = await openDevice()
  try {
    await enableTestHooks(fac)
    await createWorkshop(fac.page, url, 'Bench matrix', { open: false })
    await fac.page.getByTestId('template-select').selectOption('c-kartlegg-innsatsene')
    await startSession(fac.page)
    // 300 placed efforts across the 8 default sectors, written through the real session command.
    const efforts = syntheticMatrix(300, DEFAULT_SECTORS, 11).map((e) => ({ text: e.text, sector: e.sector, row: e.row, column: e.column, targetGroup: e.targetGroup ?? '' }))
    const first = efforts.filter((e) => e.sector === DEFAULT_SECTORS[0]!.id).length
    await fac.page.evaluate(async (efforts) => {
      const id = location.pathname.split('/').pop() ?? ''
      type S = { addEffort(input: { text: string; status: string; source: string; targetGroup?: string }, cell: { sector: string; row: string; column: string }): { ok: boolean } }
      const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<S>; release(id: string): void } } }).__medvirk.services
      const s = await services.acquire(id)
      for (const e of efforts) {
        const r = s.addEffort({ text: e.text, status: 'existing', source: 'typed', ...(e.targetGroup ? { targetGroup: e.targetGroup } : {}) }, { sector: e.sector, row: e.row, column: e.column })
        if (!r.ok) throw new Error('addEffort failed')
      }
      services.release(id)
    }, efforts)
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      await gotoStep(fac.page, 'merge')
      await fac.page.getByTestId('console-goto-map').click()
      const done = fac.page.evaluate(
        (n) =>
          new Promise<number>((resolve) => {
            const check = () =>
              document.querySelectorAll('[data-testid=matrix-card]').length >= n ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check)
            check()
          }),
        first,
      )
      const t0 = await fac.page.evaluate(() => performance.timeOrigin + performance.now())
      await fac.page.getByTestId('console-goto-map-confirm').click()
      runs.push((await done) - t0)
    }
    return round(quantile(runs, 0.5))
  } finally {
    await closeAll([fac])
  }
}

const server = await startApp()
try {
  const latency = await syncLatency(server.url)
  const js = await jsBytes(server.url)
  const load = await load1000(server.url)
  const steps = await stepFollow(server.url)
  const fold = await flowFold()
  const vote = await voteBench(server.url)
  const matrixMs = await matrixRender(server.url)
  const archive = await archiveBench()
  const pdfMs = round(await exportPdfMs(500))
  const docxMs = round(await exportDocxMs(500))
  const repairMs = round(await flowRepairMs())
  const loop = await deleteLoopDocGrowth(60)
  const revealHiddenMs = round(await revealHidden200(server.url))
  const mpn: Record<string, number> = {}
  for (const n of [2, 4, 8]) mpn[String(n)] = await messagesPerNote(server.url, n)
  const result = {
    syncLatencyMsP50: latency.p50,
    syncLatencyMsP95: latency.p95,
    participantJsGzipBytes: js.join,
    participantBoardJsGzipBytes: js.board,
    load1000NotesMs: load,
    messagesPerNote: mpn,
    stepFollowMsP50: steps.p50,
    stepFollowMsP95: steps.p95,
    flowFoldMs1000: fold.fold,
    flowVerifyFoldMs1000: fold.verifyFold,
    flowAppendFoldMs: fold.append,
    sealBallotMs: vote.seal,
    tally100BallotsMs: vote.tally,
    passIssueMs: vote.pass,
    receiptCheckMs: vote.receipt,
    revealMsP50: vote.revealP50,
    revealMsP95: vote.revealP95,
    matrixRender300Ms: matrixMs,
    gapScanMs: gapScan(),
    exportPdfMs: pdfMs,
    exportDocxMs: docxMs,
    archiveBytes500: archive.bytes,
    importArchiveMs: archive.importMs,
    flowRepairMs: repairMs,
    deleteLoopDocGrowthBytes: loop.bytes,
    deleteLoopDeletions: loop.deletions,
    deleteLoopRepairs: loop.repaired,
    revealHiddenNotes200Ms: revealHiddenMs,
    at: new Date().toISOString(),
  }
  mkdirSync('bench', { recursive: true })
  writeFileSync('bench/latest.json', JSON.stringify(result, null, 2) + '\n')
  console.log(JSON.stringify(result))
} finally {
  await server.close()
}
