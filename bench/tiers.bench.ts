// Tier evaluation (分层服务) at N customers with 12 months of balances: the app's nightly evaluation
// (the `tiers` job, i.e. `patron batch tiers` without the process start) against the bare set-based
// SQL statement that computes the same tiers, in the same run, on the same data.
//
//   BENCH_CUSTOMERS         customers (default 1,000,000); BENCH_CUSTOMERS_PGLITE for PGlite only
//
// State it runs on: the freshly seeded bank (every customer already on the tier its basis earns),
// then head office moves two thresholds, as an admin would before "evaluate now": gold 50,000 →
// 40,000 (upgrades) and diamond 2,000,000 → 2,500,000 (diamond customers now below the line start
// their grace period: months_below is counted, no downgrade yet). The baseline is computed first on
// that same state (it only reads), then the app evaluates; every customer's new tier is then
// compared with the baseline's, and any difference makes the row INVALID.
import { shanghaiToday } from '../server/seed/dates';
import { bareQuery, seedNote, sizeTag, startLoadedApp } from './customer-data';
import { below, fmtInt, fmtS, type Bench, type BenchRow } from './report';

const TARGET_RATIO = 1.5;
const TARGET_PG_SECONDS = 60;
const THRESHOLDS: [code: string, from: string, to: string][] = [
  ['gold', '50000.00', '40000.00'],
  ['diamond', '2000000.00', '2500000.00'],
];

type Basis = 'max_m1_m3' | 'm1' | 'm3' | 'm6';

const monthsBack = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 10);
};

/**
 * The bare statement: basis per customer from monthly_balances, the tier it qualifies for from the
 * ladder, and the tier the rules give (override, upgrade at once, one step down after the grace
 * period), into a new table. Written from the rules, not from the app's SQL.
 */
function baselineSql(source: 'monthly' | 'rolled-up', basis: Basis): string {
  const basisExpr =
    source === 'rolled-up'
      ? { m1: 'c.aum_m1', m3: 'c.aum_m3', m6: 'c.aum_m6', max_m1_m3: 'greatest(c.aum_m1, c.aum_m3)' }[basis]
      : { m1: 'coalesce(b.m1, 0)', m3: 'coalesce(b.m3, 0)', m6: 'coalesce(b.m6, 0)', max_m1_m3: 'greatest(coalesce(b.m1, 0), coalesce(b.m3, 0))' }[basis];
  const monthly =
    source === 'monthly'
      ? `left join (
          select customer_id,
                 sum(avg_aum) filter (where month = $4::date) as m1,
                 round(avg(avg_aum) filter (where month >= $5::date), 2) as m3,
                 round(avg(avg_aum), 2) as m6
          from monthly_balances where month between $6::date and $4::date
          group by customer_id
        ) b on b.customer_id = c.id`
      : '';
  return `
    create table bench_tier_expected as
    with ladder as (
      select code, rank, min_aum, lag(code) over (order by rank) as lower_code,
             lead(min_aum) over (order by rank) as next_min, rank = min(rank) over () as lowest
      from tiers
    ),
    basis as (
      select c.id, c.tier_code, c.months_below, c.below_counted_for, c.override_tier_code, c.override_until, ${basisExpr} as basis
      from customers c ${monthly}
      where c.status <> 'closed'
    )
    select x.id, x.basis,
           case when x.override_tier_code is not null and (x.override_until is null or x.override_until >= $1::date) then x.override_tier_code
                when x.override_tier_code is not null then q.code
                when q.rank > cur.rank then q.code
                when q.rank < cur.rank and cur.lower_code is not null and (x.below_counted_for is null or x.below_counted_for < $2::date)
                     and x.months_below + 1 >= $3::int then cur.lower_code
                else x.tier_code end as new_code
    from basis x
    join ladder cur on cur.code = x.tier_code
    join ladder q on (q.lowest or x.basis >= q.min_aum) and (q.next_min is null or x.basis < q.next_min)`;
}

type Summary = { evaluated?: number; upgraded?: number; downgraded?: number; monthsBelowCounted?: number; unchanged?: number };

