/**
 * Privacy of a whole vote round on in-memory peers (ARCHITECTURE.md §4): a facilitator and three
 * participants on a mesh of Y.Docs with awareness, the real sealing, ballot box, vote rules and
 * signed flow log. After the round: no doc holds a ballot or a per-voter record; the only vote
 * data left is the signed totals; a participant cannot open another's ballot; a forged results
 * event is ignored by every device.
 */
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { BUILT_IN_TEMPLATES } from '../../src/domain/builtInTemplates.ts'
import type { FlowEvent } from '../../src/domain/flowEvents.ts'
import { BALLOT_PLAIN_MAX, encodeBallotEnvelope, results, tally, validateBallot, type Ballot, type VoteRound } from '../../src/domain/voting.ts'
import { bulletinOf, checkReceipt } from '../../src/domain/votingLedger.ts'
import { createWorkshopMachine, foldFlow, viewOf } from '../../src/machines/workshopMachine.ts'
import { BallotCollector, castBallot } from '../../src/sync/ballotBox.ts'
import { generateRoundKeys, openBallot, sealBallot } from '../../src/sync/ballotSealing.ts'
import { appendFlowEvent, flowArray, FlowVerifier, writeFacilitatorKey, writeSignedTemplate } from '../../src/sync/flowLog.ts'
import { flowMessage, generateFacilitatorKeys, sign } from '../../src/sync/flowSigning.ts'
import {
  blindPassRequest,
  finalizePass,
  generatePassKeys,
  generateVoterKeys,
  importPassKey,
  PassChecker,
  receiptOf,
  signBallot,
  signPassRequest,
  type VoterKeys,
  type VotingPass,
} from '../../src/sync/votingPasses.ts'

const template = BUILT_IN_TEMPLATES.find((t) => t.id === 'prioriter-med-prikker')!
const machine = createWorkshopMachine(template)
const W = 'vote-workshop'
const AT = Date.UTC(2026, 10, 23, 10)
const PAD = BALLOT_PLAIN_MAX + 4

function mesh(docs: Y.Doc[], aws: Awareness[]) {
  docs.forEach((d, i) =>
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'mesh') docs.forEach((o, j) => j !== i && Y.applyUpdate(o, u, 'mesh'))
    }),
  )
  aws.forEach((a, i) =>
    a.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'mesh') return
      const u = encodeAwarenessUpdate(a, [...added, ...updated, ...removed])
      aws.forEach((o, j) => j !== i && applyAwarenessUpdate(o, u, 'mesh'))
    }),
  )
}

async function derive(doc: Y.Doc, key: string) {
  const v = await new FlowVerifier(W).verifyDoc(doc, key)
  return viewOf(template, foldFlow(machine, v.events))
}

