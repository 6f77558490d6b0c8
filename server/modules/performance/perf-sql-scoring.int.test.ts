// The run's scoring is one SQL statement (perf-compute.repository.ts); the pure rules (perf-scoring.ts,
// perf-scorecard.ts) are its specification. A generated month of values with every rule kind, both
// directions, missing and zero targets, ties and gates is scored both ways and must agree; and a
// last-year-growth target is resolved from last year's facts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type TestApp } from '../../platform/testing';
import { computeRun, scoreRows, type ScoringSourceRow } from './perf-compute.repository';
import { createRun } from './perf-runs.repository';
import { scoreRun, type RunValue } from './perf-scorecard';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(inject('template'));
});
afterAll(async () => {
  await t?.close();
});

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Item = { kpiId: number; kpiCode: string; direction: 'higher' | 'lower'; itemId: number | null; weight: number; rule: Record<string, unknown> | null; gate: Record<string, unknown> | null; target: () => number | null };

function month(seed: number): ScoringSourceRow[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const targets = [50, 100, 200, 250, 400, 500, 1000];
  const cards: Array<{ id: number; role: string; branchCard: boolean; items: Item[] }> = [
    {
      id: 901, role: 'wealth_rm', branchCard: false,
      items: [
        { kpiId: 1, kpiCode: 'k_sales', direction: 'higher', itemId: 11, weight: 35, rule: { kind: 'linear', cap: 150 }, gate: { kpi: 'k_gate', op: 'gte', value: 1 }, target: () => pick([...targets, 0, null]) },
        { kpiId: 2, kpiCode: 'k_overdue', direction: 'lower', itemId: 12, weight: 15, rule: { kind: 'linear', cap: 120 }, gate: null, target: () => pick([5, 10, 0, null]) },
        { kpiId: 3, kpiCode: 'k_contact', direction: 'higher', itemId: 13, weight: 20, rule: { kind: 'thresholds', steps: [{ at: 95, score: 100 }, { at: 80, score: 80 }, { at: 50, score: 50 }] }, gate: null, target: () => null },
        { kpiId: 4, kpiCode: 'k_aum', direction: 'higher', itemId: 14, weight: 20, rule: { kind: 'rank', bands: [{ topPct: 10, score: 100 }, { topPct: 50, score: 80 }, { topPct: 30, score: 90 }], otherwise: 40 }, gate: null, target: () => null },
        { kpiId: 5, kpiCode: 'k_wait', direction: 'lower', itemId: 15, weight: 10, rule: { kind: 'rank', bands: [{ topPct: 25, score: 100 }], otherwise: 60 }, gate: { kpi: 'k_gate', op: 'gt', value: 2 }, target: () => null },
        { kpiId: 9, kpiCode: 'k_gate', direction: 'lower', itemId: null, weight: 0, rule: null, gate: null, target: () => null },
      ],
    },
    {
      id: 902, role: 'teller', branchCard: false,
      items: [
        { kpiId: 6, kpiCode: 'k_volume', direction: 'higher', itemId: 21, weight: 60, rule: { kind: 'linear', cap: 100 }, gate: null, target: () => pick(targets) },
        { kpiId: 7, kpiCode: 'k_minutes', direction: 'lower', itemId: 22, weight: 40, rule: { kind: 'thresholds', steps: [{ at: 5, score: 100 }, { at: 10, score: 70 }] }, gate: { kpi: 'k_sales', op: 'lt', value: 0 }, target: () => null },
        { kpiId: 1, kpiCode: 'k_sales', direction: 'higher', itemId: null, weight: 0, rule: null, gate: null, target: () => null },
      ],
    },
    {
      id: 903, role: 'branch', branchCard: true,
      items: [
        { kpiId: 8, kpiCode: 'k_branch_aum', direction: 'higher', itemId: 31, weight: 50, rule: { kind: 'rank', bands: [{ topPct: 50, score: 100 }], otherwise: 50 }, gate: null, target: () => null },
        { kpiId: 1, kpiCode: 'k_sales', direction: 'higher', itemId: 32, weight: 50, rule: { kind: 'linear', cap: 110 }, gate: { kpi: 'k_gate', op: 'lte', value: 0 }, target: () => pick(targets) },
        { kpiId: 9, kpiCode: 'k_gate', direction: 'lower', itemId: null, weight: 0, rule: null, gate: null, target: () => null },
      ],
    },
  ];
  const rows: ScoringSourceRow[] = [];
  const branches = [7001, 7002, 7003];
  let staff = 8000;
  for (const card of cards) {
    const subjects = card.branchCard ? branches.map((b) => ({ staffId: null, branchId: b })) : Array.from({ length: 30 }, () => ({ staffId: ++staff, branchId: pick(branches) }));
    for (const s of subjects) {
      for (const it of card.items) {
        // Small integer actuals so that ties are common; the gate KPI is mostly 0.
        const actual = it.kpiCode === 'k_gate' ? (r() < 0.2 ? Math.floor(r() * 4) : 0) : it.kpiCode === 'k_contact' ? Math.floor(r() * 101) : Math.floor(r() * 12) * (r() < 0.1 ? -1 : 1) * 25;
        const target = it.itemId === null ? null : it.target();
        rows.push({
          scorecardId: card.id, roleCode: card.role, staffId: s.staffId, branchId: s.branchId, kpiId: it.kpiId, kpiCode: it.kpiCode, direction: it.direction,
          itemId: it.itemId, actual: String(actual), target: target === null ? null : String(target), weight: String(it.weight), rule: it.rule, gate: it.gate,
        });
      }
    }
  }
  return rows;
}

