// Use cases of the runs: compute a month (to date) into a new run, freeze a month, and recompute a
// frozen month through a request and another person's approval. Both versions of a recomputed month stay.
import type { Actor } from '../../platform/audit';
import { audit } from '../../platform/audit';
import type { DbOrTrx, Db } from '../../platform/db';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { PerfRun } from '../../../contracts/performance';
import * as compute from './perf-compute.repository';
import * as runs from './perf-runs.repository';
import { lastYearRange, monthEnd, monthRange } from './perf-dates';

/** Computes the run's values and scores inside the caller's transaction; returns the number of subjects scored. */
export async function computeInto(db: DbOrTrx, runId: number, month: string, asOf: string): Promise<number> {
  const range = monthRange(month, asOf);
  return compute.computeRun(db, runId, { month: `${month}-01`, ...range, lastYear: lastYearRange(range) });
}

/** A new run of the month to date (or the whole month once ended); replaces the month's older open run. */
export async function runMonth(db: Db, a: { month: string; asOf: string; kind: 'nightly' | 'manual'; by?: number | null; jobRunId?: number | null }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await runs.lockRuns(trx);
    if (await runs.frozenRun(trx, a.month)) throw conflict('MONTH_FROZEN', `${a.month} 已冻结，如需重算请提交申请`, `${a.month} is frozen: request a recomputation instead`);
    const asOf = a.asOf < monthEnd(a.month) ? a.asOf : monthEnd(a.month);
    const runId = await runs.createRun(trx, { month: a.month, status: 'running', kind: a.kind, asOf, requestedBy: a.by ?? null, jobRunId: a.jobRunId ?? null });
    const n = await computeInto(trx, runId, a.month, asOf);
    await runs.setRunStatus(trx, runId, 'done', { staffCount: n });
    await runs.dropOlderOpenRuns(trx, a.month, runId);
    return runId;
  });
}

/** Freezes an ended month: computes it in full when its latest run is not of the whole month, then marks it frozen. */
export async function freezeMonth(db: Db, actor: Actor, a: { month: string; today: string; by?: number | null }): Promise<PerfRun> {
  if (monthEnd(a.month) >= a.today) throw badRequest('MONTH_NOT_ENDED', `${a.month} 尚未结束，不能冻结`, `${a.month} has not ended yet and cannot be frozen`);
  const id = await db.transaction().execute(async (trx) => {
    await runs.lockRuns(trx);
    if (await runs.frozenRun(trx, a.month)) throw conflict('MONTH_FROZEN', `${a.month} 已冻结`, `${a.month} is already frozen`);
    const current = (await runs.currentRuns(trx, [a.month]))[0];
    let runId = current && current.asOf >= monthEnd(a.month) ? current.id : null;
    if (runId === null) {
      runId = await runs.createRun(trx, { month: a.month, status: 'running', kind: a.by ? 'manual' : 'nightly', asOf: monthEnd(a.month), requestedBy: a.by ?? null });
      const n = await computeInto(trx, runId, a.month, monthEnd(a.month));
      await runs.setRunStatus(trx, runId, 'done', { staffCount: n });
    }
    await runs.setRunStatus(trx, runId, 'frozen');
    await runs.dropOlderOpenRuns(trx, a.month, runId);
    await audit(trx, actor, { action: 'performance.freeze', entityType: 'perf_run', entityId: runId, detail: { month: a.month } });
    return runId;
  });
  return (await runs.runView(db, id)) as PerfRun;
}

export async function requestRecompute(db: Db, actor: Actor, a: { month: string; reason: string; by: number }): Promise<PerfRun> {
  const id = await db.transaction().execute(async (trx) => {
    await runs.lockRuns(trx);
    if (!(await runs.frozenRun(trx, a.month))) throw badRequest('MONTH_NOT_FROZEN', `${a.month} 未冻结，无需申请重算`, `${a.month} is not frozen: no recomputation request is needed`);
    if (await runs.openRequest(trx, a.month)) throw conflict('RECOMPUTE_PENDING', `${a.month} 已有待审批的重算申请`, `${a.month} already has a pending recomputation request`);
    const runId = await runs.createRun(trx, { month: a.month, status: 'requested', kind: 'recompute', asOf: monthEnd(a.month), requestedBy: a.by, reason: a.reason });
    await audit(trx, actor, { action: 'performance.recompute.request', entityType: 'perf_run', entityId: runId, reason: a.reason, detail: { month: a.month } });
    return runId;
  });
  return (await runs.runView(db, id)) as PerfRun;
}

