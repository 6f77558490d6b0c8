// Two app instances on one PostgreSQL database, as behind a load balancer.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from './env';
import { openDatabase, type DbHandle } from './db';
import { startTestApp, type TestApp } from './testing';
import type { FastifyInstance } from 'fastify';

const template = inject('template');
const onServer = template.kind === 'postgres';

let a: TestApp;
let bHandle: DbHandle;
let b: FastifyInstance;
beforeAll(async () => {
  if (!onServer) return;
  a = await startTestApp(template);
  // The second instance opens its own pool on the same database.
  const url = (a.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  bHandle = await openDatabase({ databaseUrl: url, dataDir: null });
  b = await buildApp(loadConfig({ isTest: true, runJobs: false, webDist: '/nonexistent' }), { handle: bHandle, skipMigrate: true, logger: false });
  await b.ready();
});
afterAll(async () => {
  if (!onServer) return;
  await b.close();
  await bHandle.close();
  await a.close();
});

describe.skipIf(!onServer)('two instances', () => {
  it('a session opened on one instance works on the other, and a logout on one ends it on both', async () => {
    const c = await a.login('wrm');
    const onB = () => b.inject({ method: 'GET', url: '/api/me', headers: { cookie: c.cookie! } });
    expect((await onB()).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout-all')).statusCode).toBe(200);
    // B cached the session; the NOTIFY from A makes it forget within moments.
    let status = 200;
    for (let i = 0; i < 40 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await onB()).statusCode;
    }
    expect(status).toBe(401);
  });

  it('an event published on one instance reaches a stream held by the other', async () => {
    const c = await a.login('mrm');
    const me = (await c.get('/api/me')).json();
    const base = await b.listen({ port: 0, host: '127.0.0.1' });
    const ac = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: { cookie: c.cookie! }, signal: ac.signal });
    const reader = res.body!.getReader();
    await new Promise((r) => setTimeout(r, 200));
    await a.app.ctx.notifier.toUser(a.app.ctx.db, me.userId, { kind: 'test', title: '跨实例通知', body: '' });
    let text = '';
    const dec = new TextDecoder();
    while (!text.includes('跨实例通知')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
    ac.abort();
    expect(text).toContain('event: notification');
    expect(text).toContain('跨实例通知');
  });
});
