// All SQL of tiers: the ladder, its settings, the set-based evaluation and manual overrides.
import { sql, scopeSql, type Db, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { Tier, TierBasis, TierChangeReason, TierHistoryEntry, TierSettings } from '../../../contracts/tiers';

export const TIER_JOB = 'tiers';

// ---- the ladder ------------------------------------------------------------------------------

export type TierRow = Tier;

export async function listTiers(db: DbOrTrx): Promise<TierRow[]> {
  return db
    .selectFrom('tiers')
    .select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'rank', 'min_aum as minAum', 'color'])
    .orderBy('rank')
    .execute();
}

/** The ladder, locked: two head-office edits of the ladder queue instead of interleaving. */
export async function lockLadder(trx: DbOrTrx): Promise<TierRow[]> {
  await sql`lock table tiers in share row exclusive mode`.execute(trx);
  return listTiers(trx);
}

/** Customers holding each of these tiers, as their tier or as a manual override. */
export async function customersOnTiers(db: DbOrTrx, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const r = await sql<{ code: string; n: number }>`
    select t.code, (select count(*) from customers c where c.tier_code = t.code or c.override_tier_code = t.code)::int as n
    from unnest(${codes}::text[]) as t(code)`.execute(db);
  return new Map(r.rows.map((x) => [x.code, Number(x.n)]));
}

export type LadderWrite = { code: string; nameZh: string; nameEn: string; minAum: string; color: string };

