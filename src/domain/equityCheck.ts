/**
 * The equity check (likhetssjekk): a structured checklist of where inequality arises — between
 * municipalities, between population groups, within groups, in the intervention itself — plus
 * definitional power, scoping and monitoring. Ids, facilitator wording and the barrier list are
 * those of research/domain.md §3.4 (seed 002 "Hvor oppstår ulikhet?" + Ontario HEIA steps).
 *
 * Decisions worth knowing:
 * - Every question has two wordings in nb and en: `text` for the facilitator and planners,
 *   `youth` in plain language (reading age about 12) for participant screens.
 * - "Unknown" is an honest answer, not a failure: every unknown becomes a follow-up task
 *   ("find out"), so plans stop claiming equity they have not checked. A red without a note is
 *   flagged: a problem nobody wrote down cannot be mitigated.
 * - An unanswered question is "not asked" (short versions of the check skip some), so it does
 *   not make the overall status unknown; `complete` says whether every question was answered.
 * - Answers come from a shared doc, so `validateAnswers` checks them and returns a fresh copy.
 */
import * as v from 'valibot'
import type { Bilingual } from './matrix.ts'

export const RATINGS = ['green', 'yellow', 'red', 'unknown'] as const
export type Rating = (typeof RATINGS)[number]

export const INEQUALITY_LEVELS = ['between_municipalities', 'between_groups', 'within_groups', 'within_intervention'] as const
export type InequalityLevel = (typeof INEQUALITY_LEVELS)[number]

export const LEVEL_TEXTS: Readonly<Record<InequalityLevel, Bilingual>> = {
  between_municipalities: { nb: 'Mellom kommuner', en: 'Between municipalities' },
  between_groups: { nb: 'Mellom befolkningsgrupper', en: 'Between population groups' },
  within_groups: { nb: 'Innad i befolkningsgrupper', en: 'Within population groups' },
  within_intervention: { nb: 'I selve tiltaket og prosessene rundt', en: 'In the intervention itself and its processes' },
}

export const NOTE_MAX = 500

// ---------------------------------------------------------------------------------------------
// Barriers (S4.2): what can stop someone from taking part

export const BARRIER_IDS = [
  'transport',
  'equipment',
  'parental_permission',
  'feeling_welcome',
  'cost',
  'time_and_place',
  'language_and_information',
  'digital_access',
] as const
export type BarrierId = (typeof BARRIER_IDS)[number]

/** The first four are the seed's; the last four are additions proposed in research §3.4. */
export const BARRIERS: readonly { id: BarrierId; label: Bilingual; youth: Bilingual }[] = [
  { id: 'transport', label: { nb: 'Transport', en: 'Transport' }, youth: { nb: 'Kommer jeg meg dit?', en: 'Can I get there?' } },
  { id: 'equipment', label: { nb: 'Utstyr', en: 'Equipment' }, youth: { nb: 'Har jeg utstyret som trengs?', en: 'Do I have the gear I need?' } },
  {
    id: 'parental_permission',
    label: { nb: '«Lov» fra foreldre', en: '"Permission" from parents' },
    youth: { nb: 'Får jeg lov hjemmefra?', en: 'Am I allowed to go by my family?' },
  },
  {
    id: 'feeling_welcome',
    label: { nb: 'Troen på at en er velkommen', en: 'Believing one is welcome' },
    youth: { nb: 'Tror jeg at jeg er velkommen?', en: 'Do I believe I am welcome?' },
  },
  { id: 'cost', label: { nb: 'Egenandel og kostnad', en: 'Fees and cost' }, youth: { nb: 'Har jeg råd?', en: 'Can I afford it?' } },
  {
    id: 'time_and_place',
    label: { nb: 'Tidspunkt, sted og universell utforming', en: 'Time, place and universal design' },
    youth: { nb: 'Passer tiden og stedet, og kommer jeg meg inn?', en: 'Do the time and place suit me, and can I get in?' },
  },
  {
    id: 'language_and_information',
    label: { nb: 'Språk, klarspråk og kanal', en: 'Language, plain language and channel' },
    youth: { nb: 'Forstår jeg informasjonen, og når den fram til meg?', en: 'Do I understand the information, and does it reach me?' },
  },
  {
    id: 'digital_access',
    label: { nb: 'Digital tilgang', en: 'Digital access' },
    youth: { nb: 'Har jeg mobil, PC eller nett som trengs?', en: 'Do I have the phone, computer or internet it needs?' },
  },
]

