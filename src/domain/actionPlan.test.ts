import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  APPROACHES,
  BREAKDOWN_LABELS,
  EMPTY_PLAN,
  INDICATOR_SUGGESTIONS,
  INDICATOR_TYPES,
  MAX_ACTIVITIES,
  MAX_BREAKDOWN,
  MAX_PLAN_SHORT_TEXT,
  MAX_PLAN_TEXT,
  PLAN_SECTIONS,
  breakdownLabel,
  emptyPlan,
  foldForSearch,
  indicatorFromSuggestion,
  isIsoDate,
  parsePlan,
  planCompleteness,
  suggestIndicators,
  validatePlan,
  type ActionPlan,
  type Activity,
  type Indicator,
  type PlanSection,
} from './actionPlan.ts'

const PROPS = { seed: 42, numRuns: 200 } as const
const TODAY = '2026-02-18'

/** A full plan for a youth leisure card, after research/domain.md §4.4 ("Aktivitetskort for alle"). */
function leisureCardPlan(): ActionPlan {
  return {
    equityGoal:
      'Redusere forskjellen i andel som deltar i organisert fritid mellom ungdom fra familier med dårlig råd og andre ungdommer fra 18 til 10 prosentpoeng innen 2028.',
    planTrace: { plan: 'Kommuneplanens samfunnsdel 2024–2036', goal: 'Mål 2.1: Alle barn og unge har en meningsfull fritid', measure: 'Handlingsdel 2026–2029, tiltak 14' },
    targetGroup: {
      approach: 'proportionate',
      group: 'All ungdom 13–19 år i kommunen',
      extraFor: 'Ungdom fra familier med lav inntekt og ungdom i bygdene: gratis buss og utstyrslån',
      justification: 'Et kort for alle unngår stempling; ekstra støtte der Ungdata viser lavest deltakelse.',
    },
    logicChain: {
      input: 'Aktivitetskort, 0,5 årsverk koordinator, midler til buss og utstyr',
      activity: 'Kortet deles ut på skolene; utstyrsbank; gratis buss til aktiviteter',
      output: 'Kort tatt i bruk per skolekrets; utlån fra utstyrsbanken',
      outcome: 'Flere ungdommer med i organisert fritid',
      equityImpact: 'Mindre forskjell i deltakelse etter familieøkonomi og bosted',
    },
    activities: [
      { description: 'Dele ut aktivitetskort på alle ungdomsskoler', ownerRole: 'Kultursjef', startDate: '2026-08-15', resources: '0,5 årsverk, 400 000 kr' },
      { description: 'Utstyrsbank på ungdomshuset', ownerRole: 'Leder for fritidsklubben', startDate: '2026-09-01', resources: '0,2 årsverk, 150 000 kr' },
      { description: 'Gratis buss fra bygdene til aktiviteter', ownerRole: 'Samferdselsrådgiver', startDate: '2026-08-15', resources: 'Avtale med fylkeskommunen' },
    ],
    indicators: [
      {
        type: 'equityGap',
        name: 'Forskjell i deltakelse i organisert fritid etter familieøkonomi',
        source: 'Ungdata',
        baseline: '18 (2024)',
        target: '10 (2028)',
        breakdown: ['income', 'area'],
        unit: 'prosentpoeng',
      },
      { type: 'outcome', name: 'Med i organisert fritidsaktivitet', source: 'Ungdata', baseline: '61 (2024)', target: '70 (2028)', breakdown: ['gender', 'school'], unit: 'prosent' },
      { type: 'output', name: 'Kort tatt i bruk per skolekrets', source: 'Kortsystemet (halvårlig)', baseline: '0', target: '800', breakdown: ['school'], unit: 'antall kort' },
      { type: 'process', name: 'Tilbakemelding til ungdomsrådet innen avtalt dato', source: 'Medvirk statuslogg', baseline: '0 av 2', target: '2 av 2', breakdown: [], unit: 'møter' },
    ],
    equityEvaluation: { when: '2027-06-01', how: 'Nedbrutt deltakelse fra Ungdata og kortsystemet, og en ungdomsøkt med mal E', whoHears: 'Styringsgruppa, ungdomsrådet og kommunestyret' },
    unintendedEffects: { risks: 'Andre utsatte grupper nedprioriteres; kortet brukes mest av dem som allerede deltar', howWeNotice: 'Årlig sjekk av kortbruk per krets og spørsmål i ungdomsrådet' },
    youthFeedback: { date: '2026-04-01', channel: 'Ungdomsrådets møte og «Du sa – vi gjorde»-kort' },
  }
}

