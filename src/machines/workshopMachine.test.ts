import { describe, expect, test } from 'vitest'
import { createActor } from 'xstate'
import { BUILT_IN_TEMPLATES } from '../domain/builtInTemplates.ts'
import type { InfluenceContract } from '../domain/contract.ts'
import type { FlowEvent } from '../domain/flowEvents.ts'
import { canApply, createWorkshopMachine, foldFlow, initialSnapshot, remainingMs, step, viewOf } from './workshopMachine.ts'

const template = BUILT_IN_TEMPLATES[0]!
const ids = template.steps.map((s) => s.id)
const machine = createWorkshopMachine(template)
const DAY = Date.UTC(2026, 10, 23, 10, 0, 0)
const contract: InfluenceContract = {
  question: 'Hva skal fritidsmidlene brukes på?',
  open: 'Hvilke tiltak',
  fixed: 'Budsjettet',
  decisionOwner: 'Kommunestyret',
  decisionDate: '2026-12-10',
  feedbackDate: '2027-01-15',
  feedbackChannel: 'Ungdomsrådets møte',
}
const start: FlowEvent = { type: 'session.start', at: DAY, contract }
const view = (events: FlowEvent[]) => viewOf(template, foldFlow(machine, events))

describe('workshop machine', () => {
  test('starts in the lobby and cannot start without decision owner and feedback date', () => {
    expect(view([]).status).toBe('lobby')
    expect(view([{ ...start, contract: { ...contract, decisionOwner: '' } }]).status).toBe('lobby')
    expect(view([{ ...start, contract: { ...contract, feedbackDate: '' } }]).status).toBe('lobby')
    expect(view([{ ...start, contract: { ...contract, feedbackDate: '2020-01-01' } }]).status).toBe('lobby')
    expect(view([start])).toMatchObject({ status: 'running', stepId: ids[0], stepIndex: 0 })
  })

  test('next, back and goto are guarded by the step they were made in', () => {
    const e = (type: 'step.next' | 'step.back', from: string, at = DAY + 1000): FlowEvent => ({ type, from, at })
    expect(view([start, e('step.next', ids[0]!)]).stepId).toBe(ids[1])
    // a stale "next" (made in a step that is no longer current) does nothing
    expect(view([start, e('step.next', ids[0]!), e('step.next', ids[0]!)]).stepId).toBe(ids[1])
    expect(view([start, e('step.next', ids[0]!), e('step.back', ids[1]!)]).stepId).toBe(ids[0])
    expect(view([start, e('step.back', ids[0]!)]).stepId).toBe(ids[0])
    expect(view([start, { type: 'step.goto', at: DAY + 5, from: ids[0]!, to: ids[3]! }]).stepId).toBe(ids[3])
    expect(view([start, { type: 'step.goto', at: DAY + 5, from: ids[1]!, to: ids[3]! }]).stepId).toBe(ids[0])
    expect(view([start, { type: 'step.goto', at: DAY + 5, from: ids[0]!, to: 'nowhere' }]).stepId).toBe(ids[0])
  })

  test('every path through the template: next from each step reaches the end', () => {
    const events: FlowEvent[] = [start]
    for (const [i, id] of ids.entries()) {
      expect(view(events).stepId).toBe(id)
      events.push({ type: 'step.next', from: id, at: DAY + (i + 1) * 60_000 })
    }
    const v = view(events)
    expect(v.status).toBe('ended')
    expect(Object.keys(v.context.spentMs).sort()).toEqual([...ids].sort())
    expect(v.context.spentMs[ids[0]!]).toBe(60_000)
    // and every step can be reached from every other by goto
    for (const from of ids)
      for (const to of ids) {
        if (from === to) continue
        const reach: FlowEvent[] = [start, ...(from === ids[0] ? [] : [{ type: 'step.goto', at: DAY + 1, from: ids[0]!, to: from } as FlowEvent])]
        reach.push({ type: 'step.goto', at: DAY + 2, from, to })
        expect(view(reach).stepId).toBe(to)
      }
  })

  test('timers are deadlines: start, pause, stop; only for the current step', () => {
    const s0 = ids[0]!
    let v = view([start, { type: 'timer.start', at: DAY, step: s0, endsAt: DAY + 300_000 }])
    expect(remainingMs(v.context.timer, DAY + 100_000)).toBe(200_000)
    expect(remainingMs(v.context.timer, DAY + 400_000)).toBe(0)
    v = view([start, { type: 'timer.start', at: DAY, step: s0, endsAt: DAY + 300_000 }, { type: 'timer.pause', at: DAY + 1, step: s0, remainingMs: 120_000 }])
    expect(remainingMs(v.context.timer, DAY + 999_999)).toBe(120_000)
    v = view([start, { type: 'timer.start', at: DAY, step: ids[2]!, endsAt: DAY + 300_000 }])
    expect(v.context.timer).toEqual({ kind: 'idle' })
    // a step change clears the timer, the lock and the focus
    v = view([start, { type: 'timer.start', at: DAY, step: s0, endsAt: DAY + 1 }, { type: 'input.lock', at: DAY, step: s0 }, { type: 'step.next', at: DAY + 2, from: s0 }])
    expect(v.context).toMatchObject({ timer: { kind: 'idle' }, locked: false, focus: null })
  })

  test('lock, reveal, focus, moderation, phases, pulse totals', () => {
    const s = ids[2]!
    const to = (n: number) => ({ type: 'step.goto', at: DAY + n, from: ids[0]!, to: s }) as FlowEvent
    const v = view([
      start,
      to(1),
      { type: 'input.lock', at: DAY + 2, step: s },
      { type: 'notes.reveal', at: DAY + 3, step: s },
      { type: 'focus.set', at: DAY + 4, step: s, target: { kind: 'note', id: 'abcdefgh' } },
      { type: 'note.moderate', at: DAY + 5, noteId: 'abcdefgh' },
      { type: 'note.moderate', at: DAY + 5, noteId: 'abcdefgh' },
      { type: 'phase.set', at: DAY + 6, step: s, phase: 2 },
    ])
    expect(v.context).toMatchObject({ locked: true, revealed: [s], focus: { kind: 'note', id: 'abcdefgh' }, moderated: ['abcdefgh'], phase: { [s]: 2 } })
    expect(view([start, { type: 'note.moderate', at: 1, noteId: 'x1' }, { type: 'note.restore', at: 2, noteId: 'x1' }]).context.moderated).toEqual([])
    const p = ids[1]!
    expect(view([start, { type: 'step.next', at: DAY, from: ids[0]! }, { type: 'pulse.publish', at: DAY, step: p, totals: [1, 2, 3, 0, 0] }]).context.pulse).toEqual({ [p]: [1, 2, 3, 0, 0] })
  })

  test('canApply tells the console which buttons would do something', () => {
    const snap = foldFlow(machine, [start])
    expect(canApply(machine, snap, { type: 'step.next', at: 1, from: ids[0]! })).toBe(true)
    expect(canApply(machine, snap, { type: 'step.back', at: 1, from: ids[0]! })).toBe(false)
    expect(canApply(machine, initialSnapshot(machine), { type: 'step.next', at: 1, from: ids[0]! })).toBe(false)
  })

  test('a live actor snapshot survives save → restore and continues identically', () => {
    const actor = createActor(machine).start()
    actor.send(start as never)
    actor.send({ type: 'step.next', at: DAY + 10, from: ids[0]! } as never)
    actor.send({ type: 'timer.start', at: DAY + 11, step: ids[1]!, endsAt: DAY + 200_000 } as never)
    const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()))
    actor.stop()
    const restored = createActor(machine, { snapshot: saved }).start()
    expect(restored.getSnapshot().value).toBe(ids[1])
    expect(restored.getSnapshot().context.timer).toEqual({ kind: 'running', endsAt: DAY + 200_000 })
    restored.send({ type: 'step.next', at: DAY + 20, from: ids[1]! } as never)
    expect(restored.getSnapshot().value).toBe(ids[2])
    // and the pure fold agrees with the live actor
    const folded = foldFlow(machine, [start, { type: 'step.next', at: DAY + 10, from: ids[0]! }, { type: 'timer.start', at: DAY + 11, step: ids[1]!, endsAt: DAY + 200_000 }, { type: 'step.next', at: DAY + 20, from: ids[1]! }])
    expect(folded.value).toBe(restored.getSnapshot().value)
    expect(folded.context).toEqual(restored.getSnapshot().context)
    restored.stop()
  })

  test('step() returns an unchanged state for events that do not apply', () => {
    const snap = foldFlow(machine, [start])
    const after = step(machine, snap, { type: 'step.back', at: 1, from: 'close' })
    expect(after.value).toBe(snap.value)
  })
})

