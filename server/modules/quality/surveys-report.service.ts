// The satisfaction report (the source's three parts: overall satisfaction, satisfaction per
// indicator, improvement suggestions) by bank, branch, RM, business line, tier and month; its
// exports; and the improvement plans that end it.
import type {
  AddImprovementActionBody, SurveyExportQuery, CompleteImprovementActionBody, CreateImprovementPlanBody, ImprovementPlan, SurveyGroup, SurveyOverall, SurveyReport, SurveyReportQuery,
} from '../../../contracts/surveys';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, scopeCoversBranch, type DataScope, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import * as rep from './surveys-report.repository';
import { branchRef } from './surveys-intake.repository';
import { csat, meanScore, nps, rankDrivers, separation } from './surveys.stats';
import { reportPdf, reportXlsx } from './surveys-export';

const BRANCH = { zh: '机构', en: 'branch' };
const PLAN = { zh: '改进计划', en: 'improvement plan' };

function overallOf(s: rep.Sums): SurveyOverall & { sd: number | null } {
  const m = meanScore(s.n, s.sum, s.sumSq);
  return {
    n: s.n, csat: csat(s.satisfied, s.n), mean: { value: m.value, low: m.low, high: m.high }, sd: m.sd,
    npsN: s.npsN, nps: nps(s.promoters, s.detractors, s.npsN), promoters: s.promoters, passives: s.passives, detractors: s.detractors,
  };
}

async function filterFor(ctx: AppContext, scope: DataScope, q: SurveyReportQuery): Promise<rep.ReportFilter & { scopeLabel: string }> {
  if (q.from > q.to) throw badRequest('BAD_PERIOD', '起始日期不能晚于截止日期', 'The start date is after the end date', [{ path: 'from', zh: '起始日期晚于截止日期', en: 'After the end date' }]);
  let branchPath: string | undefined;
  let scopeLabel = scope.kind === 'bank' ? '全行 Bank-wide' : scope.kind === 'own' ? '本人客户 My customers' : '本机构 My branches';
  if (q.branchId) {
    const b = await branchRef(ctx.db, q.branchId);
    // A branch outside the caller's scope answers as if it did not exist.
    if (!b || (scope.kind !== 'own' && !scopeCoversBranch(scope, b))) throw notFound(BRANCH);
    branchPath = b.path;
    scopeLabel = b.name;
  }
  return { from: q.from, to: q.to, programmeId: q.programmeId, branchPath, scope, scopeLabel };
}

export async function report(ctx: AppContext, p: Principal, q: SurveyReportQuery): Promise<SurveyReport> {
  const f = await filterFor(ctx, requireScope(p, 'surveys.report'), q);
  const [sums, indicators, labels] = await Promise.all([rep.groupSums(ctx.db, f), rep.indicatorSums(ctx.db, f), rep.indicatorLabels(ctx.db)]);
  const empty: rep.Sums = { n: 0, sum: 0, sumSq: 0, satisfied: 0, npsN: 0, promoters: 0, passives: 0, detractors: 0 };
  const all = overallOf(sums.find((s) => s.dim === 'all') ?? empty);
  const figures = indicators.map((i) => {
    const m = meanScore(i.n, i.sum, i.sumSq);
    const l = labels.get(i.code);
    return { code: i.code, zh: l?.zh ?? i.code, en: l?.en ?? i.code, n: i.n, mean: { value: m.value, low: m.low, high: m.high }, correlation: i.correlation === null ? null : Math.round(i.correlation * 1000) / 1000 };
  });
  const ranked = rankDrivers(figures.map((x) => ({ ...x, mean: x.mean.value })));
  const top = ranked.filter((d) => (d.impact ?? 0) > 0).slice(0, 3);
  const comments = await rep.lowScoreComments(ctx.db, f, top.map((d) => d.code));
  const byCode = new Map(figures.map((x) => [x.code, x]));
  const drivers = top.map((d) => ({ ...byCode.get(d.code)!, impact: d.impact, rank: d.rank, comments: comments.filter((c) => c.code === d.code).map((c) => c.comment) }));

  const dims = ['branch', 'rm', 'businessLine', 'tier', 'month'] as const;
  const ids = (dim: string) => sums.filter((s) => s.dim === dim && s.key !== null).map((s) => Number(s.key));
  const [branchNames, staffNames, tiers] = await Promise.all([rep.branchLabels(ctx.db, ids('branch')), rep.staffLabels(ctx.db, ids('rm')), rep.tierLabels(ctx.db)]);
  const labelOf = (dim: string, key: string | null): string => {
    if (key === null) return dim === 'rm' ? '未分配客户经理 No RM' : '未注明 Not given';
    if (dim === 'branch') return branchNames.get(key) ?? key;
    if (dim === 'rm') return staffNames.get(key) ?? key;
    if (dim === 'tier') return tiers.get(key)?.zh ?? key;
    return key;
  };
  const groups = Object.fromEntries(dims.map((dim) => {
    const rows = sums.filter((s) => s.dim === dim).map((s): SurveyGroup => {
      const o = overallOf(s);
      const sep = dim === 'branch' ? separation({ n: o.n, mean: o.mean.value, sd: o.sd }, all.mean.value) : { tooSmall: false, neededN: null };
      const { sd: _sd, ...figures } = o;
      return { ...figures, key: s.key ?? '', label: labelOf(dim, s.key), tooSmall: sep.tooSmall, neededN: sep.neededN };
    });
    rows.sort(dim === 'month' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => (a.mean.value ?? 9) - (b.mean.value ?? 9) || a.key.localeCompare(b.key));
    return [dim, dim === 'rm' ? rows.slice(0, 500) : rows];
  })) as SurveyReport['groups'];
  const { sd: _sd, ...overall } = all;
  return { from: q.from, to: q.to, scopeLabel: f.scopeLabel, overall, indicators: ranked.map((d) => ({ ...byCode.get(d.code)!, impact: d.impact })), drivers, groups };
}