const key = (x: { scorecardId: number | string; staffId: number | string | null; branchId: number | string; kpiId?: number | string }) =>
  `${x.scorecardId}:${x.staffId ?? '-'}:${x.branchId}${x.kpiId === undefined ? '' : `:${x.kpiId}`}`;

describe('the run statement scores as the pure rules do', () => {
  for (const seed of [1, 2, 3, 42]) {
    it(`agrees on a generated month (seed ${seed})`, async () => {
      const rows = month(seed);
      const runId = await createRun(t.handle.db, { month: `2001-0${(seed % 9) + 1}`, status: 'done', kind: 'manual', asOf: '2001-01-31' });
      const n = await scoreRows(t.handle.db, runId, rows);
      const expected = scoreRun(rows.map((x): RunValue => ({ ...x, targetMode: x.itemId === null ? null : 'fixed', targetValue: x.target })));
      expect(n).toBe(expected.scores.length);

      const values = (await sql<{ scorecard_id: string; staff_id: string | null; branch_id: string; kpi_id: string; score: string | null; weighted: string | null; gated: boolean }>`
        select scorecard_id, staff_id, branch_id, kpi_id, score, weighted, gated from perf_values where run_id = ${runId}`.execute(t.handle.db)).rows;
      expect(values).toHaveLength(rows.length);
      const got = new Map(values.map((v) => [key({ scorecardId: v.scorecard_id, staffId: v.staff_id, branchId: v.branch_id, kpiId: v.kpi_id }), v]));
      let gatedSeen = 0;
      let rankScored = 0;
      for (const e of expected.values) {
        const g = got.get(key(e));
        expect(g, key(e)).toBeDefined();
        expect(g!.gated, key(e)).toBe(e.gated);
        if (e.score === null) expect(g!.score, key(e)).toBeNull();
        else expect(Number(g!.score), key(e)).toBeCloseTo(Number(e.score), 4);
        if (e.weighted === null) expect(g!.weighted).toBeNull();
        else expect(Number(g!.weighted), key(e)).toBeCloseTo(Number(e.weighted), 4);
        if (e.gated) gatedSeen++;
        if (e.kpiId === 4 || e.kpiId === 5 || e.kpiId === 8) rankScored++;
      }
      // The month exercises what it claims to.
      expect(gatedSeen).toBeGreaterThan(0);
      expect(rankScored).toBeGreaterThan(0);

      const scores = (await sql<{ scorecard_id: string; staff_id: string | null; branch_id: string; total: string; rank_branch: number | null; rank_bank: number }>`
        select scorecard_id, staff_id, branch_id, total, rank_branch, rank_bank from perf_scores where run_id = ${runId}`.execute(t.handle.db)).rows;
      const byKey = new Map(scores.map((s) => [key({ scorecardId: s.scorecard_id, staffId: s.staff_id, branchId: s.branch_id }), s]));
      let tied = 0;
      for (const e of expected.scores) {
        const s = byKey.get(key(e));
        expect(s, key(e)).toBeDefined();
        expect(Number(s!.total), key(e)).toBeCloseTo(Number(e.total), 4);
        expect(s!.rank_bank, key(e)).toBe(e.rankBank);
        expect(s!.rank_branch, key(e)).toBe(e.rankBranch);
        if (expected.scores.some((o) => o !== e && o.roleCode === e.roleCode && o.total === e.total)) tied++;
      }
      expect(tied).toBeGreaterThan(0);
    });
  }
});

