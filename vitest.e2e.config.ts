import { defineConfig } from 'vitest/config'

// End-to-end: real Chromium (Debian) driven by playwright-core, against the built app served by
// src/server. Run through tests/support/run-e2e.sh, which creates the private network namespace.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
    allowOnly: false,
  },
})
