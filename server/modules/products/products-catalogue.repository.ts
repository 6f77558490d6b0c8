// SQL of the catalogue and of head office's settings: products, their documents, the suitability
// matrix, cooling-off and review settings, model allocations.
import { sql, type DbOrTrx } from '../../platform/db';
import type {
  AllocationModel, AssetClass, Product, ProductCategory, ProductDocument, ProductListQuery, ProductSettings, ProductStatus, RiskRating, SaveProductBody,
} from '../../../contracts/products';
import type { RiskLevel } from '../../../contracts/customers';

export type ProductRow = Omit<Product, 'onSaleToday' | 'updatedAt'> & { id: number; updatedAt: Date };

const productCols = sql`p.id, p.code, p.name_zh as "nameZh", p.name_en as "nameEn", p.category, p.risk_rating as "riskRating", p.currency,
  p.min_amount as "minAmount", p.term_months as "termMonths", p.expected_yield::text as "expectedYield", p.sale_start as "saleStart",
  p.sale_end as "saleEnd", p.status, p.tier_codes as "tierCodes", p.asset_class as "assetClass", p.issuer, p.description, p.updated_at as "updatedAt"`;

type RawProduct = Omit<ProductRow, 'category' | 'riskRating' | 'status' | 'assetClass'> & { category: string; riskRating: string; status: string; assetClass: string | null };
const typed = (r: RawProduct): ProductRow => ({
  ...r, id: Number(r.id), category: r.category as ProductCategory, riskRating: r.riskRating as RiskRating, status: r.status as ProductStatus,
  assetClass: r.assetClass as AssetClass | null, expectedYield: r.expectedYield === null ? null : trimZeros(r.expectedYield),
});

