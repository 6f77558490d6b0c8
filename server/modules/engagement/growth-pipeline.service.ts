// Prospects (待争取优质客户) and each RM's opportunity pipeline. A marketing RM sees the prospects
// in their own book and the ones they collected, never the wealth RM's book.
import type {
  GrowthWorkbench, NewProspectBody, Opportunity, OpportunityBody, OutsideProspect, PipelineStage, PipelineView, ProspectCustomer, ProspectListQuery, ProspectSignal,
  UpdateOpportunityBody,
} from '../../../contracts/growth';
import { opportunityBody as opportunitySchema, PIPELINE_STAGES } from '../../../contracts/growth';
import { maskMobile, maskName } from '../../../contracts/personal-data';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './growth-pipeline.repository';
import * as scoped from './growth-scope.repository';
import { listReferrals } from './growth-referrals.service';
import { canMoveStage, INFLOW_SHARE, isClosedStage, isOverdue, NEAR_THRESHOLD_SHARE, opportunityProblems, shanghaiDay } from './growth.rules';

const OPPORTUNITY = { zh: '商机', en: 'opportunity' };
const PROSPECT = { zh: '潜在客户', en: 'prospect' };
const CUSTOMER = { zh: '客户', en: 'customer' };

export async function listProspectCustomers(ctx: AppContext, p: Principal, q: ProspectListQuery): Promise<{ items: ProspectCustomer[]; total: number; page: number; pageSize: number }> {
  const scope = requireScope(p, 'referrals.work');
  const res = await repo.prospectCustomers(ctx.db, scope, scopeOf(p, 'customers.reveal'), { nearShare: NEAR_THRESHOLD_SHARE, inflowShare: INFLOW_SHARE, signal: q.signal, page: q.page, pageSize: q.pageSize });
  const items = res.items.map((r) => {
    const signals: ProspectSignal[] = [];
    if (r.near) signals.push('near_threshold');
    if (r.largeInflow) signals.push('large_inflow');
    if (r.external) signals.push('external_assets');
    return {
      customerId: r.customerId, customerNo: r.customerNo, name: maskName(r.fullName), tierCode: r.tierCode, branchName: r.branchName, rmName: r.rmName,
      aum: r.balancesVisible ? r.aum : null, inflow: r.balancesVisible ? r.inflow : null, threshold: r.threshold, signals,
    };
  });
  return { items, total: res.total, page: q.page, pageSize: q.pageSize };
}

const presentProspect = ({ fullName, mobileFull, createdAt, ...r }: repo.OutsideProspectRow): OutsideProspect => ({
  ...r, name: maskName(fullName), mobile: mobileFull ? maskMobile(mobileFull) : null, createdAt: createdAt.toISOString(),
});

export async function listOutsideProspects(ctx: AppContext, p: Principal): Promise<OutsideProspect[]> {
  return (await repo.outsideProspects(ctx.db, requireScope(p, 'referrals.work'))).map(presentProspect);
}

export async function addOutsideProspect(ctx: AppContext, actor: Actor, p: Principal, body: NewProspectBody): Promise<OutsideProspect> {
  const scope = requireScope(p, 'referrals.work');
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertProspect(trx, {
      branchId: p.branchId, staffId: p.staffId, name: body.prospectName, mobile: body.mobile ?? null, source: body.source ?? '', estimatedAssets: body.estimatedAssets ?? null, notes: body.notes ?? '',
    });
    // Personal data stays out of the audit trail in the clear.
    await audit(trx, actor, { action: 'prospect.create', entityType: 'growth_prospect', entityId: id, branchId: p.branchId, detail: { name: maskName(body.prospectName) } });
    const [row] = await repo.outsideProspects(trx, scope.kind === 'own' ? scope : { kind: 'own', staffId: p.staffId }, id);
    return presentProspect(row);
  });
}

function presentOpportunity(o: repo.OpportunityRow, today: string): Opportunity {
  const { fullName, updatedAt, ...rest } = o;
  return { ...rest, name: maskName(fullName), overdue: isOverdue(o, today), updatedAt: updatedAt.toISOString() };
}

export async function pipeline(ctx: AppContext, p: Principal, openOnly = false, limit = 500): Promise<PipelineView> {
  const scope = requireScope(p, 'referrals.work');
  const [items, totals] = await Promise.all([repo.opportunities(ctx.db, scope, { openOnly, limit }), repo.stageTotals(ctx.db, scope)]);
  const today = shanghaiDay();
  const byStage = new Map(totals.map((t) => [t.stage, t]));
  return {
    items: items.map((o) => presentOpportunity(o, today)),
    stages: PIPELINE_STAGES.map((stage: PipelineStage) => byStage.get(stage) ?? { stage, count: 0, amount: '0.00' }),
  };
}