export const bench: Bench = {
  name: 'tiers',
  title: 'Tier evaluation (nightly job, patron batch tiers) vs the bare set-based SQL statement, same run, same data',
  async run(ctx) {
    const la = await startLoadedApp(ctx, 'tiers');
    const { handle } = la.data;
    const tag = sizeTag(ctx.kind, la.data.customers);
    try {
      const settings = (await bareQuery<{ basis: Basis; grace: number }>(handle, `select basis, downgrade_grace_months as grace from tier_settings where id = 1`))[0] ?? { basis: 'max_m1_m3', grace: 3 };
      const asOf = shanghaiToday();
      const month = `${asOf.slice(0, 7)}-01`;
      const m1 = monthsBack(month, 1);
      const rules = [asOf, month, settings.grace];
      // m3 and m6: the 3 and 6 months ending with last month (m1).
      const months = [m1, monthsBack(month, 3), monthsBack(month, settings.basis === 'm6' ? 6 : 3)];

      for (const [code, from, to] of THRESHOLDS) {
        const r = await bareQuery(handle, `update tiers set min_aum = $2 where code = $1 and min_aum = $3 returning code`, [code, to, from]);
        if (r.length !== 1) throw new Error(`tier ${code} is not at ${from}: the seeded ladder changed, update THRESHOLDS`);
      }
      ctx.log(`thresholds moved: ${THRESHOLDS.map(([c, f, t]) => `${c} ${f}→${t}`).join(', ')}; basis ${settings.basis}, grace ${settings.grace}`);

      const baseline = async (source: 'monthly' | 'rolled-up'): Promise<number> => {
        await bareQuery(handle, 'drop table if exists bench_tier_expected');
        const t0 = performance.now();
        await bareQuery(handle, baselineSql(source, settings.basis), source === 'monthly' ? [...rules, ...months] : rules);
        return (performance.now() - t0) / 1000;
      };
      // The first pass warms the caches for both sides; the second is the figure.
      ctx.log('baseline warm-up');
      await baseline('rolled-up');
      const rolledUp = await baseline('rolled-up');
      await baseline('monthly');
      const bare = await baseline('monthly');
      ctx.log(`bare SQL: ${bare.toFixed(2)} s from monthly_balances, ${rolledUp.toFixed(2)} s from the rolled-up columns`);

      ctx.log('app evaluation (tiers job)');
      const t0 = performance.now();
      const res = await la.app.ctx.jobs.runNow('tiers');
      const appSeconds = (performance.now() - t0) / 1000;
      if (!res.ran || res.status !== 'done') throw new Error(`the tiers job did not run: ${JSON.stringify(res)}`);
      const s = res.detail as Summary;
      ctx.log(`app: ${appSeconds.toFixed(2)} s ${JSON.stringify(res.detail)}`);

      const diff = await bareQuery<{ n: number; sample: string | null }>(
        handle,
        `select count(*)::int as n, min(c.customer_no || ' ' || c.tier_code || '≠' || e.new_code) as sample
         from bench_tier_expected e join customers c on c.id = e.id where c.tier_code <> e.new_code`,
      );
      const mismatches = Number(diff[0].n);

      ctx.log('app evaluation again (idempotent rerun)');
      const t1 = performance.now();
      const again = await la.app.ctx.jobs.runNow('tiers');
      const rerunSeconds = (performance.now() - t1) / 1000;
      if (!again.ran || again.status !== 'done') throw new Error(`the tiers job did not run again: ${JSON.stringify(again)}`);
      const s2 = again.detail as Summary;

      const state =
        `thresholds moved before the run (gold 50,000→40,000, diamond 2,000,000→2,500,000) on the freshly seeded bank (${seedNote(la.data)}): ` +
        `${fmtInt(s.evaluated ?? 0)} evaluated, ${fmtInt(s.upgraded ?? 0)} up, ${fmtInt(s.downgraded ?? 0)} down, ${fmtInt(s.monthsBelowCounted ?? 0)} months-below counted`;
      const invalid = mismatches > 0 ? `${fmtInt(mismatches)} customers' tiers differ from the baseline's (e.g. ${diff[0].sample})` : null;
      const ratio = appSeconds / bare;
      const rows: BenchRow[] = [
        {
          name: `tier evaluation ${tag}`,
          figure: fmtS(appSeconds),
          baseline: `${fmtS(bare)} (bare SQL)`,
          ratio,
          target: `ratio <= ${TARGET_RATIO}`,
          verdict: invalid ? 'INVALID' : ratio <= TARGET_RATIO ? 'pass' : 'MISS',
          note: invalid ?? `${state}; baseline: one CREATE TABLE AS from monthly_balances + tiers (same new tier for every customer, checked)`,
        },
        {
          name: `tier evaluation wall time ${tag}`,
          figure: fmtS(appSeconds),
          baseline: `${fmtS(TARGET_PG_SECONDS)} (target)`,
          ratio: appSeconds / TARGET_PG_SECONDS,
          target: ctx.kind === 'postgres' ? `< ${TARGET_PG_SECONDS} s` : '- (PostgreSQL only)',
          verdict: invalid ? 'INVALID' : ctx.kind === 'postgres' ? below(appSeconds, TARGET_PG_SECONDS) : 'info',
        },
        {
          name: `tier evaluation vs bare SQL on rolled-up aum_m1/aum_m3 ${tag}`,
          figure: fmtS(appSeconds),
          baseline: `${fmtS(rolledUp)} (bare SQL)`,
          ratio: appSeconds / rolledUp,
          target: '-',
          verdict: 'info',
          note: 'the same statement reading customers.aum_m1/aum_m3 (what the app reads) instead of aggregating monthly_balances',
        },
        {
          name: `tier evaluation rerun, nothing to change ${tag}`,
          figure: fmtS(rerunSeconds),
          baseline: `${fmtS(rolledUp)} (bare SQL)`,
          ratio: rerunSeconds / rolledUp,
          target: '-',
          verdict: (s2.upgraded ?? 0) + (s2.downgraded ?? 0) + (s2.monthsBelowCounted ?? 0) === 0 ? 'info' : 'INVALID',
          note: `idempotent: ${fmtInt(s2.upgraded ?? 0)} up, ${fmtInt(s2.downgraded ?? 0)} down, ${fmtInt(s2.monthsBelowCounted ?? 0)} months-below counted`,
        },
      ];
      return rows;
    } finally {
      await la.close();
    }
  },
};
