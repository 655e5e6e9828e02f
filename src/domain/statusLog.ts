/**
 * A session's status log: what happened to the youth's advice after the workshop
 * (recommendation → decision → fed back to the youth). Kept apart from summary.ts so the
 * session library can use it without loading the summary model.
 */
export type StatusKind = 'recommendation' | 'decision' | 'fedBack'
export const STATUS_KINDS: readonly StatusKind[] = ['recommendation', 'decision', 'fedBack']

export interface StatusEntry {
  /** ms since 1970 */
  at: number
  kind: StatusKind
  text: string
}
