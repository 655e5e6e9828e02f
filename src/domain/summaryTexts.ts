/**
 * Every word the planner's summary prints, in bokmål (nb), nynorsk (nn) and English (en), and the
 * date and number formats it uses. See summary.ts for the model these fill in.
 *
 * Decisions worth knowing:
 * - The rest of the domain is bilingual (nb + en). Planners may choose nynorsk for the summary
 *   (research/domain.md §4.2), so the domain texts the summary prints — matrix rows, columns and
 *   gap explanations, inequality levels, barriers, rating names, evaluation questions, breakdown
 *   labels, default sector names — get their nynorsk here, next to the nb/en source they mirror
 *   (the nb/en strings are read from the domain modules, never copied, so they cannot drift).
 * - Long texts that have no nynorsk version fall back to bokmål: the equity checklist's questions
 *   and follow-up texts (equityCheck.ts), template names, step titles and prompts (templates are
 *   data in nb + en), and sector names a municipality typed itself. Translating 20 checklist
 *   questions belongs with the checklist, not with one renderer; a planner reading nynorsk reads
 *   bokmål without trouble, and a half-translated question would be worse than a whole one.
 * - Dates are formatted here without Intl: runtimes ship uneven ICU data, and "nn" is missing
 *   from some. Month names are written out (nb and nn share them). Session times are turned into
 *   dates in Norwegian time (Europe/Oslo: UTC+1, UTC+2 from the last Sunday in March to the last
 *   Sunday in October, the EU rule Norway has followed since 1996), because a workshop at 00:30 on
 *   16 January in Trondheim happened on 16 January, whatever the exporting device's zone.
 */
import type { Bilingual, Column, EffortStatus, Row } from './matrix.ts'
import { COLUMN_TEXTS, DEFAULT_SECTORS, GAP_TEXTS, ROW_TEXTS, type GapTextKey, type Sector } from './matrix.ts'
import { BARRIERS, LEVEL_TEXTS, type BarrierId, type InequalityLevel, type Rating } from './equityCheck.ts'
import { EVALUATION_QUESTIONS, type EvaluationQuestionId } from './evaluation.ts'
import { BREAKDOWN_LABELS, type Approach, type BreakdownKey, type IndicatorType, type PlanErrorCode, type PlanWarningCode } from './actionPlan.ts'

export type SummaryLocale = 'nb' | 'nn' | 'en'
export const SUMMARY_LOCALES: readonly SummaryLocale[] = ['nb', 'nn', 'en']

export interface Trilingual {
  readonly nb: string
  readonly nn: string
  readonly en: string
}

/** A domain text (nb + en) with its nynorsk added here. */
const withNn = (b: Bilingual, nn: string): Trilingual => ({ nb: b.nb, nn, en: b.en })

/** A nb/en text printed as is: nynorsk readers get bokmål (see the file comment). */
export function pickText(b: Bilingual, locale: SummaryLocale): string {
  return locale === 'en' ? b.en || b.nb : b.nb
}

export function pick(t: Trilingual, locale: SummaryLocale): string {
  return t[locale]
}

// ---------------------------------------------------------------------------------------------
// Sentences and labels. Placeholders in braces are filled by `tr`.

