/**
 * Pure view model of the matrix screen: which cards lie in which cell of the sector on screen,
 * what the tray offers, and which gaps each sector has. Every function is one pass over its
 * input (the lead benchmarks 300 placed efforts over 8 sectors), with no React and no doc access.
 */
import { COLUMNS, EXAMPLE_CARDS, ROWS, isColumn, isRow, type Column, type Gap, type Row, type TextLocale } from '../../domain/matrix.ts'
import type { Note } from '../../domain/notes.ts'
import type { Cluster, MatrixCard } from '../../app/workshopSession.ts'

/** A cell of the sector on screen, as `<row>/<column>` (the `matrix-move` option values). */
export type CellId = `${Row}/${Column}`
export const CELL_IDS: readonly CellId[] = ROWS.flatMap((r) => COLUMNS.map((c) => `${r}/${c}` as const))
/** The `matrix-move` option that sends a card back to the tray. */
export const TRAY = 'tray'
export type MoveTarget = CellId | typeof TRAY

export const cellIdOf = (c: { row: Row; column: Column }): CellId => `${c.row}/${c.column}`

export function parseCellId(value: string): { row: Row; column: Column } | null {
  const [row, column, extra] = value.split('/')
  return extra === undefined && isRow(row) && isColumn(column) ? { row, column } : null
}

export function parseMoveTarget(value: string): MoveTarget | null {
  if (value === TRAY) return TRAY
  return parseCellId(value) ? (value as CellId) : null
}

/** The effort id a note or cluster gets when it is first placed (stable on every device). */
export const noteEffortId = (noteId: string) => `note-${noteId}`
export const clusterEffortId = (clusterId: string) => `cluster-${clusterId}`

export type TrayKind = 'effort' | 'note' | 'cluster' | 'example'

/** Something in the tray: an unplaced effort, or a note/cluster/example that becomes one when placed. */
export interface TrayItem {
  /** The effort id (already, or once placed). */
  id: string
  kind: TrayKind
  text: string
  source: MatrixCard['source']
  targetGroup: string
  /** Clusters: how many notes the group holds. */
  noteCount: number
}

export interface Tray {
  efforts: TrayItem[]
  /** Clusters first, then notes that are not in a cluster (those are represented by their cluster). */
  notes: TrayItem[]
  examples: TrayItem[]
}

/**
 * What can still be placed. A note that sits in a cluster is left out: the cluster step merged it
 * with the same effort written by others, and the group stands for all of them.
 */
export function buildTray(args: {
  cards: readonly MatrixCard[]
  notes: readonly Note[]
  clusters: readonly Cluster[]
  noteClusters: ReadonlyMap<string, string>
  examples: boolean
  locale: TextLocale
}): Tray {
  const known = new Set<string>()
  const efforts: TrayItem[] = []
  for (const c of args.cards) {
    known.add(c.id)
    if (!c.cell) efforts.push({ id: c.id, kind: 'effort', text: c.text, source: c.source, targetGroup: c.targetGroup, noteCount: 0 })
  }
  const perCluster = new Map<string, number>()
  for (const clusterId of args.noteClusters.values()) perCluster.set(clusterId, (perCluster.get(clusterId) ?? 0) + 1)
  const notes: TrayItem[] = []
  for (const cl of args.clusters) {
    const id = clusterEffortId(cl.id)
    if (!known.has(id)) notes.push({ id, kind: 'cluster', text: cl.name, source: 'cluster', targetGroup: '', noteCount: perCluster.get(cl.id) ?? 0 })
  }
  const clusterIds = new Set(args.clusters.map((c) => c.id))
  for (const n of args.notes) {
    const inCluster = args.noteClusters.get(n.id)
    if (inCluster !== undefined && clusterIds.has(inCluster)) continue
    const id = noteEffortId(n.id)
    if (!known.has(id) && n.text.trim()) notes.push({ id, kind: 'note', text: n.text, source: 'note', targetGroup: '', noteCount: 0 })
  }
  const examples: TrayItem[] = []
  if (args.examples) {
    for (const ex of EXAMPLE_CARDS) {
      if (known.has(ex.id)) continue
      examples.push({ id: ex.id, kind: 'example', text: ex.text[args.locale], source: 'example', targetGroup: ex.targetGroup?.[args.locale] ?? '', noteCount: 0 })
    }
  }
  return { efforts, notes, examples }
}

/** The cards of one sector, by cell, in the doc's order (creation time, then id). */
export function cardsByCell(cards: readonly MatrixCard[], sectorId: string): Map<CellId, MatrixCard[]> {
  const out = new Map<CellId, MatrixCard[]>(CELL_IDS.map((id) => [id, []]))
  for (const c of cards) {
    if (c.cell?.sector !== sectorId) continue
    out.get(cellIdOf(c.cell))?.push(c)
  }
  return out
}

export type StructuralGapKind = Exclude<Gap['kind'], 'universalNotReaching'>

export interface GapSummary {
  /** Number of gaps per sector id (every kind). */
  perSector: Map<string, number>
  /** The gaps of one sector, in findGaps' order. */
  list: Gap[]
  /** Cells of that sector with a structural gap (empty, or only targeted efforts in the column). */
  cells: Map<CellId, StructuralGapKind>
  /** Efforts of that sector that youth say do not reach them. */
  notReaching: Set<string>
}

export function summarizeGaps(gaps: readonly Gap[], sectorId: string): GapSummary {
  const perSector = new Map<string, number>()
  const list: Gap[] = []
  const cells = new Map<CellId, StructuralGapKind>()
  const notReaching = new Set<string>()
  for (const g of gaps) {
    perSector.set(g.sector, (perSector.get(g.sector) ?? 0) + 1)
    if (g.sector !== sectorId) continue
    list.push(g)
    if (g.kind === 'universalNotReaching') notReaching.add(g.effortId)
    else cells.set(cellIdOf(g), g.kind)
  }
  return { perSector, list, cells, notReaching }
}

/** Shallow field comparison for memoised card views: the snapshot builds new card objects on every change. */
export function sameCard(a: MatrixCard, b: MatrixCard): boolean {
  if (a === b) return true
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.status === b.status &&
    a.targetGroup === b.targetGroup &&
    a.ownerRole === b.ownerRole &&
    a.source === b.source &&
    sameCell(a.cell, b.cell) &&
    sameCell(a.conflict, b.conflict) &&
    a.reach.yes === b.reach.yes &&
    a.reach.no === b.reach.no &&
    a.reach.unsure === b.reach.unsure
  )
}

function sameCell(a: MatrixCard['cell'], b: MatrixCard['cell']): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return a.sector === b.sector && a.row === b.row && a.column === b.column
}

export function sameTrayItem(a: TrayItem, b: TrayItem): boolean {
  return a === b || (a.id === b.id && a.kind === b.kind && a.text === b.text && a.source === b.source && a.targetGroup === b.targetGroup && a.noteCount === b.noteCount)
}
