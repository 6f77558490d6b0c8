// Request and response schemas of the engagement module (referrals, prospects, campaigns, care events, market research).
// Money is a string of yuan ("1234567.89"); personal data in responses is masked.
import { z } from 'zod';
import { isoDate, page } from './common';
import { holdingCategory, moneyInput, riskLevel } from './customers';

// ---- referrals --------------------------------------------------------------------------------

export const REFERRAL_STATUSES = ['new', 'contacted', 'converted', 'not_interested'] as const;
export const referralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatus>;
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, { zh: string; en: string }> = {
  new: { zh: '新推荐', en: 'New' },
  contacted: { zh: '已联系', en: 'Contacted' },
  converted: { zh: '已转化', en: 'Converted' },
  not_interested: { zh: '无意向', en: 'Not interested' },
};

const mobileInput = z.string().trim().regex(/^1\d{10}$/, 'mobile');

export const createReferralBody = z.strictObject({
  /** A known customer, by customer number; or a walk-in by contact name and mobile. */
  customerNo: z.string().trim().min(4).max(32).optional(),
  contactName: z.string().trim().min(1).max(30).optional(),
  contactMobile: mobileInput.optional(),
  estimatedAssets: moneyInput.optional(),
  note: z.string().trim().min(2).max(500),
  /** The wealth RM it goes to (default: the customer's dedicated RM). */
  rmStaffId: z.number().int().positive().optional(),
});
export type CreateReferralBody = z.infer<typeof createReferralBody>;

export const workReferralBody = z.strictObject({
  status: z.enum(['contacted', 'converted', 'not_interested']),
  outcomeNote: z.string().trim().max(500).optional(),
  /** A walk-in who opened an account: link the new customer when converting. */
  customerNo: z.string().trim().min(4).max(32).optional(),
});
export type WorkReferralBody = z.infer<typeof workReferralBody>;

export const REFERRAL_BOXES = ['inbox', 'sent', 'all'] as const;
export const referralListQuery = page.extend({
  /** inbox: referred to me; sent: referred by me; all: everything the scope covers. */
  box: z.enum(REFERRAL_BOXES).default('inbox'),
  status: referralStatus.optional(),
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;

export const growthReferral = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  branchName: z.string(),
  customerId: z.number().int().nullable(),
  customerNo: z.string().nullable(),
  /** Masked. */
  name: z.string().nullable(),
  contactMobile: z.string().nullable(),
  estimatedAssets: z.string().nullable(),
  note: z.string(),
  referredByStaffId: z.number().int(),
  referredByName: z.string(),
  referrerRole: z.string(),
  rmStaffId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  status: referralStatus,
  outcomeNote: z.string(),
  source: z.enum(['direct', 'lobby']),
  createdAt: z.string(),
  contactedAt: z.string().nullable(),
  convertedAt: z.string().nullable(),
  /** Whether the caller may change its status. */
  canWork: z.boolean(),
});
export type GrowthReferral = z.infer<typeof growthReferral>;
export const growthReferralPage = z.object({ items: z.array(growthReferral), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type GrowthReferralPage = z.infer<typeof growthReferralPage>;

export const referralRm = z.object({ staffId: z.number().int(), staffNo: z.string(), name: z.string(), branchName: z.string() });
export type ReferralRm = z.infer<typeof referralRm>;

// ---- prospects and the pipeline ---------------------------------------------------------------

export const PROSPECT_SIGNALS = ['near_threshold', 'large_inflow', 'external_assets'] as const;
export const prospectSignal = z.enum(PROSPECT_SIGNALS);
export type ProspectSignal = z.infer<typeof prospectSignal>;
export const PROSPECT_SIGNAL_LABELS: Record<ProspectSignal, { zh: string; en: string }> = {
  near_threshold: { zh: '资产接近金卡门槛', en: 'AUM near the premium threshold' },
  large_inflow: { zh: '近期大额资金流入', en: 'Large recent inflow' },
  external_assets: { zh: '有他行资产线索', en: 'Assets at other banks noted' },
};

export const prospectListQuery = page.extend({ signal: prospectSignal.optional() });
export type ProspectListQuery = z.infer<typeof prospectListQuery>;

export const prospectCustomer = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  /** Masked. */
  name: z.string(),
  tierCode: z.string(),
  branchName: z.string(),
  rmName: z.string().nullable(),
  /** Null when the caller may not see balances. */
  aum: z.string().nullable(),
  /** AUM growth over the last month; null like aum. */
  inflow: z.string().nullable(),
  threshold: z.string(),
  signals: z.array(prospectSignal),
});
export type ProspectCustomer = z.infer<typeof prospectCustomer>;
export const prospectCustomerPage = z.object({ items: z.array(prospectCustomer), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const newProspectBody = z.strictObject({
  prospectName: z.string().trim().min(1).max(30),
  mobile: mobileInput.optional(),
  source: z.string().trim().max(60).optional(),
  estimatedAssets: moneyInput.optional(),
  notes: z.string().trim().max(500).optional(),
});
export type NewProspectBody = z.infer<typeof newProspectBody>;

export const outsideProspect = z.object({
  id: z.number().int(),
  /** Masked. */
  name: z.string(),
  mobile: z.string().nullable(),
  source: z.string(),
  estimatedAssets: z.string().nullable(),
  notes: z.string(),
  status: z.enum(['open', 'converted', 'dropped']),
  staffName: z.string(),
  createdAt: z.string(),
});
export type OutsideProspect = z.infer<typeof outsideProspect>;

export const PIPELINE_STAGES = ['lead', 'contacted', 'proposal', 'won', 'lost'] as const;
export const pipelineStage = z.enum(PIPELINE_STAGES);
export type PipelineStage = z.infer<typeof pipelineStage>;
export const PIPELINE_STAGE_LABELS: Record<PipelineStage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contacted: { zh: '已接触', en: 'Contacted' },
  proposal: { zh: '方案建议', en: 'Proposal' },
  won: { zh: '成交', en: 'Won' },
  lost: { zh: '未成交', en: 'Lost' },
};

export const opportunityBody = z.strictObject({
  customerId: z.number().int().positive().optional(),
  prospectId: z.number().int().positive().optional(),
  title: z.string().trim().min(2).max(100),
  stage: pipelineStage.default('lead'),
  expectedAmount: moneyInput.optional(),
  product: z.string().trim().max(60).optional(),
  nextStep: z.string().trim().max(200).optional(),
  nextStepOn: isoDate.optional(),
});
export type OpportunityBody = z.input<typeof opportunityBody>;

export const updateOpportunityBody = z.strictObject({
  stage: pipelineStage.optional(),
  expectedAmount: moneyInput.nullable().optional(),
  product: z.string().trim().max(60).optional(),
  nextStep: z.string().trim().max(200).optional(),
  nextStepOn: isoDate.nullable().optional(),
});
export type UpdateOpportunityBody = z.infer<typeof updateOpportunityBody>;

export const opportunity = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  staffName: z.string(),
  customerId: z.number().int().nullable(),
  prospectId: z.number().int().nullable(),
  /** Masked name of the customer or prospect. */
  name: z.string(),
  title: z.string(),
  stage: pipelineStage,
  expectedAmount: z.string().nullable(),
  product: z.string(),
  nextStep: z.string(),
  nextStepOn: z.string().nullable(),
  overdue: z.boolean(),
  updatedAt: z.string(),
});
export type Opportunity = z.infer<typeof opportunity>;
export const pipelineView = z.object({
  items: z.array(opportunity),
  /** Open opportunities per stage with their expected amount, summed in SQL. */
  stages: z.array(z.object({ stage: pipelineStage, count: z.number().int(), amount: z.string() })),
});
export type PipelineView = z.infer<typeof pipelineView>;

