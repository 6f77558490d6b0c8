// The lobby under a peak: 100 outlets x 8 counters cycling customers through the HTTP API
// (check-in, call-next, serve, complete) against the bare SKIP LOCKED claim through the driver on
// the same tables at the same concurrency; then the board's latency from call-next's response to the
// ticket.called event at 500 open SSE connections. Integrity is checked by SQL after the run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BoardJob, BoardResult, DriverOutlet, Job, OpStats, QueueResult } from './lobby-driver';
import { COUNTERS_PER_OUTLET, OUTLETS, prepareOutlets, startLobbyApp, type BenchOutlet, type LobbyApp, type Query } from './lobby-setup';
import { fmtInt, fmtMs, type Bench, type BenchContext, type BenchRow } from './report';

const BOARD_TARGET_MS = 200;
const STREAMS = 500;
const DRIVER = path.join(import.meta.dirname, 'lobby-driver.ts');

function runDriver<R>(ctx: BenchContext, job: Job): Promise<R> {
  const file = path.join(ctx.tmpDir, `lobby-${job.kind}-job.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DRIVER, file], { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lobby driver exited with ${code}: ${err.trim().slice(0, 500)}`));
      try {
        resolve(JSON.parse(out) as R);
      } catch {
        reject(new Error(`lobby driver printed no JSON: ${out.slice(0, 200)} ${err.slice(0, 200)}`));
      }
    });
  });
}

const toDriver = (o: BenchOutlet): DriverOutlet => ({
  branchId: o.branchId,
  checkinCookie: o.checkinCookie,
  counters: o.counters.map((c) => ({ id: c.id, branchId: c.branchId, cookie: c.cookie, business: c.business, amount: c.amount })),
});

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

type Integrity = { checkedIn: number; done: number; waiting: number; stranded: number; missing: number; phantom: number; doubleCalled: number; clientDuplicates: number };

/** After the run, by SQL: every ticket checked in is there once, done or still waiting; none was called twice. */
async function checkIntegrity(q: Query, r: QueueResult, firstId: number, clerkIds: number[]): Promise<Integrity> {
  const ids = r.checkedIn;
  const rows = await q<{ status: string; n: number }>(`select status, count(*)::int as n from lobby_tickets where id = any($1::bigint[]) group by status`, [ids]);
  const by = new Map(rows.map((x) => [x.status, Number(x.n)]));
  const found = rows.reduce((s, x) => s + Number(x.n), 0);
  const created = await q<{ n: number }>(`select count(*)::int as n from lobby_tickets where id >= $1 and created_by = any($2::bigint[])`, [firstId, clerkIds]);
  // Every call leaves a ticket.called event (its log is written in the same transaction as the claim).
  const doubles = await q<{ n: number }>(
    `select count(*)::int as n from (
       select data->'call'->>'ticketId' from lobby_events
       where event = 'ticket.called' and not coalesce((data->'call'->>'recall')::boolean, false) and (data->'call'->>'ticketId')::bigint >= $1
       group by 1 having count(*) > 1) x`,
    [firstId],
  );
  const seen = new Set<number>();
  let clientDuplicates = 0;
  for (const c of r.called) {
    if (seen.has(c.ticketId)) clientDuplicates++;
    seen.add(c.ticketId);
  }
  return {
    checkedIn: ids.length,
    done: by.get('done') ?? 0,
    waiting: by.get('waiting') ?? 0,
    stranded: found - (by.get('done') ?? 0) - (by.get('waiting') ?? 0),
    missing: new Set(ids).size - found + (ids.length - new Set(ids).size),
    phantom: Number(created[0]?.n ?? 0) - ids.length,
    doubleCalled: Number(doubles[0]?.n ?? 0),
    clientDuplicates,
  };
}

type Bare = { seconds: number; cycles: number; claimMs: number[]; duplicates: number; errors: number };

/**
 * The baseline: the same cycle as bare statements through the driver (insert a waiting ticket, the
 * single-row UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED), mark it done), one loop per counter.
 */
async function bareCycles(q: Query, outlets: BenchOutlet[], seconds: number): Promise<Bare> {
  const claimMs: number[] = [];
  const claimed = new Set<number>();
  let duplicates = 0;
  let cycles = 0;
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    outlets.flatMap((o) =>
      o.counters.map(async (c) => {
        while (performance.now() < deadline) {
          try {
            await q(`insert into lobby_tickets (day, branch_id, number, zone_id, business_code, note) values (current_date, $1, 'Z000', $2, $3, 'bench:bare')`, [c.branchId, c.zoneId, c.business]);
            const s = performance.now();
            const got = await q<{ id: number }>(
              `update lobby_tickets t set status = 'called', called_at = now(), counter_id = $1, served_by = $2
               where t.id = (select w.id from lobby_tickets w where w.zone_id = $3 and w.status = 'waiting' and w.day = current_date
                             order by w.arrived_at, w.id limit 1 for update skip locked)
                 and t.status = 'waiting'
               returning t.id`,
              [c.id, c.staffId, c.zoneId],
            );
            claimMs.push(performance.now() - s);
            const id = got[0] ? Number(got[0].id) : null;
            if (id === null) continue;
            if (claimed.has(id)) duplicates++;
            claimed.add(id);
            await q(`update lobby_tickets set status = 'done', serving_at = now(), finished_at = now() where id = $1 and status = 'called'`, [id]);
            cycles++;
          } catch {
            errors++;
          }
        }
      }),
    ),
  );
  return { seconds: (performance.now() - t0) / 1000, cycles, claimMs, duplicates, errors };
}

