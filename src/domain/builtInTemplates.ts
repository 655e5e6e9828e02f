/** The templates that ship with Medvirk. Data, validated by the same schema as imported files. */
import { validateTemplate, type Template } from './template.ts'

const ideasAndClusters = {
  schema: 1,
  id: 'idemyldring-og-gruppering',
  builtIn: true,
  name: { nb: 'Idémyldring og gruppering', en: 'Brainstorm and cluster' },
  description: {
    nb: 'Alle skriver ideer hver for seg først, så grupperer vi dem sammen og snakker om det viktigste. Passer for et ungdomsrådsmøte på rundt en time.',
    en: 'Everyone writes ideas alone first, then we group them together and talk about what matters most. Fits a youth-council meeting of about an hour.',
  },
  steps: [
    {
      id: 'welcome',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Velkommen', en: 'Welcome' },
      prompt: {
        nb: 'Velkommen! Her ser du hva vi skal bestemme i dag, hva dere kan påvirke, hvem som bestemmer til slutt, og når dere får høre hva som skjedde med forslagene deres. Alt dere skriver er anonymt.',
        en: 'Welcome! Here you see what we will decide today, what you can influence, who decides in the end, and when you will hear what happened to your suggestions. Everything you write is anonymous.',
      },
    },
    {
      id: 'check-in',
      kind: 'pulse',
      minutes: 3,
      title: { nb: 'Hvordan har du det i dag?', en: 'How are you today?' },
      prompt: { nb: 'Velg den som passer best. Bare summen vises.', en: 'Choose the one that fits best. Only the totals are shown.' },
    },
    {
      id: 'ideas',
      kind: 'brainstorm',
      minutes: 10,
      options: { hiddenUntilReveal: true, phases124All: false },
      title: { nb: 'Stille idémyldring', en: 'Silent brainstorm' },
      prompt: {
        nb: 'Hva ville gjort fritiden bedre for unge her? Skriv én idé per lapp. Ingen ser lappene før vi viser dem sammen.',
        en: 'What would make leisure time better for young people here? One idea per note. Nobody sees the notes until we show them together.',
      },
    },
    {
      id: 'group',
      kind: 'cluster',
      minutes: 15,
      title: { nb: 'Grupper ideene', en: 'Group the ideas' },
      prompt: {
        nb: 'Legg lapper som handler om det samme i samme gruppe, og gi gruppen et navn.',
        en: 'Put notes about the same thing in the same group, and give the group a name.',
      },
    },
    {
      id: 'talk',
      kind: 'discuss',
      minutes: 15,
      title: { nb: 'Hva er viktigst?', en: 'What matters most?' },
      prompt: {
        nb: 'Vi ser på én gruppe om gangen. Hvem blir hjulpet? Hvem er ikke i rommet i dag?',
        en: 'We look at one group at a time. Who is helped? Who is not in the room today?',
      },
    },
    {
      id: 'close',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Takk, og hva skjer nå', en: 'Thank you, and what happens next' },
      prompt: {
        nb: 'Takk! Forslagene går til den som bestemmer. Dere får svar innen datoen som står øverst.',
        en: 'Thank you! The suggestions go to whoever decides. You will hear back by the date shown at the top.',
      },
    },
  ],
}

const prioritise = {
  schema: 1,
  id: 'prioriter-med-prikker',
  builtIn: true,
  name: { nb: 'Prioriter med prikker', en: 'Prioritise with dots' },
  description: {
    nb: 'Ideer, grupper og en anonym prikkavstemning: hver deltaker har tre prikker. Bare summen vises, og bare når nok har stemt.',
    en: 'Ideas, groups and an anonymous dot vote: every participant has three dots. Only the totals are shown, and only when enough people voted.',
  },
  steps: [
    {
      id: 'welcome',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Velkommen', en: 'Welcome' },
      prompt: {
        nb: 'I dag skal vi finne ut hva som er viktigst for dere. Her ser du hva dere kan påvirke, og når dere får svar.',
        en: 'Today we find out what matters most to you. Here you see what you can influence, and when you hear back.',
      },
    },
    {
      id: 'ideas',
      kind: 'brainstorm',
      minutes: 10,
      options: { hiddenUntilReveal: true, phases124All: false },
      title: { nb: 'Ideer', en: 'Ideas' },
      prompt: { nb: 'Skriv én idé per lapp.', en: 'One idea per note.' },
    },
    {
      id: 'group',
      kind: 'cluster',
      minutes: 10,
      title: { nb: 'Grupper', en: 'Groups' },
      prompt: { nb: 'Legg lapper som hører sammen i samme gruppe, og gi gruppen et navn.', en: 'Put notes that belong together in the same group, and name the group.' },
    },
    {
      id: 'vote',
      kind: 'vote',
      minutes: 10,
      options: { method: 'dots', dots: 3, capPerOption: 0, mustNot: false, topK: 3, source: 'clusters', custom: [] },
      title: { nb: 'Hva er viktigst?', en: 'What matters most?' },
      prompt: {
        nb: 'Du har tre prikker. Legg dem på gruppene du mener er viktigst – gjerne flere på samme. Ingen ser hva du stemmer.',
        en: 'You have three dots. Put them on the groups you think matter most – several on one is fine. Nobody sees what you vote.',
      },
    },
    {
      id: 'close',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Takk, og hva skjer nå', en: 'Thank you, and what happens next' },
      prompt: {
        nb: 'Takk! Resultatet går til den som bestemmer. Dere får svar innen datoen som står øverst.',
        en: 'Thank you! The result goes to whoever decides. You will hear back by the date shown at the top.',
      },
    },
  ],
}