// ---- segments and campaigns -------------------------------------------------------------------

export const CONSENT_CHANNELS = ['phone', 'sms', 'email', 'wechat'] as const;
export const consentChannel = z.enum(CONSENT_CHANNELS);
export type ConsentChannel = z.infer<typeof consentChannel>;

/** A customer segment. Marketing reaches only customers who consented to the channel (PIPL). */
export const segmentFilters = z.strictObject({
  consentChannel,
  tierCodes: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  aumMin: moneyInput.optional(),
  aumMax: moneyInput.optional(),
  heldCategories: z.array(holdingCategory).max(8).optional(),
  notHeldCategories: z.array(holdingCategory).max(8).optional(),
  riskLevels: z.array(riskLevel).max(5).optional(),
  ageMin: z.number().int().min(0).max(120).optional(),
  ageMax: z.number().int().min(0).max(120).optional(),
  branchIds: z.array(z.number().int().positive()).max(200).optional(),
  /** No recorded contact for at least this many days (or never). */
  noContactDays: z.number().int().min(1).max(3650).optional(),
});
export type SegmentFilters = z.infer<typeof segmentFilters>;

export const segmentPreviewBody = z.strictObject({ filters: segmentFilters });
export const segmentPreview = z.object({ count: z.number().int(), rms: z.number().int(), withoutRm: z.number().int() });
export type SegmentPreview = z.infer<typeof segmentPreview>;

export const campaignBody = z.strictObject({
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).optional(),
  filters: segmentFilters,
  dueOn: isoDate,
});
export type CampaignBody = z.infer<typeof campaignBody>;

export const CAMPAIGN_STATUSES = ['draft', 'launched', 'closed'] as const;
export const campaign = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  branchName: z.string(),
  name: z.string(),
  description: z.string(),
  filters: segmentFilters,
  status: z.enum(CAMPAIGN_STATUSES),
  dueOn: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
  memberCount: z.number().int(),
  results: z.object({ tasks: z.number().int(), contacted: z.number().int(), sold: z.number().int(), amount: z.string() }),
});
export type Campaign = z.infer<typeof campaign>;
export const campaignList = z.array(campaign);
export const launchResult = z.object({ members: z.number().int(), tasks: z.number().int() });
export type LaunchResult = z.infer<typeof launchResult>;

