// Use cases of the productivity contest's definition: the KPI choices, list and detail, create and
// edit (head office for the bank, a branch or wealth-centre head for their sub-tree), publish, close
// and freeze. The board itself lives in contests-board.service.ts.
import type { ContestDetail, ContestKpi, ContestListQuery, ContestSummary, SaveContestBody } from '../../../contracts/contests';
import { requireScope, scopeCoversBranch, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict } from '../../platform/errors';
import { listKpis } from './perf-kpis.service';
import { definitionProblems } from './contest-scoring';
import { refreshContest } from './contests-board.service';
import * as repo from './contests.repository';
import { covers, managedContest, visibleContest } from './contests.access';

export async function contestKpis(db: DbOrTrx): Promise<ContestKpi[]> {
  return listKpis(db);
}

export function summaryOf(c: repo.ContestRow, p: Principal): ContestSummary {
  return {
    id: c.id, name: c.name, periodFrom: c.periodFrom, periodTo: c.periodTo, status: c.status, mode: c.mode, ownerBranchId: c.branchId, ownerBranchName: c.branchName,
    metrics: c.metrics.map((m) => ({ kpiCode: m.kpiCode, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit, direction: m.direction, weight: m.weight })),
    participants: c.participants, version: c.version, refreshedAt: c.refreshedAt?.toISOString() ?? null, canManage: covers(scopeOf(p, 'contests.manage'), c),
  };
}

export async function listContests(ctx: AppContext, p: Principal, q: ContestListQuery) {
  if (!scopeOf(p, 'contests.read') && !scopeOf(p, 'contests.manage')) requireScope(p, 'contests.read');
  const { rows, total } = await repo.listContests(ctx.db, { status: q.status, manage: scopeOf(p, 'contests.manage'), page: q.page, pageSize: q.pageSize });
  return { items: rows.map((c) => summaryOf(c, p)), total, page: q.page, pageSize: q.pageSize };
}

export async function getContest(ctx: AppContext, p: Principal, id: number): Promise<ContestDetail> {
  const c = await visibleContest(ctx.db, p, id);
  const branches = await repo.branchesByIds(ctx.db, c.participantBranchIds);
  return {
    ...summaryOf(c, p), description: c.description, participantRoles: c.participantRoles as ContestDetail['participantRoles'],
    participantBranches: branches.map((b) => ({ id: b.id, name: b.name })), rules: c.rules, prizes: c.prizes, createdByName: c.createdByName,
    frozenAt: c.frozenAt?.toISOString() ?? null,
  };
}

/** Checks a definition against the KPI library and the caller's reach; returns the metrics to store. */
async function checked(db: DbOrTrx, p: Principal, body: SaveContestBody) {
  const scope = requireScope(p, 'contests.manage');
  const kpis = await listKpis(db);
  const problems = definitionProblems(body, new Set(kpis.map((k) => k.code)));
  if (problems.length) throw badRequest('BAD_CONTEST', `竞赛设置有误：${problems[0]!.zh}`, `The contest is not valid: ${problems[0]!.en}`, problems);
  const ids = [...new Set(body.participantBranchIds)];
  const branches = await repo.branchesByIds(db, ids);
  if (branches.length !== ids.length) {
    const m = { zh: '参赛机构不存在', en: 'A participating branch does not exist' };
    throw badRequest('UNKNOWN_BRANCH', m.zh, m.en, [{ path: 'participantBranchIds', ...m }]);
  }
  const outside = branches.filter((b) => !scopeCoversBranch(scope, b));
  if (outside.length) {
    throw new AppError(403, 'OUTSIDE_REACH', `只能为本机构及下辖机构设立竞赛：${outside.map((b) => b.name).join('、')}不在您的管辖范围内`,
      `You may set contests up only for your own branches: ${outside.map((b) => b.name).join(', ')} is outside your reach`);
  }
  const byCode = new Map(kpis.map((k) => [k.code, k]));
  const metrics = body.metrics.map((m) => {
    const k = byCode.get(m.kpiCode)!;
    return { kpiCode: m.kpiCode, weight: m.weight, nameZh: k.nameZh, nameEn: k.nameEn, unit: k.unit, direction: k.direction };
  });
  return { write: { ...body, participantBranchIds: ids, participantRoles: [...new Set(body.participantRoles)] }, metrics };
}

export async function createContest(ctx: AppContext, actor: Actor, p: Principal, body: SaveContestBody): Promise<ContestDetail> {
  const { write, metrics } = await checked(ctx.db, p, body);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertContest(trx, { ...write, branchId: p.branchId, createdBy: p.staffId });
    await repo.replaceMetrics(trx, id, metrics);
    await audit(trx, actor, { action: 'contest.create', entityType: 'contest', entityId: id, branchId: p.branchId, detail: { name: body.name, metrics: body.metrics } });
    return id;
  });
  return getContest(ctx, p, id);
}

export async function updateContest(ctx: AppContext, actor: Actor, p: Principal, id: number, body: SaveContestBody): Promise<ContestDetail> {
  const { write, metrics } = await checked(ctx.db, p, body);
  await ctx.db.transaction().execute(async (trx) => {
    const c = await managedContest(trx, p, id, true);
    if (c.status === 'closed' || c.status === 'frozen') throw conflict('CONTEST_ENDED', '竞赛已结束，不能再修改', 'The contest has ended: it can no longer be changed');
    await repo.updateContest(trx, id, write);
    await repo.replaceMetrics(trx, id, metrics);
    await audit(trx, actor, { action: 'contest.update', entityType: 'contest', entityId: id, branchId: c.branchId, detail: { name: body.name, metrics: body.metrics } });
  });
  const after = await repo.contestById(ctx.db, id);
  if (after?.status === 'live') await refreshContest(ctx, id);
  return getContest(ctx, p, id);
}

type Transition = 'publish' | 'close' | 'freeze';
const FROM: Record<Transition, string[]> = { publish: ['draft'], close: ['live'], freeze: ['live', 'closed'] };

/** publish: draft → live (the board is computed at once); close: live → closed after a last refresh; freeze: results copied, exportable. */
export async function transition(ctx: AppContext, actor: Actor, p: Principal, id: number, action: Transition): Promise<ContestDetail> {
  const c = await managedContest(ctx.db, p, id);
  if (!FROM[action].includes(c.status)) {
    throw conflict('BAD_STATUS', `竞赛当前状态为「${c.status}」，不能执行此操作`, `The contest is ${c.status}: this cannot be done now`);
  }
  if (action === 'publish') {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.setStatus(trx, id, 'live', p.staffId);
      await audit(trx, actor, { action: 'contest.publish', entityType: 'contest', entityId: id, branchId: c.branchId });
    });
    await refreshContest(ctx, id);
    return getContest(ctx, p, id);
  }
  if (c.status === 'live') await refreshContest(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const now = await repo.contestById(trx, id, true);
    if (!now || !FROM[action].includes(now.status)) throw conflict('BAD_STATUS', '竞赛状态已变化，请刷新后重试', 'The contest changed meanwhile: reload and try again');
    if (action === 'freeze') await repo.freezeResults(trx, id);
    await repo.setStatus(trx, id, action === 'close' ? 'closed' : 'frozen', p.staffId);
    await audit(trx, actor, { action: `contest.${action}`, entityType: 'contest', entityId: id, branchId: c.branchId, detail: { version: now.version } });
  });
  return getContest(ctx, p, id);
}
