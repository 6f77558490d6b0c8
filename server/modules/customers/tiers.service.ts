// Use cases of tiered service (分层服务): the ladder and its settings, the evaluation run, manual
// overrides. Rules live in tiering.ts; the evaluation's set-based SQL in tiers.repository.ts.
import os from 'node:os';
import { maskName } from '../../../contracts/personal-data';
import type {
  ClearTierOverrideBody, CustomerTier, ReplaceTiersBody, Tier, TierOverrideBody, TierRun, TierRunSummary, TierSettings, UpdateTierSettingsBody,
} from '../../../contracts/tiers';
import { requireScope, type DataScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { acquireLease, findRun, finishRun, recentRuns } from '../../platform/jobs.repository';
import * as repo from './tiers.repository';
import { addDays, basisAmount, ladderProblems, monthStart, normalizeMoney, qualifiedTier, shanghaiToday } from './tiering';

const CUSTOMER = { zh: '客户', en: 'customer' };
const INSTANCE = `api:${os.hostname()}:${process.pid}`;
/** Customers per batch: each batch is one transaction and one checkpoint. */
export const TIER_BATCH_SIZE = 50_000;
/** Customers named in an RM's summary notification; the rest are counted. */
const EXAMPLES_PER_RM = 20;

// ---- the ladder and its settings -------------------------------------------------------------

export const listTiers = (ctx: AppContext): Promise<Tier[]> => repo.listTiers(ctx.db);

/** Replaces the whole ladder at once; ranks follow the order given, lowest first. */
export async function replaceTiers(ctx: AppContext, actor: Actor, body: ReplaceTiersBody): Promise<Tier[]> {
  const problems = ladderProblems(body.tiers);
  if (problems.length > 0) throw badRequest('BAD_LADDER', `分层规则有误：${problems[0].zh}`, `The tier ladder is not valid: ${problems[0].en}`, problems);
  const tiers = body.tiers.map((t) => ({ ...t, minAum: normalizeMoney(t.minAum) }));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.lockLadder(trx);
    const keep = new Set(tiers.map((t) => t.code));
    const removed = before.filter((t) => !keep.has(t.code));
    const inUse = await repo.customersOnTiers(trx, removed.map((t) => t.code));
    const blocking = removed.filter((t) => (inUse.get(t.code) ?? 0) > 0);
    if (blocking.length > 0) {
      const zh = blocking.map((t) => `「${t.nameZh}」（${inUse.get(t.code)}位客户）`).join('、');
      const en = blocking.map((t) => `${t.nameEn} (${inUse.get(t.code)} customer(s))`).join(', ');
      throw conflict('TIER_IN_USE', `等级${zh}仍有客户（含人工调级），不能删除；请先将这些客户调整到其他等级`, `Tier ${en} still has customers (overrides included) and cannot be removed: move them to another tier first`);
    }
    try {
      await repo.replaceLadder(trx, tiers, removed.map((t) => t.code));
    } catch (e) {
      if ((e as { code?: unknown }).code === '23503') {
        throw conflict('TIER_REFERENCED', '要删除的等级仍被其他配置引用（如增值服务额度），请先删除相关配置', 'A tier to be removed is still referenced elsewhere (e.g. service quotas): remove those first');
      }
      throw e;
    }
    await audit(trx, actor, { action: 'tiers.update', entityType: 'tiers', detail: { before, after: tiers } });
  });
  return repo.listTiers(ctx.db);
}

export const getSettings = (ctx: AppContext): Promise<TierSettings> => repo.getSettings(ctx.db);

export async function updateSettings(ctx: AppContext, actor: Actor, p: Principal, body: UpdateTierSettingsBody): Promise<TierSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getSettings(trx);
    await repo.saveSettings(trx, { basis: body.basis, graceMonths: body.downgradeGraceMonths, staffId: p.staffId });
    await audit(trx, actor, { action: 'tiers.settings', entityType: 'tier_settings', entityId: 1, detail: { before: { basis: before.basis, downgradeGraceMonths: before.downgradeGraceMonths }, after: body } });
  });
  return repo.getSettings(ctx.db);
}

// ---- the evaluation --------------------------------------------------------------------------