describe('a whole dot-vote round on in-memory peers', () => {
  test('only signed totals remain; no ballot in any doc; forged results ignored', async () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()]
    const aws = docs.map((d) => new Awareness(d))
    mesh(docs, aws)
    const [fDoc, ...pDocs] = docs
    const fac = await generateFacilitatorKeys()
    writeFacilitatorKey(fDoc!, fac.publicKeySpki)
    await writeSignedTemplate(fDoc!, W, template, fac.privateKey)
    let seq = 0
    const emit = async (e: FlowEvent) => (seq = await appendFlowEvent(fDoc!, W, e, fac.privateKey, seq))
    await emit({ type: 'session.start', at: AT, contract: { question: 'Q', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2099-01-01', feedbackChannel: '' } })
    await emit({ type: 'step.goto', at: AT + 1, from: 'welcome', to: 'vote' })

    const round: VoteRound = {
      roundId: 'round-1',
      options: [
        { id: 'bus', label: 'Gratis buss' },
        { id: 'hall', label: 'Åpen hall' },
        { id: 'club', label: 'Ungdomsklubb' },
      ],
      rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false },
    }
    const roundKeys = await generateRoundKeys()
    const passKeys = await generatePassKeys()
    round.passKey = passKeys.spki
    await emit({ type: 'vote.open', at: AT + 2, step: 'vote', round, publicKey: roundKeys.publicKeyRaw })
    for (const d of docs) expect((await derive(d, fac.publicKeySpki)).context.openRound).toBe('round-1')

    const validate = (raw: unknown) => {
      const r = validateBallot(round, raw)
      return r.ok ? r.ballot : null
    }
    const passKey = (await importPassKey(passKeys.spki))!
    const checker = new PassChecker(passKey, W, 'round-1', validate)
    const collector = new BallotCollector<Ballot>(aws[0]!, 'round-1', roundKeys.privateKey, checker.admit, validate)
    // Each participant device: a voter key and a blind-signed pass (issued by the facilitator key).
    const voters: { voter: VoterKeys; pass: VotingPass; n: number; fps: string[] }[] = []
    for (let i = 0; i < 3; i++) {
      const voter = await generateVoterKeys()
      const req = await blindPassRequest(passKey, W, 'round-1', voter.pub)
      const pass = (await finalizePass(passKey, req, await signPassRequest(passKeys.privateKey, req.blinded)))!
      voters.push({ voter, pass, n: 0, fps: [] })
    }
    const issued = voters.length
    const cast = async (i: number, ballot: Ballot) => {
      const v = voters[i - 1]!
      const n = ++v.n
      const s = await signBallot(v.voter.privateKey, 'round-1', n, ballot)
      v.fps.push(await receiptOf(s))
      const text = encodeBallotEnvelope(ballot, { px: v.pass.px, ps: v.pass.ps, pk: v.voter.pub, n, s })
      castBallot(aws[i]!, await sealBallot('round-1', roundKeys.publicKeyRaw, text, PAD))
    }
    await cast(1, { method: 'dots', dots: { bus: 3 } })
    await cast(2, { method: 'dots', dots: { hall: 1, bus: 2 } })
    await cast(3, { method: 'dots', dots: { club: 3 } })
    // participant 3 changes its mind before the round closes: the higher counter wins
    await cast(3, { method: 'dots', dots: { club: 1, hall: 2 } })
    // an over-budget ballot from a modified client is refused (and does not erase participant 2's)
    await cast(2, { method: 'dots', dots: { hall: 9 } } as Ballot)
    await collector.settled()
    expect(collector.voters()).toBe(3)
    expect(collector.stats.invalid).toBe(1)

    // a participant holds others' sealed ballots in its awareness copy but cannot open them
    const other = (aws[1]!.getStates().get(aws[2]!.clientID) as { ballot?: unknown }).ballot
    expect(other).toBeTruthy()
    const notTheKey = await generateRoundKeys()
    expect(await openBallot('round-1', notTheKey.privateKey, other)).toBeNull()

    const res = { ...results(round, tally(round, collector.ballots())), ...bulletinOf(issued, collector.receipts()) }
    expect(res.counted).toBe(3)
    expect(res.passesIssued).toBe(3)
    // while the round is open, a rogue participant forges a "results" event, signed with its own key
    const rogue = await generateFacilitatorKeys()
    const forged = JSON.stringify({ type: 'vote.close', at: AT + 4, step: 'vote', roundId: 'round-1', results: { ...res, ranked: [{ optionIds: ['club'], rank: 1, score: 99 }] } })
    flowArray(pDocs[0]!).push([{ s: seq + 1, e: forged, g: await sign(rogue.privateKey, flowMessage(W, seq + 1, forged)) }])

    for (const d of docs) expect((await derive(d, fac.publicKeySpki)).context.votes['round-1']?.status).toBe('open')

    await emit({ type: 'vote.close', at: AT + 3, step: 'vote', roundId: 'round-1', results: res })
    collector.destroy()

    for (const d of docs) {
      const v = await derive(d, fac.publicKeySpki)
      const r = v.context.votes['round-1']
      expect(r?.status).toBe('closed')
      expect(r?.results?.publish).toBe('rankOnly') // 3 voters: the order, no counts
      expect(r?.results?.ranked.map((g) => g.optionIds)).toEqual([['bus'], ['hall'], ['club']])
      expect(JSON.stringify(r?.results)).not.toContain('"score"')
      // participants find their own receipts on the board (participant 3: its re-cast); participant
      // 2's last, refused ballot is not there, and its device says an earlier one was counted
      expect(voters.map((v) => checkReceipt(r?.results?.receipts, v.fps))).toEqual(['counted', 'earlier', 'counted'])
    }
    // No doc carries a ballot, a voter token or a sealed payload, and nothing per voter.
    for (const d of docs) {
      const bytes = new TextDecoder().decode(Y.encodeStateAsUpdate(d))
      for (const v of voters) {
        expect(bytes).not.toContain(v.voter.pub)
        expect(bytes).not.toContain(v.pass.ps.slice(0, 40))
      }
      expect(bytes).not.toContain('"ballot"')
      expect(bytes).not.toContain(String((other as { c: string }).c).slice(0, 40))
      expect(bytes).not.toContain('"dots":{')
    }
  })
})