/** "Could this stop someone?" yes: it is a barrier; no: it is not; unknown: find out. */
export const BARRIER_ANSWERS = ['yes', 'no', 'unknown'] as const
export type BarrierAnswer = (typeof BARRIER_ANSWERS)[number]

// ---------------------------------------------------------------------------------------------
// The checklist

export type HeiaStep = 'scoping' | 'potential_impacts' | 'mitigation' | 'monitoring'

export interface ChecklistQuestion {
  readonly id: string
  readonly text: Bilingual
  readonly youth: Bilingual
  /** Chips the facilitator can tap to think wider. */
  readonly prompts?: readonly Bilingual[]
  /** A choice asked alongside the rating (S0.2, S0.3). */
  readonly options?: readonly { readonly id: string; readonly label: Bilingual }[]
  /** S4.2 carries the barrier list as sub-items. */
  readonly barriers?: true
  /** Where a red answer should lead, e.g. a pop-up session to reach those who did not come. */
  readonly onRed?: 'template_F_popup'
  readonly heia?: HeiaStep
}

export interface ChecklistSection {
  readonly id: string
  /** The inequality level the section asks about; null for scoping and monitoring. */
  readonly level: InequalityLevel | null
  readonly title: Bilingual
  readonly youthTitle: Bilingual
  readonly heia: HeiaStep
  readonly questions: readonly ChecklistQuestion[]
}

