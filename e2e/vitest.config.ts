import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser journeys against the built app, one server for the run, one browser context per test.
export default defineConfig({
  resolve: { alias: { '@contracts': path.resolve(import.meta.dirname, '..', 'contracts') } },
  test: {
    name: 'e2e',
    root: '.',
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A step waits for what a person would wait for: after a save, the page shows its answer once the
    // server has answered and the lists have refreshed, which on a busy 2-core machine takes more
    // than expect.poll's default of one second.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