describe('targets from last year', () => {
  it('a last-year-growth target is last year\'s figure of the same range plus the growth', async () => {
    const db = t.handle.db;
    const ho = (await sql<{ id: number; path: string }>`select id, path from branches where level = 'head_office'`.execute(db)).rows[0]!;
    const outlet = (await sql<{ id: number }>`insert into branches (code, name, level, parent_id, path) values ('PG01', '增长测试网点', 'outlet', ${ho.id}, '') returning id`.execute(db)).rows[0]!.id;
    await sql`update branches set path = ${`${ho.path}${outlet}/`} where id = ${outlet}`.execute(db);
    const staffId = (await sql<{ id: number }>`insert into staff (staff_no, name, gender, branch_id, sequence) values ('PG0001', '增长经理', 'F', ${outlet}, 'rm') returning id`.execute(db)).rows[0]!.id;
    await sql`insert into staff_roles (staff_id, role) values (${staffId}, 'wealth_rm')`.execute(db);
    const cust = (await sql<{ id: number }>`insert into customers (customer_no, name, branch_id, rm_staff_id, tier_code, aum) values ('PG000001', '增长客户', ${outlet}, ${staffId}, 'mass', 0) returning id`.execute(db)).rows[0]!.id;
    const p = (await sql<{ id: number; category: string }>`select id, category from products order by id limit 1`.execute(db)).rows[0]!;
    for (const [amount, day] of [[40_000, '2009-06-03'], [10_000, '2009-06-20'], [99_000, '2009-07-02'], [66_000, '2010-06-10']] as const) {
      await sql`insert into sales (customer_id, branch_id, product_id, category, amount, sold_on, staff_id, channel, status)
                values (${cust}, ${outlet}, ${p.id}, ${p.category}, ${amount}, ${day}, ${staffId}, 'branch', 'completed')`.execute(db);
    }
    const kpi = (await sql<{ id: number }>`select id from perf_kpis where code = 'sales_amount'`.execute(db)).rows[0]!.id;
    const card = (await sql<{ id: number }>`
      insert into perf_scorecards (code, role_code, grade_code, name_zh, name_en, effective_month, active)
      values ('growth_test', 'wealth_rm', null, '增长测试', 'Growth test', '2010-01-01', true) returning id`.execute(db)).rows[0]!.id;
    await sql`update perf_scorecards set active = false where role_code = 'wealth_rm' and id <> ${card}`.execute(db);
    await sql`insert into perf_scorecard_items (scorecard_id, kpi_id, weight, target_mode, target_value, rule)
              values (${card}, ${kpi}, 100, 'last_year_growth', 20, '{"kind":"linear","cap":150}'::jsonb)`.execute(db);

    const runId = await createRun(db, { month: '2010-06', status: 'done', kind: 'manual', asOf: '2010-06-30' });
    await computeRun(db, runId, { month: '2010-06-01', from: '2010-06-01', to: '2010-06-30', lastYear: { from: '2009-06-01', to: '2009-06-30' } });
    const v = (await sql<{ actual: string; target: string; score: string }>`
      select actual::text, target::text, score::text from perf_values where run_id = ${runId} and staff_id = ${staffId} and kpi_id = ${kpi}`.execute(db)).rows[0]!;
    // June 2009: 50,000 (July's 99,000 is outside the range); +20% → 60,000; 66,000 / 60,000 = 110.
    expect(Number(v.actual)).toBe(66_000);
    expect(Number(v.target)).toBe(60_000);
    expect(Number(v.score)).toBe(110);
  });
});
