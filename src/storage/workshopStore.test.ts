import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { openDb, type MedvirkDb } from './db.ts'
import { classifyStorageError } from './errors.ts'
import { WorkshopStore, type WorkshopSummary } from './workshopStore.ts'

let dbs: MedvirkDb[] = []
let seq = 0
function freshStore(name = `test-${Date.now()}-${++seq}`) {
  const db = openDb(name)
  dbs.push(db)
  return { store: new WorkshopStore(db), name }
}
afterEach(async () => {
  for (const db of dbs) db.close()
  dbs = []
})

const w = (id: string, openedAt = 1): WorkshopSummary => ({ id, title: `W ${id}`, code: 'ABCDEFGH0', role: 'facilitator', signalingUrl: 'ws://127.0.0.1/signal', createdAt: 1, openedAt })

describe('workshop store (fake-indexeddb)', () => {
  test('the list keeps workshops, newest opened first, and survives reopening the database', async () => {
    const { store, name } = freshStore()
    expect(await store.ensure(w('a', 1))).toBe('created')
    expect(await store.ensure(w('b', 5))).toBe('created')
    expect(await store.ensure(w('a', 9))).toBe('existing')
    expect((await store.list()).map((x) => x.id)).toEqual(['a', 'b'])
    dbs[0]!.close()
    const again = new WorkshopStore(openDb(name))
    dbs.push(again.db)
    expect((await again.list()).map((x) => x.id)).toEqual(['a', 'b'])
  })

  test('the session doc is persisted through y-dexie and loaded before use', async () => {
    const { store, name } = freshStore()
    await store.ensure(w('doc1'))
    const loaded = await store.openDoc('doc1')
    loaded.doc.getMap('notes').set('n1', 'hello')
    await new Promise((r) => setTimeout(r, 50))
    loaded.release()
    dbs[0]!.close()
    const again = new WorkshopStore(openDb(name))
    dbs.push(again.db)
    const reloaded = await again.openDoc('doc1')
    expect(reloaded.doc.getMap('notes').get('n1')).toBe('hello')
    reloaded.release()
  })

  test('saveFullState writes a row that a later load applies (the retry path after a full disk)', async () => {
    const { store, name } = freshStore()
    await store.ensure(w('doc2'))
    const loaded = await store.openDoc('doc2')
    const other = new Y.Doc()
    other.getMap('notes').set('kept', 'in memory')
    await loaded.saveFullState(Y.encodeStateAsUpdateV2(other))
    loaded.release()
    dbs[0]!.close()
    const again = new WorkshopStore(openDb(name))
    dbs.push(again.db)
    const reloaded = await again.openDoc('doc2')
    expect(reloaded.doc.getMap('notes').get('kept')).toBe('in memory')
    reloaded.release()
  })

  test('delete removes the workshop, its doc, drafts and own-note marks', async () => {
    const { store } = freshStore()
    await store.ensure(w('gone'))
    const loaded = await store.openDoc('gone')
    loaded.doc.getMap('notes').set('n', 'x')
    await new Promise((r) => setTimeout(r, 30))
    loaded.release()
    await store.markOwn('gone', 'note1')
    await store.saveDraft({ workshopId: 'gone', text: 'draft', color: 'pink', updatedAt: 1 })
    await store.delete('gone')
    expect(await store.get('gone')).toBeUndefined()
    expect((await store.ownNoteIds('gone')).size).toBe(0)
    expect(await store.getDraft('gone')).toBeUndefined()
    const updates = await store.db.table('$workshops.doc_updates').where('k').equals('gone').count()
    expect(updates).toBe(0)
  })

  test('own notes and drafts stay on the device', async () => {
    const { store } = freshStore()
    await store.markOwn('w', 'n1')
    await store.markOwn('w', 'n2')
    await store.forgetOwn('n1')
    expect([...(await store.ownNoteIds('w'))]).toEqual(['n2'])
    await store.saveDraft({ workshopId: 'w', text: 'halvferdig', color: 'blue', updatedAt: 3 })
    expect(await store.getDraft('w')).toMatchObject({ text: 'halvferdig' })
  })

  test('storage errors are classified so the UI can explain them', () => {
    expect(classifyStorageError({ name: 'QuotaExceededError' })).toBe('quota')
    expect(classifyStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe('quota')
    expect(classifyStorageError({ name: 'MissingAPIError' })).toBe('unavailable')
    expect(classifyStorageError(new Error('x'))).toBe('unknown')
  })
})
