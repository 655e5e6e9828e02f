/**
 * Reads session archives for comparing (issue 6) — never stores them: parse and validate
 * (domain/archive.ts), verify the checksum and the signed flow in a throwaway doc
 * (sync/archiveRead.ts) and, for a signed archive, its signature (a signed archive that does not
 * verify is read as unverified: no rounds), fold the flow through the workshop machine, and keep the closed vote
 * rounds of the template's `vote` steps (not the evaluation's or an equity check's) with their
 * results made safe (summary.ts `safeResults`). Nothing is written to IndexedDB.
 *
 * Problems use the archive's codes, plus `unreadable` (the browser could not read the file) and
 * `duplicate` (the same session is already in the comparison; decided by the screen).
 */
import { MAX_ARCHIVE_CHARS, parseArchive, type ArchiveProblemCode } from '../domain/archive.ts'
import { safeResults } from '../domain/summary.ts'
import type { LocalizedText } from '../domain/template.ts'
import type { Results, VoteRound } from '../domain/voting.ts'
import { createWorkshopMachine, foldFlow, viewOf } from '../machines/workshopMachine.ts'
import { checkArchiveSignature } from '../sync/archiveDoc.ts'
import { readArchiveDoc } from '../sync/archiveRead.ts'

export type CompareProblemCode = ArchiveProblemCode | 'unreadable' | 'duplicate'

export interface CompareProblem {
  code: CompareProblemCode
  path: string
  version?: number
}

export interface CompareRound {
  stepId: string
  stepTitle: LocalizedText
  round: VoteRound
  /** Safe results: the published level, checked again against the voter count. */
  results: Results
}

export interface CompareSessionData {
  /** The workshop id. */
  id: string
  /** '' when neither the doc nor the archive knows a title. */
  title: string
  createdAt: number
  /**
   * False when the flow could not be checked (no facilitator key, or the template's signature
   * does not verify): then no rounds are shown, since nobody can vouch for them.
   */
  verified: boolean
  /** Signed by the facilitator key it names (format 2 archives from the facilitator's device). */
  signed?: boolean
  /** Closed priority rounds with results, in the order they were opened. */
  rounds: CompareRound[]
}

export type CompareReadResult = { ok: true; session: CompareSessionData } | { ok: false; problems: CompareProblem[] }

export async function readArchiveForCompare(text: string): Promise<CompareReadResult> {
  const parsed = parseArchive(text)
  if (!parsed.ok) return parsed
  const archive = parsed.archive
  let read: Awaited<ReturnType<typeof readArchiveDoc>>
  try {
    read = await readArchiveDoc(archive)
  } catch {
    return { ok: false, problems: [{ code: 'malformed', path: 'doc.base64' }] }
  }
  if (!read.ok) return read
  const { readout } = read
  // A signed archive whose signature does not verify (altered after export) vouches for nothing.
  const signature = await checkArchiveSignature(archive, null)
  const template = signature.ok ? readout.flow.template : null
  const session: CompareSessionData = {
    id: archive.session.id,
    title: readout.title || archive.session.title,
    createdAt: readout.createdAt || archive.session.createdAt,
    verified: !!template,
    signed: signature.ok && signature.signature === 'verified',
    rounds: [],
  }
  if (!template) return { ok: true, session }
  const machine = createWorkshopMachine(template)
  const view = viewOf(template, foldFlow(machine, readout.flow.events))
  for (const v of Object.values(view.context.votes)) {
    const step = template.steps.find((s) => s.id === v.step)
    if (step?.kind !== 'vote' || v.status !== 'closed' || !v.results) continue
    session.rounds.push({ stepId: step.id, stepTitle: step.title, round: v.round, results: safeResults(v.results) })
  }
  return { ok: true, session }
}

/** What the screen needs of a picked file (a File satisfies it). */
export interface PickedFile {
  name: string
  size: number
  text(): Promise<string>
}

/**
 * Reads a picked file. A file far over the limit is refused before it is read into memory
 * (UTF-8 needs at most 3 bytes per UTF-16 unit, so more bytes than that are always too many).
 */
export async function readArchiveFileForCompare(file: PickedFile): Promise<CompareReadResult> {
  if (file.size > MAX_ARCHIVE_CHARS * 3) return { ok: false, problems: [{ code: 'tooBig', path: '' }] }
  let text: string
  try {
    text = await file.text()
  } catch {
    return { ok: false, problems: [{ code: 'unreadable', path: '' }] }
  }
  return readArchiveForCompare(text)
}
