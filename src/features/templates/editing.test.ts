import { describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from '../../domain/builtInTemplates.ts'
import { MAX_STEPS, MAX_TITLE, validateTemplate, type Template } from '../../domain/template.ts'
import {
  addStep,
  blankTemplate,
  changeKind,
  draftTotalMinutes,
  duplicateTemplate,
  fieldDomId,
  fromDraft,
  moveStep,
  nextStepId,
  problemLocation,
  problemsByPath,
  removeStep,
  sameDraft,
  toDraft,
  updateStep,
  withFreeId,
} from './editing.ts'

const builtIn = BUILT_IN_TEMPLATES[0] as Template
const texts = { name: { nb: 'Ny mal', en: 'New template' }, title: { nb: 'Velkommen', en: 'Welcome' }, prompt: { nb: 'Hei', en: 'Hi' } }

describe('drafts', () => {
  test('a template survives the round trip through a draft unchanged', () => {
    const r = validateTemplate(fromDraft(toDraft(builtIn)))
    expect(r.ok && r.template).toEqual({ ...builtIn, builtIn: false })
  })

  test('half-typed minutes are judged by the schema, not silently fixed', () => {
    const d = updateStep(toDraft(builtIn), 1, { minutes: '' })
    const r = validateTemplate(fromDraft(updateStep(d, 2, { minutes: '1.5' })))
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['steps.1.minutes', 'steps.2.minutes'])
    expect(draftTotalMinutes(updateStep(d, 2, { minutes: 'abc' }))).toBe(5 + 15 + 15 + 5)
    expect(draftTotalMinutes(updateStep(d, 2, { minutes: '999' }))).toBe(5 + 15 + 15 + 5)
    expect(draftTotalMinutes(toDraft(builtIn))).toBe(53)
  })

  test('sameDraft tells an edited draft from the original', () => {
    const d = toDraft(builtIn)
    expect(sameDraft(d, toDraft(builtIn))).toBe(true)
    expect(sameDraft(d, updateStep(d, 0, { prompt: { nb: 'x', en: 'y' } }))).toBe(false)
  })
})

describe('steps', () => {
  test('nextStepId finds a free step-<n>', () => {
    expect(nextStepId([])).toBe('step-1')
    expect(nextStepId(['a', 'b'])).toBe('step-3')
    expect(nextStepId(['step-2', 'step-3'])).toBe('step-4')
  })

  test('addStep appends an empty info step with a unique id, and stops at MAX_STEPS', () => {
    let d = toDraft(builtIn)
    d = addStep(addStep(d))
    expect(d.steps.map((s) => s.id).slice(-2)).toEqual(['step-7', 'step-8'])
    expect(d.steps.at(-1)).toMatchObject({ kind: 'info', minutes: '5', title: { nb: '', en: '' } })
    while (d.steps.length < MAX_STEPS) d = addStep(d)
    expect(addStep(d)).toBe(d)
    expect(new Set(d.steps.map((s) => s.id)).size).toBe(MAX_STEPS)
  })

  test('removeStep removes one step, and ignores a bad index', () => {
    const d = toDraft(builtIn)
    expect(removeStep(d, 1).steps.map((s) => s.id)).toEqual(['welcome', 'ideas', 'group', 'talk', 'close'])
    expect(removeStep(d, 9)).toBe(d)
  })

  test('moveStep moves up and down, and not past either end', () => {
    const d = toDraft(builtIn)
    expect(moveStep(d, 2, -1).steps.map((s) => s.id)).toEqual(['welcome', 'ideas', 'check-in', 'group', 'talk', 'close'])
    expect(moveStep(d, 0, 1).steps.map((s) => s.id)).toEqual(['check-in', 'welcome', 'ideas', 'group', 'talk', 'close'])
    expect(moveStep(d, 0, -1)).toBe(d)
    expect(moveStep(d, 5, 1)).toBe(d)
    expect(moveStep(builtIn, 5, -5).steps[0]?.id).toBe('close')
  })

  test('changeKind resets options to the new kind’s defaults', () => {
    const d = changeKind(toDraft(builtIn), 0, 'brainstorm')
    expect(d.steps[0]).toMatchObject({ kind: 'brainstorm', options: { hiddenUntilReveal: true, phases124All: false } })
    expect(changeKind(d, 0, 'discuss').steps[0]?.options).toEqual({})
    expect(validateTemplate(fromDraft(changeKind(d, 0, 'pulse'))).ok).toBe(true)
  })
})

