// SQL of the complaint reports and of the reminder job: every figure is one aggregate over the
// complaints in the caller's scope; the job inserts the reminders due in one statement.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';

export type ReportFilter = { scope: DataScope; from: string; to: string; branchId?: number };

function base(f: ReportFilter) {
  return sql`
    select c.* from complaints c
    where c.accepted_on between ${f.from}::date and ${f.to}::date
      and ${scopeSql(f.scope, { branch: 'c.branch_id' })}
      ${f.branchId ? sql`and c.branch_id = ${f.branchId}` : sql``}`;
}

export type Volume = { key: string; label: string; count: number };

export async function volumes(db: DbOrTrx, f: ReportFilter): Promise<Record<'byCategory' | 'byChannel' | 'byBranch' | 'byStaff' | 'byMonth', Volume[]>> {
  const b = base(f);
  const [cat, ch, br, st, mo] = await Promise.all([
    sql<Volume>`with k as (${b}) select category as key, category as label, count(*)::int as count from k group by category order by count desc, key`.execute(db),
    sql<Volume>`with k as (${b}) select channel as key, channel as label, count(*)::int as count from k group by channel order by count desc, key`.execute(db),
    sql<Volume>`with k as (${b}) select k.branch_id::text as key, bb.name as label, count(*)::int as count from k join branches bb on bb.id = k.branch_id
      group by k.branch_id, bb.name order by count desc, key`.execute(db),
    sql<Volume>`with k as (${b}) select s.id::text as key, s.name as label, count(*)::int as count
      from k cross join lateral unnest(k.about_staff_ids) as a(staff_id) join staff s on s.id = a.staff_id
      group by s.id, s.name order by count desc, key limit 50`.execute(db),
    sql<Volume>`with k as (${b}) select to_char(accepted_on, 'YYYY-MM') as key, to_char(accepted_on, 'YYYY-MM') as label, count(*)::int as count
      from k group by 1 order by 1`.execute(db),
  ]);
  return { byCategory: cat.rows, byChannel: ch.rows, byBranch: br.rows, byStaff: st.rows, byMonth: mo.rows };
}

export type Handling = { total: number; decided: number; meanDays: number | null; p90Days: number | null; onTime: number; everDecided: number; reopened: number; overdueOpen: number };

/**
 * Handling time is calendar days from acceptance to the decision told; on time means told by the
 * deadline in force; a reopened complaint is one the customer disputed at least once.
 */
export async function handling(db: DbOrTrx, f: ReportFilter, today: string): Promise<Handling> {
  const r = await sql<Handling>`
    with k as (${base(f)})
    select count(*)::int as total,
           count(*) filter (where decided_on is not null)::int as decided,
           (avg(decided_on - accepted_on) filter (where decided_on is not null))::float8 as "meanDays",
           (percentile_cont(0.9) within group (order by (decided_on - accepted_on)::float8) filter (where decided_on is not null))::float8 as "p90Days",
           count(*) filter (where decided_on is not null and decided_on <= due_on)::int as "onTime",
           count(*) filter (where decided_on is not null or reopened_count > 0)::int as "everDecided",
           count(*) filter (where reopened_count > 0)::int as reopened,
           count(*) filter (where status in ('accepted', 'assigned', 'investigating', 'proposed') and due_on < ${today}::date)::int as "overdueOpen"
    from k`.execute(db);
  return r.rows[0]!;
}

export async function repeatedCauses(db: DbOrTrx, f: ReportFilter, today: string): Promise<{ rootCause: string; branchId: number; branchName: string; count: number; openActions: number }[]> {
  const r = await sql<{ rootCause: string; branchId: number; branchName: string; count: number; openActions: number }>`
    with k as (${base(f)})
    select k.root_cause as "rootCause", k.branch_id as "branchId", bb.name as "branchName", count(*)::int as count,
           count(*) filter (where k.corrective_due_on >= ${today}::date)::int as "openActions"
    from k join branches bb on bb.id = k.branch_id
    where k.status = 'closed' and k.root_cause is not null
    group by k.root_cause, k.branch_id, bb.name having count(*) >= 2
    order by count desc, "rootCause", "branchId" limit 100`.execute(db);
  return r.rows;
}

export type RegulatoryRow = {
  id: number; acceptedOn: string; branchName: string; channel: string; complainantType: string; category: string; businessLine: string;
  amountInDispute: string | null; status: string; dueOn: string; decidedOn: string | null; extensionLevel: number; reopenedCount: number; rootCause: string | null;
  customerFullName: string | null; contactName: string | null;
};

export async function regulatoryRows(db: DbOrTrx, f: ReportFilter): Promise<RegulatoryRow[]> {
  const r = await sql<RegulatoryRow>`
    with k as (${base(f)})
    select k.id, k.accepted_on as "acceptedOn", bb.name as "branchName", k.channel, k.complainant_type as "complainantType", k.category,
           k.business_line as "businessLine", k.amount_in_dispute as "amountInDispute", k.status, k.due_on as "dueOn", k.decided_on as "decidedOn",
           k.extension_level as "extensionLevel", k.reopened_count as "reopenedCount", k.root_cause as "rootCause",
           cu.name as "customerFullName", k.contact_name as "contactName"
    from k join branches bb on bb.id = k.branch_id left join customers cu on cu.id = k.customer_id
    order by k.accepted_on, k.id`.execute(db);
  return r.rows;
}

/** Sum of the amounts in dispute, in SQL (never a float in JS). */
export async function amountInDispute(db: DbOrTrx, f: ReportFilter): Promise<string> {
  const r = await sql<{ total: string }>`with k as (${base(f)}) select coalesce(sum(amount_in_dispute), 0)::numeric(20,2)::text as total from k`.execute(db);
  return r.rows[0]?.total ?? '0.00';
}

// ---- reminders (the job) --------------------------------------------------------------------------

export type ReminderDue = {
  complaintId: number; milestone: '50' | '80' | 'overdue'; dueOn: string; branchId: number; handlerStaffId: number | null; acceptedOn: string;
};

/**
 * Records every reminder that is due and not sent yet, in one statement, and returns the new ones.
 * A decided complaint was told in time or not: it gets no more reminders. The milestone day is the
 * first day at or past 50% / 80% of the time (complaints.rules.milestoneDay).
 */
export async function insertDueReminders(db: DbOrTrx, today: string): Promise<ReminderDue[]> {
  const r = await sql<ReminderDue>`
    with due as (
      insert into complaint_reminders (complaint_id, milestone, due_on)
      select c.id, m.milestone, c.due_on
      from complaints c
      cross join (values ('50'::text, 0.5::float8), ('80'::text, 0.8::float8), ('overdue'::text, null::float8)) as m(milestone, share)
      where c.status in ('accepted', 'assigned', 'investigating', 'proposed') and c.decided_on is null
        and case when m.share is null then ${today}::date > c.due_on
                 else ${today}::date >= c.accepted_on + ceil((c.due_on - c.accepted_on) * m.share)::int end
      on conflict do nothing
      returning complaint_id, milestone, due_on
    )
    select d.complaint_id as "complaintId", d.milestone, d.due_on as "dueOn", c.branch_id as "branchId", c.handler_staff_id as "handlerStaffId",
           c.accepted_on as "acceptedOn"
    from due d join complaints c on c.id = d.complaint_id
    order by d.complaint_id, d.milestone`.execute(db);
  return r.rows;
}
