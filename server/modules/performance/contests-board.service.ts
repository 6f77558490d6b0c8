// The live leaderboard: refreshing it from the KPI engine's actuals (the job every minute, a
// debounced refresh after each recorded sale, a manager's refresh), and reading it. Reads touch only
// the precomputed contest_standings (or the frozen contest_results): one indexed range per page.
// Everyone with contests.read sees names, points and ranks; the measured values (and the
// participant's drill-down) only for the caller's own row or rows inside a manager's reach.
import type { Leaderboard, LeaderboardQuery, MyPosition, ParticipantDetail, RefreshResult, StandingKind, StandingRow } from '../../../contracts/contests';
import { scopeCoversBranch, scopeOf, type Principal } from '../../platform/access';
import { audit, systemActor, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Db, Trx } from '../../platform/db';
import { conflict, notFound } from '../../platform/errors';
import { kpiActuals } from './perf-kpis.service';
import { prizeFor, rankChange, scoreBoard, teamsOf, type Entrant, type Standing } from './contest-scoring';
import { managedContest, visibleContest } from './contests.access';
import { shanghaiToday } from './promotion.rules';
import * as repo from './contests.repository';
import { SALES_TOPIC } from '../products/products-sales.service';

export const contestTopic = (id: number) => `contest:${id}`;
/** Above this many participants the actuals are read for everyone and filtered here. */
const STAFF_FILTER_LIMIT = 2000;

const toWrite = (s: Standing) => ({
  position: s.position, subjectId: s.subjectId, branchId: s.branchId, name: s.name, branchName: s.branchName, members: s.members,
  metrics: s.metrics, total: (s.totalHundredths / 100).toFixed(2), rank: s.rank, previousRank: s.previousRank, qualified: s.qualified, reachedAt: s.reachedAt,
});

/** Recomputes one contest's board (both views) in one transaction; the contest row is locked meanwhile. */
export async function computeStandings(db: Db, id: number, now = new Date()): Promise<RefreshResult> {
  return db.transaction().execute((trx) => computeStandingsIn(trx, id, now));
}

/** The same inside the caller's transaction (the demo seed). */
export async function computeStandingsIn(trx: Trx, id: number, now = new Date()): Promise<RefreshResult> {
  {
    const c = await repo.contestById(trx, id, true);
    if (!c) throw notFound({ zh: '竞赛', en: 'contest' });
    // A frozen contest's board is its results: a refresh that waited behind the freeze changes nothing.
    if (c.status === 'frozen') return { version: c.version, participants: c.participants, teams: c.teams, computedAt: (c.refreshedAt ?? now).toISOString() };
    const roots = (await repo.branchesByIds(trx, c.participantBranchIds)).map((b) => b.path);
    const people = await repo.participants(trx, c.participantRoles, roots);
    const today = shanghaiToday(now);
    const to = c.periodTo < today ? c.periodTo : today;
    const ids = new Set(people.map((x) => x.staffId));
    const actuals = c.periodFrom > to || people.length === 0 ? [] : await kpiActuals(trx, {
      kpiCodes: c.metrics.map((m) => m.kpiCode), from: c.periodFrom, to, ...(people.length <= STAFF_FILTER_LIMIT ? { staffIds: [...ids] } : {}),
    });
    const byStaff = new Map<number, Record<string, number>>();
    for (const a of actuals) {
      if (!ids.has(a.staffId)) continue;
      const rec = byStaff.get(a.staffId) ?? {};
      rec[a.kpiCode] = Number(a.value);
      byStaff.set(a.staffId, rec);
    }
    const entrants: Entrant[] = people.map((x) => ({
      subjectId: x.staffId, name: x.name, branchId: x.branchId, branchName: x.branchName, members: 1, actuals: byStaff.get(x.staffId) ?? {},
    }));
    const metrics = c.metrics.map((m) => ({ kpiCode: m.kpiCode, weight: m.weight, direction: m.direction }));
    const individual = scoreBoard(entrants, metrics, c.rules, await repo.previousStandings(trx, id, 'individual'), now);
    const teams = scoreBoard(teamsOf(entrants, metrics), metrics, c.rules, await repo.previousStandings(trx, id, 'team'), now);
    const version = c.version + 1;
    await repo.writeStandings(trx, id, 'individual', version, now, individual.map(toWrite));
    await repo.writeStandings(trx, id, 'team', version, now, teams.map(toWrite));
    await repo.setRefreshed(trx, id, { version, participants: individual.length, teams: teams.length, at: now });
    return { version, participants: individual.length, teams: teams.length, computedAt: now.toISOString() };
  }
}