function withPlan(edit: (p: ActionPlan) => void): ActionPlan {
  const p = leisureCardPlan()
  edit(p)
  return p
}
const act = (a: Partial<Activity> = {}): Activity => ({ description: 'Gjøre noe', ownerRole: 'Kultursjef', startDate: '2026-08-01', resources: '', ...a })
const ind = (i: Partial<Indicator> = {}): Indicator => ({ type: 'outcome', name: 'Noe', source: 'Ungdata', baseline: '', target: '', breakdown: [], unit: '%', ...i })

const errorsOf = (p: ActionPlan, today = TODAY) => validatePlan(p, today).errors
const warningsOf = (p: ActionPlan, today = TODAY) => validatePlan(p, today).warnings

describe('validatePlan', () => {
  test('a full, realistic leisure-card plan has no errors and no warnings', () => {
    const r = validatePlan(leisureCardPlan(), TODAY)
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.ok).toBe(true)
  })

  test('the empty plan needs only the equity goal and the feedback date, and is warned about the missing equity indicator', () => {
    const r = validatePlan(EMPTY_PLAN, TODAY)
    expect(r.errors).toEqual([
      { path: 'equityGoal', code: 'required' },
      { path: 'youthFeedback.date', code: 'required' },
    ])
    expect(r.warnings).toEqual([{ path: 'indicators', code: 'noEquityIndicator' }])
    expect(r.ok).toBe(false)
  })

  test('a blank-only equity goal is missing', () => {
    expect(errorsOf(withPlan((p) => (p.equityGoal = '   \n')))).toEqual([{ path: 'equityGoal', code: 'required' }])
  })

  test('an indicator with a target but no baseline → baselineRequired on its baseline', () => {
    const p = withPlan((p) => (p.indicators[1] = ind({ target: '70', baseline: ' ' })))
    expect(errorsOf(p)).toEqual([{ path: 'indicators.1.baseline', code: 'baselineRequired' }])
  })

  test('a baseline without a target, or neither, is fine (the target may come later)', () => {
    expect(errorsOf(withPlan((p) => (p.indicators[1] = ind({ baseline: '61' }))))).toEqual([])
    expect(errorsOf(withPlan((p) => (p.indicators[1] = ind())))).toEqual([])
  })

  test('a targeted plan with no target group → targetGroupRequired', () => {
    const p = withPlan((p) => (p.targetGroup = { approach: 'targeted', group: '  ', extraFor: '', justification: 'Størst behov' }))
    expect(errorsOf(p)).toEqual([{ path: 'targetGroup.group', code: 'targetGroupRequired' }])
  })

  test('a universal plan may leave the group open; a proportionate one must say who gets extra', () => {
    expect(errorsOf(withPlan((p) => (p.targetGroup = { approach: 'universal', group: '', extraFor: '', justification: '' })))).toEqual([])
    expect(errorsOf(withPlan((p) => (p.targetGroup.extraFor = '')))).toEqual([{ path: 'targetGroup.extraFor', code: 'extraForRequired' }])
  })

  test('an unknown approach is invalid', () => {
    const p = withPlan((p) => ((p.targetGroup as { approach: string }).approach = 'everyone'))
    expect(errorsOf(p)).toEqual([{ path: 'targetGroup.approach', code: 'invalid' }])
  })

  test('feedback date before today → pastDate; today itself is fine', () => {
    expect(errorsOf(withPlan((p) => (p.youthFeedback.date = '2026-02-17')))).toEqual([{ path: 'youthFeedback.date', code: 'pastDate' }])
    expect(errorsOf(withPlan((p) => (p.youthFeedback.date = TODAY)))).toEqual([])
  })

  test.each(['2026-02-30', '2026-13-01', '1.4.2026', '2026-4-1', '01.04.2026', 'snart'])('bad dates are badDate, not pastDate: %s', (d) => {
    const p = withPlan((p) => {
      p.youthFeedback.date = d
      p.activities[0]!.startDate = d
      p.equityEvaluation.when = d
    })
    expect(errorsOf(p)).toEqual([
      { path: 'activities.0.startDate', code: 'badDate' },
      { path: 'equityEvaluation.when', code: 'badDate' },
      { path: 'youthFeedback.date', code: 'badDate' },
    ])
  })

  test('an activity start date in the past is fine: measures already under way get plans too', () => {
    expect(errorsOf(withPlan((p) => (p.activities[0]!.startDate = '2020-01-01')))).toEqual([])
  })

  test('empty optional dates are not errors', () => {
    expect(errorsOf(withPlan((p) => ((p.activities[0]!.startDate = ''), (p.equityEvaluation.when = ''))))).toEqual([])
  })

  test('an activity without owner role → ownerRoleRequired; without description → required', () => {
    const p = withPlan((p) => p.activities.push(act({ ownerRole: ' ' }), act({ description: '' })))
    expect(errorsOf(p)).toEqual([
      { path: 'activities.3.ownerRole', code: 'ownerRoleRequired' },
      { path: 'activities.4.description', code: 'required' },
    ])
  })

  test("an owner that looks like a person's name is a warning, a role is not", () => {
    const p = withPlan((p) => p.activities.push(act({ ownerRole: 'Kari Nordmann' }), act({ ownerRole: 'Folkehelsekoordinator' })))
    expect(errorsOf(p)).toEqual([])
    expect(warningsOf(p)).toEqual([{ path: 'activities.3.ownerRole', code: 'ownerLooksLikeName' }])
  })

  test('an equity-gap indicator without a breakdown → breakdownRequired (blank entries do not count)', () => {
    expect(errorsOf(withPlan((p) => (p.indicators[0]!.breakdown = [])))).toEqual([{ path: 'indicators.0.breakdown', code: 'breakdownRequired' }])
    expect(errorsOf(withPlan((p) => (p.indicators[0]!.breakdown = ['', ' '])))).toEqual([{ path: 'indicators.0.breakdown', code: 'breakdownRequired' }])
    // Other types may go without.
    expect(errorsOf(withPlan((p) => (p.indicators[1]!.breakdown = [])))).toEqual([])
  })

  test('a free-text breakdown counts', () => {
    expect(errorsOf(withPlan((p) => (p.indicators[0]!.breakdown = ['skolekrets'])))).toEqual([])
  })

  test('an indicator needs a name and a known type', () => {
    const p = withPlan((p) => p.indicators.push(ind({ name: '' }), ind({ type: 'impact' as Indicator['type'] })))
    expect(errorsOf(p)).toEqual([
      { path: 'indicators.4.name', code: 'required' },
      { path: 'indicators.5.type', code: 'invalid' },
    ])
  })

  test('a plan with no equity-gap indicator gets a warning, not an error', () => {
    const p = withPlan((p) => (p.indicators = p.indicators.filter((i) => i.type !== 'equityGap')))
    const r = validatePlan(p, TODAY)
    expect(r.ok).toBe(true)
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([{ path: 'indicators', code: 'noEquityIndicator' }])
  })

  test('an equity goal without any number is warned as not measurable', () => {
    const p = withPlan((p) => (p.equityGoal = 'Jevne ut forskjeller i deltakelse i fritidsaktiviteter'))
    expect(validatePlan(p, TODAY)).toEqual({ ok: true, errors: [], warnings: [{ path: 'equityGoal', code: 'goalNotMeasurable' }] })
  })

  test('texts too long → tooLong on the field, counted in code points', () => {
    const p = withPlan((p) => {
      p.equityGoal = `2028 ${'x'.repeat(MAX_PLAN_TEXT)}`
      p.activities[1]!.ownerRole = 'r'.repeat(MAX_PLAN_SHORT_TEXT + 1)
      p.indicators[0]!.breakdown = ['income', 'b'.repeat(MAX_PLAN_SHORT_TEXT + 1)]
      p.youthFeedback.channel = 'c'.repeat(MAX_PLAN_SHORT_TEXT + 1)
      p.unintendedEffects.howWeNotice = 'h'.repeat(MAX_PLAN_TEXT + 1)
    })
    expect(errorsOf(p)).toEqual([
      { path: 'equityGoal', code: 'tooLong' },
      { path: 'activities.1.ownerRole', code: 'tooLong' },
      { path: 'indicators.0.breakdown.1', code: 'tooLong' },
      { path: 'unintendedEffects.howWeNotice', code: 'tooLong' },
      { path: 'youthFeedback.channel', code: 'tooLong' },
    ])
    // 200 emoji are 400 UTF-16 units but 200 characters: fine.
    expect(errorsOf(withPlan((p) => (p.youthFeedback.channel = '🙂'.repeat(MAX_PLAN_SHORT_TEXT))))).toEqual([])
  })

  test('too many activities or breakdowns → tooMany', () => {
    const p = withPlan((p) => {
      p.activities = Array.from({ length: MAX_ACTIVITIES + 1 }, () => act())
      p.indicators[0]!.breakdown = Array.from({ length: MAX_BREAKDOWN + 1 }, (_, i) => `krets ${i}`)
    })
    expect(errorsOf(p)).toEqual([
      { path: 'activities', code: 'tooMany' },
      { path: 'indicators.0.breakdown', code: 'tooMany' },
    ])
  })

  test('a bad `today` is a programming error', () => {
    expect(() => validatePlan(leisureCardPlan(), '18.02.2026')).toThrow(RangeError)
  })

  test('validation never changes the plan', () => {
    const p = leisureCardPlan()
    const before = JSON.stringify(p)
    validatePlan(p, TODAY)
    expect(JSON.stringify(p)).toBe(before)
  })
})

