/** The editor's drafts of every step kind's options: conversions both ways, sector ids, problems. */
import { describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from '../../domain/builtInTemplates.ts'
import { DEFAULT_SECTORS } from '../../domain/matrix.ts'
import { STEP_KIND_NAMES, validateTemplate, type StepDef, type Template } from '../../domain/template.ts'
import { createTranslator, loadLocale } from '../../i18n/i18n.ts'
import {
  addSector,
  blankTemplate,
  changeKind,
  DEFAULT_STATUSES,
  defaultOptions,
  defaultSectors,
  draftProblems,
  fromDraft,
  hasControl,
  isDefaultSectors,
  MAX_SECTORS,
  MAX_STATEMENTS,
  moveAt,
  newSectorProblem,
  optionsEdited,
  problemLocation,
  removeAt,
  replaceAt,
  sectorSlug,
  toDraft,
  uniqueSectorId,
  updateOptions,
  updateStep,
  VOTE_METHODS,
  VOTE_NUMBERS,
  VOTE_SOURCES,
  type DraftTemplate,
} from './editing.ts'
import { problemLine } from './problemText.ts'

await loadLocale('en')
const en = createTranslator('en')
const nb = createTranslator('nb')

const SECTOR_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/
const texts = { name: { nb: 'Mal', en: 'Template' }, title: { nb: 'Velkommen', en: 'Welcome' }, prompt: { nb: 'Hei', en: 'Hi' } }
const step = (kind: StepDef['kind'], options: Record<string, unknown>, id = kind) => ({ id, kind, minutes: 10, title: { nb: 'T', en: 'T' }, prompt: { nb: 'P', en: 'P' }, options })

/** A valid template with a vote step (written statements, ranking) and a matrix step (own sectors). */
function withOptions(): Template {
  const raw = {
    ...blankTemplate('med-valg', texts),
    steps: [
      step('info', {}),
      step('vote', { method: 'ranking', dots: 5, capPerOption: 2, mustNot: true, topK: 4, source: 'custom', custom: ['Flere benker i parken', 'Gratis buss'] }),
      step('matrix', {
        sectors: [
          { id: 'oppvekst', name: { nb: 'Oppvekst', en: 'Childhood and education' } },
          { id: 'naering', name: { nb: 'Næring', en: 'Business' } },
        ],
        examples: false,
        gaps: true,
        defaultStatus: 'existing',
      }),
    ],
  }
  const r = validateTemplate(raw)
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.template
}

const problemsOf = (d: DraftTemplate) => draftProblems(d).map((p) => `${p.code} ${p.path}`)

describe('draft ⇄ template for vote and matrix options', () => {
  test('every built-in template, and one with edited options, survives the round trip unchanged', () => {
    for (const t of [...BUILT_IN_TEMPLATES, withOptions()]) {
      const r = validateTemplate(fromDraft(toDraft(t)))
      expect(r.ok && r.template, t.id).toEqual({ ...t, builtIn: false })
    }
  })

  test('the draft holds vote numbers as typed text and copies of the lists', () => {
    const t = withOptions()
    const d = toDraft(t)
    expect(d.steps[1]?.options).toEqual({ method: 'ranking', dots: '5', capPerOption: '2', mustNot: true, topK: '4', source: 'custom', custom: ['Flere benker i parken', 'Gratis buss'] })
    expect(d.steps[2]?.options).toEqual({
      sectors: [
        { id: 'oppvekst', name: { nb: 'Oppvekst', en: 'Childhood and education' } },
        { id: 'naering', name: { nb: 'Næring', en: 'Business' } },
      ],
      examples: false,
      gaps: true,
      defaultStatus: 'existing',
    })
    d.steps[1]?.options.custom?.push('x')
    d.steps[2]?.options.sectors?.pop()
    const original = t.steps[1]?.kind === 'vote' ? t.steps[1].options.custom : []
    expect(original).toHaveLength(2)
    expect(t.steps[2]?.kind === 'matrix' && t.steps[2].options.sectors).toHaveLength(2)
  })

  test('edited vote options reach the template; only the step kind’s own options are kept', () => {
    let d = toDraft(withOptions())
    d = updateOptions(d, 1, { method: 'dots', dots: ' 7 ', capPerOption: '0', custom: ['A', 'B', 'C'], source: 'custom' })
    d = updateOptions(d, 0, { dots: '2' })
    const r = validateTemplate(fromDraft(d))
    expect(r.ok && r.template.steps[1]?.options).toEqual({ method: 'dots', dots: 7, capPerOption: 0, mustNot: true, topK: 4, source: 'custom', custom: ['A', 'B', 'C'] })
    expect(r.ok && r.template.steps[0]?.options).toEqual({})
  })

  test('half-typed or out-of-range numbers are judged by the schema, never silently fixed', () => {
    const d = toDraft(withOptions())
    expect(problemsOf(updateOptions(d, 1, { dots: '' }))).toEqual(['invalid steps.1.options.dots'])
    expect(problemsOf(updateOptions(d, 1, { dots: '1.5', topK: '41', capPerOption: '-1' }))).toEqual([
      'invalid steps.1.options.dots',
      'invalid steps.1.options.capPerOption',
      'invalid steps.1.options.topK',
    ])
    const line = draftProblems(updateOptions(d, 1, { dots: '0' }))[0]
    expect(line && problemLine(line, nb)).toBe('Steg 2, prikker per person: Skriv et helt tall fra 1 til 20.')
    expect(line && problemLine(line, en)).toBe('Step 2, dots per person: Write a whole number from 1 to 20.')
  })

  test('the form’s choices and limits are the schema’s', () => {
    const d = toDraft(withOptions())
    const ok = (patch: Parameters<typeof updateOptions>[2]) => draftProblems(updateOptions(d, 1, patch))
    for (const method of VOTE_METHODS) expect(ok({ method })).toEqual([])
    for (const source of VOTE_SOURCES) expect(ok({ source })).toEqual([])
    for (const [name, { min, max }] of Object.entries(VOTE_NUMBERS)) {
      expect(ok({ [name]: String(min) }), name).toEqual([])
      expect(ok({ [name]: String(max) }), name).toEqual([])
      expect(ok({ [name]: String(min - 1) }).map((p) => p.path), name).toEqual([`steps.1.options.${name}`])
      expect(ok({ [name]: String(max + 1) }).map((p) => p.path), name).toEqual([`steps.1.options.${name}`])
    }
    expect(ok({ custom: Array.from({ length: MAX_STATEMENTS }, (_, i) => `P${i}`) })).toEqual([])
    expect(ok({ custom: Array.from({ length: MAX_STATEMENTS + 1 }, (_, i) => `P${i}`) }).map((p) => `${p.code} ${p.path}`)).toEqual(['invalid steps.1.options.custom'])
    for (const defaultStatus of DEFAULT_STATUSES) expect(draftProblems(updateOptions(d, 2, { defaultStatus }))).toEqual([])
  })

  test('a written statement that is empty or too long gets a precise problem, shown in nb and en', () => {
    const d = updateOptions(toDraft(withOptions()), 1, { custom: ['Gratis buss', '   ', 'x'.repeat(201), 'y'.repeat(200)] })
    expect(problemsOf(d)).toEqual(['missingText steps.1.options.custom.1', 'textTooLong steps.1.options.custom.2'])
    const [empty, long] = draftProblems(d)
    expect(empty && problemLine(empty, nb)).toBe('Steg 2, påstand 2: Teksten mangler.')
    expect(long && problemLine(long, en)).toBe('Step 2, statement 3: The text is too long.')
    const tooMany = draftProblems(updateOptions(d, 1, { custom: Array.from({ length: 41 }, () => 'p') }))[0]
    expect(tooMany && problemLine(tooMany, nb)).toBe('Steg 2, påstandene: Det kan være høyst 40 påstander.')
  })

  test('an empty sector list is the schema’s emptySectors problem, next to the list, in nb and en', () => {
    const d = updateOptions(toDraft(withOptions()), 2, { sectors: [] })
    const problems = draftProblems(d)
    expect(problems).toEqual([{ code: 'emptySectors', path: 'steps.2.options.sectors', step: 3 }])
    expect(problemLine(problems[0]!, nb)).toBe('Steg 3, sektorene: Matrisen må ha minst én sektor.')
    expect(problemLine(problems[0]!, en)).toBe('Step 3, sectors: The matrix needs at least one sector.')
    expect(hasControl('steps.2.options.sectors')).toBe(true)
  })

  test('a sector name left empty or too long is a problem at that name, in nb and en', () => {
    const d = toDraft(withOptions())
    const sectors = d.steps[2]?.options.sectors ?? []
    const edited = replaceAt(sectors, 1, { id: 'naering', name: { nb: 'n'.repeat(61), en: ' ' } })
    const problems = draftProblems(updateOptions(d, 2, { sectors: edited }))
    expect(problems.map((p) => `${p.code} ${p.path}`)).toEqual(['textTooLong steps.2.options.sectors.1.name.nb', 'missingText steps.2.options.sectors.1.name.en'])
    expect(problemLine(problems[1]!, nb)).toBe('Steg 3, sektor 2 (engelsk): Teksten mangler.')
    expect(problemLine(problems[0]!, en)).toBe('Step 3, sector 2 (Norwegian Bokmål): The text is too long.')
  })
})

describe('defaults and kind changes', () => {
  test('each kind’s default options are what the schema gives when options are left out', () => {
    for (const kind of STEP_KIND_NAMES) {
      const base = blankTemplate('k', texts)
      const drafted = validateTemplate(fromDraft({ ...toDraft(base), steps: [{ ...toDraft(base).steps[0]!, kind, options: defaultOptions(kind) }] }))
      const bare = validateTemplate({ ...base, steps: [{ ...base.steps[0], kind, options: undefined }] })
      expect(drafted.ok && drafted.template, kind).toEqual(bare.ok && bare.template)
    }
  })

  test('switching a step’s kind keeps its texts and gives the new kind its default options', () => {
    const d = toDraft(withOptions())
    const toMatrix = changeKind(d, 1, 'matrix')
    expect(toMatrix.steps[1]).toMatchObject({ kind: 'matrix', title: d.steps[1]?.title, prompt: d.steps[1]?.prompt, minutes: '10' })
    expect(toMatrix.steps[1]?.options).toEqual({ sectors: DEFAULT_SECTORS, examples: true, gaps: true, defaultStatus: 'proposed' })
    const toVote = changeKind(d, 2, 'vote')
    expect(toVote.steps[2]?.options).toEqual({ method: 'dots', dots: '3', capPerOption: '0', mustNot: false, topK: '3', source: 'clusters', custom: [] })
    expect(changeKind(d, 2, 'evaluation').steps[2]?.options).toEqual({})
    expect(validateTemplate(fromDraft(changeKind(toVote, 1, 'matrix'))).ok).toBe(true)
  })

  test('default sectors are a fresh copy each time', () => {
    const a = defaultSectors()
    a[0]!.name.nb = 'Endret'
    a.pop()
    expect(DEFAULT_SECTORS[0]?.name.nb).toBe('Oppvekst')
    expect(defaultSectors()).toHaveLength(DEFAULT_SECTORS.length)
    expect(isDefaultSectors(defaultSectors())).toBe(true)
    expect(isDefaultSectors(a)).toBe(false)
  })

  test('optionsEdited tells when a kind change would drop something', () => {
    const d = toDraft(withOptions())
    expect(optionsEdited(d.steps[0]!)).toBe(false)
    expect(optionsEdited(d.steps[1]!)).toBe(true)
    expect(optionsEdited(changeKind(d, 1, 'vote').steps[1]!)).toBe(false)
    expect(optionsEdited(changeKind(d, 2, 'matrix').steps[2]!)).toBe(false)
    expect(optionsEdited(updateStep(changeKind(d, 2, 'matrix'), 2, { options: { ...defaultOptions('matrix'), gaps: false } }).steps[2]!)).toBe(true)
  })
})

describe('sectors', () => {
  test('sectorSlug folds Norwegian letters and accents, and always fits the id pattern', () => {
    expect(sectorSlug('Helse og omsorg')).toBe('helse_og_omsorg')
    expect(sectorSlug('Kultur/idrett/fritid')).toBe('kultur_idrett_fritid')
    expect(sectorSlug('Næring og sårbarhet')).toBe('naering_og_sarbarhet')
    expect(sectorSlug('  Ørland – Åfjord ')).toBe('orland_afjord')
    expect(sectorSlug('Café 16–19 år')).toBe('cafe_16_19_ar')
    expect(sectorSlug('!!!')).toBe('sektor')
    expect(sectorSlug('')).toBe('sektor')
    const long = sectorSlug('Barnehage, skole, skolefritidsordning og helsestasjon for ungdom')
    expect(long.length).toBeLessThanOrEqual(40)
    for (const s of [long, sectorSlug('_x_'), sectorSlug('— 9 liv')]) expect(s).toMatch(SECTOR_ID)
  })

  test('uniqueSectorId adds _2, _3 … when the slug is taken, within 40 characters', () => {
    expect(uniqueSectorId('Oppvekst', [])).toBe('oppvekst')
    expect(uniqueSectorId('Oppvekst', ['oppvekst'])).toBe('oppvekst_2')
    expect(uniqueSectorId('OPPVEKST', ['oppvekst', 'oppvekst_2'])).toBe('oppvekst_3')
    const name = 'a'.repeat(50)
    const id = uniqueSectorId(name, ['a'.repeat(40)])
    expect(id).toBe(`${'a'.repeat(38)}_2`)
    expect(id).toMatch(SECTOR_ID)
  })

  test('addSector derives a unique id from the bokmål name; an empty English name takes the bokmål one', () => {
    let list = defaultSectors()
    list = addSector(list, { nb: ' Oppvekst ', en: '' })
    expect(list.at(-1)).toEqual({ id: 'oppvekst_2', name: { nb: 'Oppvekst', en: 'Oppvekst' } })
    list = addSector(list, { nb: 'Næring', en: 'Business' })
    expect(list.at(-1)).toEqual({ id: 'naering', name: { nb: 'Næring', en: 'Business' } })
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length)
    const d = updateOptions(changeKind(toDraft(withOptions()), 1, 'matrix'), 1, { sectors: list })
    expect(draftProblems(d)).toEqual([])
  })

  test('newSectorProblem: a name is needed, within 60 characters, not already used, and at most 20 sectors', () => {
    const list = defaultSectors()
    expect(newSectorProblem(list, { nb: '  ', en: 'Business' })).toBe('missingName')
    expect(newSectorProblem(list, { nb: 'x'.repeat(61), en: '' })).toBe('nameTooLong')
    expect(newSectorProblem(list, { nb: 'Næring', en: 'y'.repeat(61) })).toBe('nameTooLong')
    expect(newSectorProblem(list, { nb: 'bolig', en: '' })).toBe('duplicateName')
    expect(newSectorProblem(list, { nb: 'Boliger', en: 'HOUSING' })).toBe('duplicateName')
    expect(newSectorProblem(list, { nb: 'Næring', en: '' })).toBeNull()
    let full = list
    for (let i = full.length; i < MAX_SECTORS; i++) full = addSector(full, { nb: `Sektor ${i}`, en: '' })
    expect(full).toHaveLength(MAX_SECTORS)
    expect(newSectorProblem(full, { nb: 'Én til', en: '' })).toBe('full')
  })

  test('removing, moving and renaming sectors keeps the ids', () => {
    const list = defaultSectors()
    expect(removeAt(list, 0).map((s) => s.id)).toEqual(DEFAULT_SECTORS.slice(1).map((s) => s.id))
    expect(moveAt(list, 1, -1).slice(0, 2).map((s) => s.id)).toEqual(['helse_omsorg', 'oppvekst'])
    expect(moveAt(list, 7, 1).map((s) => s.id)).toEqual(list.map((s) => s.id))
    expect(moveAt(list, 0, -1).map((s) => s.id)).toEqual(list.map((s) => s.id))
    const renamed = replaceAt(list, 4, { ...list[4]!, name: { nb: 'Bolig og nærmiljø', en: 'Housing and neighbourhood' } })
    expect(renamed[4]).toEqual({ id: 'bolig', name: { nb: 'Bolig og nærmiljø', en: 'Housing and neighbourhood' } })
  })
})

