// SQL of the runs that compute a month's scores: versions, status changes (done, frozen, superseded),
// the recomputation requests, and which run is current for a month (frozen, else the latest done).
import { sql, type DbOrTrx } from '../../platform/db';
import type { PerfRun } from '../../../contracts/performance';

export type RunRow = { id: number; month: string; version: number; status: PerfRun['status']; kind: PerfRun['kind']; asOf: string; requestedById: number | null };

const RUN = sql`
  select r.id, to_char(r.month, 'YYYY-MM') as month, r.version, r.status, r.kind, r.as_of::text as "asOf",
         rq.name as "requestedBy", ap.name as "approvedBy", r.reason, r.staff_count as "staffCount",
         to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt",
         to_char(r.finished_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "finishedAt",
         to_char(r.frozen_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "frozenAt"
  from perf_runs r left join staff rq on rq.id = r.requested_by left join staff ap on ap.id = r.approved_by`;

/** Serialises runs: two computations of scores never interleave (the nightly job and "run now"). */
export async function lockRuns(db: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('perf-runs'))`.execute(db);
}

export async function listRuns(db: DbOrTrx, limit = 100): Promise<PerfRun[]> {
  return (await sql<PerfRun>`${RUN} order by r.month desc, r.version desc limit ${limit}`.execute(db)).rows;
}

export async function runById(db: DbOrTrx, id: number): Promise<RunRow | null> {
  const r = await sql<RunRow>`
    select id, to_char(month, 'YYYY-MM') as month, version, status, kind, as_of::text as "asOf", requested_by as "requestedById"
    from perf_runs where id = ${id}`.execute(db);
  return r.rows[0] ?? null;
}

export async function runView(db: DbOrTrx, id: number): Promise<PerfRun | null> {
  return (await sql<PerfRun>`${RUN} where r.id = ${id}`.execute(db)).rows[0] ?? null;
}

export async function createRun(
  db: DbOrTrx,
  a: { month: string; status: PerfRun['status']; kind: PerfRun['kind']; asOf: string; requestedBy?: number | null; approvedBy?: number | null; reason?: string | null; jobRunId?: number | null },
): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into perf_runs (month, version, status, kind, as_of, requested_by, approved_by, reason, job_run_id)
    values (${`${a.month}-01`}::date, (select coalesce(max(version), 0) + 1 from perf_runs where month = ${`${a.month}-01`}::date), ${a.status}, ${a.kind}, ${a.asOf}::date,
            ${a.requestedBy ?? null}, ${a.approvedBy ?? null}, ${a.reason ?? null}, ${a.jobRunId ?? null})
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('perf run not created');
  return id;
}

export async function setRunStatus(
  db: DbOrTrx, id: number, status: PerfRun['status'], extra: { staffCount?: number; approvedBy?: number; asOf?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  await sql`
    update perf_runs set status = ${status},
      staff_count = coalesce(${extra.staffCount ?? null}::int, staff_count),
      approved_by = coalesce(${extra.approvedBy ?? null}::bigint, approved_by),
      as_of = coalesce(${extra.asOf ?? null}::date, as_of),
      detail = detail || ${JSON.stringify(extra.detail ?? {})}::jsonb,
      finished_at = case when ${status} in ('done', 'frozen', 'failed', 'rejected') then now() else finished_at end,
      frozen_at = case when ${status} = 'frozen' then now() else frozen_at end
    where id = ${id}`.execute(db);
}

/** Month-to-date runs replaced by a newer one are dropped (with their values); frozen and superseded runs stay. */
export async function dropOlderOpenRuns(db: DbOrTrx, month: string, keepId: number): Promise<void> {
  await sql`delete from perf_runs where month = ${`${month}-01`}::date and status in ('done', 'failed') and id <> ${keepId}`.execute(db);
}

export async function frozenRun(db: DbOrTrx, month: string): Promise<RunRow | null> {
  const r = await sql<RunRow>`
    select id, to_char(month, 'YYYY-MM') as month, version, status, kind, as_of::text as "asOf", requested_by as "requestedById"
    from perf_runs where month = ${`${month}-01`}::date and status = 'frozen'`.execute(db);
  return r.rows[0] ?? null;
}

export async function openRequest(db: DbOrTrx, month: string): Promise<number | null> {
  return (await sql<{ id: number }>`select id from perf_runs where month = ${`${month}-01`}::date and status in ('requested', 'running')`.execute(db)).rows[0]?.id ?? null;
}

export async function supersedeFrozen(db: DbOrTrx, month: string): Promise<void> {
  await sql`update perf_runs set status = 'superseded' where month = ${`${month}-01`}::date and status = 'frozen'`.execute(db);
}

/** The run the views read for each month: the frozen one, else the latest done one. */
export async function currentRuns(db: DbOrTrx, months: string[]): Promise<Array<{ id: number; month: string; status: string; asOf: string }>> {
  if (months.length === 0) return [];
  const r = await sql<{ id: number; month: string; status: string; asOf: string }>`
    select distinct on (month) id, to_char(month, 'YYYY-MM') as month, status, as_of::text as "asOf" from perf_runs
    where month = any(${months.map((m) => `${m}-01`)}::date[]) and status in ('frozen', 'done')
    order by month, (status = 'frozen') desc, id desc`.execute(db);
  return r.rows;
}

export async function staffMonthScores(db: DbOrTrx, months: string[], staffIds?: number[]): Promise<Array<{ staffId: number; month: string; total: number }>> {
  if (months.length === 0) return [];
  const r = await sql<{ staffId: number; month: string; total: number }>`
    with cur as (
      select distinct on (month) id, month from perf_runs
      where month = any(${months.map((m) => `${m}-01`)}::date[]) and status in ('frozen', 'done')
      order by month, (status = 'frozen') desc, id desc
    )
    select s.staff_id as "staffId", to_char(cur.month, 'YYYY-MM') as month, s.total::float8 as total
    from perf_scores s join cur on cur.id = s.run_id
    where s.staff_id is not null ${staffIds ? sql`and s.staff_id = any(${staffIds}::bigint[])` : sql``}
    order by cur.month, s.staff_id`.execute(db);
  return r.rows;
}
