// Use cases of selling (销售): the suitability check, recording a sale (a holding through the
// customers module, a timeline event, an audit row), cancelling inside the cooling-off period,
// and the sales and cross-selling reports.
import {
  PRODUCT_CATEGORY_LABELS, type CheckSaleBody, type CrossSellReport, type ProductCategory, type RecordSaleBody, type Sale, type SalesReport,
  type SalesReportQuery, type SuitabilityResult,
} from '../../../contracts/products';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { requireCustomer } from '../customers/customers.service';
import { applyPurchase, reversePurchase } from '../customers/holdings.service';
import { addCustomerEvent } from '../customers/timeline';
import * as cat from './products-catalogue.repository';
import * as repo from './products-sales.repository';
import { addMonths, coolingOffUntil, decideSale, inCoolingOff, needsRecording, toCents, type Decision } from './products.rules';

const SALE = { zh: '销售记录', en: 'sale' };
/** Back-dating a sale further than this is a correction for the back office, not a sale. */
const MAX_BACKDATE_DAYS = 31;

export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function presentSale(s: repo.SaleRow, now: Date, amountVisible: boolean): Sale {
  return {
    id: Number(s.id), customerId: Number(s.customerId), productCode: s.productCode, productNameZh: s.productNameZh, productNameEn: s.productNameEn,
    category: s.category as ProductCategory, amount: amountVisible ? s.amount : null, soldOn: s.soldOn, staffId: s.staffId === null ? null : Number(s.staffId),
    staffName: s.staffName, channel: s.channel as Sale['channel'], referralSource: s.referralSource, recordingRef: s.recordingRef,
    coolingOffUntil: s.coolingOffUntil ? s.coolingOffUntil.toISOString() : null,
    inCoolingOff: s.status === 'completed' && inCoolingOff(s.coolingOffUntil, now),
    status: s.status as Sale['status'], refundStatus: s.refundStatus, overridden: s.overrideAckRef !== null, createdAt: s.createdAt.toISOString(),
  };
}

function productMissing(code: string): AppError {
  const m = { zh: `产品 ${code} 不存在`, en: `No product ${code}` };
  return badRequest('UNKNOWN_PRODUCT', m.zh, m.en, [{ path: 'productCode', ...m }]);
}

function positive(amount: string): bigint {
  const cents = toCents(amount);
  if (cents <= 0n) {
    const m = { zh: '购买金额必须大于 0', en: 'The amount must be more than 0' };
    throw badRequest('BAD_AMOUNT', m.zh, m.en, [{ path: 'amount', ...m }]);
  }
  return cents;
}

async function decide(db: DbOrTrx, customerId: number, product: cat.ProductRow, cents: bigint, today: string): Promise<Decision> {
  const [c, matrix] = await Promise.all([repo.saleCustomer(db, customerId, today), cat.matrix(db)]);
  if (!c) throw notFound({ zh: '客户', en: 'customer' });
  return decideSale(product, c, cents, matrix, today);
}

/** The verdict before anything is written, so the clerk can tell the customer at once. */
export async function checkSale(ctx: AppContext, p: Principal, customerId: number, body: CheckSaleBody): Promise<SuitabilityResult> {
  await requireCustomer(ctx.db, p, 'sales.record', customerId);
  const product = await cat.productByCode(ctx.db, body.productCode);
  if (!product) throw productMissing(body.productCode);
  const d = await decide(ctx.db, customerId, product, positive(body.amount), shanghaiToday());
  const needs = needsRecording(product.category);
  return d.ok
    ? { ok: true, reason: null, zh: '符合适当性要求，可以销售', en: 'Suitable: the sale may go ahead', overridable: false, needsRecording: needs }
    : { ok: false, reason: d.reason, zh: d.zh, en: d.en, overridable: d.overridable, needsRecording: needs };
}

function soldOnProblem(soldOn: string, today: string): { zh: string; en: string } | null {
  if (soldOn > today) return { zh: '销售日期不能晚于今天', en: 'The sale date cannot be in the future' };
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - MAX_BACKDATE_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (soldOn < earliest) return { zh: `销售日期不能早于 ${earliest}`, en: `The sale date cannot be before ${earliest}` };
  return null;
}

/**
 * Records a sale. The customer's row is locked first, so two clerks selling to one customer at
 * once queue: the second sees the holding the first opened and tops it up. A refusal throws inside
 * the transaction, so nothing of it is written.
 */
