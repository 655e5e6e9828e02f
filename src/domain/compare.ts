/**
 * Comparing sessions (issue 6): the priority rounds of several sessions — the youth council and a
 * pop-up at a youth club, or several municipalities — side by side and combined, under the same
 * small-number rules as the summary. Pure: the caller reads the archives (app/compareArchives.ts)
 * and passes each session's chosen round with its published results.
 *
 * Privacy first. Every session's results go through summary.ts `safeResults` here, whatever the
 * caller did, so a number a session withheld is never shown or used:
 * - 'full' (at least 5 non-blank ballots): order and the count (dots, Borda points, mean,
 *   green − red) and the number of voters;
 * - 'rankOnly' (3–4): the order only, no number at all;
 * - 'none' (fewer than 3): "too few voters" and nothing else; the session adds nothing to the
 *   combined list and is listed as left out.
 *
 * Side by side: one column per session, its options in published order with competition ranks
 * (ties share a rank; inside a tie by label).
 *
 * Combined: options are matched across sessions by label, normalised (NFC, whitespace collapsed,
 * trimmed, case-folded: `labelKey`), since the same priority written in two rooms has two ids.
 * The combined order follows ONE of two rules, chosen for the whole list:
 *
 * 1. 'sum' — when every contributing session published 'full' AND all used the same rules (same
 *    method and the same settings: dot budget and cap, must-not, top k) AND the method's count is
 *    additive (dots, ranking's Borda points, traffic's green − red; never scale, whose count is a
 *    mean). The combined count of an option is the sum of its counts in the sessions; the
 *    combined voters are the sum of voters. The sum is checked against the same thresholds as a
 *    single round (a combined Results through `safeResults`), and the counts are shown only if it
 *    allows 'full'. Larger sessions weigh more, as they would in one big room.
 * 2. 'borda' — otherwise (a session published only an order, methods or settings differ, or the
 *    count is a mean): each contributing session gives an option ranked r of its k ranked options
 *    k − r + 1 points (ties share the rank, so they share the points); the combined order is by
 *    the sum of points. Only the order is shown: the points are not counts of people. Every
 *    session weighs the same, however many voted.
 *
 * In both rules an option a session did not vote on gets nothing from that session (each
 * combined item lists the sessions it was on). Equal totals are ties: they share a competition
 * rank and are listed by label. If two options of one session have the same normalised label
 * they are one option in the combined list (its best place counts for 'borda', its counts add up
 * for 'sum'); its column still shows them as the session published them.
 */
import { safeResults } from './summary.ts'
import type { Publish, Results, VoteMethod, VoteRound, VoteRules } from './voting.ts'

export interface CompareSession {
  /** Unique per session (the workshop id). */
  key: string
  /** What the planner calls the session (its title). */
  label: string
  round: VoteRound
  /** As published in the signed `vote.close`; made safe again here. */
  results: Results
}

export interface SideItem {
  /** Competition rank as published (ties share it). */
  rank: number
  label: string
  /** Only when the session's results are 'full' and the method has a count for the option. */
  score?: number
}

export interface SideColumn {
  key: string
  label: string
  method: VoteMethod
  publish: Publish
  /** Only with publish 'full'. */
  voters?: number
  /** Best first; empty with publish 'none'. */
  items: SideItem[]
}

export type CombinedRule = 'sum' | 'borda' | 'none'

export interface CombinedItem {
  rank: number
  /** The label as the first session (in the caller's order) wrote it. */
  label: string
  /** Only with rule 'sum' and publish 'full'. */
  score?: number
  /** Keys of the contributing sessions that voted on this option, in the caller's order. */
  sessions: string[]
}

export interface CombinedView {
  /** 'none' when no session published anything. */
  rule: CombinedRule
  /** With rule 'sum': the method every session used (what the counts are); otherwise null. */
  method: VoteMethod | null
  /** 'full' only with rule 'sum' when the summed voters allow it; 'rankOnly' otherwise; 'none' with rule 'none'. */
  publish: Publish
  /** Summed voters, only with publish 'full'. */
  voters?: number
  /** Sessions that count (publish 'rankOnly' or 'full'), in the caller's order. */
  contributing: string[]
  /** Sessions left out because fewer than 3 voted (publish 'none'). */
  tooFew: string[]
  items: CombinedItem[]
}

export interface Comparison {
  columns: SideColumn[]
  combined: CombinedView
}

/** Methods whose published count is a count (can be summed across sessions); scale's is a mean. */
const ADDITIVE: ReadonlySet<VoteMethod> = new Set<VoteMethod>(['dots', 'ranking', 'traffic'])

const collator = new Intl.Collator('nb', { sensitivity: 'base', numeric: true })
const byLabel = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)

/** The key options are matched by: NFC, whitespace collapsed and trimmed, case-folded. */
export function labelKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase().normalize('NFC')
}

