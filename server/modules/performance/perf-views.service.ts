// Use cases of the assessment's views: my scorecard, a staff member's scorecard and the facts behind a
// figure (only for the person themself or a head whose sub-tree holds them; customer names masked),
// the branch and bank dashboards, and the payroll export.
import ExcelJS from 'exceljs';
import { maskName } from '../../../contracts/personal-data';
import type { KpiFacts, PerfDashboard, PerfRole, StaffScorecard } from '../../../contracts/performance';
import { PERF_ROLE_LABELS } from '../../../contracts/performance';
import { scopeOf, requireScope, scopeCoversBranch, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as lib from './perf-library.repository';
import * as runs from './perf-runs.repository';
import * as views from './perf-views.repository';
import { lastMonths, monthEnd, monthOf, monthRange, shanghaiToday } from './perf-dates';

const FACT_LIMIT = 200;
const staffNotFound = () => notFound({ zh: '员工考核', en: 'staff scorecard' });

/** A staff member the caller may look at: themself (performance.self) or within their performance.read scope. */
async function visibleStaff(ctx: AppContext, p: Principal, staffId: number): Promise<views.StaffInfo> {
  const s = await views.staffInfo(ctx.db, staffId);
  if (!s) throw staffNotFound();
  if (staffId === p.staffId && scopeOf(p, 'performance.self')) return s;
  const read = scopeOf(p, 'performance.read');
  if (read && scopeCoversBranch(read, { id: s.branchId, path: s.branchPath })) return s;
  throw staffNotFound();
}

export async function staffScorecard(ctx: AppContext, p: Principal, staffId: number, month = monthOf(shanghaiToday())): Promise<StaffScorecard> {
  const s = await visibleStaff(ctx, p, staffId);
  const months = lastMonths(month, 6);
  const current = await runs.currentRuns(ctx.db, months);
  const run = current.find((r) => r.month === month) ?? null;
  const staff = { id: s.id, staffNo: s.staffNo, name: s.name, branchId: s.branchId, branchName: s.branchName };
  const head = run ? await views.scoreHead(ctx.db, run.id, staffId) : null;
  const empty: StaffScorecard = {
    month, runId: run?.id ?? null, runStatus: run?.status ?? null, asOf: run?.asOf ?? null, staff, scorecard: null, total: null, rankBranch: null,
    rankBank: null, peersBranch: 0, peersBank: 0, lines: [], trend: [],
  };
  if (!run || !head) return empty;
  const runIds = current.map((r) => r.id);
  const [lines, kpiTrend, totalTrend] = await Promise.all([
    views.lines(ctx.db, run.id, staffId, head.scorecardId),
    views.kpiTrend(ctx.db, runIds, staffId),
    views.totalTrend(ctx.db, runIds, staffId),
  ]);
  return {
    ...empty,
    scorecard: { id: head.scorecardId, code: head.code, nameZh: head.nameZh, nameEn: head.nameEn, roleCode: head.roleCode as PerfRole },
    total: head.total, rankBranch: head.rankBranch, rankBank: head.rankBank, peersBranch: head.peersBranch, peersBank: head.peersBank,
    lines: lines.map(({ kpiId, ...l }) => ({ ...l, trend: kpiTrend.filter((t) => t.kpiId === kpiId).map((t) => ({ month: t.month, actual: t.actual })) })),
    trend: totalTrend,
  };
}

export async function kpiFacts(ctx: AppContext, p: Principal, staffId: number, kpiCode: string, month = monthOf(shanghaiToday())): Promise<KpiFacts> {
  const s = await visibleStaff(ctx, p, staffId);
  const kpi = (await lib.kpisByCodes(ctx.db, [kpiCode]))[0];
  if (!kpi) throw notFound({ zh: '考核指标', en: 'KPI' });
  const today = shanghaiToday();
  const range = monthRange(month, today < monthEnd(month) ? today : monthEnd(month));
  const rows = await views.facts(ctx.db, { measure: kpi.measure, params: kpi.params, ...range, staffId, branchId: s.branchId, limit: FACT_LIMIT + 1 });
  return {
    kpiCode: kpi.code, nameZh: kpi.nameZh, nameEn: kpi.nameEn, ...range, truncated: rows.length > FACT_LIMIT,
    // Lists never show a customer's full name: the reveal is a separate, audited call elsewhere.
    rows: rows.slice(0, FACT_LIMIT).map((r) => ({ ...r, customerName: r.customerName ? maskName(r.customerName) : null })),
  };
}

export async function dashboard(ctx: AppContext, p: Principal, q: { month?: string; branchId?: number; role?: PerfRole }): Promise<PerfDashboard> {
  const scope = requireScope(p, 'performance.read');
  if (q.branchId) {
    const b = await views.branchInfo(ctx.db, q.branchId);
    if (!b || !scopeCoversBranch(scope, b)) throw notFound({ zh: '机构', en: 'branch' });
  }
  const month = q.month ?? monthOf(shanghaiToday());
  const role: PerfRole = q.role && q.role !== 'branch' ? q.role : 'wealth_rm';
  const current = await runs.currentRuns(ctx.db, lastMonths(month, 6));
  const run = current.find((r) => r.month === month) ?? null;
  const base: PerfDashboard = { month, runId: run?.id ?? null, runStatus: run?.status ?? null, role, staffCount: 0, average: null, histogram: [], top: [], bottom: [], trend: [], league: [] };
  if (!run) return base;
  const [dist, top, bottom, trend, league] = await Promise.all([
    views.distribution(ctx.db, run.id, role, scope, q.branchId),
    views.performers(ctx.db, run.id, role, scope, q.branchId, true, 10),
    views.performers(ctx.db, run.id, role, scope, q.branchId, false, 10),
    views.roleTrend(ctx.db, current.map((r) => r.id), role, scope, q.branchId),
    views.league(ctx.db, run.id, role, scope, q.branchId),
  ]);
  const byBucket = new Map(dist.buckets.map((b) => [b.bucket, b.count]));
  const maxBucket = Math.max(10, ...dist.buckets.map((b) => b.bucket));
  const months = [...new Set(trend.map((t) => t.month))];
  return {
    ...base, staffCount: dist.count, average: dist.average,
    histogram: Array.from({ length: maxBucket + 1 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: byBucket.get(i) ?? 0 })),
    top: top.map((t) => ({ ...t, roleCode: t.roleCode as PerfRole })), bottom: bottom.map((t) => ({ ...t, roleCode: t.roleCode as PerfRole })),
    trend: months.map((m) => ({
      month: m,
      average: trend.find((t) => t.month === m && t.kpiCode === null)?.average ?? '0',
      kpis: trend.filter((t) => t.month === m && t.kpiCode !== null).map((t) => ({ kpiCode: t.kpiCode ?? '', nameZh: t.nameZh ?? '', nameEn: t.nameEn ?? '', average: t.average })),
    })),
    league,
  };
}

