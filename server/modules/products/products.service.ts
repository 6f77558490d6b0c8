// Use cases of the product catalogue (产品) and head office's rules: products and their documents,
// the suitability matrix, the cooling-off and review settings, model allocations. Also the door
// other modules (engagement's workbench, insights) use to read cross-selling, sales and reviews due.
import type {
  AllocationModel, AllocationModelsBody, Product, ProductDetail, ProductListQuery, ProductSettings, ProductSettingsBody, SaveProductBody,
  SuitabilityMatrix, SuitabilityMatrixBody,
} from '../../../contracts/products';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { badRequest, notFound } from '../../platform/errors';
import * as cat from './products-catalogue.repository';
import * as salesRepo from './products-sales.repository';
import { onSale, weightsProblem } from './products.rules';
import { shanghaiToday, presentSale } from './products-sales.service';

export const PRODUCT = { zh: '产品', en: 'product' };
const DOCUMENT = { zh: '产品文件', en: 'product document' };
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function presentProduct(p: cat.ProductRow, today: string): Product {
  const { id: _id, updatedAt, ...rest } = p;
  return { ...rest, onSaleToday: onSale(p, today), updatedAt: updatedAt.toISOString() };
}

// ---- catalogue -----------------------------------------------------------------------------------

export async function listProducts(ctx: AppContext, q: ProductListQuery) {
  const { page, pageSize, ...filter } = q;
  const res = await cat.listProducts(ctx.db, filter, page, pageSize);
  const today = shanghaiToday();
  return { items: res.items.map((p) => presentProduct(p, today)), total: res.total, page, pageSize };
}

export async function getProduct(ctx: AppContext, code: string): Promise<ProductDetail> {
  const p = await cat.productByCode(ctx.db, code);
  if (!p) throw notFound(PRODUCT);
  return { ...presentProduct(p, shanghaiToday()), documents: await cat.documentsOf(ctx.db, p.id) };
}

/** Problems the schema cannot see: an unknown tier, a window that ends before it starts. */
export async function productProblems(db: DbOrTrx, b: SaveProductBody): Promise<{ path: string; zh: string; en: string }[]> {
  const out: { path: string; zh: string; en: string }[] = [];
  if (b.saleStart && b.saleEnd && b.saleEnd < b.saleStart) out.push({ path: 'saleEnd', zh: '销售截止日不能早于销售起始日', en: 'The sales window ends before it starts' });
  if (b.tierCodes.length > 0) {
    const known = new Set(await cat.tierCodes(db));
    const unknown = b.tierCodes.filter((t) => !known.has(t));
    if (unknown.length > 0) out.push({ path: 'tierCodes', zh: `客户等级不存在：${unknown.join('、')}`, en: `No such tier: ${unknown.join(', ')}` });
  }
  return out;
}

export async function saveProduct(ctx: AppContext, actor: Actor, p: Principal, code: string, body: SaveProductBody): Promise<ProductDetail> {
  const problems = await productProblems(ctx.db, body);
  if (problems.length > 0) throw badRequest('BAD_PRODUCT', problems[0].zh, problems[0].en, problems);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await cat.productByCode(trx, code);
    const { created } = await cat.saveProduct(trx, code, body, p.staffId);
    await audit(trx, actor, { action: created ? 'product.create' : 'product.update', entityType: 'product', entityId: code, detail: { before, after: body } });
  });
  return getProduct(ctx, code);
}

export async function addDocument(ctx: AppContext, actor: Actor, p: Principal, code: string, file: { fileName: string; contentType: string; content: Buffer }) {
  if (file.content.length === 0) throw badRequest('EMPTY_FILE', '请选择要上传的文件', 'Choose a file to upload');
  if (file.content.length > MAX_DOCUMENT_BYTES) throw badRequest('TOO_LARGE', '文件不能超过 10 MB', 'The file may be at most 10 MB');
  return ctx.db.transaction().execute(async (trx) => {
    const prod = await cat.productByCode(trx, code);
    if (!prod) throw notFound(PRODUCT);
    const id = await cat.insertDocument(trx, { productId: prod.id, ...file, by: p.staffId });
    await audit(trx, actor, { action: 'product.document.add', entityType: 'product', entityId: code, detail: { documentId: id, fileName: file.fileName, size: file.content.length } });
    return (await cat.documentsOf(trx, prod.id)).find((d) => d.id === id)!;
  });
}

