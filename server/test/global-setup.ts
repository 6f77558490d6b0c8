// Builds the seeded template database once per test run; every test file then starts from a copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, cloneDatabase, dropDatabase } from '../platform/db';
import { migrateToLatest } from '../platform/migrations';
import { seedReferenceData } from '../seed/reference-data';
import { seedDemo } from '../seed';
import { testDatabaseUrl } from '../platform/env';
import { TEMPLATE_DB, type TestTemplate } from './template';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  export interface ProvidedContext {
    template: TestTemplate;
  }
}

async function prepare(db: Parameters<typeof migrateToLatest>[0]) {
  await migrateToLatest(db);
  await seedReferenceData(db);
  await seedDemo(db, { seed: 7 });
}

export default async function setup(project: TestProject) {
  const serverUrl = project.name === 'postgres' ? testDatabaseUrl() : null;
  if (serverUrl) {
    // Build the template in a scratch database, then rename it so clones never see it half-made.
    const scratch = `${TEMPLATE_DB}_build`;
    const url = await cloneDatabase(serverUrl, 'template0', scratch);
    const h = await openDatabase({ databaseUrl: url, dataDir: null });
    await prepare(h.db);
    await h.close();
    await dropDatabase(serverUrl, TEMPLATE_DB);
    const admin = new (await import('pg')).default.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`alter database "${scratch}" rename to "${TEMPLATE_DB}"`);
    await admin.end();
    project.provide('template', { kind: 'postgres', serverUrl, template: TEMPLATE_DB });
    return;
  }
  const h = await openDatabase({ databaseUrl: null, dataDir: null });
  await prepare(h.db);
  const dump = await h.pglite!.dumpDataDir('none');
  await h.close();
  const file = path.join(os.tmpdir(), `patron-test-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('template', { kind: 'pglite', file });
  return () => fs.rmSync(file, { force: true });
}
