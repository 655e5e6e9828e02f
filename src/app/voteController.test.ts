/**
 * VoteController end to end on in-memory peers: a facilitator device and two participant devices
 * share one (fake) signed flow and a mesh of real awareness instances; the real passes, sealing,
 * ballot box and ledger run underneath. Checks: every device gets one pass; a participant reload
 * keeps its pass and its vote (no second pass, counter goes on); the bulletin and the receipts;
 * nothing but the device's own keys, counter and fingerprints in its `voterPasses` row.
 */
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { Ballot, VoteOption, VoteRules } from '../domain/voting.ts'
import type { WorkshopContext } from '../machines/workshopMachine.ts'
import { castBallot, submittedCount, withdrawBallot } from '../sync/ballotBox.ts'
import type { SessionConnection } from '../sync/connection.ts'
import type { RoundKeyRow, VoterPassRow } from '../storage/db.ts'
import type { WorkshopStore } from '../storage/workshopStore.ts'
import type { FlowCommand, FlowController } from './flowController.ts'
import { VoteController } from './voteController.ts'

const W = 'ws-1'

/** One shared, already-verified flow: dispatch applies vote events to the context every device sees. */
class SharedFlow {
  context = { votes: {}, openRound: null } as unknown as WorkshopContext
  readonly listeners = new Set<() => void>()
  apply(cmd: FlowCommand): boolean {
    const c = this.context
    if (cmd.type === 'vote.open' && c.openRound === null) {
      this.context = { ...c, openRound: cmd.round.roundId, votes: { ...c.votes, [cmd.round.roundId]: { step: cmd.step, round: cmd.round, publicKey: cmd.publicKey, status: 'open', results: null } } }
    } else if (cmd.type === 'vote.close' && c.openRound === cmd.roundId) {
      const v = c.votes[cmd.roundId]!
      this.context = { ...c, openRound: null, votes: { ...c.votes, [cmd.roundId]: { ...v, status: 'closed', results: cmd.results } } }
    } else return false
    for (const l of [...this.listeners]) l()
    return true
  }
  device(isFacilitator: boolean): FlowController {
    return {
      isFacilitator,
      getState: () => ({ view: { status: 'running', stepId: 'vote', stepIndex: 1, context: this.context } }),
      subscribe: (cb: () => void) => {
        this.listeners.add(cb)
        return () => this.listeners.delete(cb)
      },
      dispatch: async (cmd: FlowCommand) => (isFacilitator ? this.apply(cmd) : false),
    } as unknown as FlowController
  }
}

interface Changes {
  added: number[]
  updated: number[]
  removed: number[]
}
const members: Awareness[] = []
function joinMesh(role: 'f' | 'p'): Awareness {
  const aw = new Awareness(new Y.Doc())
  for (const o of members) {
    applyAwarenessUpdate(aw, encodeAwarenessUpdate(o, [...o.getStates().keys()]), 'mesh')
  }
  aw.on('update', ({ added, updated, removed }: Changes, origin: unknown) => {
    if (origin === 'mesh') return
    const u = encodeAwarenessUpdate(aw, [...added, ...updated, ...removed])
    for (const o of members) if (o !== aw) applyAwarenessUpdate(o, u, 'mesh')
  })
  members.push(aw)
  aw.setLocalState({ r: role })
  return aw
}
afterEach(() => {
  for (const a of members.splice(0)) a.destroy()
})

function connection(aw: Awareness): SessionConnection {
  return {
    provider: { awareness: aw },
    onPresence: (cb: () => void) => {
      aw.on('change', cb)
      return () => aw.off('change', cb)
    },
    subscribe: () => () => {},
    getState: () => ({ kind: 'connected', peers: 2 }),
    getPresence: () => ({ participants: [...aw.getStates().values()].filter((s) => (s as { r?: string }).r === 'p').length, facilitators: 1, ready: 0, pulse: {} }),
    submittedCount: (r: string) => submittedCount(aw, r),
    castBallot: (s: Parameters<typeof castBallot>[1]) => castBallot(aw, s),
    withdrawBallot: () => withdrawBallot(aw),
  } as unknown as SessionConnection
}