export const CHECKLIST = {
  id: 'equity_check_v1',
  sections: [
    {
      id: 'S0_scope',
      level: null,
      title: { nb: 'Hva er tiltaket?', en: 'What is the intervention?' },
      youthTitle: { nb: 'Hva snakker vi om?', en: 'What are we talking about?' },
      heia: 'scoping',
      questions: [
        {
          id: 'S0.1',
          text: {
            nb: 'Hva er tiltaket, hvem er det for, og hvilket mål i planen skal det bidra til?',
            en: 'What is the intervention, who is it for, and which plan goal does it serve?',
          },
          youth: { nb: 'Hva skal gjøres, og for hvem?', en: 'What will be done, and for whom?' },
        },
        {
          id: 'S0.2',
          text: {
            nb: 'Er tiltaket universelt, målrettet eller universelt med ekstra innsats for noen (proporsjonal universalisme)?',
            en: 'Is it universal, targeted, or universal with extra intensity for some (proportionate universalism)?',
          },
          youth: {
            nb: 'Er tiltaket for alle, bare for noen, eller for alle med litt ekstra til dem som trenger det?',
            en: 'Is it for everyone, only for some, or for everyone with a bit extra for those who need it?',
          },
          options: [
            { id: 'universal', label: { nb: 'Universelt', en: 'Universal' } },
            { id: 'targeted', label: { nb: 'Målrettet', en: 'Targeted' } },
            { id: 'proportionate_universal', label: { nb: 'Universelt med ekstra for noen', en: 'Universal with extra for some' } },
          ],
        },
        {
          id: 'S0.3',
          text: {
            nb: 'Hvor i årsakskjeden virker det (forhindre / redusere risiko / redusere konsekvenser)?',
            en: 'Where in the causal chain does it act (prevent / reduce risk / reduce consequences)?',
          },
          youth: {
            nb: 'Hindrer tiltaket at problemer oppstår, gjør det noe mindre farlig, eller hjelper det dem som allerede har det vanskelig?',
            en: 'Does it stop problems from starting, make something less risky, or help those who already have a hard time?',
          },
          options: [
            { id: 'prevent', label: { nb: 'Forhindre', en: 'Prevent' } },
            { id: 'reduce_risk', label: { nb: 'Redusere risiko', en: 'Reduce risk' } },
            { id: 'reduce_consequences', label: { nb: 'Redusere konsekvenser', en: 'Reduce consequences' } },
          ],
        },
      ],
    },
    {
      id: 'S1_between_municipalities',
      level: 'between_municipalities',
      title: { nb: 'Mellom kommuner', en: 'Between municipalities' },
      youthTitle: { nb: 'Oss og andre steder', en: 'Us and other places' },
      heia: 'potential_impacts',
      questions: [
        {
          id: 'S1.1',
          text: {
            nb: 'Hva skårer vi dårlig på sammenlignet med fylket/landet (kommunehelseprofil, Ungdata)?',
            en: 'Where do we score worse than county/national averages (municipal health profile, Ungdata)?',
          },
          youth: { nb: 'Hva er dårligere her enn andre steder i landet?', en: 'What is worse here than in other places in the country?' },
        },
        {
          id: 'S1.2',
          text: {
            nb: 'Hvilke ressurser har vi (tjenester, frivillighet, møteplasser, folk)?',
            en: 'What resources do we have (services, volunteers, meeting places, people)?',
          },
          youth: {
            nb: 'Hva har vi allerede her som kan hjelpe (steder, folk, tilbud)?',
            en: 'What do we already have here that can help (places, people, activities)?',
          },
        },
      ],
    },
    {
      id: 'S2_between_groups',
      level: 'between_groups',
      title: { nb: 'Mellom befolkningsgrupper', en: 'Between population groups' },
      youthTitle: { nb: 'Hvem har det vanskeligst?', en: 'Who has it hardest?' },
      heia: 'potential_impacts',
      questions: [
        {
          id: 'S2.1',
          text: {
            nb: 'Hvem er utsatt her hos oss? (data, erfaringer fra enhetene og ungdoms egne erfaringer)',
            en: 'Who is exposed here? (data, experience from the units and young people’s own experience)',
          },
          youth: { nb: 'Hvem har det vanskeligst med dette her?', en: 'Who finds this hardest here?' },
          prompts: [
            { nb: 'kjønn', en: 'gender' },
            { nb: 'økonomi', en: 'money' },
            { nb: 'bosted', en: 'where you live' },
            { nb: 'funksjonsevne', en: 'disability' },
            { nb: 'landbakgrunn', en: 'country of origin' },
            { nb: 'seksuell orientering og kjønnsidentitet', en: 'sexual orientation and gender identity' },
            { nb: 'skole eller utenfor skole', en: 'in or out of school' },
          ],
        },
        {
          id: 'S2.2',
          text: {
            nb: 'Hvem skal tiltaket tjene – og hvem skal være involvert i å utforme det?',
            en: 'Whom should it serve – and who should be involved in shaping it?',
          },
          youth: {
            nb: 'Hvem er tiltaket for, og hvem bør få være med og bestemme hvordan det blir?',
            en: 'Who is it for, and who should help decide what it will be like?',
          },
        },
        {
          id: 'S2.3',
          text: {
            nb: 'Får utsatte grupper mer ressurser og prioritet (målrettet prioritering og involvering)?',
            en: 'Do exposed groups get more resources and priority (targeted priority and involvement)?',
          },
          youth: { nb: 'Får de som trenger det mest, litt ekstra?', en: 'Do those who need it most get a bit extra?' },
        },
        {
          id: 'S2.4',
          text: {
            nb: 'Bidrar tiltaket til å jevne ut noe av ulikheten vi ser – eller kan det øke den?',
            en: 'Does it reduce the gap we see – or could it widen it?',
          },
          youth: { nb: 'Blir forskjellene mindre med dette – eller kan de bli større?', en: 'Will this make the differences smaller – or could they grow?' },
        },
      ],
    },
    {
      id: 'S3_within_groups',
      level: 'within_groups',
      title: { nb: 'Innad i grupper', en: 'Within groups' },
      youthTitle: { nb: 'Hvem blir glemt?', en: 'Who gets forgotten?' },
      heia: 'potential_impacts',
      questions: [
        {
          id: 'S3.1',
          text: {
            nb: 'Finnes det ulikhet innad i målgruppa som vi lett overser (kjønn, sosioøkonomi, kultur …)?',
            en: 'Are there inequalities inside the target group we may overlook (gender, income, culture …)?',
          },
          youth: { nb: 'Er det noen i gruppa som lett blir glemt?', en: 'Is there anyone in the group who is easy to forget?' },
        },
        {
          id: 'S3.2',
          text: {
            nb: 'Kan ressursene vi gir, forsterke forskjellene innad i gruppa (de ressurssterke bruker dem mest)?',
            en: 'Could our resources reinforce gaps within the group (the resourceful use them most)?',
          },
          youth: {
            nb: 'Kan det bli sånn at de som har mest fra før, får mest ut av dette?',
            en: 'Could the ones who already have the most get the most out of this?',
          },
        },
        {
          id: 'S3.3',
          text: {
            nb: 'Kan medvirkningsprosessen selv gjenskape urettferdighet? Hvem møtte ikke opp – og hvor og hvordan når vi dem?',
            en: 'Could the participation process itself reproduce inequity? Who did not show up – where and how do we reach them?',
          },
          youth: { nb: 'Hvem er ikke med i dag – og hvor kan vi treffe dem?', en: 'Who is not here today – and where can we meet them?' },
          onRed: 'template_F_popup',
        },
      ],
    },
    {
      id: 'S4_within_intervention',
      level: 'within_intervention',
      title: { nb: 'I selve tiltaket', en: 'In the intervention itself' },
      youthTitle: { nb: 'Hvem passer det for?', en: 'Who does it work for?' },
      heia: 'potential_impacts',
      questions: [
        {
          id: 'S4.1',
          text: { nb: 'Hvem fungerer tiltaket for?', en: 'Who does the intervention work for?' },
          youth: { nb: 'Hvem passer dette for?', en: 'Who is this good for?' },
        },
        {
          id: 'S4.2',
          text: { nb: 'Hvem trenger ekstra støtte for å kunne bruke tiltaket?', en: 'Who needs extra support to use it?' },
          youth: { nb: 'Hva kan stoppe noen fra å bli med?', en: 'What could stop someone from joining?' },
          barriers: true,
        },
        {
          id: 'S4.3',
          text: {
            nb: 'Hvem fungerer ikke tiltaket for? Kan det tilpasses, og hvordan? Hva ellers kan vi gjøre?',
            en: 'Who does it not work for? Can it be adapted, and how? What else can we do?',
          },
          youth: {
            nb: 'Hvem passer det ikke for, og hva kan vi gjøre annerledes?',
            en: 'Who is it not good for, and what could we do differently?',
          },
          heia: 'mitigation',
        },
      ],
    },
    {
      id: 'S5_process_power',
      level: 'within_intervention',
      title: { nb: 'Prosess og definisjonsmakt', en: 'Process and the power to define' },
      youthTitle: { nb: 'Hvem bestemmer?', en: 'Who decides?' },
      heia: 'potential_impacts',
      questions: [
        {
          id: 'S5.1',
          text: {
            nb: 'Hvem har definisjonsmakt? Hvem tar ordet? Hvem «eier» problemet – og hvem «eier» løsningen?',
            en: 'Who has the power to define the problem? Who takes the floor? Who “owns” the problem – and the solution?',
          },
          youth: {
            nb: 'Hvem bestemmer hva problemet er? Hvem snakker mest? Hvem får bestemme løsningen?',
            en: 'Who decides what the problem is? Who talks the most? Who gets to decide the solution?',
          },
        },
        {
          id: 'S5.2',
          text: {
            nb: 'Får de nølende delta på meningsfulle måter (varierte aktiviteter, formbare prosesser) uten at de ivrige stoppes?',
            en: 'Can hesitant youth take part meaningfully (varied activities, flexible processes) without stopping the eager ones?',
          },
          youth: {
            nb: 'Kan de som er stille, være med på sin måte – uten at det stopper dem som vil mye?',
            en: 'Can quiet people take part in their own way – without stopping the ones who want to do a lot?',
          },
        },
        {
          id: 'S5.3',
          text: {
            nb: 'Er prosessen forutsigbar, og vet deltakerne hva som skjer med innspillene (når og fra hvem)?',
            en: 'Is the process predictable, and do participants know what happens to their input (when, and from whom)?',
          },
          youth: {
            nb: 'Vet dere hva som skjer med det dere sier, og når dere får svar?',
            en: 'Do you know what happens to what you say, and when you will hear back?',
          },
        },
      ],
    },
    {
      id: 'S6_monitoring',
      level: null,
      title: { nb: 'Oppfølging og måling', en: 'Monitoring' },
      youthTitle: { nb: 'Hvordan ser vi om det virker?', en: 'How do we see if it works?' },
      heia: 'monitoring',
      questions: [
        {
          id: 'S6.1',
          text: {
            nb: 'Hvilken indikator viser om tiltaket reduserer ulikhet (ikke bare gjennomsnittet)? Hvordan skal den brytes ned?',
            en: 'Which indicator shows whether the gap narrows (not just the average)? How will it be broken down?',
          },
          youth: {
            nb: 'Hvordan kan vi se om forskjellene blir mindre, ikke bare om det går bedre i snitt?',
            en: 'How can we see if the differences get smaller, not just if things get better on average?',
          },
        },
        {
          id: 'S6.2',
          text: {
            nb: 'Når og hvordan evalueres likhetseffekten, og hvem får resultatet (også ungdommene)?',
            en: 'When and how will the equity effect be evaluated, and who gets the result (the youth too)?',
          },
          youth: {
            nb: 'Når sjekker vi om det virket for alle, og hvordan får dere vite det?',
            en: 'When do we check if it worked for everyone, and how will you find out?',
          },
        },
      ],
    },
  ],
} as const satisfies { readonly id: string; readonly sections: readonly ChecklistSection[] }

