import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateFacilitatorKeys } from '../flowSigning.ts'
import { generateContentKey } from './relayCrypto.ts'
import { readSignedRelayKey, writeSignedRelayKey } from './relayKeyMeta.ts'

describe('the signed content key in the doc meta', () => {
  it('is taken only when signed by the trusted facilitator key for this workshop', async () => {
    const fac = await generateFacilitatorKeys()
    const rogue = await generateFacilitatorKeys()
    const key = generateContentKey()
    const doc = new Y.Doc()
    expect(await readSignedRelayKey(doc, 'w1', fac.publicKeySpki)).toBeNull()
    await writeSignedRelayKey(doc, 'w1', key, fac.privateKey)
    expect(await readSignedRelayKey(doc, 'w1', fac.publicKeySpki)).toBe(key)
    expect(await readSignedRelayKey(doc, 'w1', null)).toBeNull()
    expect(await readSignedRelayKey(doc, 'w1', rogue.publicKeySpki)).toBeNull()
    // Replayed into another workshop: the message names the workshop.
    expect(await readSignedRelayKey(doc, 'w2', fac.publicKeySpki)).toBeNull()
    // A rogue swaps in its own key, signed by itself: not trusted.
    await writeSignedRelayKey(doc, 'w1', generateContentKey(), rogue.privateKey)
    expect(await readSignedRelayKey(doc, 'w1', fac.publicKeySpki)).toBeNull()
    // Or keeps the facilitator's signature on another key.
    const g = (doc.getMap('meta').get('rkey') as { g: string }).g
    doc.getMap('meta').set('rkey', { k: generateContentKey(), g })
    expect(await readSignedRelayKey(doc, 'w1', fac.publicKeySpki)).toBeNull()
  })
})
