// Use cases of taking answers: the public survey page (one answer per link; a retry of the same
// submission gets the same receipt, a different one is refused) and staff entry of mail/phone answers.
import crypto from 'node:crypto';
import type { EnterSurveyBody, PublicSurvey, SubmitSurveyBody, SurveyDefinition, SurveyReceipt } from '../../../contracts/surveys';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, scopeCoversBranch, type Principal } from '../../platform/access';
import { hashToken } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import * as intake from './surveys-intake.repository';
import * as repo from './surveys.repository';
import { scoreAnswers, type ScoredAnswers } from './surveys.answers';

const linkInvalid = () => new AppError(404, 'SURVEY_LINK_INVALID', '调查链接无效，请核对链接或联系您的客户经理', 'This survey link is not valid: please check it or contact your relationship manager');
const linkExpired = () => new AppError(410, 'SURVEY_LINK_EXPIRED', '调查链接已过期，感谢您的关注', 'This survey link has expired. Thank you for your interest');
const linkUsed = () => new AppError(410, 'SURVEY_LINK_USED', '该调查已完成，每个链接只能提交一次，感谢您的参与', 'This survey has already been answered: each link takes one answer. Thank you');
const differentAnswer = () => conflict('SURVEY_ALREADY_ANSWERED', '该链接已提交过不同的答卷，首次提交的答卷已保存', 'A different answer was already submitted with this link: the first answer is kept');

/** Short enough to read over the phone, unguessable enough for a receipt. */
const newReceipt = () => crypto.randomBytes(8).toString('base64url').replace(/[-_]/g, 'X').slice(0, 10).toUpperCase();

function scoreOrThrow(def: SurveyDefinition, answers: SubmitSurveyBody['answers']): ScoredAnswers {
  const r = scoreAnswers(def, answers);
  if (!('scored' in r)) {
    const first = r.problems[0];
    throw badRequest('SURVEY_ANSWERS_INVALID', `答卷有误：${first.zh}`, `The answers are not complete: ${first.en}`, r.problems.map((p) => ({ path: `answers.${p.path}`, zh: p.zh, en: p.en })));
  }
  return r.scored;
}

/** The questionnaire behind a link, and nothing about the customer. */
export async function publicSurvey(ctx: AppContext, token: string): Promise<PublicSurvey> {
  const row = await intake.invitationByToken(ctx.db, hashToken(token));
  if (!row) throw linkInvalid();
  if (row.status === 'answered') throw linkUsed();
  if (row.expired) throw linkExpired();
  return { nameZh: row.nameZh, nameEn: row.nameEn, definition: row.definition, expiresAt: new Date(row.expiresAt!).toISOString() };
}

export async function submit(ctx: AppContext, token: string, body: SubmitSurveyBody): Promise<SurveyReceipt> {
  return ctx.db.transaction().execute(async (trx) => {
    // The row lock makes two submissions of one link take turns: the second sees the first.
    const row = await intake.invitationByToken(trx, hashToken(token), true);
    if (!row) throw linkInvalid();
    if (row.status === 'answered') {
      const again = scoreAnswers(row.definition, body.answers);
      if ('scored' in again && again.scored.fingerprint === row.submissionHash) return { receipt: row.receipt!, answeredAt: new Date(row.answeredAt!).toISOString() };
      throw differentAnswer();
    }
    if (row.expired) throw linkExpired();
    const scored = scoreOrThrow(row.definition, body.answers);
    const receipt = newReceipt();
    const answeredAt = await intake.markAnswered(trx, row.id, scored.fingerprint, receipt);
    if (!answeredAt) throw linkExpired();
    await intake.insertResponse(trx, {
      answeredOn: null, invitationId: row.id, programmeId: row.programmeId, questionnaireId: row.questionnaireId, version: row.version, customerId: row.customerId,
      branchId: row.branchId, rmStaffId: row.rmStaffId, tierCode: row.tierCode, businessLine: row.businessLine, competitor: null, channel: 'link',
      overall: scored.overall, nps: scored.nps, scores: scored.scores, answers: scored.answers, comment: scored.comment, locale: body.locale, enteredBy: null,
    });
    await addCustomerEvent(trx, {
      customerId: row.customerId, kind: 'survey', title: `完成满意度调查：${row.nameZh}`,
      detail: { titleEn: `Satisfaction survey answered: ${row.nameEn}`, overall: scored.overall }, refType: 'survey_invitation', refId: row.id,
    });
    return { receipt, answeredAt: new Date(answeredAt).toISOString() };
  });
}

/** Answers that came by mail or phone, typed in by staff of the branch they belong to. */
export async function enter(ctx: AppContext, actor: Actor, p: Principal, body: EnterSurveyBody): Promise<{ responseId: number; answeredOn: string }> {
  const scope = requireScope(p, 'surveys.enter');
  const branch = await intake.branchRef(ctx.db, body.branchId);
  if (!branch || !scopeCoversBranch(scope, branch)) throw notFound({ zh: '机构', en: 'branch' });
  const programme = await repo.programmeById(ctx.db, body.programmeId);
  if (!programme) throw notFound({ zh: '调查计划', en: 'survey programme' });
  if (programme.kind === 'competitor' && !body.competitor) {
    throw badRequest('COMPETITOR_REQUIRED', '同业客户调查须注明同业机构', "A survey of competitors' customers names the competitor", [{ path: 'competitor', zh: '请填写同业机构', en: 'Name the competitor' }]);
  }
  if (programme.kind !== 'competitor' && body.competitor) {
    throw badRequest('COMPETITOR_NOT_EXPECTED', '只有同业客户调查才注明同业机构', "Only a survey of competitors' customers names a competitor", [{ path: 'competitor', zh: '此调查不填同业机构', en: 'Leave the competitor empty' }]);
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  if (body.answeredOn > today) throw badRequest('FUTURE_DATE', '答卷日期不能晚于今天', 'The date answered cannot be in the future', [{ path: 'answeredOn', zh: '日期不能晚于今天', en: 'Not after today' }]);
  const q = await repo.questionnaireById(ctx.db, programme.questionnaireId);
  if (!q) throw notFound({ zh: '问卷', en: 'questionnaire' });
  const scored = scoreOrThrow(q.definition, body.answers);
  const customer = body.customerId ? await intake.customerForEntry(ctx.db, body.customerId, branch.id) : null;
  if (body.customerId && !customer) throw notFound({ zh: '客户', en: 'customer' });
  return ctx.db.transaction().execute(async (trx) => {
    const r = await intake.insertResponse(trx, {
      answeredOn: body.answeredOn, invitationId: null, programmeId: programme.id, questionnaireId: q.id, version: q.currentVersion, customerId: customer?.id ?? null,
      branchId: branch.id, rmStaffId: customer?.rmStaffId ?? null, tierCode: customer?.tierCode ?? null, businessLine: programme.businessLine,
      competitor: body.competitor, channel: body.answerChannel, overall: scored.overall, nps: scored.nps, scores: scored.scores, answers: scored.answers,
      comment: scored.comment, locale: 'zh-CN', enteredBy: p.staffId,
    });
    await audit(trx, actor, {
      action: 'survey.enter', entityType: 'survey_response', entityId: String(r.id), customerId: customer?.id ?? null, branchId: branch.id,
      detail: { programmeId: programme.id, channel: body.answerChannel, competitor: body.competitor },
    });
    return { responseId: r.id, answeredOn: r.answeredOn };
  });
}
