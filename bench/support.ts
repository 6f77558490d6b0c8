// The one place that knows how to build, seed and sign in to the real app for a benchmark, so the
// benchmarks themselves only see a URL and a session cookie.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/env';
import { openDatabase } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo, seedReferenceData } from '../server/seed';
import { scratchDatabase, type ScratchDatabase } from './processes';

export type StartAppOptions = {
  /** Load the demo bank (and its demo accounts) before starting. */
  seeded: boolean;
  /** A PostgreSQL server URL: the app gets a new scratch database on it. Null: PGlite in tmpDir. */
  databaseUrl: string | null;
  tmpDir: string;
  env: NodeJS.ProcessEnv;
  log(message: string): void;
};

export type Session = { username: string; cookie: string };

export type StartedApp = {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Signs in through POST /api/auth/login; returns the Cookie header value. */
  login(username: string, password: string): Promise<string>;
  /** The demo admin signed in, for benchmarks that only need some session. */
  session(): Promise<Session>;
  close(): Promise<void>;
};

export async function startApp(opts: StartAppOptions): Promise<StartedApp> {
  const dataDir = path.join(opts.tmpDir, 'app-data');
  fs.mkdirSync(dataDir, { recursive: true });
  let scratch: ScratchDatabase | null = null;
  if (opts.databaseUrl) scratch = await scratchDatabase(opts.databaseUrl, 'app');
  const databaseUrl = scratch?.url ?? null;

  const config = loadConfig(
    { dataDir, databaseUrl, runJobs: false, logLevel: 'warn', webDist: path.join(opts.tmpDir, 'no-web') },
    opts.env,
  );
  // The same steps as `patron serve --seed-if-empty`, with the app's own pool size.
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const t0 = performance.now();
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    if (opts.seeded && (await isDatabaseEmpty(handle.db))) {
      const summary = await seedDemo(handle.db, { seed: config.seed });
      opts.log(`demo bank seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
    }
  } catch (e) {
    await handle.close();
    await scratch?.drop();
    throw e;
  }

  // Logger off: request logs would flood the report; the figure is the platform without log I/O.
  let app: FastifyInstance | null = null;
  let url: string;
  try {
    app = await buildApp(config, { handle, skipMigrate: true, logger: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (e) {
    await app?.close();
    await handle.close();
    await scratch?.drop();
    throw e;
  }

  const started = app;
  const login = async (username: string, password: string): Promise<string> => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${body.slice(0, 300)}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length === 0) throw new Error(`login ${username} set no cookie`);
    return cookies.join('; ');
  };

  const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin') ?? DEMO_ACCOUNTS[0];
  return {
    url,
    login,
    async session() {
      return { username: admin.username, cookie: await login(admin.username, DEMO_PASSWORD) };
    },
    async close() {
      await started.close();
      await handle.close();
      await scratch?.drop();
    },
  };
}
