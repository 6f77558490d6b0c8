// SQL of the KPI library, scorecards with their items, and per-person targets.
import { sql, type DbOrTrx } from '../../platform/db';
import type { PerfKpi, PerfScorecard, SaveKpiBody, SaveScorecardBody } from '../../../contracts/performance';

const KPI = sql`
  select k.id, k.code, k.measure, k.params, k.name_zh as "nameZh", k.name_en as "nameEn", k.unit, k.direction, k.period,
         k.description_zh as "descriptionZh", k.description_en as "descriptionEn", k.active
  from perf_kpis k`;

export async function listKpis(db: DbOrTrx, onlyActive = false): Promise<PerfKpi[]> {
  const r = await sql<PerfKpi>`${KPI} ${onlyActive ? sql`where k.active` : sql``} order by k.id`.execute(db);
  return r.rows;
}

export async function kpiById(db: DbOrTrx, id: number): Promise<PerfKpi | null> {
  return (await sql<PerfKpi>`${KPI} where k.id = ${id}`.execute(db)).rows[0] ?? null;
}

export async function kpisByCodes(db: DbOrTrx, codes: string[]): Promise<PerfKpi[]> {
  if (codes.length === 0) return [];
  return (await sql<PerfKpi>`${KPI} where k.code = any(${codes}::text[])`.execute(db)).rows;
}

/** Inserts or, with an id, updates a KPI; returns its id (null: no such id). */
export async function saveKpi(db: DbOrTrx, k: SaveKpiBody, by: number, id?: number): Promise<number | null> {
  const params = JSON.stringify(k.params);
  if (id === undefined) {
    const r = await sql<{ id: number }>`
      insert into perf_kpis (code, measure, params, name_zh, name_en, unit, direction, description_zh, description_en, active, updated_by)
      values (${k.code}, ${k.measure}, ${params}::jsonb, ${k.nameZh}, ${k.nameEn}, ${k.unit}, ${k.direction}, ${k.descriptionZh}, ${k.descriptionEn}, ${k.active}, ${by})
      returning id`.execute(db);
    return r.rows[0]?.id ?? null;
  }
  const r = await sql<{ id: number }>`
    update perf_kpis set code = ${k.code}, measure = ${k.measure}, params = ${params}::jsonb, name_zh = ${k.nameZh}, name_en = ${k.nameEn}, unit = ${k.unit},
      direction = ${k.direction}, description_zh = ${k.descriptionZh}, description_en = ${k.descriptionEn}, active = ${k.active}, updated_by = ${by}, updated_at = now()
    where id = ${id} returning id`.execute(db);
  return r.rows[0]?.id ?? null;
}

/** Idempotent seeding of a KPI: an existing code keeps the bank's edits. */
export async function ensureKpi(db: DbOrTrx, k: SaveKpiBody): Promise<void> {
  await sql`
    insert into perf_kpis (code, measure, params, name_zh, name_en, unit, direction, description_zh, description_en)
    values (${k.code}, ${k.measure}, ${JSON.stringify(k.params)}::jsonb, ${k.nameZh}, ${k.nameEn}, ${k.unit}, ${k.direction}, ${k.descriptionZh}, ${k.descriptionEn})
    on conflict (code) do nothing`.execute(db);
}

type ItemRow = PerfScorecard['items'][number] & { scorecardId: number };

export async function listScorecards(db: DbOrTrx, id?: number): Promise<PerfScorecard[]> {
  const cards = await sql<Omit<PerfScorecard, 'items'>>`
    select id, code, role_code as "roleCode", grade_code as "gradeCode", name_zh as "nameZh", name_en as "nameEn",
           to_char(effective_month, 'YYYY-MM') as "effectiveMonth", active
    from perf_scorecards ${id === undefined ? sql`` : sql`where id = ${id}`} order by role_code, effective_month desc, id`.execute(db);
  if (cards.rows.length === 0) return [];
  const items = await sql<ItemRow>`
    select i.id, i.scorecard_id as "scorecardId", k.code as "kpiCode", i.weight::float8 as weight, i.target_mode as "targetMode",
           i.target_value::float8 as "targetValue", i.rule, i.gate, k.name_zh as "kpiNameZh", k.name_en as "kpiNameEn", k.unit, k.direction
    from perf_scorecard_items i join perf_kpis k on k.id = i.kpi_id
    where i.scorecard_id = any(${cards.rows.map((c) => c.id)}::bigint[]) order by i.sort_order, i.id`.execute(db);
  return cards.rows.map((c) => ({ ...c, items: items.rows.filter((i) => i.scorecardId === c.id).map(({ scorecardId: _s, ...i }) => i) }));
}

