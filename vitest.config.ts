import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run on PGlite; integration tests (*.int.test.ts) run again on a real
// PostgreSQL server when TEST_DATABASE_URL is set.
const onPostgres = !!process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default on two cores is one worker. Two keep both cores busy: PGlite files are
    // CPU-bound in-process, and the PostgreSQL files mostly wait on the server, another process.
    maxWorkers: 2,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
        },
      },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['server/**/*.int.test.ts'],
                environment: 'node',
                globalSetup: ['server/test/global-setup.ts'],
              },
            },
          ]
        : []),
      {
        extends: true as const,
        // The web resolves @contracts through web/vite.config.ts; its tests need the same alias.
        resolve: { alias: { '@contracts': path.resolve(import.meta.dirname, 'contracts') } },
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
    ],
  },
});