export type EvaluateOptions = {
  /** 'YYYY-MM': the evaluation month (default: the month of asOf). */
  month?: string;
  /** 'YYYY-MM-DD': the business date (default: today in Asia/Shanghai, or the 1st of `month`). */
  asOf?: string;
  batchSize?: number;
  /** Called after each committed batch with customers evaluated so far and in all. */
  onProgress?: (done: number, total: number) => void;
};

type Counts = Pick<TierRunSummary, 'evaluated' | 'upgraded' | 'downgraded' | 'overridesExpired' | 'monthsBelowCounted'> & { overridesApplied: number };
const ZERO: Counts = { evaluated: 0, upgraded: 0, downgraded: 0, overridesExpired: 0, monthsBelowCounted: 0, overridesApplied: 0 };
const add = (a: Counts, b: Counts): Counts => ({
  evaluated: a.evaluated + b.evaluated, upgraded: a.upgraded + b.upgraded, downgraded: a.downgraded + b.downgraded,
  overridesExpired: a.overridesExpired + b.overridesExpired, monthsBelowCounted: a.monthsBelowCounted + b.monthsBelowCounted,
  overridesApplied: a.overridesApplied + b.overridesApplied,
});

function period(opts: EvaluateOptions): { month: string; asOf: string } {
  const asOf = opts.asOf ?? (opts.month ? `${opts.month}-01` : shanghaiToday());
  const month = monthStart(opts.month ?? asOf);
  if (monthStart(asOf) !== month) throw badRequest('BAD_PERIOD', '评级日期不在评级月份内', 'The evaluation date lies outside the evaluation month');
  return { month, asOf };
}

type Checkpoint = Counts & { month: string; lastId: number; runIds: number[] };

/** What a crashed run of the same month got through, if the run before this one is such a run. */
function resumable(prev: repo.RunRecord | null, month: string): (Checkpoint & { from: number }) | null {
  if (!prev || prev.status !== 'failed') return null;
  const d = prev.detail as Partial<Checkpoint> & { complete?: boolean };
  if (d.month !== month || typeof d.lastId !== 'number' || d.complete === true) return null;
  const counts = Object.fromEntries(Object.keys(ZERO).map((k) => [k, Number((d as Record<string, unknown>)[k] ?? 0)])) as Counts;
  return { ...counts, month, lastId: d.lastId, runIds: Array.isArray(d.runIds) ? d.runIds.map(Number) : [prev.id], from: prev.id };
}

/**
 * One evaluation under the job's lease (runId = its job_runs row). Batches by id range, each one
 * transaction that also saves the checkpoint; a run after a crash in the same month resumes there.
 * Idempotent: a month's months_below counts once, so a rerun changes nothing unless figures did.
 */
export async function runTierEvaluation(ctx: AppContext, runId: number, opts: EvaluateOptions = {}): Promise<TierRunSummary> {
  const t0 = Date.now();
  const { month, asOf } = period(opts);
  const batchSize = opts.batchSize ?? TIER_BATCH_SIZE;
  const settings = await repo.getSettings(ctx.db);
  const resume = resumable(await repo.previousRun(ctx.db, runId), month);
  const runIds = [...(resume?.runIds ?? []), runId];
  const { minId, maxId, total } = await repo.customerIdRange(ctx.db);
  let counts: Counts = resume ? { ...ZERO, ...pickCounts(resume) } : ZERO;
  let lo = resume ? Math.max(resume.lastId + 1, minId) : minId;
  await repo.saveCheckpoint(ctx.db, runId, { month, asOf, basis: settings.basis, graceMonths: settings.downgradeGraceMonths, lastId: lo - 1, runIds, ...counts, resumedFrom: resume?.from ?? null });
  opts.onProgress?.(counts.evaluated, total);
  while (lo <= maxId) {
    const hi = Math.min(lo + batchSize - 1, maxId);
    counts = await ctx.db.transaction().execute(async (trx) => {
      const b = await repo.evaluateBatch(trx, { lo, hi, month, asOf, runId, basis: settings.basis, graceMonths: settings.downgradeGraceMonths });
      const next = add(counts, b);
      await repo.saveCheckpoint(trx, runId, { lastId: hi, ...next });
      return next;
    });
    lo = hi + 1;
    opts.onProgress?.(counts.evaluated, total);
  }
  const rmsNotified = await notifyRms(ctx, runId, runIds, month);
  const { overridesApplied, ...shown } = counts;
  return {
    runId, month, asOf, basis: settings.basis, graceMonths: settings.downgradeGraceMonths, ...shown,
    unchanged: counts.evaluated - counts.upgraded - counts.downgraded - counts.overridesExpired - overridesApplied,
    rmsNotified, resumedFrom: resume?.from ?? null, milliseconds: Date.now() - t0,
  };
}