export const TEXTS = {
  // Versions and header
  'version.full': { nb: 'Fullversjon', nn: 'Fullversjon', en: 'Full version' },
  'version.short': { nb: 'Kortversjon', nn: 'Kortversjon', en: 'Short version' },
  'header.municipality': { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
  'header.date': { nb: 'Dato', nn: 'Dato', en: 'Date' },
  'header.template': { nb: 'Mal', nn: 'Mal', en: 'Template' },
  'header.reference': { nb: 'Plan- eller saksreferanse', nn: 'Plan- eller saksreferanse', en: 'Plan or case reference' },
  'header.status': { nb: 'Status', nn: 'Status', en: 'Status' },
  'header.version': { nb: 'Versjon', nn: 'Versjon', en: 'Version' },
  'header.privacy': {
    nb: 'Anonymt: ingen navn, bare summer. Tall vises bare når minst 5 har svart, og ingenting vises når færre enn 3 har svart.',
    nn: 'Anonymt: ingen namn, berre summar. Tal blir berre viste når minst 5 har svart, og ingenting blir vist når færre enn 3 har svart.',
    en: 'Anonymous: no names, totals only. Numbers are shown only when at least 5 answered, and nothing is shown when fewer than 3 answered.',
  },
  'status.lobby': { nb: 'Ikke startet', nn: 'Ikkje starta', en: 'Not started' },
  'status.running': { nb: 'I gang', nn: 'I gang', en: 'In progress' },
  'status.ended': { nb: 'Avsluttet', nn: 'Avslutta', en: 'Ended' },
  'noResults.lobby': {
    nb: 'Ingen resultater ennå: økten er ikke startet.',
    nn: 'Ingen resultat enno: økta er ikkje starta.',
    en: 'No results yet: the session has not started.',
  },
  'noResults.any': {
    nb: 'Ingen resultater ennå: ingen innspill, ingen avsluttede avstemninger og ingen utfylte sjekker.',
    nn: 'Ingen resultat enno: ingen innspel, ingen avslutta avrøystingar og ingen utfylte sjekkar.',
    en: 'No results yet: no input, no closed votes and no completed checks.',
  },
  notSet: { nb: 'Ikke fylt ut', nn: 'Ikkje fylt ut', en: 'Not filled in' },

  // Section headings
  'section.header': { nb: 'Oppsummering', nn: 'Oppsummering', en: 'Summary' },
  'section.mandate': { nb: 'Mandat og medvirkningskontrakt', nn: 'Mandat og medverknadskontrakt', en: 'Mandate and influence contract' },
  'section.participants': { nb: 'Deltakere', nn: 'Deltakarar', en: 'Participants' },
  'section.knowledge': { nb: 'Kunnskapsgrunnlag', nn: 'Kunnskapsgrunnlag', en: 'Knowledge used' },
  'section.results': { nb: 'Resultater', nn: 'Resultat', en: 'Results' },
  'section.equity': { nb: 'Likhetsanalyse', nn: 'Likskapsanalyse', en: 'Equity analysis' },
  'section.actionPlan': { nb: 'Handlingsplan', nn: 'Handlingsplan', en: 'Action plan' },
  'section.evaluation': { nb: 'Evaluering', nn: 'Evaluering', en: 'Evaluation' },
  'section.statusLog': { nb: 'Statuslogg', nn: 'Statuslogg', en: 'Status log' },
  // Short version
  'section.shortMandate': { nb: 'Mandat', nn: 'Mandat', en: 'Mandate' },
  'section.shortParticipants': { nb: 'Deltakere', nn: 'Deltakarar', en: 'Participants' },
  'section.priorities': { nb: 'Prioriteringer', nn: 'Prioriteringar', en: 'Priorities' },
  'section.findings': { nb: 'Hovedfunn om likhet', nn: 'Hovudfunn om likskap', en: 'Main equity findings' },
  'section.equityGoal': { nb: 'Likhetsmål', nn: 'Likskapsmål', en: 'Equity goal' },
  'section.feedback': { nb: 'Tilbakemelding til ungdommene', nn: 'Tilbakemelding til ungdomane', en: 'Feedback to the youth' },

  // Mandate
  'mandate.question': { nb: 'Spørsmålet som skal avgjøres', nn: 'Spørsmålet som skal avgjerast', en: 'The question to be decided' },
  'mandate.open': { nb: 'Hva er åpent', nn: 'Kva er ope', en: 'What is open' },
  'mandate.fixed': { nb: 'Hva er bestemt på forhånd', nn: 'Kva er bestemt på førehand', en: 'What is fixed' },
  'mandate.owner': { nb: 'Hvem bestemmer', nn: 'Kven bestemmer', en: 'Who decides' },
  'mandate.decisionDate': { nb: 'Vedtaksdato', nn: 'Vedtaksdato', en: 'Decision date' },
  'mandate.feedbackDate': { nb: 'Ungdommene får svar innen', nn: 'Ungdomane får svar innan', en: 'The youth hear back by' },
  'mandate.feedbackChannel': { nb: 'Kanal for tilbakemelding', nn: 'Kanal for tilbakemelding', en: 'Feedback channel' },
  'mandate.none': { nb: 'Ingen medvirkningskontrakt er fylt ut.', nn: 'Ingen medverknadskontrakt er fylt ut.', en: 'No influence contract was filled in.' },
  'short.mandate': { nb: '{question} Avgjøres av {owner}.', nn: '{question} Blir avgjort av {owner}.', en: '{question} Decided by {owner}.' },
  'short.mandateDated': {
    nb: '{question} Avgjøres av {owner} (vedtak {date}).',
    nn: '{question} Blir avgjort av {owner} (vedtak {date}).',
    en: '{question} Decided by {owner} (decision {date}).',
  },

  // Participants
  'participants.count': { nb: 'Antall deltakere (flest samtidig)', nn: 'Tal på deltakarar (flest samtidig)', en: 'Number of participants (most at one time)' },
  'participants.notReached': { nb: 'Hvem ble ikke nådd', nn: 'Kven vart ikkje nådd', en: 'Who was not reached' },
  'participants.notRecorded': { nb: 'Ikke registrert', nn: 'Ikkje registrert', en: 'Not recorded' },
  'participants.privacy': {
    nb: 'Bare antall vises: ingen navn eller andre personopplysninger om deltakerne.',
    nn: 'Berre talet blir vist: ingen namn eller andre personopplysningar om deltakarane.',
    en: 'Counts only: no names or other personal data about the participants.',
  },
  'short.participants': { nb: '{n}.', nn: '{n}.', en: '{n}.' },
  'short.participantsNotReached': { nb: '{n}. Ikke nådd: {text}', nn: '{n}. Ikkje nådd: {text}', en: '{n}. Not reached: {text}' },
  'pulse.heading': { nb: 'Innsjekk: {step}', nn: 'Innsjekk: {step}', en: 'Check-in: {step}' },
  'pulse.answer': { nb: 'Svar', nn: 'Svar', en: 'Answer' },
  'pulse.count': { nb: 'Antall', nn: 'Tal', en: 'Count' },
  'pulse.tooFew': { nb: 'For få svar til å vise fordelingen.', nn: 'For få svar til å vise fordelinga.', en: 'Too few answers to show the spread.' },
  'pulse.0': { nb: 'Veldig dårlig', nn: 'Svært dårleg', en: 'Very bad' },
  'pulse.1': { nb: 'Dårlig', nn: 'Dårleg', en: 'Bad' },
  'pulse.2': { nb: 'Helt ok', nn: 'Heilt ok', en: 'Okay' },
  'pulse.3': { nb: 'Bra', nn: 'Bra', en: 'Good' },
  'pulse.4': { nb: 'Veldig bra', nn: 'Svært bra', en: 'Very good' },

  // Knowledge
  'knowledge.intro': {
    nb: 'Stegene i malen som ga deltakerne kunnskap og informasjon:',
    nn: 'Stega i malen som gav deltakarane kunnskap og informasjon:',
    en: 'The template steps that gave participants knowledge and information:',
  },
  'knowledge.none': { nb: 'Malen har ingen kunnskapssteg.', nn: 'Malen har ingen kunnskapssteg.', en: 'The template has no knowledge steps.' },

  // Results
  'results.priorities': { nb: 'Prioriteringer: {step}', nn: 'Prioriteringar: {step}', en: 'Priorities: {step}' },
  'results.noVotes': { nb: 'Ingen avsluttede avstemninger.', nn: 'Ingen avslutta avrøystingar.', en: 'No closed votes.' },
  'vote.dots': { nb: 'Prikkstemme, {dots} prikker per person.', nn: 'Prikkrøysting, {dots} prikkar per person.', en: 'Dot vote, {dots} dots each.' },
  'vote.ranking': { nb: 'Rangering av de {k} viktigste.', nn: 'Rangering av dei {k} viktigaste.', en: 'Ranking of the top {k}.' },
  'vote.scale': { nb: 'Skala fra 1 til 5.', nn: 'Skala frå 1 til 5.', en: 'Scale from 1 to 5.' },
  'vote.traffic': { nb: 'Trafikklys.', nn: 'Trafikklys.', en: 'Traffic light.' },
  'vote.voters': { nb: '{n} stemte.', nn: '{n} røysta.', en: '{n} voted.' },
  'vote.votersBlank': { nb: '{n} stemte, {blank} av dem blankt.', nn: '{n} røysta, {blank} av dei blankt.', en: '{n} voted, {blank} of them blank.' },
  'vote.rankOnly': {
    nb: 'Færre enn 5 stemte, så bare rekkefølgen vises – ingen tall.',
    nn: 'Færre enn 5 røysta, så berre rekkjefølgja blir vist – ingen tal.',
    en: 'Fewer than 5 people voted, so only the order is shown – no numbers.',
  },
  'vote.none': {
    nb: 'For få stemte til å vise noe resultat (færre enn 3).',
    nn: 'For få røysta til å vise noko resultat (færre enn 3).',
    en: 'Too few people voted to show any result (fewer than 3).',
  },
  'vote.notClosed': { nb: 'Avstemningen ble ikke avsluttet.', nn: 'Avrøystinga vart ikkje avslutta.', en: 'The vote was not closed.' },
  'vote.rank': { nb: 'Plass', nn: 'Plass', en: 'Rank' },
  'vote.option': { nb: 'Alternativ', nn: 'Alternativ', en: 'Option' },
  'vote.dotsCol': { nb: 'Prikker', nn: 'Prikkar', en: 'Dots' },
  'vote.mustNotCol': { nb: 'Må ikke', nn: 'Må ikkje', en: 'Must not' },
  'vote.pointsCol': { nb: 'Poeng', nn: 'Poeng', en: 'Points' },
  'vote.firstsCol': { nb: 'Førsteplasser', nn: 'Førsteplassar', en: 'First places' },
  'vote.answersCol': { nb: 'Svar', nn: 'Svar', en: 'Answers' },
  'vote.meanCol': { nb: 'Snitt', nn: 'Snitt', en: 'Mean' },
  'vote.tied': { nb: 'delt plass', nn: 'delt plass', en: 'tied' },
  'vote.removedNote': { nb: '(fjernet innspill)', nn: '(fjerna innspel)', en: '(removed note)' },
  'short.priorities': { nb: 'Prioriteringer (stemmer, n = {n})', nn: 'Prioriteringar (røyster, n = {n})', en: 'Priorities (votes, n = {n})' },
  'short.prioritiesOrder': { nb: 'Prioriteringer (bare rekkefølge)', nn: 'Prioriteringar (berre rekkjefølgje)', en: 'Priorities (order only)' },
  'short.prioritiesStep': { nb: 'Prioriteringer – {step} (stemmer, n = {n})', nn: 'Prioriteringar – {step} (røyster, n = {n})', en: 'Priorities – {step} (votes, n = {n})' },
  'short.prioritiesStepOrder': { nb: 'Prioriteringer – {step} (bare rekkefølge)', nn: 'Prioriteringar – {step} (berre rekkjefølgje)', en: 'Priorities – {step} (order only)' },
  'short.noPriorities': { nb: 'Ingen avstemning med resultat ennå.', nn: 'Inga avrøysting med resultat enno.', en: 'No vote with a result yet.' },
  'dissent.heading': { nb: 'Uenighet og mindretallssyn', nn: 'Usemje og mindretalssyn', en: 'Dissent and minority views' },
  'dissent.empty': {
    nb: 'Ikke skrevet ned. Skriv inn eventuell uenighet her.',
    nn: 'Ikkje skrive ned. Skriv inn eventuell usemje her.',
    en: 'Not written down. Add any disagreement here.',
  },
  'notes.heading': { nb: 'Innspill (anonyme sitater)', nn: 'Innspel (anonyme sitat)', en: 'Input (anonymous quotes)' },
  'notes.intro': {
    nb: 'Alle innspill, også de som ikke fikk stemmer, gruppert slik deltakerne gjorde det.',
    nn: 'Alle innspela, også dei som ikkje fekk røyster, grupperte slik deltakarane gjorde det.',
    en: 'All input, including what got no votes, grouped the way the participants grouped it.',
  },
  'notes.ungrouped': { nb: 'Uten gruppe', nn: 'Utan gruppe', en: 'Not in a group' },
  'notes.none': { nb: 'Ingen innspill.', nn: 'Ingen innspel.', en: 'No input.' },
  'notes.emptyGroup': { nb: 'Ingen innspill i denne gruppen.', nn: 'Ingen innspel i denne gruppa.', en: 'No input in this group.' },

  // Equity
  'equity.check': { nb: 'Likhetssjekk: {step}', nn: 'Likskapssjekk: {step}', en: 'Equity check: {step}' },
  'equity.subject': { nb: 'Hva som ble sjekket', nn: 'Kva som vart sjekka', en: 'What was checked' },
  'equity.subjectNone': { nb: 'Ikke valgt', nn: 'Ikkje valt', en: 'Not chosen' },
  'equity.overall': { nb: 'Samlet vurdering', nn: 'Samla vurdering', en: 'Overall' },
  'equity.answered': { nb: 'Spørsmål besvart', nn: 'Spørsmål svara på', en: 'Questions answered' },
  'equity.answeredValue': { nb: '{a} av {n}', nn: '{a} av {n}', en: '{a} of {n}' },
  'equity.question': { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Question' },
  'equity.rating': { nb: 'Vurdering', nn: 'Vurdering', en: 'Rating' },
  'equity.note': { nb: 'Merknad', nn: 'Merknad', en: 'Note' },
  'equity.choice': { nb: 'Valg: {choice}', nn: 'Val: {choice}', en: 'Choice: {choice}' },
  'equity.noAnswers': { nb: 'Ingen spørsmål er besvart ennå.', nn: 'Ingen spørsmål er svara på enno.', en: 'No questions answered yet.' },
  'equity.byLevel': { nb: 'Per nivå', nn: 'Per nivå', en: 'By level' },
  'equity.level': { nb: 'Nivå', nn: 'Nivå', en: 'Level' },
  'equity.barriers': { nb: 'Barrierer som kan stoppe noen', nn: 'Barrierar som kan stoppe nokon', en: 'Barriers that could stop someone' },
  'equity.followUp': { nb: 'Oppfølgingsoppgaver', nn: 'Oppfølgingsoppgåver', en: 'Follow-up tasks' },
  'equity.findOut': { nb: 'Finn ut: {text}', nn: 'Finn ut: {text}', en: 'Find out: {text}' },
  'equity.redNeedsNote': {
    nb: 'Rødt uten merknad – skriv ned problemet: {text}',
    nn: 'Raudt utan merknad – skriv ned problemet: {text}',
    en: 'Red without a note – write down the problem: {text}',
  },
  'equity.barrierViews': {
    nb: 'Deltakernes syn på barrierene (trafikklys)',
    nn: 'Deltakarane sitt syn på barrierane (trafikklys)',
    en: "Participants' views on the barriers (traffic light)",
  },
  'equity.barrierOrder': { nb: 'Størst hinder først.', nn: 'Størst hinder først.', en: 'Biggest obstacle first.' },
  'equity.barrier': { nb: 'Barriere', nn: 'Barriere', en: 'Barrier' },
  'equity.noChecks': { nb: 'Ingen likhetssjekk i denne økten.', nn: 'Ingen likskapssjekk i denne økta.', en: 'No equity check in this session.' },
  'matrix.heading': { nb: 'Plassering i matrisen', nn: 'Plassering i matrisa', en: 'Placement on the matrix' },
  'matrix.sector': { nb: 'Sektor: {name}', nn: 'Sektor: {name}', en: 'Sector: {name}' },
  'matrix.effort': { nb: 'Tiltak', nn: 'Tiltak', en: 'Effort' },
  'matrix.row': { nb: 'Hvem for', nn: 'Kven for', en: 'For whom' },
  'matrix.column': { nb: 'Virker på', nn: 'Verkar på', en: 'Acts on' },
  'matrix.status': { nb: 'Status', nn: 'Status', en: 'Status' },
  'matrix.targetGroup': { nb: 'Målgruppe', nn: 'Målgruppe', en: 'Target group' },
  'matrix.ownerRole': { nb: 'Ansvar (rolle)', nn: 'Ansvar (rolle)', en: 'Owner (role)' },
  'matrix.reach': { nb: 'Når dette unge?', nn: 'Når dette unge?', en: 'Does it reach youth?' },
  'matrix.reachCounts': { nb: 'ja {yes}, nei {no}, usikker {unsure}', nn: 'ja {yes}, nei {no}, usikker {unsure}', en: 'yes {yes}, no {no}, unsure {unsure}' },
  'matrix.reachFew': { nb: 'færre enn 5 svar', nn: 'færre enn 5 svar', en: 'fewer than 5 answers' },
  'matrix.gaps': { nb: 'Hull i matrisen', nn: 'Hol i matrisa', en: 'Gaps in the matrix' },
  'matrix.noGaps': { nb: 'Ingen hull: alle ruter har minst ett tiltak.', nn: 'Ingen hol: alle rutene har minst eitt tiltak.', en: 'No gaps: every cell has at least one effort.' },
  'matrix.none': { nb: 'Ingen tiltak er plassert i matrisen.', nn: 'Ingen tiltak er plasserte i matrisa.', en: 'No efforts were placed on the matrix.' },
  'status.existing': { nb: 'Finnes', nn: 'Finst', en: 'Existing' },
  'status.planned': { nb: 'Planlagt', nn: 'Planlagt', en: 'Planned' },
  'status.proposed': { nb: 'Foreslått', nn: 'Føreslått', en: 'Proposed' },
  'short.red': { nb: 'Rødt: {text}', nn: 'Raudt: {text}', en: 'Red: {text}' },
  'short.unknown': { nb: 'Vet ikke: {text}', nn: 'Veit ikkje: {text}', en: "Don't know: {text}" },
  'short.barrier': { nb: 'Barriere: {text}', nn: 'Barriere: {text}', en: 'Barrier: {text}' },
  'short.gap': { nb: 'Hull: {text}', nn: 'Hol: {text}', en: 'Gap: {text}' },
  'short.more': { nb: '… og {n} til i fullversjonen.', nn: '… og {n} til i fullversjonen.', en: '… and {n} more in the full version.' },
  'short.noFindings': {
    nb: 'Ingen røde eller ukjente punkter og ingen hull registrert.',
    nn: 'Ingen raude eller ukjende punkt og ingen hol registrerte.',
    en: 'No red or unknown items and no gaps recorded.',
  },
  'short.goalNone': { nb: 'Ikke satt ennå.', nn: 'Ikkje sett enno.', en: 'Not set yet.' },
  'short.feedback': { nb: 'Innen {date}.', nn: 'Innan {date}.', en: 'By {date}.' },
  'short.feedbackChannel': { nb: 'Innen {date} ({channel}).', nn: 'Innan {date} ({channel}).', en: 'By {date} ({channel}).' },

  // Action plan
  'plan.heading': { nb: 'Handlingsplan: {step}', nn: 'Handlingsplan: {step}', en: 'Action plan: {step}' },
  'plan.none': { nb: 'Ingen handlingsplan i denne økten.', nn: 'Ingen handlingsplan i denne økta.', en: 'No action plan in this session.' },
  'plan.equityGoal': { nb: 'Likhetsmål', nn: 'Likskapsmål', en: 'Equity goal' },
  'plan.planTrace': { nb: 'Kobling til planverket', nn: 'Kopling til planverket', en: 'Link to the plans' },
  'plan.planTrace.plan': { nb: 'Plan eller strategi', nn: 'Plan eller strategi', en: 'Plan or strategy' },
  'plan.planTrace.goal': { nb: 'Mål i planen', nn: 'Mål i planen', en: 'Plan goal' },
  'plan.planTrace.measure': { nb: 'Tiltak i handlingsdelen', nn: 'Tiltak i handlingsdelen', en: 'Action-programme measure' },
  'plan.targetGroup': { nb: 'Målgruppe og forholdsmessighet', nn: 'Målgruppe og forholdsmessigheit', en: 'Target group and proportionality' },
  'plan.targetGroup.approach': { nb: 'Tilnærming', nn: 'Tilnærming', en: 'Approach' },
  'plan.targetGroup.group': { nb: 'Målgruppe', nn: 'Målgruppe', en: 'Target group' },
  'plan.targetGroup.extraFor': { nb: 'Ekstra for hvem, og hva', nn: 'Ekstra for kven, og kva', en: 'Extra for whom, and what' },
  'plan.targetGroup.justification': { nb: 'Begrunnelse', nn: 'Grunngiving', en: 'Justification' },
  'plan.logicChain': { nb: 'Logikkjede', nn: 'Logikkjede', en: 'Logic chain' },
  'plan.logicChain.input': { nb: 'Innsatsfaktorer', nn: 'Innsatsfaktorar', en: 'Input' },
  'plan.logicChain.activity': { nb: 'Aktivitet', nn: 'Aktivitet', en: 'Activity' },
  'plan.logicChain.output': { nb: 'Produkt', nn: 'Produkt', en: 'Output' },
  'plan.logicChain.outcome': { nb: 'Resultat', nn: 'Resultat', en: 'Outcome' },
  'plan.logicChain.equityImpact': { nb: 'Virkning på forskjellene', nn: 'Verknad på skilnadene', en: 'Effect on the gap' },
  'plan.activities': { nb: 'Aktiviteter', nn: 'Aktivitetar', en: 'Activities' },
  'plan.activity': { nb: 'Aktivitet {n}', nn: 'Aktivitet {n}', en: 'Activity {n}' },
  'plan.activities.description': { nb: 'Aktivitet', nn: 'Aktivitet', en: 'Activity' },
  'plan.activities.ownerRole': { nb: 'Ansvar (rolle)', nn: 'Ansvar (rolle)', en: 'Owner (role)' },
  'plan.activities.startDate': { nb: 'Start', nn: 'Start', en: 'Start' },
  'plan.activities.resources': { nb: 'Ressurser', nn: 'Ressursar', en: 'Resources' },
  'plan.noActivities': { nb: 'Ingen aktiviteter ennå.', nn: 'Ingen aktivitetar enno.', en: 'No activities yet.' },
  'plan.indicators': { nb: 'Indikatorer', nn: 'Indikatorar', en: 'Indicators' },
  'plan.indicator': { nb: 'Indikator {n}', nn: 'Indikator {n}', en: 'Indicator {n}' },
  'plan.indicators.type': { nb: 'Type', nn: 'Type', en: 'Type' },
  'plan.indicators.name': { nb: 'Indikator', nn: 'Indikator', en: 'Indicator' },
  'plan.indicators.source': { nb: 'Kilde', nn: 'Kjelde', en: 'Source' },
  'plan.indicators.baseline': { nb: 'Utgangsverdi', nn: 'Utgangsverdi', en: 'Baseline' },
  'plan.indicators.target': { nb: 'Mål', nn: 'Mål', en: 'Target' },
  'plan.indicators.breakdown': { nb: 'Brytes ned på', nn: 'Blir brotne ned på', en: 'Broken down by' },
  'plan.indicators.unit': { nb: 'Enhet', nn: 'Eining', en: 'Unit' },
  'plan.noIndicators': { nb: 'Ingen indikatorer ennå.', nn: 'Ingen indikatorar enno.', en: 'No indicators yet.' },
  'plan.equityEvaluation': { nb: 'Evaluering av likhet', nn: 'Evaluering av likskap', en: 'Equity evaluation' },
  'plan.equityEvaluation.when': { nb: 'Når', nn: 'Når', en: 'When' },
  'plan.equityEvaluation.how': { nb: 'Hvordan', nn: 'Korleis', en: 'How' },
  'plan.equityEvaluation.whoHears': { nb: 'Hvem får vite resultatet', nn: 'Kven får vite resultatet', en: 'Who hears the result' },
  'plan.unintendedEffects': { nb: 'Utilsiktede virkninger', nn: 'Utilsikta verknader', en: 'Unintended effects' },
  'plan.unintendedEffects.risks': { nb: 'Hva kan øke forskjellene', nn: 'Kva kan auke skilnadene', en: 'What could widen the gap' },
  'plan.unintendedEffects.howWeNotice': { nb: 'Hvordan vi merker det', nn: 'Korleis vi merkar det', en: 'How we notice' },
  'plan.youthFeedback': { nb: 'Tilbakemelding til ungdommene', nn: 'Tilbakemelding til ungdomane', en: 'Feedback to the youth' },
  'plan.youthFeedback.date': { nb: 'Dato', nn: 'Dato', en: 'Date' },
  'plan.youthFeedback.channel': { nb: 'Kanal', nn: 'Kanal', en: 'Channel' },
  'plan.toComplete': { nb: 'Må fylles ut eller rettes', nn: 'Må fyllast ut eller rettast', en: 'To be completed or corrected' },
  'plan.toStrengthen': { nb: 'Bør styrkes', nn: 'Bør styrkjast', en: 'Could be stronger' },
  'plan.problem': { nb: '{field}: {problem}', nn: '{field}: {problem}', en: '{field}: {problem}' },
  'approach.universal': { nb: 'Universelt (for alle)', nn: 'Universelt (for alle)', en: 'Universal (for everyone)' },
  'approach.proportionate': {
    nb: 'Proporsjonal universalisme (for alle, med ekstra for noen)',
    nn: 'Proporsjonal universalisme (for alle, med ekstra for nokon)',
    en: 'Proportionate universalism (for everyone, with extra for some)',
  },
  'approach.targeted': { nb: 'Målrettet', nn: 'Målretta', en: 'Targeted' },
  'indicator.process': { nb: 'Prosess', nn: 'Prosess', en: 'Process' },
  'indicator.output': { nb: 'Produkt', nn: 'Produkt', en: 'Output' },
  'indicator.outcome': { nb: 'Resultat', nn: 'Resultat', en: 'Outcome' },
  'indicator.equityGap': { nb: 'Forskjell mellom grupper', nn: 'Skilnad mellom grupper', en: 'Equity gap' },

  // Evaluation
  'evaluation.intro': {
    nb: 'Anonyme svar på en skala fra 1 (nei, ikke i det hele tatt) til 5 (ja, helt). Tall vises bare når minst 5 har svart på spørsmålet.',
    nn: 'Anonyme svar på ein skala frå 1 (nei, ikkje i det heile) til 5 (ja, heilt). Tal blir berre viste når minst 5 har svart på spørsmålet.',
    en: 'Anonymous answers on a scale from 1 (no, not at all) to 5 (yes, completely). Numbers are shown only when at least 5 answered the question.',
  },
  'evaluation.respondents': { nb: 'Antall som svarte', nn: 'Talet på dei som svarte', en: 'Respondents' },
  'evaluation.none': { nb: 'Ingen evaluering ennå.', nn: 'Inga evaluering enno.', en: 'No evaluation yet.' },
  'evaluation.tooFew': { nb: 'For få svar til å vise noe.', nn: 'For få svar til å vise noko.', en: 'Too few answers to show anything.' },
  'evaluation.rankOnly': { nb: 'For få svar til å vise tall.', nn: 'For få svar til å vise tal.', en: 'Too few answers to show numbers.' },
  'evaluation.rankOnlyRanked': {
    nb: 'Plass {rank} av spørsmålene (for få svar til å vise tall).',
    nn: 'Plass {rank} av spørsmåla (for få svar til å vise tal).',
    en: 'Rank {rank} of the questions (too few answers to show numbers).',
  },
  'evaluation.question': { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Question' },
  'evaluation.n': { nb: 'Svar', nn: 'Svar', en: 'Answers' },
  'evaluation.mean': { nb: 'Snitt', nn: 'Snitt', en: 'Mean' },

  // Status log
  'log.recommendation': { nb: 'Anbefaling', nn: 'Tilråding', en: 'Recommendation' },
  'log.decision': { nb: 'Vedtak', nn: 'Vedtak', en: 'Decision' },
  'log.fedBack': { nb: 'Tilbakemeldt til ungdommene', nn: 'Tilbakemeldt til ungdomane', en: 'Fed back to the youth' },
  'log.date': { nb: 'Dato', nn: 'Dato', en: 'Date' },
  'log.kind': { nb: 'Hva', nn: 'Kva', en: 'What' },
  'log.text': { nb: 'Beskrivelse', nn: 'Skildring', en: 'Description' },
  'log.empty': {
    nb: 'Ingen oppføringer ennå. Neste steg: anbefaling → vedtak → tilbakemelding til ungdommene.',
    nn: 'Ingen oppføringar enno. Neste steg: tilråding → vedtak → tilbakemelding til ungdomane.',
    en: 'No entries yet. Next: recommendation → decision → feedback to the youth.',
  },

  // CSV headers and values
  'csv.noteId': { nb: 'Innspill-id', nn: 'Innspel-id', en: 'Note id' },
  'csv.note': { nb: 'Innspill', nn: 'Innspel', en: 'Note' },
  'csv.redacted': { nb: 'Sladdet', nn: 'Sladda', en: 'Redacted' },
  'csv.groupId': { nb: 'Gruppe-id', nn: 'Gruppe-id', en: 'Group id' },
  'csv.group': { nb: 'Gruppe', nn: 'Gruppe', en: 'Group' },
  'csv.noteCount': { nb: 'Antall innspill', nn: 'Tal på innspel', en: 'Number of notes' },
  'csv.sector': { nb: 'Sektor', nn: 'Sektor', en: 'Sector' },
  'csv.reachYes': { nb: 'Når meg: ja', nn: 'Når meg: ja', en: 'Reaches me: yes' },
  'csv.reachNo': { nb: 'Når meg: nei', nn: 'Når meg: nei', en: 'Reaches me: no' },
  'csv.reachUnsure': { nb: 'Når meg: usikker', nn: 'Når meg: usikker', en: 'Reaches me: unsure' },
  'csv.reachN': { nb: 'Svar om rekkevidde', nn: 'Svar om rekkjevidd', en: 'Reach answers' },
  'csv.step': { nb: 'Steg', nn: 'Steg', en: 'Step' },
  'csv.roundId': { nb: 'Avstemning-id', nn: 'Avrøysting-id', en: 'Round id' },
  'csv.method': { nb: 'Metode', nn: 'Metode', en: 'Method' },
  'csv.voters': { nb: 'Stemte', nn: 'Røysta', en: 'Voters' },
  'csv.blank': { nb: 'Blanke', nn: 'Blanke', en: 'Blank' },
  'csv.optionId': { nb: 'Alternativ-id', nn: 'Alternativ-id', en: 'Option id' },
  'csv.score': { nb: 'Poengsum', nn: 'Poengsum', en: 'Score' },
  'csv.yes': { nb: 'ja', nn: 'ja', en: 'yes' },
  'csv.no': { nb: 'nei', nn: 'nei', en: 'no' },
  'method.dots': { nb: 'Prikker', nn: 'Prikkar', en: 'Dots' },
  'method.ranking': { nb: 'Rangering', nn: 'Rangering', en: 'Ranking' },
  'method.scale': { nb: 'Skala', nn: 'Skala', en: 'Scale' },
  'method.traffic': { nb: 'Trafikklys', nn: 'Trafikklys', en: 'Traffic light' },
} as const satisfies Record<string, Trilingual>

export type TextKey = keyof typeof TEXTS

/** A text in the locale with its {placeholders} filled in one pass (braces inside values stay). */
export function tr(key: TextKey, locale: SummaryLocale, params: Readonly<Record<string, string | number>> = {}): string {
  return TEXTS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

// ---------------------------------------------------------------------------------------------
// Domain texts with nynorsk

export const RATING_TEXTS: Readonly<Record<Rating, Trilingual>> = {
  green: { nb: 'Grønn', nn: 'Grøn', en: 'Green' },
  yellow: { nb: 'Gul', nn: 'Gul', en: 'Yellow' },
  red: { nb: 'Rød', nn: 'Raud', en: 'Red' },
  unknown: { nb: 'Vet ikke', nn: 'Veit ikkje', en: "Don't know" },
}

export const ROW_LABELS: Readonly<Record<Row, Trilingual>> = {
  universal: withNn(ROW_TEXTS.universal.label, 'Universelle innsatsar'),
  targeted: withNn(ROW_TEXTS.targeted.label, 'Målretta innsatsar'),
}

export const COLUMN_LABELS: Readonly<Record<Column, Trilingual>> = {
  prevent: withNn(COLUMN_TEXTS.prevent.label, 'Hindre sosial ulikskap i helse'),
  reduce_risk: withNn(COLUMN_TEXTS.reduce_risk.label, 'Redusere risikofaktorar'),
  reduce_consequences: withNn(COLUMN_TEXTS.reduce_consequences.label, 'Redusere konsekvensar av sosial ulikskap i helse'),
}

/** Completes "for å …" / "to …", as `COLUMN_TEXTS[c].short`. */
export const COLUMN_SHORT: Readonly<Record<Column, Trilingual>> = {
  prevent: withNn(COLUMN_TEXTS.prevent.short, 'førebyggje ulikskap'),
  reduce_risk: withNn(COLUMN_TEXTS.reduce_risk.short, 'redusere risiko'),
  reduce_consequences: withNn(COLUMN_TEXTS.reduce_consequences.short, 'redusere konsekvensar'),
}

export const EFFORT_STATUS_TEXTS: Readonly<Record<EffortStatus, TextKey>> = {
  existing: 'status.existing',
  planned: 'status.planned',
  proposed: 'status.proposed',
}

/** Nynorsk of matrix.ts GAP_TEXTS, same placeholders. */
export const GAP_TEXTS_NN: Readonly<Record<GapTextKey, string>> = {
  'gap.emptyCell.universal.prevent': 'Ingen universelle tiltak som førebyggjer i {sector}: alle bør bli nådde, ikkje berre dei med høgast risiko.',
  'gap.emptyCell.universal.reduce_risk':
    'Ingen universelle tiltak som reduserer risiko i {sector}: trygge omgivnader og gode vanar hjelper alle, til dømes mindre støy og mobbing.',
  'gap.emptyCell.universal.reduce_consequences':
    'Ingen universelle tiltak for dei som allereie slit i {sector}: alle bør vite kvar dei får hjelp, og få hjelp raskt.',
  'gap.emptyCell.targeted.prevent':
    'Ingen målretta tiltak som førebyggjer i {sector}: nokre grupper treng ekstra støtte for å få dei same moglegheitene som andre.',
  'gap.emptyCell.targeted.reduce_risk':
    'Ingen målretta tiltak som reduserer risiko i {sector}: grupper som er meir utsette, treng ekstra hjelp mot det som gjer dei sjuke eller utrygge.',
  'gap.emptyCell.targeted.reduce_consequences':
    'Ingen målretta tiltak for dei som allereie er ramma i {sector}: dei som har det vanskelegast, treng hjelp som passar for dei.',
  'gap.targetedWithoutUniversal':
    'I {sector} finst det berre målretta tiltak for å {column}. Legg til eit tiltak for alle: å berre hjelpe dei med høgast risiko er ikkje nok, og det kan stemple dei.',
  'gap.universalNotReaching': 'Unge seier at «{effort}» ikkje når dei ({no} av {n} svar). Eit tiltak for alle må òg nå dei som treng det mest.',
  'gap.universalNotReachingFew': 'Fleire unge seier at «{effort}» ikkje når dei enn at det gjer det. Eit tiltak for alle må òg nå dei som treng det mest.',
}

/** The gap explanation template in any summary locale. */
export function gapTemplate(key: GapTextKey, locale: SummaryLocale): string {
  return locale === 'nn' ? GAP_TEXTS_NN[key] : GAP_TEXTS[key][locale]
}

const SECTOR_NN: Readonly<Record<string, string>> = {
  oppvekst: 'Oppvekst',
  helse_omsorg: 'Helse og omsorg',
  kultur_fritid: 'Kultur/idrett/fritid',
  plan_areal: 'Plan/areal/samferdsel',
  bolig: 'Bustad',
  arbeid_inntekt: 'Arbeid/inntekt/inkludering',
  integrering: 'Integrering',
  tverrsektoriell: 'Sektorovergripande',
}

/**
 * A sector's name. In nynorsk a default sector gets its nynorsk name only while it still has its
 * default bokmål name: a municipality that renamed "Bolig" to "Bolig og eiendom" means that name.
 */
export function sectorName(sector: Sector | undefined, id: string, locale: SummaryLocale): string {
  if (!sector) return id
  if (locale !== 'nn') return pickText(sector.name, locale)
  const def = DEFAULT_SECTORS.find((s) => s.id === sector.id)
  return def && def.name.nb === sector.name.nb && Object.hasOwn(SECTOR_NN, sector.id) ? (SECTOR_NN[sector.id] as string) : sector.name.nb
}

export const LEVEL_LABELS: Readonly<Record<InequalityLevel, Trilingual>> = {
  between_municipalities: withNn(LEVEL_TEXTS.between_municipalities, 'Mellom kommunar'),
  between_groups: withNn(LEVEL_TEXTS.between_groups, 'Mellom befolkningsgrupper'),
  within_groups: withNn(LEVEL_TEXTS.within_groups, 'Innanfor befolkningsgrupper'),
  within_intervention: withNn(LEVEL_TEXTS.within_intervention, 'I sjølve tiltaket og prosessane rundt'),
}

const BARRIER_NN: Readonly<Record<BarrierId, string>> = {
  transport: 'Transport',
  equipment: 'Utstyr',
  parental_permission: '«Lov» frå foreldre',
  feeling_welcome: 'Trua på at ein er velkomen',
  cost: 'Eigendel og kostnad',
  time_and_place: 'Tidspunkt, stad og universell utforming',
  language_and_information: 'Språk, klarspråk og kanal',
  digital_access: 'Digital tilgang',
}

export const BARRIER_LABELS: Readonly<Record<BarrierId, Trilingual>> = Object.fromEntries(
  BARRIERS.map((b) => [b.id, withNn(b.label, BARRIER_NN[b.id])]),
) as Record<BarrierId, Trilingual>

const EVALUATION_NN: Readonly<Record<EvaluationQuestionId, { text: string; label: string }>> = {
  couldSay: { text: 'Fekk du sagt det du ville?', label: 'Fekk sagt det dei ville' },
  willMatter: { text: 'Trur du det vil bety noko?', label: 'Trur det vil bety noko' },
  wasClear: { text: 'Var det tydeleg?', label: 'Var tydeleg' },
}

export const EVALUATION_TEXTS: Readonly<Record<EvaluationQuestionId, { text: Trilingual; label: Trilingual }>> = Object.fromEntries(
  EVALUATION_QUESTIONS.map((q) => [q.id, { text: withNn(q.text, EVALUATION_NN[q.id].text), label: withNn(q.label, EVALUATION_NN[q.id].label) }]),
) as Record<EvaluationQuestionId, { text: Trilingual; label: Trilingual }>

const BREAKDOWN_NN: Readonly<Record<BreakdownKey, string>> = {
  gender: 'Kjønn',
  grade: 'Klassetrinn',
  income: 'Familieøkonomi / inntekt',
  parentsEducation: 'Utdanninga til foreldra',
  ethnicBackground: 'Innvandrings- / etnisk bakgrunn',
  area: 'Område / krins',
  school: 'Skule',
}

/** A breakdown's label: the known key's, or the free text itself (as actionPlan.breakdownLabel). */
export function breakdownText(b: string, locale: SummaryLocale): string {
  if (!Object.hasOwn(BREAKDOWN_LABELS, b)) return b
  const key = b as BreakdownKey
  return locale === 'nn' ? BREAKDOWN_NN[key] : BREAKDOWN_LABELS[key][locale]
}

export const APPROACH_TEXTS: Readonly<Record<Approach, TextKey>> = {
  universal: 'approach.universal',
  proportionate: 'approach.proportionate',
  targeted: 'approach.targeted',
}

export const INDICATOR_TYPE_TEXTS: Readonly<Record<IndicatorType, TextKey>> = {
  process: 'indicator.process',
  output: 'indicator.output',
  outcome: 'indicator.outcome',
  equityGap: 'indicator.equityGap',
}

export const PLAN_ERROR_TEXTS: Readonly<Record<PlanErrorCode, Trilingual>> = {
  required: { nb: 'må fylles ut', nn: 'må fyllast ut', en: 'is required' },
  tooLong: { nb: 'er for lang', nn: 'er for lang', en: 'is too long' },
  tooMany: { nb: 'har for mange', nn: 'har for mange', en: 'has too many' },
  invalid: { nb: 'er ugyldig', nn: 'er ugyldig', en: 'is invalid' },
  badDate: { nb: 'er ikke en gyldig dato', nn: 'er ikkje ein gyldig dato', en: 'is not a valid date' },
  pastDate: { nb: 'er allerede passert', nn: 'er alt passert', en: 'has already passed' },
  baselineRequired: {
    nb: 'mangler utgangsverdi (målet kan ikke følges opp uten)',
    nn: 'manglar utgangsverdi (målet kan ikkje følgjast opp utan)',
    en: 'needs a baseline (the target cannot be followed up without one)',
  },
  targetGroupRequired: { nb: 'et målrettet tiltak må si hvem det er for', nn: 'eit målretta tiltak må seie kven det er for', en: 'a targeted measure must say whom it is for' },
  extraForRequired: {
    nb: 'proporsjonal universalisme må si hvem som får ekstra',
    nn: 'proporsjonal universalisme må seie kven som får ekstra',
    en: 'proportionate universalism must say who gets extra',
  },
  ownerRoleRequired: { nb: 'mangler ansvarlig rolle', nn: 'manglar ansvarleg rolle', en: 'needs an owner role' },
  breakdownRequired: {
    nb: 'en forskjellsindikator må si hvilke grupper den sammenligner',
    nn: 'ein skilnadsindikator må seie kva grupper han samanliknar',
    en: 'an equity-gap indicator must say which groups it compares',
  },
}

export const PLAN_WARNING_TEXTS: Readonly<Record<PlanWarningCode, Trilingual>> = {
  noEquityIndicator: { nb: 'ingen indikator måler forskjellen mellom grupper', nn: 'ingen indikator måler skilnaden mellom grupper', en: 'no indicator measures the gap between groups' },
  goalNotMeasurable: { nb: 'målet har ingen tall, så det kan ikke måles', nn: 'målet har ingen tal, så det kan ikkje målast', en: 'the goal has no number, so it cannot be measured' },
  ownerLooksLikeName: { nb: 'ser ut som et navn – bruk en rolle', nn: 'ser ut som eit namn – bruk ei rolle', en: 'looks like a name – use a role' },
}

// ---------------------------------------------------------------------------------------------
// Dates and numbers

const MONTHS_NO = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'] as const
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const
/** Nynorsk month names are the bokmål ones; kept as its own list so a reader does not wonder. */
export const MONTHS: Readonly<Record<SummaryLocale, readonly string[]>> = { nb: MONTHS_NO, nn: MONTHS_NO, en: MONTHS_EN }

export interface DateParts {
  year: number
  /** 1–12 */
  month: number
  day: number
}

const HOUR = 3_600_000

/** 01:00 UTC on the last Sunday of a month (`month0` 0-based): when EU summer time starts or ends. */
function lastSundayOneUtc(year: number, month0: number): number {
  const last = new Date(Date.UTC(year, month0 + 1, 0))
  return Date.UTC(year, month0, last.getUTCDate() - last.getUTCDay(), 1)
}

/** The calendar date in Norway of a moment in ms since 1970 (see the file comment). */
export function osloDate(ms: number): DateParts {
  const year = new Date(ms + HOUR).getUTCFullYear()
  const summer = ms >= lastSundayOneUtc(year, 2) && ms < lastSundayOneUtc(year, 9)
  const local = new Date(ms + (summer ? 2 : 1) * HOUR)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

export function formatDateParts(d: DateParts, locale: SummaryLocale): string {
  const month = MONTHS[locale][d.month - 1] ?? String(d.month)
  return locale === 'en' ? `${d.day} ${month} ${d.year}` : `${d.day}. ${month} ${d.year}`
}

/** "15. januar 2099" / "15 January 2099"; an invalid or non-finite time gives ''. */
export function formatMsDate(ms: number, locale: SummaryLocale): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return ''
  return formatDateParts(osloDate(ms), locale)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseIsoDate(s: string): DateParts | null {
  const m = ISO_DATE.exec(s.trim())
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return { year, month, day }
}

/** A yyyy-mm-dd date written out; anything else is returned trimmed, as the person typed it. */
export function formatIsoDate(s: string, locale: SummaryLocale): string {
  const d = parseIsoDate(s)
  return d ? formatDateParts(d, locale) : s.trim()
}

export function isoDateOf(d: DateParts): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}

/** One decimal, with a decimal comma in Norwegian: 4.25 → "4,3" / "4.3". */
export function formatDecimal(x: number, locale: SummaryLocale, digits = 1): string {
  const s = (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits)
  return locale === 'en' ? s : s.replace('.', ',')
}
