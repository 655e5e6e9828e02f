/**
 * Whole sessions as summary input, for tests, demos and the export screens: one for each built-in
 * template (A, B, C) with realistic Norwegian content, and an empty session that has not started.
 *
 * Vote results are made the way the facilitator device makes them — sealed ballots through
 * `tally` and `results` of voting.ts — so they are exactly what a signed `vote.close` publishes,
 * small-number rules included. Each fixture is a function so a test can change its copy freely.
 * Dates are in 2099 so no plan date in them is ever in the past.
 */
import { emptyPlan, type ActionPlan } from './actionPlan.ts'
import { BARRIERS } from './equityCheck.ts'
import { BUILT_IN_TEMPLATES } from './builtInTemplates.ts'
import { summarizeEvaluation, type EvaluationAnswer, type EvaluationValue } from './evaluation.ts'
import { DEFAULT_SECTORS, findGaps, gapId, gapLabel, type Effort } from './matrix.ts'
import { exampleEfforts } from './matrixFixtures.ts'
import type { SummaryCluster, SummaryInput, SummaryNote, SummaryVote } from './summary.ts'
import type { Template } from './template.ts'
import { results, tally, type Ballot, type TrafficAnswer, type VoteOption, type VoteRound } from './voting.ts'

export const TEMPLATE_IDS = { A: 'a-velg-innsatsomrade', B: 'b-likhetssjekk', C: 'c-kartlegg-innsatsene' } as const

