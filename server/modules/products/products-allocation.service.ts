// A customer's products at a glance (the 360 panel): actual vs model allocation and its drift, the
// cross-sell ratio, the categories not yet held that fit; recording an allocation review; the daily
// job that gives RMs a review task for customers who drifted or are due (idempotent per month).
import { ASSET_CLASSES, type AssetClass, type CustomerProducts } from '../../../contracts/products';
import type { Principal } from '../../platform/access';
import { scopeOf } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import type { JobRunOptions } from '../../platform/jobs';
import { badRequest } from '../../platform/errors';
import { requireCustomer } from '../customers/customers.service';
import { holdingCategories } from '../customers/holdings.service';
import { addCustomerEvent } from '../customers/timeline';
import { createTasks, type NewTask } from '../engagement/engagement-tasks.service';
import * as cat from './products-catalogue.repository';
import * as repo from './products-sales.repository';
import { presentSale, shanghaiToday } from './products-sales.service';
import { assessmentValidity, crossSellRatio, drift, reviewDue, sharesOf, suggestCategories, type Weights } from './products.rules';

const EMPTY: Weights = { cash: '0.00', fixed_income: '0.00', equity: '0.00', alternatives: '0.00', protection: '0.00' };

async function allocationOf(db: DbOrTrx, customerId: number, riskLevel: string | null) {
  const [amounts, models] = await Promise.all([repo.allocationAmounts(db, customerId), cat.models(db)]);
  // Without an assessment the customer is treated as the most cautious level.
  const m = models.find((x) => x.riskLevel === (riskLevel ?? 'C1'));
  const model: Weights = m ? { cash: m.cash, fixed_income: m.fixedIncome, equity: m.equity, alternatives: m.alternatives, protection: m.protection } : EMPTY;
  const actual = sharesOf(amounts);
  return { amounts, actual, model, drift: drift(actual, model) };
}

export async function customerProducts(ctx: AppContext, p: Principal, customerId: number): Promise<CustomerProducts> {
  await requireCustomer(ctx.db, p, 'customers.read', customerId);
  const today = shanghaiToday();
  const c = await repo.saleCustomer(ctx.db, customerId, today);
  const [alloc, settings, lastReview, holdings, offered, matrix, needs, sales, visible] = await Promise.all([
    allocationOf(ctx.db, customerId, c?.riskLevel ?? null),
    cat.settings(ctx.db),
    repo.lastReviewOn(ctx.db, customerId),
    holdingCategories(ctx.db, customerId),
    cat.productsOnSale(ctx.db, today),
    cat.matrix(ctx.db),
    repo.openNeeds(ctx.db, customerId),
    repo.salesOf(ctx.db, customerId, 10),
    repo.scopeCovers(ctx.db, scopeOf(p, 'customers.reveal'), customerId),
  ]);
  const validity = assessmentValidity(c?.riskLevel ? c.riskAssessedOn : null, today);
  const held = new Set(holdings.filter((h) => h.status === 'active').map((h) => h.category));
  const allowedRating = (rating: string, needsCheck: boolean) =>
    !needsCheck || (validity.state === 'valid' && matrix.some((m) => m.riskLevel === c?.riskLevel && m.riskRating === rating && m.allowed));
  const suggestions = suggestCategories(
    held,
    offered
      .filter((o) => o.tierCodes.length === 0 || o.tierCodes.includes(c?.tierCode ?? ''))
      .map((o) => ({ ...o, allowed: allowedRating(o.riskRating, ['wealth', 'fund', 'insurance', 'precious_metal'].includes(o.category)) })),
    needs,
  );
  const now = new Date();
  return {
    customerId,
    riskLevel: c?.riskLevel ?? null,
    assessmentValidUntil: validity.validUntil,
    assessmentExpired: validity.state === 'expired',
    balancesVisible: visible,
    allocation: ASSET_CLASSES.map((a: AssetClass) => ({ assetClass: a, actual: alloc.actual[a], model: alloc.model[a], amount: visible ? alloc.amounts[a] : null })),
    drift: alloc.drift,
    driftThreshold: settings.driftThreshold,
    lastReviewOn: lastReview,
    reviewDue: ASSET_CLASSES.some((a) => alloc.actual[a] !== '0.00') && reviewDue(alloc.drift, settings.driftThreshold, lastReview, settings.reviewPeriodMonths, today),
    crossSellRatio: crossSellRatio(holdings),
    heldCategories: [...held].sort() as CustomerProducts['heldCategories'],
    suggestions,
    recentSales: sales.map((s) => presentSale(s, now, visible)),
  };
}

export async function recordReview(ctx: AppContext, actor: Actor, p: Principal, customerId: number, note: string): Promise<{ id: number; drift: string }> {
  const today = shanghaiToday();
  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'sales.record', customerId, true);
    if (c.status === 'closed') throw badRequest('CUSTOMER_CLOSED', '该客户已销户', 'The customer has closed their relationship');
    const sc = await repo.saleCustomer(trx, customerId, today);
    const alloc = await allocationOf(trx, customerId, sc?.riskLevel ?? null);
    const id = await repo.insertReview(trx, { customerId, reviewedOn: today, staffId: p.staffId, drift: alloc.drift, note });
    await addCustomerEvent(trx, {
      customerId, kind: 'allocation_review', staffId: p.staffId, refType: 'allocation_review', refId: id, title: `资产配置检视（偏离度 ${alloc.drift}%）`,
      detail: { titleEn: `Allocation reviewed (drift ${alloc.drift}%)`, drift: alloc.drift, note },
    });
    await audit(trx, actor, { action: 'allocation.review', entityType: 'allocation_review', entityId: id, customerId, branchId: c.branchId, detail: { drift: alloc.drift, note } });
    return { id, drift: alloc.drift };
  });
}

/**
 * The daily job: one set-based selection of the customers due a review, then one task each through
 * createTasks. The reason key carries the month, so a rerun (or a second run the same month) adds
 * nothing; the next month a customer still due gets a new task.
 */
export async function allocationReviewJob(ctx: AppContext, opts: JobRunOptions = {}, today = shanghaiToday()): Promise<Record<string, unknown>> {
  const s = await cat.settings(ctx.db);
  const due = await repo.dueReviews(ctx.db, { today, threshold: s.driftThreshold, periodMonths: s.reviewPeriodMonths });
  const period = today.slice(0, 7);
  const dueOn = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const tasks: NewTask[] = due.map((d) => {
    const drifted = Number(d.drift) > Number(s.driftThreshold);
    return {
      customerId: d.customerId,
      kind: 'allocation_review',
      reasonKey: `allocation:${period}`,
      title: drifted ? `资产配置偏离 ${d.drift}%：请与客户检视配置` : '资产配置定期检视',
      titleEn: drifted ? `Allocation drift ${d.drift}%: review it with the customer` : 'Periodic allocation review',
      dueOn,
      detail: { drift: d.drift, threshold: s.driftThreshold, lastReviewOn: d.lastReviewOn },
      sourceType: 'allocation',
      sourceId: period,
    };
  });
  let created = 0;
  const CHUNK = 5000;
  for (let i = 0; i < tasks.length; i += CHUNK) {
    created += (await ctx.db.transaction().execute((trx) => createTasks(trx, tasks.slice(i, i + CHUNK)))).length;
    opts.onProgress?.(Math.min(i + CHUNK, tasks.length), tasks.length, 'allocation reviews');
  }
  return { due: due.length, created, period };
}
