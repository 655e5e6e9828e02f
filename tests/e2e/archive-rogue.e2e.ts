/**
 * A rogue archive (issue 12, attack 6), in real Chromium. A facilitator (tablet) and a participant
 * (phone) write notes; the facilitator downloads the session archive. The attacker turns it into
 * a wiping archive: a copy of the doc with every note, flow record and plan field deleted (plus one
 * note of its own), with a correct checksum and signed with the facilitator's real key (taken from
 * the facilitator's browser, as someone holding the unlocked tablet could). The facilitator reads
 * it in on the home screen: the preview says it adds one note and removes nothing, signed; after
 * "Import" every note is still on the facilitator's board and on the participant's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, closeAll, createWorkshop, joinByCode, noteTexts, openDevice, PHONE, startApp, waitForNote, type Device } from '../support/browser.ts'
import { wipedCopyUpdate } from '../../src/sync/archiveDoc.testing.ts'
import { archiveMessage } from '../../src/sync/flowSigning.ts'
import { addNote as addDocNote } from '../../src/sync/sessionDoc.ts'
import type { NoteId } from '../../src/domain/notes.ts'
import type { RunningServer } from '../../src/server/server.ts'

const TITLE = 'Fritid i Vik'
const NOTES = ['Flere åpne haller på kvelden', 'Gratis buss til fritidsklubben', 'Et sted å være etter skolen']
const ROGUE = 'Lagt til av et falskt arkiv'

let server: RunningServer
let fac: Device
let part: Device
const dir = mkdtempSync(join(tmpdir(), 'medvirk-rogue-e2e-'))

beforeAll(async () => {
  server = await startApp()
  fac = await openDevice()
  part = await openDevice({ viewport: PHONE })
})
afterAll(async () => {
  await closeAll([fac, part], [server])
  rmSync(dir, { recursive: true, force: true })
})

/** Signs a message with the workshop's private key stored in the facilitator's IndexedDB (non-extractable, but usable). */
async function signInBrowser(page: Page, workshopId: string, message: string): Promise<string> {
  return page.evaluate(
    async ({ workshopId, message }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('medvirk')
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
      const row = await new Promise<{ privateKey: CryptoKey }>((resolve, reject) => {
        const r = db.transaction('keys').objectStore('keys').get(workshopId)
        r.onsuccess = () => resolve(r.result as { privateKey: CryptoKey })
        r.onerror = () => reject(r.error)
      })
      db.close()
      const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, row.privateKey, new TextEncoder().encode(message))
      return btoa(String.fromCharCode(...new Uint8Array(sig)))
    },
    { workshopId, message },
  )
}

test('a wiping archive signed with the real key: the preview says it removes nothing, and every device keeps every note', async () => {
  const { code, url } = await createWorkshop(fac.page, server.url, TITLE)
  const workshopId = new URL(url).pathname.split('/').pop() ?? ''
  await joinByCode(part.page, server.url, code)
  await addNote(fac.page, NOTES[0]!)
  await addNote(part.page, NOTES[1]!)
  await addNote(part.page, NOTES[2]!)
  for (const d of [fac, part]) for (const n of NOTES) await waitForNote(d.page, n)
  const all = [...NOTES].sort()
  expect(await noteTexts(fac.page)).toEqual(all)

  // The facilitator's archive (signed), from the export screen.
  await fac.page.getByTestId('export-open').click()
  await fac.page.getByTestId('export-screen').waitFor()
  const [download] = await Promise.all([fac.page.waitForEvent('download', { timeout: 30000 }), fac.page.getByTestId('export-archive').click()])
  const archive = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    exportedAt: string
    session: { id: string; code: string; facilitatorKey: string }
    doc: { base64: string; sha256: string }
    signature?: { alg: string; value: string }
  }
  expect(archive.signature?.alg).toBe('ECDSA-P256-SHA256')

  // The attacker's archive: everything deleted, one note added, a correct checksum, a valid signature.
  const wiped = wipedCopyUpdate(Buffer.from(archive.doc.base64, 'base64'), (doc) => {
    addDocNote(doc, { id: 'note-rogue-e2e-1' as NoteId, text: ROGUE, color: 'pink', x: 20, y: 20, now: Date.now() })
  })
  const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(wiped))).toString('hex')
  const exportedAt = new Date().toISOString()
  const s = archive.session
  const value = await signInBrowser(fac.page, workshopId, archiveMessage(s.id, sha256, exportedAt, s.facilitatorKey, s.code))
  const rogue = { ...archive, exportedAt, doc: { ...archive.doc, base64: Buffer.from(wiped).toString('base64'), sha256 }, signature: { alg: 'ECDSA-P256-SHA256', value } }
  const file = join(dir, 'rogue.json')
  writeFileSync(file, JSON.stringify(rogue))

  // The facilitator reads it in on the home screen: a preview first.
  const page = fac.page
  await page.goto(server.url)
  const result = page.getByTestId('archive-import-result')
  await page.getByTestId('archive-import-input').setInputFiles(file)
  await expect.poll(() => result.getAttribute('data-outcome')).toBe('preview')
  const preview = page.getByTestId('archive-import-preview')
  expect(await preview.getAttribute('data-kind')).toBe('merged')
  expect(await preview.getAttribute('data-notes')).toBe('1')
  expect(await preview.getAttribute('data-records')).toBe('0')
  expect(await preview.getAttribute('data-plan-fields')).toBe('0')
  expect(await page.getByTestId('archive-import-adds').textContent()).toBe('Legger til 1 lapp, 0 hendelser i forløpet og 0 planfelt; fjerner ingenting.')
  expect(await page.getByTestId('archive-import-signature').getAttribute('data-signature')).toBe('verified')
  await page.getByTestId('archive-import-confirm').click()
  await expect.poll(() => result.getAttribute('data-outcome')).toBe('merged')

  // Every note is still there, on the facilitator's board and on the participant's.
  await page.getByTestId('archive-import-open').click()
  await page.getByTestId('workshop-title').waitFor()
  const expected = [...NOTES, ROGUE].sort()
  await expect.poll(() => noteTexts(page), { timeout: 20000 }).toEqual(expected)
  await expect.poll(() => noteTexts(part.page), { timeout: 20000 }).toEqual(expected)
  // The session is still running (the flow log was not wiped): the facilitator's console is there.
  await page.getByTestId('console').waitFor()

  // A tampered copy (one byte of the doc, checksum recomputed) is refused, nothing written.
  const bytes = Buffer.from(wiped)
  bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 1
  const tampered = { ...rogue, doc: { ...rogue.doc, base64: bytes.toString('base64'), sha256: Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))).toString('hex') } }
  const bad = join(dir, 'tampered.json')
  writeFileSync(bad, JSON.stringify(tampered))
  await page.goto(server.url)
  await page.getByTestId('archive-import-input').setInputFiles(bad)
  await expect.poll(() => result.getAttribute('data-outcome')).toBe('refused')
  expect(await page.getByTestId('archive-import-problem').getAttribute('data-code')).toBe('badSignature')

  for (const d of [fac, part]) expect(d.errors).toEqual([])
})