const pickCounts = (c: Counts): Counts => Object.fromEntries(Object.keys(ZERO).map((k) => [k, c[k as keyof Counts]])) as Counts;

/**
 * One notification per RM summarising their customers' changes in this run (and in crashed runs
 * that never got to tell them); marking those runs notified commits with the notifications.
 */
async function notifyRms(ctx: AppContext, runId: number, runIds: number[], month: string): Promise<number> {
  const ids = [...new Set([...runIds, ...(await repo.unnotifiedRuns(ctx.db, runId))])];
  return ctx.db.transaction().execute(async (trx) => {
    const names = new Map((await repo.listTiers(trx)).map((t) => [t.code, t]));
    const groups = await repo.changesByRm(trx, ids, EXAMPLES_PER_RM);
    const ym = month.slice(0, 7);
    for (const g of groups) {
      const n = g.upgraded + g.downgraded;
      const lines = g.items.map((i) => `${i.customerNo} ${maskName(i.name)}：${names.get(i.fromCode ?? '')?.nameZh ?? i.fromCode ?? '—'} → ${names.get(i.toCode)?.nameZh ?? i.toCode}`);
      if (n > g.items.length) lines.push(`……等共 ${n} 位客户 (${n} customers in all)`);
      await ctx.notifier.toStaff(trx, g.rmStaffId, {
        kind: 'tier_change',
        title: `${ym} 客户等级变动：升级 ${g.upgraded} 位，降级 ${g.downgraded} 位 Tier changes: ${g.upgraded} up, ${g.downgraded} down`,
        body: lines.join('\n'),
        link: '/customers',
        data: { runId, month, upgraded: g.upgraded, downgraded: g.downgraded, customers: g.items.map((i) => ({ customerId: i.customerId, from: i.fromCode, to: i.toCode, reason: i.reason })) },
      });
    }
    for (const id of ids) await repo.saveCheckpoint(trx, id, id === runId ? { notified: true, complete: true, rmsNotified: groups.length } : { notified: true });
    return groups.length;
  });
}

/** Head office's "evaluate now" (and tests): takes the job's lease itself, so it never overlaps the nightly run. */
export async function evaluateTiers(ctx: AppContext, actor: Actor | null, opts: EvaluateOptions = {}): Promise<TierRunSummary> {
  period(opts);
  return finishEvaluation(ctx, actor, await takeLease(ctx), opts);
}

async function takeLease(ctx: AppContext): Promise<number> {
  const runId = await acquireLease(ctx.db, repo.TIER_JOB, INSTANCE, 60);
  if (runId === null) throw conflict('EVALUATION_RUNNING', '客户分层评级正在运行，请稍后再试', 'A tier evaluation is already running: try again later');
  return runId;
}

const background = new Map<number, Promise<unknown>>();

/** Resolves when every evaluation this process started in the background has finished (graceful stop, tests). */
export async function settleTierEvaluations(): Promise<void> {
  while (background.size > 0) await Promise.allSettled([...background.values()]);
}

/**
 * "Evaluate now" from the web: a million customers take longer than a request should, so the lease
 * is taken here (409 if a run holds it) and the run goes on in the background; the page follows it
 * through GET /api/tiers/runs/:id. A failure is recorded on the run.
 */
export async function startTierEvaluation(ctx: AppContext, actor: Actor): Promise<TierRun> {
  const runId = await takeLease(ctx);
  const work = finishEvaluation(ctx, actor, runId, {})
    // finishEvaluation has recorded the failure on the run, which is where the page reads it.
    .catch(() => undefined)
    .finally(() => background.delete(runId));
  background.set(runId, work);
  return getRun(ctx, runId);
}

