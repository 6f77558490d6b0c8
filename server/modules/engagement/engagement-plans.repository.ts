// SQL of the contact-plan rules and of the daily task generation: one INSERT … SELECT … ON CONFLICT
// DO NOTHING per rule and customer-id range, so a rerun (or a resumed run) creates nothing twice.
import { sql, type DbOrTrx } from '../../platform/db';
import {
  birthdayWindow, contactPeriod, maturityWindow, monthKey, periodDueOn, riskExpiryWindow, tierChangeSince, addDays, type PlanRuleRow,
} from './engagement.contact-plan';

const ruleCols = sql`code, kind, tier_code as "tierCode", interval_months as "intervalMonths", lead_days as "leadDays", threshold,
  due_days as "dueDays", active, name_zh as "nameZh", name_en as "nameEn"`;

export async function listRules(db: DbOrTrx): Promise<(PlanRuleRow & { updatedAt: Date })[]> {
  const r = await sql<PlanRuleRow & { updatedAt: Date }>`select ${ruleCols}, updated_at as "updatedAt" from contact_plan_rules order by kind <> 'tier', interval_months nulls last, code`.execute(db);
  return r.rows;
}

export async function ruleByCode(db: DbOrTrx, code: string, lock = false): Promise<PlanRuleRow | null> {
  const r = await sql<PlanRuleRow>`select ${ruleCols} from contact_plan_rules where code = ${code} ${lock ? sql`for update` : sql``}`.execute(db);
  return r.rows[0] ?? null;
}

export async function updateRule(trx: DbOrTrx, code: string, r: PlanRuleRow, by: number): Promise<void> {
  await trx
    .updateTable('contact_plan_rules')
    .set({ active: r.active, interval_months: r.intervalMonths, lead_days: r.leadDays, due_days: r.dueDays, threshold: r.threshold, updated_at: sql<Date>`now()`, updated_by: by })
    .where('code', '=', code)
    .execute();
}

export async function insertMissingRules(db: DbOrTrx, rules: readonly PlanRuleRow[]): Promise<void> {
  const tiers = new Set((await db.selectFrom('tiers').select('code').execute()).map((t) => t.code));
  const rows = rules
    .filter((r) => r.tierCode === null || tiers.has(r.tierCode))
    .map((r) => ({
      code: r.code, kind: r.kind, tier_code: r.tierCode, interval_months: r.intervalMonths, lead_days: r.leadDays, threshold: r.threshold,
      due_days: r.dueDays, active: r.active, name_zh: r.nameZh, name_en: r.nameEn,
    }));
  if (rows.length > 0) await db.insertInto('contact_plan_rules').values(rows).onConflict((oc) => oc.column('code').doNothing()).execute();
}

export async function customerIdBounds(db: DbOrTrx): Promise<{ min: number; max: number } | null> {
  const r = await sql<{ min: string | null; max: string | null }>`select min(id) as min, max(id) as max from customers`.execute(db);
  const row = r.rows[0];
  return row?.min ? { min: Number(row.min), max: Number(row.max) } : null;
}

/**
 * The tasks a rule makes due today for customers with ids in [lo, hi), as the columns of
 * engagement_tasks. Only customers with a dedicated RM and not closed get a task.
 */
