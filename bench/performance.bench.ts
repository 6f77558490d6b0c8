// The month's scorecards from the recorded facts: the scorecard run (all KPIs in play aggregated in one
// INSERT … SELECT, scored, ranked and written) against the bare SQL aggregation of the same figures
// (the same measures' GROUP BY statements into a scratch table, nothing else), same run, same data.
// The run's actuals must equal the bare aggregation's, else the row is INVALID.
//
//   BENCH_PERF_STAFF / BENCH_PERF_FACTS                 staff and facts (default 10,000 and 10,000,000: the issue's size)
//   BENCH_PERF_STAFF_PGLITE / BENCH_PERF_FACTS_PGLITE   the size on PGlite only (default 2,000 and 1,000,000; 0 skips PGlite)
import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { cloneDatabase, dropDatabase, openDatabase, type DbHandle } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { seedReferenceData } from '../server/seed/reference-data';
import { MEASURES } from '../server/modules/performance/perf-measures.repository';
import { kpisInPlay } from '../server/modules/performance/perf-compute.repository';
import { runMonth } from '../server/modules/performance/perf-run.service';
import { addMonths, monthEnd, monthOf, shanghaiToday } from '../server/modules/performance/perf-dates';
import { bareQuery } from './customer-data';
import { fmtInt, fmtS, type Bench, type BenchContext, type BenchRow } from './report';

const TARGET_RATIO = 1.5;
const OUTLETS_PER_1000_STAFF = 50;

function size(ctx: BenchContext): { staff: number; facts: number } {
  const n = (k: string) => (ctx.env[k] ? Number(ctx.env[k]) : undefined);
  if (ctx.kind === 'pglite') {
    if (ctx.env.BENCH_PERF_FACTS_PGLITE === '0') throw new Error('skipped on PGlite (BENCH_PERF_FACTS_PGLITE=0)');
    return { staff: n('BENCH_PERF_STAFF_PGLITE') ?? 2_000, facts: n('BENCH_PERF_FACTS_PGLITE') ?? 1_000_000 };
  }
  return { staff: n('BENCH_PERF_STAFF') ?? 10_000, facts: n('BENCH_PERF_FACTS') ?? 10_000_000 };
}

