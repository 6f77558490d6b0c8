// The products module's request and response schemas: the catalogue, suitability, sales,
// cross-selling and asset allocation. Money is a string of yuan; dates are 'YYYY-MM-DD'.
import { z } from 'zod';
import { isoDate, page, paged } from './common';
import { HOLDING_CATEGORIES, HOLDING_CATEGORY_LABELS, RISK_LEVELS, riskLevel } from './customers';

type Label = { zh: string; en: string };

export const PRODUCT_CATEGORIES = [...HOLDING_CATEGORIES, 'service'] as const;
export const productCategory = z.enum(PRODUCT_CATEGORIES);
export type ProductCategory = z.infer<typeof productCategory>;
export const PRODUCT_CATEGORY_LABELS: Record<ProductCategory, Label> = {
  ...HOLDING_CATEGORY_LABELS,
  service: { zh: '中间业务服务', en: 'Service' },
};

export const RISK_RATINGS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export const riskRating = z.enum(RISK_RATINGS);
export type RiskRating = z.infer<typeof riskRating>;
export const RISK_RATING_LABELS: Record<RiskRating, Label> = {
  R1: { zh: 'R1 谨慎型', en: 'R1 Cautious' },
  R2: { zh: 'R2 稳健型', en: 'R2 Conservative' },
  R3: { zh: 'R3 平衡型', en: 'R3 Balanced' },
  R4: { zh: 'R4 进取型', en: 'R4 Growth' },
  R5: { zh: 'R5 激进型', en: 'R5 Aggressive' },
};

export const PRODUCT_STATUSES = ['draft', 'on_sale', 'suspended', 'closed'] as const;
export const productStatus = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof productStatus>;
export const PRODUCT_STATUS_LABELS: Record<ProductStatus, Label> = {
  draft: { zh: '待发布', en: 'Draft' },
  on_sale: { zh: '在售', en: 'On sale' },
  suspended: { zh: '暂停销售', en: 'Suspended' },
  closed: { zh: '已停售', en: 'Closed' },
};

export const ASSET_CLASSES = ['cash', 'fixed_income', 'equity', 'alternatives', 'protection'] as const;
export const assetClass = z.enum(ASSET_CLASSES);
export type AssetClass = z.infer<typeof assetClass>;
export const ASSET_CLASS_LABELS: Record<AssetClass, Label> = {
  cash: { zh: '现金类', en: 'Cash' },
  fixed_income: { zh: '固定收益类', en: 'Fixed income' },
  equity: { zh: '权益类', en: 'Equity' },
  alternatives: { zh: '另类投资', en: 'Alternatives' },
  protection: { zh: '保障类', en: 'Protection' },
};

export const SALE_CHANNELS = ['branch', 'mobile', 'online', 'phone'] as const;
export const saleChannel = z.enum(SALE_CHANNELS);
export const SALE_CHANNEL_LABELS: Record<(typeof SALE_CHANNELS)[number], Label> = {
  branch: { zh: '网点柜面', en: 'Branch' },
  mobile: { zh: '手机银行', en: 'Mobile banking' },
  online: { zh: '网上银行', en: 'Online banking' },
  phone: { zh: '电话银行', en: 'Phone banking' },
};

/** Yuan with at most two decimals. */
export const productMoney = z.string().trim().regex(/^\d{1,15}(\.\d{1,2})?$/, 'money');
/** Percent a year with up to four decimals, e.g. "2.15". */
export const yieldPercent = z.string().trim().regex(/^\d{1,2}(\.\d{1,4})?$/, 'percent');
export const productCode = z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'product code');
const realDate = isoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'YYYY-MM-DD');

// ---- catalogue ------------------------------------------------------------------------------------

