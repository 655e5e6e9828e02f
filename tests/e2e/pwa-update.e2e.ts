/**
 * Installable, offline after the first load, and updates are *offered*: a new service worker
 * waits until the facilitator chooses "Update now"; the page never reloads by itself.
 */
import { afterAll, expect, test } from 'vitest'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../../src/server/server.ts'
import { closeAll, DIST, openDevice, type Device } from '../support/browser.ts'

const dir = mkdtempSync(join(tmpdir(), 'medvirk-dist-'))
let server: RunningServer | undefined
let device: Device | undefined
afterAll(async () => {
  await closeAll([device], [server])
  rmSync(dir, { recursive: true, force: true })
})

test('a new version is offered with a prompt and applied only when the user chooses', async () => {
  cpSync(DIST, dir, { recursive: true })
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: dir, log: () => {} })
  device = await openDevice()
  const { page } = device
  await page.goto(server.url)
  await page.evaluate(() => navigator.serviceWorker.ready)
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload()
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
  // The manifest makes the app installable.
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json())
  expect(manifest).toMatchObject({ name: 'Medvirk', display: 'standalone', start_url: '/' })
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))

  // Ship "version 2": a byte-different service worker.
  const sw = join(dir, 'sw.js')
  writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// medvirk test: version 2\n`)
  await page.evaluate(() => {
    ;(window as unknown as { __marker: string }).__marker = 'still the same page'
  })
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
  await page.getByTestId('update-prompt').waitFor({ timeout: 20000 })
  // Offered, not applied: the page was not reloaded under the user.
  await page.waitForTimeout(1000)
  expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('still the same page')
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true)

  await page.getByRole('button', { name: 'Oppdater nå' }).click()
  await page.waitForFunction(() => !(window as unknown as { __marker?: string }).__marker, null, { timeout: 20000 })
  await page.getByTestId('create-title').waitFor()
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false)
  expect(device.errors).toEqual([])
})