/** Same rules: method and every setting (a 3-dot round and a 5-dot round do not add up). */
export function sameRules(a: VoteRules, b: VoteRules): boolean {
  switch (a.method) {
    case 'dots':
      return b.method === 'dots' && a.dots === b.dots && a.capPerOption === b.capPerOption && a.mustNot === b.mustNot
    case 'ranking':
      return b.method === 'ranking' && a.topK === b.topK
    case 'scale':
    case 'traffic':
      return b.method === a.method
  }
}

interface Entry {
  key: string
  label: string
  rank: number
  score?: number
}

/** A session's published options, best first (inside a tie by label), as published. */
function entriesOf(round: VoteRound, safe: Results): Entry[] {
  const labels = new Map(round.options.map((o) => [o.id, o.label.trim()]))
  const out: Entry[] = []
  for (const g of safe.ranked) {
    const members = g.optionIds.flatMap((id) => {
      const label = labels.get(id)
      return label === undefined ? [] : [label]
    })
    members.sort(byLabel)
    for (const label of members) {
      const e: Entry = { key: labelKey(label), label, rank: g.rank }
      if (safe.publish === 'full' && g.score !== undefined) e.score = g.score
      out.push(e)
    }
  }
  return out
}

/** One entry per normalised label: the first (best placed) one, with the counts of all added up. */
function mergedByLabel(entries: readonly Entry[]): Entry[] {
  const out = new Map<string, Entry>()
  for (const e of entries) {
    const prev = out.get(e.key)
    if (!prev) out.set(e.key, { ...e })
    else if (prev.score !== undefined && e.score !== undefined) prev.score += e.score
  }
  return [...out.values()]
}

/** Competition ranks over items sorted best first; equal `score` is a tie. */
function rankItems<T extends { total: number; label: string }>(items: T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.total - a.total || byLabel(a.label, b.label))
  let prevTotal: number | null = null
  let prevRank = 0
  return sorted.map((it, i) => {
    const rank = prevTotal !== null && it.total === prevTotal ? prevRank : i + 1
    prevTotal = it.total
    prevRank = rank
    return { ...it, rank }
  })
}

export function compareSessions(sessions: readonly CompareSession[]): Comparison {
  const prepared = sessions.map((s) => {
    const safe = safeResults(s.results)
    return { s, safe, entries: safe.publish === 'none' ? [] : entriesOf(s.round, safe) }
  })

  const columns: SideColumn[] = prepared.map(({ s, safe, entries }) => {
    const col: SideColumn = { key: s.key, label: s.label, method: safe.method, publish: safe.publish, items: entries.map(({ rank, label, score }) => (score === undefined ? { rank, label } : { rank, label, score })) }
    if (safe.publish === 'full') col.voters = safe.voters
    return col
  })

  const contributing = prepared.filter((p) => p.safe.publish !== 'none')
  const tooFew = prepared.filter((p) => p.safe.publish === 'none').map((p) => p.s.key)
  if (contributing.length === 0) {
    return { columns, combined: { rule: 'none', method: null, publish: 'none', contributing: [], tooFew, items: [] } }
  }

  const first = contributing[0]!
  const canSum =
    ADDITIVE.has(first.s.round.rules.method) &&
    contributing.every((p) => p.safe.publish === 'full' && p.safe.method === first.s.round.rules.method && sameRules(p.s.round.rules, first.s.round.rules) && p.entries.every((e) => e.score !== undefined))

  // Gather per normalised label: display label, sessions, total (sum of counts or Borda points).
  const pool = new Map<string, { label: string; total: number; sessions: string[] }>()
  for (const p of contributing) {
    const merged = mergedByLabel(p.entries)
    const k = merged.length
    for (const e of merged) {
      const points = canSum ? (e.score ?? 0) : k - e.rank + 1
      const item = pool.get(e.key)
      if (item) {
        item.total += points
        if (!item.sessions.includes(p.s.key)) item.sessions.push(p.s.key)
      } else pool.set(e.key, { label: e.label, total: points, sessions: [p.s.key] })
    }
  }
  const ranked = rankItems([...pool.values()])
  const contributingKeys = contributing.map((p) => p.s.key)

  if (!canSum) {
    return {
      columns,
      combined: { rule: 'borda', method: null, publish: 'rankOnly', contributing: contributingKeys, tooFew, items: ranked.map(({ rank, label, sessions }) => ({ rank, label, sessions })) },
    }
  }

  // The sum as one round's results, through the same thresholds as any round.
  const voters = contributing.reduce((n, p) => n + p.safe.voters, 0)
  const blank = contributing.reduce((n, p) => n + (p.safe.blank ?? 0), 0)
  const check = safeResults({ roundId: 'combined', method: first.safe.method, publish: 'full', voters, blank, ranked: [] })
  const full = check.publish === 'full'
  const combined: CombinedView = {
    rule: 'sum',
    method: first.safe.method,
    publish: full ? 'full' : check.publish === 'rankOnly' ? 'rankOnly' : 'none',
    contributing: contributingKeys,
    tooFew,
    items: check.publish === 'none' ? [] : ranked.map(({ rank, label, sessions, total }) => (full ? { rank, label, score: total, sessions } : { rank, label, sessions })),
  }
  if (full) combined.voters = voters
  return { columns, combined }
}
