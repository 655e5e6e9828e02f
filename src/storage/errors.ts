/** Storage failures the UI must explain in words (see i18n keys `storage.*`). */
export type StorageProblem = 'quota' | 'unavailable' | 'unknown'

export function classifyStorageError(err: unknown): StorageProblem {
  const name = (err as { name?: unknown } | null)?.name
  const inner = (err as { inner?: { name?: unknown } } | null)?.inner?.name
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return 'quota'
  if (name === 'DatabaseClosedError' || name === 'OpenFailedError' || name === 'MissingAPIError' || name === 'InvalidStateError') return 'unavailable'
  return 'unknown'
}

export class StorageError extends Error {
  readonly problem: StorageProblem
  constructor(problem: StorageProblem, cause: unknown) {
    super(`storage: ${problem}`, { cause })
    this.name = 'StorageError'
    this.problem = problem
  }
}
