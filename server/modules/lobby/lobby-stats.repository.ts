// SQL of the lobby's figures: service-level attainment, arrival history for staffing, and the
// daily statistics of the source's list (and the closed days that freeze them).
import { sql } from 'kysely';
import type { CountRow, DailyRmRow } from '../../../contracts/lobby';
import type { DbOrTrx } from '../../platform/db';

// A customer's visit is counted once: a transferred ticket's successor carries its arrival time.
const FINAL = sql`t.transferred_to_id is null`;
const WAIT = sql`extract(epoch from t.called_at - t.arrived_at) / 60`;

export type AttainmentRowDb = { key: string; labelZh: string; labelEn: string; tickets: number; withinSla: number; meanWait: number | null; p90Wait: number | null };

export async function attainment(db: DbOrTrx, branchId: number, from: string, to: string, groupBy: 'zone' | 'hour' | 'tier' | 'day'): Promise<AttainmentRowDb[]> {
  const key =
    groupBy === 'zone' ? sql`z.code` : groupBy === 'hour' ? sql`lpad(extract(hour from t.arrived_at)::int::text, 2, '0')` : groupBy === 'tier' ? sql`coalesce(t.tier_code, 'walk_in')` : sql`to_char(t.day, 'YYYY-MM-DD')`;
  const zh = groupBy === 'zone' ? sql`min(z.name_zh)` : groupBy === 'hour' ? sql`min(${key}) || '时'` : groupBy === 'tier' ? sql`coalesce(min(tr.name_zh), '未识别客户')` : sql`min(${key})`;
  const en = groupBy === 'zone' ? sql`min(z.name_en)` : groupBy === 'hour' ? sql`min(${key}) || ':00'` : groupBy === 'tier' ? sql`coalesce(min(tr.name_en), 'Walk-in')` : sql`min(${key})`;
  const r = await sql<AttainmentRowDb>`
    select ${key} as key, ${zh} as "labelZh", ${en} as "labelEn", count(*)::int as tickets,
           count(*) filter (where ${WAIT} <= t.sla_minutes)::int as "withinSla",
           avg(${WAIT})::float8 as "meanWait",
           percentile_cont(0.9) within group (order by ${WAIT})::float8 as "p90Wait"
    from lobby_tickets t join lobby_zones z on z.id = t.zone_id left join tiers tr on tr.code = t.tier_code
    where t.branch_id = ${branchId} and t.day between ${from}::date and ${to}::date and t.called_at is not null and ${FINAL}
    group by ${key} order by ${key}`.execute(db);
  return r.rows;
}

export async function attainmentTotal(db: DbOrTrx, branchId: number, from: string, to: string): Promise<AttainmentRowDb> {
  const r = await sql<AttainmentRowDb>`
    select 'total' as key, '合计' as "labelZh", 'Total' as "labelEn", count(*)::int as tickets,
           count(*) filter (where ${WAIT} <= t.sla_minutes)::int as "withinSla",
           avg(${WAIT})::float8 as "meanWait", percentile_cont(0.9) within group (order by ${WAIT})::float8 as "p90Wait"
    from lobby_tickets t
    where t.branch_id = ${branchId} and t.day between ${from}::date and ${to}::date and t.called_at is not null and ${FINAL}`.execute(db);
  return r.rows[0]!;
}

