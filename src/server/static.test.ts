import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from './server.ts'
import type { RunningServer } from './server.ts'
import { APP_JS, INDEX_HTML, SW_JS, makeFakeDist, makeTempDir, rawRequest, removeDir } from './testHelpers.ts'

const NAVIGATE = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

describe('static: serving the built app', () => {
  let distDir: string
  let server: RunningServer

  beforeAll(async () => {
    distDir = await makeFakeDist()
    server = await startServer({ port: 0, host: '127.0.0.1', distDir })
  })
  afterAll(async () => {
    await server.close()
    await removeDir(distDir)
  })

  it('serves index.html at / with no-cache and the security headers', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const res = await rawRequest(server.url, '/', { headers: NAVIGATE })
    expect(res.status).toBe(200)
    expect(res.body).toBe(INDEX_HTML)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })

  it('falls back to index.html for app routes such as /join/ABC', async () => {
    const res = await rawRequest(server.url, '/join/ABC?x=1', { headers: NAVIGATE })
    expect(res.status).toBe(200)
    expect(res.body).toBe(INDEX_HTML)
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('serves the service worker with no-cache so updates are noticed', async () => {
    const res = await rawRequest(server.url, '/sw.js')
    expect(res.status).toBe(200)
    expect(res.body).toBe(SW_JS)
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('serves the manifest with its own content type and no-cache', async () => {
    const res = await rawRequest(server.url, '/manifest.webmanifest')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/manifest+json; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('caches hashed assets for a year as immutable', async () => {
    const res = await rawRequest(server.url, '/assets/app-abc123.js')
    expect(res.status).toBe(200)
    expect(res.body).toBe(APP_JS)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers 404 for a missing asset, even when the browser accepts HTML', async () => {
    const res = await rawRequest(server.url, '/assets/missing-000.js', { headers: NAVIGATE })
    expect(res.status).toBe(404)
    const api = await rawRequest(server.url, '/join/ABC', { headers: { Accept: 'application/json' } })
    expect(api.status).toBe(404)
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await rawRequest(server.url, '/assets/app-abc123.js', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.body).toBe('')
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)))
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers a revalidation with 304 when nothing changed', async () => {
    const first = await rawRequest(server.url, '/sw.js')
    const etag = first.headers.etag
    expect(etag).toBeTruthy()
    const again = await rawRequest(server.url, '/sw.js', { headers: { 'If-None-Match': etag ?? '' } })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
  })

  it('refuses methods other than GET and HEAD', async () => {
    const res = await rawRequest(server.url, '/', { method: 'POST' })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  ])('refuses directory traversal: %s', async (attempt) => {
    const packageJson = await readFile(new URL('../../package.json', import.meta.url), 'utf8')
    const res = await rawRequest(server.url, attempt, { headers: NAVIGATE })
    expect([400, 403, 404]).toContain(res.status)
    expect(res.body).not.toContain('"name"')
    expect(res.body).not.toBe(packageJson)
    expect(res.body).not.toContain('root:')
  })
})

describe('static: before the first build', () => {
  it('answers 503 with the command to run', async () => {
    const emptyDir = await makeTempDir('medvirk-empty-')
    const server = await startServer({ port: 0, host: '127.0.0.1', distDir: emptyDir })
    try {
      const res = await rawRequest(server.url, '/', { headers: NAVIGATE })
      expect(res.status).toBe(503)
      expect(res.body).toBe('Run npm run build first')
      const head = await rawRequest(server.url, '/', { method: 'HEAD' })
      expect(head.status).toBe(503)
      expect(head.body).toBe('')
    } finally {
      await server.close()
      await removeDir(emptyDir)
    }
  })
})
