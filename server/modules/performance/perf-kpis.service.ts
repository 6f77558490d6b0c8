// What the rest of the performance module (contests, leaderboards, promotion) reads of the KPI engine:
// KPI actuals per staff member over any date range, the KPI library, and monthly total scores.
// Keep these signatures stable: the contest side calls them.
import type { DbOrTrx } from '../../platform/db';
import { actuals } from './perf-compute.repository';
import * as lib from './perf-library.repository';
import * as runs from './perf-runs.repository';

export type KpiActual = { staffId: number; branchId: number; kpiCode: string; value: string };

/** Actual values of the given KPIs per staff member over [from, to] (dates 'YYYY-MM-DD', inclusive). */
export async function kpiActuals(db: DbOrTrx, a: { kpiCodes: string[]; from: string; to: string; staffIds?: number[] }): Promise<KpiActual[]> {
  if (a.kpiCodes.length === 0 || (a.staffIds && a.staffIds.length === 0)) return [];
  const kpis = await lib.kpisByCodes(db, [...new Set(a.kpiCodes)]);
  const codeOf = new Map(kpis.map((k) => [k.id, k.code]));
  const rows = await actuals(db, kpis.map((k) => ({ id: k.id, code: k.code, measure: k.measure, params: k.params })), { from: a.from, to: a.to }, a.staffIds);
  return rows.map((r) => ({ staffId: r.staffId, branchId: r.branchId, kpiCode: codeOf.get(r.kpiId) ?? '', value: r.value }));
}

export async function listKpis(db: DbOrTrx): Promise<Array<{ code: string; nameZh: string; nameEn: string; unit: string; direction: 'higher' | 'lower' }>> {
  const all = await lib.listKpis(db, true);
  return all.map((k) => ({ code: k.code, nameZh: k.nameZh, nameEn: k.nameEn, unit: k.unit, direction: k.direction }));
}

/** Each staff member's total score per month from the current (frozen, else latest) run. */
export async function staffMonthScores(db: DbOrTrx, a: { months: string[]; staffIds?: number[] }): Promise<Array<{ staffId: number; month: string; total: number }>> {
  if (a.staffIds && a.staffIds.length === 0) return [];
  return runs.staffMonthScores(db, a.months, a.staffIds);
}
