/**
 * Local hints for personal information in a note: what looks like a name, a phone number, an
 * e-mail address or a street address. DOMAIN.md asks for "a constant hint 'don't write names'
 * with local highlighting"; this is the highlighting. It runs on the writer's own device only,
 * never blocks publishing, and nothing it finds is stored or sent anywhere.
 *
 * It is a *hint to the writer*, not a filter, so it is tuned to be cheap, predictable and
 * explainable rather than complete:
 *
 * - E-mail: `local@domain.tld`. Obfuscated forms ("kari at gmail dot com") are not found.
 * - Phone: Norwegian 8-digit numbers written `12345678`, `123 45 678`, `12 34 56 78` or
 *   `1234 5678` (space, no-break space or hyphen between groups), optionally after `+47`, `0047`
 *   or `(+47)`; and any `+<country>` / `00<country>` number with 8–15 digits. A number glued to
 *   more digits, a decimal, a time (`18:30`), a percentage or a currency (`kr`, `NOK`, `€`) is not
 *   a phone number, nor are two years (`2025 2026`) or a compact date (`20260312`, `12032026`).
 *   Shorter numbers (years, ages, prices) never match because they are too short.
 * - Street address: a word ending in -veien/-vegen/-gata/-gaten (any case) or -vei/-veg/-gate/-gt/
 *   -allé (capitalised, so "investigate 2" is not an address), or the separate word gate/vei/…
 *   after a capitalised word ("Kongens gate 12"), followed by a house number (`5`, `5B`).
 * - Name, from the tokens of the text:
 *   1. a word in the list below of ~330 given names common in Norway (including names common in
 *      immigrant communities and Sámi names) and a few very common surnames. A listed name that is
 *      also an everyday word ("Per" in "per dag", "Hans" = his, "Vår" = our, "Lykke til") is flagged
 *      only when capitalised and not first in a sentence, or when a capitalised surname follows;
 *      lower-case or ALL-CAPS forms of such words are never flagged. Other listed names are also
 *      flagged in lower case ("ring kari") because young writers often skip capitals;
 *   2. two or more consecutive capitalised words not at the start of a sentence ("med Kari
 *      Nordmann"), which also catches names that are not on the list;
 *   3. a capitalised word after a cue: "heter", "navnet (mitt) er", "kalt", "named", "called",
 *      "my name is", "jeg er", "I am", titles like "Mr", "fru", "rektor".
 *   Place names (a small stop list with Trøndelag in mind), month and day names, nationalities and
 *   a few brands are never names. Known misses: lower-case names not on the list, single
 *   capitalised unlisted names ("Ring Xiomara"), nicknames, social-media handles. Known false
 *   alarms: capitalised phrases ("Sentrum Scene"), names that are also places ("Frøya" is treated
 *   as the island). Both are acceptable because the writer decides.
 *
 * Matches are UTF-16 offsets into the input, sorted and non-overlapping. When detectors overlap,
 * e-mail wins over phone, phone over address, address over name (so "kari.nordmann@…" is one
 * e-mail, not a name inside an e-mail). Pure and fast: a 280-character note takes microseconds.
 */

export type PiiKind = 'email' | 'phone' | 'name' | 'address'

export interface PiiMatch {
  kind: PiiKind
  /** UTF-16 offset of the first character. */
  start: number
  /** UTF-16 offset just past the last character. */
  end: number
}

// ---------------------------------------------------------------------------------------------
// Word lists (lower case). Class 1: only ever a name. Class 2: also an everyday word in lower
// case ("bjørn" = bear), so only flagged when capitalised. Class 3: also plausible as a
// capitalised first word of a sentence ("Per dag", "Hans mor", "Vår skole"), so only flagged when
// capitalised mid-sentence or followed by a capitalised surname.