/** numeric(7,4) reads back as "2.1500": shown as "2.15". */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export async function listProducts(db: DbOrTrx, q: Omit<ProductListQuery, 'page' | 'pageSize'>, page: number, pageSize: number): Promise<{ items: ProductRow[]; total: number }> {
  const where = sql.join(
    [
      sql`true`,
      q.q ? sql`(p.code ilike ${'%' + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'} or p.name_zh like ${'%' + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'})` : sql`true`,
      q.category ? sql`p.category = ${q.category}` : sql`true`,
      q.riskRating ? sql`p.risk_rating = ${q.riskRating}` : sql`true`,
      q.status ? sql`p.status = ${q.status}` : sql`true`,
    ],
    sql` and `,
  );
  const [rows, count] = await Promise.all([
    sql<RawProduct>`select ${productCols} from products p where ${where} order by p.category, p.code limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db),
    sql<{ n: string }>`select count(*) as n from products p where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(typed), total: Number(count.rows[0].n) };
}

export async function productByCode(db: DbOrTrx, code: string): Promise<ProductRow | null> {
  const r = await sql<RawProduct>`select ${productCols} from products p where p.code = ${code}`.execute(db);
  return r.rows[0] ? typed(r.rows[0]) : null;
}

/** Products on sale today, for suggestions. */
export async function productsOnSale(db: DbOrTrx, today: string): Promise<ProductRow[]> {
  const r = await sql<RawProduct>`
    select ${productCols} from products p
     where p.status = 'on_sale' and (p.sale_start is null or p.sale_start <= ${today}::date) and (p.sale_end is null or p.sale_end >= ${today}::date)
     order by p.category, p.risk_rating, p.code`.execute(db);
  return r.rows.map(typed);
}

/** Creates the product or replaces its fields; tells which, and whether anything changed. */
export async function saveProduct(trx: DbOrTrx, code: string, b: SaveProductBody, by: number | null): Promise<{ created: boolean; changed: boolean }> {
  const before = await productByCode(trx, code);
  const r = await sql<{ created: boolean }>`
    insert into products (code, name_zh, name_en, category, risk_rating, currency, min_amount, term_months, expected_yield, sale_start, sale_end,
                          status, tier_codes, asset_class, issuer, description, updated_by)
    values (${code}, ${b.nameZh}, ${b.nameEn}, ${b.category}, ${b.riskRating}, ${b.currency}, ${b.minAmount}::numeric, ${b.termMonths},
            ${b.expectedYield}::numeric, ${b.saleStart}::date, ${b.saleEnd}::date, ${b.status}, ${sql.val(b.tierCodes)}::text[], ${b.assetClass},
            ${b.issuer}, ${b.description}, ${by})
    on conflict (code) do update set
      name_zh = excluded.name_zh, name_en = excluded.name_en, category = excluded.category, risk_rating = excluded.risk_rating,
      currency = excluded.currency, min_amount = excluded.min_amount, term_months = excluded.term_months, expected_yield = excluded.expected_yield,
      sale_start = excluded.sale_start, sale_end = excluded.sale_end, status = excluded.status, tier_codes = excluded.tier_codes,
      asset_class = excluded.asset_class, issuer = excluded.issuer, description = excluded.description, updated_by = excluded.updated_by,
      updated_at = now()
    returning (xmax = 0) as created`.execute(trx);
  const after = await productByCode(trx, code);
  const strip = (p: ProductRow | null) => (p ? JSON.stringify({ ...p, updatedAt: null }) : null);
  return { created: r.rows[0].created, changed: strip(before) !== strip(after) };
}

/** Leaves the products that exist alone: reference and demo data never overwrite head office's edits. */
export async function insertMissingProducts(db: DbOrTrx, rows: readonly (SaveProductBody & { code: string })[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    insert into products (code, name_zh, name_en, category, risk_rating, currency, min_amount, term_months, expected_yield, sale_start, sale_end,
                          status, tier_codes, asset_class, issuer, description)
    select code, name_zh, name_en, category, risk_rating, currency, min_amount, term_months, expected_yield, sale_start, sale_end, status,
           array(select jsonb_array_elements_text(tier_codes)), asset_class, issuer, description
      from jsonb_to_recordset(${JSON.stringify(rows.map((p) => ({
        code: p.code, name_zh: p.nameZh, name_en: p.nameEn, category: p.category, risk_rating: p.riskRating, currency: p.currency,
        min_amount: p.minAmount, term_months: p.termMonths, expected_yield: p.expectedYield, sale_start: p.saleStart, sale_end: p.saleEnd,
        status: p.status, tier_codes: p.tierCodes, asset_class: p.assetClass, issuer: p.issuer, description: p.description,
      })))}::jsonb) as x(code text, name_zh text, name_en text, category text, risk_rating text, currency text, min_amount numeric,
        term_months int, expected_yield numeric, sale_start date, sale_end date, status text, tier_codes jsonb, asset_class text, issuer text,
        description text)
    on conflict (code) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function tierCodes(db: DbOrTrx): Promise<string[]> {
  return (await db.selectFrom('tiers').select('code').orderBy('rank').execute()).map((t) => t.code);
}

// ---- documents -----------------------------------------------------------------------------------

export async function documentsOf(db: DbOrTrx, productId: number): Promise<ProductDocument[]> {
  const rows = await db
    .selectFrom('product_documents')
    .select(['id', 'file_name as fileName', 'content_type as contentType', 'size_bytes as sizeBytes', 'uploaded_at as uploadedAt'])
    .where('product_id', '=', productId)
    .orderBy('id')
    .execute();
  return rows.map((d) => ({ ...d, id: Number(d.id), uploadedAt: d.uploadedAt.toISOString() }));
}

export async function insertDocument(trx: DbOrTrx, d: { productId: number; fileName: string; contentType: string; content: Buffer; by: number }): Promise<number> {
  const r = await trx
    .insertInto('product_documents')
    .values({ product_id: d.productId, file_name: d.fileName, content_type: d.contentType, size_bytes: d.content.length, content: d.content, uploaded_by: d.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function documentContent(db: DbOrTrx, productId: number, docId: number): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const r = await db
    .selectFrom('product_documents')
    .select(['file_name as fileName', 'content_type as contentType', 'content'])
    .where('product_id', '=', productId)
    .where('id', '=', docId)
    .executeTakeFirst();
  return r ?? null;
}

// ---- suitability matrix, settings, models --------------------------------------------------------

export type Cell = { riskLevel: RiskLevel; riskRating: RiskRating; allowed: boolean };

export async function matrix(db: DbOrTrx): Promise<Cell[]> {
  const rows = await db.selectFrom('suitability_matrix').select(['risk_level as riskLevel', 'risk_rating as riskRating', 'allowed']).orderBy('risk_level').orderBy('risk_rating').execute();
  return rows.map((r) => ({ riskLevel: r.riskLevel as RiskLevel, riskRating: r.riskRating as RiskRating, allowed: r.allowed }));
}

export async function saveMatrix(db: DbOrTrx, cells: readonly Cell[], by: number | null, onlyMissing = false): Promise<void> {
  if (cells.length === 0) return;
  await db
    .insertInto('suitability_matrix')
    .values(cells.map((c) => ({ risk_level: c.riskLevel, risk_rating: c.riskRating, allowed: c.allowed, updated_by: by })))
    .onConflict((oc) =>
      onlyMissing
        ? oc.columns(['risk_level', 'risk_rating']).doNothing()
        : oc.columns(['risk_level', 'risk_rating']).doUpdateSet({ allowed: (eb) => eb.ref('excluded.allowed'), updated_by: by, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

export async function settings(db: DbOrTrx): Promise<ProductSettings> {
  const r = await db.selectFrom('product_settings').select(['cooling_off_hours as coolingOffHours', 'drift_threshold as driftThreshold', 'review_period_months as reviewPeriodMonths']).where('id', '=', 1).executeTakeFirst();
  return r ?? { coolingOffHours: 24, driftThreshold: '15.00', reviewPeriodMonths: 6 };
}

export async function insertSettingsIfMissing(db: DbOrTrx): Promise<void> {
  await sql`insert into product_settings (id) values (1) on conflict (id) do nothing`.execute(db);
}

export async function saveSettings(db: DbOrTrx, s: ProductSettings, by: number): Promise<void> {
  await sql`
    insert into product_settings (id, cooling_off_hours, drift_threshold, review_period_months, updated_by)
    values (1, ${s.coolingOffHours}, ${s.driftThreshold}::numeric, ${s.reviewPeriodMonths}, ${by})
    on conflict (id) do update set cooling_off_hours = excluded.cooling_off_hours, drift_threshold = excluded.drift_threshold,
      review_period_months = excluded.review_period_months, updated_by = excluded.updated_by, updated_at = now()`.execute(db);
}

export async function models(db: DbOrTrx): Promise<AllocationModel[]> {
  const rows = await db
    .selectFrom('allocation_models')
    .select(['risk_level as riskLevel', 'cash', 'fixed_income as fixedIncome', 'equity', 'alternatives', 'protection'])
    .orderBy('risk_level')
    .execute();
  return rows.map((r) => ({ ...r, riskLevel: r.riskLevel as RiskLevel }));
}

export async function saveModels(db: DbOrTrx, ms: readonly AllocationModel[], by: number | null, onlyMissing = false): Promise<void> {
  if (ms.length === 0) return;
  await db
    .insertInto('allocation_models')
    .values(ms.map((m) => ({ risk_level: m.riskLevel, cash: m.cash, fixed_income: m.fixedIncome, equity: m.equity, alternatives: m.alternatives, protection: m.protection, updated_by: by })))
    .onConflict((oc) =>
      onlyMissing
        ? oc.column('risk_level').doNothing()
        : oc.column('risk_level').doUpdateSet({
          cash: (eb) => eb.ref('excluded.cash'), fixed_income: (eb) => eb.ref('excluded.fixed_income'), equity: (eb) => eb.ref('excluded.equity'),
          alternatives: (eb) => eb.ref('excluded.alternatives'), protection: (eb) => eb.ref('excluded.protection'), updated_by: by, updated_at: sql<Date>`now()`,
        }),
    )
    .execute();
}
