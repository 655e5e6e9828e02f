/**
 * Builds the planner's summary input (domain/summary.ts) from what a device holds of a session:
 * the doc snapshot (notes, groups, equity answers, matrix, plans) and the folded, signed flow
 * (contract, published vote results and pulse totals). Pure: the caller passes everything in.
 * Moderated notes are left out; the redactions the facilitator typed replace note texts.
 */
import type { Template } from '../domain/template.ts'
import type { FlowView } from '../machines/workshopMachine.ts'
import type { StatusEntry, SummaryInput, SummaryVote } from '../domain/summary.ts'
import type { SessionSnapshot } from './workshopSession.ts'
import { placedEfforts } from '../sync/matrixDoc.ts'

export interface SummarySource {
  title: string
  createdAt: number
  template: Template
  view: FlowView | null
  snap: Pick<SessionSnapshot, 'notes' | 'clusters' | 'noteClusters' | 'equity' | 'equitySubjects' | 'matrix' | 'plans'>
  /** The most participants seen at once (or what the facilitator typed). */
  participants: number
  redactions?: Readonly<Record<string, string>>
  statusLog?: readonly StatusEntry[]
  municipality?: string
  reference?: string
  notReached?: string
  dissent?: string
  /** yyyy-mm-dd */
  today: string
}

/** The step ids whose doc data the summary needs (so a view can ask the session to read them). */
export function summarySteps(template: Template): { equity: string[]; plans: string[]; sectors: string[] | null } {
  const matrix = template.steps.find((s) => s.kind === 'matrix')
  return {
    equity: template.steps.filter((s) => s.kind === 'equity-check').map((s) => s.id),
    plans: template.steps.filter((s) => s.kind === 'action-plan').map((s) => s.id),
    sectors: matrix?.kind === 'matrix' ? matrix.options.sectors.map((s) => s.id) : null,
  }
}

export function buildSummaryInput(src: SummarySource): SummaryInput {
  const { template, view, snap } = src
  const ctx = view?.context
  const moderated = new Set(ctx?.moderated ?? [])
  const steps = summarySteps(template)
  const matrixStep = template.steps.find((s) => s.kind === 'matrix')
  const votes: SummaryVote[] = Object.values(ctx?.votes ?? {}).map((v) => ({ stepId: v.step, round: v.round, results: v.results ?? null }))
  const input: SummaryInput = {
    meta: {
      title: src.title,
      createdAt: src.createdAt,
      today: src.today,
      ...(src.municipality ? { municipality: src.municipality } : {}),
      ...(src.reference ? { reference: src.reference } : {}),
    },
    template,
    contract: ctx?.contract ?? null,
    status: view?.status ?? 'lobby',
    participants: Math.max(0, Math.floor(src.participants)),
    notes: snap.notes.filter((n) => !moderated.has(n.id)).map((n) => ({ id: n.id, text: n.text, createdAt: n.createdAt, clusterId: snap.noteClusters.get(n.id) ?? null })),
    clusters: snap.clusters.map((c) => ({ id: c.id, name: c.name })),
    redactions: { ...(src.redactions ?? {}) },
    votes,
    pulses: Object.entries(ctx?.pulse ?? {}).map(([stepId, totals]) => ({ stepId, totals })),
    equityChecks: steps.equity.map((stepId) => ({ stepId, subject: snap.equitySubjects[stepId] ?? null, answers: snap.equity[stepId] ?? {} })),
    matrix: matrixStep?.kind === 'matrix' ? { sectors: matrixStep.options.sectors, efforts: placedEfforts(snap.matrix) } : null,
    plans: steps.plans.flatMap((stepId) => {
      const p = snap.plans[stepId]
      return p ? [{ stepId, plan: p.plan }] : []
    }),
    evaluation: null,
    statusLog: [...(src.statusLog ?? [])],
  }
  if (src.notReached?.trim()) input.notReached = src.notReached.trim()
  if (src.dissent?.trim()) input.dissent = src.dissent.trim()
  return input
}