const NAMES_1 = `
emma nora sofie sofia olivia ella leah frida sara ingrid maja ada astrid alma selma hedda thea
amalie emilie julie ida hanna hannah mia vilde ellinor iben mathilde oda tiril sigrid ylva tuva
kaja eva marie maria mari martine ingeborg hermine helene jenny ronja madeleine malin andrea
victoria anna emilia lea luna agnes alva eline elise synne silje marte maren kristine kristin
karoline camilla tonje stine linn hilde heidi hege anne anita kari ingvild guro siri ragnhild
solveig åse inger trine marit gunn randi berit bente tove grete wenche unni torill eli sissel
kjersti elin ellen eirin mona nina lise janne hanne marianne monica gunhild oline sunniva embla
idun rakel ebba leonora frøydis iselin sanna synnøve torunn amanda aisha fatima amina maryam
mariam zainab zahra layla leila nour noor hiba hodan fadumo ayaan hamdi khadija sumaya ilham
hafsa ayesha sana hira iqra mahnoor aya lina rania yasmin jasmin salma senait selam semhar
saron helen helena zuzanna julia oliwia wiktoria natalia agnieszka katarzyna ewa emilija gabija
anastasia daria olena sofiia elif zeynep ayşe ayse linh anh priya parisa fatemeh máret biret
jakob noah emil lucas lukas oliver isak william filip theodor elias kasper magnus henrik oskar
ludvig johannes mathias matheo sander jonas markus tobias adrian benjamin liam olav theo sverre
gustav alexander leon håkon ulrik eirik erik mikkel sebastian martin johan kristian vetle sigurd
edvard herman brage odin sondre sindre simen vegard torstein eskil petter peder nikolai daniel
david samuel gabriel jonathan joakim andreas anders espen fredrik kristoffer thomas stian jørgen
harald halvor amund ola ole pål lars nils jens kjell arne geir trond tore terje morten frode kåre
leif ivar rolf steinar øyvind arild asbjørn einar gunnar helge jon kenneth kim vidar tormod
trygve yngve åsmund sigve leo adam aron mohammed mohammad mohamed muhammad ahmed ahmad ali omar
hassan hussein ibrahim yusuf yousef ismail abdi abdullahi abdirahman mustafa hamza bilal usman
zain imran faisal amir karim khaled rami mahdi reza mehmet emre yonas filmon jakub kacper szymon
mateusz piotr tomasz oleksandr dmytro maksym artem minh arun niillas ánde
hansen johansen olsen larsen andersen pedersen nilsen kristiansen jensen karlsen johnsen
pettersen eriksen halvorsen jacobsen jakobsen jørgensen henriksen sørensen gundersen iversen
svendsen knutsen martinsen paulsen kristoffersen mathisen amundsen rasmussen johannessen
andreassen haugen hagen solberg nordmann nguyen khan hussain
`
const NAMES_2 = `bjørn knut stein aksel iver svein rune roar siv birk erle linnea aurora nova mette
vilja elle dina signe line lene vera ane`
const NAMES_3 = `per dag hans liv tor even ask bo storm lykke live tone else gro vår inga max tom
finn stig odd said jan tea`

