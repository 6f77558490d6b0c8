// All SQL of finding customers: the search box's probes, and the filtered lists and export.
import { sql, type Db } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { CustomerFilter, CustomerStatus, RiskLevel, SearchKind } from '../../../contracts/customers';
import { customerScopeSql, coveredBy } from './customers.repository';
import { likeLiteral, reversed, type SearchTerm } from './customers.rules';

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
 * - name: ILIKE on the trigram index; a two-character fragment has no trigram of its own, so over a
 *   wide scope it goes through the index of the names' two-character pieces (name_bigrams).
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
      // The matching cards first (offset 0 keeps the planner from walking an RM's whole book and
      // probing each customer's holdings: it overestimates tail matches a hundredfold).
      return sql`(select c.id, ${kind}::text as k, ${rank}::int as r
        from (select h.customer_id from holdings h where h.card_no is not null and reverse(h.card_no) like ${likeLiteral(reversed(t.term)) + '%'} offset 0) h
        join customers c on c.id = h.customer_id
        where ${inScope} limit ${limit})`;
    case 'name': {
      const wide = scope.kind === 'bank' || scope.kind === 'subtree';
      const contains = sql`c.name ilike ${'%' + likeLiteral(t.term) + '%'}`;
      const where = wide && Array.from(t.term).length === 2 ? sql`c.name_bigrams @> array[lower(${t.term})] and ${contains}` : contains;
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