export async function recordSale(ctx: AppContext, actor: Actor, p: Principal, customerId: number, body: RecordSaleBody): Promise<Sale> {
  requireScope(p, 'sales.record');
  const today = shanghaiToday();
  const soldOn = body.soldOn ?? today;
  const dateProblem = soldOnProblem(soldOn, today);
  if (dateProblem) throw badRequest('BAD_DATE', dateProblem.zh, dateProblem.en, [{ path: 'soldOn', ...dateProblem }]);
  const cents = positive(body.amount);
  const product = await cat.productByCode(ctx.db, body.productCode);
  if (!product) throw productMissing(body.productCode);
  const settings = await cat.settings(ctx.db);

  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'sales.record', customerId, true);
    if (c.status === 'closed') throw conflict('CUSTOMER_CLOSED', '该客户已销户，不能销售产品', 'The customer has closed their relationship: nothing can be sold');
    const d = await decide(trx, customerId, product, cents, today);
    let overrideBy: number | null = null;
    if (!d.ok) {
      if (!body.override) throw new AppError(409, d.reason.toUpperCase(), `不能销售：${d.zh}`, `Sale refused: ${d.en}`);
      if (!d.overridable) {
        throw new AppError(409, d.reason.toUpperCase(), `不能销售，且此情形不允许例外：${d.zh}`, `Sale refused, and no exception is allowed here: ${d.en}`);
      }
      if (!(await repo.scopeCovers(trx, scopeOf(p, 'sales.override'), customerId))) {
        throw new AppError(403, 'OVERRIDE_NOT_PERMITTED', `适当性例外须由有审批权限的负责人办理：${d.zh}`, `A suitability exception must be approved by a manager who holds that right: ${d.en}`);
      }
      overrideBy = p.staffId;
    }
    if (needsRecording(product.category) && !body.recordingRef) {
      const m = { zh: '理财产品销售须填写双录（录音录像）编号', en: 'A wealth-product sale needs the audio-video recording (双录) reference' };
      throw badRequest('RECORDING_REQUIRED', m.zh, m.en, [{ path: 'recordingRef', ...m }]);
    }
    const rm = body.rmStaffId ?? p.staffId;
    if (![c.rmStaffId, c.marketingStaffId, p.staffId].includes(rm)) {
      const m = { zh: '销售归属的客户经理须为该客户的客户经理或您本人', en: "The RM credited must be the customer's RM or yourself" };
      throw badRequest('BAD_RM', m.zh, m.en, [{ path: 'rmStaffId', ...m }]);
    }
    const now = new Date();
    const amount = body.amount.includes('.') ? body.amount : `${body.amount}.00`;
    // A service (payroll, FX, safe box) is sold but not held.
    const { holdingId, opened } = product.category === 'service'
      ? { holdingId: null, opened: false }
      : await applyPurchase(trx, {
        customerId, category: product.category, productCode: product.code, productName: product.nameZh, amount,
        openedOn: soldOn, maturesOn: product.termMonths ? addMonths(soldOn, product.termMonths) : null,
      });
    const until = coolingOffUntil(product.category, now, settings.coolingOffHours);
    const saleId = await repo.insertSale(trx, {
      customerId, branchId: c.branchId, productId: product.id, category: product.category, amount, soldOn, staffId: rm, channel: body.channel,
      referralSource: body.referralSource ?? null, holdingId, recordingRef: body.recordingRef ?? null, coolingOffUntil: until,
      overrideAckRef: overrideBy ? body.override!.acknowledgementRef : null, overrideBy, createdBy: p.staffId, createdAt: now,
    });
    await addCustomerEvent(trx, {
      customerId, kind: 'sale', staffId: p.staffId, refType: 'sale', refId: saleId,
      title: `购买产品：${product.nameZh}${overrideBy ? '（适当性例外）' : ''}`,
      detail: { titleEn: `Purchase: ${product.nameEn || product.nameZh}${overrideBy ? ' (suitability exception)' : ''}`, saleId, productCode: product.code, category: product.category, soldOn, channel: body.channel, coolingOffUntil: until?.toISOString() ?? null },
    });
    await audit(trx, actor, {
      action: overrideBy ? 'sale.override' : 'sale.record', entityType: 'sale', entityId: saleId, customerId, branchId: c.branchId,
      reason: overrideBy ? `${d.ok ? '' : d.zh}；客户确认书 ${body.override!.acknowledgementRef}` : null,
      detail: { productCode: product.code, amount, soldOn, holdingId, holdingOpened: opened, staffId: rm, ...(overrideBy ? { overrideReason: d.ok ? null : d.reason, acknowledgementRef: body.override!.acknowledgementRef } : {}) },
    });
    await ctx.hub.publish(trx, { topic: SALES_TOPIC, event: 'sale.recorded', data: { saleId, staffId: rm } });
    const row = await repo.lockSale(trx, customerId, saleId);
    return presentSale(row!, now, true);
  });
}

