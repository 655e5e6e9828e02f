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

/** DOMAIN.md template B: an equity check of a planned intervention, for a 90-minute meeting. */
const templateB = {
  schema: 1,
  id: 'b-likhetssjekk',
  builtIn: true,
  name: { nb: 'B. Likhetssjekk av et planlagt tiltak', en: 'B. Equity check of a planned intervention' },
  description: {
    nb: 'Et tiltak kommunen planlegger, sjekket sammen med ungdom: hvem når det, og hvem kan det gå forbi? Sjekkliste på fire nivåer, forslag til forbedringer, avstemning, indikatorer og overlevering.',
    en: 'A measure the municipality is planning, checked together with young people: whom does it reach, and whom could it miss? Four-level checklist, suggested improvements, vote, indicators and handover.',
  },
  steps: [
    {
      id: 'welcome',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Velkommen og avtale', en: 'Welcome and agreement' },
      prompt: {
        nb: 'I dag sjekker vi et tiltak kommunen planlegger. Her står hva dere kan påvirke, hvem som bestemmer, og når dere får svar. Alt dere skriver og stemmer er anonymt.',
        en: 'Today we check a measure the municipality is planning. Here you see what you can influence, who decides, and when you hear back. Everything you write and vote is anonymous.',
      },
    },
    {
      id: 'intervention',
      kind: 'info',
      minutes: 8,
      title: { nb: 'Hva er tiltaket?', en: 'What is the measure?' },
      prompt: {
        nb: 'Den som har ansvar for tiltaket forteller kort: hva skal gjøres, for hvem, hvor og når, og hvilket mål i planen det skal nå. Spør om det som er uklart.',
        en: 'The person responsible for the measure tells briefly: what will be done, for whom, where and when, and which goal in the plan it serves. Ask about anything unclear.',
      },
    },
    {
      id: 'check',
      kind: 'equity-check',
      minutes: 25,
      title: { nb: 'Likhetssjekken', en: 'The equity check' },
      prompt: {
        nb: 'Vi går gjennom fire nivåer: mellom kommuner, mellom grupper, innad i grupper og i selve tiltaket. Grønn, gul, rød, eller «vet ikke» – det vi ikke vet, blir en oppgave.',
        en: 'We go through four levels: between municipalities, between groups, within groups and in the measure itself. Green, yellow, red, or "don\'t know" – what we do not know becomes a task.',
      },
    },
    {
      id: 'mitigations',
      kind: 'brainstorm',
      minutes: 12,
      options: { hiddenUntilReveal: true, phases124All: false },
      title: { nb: 'Hva kan gjøre det bedre?', en: 'What could make it better?' },
      prompt: {
        nb: 'Hva må til for at tiltaket når alle, også dem som ikke pleier å komme? Tenk på transport, utstyr, lov hjemmefra, å føle seg velkommen, pris, tid og sted, språk. Ett forslag per lapp.',
        en: 'What would it take for the measure to reach everyone, including those who do not usually come? Think of transport, equipment, permission from home, feeling welcome, cost, time and place, language. One suggestion per note.',
      },
    },
    {
      id: 'group',
      kind: 'cluster',
      minutes: 8,
      title: { nb: 'Slå sammen like forslag', en: 'Merge similar suggestions' },
      prompt: { nb: 'Legg forslag som handler om det samme i én gruppe, og gi gruppen et kort navn.', en: 'Put suggestions about the same thing in one group, and give the group a short name.' },
    },
    {
      id: 'vote',
      kind: 'vote',
      minutes: 8,
      options: { method: 'dots', dots: 3, capPerOption: 0, mustNot: false, topK: 3, source: 'clusters', custom: [] },
      title: { nb: 'Hvilke forbedringer er viktigst?', en: 'Which improvements matter most?' },
      prompt: { nb: 'Du har tre prikker. Legg dem på forbedringene du mener er viktigst. Ingen ser hva du stemmer.', en: 'You have three dots. Put them on the improvements you think matter most. Nobody sees what you vote.' },
    },
    {
      id: 'plan',
      kind: 'action-plan',
      minutes: 20,
      title: { nb: 'Mål og indikatorer', en: 'Goal and indicators' },
      prompt: {
        nb: 'Vi skriver målet for likhet, hvem tiltaket er for, hva som skal gjøres, og hvordan vi ser om forskjellene blir mindre. Velg gjerne indikatorer fra Ungdata eller folkehelseprofilen.',
        en: 'We write the equity goal, whom the measure is for, what will be done, and how we will see whether the gaps shrink. Pick indicators from Ungdata or the public-health profile if you like.',
      },
    },
    {
      id: 'handover',
      kind: 'info',
      minutes: 4,
      title: { nb: 'Overlevering', en: 'Handover' },
      prompt: {
        nb: 'Sjekken, forbedringene dere stemte fram og planen går til den som har ansvar for tiltaket. Dere får svar innen datoen over.',
        en: 'The check, the improvements you voted for and the plan go to whoever is responsible for the measure. You hear back by the date above.',
      },
    },
  ],
}

