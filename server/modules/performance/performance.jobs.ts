// The performance scheduled jobs: every night the month to date is computed from the recorded facts;
// on the 1st the month just ended is computed in full and frozen instead.
import { systemActor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Job } from '../../platform/jobs';
import { addDays, monthOf, shanghaiToday } from './perf-dates';
import * as runs from './perf-runs.repository';
import { freezeMonth, runMonth } from './perf-run.service';

export async function nightlyScores(ctx: AppContext, now = new Date()): Promise<Record<string, unknown>> {
  const today = shanghaiToday(now);
  const yesterday = addDays(today, -1);
  const month = monthOf(yesterday);
  if (monthOf(today) !== month) {
    if (await runs.frozenRun(ctx.db, month)) return { month, frozen: 'already' };
    const run = await freezeMonth(ctx.db, systemActor('performance-nightly'), { month, today });
    return { month, frozen: run.id };
  }
  const runId = await runMonth(ctx.db, { month, asOf: yesterday, kind: 'nightly' });
  return { month, runId };
}

// 01:30 Shanghai time: the business day is over and the lobby's day-end job has closed the outlets.
export const performanceJobs: Job[] = [
  { name: 'performance-scores', schedule: '0 30 1 * * *', leaseMinutes: 120, run: (ctx) => nightlyScores(ctx) },
];
