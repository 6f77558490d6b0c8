// The lobby benchmark's bank: the real app (as bench/support.ts starts it) on a demo bank seeded with
// 100 outlets, its database handle kept for set-up and for the checks after a run, and one teller
// session per counter. Set-up shortcuts (roles, first-login flags) go through SQL; everything the
// benchmark measures goes through the HTTP API.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/env';
import { openDatabase, type DbHandle } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { DEMO_PASSWORD, seedDemo, seedReferenceData } from '../server/seed';
import { scratchDatabase, type ScratchDatabase } from './processes';

export const OUTLETS = 100;
export const COUNTERS_PER_OUTLET = 8;
/** 10 branches x 10 units (sub-branches and outlets) = 100 outlets, each with the default lobby. */
const SEED = { branches: 10, outletsPerBranch: 10, customers: 1_000 };

/** The zone each benchmark counter serves, and a check-in that the routing rules send there. */
const LAYOUT: readonly { number: string; zone: 'cash' | 'noncash' | 'consulting'; business: string; amount?: string }[] = [
  { number: '1', zone: 'cash', business: 'cash', amount: '80000.00' },
  { number: '2', zone: 'cash', business: 'cash', amount: '80000.00' },
  { number: '3', zone: 'cash', business: 'cash', amount: '80000.00' },
  { number: '4', zone: 'noncash', business: 'transfer' },
  { number: '5', zone: 'noncash', business: 'transfer' },
  { number: '6', zone: 'noncash', business: 'transfer' },
  { number: '7', zone: 'consulting', business: 'enquiry' },
  // Counter 8 is a VIP-room counter in the default lobby: moved to the non-cash zone through the set-up API.
  { number: '8', zone: 'noncash', business: 'transfer' },
];

export type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

export type BenchCounter = {
  id: number;
  branchId: number;
  zoneId: number;
  staffId: number;
  username: string;
  cookie: string;
  business: string;
  amount?: string;
};

export type BenchOutlet = { branchId: number; checkinStaffId: number; checkinCookie: string; counters: BenchCounter[] };

export type LobbyApp = {
  url: string;
  handle: DbHandle;
  query: Query;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

/** The driver's own statements (no Kysely): what the bare baseline runs, and the checks. */
export function driverQuery(handle: DbHandle): Query {
  if (handle.pglite) {
    const pglite = handle.pglite;
    return async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows;
  }
  const pool = handle.pool!;
  return async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];
}

