// Contact plans: the rules head office edits and the daily job that turns them into the RMs' tasks.
import type { PlanRule, UpdatePlanRuleBody } from '../../../contracts/engagement';
import { TASK_KIND_LABELS } from '../../../contracts/engagement';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { JobRunOptions } from '../../platform/jobs';
import * as repo from './engagement-plans.repository';
import { ruleProblem, shanghaiToday, type PlanRuleRow } from './engagement.contact-plan';

export const PLAN_JOB = 'engagement-tasks';
/**
 * Customer ids per statement for the rules that read through the customers (tier plans, birthdays,
 * large outflows): one transaction each, with its checkpoint. Each statement scans its rule's index
 * once, so ranges much smaller than this repeat that scan for little gain.
 */
const RANGE = 1_000_000;
/** Rules driven by a narrow indexed window (the week's maturities and tier changes, assessments expiring): one statement over all customers. */
const WINDOWED = new Set<PlanRuleRow['kind']>(['maturity', 'tier_change', 'risk_expiring']);
/** New tasks of these kinds are worth a notification: money is about to leave. */
const URGENT = new Set(['maturity', 'large_outflow']);

const present = (r: PlanRuleRow & { updatedAt: Date }): PlanRule => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export async function listPlanRules(ctx: AppContext): Promise<PlanRule[]> {
  return (await repo.listRules(ctx.db)).map(present);
}

export async function updatePlanRule(ctx: AppContext, actor: Actor, p: Principal, code: string, body: UpdatePlanRuleBody): Promise<PlanRule> {
  if (Object.values(body).every((v) => v === undefined)) throw badRequest('NOTHING_TO_CHANGE', '没有需要修改的内容', 'Nothing to change');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.ruleByCode(trx, code, true);
    if (!before) throw notFound({ zh: '联系计划规则', en: 'contact-plan rule' });
    const after: PlanRuleRow = {
      ...before,
      active: body.active ?? before.active,
      intervalMonths: body.intervalMonths ?? before.intervalMonths,
      leadDays: body.leadDays ?? before.leadDays,
      dueDays: body.dueDays ?? before.dueDays,
      threshold: body.threshold ?? before.threshold,
    };
    const problem = ruleProblem(after);
    if (problem) throw badRequest('BAD_RULE', problem.zh, problem.en, [{ path: body.intervalMonths !== undefined ? 'intervalMonths' : 'threshold', ...problem }]);
    await repo.updateRule(trx, code, after, p.staffId);
    await audit(trx, actor, { action: 'engagement.plan.update', entityType: 'contact_plan_rule', entityId: code, detail: { before, after: body } });
  });
  const rule = (await repo.listRules(ctx.db)).find((r) => r.code === code);
  return present(rule!);
}

export type GenerationSummary = { today: string; created: number; byKind: Record<string, number>; rmsNotified: number; ranges: number; resumedFrom: number | null };

/**
 * Every active rule over every id range, each range one statement and one transaction that also
 * saves the checkpoint; a run after a failed one of the same day skips what that run finished.
 * Tasks are unique per customer, kind and reason key, so a rerun creates nothing.
 */
export async function generateDueTasks(ctx: AppContext, today: string, opts: JobRunOptions & { runId?: number | null } = {}): Promise<GenerationSummary> {
  const rules = (await repo.listRules(ctx.db)).filter((r) => r.active);
  const bounds = await repo.customerIdBounds(ctx.db);
  const runId = opts.runId ?? null;
  const prior = runId ? await repo.lastCheckpoint(ctx.db, PLAN_JOB, runId) : null;
  const resume = prior && prior.today === today && typeof prior.step === 'number' ? prior.step : 0;
  const ranges: [number, number][] = [];
  if (bounds) for (let lo = bounds.min; lo <= bounds.max; lo += RANGE) ranges.push([lo, Math.min(lo + RANGE, bounds.max + 1)]);
  const whole: [number, number][] = bounds ? [[bounds.min, bounds.max + 1]] : [];
  const rangesOf = (rule: PlanRuleRow) => (WINDOWED.has(rule.kind) ? whole : ranges);
  const total = rules.reduce((n, r) => n + rangesOf(r).length, 0);
  const byKind: Record<string, number> = {};
  const urgent = new Map<number, Record<string, number>>();
  let step = 0;
  for (const rule of rules) {
    for (const [lo, hi] of rangesOf(rule)) {
      step++;
      if (step <= resume) continue;
      const made = await ctx.db.transaction().execute(async (trx) => {
        await repo.commitWithoutWaiting(trx);
        const rows = await repo.generateRange(trx, rule, today, lo, hi);
        if (runId) await repo.saveCheckpoint(trx, runId, { today, step });
        return rows;
      });
      for (const m of made) {
        byKind[m.kind] = (byKind[m.kind] ?? 0) + m.created;
        if (URGENT.has(m.kind)) urgent.set(m.staffId, { ...urgent.get(m.staffId), [m.kind]: (urgent.get(m.staffId)?.[m.kind] ?? 0) + m.created });
      }
      opts.onProgress?.(step, total, rule.code);
    }
  }
  await notifyUrgent(ctx, urgent);
  const created = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { today, created, byKind, rmsNotified: urgent.size, ranges: total, resumedFrom: resume > 0 ? resume : null };
}

async function notifyUrgent(ctx: AppContext, urgent: Map<number, Record<string, number>>): Promise<void> {
  if (urgent.size === 0) return;
  const label = (k: string) => TASK_KIND_LABELS[k as keyof typeof TASK_KIND_LABELS];
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.notifier.toStaffMany(trx, [...urgent].map(([staffId, kinds]) => {
      const parts = Object.entries(kinds).map(([k, n]) => ({ zh: `${label(k).zh} ${n} 项`, en: `${label(k).en}: ${n}` }));
      return {
        staffId,
        n: {
          kind: 'engagement.urgent_tasks',
          title: `新的紧急任务：${parts.map((x) => x.zh).join('，')} New urgent tasks: ${parts.map((x) => x.en).join(', ')}`,
          body: '客户的产品即将到期或资金大额流出，请尽快联系。Products are maturing or money is leaving: please contact the customers soon.',
          link: '/workbench',
          data: { kinds },
        },
      };
    }));
  });
}

/** The scheduled job's body: the scheduler holds the lease and records the run. */
export async function dailyTaskGeneration(ctx: AppContext, o: JobRunOptions = {}): Promise<GenerationSummary> {
  const runId = await repo.runningRunId(ctx.db, PLAN_JOB);
  return generateDueTasks(ctx, shanghaiToday(), { ...o, runId });
}
