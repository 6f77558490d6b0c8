// SQL of the assessment's views: one staff member's scorecard with per-KPI ranks and trends, the facts
// behind a figure, the branch and bank dashboards, and the rows of the payroll export.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import { MEASURES, type MeasureParams } from './perf-measures.repository';
import type { PerfKpi } from '../../../contracts/performance';

export type StaffInfo = { id: number; staffNo: string; name: string; branchId: number; branchName: string; branchPath: string };

export async function staffInfo(db: DbOrTrx, staffId: number): Promise<StaffInfo | null> {
  const r = await sql<StaffInfo>`
    select s.id, s.staff_no as "staffNo", s.name, s.branch_id as "branchId", b.name as "branchName", b.path as "branchPath"
    from staff s join branches b on b.id = s.branch_id where s.id = ${staffId}`.execute(db);
  return r.rows[0] ?? null;
}

export async function branchInfo(db: DbOrTrx, branchId: number): Promise<{ id: number; name: string; path: string } | null> {
  return (await sql<{ id: number; name: string; path: string }>`select id, name, path from branches where id = ${branchId}`.execute(db)).rows[0] ?? null;
}

export type ScoreHead = {
  scorecardId: number; code: string; nameZh: string; nameEn: string; roleCode: string; total: string; rankBranch: number | null; rankBank: number;
  peersBranch: number; peersBank: number;
};

export async function scoreHead(db: DbOrTrx, runId: number, staffId: number): Promise<ScoreHead | null> {
  const r = await sql<ScoreHead>`
    select p.scorecard_id as "scorecardId", c.code, c.name_zh as "nameZh", c.name_en as "nameEn", p.role_code as "roleCode", p.total::text as total,
           p.rank_branch as "rankBranch", p.rank_bank as "rankBank",
           (select count(*)::int from perf_scores q where q.run_id = p.run_id and q.role_code = p.role_code and q.branch_id = p.branch_id and q.staff_id is not null) as "peersBranch",
           (select count(*)::int from perf_scores q where q.run_id = p.run_id and q.role_code = p.role_code and q.staff_id is not null) as "peersBank"
    from perf_scores p join perf_scorecards c on c.id = p.scorecard_id where p.run_id = ${runId} and p.staff_id = ${staffId}`.execute(db);
  return r.rows[0] ?? null;
}

export type Line = {
  kpiId: number; kpiCode: string; nameZh: string; nameEn: string; unit: PerfKpi['unit']; direction: 'higher' | 'lower'; weight: string; actual: string;
  target: string | null; score: string | null; weighted: string | null; gated: boolean; gateOnly: boolean;
  rankBranch: number; rankBank: number; peersBranch: number; peersBank: number;
};

/** The staff member's lines with standard competition ranks (SQL rank()) among the scorecard's peers. */
export async function lines(db: DbOrTrx, runId: number, staffId: number, scorecardId: number): Promise<Line[]> {
  const r = await sql<Line>`
    with v as (
      select v.*, k.code, k.name_zh, k.name_en, k.unit, k.direction,
             case when k.direction = 'lower' then -v.actual else v.actual end as better
      from perf_values v join perf_kpis k on k.id = v.kpi_id
      where v.run_id = ${runId} and v.scorecard_id = ${scorecardId} and v.staff_id is not null
    ), ranked as (
      select v.*, rank() over (partition by v.kpi_id order by v.better desc) as rank_bank,
             rank() over (partition by v.kpi_id, v.branch_id order by v.better desc) as rank_branch,
             count(*) over (partition by v.kpi_id) as peers_bank, count(*) over (partition by v.kpi_id, v.branch_id) as peers_branch
      from v
    )
    select r.kpi_id as "kpiId", r.code as "kpiCode", r.name_zh as "nameZh", r.name_en as "nameEn", r.unit, r.direction, r.weight::text as weight,
           r.actual::text as actual, r.target::text as target, r.score::text as score, r.weighted::text as weighted, r.gated, (r.item_id is null) as "gateOnly",
           r.rank_branch::int as "rankBranch", r.rank_bank::int as "rankBank", r.peers_branch::int as "peersBranch", r.peers_bank::int as "peersBank"
    from ranked r left join perf_scorecard_items i on i.id = r.item_id
    where r.staff_id = ${staffId} order by (r.item_id is null), i.sort_order, r.kpi_id`.execute(db);
  return r.rows;
}