export async function getRun(ctx: AppContext, runId: number): Promise<TierRun> {
  const r = await findRun(ctx.db, repo.TIER_JOB, runId);
  if (!r) throw notFound({ zh: '评级记录', en: 'evaluation run' });
  return { id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, detail: r.detail };
}

async function finishEvaluation(ctx: AppContext, actor: Actor | null, runId: number, opts: EvaluateOptions): Promise<TierRunSummary> {
  const t0 = Date.now();
  try {
    const summary = await runTierEvaluation(ctx, runId, opts);
    await finishRun(ctx.db, runId, 'done', summary);
    if (actor) await audit(ctx.db, actor, { action: 'tiers.evaluate', entityType: 'job_run', entityId: runId, detail: summary });
    return summary;
  } catch (e) {
    await finishRun(ctx.db, runId, 'failed', { error: e instanceof Error ? e.message : String(e), milliseconds: Date.now() - t0 });
    throw e;
  }
}

/** The scheduled job's body: the scheduler holds the lease and records the run. */
export async function nightlyEvaluation(ctx: AppContext, o: Pick<EvaluateOptions, 'onProgress'> = {}): Promise<TierRunSummary> {
  const runId = await repo.runningRunId(ctx.db);
  if (runId === null) throw new Error('the tiers job runs only under its lease');
  return runTierEvaluation(ctx, runId, { onProgress: o.onProgress });
}

export async function listRuns(ctx: AppContext, limit: number): Promise<TierRun[]> {
  const runs = await recentRuns(ctx.db, repo.TIER_JOB, limit);
  return runs.map((r) => ({ id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, detail: r.detail }));
}

// ---- one customer: view, manual override ------------------------------------------------------

export const customerTier = (ctx: AppContext, p: Principal, id: number): Promise<CustomerTier> => tierView(ctx, requireScope(p, 'customers.read'), id);

async function tierView(ctx: AppContext, scope: DataScope, id: number): Promise<CustomerTier> {
  const c = await repo.customerInScope(ctx.db, scope, id);
  if (!c) throw notFound(CUSTOMER);
  return {
    customerId: c.id, tierCode: c.tierCode, tierSince: c.tierSince, monthsBelow: c.monthsBelow,
    override: c.overrideTierCode ? { tierCode: c.overrideTierCode, until: c.overrideUntil, reason: c.overrideReason, approvedByName: c.overrideApprovedByName } : null,
    history: await repo.tierHistory(ctx.db, id),
  };
}

const selfApproval = () => new AppError(403, 'SELF_APPROVAL', '不能为本人名下的客户审批人工调级', 'You cannot approve a tier override for a customer in your own book');

/** The customer, locked, inside the caller's override scope; refuses the customer's own RM. */
async function overridable(trx: Parameters<typeof repo.customerInScope>[0], p: Principal, id: number) {
  const c = await repo.customerInScope(trx, requireScope(p, 'tiers.override'), id, true);
  if (!c) throw notFound(CUSTOMER);
  if (c.rmStaffId === p.staffId) throw selfApproval();
  if (c.status === 'closed') throw conflict('CUSTOMER_CLOSED', '该客户已销户，不能调整等级', 'This customer is closed: the tier cannot change');
  return c;
}