function opNote(s: OpStats): string {
  return `n=${s.count} p50 ${fmtMs(s.p50)} p95 ${fmtMs(s.p95)} p99 ${fmtMs(s.p99)} max ${fmtMs(s.max)}`;
}

/** Below what the server sustains (see the queue figure), so that the latency is not queueing. */
function boardPace(kind: BenchContext['kind'], layout: 'spread' | 'one'): { cyclesPerSecond: number; maxInFlight: number } {
  if (kind === 'pglite') return { cyclesPerSecond: 2, maxInFlight: 2 };
  return layout === 'spread' ? { cyclesPerSecond: 10, maxInFlight: 8 } : { cyclesPerSecond: 5, maxInFlight: 4 };
}

async function boardPhase(ctx: BenchContext, app: LobbyApp, outlets: BenchOutlet[], layout: 'spread' | 'one', seconds: number): Promise<BoardResult> {
  const streams: BoardJob['streams'] = [];
  for (let i = 0; i < STREAMS; i++) {
    const o = layout === 'spread' ? outlets[i % outlets.length]! : outlets[0]!;
    // Tellers hold lobby.board for their outlet; a session may hold several streams (several screens).
    streams.push({ branchId: o.branchId, cookie: o.counters[Math.floor(i / outlets.length) % o.counters.length]!.cookie });
  }
  const driven = layout === 'spread' ? outlets : [outlets[0]!];
  const job: BoardJob = { kind: 'board', url: app.url, seconds, streams, outlets: driven.map(toDriver), ...boardPace(ctx.kind, layout) };
  return runDriver<BoardResult>(ctx, job);
}

function boardRows(r: BoardResult, label: string, tag: string): BenchRow[] {
  const bad = r.streams < STREAMS || r.calls === 0 || r.missing > 0;
  const note = `${r.streams} streams open in ${fmtMs(r.connectMs)}; ${r.calls} calls, ${fmtInt(r.deliveries)} deliveries, ${r.missing} missing; `
    + `negative: the event reached the board before call-next's response reached the teller; from the request: p50 ${fmtMs(r.fromRequest.p50)} p95 ${fmtMs(r.fromRequest.p95)} p99 ${fmtMs(r.fromRequest.p99)}`
    + (Object.keys(r.errors).length ? `; errors ${JSON.stringify(r.errors)}` : '');
  return [
    {
      name: `board latency p95, call-next response → SSE event, ${label} ${tag}`,
      figure: fmtMs(r.fromResponse.p95),
      baseline: `${fmtMs(BOARD_TARGET_MS)} (target)`,
      ratio: r.fromResponse.p95 > 0 ? r.fromResponse.p95 / BOARD_TARGET_MS : null,
      target: `<= ${BOARD_TARGET_MS} ms`,
      verdict: bad ? 'INVALID' : r.fromResponse.p95 <= BOARD_TARGET_MS ? 'pass' : 'MISS',
      note,
    },
    {
      name: `board latency p50, ${label} ${tag}`,
      figure: fmtMs(r.fromResponse.p50),
      baseline: `${fmtMs(r.fromRequest.p50)} (from request)`,
      ratio: null,
      target: '-',
      verdict: bad ? 'INVALID' : 'info',
    },
  ];
}

