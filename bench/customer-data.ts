// The loaded bank shared by the customer benchmarks (tiers, customer-import, customers): the demo
// bank with N customers and 12 months of balances, seeded once per size and reused, because seeding
// dominates everything else.
//
//   BENCH_CUSTOMERS         customers to seed (default 1,000,000: the size)
//   BENCH_CUSTOMERS_PGLITE  the size on PGlite only (default: BENCH_CUSTOMERS; 0 skips PGlite, e.g. to
//                           rerun PostgreSQL alone: its rows then say "did not run: skipped")
//
// Every row name carries the size it ran at, so a smaller run is never mistaken for the issue's.
// Caches (rebuilt when the customer or org generators in server/seed, the seed number or the month
// change; new migrations are applied to the copy when it is opened):
// - PGlite: a seeded data folder under bench/.tmp/customer-data/, copied for each benchmark;
// - PostgreSQL: a template database on the server (pbc_<size>_<fingerprint>), cloned for each
//   benchmark with CREATE DATABASE … TEMPLATE. With --pg the cluster (and so the template) lives
//   for one `npm run bench`; with BENCH_DATABASE_URL it stays until dropped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/env';
import { openDatabase, sql, type DbHandle } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { DEMO_PASSWORD, seedDemo, seedReferenceData } from '../server/seed';
import { shanghaiToday } from '../server/seed/dates';
import { fmtInt, type BenchContext, type DatabaseKind } from './report';
import { ROOT } from './processes';

export const DEFAULT_CUSTOMERS = 1_000_000;
const CACHE_ROOT = path.join(ROOT, 'bench', '.tmp', 'customer-data');

/** Customers on this database kind, from BENCH_CUSTOMERS / BENCH_CUSTOMERS_PGLITE. */
export function customerCount(ctx: Pick<BenchContext, 'env' | 'kind'>): number {
  const read = (name: string): number | null => {
    const v = ctx.env[name];
    if (v === undefined || v === '') return null;
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1000) throw new Error(`${name} must be a whole number of at least 1000 (got ${v})`);
    return n;
  };
  const all = read('BENCH_CUSTOMERS') ?? DEFAULT_CUSTOMERS;
  if (ctx.kind === 'pglite' && ctx.env.BENCH_CUSTOMERS_PGLITE === '0') throw new Error('skipped on PGlite (BENCH_CUSTOMERS_PGLITE=0)');
  return ctx.kind === 'pglite' ? (read('BENCH_CUSTOMERS_PGLITE') ?? all) : all;
}

/** "[postgres, 1,000,000 customers]": in every row name. */
export const sizeTag = (kind: DatabaseKind, n: number): string => `[${kind}, ${fmtInt(n)} customers${n < DEFAULT_CUSTOMERS ? ' (below the issue size)' : ''}]`;

type SeedFacts = { customers: number; seedSeconds: number; builtAt: string; counts: Record<string, number> };

export type LoadedDatabase = {
  handle: DbHandle;
  kind: DatabaseKind;
  customers: number;
  /** Null on PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  seed: SeedFacts & { cached: boolean };
  /** Seconds to copy (PGlite) or clone (PostgreSQL) the cached bank for this benchmark. */
  copySeconds: number;
  close(): Promise<void>;
};

/**
 * What the seeded customers depend on: the generators of customers and of the org they belong to,
 * the size, the seed number and the month (balances are relative to it). Migrations and reference
 * data are not in it: a cached bank is migrated and topped up when opened, like any old database.
 */
export function fingerprint(ctx: Pick<BenchContext, 'env'>, n: number): string {
  const h = crypto.createHash('sha256');
  const dir = path.join(ROOT, 'server', 'seed');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^(customers|org|names|places|random|dates)[\w.-]*\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
  for (const f of files) {
    h.update(f);
    h.update(fs.readFileSync(path.join(dir, f)));
  }
  h.update(`${n}|${shanghaiToday().slice(0, 7)}|${loadConfig({}, ctx.env).seed}`);
  return h.digest('hex').slice(0, 10);
}

