/**
 * Shared fixtures for the src/server tests: a fake build, a real `ws` client with an inbox, and a
 * raw HTTP(S) request that does not normalise the path (so traversal attempts reach the server
 * exactly as written).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import { WebSocket } from 'ws'
import type { ClientOptions } from 'ws'

export const INDEX_HTML = '<!doctype html><html><head><title>Medvirk test</title></head><body></body></html>\n'
export const SW_JS = 'self.addEventListener("install", () => {})\n'
export const APP_JS = 'console.log("app")\n'

/** A temp dir shaped like vite's output: index.html, sw.js, a hashed asset, a manifest. */
export async function makeFakeDist(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'medvirk-dist-'))
  await mkdir(path.join(dir, 'assets'))
  await writeFile(path.join(dir, 'index.html'), INDEX_HTML)
  await writeFile(path.join(dir, 'sw.js'), SW_JS)
  await writeFile(path.join(dir, 'assets', 'app-abc123.js'), APP_JS)
  await writeFile(path.join(dir, 'manifest.webmanifest'), '{"name":"Medvirk"}')
  return dir
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix))
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

export type Message = Record<string, unknown>

export interface CloseInfo {
  code: number
  reason: string
}

/** A real ws client that queues every incoming message, so tests can await them in order. */
export class TestClient {
  private readonly inbox: Message[] = []
  private waiter: ((m: Message) => void) | undefined
  readonly closed: Promise<CloseInfo>

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Message
      const waiter = this.waiter
      if (waiter) {
        this.waiter = undefined
        waiter(message)
      } else {
        this.inbox.push(message)
      }
    })
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
    // Errors surface as a close; the listener only keeps them from being thrown.
    ws.on('error', () => {})
  }

  /** Opens a connection; resolves once open (or once closed, for refused connections). */
  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options)
    const client = new TestClient(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message))
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary })
  }

  /** The next message not yet read, in arrival order. */
  next(timeoutMs = 2000): Promise<Message> {
    const queued = this.inbox.shift()
    if (queued) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined
        reject(new Error(`no message within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiter = (m) => {
        clearTimeout(timer)
        resolve(m)
      }
    })
  }

  /** Round-trip through the server: everything sent before has been processed afterwards. */
  async sync(): Promise<void> {
    this.send({ type: 'ping' })
    const reply = await this.next()
    if (reply['type'] !== 'pong') throw new Error(`expected pong, got ${JSON.stringify(reply)}`)
  }

  async subscribe(...topics: string[]): Promise<void> {
    this.send({ type: 'subscribe', topics })
    await this.sync()
  }

  get unread(): number {
    return this.inbox.length
  }

  close(): Promise<CloseInfo> {
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) {
      this.ws.close()
    }
    return this.closed
  }
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** One request on a fresh socket (no keep-alive agent, so nothing lingers after the test). */
export function rawRequest(
  baseUrl: string,
  requestPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const base = new URL(baseUrl)
  const isHttps = base.protocol === 'https:'
  const requestOptions: https.RequestOptions = {
    host: base.hostname,
    port: base.port,
    method: options.method ?? 'GET',
    path: requestPath,
    headers: options.headers,
    agent: false,
    // The self-signed test certificate is not trusted by anything.
    rejectUnauthorized: false,
  }
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(requestOptions, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Polls until `check` returns true; for server-side state that has no event to await. */
export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
