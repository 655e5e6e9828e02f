import { describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from './builtInTemplates.ts'
import {
  MAX_STEPS,
  MAX_TEMPLATE_BYTES,
  parseTemplateJson,
  templateIdFromBytes,
  templateToJson,
  totalMinutes,
  validateTemplate,
  type TemplateProblem,
} from './template.ts'

function step(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: 'info', minutes: 5, title: { nb: 'Tittel', en: 'Title' }, prompt: { nb: 'Tekst', en: 'Text' }, ...extra }
}

function raw(steps: unknown[] = [step('a'), step('b')]): Record<string, unknown> {
  return { schema: 1, id: 'test-template', name: { nb: 'Test', en: 'Test' }, steps }
}

function problems(input: unknown): TemplateProblem[] {
  const r = validateTemplate(input)
  if (r.ok) throw new Error('expected problems, got a valid template')
  return r.problems
}

describe('validateTemplate', () => {
  test('every built-in template is valid and has a positive total time', () => {
    expect(BUILT_IN_TEMPLATES.length).toBeGreaterThan(0)
    for (const t of BUILT_IN_TEMPLATES) {
      expect(validateTemplate(JSON.parse(JSON.stringify(t))).ok, t.id).toBe(true)
      expect(t.builtIn).toBe(true)
      expect(totalMinutes(t)).toBeGreaterThan(0)
    }
  })

  test('a minimal template gets defaults for description, builtIn and options', () => {
    const r = validateTemplate(raw([step('a', { kind: 'brainstorm' })]))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.template.description).toEqual({ nb: '', en: '' })
    expect(r.template.builtIn).toBe(false)
    expect(r.template.steps[0]?.options).toEqual({ hiddenUntilReveal: true, phases124All: false })
  })

  test('not an object', () => {
    for (const v of [null, 42, 'x', [raw()]]) expect(problems(v)).toEqual([{ code: 'notObject', path: '' }])
  })

  test('an unknown step kind is reported once, with its step number', () => {
    const ps = problems(raw([step('a'), step('b', { kind: 'dance', title: 7 })]))
    expect(ps).toEqual([{ code: 'unknownKind', path: 'steps.1.kind', step: 2 }])
  })

  test('a missing kind counts as unknown', () => {
    const { kind: _kind, ...noKind } = step('a')
    expect(problems(raw([noKind]))).toEqual([{ code: 'unknownKind', path: 'steps.0.kind', step: 1 }])
  })

  test('missing and blank texts', () => {
    const s = step('b', { prompt: { nb: 'Tekst' }, title: { nb: '   ', en: 'Title' } })
    const ps = problems(raw([step('a'), s]))
    expect(ps).toContainEqual({ code: 'missingText', path: 'steps.1.prompt.en', step: 2 })
    expect(ps).toContainEqual({ code: 'missingText', path: 'steps.1.title.nb', step: 2 })
    expect(problems({ ...raw(), name: undefined })).toContainEqual({ code: 'missingText', path: 'name' })
  })

  test('too long texts', () => {
    const ps = problems({ ...raw(), name: { nb: 'x'.repeat(121), en: 'ok' } })
    expect(ps).toEqual([{ code: 'textTooLong', path: 'name.nb' }])
  })

  test.each([[-5], [999], [1.5], ['10'], [null], [Number.NaN]])('an absurd time box (%s) is reported for its step', (minutes) => {
    expect(problems(raw([step('a'), step('b'), step('c', { minutes })]))).toEqual([{ code: 'absurdTimebox', path: 'steps.2.minutes', step: 3 }])
  })

  test('0 and 180 minutes are allowed', () => {
    expect(validateTemplate(raw([step('a', { minutes: 0 }), step('b', { minutes: 180 })])).ok).toBe(true)
  })

  test('no steps, too many steps', () => {
    expect(problems(raw([]))).toEqual([{ code: 'noSteps', path: 'steps' }])
    const many = Array.from({ length: MAX_STEPS + 1 }, (_, i) => step(`s${i}`))
    expect(problems(raw(many))).toEqual([{ code: 'tooManySteps', path: 'steps' }])
    expect(validateTemplate(raw(many.slice(0, MAX_STEPS))).ok).toBe(true)
  })

  test('duplicate step ids', () => {
    expect(problems(raw([step('a'), step('b'), step('a')]))).toEqual([{ code: 'duplicateStepId', path: '' }])
  })

  test('bad step and template ids, unknown schema version', () => {
    expect(problems(raw([step('Not OK')]))).toEqual([{ code: 'badStepId', path: 'steps.0.id', step: 1 }])
    expect(problems({ ...raw(), id: '-nope' })).toEqual([{ code: 'badTemplateId', path: 'id' }])
    expect(problems({ ...raw(), schema: 2 })).toEqual([{ code: 'unknownVersion', path: 'schema' }])
  })

  test('every problem is listed, not only the first', () => {
    const ps = problems(raw([step('a', { minutes: -1 }), step('b', { prompt: { nb: '', en: '' } })]))
    expect(ps.map((p) => p.path).sort()).toEqual(['steps.0.minutes', 'steps.1.prompt.en', 'steps.1.prompt.nb'])
  })
})

describe('parseTemplateJson', () => {
  test('not JSON', () => {
    expect(parseTemplateJson('this is not json {')).toEqual({ ok: false, problems: [{ code: 'notJson', path: '' }] })
    expect(parseTemplateJson('')).toEqual({ ok: false, problems: [{ code: 'notJson', path: '' }] })
  })

  test('a huge file is refused before it is parsed', () => {
    const huge = JSON.stringify({ ...raw(), padding: 'x'.repeat(MAX_TEMPLATE_BYTES) })
    expect(parseTemplateJson(huge)).toEqual({ ok: false, problems: [{ code: 'tooBig', path: '' }] })
  })

  test('JSON that is not an object', () => {
    expect(parseTemplateJson('[1, 2]')).toEqual({ ok: false, problems: [{ code: 'notObject', path: '' }] })
  })

  test('export then parse gives back the same template (without the built-in flag)', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      const json = templateToJson(t)
      expect(json).not.toContain('builtIn')
      const r = parseTemplateJson(json)
      expect(r.ok).toBe(true)
      if (r.ok) expect(r.template).toEqual({ ...t, builtIn: false })
    }
  })
})

describe('helpers', () => {
  test('templateIdFromBytes makes a valid, slugged id', () => {
    const id = templateIdFromBytes('Idémyldring og gruppering (kopi)', new Uint8Array([1, 2, 3, 4, 5, 255]))
    expect(id).toBe('id-myldring-og-gruppering-kopi-0102030405ff')
    expect(validateTemplate({ ...raw(), id }).ok).toBe(true)
    expect(templateIdFromBytes('!!!', new Uint8Array(6))).toBe('template-000000000000')
  })
})
