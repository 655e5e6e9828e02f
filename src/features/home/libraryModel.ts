/**
 * The session library's pure rules: search, filters, sorting, the feedback reminder and the
 * status log form's checks. No React, no clock: "today" and "now" are passed in.
 */
import '../../i18n/parts/library.ts'
import type { LibraryProblem } from '../../app/library.ts'
import { STATUS_KINDS, type StatusKind } from '../../domain/statusLog.ts'
import type { WorkshopRole } from '../../domain/workshop.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

export type SessionStatus = 'lobby' | 'running' | 'ended'
export type Reminder = 'overdue' | 'soon' | 'later' | 'done' | 'none'
export const SOON_DAYS = 7
export const STATUS_TEXT_MAX = 500

/** One workshop as the library filters it; facts that are still loading are null. */
export interface LibraryRow {
  id: string
  title: string
  role: WorkshopRole
  openedAt: number
  status: SessionStatus | null
  feedbackDate: string | null
  reminder: Reminder | null
}

export interface LibraryFilter {
  query: string
  role: 'all' | WorkshopRole
  status: 'all' | SessionStatus
  /** Only sessions whose feedback to the youth is overdue or due within SOON_DAYS. */
  feedbackDue: boolean
}

export const NO_FILTER: LibraryFilter = { query: '', role: 'all', status: 'all', feedbackDue: false }

export type LibrarySort = 'opened' | 'title' | 'feedback'

export function isFiltering(f: LibraryFilter): boolean {
  return f.query.trim() !== '' || f.role !== 'all' || f.status !== 'all' || f.feedbackDue
}

/** Lower case, accents and ligatures folded ("Ås" → "as", "Ørsta" → "orsta"), spaces collapsed. */
export function searchKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Every word of the query occurs somewhere in the title. */
export function matchesQuery(title: string, query: string): boolean {
  const words = searchKey(query).split(' ').filter(Boolean)
  if (words.length === 0) return true
  const hay = searchKey(title)
  return words.every((w) => hay.includes(w))
}

export function isFeedbackDue(r: Reminder | null): boolean {
  return r === 'overdue' || r === 'soon'
}

/** Rows whose facts are not loaded yet pass only the filters that do not need them. */
export function filterRows<R extends LibraryRow>(rows: readonly R[], f: LibraryFilter): R[] {
  return rows.filter(
    (r) =>
      matchesQuery(r.title, f.query) &&
      (f.role === 'all' || r.role === f.role) &&
      (f.status === 'all' || r.status === f.status) &&
      (!f.feedbackDue || isFeedbackDue(r.reminder)),
  )
}

/** 'opened': last opened first. 'title': alphabetical. 'feedback': the nearest open feedback date first. */
export function sortRows<R extends LibraryRow>(rows: readonly R[], sort: LibrarySort, locale: string): R[] {
  const byOpened = (a: R, b: R) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const out = [...rows]
  if (sort === 'opened') return out.sort(byOpened)
  if (sort === 'title') {
    const coll = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })
    return out.sort((a, b) => coll.compare(a.title, b.title) || byOpened(a, b))
  }
  // Sessions still waiting for their feedback come first, by date; done and dateless ones last.
  const pending = (r: R) => (r.feedbackDate && r.reminder !== 'done' ? r.feedbackDate : null)
  return out.sort((a, b) => {
    const x = pending(a)
    const y = pending(b)
    if (x && y) return x < y ? -1 : x > y ? 1 : byOpened(a, b)
    if (x) return -1
    if (y) return 1
    return byOpened(a, b)
  })
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** A valid calendar date yyyy-mm-dd as days since 1970, or null. */
export function dayNumber(iso: string): number | null {
  const m = ISO.exec(iso.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return Math.round(ms / 86_400_000)
}

/** Whole days from `today` to `date` (negative: in the past), or null when either is not a date. */
export function daysUntil(date: string, today: string): number | null {
  const a = dayNumber(date)
  const b = dayNumber(today)
  return a === null || b === null ? null : a - b
}

/** The device's local calendar date of a moment, yyyy-mm-dd. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms)
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * Where the promise to the youth stands: 'done' once the log says they were told, else measured
 * from the contract's feedback date: past it 'overdue', within SOON_DAYS 'soon', later 'later';
 * 'none' without a (valid) date.
 */
export function reminderFor(feedbackDate: string | null, log: readonly { kind: StatusKind }[], today: string): Reminder {
  if (log.some((e) => e.kind === 'fedBack')) return 'done'
  if (!feedbackDate) return 'none'
  const days = daysUntil(feedbackDate, today)
  if (days === null) return 'none'
  if (days < 0) return 'overdue'
  return days <= SOON_DAYS ? 'soon' : 'later'
}

/** The latest entry (by date, then by the log's own order). */
export function latestEntry<E extends { at: number; kind: StatusKind }>(log: readonly E[]): E | null {
  let best: E | null = null
  for (const e of log) if (!best || e.at >= best.at) best = e
  return best
}

/** The kind the form suggests next: the step after the latest entry's (fed back stays fed back). */
export function nextKind(log: readonly { at: number; kind: StatusKind }[]): StatusKind {
  const last = latestEntry(log)
  if (!last) return 'recommendation'
  const i = STATUS_KINDS.indexOf(last.kind)
  return STATUS_KINDS[Math.min(i + 1, STATUS_KINDS.length - 1)] ?? 'recommendation'
}

export type StatusInputProblem = 'textEmpty' | 'textTooLong' | 'dateBad' | 'dateFuture'

export function charCount(text: string): number {
  return Array.from(text.trim()).length
}

/** The form's problems, in the order of its fields (the first one gets the focus). */
export function checkStatusInput(input: { text: string; date: string }, today: string, max = STATUS_TEXT_MAX): StatusInputProblem[] {
  const out: StatusInputProblem[] = []
  const n = charCount(input.text)
  if (n === 0) out.push('textEmpty')
  else if (n > max) out.push('textTooLong')
  const days = daysUntil(input.date, today)
  if (days === null) out.push('dateBad')
  else if (days > 0) out.push('dateFuture')
  return out
}

/** The moment stored for a date picked in the form: now for today, else midday UTC of that day. */
export function entryTime(date: string, today: string, now: number): number {
  const day = dayNumber(date)
  if (day === null || date === today) return now
  return day * 86_400_000 + 12 * 3_600_000
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** Decimal units with at most one decimal, in the locale's style: "2,3 MB" / "2.3 MB". */
export function formatBytes(bytes: number, locale: string): string {
  let v = Math.max(0, bytes)
  let u = 0
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000
    u++
  }
  // 999 999 B is "1 MB", not "1,000 kB".
  if (u > 0 && u < UNITS.length - 1 && Math.round(v) >= 1000) {
    v /= 1000
    u++
  }
  const digits = u === 0 || v >= 100 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)} ${UNITS[u]}`
}

/** The message for a failed library action (storage problems keep the app's wording). */
export function problemMessage(p: LibraryProblem): MessageKey {
  switch (p) {
    case 'quota':
    case 'unavailable':
    case 'unknown':
      return `storage.${p}`
    case 'notFound':
      return 'library.problem.notFound'
    case 'notSaved':
      return 'library.problem.notSaved'
    case 'invalid':
      return 'library.problem.invalid'
  }
}
