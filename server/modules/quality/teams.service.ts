// Team evaluation (the source): customer satisfaction, complaint-handling efficiency and teamwork
// (peer and manager ratings) per team (outlet) and month, with feedback notes.
import type { TeamEvaluation, TeamFeedbackBody, TeamRatingBody } from '../../../contracts/quality';
import { requireScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import * as repo from './inspections.repository';
import { shanghaiToday } from './quality.common';
import { teamSatisfaction } from './teams.satisfaction';

const TEAM = { zh: '团队（网点）', en: 'team (outlet)' };

export async function teamEvaluation(ctx: AppContext, p: Principal, period: string | undefined): Promise<TeamEvaluation> {
  const scope = requireScope(p, 'teams.evaluate');
  const month = period ?? shanghaiToday().slice(0, 7);
  const rows = await repo.teamFigures(ctx.db, scope, month);
  const ids = rows.map((r) => r.branchId);
  const [feedback, satisfaction] = await Promise.all([repo.teamFeedback(ctx.db, ids, month), teamSatisfaction(ctx, p, ids, month)]);
  return {
    period: month,
    teams: rows.map((r) => ({
      branchId: r.branchId, branchName: r.branchName, satisfaction: satisfaction.get(r.branchId) ?? null, complaints: r.complaints, decided: r.decided,
      onTimeRate: r.decided ? Math.round((r.onTime / r.decided) * 10_000) / 10_000 : null,
      meanDays: r.meanDays === null ? null : Math.round(r.meanDays * 10) / 10, teamwork: r.teamwork, ratings: r.ratings,
      feedback: feedback.filter((f) => f.branchId === r.branchId).map((f) => ({ id: f.id, note: f.note, staffName: f.staffName, at: new Date(f.at).toISOString() })),
    })),
  };
}

function checkPeriod(period: string) {
  if (period > shanghaiToday().slice(0, 7)) {
    const m = { zh: '评价期间不能晚于本月', en: 'The period cannot be after this month' };
    throw badRequest('FUTURE_PERIOD', m.zh, m.en, [{ path: 'period', ...m }]);
  }
}

export async function rateTeam(ctx: AppContext, actor: Actor, p: Principal, body: TeamRatingBody): Promise<TeamEvaluation> {
  const scope = requireScope(p, 'teams.evaluate');
  checkPeriod(body.period);
  if (!(await repo.branchInScope(ctx.db, scope, body.branchId))) throw notFound(TEAM);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertRating(trx, { ...body, raterStaffId: p.staffId });
    await audit(trx, actor, { action: 'team.rate', entityType: 'team', entityId: body.branchId, branchId: body.branchId, detail: { period: body.period, score: body.score, raterKind: body.raterKind } });
  });
  return teamEvaluation(ctx, p, body.period);
}

export async function addTeamFeedback(ctx: AppContext, actor: Actor, p: Principal, body: TeamFeedbackBody): Promise<TeamEvaluation> {
  const scope = requireScope(p, 'teams.evaluate');
  checkPeriod(body.period);
  if (!(await repo.branchInScope(ctx.db, scope, body.branchId))) throw notFound(TEAM);
  await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertFeedback(trx, { ...body, staffId: p.staffId });
    await audit(trx, actor, { action: 'team.feedback', entityType: 'team', entityId: body.branchId, branchId: body.branchId, detail: { period: body.period, feedbackId: id } });
  });
  return teamEvaluation(ctx, p, body.period);
}