/** DOMAIN.md template C: map the municipality's efforts on the matrix and find the gaps. */
const templateC = {
  schema: 1,
  id: 'c-kartlegg-innsatsene',
  builtIn: true,
  name: { nb: 'C. Kartlegg innsatsene våre', en: 'C. Map our efforts on the matrix' },
  description: {
    nb: 'Hva gjør kommunen allerede, for hvem, og hvor i årsakskjeden? Forklaring med eksemplene fra Oppvekst, stille kartlegging, sammenslåing, plassering i matrisen, hullskanning, likhetspause og avstemning om hvilket hull som skal tettes først.',
    en: 'What does the municipality already do, for whom, and where in the causal chain? Explanation with the Childhood and education examples, silent mapping, merging, placing on the matrix, gap scan, equity pause and a vote on which gap to fill first.',
  },
  steps: [
    {
      id: 'welcome',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Velkommen og avtale', en: 'Welcome and agreement' },
      prompt: {
        nb: 'I dag kartlegger vi hva kommunen gjør for at alle unge skal ha like muligheter til god helse. Her står hva dere kan påvirke, hvem som bestemmer, og når dere får svar.',
        en: 'Today we map what the municipality does so that all young people have equal chances of good health. Here you see what you can influence, who decides, and when you hear back.',
      },
    },
    {
      id: 'explain',
      kind: 'info',
      minutes: 10,
      title: { nb: 'Slik virker matrisen', en: 'How the matrix works' },
      prompt: {
        nb: 'Radene sier hvem et tiltak er for: alle (universelt) eller en gruppe med høyere risiko (målrettet). Kolonnene sier hvor i årsakskjeden det virker: forhindre ulikhet, redusere risiko, eller redusere konsekvenser. Eksempel: «Gratis fritidsaktiviteter» er for alle og forhindrer ulikhet; «PPT for elever som trenger mer støtte» er målrettet og reduserer konsekvenser.',
        en: 'The rows say whom an effort is for: everyone (universal) or a group at higher risk (targeted). The columns say where in the causal chain it acts: prevent inequality, reduce risk, or reduce consequences. Example: "free leisure activities" is for everyone and prevents inequality; "the PPT service for pupils who need more support" is targeted and reduces consequences.',
      },
    },
    {
      id: 'ideas',
      kind: 'brainstorm',
      minutes: 12,
      options: { hiddenUntilReveal: true, phases124All: false },
      title: { nb: 'Hva finnes i dag?', en: 'What is there today?' },
      prompt: {
        nb: 'Skriv tiltak du vet om i kommunen – på skolen, i fritiden, på helsestasjonen, i nabolaget. Ett tiltak per lapp. Ingen ser lappene før vi viser dem sammen.',
        en: 'Write efforts you know of in the municipality – at school, in leisure time, at the health centre, in the neighbourhood. One effort per note. Nobody sees the notes until we show them together.',
      },
    },
    {
      id: 'merge',
      kind: 'cluster',
      minutes: 8,
      title: { nb: 'Slå sammen like tiltak', en: 'Merge the same efforts' },
      prompt: { nb: 'Flere har kanskje skrevet det samme tiltaket. Legg dem i én gruppe og gi den tiltakets navn.', en: 'Several people may have written the same effort. Put them in one group and give it the effort\'s name.' },
    },
    {
      id: 'map',
      kind: 'matrix',
      minutes: 20,
      options: { examples: true, gaps: true, defaultStatus: 'existing' },
      title: { nb: 'Plasser i matrisen', en: 'Place on the matrix' },
      prompt: {
        nb: 'Dra hvert tiltak til ruten det hører hjemme i, eller velg rute fra menyen på kortet. Målrettede tiltak må si hvem de er for. Bytt sektor øverst.',
        en: 'Drag each effort to the cell it belongs in, or choose a cell from the menu on the card. Targeted efforts must say whom they are for. Switch sector at the top.',
      },
    },
    {
      id: 'gap-scan',
      kind: 'matrix',
      minutes: 10,
      options: { examples: false, gaps: true, defaultStatus: 'existing' },
      title: { nb: 'Hvor er hullene?', en: 'Where are the gaps?' },
      prompt: {
        nb: 'Se på hullene matrisen viser. Svar også på «Når dette deg?» for tiltakene som er for alle – hvis mange svarer nei, er det også et hull.',
        en: 'Look at the gaps the matrix shows. Also answer "Does this reach you?" for the efforts meant for everyone – if many say no, that is a gap too.',
      },
    },
    {
      id: 'equity-pause',
      kind: 'discuss',
      minutes: 10,
      title: { nb: 'Likhetspause', en: 'Equity pause' },
      prompt: { nb: 'Hvem når ingen av tiltakene? Hvem er ikke i rommet i dag, og hva ville de sagt?', en: 'Whom do none of the efforts reach? Who is not in the room today, and what would they say?' },
    },
    {
      id: 'vote',
      kind: 'vote',
      minutes: 10,
      options: { method: 'dots', dots: 3, capPerOption: 0, mustNot: false, topK: 3, source: 'gaps', custom: [] },
      title: { nb: 'Hvilket hull først?', en: 'Which gap first?' },
      prompt: { nb: 'Du har tre prikker. Legg dem på hullene du mener kommunen bør tette først. Ingen ser hva du stemmer.', en: 'You have three dots. Put them on the gaps you think the municipality should fill first. Nobody sees what you vote.' },
    },
    {
      id: 'handover',
      kind: 'info',
      minutes: 5,
      title: { nb: 'Overlevering', en: 'Handover' },
      prompt: {
        nb: 'Matrisen, hullene og prioriteringen deres går til den som bestemmer. Dere får svar innen datoen over.',
        en: 'The matrix, the gaps and your priorities go to whoever decides. You hear back by the date above.',
      },
    },
  ],
}

function mustValidate(raw: unknown): Template {
  const r = validateTemplate(raw)
  if (!r.ok) throw new Error(`built-in template invalid: ${JSON.stringify(r.problems)}`)
  return r.template
}

export const BUILT_IN_TEMPLATES: readonly Template[] = [mustValidate(ideasAndClusters), mustValidate(prioritise), mustValidate(templateA), mustValidate(templateB), mustValidate(templateC)]
