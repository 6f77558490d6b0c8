// All SQL of survey set-up and distribution: questionnaires and their versions, programmes, the
// eligible populations and the random stratified draws, invitations and their one-time links.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { SaveProgrammeBody, SurveyDefinition, SurveyProgramme, SurveyProgrammeKind } from '../../../contracts/surveys';

// ---- questionnaires -------------------------------------------------------------------------------

export type QuestionnaireRow = {
  id: number; code: string; nameZh: string; nameEn: string; currentVersion: number; active: boolean; definition: SurveyDefinition; responses: number; updatedAt: Date;
};

function questionnaireQuery(db: DbOrTrx) {
  return db
    .selectFrom('survey_questionnaires as q')
    .innerJoin('survey_questionnaire_versions as v', (j) => j.onRef('v.questionnaire_id', '=', 'q.id').onRef('v.version', '=', 'q.current_version'))
    .select([
      'q.id', 'q.code', 'q.name_zh as nameZh', 'q.name_en as nameEn', 'q.current_version as currentVersion', 'q.active', 'q.updated_at as updatedAt',
      sql<SurveyDefinition>`v.definition`.as('definition'),
      sql<number>`(select count(*)::int from survey_responses r where r.questionnaire_id = q.id)`.as('responses'),
    ]);
}

export async function listQuestionnaires(db: DbOrTrx): Promise<QuestionnaireRow[]> {
  return questionnaireQuery(db).orderBy('q.id').execute();
}

