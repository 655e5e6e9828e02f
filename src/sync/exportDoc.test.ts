import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addStatusEntry, readExportMeta, readRedactions, readStatusLog, removeStatusEntry, writeExportMeta, writeRedaction } from './exportDoc.ts'

describe('export data in the session doc', () => {
  test('redactions replace nothing in the doc but are read back; too long or bad ids are refused', () => {
    const d = new Y.Doc()
    expect(writeRedaction(d, 'note00000001', '  En elev sa at [navn] …  ')).toBe(true)
    expect(readRedactions(d)).toEqual({ note00000001: 'En elev sa at [navn] …' })
    expect(writeRedaction(d, 'note00000001', 'x'.repeat(281))).toBe(false)
    expect(writeRedaction(d, '../etc', 'x')).toBe(false)
    writeRedaction(d, 'note00000001', null)
    expect(readRedactions(d)).toEqual({})
  })

  test('the status log is ordered by time and skips forged entries', () => {
    const d = new Y.Doc()
    addStatusEntry(d, 'entry0000002', { at: 2000, kind: 'decision', text: 'Kommunestyret vedtok fritidskort' })
    addStatusEntry(d, 'entry0000001', { at: 1000, kind: 'recommendation', text: 'Ungdomsrådet anbefalte fritidskort' })
    expect(addStatusEntry(d, 'entry0000003', { at: 3000, kind: 'maybe' as never, text: 'x' })).toBe(false)
    d.getMap('statusLog').set('entry0000004', { at: 'soon', kind: 'fedBack', text: 'x' })
    expect(readStatusLog(d).map((e) => e.kind)).toEqual(['recommendation', 'decision'])
    removeStatusEntry(d, 'entry0000001')
    expect(readStatusLog(d).map((e) => e.id)).toEqual(['entry0000002'])
  })

  test('export fields: defaults, limits, participants a whole number', () => {
    const d = new Y.Doc()
    expect(readExportMeta(d)).toEqual({ municipality: '', reference: '', notReached: '', dissent: '', participants: 0 })
    expect(writeExportMeta(d, { municipality: 'Vik kommune', participants: 12 })).toBe(true)
    expect(writeExportMeta(d, { participants: -1 })).toBe(false)
    expect(writeExportMeta(d, { participants: 2.5 })).toBe(false)
    expect(readExportMeta(d)).toMatchObject({ municipality: 'Vik kommune', participants: 12 })
  })
})
