/**
 * The workshop statechart, built from a template: `lobby` → one state per step (in template
 * order) → `ended`. The same machine runs everywhere: the facilitator drives a live actor (and
 * persists its snapshot); every device derives what it shows by folding the verified flow log
 * through the pure `transition()` (see foldFlow below).
 *
 * Navigation is guarded by `from`: `step.next` from a step that is no longer current is a no-op,
 * so two facilitator tablets tapping "next" at once move one step, not two. Timers are deadline
 * timestamps carried in events, never `after:` delays (those are lost on restore, xstate#5331).
 */
import { and, assign, initialTransition, setup, transition, type SnapshotFrom } from 'xstate'
import { isContractComplete, type InfluenceContract } from '../domain/contract.ts'
import type { FlowEvent, FocusTarget } from '../domain/flowEvents.ts'
import type { Template } from '../domain/template.ts'
import type { Results, VoteRound } from '../domain/voting.ts'

export type TimerState =
  | { kind: 'idle' }
  | { kind: 'running'; endsAt: number }
  | { kind: 'paused'; remainingMs: number }

export interface WorkshopContext {
  contract: InfluenceContract | null
  startedAt: number | null
  endedAt: number | null
  /** When the current step was entered (facilitator clock), for "time used". */
  stepEnteredAt: number | null
  /** Milliseconds spent per step id so far (closed visits only). */
  spentMs: Record<string, number>
  timer: TimerState
  locked: boolean
  /** Steps whose notes have been revealed (a hidden brainstorm shows only one's own notes until then). */
  revealed: string[]
  /** The input lock's state vector (base64): while locked, honest devices show only what it covers. */
  lockSv: string | null
  /** Per step, the public key notes are sealed to now (absent once revealed). */
  seals: Record<string, string>
  /** Per step, every private key a reveal published: anyone can open the notes sealed to them. */
  openKeys: Record<string, string[]>
  focus: FocusTarget
  moderated: string[]
  phase: Record<string, number>
  pulse: Record<string, number[]>
  /** Vote rounds by id: what was asked and, once closed, the published results. */
  votes: Record<string, VoteRoundState>
  /** The round open right now, if any (at most one at a time). */
  openRound: string | null
}

export interface VoteRoundState {
  step: string
  round: VoteRound
  publicKey: string
  status: 'open' | 'closed'
  results: Results | null
}

const initialContext = (): WorkshopContext => ({
  contract: null,
  startedAt: null,
  endedAt: null,
  stepEnteredAt: null,
  spentMs: {},
  timer: { kind: 'idle' },
  locked: false,
  revealed: [],
  lockSv: null,
  seals: {},
  openKeys: {},
  focus: null,
  moderated: [],
  phase: {},
  pulse: {},
  votes: {},
  openRound: null,
})

type E = FlowEvent

/** Date (yyyy-mm-dd, UTC) of an event, the "today" against which the contract is checked. */
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10)

function leave(ctx: WorkshopContext, step: string, at: number): Record<string, number> {
  if (ctx.stepEnteredAt === null) return ctx.spentMs
  return { ...ctx.spentMs, [step]: (ctx.spentMs[step] ?? 0) + Math.max(0, at - ctx.stepEnteredAt) }
}

