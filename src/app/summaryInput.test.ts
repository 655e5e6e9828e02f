import { describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import { summary } from '../domain/summary.ts'
import { toMarkdown } from '../domain/summaryMarkdown.ts'
import type { Note, NoteId } from '../domain/notes.ts'
import { createWorkshopMachine, foldFlow, viewOf } from '../machines/workshopMachine.ts'
import { buildSummaryInput, summarySteps } from './summaryInput.ts'

const templateB = BUILT_IN_TEMPLATES.find((t) => t.id === 'b-likhetssjekk')!
const note = (id: string, text: string): Note => ({ id: id as NoteId, text, x: 0, y: 0, color: 'yellow', createdAt: Date.UTC(2026, 10, 23), updatedAt: 0 })
const contract = { question: 'Skal fritidskortet gjelde alle?', open: 'Hvem det gjelder', fixed: 'Budsjettet', decisionOwner: 'Kultursjefen', decisionDate: '2099-02-01', feedbackDate: '2099-03-01', feedbackChannel: 'Ungdomsrådet' }

describe('summary input from a session', () => {
  const machine = createWorkshopMachine(templateB)
  const at = Date.UTC(2026, 10, 23, 10)
  const snap = foldFlow(machine, [
    { type: 'session.start', at, contract },
    { type: 'note.moderate', at: at + 1, noteId: 'noteHIDDEN01' },
  ])
  const view = viewOf(templateB, snap)
  const input = buildSummaryInput({
    title: 'Likhetssjekk: fritidskort',
    createdAt: at,
    template: templateB,
    view,
    today: '2026-11-23',
    participants: 7,
    redactions: { noteSECRET01: 'En elev på [skole] sa at …' },
    snap: {
      notes: [note('noteKEEP0001', 'Låne utstyr gratis'), note('noteHIDDEN01', 'Stygg kommentar'), note('noteSECRET01', 'Kari på Vik skole sa at …')],
      clusters: [{ id: 'clusterUTSTYR', name: 'Utstyr', createdAt: 1 }],
      noteClusters: new Map([['noteKEEP0001', 'clusterUTSTYR']]),
      equity: { check: { 'S4.1': { rating: 'red', note: 'Koster for mye' } } },
      equitySubjects: { check: { kind: 'text', text: 'Gratis fritidskort' } },
      matrix: [],
      plans: {},
    },
  })

  test('the contract, status and counts come from the signed flow; moderated notes are left out', () => {
    expect(input.contract?.decisionOwner).toBe('Kultursjefen')
    expect(input.status).toBe('running')
    expect(input.participants).toBe(7)
    expect(input.notes.map((n) => n.id)).toEqual(['noteKEEP0001', 'noteSECRET01'])
    expect(input.notes[0]?.clusterId).toBe('clusterUTSTYR')
    expect(input.equityChecks).toEqual([{ stepId: 'check', subject: { kind: 'text', text: 'Gratis fritidskort' }, answers: { 'S4.1': { rating: 'red', note: 'Koster for mye' } } }])
    expect(input.matrix).toBeNull()
  })

  test('the rendered summary has the notes, the redacted text only, and never the moderated note', () => {
    const md = toMarkdown(summary(input, 'nb', 'full'))
    expect(md).toContain('Låne utstyr gratis')
    expect(md).toContain('En elev på \\[skole\\] sa at') // Markdown-escaped brackets
    expect(md).not.toContain('Kari på Vik skole')
    expect(md).not.toContain('Stygg kommentar')
    expect(md).toContain('Kultursjefen')
  })

  test('the steps whose doc data a summary needs', () => {
    expect(summarySteps(templateB)).toEqual({ equity: ['check'], plans: ['plan'], sectors: null })
    expect(summarySteps(BUILT_IN_TEMPLATES.find((t) => t.id === 'c-kartlegg-innsatsene')!).sectors).toHaveLength(8)
  })
})
