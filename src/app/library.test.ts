import { afterEach, describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import { EMPTY_CONTRACT } from '../domain/contract.ts'
import type { Template } from '../domain/template.ts'
import { openDb, type MedvirkDb } from '../storage/db.ts'
import { TemplateStore } from '../storage/templateStore.ts'
import { WorkshopStore, type WorkshopSummary } from '../storage/workshopStore.ts'
import { addNote, initMeta } from '../sync/sessionDoc.ts'
import { addStatusEntry } from '../sync/exportDoc.ts'
import { generateFacilitatorKeys } from '../sync/flowSigning.ts'
import { FlowController } from './flowController.ts'
import { addStatus, cachedFacts, copyTitle, removeStatus, sessionFacts, storageUsage } from './library.ts'
import { AppServices } from './services.ts'

const NOW = Date.UTC(2026, 2, 2, 10) // 2 March 2026
let dbs: MedvirkDb[] = []
let seq = 0
afterEach(() => {
  for (const db of dbs) db.close()
  dbs = []
})

function services(name = `library-${++seq}-${Math.round(performance.now())}`): AppServices {
  const db = openDb(name)
  dbs.push(db)
  let n = 0
  return new AppServices({
    store: new WorkshopStore(db),
    templates: new TemplateStore(db),
    origin: 'http://localhost',
    clock: { now: () => NOW },
    random: (len) => Uint8Array.from({ length: len }, (_, i) => (i === len - 1 ? ++n : 7)),
  })
}

const row = (id: string, role: WorkshopSummary['role'], openedAt = 5): WorkshopSummary => ({
  id,
  title: `W ${id}`,
  code: 'ABCDEFGH0',
  role,
  signalingUrl: 'ws://127.0.0.1/signal',
  createdAt: 1,
  openedAt,
})

/** A participant's workshop with a title, two notes and a status entry, written straight into the stored doc. */
async function participantWorkshop(s: AppServices, id: string): Promise<WorkshopSummary> {
  const w = row(id, 'participant')
  await s.store.ensure(w)
  const loaded = await s.store.openDoc(id)
  initMeta(loaded.doc, 'Trygg fritid på Ås', 1)
  addNote(loaded.doc, { id: 'AAAAAAAAAAAAAAAAAAAAAA' as never, text: 'Gratis buss', color: 'yellow', x: 0, y: 0, now: 1 })
  addNote(loaded.doc, { id: 'BBBBBBBBBBBBBBBBBBBBBB' as never, text: 'Flere benker', color: 'blue', x: 10, y: 0, now: 2 })
  addStatusEntry(loaded.doc, 'entry-0001', { at: 3, kind: 'recommendation', text: 'Ungdomsrådet anbefaler buss' })
  await new Promise((r) => setTimeout(r, 30))
  loaded.release()
  return w
}

describe('session facts (read from the stored doc, no network)', () => {
  test('title, notes, status log; not started without a flow; cached until the workshop is opened again', async () => {
    const s = services()
    const w = await participantWorkshop(s, 'p1')
    const f = await sessionFacts(s, w)
    expect(f).toMatchObject({ id: 'p1', title: 'Trygg fritid på Ås', status: 'lobby', template: null, feedbackDate: null, noteCount: 2 })
    expect(f.statusLog.map((e) => [e.kind, e.text])).toEqual([['recommendation', 'Ungdomsrådet anbefaler buss']])
    // Reading the facts leaves "last opened" alone.
    expect((await s.store.get('p1'))?.openedAt).toBe(5)
    expect(cachedFacts(s, w)).toMatchObject({ noteCount: 2 })
    expect(cachedFacts(s, { id: 'p1', openedAt: 6 })).toBeUndefined()
    expect(await sessionFacts(s, w)).toMatchObject({ noteCount: 2 })
  })

  test('a started session: running, its template and the contract’s feedback date', async () => {
    const s = services()
    const w = row('f1', 'facilitator')
    await s.store.ensure(w)
    const keys = await generateFacilitatorKeys()
    await s.store.saveKey({ workshopId: 'f1', privateKey: keys.privateKey, publicKeySpki: keys.publicKeySpki })
    const template = BUILT_IN_TEMPLATES[1] as Template
    const loaded = await s.store.openDoc('f1')
    const flow = new FlowController({ doc: loaded.doc, summary: w, store: s.store, clock: { now: () => NOW } })
    await flow.init()
    expect(await flow.setTemplate(template)).toBe(true)
    expect(await flow.start({ ...EMPTY_CONTRACT, question: 'Hva?', decisionOwner: 'Kommunestyret', feedbackDate: '2026-03-09' })).toBe(true)
    flow.close()
    await new Promise((r) => setTimeout(r, 30))
    loaded.release()

    const f = await sessionFacts(s, w)
    expect(f.status).toBe('running')
    expect(f.template?.id).toBe(template.id)
    expect(f.feedbackDate).toBe('2026-03-09')
    expect(f.contract?.decisionOwner).toBe('Kommunestyret')
    expect(f.noteCount).toBe(0)
  })

  test('a status entry is written, read back from the disk, and removed; a refused one writes nothing', async () => {
    const name = `library-write-${++seq}`
    const s = services(name)
    await participantWorkshop(s, 'p2')
    const added = await addStatus(s, 'p2', 'decision', 'Kommunestyret vedtok busskort', NOW)
    expect(added.ok).toBe(true)
    const entry = added.ok ? added.facts.statusLog.find((e) => e.kind === 'decision') : undefined
    expect(entry?.text).toBe('Kommunestyret vedtok busskort')

    // Another store on the same database (as after a reload) sees it.
    const again = services(name)
    const reread = await sessionFacts(again, (await again.store.get('p2'))!)
    expect(reread.statusLog.map((e) => e.kind)).toEqual(['recommendation', 'decision'])

    const tooLong = await addStatus(s, 'p2', 'fedBack', 'x'.repeat(501), NOW)
    expect(tooLong).toEqual({ ok: false, problem: 'invalid' })

    const removed = await removeStatus(s, 'p2', entry!.id)
    expect(removed.ok && removed.facts.statusLog.map((e) => e.kind)).toEqual(['recommendation'])
    expect(await addStatus(s, 'missing', 'decision', 'x', NOW)).toEqual({ ok: false, problem: 'notFound' })
  })
})

describe('copy title and storage estimate', () => {
  test('the suffix is always kept; a long title is shortened to stay within 120 characters', () => {
    expect(copyTitle('Ungdomsrådet: trygg fritid', '(kopi)')).toBe('Ungdomsrådet: trygg fritid (kopi)')
    expect(copyTitle('  Trygg   fritid ', '(copy)')).toBe('Trygg fritid (copy)')
    const long = copyTitle('å'.repeat(130), '(kopi)')
    expect(Array.from(long)).toHaveLength(120)
    expect(long.endsWith(' (kopi)')).toBe(true)
    expect(copyTitle('', '(kopi)')).toBe('(kopi)')
  })

  test('storage usage where the browser says it, null where it does not', async () => {
    const nav = (estimate?: () => Promise<StorageEstimate>) => ({ storage: estimate ? { estimate } : undefined }) as unknown as Navigator
    expect(await storageUsage(nav(async () => ({ usage: 2_300_000, quota: 1_200_000_000 })))).toEqual({ usage: 2_300_000, quota: 1_200_000_000 })
    expect(await storageUsage(nav())).toBeNull()
    expect(await storageUsage(undefined)).toBeNull()
    expect(await storageUsage(nav(async () => ({})))).toBeNull()
    expect(
      await storageUsage(
        nav(async () => {
          throw new Error('denied')
        }),
      ),
    ).toBeNull()
  })
})