describe('EMPTY_PLAN and emptyPlan', () => {
  test('EMPTY_PLAN is frozen all the way down; emptyPlan() is a fresh mutable copy', () => {
    expect(Object.isFrozen(EMPTY_PLAN)).toBe(true)
    expect(Object.isFrozen(EMPTY_PLAN.youthFeedback)).toBe(true)
    expect(Object.isFrozen(EMPTY_PLAN.activities)).toBe(true)
    const a = emptyPlan()
    a.youthFeedback.date = '2026-04-01'
    a.activities.push(act())
    expect(EMPTY_PLAN.youthFeedback.date).toBe('')
    expect(emptyPlan()).toEqual(EMPTY_PLAN)
  })
})

describe('isIsoDate', () => {
  test('real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2027-02-29')).toBe(false)
    expect(isIsoDate('2026-4-1')).toBe(false)
    expect(isIsoDate('')).toBe(false)
  })
})

describe('parsePlan', () => {
  test('a plan survives a JSON round trip unchanged', () => {
    const p = leisureCardPlan()
    expect(parsePlan(JSON.parse(JSON.stringify(p)))).toEqual(p)
  })

  test('missing fields become empty, unknown fields are dropped', () => {
    expect(parsePlan({})).toEqual(EMPTY_PLAN)
    const p = parsePlan({ equityGoal: 'Mål 10', extra: 1, youthFeedback: { date: '2026-04-01', secret: 'x' } })
    expect(p?.equityGoal).toBe('Mål 10')
    expect(p?.youthFeedback).toEqual({ date: '2026-04-01', channel: '' })
    expect(p && 'extra' in p).toBe(false)
  })

  test('texts and lists are cut to their limits without splitting a character', () => {
    const p = parsePlan({
      equityGoal: '🙂'.repeat(MAX_PLAN_TEXT + 5),
      activities: Array.from({ length: MAX_ACTIVITIES + 5 }, () => act()),
      indicators: [ind({ breakdown: Array.from({ length: MAX_BREAKDOWN + 3 }, () => 'x') })],
    })
    expect(Array.from(p?.equityGoal ?? '')).toHaveLength(MAX_PLAN_TEXT)
    expect(p?.equityGoal.endsWith('🙂')).toBe(true)
    expect(p?.activities).toHaveLength(MAX_ACTIVITIES)
    expect(p?.indicators[0]?.breakdown).toHaveLength(MAX_BREAKDOWN)
  })

  test.each([
    ['not an object', 'plan'],
    ['null', null],
    ['a number for a text', { equityGoal: 5 }],
    ['an unknown approach', { targetGroup: { approach: 'all' } }],
    ['an unknown indicator type', { indicators: [{ type: 'impact', name: 'x' }] }],
    ['an indicator without a type', { indicators: [{ name: 'x' }] }],
    ['activities not a list', { activities: { 0: {} } }],
  ])('rejects %s', (_label, raw) => {
    expect(parsePlan(raw)).toBeNull()
  })
})

