// SQL of the demo surveys: questionnaires, programmes, six months of answers written set-based, one
// improvement plan. Randomness is a hash of the customer and a salt, so a seed gives one bank.
import { sql, type DbOrTrx } from '../platform/db';
import type { SaveProgrammeBody, SurveyDefinition } from '../../contracts/surveys';

export async function insertQuestionnaireSeed(trx: DbOrTrx, q: { code: string; nameZh: string; nameEn: string; definition: SurveyDefinition }): Promise<number> {
  const { id } = await trx.insertInto('survey_questionnaires').values({ code: q.code, name_zh: q.nameZh, name_en: q.nameEn }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('survey_questionnaire_versions').values({ questionnaire_id: id, version: 1, definition: JSON.stringify(q.definition), created_by: null }).execute();
  return Number(id);
}

export async function insertProgrammeSeed(trx: DbOrTrx, b: SaveProgrammeBody): Promise<number> {
  const { id } = await trx.insertInto('survey_programmes').values({
    code: b.code, kind: b.kind, name_zh: b.nameZh, name_en: b.nameEn, questionnaire_id: b.questionnaireId, business_line: b.businessLine,
    confidence: b.confidence, margin: b.margin, min_sample: b.minSample, max_sample: b.maxSample, sample_size: b.sampleSize, share: b.share,
    valid_days: b.validDays, active: b.active,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

const COMMENTS = [
  '排队时间太长，希望增加窗口', '理财经理很专业，讲解清楚', '大堂经理主动引导，很贴心', '希望理财产品种类更多一些', '网点环境很好，休息区舒适',
  '柜员态度有点冷淡', '手机银行转账偶尔失败', '等候区座位不够', '客户经理经常换人，沟通不连贯', '业务办理很快，满意',
];

/** A uniform number in [0, 1) from the customer id and a salt. */
const u = (salt: string) => sql`(('x' || substr(md5(c.id::text || ${salt}), 1, 8))::bit(32)::bigint / 4294967296.0)`;
const clamp = (x: ReturnType<typeof sql>) => sql`greatest(1, least(5, round(${x})))::int`;

export async function insertDemoAnswers(trx: DbOrTrx, o: { seed: number; today: string; programmeId: number; questionnaireId: number; count: number; days: number }): Promise<number> {
  const s = `:${o.seed}:`;
  const r = await sql`
    with picked as (
      select c.id, c.branch_id, c.rm_staff_id, c.tier_code,
             ${u(s + 'mood')} * 2.2 + 2.9 as mood,
             ${u(s + 'day')} as dday, ${u(s + 'a')} as ua, ${u(s + 'b')} as ub, ${u(s + 'c')} as uc, ${u(s + 'd')} as ud, ${u(s + 'e')} as ue,
             ${u(s + 'n')} as un, ${u(s + 'm')} as um
      from customers c
      where c.status = 'active'
      order by ${u(s + 'pick')}
      limit ${o.count}
    ),
    scored as (
      select p.*,
             ${clamp(sql`p.mood + (p.ua - 0.5) * 1.6 + 0.2`)} as env,
             ${clamp(sql`p.mood + (p.ub - 0.5) * 1.8 - 0.5`)} as eff,
             ${clamp(sql`p.mood + (p.uc - 0.5) * 1.4`)} as att,
             ${clamp(sql`p.mood + (p.ud - 0.5) * 1.4 + 0.1`)} as pro,
             ${clamp(sql`p.mood + (p.ue - 0.5) * 2.0 - 0.2`)} as prod
      from picked p
    ),
    rated as (
      select s.*, ${clamp(sql`0.35 * s.eff + 0.3 * s.att + 0.15 * s.pro + 0.1 * s.env + 0.1 * s.prod + (s.un - 0.5) * 0.8`)} as overall
      from scored s
    )
    insert into survey_responses (answered_on, programme_id, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, channel,
                                  overall, nps, scores, answers, comment, locale)
    select (${o.today}::date - (floor(r.dday * ${o.days}))::int), ${o.programmeId}, ${o.questionnaireId}, 1, r.id, r.branch_id, r.rm_staff_id, r.tier_code, 'link',
           r.overall, least(10, greatest(0, r.overall * 2 + round((r.un - 0.5) * 3)::int)),
           jsonb_build_object('environment', r.env, 'efficiency', r.eff, 'attitude', r.att, 'professionalism', r.pro, 'products', r.prod),
           jsonb_build_object('env_comfort', r.env, 'eff_wait', r.eff, 'eff_process', r.eff, 'att_courtesy', r.att, 'pro_advice', r.pro, 'prod_fit', r.prod, 'overall', r.overall),
           case when r.um < 0.35 then (${sql.val(COMMENTS)}::text[])[1 + floor(r.um / 0.35 * ${COMMENTS.length})::int] else '' end,
           'zh-CN'
    from rated r`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** The first outlet's plan after last month's report: waiting time and courtesy. */
export async function insertDemoPlan(trx: DbOrTrx, today: string): Promise<void> {
  const head = await sql<{ staffId: number; branchId: number }>`
    select s.id::int as "staffId", s.branch_id::int as "branchId" from users u join staff s on s.id = u.staff_id where u.username = 'bhead'`.execute(trx);
  const lobby = await sql<{ staffId: number }>`select s.id::int as "staffId" from users u join staff s on s.id = u.staff_id where u.username = 'lobby'`.execute(trx);
  const h = head.rows[0];
  if (!h) return;
  const owner2 = lobby.rows[0]?.staffId ?? h.staffId;
  const plan = await trx.insertInto('survey_improvement_plans').values({
    title: '缩短等候时间、提升服务热情', branch_id: h.branchId, period_from: sql<string>`(${today}::date - 60)`, period_to: sql<string>`(${today}::date - 1)`,
    summary: '办理效率与服务态度是拉低满意度最多的两项指标。', created_by: h.staffId,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('survey_improvement_actions').values([
    { plan_id: plan.id, indicator: 'efficiency', action: '午间高峰增开一个非现金窗口', owner_staff_id: h.staffId, due_on: sql<string>`(${today}::date + 14)` },
    { plan_id: plan.id, indicator: 'attitude', action: '大堂经理每日晨会演练迎宾用语', owner_staff_id: owner2, due_on: sql<string>`(${today}::date - 3)`, status: 'done', done_at: sql<Date>`now()`, done_note: '已纳入晨会流程' },
  ]).execute();
}