export function dueTasksSql(rule: PlanRuleRow, today: string, lo: number, hi: number) {
  const base = sql`c.rm_staff_id is not null and c.status <> 'closed' and c.id >= ${lo} and c.id < ${hi}`;
  const src = sql`'contact_plan'::text as source_type, ${rule.code}::text as source_id`;
  switch (rule.kind) {
    case 'tier': {
      const p = contactPeriod(today, rule.intervalMonths ?? 12);
      const due = periodDueOn(today, p, rule.dueDays);
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'contact_plan'::text as kind,
               ${`contact_plan:${rule.code}:${p.key}`}::text as reason_key, ${rule.nameZh}::text as title, ${rule.nameEn}::text as title_en,
               jsonb_build_object('period', ${p.key}::text, 'from', ${p.start}::text, 'to', ${p.end}::text) as detail, ${due}::date as due_on, ${src}
          from customers c
         where ${base} and c.tier_code = ${rule.tierCode}
           and (c.last_contact_at is null or c.last_contact_at < (${p.start}::date)::timestamp at time zone 'Asia/Shanghai')`;
    }
    case 'birthday': {
      const w = JSON.stringify(birthdayWindow(today, rule.leadDays));
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'birthday'::text as kind, 'birthday:' || w.year as reason_key,
               ${rule.nameZh}::text as title, ${rule.nameEn}::text as title_en, jsonb_build_object('birthday', w."on") as detail,
               w."on" as due_on, ${src}
          from customers c
          join jsonb_to_recordset(${w}::jsonb) as w(md text, "on" date, year int) on to_char(c.birth_date, 'MM-DD') = w.md
         where ${base}`;
    }
    case 'maturity': {
      const w = maturityWindow(today, rule.leadDays);
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'maturity'::text as kind,
               'maturity:' || h.matures_on || ':' || h.id as reason_key, ${rule.nameZh} || '：' || h.product_name as title,
               ${rule.nameEn} || ': ' || h.product_name as title_en,
               jsonb_build_object('holdingId', h.id, 'maturesOn', h.matures_on, 'category', h.category) as detail,
               greatest(${today}::date, h.matures_on - ${rule.dueDays}::int) as due_on, ${src}
          from holdings h
          join customers c on c.id = h.customer_id
         where h.matures_on between ${w.from}::date and ${w.to}::date and h.status = 'active'
           and h.category in ('time_deposit', 'wealth') and ${base}`;
    }
    case 'large_outflow':
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'large_outflow'::text as kind,
               ${`large_outflow:${monthKey(today)}`}::text as reason_key, ${rule.nameZh}::text as title, ${rule.nameEn}::text as title_en,
               jsonb_build_object('aum', c.aum::text, 'aumM1', c.aum_m1::text, 'outflow', (c.aum_m1 - c.aum)::text) as detail,
               ${addDays(today, rule.dueDays)}::date as due_on, ${src}
          from customers c
         where ${base} and c.aum_m1 - c.aum >= ${rule.threshold ?? '0'}::numeric`;
    case 'tier_change':
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'tier_change'::text as kind, 'tier_change:' || th.id as reason_key,
               ${rule.nameZh}::text as title, ${rule.nameEn}::text as title_en,
               jsonb_build_object('from', th.from_code, 'to', th.to_code, 'changedOn', th.changed_on, 'reason', th.reason) as detail,
               th.changed_on + ${rule.dueDays}::int as due_on, ${src}
          from tier_history th
          join customers c on c.id = th.customer_id
         where th.changed_on >= ${tierChangeSince(today, rule.leadDays)}::date and th.changed_on <= ${today}::date
           and th.reason in ('upgrade', 'downgrade', 'override') and ${base}`;
    case 'risk_expiring': {
      const w = riskExpiryWindow(today, rule.leadDays);
      return sql`
        select c.id as customer_id, c.branch_id, c.rm_staff_id as staff_id, 'risk_expiring'::text as kind,
               'risk_expiring:' || c.risk_assessed_on as reason_key, ${rule.nameZh}::text as title, ${rule.nameEn}::text as title_en,
               jsonb_build_object('assessedOn', c.risk_assessed_on, 'level', c.risk_level) as detail,
               least(c.risk_assessed_on + 365, ${addDays(today, rule.dueDays)}::date) as due_on, ${src}
          from customers c
         where c.risk_assessed_on between ${w.assessedFrom}::date and ${w.assessedTo}::date and ${base}`;
    }
  }
}

/**
 * Bounds of the reason keys a rule's due tasks can have today, when they share a prefix the
 * planner cannot see (a week of maturity dates): the tasks already there are then one range of
 * the unique index (kind, reason_key, customer_id), read once into a hashed NOT IN, instead of one
 * index probe per due task (the planner, which underestimates the week's maturities tenfold,
 * would choose the probes). A collation that orders these keys otherwise can only let a task
 * through to ON CONFLICT, never make one twice.
 */
function reasonKeyRange(rule: PlanRuleRow, today: string): [string, string] | null {
  if (rule.kind !== 'maturity') return null;
  const w = maturityWindow(today, rule.leadDays);
  // ';' follows ':' in ASCII: every key of the last day sorts below it.
  return [`maturity:${w.from}`, `maturity:${w.to};`];
}

export type Generated = { staffId: number; kind: string; created: number };

/** Inserts a rule's due tasks for one id range; returns the new tasks counted per RM and kind. */
export async function generateRange(trx: DbOrTrx, rule: PlanRuleRow, today: string, lo: number, hi: number): Promise<Generated[]> {
  const keys = reasonKeyRange(rule, today);
  const r = await sql<{ staffId: string; kind: string; created: string }>`
    with ins as (
      insert into engagement_tasks (customer_id, branch_id, staff_id, kind, reason_key, title, title_en, detail, due_on, source_type, source_id)
      select customer_id, branch_id, staff_id, kind, reason_key, title, title_en, detail, due_on, source_type, source_id
        from (${dueTasksSql(rule, today, lo, hi)}) d
       where ${keys
         ? sql`(d.customer_id, d.reason_key) not in (
                 select t.customer_id, t.reason_key from engagement_tasks t where t.kind = ${rule.kind} and t.reason_key between ${keys[0]} and ${keys[1]})`
         : sql`not exists (select 1 from engagement_tasks t where t.customer_id = d.customer_id and t.kind = d.kind and t.reason_key = d.reason_key)`}
      on conflict (customer_id, kind, reason_key) do nothing
      returning staff_id, kind)
    select staff_id as "staffId", kind, count(*) as created from ins group by staff_id, kind`.execute(trx);
  return r.rows.map((x) => ({ staffId: Number(x.staffId), kind: x.kind, created: Number(x.created) }));
}

/** The same due tasks, only selected: the benchmark's baseline. */
export async function countDueRange(db: DbOrTrx, rule: PlanRuleRow, today: string, lo: number, hi: number): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from (${dueTasksSql(rule, today, lo, hi)}) d`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The transaction's commit does not wait for the disk. A crash can then lose a range's new tasks,
 * but always with its checkpoint (the log keeps their order), so the resumed run makes them again;
 * the commits after it (the notifications, the run's end) wait for the disk, and so for everything before them.
 */
export async function commitWithoutWaiting(trx: DbOrTrx): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}

export async function saveCheckpoint(trx: DbOrTrx, runId: number, detail: Record<string, unknown>): Promise<void> {
  await sql`update job_runs set detail = detail || ${JSON.stringify(detail)}::jsonb where id = ${runId}`.execute(trx);
}

export async function runningRunId(db: DbOrTrx, job: string): Promise<number | null> {
  const r = await db.selectFrom('job_runs').select('id').where('job', '=', job).where('status', '=', 'running').orderBy('id', 'desc').executeTakeFirst();
  return r?.id ?? null;
}

/** Where the last unfinished run of the same day stopped (rule index and next id), if any. */
export async function lastCheckpoint(db: DbOrTrx, job: string, beforeId: number): Promise<Record<string, unknown> | null> {
  const r = await db.selectFrom('job_runs').select(['detail', 'status']).where('job', '=', job).where('id', '<', beforeId).orderBy('id', 'desc').executeTakeFirst();
  return r && r.status === 'failed' ? r.detail : null;
}