describe('INDICATOR_SUGGESTIONS', () => {
  test('ids are unique, every entry has nb and en names, a source, a type and a breakdown', () => {
    expect(new Set(INDICATOR_SUGGESTIONS.map((s) => s.id)).size).toBe(INDICATOR_SUGGESTIONS.length)
    for (const s of INDICATOR_SUGGESTIONS) {
      expect(s.name.nb.trim(), s.id).not.toBe('')
      expect(s.name.en.trim(), s.id).not.toBe('')
      expect(['Ungdata', 'Folkehelseprofil']).toContain(s.source)
      expect(INDICATOR_TYPES).toContain(s.type)
      expect(s.breakdown.length, s.id).toBeGreaterThan(0)
      for (const b of s.breakdown) expect(Object.keys(BREAKDOWN_LABELS)).toContain(b)
    }
  })

  test('both sources are there, with equity-gap indicators among them', () => {
    for (const source of ['Ungdata', 'Folkehelseprofil'] as const) {
      expect(INDICATOR_SUGGESTIONS.some((s) => s.source === source && s.type === 'equityGap'), source).toBe(true)
    }
  })

  test('a chip becomes an indicator that validates once baseline is set, in the chosen language', () => {
    const gap = INDICATOR_SUGGESTIONS.find((s) => s.type === 'equityGap')!
    const i = indicatorFromSuggestion(gap, 'en')
    expect(i).toMatchObject({ type: 'equityGap', name: gap.name.en, source: gap.source, baseline: '', target: '', unit: gap.unit.en })
    expect(i.breakdown).toEqual([...gap.breakdown])
    expect(errorsOf(withPlan((p) => (p.indicators = [i])))).toEqual([])
  })

  test('breakdownLabel gives the label of a known key and free text as it is', () => {
    expect(breakdownLabel('income', 'nb')).toBe('Familieøkonomi / inntekt')
    expect(breakdownLabel('area', 'en')).toBe('Area / district')
    expect(breakdownLabel('skolekrets', 'en')).toBe('skolekrets')
    expect(breakdownLabel('toString', 'en')).toBe('toString')
  })
})

