import { SessionConnection } from '../sync/connection.ts'
import type { WorkshopStore, WorkshopSummary } from '../storage/workshopStore.ts'
import { WorkshopSession, type Clock } from './workshopSession.ts'
import { FlowController } from './flowController.ts'
import { VoteController } from './voteController.ts'

/** Loads the doc from IndexedDB, *then* connects (ARCHITECTURE.md §5b), and wraps both. */
export async function openWorkshopSession(args: {
  summary: WorkshopSummary
  store: WorkshopStore
  roomName: string
  password: string
  signalingUrl: string
  iceServers: RTCIceServer[]
  clock: Clock
  random: (n: number) => Uint8Array
}): Promise<WorkshopSession> {
  const { summary, store } = args
  const loaded = await store.openDoc(summary.id)
  const own = await store.ownNoteIds(summary.id)
  const ownTexts = await store.ownTexts(summary.id).catch(() => new Map<string, string>())
  const connection = new SessionConnection(loaded.doc, {
    roomName: args.roomName,
    password: args.password,
    signalingUrl: args.signalingUrl,
    iceServers: args.iceServers,
    role: summary.role,
  })
  const flow = new FlowController({ doc: loaded.doc, summary, store, clock: args.clock })
  await flow.init()
  const votes = new VoteController({ flow, connection, store, workshopId: summary.id, random: args.random })
  return new WorkshopSession({ summary, loaded, connection, flow, votes, store, own, ownTexts, clock: args.clock, random: args.random })
}