function memoryStore() {
  const roundKeys = new Map<string, RoundKeyRow>()
  const passes = new Map<string, VoterPassRow>()
  const store = {
    getRoundKey: async (id: string) => roundKeys.get(id),
    saveRoundKey: async (row: RoundKeyRow) => void roundKeys.set(row.roundId, row),
    deleteRoundKey: async (id: string) => void roundKeys.delete(id),
    getVoterPass: async (w: string, r: string) => passes.get(`${w}|${r}`),
    saveVoterPass: async (row: VoterPassRow) => void passes.set(`${row.workshopId}|${row.roundId}`, row),
    voterToken: async (_w: string, make: () => string) => make(),
  } as unknown as WorkshopStore
  return { store, roundKeys, passes }
}

let counter = 0
const random = (n: number) => {
  const out = new Uint8Array(n)
  out[0] = ++counter
  crypto.getRandomValues(out.subarray(1))
  return out
}
const until = async (f: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !f(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(f(), what).toBe(true)
}

const OPTIONS: VoteOption[] = [
  { id: 'bus', label: 'Buss' },
  { id: 'hall', label: 'Hall' },
  { id: 'club', label: 'Klubb' },
]
const RULES: VoteRules = { method: 'dots', dots: 3, capPerOption: 3, mustNot: false }
const dots = (d: Record<string, number>): Ballot => ({ method: 'dots', dots: d })

describe('VoteController with passes', () => {
  test('one pass per device, a reload keeps pass and vote, bulletin and receipts after close', async () => {
    const flow = new SharedFlow()
    const fStore = memoryStore()
    const fac = new VoteController({ flow: flow.device(true), connection: connection(joinMesh('f')), store: fStore.store, workshopId: W, random })
    const s1 = memoryStore()
    const s2 = memoryStore()
    let p1 = new VoteController({ flow: flow.device(false), connection: connection(joinMesh('p')), store: s1.store, workshopId: W, random })
    const p2 = new VoteController({ flow: flow.device(false), connection: connection(joinMesh('p')), store: s2.store, workshopId: W, random })

    expect(await fac.open('vote', OPTIONS, RULES)).toBe(true)
    const roundId = flow.context.openRound!
    expect(flow.context.votes[roundId]?.round.passKey).toBeTruthy()
    await until(() => p1.getState().pass === 'ready' && p2.getState().pass === 'ready', 'both participants get a pass')
    expect(fac.getState().passesIssued).toBe(2)

    expect(await p1.cast(dots({ bus: 3 }))).toEqual({ ok: true })
    expect(await p2.cast(dots({ hall: 2 }))).toEqual({ ok: true })
    expect(await p1.cast(dots({ club: 1 }))).toEqual({ ok: true })
    await until(() => fac.getState().voters === 2, 'two voters')

    // p1 reloads: a new page (new awareness client id) with the same device storage.
    p1.dispose()
    p1 = new VoteController({ flow: flow.device(false), connection: connection(joinMesh('p')), store: s1.store, workshopId: W, random })
    await until(() => p1.getState().pass === 'ready', 'the reloaded page finds its pass')
    expect(await p1.cast(dots({ club: 3 }))).toEqual({ ok: true })
    await until(() => fac.getState().ignored === 0 && fac.getState().voters === 2, 'still two voters')
    await new Promise((r) => setTimeout(r, 100))
    expect(fac.getState().passesIssued).toBe(2)

    // The facilitator closes the room; the participants' keys rows hold no ballot.
    fac.setRoomClosed(true)
    expect(fac.getState().roomClosed).toBe(true)
    for (const s of [s1, s2]) expect(JSON.stringify([...s.passes.values()])).not.toContain('"dots"')

    const res = await fac.close()
    expect(res?.counted).toBe(2)
    expect(res?.passesIssued).toBe(2)
    expect(res?.receipts).toHaveLength(2)
    // p1's three casts: only the last (counter 3, after the reload) counts.
    expect(res?.publish).toBe('none')
    await until(() => p1.getState().receipts[roundId] === 'counted' && p2.getState().receipts[roundId] === 'counted', 'receipts found')
    // Keys and pass are forgotten after the round; the fingerprints stay for the receipt.
    const row = s1.passes.get(`${W}|${roundId}`)?.value as { n: number; fps: string[]; voterKey?: unknown }
    expect(row.n).toBe(3)
    expect(row.voterKey).toBeUndefined()
    expect(fStore.roundKeys.size).toBe(0)
    for (const c of [fac, p1, p2]) c.dispose()
  })
})