export function builtInTemplate(id: string): Template {
  const t = BUILT_IN_TEMPLATES.find((x) => x.id === id)
  if (!t) throw new Error(`no built-in template ${id}`)
  return t
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** 15 January 2099, 17:30 in Norway (16:30 UTC, winter time). */
export const SESSION_A_AT = Date.UTC(2099, 0, 15, 16, 30)
/** 18 February 2099, 18:00 in Norway. */
export const SESSION_B_AT = Date.UTC(2099, 1, 18, 17, 0)
/** 10 June 2099, 13:00 in Norway (11:00 UTC, summer time). */
export const SESSION_C_AT = Date.UTC(2099, 5, 10, 11, 0)

function note(id: string, text: string, at: number, clusterId: string | null): SummaryNote {
  return { id, text, createdAt: at, clusterId }
}

/** A dots ballot from the options one voter put a dot on (an option twice = two dots). */
function dots(...ids: string[]): Ballot {
  const d: Record<string, number> = {}
  for (const id of ids) d[id] = (d[id] ?? 0) + 1
  return { method: 'dots', dots: d }
}

function closed(stepId: string, round: VoteRound, ballots: readonly Ballot[]): SummaryVote {
  return { stepId, round, results: results(round, tally(round, ballots)) }
}

const ev = (couldSay: EvaluationValue, willMatter: EvaluationValue, wasClear: EvaluationValue): EvaluationAnswer => ({ couldSay, willMatter, wasClear })

function emptyInput(template: Template, createdAt: number): SummaryInput {
  return {
    meta: { title: '', createdAt },
    template,
    contract: null,
    status: 'lobby',
    participants: 0,
    notes: [],
    clusters: [],
    redactions: {},
    votes: [],
    pulses: [],
    equityChecks: [],
    matrix: null,
    plans: [],
    evaluation: null,
    statusLog: [],
  }
}

// ---------------------------------------------------------------------------------------------
// A. Choose a focus area with the youth council

/** The note in fixture A that names a person, and the facilitator's redaction of it. */
export const A_REDACTED = {
  id: 'nA-cup-0007',
  original: 'Kari Nordmann på fotballen sier at det er for dyrt å være med på cup',
  redacted: 'Treneren på fotballen sier at det er for dyrt å være med på cup',
} as const

export function fixtureA(): SummaryInput {
  const t0 = SESSION_A_AT
  const clusters: SummaryCluster[] = [
    { id: 'kA-fritid-01', name: 'Fritid for alle' },
    { id: 'kA-prate-002', name: 'Noen å snakke med' },
    { id: 'kA-trygg-003', name: 'Trygt nærmiljø' },
    { id: 'kA-moete-004', name: 'Møteplasser uten krav' },
  ]
  const [fritid, prate, trygg, moete] = clusters.map((c) => c.id) as [string, string, string, string]
  const at = (min: number) => t0 + 40 * MINUTE + min * MINUTE
  const notes: SummaryNote[] = [
    note('nA-buss-0001', 'Gratis buss til aktiviteter på kveldstid 🚌', at(1), fritid),
    note('nA-utst-0002', 'Låne utstyr gratis, f.eks. ski og fotballsko', at(2), fritid),
    note(A_REDACTED.id, A_REDACTED.original, at(2.5), fritid),
    note('nA-hels-0003', 'Helsesykepleier som er på skolen hver dag, ikke bare tirsdag', at(3), prate),
    note('nA-chat-0004', 'En chat der man kan skrive anonymt og få svar samme dag', at(4), prate),
    note('nA-lys-00005', 'Bedre lys på gangveien fra skolen til sentrum', at(5), trygg),
    note('nA-mobb-0006', '"Ingen tør å si ifra om mobbing på bussen", sier mange', at(6), trygg),
    note('nA-klub-0008', 'Ungdomsklubben bør være åpen i helgene også', at(7), moete),
    note('nA-kafe-0009', 'Et sted å være etter skolen uten å måtte kjøpe noe', at(8), moete),
    note('nA-sprk-0010', 'Informasjon om tilbud på flere språk enn norsk', at(9), null),
  ]
  const round: VoteRound = {
    roundId: 'rA-vote-1',
    options: clusters.map((c) => ({ id: c.id, label: c.name })),
    rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
  }
  const F = fritid
  const P = prate
  const T = trygg
  const M = moete
  // 14 ballots, one of them blank: 13 expressed, so totals and n are published.
  const ballots = [
    dots(F, F, P),
    dots(F, P, T),
    dots(F, T, M),
    dots(P, P, F),
    dots(F, F, T),
    dots(P, T, F),
    dots(T, T, P),
    dots(F, P, M),
    dots(F, P, T),
    dots(P, F, T),
    dots(F, M, P),
    dots(T, F, P),
    dots(F, P, T),
    dots(),
  ]
  const evaluation = summarizeEvaluation([
    ev(5, 4, 5),
    ev(4, 3, 4),
    ev(5, 4, 4),
    ev(3, 2, 4),
    ev(4, 4, 5),
    ev(5, 3, 5),
    ev(4, 4, 4),
    ev(2, 2, 3),
    ev(4, 3, 4),
    ev(5, 5, 5),
    ev(4, 'skip', 4),
    ev(3, 3, 'skip'),
  ])
  return {
    meta: { title: 'Ungdomsrådet velger innsatsområde for planstrategien', createdAt: t0, municipality: 'Fjordvik kommune', reference: 'Sak 2099/14 – Kommunal planstrategi 2099–2103', today: '2099-01-15' },
    template: builtInTemplate(TEMPLATE_IDS.A),
    contract: {
      question: 'Hvilke 1–2 innsatsområder for barn og unge bør kommunen prioritere i planstrategien?',
      open: 'Hvilke innsatsområder ungdomsrådet anbefaler, og begrunnelsen',
      fixed: 'At folkehelse og barn og unge skal være med i planstrategien; budsjettrammen for 2099',
      decisionOwner: 'Kommunestyret',
      decisionDate: '2099-03-12',
      feedbackDate: '2099-04-01',
      feedbackChannel: 'Ungdomsrådets møte i april, og et innlegg på skolenes infoskjerm',
    },
    status: 'ended',
    participants: 14,
    notReached: 'Ungdom utenfor skole og nyankomne ungdommer',
    dissent: 'To av gruppene mente at trygg skolevei burde vært rangert først, fordi mange må gå langs riksveien om vinteren.',
    notes,
    clusters,
    redactions: { [A_REDACTED.id]: A_REDACTED.redacted },
    votes: [closed('vote', round, ballots)],
    pulses: [],
    equityChecks: [],
    matrix: null,
    plans: [],
    evaluation,
    statusLog: [
      { at: t0 + 5 * 24 * HOUR, kind: 'recommendation', text: 'Rådet fra ungdomsrådet er sendt kommunedirektøren som innspill til planstrategien.' },
      { at: Date.UTC(2099, 2, 12, 18), kind: 'decision', text: 'Kommunestyret vedtok planstrategien med «Fritid for alle» som ett av to innsatsområder.' },
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// B. Equity check of a planned intervention

function planB(): ActionPlan {
  const plan = emptyPlan()
  plan.equityGoal = 'Redusere forskjellen i andel som deltar i organisert fritid mellom ungdom i bygdene og i sentrum fra 18 til 10 prosentpoeng innen 2103.'
  plan.planTrace = { plan: 'Kommuneplanens samfunnsdel 2099–2111', goal: 'Mål 2.1: Alle barn og unge har en meningsfull fritid', measure: 'Handlingsdel tiltak 14' }
  plan.targetGroup = {
    approach: 'proportionate',
    group: 'All ungdom 13–19 år i kommunen',
    extraFor: 'Gratis buss og utstyrslån for ungdom i bygdene og familier med lav inntekt',
    justification: 'Deltakelsen er lavest der avstandene er lengst og økonomien trangest.',
  }
  plan.logicChain = {
    input: '0,4 årsverk og 600 000 kr per år',
    activity: 'Aktivitetskort, gratis buss og utstyrsbank',
    output: 'Antall kort i bruk per skolekrets',
    outcome: 'Flere unge i bygdene deltar i organisert fritid',
    equityImpact: 'Forskjellen mellom bygd og sentrum blir mindre',
  }
  plan.activities = [
    { description: 'Utstyrsbank på biblioteket', ownerRole: 'Kultursjef', startDate: '2099-08-15', resources: '0,2 årsverk, 150 000 kr' },
    { description: 'Gratis kveldsbuss fra bygdene to dager i uka', ownerRole: 'Samferdselsrådgiver', startDate: '2099-08-15', resources: 'Avtale med fylkets busselskap' },
    { description: 'Ungdom som fadder første gang', ownerRole: 'Ungdomskontakten', startDate: '', resources: '' },
  ]
  plan.indicators = [
    {
      type: 'equityGap',
      name: 'Forskjell i deltakelse i organisert fritid etter bosted',
      source: 'Ungdata',
      baseline: '18 prosentpoeng (2098)',
      target: '10 prosentpoeng (2103)',
      breakdown: ['area', 'income'],
      unit: 'prosentpoeng',
    },
    { type: 'process', name: 'Aktivitetskort i bruk per skolekrets', source: 'Kommunens registrering', baseline: '', target: '300 kort', breakdown: ['school'], unit: 'antall' },
  ]
  plan.equityEvaluation = { when: '2101-06-01', how: 'Nedbrutt deltakelse per krets, og en ny økt med ungdom (mal E)', whoHears: 'Styringsgruppa, kommunestyret og ungdomsrådet' }
  plan.unintendedEffects = { risks: 'Andre utsatte grupper kan bli nedprioritert', howWeNotice: 'Årlig gjennomgang sammen med ungdomsrådet' }
  plan.youthFeedback = { date: '2099-04-01', channel: 'Ungdomsrådets møte' }
  return plan
}

export function fixtureB(): SummaryInput {
  const t0 = SESSION_B_AT
  const clusters: SummaryCluster[] = [
    { id: 'kB-buss-0001', name: 'Gratis buss fra bygdene' },
    { id: 'kB-utst-0002', name: 'Utstyrsbank' },
    { id: 'kB-fadr-0003', name: 'Fadder første gang' },
    { id: 'kB-sprk-0004', name: 'Informasjon på flere språk' },
  ]
  const [buss, utstyr, fadder, sprak] = clusters.map((c) => c.id) as [string, string, string, string]
  const at = (min: number) => t0 + 45 * MINUTE + min * MINUTE
  const notes: SummaryNote[] = [
    note('nB-buss-0001', 'Gratis buss fra bygdene til aktivitetene', at(1), buss),
    note('nB-buss-0002', 'Bussen går ikke etter kl. 18, da er det ingen vits', at(2), buss),
    note('nB-utst-0003', 'Utstyrsbank på biblioteket, som BUA', at(3), utstyr),
    note('nB-utst-0004', 'Ingen har råd til nye ski hvert år', at(4), utstyr),
    note('nB-fadr-0005', 'En ungdom som viser deg rundt første gang', at(5), fadder),
    note('nB-fadr-0006', 'Det er skummelt å komme alene når alle kjenner hverandre', at(6), fadder),
    note('nB-sprk-0007', 'Skriv info på arabisk, tigrinja og ukrainsk også', at(7), sprak),
    note('nB-foreld-08', 'Foreldre må få vite at det er trygt og gratis', at(8), null),
  ]
  const round: VoteRound = {
    roundId: 'rB-vote-1',
    options: clusters.map((c) => ({ id: c.id, label: c.name })),
    rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
  }
  const ballots = [
    dots(buss, buss, utstyr),
    dots(buss, utstyr, fadder),
    dots(buss, fadder, sprak),
    dots(buss, utstyr, utstyr),
    dots(buss, buss, fadder),
    dots(utstyr, fadder, sprak),
    dots(buss, utstyr, fadder),
    dots(buss, utstyr, sprak),
    dots(utstyr, fadder, buss),
    dots(sprak, sprak, utstyr),
    dots(buss, fadder),
    dots(utstyr),
    dots(buss, sprak),
    dots(fadder, buss),
  ]
  // The equity check's anonymous barrier round: "could this stop someone?" as traffic lights.
  const barrierRound: VoteRound = {
    roundId: 'rB-barrier-1',
    options: BARRIERS.map((b) => ({ id: b.id, label: b.youth.nb })),
    rules: { method: 'traffic' },
  }
  const pattern: TrafficAnswer[][] = [
    // transport, equipment, permission, welcome, cost, time/place, language, digital
    ['red', 'yellow', 'green', 'red', 'green', 'yellow', 'green', 'green'],
    ['red', 'red', 'yellow', 'red', 'green', 'yellow', 'green', 'green'],
    ['red', 'yellow', 'green', 'yellow', 'yellow', 'green', 'yellow', 'green'],
    ['yellow', 'yellow', 'green', 'red', 'green', 'green', 'green', 'green'],
    ['red', 'red', 'unknown', 'yellow', 'green', 'yellow', 'red', 'yellow'],
    ['red', 'green', 'green', 'red', 'green', 'green', 'green', 'green'],
    ['red', 'yellow', 'yellow', 'yellow', 'green', 'green', 'green', 'green'],
    ['yellow', 'yellow', 'green', 'red', 'green', 'yellow', 'green', 'green'],
    ['red', 'red', 'green', 'red', 'yellow', 'green', 'green', 'green'],
    ['red', 'yellow', 'green', 'yellow', 'green', 'green', 'unknown', 'green'],
    ['red', 'yellow', 'yellow', 'red', 'green', 'yellow', 'green', 'green'],
  ]
  const barrierBallots: Ballot[] = pattern.map((row) => ({ method: 'traffic', answers: Object.fromEntries(BARRIERS.map((b, i) => [b.id, row[i] ?? 'unknown'])) }))
  return {
    meta: { title: 'Likhetssjekk av «Aktivitetskort for alle»', createdAt: t0, municipality: 'Fjordvik kommune', reference: 'Sak 2099/31', today: '2099-02-18' },
    template: builtInTemplate(TEMPLATE_IDS.B),
    contract: {
      question: 'Hva må justeres i «Aktivitetskort for alle» før styringsgruppa vedtar tiltaket?',
      open: 'Hvordan tiltaket utformes: transport, utstyr, informasjon og hvem som får ekstra',
      fixed: 'At kortet kommer, og rammen på 600 000 kr per år',
      decisionOwner: 'Styringsgruppa for folkehelse',
      decisionDate: '2099-03-12',
      feedbackDate: '2099-04-01',
      feedbackChannel: 'Ungdomsrådets møte i april',
    },
    status: 'ended',
    participants: 14,
    notReached: 'Ungdom utenfor skole, nyankomne',
    notes,
    clusters,
    redactions: {},
    votes: [closed('check', barrierRound, barrierBallots), closed('vote', round, ballots)],
    pulses: [],
    equityChecks: [
      {
        stepId: 'check',
        subject: { kind: 'text', text: 'Aktivitetskort for alle: gratis deltakelse i én fritidsaktivitet per halvår for alle 13–19 år' },
        answers: {
          'S0.1': { rating: 'green', note: 'Kortet gir alle 13–19 år én gratis aktivitet per halvår.' },
          'S0.2': { rating: 'yellow', choice: 'proportionate_universal', note: 'Universelt, men ekstra for bygdene er ikke bestemt ennå.' },
          'S0.3': { rating: 'green', choice: 'prevent' },
          'S1.1': { rating: 'yellow', note: 'Deltakelsen i organisert fritid er lavere enn i fylket (Ungdata).' },
          'S2.1': { rating: 'red', note: 'Ungdom i bygdene og fra familier med lav inntekt deltar minst.' },
          'S2.4': { rating: 'unknown' },
          'S3.3': { rating: 'red', note: 'Ungdom utenfor skole var ikke med – ta en pop-up på fritidsklubben.' },
          'S4.2': {
            rating: 'red',
            note: 'Transport og utstyr stopper mange.',
            barriers: { transport: 'yes', equipment: 'yes', feeling_welcome: 'yes', parental_permission: 'unknown', cost: 'no' },
          },
          'S5.3': { rating: 'green', note: 'Ungdommene vet når de får svar (1. april).' },
          'S6.1': { rating: 'unknown' },
        },
      },
    ],
    matrix: null,
    plans: [{ stepId: 'plan', plan: planB() }],
    evaluation: null,
    statusLog: [{ at: t0 + 2 * 24 * HOUR, kind: 'recommendation', text: 'Sjekken og forbedringene er sendt styringsgruppa.' }],
  }
}

// ---------------------------------------------------------------------------------------------
// C. Map our efforts on the matrix

export function fixtureC(): SummaryInput {
  const t0 = SESSION_C_AT
  const template = builtInTemplate(TEMPLATE_IDS.C)
  const mapStep = template.steps.find((s) => s.kind === 'matrix')
  const sectors = mapStep?.kind === 'matrix' ? mapStep.options.sectors : [...DEFAULT_SECTORS]
  const clusters: SummaryCluster[] = [
    { id: 'kC-klub-0001', name: 'Fritidsklubben' },
    { id: 'kC-hels-0002', name: 'Helsesykepleier på skolen' },
    { id: 'kC-leks-0003', name: 'Leksehjelp' },
  ]
  const [klubb, helse, lekse] = clusters.map((c) => c.id) as [string, string, string]
  const at = (min: number) => t0 + 30 * MINUTE + min * MINUTE
  const notes: SummaryNote[] = [
    note('nC-klub-0001', 'Fritidsklubben i sentrum', at(1), klubb),
    note('nC-klub-0002', 'Klubben på onsdager', at(2), klubb),
    note('nC-hels-0003', 'Helsesykepleier på ungdomsskolen', at(3), helse),
    note('nC-leks-0004', 'Gratis leksehjelp på biblioteket', at(4), lekse),
    note('nC-somm-0005', 'Sommerjobb for ungdom gjennom NAV', at(5), null),
  ]
  const efforts: Effort[] = [
    ...exampleEfforts('nb'),
    {
      id: 'eC-klubb',
      text: 'Fritidsklubben i sentrum',
      sector: 'kultur_fritid',
      row: 'universal',
      column: 'prevent',
      status: 'existing',
      ownerRole: 'Fritidsleder',
      reach: { yes: 2, no: 6, unsure: 1 },
    },
    {
      id: 'eC-bibl',
      text: 'Gratis leksehjelp på biblioteket',
      sector: 'kultur_fritid',
      row: 'universal',
      column: 'reduce_risk',
      status: 'existing',
      ownerRole: 'Biblioteksjef',
      reach: { yes: 1, no: 3, unsure: 0 },
    },
    {
      id: 'eC-sommer',
      text: 'Sommerjobb for ungdom',
      sector: 'kultur_fritid',
      row: 'targeted',
      column: 'prevent',
      status: 'planned',
      targetGroup: 'Ungdom i familier med lav inntekt',
      ownerRole: 'NAV ungdom',
    },
  ]
  // The gap vote's options, as voteSetup.gapOptions builds them: gaps in the sectors that were mapped.
  const used = new Set(efforts.map((e) => e.sector))
  const mapped = sectors.filter((s) => used.has(s.id))
  const options: VoteOption[] = findGaps(efforts, mapped).map((g) => ({ id: gapId(g), label: gapLabel(g, 'nb', mapped) }))
  const round: VoteRound = { roundId: 'rC-gaps-1', options, rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false } }
  const [g1, g2, g3] = options.map((o) => o.id) as [string, string, string]
  // Only four voted: the order is published, never the numbers.
  const ballots = [dots(g1, g1, g2), dots(g1, g2, g3), dots(g2, g1, g1), dots(g3, g1, g2)]
  return {
    meta: { title: 'Kartlegging av innsatsene for unge i Fjordvik', createdAt: t0, municipality: 'Fjordvik kommune', reference: 'Folkehelseoversikten 2099', today: '2099-06-10' },
    template,
    contract: {
      question: 'Hvilket hull i kommunens innsatser for unge bør tettes først?',
      open: 'Hvilke hull ungdommene mener er viktigst',
      fixed: 'Hvilke tjenester som finnes i dag',
      decisionOwner: 'Folkehelsekoordinator, som innspill til folkehelseoversikten',
      decisionDate: '',
      feedbackDate: '2099-09-01',
      feedbackChannel: 'Ungdomsrådet og Instagram-kontoen til ungdomsrådet',
    },
    status: 'ended',
    participants: 6,
    notes,
    clusters,
    redactions: {},
    votes: [closed('vote', round, ballots)],
    pulses: [],
    equityChecks: [],
    matrix: { sectors, efforts },
    plans: [],
    evaluation: summarizeEvaluation([ev(4, 3, 5), ev(5, 4, 4), ev(3, 3, 4), ev(4, 2, 5)]),
    statusLog: [],
  }
}

// ---------------------------------------------------------------------------------------------

/** A session created from template A and never started: no contract, nobody, nothing. */
export function fixtureEmpty(): SummaryInput {
  return emptyInput(builtInTemplate(TEMPLATE_IDS.A), SESSION_A_AT)
}

export const SUMMARY_FIXTURES = { A: fixtureA, B: fixtureB, C: fixtureC, empty: fixtureEmpty } as const
