// Test harness: the real app on a real database, fresh per test file, loaded from a seeded template
// (PGlite: a data-dir tarball; PostgreSQL: CREATE DATABASE … TEMPLATE), driven through app.inject.
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from './env';
import { cloneDatabase, dropDatabase, openDatabase, type DbHandle } from './db';

import type { TestTemplate } from '../test/template';

export type { TestTemplate };
export const DEMO_PASSWORD_FOR_TESTS = 'Patron@2026';

export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  /** Signs in and returns a client whose requests carry the session cookie. */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
};

export type Client = {
  cookie: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
};

function client(app: FastifyInstance, cookie: string | null): Client {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
  const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, body?: unknown) =>
    request({ method, url, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }) });
  return { cookie, request, get: (url) => request({ method: 'GET', url }), post: withBody('POST'), put: withBody('PUT'), patch: withBody('PATCH') };
}

export async function openTestDatabase(t: TestTemplate): Promise<{ handle: DbHandle; dispose(): Promise<void> }> {
  if (t.kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(t.file)]);
    const handle = await openDatabase({ databaseUrl: null, dataDir: null, loadDataDir: blob });
    return { handle, dispose: () => handle.close() };
  }
  const name = `patron_t_${crypto.randomBytes(6).toString('hex')}`;
  const url = await cloneDatabase(t.serverUrl, t.template, name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 20 });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await dropDatabase(t.serverUrl, name);
    },
  };
}

export async function startTestApp(t: TestTemplate, overrides: Partial<Config> = {}): Promise<TestApp> {
  const { handle, dispose } = await openTestDatabase(t);
  const config = loadConfig({ databaseUrl: null, dataDir: '/nonexistent', isTest: true, runJobs: false, webDist: '/nonexistent', ...overrides });
  const app = await buildApp(config, { handle, skipMigrate: true, logger: false });
  await app.ready();
  return {
    app,
    handle,
    anonymous: () => client(app, null),
    async login(username, password = DEMO_PASSWORD_FOR_TESTS) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const raw = res.headers['set-cookie'];
      const first = (Array.isArray(raw) ? raw[0] : raw) ?? '';
      return client(app, first.split(';')[0]);
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
}

// ---- server-sent events -------------------------------------------------------------------

export type Sse = { id?: string; event: string; data: Record<string, unknown> };

/** Reads server-sent events until `until` says enough (or the time runs out). */
export async function readEvents(url: string, cookie: string, until: (events: Sse[]) => boolean, ms = 8000): Promise<Sse[]> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  const events: Sse[] = [];
  try {
    const res = await fetch(url, { headers: { cookie }, signal: ac.signal });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const e: Partial<Sse> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) e.id = line.slice(4);
          if (line.startsWith('event: ')) e.event = line.slice(7);
          if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6)) as Record<string, unknown>;
        }
        if (e.event) events.push(e as Sse);
      }
    }
  } catch (e) {
    if (!(e instanceof Error && e.name === 'AbortError')) throw e;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return events;
}
