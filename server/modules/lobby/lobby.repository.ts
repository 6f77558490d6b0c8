// SQL of the lobby's reference data and outlet set-up: business types, routing rules, service
// levels, zones, counters, devices and faults; and the customer as the lobby recognises them.
import { sql } from 'kysely';
import type {
  BusinessType, Counter, Device, DeviceFault, RoutingRule, SaveBusinessTypeBody, SaveCounterBody, SaveDeviceBody, SaveZoneBody, ServiceLevel, Zone, ZoneKind,
} from '../../../contracts/lobby';
import type { DataScope } from '../../platform/access';
import { scopeSql, type DbOrTrx } from '../../platform/db';
import type { BusinessTypeDefinition, RoutingRuleDefinition, ServiceLevelDefinition, ZoneDefinition } from './lobby.reference';

// ---- reference data ---------------------------------------------------------------------------------

export async function insertLobbyDefaults(
  db: DbOrTrx,
  d: { businessTypes: readonly BusinessTypeDefinition[]; routingRules: readonly RoutingRuleDefinition[]; serviceLevels: readonly ServiceLevelDefinition[]; largeCashThreshold: string },
): Promise<void> {
  await sql`insert into lobby_settings (id, large_cash_threshold) values (1, ${d.largeCashThreshold}) on conflict (id) do nothing`.execute(db);
  await sql`
    insert into lobby_business_types (code, name_zh, name_en, default_zone, self_service, needs_amount, service_minutes, sort_order)
    select x.code, x."nameZh", x."nameEn", x."defaultZone", x."selfService", x."needsAmount", x."serviceMinutes", x."sortOrder"
    from jsonb_to_recordset(${JSON.stringify(d.businessTypes)}::jsonb)
      as x(code text, "nameZh" text, "nameEn" text, "defaultZone" text, "selfService" boolean, "needsAmount" boolean, "serviceMinutes" numeric, "sortOrder" int)
    on conflict (code) do nothing`.execute(db);
  // Rules and levels are a set: they go in only on a first start, so head office's edits stay.
  await sql`
    insert into lobby_routing_rules (branch_id, business_code, min_tier_rank, min_amount, max_amount, zone, note)
    select null, x."businessCode", x."minTierRank", x."minAmount", x."maxAmount", x.zone, x.note
    from jsonb_to_recordset(${JSON.stringify(d.routingRules)}::jsonb)
      as x("businessCode" text, "minTierRank" int, "minAmount" numeric, "maxAmount" numeric, zone text, note text)
    where not exists (select 1 from lobby_routing_rules r where r.branch_id is null)`.execute(db);
  await sql`
    insert into lobby_service_levels (name_zh, name_en, min_tier_rank, max_wait_minutes, target_share)
    select x."nameZh", x."nameEn", x."minTierRank", x."maxWaitMinutes", x."targetShare"
    from jsonb_to_recordset(${JSON.stringify(d.serviceLevels)}::jsonb)
      as x("nameZh" text, "nameEn" text, "minTierRank" int, "maxWaitMinutes" int, "targetShare" numeric)
    where not exists (select 1 from lobby_service_levels)`.execute(db);
}

