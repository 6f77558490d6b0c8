// Pure rules of products and sales: suitability (适当性), the assessment's validity, cooling-off,
// allocation drift and the cross-sell ratio. No I/O; money and weights stay decimal strings.
import type { RiskLevel } from '../../../contracts/customers';
import {
  ASSET_CLASSES, PRODUCT_CATEGORY_LABELS, RISK_RATINGS, type AssetClass, type ProductCategory, type ProductStatus, type RefusalReason, type RiskRating,
} from '../../../contracts/products';

export const DEFAULT_MATRIX_MAX: Record<RiskLevel, RiskRating> = { C1: 'R1', C2: 'R2', C3: 'R3', C4: 'R4', C5: 'R5' };

/** The default cells: Cn may buy R1 … Rn. */
export function defaultMatrix(): { riskLevel: RiskLevel; riskRating: RiskRating; allowed: boolean }[] {
  return (Object.keys(DEFAULT_MATRIX_MAX) as RiskLevel[]).flatMap((level) =>
    RISK_RATINGS.map((r) => ({ riskLevel: level, riskRating: r, allowed: r <= DEFAULT_MATRIX_MAX[level] })),
  );
}

// ---- dates ---------------------------------------------------------------------------------------

export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return new Date(Date.UTC(y + years, m - 1, day)).toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** An assessment holds for one year: valid through the same date a year later, expired the day after. */
export function assessmentValidity(assessedOn: string | null, today: string): { state: 'missing' | 'expired' | 'valid'; validUntil: string | null } {
  if (!assessedOn) return { state: 'missing', validUntil: null };
  const validUntil = addYears(assessedOn, 1);
  return { state: today > validUntil ? 'expired' : 'valid', validUntil };
}

// ---- suitability ---------------------------------------------------------------------------------

/** Investment products need a valid assessment; deposits, loans, cards and services do not. */
export function needsAssessment(category: ProductCategory): boolean {
  return category === 'wealth' || category === 'fund' || category === 'insurance' || category === 'precious_metal';
}

/** Wealth products are sold under 双录 and carry a cooling-off period. */
export const needsRecording = (category: ProductCategory): boolean => category === 'wealth';

export type SaleProduct = {
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  riskRating: RiskRating;
  minAmount: string;
  status: ProductStatus;
  saleStart: string | null;
  saleEnd: string | null;
  tierCodes: readonly string[];
};
export type SaleCustomer = { riskLevel: RiskLevel | null; riskAssessedOn: string | null; tierCode: string };
export type MatrixCell = { riskLevel: RiskLevel; riskRating: RiskRating; allowed: boolean };
export type Decision = { ok: true } | { ok: false; reason: RefusalReason; zh: string; en: string; overridable: boolean };

export function onSale(p: Pick<SaleProduct, 'status' | 'saleStart' | 'saleEnd'>, today: string): boolean {
  return p.status === 'on_sale' && (!p.saleStart || p.saleStart <= today) && (!p.saleEnd || p.saleEnd >= today);
}

const refuse = (reason: RefusalReason, zh: string, en: string, overridable = false): Decision => ({ ok: false, reason, zh, en, overridable });

/**
 * Whether the product may be sold to the customer today, and if not, why (in words a clerk can
 * read to the customer). Only a risk mismatch on a valid assessment may be overridden; an expired
 * or missing assessment, a product off sale, an amount below the minimum or a tier not offered never.
 */
export function decideSale(p: SaleProduct, c: SaleCustomer, amountCents: bigint, matrix: readonly MatrixCell[], today: string): Decision {
  if (p.status !== 'on_sale') return refuse('not_on_sale', `「${p.nameZh}」当前不在售`, `${p.nameEn || p.nameZh} is not on sale`);
  if (!onSale(p, today)) {
    return refuse('outside_window', `「${p.nameZh}」不在销售期内（${p.saleStart ?? '—'} 至 ${p.saleEnd ?? '—'}）`, `${p.nameEn || p.nameZh} is outside its sales window (${p.saleStart ?? '—'} to ${p.saleEnd ?? '—'})`);
  }
  if (p.tierCodes.length > 0 && !p.tierCodes.includes(c.tierCode)) {
    return refuse('tier_not_offered', `「${p.nameZh}」不面向该客户的等级销售`, `${p.nameEn || p.nameZh} is not offered to the customer's tier`);
  }
  if (amountCents < toCents(p.minAmount)) {
    return refuse('below_minimum', `购买金额低于起购金额 ${p.minAmount} 元`, `The amount is below the minimum of ${p.minAmount} yuan`);
  }
  if (!needsAssessment(p.category)) return { ok: true };
  const v = assessmentValidity(c.riskLevel ? c.riskAssessedOn : null, today);
  if (v.state === 'missing') {
    return refuse('no_assessment', '客户没有风险承受能力评估，不能购买投资类产品：请先完成风险评估', 'The customer has no risk assessment: complete one before selling an investment product');
  }
  if (v.state === 'expired') {
    return refuse('assessment_expired', `客户的风险评估已于 ${v.validUntil} 过期：请先重新评估`, `The customer's risk assessment expired on ${v.validUntil}: re-assess first`);
  }
  const cell = matrix.find((m) => m.riskLevel === c.riskLevel && m.riskRating === p.riskRating);
  if (!cell?.allowed) {
    return refuse(
      'risk_mismatch',
      `产品风险等级 ${p.riskRating} 高于客户风险承受能力 ${c.riskLevel}，不适合该客户`,
      `The product's risk rating ${p.riskRating} is above the customer's risk tolerance ${c.riskLevel ?? ''}: not suitable`,
      true,
    );
  }
  return { ok: true };
}