describe('suggestIndicators', () => {
  const ids = (q: string, locale: 'nb' | 'en') => suggestIndicators(q, locale).map((s) => s.id)

  test('"ensom" finds loneliness first', () => {
    expect(ids('ensom', 'nb')[0]).toBe('ungdata-lonely')
    expect(ids('ensomhet', 'nb')[0]).toBe('ungdata-lonely')
    expect(ids('Ensom', 'nb')).toContain('ungdata-loneliness-gap-income')
  })

  test('æ, ø and å: with or without them, in any case', () => {
    for (const q of ['fornøyd', 'fornoyd', 'FORNØYD', 'Fornøyd med lokalmiljøet']) expect(ids(q, 'nb')[0], q).toBe('ungdata-satisfied-local-area')
    for (const q of ['nærmiljø', 'naermiljo', 'NÆRMILJØ']) expect(ids(q, 'nb').slice(0, 2).sort(), q).toEqual(['ungdata-safe-local-area', 'ungdata-satisfied-local-area'])
    expect(ids('NÆRMILJØET', 'nb')[0]).toBe('ungdata-safe-local-area')
    for (const q of ['videregående', 'videregaende', 'VIDEREGÅENDE']) expect(ids(q, 'nb')[0], q).toBe('fhp-upper-secondary-completion')
    expect(ids('måneder', 'nb')).toEqual(['ungdata-drunk'])
    expect(foldForSearch('Ærlig ØL på Å')).toBe('aerlig ol pa a')
  })

  test('English queries in the English UI', () => {
    expect(ids('lonely', 'en')[0]).toBe('ungdata-lonely')
    expect(ids('loneliness', 'en')[0]).toBe('ungdata-lonely')
    expect(ids('leisure', 'en')[0]).toBe('ungdata-organised-leisure')
    expect(ids('low income', 'en')[0]).toBe('fhp-low-income-households')
    expect(ids('bullied', 'en')[0]).toBe('ungdata-bullied')
    expect(ids('screen time', 'en')[0]).toBe('ungdata-screen-time')
  })

  test('a word from the other language still finds the indicator', () => {
    expect(ids('gap', 'nb')[0]).toBe('ungdata-leisure-gap-income')
    expect(ids('ensom', 'en')[0]).toBe('ungdata-lonely')
    expect(ids('mobbing', 'en')[0]).toBe('ungdata-bullied')
  })

  test('every word must match; nothing matches nonsense', () => {
    expect(ids('ensom skjerm', 'nb')).toEqual([])
    expect(ids('xyzzy', 'nb')).toEqual([])
    expect(ids('fysisk aktiv', 'nb')[0]).toBe('ungdata-physically-inactive')
  })

  test('one or two letters match word starts only, not the inside of words', () => {
    expect(ids('ob', 'nb')).toEqual([])
    expect(ids('obb', 'nb')).toEqual(['ungdata-bullied'])
    expect(ids('mo', 'nb')[0]).toBe('ungdata-bullied')
  })

  test('an empty query gives the whole list in order; limit cuts it', () => {
    expect(suggestIndicators('', 'nb')).toEqual(INDICATOR_SUGGESTIONS)
    expect(suggestIndicators('  ,. ', 'en')).toEqual(INDICATOR_SUGGESTIONS)
    expect(suggestIndicators('', 'nb', 3)).toEqual(INDICATOR_SUGGESTIONS.slice(0, 3))
    expect(suggestIndicators('ulikhet', 'nb', 1)).toHaveLength(1)
  })

  test('the search is pure and stable', () => {
    expect(ids('fritid', 'nb')).toEqual(ids('fritid', 'nb'))
  })
})

