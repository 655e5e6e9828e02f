/**
 * One real app server per test file and fresh browser devices per test, all closed by vitest
 * hooks (kept apart from browser.ts, which the benchmark also imports outside vitest).
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { RunningServer } from '../../src/server/server.ts'
import { closeAll, openDevice, startApp, TABLET, type Device } from './browser.ts'

export interface AppFixture {
  readonly server: RunningServer
  device(viewport?: { width: number; height: number }): Promise<Device>
}

export function appFixture(defaultViewport: { width: number; height: number } = TABLET): AppFixture {
  let server: RunningServer | undefined
  let devices: Device[] = []
  beforeAll(async () => {
    server = await startApp()
  })
  afterEach(async () => {
    await closeAll(devices)
    devices = []
  })
  afterAll(async () => {
    await closeAll([], [server])
  })
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the app server is started in beforeAll')
      return server
    },
    async device(viewport = defaultViewport) {
      const d = await openDevice({ viewport })
      devices.push(d)
      return d
    },
  }
}
