// Inspections by a mystery shopper or a supervisor: a checklist drawn from the standards, a score
// per item (0–5), photos stored in the database, findings and corrective actions; and the scores
// by branch and staff over time.
import type {
  ComplaintFileQuery, InspectionBody, InspectionDetail, InspectionListQuery, InspectionScores, InspectionScoresQuery, InspectionSummary,
} from '../../../contracts/quality';
import { requireScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as repo from './inspections.repository';
import { addDays } from './complaints.rules';
import { fileProblem, normalType } from './quality.files';
import { shanghaiToday } from './quality.common';
import { inspectionScore } from './standards.rules';

const INSPECTION = { zh: '检查记录', en: 'inspection' };
const BRANCH = { zh: '机构', en: 'branch' };
const PHOTO = { zh: '照片', en: 'photo' };
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

export async function listInspections(ctx: AppContext, p: Principal, q: InspectionListQuery) {
  const { rows, total } = await repo.listInspections(ctx.db, requireScope(p, 'inspections.read'), q);
  return { items: rows as InspectionSummary[], total, page: q.page, pageSize: q.pageSize };
}

export async function inspectionDetail(ctx: AppContext, p: Principal, id: number): Promise<InspectionDetail> {
  const i = await repo.inspectionById(ctx.db, requireScope(p, 'inspections.read'), id);
  if (!i) throw notFound(INSPECTION);
  const [items, photoFiles] = await Promise.all([repo.inspectionItems(ctx.db, id), repo.listPhotos(ctx.db, id)]);
  return { ...i, items, photoFiles };
}

export async function createInspection(ctx: AppContext, actor: Actor, p: Principal, body: InspectionBody): Promise<InspectionDetail> {
  const scope = requireScope(p, 'inspections.perform');
  if (!(await repo.branchInScope(ctx.db, scope, body.branchId))) throw notFound(BRANCH);
  if (body.inspectedOn > shanghaiToday()) {
    const m = { zh: '检查日期不能晚于今天', en: 'The inspection date cannot be after today' };
    throw badRequest('FUTURE_DATE', m.zh, m.en, [{ path: 'inspectedOn', ...m }]);
  }
  const ids = body.items.map((i) => i.standardId);
  if (new Set(ids).size !== ids.length) {
    const m = { zh: '同一服务标准只能评分一次', en: 'Each standard can be scored once' };
    throw badRequest('DUPLICATE_ITEM', m.zh, m.en, [{ path: 'items', ...m }]);
  }
  const known = await repo.standardIdsActive(ctx.db, ids);
  const unknown = body.items.findIndex((i) => !known.has(i.standardId));
  if (unknown >= 0) {
    const m = { zh: '服务标准不存在或已停用', en: 'The service standard does not exist or is no longer used' };
    throw badRequest('UNKNOWN_STANDARD', m.zh, m.en, [{ path: `items.${unknown}.standardId`, ...m }]);
  }
  if (body.staffId !== undefined && !(await repo.staffAtBranch(ctx.db, body.staffId, body.branchId))) {
    const m = { zh: '被检查员工不属于该机构', en: 'That staff member does not work at this branch' };
    throw badRequest('STAFF_NOT_AT_BRANCH', m.zh, m.en, [{ path: 'staffId', ...m }]);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertInspection(trx, {
      branchId: body.branchId, kind: body.kind, inspectedOn: body.inspectedOn, staffId: body.staffId ?? null, inspectorStaffId: p.staffId,
      inspectorName: body.inspectorName, score: inspectionScore(body.items), findings: body.findings, correctiveActions: body.correctiveActions,
    }, body.items);
    await audit(trx, actor, { action: 'inspection.create', entityType: 'inspection', entityId: id, branchId: body.branchId, detail: { kind: body.kind, items: body.items.length } });
    return id;
  });
  return inspectionDetail(ctx, p, id);
}

export async function addPhoto(ctx: AppContext, actor: Actor, p: Principal, id: number, q: ComplaintFileQuery, contentType: string | undefined, data: Buffer | null): Promise<InspectionDetail> {
  const problem = fileProblem(contentType, data, PHOTO_TYPES);
  if (problem) throw new AppError(problem.status, problem.code, problem.zh, problem.en);
  const i = await repo.inspectionById(ctx.db, requireScope(p, 'inspections.perform'), id);
  if (!i) throw notFound(INSPECTION);
  await ctx.db.transaction().execute(async (trx) => {
    const fileId = await repo.insertPhoto(trx, { inspectionId: id, fileName: q.fileName, contentType: normalType(contentType), data: data!, staffId: p.staffId });
    await audit(trx, actor, { action: 'inspection.photo', entityType: 'inspection', entityId: id, branchId: i.branchId, detail: { fileId, fileName: q.fileName } });
  });
  return inspectionDetail(ctx, p, id);
}

export async function downloadPhoto(ctx: AppContext, actor: Actor, p: Principal, id: number, fileId: number) {
  const i = await repo.inspectionById(ctx.db, requireScope(p, 'inspections.read'), id);
  if (!i) throw notFound(INSPECTION);
  const f = await repo.photoData(ctx.db, id, fileId);
  if (!f) throw notFound(PHOTO);
  await audit(ctx.db, actor, { action: 'inspection.photo.download', entityType: 'inspection', entityId: id, branchId: i.branchId, detail: { fileId } });
  return f;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(`${m}-28`, 4).slice(0, 7)) out.push(m);
  return out;
}

const SERIES = 8;

export async function inspectionScores(ctx: AppContext, p: Principal, q: InspectionScoresQuery): Promise<InspectionScores> {
  const scope = requireScope(p, 'inspections.read');
  const today = shanghaiToday();
  const from = q.from ?? `${addDays(today, -180).slice(0, 7)}-01`;
  const to = q.to ?? today;
  if (from > to) throw badRequest('BAD_RANGE', '开始日期不能晚于结束日期', 'The start date must not be after the end date', [{ path: 'from', zh: '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' }]);
  const [rows, byDimension] = await Promise.all([repo.scoresByMonth(ctx.db, scope, { from, to, groupBy: q.groupBy }), repo.scoresByDimension(ctx.db, scope, { from, to })]);
  const months = monthsBetween(from, to);
  const groups = new Map<number, { name: string; points: Map<string, string>; n: number; sum: number }>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { name: r.name, points: new Map(), n: 0, sum: 0 };
    g.points.set(r.month, r.mean);
    g.n += r.n;
    g.sum += Number(r.mean) * r.n;
    groups.set(r.key, g);
  }
  const series = [...groups.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[0] - b[0])
    .slice(0, SERIES)
    .map(([key, g]) => ({ key, name: g.name, points: months.map((m) => (g.points.has(m) ? Number(g.points.get(m)) : null)), mean: (g.sum / g.n).toFixed(2) }));
  return { groupBy: q.groupBy, months, series, byDimension };
}
