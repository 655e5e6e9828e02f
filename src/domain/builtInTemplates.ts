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

function mustValidate(raw: unknown): Template {
  const r = validateTemplate(raw)
  if (!r.ok) throw new Error(`built-in template invalid: ${JSON.stringify(r.problems)}`)
  return r.template
}

export const BUILT_IN_TEMPLATES: readonly Template[] = [mustValidate(ideasAndClusters), mustValidate(prioritise)]