// ---- customer care events ---------------------------------------------------------------------

export const CARE_EVENT_KINDS = ['salon', 'seminar', 'appreciation'] as const;
export const careEventKind = z.enum(CARE_EVENT_KINDS);
export type CareEventKind = z.infer<typeof careEventKind>;
export const CARE_EVENT_KIND_LABELS: Record<CareEventKind, { zh: string; en: string }> = {
  salon: { zh: '客户沙龙', en: 'Salon' },
  seminar: { zh: '投资讲座', en: 'Investment seminar' },
  appreciation: { zh: '客户答谢会', en: 'Appreciation event' },
};

export const careEventBody = z.strictObject({
  kind: careEventKind,
  title: z.string().trim().min(2).max(100),
  venue: z.string().trim().max(100).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(10_000).optional(),
  cost: moneyInput.optional(),
});
export type CareEventBody = z.infer<typeof careEventBody>;

export const inviteBody = z.strictObject({ filters: segmentFilters });
export const rsvpBody = z.strictObject({ customerId: z.number().int().positive(), rsvp: z.enum(['yes', 'no']) });
export const attendBody = z.strictObject({ customerId: z.number().int().positive() });

export const careEvent = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  branchName: z.string(),
  kind: careEventKind,
  title: z.string(),
  venue: z.string(),
  startsAt: z.string(),
  capacity: z.number().int().nullable(),
  cost: z.string(),
  status: z.enum(['planned', 'done', 'cancelled']),
  invited: z.number().int(),
  accepted: z.number().int(),
  attended: z.number().int(),
  /** cost / attended, null before anyone attended. */
  costPerAttendee: z.string().nullable(),
  /** Holdings opened by attendees within 30 days after the event. */
  salesAfter: z.object({ customers: z.number().int(), amount: z.string() }),
});
export type CareEvent = z.infer<typeof careEvent>;
export const careEventList = z.array(careEvent);

export const invitation = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  /** Masked. */
  name: z.string(),
  tierCode: z.string(),
  rmName: z.string().nullable(),
  rsvp: z.enum(['pending', 'yes', 'no']),
  checkedInAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitation>;
export const invitationList = z.array(invitation);
export const countResult = z.object({ count: z.number().int() });

// ---- market research --------------------------------------------------------------------------

export const RESEARCH_PRODUCT_TYPES = ['deposit', 'wealth', 'fund', 'insurance', 'precious_metal', 'loan', 'other'] as const;
export const researchProductType = z.enum(RESEARCH_PRODUCT_TYPES);
export type ResearchProductType = z.infer<typeof researchProductType>;
export const RESEARCH_PRODUCT_TYPE_LABELS: Record<ResearchProductType, { zh: string; en: string }> = {
  deposit: { zh: '存款', en: 'Deposit' },
  wealth: { zh: '理财', en: 'Wealth product' },
  fund: { zh: '基金', en: 'Fund' },
  insurance: { zh: '保险', en: 'Insurance' },
  precious_metal: { zh: '贵金属', en: 'Precious metals' },
  loan: { zh: '贷款', en: 'Loan' },
  other: { zh: '其他', en: 'Other' },
};

export const researchBody = z.strictObject({
  bankName: z.string().trim().min(2).max(40),
  productType: researchProductType,
  productName: z.string().trim().min(2).max(100),
  /** Yearly rate or expected yield in percent, e.g. "2.15". */
  rate: z.string().trim().regex(/^\d{1,3}(\.\d{1,4})?$/, 'rate').optional(),
  term: z.string().trim().max(40).optional(),
  customerRemarks: z.string().trim().max(500).optional(),
  observedOn: isoDate,
});
export type ResearchBody = z.infer<typeof researchBody>;
export const researchListQuery = page.extend({
  bankName: z.string().trim().min(1).max(40).optional(),
  productType: researchProductType.optional(),
});
export type ResearchListQuery = z.infer<typeof researchListQuery>;
export const researchRow = z.object({
  id: z.number().int(),
  bankName: z.string(),
  productType: researchProductType,
  productName: z.string(),
  rate: z.string().nullable(),
  term: z.string(),
  customerRemarks: z.string(),
  observedOn: z.string(),
  branchName: z.string(),
  recordedByName: z.string(),
});
export type ResearchRow = z.infer<typeof researchRow>;
export const researchPage = z.object({
  items: z.array(researchRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Per bank and product type: count and the best rate seen. */
  summary: z.array(z.object({ bankName: z.string(), productType: researchProductType, count: z.number().int(), bestRate: z.string().nullable() })),
});
export type ResearchPage = z.infer<typeof researchPage>;

// ---- workbench --------------------------------------------------------------------------------

export const growthWorkbench = z.object({
  referralsToAct: z.array(growthReferral),
  pipeline: z.array(z.object({ stage: pipelineStage, count: z.number().int(), amount: z.string() })),
  nextSteps: z.array(opportunity),
});
export type GrowthWorkbench = z.infer<typeof growthWorkbench>;