export async function scorecardByCode(db: DbOrTrx, code: string): Promise<number | null> {
  return (await sql<{ id: number }>`select id from perf_scorecards where code = ${code}`.execute(db)).rows[0]?.id ?? null;
}

/** Writes a scorecard and replaces its items; kpiIds maps each item's KPI code to its id. */
export async function saveScorecard(db: DbOrTrx, s: SaveScorecardBody, kpiIds: Map<string, number>, by: number | null, id?: number): Promise<number | null> {
  const month = `${s.effectiveMonth}-01`;
  let scorecardId: number | null;
  if (id === undefined) {
    scorecardId = (await sql<{ id: number }>`
      insert into perf_scorecards (code, role_code, grade_code, name_zh, name_en, effective_month, active, updated_by)
      values (${s.code}, ${s.roleCode}, ${s.gradeCode}, ${s.nameZh}, ${s.nameEn}, ${month}::date, ${s.active}, ${by}) returning id`.execute(db)).rows[0]?.id ?? null;
  } else {
    scorecardId = (await sql<{ id: number }>`
      update perf_scorecards set code = ${s.code}, role_code = ${s.roleCode}, grade_code = ${s.gradeCode}, name_zh = ${s.nameZh}, name_en = ${s.nameEn},
        effective_month = ${month}::date, active = ${s.active}, updated_by = ${by}, updated_at = now()
      where id = ${id} returning id`.execute(db)).rows[0]?.id ?? null;
    if (scorecardId !== null) await sql`delete from perf_scorecard_items where scorecard_id = ${scorecardId}`.execute(db);
  }
  if (scorecardId === null) return null;
  let order = 0;
  for (const it of s.items) {
    order += 1;
    await sql`
      insert into perf_scorecard_items (scorecard_id, kpi_id, weight, target_mode, target_value, rule, gate, sort_order)
      values (${scorecardId}, ${kpiIds.get(it.kpiCode) ?? 0}, ${it.weight}, ${it.targetMode}, ${it.targetValue}, ${JSON.stringify(it.rule)}::jsonb,
              ${it.gate ? JSON.stringify(it.gate) : null}::jsonb, ${order})`.execute(db);
  }
  return scorecardId;
}

export async function gradeExists(db: DbOrTrx, code: string): Promise<boolean> {
  return (await sql`select 1 from grade_levels where code = ${code}`.execute(db)).rows.length > 0;
}

export async function staffIdsByNo(db: DbOrTrx, nos: string[]): Promise<Map<string, number>> {
  const r = await sql<{ id: number; staffNo: string }>`select id, staff_no as "staffNo" from staff where staff_no = any(${nos}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.staffNo, x.id]));
}

export async function upsertTargets(db: DbOrTrx, month: string, rows: Array<{ staffId: number; kpiId: number; target: number }>, by: number): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    insert into perf_targets (staff_id, kpi_id, month, target, updated_by)
    select x.staff_id, x.kpi_id, ${month}::date, x.target, ${by}
    from unnest(${rows.map((t) => t.staffId)}::bigint[], ${rows.map((t) => t.kpiId)}::bigint[], ${rows.map((t) => t.target)}::numeric[]) as x(staff_id, kpi_id, target)
    on conflict (month, kpi_id, staff_id) do update set target = excluded.target, updated_by = excluded.updated_by, updated_at = now()`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