/** Every open outlet without a lobby row gets one, with the default zones, counters and devices. */
export async function insertOutletDefaults(
  db: DbOrTrx,
  d: { zones: readonly ZoneDefinition[]; counters: readonly { number: string; zoneCode: string }[]; devices: readonly { kind: string; label: string; zoneCode: string | null }[] },
): Promise<number> {
  const added = await sql<{ branchId: number }>`
    insert into lobby_outlets (branch_id)
    select b.id from branches b
    where b.level in ('outlet', 'sub_branch') and b.status = 'open'
      and not exists (select 1 from lobby_outlets o where o.branch_id = b.id)
    returning branch_id as "branchId"`.execute(db);
  const ids = added.rows.map((r) => r.branchId);
  if (ids.length === 0) return 0;
  await sql`
    insert into lobby_zones (branch_id, code, kind, name_zh, name_en, prefix, priority_prefix)
    select b.id, z.code, z.kind, z."nameZh", z."nameEn", z.prefix, z."priorityPrefix"
    from unnest(${ids}::bigint[]) as b(id)
    cross join jsonb_to_recordset(${JSON.stringify(d.zones)}::jsonb)
      as z(code text, kind text, "nameZh" text, "nameEn" text, prefix text, "priorityPrefix" text)
    on conflict (branch_id, code) do nothing`.execute(db);
  await sql`
    insert into lobby_counters (branch_id, zone_id, number)
    select z.branch_id, z.id, c.number
    from jsonb_to_recordset(${JSON.stringify(d.counters)}::jsonb) as c(number text, "zoneCode" text)
    join lobby_zones z on z.code = c."zoneCode" and z.branch_id = any(${ids}::bigint[])
    on conflict (branch_id, number) do nothing`.execute(db);
  await sql`
    insert into lobby_devices (branch_id, zone_id, kind, label)
    select b.id, z.id, d.kind, d.label
    from unnest(${ids}::bigint[]) as b(id)
    cross join jsonb_to_recordset(${JSON.stringify(d.devices)}::jsonb) as d(kind text, label text, "zoneCode" text)
    left join lobby_zones z on z.branch_id = b.id and z.code = d."zoneCode"`.execute(db);
  return ids.length;
}

export type LobbySettings = { largeCashThreshold: string; vipMinTierRank: number };
export async function getSettings(db: DbOrTrx): Promise<LobbySettings> {
  const r = await sql<LobbySettings>`
    select large_cash_threshold::text as "largeCashThreshold", vip_min_tier_rank as "vipMinTierRank" from lobby_settings where id = 1`.execute(db);
  return r.rows[0] ?? { largeCashThreshold: '50000.00', vipMinTierRank: 1 };
}

const businessCols = sql`code, name_zh as "nameZh", name_en as "nameEn", default_zone as "defaultZone", self_service as "selfService",
  needs_amount as "needsAmount", service_minutes::float8 as "serviceMinutes", active, sort_order as "sortOrder"`;

export async function listBusinessTypes(db: DbOrTrx): Promise<BusinessType[]> {
  return (await sql<BusinessType>`select ${businessCols} from lobby_business_types order by sort_order, code`.execute(db)).rows;
}

export async function getBusinessType(db: DbOrTrx, code: string): Promise<BusinessType | null> {
  return (await sql<BusinessType>`select ${businessCols} from lobby_business_types where code = ${code}`.execute(db)).rows[0] ?? null;
}

export async function saveBusinessType(db: DbOrTrx, code: string, b: SaveBusinessTypeBody): Promise<BusinessType> {
  const r = await sql<BusinessType>`
    insert into lobby_business_types (code, name_zh, name_en, default_zone, self_service, needs_amount, service_minutes, active, sort_order)
    values (${code}, ${b.nameZh}, ${b.nameEn}, ${b.defaultZone}, ${b.selfService}, ${b.needsAmount}, ${b.serviceMinutes}, ${b.active}, ${b.sortOrder})
    on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, default_zone = excluded.default_zone,
      self_service = excluded.self_service, needs_amount = excluded.needs_amount, service_minutes = excluded.service_minutes,
      active = excluded.active, sort_order = excluded.sort_order, updated_at = now()
    returning ${businessCols}`.execute(db);
  return r.rows[0]!;
}

export async function listRoutingRules(db: DbOrTrx, branchId: number | null): Promise<RoutingRule[]> {
  const r = await sql<RoutingRule>`
    select id, branch_id as "branchId", business_code as "businessCode", min_tier_rank as "minTierRank",
           min_amount::text as "minAmount", max_amount::text as "maxAmount", zone, note
    from lobby_routing_rules
    where branch_id is null ${branchId === null ? sql`` : sql`or branch_id = ${branchId}`}
    order by branch_id nulls first, business_code, min_tier_rank, min_amount nulls first, id`.execute(db);
  return r.rows;
}

