/**
 * The session archive: one JSON file with the whole session (its Y.Doc state as a Yjs update), to
 * move a session to another device or keep a backup (iPad Safari may evict a site's storage).
 * Importing adds the archive's content to whatever the device already has, and never applies the
 * archive's deletions to anything the device held before (sync/archiveDoc.ts), so nothing is lost.
 * Version 2 archives made on the facilitator's device are signed by the workshop's key.
 *
 *   {
 *     "format": "medvirk-archive",
 *     "version": 2,
 *     "exportedAt": "2025-03-01T12:00:00.000Z",
 *     "app": { "version": "0.1.0" },
 *     "session": { "id", "title", "createdAt", "code"?, "role", "facilitatorKey"? },
 *     "doc": { "encoding": "yjs-update-v2", "base64", "sha256" },
 *     "signature"?: { "alg": "ECDSA-P256-SHA256", "value" }
 *   }
 *
 * `session.code` is the join code (the workshop id is derived from it, so the importing device can
 * reconnect to the room); `session.facilitatorKey` is the facilitator's *public* key the exporting
 * device trusts, so the flow log verifies on the importing device. The archive never carries a
 * private key, a device's own-note marks, drafts, voter tokens or anything else of device scope.
 *
 * Archives come from files people move around, so they are validated with a schema library and
 * every problem has a code the UI translates. The format is versioned: VERSIONS holds a schema and
 * an upgrade to the current shape for every version this build can read, so a later version 2 adds
 * an entry and still reads version 1 files (fixtures of each version live in tests/fixtures).
 *
 * Pure: the SHA-256 of the doc bytes is computed and checked by sync/archiveDoc.ts (WebCrypto).
 */
import * as v from 'valibot'
import { TITLE_MAX_LENGTH, type WorkshopRole } from './workshop.ts'

export const ARCHIVE_FORMAT = 'medvirk-archive'
/** The version this build writes. */
export const ARCHIVE_VERSION = 2
/** The only signature algorithm: ECDSA P-256 over SHA-256 (sync/flowSigning.ts `archiveMessage`). */
export const ARCHIVE_SIGNATURE_ALG = 'ECDSA-P256-SHA256'
/** Largest archive text accepted (characters). A 1,000-note session is about 1 MB. */
export const MAX_ARCHIVE_CHARS = 32 * 1024 * 1024
/** Written into `app.version`; informational only (the format version decides how to read). */
export const MEDVIRK_APP_VERSION = '0.1.0'

export type ArchiveProblemCode =
  /** Not JSON at all (e.g. a different kind of file). */
  | 'notJson'
  /** JSON that ends early (cut off while copying), or a doc whose bytes do not match its checksum. */
  | 'truncated'
  /** JSON, but not a Medvirk archive (no `format: "medvirk-archive"`). */
  | 'notArchive'
  /** A version number this build has never known (not an integer, or missing). */
  | 'unknownVersion'
  /** Made by a newer Medvirk: `version` is above ARCHIVE_VERSION. */
  | 'newerVersion'
  /** An archive of a known version with a field that is missing or wrong (see `path`). */
  | 'malformed'
  /** Over MAX_ARCHIVE_CHARS. */
  | 'tooBig'

/**
 * Why an archive that parsed is still refused on import (services.importArchive): decided against
 * what the importing device trusts, so kept apart from the format's own problems.
 */
export type ArchiveTrustProblemCode =
  /** Signed, but the signature does not verify (the doc, its checksum or the session was altered). */
  | 'badSignature'
  /** Signed by a key other than the one this device trusts for the session. */
  | 'otherKey'
  /** Belongs to another workshop (its join code derives another id, or it names another facilitator key). */
  | 'otherWorkshop'
  /** Even added only, it would make notes on this device unreadable (it overwrites them with junk). */
  | 'wouldRemove'

export interface ArchiveProblem {
  code: ArchiveProblemCode
  /** Where, e.g. "session.id" or "doc.sha256"; '' for the whole file. */
  path: string
  /** For unknownVersion / newerVersion: the version the file names. */
  version?: number
}

// ---------------------------------------------------------------------------------------------
// Version 1

