// SQL of prospects and the opportunity pipeline. Prospective premium customers are computed: below
// the premium tier, with AUM near its threshold, a large inflow, or assets at other banks noted.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { PipelineStage, ProspectSignal } from '../../../contracts/growth';
import { customerCovered, customerScope } from './growth-scope.repository';

export type ProspectRow = {
  customerId: number; customerNo: string; fullName: string; tierCode: string; branchName: string; rmName: string | null;
  aum: string; inflow: string; threshold: string; balancesVisible: boolean; near: boolean; largeInflow: boolean; external: boolean;
};

export async function prospectCustomers(
  db: DbOrTrx, scope: DataScope, reveal: DataScope | null, o: { nearShare: number; inflowShare: number; signal?: ProspectSignal; page: number; pageSize: number },
): Promise<{ items: ProspectRow[]; total: number }> {
  // The lowest tier is the mass tier; the next one up is the premium gate.
  const base = sql`
    with gate as (
      select t.min_aum from tiers t where t.rank = (select min(rank) from tiers where rank > (select min(rank) from tiers))
    ), scored as (
      select c.id, c.customer_no, c.name, c.tier_code, c.branch_id, c.rm_staff_id, c.aum, c.aum - c.aum_m1 as inflow, g.min_aum as threshold,
             ${customerCovered(reveal)} as visible,
             c.aum >= g.min_aum * ${o.nearShare}::numeric as near,
             c.aum - c.aum_m1 >= g.min_aum * ${o.inflowShare}::numeric as large_inflow,
             exists (select 1 from customer_needs n where n.customer_id = c.id and n.met = false and n.description like '%他行%') as external
        from customers c
        join tiers t on t.code = c.tier_code
        cross join gate g
       where t.rank = (select min(rank) from tiers) and c.status = 'active' and ${customerScope(scope)}
    ), hits as (
      select * from scored s
       where ${o.signal === 'near_threshold' ? sql`s.near` : o.signal === 'large_inflow' ? sql`s.large_inflow` : o.signal === 'external_assets' ? sql`s.external` : sql`(s.near or s.large_inflow or s.external)`}
    )`;
  const [items, total] = await Promise.all([
    sql<ProspectRow>`${base}
      select h.id as "customerId", h.customer_no as "customerNo", h.name as "fullName", h.tier_code as "tierCode", b.name as "branchName", rm.name as "rmName",
             h.aum::text as aum, h.inflow::text as inflow, h.threshold::text as threshold, h.visible as "balancesVisible",
             h.near, h.large_inflow as "largeInflow", h.external
        from hits h join branches b on b.id = h.branch_id left join staff rm on rm.id = h.rm_staff_id
       order by h.aum desc, h.id
       limit ${o.pageSize} offset ${(o.page - 1) * o.pageSize}`.execute(db),
    sql<{ n: number }>`${base} select count(*)::int as n from hits`.execute(db),
  ]);
  return { items: items.rows.map((r) => ({ ...r, customerId: Number(r.customerId) })), total: total.rows[0]?.n ?? 0 };
}

// ---- prospects who are not customers ----------------------------------------------------------

