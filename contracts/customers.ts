// Contracts of the customers module: the premium-customer archive (优质客户档案).
// Money is a string of yuan ("1234567.89"); dates are 'YYYY-MM-DD'; timestamps ISO strings.
// Personal data arrives masked; a balance is null when the caller may not see it.
import { z } from 'zod';
import { isoDate, page, paged, queryBool } from './common';

type Label = { zh: string; en: string };

export const CUSTOMER_STATUSES = ['active', 'dormant', 'closed'] as const;
export const customerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof customerStatus>;
export const CUSTOMER_STATUS_LABELS: Record<CustomerStatus, Label> = {
  active: { zh: '正常', en: 'Active' },
  dormant: { zh: '休眠', en: 'Dormant' },
  closed: { zh: '已销户', en: 'Closed' },
};

export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const riskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevel>;
export const RISK_LEVEL_LABELS: Record<RiskLevel, Label> = {
  C1: { zh: '保守型', en: 'Conservative' },
  C2: { zh: '稳健型', en: 'Cautious' },
  C3: { zh: '平衡型', en: 'Balanced' },
  C4: { zh: '成长型', en: 'Growth' },
  C5: { zh: '进取型', en: 'Aggressive' },
};

export const TEMPERAMENT_CODES = ['lively', 'perfect', 'powerful', 'peaceful'] as const;
export const temperamentCode = z.enum(TEMPERAMENT_CODES);
export type TemperamentCode = z.infer<typeof temperamentCode>;

export const NEED_KINDS = ['explicit', 'hidden'] as const;
export const needKind = z.enum(NEED_KINDS);
export const NEED_KIND_LABELS: Record<(typeof NEED_KINDS)[number], Label> = {
  explicit: { zh: '显性需求', en: 'Explicit' },
  hidden: { zh: '隐性需求', en: 'Hidden' },
};
export const NEED_CATEGORIES = ['information', 'emotional', 'environment', 'convenience'] as const;
export const needCategory = z.enum(NEED_CATEGORIES);
export const NEED_CATEGORY_LABELS: Record<(typeof NEED_CATEGORIES)[number], Label> = {
  information: { zh: '信息需求', en: 'Information' },
  emotional: { zh: '情感需求', en: 'Emotional' },
  environment: { zh: '环境需求', en: 'Environment' },
  convenience: { zh: '便利需求', en: 'Convenience' },
};

export const HOLDING_CATEGORIES = ['demand', 'time_deposit', 'wealth', 'fund', 'insurance', 'precious_metal', 'loan', 'credit_card'] as const;
export const holdingCategory = z.enum(HOLDING_CATEGORIES);
export const HOLDING_CATEGORY_LABELS: Record<(typeof HOLDING_CATEGORIES)[number], Label> = {
  demand: { zh: '活期存款', en: 'Demand deposit' },
  time_deposit: { zh: '定期存款', en: 'Time deposit' },
  wealth: { zh: '理财产品', en: 'Wealth product' },
  fund: { zh: '基金', en: 'Fund' },
  insurance: { zh: '保险', en: 'Insurance' },
  precious_metal: { zh: '贵金属', en: 'Precious metals' },
  loan: { zh: '贷款', en: 'Loan' },
  credit_card: { zh: '信用卡', en: 'Credit card' },
};

export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'wechat', 'visit'] as const;
export const contactChannel = z.enum(CONTACT_CHANNELS);
export const CONTACT_CHANNEL_LABELS: Record<(typeof CONTACT_CHANNELS)[number], Label> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '电子邮件', en: 'Email' },
  wechat: { zh: '微信', en: 'WeChat' },
  visit: { zh: '面谈/到访', en: 'In person' },
};

/** The personal fields an explicit, audited reveal can return in full. */
export const REVEAL_FIELDS = ['name', 'residentId', 'mobile', 'address'] as const;
export const revealField = z.enum(REVEAL_FIELDS);
export type RevealField = z.infer<typeof revealField>;

/** How a search query was read (from its shape). */
export const SEARCH_KINDS = ['customerNo', 'name', 'mobile', 'residentId', 'card'] as const;
export const searchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof searchKind>;

/** Yuan with at most two decimals, as typed by a clerk: "800", "800.5", "800.50". */
export const moneyInput = z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, 'money');
const money = z.string();
const maskedMoney = z.string().nullable();

export const staffRef = z.object({ staffId: z.number().int(), staffNo: z.string(), name: z.string() });
export type StaffRef = z.infer<typeof staffRef>;

// ---- search and list --------------------------------------------------------------------------

