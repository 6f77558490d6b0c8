// SQL of customer care events (关怀活动): the event, invitations from a segment, RSVPs, attendance,
// and the figures (cost per attendee, sales after the event) summed in SQL.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { CareEventKind } from '../../../contracts/growth';
import type { SegmentSpec } from './growth.rules';
import { segmentWhere } from './growth-campaigns.repository';

export async function insertEvent(db: DbOrTrx, e: { branchId: number; kind: CareEventKind; title: string; venue: string; startsAt: string; capacity: number | null; cost: string; createdBy: number }): Promise<number> {
  const row = await db
    .insertInto('growth_events')
    .values({ branch_id: e.branchId, kind: e.kind, title: e.title, venue: e.venue, starts_at: e.startsAt, capacity: e.capacity, cost: e.cost, created_by: e.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export type EventRow = {
  id: number;
  branchId: number;
  branchName: string;
  kind: CareEventKind;
  title: string;
  venue: string;
  startsAt: Date;
  capacity: number | null;
  cost: string;
  status: 'planned' | 'done' | 'cancelled';
  invited: number;
  accepted: number;
  attended: number;
  soldCustomers: number;
  soldAmount: string;
};

const eventSelect = (salesDays: number) => sql<EventRow>`
  select e.id, e.branch_id as "branchId", b.name as "branchName", e.kind, e.title, e.venue, e.starts_at as "startsAt", e.capacity, e.cost::text as cost, e.status,
         coalesce(i.invited, 0)::int as invited, coalesce(i.accepted, 0)::int as accepted, coalesce(i.attended, 0)::int as attended,
         coalesce(s.customers, 0)::int as "soldCustomers", coalesce(s.amount, 0)::numeric(20,2)::text as "soldAmount"
    from growth_events e
    join branches b on b.id = e.branch_id
    left join lateral (
      select count(*) as invited, count(*) filter (where v.rsvp = 'yes') as accepted, count(v.checked_in_at) as attended
        from growth_event_invitations v where v.event_id = e.id
    ) i on true
    left join lateral (
      select count(distinct h.customer_id) as customers, sum(h.balance) as amount
        from growth_event_invitations v join holdings h on h.customer_id = v.customer_id
       where v.event_id = e.id and v.checked_in_at is not null
         and h.opened_on >= (e.starts_at at time zone 'Asia/Shanghai')::date
         and h.opened_on < (e.starts_at at time zone 'Asia/Shanghai')::date + ${salesDays}::int
    ) s on true`;

const fix = (r: EventRow): EventRow => ({ ...r, id: Number(r.id), branchId: Number(r.branchId) });

export async function listEvents(db: DbOrTrx, scope: DataScope, salesDays: number): Promise<EventRow[]> {
  const res = await sql<EventRow>`${eventSelect(salesDays)} where ${scopeSql(scope, { branch: 'e.branch_id' })} order by e.starts_at desc, e.id desc limit 200`.execute(db);
  return res.rows.map(fix);
}

export async function getEvent(db: DbOrTrx, scope: DataScope, id: number, salesDays: number): Promise<EventRow | null> {
  const res = await sql<EventRow>`${eventSelect(salesDays)} where e.id = ${id} and ${scopeSql(scope, { branch: 'e.branch_id' })}`.execute(db);
  return res.rows[0] ? fix(res.rows[0]) : null;
}

export async function lockEvent(db: DbOrTrx, id: number): Promise<void> {
  await sql`select id from growth_events where id = ${id} for update`.execute(db);
}

/** The segment's customers are invited at once; an invitation already sent is kept. */
export async function invite(db: DbOrTrx, eventId: number, spec: SegmentSpec, scope: DataScope): Promise<number> {
  const res = await sql<{ customerId: number }>`
    insert into growth_event_invitations (event_id, customer_id, staff_id)
    select ${eventId}, c.id, c.rm_staff_id from customers c where ${segmentWhere(spec, scope)}
    on conflict do nothing
    returning customer_id as "customerId"`.execute(db);
  return res.rows.length;
}

export async function setFilters(db: DbOrTrx, id: number, filters: unknown): Promise<void> {
  await db.updateTable('growth_events').set({ filters: JSON.stringify(filters) }).where('id', '=', id).execute();
}

export async function setRsvp(db: DbOrTrx, eventId: number, customerId: number, rsvp: 'yes' | 'no'): Promise<boolean> {
  const res = await db.updateTable('growth_event_invitations').set({ rsvp }).where('event_id', '=', eventId).where('customer_id', '=', customerId).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** First check-in wins; returns false when not invited, null when already checked in. */
export async function checkIn(db: DbOrTrx, eventId: number, customerId: number, by: number): Promise<boolean | null> {
  const inv = await db.selectFrom('growth_event_invitations').select('checked_in_at').where('event_id', '=', eventId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  if (!inv) return false;
  if (inv.checked_in_at) return null;
  await db.updateTable('growth_event_invitations').set({ checked_in_at: new Date(), checked_in_by: by, rsvp: 'yes' }).where('event_id', '=', eventId).where('customer_id', '=', customerId).execute();
  return true;
}

export type InvitationRow = { customerId: number; customerNo: string; fullName: string; tierCode: string; rmName: string | null; rsvp: 'pending' | 'yes' | 'no'; checkedInAt: Date | null };

export async function invitations(db: DbOrTrx, eventId: number): Promise<InvitationRow[]> {
  const res = await sql<InvitationRow>`
    select v.customer_id as "customerId", c.customer_no as "customerNo", c.name as "fullName", c.tier_code as "tierCode", rm.name as "rmName", v.rsvp, v.checked_in_at as "checkedInAt"
      from growth_event_invitations v join customers c on c.id = v.customer_id left join staff rm on rm.id = v.staff_id
     where v.event_id = ${eventId}
     order by v.checked_in_at is null, c.customer_no
     limit 1000`.execute(db);
  return res.rows.map((r) => ({ ...r, customerId: Number(r.customerId) }));
}

export async function attendees(db: DbOrTrx, eventId: number): Promise<{ customerId: number; staffId: number | null }[]> {
  const rows = await db.selectFrom('growth_event_invitations').select(['customer_id', 'staff_id']).where('event_id', '=', eventId).where('checked_in_at', 'is not', null).execute();
  return rows.map((r) => ({ customerId: Number(r.customer_id), staffId: r.staff_id === null ? null : Number(r.staff_id) }));
}

export async function closeEvent(db: DbOrTrx, id: number): Promise<boolean> {
  const res = await db.updateTable('growth_events').set({ status: 'done', closed_at: new Date() }).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