describe('seals and the lock in the machine', () => {
  const goIdeas: FlowEvent = { type: 'step.goto', at: DAY + 1, from: ids[0]!, to: 'ideas' }
  test('a seal holds until the reveal publishes its key; a seal after the reveal changes nothing', () => {
    const sealed = view([start, { type: 'notes.seal', at: DAY + 2, step: 'ideas', key: 'AAAA' }, goIdeas])
    expect(sealed.context.seals).toEqual({ ideas: 'AAAA' })
    const shown = view([start, { type: 'notes.seal', at: DAY + 2, step: 'ideas', key: 'AAAA' }, goIdeas, { type: 'notes.reveal', at: DAY + 3, step: 'ideas', key: 'BBBB' }])
    expect(shown.context.seals).toEqual({})
    expect(shown.context.openKeys).toEqual({ ideas: ['BBBB'] })
    const snap = foldFlow(machine, [start, goIdeas, { type: 'notes.reveal', at: DAY + 3, step: 'ideas' }])
    const late: FlowEvent = { type: 'notes.seal', at: DAY + 4, step: 'ideas', key: 'CCCC' }
    expect(canApply(machine, snap, late)).toBe(false)
    expect(viewOf(template, step(machine, snap, late)).context.seals).toEqual({})
  })

  test('the lock keeps its state vector until unlocked or the step changes', () => {
    const locked = [start, goIdeas, { type: 'input.lock', at: DAY + 2, step: 'ideas', sv: 'AQID' } as FlowEvent]
    expect(view(locked).context.lockSv).toBe('AQID')
    expect(view([...locked, { type: 'input.unlock', at: DAY + 3, step: 'ideas' }]).context.lockSv).toBeNull()
    expect(view([...locked, { type: 'step.next', at: DAY + 3, from: 'ideas' }]).context.lockSv).toBeNull()
  })
})