export async function questionnaireById(db: DbOrTrx, id: number): Promise<QuestionnaireRow | null> {
  return (await questionnaireQuery(db).where('q.id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertQuestionnaire(trx: DbOrTrx, q: { code: string; nameZh: string; nameEn: string; definition: SurveyDefinition; staffId: number | null }): Promise<number> {
  const { id } = await trx.insertInto('survey_questionnaires').values({ code: q.code, name_zh: q.nameZh, name_en: q.nameEn }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('survey_questionnaire_versions').values({ questionnaire_id: id, version: 1, definition: JSON.stringify(q.definition), created_by: q.staffId }).execute();
  return id;
}

/** Locks the questionnaire row, so two editors saving at once get versions n+1 and n+2. */
export async function addVersion(trx: DbOrTrx, id: number, q: { nameZh: string; nameEn: string; active: boolean; definition: SurveyDefinition; staffId: number | null }): Promise<number | null> {
  const row = await trx.selectFrom('survey_questionnaires').select('current_version').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return null;
  const version = row.current_version + 1;
  await trx.insertInto('survey_questionnaire_versions').values({ questionnaire_id: id, version, definition: JSON.stringify(q.definition), created_by: q.staffId }).execute();
  await trx.updateTable('survey_questionnaires').set({ name_zh: q.nameZh, name_en: q.nameEn, active: q.active, current_version: version, updated_at: sql`now()` }).where('id', '=', id).execute();
  return version;
}

export async function definitionOf(db: DbOrTrx, questionnaireId: number, version: number): Promise<SurveyDefinition | null> {
  const r = await db.selectFrom('survey_questionnaire_versions').select(sql<SurveyDefinition>`definition`.as('definition'))
    .where('questionnaire_id', '=', questionnaireId).where('version', '=', version).executeTakeFirst();
  return r?.definition ?? null;
}

// ---- programmes -----------------------------------------------------------------------------------

function programmeQuery(db: DbOrTrx) {
  return db.selectFrom('survey_programmes as p').select([
    'p.id', 'p.code', sql<SurveyProgrammeKind>`p.kind`.as('kind'), 'p.name_zh as nameZh', 'p.name_en as nameEn', 'p.questionnaire_id as questionnaireId',
    'p.business_line as businessLine', sql<number>`p.confidence::float8`.as('confidence'), sql<number>`p.margin::float8`.as('margin'),
    'p.min_sample as minSample', 'p.max_sample as maxSample', 'p.sample_size as sampleSize', sql<number>`p.share::float8`.as('share'),
    'p.valid_days as validDays', 'p.active',
    sql<number>`(select count(*)::int from survey_invitations i where i.programme_id = p.id)`.as('invitations'),
    sql<number>`(select count(*)::int from survey_responses r where r.programme_id = p.id)`.as('responses'),
  ]);
}

export async function listProgrammes(db: DbOrTrx): Promise<SurveyProgramme[]> {
  return programmeQuery(db).orderBy('p.id').execute();
}

export async function programmeById(db: DbOrTrx, id: number): Promise<SurveyProgramme | null> {
  return (await programmeQuery(db).where('p.id', '=', id).executeTakeFirst()) ?? null;
}

export async function activeProgrammes(db: DbOrTrx, kind: SurveyProgrammeKind): Promise<SurveyProgramme[]> {
  return programmeQuery(db).where('p.kind', '=', kind).where('p.active', '=', true).orderBy('p.id').execute();
}

export async function upsertProgramme(trx: DbOrTrx, b: SaveProgrammeBody): Promise<number> {
  const values = {
    code: b.code, kind: b.kind, name_zh: b.nameZh, name_en: b.nameEn, questionnaire_id: b.questionnaireId, business_line: b.businessLine,
    confidence: b.confidence, margin: b.margin, min_sample: b.minSample, max_sample: b.maxSample, sample_size: b.sampleSize, share: b.share,
    valid_days: b.validDays, active: b.active,
  };
  const { id } = await trx.insertInto('survey_programmes').values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- populations and draws ----------------------------------------------------------------------

/** Customers who may be invited: active, with at least one contact consent, not invited in 30 days. */
const eligible = sql`
  c.status = 'active'
  and (c.consent_sms or c.consent_wechat or c.consent_email or c.consent_phone)
  and not exists (select 1 from survey_invitations f where f.customer_id = c.id and f.created_at > now() - interval '30 days')`;
const channelOf = sql`case when c.consent_sms then 'sms' when c.consent_wechat then 'wechat' when c.consent_email then 'email' else 'phone' end`;

export type PopulationRow = { branchId: number; branchCode: string; branchName: string; tierCode: string; population: number };

export async function populations(db: DbOrTrx): Promise<PopulationRow[]> {
  const r = await sql<PopulationRow>`
    select c.branch_id::int as "branchId", b.code as "branchCode", b.name as "branchName", c.tier_code as "tierCode", count(*)::int as population
    from customers c join branches b on b.id = c.branch_id
    where ${eligible}
    group by c.branch_id, b.code, b.name, c.tier_code
    order by b.code, c.tier_code`.execute(db);
  return r.rows;
}

/**
 * The draw, in one statement: customers of each group (a branch, or the whole bank when the group
 * is 0) are shuffled within their tier, then the tiers are interleaved by relative position
 * ((rank − ½) / size), so the first n of a group hold every tier in proportion.
 */
export async function drawSample(
  trx: DbOrTrx,
  p: { id: number; questionnaireId: number; version: number; businessLine: string | null },
  wave: string,
  groups: readonly { group: number; sample: number }[],
  byBranch: boolean,
): Promise<number> {
  if (groups.length === 0) return 0;
  const sizes = sql.join(groups.map((g) => sql`(${g.group}::bigint, ${g.sample}::int)`));
  const groupCol = byBranch ? sql`c.branch_id` : sql`0::bigint`;
  const r = await sql`
    with sizes (g, n) as (values ${sizes}),
    pool as (
      select c.id, c.branch_id, c.rm_staff_id, c.tier_code, ${channelOf} as channel, ${groupCol} as g,
             row_number() over (partition by ${groupCol}, c.tier_code order by random()) as rn,
             count(*) over (partition by ${groupCol}, c.tier_code) as ns
      from customers c
      where ${eligible} and ${groupCol} in (select g from sizes)
    ),
    ordered as (select pool.*, row_number() over (partition by g order by (rn - 0.5) / ns, random()) as k from pool)
    insert into survey_invitations (programme_id, wave, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, business_line, channel)
    select ${p.id}, ${wave}, ${p.questionnaireId}, ${p.version}, o.id, o.branch_id, o.rm_staff_id, o.tier_code, ${p.businessLine}, o.channel
    from ordered o join sizes z on z.g = o.g
    where o.k <= z.n
    on conflict do nothing`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export async function waveCount(db: DbOrTrx, programmeId: number, wave: string): Promise<number> {
  const r = await db.selectFrom('survey_invitations').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', programmeId).where('wave', '=', wave).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Post-service invitations for a sampled share of finished lobby tickets and RM meetings (timeline
 * events of kind 'meeting'). The sample is a hash of the source, so a rerun picks the same ones;
 * the source key makes it idempotent; the 30-day rule keeps a customer from being asked again.
 */
export async function invitePostService(trx: DbOrTrx, p: { id: number; questionnaireId: number; version: number; share: number; businessLine: string | null }, sinceHours: number): Promise<number> {
  const permille = Math.round(p.share * 1000);
  const r = await sql`
    with sources as (
      select 'ticket' as source_type, t.id::text as source_ref, t.customer_id, t.finished_at as at
      from lobby_tickets t
      where t.status = 'done' and t.customer_id is not null and t.finished_at > now() - make_interval(hours => ${sinceHours})
      union all
      select 'meeting', e.id::text, e.customer_id, e.at
      from customer_events e
      where e.kind = 'meeting' and e.at > now() - make_interval(hours => ${sinceHours})
    ),
    picked as (
      select distinct on (s.customer_id) s.*
      from sources s
      where ('x' || substr(md5(s.source_type || ':' || s.source_ref), 1, 8))::bit(32)::bigint % 1000 < ${permille}
      order by s.customer_id, s.at
    )
    insert into survey_invitations (programme_id, wave, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, business_line, channel, source_type, source_ref)
    select ${p.id}, to_char(s.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), ${p.questionnaireId}, ${p.version}, c.id, c.branch_id, c.rm_staff_id, c.tier_code, ${p.businessLine},
           ${channelOf}, s.source_type, s.source_ref
    from picked s join customers c on c.id = s.customer_id
    where ${eligible}
    on conflict do nothing`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

// ---- invitations and links ------------------------------------------------------------------------

export type InvitationRow = {
  id: number; programmeId: number; programmeNameZh: string; programmeNameEn: string; wave: string; customerNo: string; customerName: string; branchName: string;
  tierCode: string | null; channel: string; status: string; sentAt: Date | null; expiresAt: Date | null; answeredAt: Date | null;
};

export async function listInvitations(db: DbOrTrx, scope: DataScope, q: { programmeId?: number; status?: string; page: number; pageSize: number }): Promise<{ items: InvitationRow[]; total: number }> {
  let qb = db.selectFrom('survey_invitations as i')
    .innerJoin('survey_programmes as p', 'p.id', 'i.programme_id')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .innerJoin('branches as b', 'b.id', 'i.branch_id')
    .where(scopeSql(scope, { branch: 'i.branch_id', owner: 'i.rm_staff_id' }));
  if (q.programmeId) qb = qb.where('i.programme_id', '=', q.programmeId);
  if (q.status === 'expired') qb = qb.where('i.status', '=', 'sent').where('i.expires_at', '<=', sql<Date>`now()`);
  else if (q.status === 'sent') qb = qb.where('i.status', '=', 'sent').where('i.expires_at', '>', sql<Date>`now()`);
  else if (q.status) qb = qb.where('i.status', '=', q.status);
  const [items, total] = await Promise.all([
    qb.select([
      'i.id', 'i.programme_id as programmeId', 'p.name_zh as programmeNameZh', 'p.name_en as programmeNameEn', 'i.wave', 'c.customer_no as customerNo', 'c.name as customerName',
      'b.name as branchName', 'i.tier_code as tierCode', 'i.channel', sql<string>`case when i.status = 'sent' and i.expires_at <= now() then 'expired' else i.status end`.as('status'),
      'i.sent_at as sentAt', 'i.expires_at as expiresAt', 'i.answered_at as answeredAt',
    ]).orderBy('i.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** A new link replaces the old one; an answered invitation keeps its answer and gets none. */
export async function setLink(trx: DbOrTrx, scope: DataScope, id: number, tokenHash: string): Promise<{ id: number; expiresAt: Date; customerId: number; branchId: number } | null> {
  const r = await sql<{ id: number; expiresAt: Date; customerId: number; branchId: number }>`
    update survey_invitations i
    set token_hash = ${tokenHash}, status = 'sent', sent_at = now(),
        expires_at = now() + make_interval(days => (select p.valid_days from survey_programmes p where p.id = i.programme_id))
    where i.id = ${id} and i.status <> 'answered' and ${scopeSql(scope, { branch: 'i.branch_id', owner: 'i.rm_staff_id' })}
    returning i.id::int as id, i.expires_at as "expiresAt", i.customer_id::int as "customerId", i.branch_id::int as "branchId"`.execute(trx);
  return r.rows[0] ?? null;
}

export async function invitationStatus(db: DbOrTrx, scope: DataScope, id: number): Promise<string | null> {
  const r = await db.selectFrom('survey_invitations as i').select('i.status').where('i.id', '=', id)
    .where(scopeSql(scope, { branch: 'i.branch_id', owner: 'i.rm_staff_id' })).executeTakeFirst();
  return r?.status ?? null;
}
