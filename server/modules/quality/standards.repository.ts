// SQL of the service-standard library and its inspection dimensions.
import { sql, type DbOrTrx } from '../../platform/db';
import type { InspectionDimension, SaveStandardBody } from '../../../contracts/quality';

export type StandardSeed = {
  code: string; serviceStep: string; stepOrder: number; dimensionCode: string; keyElement: string; specific: string; measurable: string;
  achievable: string; relevant: string; timeBound: string; timeLimitSeconds: number | null; source: string;
};

export async function insertStandardsReference(
  db: DbOrTrx,
  dimensions: readonly { code: string; side: string; nameZh: string; nameEn: string; sortOrder: number }[],
  standards: readonly StandardSeed[],
): Promise<void> {
  await db
    .insertInto('inspection_dimensions')
    .values(dimensions.map((d) => ({ code: d.code, side: d.side, name_zh: d.nameZh, name_en: d.nameEn, sort_order: d.sortOrder })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('service_standards')
    .values(standards.map((s) => ({
      code: s.code, service_step: s.serviceStep, step_order: s.stepOrder, dimension_code: s.dimensionCode, key_element: s.keyElement, specific: s.specific,
      measurable: s.measurable, achievable: s.achievable, relevant: s.relevant, time_bound: s.timeBound, time_limit_seconds: s.timeLimitSeconds, source: s.source,
    })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function listDimensions(db: DbOrTrx): Promise<InspectionDimension[]> {
  const rows = await db.selectFrom('inspection_dimensions').select(['code', 'side', 'name_zh as nameZh', 'name_en as nameEn', 'sort_order as sortOrder']).orderBy('sort_order').execute();
  return rows.map((r) => ({ ...r, side: r.side as InspectionDimension['side'] }));
}

export type StandardRow = {
  id: number; code: string; serviceStep: string; stepOrder: number; dimensionCode: string; keyElement: string; specific: string; measurable: string;
  achievable: string; relevant: string; timeBound: string; timeLimitSeconds: number | null; reviewedOn: string | null; reviewNote: string; source: string; active: boolean;
};

const COLS = sql`
  select id, code, service_step as "serviceStep", step_order as "stepOrder", dimension_code as "dimensionCode", key_element as "keyElement",
         specific, measurable, achievable, relevant, time_bound as "timeBound", time_limit_seconds as "timeLimitSeconds", reviewed_on as "reviewedOn",
         review_note as "reviewNote", source, active
  from service_standards`;

export async function listStandards(db: DbOrTrx, activeOnly = false): Promise<StandardRow[]> {
  const r = await sql<StandardRow>`${COLS} ${activeOnly ? sql`where active` : sql``} order by step_order, code`.execute(db);
  return r.rows;
}

export async function standardById(db: DbOrTrx, id: number): Promise<StandardRow | null> {
  const r = await sql<StandardRow>`${COLS} where id = ${id}`.execute(db);
  return r.rows[0] ?? null;
}

export async function dimensionExists(db: DbOrTrx, code: string): Promise<boolean> {
  return !!(await db.selectFrom('inspection_dimensions').select('code').where('code', '=', code).executeTakeFirst());
}

function values(b: SaveStandardBody) {
  return {
    service_step: b.serviceStep, step_order: b.stepOrder, dimension_code: b.dimensionCode, key_element: b.keyElement, specific: b.specific,
    measurable: b.measurable, achievable: b.achievable, relevant: b.relevant, time_bound: b.timeBound, time_limit_seconds: b.timeLimitSeconds,
    reviewed_on: b.reviewedOn, review_note: b.reviewNote, active: b.active,
  };
}

export async function insertStandard(db: DbOrTrx, b: SaveStandardBody): Promise<number> {
  const r = await db.insertInto('service_standards').values({ code: b.code, source: 'custom', ...values(b) }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStandard(db: DbOrTrx, id: number, b: SaveStandardBody): Promise<boolean> {
  const r = await db.updateTable('service_standards').set({ code: b.code, ...values(b), updated_at: sql<Date>`now()` }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