export async function insertProspect(db: DbOrTrx, p: { branchId: number; staffId: number; name: string; mobile: string | null; source: string; estimatedAssets: string | null; notes: string }): Promise<number> {
  const row = await db
    .insertInto('growth_prospects')
    .values({ branch_id: p.branchId, staff_id: p.staffId, name: p.name, mobile: p.mobile, source: p.source, estimated_assets: p.estimatedAssets, notes: p.notes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Own: the prospects the caller collected; wider scopes: by the prospect's branch. */
const prospectScope = (scope: DataScope) => (scope.kind === 'own' ? sql<boolean>`p.staff_id = ${scope.staffId}` : scopeSql(scope, { branch: 'p.branch_id' }));

export type OutsideProspectRow = { id: number; fullName: string; mobileFull: string | null; source: string; estimatedAssets: string | null; notes: string; status: 'open' | 'converted' | 'dropped'; staffName: string; createdAt: Date };

export async function outsideProspects(db: DbOrTrx, scope: DataScope, id?: number): Promise<OutsideProspectRow[]> {
  const res = await sql<OutsideProspectRow>`
    select p.id, p.name as "fullName", p.mobile as "mobileFull", p.source, p.estimated_assets::text as "estimatedAssets", p.notes, p.status, s.name as "staffName", p.created_at as "createdAt"
      from growth_prospects p join staff s on s.id = p.staff_id
     where ${prospectScope(scope)} ${id !== undefined ? sql`and p.id = ${id}` : sql``}
     order by p.created_at desc, p.id desc limit 500`.execute(db);
  return res.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

// ---- opportunities ----------------------------------------------------------------------------

export type NewOpportunity = {
  branchId: number; staffId: number; customerId: number | null; prospectId: number | null; title: string; stage: PipelineStage;
  expectedAmount: string | null; product: string; nextStep: string; nextStepOn: string | null;
};

export async function insertOpportunity(db: DbOrTrx, o: NewOpportunity): Promise<number> {
  const row = await db
    .insertInto('growth_opportunities')
    .values({
      branch_id: o.branchId, staff_id: o.staffId, customer_id: o.customerId, prospect_id: o.prospectId, title: o.title, stage: o.stage,
      expected_amount: o.expectedAmount, product: o.product, next_step: o.nextStep, next_step_on: o.nextStepOn,
      closed_at: o.stage === 'won' || o.stage === 'lost' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const opportunityScope = (scope: DataScope) => (scope.kind === 'own' ? sql<boolean>`o.staff_id = ${scope.staffId}` : scopeSql(scope, { branch: 'o.branch_id' }));

export type OpportunityRow = {
  id: number; staffId: number; staffName: string; customerId: number | null; prospectId: number | null; fullName: string; title: string; stage: PipelineStage;
  expectedAmount: string | null; product: string; nextStep: string; nextStepOn: string | null; updatedAt: Date;
};

export async function opportunities(db: DbOrTrx, scope: DataScope, o: { id?: number; openOnly?: boolean; limit: number; lock?: boolean }): Promise<OpportunityRow[]> {
  const res = await sql<OpportunityRow>`
    select o.id, o.staff_id as "staffId", s.name as "staffName", o.customer_id as "customerId", o.prospect_id as "prospectId",
           coalesce(c.name, p.name) as "fullName", o.title, o.stage, o.expected_amount::text as "expectedAmount", o.product, o.next_step as "nextStep",
           to_char(o.next_step_on, 'YYYY-MM-DD') as "nextStepOn", o.updated_at as "updatedAt"
      from growth_opportunities o
      join staff s on s.id = o.staff_id
      left join customers c on c.id = o.customer_id
      left join growth_prospects p on p.id = o.prospect_id
     where ${opportunityScope(scope)}
       ${o.id !== undefined ? sql`and o.id = ${o.id}` : sql``}
       ${o.openOnly ? sql`and o.stage not in ('won', 'lost')` : sql``}
     order by o.stage in ('won', 'lost'), o.next_step_on nulls last, o.id desc
     limit ${o.limit}
     ${o.lock ? sql`for update of o` : sql``}`.execute(db);
  return res.rows.map((r) => ({ ...r, id: Number(r.id), staffId: Number(r.staffId), customerId: r.customerId === null ? null : Number(r.customerId), prospectId: r.prospectId === null ? null : Number(r.prospectId) }));
}

export async function stageTotals(db: DbOrTrx, scope: DataScope): Promise<{ stage: PipelineStage; count: number; amount: string }[]> {
  const res = await sql<{ stage: PipelineStage; count: number; amount: string }>`
    select o.stage, count(*)::int as count, coalesce(sum(o.expected_amount), 0)::numeric(20,2)::text as amount
      from growth_opportunities o where ${opportunityScope(scope)} group by o.stage`.execute(db);
  return res.rows;
}

export async function updateOpportunity(db: DbOrTrx, id: number, u: { stage: PipelineStage; expectedAmount: string | null; product: string; nextStep: string; nextStepOn: string | null; closing: boolean }): Promise<void> {
  await db
    .updateTable('growth_opportunities')
    .set({
      stage: u.stage, expected_amount: u.expectedAmount, product: u.product, next_step: u.nextStep, next_step_on: u.nextStepOn, updated_at: new Date(),
      ...(u.closing ? { closed_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .execute();
}
