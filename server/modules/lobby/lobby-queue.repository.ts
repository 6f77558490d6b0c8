// SQL of the day in the lobby: ticket numbers, tickets and their moves, the outlet's event log.
import { sql } from 'kysely';
import type { TicketStatus } from '../../../contracts/lobby';
import type { DbOrTrx } from '../../platform/db';

export type TicketRow = {
  id: number; branchId: number; day: string; number: string; zoneId: number; zoneCode: string; zoneKind: string; businessCode: string;
  businessNameZh: string; businessNameEn: string; status: TicketStatus; channel: string; customerId: number | null; customerFullName: string | null;
  tierCode: string | null; tierRank: number; priority: boolean; amount: string | null; appointmentAt: Date | null; arrivedAt: Date; queuedAt: Date;
  calledAt: Date | null; servingAt: Date | null; finishedAt: Date | null; counterId: number | null; counterNumber: string | null;
  servedByName: string | null; recalls: number; transferredFromId: number | null; transferredToId: number | null; businessDone: string[];
  note: string; slaMinutes: number;
};

const ticketSelect = sql`
  select t.id, t.branch_id as "branchId", to_char(t.day, 'YYYY-MM-DD') as day, t.number, t.zone_id as "zoneId", z.code as "zoneCode", z.kind as "zoneKind",
         t.business_code as "businessCode", bt.name_zh as "businessNameZh", bt.name_en as "businessNameEn", t.status, t.channel,
         t.customer_id as "customerId", cu.name as "customerFullName", t.tier_code as "tierCode", t.tier_rank as "tierRank", t.priority,
         t.amount::text as amount, t.appointment_at as "appointmentAt", t.arrived_at as "arrivedAt", t.queued_at as "queuedAt",
         t.called_at as "calledAt", t.serving_at as "servingAt", t.finished_at as "finishedAt", t.counter_id as "counterId",
         c.number as "counterNumber", s.name as "servedByName", t.recalls, t.transferred_from_id as "transferredFromId",
         t.transferred_to_id as "transferredToId", t.business_done as "businessDone", t.note, t.sla_minutes as "slaMinutes"
  from lobby_tickets t
  join lobby_zones z on z.id = t.zone_id
  join lobby_business_types bt on bt.code = t.business_code
  left join customers cu on cu.id = t.customer_id
  left join lobby_counters c on c.id = t.counter_id
  left join staff s on s.id = t.served_by`;

export async function getTicket(db: DbOrTrx, id: number): Promise<TicketRow | null> {
  return (await sql<TicketRow>`${ticketSelect} where t.id = ${id}`.execute(db)).rows[0] ?? null;
}