export type SectionId = (typeof CHECKLIST.sections)[number]['id']
export type QuestionId = (typeof CHECKLIST.sections)[number]['questions'][number]['id']

/** Every question in checklist order, with its section. */
export const QUESTIONS: readonly (ChecklistQuestion & { id: QuestionId; section: SectionId })[] = CHECKLIST.sections.flatMap((s) =>
  s.questions.map((q) => ({ ...(q as ChecklistQuestion), id: q.id as QuestionId, section: s.id as SectionId })),
)
export const QUESTION_IDS: readonly QuestionId[] = QUESTIONS.map((q) => q.id)
export const SECTION_IDS: readonly SectionId[] = CHECKLIST.sections.map((s) => s.id)

const QUESTION_BY_ID = new Map<string, (typeof QUESTIONS)[number]>(QUESTIONS.map((q) => [q.id, q]))
const SECTION_LEVEL = new Map<string, InequalityLevel | null>(CHECKLIST.sections.map((s) => [s.id, s.level]))

export function isQuestionId(x: unknown): x is QuestionId {
  return typeof x === 'string' && QUESTION_BY_ID.has(x)
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface EquityAnswer {
  rating: Rating
  /** A why or a what-next, in the group's words; never names (the UI highlights likely names). */
  note?: string
  /** Only for questions with `options`. */
  choice?: string
  /** Only for S4.2: which barriers could stop someone. */
  barriers?: Partial<Record<BarrierId, BarrierAnswer>>
}
export type EquityAnswers = Partial<Record<QuestionId, EquityAnswer>>

export type AnswerProblemCode =
  | 'notObject'
  | 'unknownQuestion'
  | 'badRating'
  | 'noteTooLong'
  | 'badChoice'
  | 'unknownBarrier'
  | 'badBarrierAnswer'
  | 'malformed'
export interface AnswerProblem {
  code: AnswerProblemCode
  /** e.g. "S4.2.barriers.cost" */
  path: string
}
export type AnswersResult = { ok: true; answers: EquityAnswers } | { ok: false; problems: AnswerProblem[] }

const AnswerSchema = v.object(
  {
    rating: v.picklist(RATINGS, 'badRating'),
    note: v.optional(
      v.pipe(
        v.string('malformed'),
        v.transform((s) => s.replace(/\r\n?/g, '\n').trim()),
        v.check((s) => Array.from(s).length <= NOTE_MAX, 'noteTooLong'),
      ),
    ),
    choice: v.optional(v.string('badChoice')),
    barriers: v.optional(v.record(v.string(), v.picklist(BARRIER_ANSWERS, 'badBarrierAnswer'), 'malformed')),
  },
  'malformed',
)
const ANSWER_CODES = new Set<string>(['badRating', 'noteTooLong', 'badChoice', 'badBarrierAnswer', 'malformed'])
const isBarrierId = (x: string): x is BarrierId => (BARRIER_IDS as readonly string[]).includes(x)

/**
 * Checks answers keyed by question id (as stored in the shared doc). Blank notes are dropped; a
 * choice must be one of the question's options; barriers are allowed only on S4.2.
 */
export function validateAnswers(raw: unknown): AnswersResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: 'notObject', path: '' }] }
  const problems: AnswerProblem[] = []
  const answers: EquityAnswers = {}
  const add = (code: AnswerProblemCode, path: string) => {
    if (!problems.some((p) => p.code === code && p.path === path)) problems.push({ code, path })
  }
  for (const [id, value] of Object.entries(raw)) {
    const q = QUESTION_BY_ID.get(id)
    if (!q) {
      add('unknownQuestion', id)
      continue
    }
    const res = v.safeParse(AnswerSchema, value)
    if (!res.success) {
      for (const issue of res.issues) {
        const sub = (issue.path ?? []).map((p) => String(p.key)).join('.')
        // valibot reports a missing key with the object's message, not the field's.
        const code: AnswerProblemCode =
          sub === 'rating' && issue.received === 'undefined' ? 'badRating' : ANSWER_CODES.has(issue.message) ? (issue.message as AnswerProblemCode) : 'malformed'
        add(code, sub ? `${id}.${sub}` : id)
      }
      continue
    }
    const o = res.output
    const answer: EquityAnswer = { rating: o.rating }
    if (o.note) answer.note = o.note
    if (o.choice !== undefined) {
      if (!q.options?.some((opt) => opt.id === o.choice)) add('badChoice', `${id}.choice`)
      else answer.choice = o.choice
    }
    if (o.barriers !== undefined) {
      if (!q.barriers) add('unknownBarrier', `${id}.barriers`)
      else {
        const barriers: Partial<Record<BarrierId, BarrierAnswer>> = {}
        for (const [b, a] of Object.entries(o.barriers)) {
          if (isBarrierId(b)) barriers[b] = a
          else add('unknownBarrier', `${id}.barriers.${b}`)
        }
        answer.barriers = barriers
      }
    }
    answers[q.id] = answer
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, answers }
}

