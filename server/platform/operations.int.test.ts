// Operations: a graceful stop lets in-flight requests finish; backup and restore of the embedded database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from './env';
import { openDatabase } from './db';
import { openTestDatabase } from './testing';
import { backup, restore } from './backup';

const template = inject('template');

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new work', async () => {
    const { handle, dispose } = await openTestDatabase(template);
    const app = await buildApp(loadConfig({ isTest: true, runJobs: false, webDist: '/nonexistent' }), { handle, skipMigrate: true, logger: false });
    app.get('/api/test/slow', { config: { access: { public: true } } }, async () => {
      await new Promise((r) => setTimeout(r, 500));
      return { finished: true };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${base}/api/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 100));
    const closing = app.close();
    const res = await inFlight;
    expect(res).toEqual({ status: 200, body: { finished: true } });
    await closing;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    await dispose();
  });
});

describe.skipIf(template.kind !== 'pglite')('backup and restore (embedded database)', () => {
  it('restores the data as it was at the backup', { timeout: 240_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patron-backup-'));
    const dataDir = path.join(dir, 'data');
    const file = path.join(dir, 'patron.tar.gz');
    const blob = new Blob([fs.readFileSync((template as { file: string }).file)]);
    const first = await openDatabase({ databaseUrl: null, dataDir, loadDataDir: blob });
    await first.close();
    const config = loadConfig({ dataDir, databaseUrl: null });
    const { bytes } = await backup(config, file);
    expect(bytes).toBeGreaterThan(100_000);
    // A change after the backup, then a restore: the change is gone.
    const h = await openDatabase({ databaseUrl: null, dataDir });
    await h.db.updateTable('branches').set({ name: '改动之后' }).where('code', '=', 'HO').execute();
    await h.close();
    await restore(config, file);
    const after = await openDatabase({ databaseUrl: null, dataDir });
    const ho = await after.db.selectFrom('branches').select('name').where('code', '=', 'HO').executeTakeFirstOrThrow();
    const staff = await after.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await after.close();
    expect(ho.name).not.toBe('改动之后');
    expect(Number(staff.n)).toBeGreaterThanOrEqual(300);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
