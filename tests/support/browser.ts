/**
 * Shared helpers for end-to-end tests: Debian's Chromium driven by playwright-core, and the real
 * Medvirk server (static app + signaling) started in-process on loopback.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../../src/server/server.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The built app; MEDVIRK_DIST points elsewhere (e.g. a helper's own `vite build --outDir`). */
export const DIST = process.env['MEDVIRK_DIST'] || fileURLToPath(new URL('../../dist', import.meta.url))

/** Flags that keep headless Chromium from calling home on a machine with no internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

/** `extraArgs`: more Chromium flags, e.g. a WebRTC policy that makes direct links impossible. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true })
}

export function startApp(port = 0): Promise<RunningServer> {
  return startServer({ port, host: '127.0.0.1', distDir: DIST, log: () => {} })
}

/**
 * tsx (esbuild with keepNames) wraps named functions inside `page.evaluate` callbacks in a
 * `__name(…)` helper that exists only in Node; define it in the page as the identity.
 */
export const TSX_NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f)'

export const TABLET = { width: 1024, height: 768 }
export const PHONE = { width: 390, height: 844 }

export interface Device {
  browser: Browser
  context: BrowserContext
  page: Page
  errors: string[]
}

/**
 * A separate browser *process* per device, so peers cannot shortcut through a shared
 * BroadcastChannel: whatever reaches another device went over WebRTC. Console errors and page
 * errors are collected; tests assert none were unexpected.
 */
export async function openDevice(opts: { viewport?: { width: number; height: number }; locale?: string; chromiumArgs?: readonly string[] } = {}): Promise<Device> {
  const browser = await launchBrowser(opts.chromiumArgs)
  const context = await browser.newContext({ viewport: opts.viewport ?? TABLET, locale: opts.locale ?? 'nb-NO' })
  await context.addInitScript(TSX_NAME_SHIM)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  return { browser, context, page, errors }
}

export async function closeAll(devices: (Device | undefined)[], servers: (RunningServer | undefined)[] = []): Promise<void> {
  await Promise.all(devices.map((d) => d?.browser.close().catch(() => {})))
  await Promise.all(servers.map((s) => s?.close().catch(() => {})))
}

/**
 * Creates a workshop on the facilitator device and returns its code and join link. Unless
 * `open: false`, it also fills the influence contract, starts the session and takes everyone to
 * the brainstorm step with the notes revealed, so every device can write and sees every note.
 */
export async function createWorkshop(page: Page, baseUrl: string, title: string, opts: { open?: boolean } = {}): Promise<{ code: string; link: string; url: string }> {
  await page.goto(baseUrl)
  await page.getByTestId('create-title').fill(title)
  await page.getByTestId('create-submit').click()
  await page.getByTestId('join-code-display').waitFor()
  const code = (await page.getByTestId('join-code-display').getAttribute('data-code')) ?? ''
  const link = (await page.getByTestId('join-link').getAttribute('href')) ?? ''
  if (opts.open !== false) {
    await startSession(page)
    await gotoStep(page, 'ideas')
    await page.getByTestId('console-reveal').click()
    await page.getByRole('button', { name: 'Skjul lappene igjen' }).or(page.getByRole('button', { name: 'Hide the notes again' })).waitFor()
  }
  return { code, link, url: page.url() }
}

/** Fills the influence contract's required fields and starts the session (facilitator). */
export async function startSession(page: Page, contract: { question?: string; owner?: string; feedbackDate?: string } = {}): Promise<void> {
  await page.getByTestId('contract-question').fill(contract.question ?? 'Hva skal fritidsmidlene brukes på?')
  await page.getByTestId('contract-decisionOwner').fill(contract.owner ?? 'Kommunestyret')
  await page.getByTestId('contract-feedbackDate').fill(contract.feedbackDate ?? '2099-01-15')
  await page.getByTestId('flow-start').click()
  await page.getByTestId('console').waitFor()
}

/** Jumps to a step from the console's agenda (with its confirmation), and waits until it is current. */
export async function gotoStep(page: Page, stepId: string): Promise<void> {
  await page.getByTestId(`console-goto-${stepId}`).click()
  await page.getByTestId(`console-goto-${stepId}-confirm`).click()
  await page.locator(`[data-testid=step-panel][data-step="${stepId}"]`).waitFor()
}

