// SQL of market research (市场调研): competitors' products and rates, and what customers said.
import { sql, type DbOrTrx } from '../../platform/db';
import type { ResearchProductType } from '../../../contracts/growth';

export async function insertResearch(db: DbOrTrx, r: { branchId: number; recordedBy: number; bankName: string; productType: ResearchProductType; productName: string; rate: string | null; term: string; customerRemarks: string; observedOn: string }): Promise<number> {
  const row = await db
    .insertInto('growth_market_research')
    .values({
      branch_id: r.branchId, recorded_by: r.recordedBy, bank_name: r.bankName, product_type: r.productType, product_name: r.productName, rate: r.rate,
      term: r.term, customer_remarks: r.customerRemarks, observed_on: r.observedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export type ResearchRowDb = {
  id: number; bankName: string; productType: ResearchProductType; productName: string; rate: string | null; term: string; customerRemarks: string;
  observedOn: string; branchName: string; recordedByName: string;
};

function where(f: { bankName?: string; productType?: ResearchProductType; id?: number }) {
  const parts = [sql`true`];
  if (f.bankName) parts.push(sql`r.bank_name = ${f.bankName}`);
  if (f.productType) parts.push(sql`r.product_type = ${f.productType}`);
  if (f.id !== undefined) parts.push(sql`r.id = ${f.id}`);
  return sql.join(parts, sql` and `);
}

/** Research is market knowledge, not customer data: everyone with research.read sees the whole bank's. */
export async function listResearch(db: DbOrTrx, f: { bankName?: string; productType?: ResearchProductType; id?: number; page: number; pageSize: number }) {
  const w = where(f);
  const [items, total, summary] = await Promise.all([
    sql<ResearchRowDb>`
      select r.id, r.bank_name as "bankName", r.product_type as "productType", r.product_name as "productName", r.rate::text as rate, r.term,
             r.customer_remarks as "customerRemarks", to_char(r.observed_on, 'YYYY-MM-DD') as "observedOn", b.name as "branchName", s.name as "recordedByName"
        from growth_market_research r join branches b on b.id = r.branch_id join staff s on s.id = r.recorded_by
       where ${w}
       order by r.bank_name, r.product_type, r.observed_on desc, r.id desc
       limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from growth_market_research r where ${w}`.execute(db),
    sql<{ bankName: string; productType: ResearchProductType; count: number; bestRate: string | null }>`
      select r.bank_name as "bankName", r.product_type as "productType", count(*)::int as count, max(r.rate)::text as "bestRate"
        from growth_market_research r where ${w}
       group by r.bank_name, r.product_type order by r.bank_name, r.product_type limit 500`.execute(db),
  ]);
  return { items: items.rows.map((r) => ({ ...r, id: Number(r.id) })), total: total.rows[0]?.n ?? 0, summary: summary.rows };
}
