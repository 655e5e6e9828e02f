/**
 * Off localhost, plain http is not a secure context: no service worker, no WebCrypto. The app
 * must say so (and how to fix it) instead of failing silently. http://127.0.0.1 is secure.
 */
import { afterEach, expect, test } from 'vitest'
import { closeAll, DIST, openDevice, startApp, type Device } from '../support/browser.ts'
import { startServer, type RunningServer } from '../../src/server/server.ts'

/** The namespace's own test address (tests/support/run-e2e.sh); never a real network. */
const TEST_ADDRESS = '10.123.0.1'

let devices: Device[] = []
let servers: RunningServer[] = []
afterEach(async () => {
  await closeAll(devices, servers)
  devices = []
  servers = []
})

test('a page opened over http from a LAN address warns that it is not secure and points to https', async () => {
  if (process.env.MEDVIRK_NETNS !== '1') {
    throw new Error(
      `This test binds a server to ${TEST_ADDRESS}, which exists only inside the private network namespace. ` +
        'Run it through tests/support/run-e2e.sh (as root, with unshare and ip available).',
    )
  }
  const server = await startServer({ port: 0, host: TEST_ADDRESS, distDir: DIST, log: () => {} })
  servers.push(server)
  expect(server.url).toBe(`http://${TEST_ADDRESS}:${server.port}`)
  const dev = await openDevice()
  devices.push(dev)
  await dev.page.goto(`${server.url}/`)
  const alert = dev.page.getByTestId('insecure-context')
  await alert.waitFor()
  expect(await dev.page.evaluate(() => window.isSecureContext)).toBe(false)
  expect(await alert.getAttribute('role')).toBe('alert')
  const text = (await alert.textContent()) ?? ''
  expect(text).toContain('Siden er ikke åpnet på en sikker måte')
  expect(text).toContain('https')
  expect(text).toContain(server.url)
  // The rest of the app still renders underneath the warning.
  await dev.page.getByTestId('create-title').waitFor()
  expect(dev.errors).toEqual([])
})

test('http://127.0.0.1 is a secure context and shows no such warning', async () => {
  const server = await startApp()
  servers.push(server)
  const dev = await openDevice()
  devices.push(dev)
  await dev.page.goto(`${server.url}/`)
  await dev.page.getByTestId('create-title').waitFor()
  expect(await dev.page.evaluate(() => window.isSecureContext)).toBe(true)
  expect(await dev.page.getByTestId('insecure-context').count()).toBe(0)
  expect(await dev.page.getByText('Siden er ikke åpnet på en sikker måte').count()).toBe(0)
  expect(dev.errors).toEqual([])
})