export async function exportXlsx(ctx: AppContext, actor: Actor, p: Principal, month = monthOf(shanghaiToday())): Promise<{ body: Buffer; fileName: string }> {
  const scope = requireScope(p, 'performance.export');
  const run = (await runs.currentRuns(ctx.db, [month]))[0];
  if (!run) throw notFound({ zh: `${month} 的考核结果`, en: `scores of ${month}` });
  const rows = await views.exportRows(ctx.db, run.id, scope);
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总 Summary');
  summary.columns = [
    { header: '工号 Staff no', key: 'staffNo', width: 12 }, { header: '姓名 Name', key: 'name', width: 10 }, { header: '机构 Branch', key: 'branchName', width: 22 },
    { header: '岗位 Role', key: 'role', width: 16 }, { header: '记分卡 Scorecard', key: 'scorecard', width: 22 }, { header: '总分 Total', key: 'total', width: 10 },
    { header: '网点排名 Branch rank', key: 'rankBranch', width: 12 }, { header: '全行排名 Bank rank', key: 'rankBank', width: 12 },
  ];
  const detail = wb.addWorksheet('明细 Detail');
  detail.columns = [
    { header: '工号 Staff no', key: 'staffNo', width: 12 }, { header: '姓名 Name', key: 'name', width: 10 }, { header: '指标 KPI', key: 'kpiName', width: 20 },
    { header: '实际 Actual', key: 'actual', width: 16 }, { header: '目标 Target', key: 'target', width: 16 }, { header: '得分 Score', key: 'score', width: 10 },
    { header: '加权得分 Weighted', key: 'weighted', width: 12 }, { header: '闸门触发 Gated', key: 'gated', width: 10 },
  ];
  const seen = new Set<string>();
  for (const r of rows) {
    if (!seen.has(r.staffNo)) {
      seen.add(r.staffNo);
      const role = PERF_ROLE_LABELS[r.roleCode as PerfRole];
      summary.addRow({ ...r, role: role ? `${role.zh} ${role.en}` : r.roleCode, total: Number(r.total) });
    }
    detail.addRow({ ...r, actual: Number(r.actual), target: r.target === null ? '' : Number(r.target), score: r.score === null ? '' : Number(r.score), weighted: r.weighted === null ? '' : Number(r.weighted), gated: r.gated ? '是 yes' : '' });
  }
  summary.getRow(1).font = { bold: true };
  detail.getRow(1).font = { bold: true };
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await audit(ctx.db, actor, { action: 'performance.export', entityType: 'perf_run', entityId: run.id, detail: { month, staff: seen.size } });
  return { body, fileName: `scorecards-${month}.xlsx` };
}
