// Use cases of grade promotion (职级晋升): head office's rules per grade, the monthly list of RMs who
// qualify for a step up or fall under the demotion line (with every figure used as evidence), and a
// manager's approval, which writes the grade through the org module.
import type {
  DecideReviewBody, PromotionEvidence, PromotionReview, PromotionReviewsQuery, PromotionRule, SavePromotionRuleBody,
} from '../../../contracts/contests';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { applyGradeChange, listCertificateTypes } from '../org/org.service';
import { staffMonthScores } from './perf-kpis.service';
import { evaluatePromotion, previousMonths, shanghaiToday, type LadderGrade } from './promotion.rules';
import * as repo from './promotion.repository';

const REVIEW = { zh: '晋升审批', en: 'promotion review' };
export const PROMOTION_JOB = 'promotion-reviews';

const strip = ({ gradeLevelId: _g, ...r }: repo.RuleRow): PromotionRule => r;

export async function listRules(ctx: AppContext, p: Principal): Promise<PromotionRule[]> {
  if (!scopeOf(p, 'promotion.rules')) requireScope(p, 'promotion.review');
  return (await repo.listRules(ctx.db)).map(strip);
}

async function checkRule(ctx: AppContext, body: SavePromotionRuleBody): Promise<LadderGrade> {
  const g = (await repo.ladder(ctx.db)).find((x) => x.code === body.gradeCode);
  const field = (path: string, zh: string, en: string) => badRequest('BAD_RULE', zh, en, [{ path, zh, en }]);
  if (!g) throw field('gradeCode', `职级 ${body.gradeCode} 不存在`, `No grade ${body.gradeCode}`);
  if (body.step !== null && body.step > g.steps) throw field('step', `${g.nameZh}只有1至${g.steps}档`, `${g.nameEn} has steps 1 to ${g.steps}`);
  const known = new Set((await listCertificateTypes(ctx)).map((t) => t.code));
  const unknown = body.requiredCertificates.filter((c) => !known.has(c));
  if (unknown.length) throw field('requiredCertificates', `证书类型不存在：${unknown.join('、')}`, `No such certificate type: ${unknown.join(', ')}`);
  if (body.demoteBelowScore !== null && Number(body.demoteBelowScore) >= Number(body.minAvgScore)) {
    throw field('demoteBelowScore', '降级分数线应低于晋升平均分要求', 'The demotion line must be below the promotion average');
  }
  return g;
}

export async function createRule(ctx: AppContext, actor: Actor, p: Principal, body: SavePromotionRuleBody): Promise<PromotionRule> {
  requireScope(p, 'promotion.rules');
  const g = await checkRule(ctx, body);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.ruleIdFor(trx, g.id, body.step)) !== null) throw conflict('DUPLICATE_RULE', '该职级（档次）已有晋升规则', 'That grade (step) already has a rule');
    const id = await repo.insertRule(trx, g.id, body, p.staffId);
    await audit(trx, actor, { action: 'promotion.rule.create', entityType: 'promotion_rule', entityId: id, detail: body });
    return id;
  });
  return strip((await repo.ruleById(ctx.db, id))!);
}

export async function updateRule(ctx: AppContext, actor: Actor, p: Principal, id: number, body: SavePromotionRuleBody): Promise<PromotionRule> {
  requireScope(p, 'promotion.rules');
  const before = await repo.ruleById(ctx.db, id);
  if (!before) throw notFound({ zh: '晋升规则', en: 'promotion rule' });
  const g = await checkRule(ctx, body);
  await ctx.db.transaction().execute(async (trx) => {
    const other = await repo.ruleIdFor(trx, g.id, body.step);
    if (other !== null && other !== id) throw conflict('DUPLICATE_RULE', '该职级（档次）已有晋升规则', 'That grade (step) already has a rule');
    await repo.updateRule(trx, id, g.id, body, p.staffId);
    await audit(trx, actor, { action: 'promotion.rule.update', entityType: 'promotion_rule', entityId: id, detail: { before: strip(before), after: body } });
  });
  return strip((await repo.ruleById(ctx.db, id))!);
}