export async function kpiTrend(db: DbOrTrx, runIds: number[], staffId: number): Promise<Array<{ month: string; kpiId: number; actual: string }>> {
  if (runIds.length === 0) return [];
  const r = await sql<{ month: string; kpiId: number; actual: string }>`
    select to_char(r.month, 'YYYY-MM') as month, v.kpi_id as "kpiId", v.actual::text as actual
    from perf_values v join perf_runs r on r.id = v.run_id where v.run_id = any(${runIds}::bigint[]) and v.staff_id = ${staffId} order by r.month`.execute(db);
  return r.rows;
}

export async function totalTrend(db: DbOrTrx, runIds: number[], staffId: number): Promise<Array<{ month: string; total: string }>> {
  if (runIds.length === 0) return [];
  const r = await sql<{ month: string; total: string }>`
    select to_char(r.month, 'YYYY-MM') as month, p.total::text as total
    from perf_scores p join perf_runs r on r.id = p.run_id where p.run_id = any(${runIds}::bigint[]) and p.staff_id = ${staffId} order by r.month`.execute(db);
  return r.rows;
}

export type FactRow = { at: string | null; ref: string | null; customerNo: string | null; customerName: string | null; amount: string | null; detail: string | null };

export async function facts(db: DbOrTrx, a: { measure: string; params: MeasureParams; from: string; to: string; staffId: number; branchId: number; limit: number }): Promise<FactRow[]> {
  const m = MEASURES[a.measure];
  if (!m) return [];
  const r = await sql<FactRow>`
    select f.at, f.ref, c.customer_no as "customerNo", c.name as "customerName", f.amount, f.detail
    from (${m.facts({ from: a.from, to: a.to }, a.params, a.staffId, a.branchId)}) f left join customers c on c.id = f.customer_id
    limit ${a.limit}`.execute(db);
  return r.rows;
}

export type Performer = { staffId: number; staffNo: string; name: string; branchName: string; roleCode: string; total: string; rankBank: number };

const inScope = (scope: DataScope, branchId?: number) =>
  sql`${scopeSql(scope, { branch: 'p.branch_id' })} ${branchId ? sql`and p.branch_id in (select b.id from branches b where b.path like (select path from branches where id = ${branchId}) || '%')` : sql``}`;

export async function distribution(db: DbOrTrx, runId: number, role: string, scope: DataScope, branchId?: number): Promise<{ count: number; average: string | null; buckets: Array<{ bucket: number; count: number }> }> {
  const where = sql`p.run_id = ${runId} and p.role_code = ${role} and p.staff_id is not null and ${inScope(scope, branchId)}`;
  const [agg, buckets] = await Promise.all([
    sql<{ count: number; average: string | null }>`select count(*)::int as count, round(avg(p.total), 2)::text as average from perf_scores p where ${where}`.execute(db),
    sql<{ bucket: number; count: number }>`select least(floor(p.total / 10)::int, 12) as bucket, count(*)::int as count from perf_scores p where ${where} group by 1 order by 1`.execute(db),
  ]);
  return { count: agg.rows[0]?.count ?? 0, average: agg.rows[0]?.average ?? null, buckets: buckets.rows };
}

export async function performers(db: DbOrTrx, runId: number, role: string, scope: DataScope, branchId: number | undefined, best: boolean, limit: number): Promise<Performer[]> {
  const r = await sql<Performer>`
    select p.staff_id as "staffId", s.staff_no as "staffNo", s.name, b.name as "branchName", p.role_code as "roleCode", p.total::text as total, p.rank_bank as "rankBank"
    from perf_scores p join staff s on s.id = p.staff_id join branches b on b.id = p.branch_id
    where p.run_id = ${runId} and p.role_code = ${role} and p.staff_id is not null and ${inScope(scope, branchId)}
    order by p.total ${best ? sql`desc` : sql`asc`}, s.staff_no limit ${limit}`.execute(db);
  return r.rows;
}