export async function replaceRoutingRules(
  db: DbOrTrx,
  branchId: number | null,
  rules: readonly { businessCode: string; minTierRank: number; minAmount: string | null; maxAmount: string | null; zone: ZoneKind; note: string }[],
): Promise<void> {
  await sql`delete from lobby_routing_rules where ${branchId === null ? sql`branch_id is null` : sql`branch_id = ${branchId}`}`.execute(db);
  if (rules.length === 0) return;
  await sql`
    insert into lobby_routing_rules (branch_id, business_code, min_tier_rank, min_amount, max_amount, zone, note)
    select ${branchId}::bigint, x."businessCode", x."minTierRank", x."minAmount", x."maxAmount", x.zone, x.note
    from jsonb_to_recordset(${JSON.stringify(rules)}::jsonb)
      as x("businessCode" text, "minTierRank" int, "minAmount" numeric, "maxAmount" numeric, zone text, note text)`.execute(db);
}

export async function listServiceLevels(db: DbOrTrx): Promise<ServiceLevel[]> {
  const r = await sql<ServiceLevel>`
    select id, name_zh as "nameZh", name_en as "nameEn", min_tier_rank as "minTierRank", max_wait_minutes as "maxWaitMinutes",
           target_share::float8 as "targetShare"
    from lobby_service_levels order by min_tier_rank`.execute(db);
  return r.rows;
}

export async function replaceServiceLevels(db: DbOrTrx, levels: readonly Omit<ServiceLevel, 'id'>[]): Promise<void> {
  await sql`delete from lobby_service_levels`.execute(db);
  await sql`
    insert into lobby_service_levels (name_zh, name_en, min_tier_rank, max_wait_minutes, target_share)
    select x."nameZh", x."nameEn", x."minTierRank", x."maxWaitMinutes", x."targetShare"
    from jsonb_to_recordset(${JSON.stringify(levels)}::jsonb)
      as x("nameZh" text, "nameEn" text, "minTierRank" int, "maxWaitMinutes" int, "targetShare" numeric)`.execute(db);
}

// ---- outlets ------------------------------------------------------------------------------------------

export type OutletRow = { branchId: number; branchCode: string; branchName: string; path: string; opensAt: string; closesAt: string };

const outletCols = sql`o.branch_id as "branchId", b.code as "branchCode", b.name as "branchName", b.path,
  to_char(o.opens_at, 'HH24:MI') as "opensAt", to_char(o.closes_at, 'HH24:MI') as "closesAt"`;

/** The outlet if it has a lobby and lies in the scope (own scope: the caller's own branch). */
export async function outletInScope(db: DbOrTrx, scope: DataScope, ownBranchId: number, branchId: number): Promise<OutletRow | null> {
  const where = scope.kind === 'own' ? sql`o.branch_id = ${ownBranchId}` : scopeSql(scope, { branch: 'o.branch_id' });
  const r = await sql<OutletRow>`
    select ${outletCols} from lobby_outlets o join branches b on b.id = o.branch_id
    where o.branch_id = ${branchId} and ${where}`.execute(db);
  return r.rows[0] ?? null;
}

export async function setOutletHours(db: DbOrTrx, branchId: number, opensAt: string, closesAt: string): Promise<void> {
  await sql`update lobby_outlets set opens_at = ${opensAt}::time, closes_at = ${closesAt}::time where branch_id = ${branchId}`.execute(db);
}

export async function listOutlets(db: DbOrTrx, scope: DataScope, ownBranchId: number): Promise<(OutletRow & { waiting: number; openCounters: number })[]> {
  const where = scope.kind === 'own' ? sql`o.branch_id = ${ownBranchId}` : scopeSql(scope, { branch: 'o.branch_id' });
  const r = await sql<OutletRow & { waiting: number; openCounters: number }>`
    select ${outletCols},
      (select count(*)::int from lobby_tickets t where t.branch_id = o.branch_id and t.day = current_date and t.status = 'waiting') as waiting,
      (select count(*)::int from lobby_counters c where c.branch_id = o.branch_id and c.status = 'open') as "openCounters"
    from lobby_outlets o join branches b on b.id = o.branch_id
    where ${where}
    order by b.path
    limit 2000`.execute(db);
  return r.rows;
}

// ---- zones, counters, devices ---------------------------------------------------------------------

export type ZoneRow = Zone;
const zoneCols = sql`id, branch_id as "branchId", code, kind, name_zh as "nameZh", name_en as "nameEn", prefix, priority_prefix as "priorityPrefix", active`;