/** Another person than the requester approves: the month is computed again, the new run frozen, the old one kept as superseded. */
export async function approveRecompute(db: Db, actor: Actor, a: { runId: number; by: number }): Promise<PerfRun> {
  await db.transaction().execute(async (trx) => {
    await runs.lockRuns(trx);
    const run = await runs.runById(trx, a.runId);
    if (!run || run.kind !== 'recompute') throw notFound({ zh: '重算申请', en: 'recomputation request' });
    if (run.status !== 'requested') throw conflict('NOT_REQUESTED', '该申请已处理', 'This request has already been decided');
    if (run.requestedById === a.by) throw forbidden();
    await runs.setRunStatus(trx, run.id, 'running', { approvedBy: a.by });
    const n = await computeInto(trx, run.id, run.month, monthEnd(run.month));
    await runs.supersedeFrozen(trx, run.month);
    await runs.setRunStatus(trx, run.id, 'frozen', { staffCount: n });
    await audit(trx, actor, { action: 'performance.recompute.approve', entityType: 'perf_run', entityId: run.id, detail: { month: run.month } });
  });
  return (await runs.runView(db, a.runId)) as PerfRun;
}

export async function rejectRecompute(db: Db, actor: Actor, a: { runId: number; by: number; reason: string }): Promise<PerfRun> {
  await db.transaction().execute(async (trx) => {
    // As approval does: a rejection arriving during an approval waits for it and then finds the request decided,
    // instead of overwriting the approved run's status.
    await runs.lockRuns(trx);
    const run = await runs.runById(trx, a.runId);
    if (!run || run.kind !== 'recompute') throw notFound({ zh: '重算申请', en: 'recomputation request' });
    if (run.status !== 'requested') throw conflict('NOT_REQUESTED', '该申请已处理', 'This request has already been decided');
    if (run.requestedById === a.by) throw forbidden();
    await runs.setRunStatus(trx, run.id, 'rejected', { approvedBy: a.by, detail: { rejectReason: a.reason } });
    await audit(trx, actor, { action: 'performance.recompute.reject', entityType: 'perf_run', entityId: run.id, reason: a.reason, detail: { month: run.month } });
  });
  return (await runs.runView(db, a.runId)) as PerfRun;
}

export const listRuns = (db: DbOrTrx) => runs.listRuns(db);

/** Inside an open transaction (the demo seed): computes each ended month and freezes it, then the month to date. */
export async function computeMonthsInTrx(trx: DbOrTrx, a: { ended: string[]; current: string; today: string }): Promise<number> {
  let runsMade = 0;
  for (const month of a.ended) {
    if (await runs.frozenRun(trx, month)) continue;
    const runId = await runs.createRun(trx, { month, status: 'running', kind: 'nightly', asOf: monthEnd(month) });
    const n = await computeInto(trx, runId, month, monthEnd(month));
    await runs.setRunStatus(trx, runId, 'done', { staffCount: n });
    await runs.setRunStatus(trx, runId, 'frozen');
    runsMade += 1;
  }
  const runId = await runs.createRun(trx, { month: a.current, status: 'running', kind: 'nightly', asOf: a.today });
  await runs.setRunStatus(trx, runId, 'done', { staffCount: await computeInto(trx, runId, a.current, a.today) });
  await runs.dropOlderOpenRuns(trx, a.current, runId);
  return runsMade + 1;
}

/** "Run now" from the screen: the month to date (or the whole month once ended). */
export async function runNow(db: Db, actor: Actor, a: { month: string; today: string; by: number }): Promise<PerfRun> {
  if (`${a.month}-01` > a.today) throw badRequest('MONTH_IN_FUTURE', `${a.month} 尚未开始`, `${a.month} has not started yet`);
  const runId = await runMonth(db, { month: a.month, asOf: a.today, kind: 'manual', by: a.by });
  await audit(db, actor, { action: 'performance.run', entityType: 'perf_run', entityId: runId, detail: { month: a.month } });
  return (await runs.runView(db, runId)) as PerfRun;
}