/** An export is audited: the report leaves the system as a file. */
export async function exportReport(ctx: AppContext, actor: Actor, p: Principal, q: SurveyExportQuery): Promise<{ body: Buffer; fileName: string; mime: string }> {
  const r = await report(ctx, p, q);
  const body = q.format === 'pdf' ? await reportPdf(r) : await reportXlsx(r);
  await audit(ctx.db, actor, { action: 'survey.export', entityType: 'survey_report', detail: { format: q.format, from: q.from, to: q.to, branchId: q.branchId ?? null, answers: r.overall.n } });
  const fileName = `satisfaction-${q.from}-${q.to}.${q.format}`;
  return { body, fileName, mime: q.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

// ---- improvement plans ------------------------------------------------------------------------------

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function assemble(plans: rep.PlanRow[], actions: rep.ActionRow[]): ImprovementPlan[] {
  return plans.map((pl) => ({
    ...pl, createdAt: new Date(pl.createdAt).toISOString(),
    actions: actions.filter((a) => a.planId === pl.id).map(({ planId: _p, ...a }) => ({ ...a, doneAt: iso(a.doneAt) })),
  }));
}

export async function listPlans(ctx: AppContext, p: Principal): Promise<ImprovementPlan[]> {
  const { plans, actions } = await rep.listPlans(ctx.db, requireScope(p, 'improvement.manage'));
  return assemble(plans, actions);
}

async function planInScope(ctx: AppContext, scope: DataScope, id: number): Promise<ImprovementPlan> {
  const { plans, actions } = await rep.listPlans(ctx.db, scope, id);
  if (plans.length === 0) throw notFound(PLAN);
  return assemble(plans, actions)[0];
}

async function checkOwners(ctx: AppContext, owners: number[], branchPath: string): Promise<void> {
  const ok = await rep.ownersInBranch(ctx.db, owners, branchPath);
  const i = owners.findIndex((o) => !ok.has(o));
  if (i >= 0) throw badRequest('OWNER_NOT_IN_BRANCH', '责任人须为该机构（含下辖）的在职员工', 'The owner must be a current member of staff of this branch or below', [{ path: `measures.${i}.ownerStaffId`, zh: '责任人无效', en: 'Not a valid owner' }]);
}

export async function createPlan(ctx: AppContext, actor: Actor, p: Principal, body: CreateImprovementPlanBody): Promise<ImprovementPlan> {
  const scope = requireScope(p, 'improvement.manage');
  const branch = await branchRef(ctx.db, body.branchId);
  if (!branch || !scopeCoversBranch(scope, branch)) throw notFound(BRANCH);
  await checkOwners(ctx, body.measures.map((m) => m.ownerStaffId), branch.path);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const planId = await rep.insertPlan(trx, { ...body, createdBy: p.staffId });
    await rep.insertActions(trx, planId, body.measures);
    await audit(trx, actor, { action: 'survey.plan.create', entityType: 'survey_improvement_plan', entityId: String(planId), branchId: branch.id, detail: { measures: body.measures.length } });
    return planId;
  });
  return planInScope(ctx, scope, id);
}

export async function addAction(ctx: AppContext, actor: Actor, p: Principal, planId: number, body: AddImprovementActionBody): Promise<ImprovementPlan> {
  const scope = requireScope(p, 'improvement.manage');
  const plan = await planInScope(ctx, scope, planId);
  const branch = (await branchRef(ctx.db, plan.branchId))!;
  await checkOwners(ctx, [body.ownerStaffId], branch.path);
  await ctx.db.transaction().execute(async (trx) => {
    await rep.insertActions(trx, planId, [body]);
    await audit(trx, actor, { action: 'survey.plan.action', entityType: 'survey_improvement_plan', entityId: String(planId), branchId: plan.branchId, detail: { ...body } });
  });
  return planInScope(ctx, scope, planId);
}

export async function completeAction(ctx: AppContext, actor: Actor, p: Principal, planId: number, actionId: number, body: CompleteImprovementActionBody): Promise<ImprovementPlan> {
  const scope = requireScope(p, 'improvement.manage');
  const plan = await planInScope(ctx, scope, planId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await rep.completeAction(trx, planId, actionId, body.doneNote))) {
      if (plan.actions.some((a) => a.id === actionId)) throw badRequest('ALREADY_DONE', '该措施已完成', 'This measure is already done');
      throw notFound({ zh: '改进措施', en: 'improvement measure' });
    }
    await audit(trx, actor, { action: 'survey.plan.done', entityType: 'survey_improvement_plan', entityId: String(planId), branchId: plan.branchId, detail: { actionId } });
  });
  return planInScope(ctx, scope, planId);
}