export async function listZones(db: DbOrTrx, branchId: number): Promise<Zone[]> {
  const r = await sql<Zone>`
    select ${zoneCols} from lobby_zones where branch_id = ${branchId}
    order by array_position(array['cash','noncash','consulting','vip','self_service'], kind), code`.execute(db);
  return r.rows;
}

export async function upsertZone(db: DbOrTrx, branchId: number, code: string, b: SaveZoneBody): Promise<Zone> {
  const r = await sql<Zone>`
    insert into lobby_zones (branch_id, code, kind, name_zh, name_en, prefix, priority_prefix, active)
    values (${branchId}, ${code}, ${b.kind}, ${b.nameZh}, ${b.nameEn}, ${b.prefix}, ${b.priorityPrefix}, ${b.active})
    on conflict (branch_id, code) do update set kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en,
      prefix = excluded.prefix, priority_prefix = excluded.priority_prefix, active = excluded.active
    returning ${zoneCols}`.execute(db);
  return r.rows[0]!;
}

const counterSelect = sql`
  select c.id, c.branch_id as "branchId", z.code as "zoneCode", z.kind as "zoneKind", c.number, c.business_codes as "businessCodes",
         c.status, c.staff_id as "staffId", s.name as "staffName", c.current_ticket_id as "currentTicketId", t.number as "currentTicketNumber"
  from lobby_counters c
  join lobby_zones z on z.id = c.zone_id
  left join staff s on s.id = c.staff_id
  left join lobby_tickets t on t.id = c.current_ticket_id`;

export async function listCounters(db: DbOrTrx, branchId: number): Promise<Counter[]> {
  const r = await sql<Counter>`${counterSelect} where c.branch_id = ${branchId} order by length(c.number), c.number`.execute(db);
  return r.rows;
}

export async function getCounter(db: DbOrTrx, id: number): Promise<Counter | null> {
  return (await sql<Counter>`${counterSelect} where c.id = ${id}`.execute(db)).rows[0] ?? null;
}

export type LockedCounter = {
  id: number; branchId: number; zoneId: number; status: string; staffId: number | null; currentTicketId: number | null; businessCodes: string[];
  /** The ticket at the counter: its number and status (null: none). */
  currentNumber: string | null; currentStatus: string | null;
};

/** Locks the counter row until the transaction ends: one action at a time per counter. */
export async function lockCounter(db: DbOrTrx, id: number): Promise<LockedCounter | null> {
  const r = await sql<LockedCounter>`
    select c.id, c.branch_id as "branchId", c.zone_id as "zoneId", c.status, c.staff_id as "staffId", c.current_ticket_id as "currentTicketId",
           c.business_codes as "businessCodes", t.number as "currentNumber", t.status as "currentStatus"
    from lobby_counters c left join lobby_tickets t on t.id = c.current_ticket_id
    where c.id = ${id} for update of c`.execute(db);
  return r.rows[0] ?? null;
}