/** Branches, staff with roles, customers with balances, and the month's facts, all generated in SQL. */
async function generate(h: DbHandle, ctx: BenchContext, staff: number, facts: number, month: string): Promise<Record<string, number>> {
  const q = (text: string) => bareQuery(h, text);
  const outlets = Math.max(5, Math.round((staff / 1000) * OUTLETS_PER_1000_STAFF));
  const days = Number(monthEnd(month).slice(8));
  const m1 = `${month}-01`;
  const prev = `${addMonths(month, -1)}-01`;
  await q(`insert into branches (code, name, level, path) values ('BHO', '总行', 'head_office', '')`);
  await q(`update branches set path = '/' || id || '/' where level = 'head_office'`);
  await q(`insert into branches (code, name, level, parent_id, path)
           select 'BO' || g, '网点' || g, 'outlet', (select id from branches where level = 'head_office'), '' from generate_series(1, ${outlets}) g`);
  await q(`update branches b set path = h.path || b.id || '/' from branches h where h.level = 'head_office' and b.level = 'outlet'`);
  await q(`insert into staff (staff_no, name, gender, branch_id, sequence)
           select 'BS' || lpad(g::text, 6, '0'), '员工' || g, 'F', (select min(id) from branches where level = 'outlet') + g % ${outlets}, 'rm' from generate_series(0, ${staff - 1}) g`);
  // 6 in 10 wealth RMs, 1 marketing RM, 1 lobby manager, 2 tellers.
  await q(`insert into staff_roles (staff_id, role)
           select id, case when id % 10 < 6 then 'wealth_rm' when id % 10 = 6 then 'marketing_rm' when id % 10 = 7 then 'lobby_manager'
                           when id % 10 = 8 then 'cash_teller' else 'noncash_teller' end from staff`);
  const customers = Math.max(1000, Math.round(staff * 0.6 * 20));
  await q(`insert into customers (customer_no, name, branch_id, rm_staff_id, tier_code, aum)
           select 'BC' || lpad(g::text, 8, '0'), '客户' || g, r.branch_id, r.id, (select code from tiers order by rank limit 1), 100000 + (g::bigint * 7919) % 900000
           from generate_series(0, ${customers - 1}) g
           join (select s.id, s.branch_id, row_number() over (order by s.id) - 1 as k from staff s join staff_roles sr on sr.staff_id = s.id and sr.role = 'wealth_rm') r
             on r.k = g % (select count(*) from staff_roles where role = 'wealth_rm')`);
  await q(`insert into monthly_balances (customer_id, month, avg_aum, end_aum)
           select id, m.month, aum, aum + case when m.month = '${m1}'::date then (id % 50000) - 20000 else 0 end from customers
           cross join (values ('${prev}'::date), ('${m1}'::date)) m(month)`);
  await q(`insert into products (code, name_zh, category) values ('BF1', '基金一号', 'fund'), ('BW1', '理财一号', 'wealth'), ('BI1', '保险一号', 'insurance'),
           ('BT1', '定期一号', 'time_deposit'), ('BG1', '积存金', 'precious_metal')`);
  const sales = Math.round(facts * 0.6);
  const tasks = Math.round(facts * 0.15);
  const surveys = Math.round(facts * 0.05);
  const tickets = facts - sales - tasks - surveys;
  ctx.log(`facts: ${fmtInt(sales)} sales, ${fmtInt(tasks)} tasks, ${fmtInt(surveys)} survey answers, ${fmtInt(tickets)} tickets`);
  const cmin = `(select min(id) from customers)`;
  await q(`insert into sales (customer_id, branch_id, product_id, category, amount, sold_on, staff_id, channel, status)
           select c.id, c.branch_id, p.id, p.category, 1000 + (g::bigint * 7919) % 500000, '${m1}'::date + g % ${days}, c.rm_staff_id, 'branch',
                  case when g % 50 = 0 then 'cancelled' else 'completed' end
           from generate_series(0, ${sales - 1}) g
           join customers c on c.id = ${cmin} + g % ${customers}
           join products p on p.id = (select min(id) from products) + g % 5`);
  await q(`insert into engagement_tasks (customer_id, branch_id, staff_id, kind, reason_key, title, due_on, status, done_at)
           select c.id, c.branch_id, c.rm_staff_id, 'contact_plan', 'bench:' || g, '定期联系', '${m1}'::date + g % ${days},
                  case when g % 5 = 0 then 'open' else 'done' end,
                  case when g % 5 = 0 then null else ('${m1}'::date + g % ${days} + (g % 3 - 1))::timestamp at time zone 'Asia/Shanghai' end
           from generate_series(0, ${tasks - 1}) g join customers c on c.id = ${cmin} + g % ${customers}`);
  await q(`insert into survey_responses (answered_on, programme_id, questionnaire_id, version, customer_id, branch_id, rm_staff_id, channel, overall, answers)
           select '${m1}'::date + g % ${days}, 1, 1, 1, c.id, c.branch_id, c.rm_staff_id, 'link', 1 + g % 5, '{}'::jsonb
           from generate_series(0, ${surveys - 1}) g join customers c on c.id = ${cmin} + g % ${customers}`);
  await q(`insert into lobby_tickets (day, branch_id, number, zone_id, business_code, status, arrived_at, called_at, finished_at, served_by, sla_minutes)
           select d.day, t.branch_id, 'A' || g, 1, 'cash', 'done', d.day + time '09:00' + (g % 400) * interval '1 minute',
                  d.day + time '09:00' + (g % 400) * interval '1 minute' + (g % 30) * interval '1 minute',
                  d.day + time '09:00' + (g % 400) * interval '1 minute' + (g % 30 + 5) * interval '1 minute', t.id, 15
           from generate_series(0, ${tickets - 1}) g
           cross join lateral (select '${m1}'::date + g % ${days} as day) d
           join (select s.id, s.branch_id, row_number() over (order by s.id) - 1 as k from staff s join staff_roles sr on sr.staff_id = s.id and sr.role in ('cash_teller', 'noncash_teller')) t
             on t.k = g % (select count(*) from staff_roles where role in ('cash_teller', 'noncash_teller'))`);
  await q('analyze');
  return { outlets, customers, balances: customers * 2, sales, tasks, surveys, tickets };
}

async function openScratch(ctx: BenchContext): Promise<{ h: DbHandle; dispose(): Promise<void> }> {
  if (ctx.databaseUrl) {
    const name = `patron_bench_perf_${crypto.randomBytes(4).toString('hex')}`;
    const url = await cloneDatabase(ctx.databaseUrl, 'template0', name);
    const h = await openDatabase({ databaseUrl: url, dataDir: null });
    const server = ctx.databaseUrl;
    return { h, dispose: async () => { await h.close(); await dropDatabase(server, name); } };
  }
  const h = await openDatabase({ databaseUrl: null, dataDir: path.join(ctx.tmpDir, 'perf-db') });
  return { h, dispose: () => h.close() };
}

