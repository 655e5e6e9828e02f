import { SessionConnection } from '../sync/connection.ts'
import { generateContentKey } from '../sync/relay/relayCrypto.ts'
import { readSignedRelayKey, writeSignedRelayKey } from '../sync/relay/relayKeyMeta.ts'
import { relayUrlFor } from '../domain/joinLink.ts'
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
  // The relay's room content key (issue 13): the facilitator's device makes it (also for a
  // workshop made before the relay existed) and signs it into the doc meta.
  let relayKey = summary.relayKey
  const ownKey = summary.role === 'facilitator' ? await store.getKey(summary.id).catch(() => undefined) : undefined
  if (ownKey && !relayKey) {
    relayKey = generateContentKey()
    await store.update(summary.id, { relayKey }).catch(() => {})
  }
  const connection = new SessionConnection(loaded.doc, {
    roomName: args.roomName,
    password: args.password,
    signalingUrl: args.signalingUrl,
    iceServers: args.iceServers,
    role: summary.role,
    relayUrl: relayUrlFor(args.signalingUrl),
    ...(relayKey ? { relayKey } : {}),
  })
  const flow = new FlowController({ doc: loaded.doc, summary, store, clock: args.clock })
  await flow.init()
  if (ownKey && relayKey && (await readSignedRelayKey(loaded.doc, summary.id, ownKey.publicKeySpki)) !== relayKey) {
    await writeSignedRelayKey(loaded.doc, summary.id, relayKey, ownKey.privateKey)
  }
  if (!relayKey) {
    // A typed code: the key arrives in the signed meta once a peer reached this device directly.
    connection.learnRelayKey(
      summary.id,
      async () => (await store.get(summary.id).catch(() => undefined))?.pinnedKey,
      (k) => void store.update(summary.id, { relayKey: k }).catch(() => {}),
    )
  }
  const votes = new VoteController({ flow, connection, store, workshopId: summary.id, random: args.random })
  return new WorkshopSession({ summary, loaded, connection, flow, votes, store, own, ownTexts, clock: args.clock, random: args.random })
}
