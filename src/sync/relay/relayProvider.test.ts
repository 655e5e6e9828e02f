import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { WebSocket } from 'ws'
import { startServer, type RunningServer } from '../../server/server.ts'
import { RelayProvider } from './relayProvider.ts'
import { generateContentKey, importContentKey, isContentKey, openFrame, relayTopic, sealFrame } from './relayCrypto.ts'
import type { WebSocketCtor } from './relaySocket.ts'

const WS = WebSocket as unknown as WebSocketCtor
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

async function server(): Promise<RunningServer> {
  const s = await startServer({ port: 0, host: '127.0.0.1' })
  cleanup.push(() => s.close())
  return s
}

function device(url: string, contentKey: string, sending = true) {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const provider = new RelayProvider(doc, { url, contentKey, awareness, WebSocketImpl: WS, sending })
  cleanup.push(() => {
    provider.destroy()
    awareness.destroy()
  })
  return { doc, awareness, provider, notes: doc.getMap<string>('notes') }
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A subscriber that records every frame the hub forwards into the topic: what the server sees. */
async function wiretap(url: string, topic: string): Promise<{ frames: Buffer[]; ws: WebSocket }> {
  const ws = new WebSocket(url)
  const frames: Buffer[] = []
  ws.on('message', (d: Buffer, bin: boolean) => bin && frames.push(d))
  await new Promise((r) => ws.once('open', r))
  ws.send(JSON.stringify({ t: 'sub', topics: [topic] }))
  cleanup.push(() => ws.close())
  return { frames, ws }
}

describe('relay provider', () => {
  it('makes 32-byte keys and a topic that is a hash of the key, not of anything else', async () => {
    const k = generateContentKey()
    expect(isContentKey(k)).toBe(true)
    expect(isContentKey(k.slice(1))).toBe(false)
    expect(await relayTopic(k)).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await relayTopic(k)).not.toBe(await relayTopic(generateContentKey()))
    const key = await importContentKey(k)
    const sealed = await sealFrame(key, 'a', new TextEncoder().encode('hello'))
    expect(new TextDecoder().decode((await openFrame(key, 'a', sealed))!)).toBe('hello')
    // The topic is bound in as additional data: a frame replayed into another topic does not open.
    expect(await openFrame(key, 'b', sealed)).toBeNull()
  })

  it('syncs notes and awareness between three docs through a real server, as ciphertext only', async () => {
    const s = await server()
    const key = generateContentKey()
    const tap = await wiretap(s.relayUrl, await relayTopic(key))
    const a = device(s.relayUrl, key)
    a.notes.set('n1', 'Bussen går for sjelden fra Åsen')
    const b = device(s.relayUrl, key)
    await until(() => b.notes.get('n1') === 'Bussen går for sjelden fra Åsen')
    const c = device(s.relayUrl, key)
    await until(() => c.notes.get('n1') !== undefined)
    await until(() => a.provider.subscribers === 4)
    await new Promise((r) => setTimeout(r, 100))
    const sentBefore = b.provider.stats.framesSent
    b.notes.set('n2', 'Ungdomsklubben stenger kl. 21')
    await until(() => a.notes.size === 2 && c.notes.size === 2)
    // One note is one sealed frame from its author, delivered by the hub to each other member.
    expect(b.provider.stats.framesSent - sentBefore).toBe(1)
    c.notes.set('n3', 'Helsesykepleier bare tirsdager')
    for (const d of [a, b, c]) await until(() => d.notes.size === 3)
    a.awareness.setLocalState({ r: 'f' })
    c.awareness.setLocalState({ r: 'p' })
    await until(() => b.awareness.getStates().get(a.doc.clientID)?.['r'] === 'f')
    await until(() => a.awareness.getStates().get(c.doc.clientID)?.['r'] === 'p')
    expect(a.provider.relayPeers).toBe(3)

    // What the hub forwarded: nothing that contains a note's text, in any encoding.
    expect(tap.frames.length).toBeGreaterThan(0)
    const all = Buffer.concat(tap.frames)
    for (const text of ['Bussen går for sjelden', 'Ungdomsklubben', 'Helsesykepleier', 'sjelden', 'tirsdager']) {
      expect(all.includes(Buffer.from(text, 'utf8'))).toBe(false)
      expect(all.includes(Buffer.from(text, 'utf16le'))).toBe(false)
    }
    expect(s.relayStats().droppedFrames).toBe(0)
    expect(a.provider.stats.undecryptable + b.provider.stats.undecryptable + c.provider.stats.undecryptable).toBe(0)
  })

  it('a device with the wrong key reads nothing, and frames it forges into the room are dropped and counted', async () => {
    const s = await server()
    const key = generateContentKey()
    const topic = await relayTopic(key)
    const a = device(s.relayUrl, key)
    const b = device(s.relayUrl, key)
    await until(() => a.provider.subscribers === 2)
    // A wrong-key device of its own finds a different topic and so nobody.
    const wrong = device(s.relayUrl, generateContentKey())
    // A rogue that knows the topic (as the server does) but not the key.
    const rogue = await wiretap(s.relayUrl, topic)
    await until(() => a.provider.subscribers === 3)
    a.notes.set('secret', 'Jeg blir mobbet i friminuttet')
    await until(() => b.notes.get('secret') !== undefined)
    await until(() => rogue.frames.length > 0)
    const badKey = await importContentKey(generateContentKey())
    for (const f of rogue.frames) expect(await openFrame(badKey, topic, f.subarray(1 + topic.length))).toBeNull()
    expect(wrong.notes.size).toBe(0)

    // The rogue writes: a note sealed with its own key, and plain garbage.
    const forged = new Y.Doc()
    forged.getMap<string>('notes').set('evil', 'forged')
    const t = Buffer.from(topic)
    const sealed = await sealFrame(badKey, topic, new Uint8Array(Y.encodeStateAsUpdate(forged)))
    rogue.ws.send(Buffer.concat([Buffer.from([t.length]), t, Buffer.from(sealed)]))
    rogue.ws.send(Buffer.concat([Buffer.from([t.length]), t, Buffer.alloc(64, 7)]))
    await until(() => a.provider.stats.undecryptable === 2 && b.provider.stats.undecryptable === 2)
    expect(a.notes.get('evil')).toBeUndefined()
    expect(b.notes.get('evil')).toBeUndefined()
  })

  it('does not send while sending is off, still receives, and catches up when switched on', async () => {
    const s = await server()
    const key = generateContentKey()
    const a = device(s.relayUrl, key)
    const quiet = device(s.relayUrl, key, false)
    await until(() => quiet.provider.subscribers === 2)
    quiet.notes.set('offline', 'skrevet mens stille')
    a.notes.set('loud', 'fra a')
    await until(() => quiet.notes.get('loud') === 'fra a')
    await new Promise((r) => setTimeout(r, 100))
    expect(quiet.provider.stats.framesSent).toBe(0)
    expect(a.notes.get('offline')).toBeUndefined()
    quiet.provider.setSending(true)
    await until(() => a.notes.get('offline') === 'skrevet mens stille')
  })

  it('reconnects after the server went away and catches up', async () => {
    const s = await server()
    const key = generateContentKey()
    const a = device(s.relayUrl, key)
    const b = device(s.relayUrl, key)
    await until(() => a.provider.subscribers === 2 && b.provider.subscribers === 2)
    const port = s.port
    await s.close()
    await until(() => !a.provider.connected && !b.provider.connected)
    a.notes.set('while-down', 'x')
    const s2 = await startServer({ port, host: '127.0.0.1' })
    cleanup.push(() => s2.close())
    await until(() => b.notes.get('while-down') === 'x', 15_000)
  })
})