// ---------------------------------------------------------------------------------------------
// Summary and follow-up

export type ColourCounts = Record<Rating, number> & { unanswered: number }

export interface EquitySummary {
  bySection: Record<SectionId, ColourCounts>
  /** Sections without a level (scoping, monitoring) count only in `bySection` and `total`. */
  byLevel: Record<InequalityLevel, ColourCounts>
  total: ColourCounts
  /**
   * red if anything is red; else yellow if anything is yellow; else unknown if anything is
   * unknown or nothing was answered; else green.
   */
  overall: Rating
  /** Every question answered. */
  complete: boolean
  /** Barriers answered "yes" (could stop someone), in list order. */
  barriersFound: BarrierId[]
}

const zero = (): ColourCounts => ({ green: 0, yellow: 0, red: 0, unknown: 0, unanswered: 0 })

/** Counts per colour per section and per level, and the overall status. Takes validated answers. */
export function summarize(answers: EquityAnswers): EquitySummary {
  const bySection = Object.fromEntries(SECTION_IDS.map((id) => [id, zero()])) as Record<SectionId, ColourCounts>
  const byLevel = Object.fromEntries(INEQUALITY_LEVELS.map((l) => [l, zero()])) as Record<InequalityLevel, ColourCounts>
  const total = zero()
  for (const q of QUESTIONS) {
    const key = answers[q.id]?.rating ?? 'unanswered'
    bySection[q.section][key]++
    const level = SECTION_LEVEL.get(q.section)
    if (level) byLevel[level][key]++
    total[key]++
  }
  const answered = QUESTIONS.length - total.unanswered
  const overall: Rating = total.red > 0 ? 'red' : total.yellow > 0 ? 'yellow' : total.unknown > 0 || answered === 0 ? 'unknown' : 'green'
  const given = answers['S4.2']?.barriers ?? {}
  return {
    bySection,
    byLevel,
    total,
    overall,
    complete: total.unanswered === 0,
    barriersFound: BARRIER_IDS.filter((b) => given[b] === 'yes'),
  }
}