/** DOMAIN.md template A (research/domain.md §3, Template A), for a 90-minute youth-council meeting. */
const templateA = {
  schema: 1,
  id: 'a-velg-innsatsomrade',
  builtIn: true,
  name: { nb: 'A. Velg innsatsområde med ungdomsrådet', en: 'A. Choose a focus area with the youth council' },
  description: {
    nb: 'Ungdomsrådet gir råd om hvilke 1–2 innsatsområder kommunen bør velge. Kunnskap, stille ideer, grupper, likhetspause, prikkavstemning, oppsummering, overlevering og evaluering.',
    en: 'The youth council advises which 1–2 focus areas the municipality should choose. Knowledge, silent ideas, groups, equity pause, dot vote, sense-making, handover and evaluation.',
  },
  steps: [
    {
      id: 'welcome',
      kind: 'info',
      minutes: 8,
      title: { nb: 'Velkommen og avtale', en: 'Welcome and agreement' },
      prompt: {
        nb: 'Kommunen skal velge 1–2 innsatsområder. Dere gir råd, og her står hvem som bestemmer, når, og når dere får svar. Alt dere skriver og stemmer er anonymt.',
        en: 'The municipality will choose 1–2 focus areas. You give advice, and here you see who decides, when, and when you hear back. Everything you write and vote is anonymous.',
      },
    },
    {
      id: 'knowledge',
      kind: 'info',
      minutes: 15,
      title: { nb: 'Hva vet vi?', en: 'What do we know?' },
      prompt: {
        nb: 'Tre tall fra Ungdata for kommunen vår, sammenlignet med fylket og landet: ensomhet, trygghet i nærmiljøet, og hvor mange som er med i en fritidsorganisasjon. Hva overrasker deg? Hva kjenner du igjen?',
        en: 'Three Ungdata figures for our municipality compared with the county and the country: loneliness, feeling safe in the local area, and how many take part in a leisure organisation. What surprises you? What do you recognise?',
      },
    },
    {
      id: 'ideas',
      kind: 'brainstorm',
      minutes: 15,
      options: { hiddenUntilReveal: true, phases124All: true },
      title: { nb: 'Stille ideer', en: 'Silent ideas' },
      prompt: {
        nb: 'Hva er viktigst å gjøre noe med for unge her? Først alene, så to og to, så fire sammen, så alle.',
        en: 'What is most important to do something about for young people here? First alone, then in pairs, then in fours, then all together.',
      },
    },
    {
      id: 'group',
      kind: 'cluster',
      minutes: 12,
      title: { nb: 'Grupper og navn', en: 'Groups and names' },
      prompt: { nb: 'Legg lapper som hører sammen i samme gruppe, og gi gruppene navn med deres egne ord.', en: 'Put notes that belong together in the same group, and name the groups in your own words.' },
    },
    {
      id: 'equity-pause',
      kind: 'discuss',
      minutes: 12,
      title: { nb: 'Likhetspause', en: 'Equity pause' },
      prompt: {
        nb: 'For hver gruppe: Hvem er mest utsatt her hos oss? Hvem er ikke i rommet i dag?',
        en: 'For each group: who is most exposed here? Who is not in the room today?',
      },
    },
    {
      id: 'vote',
      kind: 'vote',
      minutes: 8,
      options: { method: 'dots', dots: 3, capPerOption: 0, mustNot: false, topK: 3, source: 'clusters', custom: [] },
      title: { nb: 'Tre prikker', en: 'Three dots' },
      prompt: { nb: 'Du har tre prikker. Legg dem på det du mener er viktigst. Ingen ser hva du stemmer.', en: 'You have three dots. Put them on what you think matters most. Nobody sees what you vote.' },
    },
    {
      id: 'sense-making',
      kind: 'discuss',
      minutes: 10,
      title: { nb: 'Hva betyr resultatet?', en: 'What does the result mean?' },
      prompt: { nb: 'Vi ser på de tre øverste. Er noen uenige? Det skriver vi også ned.', en: 'We look at the top three. Does anyone disagree? We write that down too.' },
    },
    {
      id: 'handover',
      kind: 'info',
      minutes: 7,
      title: { nb: 'Rådet vårt', en: 'Our advice' },
      prompt: {
        nb: 'Dette er rådet deres, med deres begrunnelse. Det går til den som bestemmer, og dere får svar innen datoen over.',
        en: 'This is your advice, with your reasons. It goes to whoever decides, and you hear back by the date above.',
      },
    },
    {
      id: 'evaluation',
      kind: 'evaluation',
      minutes: 3,
      title: { nb: 'Hvordan var det?', en: 'How was it?' },
      prompt: { nb: 'Tre korte spørsmål. Svarene er anonyme.', en: 'Three short questions. The answers are anonymous.' },
    },
  ],
}

function mustValidate(raw: unknown): Template {
  const r = validateTemplate(raw)
  if (!r.ok) throw new Error(`built-in template invalid: ${JSON.stringify(r.problems)}`)
  return r.template
}

export const BUILT_IN_TEMPLATES: readonly Template[] = [mustValidate(ideasAndClusters), mustValidate(prioritise), mustValidate(templateA)]