/** Places, calendar words, nationalities and brands: capitalised, but never a person. */
const STOP = `
oslo bergen trondheim stavanger tromsø drammen kristiansand fredrikstad sandnes bodø ålesund
tønsberg moss haugesund arendal hamar larvik halden lillehammer molde harstad gjøvik kongsberg
steinkjer levanger stjørdal namsos verdal orkanger orkland røros oppdal melhus malvik frøya hitra
skaun selbu tydal holtålen midtre gauldal rennebu heim inderøy snåsa grong lierne røyrvik
namsskogan høylandet overhalla nærøysund leka flatanger osen ørland indre fosen åfjord rindal
trøndelag viken vestland rogaland nordland troms finnmark agder innlandet telemark vestfold
østfold akershus buskerud møre romsdal norge noreg norway nord sør sápmi sverige sweden danmark
denmark finland island iceland europa europe afrika africa asia amerika america usa syria
somalia polen poland ukraina ukraine pakistan irak iraq iran eritrea afghanistan tyrkia turkey
tyskland germany england london stockholm københavn copenhagen helsinki grünerløkka groruddalen
stovner furuset grorud holmlia sagene tøyen grønland majorstuen lade moholt heimdal byåsen
saupstad kolstad tiller ranheim nidaros nidarosdomen
januar februar mars april mai juni juli august september oktober november desember january
february march may june july october december
mandag tirsdag onsdag torsdag fredag lørdag søndag monday tuesday wednesday thursday friday
saturday sunday jul påske christmas easter halloween ramadan eid pride gud god
norwegian norwegians swedish danish english british american somali polish syrian arabic urdu
sami sámi samisk norsk norske muslim muslims jewish hindu european african asian
nav ukm snapchat instagram tiktok youtube google facebook messenger whatsapp discord spotify
netflix vipps kiwi rema coop meny ruter atb vy iphone android playstation fortnite minecraft
roblox kommune kommunen fylkeskommunen helsestasjon helsestasjonen ungdomsråd ungdomsrådet
fritidsklubben ungdomsklubben røde kors
i'm i’m i'll i’ll i've i’ve i'd i’d
`

function wordSet(...lists: string[]): Set<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean))
}

const NAME_CLASS = new Map<string, 1 | 2 | 3>()
for (const n of wordSet(NAMES_1)) NAME_CLASS.set(n, 1)
for (const n of wordSet(NAMES_2)) NAME_CLASS.set(n, 2)
for (const n of wordSet(NAMES_3)) NAME_CLASS.set(n, 3)
const STOP_WORDS = wordSet(STOP)

/** Cue phrases before a name; `strong` cues make even a lower-case listed word a name ("heter per"). */
const CUES: readonly { words: readonly string[]; strong: boolean }[] = [
  ...['heter', 'navnet', 'kalt', 'kalles', 'named', 'called', 'mr', 'mrs', 'ms', 'dr', 'fru', 'herr'].map((w) => ({ words: [w], strong: true })),
  ...[['navnet', 'er'], ['navnet', 'mitt', 'er'], ['navnet', 'hans', 'er'], ['navnet', 'hennes', 'er'], ['name', 'is'], ['my', 'name', 'is']].map((words) => ({ words, strong: true })),
  ...[['jeg', 'er'], ['i', 'am'], ["i'm"], ['i’m'], ['rektor'], ['lærer'], ['læreren']].map((words) => ({ words, strong: false })),
]
const CUES_BY_LAST_WORD = new Map<string, (typeof CUES)[number][]>()
for (const cue of CUES) {
  const last = cue.words[cue.words.length - 1] ?? ''
  CUES_BY_LAST_WORD.set(last, [...(CUES_BY_LAST_WORD.get(last) ?? []), cue])
}

// ---------------------------------------------------------------------------------------------
// Patterns