export function createWorkshopMachine(template: Template) {
  const ids = template.steps.map((s) => s.id)
  const base = setup({
    types: { context: {} as WorkshopContext, events: {} as E },
    guards: {
      /** The event names the step it was made in; stale events are no-ops. */
      fromIs: ({ event }, params: { step: string }) => 'from' in event && event.from === params.step,
      stepIs: ({ event }, params: { step: string }) => 'step' in event && event.step === params.step,
      toIs: ({ event }, params: { step: string }) => event.type === 'step.goto' && event.to === params.step,
      /** One round at a time, and a round id is never reused. */
      canOpenVote: ({ context, event }) => event.type === 'vote.open' && context.openRound === null && !context.votes[event.round.roundId],
      /** A seal that arrives after its step was revealed changes nothing: nobody seals a shown step. */
      sealable: ({ context, event }) => event.type === 'notes.seal' && !context.revealed.includes(event.step),
      isOpenRound: ({ context, event }) => event.type === 'vote.close' && context.openRound === event.roundId,
      contractComplete: ({ event }) => event.type === 'session.start' && isContractComplete(event.contract, dayOf(event.at)),
    },
    actions: {
      start: assign(({ event }) => (event.type === 'session.start' ? { contract: event.contract, startedAt: event.at, stepEnteredAt: event.at } : {})),
      /** Leaving a step: book its time, clear the step-local controls. */
      changeStep: assign(({ context, event }, params: { from: string }) => ({
        spentMs: leave(context, params.from, event.at),
        stepEnteredAt: event.at,
        timer: { kind: 'idle' } as TimerState,
        locked: false,
        lockSv: null,
        focus: null,
      })),
      end: assign(({ context, event }, params: { from: string }) => ({ spentMs: leave(context, params.from, event.at), endedAt: event.at, stepEnteredAt: null, timer: { kind: 'idle' } as TimerState, locked: true, focus: null })),
      timerStart: assign(({ event }) => (event.type === 'timer.start' ? { timer: { kind: 'running', endsAt: event.endsAt } as TimerState } : {})),
      timerPause: assign(({ event }) => (event.type === 'timer.pause' ? { timer: { kind: 'paused', remainingMs: event.remainingMs } as TimerState } : {})),
      timerStop: assign({ timer: { kind: 'idle' } as TimerState }),
      lock: assign(({ event }) => ({ locked: true, lockSv: event.type === 'input.lock' ? (event.sv ?? null) : null })),
      unlock: assign({ locked: false, lockSv: null }),
      reveal: assign(({ context, event }, params: { step: string }) => {
        const revealed = context.revealed.includes(params.step) ? context.revealed : [...context.revealed, params.step]
        if (event.type !== 'notes.reveal' || !event.key) return { revealed }
        const { [params.step]: _sealed, ...seals } = context.seals
        const keys = context.openKeys[params.step] ?? []
        return { revealed, seals, openKeys: keys.includes(event.key) ? context.openKeys : { ...context.openKeys, [params.step]: [...keys, event.key] } }
      }),
      seal: assign(({ context, event }) => (event.type === 'notes.seal' ? { seals: { ...context.seals, [event.step]: event.key } } : {})),
      hide: assign(({ context }, params: { step: string }) => ({ revealed: context.revealed.filter((s) => s !== params.step) })),
      focus: assign(({ event }) => (event.type === 'focus.set' ? { focus: event.target } : {})),
      moderate: assign(({ context, event }) => (event.type === 'note.moderate' && !context.moderated.includes(event.noteId) ? { moderated: [...context.moderated, event.noteId] } : {})),
      restore: assign(({ context, event }) => (event.type === 'note.restore' ? { moderated: context.moderated.filter((n) => n !== event.noteId) } : {})),
      phase: assign(({ context, event }) => (event.type === 'phase.set' ? { phase: { ...context.phase, [event.step]: event.phase } } : {})),
      pulse: assign(({ context, event }) => (event.type === 'pulse.publish' ? { pulse: { ...context.pulse, [event.step]: event.totals } } : {})),
      voteOpen: assign(({ context, event }) =>
        event.type === 'vote.open'
          ? { openRound: event.round.roundId, votes: { ...context.votes, [event.round.roundId]: { step: event.step, round: event.round, publicKey: event.publicKey, status: 'open' as const, results: null } } }
          : {},
      ),
      voteClose: assign(({ context, event }) => {
        if (event.type !== 'vote.close') return {}
        const v = context.votes[event.roundId]
        if (!v) return {}
        return { openRound: null, votes: { ...context.votes, [event.roundId]: { ...v, status: 'closed' as const, results: event.results } } }
      }),
    },
  })

  const stepStates = Object.fromEntries(
    template.steps.map((s, i) => {
      const next = ids[i + 1]
      const prev = ids[i - 1]
      const here = { step: s.id }
      return [
        s.id,
        {
          on: {
            'step.next': next
              ? { target: next, guard: { type: 'fromIs', params: here }, actions: { type: 'changeStep', params: { from: s.id } } }
              : { target: '#workshop.ended', guard: { type: 'fromIs', params: here }, actions: { type: 'end', params: { from: s.id } } },
            'step.back': prev ? { target: prev, guard: { type: 'fromIs', params: here }, actions: { type: 'changeStep', params: { from: s.id } } } : undefined,
            'step.goto': ids
              .filter((to) => to !== s.id)
              .map((to) => ({ target: to, guard: and([{ type: 'fromIs', params: here }, { type: 'toIs', params: { step: to } }]), actions: { type: 'changeStep', params: { from: s.id } } })),
            'session.end': { target: '#workshop.ended', guard: { type: 'fromIs', params: here }, actions: { type: 'end', params: { from: s.id } } },
            'timer.start': { guard: { type: 'stepIs', params: here }, actions: 'timerStart' },
            'timer.pause': { guard: { type: 'stepIs', params: here }, actions: 'timerPause' },
            'timer.stop': { guard: { type: 'stepIs', params: here }, actions: 'timerStop' },
            'input.lock': { guard: { type: 'stepIs', params: here }, actions: 'lock' },
            'input.unlock': { guard: { type: 'stepIs', params: here }, actions: 'unlock' },
            'notes.reveal': { guard: { type: 'stepIs', params: here }, actions: { type: 'reveal', params: here } },
            'notes.hide': { guard: { type: 'stepIs', params: here }, actions: { type: 'hide', params: here } },
            'focus.set': { guard: { type: 'stepIs', params: here }, actions: 'focus' },
            'phase.set': { guard: { type: 'stepIs', params: here }, actions: 'phase' },
            'pulse.publish': { guard: { type: 'stepIs', params: here }, actions: 'pulse' },
            'vote.open': { guard: and([{ type: 'stepIs', params: here }, 'canOpenVote']), actions: 'voteOpen' },
          },
        },
      ]
    }),
  )

  return base.createMachine({
    id: 'workshop',
    context: initialContext,
    initial: 'lobby',
    on: {
      // Moderation holds in every state: a hidden note stays hidden across steps.
      'note.moderate': { actions: 'moderate' },
      'note.restore': { actions: 'restore' },
      // A seal may be set up for any step ahead of time (the facilitator seals hidden steps at start).
      'notes.seal': { guard: 'sealable', actions: 'seal' },
      // A round may be closed from any step (the facilitator may have moved on while people voted).
      'vote.close': { guard: 'isOpenRound', actions: 'voteClose' },
    },
    states: {
      lobby: {
        on: { 'session.start': { target: ids[0], guard: 'contractComplete', actions: 'start' } },
      },
      ...stepStates,
      ended: { type: 'final' },
    },
  } as never)
}