export async function roleTrend(db: DbOrTrx, runIds: number[], role: string, scope: DataScope, branchId?: number): Promise<Array<{ month: string; kpiCode: string | null; nameZh: string | null; nameEn: string | null; average: string }>> {
  if (runIds.length === 0) return [];
  const r = await sql<{ month: string; kpiCode: string | null; nameZh: string | null; nameEn: string | null; average: string }>`
    select to_char(r.month, 'YYYY-MM') as month, null::text as "kpiCode", null::text as "nameZh", null::text as "nameEn", round(avg(p.total), 2)::text as average
    from perf_scores p join perf_runs r on r.id = p.run_id
    where p.run_id = any(${runIds}::bigint[]) and p.role_code = ${role} and p.staff_id is not null and ${inScope(scope, branchId)}
    group by r.month
    union all
    select to_char(r.month, 'YYYY-MM'), k.code, k.name_zh, k.name_en, round(avg(p.score), 2)::text
    from perf_values p join perf_runs r on r.id = p.run_id join perf_kpis k on k.id = p.kpi_id join perf_scorecards c on c.id = p.scorecard_id
    where p.run_id = any(${runIds}::bigint[]) and c.role_code = ${role} and p.staff_id is not null and p.item_id is not null and ${inScope(scope, branchId)}
    group by r.month, k.code, k.name_zh, k.name_en
    order by 1, 2 nulls first`.execute(db);
  return r.rows;
}

export async function league(db: DbOrTrx, runId: number, role: string, scope: DataScope, branchId?: number): Promise<Array<{ branchId: number; branchName: string; total: string | null; rank: number | null; staffAverage: string | null; staffCount: number }>> {
  const r = await sql<{ branchId: number; branchName: string; total: string | null; rank: number | null; staffAverage: string | null; staffCount: number }>`
    with staff_avg as (
      select p.branch_id, round(avg(p.total), 2) as avg, count(*)::int as n from perf_scores p
      where p.run_id = ${runId} and p.role_code = ${role} and p.staff_id is not null group by p.branch_id
    )
    select p.branch_id as "branchId", b.name as "branchName", p.total::text as total, p.rank_bank as rank, sa.avg::text as "staffAverage", coalesce(sa.n, 0) as "staffCount"
    from perf_scores p join branches b on b.id = p.branch_id left join staff_avg sa on sa.branch_id = p.branch_id
    where p.run_id = ${runId} and p.staff_id is null and ${inScope(scope, branchId)}
    order by p.rank_bank, b.name`.execute(db);
  return r.rows;
}

export type ExportRow = { staffNo: string; name: string; branchName: string; roleCode: string; scorecard: string; total: string; rankBranch: number | null; rankBank: number; kpiCode: string; kpiName: string; actual: string; target: string | null; score: string | null; weighted: string | null; gated: boolean };

export async function exportRows(db: DbOrTrx, runId: number, scope: DataScope): Promise<ExportRow[]> {
  const r = await sql<ExportRow>`
    select s.staff_no as "staffNo", s.name, b.name as "branchName", p.role_code as "roleCode", c.name_zh as scorecard, p.total::text as total,
           p.rank_branch as "rankBranch", p.rank_bank as "rankBank", k.code as "kpiCode", k.name_zh as "kpiName", v.actual::text as actual,
           v.target::text as target, v.score::text as score, v.weighted::text as weighted, v.gated
    from perf_scores p join staff s on s.id = p.staff_id join branches b on b.id = p.branch_id join perf_scorecards c on c.id = p.scorecard_id
    join perf_values v on v.run_id = p.run_id and v.staff_id = p.staff_id and v.item_id is not null join perf_kpis k on k.id = v.kpi_id
    where p.run_id = ${runId} and p.staff_id is not null and ${scopeSql(scope, { branch: 'p.branch_id' })}
    order by p.role_code, b.name, s.staff_no, v.kpi_id`.execute(db);
  return r.rows;
}