const ROLES = ['facilitator', 'participant'] as const satisfies readonly WorkshopRole[]
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

const ArchiveV1Schema = v.object({
  format: v.literal(ARCHIVE_FORMAT),
  version: v.literal(1),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  app: v.object({ version: v.pipe(v.string(), v.maxLength(40)) }),
  session: v.object({
    /** The workshop id (20 hex digits, derived from the join code by sync/roomKeys.ts). */
    id: v.pipe(v.string(), v.regex(/^[0-9a-f]{20}$/)),
    /** May be '' when the exporting device never learned the title. */
    title: v.pipe(v.string(), v.maxLength(TITLE_MAX_LENGTH * 4)),
    createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
    code: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{9}$/))),
    role: v.picklist(ROLES),
    /** The facilitator's public key (SPKI, base64) that the exporting device trusts. Never a private key. */
    facilitatorKey: v.optional(v.pipe(v.string(), v.maxLength(400), v.regex(BASE64))),
  }),
  doc: v.object({
    encoding: v.literal('yjs-update-v2'),
    base64: v.pipe(v.string(), v.regex(BASE64)),
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  }),
  /** Reserved for non-personal facts about the exporting device; read and ignored. */
  device: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
})
export type ArchiveV1 = v.InferOutput<typeof ArchiveV1Schema>

// ---------------------------------------------------------------------------------------------
// Version 2: version 1 plus an optional signature by the workshop's facilitator key over
// `archiveMessage(session.id, doc.sha256, exportedAt, session.facilitatorKey, session.code)`
// (sync/flowSigning.ts). A signed archive must name the key (`session.facilitatorKey`). An archive
// exported on a device without the signing key (a participant's) has no signature.

const ArchiveV2Schema = v.object({
  ...ArchiveV1Schema.entries,
  version: v.literal(2),
  signature: v.optional(
    v.object({
      alg: v.literal(ARCHIVE_SIGNATURE_ALG),
      /** The raw ECDSA signature (r‖s, 64 bytes) in base64. */
      value: v.pipe(v.string(), v.minLength(8), v.maxLength(200), v.regex(BASE64)),
    }),
  ),
})
export type ArchiveV2 = v.InferOutput<typeof ArchiveV2Schema>

// ---------------------------------------------------------------------------------------------
// Registry: every version this build reads, with an upgrade to the current shape.

/** The current archive shape (what the rest of the app works with). */
export type Archive = ArchiveV2

interface VersionEntry {
  schema: v.GenericSchema<unknown, unknown>
  upgrade(a: unknown): Archive
}

/**
 * Upgrades never rewrite what a signature covers (ids, checksum, exportedAt, key, code): they only
 * add what the newer shape has. Version 1 files were never signed, so they upgrade unsigned.
 */
const VERSIONS: Readonly<Record<number, VersionEntry>> = {
  1: { schema: ArchiveV1Schema as v.GenericSchema<unknown, unknown>, upgrade: (a) => ({ ...(a as ArchiveV1), version: 2 }) },
  2: { schema: ArchiveV2Schema as v.GenericSchema<unknown, unknown>, upgrade: (a) => a as ArchiveV2 },
  // 3: { schema: ArchiveV3Schema, upgrade: (a) => a as ArchiveV3 }, and the older upgrades go on to v3.
}

/** The versions this build can read, oldest first. */
export const READABLE_VERSIONS: readonly number[] = Object.keys(VERSIONS).map(Number).sort((a, b) => a - b)

export type ArchiveResult = { ok: true; archive: Archive } | { ok: false; problems: ArchiveProblem[] }

/**
 * Whether a text that JSON.parse refused looks like JSON that was cut off: it opens an object or
 * array and reaches its end inside a string or with brackets still open, with no bracket that
 * closes something never opened. Engine-independent (the error messages differ per browser).
 */
export function looksTruncated(text: string): boolean {
  const t = text.trim()
  if (!t.startsWith('{') && !t.startsWith('[')) return false
  let depth = 0
  let inString = false
  let escape = false
  for (let i = 0; i < t.length; i++) {
    const c = t[i]
    if (inString) {
      if (escape) escape = false
      else if (c === '\\') escape = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth < 0) return false
      if (depth === 0 && i < t.length - 1) return false // complete value followed by junk
    }
  }
  return inString || depth > 0
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.')
}