export async function refreshContest(ctx: AppContext, id: number): Promise<RefreshResult> {
  const r = await computeStandings(ctx.db, id);
  await ctx.hub.publish(ctx.db, { topic: contestTopic(id), event: 'standings', data: { contestId: id, version: r.version } });
  return r;
}

export async function refreshByManager(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<RefreshResult> {
  const c = await managedContest(ctx.db, p, id);
  if (c.status !== 'live') {
    throw conflict('NOT_LIVE', '只有进行中的竞赛可以刷新排行榜', 'Only a live contest can be refreshed');
  }
  const r = await refreshContest(ctx, id);
  await audit(ctx.db, actor, { action: 'contest.refresh', entityType: 'contest', entityId: id, branchId: c.branchId, detail: { version: r.version } });
  return r;
}

/** The job: refresh every live contest; one whose period is over gets a last refresh and is closed. */
export async function refreshLiveContests(ctx: AppContext): Promise<Record<string, unknown>> {
  const today = shanghaiToday();
  let refreshed = 0;
  let closed = 0;
  for (const c of await repo.liveContests(ctx.db)) {
    await refreshContest(ctx, c.id);
    refreshed += 1;
    if (c.periodTo < today) {
      await ctx.db.transaction().execute(async (trx) => {
        await repo.setStatus(trx, c.id, 'closed', null);
        await audit(trx, systemActor('contests-refresh'), { action: 'contest.close', entityType: 'contest', entityId: c.id, detail: { reason: 'period over' } });
      });
      closed += 1;
    }
  }
  return { refreshed, closed };
}

// ---- the debounced refresh after a sale ------------------------------------------------------------

export const SALE_DEBOUNCE_MS = 3000;
const pending = new WeakMap<AppContext, ReturnType<typeof setTimeout>>();

/**
 * Many sales in a burst cause one refresh, a few seconds after the first. When the job is running
 * already (it may have read the facts before this sale), the refresh is tried again a little later.
 */
export function scheduleRefresh(ctx: AppContext, log: (e: unknown) => void, delay = SALE_DEBOUNCE_MS, tries = 5): void {
  if (pending.has(ctx)) return;
  const attempt = (left: number) => {
    pending.set(ctx, setTimeout(() => {
      // Sales recorded while this refresh runs schedule the next one.
      pending.delete(ctx);
      void ctx.jobs.runNow(REFRESH_JOB).then((r) => {
        if (!r.ran && left > 1 && !pending.has(ctx)) attempt(left - 1);
      }, log);
    }, delay));
  };
  attempt(tries);
}

/** Sales move contest figures: each announced sale schedules one (debounced) refresh on this instance. */
export function refreshOnSales(ctx: AppContext, log: (e: unknown) => void): () => void {
  return ctx.hub.on(SALES_TOPIC, () => scheduleRefresh(ctx, log));
}

export function cancelScheduledRefresh(ctx: AppContext): void {
  const t = pending.get(ctx);
  if (t) clearTimeout(t);
  pending.delete(ctx);
}
export const REFRESH_JOB = 'contests-refresh';

// ---- reading the board ----------------------------------------------------------------------------

function presenter(p: Principal, c: repo.ContestRow, kind: StandingKind) {
  const reach = [scopeOf(p, 'contests.manage'), scopeOf(p, 'performance.read')].filter((s) => s !== null);
  return (r: repo.BoardRow): StandingRow => {
    const isMine = kind === 'individual' ? r.subjectId === p.staffId : r.branchId === p.branchId;
    const seesValues = isMine || reach.some((s) => scopeCoversBranch(s, { id: r.branchId, path: r.branchPath }));
    return {
      position: r.position, rank: r.rank, previousRank: r.previousRank, rankChange: rankChange(r.rank, r.previousRank), subjectId: Number(r.subjectId),
      name: r.name, branchId: Number(r.branchId), branchName: r.branchName, members: r.members, total: r.total, qualified: r.qualified,
      metrics: r.metrics.map((m) => ({ kpiCode: m.kpiCode, points: m.points, actual: seesValues ? m.actual : null })), isMine,
      prize: c.status === 'frozen' ? r.prize : prizeFor(r.rank, r.qualified, c.prizes),
    };
  };
}

export async function leaderboard(ctx: AppContext, p: Principal, id: number, q: LeaderboardQuery): Promise<Leaderboard> {
  const c = await visibleContest(ctx.db, p, id);
  const frozen = c.status === 'frozen';
  const rows = await repo.boardPage(ctx.db, id, q.kind, frozen, (q.page - 1) * q.pageSize, q.pageSize);
  const total = frozen ? await repo.boardCount(ctx.db, id, q.kind, true) : q.kind === 'individual' ? c.participants : c.teams;
  return {
    contestId: id, kind: q.kind, version: c.version, computedAt: c.refreshedAt?.toISOString() ?? null, frozen,
    items: rows.map(presenter(p, c, q.kind)), total, page: q.page, pageSize: q.pageSize,
  };
}

export async function myPosition(ctx: AppContext, p: Principal, id: number): Promise<MyPosition> {
  const c = await visibleContest(ctx.db, p, id);
  const frozen = c.status === 'frozen';
  const [mine, team] = await Promise.all([repo.boardRow(ctx.db, id, 'individual', frozen, p.staffId), repo.boardRow(ctx.db, id, 'team', frozen, p.branchId)]);
  return {
    individual: mine ? presenter(p, c, 'individual')(mine) : null, team: team ? presenter(p, c, 'team')(team) : null,
    participants: c.participants, teams: c.teams,
  };
}

/** The drill-down of one participant's figures: the participant, or a manager whose reach covers them. */
export async function participantDetail(ctx: AppContext, p: Principal, id: number, staffId: number): Promise<ParticipantDetail> {
  const c = await visibleContest(ctx.db, p, id);
  const row = await repo.boardRow(ctx.db, id, 'individual', c.status === 'frozen', staffId);
  const reach = [scopeOf(p, 'contests.manage'), scopeOf(p, 'performance.read')].filter((s) => s !== null);
  if (!row || (staffId !== p.staffId && !reach.some((s) => scopeCoversBranch(s, { id: row.branchId, path: row.branchPath })))) {
    throw notFound({ zh: '参赛人员', en: 'participant' });
  }
  return {
    staffId, name: row.name, branchName: row.branchName, rank: row.rank, total: row.total, qualified: row.qualified,
    metrics: c.metrics.map((m) => {
      const got = row.metrics.find((x) => x.kpiCode === m.kpiCode);
      const min = c.rules.minimums.find((x) => x.kpiCode === m.kpiCode)?.min ?? null;
      const actual = got?.actual ?? '0';
      const meetsMin = min === null || (m.direction === 'lower' ? Number(actual) <= Number(min) : Number(actual) >= Number(min));
      return { kpiCode: m.kpiCode, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit, weight: m.weight, actual, points: got?.points ?? '0.00', min, meetsMin };
    }),
  };
}

/** The board (frozen results once frozen) as xlsx, audited; managers of the contest only. */
export async function exportResults(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<{ fileName: string; content: Buffer }> {
  const c = await managedContest(ctx.db, p, id);
  const frozen = c.status === 'frozen';
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const kind of ['individual', 'team'] as const) {
    const ws = wb.addWorksheet(kind === 'individual' ? '个人排名' : '团队排名');
    ws.addRow(['名次', kind === 'individual' ? '姓名' : '网点', '所属网点', '人数', ...c.metrics.flatMap((m) => [`${m.nameZh}（实际）`, `${m.nameZh}（得分）`]), '总分', '是否达标', '奖项']);
    const n = frozen ? await repo.boardCount(ctx.db, id, kind, true) : kind === 'individual' ? c.participants : c.teams;
    for (let off = 0; off < n; off += 1000) {
      for (const r of await repo.boardPage(ctx.db, id, kind, frozen, off, 1000)) {
        const cells = c.metrics.flatMap((m) => {
          const x = r.metrics.find((y) => y.kpiCode === m.kpiCode);
          return [x ? Number(x.actual) : 0, x ? Number(x.points) : 0];
        });
        ws.addRow([r.rank ?? '-', r.name, r.branchName, r.members, ...cells, Number(r.total), r.qualified ? '是' : '否', frozen ? r.prize ?? '' : prizeFor(r.rank, r.qualified, c.prizes) ?? '']);
      }
    }
  }
  await audit(ctx.db, actor, { action: 'contest.export', entityType: 'contest', entityId: id, branchId: c.branchId, detail: { frozen, version: c.version } });
  return { fileName: `contest-${id}-${frozen ? 'results' : 'standings'}.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()) };
}