// ---- cooling-off ---------------------------------------------------------------------------------

export function coolingOffUntil(category: ProductCategory, createdAt: Date, hours: number): Date | null {
  if (!needsRecording(category) || hours <= 0) return null;
  return new Date(createdAt.getTime() + hours * 3_600_000);
}

export function inCoolingOff(until: Date | null, now: Date): boolean {
  return until !== null && now.getTime() <= until.getTime();
}

// ---- money and percentages (integer hundredths, never floats) ------------------------------------

export function toCents(s: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const c = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}

export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

export type Weights = Record<AssetClass, string>;

/** Shares in percent (two decimals) of each class in the amounts; all zero when there is nothing. */
export function sharesOf(amounts: Record<AssetClass, string>): Weights {
  const cents = ASSET_CLASSES.map((a) => toCents(amounts[a]));
  const total = cents.reduce((s, c) => s + c, 0n);
  const out = {} as Weights;
  ASSET_CLASSES.forEach((a, i) => {
    // hundredths of a percent, rounded half up
    out[a] = total === 0n ? '0.00' : fromCents((cents[i] * 10000n * 2n + total) / (total * 2n));
  });
  return out;
}

/**
 * Drift: the share of the portfolio that sits in the wrong asset class, i.e. half the sum of the
 * absolute differences between actual and model shares (0 = on model, 100 = nothing in common).
 * An empty portfolio has no drift to review.
 */
export function drift(actual: Weights, model: Weights): string {
  const sum = ASSET_CLASSES.reduce((s, a) => s + toCents(actual[a]), 0n);
  if (sum === 0n) return '0.00';
  const abs = ASSET_CLASSES.reduce((s, a) => {
    const d = toCents(actual[a]) - toCents(model[a]);
    return s + (d < 0n ? -d : d);
  }, 0n);
  return fromCents((abs + 1n) / 2n);
}

export function weightsProblem(w: Weights): string | null {
  const sum = ASSET_CLASSES.reduce((s, a) => s + toCents(w[a]), 0n);
  return sum === 10000n ? null : fromCents(sum);
}

/** Due a review: drift above the threshold, or no review within the period. */
export function reviewDue(driftPct: string, threshold: string, lastReviewOn: string | null, periodMonths: number, today: string): boolean {
  if (toCents(driftPct) > toCents(threshold)) return true;
  return lastReviewOn === null || lastReviewOn <= addMonths(today, -periodMonths);
}

// ---- cross-selling -------------------------------------------------------------------------------

/** Distinct product categories the customer holds (active holdings). */
export function crossSellRatio(holdings: readonly { category: string; status: string }[]): number {
  return new Set(holdings.filter((h) => h.status === 'active').map((h) => h.category)).size;
}

/** Average of per-customer ratios with two decimals. */
export function averageRatio(ratios: readonly number[]): string {
  if (ratios.length === 0) return '0.00';
  const total = BigInt(ratios.reduce((s, r) => s + r, 0));
  const n = BigInt(ratios.length);
  return fromCents((total * 100n * 2n + n) / (n * 2n));
}

const NEED_WORDS: Partial<Record<ProductCategory, readonly string[]>> = {
  insurance: ['保险', '保障', '养老', '教育', '医疗', '健康', '子女'],
  wealth: ['理财', '收益', '增值', '稳健'],
  fund: ['基金', '定投', '股票', '投资'],
  precious_metal: ['黄金', '金条', '贵金属'],
  time_deposit: ['存款', '定期', '存单', '保本'],
  loan: ['贷款', '买房', '经营', '资金周转', '购车'],
  credit_card: ['信用卡', '消费', '出行', '境外'],
  service: ['缴费', '代发', '外汇', '汇款'],
};

export type OfferedProduct = { code: string; nameZh: string; nameEn: string; category: ProductCategory; riskRating: RiskRating; allowed: boolean };

/**
 * Categories the customer does not hold yet, each with the products on sale that the customer may
 * buy; categories that answer a recorded need come first.
 */
export function suggestCategories(held: ReadonlySet<string>, offered: readonly OfferedProduct[], needs: readonly string[]) {
  const text = needs.join(' ');
  const byCategory = new Map<ProductCategory, OfferedProduct[]>();
  for (const p of offered) {
    if (held.has(p.category) || !p.allowed) continue;
    byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  }
  const order = Object.keys(PRODUCT_CATEGORY_LABELS) as ProductCategory[];
  return [...byCategory.entries()]
    .map(([category, products]) => ({
      category,
      matchesNeed: (NEED_WORDS[category] ?? []).some((w) => text.includes(w)),
      products: products.slice(0, 3).map(({ code, nameZh, nameEn, riskRating }) => ({ code, nameZh, nameEn, riskRating })),
    }))
    .sort((a, b) => Number(b.matchesNeed) - Number(a.matchesNeed) || order.indexOf(a.category) - order.indexOf(b.category));
}

/** The asset class a holding counts toward, unless its product names another; liabilities count toward none. */
export const CATEGORY_ASSET_CLASS: Record<ProductCategory, AssetClass | null> = {
  demand: 'cash', time_deposit: 'fixed_income', wealth: 'fixed_income', fund: 'equity', insurance: 'protection',
  precious_metal: 'alternatives', loan: null, credit_card: null, service: null,
};
