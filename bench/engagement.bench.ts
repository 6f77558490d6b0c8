// The RM's working method at N customers:
// 1. the daily contact-plan task generation (the `engagement-tasks` job, i.e. `patron batch
//    engagement-tasks` without the process start) against the bare set-based SQL that selects the
//    same due tasks, same run, same data; the job's new tasks must equal the baseline's count;
// 2. GET /api/workbench through HTTP for a wealth RM with 800 customers (if no RM serves that many
//    in the loaded bank, the copy gives one RM 800 customers of their outlet first), p50/p95/p99.
//
//   BENCH_CUSTOMERS         customers (default 1,000,000); BENCH_CUSTOMERS_PGLITE for PGlite only
import { shanghaiToday } from '../server/seed/dates';
import { countDueRange, customerIdBounds, listRules } from '../server/modules/engagement/engagement-plans.repository';
import { bareQuery, percentile, seedNote, sizeTag, startLoadedApp } from './customer-data';
import { fmtInt, fmtS, type Bench, type BenchRow } from './report';

const TARGET_RATIO = 1.5;
const TARGET_P95: Record<'pglite' | 'postgres', number> = { pglite: 100, postgres: 50 };
const BOOK = 800;
const REQUESTS = 500;
const WARMUP = 30;

export const bench: Bench = {
  name: 'engagement',
  title: 'Daily contact-plan task generation vs the bare SQL selecting the same due tasks; RM workbench API for an RM with 800 customers',
  async run(ctx) {
    const la = await startLoadedApp(ctx, 'engagement');
    const { handle } = la.data;
    const tag = sizeTag(ctx.kind, la.data.customers);
    const rows: BenchRow[] = [];
    try {
      const today = shanghaiToday();
      const db = handle.db;
      const rules = (await listRules(db)).filter((r) => r.active);
      const bounds = await customerIdBounds(db);
      if (!bounds) throw new Error('no customers');
      // A clean slate: the seeded bank may carry tasks from the demo generator.
      await bareQuery(handle, `delete from engagement_tasks where source_type = 'contact_plan'`);

      // The baseline: every rule's due tasks selected over the whole id range (warm-up, then the figure).
      const select = async () => {
        let n = 0;
        for (const r of rules) n += await countDueRange(db, r, today, bounds.min, bounds.max + 1);
        return n;
      };
      ctx.log('baseline warm-up');
      await select();
      const t0 = performance.now();
      const due = await select();
      const bare = (performance.now() - t0) / 1000;
      ctx.log(`bare SQL: ${bare.toFixed(2)} s, ${fmtInt(due)} due tasks`);

      const t1 = performance.now();
      const res = await la.app.ctx.jobs.runNow('engagement-tasks');
      const appSeconds = (performance.now() - t1) / 1000;
      if (!res.ran || res.status !== 'done') throw new Error(`the engagement-tasks job did not run: ${JSON.stringify(res)}`);
      const created = Number(res.detail.created ?? 0);
      ctx.log(`app: ${appSeconds.toFixed(2)} s ${JSON.stringify(res.detail)}`);
      const t2 = performance.now();
      const again = await la.app.ctx.jobs.runNow('engagement-tasks');
      const rerun = (performance.now() - t2) / 1000;
      const createdAgain = again.ran ? Number(again.detail.created ?? 0) : -1;
      const ratio = appSeconds / bare;
      const invalid = created !== due ? `the job created ${fmtInt(created)} tasks, the baseline selects ${fmtInt(due)}` : createdAgain !== 0 ? `a rerun created ${createdAgain}` : null;
      rows.push({
        name: `daily task generation ${tag}`,
        figure: fmtS(appSeconds),
        baseline: `${fmtS(bare)} (bare SQL)`,
        ratio,
        target: `ratio <= ${TARGET_RATIO}`,
        verdict: invalid ? 'INVALID' : ratio <= TARGET_RATIO ? 'pass' : 'MISS',
        note: invalid ?? `${fmtInt(created)} tasks from ${rules.length} rules (${seedNote(la.data)}); rerun ${fmtS(rerun)} created 0`,
      });

      // The workbench: an RM with 800 customers (moved from other RMs of the outlet in this copy if needed).
      const [rm] = await bareQuery<{ staff_id: number; n: number; username: string; branch_id: number }>(
        handle,
        `select s.id::int as staff_id, (select count(*) from customers c where c.rm_staff_id = s.id)::int as n, u.username, s.branch_id::int as branch_id
           from staff s join users u on u.staff_id = s.id join staff_roles r on r.staff_id = s.id and r.role = 'wealth_rm'
          where s.status = 'active' and u.username = 'wrm'`,
      );
      if (rm.n < BOOK) {
        await bareQuery(
          handle,
          `update customers set rm_staff_id = $1 where id in (
             select id from customers where branch_id = $2 and rm_staff_id is distinct from $1 and tier_code <> 'mass' order by id limit $3)`,
          [rm.staff_id, rm.branch_id, BOOK - rm.n],
        );
        await bareQuery(handle, 'analyze customers');
      }
      const [book] = await bareQuery<{ n: number }>(handle, 'select count(*)::int as n from customers where rm_staff_id = $1', [rm.staff_id]);
      await la.app.ctx.jobs.runNow('engagement-tasks');
      const cookie = await la.login(rm.username);
      const ms: number[] = [];
      let failures = 0;
      let sample = '';
      for (let i = 0; i < REQUESTS + WARMUP; i++) {
        const s = performance.now();
        const r = await fetch(`${la.url}/api/workbench`, { headers: { cookie } });
        const body = await r.text();
        if (i >= WARMUP) ms.push(performance.now() - s);
        if (r.status !== 200) {
          failures++;
          sample ||= `${r.status} ${body.slice(0, 120)}`;
        } else if (i === 0) {
          const wb = JSON.parse(body) as { tasks: { open: number }; book: { customers: number } };
          ctx.log(`workbench: ${wb.book.customers} customers, ${wb.tasks.open} open tasks`);
        }
      }
      ms.sort((a, b) => a - b);
      const p95 = percentile(ms, 95);
      rows.push({
        name: `workbench API, RM with ${fmtInt(book.n)} customers ${tag}`,
        figure: `${[50, 95, 99].map((p) => percentile(ms, p).toFixed(1)).join(' / ')} ms`,
        baseline: 'p50 / p95 / p99',
        ratio: null,
        target: `p95 <= ${TARGET_P95[ctx.kind]} ms`,
        verdict: failures > 0 ? 'INVALID' : p95 <= TARGET_P95[ctx.kind] ? 'pass' : 'MISS',
        note: failures > 0 ? `${failures} failed requests, e.g. ${sample}` : `${REQUESTS} sequential GET /api/workbench over HTTP after ${WARMUP} warm-up`,
      });
      return rows;
    } finally {
      await la.close();
    }
  },
};