export type FollowUp =
  /** We don't know: find out before the decision (a knowledge task). */
  | { kind: 'findOut'; questionId: QuestionId; barrierId?: BarrierId; text: Bilingual }
  /** A problem nobody wrote down cannot be mitigated. */
  | { kind: 'redNeedsNote'; questionId: QuestionId; text: Bilingual }

/**
 * Follow-up tasks in checklist order: every unknown answer, and every barrier marked unknown,
 * becomes "find out"; every red answer without a note is flagged.
 */
export function followUpTasks(answers: EquityAnswers): FollowUp[] {
  const tasks: FollowUp[] = []
  for (const q of QUESTIONS) {
    const a = answers[q.id]
    if (!a) continue
    if (a.rating === 'unknown') tasks.push({ kind: 'findOut', questionId: q.id, text: q.text })
    if (a.rating === 'red' && !a.note?.trim()) tasks.push({ kind: 'redNeedsNote', questionId: q.id, text: q.text })
    if (q.barriers && a.barriers) {
      for (const b of BARRIERS) {
        if (a.barriers[b.id] !== 'unknown') continue
        tasks.push({
          kind: 'findOut',
          questionId: q.id,
          barrierId: b.id,
          text: { nb: `${q.text.nb} (${b.label.nb})`, en: `${q.text.en} (${b.label.en})` },
        })
      }
    }
  }
  return tasks
}