export const customerSearchQuery = z.object({ q: z.string().trim().min(2).max(40) });
export const customerSearchHit = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  tierCode: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  rmName: z.string().nullable(),
  matchedBy: searchKind,
});
export type CustomerSearchHit = z.infer<typeof customerSearchHit>;
export const customerSearchResult = z.object({ kinds: z.array(searchKind), items: z.array(customerSearchHit) });

export const CUSTOMER_SORTS = ['aum_desc', 'aum_asc', 'customer_no'] as const;
const customerFilterShape = {
  q: z.string().trim().min(2).max(40).optional(),
  tier: z.string().trim().min(1).max(40).optional(),
  branchId: z.coerce.number().int().positive().optional(),
  includeSubtree: queryBool.optional(),
  rmStaffId: z.coerce.number().int().positive().optional(),
  aumMin: moneyInput.optional(),
  aumMax: moneyInput.optional(),
  riskLevel: riskLevel.optional(),
  /** Assessment missing or older than 11 months (due for renewal within a month, or lapsed). */
  riskExpiring: queryBool.optional(),
  /** No recorded contact for at least this many days (or never). */
  noContactDays: z.coerce.number().int().min(1).max(3650).optional(),
  status: customerStatus.optional(),
  sort: z.enum(CUSTOMER_SORTS).default('aum_desc'),
};
export const customerExportQuery = z.object(customerFilterShape);
export type CustomerFilter = z.infer<typeof customerExportQuery>;
export const customerListQuery = page.extend(customerFilterShape);
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const customerListItem = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  mobile: z.string().nullable(),
  status: customerStatus,
  tierCode: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  rmStaffId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  /** False: the caller may not see this customer's balances, and `aum` is null. */
  balancesVisible: z.boolean(),
  aum: maskedMoney,
  riskLevel: riskLevel.nullable(),
  riskAssessedOn: z.string().nullable(),
  riskExpired: z.boolean(),
  lastContactAt: z.string().nullable(),
});
export type CustomerListItem = z.infer<typeof customerListItem>;
/** `total` is counted up to 10,000; `totalCapped` says there are more (narrow the filter). */
export const customerList = paged(customerListItem).extend({ totalCapped: z.boolean() });

// ---- the 360 view -----------------------------------------------------------------------------

export const nextTierProgress = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  threshold: money,
  /** The figure that decides the tier (per the tier settings); null when balances are hidden. */
  basis: maskedMoney,
  gap: maskedMoney,
  /** 0–100 with one decimal; null when balances are hidden. */
  percent: z.number().nullable(),
});
export const riskInfo = z.object({
  level: riskLevel,
  assessedOn: z.string(),
  validUntil: z.string(),
  expired: z.boolean(),
});
export type RiskInfo = z.infer<typeof riskInfo>;
export const holding = z.object({
  id: z.number().int(),
  category: holdingCategory,
  productCode: z.string().nullable(),
  productName: z.string(),
  accountNo: z.string(),
  cardNo: z.string().nullable(),
  balance: maskedMoney,
  openedOn: z.string().nullable(),
  maturesOn: z.string().nullable(),
  status: z.enum(['active', 'closed']),
});
export type Holding = z.infer<typeof holding>;
export const aumMonth = z.object({ month: z.string(), avgAum: maskedMoney, endAum: maskedMoney, contribution: maskedMoney });
export const customerNeed = z.object({
  id: z.number().int(),
  kind: needKind,
  category: needCategory,
  description: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  met: z.boolean(),
  metAt: z.string().nullable(),
});
export const customerQuestion = z.object({
  id: z.number().int(),
  question: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  askedAt: z.string().nullable(),
  answer: z.string().nullable(),
});
export const temperamentGuide = z.object({
  code: temperamentCode,
  nameZh: z.string(),
  nameEn: z.string(),
  featuresZh: z.string(),
  strategyZh: z.string(),
  featuresEn: z.string(),
  strategyEn: z.string(),
  updatedAt: z.string(),
});
export type TemperamentGuide = z.infer<typeof temperamentGuide>;
export const customerEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
});
export type CustomerEvent = z.infer<typeof customerEvent>;
export const timelinePage = z.object({
  items: z.array(customerEvent),
  /** Pass as `before` for the next (older) page; null at the start of the story. */
  nextBefore: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePage>;
export const timelineQuery = z.object({
  before: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_\d+$/, 'cursor').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const customer360 = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  age: z.number().int().nullable(),
  residentId: z.string().nullable(),
  mobile: z.string().nullable(),
  address: z.string(),
  occupation: z.string(),
  employer: z.string(),
  status: customerStatus,
  onboardedOn: z.string().nullable(),
  branch: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  tier: z.object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    color: z.string(),
    since: z.string().nullable(),
    override: z.object({ code: z.string(), until: z.string().nullable(), reason: z.string().nullable() }).nullable(),
    next: nextTierProgress.nullable(),
  }),
  balancesVisible: z.boolean(),
  aum: z.object({ current: maskedMoney, m1: maskedMoney, m3: maskedMoney, m6: maskedMoney }),
  rm: staffRef.nullable(),
  marketingRm: staffRef.nullable(),
  risk: riskInfo.nullable(),
  riskHistory: z.array(z.object({ level: riskLevel, assessedOn: z.string(), validUntil: z.string(), assessedByName: z.string().nullable() })),
  consents: z.object({ phone: z.boolean(), sms: z.boolean(), email: z.boolean(), wechat: z.boolean() }),
  preferredChannel: contactChannel.nullable(),
  preferredContactTime: z.string(),
  familyNotes: z.string(),
  lastContactAt: z.string().nullable(),
  holdings: z.array(holding),
  aumTrend: z.array(aumMonth),
  contribution12m: maskedMoney,
  needs: z.array(customerNeed),
  questions: z.array(customerQuestion),
  temperament: z.object({ code: temperamentCode, guide: temperamentGuide.nullable() }).nullable(),
  timeline: timelinePage,
});
export type Customer360 = z.infer<typeof customer360>;