/** Frees the counter if it still holds this ticket; false when it holds another one (or none). */
export async function releaseCounterTicket(db: DbOrTrx, id: number, ticketId: number): Promise<boolean> {
  const r = await sql`update lobby_counters set current_ticket_id = null, updated_at = now() where id = ${id} and current_ticket_id = ${ticketId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function zoneByCode(db: DbOrTrx, branchId: number, code: string): Promise<Zone | null> {
  return (await sql<Zone>`select ${zoneCols} from lobby_zones where branch_id = ${branchId} and code = ${code}`.execute(db)).rows[0] ?? null;
}

export async function zoneById(db: DbOrTrx, id: number): Promise<Zone | null> {
  return (await sql<Zone>`select ${zoneCols} from lobby_zones where id = ${id}`.execute(db)).rows[0] ?? null;
}

/** The active zone of this kind in the outlet (the first by code when there are several). */
export async function zoneByKind(db: DbOrTrx, branchId: number, kind: ZoneKind): Promise<Zone | null> {
  return (await sql<Zone>`select ${zoneCols} from lobby_zones where branch_id = ${branchId} and kind = ${kind} and active order by code limit 1`.execute(db)).rows[0] ?? null;
}

export async function insertCounter(db: DbOrTrx, branchId: number, zoneId: number, b: SaveCounterBody): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into lobby_counters (branch_id, zone_id, number, business_codes) values (${branchId}, ${zoneId}, ${b.number}, ${b.businessCodes}::text[])
    returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function updateCounter(db: DbOrTrx, id: number, zoneId: number, b: SaveCounterBody): Promise<void> {
  await sql`update lobby_counters set zone_id = ${zoneId}, number = ${b.number}, business_codes = ${b.businessCodes}::text[], updated_at = now() where id = ${id}`.execute(db);
}

export async function setCounterState(db: DbOrTrx, id: number, s: { status: string; staffId: number | null }): Promise<void> {
  await sql`update lobby_counters set status = ${s.status}, staff_id = ${s.staffId}, updated_at = now() where id = ${id}`.execute(db);
}

export async function setCounterTicket(db: DbOrTrx, id: number, ticketId: number | null): Promise<void> {
  await sql`update lobby_counters set current_ticket_id = ${ticketId}, updated_at = now() where id = ${id}`.execute(db);
}

export async function staffInBranch(db: DbOrTrx, staffId: number, branchId: number): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from staff where id = ${staffId} and branch_id = ${branchId} and status = 'active'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

const deviceSelect = sql`
  select d.id, d.branch_id as "branchId", z.code as "zoneCode", d.kind, d.label, d.status,
         (select f.id from lobby_device_faults f where f.device_id = d.id and f.status <> 'resolved' order by f.id desc limit 1) as "openFaultId"
  from lobby_devices d left join lobby_zones z on z.id = d.zone_id`;

export async function listDevices(db: DbOrTrx, branchId: number): Promise<Device[]> {
  return (await sql<Device>`${deviceSelect} where d.branch_id = ${branchId} order by d.kind, d.label`.execute(db)).rows;
}

export async function getDevice(db: DbOrTrx, id: number): Promise<Device | null> {
  return (await sql<Device>`${deviceSelect} where d.id = ${id}`.execute(db)).rows[0] ?? null;
}

export async function insertDevice(db: DbOrTrx, branchId: number, zoneId: number | null, b: SaveDeviceBody): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into lobby_devices (branch_id, zone_id, kind, label) values (${branchId}, ${zoneId}, ${b.kind}, ${b.label}) returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function setDeviceStatus(db: DbOrTrx, id: number, status: string): Promise<void> {
  await sql`update lobby_devices set status = ${status} where id = ${id}`.execute(db);
}

type FaultRow = Omit<DeviceFault, 'reportedAt' | 'resolvedAt' | 'history'> & {
  reportedAt: Date; resolvedAt: Date | null; history: { status: DeviceFault['status']; note: string; at: string; byName: string | null }[];
};
const faultSelect = sql`
  select f.id, f.device_id as "deviceId", d.label as "deviceLabel", d.kind as "deviceKind", f.branch_id as "branchId", f.status,
         f.description, f.reported_at as "reportedAt", s.name as "reportedByName", f.history, f.resolved_at as "resolvedAt"
  from lobby_device_faults f join lobby_devices d on d.id = f.device_id left join staff s on s.id = f.reported_by`;
const toFault = (r: FaultRow): DeviceFault => ({ ...r, reportedAt: r.reportedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null });

export async function listFaults(db: DbOrTrx, branchId: number, open: boolean | null): Promise<DeviceFault[]> {
  const r = await sql<FaultRow>`
    ${faultSelect} where f.branch_id = ${branchId}
      ${open === true ? sql`and f.status <> 'resolved'` : open === false ? sql`and f.status = 'resolved'` : sql``}
    order by f.reported_at desc limit 200`.execute(db);
  return r.rows.map(toFault);
}

export async function getFault(db: DbOrTrx, id: number): Promise<DeviceFault | null> {
  const r = await sql<FaultRow>`${faultSelect} where f.id = ${id}`.execute(db);
  return r.rows[0] ? toFault(r.rows[0]) : null;
}

export async function insertFault(db: DbOrTrx, f: { deviceId: number; branchId: number; description: string; staffId: number; staffName: string }): Promise<number> {
  const history = [{ status: 'reported', note: f.description, at: new Date().toISOString(), byName: f.staffName }];
  const r = await sql<{ id: number }>`
    insert into lobby_device_faults (device_id, branch_id, description, reported_by, history)
    values (${f.deviceId}, ${f.branchId}, ${f.description}, ${f.staffId}, ${JSON.stringify(history)}::jsonb) returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function progressFault(db: DbOrTrx, id: number, p: { status: string; note: string; byName: string }): Promise<number> {
  const step = JSON.stringify([{ status: p.status, note: p.note, at: new Date().toISOString(), byName: p.byName }]);
  const r = await sql`
    update lobby_device_faults set status = ${p.status}, history = history || ${step}::jsonb,
      resolved_at = case when ${p.status} = 'resolved' then now() else null end
    where id = ${id} and status <> 'resolved'`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

// ---- the customer as the lobby recognises them ---------------------------------------------------

export type RecognisedRow = {
  customerId: number; fullName: string; tierCode: string; tierNameZh: string; tierNameEn: string; tierRank: number; rmStaffId: number | null;
  rmName: string | null; aum: string; lastContactAt: Date | null; openNeeds: number; birthdayToday: boolean; expiringProducts: number; branchId: number;
};

/** Card, mobile, resident ID or customer number → the active customer (tier with a running override). */
export async function findCustomer(db: DbOrTrx, kind: 'card' | 'mobile' | 'residentId' | 'customerNo' | 'id', value: string | number): Promise<RecognisedRow | null> {
  const match =
    kind === 'card' ? sql`c.id = (select h.customer_id from holdings h where h.card_no = ${String(value)} limit 1)`
    : kind === 'mobile' ? sql`c.mobile = ${String(value)}`
    : kind === 'residentId' ? sql`c.resident_id = ${String(value).toUpperCase()}`
    : kind === 'customerNo' ? sql`c.customer_no = ${String(value)}`
    : sql`c.id = ${Number(value)}`;
  const r = await sql<RecognisedRow>`
    select cur.id as "customerId", cur.name as "fullName", t.code as "tierCode", t.name_zh as "tierNameZh", t.name_en as "tierNameEn",
           t.rank as "tierRank", cur.rm_staff_id as "rmStaffId", s.name as "rmName", cur.aum::text as aum, cur.last_contact_at as "lastContactAt",
           (select count(*)::int from customer_needs n where n.customer_id = cur.id and not n.met) as "openNeeds",
           coalesce(to_char(cur.birth_date, 'MM-DD') = to_char(current_date, 'MM-DD'), false) as "birthdayToday",
           (select count(*)::int from holdings h where h.customer_id = cur.id and h.status = 'active'
              and h.matures_on between current_date and current_date + 30) as "expiringProducts",
           cur.branch_id as "branchId"
    from (
      select c.*, case when c.override_tier_code is not null and (c.override_until is null or c.override_until >= current_date)
                       then c.override_tier_code else c.tier_code end as tier
      from customers c where ${match} and c.status <> 'closed'
      limit 1
    ) cur
    join tiers t on t.code = cur.tier
    left join staff s on s.id = cur.rm_staff_id`.execute(db);
  return r.rows[0] ?? null;
}

/** Staff of the outlet holding a role (lobby managers to alert, wealth RMs to refer to). */
export async function staffWithRole(db: DbOrTrx, branchId: number, role: string): Promise<{ staffId: number; name: string }[]> {
  const r = await sql<{ staffId: number; name: string }>`
    select s.id as "staffId", s.name from staff s join staff_roles r on r.staff_id = s.id
    where s.branch_id = ${branchId} and r.role = ${role} and s.status = 'active' order by s.id`.execute(db);
  return r.rows;
}

export async function staffName(db: DbOrTrx, staffId: number): Promise<{ name: string; roles: string[] } | null> {
  const r = await sql<{ name: string; roles: string[] }>`
    select s.name, coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles
    from staff s left join staff_roles r on r.staff_id = s.id where s.id = ${staffId} group by s.name`.execute(db);
  return r.rows[0] ?? null;
}
