// All SQL of the customer archive: scope, search, lists, the 360 view and its edits.
import { sql, scopeSql, type Db, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { CustomerFilter, CustomerStatus, RiskLevel, SearchKind, TemperamentCode } from '../../../contracts/customers';
import { likeLiteral, reversed, type SearchTerm, type TierBasis } from './customers.rules';

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
function coveredBy(scope: DataScope | null) {
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

// ---- search -----------------------------------------------------------------------------------

export type SearchHitRow = {
  id: number;
  customerNo: string;
  name: string;
  mobile: string | null;
  tierCode: string;
  tierNameZh: string;
  tierNameEn: string;
  branchId: number;
  branchName: string;
  rmName: string | null;
  matchedBy: SearchKind;
};

/** Code points above any real text: `[t, t + MAX)` is the prefix range of t in code-point order. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/**
 * One indexed probe per kind of term, each already narrowed by scope and limited, so that the
 * result is in scope and complete for the first `limit` hits:
 * - customer number: a range on the unique index (code-point collations: C, C.UTF-8) plus LIKE;
 * - mobile / resident ID / card tail: prefix LIKE on the reversed text (text_pattern_ops indexes);
 * - name: ILIKE on the trigram index; a two-character fragment has no inner trigram, so over a wide
 *   scope it goes through trigram similarity (names that start with or equal the fragment).
 */
function probe(t: SearchTerm, scope: DataScope, limit: number, rank: number) {
  const inScope = customerScopeSql(scope);
  const kind = sql.lit(t.kind);
  switch (t.kind) {
    case 'customerNo':
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r from customers c
        where c.customer_no >= ${t.term} and c.customer_no < ${t.term + MAX_CHAR} and c.customer_no like ${likeLiteral(t.term) + '%'} and ${inScope}
        order by c.customer_no limit ${limit})`;
    case 'mobile':
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r from customers c
        where reverse(c.mobile) like ${likeLiteral(reversed(t.term)) + '%'} and ${inScope} limit ${limit})`;
    case 'residentId':
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r from customers c
        where reverse(c.resident_id) like ${likeLiteral(reversed(t.term)) + '%'} and ${inScope} limit ${limit})`;
    case 'card':
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r from holdings h join customers c on c.id = h.customer_id
        where h.card_no is not null and reverse(h.card_no) like ${likeLiteral(reversed(t.term)) + '%'} and ${inScope} limit ${limit})`;
    case 'name': {
      const wide = scope.kind === 'bank' || scope.kind === 'subtree';
      const contains = sql`c.name ilike ${'%' + likeLiteral(t.term) + '%'}`;
      const where = wide && Array.from(t.term).length < 3 ? sql`c.name % ${t.term} and ${contains}` : contains;
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r from customers c
        where ${where} and ${inScope} limit ${limit})`;
    }
  }
}

export async function searchCustomers(db: Db, scope: DataScope, terms: readonly SearchTerm[], limit: number): Promise<SearchHitRow[]> {
  if (terms.length === 0) return [];
  const union = sql.join(terms.map((t, i) => probe(t, scope, limit, i)), sql` union all `);
  const res = await sql<SearchHitRow>`
    with hits as (${union}),
    best as (select distinct on (id) id, k, r from hits order by id, r)
    select c.id, c.customer_no as "customerNo", c.name, c.mobile, c.tier_code as "tierCode", t.name_zh as "tierNameZh",
           t.name_en as "tierNameEn", c.branch_id as "branchId", b.name as "branchName", s.name as "rmName", best.k as "matchedBy"
    from best
    join customers c on c.id = best.id
    join tiers t on t.code = c.tier_code
    join branches b on b.id = c.branch_id
    left join staff s on s.id = c.rm_staff_id
    order by best.r, c.customer_no
    limit ${limit}`.execute(db);
  return res.rows;
}

// ---- lists and export -------------------------------------------------------------------------

export type ListFilter = Omit<CustomerFilter, 'q' | 'sort'> & { terms: readonly SearchTerm[]; sort: CustomerFilter['sort'] };

function termPredicate(t: SearchTerm) {
  switch (t.kind) {
    case 'customerNo':
      return sql<boolean>`(c.customer_no >= ${t.term} and c.customer_no < ${t.term + MAX_CHAR} and c.customer_no like ${likeLiteral(t.term) + '%'})`;
    case 'mobile':
      return sql<boolean>`reverse(c.mobile) like ${likeLiteral(reversed(t.term)) + '%'}`;
    case 'residentId':
      return sql<boolean>`reverse(c.resident_id) like ${likeLiteral(reversed(t.term)) + '%'}`;
    case 'card':
      return sql<boolean>`c.id in (select h.customer_id from holdings h where h.card_no is not null and reverse(h.card_no) like ${likeLiteral(reversed(t.term)) + '%'})`;
    case 'name':
      return sql<boolean>`c.name ilike ${'%' + likeLiteral(t.term) + '%'}`;
  }
}

function filtered(db: Db, scope: DataScope, f: ListFilter) {
  let qb = db
    .selectFrom('customers as c')
    .innerJoin('tiers as t', 't.code', 'c.tier_code')
    .innerJoin('branches as b', 'b.id', 'c.branch_id')
    .leftJoin('staff as s', 's.id', 'c.rm_staff_id')
    .where(customerScopeSql(scope));
  if (f.terms.length) qb = qb.where(sql<boolean>`(${sql.join(f.terms.map(termPredicate), sql` or `)})`);
  if (f.tier) qb = qb.where('c.tier_code', '=', f.tier);
  if (f.branchId && f.includeSubtree) {
    qb = qb.where(sql<boolean>`c.branch_id in (select x.id from branches x where x.path like (select y.path from branches y where y.id = ${f.branchId}) || '%')`);
  } else if (f.branchId) qb = qb.where('c.branch_id', '=', f.branchId);
  if (f.rmStaffId) qb = qb.where('c.rm_staff_id', '=', f.rmStaffId);
  if (f.aumMin) qb = qb.where(sql<boolean>`c.aum >= ${f.aumMin}::numeric`);
  if (f.aumMax) qb = qb.where(sql<boolean>`c.aum <= ${f.aumMax}::numeric`);
  if (f.riskLevel) qb = qb.where('c.risk_level', '=', f.riskLevel);
  if (f.riskExpiring) qb = qb.where(sql<boolean>`(c.risk_assessed_on is null or c.risk_assessed_on <= (current_date - interval '11 months')::date)`);
  if (f.noContactDays) qb = qb.where(sql<boolean>`(c.last_contact_at is null or c.last_contact_at < now() - make_interval(days => ${f.noContactDays}::int))`);
  if (f.status) qb = qb.where('c.status', '=', f.status);
  return qb;
}

export type ListRow = {
  id: number;
  customerNo: string;
  name: string;
  gender: 'M' | 'F' | null;
  mobile: string | null;
  status: CustomerStatus;
  tierCode: string;
  tierNameZh: string;
  tierNameEn: string;
  branchId: number;
  branchCode: string;
  branchName: string;
  rmStaffId: number | null;
  rmStaffNo: string | null;
  rmName: string | null;
  aum: string;
  aumM3: string;
  riskLevel: RiskLevel | null;
  riskAssessedOn: string | null;
  lastContactAt: Date | null;
  balancesVisible: boolean;
};

function listSelect(db: Db, scope: DataScope, revealScope: DataScope | null, f: ListFilter) {
  let qb = filtered(db, scope, f).select([
    'c.id', 'c.customer_no as customerNo', 'c.name', 'c.gender', 'c.mobile', 'c.status', 'c.tier_code as tierCode', 't.name_zh as tierNameZh',
    't.name_en as tierNameEn', 'c.branch_id as branchId', 'b.code as branchCode', 'b.name as branchName', 'c.rm_staff_id as rmStaffId',
    's.staff_no as rmStaffNo', 's.name as rmName', 'c.aum', 'c.aum_m3 as aumM3', 'c.risk_level as riskLevel', 'c.risk_assessed_on as riskAssessedOn',
    'c.last_contact_at as lastContactAt', coveredBy(revealScope).as('balancesVisible'),
  ]);
  if (f.sort === 'customer_no') qb = qb.orderBy('c.customer_no');
  else qb = qb.orderBy('c.aum', f.sort === 'aum_asc' ? 'asc' : 'desc').orderBy('c.id', f.sort === 'aum_asc' ? 'asc' : 'desc');
  return qb;
}

/**
 * One page, and the number of matches counted up to `countCap`: counting a whole bank of a million
 * customers on every page view would cost more than the page itself.
 */
export async function listCustomers(
  db: Db, scope: DataScope, revealScope: DataScope | null, f: ListFilter, page: number, pageSize: number, countCap: number,
): Promise<{ items: ListRow[]; total: number; totalCapped: boolean }> {
  const [rows, count] = await Promise.all([
    listSelect(db, scope, revealScope, f).limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom(filtered(db, scope, f).select(sql<number>`1`.as('one')).limit(countCap + 1).as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { items: rows as ListRow[], total: Math.min(n, countCap), totalCapped: n > countCap };
}

/** Up to `limit` rows, and whether more matched (the export says so instead of going on forever). */
export async function exportRows(db: Db, scope: DataScope, revealScope: DataScope | null, f: ListFilter, limit: number): Promise<{ rows: ListRow[]; truncated: boolean }> {
  const rows = (await listSelect(db, scope, revealScope, f).limit(limit + 1).execute()) as ListRow[];
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
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