export type WorkshopMachine = ReturnType<typeof createWorkshopMachine>
export type WorkshopSnapshot = SnapshotFrom<WorkshopMachine>

/** What every view needs, derived from a snapshot. */
export interface FlowView {
  status: 'lobby' | 'running' | 'ended'
  stepId: string | null
  stepIndex: number
  context: WorkshopContext
}

export function viewOf(template: Template, snap: WorkshopSnapshot): FlowView {
  const value = String(snap.value)
  const context = snap.context as WorkshopContext
  if (value === 'lobby') return { status: 'lobby', stepId: null, stepIndex: -1, context }
  if (value === 'ended') return { status: 'ended', stepId: null, stepIndex: template.steps.length, context }
  return { status: 'running', stepId: value, stepIndex: template.steps.findIndex((s) => s.id === value), context }
}

/** The vote round open right now, if any. */
export function openRoundOf(context: WorkshopContext | undefined): VoteRoundState | undefined {
  const id = context?.openRound
  const v = id ? context.votes[id] : undefined
  return v?.status === 'open' ? v : undefined
}

export function initialSnapshot(machine: WorkshopMachine): WorkshopSnapshot {
  return initialTransition(machine)[0]
}

/** Applies one event purely; returns the same snapshot object when the event changed nothing. */
export function step(machine: WorkshopMachine, snap: WorkshopSnapshot, event: FlowEvent): WorkshopSnapshot {
  const [next] = transition(machine, snap, event as never)
  return next
}

/** Folds a sequence of (already verified, ordered) events from the initial state. */
export function foldFlow(machine: WorkshopMachine, events: Iterable<FlowEvent>): WorkshopSnapshot {
  let snap = initialSnapshot(machine)
  for (const e of events) snap = step(machine, snap, e)
  return snap
}

/** Whether the event would change anything now (the console disables buttons that would not). */
export function canApply(machine: WorkshopMachine, snap: WorkshopSnapshot, event: FlowEvent): boolean {
  return snap.can(event as never)
}

/** Remaining time of a timer at `now` (ms, never negative); null when no timer runs. */
export function remainingMs(timer: TimerState, now: number): number | null {
  if (timer.kind === 'running') return Math.max(0, timer.endsAt - now)
  if (timer.kind === 'paused') return timer.remainingMs
  return null
}

/** What an incremental fold remembers: the ids of the events folded so far and the result. */
export interface FoldCache {
  machine: WorkshopMachine
  ids: readonly string[]
  snap: WorkshopSnapshot
}

/**
 * Folds only what is new when the log grew at its end (the usual case: the facilitator appended
 * an event), and everything again when anything earlier changed (a concurrent record sorted in
 * between, another template). The result always equals `foldFlow(machine, events)`.
 */
export function foldIncremental(machine: WorkshopMachine, cache: FoldCache | null, ids: readonly string[], events: readonly FlowEvent[]): FoldCache {
  let start = 0
  let snap: WorkshopSnapshot
  if (cache && cache.machine === machine && cache.ids.length <= ids.length && cache.ids.every((id, i) => ids[i] === id)) {
    start = cache.ids.length
    snap = cache.snap
  } else {
    snap = initialSnapshot(machine)
  }
  for (let i = start; i < events.length; i++) snap = step(machine, snap, events[i] as FlowEvent)
  return { machine, ids: [...ids], snap }
}
