// The productivity contest's leaderboard at 10,000 participants: 10,000 wealth RMs are added to a
// small demo bank with their sales facts (BENCH_CONTEST_FACTS, default 10,000,000 on PostgreSQL and
// 1,000,000 on PGlite), head office sets a bank-wide contest up through the API and publishes it
// (the live refresh over the facts is timed), then, over HTTP with the API server running:
// pages of 50 of the individual board, pages of the team view, and an RM's own-position lookup,
// each p50/p95/p99 against the target p95 ≤ 50 ms. The API only reads the precomputed standings.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/env';
import { openDatabase } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { DEMO_PASSWORD, seedDemo, seedReferenceData } from '../server/seed';
import { percentile } from './customer-data';
import { driverQuery } from './lobby-setup';
import { scratchDatabase } from './processes';
import { fmtInt, type Bench, type BenchContext, type BenchRow } from './report';

const PARTICIPANTS = 10_000;
const TARGET_P95_MS = 50;
const REQUESTS = 400;
const WARMUP = 30;
const FACT_CHUNK = 1_000_000;

function factCount(ctx: BenchContext): number {
  const v = Number(ctx.env.BENCH_CONTEST_FACTS);
  if (Number.isFinite(v) && v >= 0 && ctx.env.BENCH_CONTEST_FACTS) return v;
  return ctx.kind === 'postgres' ? 10_000_000 : 1_000_000;
}

