// SQL of the demo lobby: what the generator needs to know about the outlets, and columnar bulk inserts.
import { sql } from 'kysely';
import type { Trx } from '../platform/db';

export type SeedZone = { id: number; branchId: number; code: string; kind: string; prefix: string; priorityPrefix: string };
export type SeedCounter = { id: number; branchId: number; zoneId: number; zoneKind: string };
export type SeedTeller = { staffId: number; branchId: number; role: string };

export async function loadLobbyLayout(trx: Trx): Promise<{ zones: SeedZone[]; counters: SeedCounter[]; staff: SeedTeller[] }> {
  const zones = await sql<SeedZone>`
    select id, branch_id as "branchId", code, kind, prefix, priority_prefix as "priorityPrefix" from lobby_zones where active order by branch_id, id`.execute(trx);
  const counters = await sql<SeedCounter>`
    select c.id, c.branch_id as "branchId", c.zone_id as "zoneId", z.kind as "zoneKind" from lobby_counters c join lobby_zones z on z.id = c.zone_id order by c.id`.execute(trx);
  const staff = await sql<SeedTeller>`
    select s.id as "staffId", s.branch_id as "branchId", r.role from staff s join staff_roles r on r.staff_id = s.id
    where s.status = 'active' and r.role in ('cash_teller', 'noncash_teller', 'wealth_rm') order by s.id`.execute(trx);
  return { zones: zones.rows, counters: counters.rows, staff: staff.rows };
}

export type TicketColumns = {
  day: string[]; branchId: number[]; number: string[]; zoneId: number[]; businessCode: string[]; status: string[]; channel: string[];
  tierCode: (string | null)[]; tierRank: number[]; priority: boolean[]; arrivedAt: string[]; calledAt: (string | null)[]; servingAt: (string | null)[];
  finishedAt: (string | null)[]; counterId: (number | null)[]; slaMinutes: number[];
};

/**
 * Rows travel as one tab-separated text parameter split in SQL: several times faster than one array
 * parameter per column (the timestamp arrays' parsing dominated). Values never hold tabs or newlines.
 */
function tsv(columns: readonly (readonly (string | number | boolean | null)[])[]): string {
  const n = columns[0]?.length ?? 0;
  const lines: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) lines[i] = columns.map((c) => (c[i] === null ? '' : String(c[i]))).join('\t');
  return lines.join('\n');
}

export async function insertTicketColumns(trx: Trx, c: TicketColumns): Promise<number> {
  if (c.day.length === 0) return 0;
  const text = tsv([c.day, c.branchId, c.number, c.zoneId, c.businessCode, c.status, c.channel, c.tierCode, c.tierRank, c.priority, c.arrivedAt, c.calledAt, c.servingAt, c.finishedAt, c.counterId, c.slaMinutes]);
  const r = await sql`
    insert into lobby_tickets (day, branch_id, number, zone_id, business_code, status, channel, tier_code, tier_rank, priority, arrived_at, queued_at,
                               called_at, serving_at, finished_at, counter_id, sla_minutes, business_done)
    select f[1]::date, f[2]::bigint, f[3], f[4]::bigint, f[5], f[6], f[7], nullif(f[8], ''), f[9]::int, f[10]::boolean, f[11]::timestamptz, f[11]::timestamptz,
           nullif(f[12], '')::timestamptz, nullif(f[13], '')::timestamptz, nullif(f[14], '')::timestamptz, nullif(f[15], '')::bigint, f[16]::int,
           case when f[6] = 'done' then array[f[5]] else '{}'::text[] end
    from (select string_to_array(l, E'\t') as f from regexp_split_to_table(${text}, E'\n') as l) x`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export async function insertGuidanceColumns(trx: Trx, g: { branchId: number[]; day: string[]; kind: string[]; businessCode: (string | null)[]; at: string[] }): Promise<number> {
  if (g.day.length === 0) return 0;
  const text = tsv([g.branchId, g.day, g.kind, g.businessCode, g.at]);
  const r = await sql`
    insert into lobby_guidance (branch_id, day, kind, business_code, at)
    select f[1]::bigint, f[2]::date, f[3], nullif(f[4], ''), f[5]::timestamptz
    from (select string_to_array(l, E'\t') as f from regexp_split_to_table(${text}, E'\n') as l) x`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Today's numbers continue after the seeded tickets; open counters get their teller and ticket. */
export async function finishToday(
  trx: Trx,
  numbers: { branchId: number; day: string; prefix: string; last: number }[],
  counters: { id: number; staffId: number | null }[],
  today: string,
): Promise<void> {
  if (numbers.length > 0) {
    await sql`
      insert into lobby_ticket_numbers (branch_id, day, prefix, last)
      select * from unnest(${numbers.map((n) => n.branchId)}::bigint[], ${numbers.map((n) => n.day)}::date[], ${numbers.map((n) => n.prefix)}::text[],
                           ${numbers.map((n) => n.last)}::int[])
      on conflict (branch_id, day, prefix) do update set last = greatest(lobby_ticket_numbers.last, excluded.last)`.execute(trx);
  }
  if (counters.length > 0) {
    await sql`
      update lobby_counters c set status = 'open', staff_id = x.staff_id, updated_at = now()
      from unnest(${counters.map((c) => c.id)}::bigint[], ${counters.map((c) => c.staffId)}::bigint[]) as x(id, staff_id)
      where c.id = x.id`.execute(trx);
  }
  // A ticket being served today occupies its counter.
  await sql`
    update lobby_counters c set current_ticket_id = t.id
    from lobby_tickets t
    where t.counter_id = c.id and t.day = ${today}::date and t.status in ('called', 'serving')`.execute(trx);
}
