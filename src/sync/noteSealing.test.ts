import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { NoteOpener, NoteSealer, exportSealPrivateKey, generateSealKeys, importSealPrivateKey, asSealedText } from './noteSealing.ts'
import { addNote, addSealedNote, notesAfterLock, readNotes, readSealedNotes, stateVectorBase64, unsealNotes } from './sessionDoc.ts'
import type { NoteId } from '../domain/notes.ts'

const nid = (n: number) => `note${String(n).padStart(18, '0')}` as NoteId
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
}
const docText = (doc: Y.Doc) => new TextDecoder('latin1').decode(Y.encodeStateAsUpdate(doc))

describe('sealed notes of a hidden step', () => {
  test('the doc never holds the text; the facilitator key opens it; a published key opens it for everyone', async () => {
    const seal = await generateSealKeys()
    const writer = new Y.Doc()
    const sealer = new NoteSealer()
    const sealed = await sealer.seal('ideas', seal.publicKeyRaw, 'Gratis buss til hallen')
    expect(sealed).not.toBeNull()
    addSealedNote(writer, { id: nid(1), color: 'yellow', x: 0, y: 0, now: 1 }, sealed!)
    const rogue = new Y.Doc()
    sync(writer, rogue)
    // a modified peer reading the raw doc finds neither the text nor any readable note
    expect(docText(rogue)).not.toContain('Gratis buss')
    expect(readNotes(rogue)).toEqual([])
    const [entry] = readSealedNotes(rogue)
    expect(entry?.id).toBe(nid(1))
    // another seal's key does not open it
    const other = await generateSealKeys()
    expect(await new NoteOpener().open(other.privateKey, 'x', entry!.sealed)).toBeNull()
    // the facilitator's key does; so does the key once the reveal published it
    expect(await new NoteOpener().open(seal.privateKey, 'f', entry!.sealed)).toBe('Gratis buss til hallen')
    const published = await importSealPrivateKey(await exportSealPrivateKey(seal.privateKey))
    expect(await new NoteOpener().open(published!, 'p', entry!.sealed)).toBe('Gratis buss til hallen')
  })

  test('tampered, foreign and junk ciphertexts open to nothing and never throw', async () => {
    const seal = await generateSealKeys()
    const sealed = (await new NoteSealer().seal('ideas', seal.publicKeyRaw, 'hei'))!
    const opener = new NoteOpener()
    const flip = sealed.c.startsWith('A') ? 'B' + sealed.c.slice(1) : 'A' + sealed.c.slice(1)
    expect(await opener.open(seal.privateKey, 'f', { ...sealed, c: flip })).toBeNull()
    // moved to another step: the step is bound into the key and the AAD
    expect(await opener.open(seal.privateKey, 'f', { ...sealed, s: 'other' })).toBeNull()
    expect(asSealedText({ s: 'ideas', k: '!!', iv: 'AAAA', c: 'AAAA' })).toBeNull()
    expect(asSealedText({ s: 'ideas', k: sealed.k, iv: sealed.iv, c: 'A'.repeat(20000) })).toBeNull()
    expect(await importSealPrivateKey('AAAA')).toBeNull()
  })

  test('ciphertexts hide the exact length (64-byte blocks) and one device seals 200 notes with one key agreement', async () => {
    const seal = await generateSealKeys()
    const sealer = new NoteSealer()
    const a = (await sealer.seal('ideas', seal.publicKeyRaw, 'ja'))!
    const b = (await sealer.seal('ideas', seal.publicKeyRaw, 'ja takk, gjerne mer'))!
    expect(a.c.length).toBe(b.c.length)
    expect(a.iv).not.toBe(b.iv)
    const t0 = performance.now()
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => sealer.seal('ideas', seal.publicKeyRaw, `idé ${i}`)))
    const opener = new NoteOpener()
    const opened = await Promise.all(many.map((s) => opener.open(seal.privateKey, 'f', s!)))
    expect(opened[199]).toBe('idé 199')
    expect(performance.now() - t0).toBeLessThan(5000)
  })

  test('unsealing after the reveal makes ordinary notes; a newer ciphertext is left alone', async () => {
    const seal = await generateSealKeys()
    const doc = new Y.Doc()
    const sealer = new NoteSealer()
    const s1 = (await sealer.seal('ideas', seal.publicKeyRaw, 'første'))!
    addSealedNote(doc, { id: nid(1), color: 'blue', x: 10, y: 20, now: 5 }, s1)
    const s2 = (await sealer.seal('ideas', seal.publicKeyRaw, 'andre'))!
    addSealedNote(doc, { id: nid(2), color: 'yellow', x: 0, y: 0, now: 5 }, s2)
    const stale = { ...s2, c: s1.c }
    expect(unsealNotes(doc, [{ id: nid(1), sealed: s1, text: 'første' }, { id: nid(2), sealed: stale, text: 'feil' }])).toBe(1)
    expect(readNotes(doc).map((n) => [n.id, n.text, n.color])).toEqual([[nid(1), 'første', 'blue']])
    expect(readSealedNotes(doc).map((e) => e.id)).toEqual([nid(2)])
  })
})

describe('input lock by state vector', () => {
  test('a note created after the lock is found, whatever time its writer put in it', () => {
    const fac = new Y.Doc()
    const p = new Y.Doc()
    addNote(p, { id: nid(1), text: 'før låsen', color: 'yellow', x: 0, y: 0, now: 1000 })
    sync(p, fac)
    const sv = stateVectorBase64(fac)
    // the rogue writes after the lock and backdates it
    addNote(p, { id: nid(2), text: 'etter låsen', color: 'yellow', x: 0, y: 0, now: 1 })
    // a note written before the lock but not yet seen by the facilitator counts as after, too
    const late = new Y.Doc()
    addNote(late, { id: nid(3), text: 'på vei', color: 'yellow', x: 0, y: 0, now: 900 })
    sync(p, fac)
    sync(late, fac)
    expect([...notesAfterLock(fac, sv)].sort()).toEqual([nid(2), nid(3)])
    expect(notesAfterLock(fac, 'not base64 !')).toEqual(new Set())
  })
})