/** Replaces the ladder: removed codes go, the rest take their new rank (= position in the list). */
export async function replaceLadder(trx: DbOrTrx, tiers: readonly LadderWrite[], removed: readonly string[]): Promise<void> {
  if (removed.length > 0) await trx.deleteFrom('tiers').where('code', 'in', [...removed]).execute();
  // Ranks are unique: park the survivors out of the way before they take their new places.
  await sql`update tiers set rank = -1000 - rank`.execute(trx);
  await trx
    .insertInto('tiers')
    .values(tiers.map((t, i) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, rank: i, min_aum: t.minAum, color: t.color })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        rank: eb.ref('excluded.rank'),
        min_aum: eb.ref('excluded.min_aum'),
        color: eb.ref('excluded.color'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** First start only: a ladder head office has edited (or emptied of a tier) is left alone. */
export async function insertDefaultLadder(db: DbOrTrx, tiers: readonly (LadderWrite & { rank: number })[]): Promise<void> {
  const rows = tiers.map((t) => sql`(${t.code}, ${t.nameZh}, ${t.nameEn}, ${t.rank}::int, ${t.minAum}::numeric, ${t.color})`);
  await sql`
    insert into tiers (code, name_zh, name_en, rank, min_aum, color)
    select * from (values ${sql.join(rows)}) as v(code, name_zh, name_en, rank, min_aum, color)
    where not exists (select 1 from tiers)
    on conflict do nothing`.execute(db);
  await db.insertInto('tier_settings').values({ id: 1 }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

// ---- settings --------------------------------------------------------------------------------

export async function getSettings(db: DbOrTrx): Promise<TierSettings> {
  const r = await db
    .selectFrom('tier_settings as s')
    .leftJoin('staff as u', 'u.id', 's.updated_by')
    .select(['s.basis', 's.downgrade_grace_months as downgradeGraceMonths', 's.updated_at as updatedAt', 'u.name as updatedByName'])
    .where('s.id', '=', 1)
    .executeTakeFirst();
  if (!r) return { basis: 'max_m1_m3', downgradeGraceMonths: 3, updatedAt: null, updatedByName: null };
  return { basis: r.basis as TierBasis, downgradeGraceMonths: r.downgradeGraceMonths, updatedAt: r.updatedAt.toISOString(), updatedByName: r.updatedByName };
}

export async function saveSettings(trx: DbOrTrx, s: { basis: TierBasis; graceMonths: number; staffId: number }): Promise<void> {
  await trx
    .insertInto('tier_settings')
    .values({ id: 1, basis: s.basis, downgrade_grace_months: s.graceMonths, updated_by: s.staffId })
    .onConflict((oc) => oc.column('id').doUpdateSet({ basis: s.basis, downgrade_grace_months: s.graceMonths, updated_by: s.staffId, updated_at: sql<Date>`now()` }))
    .execute();
}

// ---- the evaluation --------------------------------------------------------------------------

// A column expression per basis, so the planner sees plain columns (no per-row function calls).
const BASIS_SQL: Record<TierBasis, ReturnType<typeof sql.raw>> = {
  m1: sql.raw('c.aum_m1'),
  m3: sql.raw('c.aum_m3'),
  m6: sql.raw('c.aum_m6'),
  max_m1_m3: sql.raw('greatest(c.aum_m1, c.aum_m3)'),
};

export async function customerIdRange(db: DbOrTrx): Promise<{ minId: number; maxId: number; total: number }> {
  const r = await sql<{ min_id: number | null; max_id: number | null; total: number }>`
    select min(id) as min_id, max(id) as max_id, count(*)::int as total from customers where status <> 'closed'`.execute(db);
  const row = r.rows[0];
  return { minId: Number(row.min_id ?? 0), maxId: Number(row.max_id ?? -1), total: Number(row.total) };
}

export type BatchCounts = { evaluated: number; upgraded: number; downgraded: number; overridesExpired: number; overridesApplied: number; monthsBelowCounted: number };

/**
 * Evaluates the customers with ids in [lo, hi] in one statement, the SQL twin of
 * tiering.evaluateCustomer: compute each target, update the rows that change, and write their
 * tier_history and timeline rows from the UPDATE's RETURNING. Rows changed by someone else since
 * the statement's snapshot are skipped (the next run sees them).
 */
export async function evaluateBatch(
  trx: DbOrTrx,
  p: { lo: number; hi: number; month: string; asOf: string; runId: number; basis: TierBasis; graceMonths: number },
): Promise<BatchCounts> {
  // The planner cannot size the CTEs; JIT compiling for its imagined millions of rows cost seconds.
  await sql`set local jit = off`.execute(trx);
  const r = await sql<BatchCounts>`
    with ladder as (
      select code, rank, min_aum, name_zh, name_en,
             lag(code) over w as lower_code,
             lead(min_aum) over w as next_min,
             rank = min(rank) over () as is_lowest
      from tiers window w as (order by rank)
    ),
    base as (
      select c.id, c.tier_code, c.months_below, c.below_counted_for, c.override_tier_code, c.override_until,
             cur.rank as cur_rank, cur.min_aum as cur_min, cur.lower_code,
             ${BASIS_SQL[p.basis]} as basis
      from customers c
      join ladder cur on cur.code = c.tier_code
      where c.id between ${p.lo}::bigint and ${p.hi}::bigint and c.status <> 'closed'
    ),
    judged as (
      select b.*, q.code as q_code, q.rank as q_rank, q.min_aum as q_min,
             (b.override_tier_code is not null and (b.override_until is null or b.override_until >= ${p.asOf}::date)) as ov_valid,
             (b.override_tier_code is not null and b.override_until < ${p.asOf}::date) as ov_expired,
             (b.below_counted_for is null or b.below_counted_for < ${p.month}::date) as may_count
      from base b
      join ladder q on (q.is_lowest or b.basis >= q.min_aum) and (q.next_min is null or b.basis < q.next_min)
    ),
    decided as (
      select j.*,
             (not j.ov_valid and not j.ov_expired and j.q_rank < j.cur_rank and j.may_count) as counts,
             (not j.ov_valid and not j.ov_expired and j.q_rank < j.cur_rank and j.may_count
               and j.months_below + 1 >= ${p.graceMonths}::int and j.lower_code is not null) as goes_down
      from judged j
    ),
    target as (
      select d.*,
             case when d.ov_valid then d.override_tier_code
                  when d.ov_expired then d.q_code
                  when d.q_rank > d.cur_rank then d.q_code
                  when d.goes_down then d.lower_code
                  else d.tier_code end as new_code,
             case when d.ov_valid or d.ov_expired or d.q_rank >= d.cur_rank or d.goes_down then 0
                  when d.counts then d.months_below + 1
                  else d.months_below end as new_mb,
             case when d.counts then ${p.month}::date else d.below_counted_for end as new_counted,
             case when d.ov_valid and d.override_tier_code <> d.tier_code then 'override'
                  when d.ov_expired then 'override_expired'
                  when not d.ov_valid and d.q_rank > d.cur_rank then 'upgrade'
                  when d.goes_down then 'downgrade' end as reason,
             case when d.goes_down then d.cur_min
                  when d.ov_valid then null
                  else d.q_min end as threshold
      from decided d
    ),
    upd as (
      update customers c set
        tier_code = t.new_code,
        tier_since = case when t.new_code <> t.tier_code then ${p.asOf}::date else c.tier_since end,
        months_below = t.new_mb,
        below_counted_for = t.new_counted,
        override_tier_code = case when t.ov_expired then null else c.override_tier_code end,
        override_until = case when t.ov_expired then null else c.override_until end,
        override_reason = case when t.ov_expired then null else c.override_reason end,
        override_approved_by = case when t.ov_expired then null else c.override_approved_by end,
        updated_at = now()
      from target t
      where c.id = t.id and c.id between ${p.lo}::bigint and ${p.hi}::bigint
        and (t.reason is not null or t.new_mb <> t.months_below or t.new_counted is distinct from t.below_counted_for)
        and c.tier_code = t.tier_code and c.months_below = t.months_below
        and c.override_tier_code is not distinct from t.override_tier_code and c.override_until is not distinct from t.override_until
      returning c.id, t.tier_code as from_code, t.new_code as to_code, t.reason, t.basis, t.threshold, t.counts
    ),
    hist as (
      insert into tier_history (customer_id, from_code, to_code, changed_on, reason, basis_aum, threshold, run_id)
      select u.id, u.from_code, u.to_code, ${p.asOf}::date, u.reason, u.basis, u.threshold, ${p.runId}::bigint
      from upd u where u.reason is not null
      returning id, customer_id, from_code, to_code, reason, basis_aum, threshold
    ),
    ev as (
      insert into customer_events (customer_id, kind, title, detail, ref_type, ref_id)
      select h.customer_id, 'tier_change',
             ${TITLE_SQL},
             jsonb_build_object('from', h.from_code, 'to', h.to_code, 'reason', h.reason, 'basisAum', h.basis_aum::text,
                                'threshold', h.threshold::text, 'runId', ${p.runId}::bigint),
             'tier_history', h.id::text
      from hist h left join tiers f on f.code = h.from_code left join tiers tt on tt.code = h.to_code
      returning 1
    )
    select (select count(*) from target)::int as "evaluated",
           (select count(*) from hist where reason = 'upgrade')::int as "upgraded",
           (select count(*) from hist where reason = 'downgrade')::int as "downgraded",
           (select count(*) from hist where reason = 'override_expired')::int as "overridesExpired",
           (select count(*) from hist where reason = 'override')::int as "overridesApplied",
           (select count(*) from upd where counts)::int as "monthsBelowCounted",
           (select count(*) from ev)::int as "events"`.execute(trx);
  const row = r.rows[0];
  return {
    evaluated: Number(row.evaluated), upgraded: Number(row.upgraded), downgraded: Number(row.downgraded),
    overridesExpired: Number(row.overridesExpired), overridesApplied: Number(row.overridesApplied), monthsBelowCounted: Number(row.monthsBelowCounted),
  };
}

// Timeline title from the history row h, the old tier f and the new tier tt.
const TITLE_SQL = sql`
  case h.reason when 'upgrade' then '升级 Upgrade' when 'downgrade' then '降级 Downgrade'
                when 'override' then '人工调级 Manual tier' when 'override_expired' then '人工调级结束 Override ended'
                else '等级变动 Tier change' end
  || '：' || coalesce(f.name_zh, h.from_code, '—') || ' → ' || coalesce(tt.name_zh, h.to_code)
  || ' (' || coalesce(f.name_en, h.from_code, '—') || ' → ' || coalesce(tt.name_en, h.to_code) || ')'`;

// ---- the run record (job_runs) ---------------------------------------------------------------

export type RunRecord = { id: number; status: string; detail: Record<string, unknown> };

/** The run holding the lease of the job now (the scheduler took it just before calling us). */
export async function runningRunId(db: DbOrTrx): Promise<number | null> {
  const r = await db.selectFrom('job_runs').select('id').where('job', '=', TIER_JOB).where('status', '=', 'running').orderBy('id', 'desc').executeTakeFirst();
  return r?.id ?? null;
}

export async function previousRun(db: DbOrTrx, beforeId: number): Promise<RunRecord | null> {
  const r = await db.selectFrom('job_runs').select(['id', 'status', 'detail']).where('job', '=', TIER_JOB).where('id', '<', beforeId).orderBy('id', 'desc').executeTakeFirst();
  return r ?? null;
}

/** Runs since the last finished one that died before telling the RMs about their changes. */
export async function unnotifiedRuns(db: DbOrTrx, beforeId: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    select id from job_runs
    where job = ${TIER_JOB} and status = 'failed' and id < ${beforeId}
      and id > coalesce((select max(id) from job_runs where job = ${TIER_JOB} and status = 'done'), 0)
      and coalesce(detail->>'notified', 'false') <> 'true'`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** The checkpoint commits with the batch it describes. */
export async function saveCheckpoint(trx: DbOrTrx, runId: number, detail: Record<string, unknown>): Promise<void> {
  await sql`update job_runs set detail = detail || ${JSON.stringify(detail)}::jsonb where id = ${runId}`.execute(trx);
}

export type RmChange = { customerId: number; customerNo: string; name: string; fromCode: string | null; toCode: string; reason: TierChangeReason; up: boolean };
export type RmChanges = { rmStaffId: number; upgraded: number; downgraded: number; items: RmChange[] };

/** The tier changes of these runs grouped by the customers' dedicated RM (a few examples each). */
export async function changesByRm(db: DbOrTrx, runIds: number[], examples: number): Promise<RmChanges[]> {
  if (runIds.length === 0) return [];
  const r = await sql<{ rm_staff_id: number; upgraded: number; downgraded: number; items: RmChange[] | null }>`
    with ch as (
      select c.rm_staff_id, c.id, c.customer_no, c.name, h.from_code, h.to_code, h.reason,
             coalesce(tt.rank, 0) > coalesce(f.rank, -1) as up,
             row_number() over (partition by c.rm_staff_id order by h.id) as n
      from tier_history h
      join customers c on c.id = h.customer_id
      left join tiers f on f.code = h.from_code
      left join tiers tt on tt.code = h.to_code
      where h.run_id = any(${runIds}::bigint[]) and h.from_code is distinct from h.to_code and c.rm_staff_id is not null
    )
    select rm_staff_id, count(*) filter (where up)::int as upgraded, count(*) filter (where not up)::int as downgraded,
           json_agg(json_build_object('customerId', id, 'customerNo', customer_no, 'name', name, 'fromCode', from_code,
                                      'toCode', to_code, 'reason', reason, 'up', up) order by n) filter (where n <= ${examples}) as items
    from ch group by rm_staff_id order by rm_staff_id`.execute(db);
  return r.rows.map((x) => ({ rmStaffId: Number(x.rm_staff_id), upgraded: Number(x.upgraded), downgraded: Number(x.downgraded), items: x.items ?? [] }));
}

// ---- one customer: overrides and history -------------------------------------------------------

export type CustomerTierRow = {
  id: number;
  customerNo: string;
  name: string;
  branchId: number;
  rmStaffId: number | null;
  status: string;
  tierCode: string;
  tierSince: string | null;
  monthsBelow: number;
  overrideTierCode: string | null;
  overrideUntil: string | null;
  overrideReason: string | null;
  overrideApprovedByName: string | null;
  aumM1: string;
  aumM3: string;
  aumM6: string;
};

/** A customer inside the caller's scope (branch, or own book through the dedicated RM), or null. */
export async function customerInScope(db: DbOrTrx, scope: DataScope, id: number, forUpdate = false): Promise<CustomerTierRow | null> {
  let q = db
    .selectFrom('customers as c')
    .leftJoin('staff as a', 'a.id', 'c.override_approved_by')
    .select([
      'c.id', 'c.customer_no as customerNo', 'c.name', 'c.branch_id as branchId', 'c.rm_staff_id as rmStaffId', 'c.status',
      'c.tier_code as tierCode', 'c.tier_since as tierSince', 'c.months_below as monthsBelow',
      'c.override_tier_code as overrideTierCode', 'c.override_until as overrideUntil', 'c.override_reason as overrideReason',
      'a.name as overrideApprovedByName', 'c.aum_m1 as aumM1', 'c.aum_m3 as aumM3', 'c.aum_m6 as aumM6',
    ])
    .where('c.id', '=', id)
    .where(scopeSql(scope, { branch: 'c.branch_id', owner: 'c.rm_staff_id' }));
  if (forUpdate) q = q.forUpdate('c');
  return (await q.executeTakeFirst()) ?? null;
}

export async function setCustomerTier(
  trx: DbOrTrx,
  id: number,
  s: { tierCode: string; tierSince: string | null; override: { tierCode: string; until: string; reason: string; approvedBy: number } | null },
): Promise<void> {
  await trx
    .updateTable('customers')
    .set({
      tier_code: s.tierCode,
      tier_since: s.tierSince,
      months_below: 0,
      override_tier_code: s.override?.tierCode ?? null,
      override_until: s.override?.until ?? null,
      override_reason: s.override?.reason ?? null,
      override_approved_by: s.override?.approvedBy ?? null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertHistory(
  trx: DbOrTrx,
  h: { customerId: number; fromCode: string | null; toCode: string; changedOn: string; reason: TierChangeReason; basisAum: string | null; threshold: string | null; changedBy: number | null; note: string | null },
): Promise<number> {
  const r = await trx
    .insertInto('tier_history')
    .values({
      customer_id: h.customerId, from_code: h.fromCode, to_code: h.toCode, changed_on: h.changedOn, reason: h.reason,
      basis_aum: h.basisAum, threshold: h.threshold, changed_by: h.changedBy, note: h.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertTierEvent(trx: DbOrTrx, e: { customerId: number; historyId: number; title: string; staffId: number | null; detail: Record<string, unknown> }): Promise<void> {
  await trx
    .insertInto('customer_events')
    .values({ customer_id: e.customerId, kind: 'tier_change', title: e.title, detail: JSON.stringify(e.detail), staff_id: e.staffId, ref_type: 'tier_history', ref_id: String(e.historyId) })
    .execute();
}

export async function tierHistory(db: DbOrTrx, customerId: number, limit = 100): Promise<TierHistoryEntry[]> {
  const rows = await db
    .selectFrom('tier_history as h')
    .leftJoin('staff as s', 's.id', 'h.changed_by')
    .select([
      'h.id', 'h.from_code as fromCode', 'h.to_code as toCode', 'h.changed_on as changedOn', 'h.reason', 'h.basis_aum as basisAum',
      'h.threshold', 'h.run_id as runId', 's.name as changedByName', 'h.note',
    ])
    .where('h.customer_id', '=', customerId)
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, reason: r.reason as TierChangeReason }));
}

export async function staffName(db: Db, staffId: number): Promise<string | null> {
  const r = await db.selectFrom('staff').select('name').where('id', '=', staffId).executeTakeFirst();
  return r?.name ?? null;
}
