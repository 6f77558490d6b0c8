// Campaigns: a head-office or branch user builds a segment, sees its size live, and launches it as
// one task per customer for the customer's RM. Only customers who consented to the channel are in
// a segment (PIPL), and only those inside the launcher's scope.
import type { Campaign, CampaignBody, LaunchResult, SegmentFilters, SegmentPreview } from '../../../contracts/growth';
import { requireScope, type DataScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { createTasks } from './engagement-tasks.service';
import * as repo from './growth-campaigns.repository';
import { branchesInScope } from './growth-scope.repository';
import { segmentProblems, segmentSpec, shanghaiDay, type SegmentSpec } from './growth.rules';

const CAMPAIGN = { zh: '营销活动', en: 'campaign' };

/** A validated segment inside the caller's scope; a branch outside it is refused, not silently dropped. */
export async function checkedSegment(db: DbOrTrx, scope: DataScope, f: SegmentFilters): Promise<SegmentSpec> {
  const problems = segmentProblems(f);
  if (problems.length) throw new AppError(400, 'BAD_SEGMENT', `客群条件有误：${problems[0].zh}`, `The segment is not valid: ${problems[0].en}`, problems);
  const ids = [...new Set(f.branchIds ?? [])];
  if (ids.length) {
    const inside = await branchesInScope(db, scope, ids);
    if (inside.length !== ids.length) {
      const msg = { zh: '所选机构不在您的管辖范围内', en: 'A chosen branch is outside your scope' };
      throw badRequest('BRANCH_OUT_OF_SCOPE', msg.zh, msg.en, [{ path: 'filters.branchIds', ...msg }]);
    }
  }
  return segmentSpec(f, shanghaiDay(), new Date());
}

export async function previewSegment(ctx: AppContext, p: Principal, filters: SegmentFilters, permission: 'campaigns.manage' | 'events.manage' = 'campaigns.manage'): Promise<SegmentPreview> {
  const scope = requireScope(p, permission);
  return repo.countSegment(ctx.db, await checkedSegment(ctx.db, scope, filters), scope);
}

function present(r: repo.CampaignRow): Campaign {
  return {
    id: r.id, branchId: r.branchId, branchName: r.branchName, name: r.name, description: r.description, filters: r.filters, status: r.status, dueOn: r.dueOn,
    createdByName: r.createdByName, createdAt: r.createdAt.toISOString(), launchedAt: r.launchedAt ? r.launchedAt.toISOString() : null, memberCount: r.memberCount,
    results: { tasks: r.tasks, contacted: r.contacted, sold: r.sold, amount: r.amount },
  };
}

export async function listCampaigns(ctx: AppContext, p: Principal): Promise<Campaign[]> {
  return (await repo.listCampaigns(ctx.db, requireScope(p, 'campaigns.manage'))).map(present);
}

export async function getCampaign(ctx: AppContext, p: Principal, id: number): Promise<Campaign> {
  const c = await repo.getCampaign(ctx.db, requireScope(p, 'campaigns.manage'), id);
  if (!c) throw notFound(CAMPAIGN);
  return present(c);
}

export async function createCampaign(ctx: AppContext, actor: Actor, p: Principal, body: CampaignBody): Promise<Campaign> {
  const scope = requireScope(p, 'campaigns.manage');
  await checkedSegment(ctx.db, scope, body.filters);
  if (body.dueOn < shanghaiDay()) {
    const msg = { zh: '完成期限不能早于今天', en: 'The due date cannot be in the past' };
    throw badRequest('BAD_DUE_DATE', msg.zh, msg.en, [{ path: 'dueOn', ...msg }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertCampaign(trx, { branchId: p.branchId, name: body.name, description: body.description ?? '', filters: body.filters, dueOn: body.dueOn, createdBy: p.staffId });
    await audit(trx, actor, { action: 'campaign.create', entityType: 'growth_campaign', entityId: id, branchId: p.branchId, detail: { name: body.name, filters: body.filters } });
    return present((await repo.getCampaign(trx, scope, id))!);
  });
}

/**
 * One 'campaign' task per member with an RM (reason `campaign:<id>`). The campaign row is locked and
 * must still be a draft, and createTasks keeps existing tasks: launching twice creates nothing new.
 */
export async function launchCampaign(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<LaunchResult> {
  const scope = requireScope(p, 'campaigns.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await repo.getCampaign(trx, scope, id);
    if (!c) throw notFound(CAMPAIGN);
    const lock = await repo.lockCampaign(trx, id);
    if (lock?.status !== 'draft') throw conflict('CAMPAIGN_LAUNCHED', '该营销活动已发起，不能重复发起', 'This campaign has already been launched');
    const spec = await checkedSegment(trx, scope, c.filters);
    const members = await repo.insertMembers(trx, id, spec, scope);
    const withRm = members.filter((m): m is { customerId: number; staffId: number } => m.staffId !== null);
    const tasks = await createTasks(trx, withRm.map((m) => ({
      customerId: m.customerId, staffId: m.staffId, kind: 'campaign' as const, reasonKey: `campaign:${id}`,
      title: `营销活动：${c.name}`, titleEn: `Campaign: ${c.name}`, dueOn: c.dueOn, detail: { campaignId: id, description: c.description },
      sourceType: 'campaign', sourceId: id, createdBy: p.staffId,
    })));
    await repo.markLaunched(trx, id, p.staffId, members.length);
    await audit(trx, actor, { action: 'campaign.launch', entityType: 'growth_campaign', entityId: id, branchId: c.branchId, detail: { members: members.length, tasks: tasks.length, filters: c.filters } });
    const perRm = new Map<number, number>();
    for (const m of withRm) perRm.set(m.staffId, (perRm.get(m.staffId) ?? 0) + 1);
    for (const [staffId, n] of perRm) {
      await ctx.notifier.toStaff(trx, staffId, {
        kind: 'growth.campaign', title: `营销活动任务：${c.name}`, body: `您有 ${n} 位客户纳入营销活动「${c.name}」，请于 ${c.dueOn} 前完成联系。`,
        data: { campaignId: id, tasks: n },
      });
    }
    return { members: members.length, tasks: tasks.length };
  });
}