/** Every recorded or cancelled sale is announced here at commit (other modules' figures move with it). */
export const SALES_TOPIC = 'sales';

/** Inside the cooling-off period the customer may cancel: full refund, the holding reversed. */
export async function cancelSale(ctx: AppContext, actor: Actor, p: Principal, customerId: number, saleId: number, reason: string): Promise<Sale> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'sales.record', customerId, true);
    const s = await repo.lockSale(trx, customerId, saleId);
    if (!s) throw notFound(SALE);
    if (s.status === 'cancelled') throw conflict('ALREADY_CANCELLED', '该笔销售已撤销', 'This sale is already cancelled');
    const now = new Date();
    if (!s.coolingOffUntil) throw conflict('NO_COOLING_OFF', '该产品没有冷静期，不能在此撤销；请按产品赎回流程办理', 'This product has no cooling-off period: redeem it through the usual process');
    if (!inCoolingOff(s.coolingOffUntil, now)) {
      throw conflict('COOLING_OFF_OVER', `冷静期已于 ${s.coolingOffUntil.toISOString()} 结束，不能撤销`, `The cooling-off period ended at ${s.coolingOffUntil.toISOString()}: the sale can no longer be cancelled`);
    }
    if (s.holdingId) await reversePurchase(trx, Number(s.holdingId), s.amount);
    await repo.markCancelled(trx, saleId, p.staffId, reason);
    await addCustomerEvent(trx, {
      customerId, kind: 'sale', staffId: p.staffId, refType: 'sale', refId: saleId, title: `冷静期内撤销购买：${s.productNameZh}（全额退款）`,
      detail: { titleEn: `Purchase cancelled in the cooling-off period: ${s.productNameEn || s.productNameZh} (full refund)`, saleId, reason },
    });
    await audit(trx, actor, { action: 'sale.cancel', entityType: 'sale', entityId: saleId, customerId, branchId: c.branchId, reason, detail: { amount: s.amount, holdingId: s.holdingId } });
    await ctx.hub.publish(trx, { topic: SALES_TOPIC, event: 'sale.cancelled', data: { saleId } });
    return presentSale((await repo.lockSale(trx, customerId, saleId))!, now, true);
  });
}

// ---- reports -------------------------------------------------------------------------------------

export async function salesReport(ctx: AppContext, p: Principal, q: SalesReportQuery): Promise<SalesReport> {
  const scope = requireScope(p, 'sales.report');
  const today = shanghaiToday();
  const from = q.from ?? addMonths(today, -12);
  const to = q.to ?? today;
  if (from > to) {
    const m = { zh: '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' };
    throw badRequest('BAD_RANGE', m.zh, m.en, [{ path: 'from', ...m }]);
  }
  const rows = (await repo.salesReport(ctx.db, scope, { groupBy: q.groupBy, from, to })).map((r) => {
    const l = q.groupBy === 'category' ? PRODUCT_CATEGORY_LABELS[r.key as ProductCategory] : null;
    return l ? { ...r, labelZh: l.zh, labelEn: l.en } : r;
  });
  const totalCents = rows.reduce((s, r) => s + toCents(r.amount), 0n);
  const total = `${totalCents / 100n}.${String(totalCents % 100n).padStart(2, '0')}`;
  return { from, to, groupBy: q.groupBy, rows, totalAmount: total, totalSales: rows.reduce((s, r) => s + r.sales, 0) };
}

export async function crossSellReport(ctx: AppContext, p: Principal, groupBy: 'rm' | 'branch'): Promise<CrossSellReport> {
  const scope = requireScope(p, 'sales.report');
  return { groupBy, rows: await repo.crossSellReport(ctx.db, scope, groupBy) };
}
