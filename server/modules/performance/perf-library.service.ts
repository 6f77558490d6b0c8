// Use cases of the KPI library, scorecards and per-person targets (head office, performance.manage).
// A scorecard's weights sum to 100; every item names a KPI of the library; a gate names one too.
import type { PerfKpi, PerfScorecard, SaveKpiBody, SaveScorecardBody } from '../../../contracts/performance';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound, type FieldProblem } from '../../platform/errors';
import * as lib from './perf-library.repository';
import { weightsProblem } from './perf-scoring';

export const listKpis = (ctx: AppContext) => lib.listKpis(ctx.db);
export const listScorecards = (ctx: AppContext) => lib.listScorecards(ctx.db);

const PARAMS_OF: Record<string, Array<keyof SaveKpiBody['params']>> = {
  sales_amount: ['category'], sales_count: ['category'], new_premium: ['by'], handovers_in_time: ['days', 'side'], complaints_count: ['category'], complaints_upheld: ['category'],
};

export async function saveKpi(ctx: AppContext, actor: Actor, by: number, body: SaveKpiBody, id?: number): Promise<PerfKpi> {
  const allowed = PARAMS_OF[body.measure] ?? [];
  const extra = Object.keys(body.params).filter((k) => !allowed.includes(k as keyof SaveKpiBody['params']));
  if (extra.length > 0) {
    throw badRequest('BAD_KPI_PARAMS', `度量 ${body.measure} 不接受参数：${extra.join('、')}`, `Measure ${body.measure} takes no parameter ${extra.join(', ')}`,
      extra.map((k) => ({ path: `params.${k}`, zh: '该度量不接受此参数', en: 'not a parameter of this measure' })));
  }
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const kid = await lib.saveKpi(trx, body, by, id);
    if (kid === null) throw notFound({ zh: '考核指标', en: 'KPI' });
    await audit(trx, actor, { action: id ? 'performance.kpi.update' : 'performance.kpi.create', entityType: 'perf_kpi', entityId: kid, detail: { code: body.code, measure: body.measure } });
    return kid;
  });
  return (await lib.kpiById(ctx.db, saved)) as PerfKpi;
}

function itemProblems(s: SaveScorecardBody, known: Map<string, number>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  s.items.forEach((it, i) => {
    if (!known.has(it.kpiCode)) problems.push({ path: `items.${i}.kpiCode`, zh: `指标库中没有 ${it.kpiCode}`, en: `No KPI ${it.kpiCode} in the library` });
    if (seen.has(it.kpiCode)) problems.push({ path: `items.${i}.kpiCode`, zh: '同一指标只能出现一次', en: 'A KPI may appear only once' });
    seen.add(it.kpiCode);
    if (it.gate && !known.has(it.gate.kpi)) problems.push({ path: `items.${i}.gate.kpi`, zh: `指标库中没有 ${it.gate.kpi}`, en: `No KPI ${it.gate.kpi} in the library` });
    if (it.rule.kind === 'linear' && it.targetMode !== 'per_person' && it.targetValue === null) {
      problems.push({ path: `items.${i}.targetValue`, zh: '线性计分需要目标值', en: 'A linear rule needs a target' });
    }
    if (it.targetMode === 'last_year_growth' && it.targetValue === null) {
      problems.push({ path: `items.${i}.targetValue`, zh: '请填写较去年同期的增长百分比', en: 'Give the growth in percent over last year' });
    }
  });
  return problems;
}

export async function saveScorecard(ctx: AppContext, actor: Actor, by: number, body: SaveScorecardBody, id?: number): Promise<PerfScorecard> {
  const weights = weightsProblem(body.items.map((i) => i.weight));
  if (weights) throw badRequest('BAD_WEIGHTS', weights.zh, weights.en, [{ path: 'items', ...weights }]);
  const codes = [...new Set(body.items.flatMap((i) => [i.kpiCode, ...(i.gate ? [i.gate.kpi] : [])]))];
  const known = new Map((await lib.kpisByCodes(ctx.db, codes)).map((k) => [k.code, k.id]));
  const problems = itemProblems(body, known);
  if (problems.length > 0) throw badRequest('BAD_SCORECARD', '记分卡有误，请检查标出的项目', 'The scorecard has errors: see the marked items', problems);
  if (body.roleCode === 'branch' && body.gradeCode) throw badRequest('BAD_SCORECARD', '网点记分卡不分职级', 'A branch scorecard has no grade', [{ path: 'gradeCode', zh: '网点记分卡不分职级', en: 'not for a branch' }]);
  if (body.gradeCode && !(await lib.gradeExists(ctx.db, body.gradeCode))) {
    throw badRequest('BAD_SCORECARD', `没有职级 ${body.gradeCode}`, `No grade ${body.gradeCode}`, [{ path: 'gradeCode', zh: '职级不存在', en: 'unknown grade' }]);
  }
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const sid = await lib.saveScorecard(trx, body, known, by, id);
    if (sid === null) throw notFound({ zh: '记分卡', en: 'scorecard' });
    await audit(trx, actor, {
      action: id ? 'performance.scorecard.update' : 'performance.scorecard.create', entityType: 'perf_scorecard', entityId: sid,
      detail: { code: body.code, items: body.items.map((i) => ({ kpi: i.kpiCode, weight: i.weight })) },
    });
    return sid;
  });
  return (await lib.listScorecards(ctx.db, saved))[0] as PerfScorecard;
}

export async function saveTargets(ctx: AppContext, actor: Actor, by: number, body: { month: string; targets: Array<{ staffNo: string; kpiCode: string; target: number }> }): Promise<{ saved: number }> {
  const staff = await lib.staffIdsByNo(ctx.db, [...new Set(body.targets.map((t) => t.staffNo))]);
  const kpis = new Map((await lib.kpisByCodes(ctx.db, [...new Set(body.targets.map((t) => t.kpiCode))])).map((k) => [k.code, k.id]));
  const problems: FieldProblem[] = [];
  body.targets.forEach((t, i) => {
    if (!staff.has(t.staffNo)) problems.push({ path: `targets.${i}.staffNo`, zh: `没有工号 ${t.staffNo}`, en: `No staff number ${t.staffNo}` });
    if (!kpis.has(t.kpiCode)) problems.push({ path: `targets.${i}.kpiCode`, zh: `指标库中没有 ${t.kpiCode}`, en: `No KPI ${t.kpiCode}` });
  });
  if (problems.length > 0) throw badRequest('BAD_TARGETS', '目标有误，未保存任何一行', 'Some targets are wrong: nothing was saved', problems.slice(0, 50));
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await lib.upsertTargets(trx, `${body.month}-01`, body.targets.map((t) => ({ staffId: staff.get(t.staffNo) ?? 0, kpiId: kpis.get(t.kpiCode) ?? 0, target: t.target })), by);
    await audit(trx, actor, { action: 'performance.targets.save', entityType: 'perf_targets', detail: { month: body.month, rows: saved } });
    return { saved };
  });
}
