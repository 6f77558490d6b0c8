// Contracts of the tiers module (分层服务): the tier ladder, its settings, the evaluation runs and
// manual overrides. Money travels as strings ("50000.00"), never as JSON numbers.
import { z } from 'zod';
import { isoDate } from './common';

/** Which AUM figure decides the tier. */
export const TIER_BASES = ['max_m1_m3', 'm1', 'm3', 'm6'] as const;
export const tierBasis = z.enum(TIER_BASES);
export type TierBasis = z.infer<typeof tierBasis>;
export const TIER_BASIS_LABELS: Record<TierBasis, { zh: string; en: string }> = {
  max_m1_m3: { zh: '上月日均与近三月日均孰高', en: "The higher of last month's and the last 3 months' average daily AUM" },
  m1: { zh: '上月日均资产', en: "Last month's average daily AUM" },
  m3: { zh: '近三月日均资产', en: "The last 3 months' average daily AUM" },
  m6: { zh: '近六月日均资产', en: "The last 6 months' average daily AUM" },
};

export const TIER_CHANGE_REASONS = ['initial', 'upgrade', 'downgrade', 'override', 'override_expired', 'import'] as const;
export const tierChangeReason = z.enum(TIER_CHANGE_REASONS);
export type TierChangeReason = z.infer<typeof tierChangeReason>;

/** Yuan with at most two decimals, as a string: "50000" or "50000.00". */
export const moneyString = z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, 'money');
export const tierCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'code');
export const tierColor = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'color');
/** 'YYYY-MM': an evaluation month. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const tier = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  minAum: z.string(),
  color: z.string(),
});
export type Tier = z.infer<typeof tier>;

/** One rung of a replacement ladder; its rank is its position in the list (lowest first). */
export const tierInput = z.strictObject({
  code: tierCode,
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(40),
  minAum: moneyString,
  color: tierColor.default('#8c8c8c'),
});
export type TierInput = z.infer<typeof tierInput>;
export const replaceTiersBody = z.strictObject({ tiers: z.array(tierInput).min(1).max(12) });
export type ReplaceTiersBody = z.infer<typeof replaceTiersBody>;

export const tierSettings = z.object({
  basis: tierBasis,
  downgradeGraceMonths: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type TierSettings = z.infer<typeof tierSettings>;
export const updateTierSettingsBody = z.strictObject({
  basis: tierBasis,
  downgradeGraceMonths: z.number().int().min(0).max(24),
});
export type UpdateTierSettingsBody = z.infer<typeof updateTierSettingsBody>;

/** What one evaluation did; also the detail of its job_runs row. */
export const tierRunSummary = z.object({
  runId: z.number().int(),
  /** The evaluation month, first day ('YYYY-MM-01'): months_below counts at most once per month. */
  month: z.string(),
  /** The business date of the run: overrides valid through it stay, older ones expire. */
  asOf: z.string(),
  basis: tierBasis,
  graceMonths: z.number().int(),
  evaluated: z.number().int(),
  upgraded: z.number().int(),
  downgraded: z.number().int(),
  overridesExpired: z.number().int(),
  unchanged: z.number().int(),
  /** Customers whose months below their tier's threshold went up by one in this run. */
  monthsBelowCounted: z.number().int(),
  /** RMs who received a summary notification. */
  rmsNotified: z.number().int(),
  /** A run that picked up where a crashed run of the same month stopped. */
  resumedFrom: z.number().int().nullable(),
  milliseconds: z.number().int(),
});
export type TierRunSummary = z.infer<typeof tierRunSummary>;

export const tierRun = z.object({
  id: z.number().int(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type TierRun = z.infer<typeof tierRun>;
export const tierRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const tierOverrideBody = z.strictObject({
  tierCode,
  until: isoDate,
  reason: z.string().trim().min(2).max(500),
});
export type TierOverrideBody = z.infer<typeof tierOverrideBody>;
export const clearTierOverrideBody = z.strictObject({ reason: z.string().trim().min(2).max(500).optional() });
export type ClearTierOverrideBody = z.infer<typeof clearTierOverrideBody>;

export const tierHistoryEntry = z.object({
  id: z.number().int(),
  fromCode: z.string().nullable(),
  toCode: z.string(),
  changedOn: z.string(),
  reason: tierChangeReason,
  basisAum: z.string().nullable(),
  threshold: z.string().nullable(),
  runId: z.number().int().nullable(),
  changedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type TierHistoryEntry = z.infer<typeof tierHistoryEntry>;

export const customerTier = z.object({
  customerId: z.number().int(),
  tierCode: z.string(),
  tierSince: z.string().nullable(),
  monthsBelow: z.number().int(),
  override: z
    .object({ tierCode: z.string(), until: z.string().nullable(), reason: z.string().nullable(), approvedByName: z.string().nullable() })
    .nullable(),
  history: z.array(tierHistoryEntry),
});
export type CustomerTier = z.infer<typeof customerTier>;