/** 'YYYY-MM' of today (Asia/Shanghai). */
export const currentMonth = (now = new Date()) => shanghaiToday(now).slice(0, 7);

const monthsBefore = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 - n, d)).toISOString().slice(0, 10);
};

/**
 * Builds the month's list: every active RM under an active rule is judged, and those who qualify
 * for promotion or fall under demotion get a pending review with the evidence. Idempotent: a staff
 * member has at most one review per month, whatever happened to it.
 */
export async function generateReviews(db: DbOrTrx, month: string): Promise<{ month: string; evaluated: number; created: number }> {
  const asOf = `${month}-01`;
  const [rules, ladder] = await Promise.all([repo.listRules(db), repo.ladder(db)]);
  const active = rules.filter((r) => r.active);
  if (active.length === 0) return { month, evaluated: 0, created: 0 };
  const span = Math.max(...active.map((r) => Math.max(r.scoreMonths, r.demoteMonths)));
  const cleanSpan = Math.max(...active.map((r) => r.cleanMonths));
  const people = await repo.candidates(db, asOf, monthsBefore(asOf, cleanSpan));
  const months = previousMonths(asOf, span);
  const scores = await staffMonthScores(db, { months, staffIds: people.map((x) => x.staffId) });
  const scoreOf = new Map(scores.map((s) => [`${s.staffId}:${s.month}`, s.total]));
  const rows: repo.ReviewWrite[] = [];
  let evaluated = 0;
  for (const c of people) {
    const rule = active.find((r) => r.gradeLevelId === c.gradeLevelId && r.step === c.step) ?? active.find((r) => r.gradeLevelId === c.gradeLevelId && r.step === null);
    if (!rule) continue;
    evaluated += 1;
    const since = monthsBefore(asOf, rule.cleanMonths);
    const upheld = c.upheldComplaintDates.filter((d) => d >= since).length;
    const monthScores = months.map((m) => ({ month: m, total: scoreOf.get(`${c.staffId}:${m}`) ?? null }));
    const v = evaluatePromotion(ladder, rule, {
      gradeLevelId: c.gradeLevelId, step: c.step, gradeSince: c.gradeSince, asOf, scores: monthScores, aum: c.aum,
      certificatesHeld: c.certificatesHeld, upheldComplaints: upheld, cleanRecord: c.cleanRecord,
    });
    if (!v.direction || !v.to) continue;
    const evidence: PromotionEvidence = {
      ruleId: rule.id, asOf, gradeSince: c.gradeSince, monthsInGrade: v.monthsInGrade, minMonthsInGrade: rule.minMonthsInGrade,
      scores: monthScores.slice(0, Math.max(rule.scoreMonths, rule.demoteMonths)), avgScore: v.avgScore, minAvgScore: rule.minAvgScore,
      aum: c.aum, minAum: rule.minAum, certificatesHeld: c.certificatesHeld, certificatesRequired: rule.requiredCertificates,
      upheldComplaints: upheld, cleanRecord: c.cleanRecord, cleanMonths: rule.cleanMonths, demoteBelowScore: rule.demoteBelowScore,
      demoteMonths: rule.demoteMonths, checks: v.checks,
    };
    rows.push({
      month: asOf, staffId: c.staffId, branchId: c.branchId, direction: v.direction, fromGradeLevelId: c.gradeLevelId, fromStep: c.step,
      toGradeLevelId: v.to.gradeLevelId, toStep: v.to.step, evidence,
    });
  }
  return { month, evaluated, created: await repo.insertReviews(db, rows) };
}

export async function generateByManager(ctx: AppContext, actor: Actor, p: Principal, month: string | undefined) {
  requireScope(p, 'promotion.review');
  const m = month ?? currentMonth();
  if (m > currentMonth()) throw badRequest('FUTURE_MONTH', '不能生成未来月份的晋升名单', 'A future month cannot be reviewed yet');
  const res = await ctx.db.transaction().execute(async (trx) => {
    const r = await generateReviews(trx, m);
    await audit(trx, actor, { action: 'promotion.generate', entityType: 'promotion_review', entityId: null, detail: r });
    return r;
  });
  return res;
}