describe('option problem paths', () => {
  test('problemLocation reads the option, the 1-based item and the language', () => {
    expect(problemLocation({ code: 'emptySectors', path: 'steps.3.options.sectors', step: 4 })).toEqual({ step: 4, field: 'options', option: 'sectors' })
    expect(problemLocation({ code: 'missingText', path: 'steps.3.options.sectors.1.name.en', step: 4 })).toEqual({ step: 4, field: 'options', option: 'sectors', item: 2, lang: 'en' })
    expect(problemLocation({ code: 'badSectorId', path: 'steps.3.options.sectors.0.id', step: 4 })).toEqual({ step: 4, field: 'options', option: 'sectors', item: 1 })
    expect(problemLocation({ code: 'missingText', path: 'steps.2.options.custom.0', step: 3 })).toEqual({ step: 3, field: 'options', option: 'custom', item: 1 })
    expect(problemLocation({ code: 'invalid', path: 'steps.2.options.dots', step: 3 })).toEqual({ step: 3, field: 'options', option: 'dots' })
  })

  test('the problem list links the option paths the editor has a control for', () => {
    for (const path of ['steps.3.options.sectors', 'steps.3.options.sectors.1.name.en', 'steps.2.options.custom', 'steps.2.options.custom.0', 'steps.2.options.dots', 'steps.0.options.hiddenUntilReveal', 'steps.1.prompt.nb', 'name.en']) {
      expect(hasControl(path), path).toBe(true)
    }
    for (const path of ['steps.3.options.sectors.1.id', 'steps.3.options', 'steps.0.id', '', 'steps']) expect(hasControl(path), path).toBe(false)
  })
})