// ---- writes -----------------------------------------------------------------------------------

export const revealBody = z.strictObject({
  reason: z.string().trim().min(2).max(200),
  fields: z.array(revealField).min(1).max(4).optional(),
});
export type RevealBody = z.infer<typeof revealBody>;
export const revealResult = z.object({
  name: z.string().optional(),
  residentId: z.string().nullable().optional(),
  mobile: z.string().nullable().optional(),
  address: z.string().optional(),
});
export type RevealResult = z.infer<typeof revealResult>;

/** At least one field (the service says so in words when none is given). */
export const updateCustomerBody = z.strictObject({
  occupation: z.string().trim().max(100).optional(),
  employer: z.string().trim().max(200).optional(),
  address: z.string().trim().max(300).optional(),
  mobile: z.string().trim().max(20).optional(),
  consents: z.strictObject({ phone: z.boolean().optional(), sms: z.boolean().optional(), email: z.boolean().optional(), wechat: z.boolean().optional() }).optional(),
  preferredChannel: contactChannel.nullable().optional(),
  preferredContactTime: z.string().trim().max(100).optional(),
  familyNotes: z.string().trim().max(2000).optional(),
  status: customerStatus.optional(),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

export const addNeedBody = z.strictObject({ kind: needKind, category: needCategory, description: z.string().trim().min(2).max(500) });
export type AddNeedBody = z.infer<typeof addNeedBody>;
export const updateNeedBody = z.strictObject({ met: z.boolean() });
export const addQuestionBody = z.strictObject({ question: z.string().trim().min(2).max(500) });
export const updateQuestionBody = z.strictObject({
  askedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  answer: z.string().trim().max(2000).nullable().optional(),
});
export type UpdateQuestionBody = z.infer<typeof updateQuestionBody>;
export const setTemperamentBody = z.strictObject({ code: temperamentCode.nullable() });
export const riskAssessmentBody = z.strictObject({ level: riskLevel, assessedOn: isoDate });
export type RiskAssessmentBody = z.infer<typeof riskAssessmentBody>;
export const assignRmBody = z.strictObject({ staffId: z.number().int().positive(), reason: z.string().trim().min(2).max(500) });
export type AssignRmBody = z.infer<typeof assignRmBody>;

export const customerIdParam = z.object({ id: z.coerce.number().int().positive() });
export const needParam = customerIdParam.extend({ needId: z.coerce.number().int().positive() });
export const questionParam = customerIdParam.extend({ qid: z.coerce.number().int().positive() });
export const temperamentParam = z.object({ code: temperamentCode });
export const updateTemperamentGuideBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(20).optional(),
  nameEn: z.string().trim().min(1).max(40).optional(),
  featuresZh: z.string().trim().min(2).max(2000),
  strategyZh: z.string().trim().min(2).max(2000),
  featuresEn: z.string().trim().min(2).max(4000),
  strategyEn: z.string().trim().min(2).max(4000),
});
export type UpdateTemperamentGuideBody = z.infer<typeof updateTemperamentGuideBody>;
export const createdId = z.object({ id: z.number().int() });

export const CUSTOMER_EXPORT_LIMIT = 100_000;