export const bench: Bench = {
  name: 'contests',
  title: 'Contest leaderboard API at 10,000 participants: pages of 50, team view, my position (p95 ≤ 50 ms); live refresh over the sales facts',
  async run(ctx) {
    const dataDir = path.join(ctx.tmpDir, 'app-data');
    fs.mkdirSync(dataDir, { recursive: true });
    const scratch = ctx.databaseUrl ? await scratchDatabase(ctx.databaseUrl, 'contests') : null;
    const config = loadConfig({ dataDir, databaseUrl: scratch?.url ?? null, runJobs: false, logLevel: 'warn', webDist: path.join(ctx.tmpDir, 'no-web') }, ctx.env);
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let app: FastifyInstance | null = null;
    const rows: BenchRow[] = [];
    try {
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
      const t0 = performance.now();
      await seedDemo(handle.db, { seed: config.seed, branches: 10, outletsPerBranch: 10, customers: 5_000 });
      ctx.log(`demo bank seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const q = driverQuery(handle);

      // 10,000 wealth RMs spread over the outlets, then their sales this month.
      await q(`insert into staff (staff_no, name, gender, branch_id, sequence)
        select 'BR' || lpad(g::text, 6, '0'), '竞赛' || g, case when g % 2 = 0 then 'F' else 'M' end, o.a[1 + g % cardinality(o.a)], 'rm'
          from generate_series(1, ${PARTICIPANTS}) g, (select array_agg(id order by id) a from branches where level = 'outlet') o`);
      await q(`insert into staff_roles (staff_id, role) select id, 'wealth_rm' from staff where staff_no like 'BR%'`);
      const [{ from, to, days }] = await q<{ from: string; to: string; days: number }>(`select to_char(date_trunc('month', now() at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as "from",
        to_char(date_trunc('month', now() at time zone 'Asia/Shanghai') + interval '1 month - 1 day', 'YYYY-MM-DD') as "to",
        greatest(1, extract(day from now() at time zone 'Asia/Shanghai')::int) as days`);
      const facts = factCount(ctx);
      const tf = performance.now();
      for (let done = 0; done < facts; done += FACT_CHUNK) {
        const n = Math.min(FACT_CHUNK, facts - done);
        await q(`with cs as (select array_agg(id order by id) a, array_agg(branch_id order by id) b from customers),
                      ss as (select array_agg(id order by id) a from staff where staff_no like 'BR%'),
                      ps as (select array_agg(id order by id) a, array_agg(category order by id) k from products where category <> 'service')
          insert into sales (customer_id, branch_id, product_id, category, amount, sold_on, staff_id, channel)
          select cs.a[(1 + g % cardinality(cs.a))::int], cs.b[(1 + g % cardinality(cs.a))::int], ps.a[(1 + g % cardinality(ps.a))::int], ps.k[(1 + g % cardinality(ps.a))::int],
                 1000 + (g * 7919 % 997) * 100, '${from}'::date + (g % ${days})::int, ss.a[(1 + (g * 104729) % cardinality(ss.a))::int], 'branch'
            from generate_series(${done + 1}::bigint, ${done + n}::bigint) g, cs, ss, ps`);
        ctx.log(`sales facts: ${fmtInt(done + n)} / ${fmtInt(facts)}`);
      }
      await q('analyze sales');
      await q('analyze staff');
      ctx.log(`facts loaded in ${((performance.now() - tf) / 1000).toFixed(1)} s`);

      app = await buildApp(config, { handle, skipMigrate: true, logger: false });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const login = async (username: string) => {
        const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
        return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      };
      const admin = await login('admin');
      const [ho] = await q<{ id: number }>(`select id::int as id from branches where level = 'head_office' order by id limit 1`);
      const post = async (p: string, body?: unknown) => {
        const res = await fetch(`${url}${p}`, { method: 'POST', headers: { cookie: admin, origin: url, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
        if (res.status >= 300) throw new Error(`${p}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { id: number; participants: number };
      };
      const contest = await post('/api/contests', {
        name: '基准测试竞赛', periodFrom: from, periodTo: to, participantRoles: ['wealth_rm'], participantBranchIds: [ho!.id],
        metrics: [{ kpiCode: 'sales_amount', weight: 60 }, { kpiCode: 'sales_count', weight: 40 }],
        rules: { minimums: [{ kpiCode: 'sales_count', min: '1' }], tieBreak: { metrics: ['sales_amount'], earlierReach: true } },
        prizes: [{ name: '一等奖', fromRank: 1, toRank: 10, reward: '' }],
      });
      const tr = performance.now();
      const published = await post(`/api/contests/${contest.id}/publish`);
      const refreshS = (performance.now() - tr) / 1000;
      const tr2 = performance.now();
      await post(`/api/contests/${contest.id}/refresh`);
      const refresh2S = (performance.now() - tr2) / 1000;
      const participants = published.participants;
      rows.push({
        name: `live refresh over ${fmtInt(facts)} sales facts [${ctx.kind}]`, figure: `${refreshS.toFixed(2)} s / ${refresh2S.toFixed(2)} s`, baseline: 'publish / refresh',
        ratio: null, target: 'info (every minute while live)', verdict: 'info', note: `${fmtInt(participants)} participants ranked, both views written`,
      });

      const rm = await login('wrm');
      const measure = async (label: string, cookie: string, pathOf: (i: number) => string) => {
        const ms: number[] = [];
        let failures = 0;
        let sample = '';
        for (let i = 0; i < REQUESTS + WARMUP; i += 1) {
          const s = performance.now();
          const res = await fetch(`${url}${pathOf(i)}`, { headers: { cookie } });
          const text = await res.text();
          if (i >= WARMUP) ms.push(performance.now() - s);
          if (res.status !== 200) {
            failures += 1;
            sample ||= `${res.status} ${text.slice(0, 120)}`;
          }
        }
        ms.sort((a, b) => a - b);
        const p95 = percentile(ms, 95);
        rows.push({
          name: `${label} [${ctx.kind}, ${fmtInt(participants)} participants]`, figure: `${[50, 95, 99].map((p) => percentile(ms, p).toFixed(1)).join(' / ')} ms`,
          baseline: 'p50 / p95 / p99', ratio: null, target: `p95 <= ${TARGET_P95_MS} ms`,
          verdict: failures > 0 ? 'INVALID' : p95 <= TARGET_P95_MS ? 'pass' : 'MISS',
          note: failures > 0 ? `${failures} failed, e.g. ${sample}` : `${REQUESTS} sequential requests over HTTP after ${WARMUP} warm-up`,
        });
      };
      const pages = Math.max(1, Math.ceil(participants / 50));
      await measure('leaderboard page of 50 (RM)', rm, (i) => `/api/contests/${contest.id}/leaderboard?page=${1 + ((i * 7919) % pages)}&pageSize=50`);
      await measure('leaderboard page of 50 (head office, with figures)', admin, (i) => `/api/contests/${contest.id}/leaderboard?page=${1 + ((i * 104729) % pages)}&pageSize=50`);
      await measure('team view page of 50', rm, (i) => `/api/contests/${contest.id}/leaderboard?kind=team&page=${1 + (i % 2)}&pageSize=50`);
      await measure('my position (individual and team)', rm, () => `/api/contests/${contest.id}/me`);
      return rows;
    } finally {
      await app?.close();
      await handle.close().catch(() => undefined);
      await scratch?.drop();
    }
  },
};
