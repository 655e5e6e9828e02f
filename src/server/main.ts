/**
 * `npm start`: the room box. Serves the built app and signaling on one port, prints the links
 * (and a QR code) that tablets on the same Wi-Fi should open.
 *
 * Environment:
 *   PORT      default 8080 (0 picks a free port)
 *   HOST      default 0.0.0.0, i.e. every interface, so tablets can reach the box
 *   HTTPS     1 / self-signed: generate (once) a self-signed certificate under .certs/
 *   TLS_CERT, TLS_KEY  paths to a PEM certificate and key to use instead
 *   DIST_DIR  the built app, default dist/
 *   TRUST_PROXY  1: the box sits behind ONE reverse proxy; count signaling connections per client
 *             address from the last X-Forwarded-For entry. Default off (the TCP peer address), as
 *             otherwise any client could claim any address and dodge the per-address limit.
 *   REDIS_URL  redis://[user:password@]host:port: several instances behind a load balancer serve
 *             the same rooms by fanning signaling out through Redis pub/sub (issue 13). Unset (the
 *             default): one process, and no Redis client is even loaded.
 */
import QRCode from 'qrcode'
import { startServer } from './server.ts'
import { noFanout } from './fanout.ts'
import type { Fanout } from './fanout.ts'
import type { RunningServer } from './server.ts'
import { lanIPv4Addresses, resolveTlsFromEnv } from './tls.ts'
import type { ResolvedTls } from './tls.ts'

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}
const fail = (message: string): never => {
  process.stderr.write(`\nError: ${message}\n`)
  process.exit(1)
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8080
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return fail(`PORT=${raw} is not a port number (0–65535).`)
  }
  return port
}

function describeListenError(err: NodeJS.ErrnoException, port: number, host: string): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return (
        `Port ${port} is already in use (another Medvirk or another program). ` +
        `Stop it, or pick another port: PORT=${port === 8080 ? 8081 : port + 1} npm start`
      )
    case 'EACCES':
      return `Not allowed to listen on port ${port}. Ports below 1024 need extra rights; try PORT=8080.`
    case 'EADDRNOTAVAIL':
      return `HOST=${host} is not an address of this machine.`
    default:
      return `Could not start the server: ${err.message}`
  }
}

async function main(): Promise<void> {
  const env = process.env
  const port = parsePort(env['PORT'])
  const host = env['HOST']?.trim() || '0.0.0.0'
  const distDir = env['DIST_DIR']?.trim() || undefined
  const trustProxy = ['1', 'true', 'yes'].includes(env['TRUST_PROXY']?.trim().toLowerCase() ?? '')

  let tls: ResolvedTls | undefined
  try {
    tls = await resolveTlsFromEnv(env)
  } catch (err) {
    fail((err as Error).message)
  }

  const log = (line: string): void => print(`[${new Date().toISOString()}] ${line}`)

  // Scale-out: only with REDIS_URL is the Redis module (and its client library) loaded at all.
  let fanout: Fanout = noFanout
  const redisUrl = env['REDIS_URL']?.trim()
  if (redisUrl) {
    const { createRedisFanout } = await import('./redisFanout.ts')
    // Does not wait for Redis: an instance started while Redis is down serves its own clients and
    // joins the others once Redis is reachable (the fan-out logs both).
    fanout = createRedisFanout({ url: redisUrl, log })
  }

  let running: RunningServer
  try {
    running = await startServer({ port, host, distDir, tls, limits: { trustProxy }, log, fanout })
  } catch (err) {
    await fanout.close()
    return fail(describeListenError(err as NodeJS.ErrnoException, port, host))
  }

  const scheme = tls ? 'https' : 'http'
  const allInterfaces = host === '0.0.0.0' || host === '::'
  const lanLinks = allInterfaces
    ? lanIPv4Addresses().map((ip) => `${scheme}://${ip}:${running.port}`)
    : []

  print()
  print('Medvirk is running.')
  print(`  On this computer:   ${running.url}`)
  for (const link of lanLinks) print(`  On the same Wi-Fi:  ${link}`)
  if (allInterfaces && lanLinks.length === 0) {
    print('  No network found: only this computer can open the app. Connect to the Wi-Fi and restart.')
  }
  print(`  Signaling:          ${running.signalingUrl}`)
  if (redisUrl) print('  Scale-out:          signaling fans out through Redis (REDIS_URL)')

  const qrTarget = lanLinks[0]
  if (qrTarget !== undefined) {
    print()
    print(`Scan to open ${qrTarget}:`)
    print(await QRCode.toString(qrTarget, { type: 'terminal', small: true }))
  }

  print()
  if (!tls) {
    print(
      'Note: tablets need HTTPS (a secure context) for the offline app and encryption; ' +
        'start with HTTPS=1 npm start (or TLS_CERT=… TLS_KEY=… npm start).',
    )
  } else if (tls.source === 'self-signed') {
    print(
      `HTTPS with a self-signed certificate (${tls.created ? 'new' : 'reused from .certs/'}): ` +
        'each tablet must accept the browser warning once. Fingerprint:',
    )
    print(`  ${tls.fingerprint}`)
  } else {
    print(`HTTPS with the certificate from TLS_CERT (fingerprint ${tls.fingerprint}).`)
  }
  print('Press Ctrl+C to stop.')

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // Second Ctrl+C: the user does not want to wait for sockets to close.
      process.exit(130)
    }
    stopping = true
    print(`\n${signal}: stopping…`)
    running
      .close()
      .then(() => fanout.close())
      .then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Error while stopping: ${String(err)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main().catch((err: unknown) => fail(String(err)))