async function seedInto(handle: DbHandle, n: number, ctx: BenchContext): Promise<SeedFacts> {
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const t0 = performance.now();
  let lastLog = t0;
  const summary = await seedDemo(handle.db, {
    seed: loadConfig({}, ctx.env).seed,
    customers: n,
    onProgress: (done, total, label) => {
      const now = performance.now();
      if (now - lastLog < 30_000) return;
      lastLog = now;
      ctx.log(`  seeding ${label}: ${fmtInt(done)}/${fmtInt(total)} after ${((now - t0) / 1000).toFixed(0)} s`);
    },
  });
  const seedSeconds = (performance.now() - t0) / 1000;
  // A bank's database on any working day: autovacuum has long visited the loaded tables (visibility
  // maps, hint bits, statistics). Without this, each copy's first reads would do that work instead.
  await sql`vacuum analyze`.execute(handle.db);
  ctx.log(`seeded ${fmtInt(n)} customers on ${handle.kind} in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
  return { customers: n, seedSeconds, builtAt: new Date().toISOString(), counts: summary.counts as unknown as Record<string, number> };
}

// ---- PGlite: a seeded data folder, copied ------------------------------------------------------

const building = new Map<string, Promise<{ dir: string; facts: SeedFacts; cached: boolean }>>();

async function pgliteCache(ctx: BenchContext, n: number): Promise<{ dir: string; facts: SeedFacts; cached: boolean }> {
  const fp = fingerprint(ctx, n);
  const dir = path.join(CACHE_ROOT, `pglite-${n}-${fp}`);
  const meta = path.join(dir, 'bench-seed.json');
  if (fs.existsSync(meta)) return { dir, facts: JSON.parse(fs.readFileSync(meta, 'utf8')) as SeedFacts, cached: true };
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  // Older caches of this size are stale (seed, migrations or month changed): their space goes.
  for (const f of fs.readdirSync(CACHE_ROOT)) {
    if (f.startsWith(`pglite-${n}-`) && !f.includes('.building') && f !== path.basename(dir)) fs.rmSync(path.join(CACHE_ROOT, f), { recursive: true, force: true });
  }
  const tmp = `${dir}.building-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  ctx.log(`no PGlite cache for ${fmtInt(n)} customers: seeding ${path.relative(ROOT, dir)} (done once per size)`);
  const handle = await openDatabase({ databaseUrl: null, dataDir: tmp });
  let facts: SeedFacts;
  try {
    facts = await seedInto(handle, n, ctx);
    await handle.pglite?.exec('checkpoint');
  } finally {
    await handle.close();
  }
  fs.writeFileSync(path.join(tmp, 'bench-seed.json'), JSON.stringify(facts));
  fs.renameSync(tmp, dir);
  return { dir, facts, cached: false };
}

// ---- PostgreSQL: a template database, cloned ---------------------------------------------------

const dbUrl = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

async function adminQuery<T extends pg.QueryResultRow>(baseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

async function pgTemplate(ctx: BenchContext, baseUrl: string, n: number): Promise<{ name: string; facts: SeedFacts; cached: boolean }> {
  const name = `pbc_${n}_${fingerprint(ctx, n)}`;
  const found = await adminQuery<{ facts: string | null }>(baseUrl, `select shobj_description(oid, 'pg_database') as facts from pg_database where datname = $1`, [name]);
  if (found.length > 0 && found[0].facts) return { name, facts: JSON.parse(found[0].facts) as SeedFacts, cached: true };
  const stale = await adminQuery<{ datname: string }>(baseUrl, `select datname from pg_database where datname like $1 and datname <> $2`, [`pbc\\_${n}\\_%`, name]);
  for (const s of stale) if (!s.datname.includes('_b')) await adminQuery(baseUrl, `drop database if exists "${s.datname}" with (force)`);
  const tmp = `${name}_b${process.pid}`;
  await adminQuery(baseUrl, `drop database if exists "${tmp}" with (force)`);
  await adminQuery(baseUrl, `create database "${tmp}"`);
  ctx.log(`no PostgreSQL template for ${fmtInt(n)} customers: seeding ${name} (done once per size and server)`);
  const handle = await openDatabase({ databaseUrl: dbUrl(baseUrl, tmp), dataDir: null });
  let facts: SeedFacts;
  try {
    facts = await seedInto(handle, n, ctx);
  } catch (e) {
    await handle.close();
    await adminQuery(baseUrl, `drop database if exists "${tmp}" with (force)`);
    throw e;
  }
  await handle.close();
  await adminQuery(baseUrl, `alter database "${tmp}" rename to "${name}"`);
  await adminQuery(baseUrl, `comment on database "${name}" is '${JSON.stringify(facts).replace(/'/g, "''")}'`);
  return { name, facts, cached: false };
}

// ---- the loaded database for one benchmark ----------------------------------------------------

function memo<T>(key: string, make: () => Promise<T>): Promise<T> {
  const hit = building.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const p = make();
  building.set(key, p as never);
  p.catch(() => building.delete(key));
  return p;
}

/** A private copy of the loaded bank for one benchmark (it may change it freely); dropped by close(). */
export async function openLoadedDatabase(ctx: BenchContext, label: string): Promise<LoadedDatabase> {
  const n = customerCount(ctx);
  const dataDir = path.join(ctx.tmpDir, 'app-data');
  if (!ctx.databaseUrl) {
    const cache = await memo(`pglite-${n}`, () => pgliteCache(ctx, n));
    const t0 = performance.now();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.cpSync(cache.dir, dataDir, { recursive: true });
    const copySeconds = (performance.now() - t0) / 1000;
    ctx.log(`copied the ${fmtInt(n)}-customer PGlite bank in ${copySeconds.toFixed(1)} s`);
    const handle = await openDatabase({ databaseUrl: null, dataDir });
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    return {
      handle, kind: 'pglite', customers: n, databaseUrl: null, dataDir, seed: { ...cache.facts, cached: cache.cached }, copySeconds,
      async close() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = ctx.databaseUrl;
  const tpl = await memo(`pg-${baseUrl}-${n}`, () => pgTemplate(ctx, baseUrl, n));
  const name = `patron_bench_${label}_${process.pid}`.replace(/[^a-z0-9_]/g, '_');
  const t0 = performance.now();
  await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
  await adminQuery(baseUrl, `create database "${name}" template "${tpl.name}"`);
  const copySeconds = (performance.now() - t0) / 1000;
  ctx.log(`cloned the ${fmtInt(n)}-customer PostgreSQL bank in ${copySeconds.toFixed(1)} s`);
  const url = dbUrl(baseUrl, name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: null });
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  return {
    handle, kind: 'postgres', customers: n, databaseUrl: url, dataDir, seed: { ...tpl.facts, cached: tpl.cached }, copySeconds,
    async close() {
      await handle.close();
      await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** What the note says about the data: size, and how long seeding it took. */
export function seedNote(d: LoadedDatabase): string {
  const when = d.seed.cached ? `seeded earlier (${d.seed.builtAt.slice(0, 16)}Z) in ${d.seed.seedSeconds.toFixed(0)} s` : `seeded in this run in ${d.seed.seedSeconds.toFixed(0)} s`;
  return `${fmtInt(d.customers)} customers, ${fmtInt(d.seed.counts.monthlyBalances ?? 0)} monthly balances; ${when}`;
}

export type LoadedApp = {
  data: LoadedDatabase;
  app: FastifyInstance;
  url: string;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

/** The real app (every plugin and module, jobs off, logger off) over a private copy of the loaded bank. */
export async function startLoadedApp(ctx: BenchContext, label: string): Promise<LoadedApp> {
  const data = await openLoadedDatabase(ctx, label);
  let app: FastifyInstance | null = null;
  try {
    const config = loadConfig(
      { dataDir: data.dataDir, databaseUrl: data.databaseUrl, runJobs: false, logLevel: 'warn', webDist: path.join(ctx.tmpDir, 'no-web') },
      ctx.env,
    );
    app = await buildApp(config, { handle: data.handle, skipMigrate: true, logger: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const started = app;
    return {
      data,
      app: started,
      url,
      async login(username, password = DEMO_PASSWORD) {
        const res = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: url },
          body: JSON.stringify({ username, password }),
        });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${body.slice(0, 300)}`);
        return res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
      },
      async close() {
        await started.close();
        await data.close();
      },
    };
  } catch (e) {
    await app?.close();
    await data.close();
    throw e;
  }
}

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * One statement straight through the driver (pg pool, or PGlite while holding the app's single
 * connection so that it never lands inside someone else's transaction): the bare-SQL baselines.
 */
export async function bareQuery<T = Record<string, unknown>>(handle: DbHandle, text: string, params: unknown[] = []): Promise<T[]> {
  if (handle.pool) return (await handle.pool.query(text, params)).rows as T[];
  const pglite = handle.pglite;
  if (!pglite) throw new Error('no driver');
  return handle.db.connection().execute(async () => (await pglite.query<T>(text, params)).rows);
}