export async function setOverride(ctx: AppContext, actor: Actor, p: Principal, id: number, body: TierOverrideBody): Promise<CustomerTier> {
  const today = shanghaiToday();
  if (body.until < today) throw badRequest('BAD_UNTIL', '有效期不能早于今天', 'The override cannot end before today', [{ path: 'until', zh: '有效期不能早于今天', en: 'The override cannot end before today' }]);
  if (body.until > addDays(today, 366)) throw badRequest('BAD_UNTIL', '人工调级最长有效一年', 'An override may last at most one year', [{ path: 'until', zh: '人工调级最长有效一年', en: 'An override may last at most one year' }]);
  await ctx.db.transaction().execute(async (trx) => {
    const c = await overridable(trx, p, id);
    const ladder = await repo.listTiers(trx);
    const target = ladder.find((t) => t.code === body.tierCode);
    if (!target) throw badRequest('UNKNOWN_TIER', `客户等级 ${body.tierCode} 不存在`, `No tier ${body.tierCode}`, [{ path: 'tierCode', zh: `客户等级 ${body.tierCode} 不存在`, en: `No tier ${body.tierCode}` }]);
    const settings = await repo.getSettings(trx);
    const basis = basisAmount(settings.basis, { m1: c.aumM1, m3: c.aumM3, m6: c.aumM6 });
    await repo.setCustomerTier(trx, id, {
      tierCode: target.code, tierSince: target.code === c.tierCode ? c.tierSince : today,
      override: { tierCode: target.code, until: body.until, reason: body.reason, approvedBy: p.staffId },
    });
    const from = ladder.find((t) => t.code === c.tierCode);
    const historyId = await repo.insertHistory(trx, {
      customerId: id, fromCode: c.tierCode, toCode: target.code, changedOn: today, reason: 'override', basisAum: basis, threshold: target.minAum,
      changedBy: p.staffId, note: `${body.reason}（至 ${body.until}）`,
    });
    await repo.insertTierEvent(trx, {
      customerId: id, historyId, staffId: p.staffId,
      title: `人工调级 Manual tier：${from?.nameZh ?? c.tierCode} → ${target.nameZh} (${from?.nameEn ?? c.tierCode} → ${target.nameEn})，至 ${body.until}`,
      detail: { from: c.tierCode, to: target.code, reason: 'override', until: body.until, note: body.reason, basisAum: basis },
    });
    await audit(trx, actor, { action: 'tier.override', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, reason: body.reason, detail: { from: c.tierCode, to: target.code, until: body.until } });
    if (c.rmStaffId !== null) {
      await ctx.notifier.toStaff(trx, c.rmStaffId, {
        kind: 'tier_change',
        title: `客户人工调级 Manual tier for a customer：${target.nameZh} ${target.nameEn}`,
        body: `${c.customerNo} ${maskName(c.name)}：${from?.nameZh ?? c.tierCode} → ${target.nameZh}，有效至 ${body.until}（审批人 ${p.name}）`,
        link: `/customers/${id}`,
        data: { customerId: id, from: c.tierCode, to: target.code, until: body.until },
      });
    }
  });
  return tierView(ctx, requireScope(p, 'tiers.override'), id);
}

/** Ends an override now: the customer returns to the tier their basis earns, without grace. */
export async function clearOverride(ctx: AppContext, actor: Actor, p: Principal, id: number, body: ClearTierOverrideBody): Promise<CustomerTier> {
  const today = shanghaiToday();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await overridable(trx, p, id);
    if (!c.overrideTierCode) throw conflict('NO_OVERRIDE', '该客户当前没有人工调级', 'This customer has no tier override');
    const ladder = await repo.listTiers(trx);
    const settings = await repo.getSettings(trx);
    const basis = basisAmount(settings.basis, { m1: c.aumM1, m3: c.aumM3, m6: c.aumM6 });
    const earned = qualifiedTier(ladder, basis);
    await repo.setCustomerTier(trx, id, { tierCode: earned.code, tierSince: earned.code === c.tierCode ? c.tierSince : today, override: null });
    const from = ladder.find((t) => t.code === c.tierCode);
    const note = `人工解除 Cleared by ${p.name}${body.reason ? `：${body.reason}` : ''}`;
    const historyId = await repo.insertHistory(trx, {
      customerId: id, fromCode: c.tierCode, toCode: earned.code, changedOn: today, reason: 'override_expired', basisAum: basis, threshold: earned.minAum, changedBy: p.staffId, note,
    });
    await repo.insertTierEvent(trx, {
      customerId: id, historyId, staffId: p.staffId,
      title: `人工调级结束 Override ended：${from?.nameZh ?? c.tierCode} → ${earned.nameZh} (${from?.nameEn ?? c.tierCode} → ${earned.nameEn})`,
      detail: { from: c.tierCode, to: earned.code, reason: 'override_expired', note, basisAum: basis },
    });
    await audit(trx, actor, { action: 'tier.override.clear', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, reason: body.reason ?? null, detail: { from: c.tierCode, to: earned.code, override: c.overrideTierCode } });
  });
  return tierView(ctx, requireScope(p, 'tiers.override'), id);
}