describe('vote rounds in the machine', () => {
  const tpl = BUILT_IN_TEMPLATES.find((t) => t.id === 'prioriter-med-prikker')!
  const m = createWorkshopMachine(tpl)
  const round = { roundId: 'r1', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], rules: { method: 'dots' as const, dots: 3, capPerOption: 3, mustNot: false } }
  const open: FlowEvent = { type: 'vote.open', at: DAY + 2, step: 'vote', round, publicKey: 'pk' }
  const toVote: FlowEvent = { type: 'step.goto', at: DAY + 1, from: 'welcome', to: 'vote' }
  const res = { roundId: 'r1', method: 'dots' as const, publish: 'none' as const, voters: 1, ranked: [] }
  test('one round at a time, only in the current step, closed once, ids never reused', () => {
    const v = (events: FlowEvent[]) => viewOf(tpl, foldFlow(m, events)).context
    expect(v([start, open]).openRound).toBeNull() // not in the vote step yet
    expect(v([start, toVote, open]).openRound).toBe('r1')
    expect(v([start, toVote, open, { ...open, round: { ...round, roundId: 'r2' } }]).openRound).toBe('r1')
    const closed = v([start, toVote, open, { type: 'vote.close', at: DAY + 3, step: 'vote', roundId: 'r1', results: res }])
    expect(closed.openRound).toBeNull()
    expect(closed.votes.r1?.status).toBe('closed')
    expect(closed.votes.r1?.results).toEqual(res)
    expect(v([start, toVote, open, { type: 'vote.close', at: DAY + 3, step: 'vote', roundId: 'other', results: { ...res, roundId: 'other' } }]).openRound).toBe('r1')
    expect(v([start, toVote, open, { type: 'vote.close', at: DAY + 3, step: 'vote', roundId: 'r1', results: res }, open]).openRound).toBeNull()
  })
})

describe('incremental folding', () => {
  test('equals a full fold when the log grows, and when an earlier record is inserted', async () => {
    const { foldIncremental } = await import('./workshopMachine.ts')
    const events: FlowEvent[] = [start]
    for (let i = 0; i < 60; i++) {
      const cur = ids[i % ids.length]!
      events.push(i % 3 === 0 ? { type: 'timer.start', at: DAY + i, step: cur, endsAt: DAY + i * 1000 } : { type: 'step.goto', at: DAY + i, from: cur, to: ids[(i + 1) % ids.length]! })
    }
    const idsOf = (n: number) => Array.from({ length: n }, (_, i) => `${i}|sig${i}`)
    let cache = null
    for (let n = 1; n <= events.length; n += 7) {
      cache = foldIncremental(machine, cache, idsOf(n), events.slice(0, n))
      const full = foldFlow(machine, events.slice(0, n))
      expect(cache.snap.value).toBe(full.value)
      expect(cache.snap.context).toEqual(full.context)
    }
    // a concurrent record sorted in before the end: the prefix differs, so everything is refolded
    const inserted = [...events.slice(0, 5), { type: 'input.lock', at: DAY, step: ids[0]! } as FlowEvent, ...events.slice(5)]
    const insertedIds = [...idsOf(5), 'x|late', ...idsOf(events.length).slice(5)]
    const after = foldIncremental(machine, cache, insertedIds, inserted)
    expect(after.snap.context).toEqual(foldFlow(machine, inserted).context)
  })
})
