// All SQL of taking answers in: an invitation by its link, the one-time claim of the invitation,
// and the response row (append-only; the answer day leads its key).
import { sql, type DbOrTrx } from '../../platform/db';
import type { SurveyDefinition } from '../../../contracts/surveys';

export type LinkRow = {
  id: number; programmeId: number; questionnaireId: number; version: number; customerId: number; branchId: number; rmStaffId: number | null;
  tierCode: string | null; businessLine: string | null; status: string; expiresAt: Date | null; expired: boolean; submissionHash: string | null;
  receipt: string | null; answeredAt: Date | null; nameZh: string; nameEn: string; definition: SurveyDefinition;
};

export async function invitationByToken(db: DbOrTrx, tokenHash: string, lock = false): Promise<LinkRow | null> {
  const r = await sql<LinkRow>`
    select i.id::int as id, i.programme_id::int as "programmeId", i.questionnaire_id::int as "questionnaireId", i.version, i.customer_id::int as "customerId",
           i.branch_id::int as "branchId", i.rm_staff_id::int as "rmStaffId", i.tier_code as "tierCode", i.business_line as "businessLine", i.status,
           i.expires_at as "expiresAt", (i.expires_at is null or i.expires_at <= now()) as expired, i.submission_hash as "submissionHash", i.receipt,
           i.answered_at as "answeredAt", q.name_zh as "nameZh", q.name_en as "nameEn", v.definition
    from survey_invitations i
    join survey_questionnaires q on q.id = i.questionnaire_id
    join survey_questionnaire_versions v on v.questionnaire_id = i.questionnaire_id and v.version = i.version
    where i.token_hash = ${tokenHash}
    ${lock ? sql`for update of i` : sql``}`.execute(db);
  return r.rows[0] ?? null;
}

/** The claim: only a sent, unexpired, unanswered invitation moves to answered, once. */
export async function markAnswered(trx: DbOrTrx, id: number, fingerprint: string, receipt: string): Promise<Date | null> {
  const r = await trx.updateTable('survey_invitations')
    .set({ status: 'answered', submission_hash: fingerprint, receipt, answered_at: sql<Date>`now()` })
    .where('id', '=', id).where('status', '=', 'sent').where('expires_at', '>', sql<Date>`now()`)
    .returning('answered_at').executeTakeFirst();
  return r?.answered_at ?? null;
}

export type ResponseWrite = {
  answeredOn: string | null; invitationId: number | null; programmeId: number; questionnaireId: number; version: number; customerId: number | null;
  branchId: number; rmStaffId: number | null; tierCode: string | null; businessLine: string | null; competitor: string | null; channel: 'link' | 'mail' | 'phone';
  overall: number | null; nps: number | null; scores: Record<string, number>; answers: Record<string, unknown>; comment: string; locale: string; enteredBy: number | null;
};

export async function insertResponse(trx: DbOrTrx, w: ResponseWrite): Promise<{ id: number; answeredOn: string }> {
  const r = await trx.insertInto('survey_responses').values({
    answered_on: w.answeredOn ?? sql<string>`(now() at time zone 'Asia/Shanghai')::date`,
    invitation_id: w.invitationId, programme_id: w.programmeId, questionnaire_id: w.questionnaireId, version: w.version, customer_id: w.customerId,
    branch_id: w.branchId, rm_staff_id: w.rmStaffId, tier_code: w.tierCode, business_line: w.businessLine, competitor: w.competitor, channel: w.channel,
    overall: w.overall, nps: w.nps, scores: JSON.stringify(w.scores), answers: JSON.stringify(w.answers), comment: w.comment, locale: w.locale, entered_by: w.enteredBy,
  }).returning(['id', sql<string>`to_char(answered_on, 'YYYY-MM-DD')`.as('answeredOn')]).executeTakeFirstOrThrow();
  return { id: Number(r.id), answeredOn: r.answeredOn };
}

/** Staff entry: the customer (if named) with their RM and tier, inside the branch the answer is for. */
export async function customerForEntry(db: DbOrTrx, customerId: number, branchId: number): Promise<{ id: number; rmStaffId: number | null; tierCode: string } | null> {
  const r = await db.selectFrom('customers').select(['id', 'rm_staff_id as rmStaffId', 'tier_code as tierCode'])
    .where('id', '=', customerId).where('branch_id', '=', branchId).executeTakeFirst();
  return r ? { id: Number(r.id), rmStaffId: r.rmStaffId === null ? null : Number(r.rmStaffId), tierCode: r.tierCode } : null;
}

export async function branchRef(db: DbOrTrx, id: number): Promise<{ id: number; path: string; name: string } | null> {
  const r = await db.selectFrom('branches').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
  return r ? { id: Number(r.id), path: r.path, name: r.name } : null;
}