export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-text').fill(text)
  await page.getByTestId('composer-publish').click()
}

export async function waitForNote(page: Page, text: string, timeout = 20000): Promise<void> {
  await page.getByTestId('note').filter({ hasText: text }).first().waitFor({ timeout })
}

export async function noteTexts(page: Page): Promise<string[]> {
  return (await page.getByTestId('note').locator('.note-text').allTextContents()).sort()
}

// ---------------------------------------------------------------------------------------------
// Helpers for the offline, error, accessibility and storage end-to-end tests (appended).

export const AXE_PATH = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url))
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Joins a workshop by typing its code on the home screen, and waits for the board. */
export async function joinByCode(page: Page, baseUrl: string, code: string): Promise<void> {
  await page.goto(baseUrl)
  await page.getByTestId('join-code').fill(code)
  await page.getByTestId('join-code').press('Enter')
  await page.getByTestId('workshop-title').waitFor()
}

/**
 * Waits until the service worker is active and controls this page. The app's worker
 * (registerType "prompt") does not claim an already open page, so the first load is reloaded once.
 */
export async function waitForServiceWorker(page: Page, timeout = 20000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), undefined, { timeout })
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null)
  if (!controlled) await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout })
}

export interface AxeViolationSummary {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs axe-core (injected from node_modules) on the current page with the WCAG 2.x A/AA tags. */
export async function runAxe(page: Page): Promise<AxeViolationSummary[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const res = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return res.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }))
  }, AXE_TAGS)
}

/** One line per violation, for assertion messages. */
export function formatViolations(vs: AxeViolationSummary[]): string {
  return vs.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.targets.join(' | ')}`).join('\n')
}

/** Console errors not matched by any of the (justified) patterns. */
export function unexpectedErrors(errors: string[], allowed: RegExp[]): string[] {
  return errors.filter((e) => !allowed.some((re) => re.test(e)))
}

/** Lets the page expose its real services on `window.__medvirk` (see main.tsx); set before the app loads. */
export async function enableTestHooks(device: Device): Promise<void> {
  await device.context.addInitScript(() => localStorage.setItem('medvirk:testHooks', '1'))
}

/** Adds `count` notes of `length` characters through the real session command, in one transaction. */
export async function addManyNotes(page: Page, count: number, length: number): Promise<number> {
  return page.evaluate(
    async ({ count, length }) => {
      const id = location.pathname.split('/').pop() ?? ''
      const services = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<{ addManyNotes(t: string[]): number }>; release(id: string): void } } }).__medvirk.services
      const session = await services.acquire(id)
      try {
        const texts = Array.from({ length: count }, (_, i) => `${i} `.padEnd(length, 'abcdefghij klmnopqrst uvwxyzæøå '.charAt(i % 31)))
        return session.addManyNotes(texts)
      } finally {
        services.release(id)
      }
    },
    { count, length },
  )
}

/**
 * Searches every IndexedDB database of the page's origin for any of `needles`: strings anywhere in
 * stored values, and bytes of binary values (y-dexie's Yjs updates) read as Latin-1 text. Returns
 * the store names where something was found.
 */
export async function idbContains(page: Page, needles: string[]): Promise<string[]> {
  return page.evaluate(async (needles) => {
    const hits: string[] = []
    const asText = (v: unknown): string => {
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) return Array.from(new Uint8Array(v instanceof ArrayBuffer ? v : v.buffer), (b) => String.fromCharCode(b)).join('')
      if (typeof v === 'string') return v
      if (v && typeof v === 'object') return Object.values(v as Record<string, unknown>).map(asText).join('\u0000')
      return String(v)
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name as string)
        r.onsuccess = () => res(r.result)
        r.onerror = () => rej(r.error)
      })
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((res, rej) => {
          const r = db.transaction(store, 'readonly').objectStore(store).getAll()
          r.onsuccess = () => res(r.result)
          r.onerror = () => rej(r.error)
        })
        const text = values.map(asText).join('\n')
        if (needles.some((n) => text.includes(n))) hits.push(`${info.name}/${store}`)
      }
      db.close()
    }
    return hits
  }, needles)
}