function refuse(problems: { path: string; zh: string; en: string }[]): AppError {
  return new AppError(400, 'BAD_OPPORTUNITY', `商机信息有误：${problems[0].zh}`, `The opportunity is not valid: ${problems[0].en}`, problems);
}

export async function createOpportunity(ctx: AppContext, actor: Actor, p: Principal, input: OpportunityBody): Promise<Opportunity> {
  const scope = requireScope(p, 'referrals.work');
  const body = opportunitySchema.parse(input);
  if ((body.customerId === undefined) === (body.prospectId === undefined)) {
    const msg = { zh: '请选择一位客户或一位潜在客户（二选一）', en: 'Choose one customer or one prospect' };
    throw badRequest('WHO_IS_IT', msg.zh, msg.en, [{ path: 'customerId', ...msg }]);
  }
  const today = shanghaiDay();
  const problems = opportunityProblems({ stage: body.stage, expectedAmount: body.expectedAmount ?? null, nextStepOn: body.nextStepOn ?? null }, today, true);
  if (problems.length) throw refuse(problems);
  return ctx.db.transaction().execute(async (trx) => {
    if (body.customerId !== undefined && !(await scoped.customerById(trx, scope, body.customerId))) throw notFound(CUSTOMER);
    if (body.prospectId !== undefined && (await repo.outsideProspects(trx, scope, body.prospectId)).length === 0) throw notFound(PROSPECT);
    const id = await repo.insertOpportunity(trx, {
      branchId: p.branchId, staffId: p.staffId, customerId: body.customerId ?? null, prospectId: body.prospectId ?? null, title: body.title, stage: body.stage,
      expectedAmount: body.expectedAmount ?? null, product: body.product ?? '', nextStep: body.nextStep ?? '', nextStepOn: body.nextStepOn ?? null,
    });
    await audit(trx, actor, { action: 'opportunity.create', entityType: 'growth_opportunity', entityId: id, branchId: p.branchId, customerId: body.customerId ?? null, detail: { stage: body.stage, expectedAmount: body.expectedAmount ?? null } });
    const [row] = await repo.opportunities(trx, { kind: 'own', staffId: p.staffId }, { id, limit: 1 });
    return presentOpportunity(row, today);
  });
}

export async function updateOpportunity(ctx: AppContext, actor: Actor, p: Principal, id: number, body: UpdateOpportunityBody): Promise<Opportunity> {
  const scope = requireScope(p, 'referrals.work');
  if (Object.values(body).every((v) => v === undefined)) throw badRequest('NOTHING_TO_CHANGE', '没有需要修改的内容', 'Nothing to change');
  const today = shanghaiDay();
  return ctx.db.transaction().execute(async (trx) => {
    const [o] = await repo.opportunities(trx, scope, { id, limit: 1, lock: true });
    if (!o) throw notFound(OPPORTUNITY);
    const stage = body.stage ?? o.stage;
    if (!canMoveStage(o.stage, stage)) throw conflict('OPPORTUNITY_CLOSED', '商机已关闭（成交或未成交），不能再修改阶段', 'The opportunity is closed (won or lost): its stage cannot change');
    const next = {
      stage, expectedAmount: body.expectedAmount === undefined ? o.expectedAmount : body.expectedAmount, product: body.product ?? o.product,
      nextStep: body.nextStep ?? o.nextStep, nextStepOn: body.nextStepOn === undefined ? o.nextStepOn : body.nextStepOn,
    };
    const problems = opportunityProblems(next, today, body.nextStepOn !== undefined);
    if (problems.length) throw refuse(problems);
    await repo.updateOpportunity(trx, id, { ...next, closing: isClosedStage(stage) && !isClosedStage(o.stage) });
    await audit(trx, actor, { action: 'opportunity.update', entityType: 'growth_opportunity', entityId: id, customerId: o.customerId, detail: { from: o.stage, to: stage, expectedAmount: next.expectedAmount } });
    const [row] = await repo.opportunities(trx, scope, { id, limit: 1 });
    return presentOpportunity(row, today);
  });
}

/** The RM's workbench panels: referrals to act on, the open pipeline and its next steps. */
export async function workbench(ctx: AppContext, p: Principal): Promise<GrowthWorkbench> {
  const [fresh, contacted, view] = await Promise.all([
    listReferrals(ctx, p, { box: 'inbox', status: 'new', page: 1, pageSize: 10 }),
    listReferrals(ctx, p, { box: 'inbox', status: 'contacted', page: 1, pageSize: 10 }),
    pipeline(ctx, p, true, 10),
  ]);
  return { referralsToAct: [...fresh.items, ...contacted.items].slice(0, 10), pipeline: view.stages, nextSteps: view.items };
}
