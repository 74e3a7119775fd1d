// Vitest for the browser E2E suite: run by scripts/e2e.ts against the built app; files one after another.
import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    name: 'e2e',
    include: ['tests/modules/ticketing/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    setupFiles: ['tests/modules/ticketing/e2e/support/failures.ts'],
  },
});
