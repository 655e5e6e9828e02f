import { describe, expect, test } from 'vitest'
import { generateRoundKeys, MAX_BALLOT_BYTES, openBallot, sealBallot, type SealedBallot } from './ballotSealing.ts'

const ROUND = 'round-1'
const PAD = 256

const bytes = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0))
const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u))
/** Flips one bit of a base64 field, keeping it valid base64 of the same length. */
function flip(field: string, at = 0): string {
  const u = bytes(field)
  u[at] = (u[at] ?? 0) ^ 0x01
  return b64(u)
}

describe('ballot sealing', () => {
  test('round trip, including non-ASCII text and an empty ballot', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    for (const text of ['{"token":"t1","dots":["a","b"]}', 'Grønn park – æøå ✓', '']) {
      const sealed = await sealBallot(ROUND, publicKeyRaw, text, PAD)
      expect(sealed.r).toBe(ROUND)
      expect(await openBallot(ROUND, privateKey, sealed)).toBe(text)
    }
  })

  test('the private round key is non-extractable; the public key is a raw P-256 point', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    expect(privateKey.extractable).toBe(false)
    expect(privateKey.algorithm).toMatchObject({ name: 'ECDH', namedCurve: 'P-256' })
    await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow()
    const raw = bytes(publicKeyRaw)
    expect(raw.length).toBe(65)
    expect(raw[0]).toBe(4)
  })

  test('different choices give ciphertexts of identical length (exactly padTo + 16 bytes)', async () => {
    const { publicKeyRaw } = await generateRoundKeys()
    const a = await sealBallot(ROUND, publicKeyRaw, 'A', PAD)
    const b = await sealBallot(ROUND, publicKeyRaw, JSON.stringify({ token: 'x'.repeat(40), dots: ['opt-1', 'opt-2', 'opt-3', 'opt-4'] }), PAD)
    const full = await sealBallot(ROUND, publicKeyRaw, 'z'.repeat(PAD - 4), PAD)
    for (const s of [a, b, full]) {
      expect(bytes(s.c).length).toBe(PAD + 16)
      expect(s.c.length).toBe(a.c.length)
      expect(s.k.length).toBe(a.k.length)
      expect(s.iv.length).toBe(a.iv.length)
    }
    expect(JSON.stringify(a).length).toBe(JSON.stringify(b).length)
  })

  test('a plaintext longer than padTo − 4 bytes (UTF-8) is refused with a clear error', async () => {
    const { publicKeyRaw } = await generateRoundKeys()
    await expect(sealBallot(ROUND, publicKeyRaw, 'z'.repeat(PAD - 3), PAD)).rejects.toThrow(/at most 252 fit in padTo = 256/)
    // 'ø' is two bytes of UTF-8: 126 of them are 252 bytes (fits), 127 are 254 (does not).
    await expect(sealBallot(ROUND, publicKeyRaw, 'ø'.repeat(126), PAD)).resolves.toBeTruthy()
    await expect(sealBallot(ROUND, publicKeyRaw, 'ø'.repeat(127), PAD)).rejects.toThrow(/254 bytes/)
    await expect(sealBallot(ROUND, publicKeyRaw, 'a', 3)).rejects.toThrow(/padTo/)
    await expect(sealBallot(ROUND, publicKeyRaw, 'a', MAX_BALLOT_BYTES + 1)).rejects.toThrow(/padTo/)
    await expect(sealBallot(ROUND, publicKeyRaw, 'a', 10.5)).rejects.toThrow(/padTo/)
  })

  test('bad round id or round key is a clear error when sealing', async () => {
    const { publicKeyRaw } = await generateRoundKeys()
    await expect(sealBallot('', publicKeyRaw, 'a', PAD)).rejects.toThrow(/roundId/)
    await expect(sealBallot(ROUND, 'not a key', 'a', PAD)).rejects.toThrow(/round public key/)
    // 65 bytes that are not a point on the curve
    await expect(sealBallot(ROUND, b64(new Uint8Array(65).fill(4)), 'a', PAD)).rejects.toThrow(/round public key/)
  })

  test('sealing is randomized: the same choice twice gives unrelated ciphertexts', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    const a = await sealBallot(ROUND, publicKeyRaw, 'same', PAD)
    const b = await sealBallot(ROUND, publicKeyRaw, 'same', PAD)
    expect(a.k).not.toBe(b.k)
    expect(a.iv).not.toBe(b.iv)
    expect(a.c).not.toBe(b.c)
    expect(await openBallot(ROUND, privateKey, a)).toBe('same')
    expect(await openBallot(ROUND, privateKey, b)).toBe('same')
  })

  test("another round's key cannot open it", async () => {
    const mine = await generateRoundKeys()
    const other = await generateRoundKeys()
    const sealed = await sealBallot(ROUND, mine.publicKeyRaw, 'secret', PAD)
    expect(await openBallot(ROUND, other.privateKey, sealed)).toBeNull()
  })

  test('a peer that is not the facilitator (it has only the public key) cannot open it', async () => {
    const { publicKeyRaw } = await generateRoundKeys()
    const sealed = await sealBallot(ROUND, publicKeyRaw, 'secret', PAD)
    const asPublic = await crypto.subtle.importKey('raw', bytes(publicKeyRaw), { name: 'ECDH', namedCurve: 'P-256' }, true, [])
    expect(await openBallot(ROUND, asPublic, sealed)).toBeNull()
    // Its own key pair, and the ballot's own ephemeral public key, are no better.
    const own = await generateRoundKeys()
    expect(await openBallot(ROUND, own.privateKey, sealed)).toBeNull()
    const eph = await crypto.subtle.importKey('raw', bytes(sealed.k), { name: 'ECDH', namedCurve: 'P-256' }, true, [])
    expect(await openBallot(ROUND, eph, sealed)).toBeNull()
  })

  test('tampered ciphertext, iv or ephemeral key → null', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    const sealed = await sealBallot(ROUND, publicKeyRaw, 'secret', PAD)
    const n = bytes(sealed.c).length
    for (const at of [0, 3, 100, n - 17, n - 1]) expect(await openBallot(ROUND, privateKey, { ...sealed, c: flip(sealed.c, at) })).toBeNull()
    expect(await openBallot(ROUND, privateKey, { ...sealed, iv: flip(sealed.iv) })).toBeNull()
    expect(await openBallot(ROUND, privateKey, { ...sealed, k: flip(sealed.k, 64) })).toBeNull()
    // Another ballot's ephemeral key with this ciphertext
    const other = await sealBallot(ROUND, publicKeyRaw, 'secret', PAD)
    expect(await openBallot(ROUND, privateKey, { ...sealed, k: other.k })).toBeNull()
    // Truncated and extended ciphertexts
    expect(await openBallot(ROUND, privateKey, { ...sealed, c: b64(bytes(sealed.c).subarray(0, n - 1)) })).toBeNull()
    expect(await openBallot(ROUND, privateKey, { ...sealed, c: b64(bytes(sealed.c).subarray(0, 16)) })).toBeNull()
    expect(await openBallot(ROUND, privateKey, { ...sealed, c: b64(new Uint8Array([...bytes(sealed.c), 0])) })).toBeNull()
    // The untouched ballot still opens
    expect(await openBallot(ROUND, privateKey, sealed)).toBe('secret')
  })

  test('wrong round id → null, whether relabelled or asked for another round', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    const sealed = await sealBallot(ROUND, publicKeyRaw, 'secret', PAD)
    expect(await openBallot('round-2', privateKey, sealed)).toBeNull()
    // Relabelled to the round being counted: the AAD and HKDF info no longer match.
    expect(await openBallot('round-2', privateKey, { ...sealed, r: 'round-2' })).toBeNull()
  })

  test('garbage inputs → null, quickly, never a throw', async () => {
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    const good = await sealBallot(ROUND, publicKeyRaw, 'secret', PAD)
    const huge = 'A'.repeat(20_000_000)
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      'ballot',
      [],
      {},
      { r: ROUND },
      { ...good, r: undefined },
      { ...good, k: 42 },
      { ...good, c: null },
      { ...good, c: huge },
      { ...good, k: huge },
      { ...good, iv: huge },
      { r: huge, k: huge, iv: huge, c: huge },
      { ...good, c: '!!!not base64!!!' },
      { ...good, c: good.c.slice(0, -4) + ' ' + good.c.slice(-3) },
      { ...good, c: good.c.replace(/=+$/, '') },
      { ...good, iv: good.iv + 'AAAA' },
      { ...good, k: b64(new Uint8Array(65)) },
      { ...good, k: b64(new Uint8Array(65).fill(4)) },
      [good.r, good.k, good.iv, good.c],
    ]
    const t0 = performance.now()
    for (const g of garbage) expect(await openBallot(ROUND, privateKey, g)).toBeNull()
    expect(performance.now() - t0).toBeLessThan(500)
    // A non-key, or a bad round id argument, is null too.
    expect(await openBallot(ROUND, null as unknown as CryptoKey, good)).toBeNull()
    expect(await openBallot(huge, privateKey, { ...good, r: huge })).toBeNull()
    expect(await openBallot(ROUND, privateKey, good)).toBe('secret')
  })

  test('a ballot whose length prefix lies is rejected even with a valid tag', async () => {
    // Seal by hand with the same construction but a length prefix bigger than the block.
    const { privateKey, publicKeyRaw } = await generateRoundKeys()
    const curve = { name: 'ECDH', namedCurve: 'P-256' } as const
    const roundKey = await crypto.subtle.importKey('raw', bytes(publicKeyRaw), curve, false, [])
    const eph = await crypto.subtle.generateKey(curve, true, ['deriveBits'])
    const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: roundKey }, eph.privateKey, 256)
    const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey'])
    const enc = new TextEncoder()
    const key = await crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: enc.encode('medvirk/ballot/v1'), info: enc.encode(ROUND) }, ikm, { name: 'AES-GCM', length: 256 }, false, ['encrypt'])
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const block = new Uint8Array(32)
    new DataView(block.buffer).setUint32(0, 29)
    const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(ROUND) }, key, block)
    const sealed: SealedBallot = { r: ROUND, k: b64(new Uint8Array(await crypto.subtle.exportKey('raw', eph.publicKey))), iv: b64(iv), c: b64(new Uint8Array(c)) }
    expect(await openBallot(ROUND, privateKey, sealed)).toBeNull()
    new DataView(block.buffer).setUint32(0, 28)
    const ok = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(ROUND) }, key, block)
    expect(await openBallot(ROUND, privateKey, { ...sealed, c: b64(new Uint8Array(ok)) })).toBe('\0'.repeat(28))
  })
})