/** Arrivals per zone, weekday (0 = Monday) and 30-minute slot of the day, summed over [from, to). */
export async function arrivalHistory(db: DbOrTrx, branchId: number, from: string, to: string): Promise<{ zoneId: number; weekday: number; slot: number; arrivals: number }[]> {
  const r = await sql<{ zoneId: number; weekday: number; slot: number; arrivals: number }>`
    select t.zone_id as "zoneId", (extract(isodow from t.day)::int - 1) as weekday,
           floor((extract(hour from t.arrived_at) * 60 + extract(minute from t.arrived_at)) / 30)::int as slot, count(*)::int as arrivals
    from lobby_tickets t
    where t.branch_id = ${branchId} and t.day >= ${from}::date and t.day < ${to}::date and t.transferred_from_id is null
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

export async function serviceMinutesByZone(db: DbOrTrx, branchId: number, from: string, to: string): Promise<Map<number, number>> {
  const r = await sql<{ zoneId: number; minutes: number }>`
    select t.zone_id as "zoneId", avg(extract(epoch from t.finished_at - t.serving_at) / 60)::float8 as minutes
    from lobby_tickets t
    where t.branch_id = ${branchId} and t.day >= ${from}::date and t.day < ${to}::date and t.status = 'done' and t.serving_at is not null
    group by 1`.execute(db);
  return new Map(r.rows.map((x) => [x.zoneId, x.minutes]));
}

// ---- the daily statistics ---------------------------------------------------------------------------

export type DayFigures = {
  rms: DailyRmRow[];
  premiumIdentified: { lobbyManager: number; cashTellers: number; noncashTellers: number; other: number };
  complaintsReceived: number;
  tickets: number;
  ticketsByZone: CountRow[];
  ticketsByBusiness: CountRow[];
  served: number;
  noShows: number;
  cancelled: number;
  vipArrivals: number;
  meanWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  meanServiceMinutes: number | null;
  serviceByBusiness: { key: string; labelZh: string; labelEn: string; count: number; meanMinutes: number | null }[];
  slaAttainment: number | null;
  selfServiceGuidance: number;
  guidanceByKind: CountRow[];
  incidents: number;
};

export async function dayFigures(db: DbOrTrx, branchId: number, day: string, vipMinTierRank: number): Promise<DayFigures> {
  const rms = await sql<DailyRmRow>`
    select s.id as "staffId", s.staff_no as "staffNo", s.name,
      (select count(distinct t.customer_id)::int from lobby_tickets t join customers c on c.id = t.customer_id
        where t.branch_id = ${branchId} and t.day = ${day}::date and t.tier_rank >= ${vipMinTierRank} and c.rm_staff_id = s.id) as "premiumReceived",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.rm_staff_id = s.id and r.referrer_role = 'lobby_manager') as "identifiedByLobbyManager",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.rm_staff_id = s.id and r.referrer_role = 'cash_teller') as "identifiedByCashTellers",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.rm_staff_id = s.id and r.referrer_role = 'noncash_teller') as "identifiedByNoncashTellers",
      (select count(*)::int from lobby_complaints k left join customers c on c.id = k.customer_id
        where k.branch_id = ${branchId} and k.day = ${day}::date and (k.about_staff_id = s.id or c.rm_staff_id = s.id)) as "complaintsReceived"
    from staff s join staff_roles sr on sr.staff_id = s.id and sr.role = 'wealth_rm'
    where s.branch_id = ${branchId} and s.status <> 'departed'
    order by s.staff_no`.execute(db);
  const totals = await sql<{
    lobbyManager: number; cashTellers: number; noncashTellers: number; other: number; complaintsReceived: number; tickets: number; served: number; noShows: number;
    cancelled: number; vipArrivals: number; meanWait: number | null; p90Wait: number | null; meanService: number | null; sla: number | null; selfService: number; incidents: number;
  }>`
    with t as (select * from lobby_tickets t where t.branch_id = ${branchId} and t.day = ${day}::date and ${FINAL})
    select
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.referrer_role = 'lobby_manager') as "lobbyManager",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.referrer_role = 'cash_teller') as "cashTellers",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.referrer_role = 'noncash_teller') as "noncashTellers",
      (select count(*)::int from lobby_referrals r where r.branch_id = ${branchId} and r.day = ${day}::date and r.referrer_role = 'other') as other,
      (select count(*)::int from lobby_complaints k where k.branch_id = ${branchId} and k.day = ${day}::date) as "complaintsReceived",
      (select count(*)::int from t) as tickets,
      (select count(*)::int from t where t.status = 'done') as served,
      (select count(*)::int from t where t.status = 'no_show') as "noShows",
      (select count(*)::int from t where t.status = 'cancelled') as cancelled,
      (select count(*)::int from lobby_vip_arrivals v where v.branch_id = ${branchId} and v.day = ${day}::date) as "vipArrivals",
      (select avg(${WAIT})::float8 from t where t.called_at is not null) as "meanWait",
      (select percentile_cont(0.9) within group (order by ${WAIT})::float8 from t where t.called_at is not null) as "p90Wait",
      (select avg(extract(epoch from t.finished_at - t.serving_at) / 60)::float8 from t where t.status = 'done' and t.serving_at is not null) as "meanService",
      (select (count(*) filter (where ${WAIT} <= t.sla_minutes))::float8 / nullif(count(*), 0) from t where t.called_at is not null) as sla,
      (select count(*)::int from lobby_guidance g where g.branch_id = ${branchId} and g.day = ${day}::date and g.kind = 'self_service') as "selfService",
      (select count(*)::int from lobby_incidents i where i.branch_id = ${branchId} and i.day = ${day}::date) as incidents`.execute(db);
  const byZone = await sql<CountRow>`
    select z.code as key, min(z.name_zh) as "labelZh", min(z.name_en) as "labelEn", count(*)::int as count
    from lobby_tickets t join lobby_zones z on z.id = t.zone_id
    where t.branch_id = ${branchId} and t.day = ${day}::date and ${FINAL} group by z.code order by z.code`.execute(db);
  const byBusiness = await sql<CountRow & { meanMinutes: number | null; done: number }>`
    select b.code as key, min(b.name_zh) as "labelZh", min(b.name_en) as "labelEn", count(*)::int as count,
           count(*) filter (where t.status = 'done')::int as done,
           avg(extract(epoch from t.finished_at - t.serving_at) / 60) filter (where t.status = 'done' and t.serving_at is not null)::float8 as "meanMinutes"
    from lobby_tickets t join lobby_business_types b on b.code = t.business_code
    where t.branch_id = ${branchId} and t.day = ${day}::date and ${FINAL} group by b.code order by min(b.sort_order)`.execute(db);
  const guidance = await sql<CountRow>`
    select g.kind as key, g.kind as "labelZh", g.kind as "labelEn", count(*)::int as count
    from lobby_guidance g where g.branch_id = ${branchId} and g.day = ${day}::date group by g.kind order by g.kind`.execute(db);
  const x = totals.rows[0]!;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    rms: rms.rows,
    premiumIdentified: { lobbyManager: x.lobbyManager, cashTellers: x.cashTellers, noncashTellers: x.noncashTellers, other: x.other },
    complaintsReceived: x.complaintsReceived,
    tickets: x.tickets,
    ticketsByZone: byZone.rows,
    ticketsByBusiness: byBusiness.rows.map(({ meanMinutes: _m, done: _d, ...r }) => r),
    served: x.served,
    noShows: x.noShows,
    cancelled: x.cancelled,
    vipArrivals: x.vipArrivals,
    meanWaitMinutes: round(x.meanWait),
    p90WaitMinutes: round(x.p90Wait),
    meanServiceMinutes: round(x.meanService),
    serviceByBusiness: byBusiness.rows.map((r) => ({ key: r.key, labelZh: r.labelZh, labelEn: r.labelEn, count: r.done, meanMinutes: round(r.meanMinutes) })),
    slaAttainment: x.sla === null ? null : Math.round(x.sla * 1000) / 1000,
    selfServiceGuidance: x.selfService,
    guidanceByKind: guidance.rows,
    incidents: x.incidents,
  };
}

export type ReportRecipient = { staffId: number; name: string; branchName: string };

export type ClosedDay = {
  figures: DayFigures; closedAt: Date; closedByName: string | null;
  amendments: { at: string; byName: string | null; reason: string; field: string; from: string; to: string }[];
  sentTo: ReportRecipient[];
};

export async function getClosedDay(db: DbOrTrx, branchId: number, day: string, lock = false): Promise<ClosedDay | null> {
  const r = await sql<ClosedDay>`
    select d.figures, d.closed_at as "closedAt", s.name as "closedByName", d.amendments, d.sent_to as "sentTo"
    from lobby_day_closes d left join staff s on s.id = d.closed_by
    where d.branch_id = ${branchId} and d.day = ${day}::date ${lock ? sql`for update of d` : sql``}`.execute(db);
  return r.rows[0] ?? null;
}

/** Freezes the figures; false when the day was already closed (the first close stands). */
export async function closeDay(db: DbOrTrx, branchId: number, day: string, figures: DayFigures, staffId: number): Promise<boolean> {
  const r = await sql`
    insert into lobby_day_closes (branch_id, day, closed_by, figures) values (${branchId}, ${day}::date, ${staffId}, ${JSON.stringify(figures)}::jsonb)
    on conflict (branch_id, day) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function saveAmendment(db: DbOrTrx, branchId: number, day: string, figures: DayFigures, amendment: ClosedDay['amendments'][number]): Promise<void> {
  await sql`
    update lobby_day_closes set figures = ${JSON.stringify(figures)}::jsonb, amendments = amendments || ${JSON.stringify([amendment])}::jsonb
    where branch_id = ${branchId} and day = ${day}::date`.execute(db);
}

/**
 * The wealth-centre heads the outlet reports to: those of the nearest branch on the way up from the
 * outlet (itself first) that has any active one.
 */
export async function wealthCentreHeads(db: DbOrTrx, branchId: number): Promise<ReportRecipient[]> {
  const r = await sql<ReportRecipient & { depth: number }>`
    select s.id as "staffId", s.name, hb.name as "branchName", length(hb.path) as depth
    from branches ob
    join branches hb on ob.path like hb.path || '%'
    join staff s on s.branch_id = hb.id and s.status = 'active'
    join staff_roles r on r.staff_id = s.id and r.role = 'wealth_centre_head'
    where ob.id = ${branchId}
    order by length(hb.path) desc, s.id`.execute(db);
  const nearest = r.rows[0]?.depth;
  return r.rows.filter((x) => x.depth === nearest).map(({ depth: _d, ...x }) => x);
}

export async function setReportRecipients(db: DbOrTrx, branchId: number, day: string, sentTo: readonly ReportRecipient[]): Promise<void> {
  await sql`update lobby_day_closes set sent_to = ${JSON.stringify(sentTo)}::jsonb where branch_id = ${branchId} and day = ${day}::date`.execute(db);
}