export const productDocument = z.object({ id: z.number().int(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string() });
export type ProductDocument = z.infer<typeof productDocument>;

export const product = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: productCategory,
  riskRating,
  currency: z.string(),
  minAmount: z.string(),
  termMonths: z.number().int().nullable(),
  expectedYield: z.string().nullable(),
  saleStart: z.string().nullable(),
  saleEnd: z.string().nullable(),
  status: productStatus,
  tierCodes: z.array(z.string()),
  assetClass: assetClass.nullable(),
  issuer: z.string(),
  description: z.string(),
  /** On sale today: status on_sale and today inside the sales window. */
  onSaleToday: z.boolean(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof product>;
export const productDetail = product.extend({ documents: z.array(productDocument) });
export type ProductDetail = z.infer<typeof productDetail>;

export const productListQuery = page.extend({
  q: z.string().trim().max(50).optional(),
  category: productCategory.optional(),
  riskRating: riskRating.optional(),
  status: productStatus.optional(),
});
export type ProductListQuery = z.infer<typeof productListQuery>;
export const productList = paged(product);

export const productCodeParam = z.object({ productCode: z.string().trim().min(1).max(30) });

export const saveProductBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(120).default(''),
  category: productCategory,
  riskRating,
  currency: z.string().trim().regex(/^[A-Z]{3}$/, 'currency').default('CNY'),
  minAmount: productMoney,
  termMonths: z.number().int().min(1).max(600).nullable().default(null),
  expectedYield: yieldPercent.nullable().default(null),
  saleStart: realDate.nullable().default(null),
  saleEnd: realDate.nullable().default(null),
  status: productStatus,
  tierCodes: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  assetClass: assetClass.nullable().default(null),
  issuer: z.string().trim().max(60).default(''),
  description: z.string().trim().max(1000).default(''),
});
export type SaveProductBody = z.infer<typeof saveProductBody>;

export const productImportQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const productImportResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), zh: z.string(), en: z.string() })),
});
export type ProductImportResult = z.infer<typeof productImportResult>;
export const productDocumentUploadQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const productDocumentParams = z.object({ productCode: z.string().trim().min(1).max(30), docId: z.coerce.number().int().positive() });

// ---- suitability matrix, settings, model allocations (head office) -------------------------------

export const suitabilityMatrix = z.object({
  cells: z.array(z.object({ riskLevel, riskRating, allowed: z.boolean() })),
});
export type SuitabilityMatrix = z.infer<typeof suitabilityMatrix>;
export const suitabilityMatrixBody = z.strictObject({
  cells: z.array(z.strictObject({ riskLevel, riskRating, allowed: z.boolean() })).length(RISK_LEVELS.length * RISK_RATINGS.length),
});
export type SuitabilityMatrixBody = z.infer<typeof suitabilityMatrixBody>;

export const productSettings = z.object({ coolingOffHours: z.number().int(), driftThreshold: z.string(), reviewPeriodMonths: z.number().int() });
export type ProductSettings = z.infer<typeof productSettings>;
export const productSettingsBody = z.strictObject({
  coolingOffHours: z.number().int().min(0).max(720),
  driftThreshold: z.string().trim().regex(/^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/, 'percent'),
  reviewPeriodMonths: z.number().int().min(1).max(36),
});
export type ProductSettingsBody = z.infer<typeof productSettingsBody>;

/** Percent of the portfolio per asset class; the five add up to 100. */
export const allocationWeights = z.object({ cash: z.string(), fixedIncome: z.string(), equity: z.string(), alternatives: z.string(), protection: z.string() });
export type AllocationWeights = z.infer<typeof allocationWeights>;
export const allocationModel = allocationWeights.extend({ riskLevel });
export type AllocationModel = z.infer<typeof allocationModel>;
const weight = z.string().trim().regex(/^\d{1,3}(\.\d{1,2})?$/, 'percent');
export const allocationModelsBody = z.strictObject({
  models: z
    .array(z.strictObject({ riskLevel, cash: weight, fixedIncome: weight, equity: weight, alternatives: weight, protection: weight }))
    .min(1)
    .max(RISK_LEVELS.length),
});
export type AllocationModelsBody = z.infer<typeof allocationModelsBody>;

// ---- sales ---------------------------------------------------------------------------------------

export const saleOverride = z.strictObject({
  /** The customer asked for the product themselves and signed an acknowledgement (its reference). */
  customerInitiated: z.literal(true),
  acknowledgementRef: z.string().trim().min(4).max(60),
});

