// The satisfaction figure of the team evaluation: each outlet's mean satisfaction score (1–5) for
// the month from the satisfaction surveys' report, when the caller may read it and there are
// answers; empty otherwise (the evaluation then shows no satisfaction score).
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { report } from './surveys-report.service';

export function lastDayOfMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function teamSatisfaction(ctx: AppContext, p: Principal, branchIds: readonly number[], period: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (branchIds.length === 0 || !p.permissions['surveys.report']) return out;
  try {
    const r = await report(ctx, p, { from: `${period}-01`, to: lastDayOfMonth(period) });
    const wanted = new Set(branchIds);
    for (const g of r.groups.branch) {
      const id = Number(g.key);
      if (wanted.has(id) && g.mean.value !== null) out.set(id, Math.round(g.mean.value * 100) / 100);
    }
  } catch (e) {
    // A caller the surveys refuse (scope) simply sees no satisfaction figure.
    if (!(e instanceof AppError)) throw e;
  }
  return out;
}
