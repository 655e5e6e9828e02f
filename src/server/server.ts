/**
 * One port, one origin: the built app and the `/signal` WebSocket hub. Serving both from the same
 * origin is what avoids mixed content on a room box (ARCHITECTURE.md §2, mode 2).
 * Usable in-process, so tests can start it on port 0 and close it again.
 */
import { EventEmitter } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { attachSignaling } from './signaling.ts'
import type { SignalingLimits, SignalingStats } from './signaling.ts'
import { createStaticHandler } from './static.ts'
import { createRelayHub } from './relay.ts'
import type { RelayLimits, RelayStats } from './relay.ts'
import type { Fanout } from './fanout.ts'

export interface ServerOptions {
  port: number
  host: string
  /** Built app; defaults to dist/ at the repository root. */
  distDir?: string
  tls?: { cert: string | Buffer; key: string | Buffer }
  limits?: Partial<SignalingLimits>
  log?: (line: string) => void
  /** Bounds of the `/relay` hub (relay.ts). */
  relayLimits?: Partial<RelayLimits>
  /**
   * Other instances serving the same rooms (issue 13): main.ts passes a Redis fan-out when
   * REDIS_URL is set. Default: none (one instance). The caller owns it and closes it after close().
   */
  fanout?: Fanout
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:5173 */
  url: string
  /** The port actually bound, so `port: 0` works. */
  port: number
  /** ws(s)://…/signal */
  signalingUrl: string
  /** ws(s)://…/relay: the end-to-end-encrypted relay for rooms without direct links (issue 13). */
  relayUrl: string
  relayStats(): RelayStats
  stats(): SignalingStats
  /** Closes every socket; resolves once the server is fully closed. */
  close(): Promise<void>
}

export const SIGNALING_PATH = '/signal'
export const RELAY_PATH = '/relay'

/** Keep-alive connections get this long to finish in-flight requests on close. */
const HTTP_CLOSE_GRACE_MS = 1000

/** Host part of a URL for a bound address: wildcards become localhost, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? (() => {})
  const handler = createStaticHandler({ distDir: opts.distDir })
  const server: http.Server | https.Server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler)
    : http.createServer(handler)

  // A TLS handshake failure (a tablet that has not accepted the certificate yet) or a malformed
  // request must not be noisy or fatal; Node's default already answers 400 and closes.
  server.on('tlsClientError', () => {})

  // `/relay` upgrades go to the relay hub; every other upgrade reaches signaling (which answers 404
  // to paths not its own) through an emitter that stands in for the server's 'upgrade' event.
  const relay = createRelayHub({ limits: opts.relayLimits, fanout: opts.fanout, log })
  const signalingUpgrades = new EventEmitter()
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?', 1)[0] === RELAY_PATH) relay.handleUpgrade(req, socket, head)
    else signalingUpgrades.emit('upgrade', req, socket, head)
  })
  const hub = attachSignaling(signalingUpgrades as unknown as http.Server, {
    path: SIGNALING_PATH,
    limits: opts.limits,
    log,
    fanout: opts.fanout,
  })

  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err)
      server.once('error', onError)
      server.listen(opts.port, opts.host, () => {
        server.off('error', onError)
        resolve()
      })
    })
  } catch (err) {
    // Listening failed (e.g. EADDRINUSE): release the hub's timer so nothing leaks.
    await Promise.all([hub.close(), relay.close()])
    throw err
  }
  // After a successful listen, late server errors are logged rather than thrown into nowhere.
  server.on('error', (err) => log(`server error: ${err.message}`))

  const port = (server.address() as AddressInfo).port
  const scheme = opts.tls ? 'https' : 'http'
  const host = urlHost(opts.host)
  const url = `${scheme}://${host}:${port}`
  const signalingUrl = `${opts.tls ? 'wss' : 'ws'}://${host}:${port}${SIGNALING_PATH}`
  const relayUrl = `${opts.tls ? 'wss' : 'ws'}://${host}:${port}${RELAY_PATH}`

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
      // server.close() stops accepting and drops idle keep-alive sockets; busy ones get a grace
      // period, then are cut so close() always finishes.
      server.closeIdleConnections()
      const force = setTimeout(() => server.closeAllConnections(), HTTP_CLOSE_GRACE_MS)
      await Promise.all([hub.close(), relay.close()])
      await serverClosed
      clearTimeout(force)
    })()
    return closing
  }

  return { url, port, signalingUrl, relayUrl, stats: hub.stats, relayStats: relay.stats, close }
}
