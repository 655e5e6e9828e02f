/**
 * The device's database. Everything here is *device* scope except the `doc` column of
 * `workshops`, which is the session doc (document scope) persisted through y-dexie.
 *
 * Versions are append-only: never edit a `version(n)` entry, add `version(n+1)` with an upgrade.
 */
import { Dexie, type EntityTable } from 'dexie'
import yDexie from 'y-dexie'
import type { Doc } from 'yjs'
import type { WorkshopRole } from '../domain/workshop.ts'

export interface WorkshopRow {
  id: string
  title: string
  code: string
  role: WorkshopRole
  signalingUrl: string
  createdAt: number
  /** Last time this device opened the workshop; orders the list. */
  openedAt: number
  /** Fingerprint of the facilitator key: this device's own, or the one the join link carried. */
  keyFingerprint?: string
  /** The facilitator public key this device trusts for this workshop (pinned on first sight). */
  pinnedKey?: string
  /**
   * The room content key of the end-to-end-encrypted relay (issue 13): made by the facilitator's
   * device, or taken from the join link or the signed doc meta. Device scope; no schema bump.
   */
  relayKey?: string
  /** The session doc (document scope). A prototype getter installed by y-dexie, not stored inline. */
  readonly doc: Doc
}

/** Which notes this device wrote: the only link between a note and its writer, and it never leaves the device. */
export interface OwnNoteRow {
  workshopId: string
  noteId: string
  /** The plaintext of a note this device sealed (hidden brainstorm): only its writer keeps it. */
  text?: string
}

/** A note being written and not yet published; survives a reload. */
export interface DraftRow {
  workshopId: string
  text: string
  color: string
  updatedAt: number
}

export interface SettingRow {
  key: string
  value: unknown
}

/** A template this device made or imported (device scope). `json` is the validated template. */
export interface TemplateRow {
  id: string
  json: string
  updatedAt: number
}

/** The facilitator's signing key for one workshop: the private key is a non-extractable CryptoKey. */
export interface KeyRow {
  workshopId: string
  privateKey: CryptoKey
  publicKeySpki: string
}

/** The facilitator's persisted xstate snapshot, restored after a reload or crash. */
export interface FlowSnapshotRow {
  workshopId: string
  snapshot: unknown
  seq: number
  savedAt: number
}

/**
 * The private key of an open vote round (non-extractable ECDH), kept only while the round is open
 * so that a facilitator reload can collect the ballots still held in presence; deleted on close.
 */
export interface RoundKeyRow {
  roundId: string
  workshopId: string
  privateKey: CryptoKey
}

/**
 * A signed record this device has verified (flow event, template, …), kept in device scope so
 * that deleting it from the shared doc never makes this device forget it (ARCHITECTURE.md §3).
 * `id` is stable per record (e.g. `flow|seq|sig`); `record` is exactly what was in the doc.
 */
export interface VerifiedRecordRow {
  workshopId: string
  id: string
  kind: string
  record: unknown
}

/**
 * This device's voting pass and voter key for one round (device scope): the unblinded pass the
 * facilitator signed and the voter's private key (non-extractable) that alone may replace its ballot.
 */
export interface VoterPassRow {
  workshopId: string
  roundId: string
  value: unknown
}

export type MedvirkDb = Dexie & {
  workshops: EntityTable<WorkshopRow, 'id'>
  ownNotes: EntityTable<OwnNoteRow, 'noteId'>
  drafts: EntityTable<DraftRow, 'workshopId'>
  settings: EntityTable<SettingRow, 'key'>
  templates: EntityTable<TemplateRow, 'id'>
  keys: EntityTable<KeyRow, 'workshopId'>
  flowSnapshots: EntityTable<FlowSnapshotRow, 'workshopId'>
  roundKeys: EntityTable<RoundKeyRow, 'roundId'>
  verifiedRecords: Dexie.Table<VerifiedRecordRow, [string, string]>
  voterPasses: Dexie.Table<VoterPassRow, [string, string]>
}

export const DB_NAME = 'medvirk'

export function openDb(name: string = DB_NAME): MedvirkDb {
  const db = new Dexie(name, { addons: [yDexie] }) as MedvirkDb
  db.version(1).stores({
    workshops: 'id, openedAt, role, doc: Y.Doc',
    ownNotes: 'noteId, workshopId',
    drafts: 'workshopId',
    settings: 'key',
  })
  // v2: facilitated workshops (issue 3). Never edit a version above; add a new one.
  db.version(2).stores({
    templates: 'id, updatedAt',
    keys: 'workshopId',
    flowSnapshots: 'workshopId',
  })
  // v3: anonymous voting (issue 4).
  db.version(3).stores({ roundKeys: 'roundId, workshopId' })
  // v4: integrity against a rogue peer (issue 12): verified signed records, voting passes.
  db.version(4).stores({ verifiedRecords: '[workshopId+id], workshopId', voterPasses: '[workshopId+roundId], workshopId' })
  return db
}
