import { defineConfig } from 'vitest/config'

// Unit tests: Node + fake-indexeddb. Cross-layer browser tests live in tests/e2e and run
// through vitest.e2e.config.ts inside a private network namespace.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/convergence/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/unitSetup.ts'],
    testTimeout: 20000,
    allowOnly: false,
  },
})
