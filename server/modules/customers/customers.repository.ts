// All SQL of the customer archive: scope, the 360 view and its edits (search and lists are in
// customers-search.repository.ts).
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { CustomerStatus, RiskLevel, TemperamentCode } from '../../../contracts/customers';
import type { TierBasis } from './customers.rules';

// ---- scope ------------------------------------------------------------------------------------

/**
 * A data scope over customers (alias `c`). Own book = the caller is the dedicated (wealth) RM or the
 * marketing RM who brought the customer in; both columns are indexed, so the planner ORs two scans.
 */
export function customerScopeSql(scope: DataScope) {
  if (scope.kind === 'own') return sql<boolean>`(c.rm_staff_id = ${scope.staffId} or c.marketing_staff_id = ${scope.staffId})`;
  return scopeSql(scope, { branch: 'c.branch_id' });
}

/** Whether a second scope (e.g. customers.reveal) covers each row, as a boolean column. */
export function coveredBy(scope: DataScope | null) {
  return scope ? customerScopeSql(scope) : sql<boolean>`false`;
}

// ---- one customer -----------------------------------------------------------------------------

export type CustomerRef = {
  id: number;
  customerNo: string;
  name: string;
  branchId: number;
  rmStaffId: number | null;
  marketingStaffId: number | null;
  tierCode: string;
  status: CustomerStatus;
  riskAssessedOn: string | null;
};

const refCols = sql<CustomerRef>`c.id, c.customer_no as "customerNo", c.name, c.branch_id as "branchId", c.rm_staff_id as "rmStaffId",
  c.marketing_staff_id as "marketingStaffId", c.tier_code as "tierCode", c.status, c.risk_assessed_on as "riskAssessedOn"`;

/** The customer if the scope covers it; `lock` (inside a transaction) holds the row until commit. */
export async function customerRef(db: DbOrTrx, scope: DataScope, id: number, lock = false): Promise<CustomerRef | null> {
  const res = await sql<CustomerRef>`
    select ${refCols} from customers c where c.id = ${id} and ${customerScopeSql(scope)}
    ${lock ? sql`for update` : sql``}`.execute(db);
  return res.rows[0] ?? null;
}

export type CustomerRow = CustomerRef & {
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  residentId: string | null;
  mobile: string | null;
  address: string;
  occupation: string;
  employer: string;
  onboardedOn: string | null;
  branchCode: string;
  branchName: string;
  tierNameZh: string;
  tierNameEn: string;
  tierColor: string;
  tierRank: number;
  tierSince: string | null;
  overrideTierCode: string | null;
  overrideUntil: string | null;
  overrideReason: string | null;
  riskLevel: RiskLevel | null;
  temperament: TemperamentCode | null;
  consentPhone: boolean;
  consentSms: boolean;
  consentEmail: boolean;
  consentWechat: boolean;
  preferredChannel: string | null;
  preferredContactTime: string;
  familyNotes: string;
  aum: string;
  aumM1: string;
  aumM3: string;
  aumM6: string;
  lastContactAt: Date | null;
  rmStaffNo: string | null;
  rmName: string | null;
  marketingStaffNo: string | null;
  marketingName: string | null;
  balancesVisible: boolean;
};

export async function customerById(db: DbOrTrx, scope: DataScope, revealScope: DataScope | null, id: number): Promise<CustomerRow | null> {
  const res = await sql<CustomerRow>`
    select ${refCols}, c.gender, c.birth_date as "birthDate", c.resident_id as "residentId", c.mobile, c.address,
      c.occupation, c.employer, c.onboarded_on as "onboardedOn", b.code as "branchCode", b.name as "branchName",
      t.name_zh as "tierNameZh", t.name_en as "tierNameEn", t.color as "tierColor", t.rank as "tierRank", c.tier_since as "tierSince",
      c.override_tier_code as "overrideTierCode", c.override_until as "overrideUntil", c.override_reason as "overrideReason",
      c.risk_level as "riskLevel", c.temperament, c.consent_phone as "consentPhone", c.consent_sms as "consentSms",
      c.consent_email as "consentEmail", c.consent_wechat as "consentWechat", c.preferred_channel as "preferredChannel",
      c.preferred_contact_time as "preferredContactTime", c.family_notes as "familyNotes",
      c.aum, c.aum_m1 as "aumM1", c.aum_m3 as "aumM3", c.aum_m6 as "aumM6", c.last_contact_at as "lastContactAt",
      rm.staff_no as "rmStaffNo", rm.name as "rmName", mk.staff_no as "marketingStaffNo", mk.name as "marketingName",
      ${coveredBy(revealScope)} as "balancesVisible"
    from customers c
    join branches b on b.id = c.branch_id
    join tiers t on t.code = c.tier_code
    left join staff rm on rm.id = c.rm_staff_id
    left join staff mk on mk.id = c.marketing_staff_id
    where c.id = ${id} and ${customerScopeSql(scope)}`.execute(db);
  return res.rows[0] ?? null;
}

