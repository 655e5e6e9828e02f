import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from './server.ts'
import type { RunningServer } from './server.ts'
import { INDEX_HTML, makeFakeDist, rawRequest, removeDir } from './testHelpers.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url))

interface Cli {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

const children: ChildProcess[] = []

/** Runs `tsx src/server/main.ts` (what `npm start` runs) with the given environment. */
function runCli(env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [tsxCli, 'src/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HTTPS: '', TLS_CERT: '', TLS_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

async function waitForOutput(cli: Cli, pattern: RegExp, timeoutMs = 15000): Promise<RegExpMatchArray> {
  const start = Date.now()
  for (;;) {
    const match = cli.output().match(pattern)
    if (match) return match
    if (cli.child.exitCode !== null || Date.now() - start > timeoutMs) {
      throw new Error(`pattern ${pattern} not seen; output:\n${cli.output()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

let distDir: string
beforeAll(async () => {
  distDir = await makeFakeDist()
})
afterAll(async () => {
  await removeDir(distDir)
})
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
})

describe('npm start (src/server/main.ts)', () => {
  it('prints a working link and the HTTPS hint, and stops cleanly on SIGTERM', async () => {
    const cli = runCli({ PORT: '0', HOST: '127.0.0.1', DIST_DIR: distDir })
    const [, link] = await waitForOutput(cli, /On this computer:\s+(http:\/\/\S+)/)
    await waitForOutput(cli, /Press Ctrl\+C to stop/)
    expect(cli.output()).toContain('HTTPS=1 npm start')
    expect(cli.output()).toMatch(/Signaling:\s+ws:\/\/127\.0\.0\.1:\d+\/signal/)

    const res = await rawRequest(link ?? '', '/', { headers: { Accept: 'text/html' } })
    expect(res.body).toBe(INDEX_HTML)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('says clearly that the port is in use, and exits with an error', async () => {
    const blocker: RunningServer = await startServer({ port: 0, host: '127.0.0.1', distDir })
    try {
      const cli = runCli({ PORT: String(blocker.port), HOST: '127.0.0.1', DIST_DIR: distDir })
      expect(await cli.exited).toBe(1)
      expect(cli.output()).toContain(`Port ${blocker.port} is already in use`)
    } finally {
      await blocker.close()
    }
  })

  it('rejects a PORT that is not a number', async () => {
    const cli = runCli({ PORT: 'eighty', DIST_DIR: distDir })
    expect(await cli.exited).toBe(1)
    expect(cli.output()).toContain('PORT=eighty is not a port number')
  })
})
