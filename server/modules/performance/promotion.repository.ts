// SQL of grade promotion: the rules per grade, the facts each review is judged on, the monthly list.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { PromotionEvidence, PromotionRule, SavePromotionRuleBody } from '../../../contracts/contests';
import type { LadderGrade } from './promotion.rules';

export async function ladder(db: DbOrTrx): Promise<LadderGrade[]> {
  return db.selectFrom('grade_levels').select(['id', 'code', 'name_zh as nameZh', 'name_en as nameEn', 'rank', 'steps']).orderBy('rank').execute();
}

const ruleCols = sql`r.id, g.code as "gradeCode", g.name_zh as "gradeNameZh", g.name_en as "gradeNameEn", g.rank as "gradeRank", r.step,
  r.min_months_in_grade as "minMonthsInGrade", r.score_months as "scoreMonths", r.min_avg_score::text as "minAvgScore", r.min_aum::text as "minAum",
  r.required_certificates as "requiredCertificates", r.clean_months as "cleanMonths", r.demote_below_score::text as "demoteBelowScore",
  r.demote_months as "demoteMonths", r.active, r.grade_level_id as "gradeLevelId"`;
export type RuleRow = PromotionRule & { gradeLevelId: number };

export async function listRules(db: DbOrTrx): Promise<RuleRow[]> {
  const res = await sql<RuleRow>`select ${ruleCols} from promotion_rules r join grade_levels g on g.id = r.grade_level_id order by g.rank, r.step nulls first`.execute(db);
  return res.rows;
}

export async function ruleById(db: DbOrTrx, id: number): Promise<RuleRow | null> {
  const res = await sql<RuleRow>`select ${ruleCols} from promotion_rules r join grade_levels g on g.id = r.grade_level_id where r.id = ${id}`.execute(db);
  return res.rows[0] ?? null;
}

export async function ruleIdFor(db: DbOrTrx, gradeLevelId: number, step: number | null): Promise<number | null> {
  const r = await db.selectFrom('promotion_rules').select('id').where('grade_level_id', '=', gradeLevelId)
    .where(sql<boolean>`coalesce(step, 0) = ${step ?? 0}`).executeTakeFirst();
  return r?.id ?? null;
}

const ruleValues = (b: Omit<SavePromotionRuleBody, 'gradeCode'>, by: number | null) => ({
  step: b.step, min_months_in_grade: b.minMonthsInGrade, score_months: b.scoreMonths, min_avg_score: b.minAvgScore, min_aum: b.minAum,
  required_certificates: b.requiredCertificates, clean_months: b.cleanMonths, demote_below_score: b.demoteBelowScore, demote_months: b.demoteMonths,
  active: b.active, updated_by: by, updated_at: new Date(),
});