function present(r: repo.ReviewRow): PromotionReview {
  return {
    id: r.id, month: r.month, staffId: Number(r.staffId), staffNo: r.staffNo, staffName: r.staffName, branchId: Number(r.branchId), branchName: r.branchName,
    direction: r.direction, from: { gradeCode: r.fromGradeCode, nameZh: r.fromNameZh, nameEn: r.fromNameEn, step: r.fromStep },
    to: { gradeCode: r.toGradeCode, nameZh: r.toNameZh, nameEn: r.toNameEn, step: r.toStep }, evidence: r.evidence, status: r.status,
    decidedByName: r.decidedByName, decidedAt: r.decidedAt?.toISOString() ?? null, reason: r.reason,
  };
}

export async function listReviews(ctx: AppContext, p: Principal, q: PromotionReviewsQuery) {
  const scope = requireScope(p, 'promotion.review');
  const month = q.month ?? currentMonth();
  const { rows, total } = await repo.listReviews(ctx.db, scope, { month, status: q.status, page: q.page, pageSize: q.pageSize });
  return { month, items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

/** Approval writes the grade (history row and current grade) in the same transaction; rejection needs a reason. */
export async function decide(ctx: AppContext, actor: Actor, p: Principal, id: number, verdict: 'approved' | 'rejected', body: DecideReviewBody): Promise<PromotionReview> {
  const scope = requireScope(p, 'promotion.review');
  if (verdict === 'rejected' && body.reason.length < 2) {
    const m = { zh: '驳回须填写原因', en: 'A rejection needs a reason' };
    throw badRequest('REASON_REQUIRED', m.zh, m.en, [{ path: 'reason', ...m }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.reviewById(trx, scope, id, true);
    if (!r) throw notFound(REVIEW);
    if (r.staffId === p.staffId) throw new AppError(403, 'SELF_APPROVAL', '不能审批本人的职级调整', 'You cannot decide on your own grade');
    if (r.status !== 'pending') throw conflict('ALREADY_DECIDED', '该晋升审批已处理', 'This review has already been decided');
    if (verdict === 'approved') {
      const now = await repo.currentGrade(trx, r.staffId);
      if (now.gradeLevelId !== r.fromGradeLevelId || now.step !== r.fromStep) {
        throw conflict('GRADE_CHANGED', '该员工的职级已变化，本条审批不再适用', "The staff member's grade has changed since: this review no longer applies");
      }
      const word = r.direction === 'promote' ? { zh: '晋升', en: 'Promotion' } : { zh: '降级', en: 'Demotion' };
      await applyGradeChange(trx, {
        staffId: r.staffId, gradeLevelId: r.toGradeLevelId, step: r.toStep, effectiveOn: shanghaiToday(), approvedBy: p.staffId,
        reason: `${r.month} ${word.zh}审批 ${word.en} review #${r.id}${body.reason ? `：${body.reason}` : ''}`,
      });
    }
    await repo.decideReview(trx, id, { status: verdict, by: p.staffId, reason: body.reason });
    await audit(trx, actor, {
      action: `promotion.${verdict === 'approved' ? 'approve' : 'reject'}`, entityType: 'promotion_review', entityId: id, branchId: r.branchId,
      reason: body.reason || null, detail: { staffId: r.staffId, direction: r.direction, from: { grade: r.fromGradeCode, step: r.fromStep }, to: { grade: r.toGradeCode, step: r.toStep } },
    });
    await ctx.notifier.toStaff(trx, r.staffId, {
      kind: 'promotion', link: null,
      title: verdict === 'approved' ? `职级调整已批准：${r.toNameZh}${r.toStep}档` : '职级调整未获批准',
      body: verdict === 'approved' ? `${r.fromNameZh}${r.fromStep}档 → ${r.toNameZh}${r.toStep}档` : body.reason,
    });
  });
  const after = await repo.reviewById(ctx.db, { kind: 'bank' }, id);
  if (!after) throw forbidden();
  return present(after);
}
