import type { MessageKey, Vars } from '../../i18n/i18n.ts'

/** A status line kept as a key, so it follows a language switch. */
export interface Message {
  key: MessageKey
  vars?: Vars
}

/** The storage.* message for an error thrown by a store (StorageError carries `problem`). */
export function storageMessage(err: unknown): Message {
  const problem = (err as { problem?: unknown } | null)?.problem
  return { key: problem === 'quota' ? 'storage.quota' : problem === 'unavailable' ? 'storage.unavailable' : 'storage.unknown' }
}