/** Validates an unknown value (parsed JSON) as an archive of any readable version and upgrades it. */
export function validateArchive(raw: unknown): ArchiveResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: 'notArchive', path: '' }] }
  const r = raw as Record<string, unknown>
  if (r.format !== ARCHIVE_FORMAT) return { ok: false, problems: [{ code: 'notArchive', path: 'format' }] }
  const version = r.version
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return { ok: false, problems: [{ code: 'unknownVersion', path: 'version' }] }
  }
  if (version > ARCHIVE_VERSION) return { ok: false, problems: [{ code: 'newerVersion', path: 'version', version }] }
  const entry = VERSIONS[version]
  if (!entry) return { ok: false, problems: [{ code: 'unknownVersion', path: 'version', version }] }
  const res = v.safeParse(entry.schema, raw)
  if (!res.success) {
    const problems: ArchiveProblem[] = []
    for (const issue of res.issues) {
      const path = issuePath(issue)
      if (!problems.some((p) => p.path === path)) problems.push({ code: 'malformed', path })
    }
    return { ok: false, problems: problems.slice(0, 20) }
  }
  const archive = entry.upgrade(res.output)
  const b = archive.doc.base64
  // Valid characters but not a whole number of base64 quads: the text was cut inside the doc.
  if (b.length % 4 !== 0) return { ok: false, problems: [{ code: 'truncated', path: 'doc.base64' }] }
  // A signature is only worth something with the key it claims to be by.
  if (archive.signature && !archive.session.facilitatorKey) return { ok: false, problems: [{ code: 'malformed', path: 'session.facilitatorKey' }] }
  return { ok: true, archive }
}

/** Parses an archive file's text: size, JSON (or cut-off JSON), format, version, schema. */
export function parseArchive(text: string): ArchiveResult {
  if (text.length > MAX_ARCHIVE_CHARS) return { ok: false, problems: [{ code: 'tooBig', path: '' }] }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let raw: unknown
  try {
    raw = JSON.parse(body)
  } catch {
    return { ok: false, problems: [{ code: looksTruncated(body) ? 'truncated' : 'notJson', path: '' }] }
  }
  return validateArchive(raw)
}

export interface ArchiveInput {
  exportedAt: number
  session: {
    id: string
    title: string
    createdAt: number
    code?: string
    role: WorkshopRole
    facilitatorKey?: string
  }
  doc: { base64: string; sha256: string }
}

/** Builds a current-version archive (the caller encodes the doc and computes its SHA-256). */
export function buildArchive(input: ArchiveInput): Archive {
  const s = input.session
  const session: Archive['session'] = {
    id: s.id,
    title: s.title,
    createdAt: Math.max(0, Math.floor(s.createdAt)) || 0,
    role: s.role,
  }
  if (s.code) session.code = s.code
  if (s.facilitatorKey) session.facilitatorKey = s.facilitatorKey
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(input.exportedAt).toISOString(),
    app: { version: MEDVIRK_APP_VERSION },
    session,
    doc: { encoding: 'yjs-update-v2', base64: input.doc.base64, sha256: input.doc.sha256 },
  }
}

/** The archive with its signature (the value made by sync/archiveDoc.ts over `archiveMessage`). */
export function withSignature(a: Archive, value: string): Archive {
  return { ...a, signature: { alg: ARCHIVE_SIGNATURE_ALG, value } }
}

export function archiveToJson(a: Archive): string {
  return `${JSON.stringify(a, null, 2)}\n`
}

/** "medvirk-fritid-for-unge-2025-03-01.json": the title in plain letters, then the export date. */
export function archiveFilename(title: string, exportedAt: number): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  const date = new Date(exportedAt).toISOString().slice(0, 10)
  return `medvirk-${slug ? `${slug}-` : ''}${date}.json`
}

/** Normalised title for "another workshop here has the same title" (spaces and case ignored). */
export function sameTitle(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('nb')
  return n(a) !== '' && n(a) === n(b)
}