export async function insertRule(trx: DbOrTrx, gradeLevelId: number, b: Omit<SavePromotionRuleBody, 'gradeCode'>, by: number | null): Promise<number> {
  const r = await trx.insertInto('promotion_rules').values({ grade_level_id: gradeLevelId, ...ruleValues(b, by) }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Reference data: a rule per grade unless one exists (an installation's edits are kept). */
export async function insertMissingRules(db: DbOrTrx, rows: (Omit<SavePromotionRuleBody, 'gradeCode'> & { gradeCode: string })[]): Promise<void> {
  for (const r of rows) {
    const g = await db.selectFrom('grade_levels').select('id').where('code', '=', r.gradeCode).executeTakeFirst();
    if (!g || (await ruleIdFor(db, g.id, r.step)) !== null) continue;
    await insertRule(db, g.id, r, null);
  }
}

export async function updateRule(trx: DbOrTrx, id: number, gradeLevelId: number, b: Omit<SavePromotionRuleBody, 'gradeCode'>, by: number): Promise<void> {
  await trx.updateTable('promotion_rules').set({ grade_level_id: gradeLevelId, ...ruleValues(b, by) }).where('id', '=', id).execute();
}

export type Candidate = {
  staffId: number; branchId: number; gradeLevelId: number; step: number; gradeSince: string | null; aum: string;
  certificatesHeld: string[]; upheldComplaintDates: string[]; cleanRecord: boolean;
};

/**
 * Every active RM with a grade, and the facts the rules read: since when in the current grade, the
 * AUM of the book, valid certificates, complaints naming them that were upheld (root cause: staff
 * conduct) since `complaintsSince`, and the clean-record flag of their qualification file.
 */
export async function candidates(db: DbOrTrx, asOf: string, complaintsSince: string, staffIds?: number[]): Promise<Candidate[]> {
  const res = await sql<Candidate>`
    with rms as (
      select s.id, s.branch_id, s.grade_level_id, s.grade_step from staff s
       where s.status = 'active' and s.grade_level_id is not null and s.grade_step is not null
         and exists (select 1 from staff_roles r where r.staff_id = s.id and r.role in ('wealth_rm', 'marketing_rm'))
         ${staffIds ? sql`and s.id = any(${staffIds}::bigint[])` : sql``}
    ), book as (
      select c.rm_staff_id as staff_id, sum(c.aum) as aum from customers c
       where c.status <> 'closed' and c.rm_staff_id in (select id from rms) group by c.rm_staff_id
    ), upheld as (
      select u.staff_id, array_agg(coalesce(c.decided_on, c.closed_on)::text order by c.id) as dates
        from complaints c cross join lateral unnest(c.about_staff_ids) as u(staff_id)
       where c.root_cause = 'staff_conduct' and coalesce(c.decided_on, c.closed_on) >= ${complaintsSince}::date
         and u.staff_id in (select id from rms)
       group by u.staff_id
    )
    select rms.id as "staffId", rms.branch_id as "branchId", rms.grade_level_id as "gradeLevelId", rms.grade_step as step,
           (select max(h.effective_on)::text from staff_grade_history h where h.staff_id = rms.id and h.effective_on <= ${asOf}::date) as "gradeSince",
           coalesce(book.aum, 0)::text as aum,
           coalesce((select array_agg(distinct ct.type_code order by ct.type_code) from certificates ct
                      where ct.staff_id = rms.id and ct.issued_on <= ${asOf}::date and (ct.expires_on is null or ct.expires_on >= ${asOf}::date)), '{}') as "certificatesHeld",
           coalesce(upheld.dates, '{}') as "upheldComplaintDates",
           coalesce((select q.clean_record from staff_qualifications q where q.staff_id = rms.id), true) as "cleanRecord"
      from rms left join book on book.staff_id = rms.id left join upheld on upheld.staff_id = rms.id
     order by rms.id`.execute(db);
  return res.rows.map((r) => ({ ...r, staffId: Number(r.staffId), branchId: Number(r.branchId), gradeLevelId: Number(r.gradeLevelId) }));
}

export type ReviewWrite = {
  month: string; staffId: number; branchId: number; direction: 'promote' | 'demote'; fromGradeLevelId: number; fromStep: number;
  toGradeLevelId: number; toStep: number; evidence: PromotionEvidence;
};

/** One review per staff member and month: a rerun of the month adds nothing twice. */
export async function insertReviews(trx: DbOrTrx, rows: ReviewWrite[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const res = await trx.insertInto('promotion_reviews').values(rows.slice(i, i + 500).map((r) => ({
      month: r.month, staff_id: r.staffId, branch_id: r.branchId, direction: r.direction, from_grade_level_id: r.fromGradeLevelId, from_step: r.fromStep,
      to_grade_level_id: r.toGradeLevelId, to_step: r.toStep, evidence: JSON.stringify(r.evidence),
    }))).onConflict((oc) => oc.columns(['month', 'staff_id']).doNothing()).executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

export type ReviewRow = {
  id: number; month: string; staffId: number; staffNo: string; staffName: string; branchId: number; branchName: string; branchPath: string;
  direction: 'promote' | 'demote'; fromGradeLevelId: number; fromGradeCode: string; fromNameZh: string; fromNameEn: string; fromStep: number;
  toGradeLevelId: number; toGradeCode: string; toNameZh: string; toNameEn: string; toStep: number; evidence: PromotionEvidence;
  status: 'pending' | 'approved' | 'rejected'; decidedByName: string | null; decidedAt: Date | null; reason: string | null;
};
const reviewFrom = sql`promotion_reviews v join staff s on s.id = v.staff_id join branches b on b.id = v.branch_id
  join grade_levels fg on fg.id = v.from_grade_level_id join grade_levels tg on tg.id = v.to_grade_level_id left join staff d on d.id = v.decided_by`;
const reviewCols = sql`v.id, to_char(v.month, 'YYYY-MM') as month, v.staff_id as "staffId", s.staff_no as "staffNo", s.name as "staffName",
  v.branch_id as "branchId", b.name as "branchName", b.path as "branchPath", v.direction,
  v.from_grade_level_id as "fromGradeLevelId", fg.code as "fromGradeCode", fg.name_zh as "fromNameZh", fg.name_en as "fromNameEn", v.from_step as "fromStep",
  v.to_grade_level_id as "toGradeLevelId", tg.code as "toGradeCode", tg.name_zh as "toNameZh", tg.name_en as "toNameEn", v.to_step as "toStep",
  v.evidence, v.status, d.name as "decidedByName", v.decided_at as "decidedAt", v.reason`;

export async function listReviews(db: DbOrTrx, scope: DataScope, q: { month: string; status?: string; page: number; pageSize: number }): Promise<{ rows: ReviewRow[]; total: number }> {
  const where = sql`v.month = ${`${q.month}-01`}::date and ${scopeSql(scope, { branch: 'v.branch_id', owner: 'v.staff_id' })} ${q.status ? sql`and v.status = ${q.status}` : sql``}`;
  const [rows, total] = await Promise.all([
    sql<ReviewRow>`select ${reviewCols} from ${reviewFrom} where ${where} order by (v.status = 'pending') desc, v.direction desc, b.path, s.staff_no
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from promotion_reviews v where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function reviewById(db: DbOrTrx, scope: DataScope, id: number, lock = false): Promise<ReviewRow | null> {
  const res = await sql<ReviewRow>`select ${reviewCols} from ${reviewFrom} where v.id = ${id} and ${scopeSql(scope, { branch: 'v.branch_id', owner: 'v.staff_id' })}
    ${lock ? sql`for update of v` : sql``}`.execute(db);
  return res.rows[0] ?? null;
}

export async function decideReview(trx: DbOrTrx, id: number, d: { status: 'approved' | 'rejected'; by: number; reason: string }): Promise<void> {
  await trx.updateTable('promotion_reviews').set({ status: d.status, decided_by: d.by, decided_at: new Date(), reason: d.reason || null }).where('id', '=', id).execute();
}

/** Whether the staff member's grade is still the one the review started from. */
export async function currentGrade(db: DbOrTrx, staffId: number): Promise<{ gradeLevelId: number | null; step: number | null }> {
  const r = await db.selectFrom('staff').select(['grade_level_id as gradeLevelId', 'grade_step as step']).where('id', '=', staffId).executeTakeFirstOrThrow();
  return r;
}