export const bench: Bench = {
  name: 'performance',
  title: 'Month scorecards for all staff from the month\'s facts vs the bare SQL aggregation of the same figures',
  async run(ctx) {
    const { staff, facts } = size(ctx);
    const tag = `[${ctx.kind}, ${fmtInt(staff)} staff, ${fmtInt(facts)} facts${staff < 10_000 || facts < 10_000_000 ? ' (below the issue size)' : ''}]`;
    const { h, dispose } = await openScratch(ctx);
    const rows: BenchRow[] = [];
    try {
      await migrateToLatest(h.db);
      await seedReferenceData(h.db);
      const month = addMonths(monthOf(shanghaiToday()), -1);
      const t0 = performance.now();
      const made = await generate(h, ctx, staff, facts, month);
      ctx.log(`generated in ${fmtS((performance.now() - t0) / 1000)}: ${JSON.stringify(made)}`);

      // The bare aggregation: every KPI in play, its measure's GROUP BY over the month, into a scratch table.
      const kpis = await kpisInPlay(h.db, `${month}-01`);
      const range = { from: `${month}-01`, to: monthEnd(month) };
      const parts = kpis.map((k) => sql`select ${k.id}::bigint as kpi_id, x.staff_id, x.branch_id, x.num, x.den from (${MEASURES[k.measure]!.rows(range, k.params)}) x`);
      const bare = async () => {
        await sql`drop table if exists perf_bench_bare`.execute(h.db);
        const s = performance.now();
        await sql`create table perf_bench_bare as select f.kpi_id, f.staff_id, sum(f.num) as num, sum(f.den) as den from (${sql.join(parts, sql` union all `)}) f
                  where f.staff_id is not null group by 1, 2`.execute(h.db);
        return (performance.now() - s) / 1000;
      };
      ctx.log('bare aggregation warm-up');
      await bare();
      const bareSeconds = await bare();
      ctx.log(`bare: ${fmtS(bareSeconds)}`);

      const t1 = performance.now();
      const runId = await runMonth(h.db, { month, asOf: monthEnd(month), kind: 'manual' });
      const runSeconds = (performance.now() - t1) / 1000;
      ctx.log(`run: ${fmtS(runSeconds)}`);

      // The same figures: per KPI, the run's staff actual numerators against the bare aggregation's.
      const diff = await bareQuery<{ kpi_id: number; run: string; bare: string }>(h, `
        select k.kpi_id, coalesce(r.n, 0)::text as run, coalesce(b.n, 0)::text as bare
        from (select distinct kpi_id from perf_bench_bare) k
        left join (select kpi_id, sum(num) n from perf_values where run_id = ${runId} and staff_id is not null group by 1) r on r.kpi_id = k.kpi_id
        left join (select b.kpi_id, sum(b.num) n from perf_bench_bare b
                   where exists (select 1 from perf_values v where v.run_id = ${runId} and v.staff_id = b.staff_id and v.kpi_id = b.kpi_id) group by 1) b on b.kpi_id = k.kpi_id
        where coalesce(r.n, 0) <> coalesce(b.n, 0)`);
      const [scored] = await bareQuery<{ n: number }>(h, `select count(*)::int as n from perf_scores where run_id = ${runId} and staff_id is not null`);
      const ratio = runSeconds / bareSeconds;
      const invalid = diff.length > 0 ? `the run's actuals differ from the bare aggregation for KPI ${diff.map((d) => d.kpi_id).join(', ')}` : null;
      rows.push({
        name: `month scorecard run ${tag}`,
        figure: fmtS(runSeconds),
        baseline: `${fmtS(bareSeconds)} (bare SQL)`,
        ratio,
        target: `ratio <= ${TARGET_RATIO}`,
        verdict: invalid ? 'INVALID' : ratio <= TARGET_RATIO ? 'pass' : 'MISS',
        note: invalid ?? `${fmtInt(scored?.n ?? 0)} staff scored on ${kpis.length} KPIs; ${fmtInt(made.customers ?? 0)} customers, ${fmtInt(made.outlets ?? 0)} outlets`,
      });
    } finally {
      await dispose();
    }
    return rows;
  },
};
