/**
 * The influence contract (medvirkningskontrakt): before a session starts, the facilitator states
 * what is to be decided, what is open and what is fixed, who decides and by when, and the date
 * by which the participants will hear back. Young people's most common complaint is that
 * "nothing happens anyway"; this makes the promise explicit and signed into the session.
 */
export interface InfluenceContract {
  question: string
  open: string
  fixed: string
  decisionOwner: string
  /** ISO date (yyyy-mm-dd) of the decision, optional. */
  decisionDate: string
  /** ISO date (yyyy-mm-dd) by which participants hear back. Required. */
  feedbackDate: string
  feedbackChannel: string
}

export const EMPTY_CONTRACT: InfluenceContract = { question: '', open: '', fixed: '', decisionOwner: '', decisionDate: '', feedbackDate: '', feedbackChannel: '' }

export type ContractField = keyof InfluenceContract
export type ContractProblem = { field: ContractField; code: 'required' | 'badDate' | 'pastDate' | 'tooLong' | 'beforeDecision' }

const MAX = 600
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** `today` is injected (yyyy-mm-dd) so the rule is testable and pure. */
export function validateContract(c: InfluenceContract, today: string): ContractProblem[] {
  const problems: ContractProblem[] = []
  for (const f of Object.keys(EMPTY_CONTRACT) as ContractField[]) {
    if (typeof c[f] !== 'string') problems.push({ field: f, code: 'required' })
    else if (c[f].length > MAX) problems.push({ field: f, code: 'tooLong' })
  }
  if (!c.question?.trim()) problems.push({ field: 'question', code: 'required' })
  if (!c.decisionOwner?.trim()) problems.push({ field: 'decisionOwner', code: 'required' })
  if (!c.feedbackDate?.trim()) problems.push({ field: 'feedbackDate', code: 'required' })
  else if (!validDate(c.feedbackDate)) problems.push({ field: 'feedbackDate', code: 'badDate' })
  else if (c.feedbackDate < today) problems.push({ field: 'feedbackDate', code: 'pastDate' })
  if (c.decisionDate?.trim()) {
    if (!validDate(c.decisionDate)) problems.push({ field: 'decisionDate', code: 'badDate' })
    else if (validDate(c.feedbackDate) && c.feedbackDate < c.decisionDate) problems.push({ field: 'feedbackDate', code: 'beforeDecision' })
  }
  return problems
}

export function isContractComplete(c: InfluenceContract | null | undefined, today: string): boolean {
  return !!c && validateContract(c, today).length === 0
}

/** Coerces a value from a peer or a signed event into a contract (unknown fields dropped). */
export function contractFromRemote(raw: unknown): InfluenceContract | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  const out = { ...EMPTY_CONTRACT }
  for (const f of Object.keys(EMPTY_CONTRACT) as ContractField[]) {
    const val = r[f]
    if (val !== undefined && typeof val !== 'string') return null
    out[f] = (val ?? '').slice(0, MAX)
  }
  return out
}
