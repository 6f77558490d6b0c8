// SQL of customer segments and campaigns: a segment is one WHERE clause over customers, counted
// live and turned into campaign members (and tasks) set-based.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { SegmentFilters } from '../../../contracts/growth';
import type { SegmentSpec } from './growth.rules';
import { customerScope } from './growth-scope.repository';

/** The segment over customers (alias `c`): active, consenting to the channel, inside the caller's scope. */
export function segmentWhere(spec: SegmentSpec, scope: DataScope) {
  const parts = [sql`c.status = 'active'`, sql`${sql.ref(`c.${spec.consentColumn}`)} = true`, customerScope(scope)];
  if (spec.tierCodes.length) parts.push(sql`c.tier_code in (${sql.join(spec.tierCodes)})`);
  if (spec.aumMin !== null) parts.push(sql`c.aum >= ${spec.aumMin}::numeric`);
  if (spec.aumMax !== null) parts.push(sql`c.aum <= ${spec.aumMax}::numeric`);
  for (const cat of spec.held) parts.push(sql`exists (select 1 from holdings h where h.customer_id = c.id and h.status = 'active' and h.category = ${cat})`);
  if (spec.notHeld.length) parts.push(sql`not exists (select 1 from holdings h where h.customer_id = c.id and h.status = 'active' and h.category in (${sql.join(spec.notHeld)}))`);
  if (spec.riskLevels.length) parts.push(sql`c.risk_level in (${sql.join(spec.riskLevels)})`);
  if (spec.bornOnOrBefore !== null) parts.push(sql`c.birth_date <= ${spec.bornOnOrBefore}::date`);
  if (spec.bornAfter !== null) parts.push(sql`c.birth_date > ${spec.bornAfter}::date`);
  if (spec.branchIds.length) parts.push(sql`c.branch_id in (${sql.join(spec.branchIds)})`);
  if (spec.lastContactBefore !== null) parts.push(sql`(c.last_contact_at is null or c.last_contact_at < ${spec.lastContactBefore}::timestamptz)`);
  return sql.join(parts, sql` and `);
}

export async function countSegment(db: DbOrTrx, spec: SegmentSpec, scope: DataScope): Promise<{ count: number; rms: number; withoutRm: number }> {
  const res = await sql<{ count: number; rms: number; withoutRm: number }>`
    select count(*)::int as count, count(distinct c.rm_staff_id)::int as rms, (count(*) filter (where c.rm_staff_id is null))::int as "withoutRm"
      from customers c where ${segmentWhere(spec, scope)}`.execute(db);
  return res.rows[0] ?? { count: 0, rms: 0, withoutRm: 0 };
}

export async function insertCampaign(db: DbOrTrx, c: { branchId: number; name: string; description: string; filters: SegmentFilters; dueOn: string; createdBy: number }): Promise<number> {
  const row = await db
    .insertInto('growth_campaigns')
    .values({ branch_id: c.branchId, name: c.name, description: c.description, filters: JSON.stringify(c.filters), due_on: c.dueOn, created_by: c.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export type CampaignRow = {
  id: number;
  branchId: number;
  branchName: string;
  branchPath: string;
  name: string;
  description: string;
  filters: SegmentFilters;
  status: 'draft' | 'launched' | 'closed';
  dueOn: string;
  createdByName: string;
  createdAt: Date;
  launchedAt: Date | null;
  memberCount: number;
  tasks: number;
  contacted: number;
  sold: number;
  amount: string;
};

/** Results: tasks done are contacts made; holdings opened by members since launch are sales. */
const campaignSelect = sql`
  select g.id, g.branch_id as "branchId", b.name as "branchName", b.path as "branchPath", g.name, g.description, g.filters, g.status,
         to_char(g.due_on, 'YYYY-MM-DD') as "dueOn", s.name as "createdByName", g.created_at as "createdAt", g.launched_at as "launchedAt",
         g.member_count as "memberCount", coalesce(t.tasks, 0)::int as tasks, coalesce(t.contacted, 0)::int as contacted,
         coalesce(h.sold, 0)::int as sold, coalesce(h.amount, 0)::numeric(20,2)::text as amount
    from growth_campaigns g
    join branches b on b.id = g.branch_id
    join staff s on s.id = g.created_by
    left join lateral (
      select count(*) as tasks, count(*) filter (where et.status = 'done') as contacted
        from engagement_tasks et where et.source_type = 'campaign' and et.source_id = g.id::text
    ) t on true
    left join lateral (
      select count(distinct ho.customer_id) as sold, sum(ho.balance) as amount
        from growth_campaign_members m join holdings ho on ho.customer_id = m.customer_id
       where m.campaign_id = g.id and g.launched_at is not null
         and ho.opened_on >= (g.launched_at at time zone 'Asia/Shanghai')::date
    ) h on true`;

export async function listCampaigns(db: DbOrTrx, scope: DataScope): Promise<CampaignRow[]> {
  const res = await sql<CampaignRow>`${campaignSelect} where ${scopeSql(scope, { branch: 'g.branch_id' })} order by g.created_at desc, g.id desc limit 200`.execute(db);
  return res.rows.map((r) => ({ ...r, id: Number(r.id), branchId: Number(r.branchId) }));
}

export async function getCampaign(db: DbOrTrx, scope: DataScope, id: number): Promise<CampaignRow | null> {
  const res = await sql<CampaignRow>`${campaignSelect} where g.id = ${id} and ${scopeSql(scope, { branch: 'g.branch_id' })}`.execute(db);
  const r = res.rows[0];
  return r ? { ...r, id: Number(r.id), branchId: Number(r.branchId) } : null;
}

/** Locks the campaign row so that two launches at once run one after the other. */
export async function lockCampaign(db: DbOrTrx, id: number): Promise<{ status: string } | null> {
  const res = await sql<{ status: string }>`select status from growth_campaigns where id = ${id} for update`.execute(db);
  return res.rows[0] ?? null;
}

/** The segment's customers become members at once; returns the new members and their RMs. */
export async function insertMembers(db: DbOrTrx, campaignId: number, spec: SegmentSpec, scope: DataScope): Promise<{ customerId: number; staffId: number | null }[]> {
  const res = await sql<{ customerId: number; staffId: number | null }>`
    insert into growth_campaign_members (campaign_id, customer_id, staff_id)
    select ${campaignId}, c.id, c.rm_staff_id from customers c where ${segmentWhere(spec, scope)}
    on conflict do nothing
    returning customer_id as "customerId", staff_id as "staffId"`.execute(db);
  return res.rows.map((r) => ({ customerId: Number(r.customerId), staffId: r.staffId === null ? null : Number(r.staffId) }));
}

export async function markLaunched(db: DbOrTrx, id: number, by: number, members: number): Promise<void> {
  await sql`update growth_campaigns set status = 'launched', launched_at = now(), launched_by = ${by}, member_count = ${members} where id = ${id}`.execute(db);
}