export async function startLobbyApp(opts: { databaseUrl: string | null; tmpDir: string; env: NodeJS.ProcessEnv; log(m: string): void }): Promise<LobbyApp> {
  const dataDir = path.join(opts.tmpDir, 'app-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const scratch: ScratchDatabase | null = opts.databaseUrl ? await scratchDatabase(opts.databaseUrl, 'lobby') : null;
  const config = loadConfig(
    { dataDir, databaseUrl: scratch?.url ?? null, runJobs: false, logLevel: 'warn', webDist: path.join(opts.tmpDir, 'no-web') },
    opts.env,
  );
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance | null = null;
  let url: string;
  try {
    const t0 = performance.now();
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    const summary = await seedDemo(handle.db, { seed: config.seed, ...SEED });
    opts.log(`demo bank with ${OUTLETS} outlets seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
    app = await buildApp(config, { handle, skipMigrate: true, logger: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (e) {
    await app?.close();
    await handle.close();
    await scratch?.drop();
    throw e;
  }
  const started = app;
  const login = async (username: string, password = DEMO_PASSWORD): Promise<string> => {
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
  return {
    url,
    handle,
    query: driverQuery(handle),
    login,
    async close() {
      await started.close();
      await handle.close();
      await scratch?.drop();
    },
  };
}

/** Runs fn over items with at most `limit` in flight. */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function api(app: LobbyApp, cookie: string, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}${p}`, {
    method,
    headers: { cookie, origin: app.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * 100 outlets with 8 open counters each, a teller signed in at every counter and a check-in clerk per
 * outlet. Today's demo queue is cleared first, so that every ticket of the run is the benchmark's.
 */
export async function prepareOutlets(app: LobbyApp, log: (m: string) => void): Promise<BenchOutlet[]> {
  const q = app.query;
  const outlets = await q<{ id: number }>(
    `select b.id from branches b where b.level in ('sub_branch', 'outlet') and b.status = 'open'
       and exists (select 1 from lobby_zones z where z.branch_id = b.id) order by b.id limit $1`,
    [OUTLETS],
  );
  if (outlets.length < OUTLETS) throw new Error(`the seed made ${outlets.length} outlets with a lobby, not ${OUTLETS}`);
  const branchIds = outlets.map((o) => Number(o.id));

  await q(`update lobby_tickets set status = 'cancelled', finished_at = now() where day = current_date and status in ('waiting', 'called', 'serving')`);
  await q(`update lobby_counters set status = 'closed', staff_id = null, current_ticket_id = null`);

  // Nine ordinary staff of each outlet: eight become tellers, one the check-in clerk.
  const people = await q<{ staffId: number; branchId: number; username: string }>(
    `select s.id as "staffId", s.branch_id as "branchId", u.username from staff s join users u on u.staff_id = s.id
     where s.status = 'active' and not u.disabled and s.branch_id = any($1::bigint[])
     order by s.branch_id, s.id`,
    [branchIds],
  );
  const counters = await q<{ id: number; branchId: number; number: string; zoneCode: string }>(
    `select c.id, c.branch_id as "branchId", c.number, z.code as "zoneCode" from lobby_counters c join lobby_zones z on z.id = c.zone_id
     where c.branch_id = any($1::bigint[]) order by c.branch_id, c.id`,
    [branchIds],
  );
  const zones = await q<{ id: number; branchId: number; code: string }>(
    `select id, branch_id as "branchId", code from lobby_zones where branch_id = any($1::bigint[])`,
    [branchIds],
  );
  type Plan = { branchId: number; clerk: { staffId: number; username: string }; counters: (Omit<BenchCounter, 'cookie'> & { currentZone: string; number: string })[] };
  const plans: Plan[] = branchIds.map((branchId) => {
    const mine = people.filter((p) => Number(p.branchId) === branchId);
    if (mine.length < COUNTERS_PER_OUTLET + 1) throw new Error(`outlet ${branchId} has only ${mine.length} staff with accounts`);
    return {
      branchId,
      clerk: { staffId: Number(mine[COUNTERS_PER_OUTLET]!.staffId), username: mine[COUNTERS_PER_OUTLET]!.username },
      counters: LAYOUT.map((l, i) => {
        const c = counters.find((x) => Number(x.branchId) === branchId && x.number === l.number);
        const zone = zones.find((z) => Number(z.branchId) === branchId && z.code === l.zone);
        if (!c || !zone) throw new Error(`outlet ${branchId} has no counter ${l.number} or zone ${l.zone}`);
        return {
          id: Number(c.id), branchId, zoneId: Number(zone.id), staffId: Number(mine[i]!.staffId), username: mine[i]!.username,
          business: l.business, amount: l.amount, currentZone: c.zoneCode, number: l.number,
        };
      }),
    };
  });
  const tellerIds = plans.flatMap((p) => p.counters.map((c) => c.staffId));
  const clerkIds = plans.map((p) => p.clerk.staffId);
  await q(`insert into staff_roles (staff_id, role) select unnest($1::bigint[]), 'noncash_teller' on conflict do nothing`, [tellerIds]);
  await q(`insert into staff_roles (staff_id, role) select unnest($1::bigint[]), 'lobby_assistant' on conflict do nothing`, [clerkIds]);
  await q(`update users set must_change_password = false, failed_attempts = 0, locked_until = null where staff_id = any($1::bigint[])`, [[...tellerIds, ...clerkIds]]);

  // Counter 8 moves to the non-cash zone through the set-up API (as head office's admin).
  const admin = await app.login('admin');
  const moves = plans.flatMap((p) => p.counters.filter((c) => c.currentZone !== LAYOUT.find((l) => l.number === c.number)!.zone));
  await inBatches(moves, 8, (c) => api(app, admin, 'PUT', `/api/lobby/counters/${c.id}`, { zoneCode: 'noncash', number: c.number, businessCodes: [] }));

  const t0 = performance.now();
  const logins = [...plans.map((p) => p.clerk.username), ...plans.flatMap((p) => p.counters.map((c) => c.username))];
  const cookies = new Map<string, string>();
  await inBatches(logins, 8, async (u) => cookies.set(u, await app.login(u)));
  log(`${logins.length} sessions signed in in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${moves.length} counters moved zone`);

  const out: BenchOutlet[] = plans.map((p) => ({
    branchId: p.branchId,
    checkinStaffId: p.clerk.staffId,
    checkinCookie: cookies.get(p.clerk.username)!,
    counters: p.counters.map((c) => ({
      id: c.id, branchId: c.branchId, zoneId: c.zoneId, staffId: c.staffId, username: c.username, business: c.business, amount: c.amount,
      cookie: cookies.get(c.username)!,
    })),
  }));
  // Each teller opens their own counter.
  await inBatches(out.flatMap((o) => o.counters), 8, (c) => api(app, c.cookie, 'POST', `/api/lobby/counters/${c.id}/open`, {}));
  return out;
}
