// Demo data of the performance part of the performance module: the KPI library and scorecards come from
// the reference data; here the last three ended months are computed and frozen, and the month to date
// computed, so that the scorecards and dashboards show figures at once.
import type { Trx } from '../platform/db';
import { computeMonthsInTrx } from '../modules/performance/perf-run.service';
import { addMonths, monthOf } from '../modules/performance/perf-dates';

export type PerformanceSeedCounts = Record<string, number>;

export async function seedPerformance(trx: Trx, opts: { seed: number; today: string }): Promise<PerformanceSeedCounts> {
  const current = monthOf(opts.today);
  const ended = [addMonths(current, -3), addMonths(current, -2), addMonths(current, -1)];
  const runs = await computeMonthsInTrx(trx, { ended, current, today: opts.today });
  return { perfRuns: runs };
}