export const bench: Bench = {
  name: 'lobby',
  title: `Lobby: queue throughput (${OUTLETS} outlets x ${COUNTERS_PER_OUTLET} counters, HTTP) vs the bare SKIP LOCKED claim; board latency at ${STREAMS} SSE connections`,
  async run(ctx) {
    const seconds = Number(ctx.env.BENCH_SECONDS) > 0 ? Number(ctx.env.BENCH_SECONDS) : 20;
    const tag = `[${ctx.kind}]`;
    const app = await startLobbyApp({ databaseUrl: ctx.databaseUrl, tmpDir: ctx.tmpDir, env: ctx.env, log: ctx.log });
    try {
      const outlets = await prepareOutlets(app, ctx.log);
      const q = app.query;
      const firstId = Number((await q<{ id: number }>(`select coalesce(max(id), 0) + 1 as id from lobby_tickets`))[0]!.id);
      const counters = outlets.length * COUNTERS_PER_OUTLET;

      ctx.log(`queue: ${counters} counters cycling for ${seconds} s`);
      const run = await runDriver<QueueResult>(ctx, { kind: 'queue', url: app.url, seconds, outlets: outlets.map(toDriver) });
      const integrity = await checkIntegrity(q, run, firstId, outlets.map((o) => o.checkinStaffId));
      ctx.log(`queue: ${run.cycles} cycles in ${run.seconds.toFixed(1)} s; ${JSON.stringify(integrity)}; errors ${JSON.stringify(run.errors)}`);
      // Left-over waiting tickets would be claimed by the baseline; it starts from an empty queue as the run did.
      await q(`update lobby_tickets set status = 'cancelled', finished_at = now() where day = current_date and status = 'waiting'`);

      ctx.log(`bare SKIP LOCKED cycles: ${counters} loops for ${seconds} s`);
      const bare = await bareCycles(q, outlets, seconds);
      ctx.log(`bare: ${bare.cycles} cycles in ${bare.seconds.toFixed(1)} s, ${bare.duplicates} duplicates, ${bare.errors} errors`);
      await q(`update lobby_tickets set status = 'cancelled', finished_at = now() where day = current_date and status = 'waiting'`);

      const boardSeconds = Math.max(10, Math.round(seconds / 2));
      ctx.log(`board: ${STREAMS} streams over ${outlets.length} outlets, ${boardSeconds} s`);
      const spread = await boardPhase(ctx, app, outlets, 'spread', boardSeconds);
      ctx.log(`board: ${STREAMS} streams on one outlet, ${boardSeconds} s`);
      const one = await boardPhase(ctx, app, outlets, 'one', boardSeconds);

      const httpRate = run.cycles / run.seconds;
      const bareRate = bare.cycles / bare.seconds;
      const bareP99 = pct(bare.claimMs, 0.99);
      const lost = integrity.missing + integrity.stranded + Math.max(0, integrity.phantom);
      const doubled = integrity.doubleCalled + integrity.clientDuplicates;
      const errCount = Object.values(run.errors).reduce((s, n) => s + n, 0);
      const errNote = errCount ? `; HTTP errors: ${JSON.stringify(run.errors)}` : '';
      const driverDb = ctx.kind === 'pglite' ? 'PGlite, in-process' : 'pg Pool of the app (10 connections)';
      return [
        {
          name: `queue cycles/s (check-in, call-next, serve, complete), ${OUTLETS}x${COUNTERS_PER_OUTLET} counters, HTTP ${tag}`,
          figure: `${httpRate.toFixed(1)}/s`,
          baseline: `${bareRate.toFixed(1)}/s (bare SQL)`,
          ratio: bareRate > 0 ? httpRate / bareRate : null,
          target: '-',
          verdict: run.cycles === 0 ? 'INVALID' : 'info',
          note: `${fmtInt(run.cycles)} cycles in ${run.seconds.toFixed(1)} s (a ${seconds} s window plus the cycles in flight finishing), ${run.emptyCalls} empty calls; baseline = insert + the bare UPDATE … SKIP LOCKED + mark done, ${counters} loops through the driver (${driverDb}), ${fmtInt(bare.cycles)} cycles, ${bare.duplicates} duplicate claims, ${bare.errors} errors${errNote}`,
        },
        {
          name: `call-next p99 under the peak ${tag}`,
          figure: fmtMs(run.ops.callNext.p99),
          baseline: `${fmtMs(bareP99)} (bare UPDATE)`,
          ratio: bareP99 > 0 ? run.ops.callNext.p99 / bareP99 : null,
          target: '-',
          verdict: run.ops.callNext.count === 0 ? 'INVALID' : 'info',
          note: `call-next ${opNote(run.ops.callNext)}; check-in ${opNote(run.ops.checkIn)}; serve ${opNote(run.ops.serve)}; complete ${opNote(run.ops.complete)}; bare claim p50 ${fmtMs(pct(bare.claimMs, 0.5))}`,
        },
        {
          name: `lost / double-called tickets (SQL after the run) ${tag}`,
          figure: `${lost} lost, ${doubled} double`,
          baseline: `${fmtInt(integrity.checkedIn)} checked in`,
          ratio: null,
          target: '0 and 0',
          verdict: run.checkedIn.length === 0 ? 'INVALID' : lost === 0 && doubled === 0 ? 'pass' : 'MISS',
          note: `${fmtInt(integrity.done)} done, ${fmtInt(integrity.waiting)} still waiting, ${integrity.stranded} left called/serving, ${integrity.missing} missing, ${integrity.phantom} created without a response, ${integrity.doubleCalled} called twice (event log), ${integrity.clientDuplicates} handed to two counters (responses)`,
        },
        ...boardRows(spread, `${STREAMS} streams, 5 per outlet x ${outlets.length}, ${boardPace(ctx.kind, 'spread').cyclesPerSecond} cycles/s`, tag),
        ...boardRows(one, `${STREAMS} streams on one outlet, ${boardPace(ctx.kind, 'one').cyclesPerSecond} cycles/s`, tag),
      ];
    } finally {
      await app.close();
    }
  },
};