export async function documentContent(ctx: AppContext, code: string, docId: number) {
  const prod = await cat.productByCode(ctx.db, code);
  const doc = prod ? await cat.documentContent(ctx.db, prod.id, docId) : null;
  if (!doc) throw notFound(DOCUMENT);
  return doc;
}

// ---- suitability matrix, settings, models --------------------------------------------------------

export async function getMatrix(ctx: AppContext): Promise<SuitabilityMatrix> {
  return { cells: await cat.matrix(ctx.db) };
}

export async function saveMatrix(ctx: AppContext, actor: Actor, p: Principal, body: SuitabilityMatrixBody): Promise<SuitabilityMatrix> {
  const seen = new Set(body.cells.map((c) => `${c.riskLevel}/${c.riskRating}`));
  if (seen.size !== body.cells.length) {
    throw badRequest('DUPLICATE_CELL', '适当性矩阵中有重复的格子：每个客户风险等级与产品风险等级的组合只能出现一次', 'A cell of the matrix appears twice: give each customer level and product rating once');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await cat.matrix(trx);
    await cat.saveMatrix(trx, body.cells, p.staffId);
    await audit(trx, actor, { action: 'products.matrix', entityType: 'suitability_matrix', entityId: 'default', detail: { before, after: body.cells } });
  });
  return getMatrix(ctx);
}

export function getSettings(ctx: AppContext): Promise<ProductSettings> {
  return cat.settings(ctx.db);
}

export async function saveSettings(ctx: AppContext, actor: Actor, p: Principal, body: ProductSettingsBody): Promise<ProductSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await cat.settings(trx);
    await cat.saveSettings(trx, body, p.staffId);
    await audit(trx, actor, { action: 'products.settings', entityType: 'product_settings', entityId: '1', detail: { before, after: body } });
  });
  return cat.settings(ctx.db);
}

export function getModels(ctx: AppContext): Promise<AllocationModel[]> {
  return cat.models(ctx.db);
}

export async function saveModels(ctx: AppContext, actor: Actor, p: Principal, body: AllocationModelsBody): Promise<AllocationModel[]> {
  const levels = new Set<string>();
  body.models.forEach((m, i) => {
    if (levels.has(m.riskLevel)) throw badRequest('DUPLICATE_LEVEL', `风险等级 ${m.riskLevel} 重复填写`, `Risk level ${m.riskLevel} appears twice`, [{ path: `models.${i}.riskLevel`, zh: `风险等级 ${m.riskLevel} 重复填写`, en: `Risk level ${m.riskLevel} appears twice` }]);
    levels.add(m.riskLevel);
    const sum = weightsProblem({ cash: m.cash, fixed_income: m.fixedIncome, equity: m.equity, alternatives: m.alternatives, protection: m.protection });
    if (sum !== null) {
      const msg = { zh: `${m.riskLevel} 的五类资产占比合计为 ${sum}%，应为 100%`, en: `The five shares of ${m.riskLevel} add up to ${sum}%, not 100%` };
      throw badRequest('WEIGHTS_NOT_100', msg.zh, msg.en, [{ path: `models.${i}`, ...msg }]);
    }
  });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await cat.models(trx);
    await cat.saveModels(trx, body.models, p.staffId);
    await audit(trx, actor, { action: 'products.models', entityType: 'allocation_model', entityId: [...levels].join(','), detail: { before, after: body.models } });
  });
  return cat.models(ctx.db);
}

// ---- for other modules ---------------------------------------------------------------------------

/** Distinct product categories each customer holds (active holdings); 0 for those holding nothing. */
export function crossSellByCustomer(db: DbOrTrx, customerIds: readonly number[]): Promise<Map<number, number>> {
  return salesRepo.crossSellByCustomer(db, customerIds);
}

/** A customer's latest sales, newest first (the caller has checked access to the customer). */
export async function salesForCustomer(db: DbOrTrx, customerId: number, limit = 20) {
  const now = new Date();
  return (await salesRepo.salesOf(db, customerId, limit)).map((s) => presentSale(s, now, true));
}

/** An RM's customers due an allocation review today (drift above the threshold or review overdue). */
export async function allocationReviewsDue(db: DbOrTrx, staffId: number, today = shanghaiToday()): Promise<salesRepo.DueReview[]> {
  const s = await cat.settings(db);
  return salesRepo.dueReviews(db, { today, threshold: s.driftThreshold, periodMonths: s.reviewPeriodMonths, staffId });
}
