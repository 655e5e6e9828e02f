/**
 * A throw-away redis-server for the scale-out tests (issue 13): Debian's `redis-server` (installed
 * by tests/support/ensure-redis.sh), on 127.0.0.1 and a free port, nothing persisted, in a temp
 * dir. One per test file: start it in beforeAll, `stop()` it in afterAll. `kill()` and `start()`
 * take it away and bring it back on the same port, for "Redis went away" tests.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  readonly url: string
  readonly port: number
  /** Starts it again on the same port (after kill()). */
  start(): Promise<void>
  /** Kills the process at once (SIGKILL, no goodbye to clients), like a crash or a lost host. */
  kill(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. `resume()` thaws it. */
  pause(): void
  resume(): void
  /** Kills it and removes its directory; nothing is left behind. */
  stop(): Promise<void>
}

const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? 'redis-server'
const READY_TIMEOUT_MS = 10_000

/** Every process this module started, so that even a crashing test file leaves none behind. */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'medvirk-redis-'))
  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    if (child) throw new Error('redis-server is already running')
    const proc = spawn(
      REDIS_SERVER,
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--save', '',
        '--appendonly', 'no',
        '--dir', dir,
        '--daemonize', 'no',
        '--loglevel', 'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = proc
    running.add(proc)
    proc.once('exit', () => running.delete(proc))
    let output = ''
    const collect = (chunk: Buffer): void => {
      if (output.length < 8192) output += chunk.toString('utf8')
    }
    proc.stdout?.on('data', collect)
    proc.stderr?.on('data', collect)
    // Ready when it answers PING; a failure to start (not installed, port taken) is reported
    // with what it printed.
    let failure: string | undefined
    proc.once('error', (err) => {
      failure = `${err.message}; run: bash tests/support/ensure-redis.sh`
    })
    proc.once('exit', (code, signal) => {
      failure ??= `exited (${code ?? signal}): ${output.trim()}`
    })
    const started = Date.now()
    for (;;) {
      if (failure !== undefined) {
        child = undefined
        throw new Error(`redis-server did not start: ${failure}`)
      }
      if (await ping(port)) return
      if (Date.now() - started > READY_TIMEOUT_MS) {
        await kill()
        throw new Error(`redis-server did not answer on port ${port}: ${output.trim()}`)
      }
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  const kill = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (!proc) return
    proc.kill('SIGKILL')
    await exited(proc)
  }

  const stop = async (): Promise<void> => {
    await kill()
    await rm(dir, { recursive: true, force: true })
  }

  const signal = (sig: NodeJS.Signals): void => {
    if (!child) throw new Error('redis-server is not running')
    child.kill(sig)
  }

  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    kill,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop,
  }
}

/** One PING over a raw socket; true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => done(data.toString('utf8').startsWith('+PONG')))
  })
}