const SEP = '[ \\u00A0-]'
/** Norwegian number with optional country prefix; group 1 is the 8 digits as written. */
const NO_PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+.,:/_-])(?<!\\p{N}${SEP})(?:(?:\\+|00)47${SEP}?|\\(\\+47\\)${SEP}?)?` +
    `(\\d{8}|\\d{3}${SEP}\\d{2}${SEP}\\d{3}|\\d{2}${SEP}\\d{2}${SEP}\\d{2}${SEP}\\d{2}|\\d{4}${SEP}\\d{4})` +
    `(?![\\p{L}\\p{N}_]|${SEP}\\p{N}|[.,:]\\p{N})`,
  'gu',
)
/** Any `+<country>` / `00<country>` number; the digit count (8–15) is checked in code. Always succeeds greedily, so no backtracking blow-up. */
const INTL_PHONE = /(?<![\p{L}\p{N}+_])(?:\+|00)[1-9]\d{0,3}(?:[ \u00A0-]?(?:\(\d{1,4}\)|\d{1,6}))*/gu
/** E-mail, found from each `@`: the local part by a backward scan, the domain by a sticky match (a scan from every start position would be quadratic). */
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u
const EMAIL_DOMAIN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy
const URL = /(?:https?:\/\/|www\.)[^\s]+/giu
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu
const YEAR = /^(?:19|20)\d\d$/
const COMPACT_DATE = /^(?:(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d)$/
const MONEY_BEFORE = /(?:\bkr\.?|\bnok|[€$£])\s*$/iu
const UNIT_AFTER = /^\s*(?:%|‰|prosent|percent|kr\b|kroner|nok\b|,-|€|euro|\$|dollar)/iu
const HOUSE_NUMBER = /\d{1,3}(?:[A-Za-z](?![\p{L}\p{N}]))?(?![\p{L}\p{N}]|[.,:]\p{N})/uy
const HOUSE_UNIT_AFTER = /^\s*(?:%|kr\b|km\b|m\b|meter|min\b|minutt|timer?\b|ganger?\b|år\b|dager?\b|prosent|uker?\b)/iu
/** Separate street words that need a capitalised name before them ("Kongens gate 12"). */
const STREET_WORDS = new Set(['veien', 'vegen', 'vei', 'veg', 'gata', 'gaten', 'gate', 'gt', 'allé'])
const STREET_SUFFIX_ANY_CASE = /.(?:veien|vegen|gata|gaten)$/u
const STREET_SUFFIX_CAPITALISED = /.(?:vei|veg|gate|gt|allé)$/u
const SPACES = /^[ \t\u00A0]+$/
const WHITESPACE = /^\s+$/
const CUE_GAP = /^[ \t\u00A0]*[.:,]?[ \t\u00A0]*$/
const SENTENCE_END = new Set(['.', '!', '?', '…', ':', ';'])
const SKIP_BACK = new Set([' ', '\t', '\u00A0', '\u200D', '\uFE0F', '"', "'", '«', '»', '“', '”', '‘', '’', '„', '(', ')', '[', ']', '{', '}', '*', '•', '·', '-', '–', '—'])
const PICTOGRAPH = /\p{Extended_Pictographic}/u

// ---------------------------------------------------------------------------------------------

interface Span {
  start: number
  end: number
}

interface Token extends Span {
  text: string
  lower: string
  /** Capitalised: upper-case first letter and some lower-case letters ("Kari", "Anne-Marie"). */
  title: boolean
  /** All capitals, two letters or more ("KARI", "NAV"). */
  upper: boolean
  isLower: boolean
  /** First word of the text, of a line, or after . ! ? … : ; or an emoji. */
  initial: boolean
  stop: boolean
  /** 0 = not a known name; see NAME_CLASS. */
  nameClass: 0 | 1 | 2 | 3
}

export function findPersonalInfo(text: string): PiiMatch[] {
  const accepted: PiiMatch[] = []
  const blocked: Span[] = []
  const overlaps = (s: Span) => accepted.some((a) => a.start < s.end && s.start < a.end) || blocked.some((b) => b.start < s.end && s.start < b.end)
  const add = (kind: PiiKind, s: Span) => {
    if (s.end > s.start && !overlaps(s)) accepted.push({ kind, start: s.start, end: s.end })
  }

  if (text.includes('@')) for (const s of findEmails(text)) add('email', s)
  for (const m of text.matchAll(URL)) blocked.push({ start: m.index, end: m.index + m[0].length })
  if (/\d/.test(text)) for (const s of findPhones(text)) add('phone', s)
  const tokens = tokenize(text)
  if (/\d/.test(text)) for (const s of findAddresses(text, tokens)) add('address', s)
  for (const s of findNames(text, tokens)) add('name', s)

  return accepted.sort((a, b) => a.start - b.start)
}

export function summarizePii(matches: PiiMatch[]): Record<PiiKind, number> {
  const sum: Record<PiiKind, number> = { name: 0, phone: 0, email: 0, address: 0 }
  for (const m of matches) sum[m.kind]++
  return sum
}

function findEmails(text: string): Span[] {
  const out: Span[] = []
  let from = 0
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > from && EMAIL_LOCAL_CHAR.test(text[start - 1]!)) start--
    // The local part may not start with punctuation ("…+kari@x.no" is not part of it).
    while (start < at && '._%+-'.includes(text[start]!)) start++
    if (start === at) continue
    EMAIL_DOMAIN.lastIndex = at + 1
    const domain = EMAIL_DOMAIN.exec(text)
    if (!domain) continue
    from = at + 1 + domain[0].length
    out.push({ start, end: from })
  }
  return out
}

function findPhones(text: string): Span[] {
  const out: Span[] = []
  const moneyOrUnit = (start: number, end: number) => MONEY_BEFORE.test(text.slice(Math.max(0, start - 6), start)) || UNIT_AFTER.test(text.slice(end, end + 10))
  for (const m of text.matchAll(NO_PHONE)) {
    const body = m[1] ?? ''
    const start = m.index
    const end = start + m[0].length
    const prefixed = m[0].length > body.length
    const halves = body.split(/[ \u00A0-]/)
    if (halves.length === 2 && halves.every((h) => YEAR.test(h))) continue
    if (!prefixed && COMPACT_DATE.test(body)) continue
    if (moneyOrUnit(start, end)) continue
    out.push({ start, end })
  }
  for (const m of text.matchAll(INTL_PHONE)) {
    const digits = m[0].replace(/\D/g, '').length - (m[0].startsWith('00') ? 2 : 0)
    const start = m.index
    const end = start + m[0].length
    if (digits < 8 || digits > 15) continue
    if (/^[.,:]\d/.test(text.slice(end, end + 2)) || moneyOrUnit(start, end)) continue
    out.push({ start, end })
  }
  return out
}

function findAddresses(text: string, tokens: Token[]): Span[] {
  const out: Span[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const standalone = STREET_WORDS.has(t.lower)
    if (!standalone && !STREET_SUFFIX_ANY_CASE.test(t.lower) && !((t.title || t.upper) && STREET_SUFFIX_CAPITALISED.test(t.lower))) continue
    let pos = t.end
    if (text[pos] === '.') pos++
    const spaces = /^[ \t\u00A0]+/.exec(text.slice(pos, pos + 4))
    if (!spaces) continue
    pos += spaces[0].length
    HOUSE_NUMBER.lastIndex = pos
    const num = HOUSE_NUMBER.exec(text)
    if (!num) continue
    const end = pos + num[0].length
    if (HOUSE_UNIT_AFTER.test(text.slice(end, end + 10))) continue
    let start = t.start
    if (standalone) {
      // "Kongens gate 12", "Olav Tryggvasons gate 5": up to three capitalised words before.
      start = -1
      for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
        const p = tokens[k]!
        if (!p.title || !SPACES.test(text.slice(p.end, tokens[k + 1]!.start))) break
        start = p.start
      }
    }
    if (start >= 0) out.push({ start, end })
  }
  return out
}

function findNames(text: string, tokens: Token[]): Span[] {
  const n = tokens.length
  const flag = new Uint8Array(n)
  const spaced = tokens.map((t, i) => i + 1 < n && SPACES.test(text.slice(t.end, tokens[i + 1]!.start)))
  const spaceGap = (i: number) => spaced[i] === true
  const capital = (i: number) => {
    const t = tokens[i]!
    return t.title && !t.stop && t.end - t.start > 1
  }

  // 1. Listed names.
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    const c = t.nameClass
    if (c === 0) continue
    if (t.title) {
      if (c !== 3 || !t.initial || (spaceGap(i) && capital(i + 1))) flag[i] = 1
    } else if (t.upper) {
      if (c === 1) flag[i] = 1
    } else if (t.isLower && c === 1) {
      flag[i] = 1
    }
  }

  // 2. Runs of capitalised words: two or more not counting a sentence-initial first word; else a
  //    flagged name takes the capitalised words after it along as its surname.
  for (let i = 0; i < n; ) {
    if (!capital(i)) {
      i++
      continue
    }
    let j = i
    while (spaceGap(j) && capital(j + 1)) j++
    const first = tokens[i]!.initial ? i + 1 : i
    if (j - first >= 1) {
      for (let k = first; k <= j; k++) flag[k] = 1
    } else {
      let on = false
      for (let k = i; k <= j; k++) {
        if (flag[k]) on = true
        else if (on) flag[k] = 1
      }
    }
    i = j + 1
  }

  // 3. Cues: "jeg heter Kari", "my name is Kari", "I am Kari".
  for (let j = 0; j + 1 < n; j++) {
    for (const cue of CUES_BY_LAST_WORD.get(tokens[j]!.lower) ?? []) {
      const s = j - cue.words.length + 1
      if (s < 0 || !cue.words.every((w, k) => tokens[s + k]!.lower === w && (k === 0 || WHITESPACE.test(text.slice(tokens[s + k - 1]!.end, tokens[s + k]!.start))))) continue
      if (!CUE_GAP.test(text.slice(tokens[j]!.end, tokens[j + 1]!.start))) continue
      const target = tokens[j + 1]!
      if (target.stop || !(target.title || target.upper || (cue.strong && target.nameClass > 0))) continue
      flag[j + 1] = 1
      for (let k = j + 1; target.title && spaceGap(k) && capital(k + 1); k++) flag[k + 1] = 1
    }
  }

  // Adjacent flagged words separated by spaces become one match ("Kari Nordmann").
  const out: Span[] = []
  for (let i = 0; i < n; i++) {
    if (!flag[i]) continue
    const start = tokens[i]!.start
    while (flag[i + 1] && spaceGap(i)) i++
    out.push({ start, end: tokens[i]!.end })
  }
  return out
}

function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const word = m[0]
    const lower = word.toLowerCase()
    const first = word[0] ?? ''
    const upperFirst = first !== first.toLowerCase()
    const hasLower = word !== word.toUpperCase()
    const stop = isStop(lower)
    out.push({
      start: m.index,
      end: m.index + word.length,
      text: word,
      lower,
      title: upperFirst && hasLower,
      upper: upperFirst && !hasLower && word.length > 1,
      isLower: word === lower,
      initial: isSentenceStart(text, m.index),
      stop,
      nameClass: stop ? 0 : nameClassOf(lower),
    })
  }
  return out
}

function isStop(lower: string): boolean {
  if (STOP_WORDS.has(lower) || (lower.endsWith('s') && STOP_WORDS.has(lower.slice(0, -1)))) return true
  return lower.includes('-') && lower.split('-').some((p) => STOP_WORDS.has(p))
}

/** Looks a word up, also as a genitive ("Karis", "Kari's") and by the parts of a double name ("Anne-Marie"). */
function nameClassOf(lower: string): 0 | 1 | 2 | 3 {
  const direct = NAME_CLASS.get(lower)
  if (direct) return direct
  const possessive = /['’]s$/.test(lower) ? lower.slice(0, -2) : lower.endsWith('s') ? lower.slice(0, -1) : ''
  const base = possessive ? NAME_CLASS.get(possessive) : undefined
  if (base) return base
  if (!lower.includes('-')) return 0
  let best: 0 | 1 | 2 | 3 = 0
  for (const part of lower.split('-')) {
    const c = NAME_CLASS.get(part)
    if (c && (best === 0 || c < best)) best = c
  }
  return best
}

function isSentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i]!
    if (c === '\n' || c === '\r' || SENTENCE_END.has(c)) return true
    if (SKIP_BACK.has(c)) continue
    // An emoji between sentences works as a full stop.
    const code = c.charCodeAt(0)
    const cp = code >= 0xdc00 && code <= 0xdfff && i > 0 ? text.codePointAt(i - 1) : text.codePointAt(i)
    return cp !== undefined && PICTOGRAPH.test(String.fromCodePoint(cp))
  }
  return true
}
