// SQL of the service-level alerts: the waiting tickets past the warn share of their level whose
// alert has not gone out yet, and the record that it did (lobby_tickets.sla_alerted).
import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db';

export type SlaCandidate = {
  id: number; branchId: number; number: string; zoneCode: string; zoneNameZh: string; zoneNameEn: string;
  slaMinutes: number; slaAlerted: number; priority: boolean; waitedMinutes: number;
};

/**
 * Today's waiting tickets of every outlet past `warnShare` of their level and not yet alerted at
 * 100%, locked for the caller's transaction (another run skips them rather than waiting).
 */
export async function slaCandidates(db: DbOrTrx, warnShare: number): Promise<SlaCandidate[]> {
  const r = await sql<SlaCandidate>`
    select t.id, t.branch_id as "branchId", t.number, z.code as "zoneCode", z.name_zh as "zoneNameZh", z.name_en as "zoneNameEn",
           t.sla_minutes as "slaMinutes", t.sla_alerted as "slaAlerted", t.priority,
           (extract(epoch from now() - t.arrived_at) / 60)::float8 as "waitedMinutes"
    from lobby_tickets t join lobby_zones z on z.id = t.zone_id
    where t.status = 'waiting' and t.day = current_date and t.sla_alerted < 100
      and t.arrived_at <= now() - make_interval(secs => t.sla_minutes * 60 * ${warnShare}::float8)
    order by t.branch_id, t.arrived_at, t.id
    for update of t skip locked`.execute(db);
  return r.rows;
}

/** Records the alerts sent, in one statement; returns the tickets whose level actually went up. */
export async function markSlaAlerted(db: DbOrTrx, items: readonly { id: number; level: number }[]): Promise<Set<number>> {
  if (items.length === 0) return new Set();
  const r = await sql<{ id: number }>`
    update lobby_tickets t set sla_alerted = x.level
    from unnest(${items.map((i) => i.id)}::bigint[], ${items.map((i) => i.level)}::smallint[]) as x(id, level)
    where t.id = x.id and t.sla_alerted < x.level
    returning t.id`.execute(db);
  return new Set(r.rows.map((x) => Number(x.id)));
}

/** A transferred ticket keeps the alerts its original already had. */
export async function copySlaAlerted(db: DbOrTrx, fromId: number, toId: number): Promise<void> {
  await sql`update lobby_tickets t set sla_alerted = f.sla_alerted from lobby_tickets f where f.id = ${fromId} and t.id = ${toId}`.execute(db);
}

/** Active staff holding a role at any of the outlets. */
export async function staffWithRoleAt(db: DbOrTrx, branchIds: readonly number[], role: string): Promise<{ branchId: number; staffId: number }[]> {
  if (branchIds.length === 0) return [];
  const r = await sql<{ branchId: number; staffId: number }>`
    select s.branch_id as "branchId", s.id as "staffId" from staff s join staff_roles r on r.staff_id = s.id
    where s.branch_id = any(${branchIds}::bigint[]) and r.role = ${role} and s.status = 'active' order by s.id`.execute(db);
  return r.rows;
}