/** The full personal fields, for an audited reveal only. */
export async function personalFields(db: DbOrTrx, id: number): Promise<{ name: string; residentId: string | null; mobile: string | null; address: string }> {
  return db
    .selectFrom('customers')
    .select(['name', 'resident_id as residentId', 'mobile', 'address'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function nextTier(db: DbOrTrx, rank: number): Promise<{ code: string; nameZh: string; nameEn: string; minAum: string } | null> {
  const r = await db
    .selectFrom('tiers')
    .select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'min_aum as minAum'])
    .where('rank', '>', rank)
    .orderBy('rank')
    .limit(1)
    .executeTakeFirst();
  return r ?? null;
}

export async function tierBasisSetting(db: DbOrTrx): Promise<TierBasis> {
  const r = await db.selectFrom('tier_settings').select('basis').where('id', '=', 1).executeTakeFirst();
  return (r?.basis as TierBasis | undefined) ?? 'max_m1_m3';
}

export async function holdingsOf(db: DbOrTrx, customerId: number) {
  return db
    .selectFrom('holdings')
    .select(['id', 'category', 'product_code as productCode', 'product_name as productName', 'account_no as accountNo', 'card_no as cardNo', 'balance', 'opened_on as openedOn', 'matures_on as maturesOn', 'status'])
    .where('customer_id', '=', customerId)
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy('category')
    .orderBy('balance', 'desc')
    .limit(500)
    .execute();
}

/** The latest twelve months, oldest first, and their contribution summed in SQL. */
export async function aumTrend(db: DbOrTrx, customerId: number): Promise<{ months: { month: string; avgAum: string; endAum: string; contribution: string }[]; contribution: string }> {
  const res = await sql<{ month: string; avgAum: string; endAum: string; contribution: string; total: string }>`
    select month, avg_aum as "avgAum", end_aum as "endAum", contribution, sum(contribution) over () as total
    from (select * from monthly_balances where customer_id = ${customerId} order by month desc limit 12) m
    order by month`.execute(db);
  return { months: res.rows.map(({ total: _t, ...m }) => m), contribution: res.rows[0]?.total ?? '0.00' };
}

export async function needsOf(db: DbOrTrx, customerId: number) {
  return db
    .selectFrom('customer_needs as n')
    .leftJoin('staff as s', 's.id', 'n.recorded_by')
    .select(['n.id', 'n.kind', 'n.category', 'n.description', 'n.recorded_at as recordedAt', 's.name as recordedByName', 'n.met', 'n.met_at as metAt'])
    .where('n.customer_id', '=', customerId)
    .orderBy('n.met')
    .orderBy('n.recorded_at', 'desc')
    .limit(200)
    .execute();
}

export async function questionsOf(db: DbOrTrx, customerId: number) {
  return db
    .selectFrom('customer_questions as q')
    .leftJoin('staff as s', 's.id', 'q.created_by')
    .select(['q.id', 'q.question', 'q.created_at as createdAt', 's.name as createdByName', 'q.asked_at as askedAt', 'q.answer'])
    .where('q.customer_id', '=', customerId)
    .orderBy(sql`q.asked_at is null`, 'desc')
    .orderBy('q.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function riskHistoryOf(db: DbOrTrx, customerId: number) {
  return db
    .selectFrom('risk_assessments as r')
    .leftJoin('staff as s', 's.id', 'r.assessed_by')
    .select(['r.level', 'r.assessed_on as assessedOn', 'r.valid_until as validUntil', 's.name as assessedByName'])
    .where('r.customer_id', '=', customerId)
    .orderBy('r.assessed_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(20)
    .execute();
}

// ---- edits ------------------------------------------------------------------------------------

export type CustomerPatch = {
  occupation?: string;
  employer?: string;
  address?: string;
  mobile?: string;
  consentPhone?: boolean;
  consentSms?: boolean;
  consentEmail?: boolean;
  consentWechat?: boolean;
  preferredChannel?: string | null;
  preferredContactTime?: string;
  familyNotes?: string;
  status?: CustomerStatus;
  temperament?: TemperamentCode | null;
};

const PATCH_COLUMNS: Record<keyof CustomerPatch, string> = {
  occupation: 'occupation', employer: 'employer', address: 'address', mobile: 'mobile', consentPhone: 'consent_phone', consentSms: 'consent_sms',
  consentEmail: 'consent_email', consentWechat: 'consent_wechat', preferredChannel: 'preferred_channel',
  preferredContactTime: 'preferred_contact_time', familyNotes: 'family_notes', status: 'status', temperament: 'temperament',
};

export async function updateCustomer(trx: DbOrTrx, id: number, patch: CustomerPatch): Promise<void> {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) set[PATCH_COLUMNS[k as keyof CustomerPatch]] = v;
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('customers').set({ ...set, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** The current values of the patched columns, for the audit trail's before/after. */
export async function currentValues(db: DbOrTrx, id: number, keys: (keyof CustomerPatch)[]): Promise<Record<string, unknown>> {
  if (keys.length === 0) return {};
  const cols = keys.map((k) => sql`${sql.ref(PATCH_COLUMNS[k])} as ${sql.ref(k)}`);
  const res = await sql<Record<string, unknown>>`select ${sql.join(cols)} from customers where id = ${id}`.execute(db);
  return res.rows[0] ?? {};
}

export async function insertNeed(trx: DbOrTrx, n: { customerId: number; kind: string; category: string; description: string; recordedBy: number }): Promise<number> {
  const r = await trx
    .insertInto('customer_needs')
    .values({ customer_id: n.customerId, kind: n.kind, category: n.category, description: n.description, recorded_by: n.recordedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setNeedMet(trx: DbOrTrx, customerId: number, needId: number, met: boolean): Promise<{ description: string } | null> {
  const r = await trx
    .updateTable('customer_needs')
    .set({ met, met_at: met ? sql<Date>`coalesce(met_at, now())` : null })
    .where('id', '=', needId)
    .where('customer_id', '=', customerId)
    .returning('description')
    .executeTakeFirst();
  return r ?? null;
}

export async function insertQuestion(trx: DbOrTrx, q: { customerId: number; question: string; createdBy: number }): Promise<number> {
  const r = await trx
    .insertInto('customer_questions')
    .values({ customer_id: q.customerId, question: q.question, created_by: q.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateQuestion(trx: DbOrTrx, customerId: number, qid: number, patch: { askedAt?: string | null; answer?: string | null }): Promise<{ question: string } | null> {
  const set: Record<string, unknown> = {};
  if (patch.askedAt !== undefined) set.asked_at = patch.askedAt;
  if (patch.answer !== undefined) set.answer = patch.answer;
  const r = await trx.updateTable('customer_questions').set(set).where('id', '=', qid).where('customer_id', '=', customerId).returning('question').executeTakeFirst();
  return r ?? null;
}

/** Keeps every assessment; the customer's current level follows the most recent assessment date. */
export async function insertRiskAssessment(trx: DbOrTrx, r: { customerId: number; level: RiskLevel; assessedOn: string; validUntil: string; assessedBy: number }): Promise<number> {
  const row = await trx
    .insertInto('risk_assessments')
    .values({ customer_id: r.customerId, level: r.level, assessed_on: r.assessedOn, valid_until: r.validUntil, assessed_by: r.assessedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    update customers set risk_level = ${r.level}, risk_assessed_on = ${r.assessedOn}::date, updated_at = now()
    where id = ${r.customerId} and (risk_assessed_on is null or risk_assessed_on <= ${r.assessedOn}::date)`.execute(trx);
  return row.id;
}

export type RmCandidate = { id: number; staffNo: string; name: string; branchId: number; branchPath: string };

/** An active staff member holding the wealth-RM role, or null. */
export async function activeWealthRm(db: DbOrTrx, staffId: number): Promise<RmCandidate | null> {
  const r = await db
    .selectFrom('staff as s')
    .innerJoin('branches as b', 'b.id', 's.branch_id')
    .select(['s.id', 's.staff_no as staffNo', 's.name', 's.branch_id as branchId', 'b.path as branchPath'])
    .where('s.id', '=', staffId)
    .where('s.status', '=', 'active')
    .where(sql<boolean>`exists (select 1 from staff_roles r where r.staff_id = s.id and r.role = 'wealth_rm')`)
    .executeTakeFirst();
  return r ?? null;
}

export async function staffName(db: DbOrTrx, staffId: number): Promise<{ staffNo: string; name: string } | null> {
  const r = await db.selectFrom('staff').select(['staff_no as staffNo', 'name']).where('id', '=', staffId).executeTakeFirst();
  return r ?? null;
}

/** Closes the open history row(s) today and opens the new one; the customer row follows. */
export async function reassignRm(trx: DbOrTrx, a: { customerId: number; staffId: number; today: string; reason: string; assignedBy: number }): Promise<void> {
  await trx
    .updateTable('customer_rm_history')
    .set({ ended_on: a.today })
    .where('customer_id', '=', a.customerId)
    .where('ended_on', 'is', null)
    .execute();
  await trx
    .insertInto('customer_rm_history')
    .values({ customer_id: a.customerId, staff_id: a.staffId, assigned_on: a.today, reason: a.reason, assigned_by: a.assignedBy })
    .execute();
  await trx.updateTable('customers').set({ rm_staff_id: a.staffId, updated_at: sql<Date>`now()` }).where('id', '=', a.customerId).execute();
}

// ---- temperament guides -----------------------------------------------------------------------

export type GuideRow = {
  code: TemperamentCode;
  nameZh: string;
  nameEn: string;
  featuresZh: string;
  strategyZh: string;
  featuresEn: string;
  strategyEn: string;
  updatedAt: Date;
};

const guideCols = ['code', 'name_zh as nameZh', 'name_en as nameEn', 'features_zh as featuresZh', 'strategy_zh as strategyZh', 'features_en as featuresEn', 'strategy_en as strategyEn', 'updated_at as updatedAt'] as const;

export async function listGuides(db: DbOrTrx): Promise<GuideRow[]> {
  const rows = await db.selectFrom('temperament_guides').select(guideCols).orderBy(sql`array_position(array['lively','perfect','powerful','peaceful'], code)`).execute();
  return rows as GuideRow[];
}

export async function guideByCode(db: DbOrTrx, code: string): Promise<GuideRow | null> {
  const r = await db.selectFrom('temperament_guides').select(guideCols).where('code', '=', code).executeTakeFirst();
  return (r as GuideRow | undefined) ?? null;
}

export async function updateGuide(trx: DbOrTrx, code: string, g: { nameZh?: string; nameEn?: string; featuresZh: string; strategyZh: string; featuresEn: string; strategyEn: string }, by: number): Promise<boolean> {
  const r = await trx
    .updateTable('temperament_guides')
    .set({
      ...(g.nameZh !== undefined ? { name_zh: g.nameZh } : {}),
      ...(g.nameEn !== undefined ? { name_en: g.nameEn } : {}),
      features_zh: g.featuresZh,
      strategy_zh: g.strategyZh,
      features_en: g.featuresEn,
      strategy_en: g.strategyEn,
      updated_by: by,
      updated_at: sql<Date>`now()`,
    })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Inserts the guides that are missing; head office's edits to existing ones stay. */
export async function insertMissingGuides(db: DbOrTrx, guides: readonly Omit<GuideRow, 'updatedAt'>[]): Promise<void> {
  if (guides.length === 0) return;
  await db
    .insertInto('temperament_guides')
    .values(guides.map((g) => ({ code: g.code, name_zh: g.nameZh, name_en: g.nameEn, features_zh: g.featuresZh, strategy_zh: g.strategyZh, features_en: g.featuresEn, strategy_en: g.strategyEn })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