export async function ticketsByIds(db: DbOrTrx, ids: readonly number[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  return (await sql<TicketRow>`${ticketSelect} where t.id = any(${ids}::bigint[])`.execute(db)).rows;
}

/** Today's waiting tickets of an outlet (optionally one zone), any order: the queue rule orders them. */
export async function waitingTickets(db: DbOrTrx, branchId: number, zoneId: number | null = null): Promise<TicketRow[]> {
  const r = await sql<TicketRow>`
    ${ticketSelect}
    where t.branch_id = ${branchId} and t.status = 'waiting' and t.day = current_date ${zoneId === null ? sql`` : sql`and t.zone_id = ${zoneId}`}
    order by t.arrived_at, t.id`.execute(db);
  return r.rows;
}

/** Called or serving tickets of an outlet right now. */
export async function activeTickets(db: DbOrTrx, branchId: number): Promise<TicketRow[]> {
  return (await sql<TicketRow>`${ticketSelect} where t.branch_id = ${branchId} and t.status in ('called', 'serving') order by t.called_at desc`.execute(db)).rows;
}

export type TicketWrite = {
  day: string; branchId: number; number: string; zoneId: number; businessCode: string; channel: string; customerId: number | null;
  tierCode: string | null; tierRank: number; priority: boolean; amount: string | null; appointmentAt: string | null; arrivedAt: string | null;
  transferredFromId: number | null; note: string; slaMinutes: number; createdBy: number | null; counterId?: number | null;
};

const ticketColumns = sql`day, branch_id, number, zone_id, business_code, channel, customer_id, tier_code, tier_rank, priority, amount,
  appointment_at, arrived_at, transferred_from_id, note, sla_minutes, created_by, counter_id`;
const ticketValues = (w: Omit<TicketWrite, 'number'>, number: ReturnType<typeof sql>) => sql`
  ${w.day}::date, ${w.branchId}, ${number}, ${w.zoneId}, ${w.businessCode}, ${w.channel}, ${w.customerId}, ${w.tierCode}, ${w.tierRank},
  ${w.priority}, ${w.amount}, ${w.appointmentAt}, coalesce(${w.arrivedAt}::timestamptz, now()), ${w.transferredFromId}, ${w.note},
  ${w.slaMinutes}, ${w.createdBy}, ${w.counterId ?? null}`;

export async function insertTicket(db: DbOrTrx, w: TicketWrite): Promise<number> {
  const r = await sql<{ id: number }>`insert into lobby_tickets (${ticketColumns}) values (${ticketValues(w, sql`${w.number}`)}) returning id`.execute(db);
  return r.rows[0]!.id;
}

/**
 * A new ticket with the next number of its prefix in the outlet's day (prefix and three digits; past
 * 999 the number grows), in one statement: the upsert on the number row serialises concurrent
 * check-ins per prefix, so numbers never repeat or skip. The row stays locked until commit: take it late.
 */
export async function insertNumberedTicket(db: DbOrTrx, prefix: string, w: Omit<TicketWrite, 'number'>): Promise<{ id: number; number: string }> {
  const r = await sql<{ id: number; number: string }>`
    with n as (
      insert into lobby_ticket_numbers (branch_id, day, prefix, last) values (${w.branchId}, ${w.day}::date, ${prefix}, 1)
      on conflict (branch_id, day, prefix) do update set last = lobby_ticket_numbers.last + 1
      returning last
    )
    insert into lobby_tickets (${ticketColumns})
    -- the number as ticketNumber (lobby.routing.ts) writes it
    select ${ticketValues(w, sql`${prefix}::text || lpad(n.last::text, greatest(3, length(n.last::text)), '0')`)} from n
    returning id, number`.execute(db);
  return r.rows[0]!;
}

/**
 * Atomically claims the first still-waiting ticket of `orderedIds` (the queue rule's order) for a
 * counter and puts it at the counter. A ticket another counter holds is skipped, one it has already
 * called fails the status recheck: two counters never get the same ticket, on any number of app
 * instances.
 */
export async function claimNext(db: DbOrTrx, counterId: number, staffId: number, orderedIds: readonly number[]): Promise<{ id: number; number: string; calledAt: Date } | null> {
  if (orderedIds.length === 0) return null;
  const r = await sql<{ id: number; number: string; calledAt: Date }>`
    with claimed as (
      update lobby_tickets t set status = 'called', called_at = now(), counter_id = ${counterId}, served_by = ${staffId}
      where t.id = (
        select w.id from lobby_tickets w
        where w.id = any(${orderedIds}::bigint[]) and w.status = 'waiting'
        order by array_position(${orderedIds}::bigint[], w.id)
        limit 1
        for update skip locked
      ) and t.status = 'waiting'
      returning t.id, t.number, t.called_at
    ), seated as (
      update lobby_counters set current_ticket_id = (select id from claimed), updated_at = now()
      where id = ${counterId} and exists (select 1 from claimed)
    )
    select id, number, called_at as "calledAt" from claimed`.execute(db);
  return r.rows[0] ?? null;
}

/** What the queue rule needs of a zone's waiting tickets (no joins), and the zone's open counters. */
export type QueueTicket = {
  id: number; tierRank: number; priority: boolean; arrivedAt: Date; appointmentAt: Date | null; slaMinutes: number; businessCode: string; counterId: number | null;
};

export async function zoneQueueState(db: DbOrTrx, zoneId: number): Promise<{ openCounters: number; waiting: QueueTicket[] }> {
  const [open, waiting] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from lobby_counters where zone_id = ${zoneId} and status = 'open'`.execute(db),
    sql<QueueTicket>`
      select id, tier_rank as "tierRank", priority, arrived_at as "arrivedAt", appointment_at as "appointmentAt", sla_minutes as "slaMinutes",
             business_code as "businessCode", counter_id as "counterId"
      from lobby_tickets where zone_id = ${zoneId} and status = 'waiting' and day = current_date
      order by arrived_at, id`.execute(db),
  ]);
  return { openCounters: open.rows[0]?.n ?? 0, waiting: waiting.rows };
}

export type TicketPatch = {
  status?: TicketStatus; calledAt?: 'now'; servingAt?: 'now'; finishedAt?: 'now'; recall?: boolean; counterId?: number | null; servedBy?: number | null;
  businessDone?: string[]; note?: string; transferredToId?: number;
};

export type Moved = { calledAt: Date | null; businessDone: string[] };

/** A state move that happens only if the ticket is still in one of `from`: null means someone moved it first. */
export async function moveTicket(db: DbOrTrx, id: number, from: readonly TicketStatus[], p: TicketPatch): Promise<Moved | null> {
  const sets = [
    p.status !== undefined ? sql`status = ${p.status}` : null,
    p.calledAt ? sql`called_at = now()` : null,
    p.servingAt ? sql`serving_at = now()` : null,
    p.finishedAt ? sql`finished_at = now()` : null,
    p.recall ? sql`recalls = recalls + 1, called_at = now()` : null,
    p.counterId !== undefined ? sql`counter_id = ${p.counterId}` : null,
    p.servedBy !== undefined ? sql`served_by = ${p.servedBy}` : null,
    p.businessDone !== undefined ? sql`business_done = ${p.businessDone}::text[]` : null,
    p.note !== undefined ? sql`note = case when note = '' then ${p.note} when ${p.note} = '' then note else note || '；' || ${p.note} end` : null,
    p.transferredToId !== undefined ? sql`transferred_to_id = ${p.transferredToId}` : null,
  ].filter((x) => x !== null);
  const r = await sql<Moved>`
    update lobby_tickets set ${sql.join(sets)} where id = ${id} and status = any(${from}::text[])
    returning called_at as "calledAt", business_done as "businessDone"`.execute(db);
  return r.rows[0] ?? null;
}

// ---- the outlet's event log -----------------------------------------------------------------------

/**
 * Numbers and logs events of the outlet in one statement; returns the first number (null: no such
 * outlet). The update of the outlet's row locks it until commit, which orders the outlet's events
 * as they commit: callers run it last.
 */
export async function insertEvents(db: DbOrTrx, branchId: number, events: readonly { event: string; data: Record<string, unknown> }[]): Promise<number | null> {
  if (events.length === 0) return null;
  const r = await sql<{ first: number | null }>`
    with s as (
      update lobby_outlets set last_seq = last_seq + ${events.length} where branch_id = ${branchId} returning last_seq - ${events.length} as base
    ), ins as (
      insert into lobby_events (branch_id, seq, event, data)
      select ${branchId}, s.base + x.ord, x.e->>'event', (x.e->'data') || jsonb_build_object('seq', s.base + x.ord)
      from s cross join jsonb_array_elements(${JSON.stringify(events)}::jsonb) with ordinality as x(e, ord)
      returning seq
    )
    select min(seq)::bigint as first from ins`.execute(db);
  return r.rows[0]?.first ?? null;
}

export async function currentEventSeq(db: DbOrTrx, branchId: number): Promise<number> {
  const r = await sql<{ seq: number }>`select last_seq as seq from lobby_outlets where branch_id = ${branchId}`.execute(db);
  return r.rows[0]?.seq ?? 0;
}

export async function eventsSince(db: DbOrTrx, branchId: number, since: number, limit: number): Promise<{ seq: number; event: string; data: unknown }[]> {
  const r = await sql<{ seq: number; event: string; data: unknown }>`
    select seq, event, data from lobby_events where branch_id = ${branchId} and seq > ${since} order by seq limit ${limit}`.execute(db);
  return r.rows;
}

/** Events older than the given days go (the log only serves boards catching up). */
export async function pruneEvents(db: DbOrTrx, keepDays: number): Promise<number> {
  const r = await sql`delete from lobby_events where at < now() - make_interval(days => ${keepDays})`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

// ---- counts for the board -----------------------------------------------------------------------------

export type ZoneCount = { zoneId: number; waiting: number; openCounters: number };

/** Waiting tickets and open counters per zone of the outlet (the partial index on waiting tickets answers it). */
export async function zoneCounts(db: DbOrTrx, branchId: number): Promise<ZoneCount[]> {
  const r = await sql<ZoneCount>`
    select z.id as "zoneId",
      (select count(*)::int from lobby_tickets t where t.zone_id = z.id and t.status = 'waiting' and t.day = current_date) as waiting,
      (select count(*)::int from lobby_counters c where c.zone_id = z.id and c.status = 'open') as "openCounters"
    from lobby_zones z where z.branch_id = ${branchId}`.execute(db);
  return r.rows;
}

/** Mean service minutes per zone over the last weeks (served tickets), for wait estimates. */
export async function recentServiceMinutes(db: DbOrTrx, branchId: number): Promise<Map<number, number>> {
  const r = await sql<{ zoneId: number; minutes: number }>`
    select zone_id as "zoneId", avg(extract(epoch from finished_at - serving_at) / 60)::float8 as minutes
    from lobby_tickets
    where branch_id = ${branchId} and status = 'done' and day >= current_date - 28 and serving_at is not null
    group by zone_id`.execute(db);
  return new Map(r.rows.map((x) => [x.zoneId, x.minutes]));
}

export type BoardCallRow = { ticketId: number; number: string; counterNumber: string; zoneCode: string; zoneNameZh: string; calledAt: Date; recalls: number };
export async function recentCalls(db: DbOrTrx, branchId: number, limit: number): Promise<BoardCallRow[]> {
  const r = await sql<BoardCallRow>`
    select t.id as "ticketId", t.number, c.number as "counterNumber", z.code as "zoneCode", z.name_zh as "zoneNameZh", t.called_at as "calledAt", t.recalls
    from lobby_tickets t join lobby_counters c on c.id = t.counter_id join lobby_zones z on z.id = t.zone_id
    where t.branch_id = ${branchId} and t.day = current_date and t.called_at is not null
    order by t.called_at desc limit ${limit}`.execute(db);
  return r.rows;
}

export async function servedToday(db: DbOrTrx, counterId: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from lobby_tickets where counter_id = ${counterId} and day = current_date and status = 'done'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function todayCounts(db: DbOrTrx, branchId: number): Promise<{ arrivals: number; served: number; noShows: number; guidance: number; referrals: number; complaints: number }> {
  const r = await sql<{ arrivals: number; served: number; noShows: number; guidance: number; referrals: number; complaints: number }>`
    select
      (select count(*)::int from lobby_tickets t where t.branch_id = ${branchId} and t.day = current_date and t.transferred_from_id is null) as arrivals,
      (select count(*)::int from lobby_tickets t where t.branch_id = ${branchId} and t.day = current_date and t.status = 'done') as served,
      (select count(*)::int from lobby_tickets t where t.branch_id = ${branchId} and t.day = current_date and t.status = 'no_show') as "noShows",
      (select count(*)::int from lobby_guidance g where g.branch_id = ${branchId} and g.day = current_date) as guidance,
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = current_date) as referrals,
      (select count(*)::int from lobby_complaints k where k.branch_id = ${branchId} and k.day = current_date) as complaints`.execute(db);
  return r.rows[0]!;
}

/**
 * After the business day: tickets left waiting or called are cancelled, one left at a counter is
 * done, every counter is closed and freed, booked appointments that were not kept are missed.
 * Idempotent: a rerun finds nothing left to change.
 */
export async function closeBusinessDay(db: DbOrTrx, today: string): Promise<{ cancelled: number; finished: number; counters: number; missed: number }> {
  const cancelled = await sql`
    update lobby_tickets set status = 'cancelled', finished_at = coalesce(finished_at, now()),
      note = case when note = '' then '日终未办理，自动取消' else note || '；日终未办理，自动取消' end
    where status in ('waiting', 'called') and day < ${today}::date`.execute(db);
  const finished = await sql`update lobby_tickets set status = 'done', finished_at = now() where status = 'serving' and day < ${today}::date`.execute(db);
  const counters = await sql`
    update lobby_counters set status = 'closed', staff_id = null, current_ticket_id = null, updated_at = now()
    where status <> 'closed' or current_ticket_id is not null`.execute(db);
  const missed = await sql`update lobby_appointments set status = 'missed' where status = 'booked' and at < ${today}::date`.execute(db);
  return {
    cancelled: Number(cancelled.numAffectedRows ?? 0), finished: Number(finished.numAffectedRows ?? 0),
    counters: Number(counters.numAffectedRows ?? 0), missed: Number(missed.numAffectedRows ?? 0),
  };
}