describe('whole templates', () => {
  test('duplicateTemplate makes an own copy under a new id, names suffixed, original untouched', () => {
    const copy = duplicateTemplate(builtIn, 'copy-1', { nb: '(kopi)', en: '(copy)' })
    expect(copy).toMatchObject({ id: 'copy-1', builtIn: false, name: { nb: 'Idémyldring og gruppering (kopi)', en: 'Brainstorm and cluster (copy)' } })
    expect(copy.steps).toEqual(builtIn.steps)
    expect(copy.steps).not.toBe(builtIn.steps)
    expect(builtIn.builtIn).toBe(true)
    expect(validateTemplate(copy).ok).toBe(true)
  })

  test('duplicating a name at the length limit stays within it', () => {
    const long = { ...builtIn, name: { nb: 'n'.repeat(MAX_TITLE), en: 'e'.repeat(MAX_TITLE) } }
    const copy = duplicateTemplate(long, 'copy-2', { nb: '(kopi)', en: '(copy)' })
    expect(copy.name.nb).toHaveLength(MAX_TITLE)
    expect(copy.name.nb.endsWith(' (kopi)')).toBe(true)
    expect(validateTemplate(copy).ok).toBe(true)
  })

  test('blankTemplate is valid: one information step', () => {
    const t = blankTemplate('ny-mal-1', texts)
    expect(validateTemplate(t).ok).toBe(true)
    expect(t.steps.map((s) => s.kind)).toEqual(['info'])
  })

  test('withFreeId keeps a free id and replaces a taken one', () => {
    const t = blankTemplate('mine', texts)
    expect(withFreeId(t, () => false, () => 'x').id).toBe('mine')
    const taken = new Set(['mine', 'fresh-1'])
    const ids = ['fresh-1', 'fresh-2']
    expect(withFreeId(t, (id) => taken.has(id), () => ids.shift() ?? 'z')).toMatchObject({ id: 'fresh-2', builtIn: false })
    expect(() => withFreeId(t, () => true, () => 'x')).toThrow()
  })
})

describe('problems', () => {
  test('problemLocation reads step number, field and language from a path', () => {
    expect(problemLocation({ code: 'missingText', path: 'steps.2.prompt.en', step: 3 })).toEqual({ step: 3, field: 'prompt', lang: 'en' })
    expect(problemLocation({ code: 'unknownKind', path: 'steps.0.kind', step: 1 })).toEqual({ step: 1, field: 'kind' })
    expect(problemLocation({ code: 'badStepId', path: 'steps.4.id', step: 5 })).toEqual({ step: 5, field: 'stepId' })
    expect(problemLocation({ code: 'textTooLong', path: 'name.nb' })).toEqual({ field: 'name', lang: 'nb' })
    expect(problemLocation({ code: 'tooManySteps', path: 'steps' })).toEqual({ field: 'steps' })
    expect(problemLocation({ code: 'notJson', path: '' })).toEqual({})
  })

  test('fieldDomId and problemsByPath', () => {
    expect(fieldDomId('steps.2.prompt.en')).toBe('tpl-steps-2-prompt-en')
    const m = problemsByPath([
      { code: 'missingText', path: 'name.nb' },
      { code: 'textTooLong', path: 'name.nb' },
      { code: 'noSteps', path: 'steps' },
    ])
    expect(m.get('name.nb')?.map((p) => p.code)).toEqual(['missingText', 'textTooLong'])
    expect(m.get('steps')).toHaveLength(1)
  })
})