export const recordSaleBody = z.strictObject({
  productCode: z.string().trim().min(1).max(30),
  amount: productMoney,
  soldOn: realDate.optional(),
  channel: saleChannel.default('branch'),
  referralSource: z.string().trim().max(60).optional(),
  /** 双录: the audio-video recording's reference; required for wealth products. */
  recordingRef: z.string().trim().min(4).max(60).optional(),
  /** The RM credited with the sale; the caller by default. */
  rmStaffId: z.number().int().positive().optional(),
  override: saleOverride.optional(),
});
export type RecordSaleBody = z.infer<typeof recordSaleBody>;

export const checkSaleBody = z.strictObject({ productCode: z.string().trim().min(1).max(30), amount: productMoney });
export type CheckSaleBody = z.infer<typeof checkSaleBody>;

export const REFUSAL_REASONS = ['no_assessment', 'assessment_expired', 'risk_mismatch', 'not_on_sale', 'outside_window', 'below_minimum', 'tier_not_offered'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const suitabilityResult = z.object({
  ok: z.boolean(),
  reason: z.enum(REFUSAL_REASONS).nullable(),
  zh: z.string(),
  en: z.string(),
  overridable: z.boolean(),
  needsRecording: z.boolean(),
});
export type SuitabilityResult = z.infer<typeof suitabilityResult>;

export const sale = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  category: productCategory,
  amount: z.string().nullable(),
  soldOn: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  channel: saleChannel,
  referralSource: z.string().nullable(),
  recordingRef: z.string().nullable(),
  coolingOffUntil: z.string().nullable(),
  inCoolingOff: z.boolean(),
  status: z.enum(['completed', 'cancelled']),
  refundStatus: z.string().nullable(),
  overridden: z.boolean(),
  createdAt: z.string(),
});
export type Sale = z.infer<typeof sale>;

export const cancelSaleBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export type CancelSaleBody = z.infer<typeof cancelSaleBody>;
export const saleParams = z.object({ id: z.coerce.number().int().positive(), saleId: z.coerce.number().int().positive() });

// ---- the customer's products overview (360 panel) -------------------------------------------------

export const allocationLine = z.object({ assetClass, actual: z.string(), model: z.string(), amount: z.string().nullable() });
export const customerProducts = z.object({
  customerId: z.number().int(),
  riskLevel: riskLevel.nullable(),
  assessmentValidUntil: z.string().nullable(),
  assessmentExpired: z.boolean(),
  balancesVisible: z.boolean(),
  allocation: z.array(allocationLine),
  /** Percentage points in the wrong asset class: half the sum of |actual - model|. */
  drift: z.string(),
  driftThreshold: z.string(),
  lastReviewOn: z.string().nullable(),
  reviewDue: z.boolean(),
  crossSellRatio: z.number().int(),
  heldCategories: z.array(productCategory),
  suggestions: z.array(z.object({ category: productCategory, matchesNeed: z.boolean(), products: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), riskRating })) })),
  recentSales: z.array(sale),
});
export type CustomerProducts = z.infer<typeof customerProducts>;

export const allocationReviewBody = z.strictObject({ note: z.string().trim().max(500).default('') });
export type AllocationReviewBody = z.infer<typeof allocationReviewBody>;

// ---- reports ---------------------------------------------------------------------------------------

export const SALES_GROUPS = ['product', 'category', 'rm', 'branch', 'month'] as const;
export const salesReportQuery = z.object({
  groupBy: z.enum(SALES_GROUPS).default('product'),
  from: realDate.optional(),
  to: realDate.optional(),
});
export type SalesReportQuery = z.infer<typeof salesReportQuery>;
export const salesReportRow = z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), sales: z.number().int(), amount: z.string(), cancelled: z.number().int() });
export type SalesReportRow = z.infer<typeof salesReportRow>;
export const salesReport = z.object({ from: z.string(), to: z.string(), groupBy: z.enum(SALES_GROUPS), rows: z.array(salesReportRow), totalAmount: z.string(), totalSales: z.number().int() });
export type SalesReport = z.infer<typeof salesReport>;

export const crossSellQuery = z.object({ groupBy: z.enum(['rm', 'branch']).default('rm') });
export type CrossSellQuery = z.infer<typeof crossSellQuery>;
export const crossSellReport = z.object({
  groupBy: z.enum(['rm', 'branch']),
  rows: z.array(z.object({ key: z.string(), label: z.string(), customers: z.number().int(), average: z.string() })),
});
export type CrossSellReport = z.infer<typeof crossSellReport>;