describe('planCompleteness', () => {
  test('the empty plan scores 0 with every section missing; the full plan scores 1 with none', () => {
    expect(planCompleteness(EMPTY_PLAN)).toMatchObject({ score: 0, missing: PLAN_SECTIONS })
    const full = planCompleteness(leisureCardPlan())
    expect(full.score).toBe(1)
    expect(full.missing).toEqual([])
  })

  test('partial credit inside a section', () => {
    const c = planCompleteness(withPlan((p) => (p.youthFeedback.channel = '')))
    expect(c.sections.youthFeedback).toBe(0.5)
    expect(c.missing).toEqual(['youthFeedback'])
    expect(c.score).toBeCloseTo(8.5 / 9, 10)
  })

  test('an invalid date does not count as filled in; a past one does', () => {
    expect(planCompleteness(withPlan((p) => (p.youthFeedback.date = '1. april'))).missing).toEqual(['youthFeedback'])
    expect(planCompleteness(withPlan((p) => (p.youthFeedback.date = '2020-01-01'))).missing).toEqual([])
  })

  test('indicators are incomplete without an equity-gap indicator that has a breakdown', () => {
    const noGap = planCompleteness(withPlan((p) => (p.indicators = p.indicators.filter((i) => i.type !== 'equityGap'))))
    expect(noGap.missing).toEqual(['indicators'])
    expect(noGap.sections.indicators).toBe(0.5)
  })

  test('proportionate plans need extraFor, universal ones do not', () => {
    expect(planCompleteness(withPlan((p) => (p.targetGroup.extraFor = ''))).missing).toEqual(['targetGroup'])
    expect(planCompleteness(withPlan((p) => ((p.targetGroup.approach = 'universal'), (p.targetGroup.extraFor = '')))).missing).toEqual([])
  })

  // ---- property: filling in a missing section never lowers the score -----------------------

  const txt = fc.oneof(fc.constant(''), fc.constant('  '), fc.string({ maxLength: 12 }), fc.constant('Noe fylt inn'))
  const dateish = fc.oneof(fc.constant(''), fc.constant('2026-08-01'), fc.constant('2026-02-30'), fc.constant('snart'), fc.string({ maxLength: 10 }))
  const activityArb = fc.record({ description: txt, ownerRole: txt, startDate: dateish, resources: txt })
  const indicatorArb = fc.record({
    type: fc.constantFrom(...INDICATOR_TYPES),
    name: txt,
    source: txt,
    baseline: txt,
    target: txt,
    breakdown: fc.array(txt, { maxLength: 3 }),
    unit: txt,
  })
  const planArb: fc.Arbitrary<ActionPlan> = fc.record({
    equityGoal: txt,
    planTrace: fc.record({ plan: txt, goal: txt, measure: txt }),
    targetGroup: fc.record({ approach: fc.constantFrom('' as const, ...APPROACHES), group: txt, extraFor: txt, justification: txt }),
    logicChain: fc.record({ input: txt, activity: txt, output: txt, outcome: txt, equityImpact: txt }),
    activities: fc.array(activityArb, { maxLength: 4 }),
    indicators: fc.array(indicatorArb, { maxLength: 4 }),
    equityEvaluation: fc.record({ when: dateish, how: txt, whoHears: txt }),
    unintendedEffects: fc.record({ risks: txt, howWeNotice: txt }),
    youthFeedback: fc.record({ date: dateish, channel: txt }),
  })

  function fillSection(p: ActionPlan, s: PlanSection): ActionPlan {
    const full = leisureCardPlan()
    return { ...p, [s]: full[s] }
  }

  test('property: scores stay within 0–1 and missing matches the section scores', () => {
    fc.assert(
      fc.property(planArb, (p) => {
        const c = planCompleteness(p)
        expect(c.score).toBeGreaterThanOrEqual(0)
        expect(c.score).toBeLessThanOrEqual(1)
        expect(c.missing).toEqual(PLAN_SECTIONS.filter((s) => c.sections[s] < 1))
        expect(c.score === 1).toBe(c.missing.length === 0)
      }),
      PROPS,
    )
  })

  test('property: filling a missing section never lowers the score, completes that section and leaves the others alone', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(...PLAN_SECTIONS), (p, section) => {
        const before = planCompleteness(p)
        fc.pre(before.missing.includes(section))
        const after = planCompleteness(fillSection(p, section))
        expect(after.score).toBeGreaterThanOrEqual(before.score)
        expect(after.score).toBeGreaterThan(before.score)
        expect(after.missing).toEqual(before.missing.filter((s) => s !== section))
        for (const s of PLAN_SECTIONS) if (s !== section) expect(after.sections[s]).toBe(before.sections[s])
      }),
      PROPS,
    )
  })

  test('property: filling every missing section one at a time climbs to exactly 1', () => {
    fc.assert(
      fc.property(planArb, (p) => {
        let cur = p
        let last = planCompleteness(cur).score
        for (const s of planCompleteness(cur).missing) {
          cur = fillSection(cur, s)
          const next = planCompleteness(cur).score
          expect(next).toBeGreaterThanOrEqual(last)
          last = next
        }
        expect(last).toBe(1)
      }),
      PROPS,
    )
  })
})
