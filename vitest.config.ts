// Vitest: unit and integration projects, v8 coverage with the seed's 95 % gate on the platform and module core.
import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/**/unit/**/*.test.ts', 'tests/platform/**/*.unit.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/**/integration/**/*.test.ts', 'tests/platform/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/helpers/globalSetup.ts'],
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: [
        'src/lib/**/*.ts',
        'src/modules/ticketing/services/**/*.ts',
        'src/modules/ticketing/db/**/*.ts',
        'src/modules/ticketing/integrations/**/*.ts',
      ],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 95, branches: 95 },
    },
  },
});
