// Shapes of the generated customer archive. Money is integer cents; dates are 'YYYY-MM-DD';
// timestamps are ISO strings with the +08:00 offset; people are referred to by staff number.
import type { Gender } from './names';
import type { ContactChannel, HoldingCategory, NeedCategory, NeedKind, RiskLevel, Temperament } from './customers-text.seed';

export type SeedHolding = {
  category: HoldingCategory;
  productCode: string;
  productName: string;
  accountNo: string;
  cardNo: string | null;
  balance: number;
  openedOn: string;
  maturesOn: string | null;
};
export type SeedMonthlyBalance = { month: string; avgAum: number; endAum: number; contribution: number };
export type SeedDailyBalance = { day: string; aum: number };
export type SeedTierChange = {
  fromCode: string | null;
  toCode: string;
  changedOn: string;
  reason: 'initial' | 'upgrade' | 'downgrade';
  basisAum: number | null;
  threshold: number | null;
};
export type SeedRmAssignment = { staffNo: string; assignedOn: string; endedOn: string | null; reason: string; assignedByStaffNo: string | null };
export type SeedNeed = {
  kind: NeedKind;
  category: NeedCategory;
  description: string;
  recordedByStaffNo: string | null;
  recordedAt: string;
  met: boolean;
  metAt: string | null;
};
export type SeedQuestion = { question: string; createdByStaffNo: string | null; createdAt: string; askedAt: string | null; answer: string | null };
export type SeedRiskAssessment = { level: RiskLevel; assessedOn: string; validUntil: string; assessedByStaffNo: string | null };
export type SeedPrivilegeUse = {
  privilegeCode: string;
  year: number;
  status: 'booked' | 'used' | 'cancelled';
  serviceDate: string;
  tierCode: string;
  recordedByStaffNo: string | null;
  note: string;
  createdAt: string;
  cancelledAt: string | null;
};
/** The kinds the customers and privileges modules write for the same facts. */
export type CustomerEventKind = 'onboarding' | 'tier_change' | 'rm' | 'risk' | 'privilege.booked' | 'privilege.used' | 'privilege.cancelled';
/** `detail.titleEn` carries the English title, as the timeline expects. */
export type SeedCustomerEvent = {
  at: string;
  kind: CustomerEventKind;
  title: string;
  detail: Record<string, unknown>;
  staffNo: string | null;
  refType: string | null;
};

export type SeedCustomer = {
  customerNo: string;
  name: string;
  gender: Gender;
  birthDate: string;
  residentId: string;
  mobile: string;
  address: string;
  occupation: string;
  employer: string;
  branchCode: string;
  rmStaffNo: string | null;
  marketingStaffNo: string | null;
  status: 'active' | 'dormant';
  onboardedOn: string;
  tierCode: string;
  tierSince: string;
  riskLevel: RiskLevel | null;
  riskAssessedOn: string | null;
  temperament: Temperament | null;
  consentPhone: boolean;
  consentSms: boolean;
  consentEmail: boolean;
  consentWechat: boolean;
  preferredChannel: ContactChannel | null;
  preferredContactTime: string;
  familyNotes: string;
  /** Today's AUM: the sum of the asset holdings (loans and credit cards are not assets). */
  aum: number;
  aumM1: number;
  aumM3: number;
  aumM6: number;
  holdings: SeedHolding[];
  monthly: SeedMonthlyBalance[];
  daily: SeedDailyBalance[];
  tierHistory: SeedTierChange[];
  rmHistory: SeedRmAssignment[];
  needs: SeedNeed[];
  questions: SeedQuestion[];
  riskAssessments: SeedRiskAssessment[];
  privilegeUses: SeedPrivilegeUse[];
  events: SeedCustomerEvent[];
};
