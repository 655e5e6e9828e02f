import { X509Certificate, createPrivateKey } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from './server.ts'
import { loadOrCreateSelfSigned, resolveTlsFromEnv } from './tls.ts'
import type { ResolvedTls } from './tls.ts'
import { INDEX_HTML, TestClient, makeFakeDist, makeTempDir, rawRequest, removeDir } from './testHelpers.ts'

let certDir: string
let distDir: string
let tls: ResolvedTls

beforeAll(async () => {
  certDir = await makeTempDir('medvirk-certs-')
  distDir = await makeFakeDist()
  tls = await loadOrCreateSelfSigned({ certDir, dns: ['localhost', 'roombox.local'], ips: ['127.0.0.1', '192.168.1.20'] })
})
afterAll(async () => {
  await removeDir(certDir)
  await removeDir(distDir)
})

describe('tls: self-signed certificate', () => {
  it('covers the requested names and addresses and lasts about a year', () => {
    expect(tls.created).toBe(true)
    const cert = new X509Certificate(tls.cert)
    expect(cert.subjectAltName).toBe('DNS:localhost, DNS:roombox.local, IP Address:127.0.0.1, IP Address:192.168.1.20')
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(360)
    expect(days).toBeLessThan(370)
    // The key must match, or Node would refuse to serve with it.
    expect(cert.checkPrivateKey(createPrivateKey(tls.key))).toBe(true)
  })

  it('is reused from the cache, so tablets accept it only once', async () => {
    const again = await loadOrCreateSelfSigned({ certDir, dns: ['localhost', 'roombox.local'], ips: ['127.0.0.1', '192.168.1.20'] })
    expect(again.created).toBe(false)
    expect(again.fingerprint).toBe(tls.fingerprint)
  })

  it('is regenerated when the box has a new LAN address', async () => {
    const dir = await makeTempDir('medvirk-certs-')
    try {
      const first = await loadOrCreateSelfSigned({ certDir: dir, dns: ['localhost'], ips: ['10.0.0.5'] })
      const moved = await loadOrCreateSelfSigned({ certDir: dir, dns: ['localhost'], ips: ['10.0.0.6'] })
      expect(moved.created).toBe(true)
      expect(moved.fingerprint).not.toBe(first.fingerprint)
    } finally {
      await removeDir(dir)
    }
  })

  it('serves the app over https and signaling over wss', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', distDir, tls })
    const clients: TestClient[] = []
    try {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}`)
      expect(server.signalingUrl).toBe(`wss://127.0.0.1:${server.port}/signal`)

      const res = await rawRequest(server.url, '/', { headers: { Accept: 'text/html' } })
      expect(res.status).toBe(200)
      expect(res.body).toBe(INDEX_HTML)

      const alice = await TestClient.connect(server.signalingUrl, { rejectUnauthorized: false })
      clients.push(alice)
      const bob = await TestClient.connect(server.signalingUrl, { rejectUnauthorized: false })
      clients.push(bob)
      await alice.subscribe('room-a')
      await bob.subscribe('room-a')
      alice.send({ type: 'publish', topic: 'room-a', data: 'over tls' })
      expect(await bob.next()).toMatchObject({ data: 'over tls', clients: 2 })
    } finally {
      await Promise.all(clients.map((c) => c.close()))
      await server.close()
    }
  })
})

describe('tls: settings from the environment', () => {
  it('uses plain HTTP unless asked', async () => {
    expect(await resolveTlsFromEnv({}, { certDir })).toBeUndefined()
    expect(await resolveTlsFromEnv({ HTTPS: '0' }, { certDir })).toBeUndefined()
  })

  it('HTTPS=1 and HTTPS=self-signed use the cached self-signed certificate', async () => {
    // certDir already holds a certificate for other names, so this regenerates for this machine,
    // then the second call must reuse it.
    const first = await resolveTlsFromEnv({ HTTPS: '1' }, { certDir })
    const second = await resolveTlsFromEnv({ HTTPS: 'self-signed' }, { certDir })
    expect(first?.source).toBe('self-signed')
    expect(second?.created).toBe(false)
    expect(second?.fingerprint).toBe(first?.fingerprint)
    const san = new X509Certificate(second?.cert ?? '').subjectAltName ?? ''
    expect(san).toContain('DNS:localhost')
    expect(san).toContain('IP Address:127.0.0.1')
  })

  it('TLS_CERT and TLS_KEY load the supplied files, taking precedence over HTTPS', async () => {
    const certFile = path.join(certDir, 'supplied-cert.pem')
    const keyFile = path.join(certDir, 'supplied-key.pem')
    await writeFile(certFile, tls.cert)
    await writeFile(keyFile, tls.key)
    const resolved = await resolveTlsFromEnv({ HTTPS: '1', TLS_CERT: certFile, TLS_KEY: keyFile })
    expect(resolved?.source).toBe('files')
    expect(resolved?.fingerprint).toBe(tls.fingerprint)
  })

  it('explains inconsistent settings instead of starting half-configured', async () => {
    await expect(resolveTlsFromEnv({ TLS_CERT: '/tmp/only-cert.pem' })).rejects.toThrow(/both TLS_CERT and TLS_KEY/)
    await expect(resolveTlsFromEnv({ TLS_CERT: '/nonexistent/c.pem', TLS_KEY: '/nonexistent/k.pem' })).rejects.toThrow(/Cannot read/)
    await expect(resolveTlsFromEnv({ HTTPS: 'maybe' })).rejects.toThrow(/HTTPS=maybe/)
  })
})
