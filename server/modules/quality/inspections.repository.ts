// SQL of inspections (mystery shopper or supervisor), their items and photos, the scores over time,
// and the team evaluation's ratings and feedback.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { ComplaintFile, InspectionSummary } from '../../../contracts/quality';

type SummaryRow = Omit<InspectionSummary, 'kind'> & { kind: InspectionSummary['kind'] };

const SUMMARY = sql`
  select i.id, i.branch_id as "branchId", b.name as "branchName", i.kind, i.inspected_on as "inspectedOn", i.staff_id as "staffId", s.name as "staffName",
         coalesce(nullif(i.inspector_name, ''), x.name, '') as "inspectorName", i.score::text as score,
         (select count(*)::int from inspection_photos p where p.inspection_id = i.id) as photos
  from inspections i join branches b on b.id = i.branch_id left join staff s on s.id = i.staff_id left join staff x on x.id = i.inspector_staff_id`;

export async function listInspections(db: DbOrTrx, scope: DataScope, f: { branchId?: number; page: number; pageSize: number }): Promise<{ rows: SummaryRow[]; total: number }> {
  const where = sql`${scopeSql(scope, { branch: 'i.branch_id' })} ${f.branchId ? sql`and i.branch_id = ${f.branchId}` : sql``}`;
  const [rows, total] = await Promise.all([
    sql<SummaryRow>`${SUMMARY} where ${where} order by i.inspected_on desc, i.id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from inspections i where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function inspectionById(db: DbOrTrx, scope: DataScope, id: number): Promise<(SummaryRow & { findings: string; correctiveActions: string }) | null> {
  const r = await sql<SummaryRow & { findings: string; correctiveActions: string }>`
    select q.*, i.findings, i.corrective_actions as "correctiveActions" from (${SUMMARY} where i.id = ${id} and ${scopeSql(scope, { branch: 'i.branch_id' })}) q
    join inspections i on i.id = q.id`.execute(db);
  return r.rows[0] ?? null;
}

export async function inspectionItems(db: DbOrTrx, id: number) {
  const r = await sql<{ standardId: number; code: string; serviceStep: string; dimensionCode: string; specific: string; score: number; note: string }>`
    select it.standard_id as "standardId", st.code, st.service_step as "serviceStep", st.dimension_code as "dimensionCode", st.specific, it.score, it.note
    from inspection_items it join service_standards st on st.id = it.standard_id where it.inspection_id = ${id} order by st.step_order, st.code`.execute(db);
  return r.rows;
}

export async function insertInspection(
  db: DbOrTrx,
  w: { branchId: number; kind: string; inspectedOn: string; staffId: number | null; inspectorStaffId: number; inspectorName: string; score: string; findings: string; correctiveActions: string },
  items: readonly { standardId: number; score: number; note: string }[],
): Promise<number> {
  const r = await db
    .insertInto('inspections')
    .values({
      branch_id: w.branchId, kind: w.kind, inspected_on: w.inspectedOn, staff_id: w.staffId, inspector_staff_id: w.inspectorStaffId, inspector_name: w.inspectorName,
      score: w.score, findings: w.findings, corrective_actions: w.correctiveActions,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_items').values(items.map((i) => ({ inspection_id: r.id, standard_id: i.standardId, score: i.score, note: i.note }))).execute();
  return r.id;
}

export async function standardIdsActive(db: DbOrTrx, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await sql<{ id: number }>`select id from service_standards where active and id = any(${[...ids]}::bigint[])`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

export async function staffAtBranch(db: DbOrTrx, staffId: number, branchId: number): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from staff where id = ${staffId} and branch_id = ${branchId}`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

// ---- photos ----------------------------------------------------------------------------------

export async function insertPhoto(db: DbOrTrx, f: { inspectionId: number; fileName: string; contentType: string; data: Buffer; staffId: number }): Promise<number> {
  const r = await db
    .insertInto('inspection_photos')
    .values({ inspection_id: f.inspectionId, file_name: f.fileName, content_type: f.contentType, size_bytes: f.data.length, data: f.data, uploaded_by: f.staffId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listPhotos(db: DbOrTrx, inspectionId: number): Promise<ComplaintFile[]> {
  const r = await sql<Omit<ComplaintFile, 'uploadedAt'> & { uploadedAt: Date }>`
    select p.id, p.file_name as "fileName", p.content_type as "contentType", p.size_bytes as "sizeBytes", p.uploaded_at as "uploadedAt", s.name as "uploadedByName"
    from inspection_photos p left join staff s on s.id = p.uploaded_by where p.inspection_id = ${inspectionId} order by p.id`.execute(db);
  return r.rows.map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt).toISOString() }));
}

export async function photoData(db: DbOrTrx, inspectionId: number, fileId: number): Promise<{ fileName: string; contentType: string; data: Buffer } | null> {
  const r = await db.selectFrom('inspection_photos').select(['file_name as fileName', 'content_type as contentType', 'data'])
    .where('inspection_id', '=', inspectionId).where('id', '=', fileId).executeTakeFirst();
  return r ? { ...r, data: Buffer.from(r.data) } : null;
}

// ---- scores over time -----------------------------------------------------------------------

export async function scoresByMonth(db: DbOrTrx, scope: DataScope, f: { from: string; to: string; groupBy: 'branch' | 'staff' }) {
  const key = f.groupBy === 'branch' ? sql`i.branch_id` : sql`i.staff_id`;
  const name = f.groupBy === 'branch' ? sql`b.name` : sql`s.name`;
  const r = await sql<{ key: number; name: string; month: string; mean: string; n: number }>`
    select ${key} as key, ${name} as name, to_char(i.inspected_on, 'YYYY-MM') as month, round(avg(i.score), 2)::text as mean, count(*)::int as n
    from inspections i join branches b on b.id = i.branch_id left join staff s on s.id = i.staff_id
    where i.inspected_on between ${f.from}::date and ${f.to}::date and ${scopeSql(scope, { branch: 'i.branch_id' })} and ${key} is not null
    group by 1, 2, 3 order by 1, 3`.execute(db);
  return r.rows;
}

/** Mean item score per dimension, as a percentage of the 5 points an item can get. */
export async function scoresByDimension(db: DbOrTrx, scope: DataScope, f: { from: string; to: string }) {
  const r = await sql<{ code: string; nameZh: string; nameEn: string; side: string; meanScore: string }>`
    select d.code, d.name_zh as "nameZh", d.name_en as "nameEn", d.side, round(avg(it.score) * 20, 2)::text as "meanScore"
    from inspection_items it join inspections i on i.id = it.inspection_id join service_standards st on st.id = it.standard_id
    join inspection_dimensions d on d.code = st.dimension_code
    where i.inspected_on between ${f.from}::date and ${f.to}::date and ${scopeSql(scope, { branch: 'i.branch_id' })}
    group by d.code, d.name_zh, d.name_en, d.side, d.sort_order order by d.sort_order`.execute(db);
  return r.rows;
}

// ---- team evaluation ------------------------------------------------------------------------

/** Outlets (teams) in scope with their complaint figures for the month and the teamwork ratings. */
export async function teamFigures(db: DbOrTrx, scope: DataScope, period: string) {
  const from = `${period}-01`;
  const r = await sql<{ branchId: number; branchName: string; complaints: number; decided: number; onTime: number; meanDays: number | null; teamwork: number | null; ratings: number }>`
    select b.id as "branchId", b.name as "branchName",
           (select count(*)::int from complaints c where c.branch_id = b.id and c.accepted_on >= ${from}::date and c.accepted_on < (${from}::date + interval '1 month')) as complaints,
           coalesce(k.decided, 0) as decided, coalesce(k.on_time, 0) as "onTime", k.mean_days as "meanDays",
           t.teamwork, coalesce(t.n, 0) as ratings
    from branches b
    left join lateral (
      select count(*)::int as decided, count(*) filter (where c.decided_on <= c.due_on)::int as on_time, avg(c.decided_on - c.accepted_on)::float8 as mean_days
      from complaints c where c.branch_id = b.id and c.decided_on >= ${from}::date and c.decided_on < (${from}::date + interval '1 month')
    ) k on true
    left join lateral (select round(avg(r.score), 2)::float8 as teamwork, count(*)::int as n from team_ratings r where r.branch_id = b.id and r.period = ${period}) t on true
    where b.level in ('sub_branch', 'outlet') and b.status = 'open' and ${scopeSql(scope, { branch: 'b.id' })}
    order by b.code limit 500`.execute(db);
  return r.rows;
}

export async function teamFeedback(db: DbOrTrx, branchIds: readonly number[], period: string) {
  if (branchIds.length === 0) return [];
  const r = await sql<{ id: number; branchId: number; note: string; staffName: string | null; at: Date }>`
    select f.id, f.branch_id as "branchId", f.note, s.name as "staffName", f.created_at as at
    from team_feedback f left join staff s on s.id = f.staff_id where f.branch_id = any(${[...branchIds]}::bigint[]) and f.period = ${period} order by f.id`.execute(db);
  return r.rows;
}

export async function upsertRating(db: DbOrTrx, w: { branchId: number; period: string; raterStaffId: number; raterKind: string; score: number; note: string }): Promise<void> {
  await db
    .insertInto('team_ratings')
    .values({ branch_id: w.branchId, period: w.period, rater_staff_id: w.raterStaffId, rater_kind: w.raterKind, score: w.score, note: w.note })
    .onConflict((oc) => oc.columns(['branch_id', 'period', 'rater_staff_id']).doUpdateSet({ rater_kind: w.raterKind, score: w.score, note: w.note }))
    .execute();
}

export async function insertFeedback(db: DbOrTrx, w: { branchId: number; period: string; note: string; staffId: number }): Promise<number> {
  const r = await db.insertInto('team_feedback').values({ branch_id: w.branchId, period: w.period, note: w.note, staff_id: w.staffId }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function branchInScope(db: DbOrTrx, scope: DataScope, branchId: number): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from branches b where b.id = ${branchId} and ${scopeSql(scope, { branch: 'b.id' })}`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}
