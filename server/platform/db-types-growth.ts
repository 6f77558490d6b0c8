// Kysely table types of the engagement module (referrals, prospects, campaigns, care events, market research) (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultJson, DefaultTimestamp, Id, Int8, Timestamp } from './db-types';

type Money = ColumnType<string, string | number, string | number>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type GrowthReferralsTable = {
  id: Id;
  branch_id: Int8;
  customer_id: Int8 | null;
  contact_name: string | null;
  contact_mobile: string | null;
  estimated_assets: Money | null;
  note: string;
  referred_by: Int8;
  referrer_role: string;
  rm_staff_id: Int8 | null;
  status: Generated<string>;
  outcome_note: Generated<string>;
  source: Generated<string>;
  lobby_referral_id: Int8 | null;
  contacted_at: NullableTimestamp;
  converted_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type GrowthProspectsTable = {
  id: Id;
  branch_id: Int8;
  staff_id: Int8;
  name: string;
  mobile: string | null;
  source: Generated<string>;
  estimated_assets: Money | null;
  notes: Generated<string>;
  status: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type GrowthOpportunitiesTable = {
  id: Id;
  branch_id: Int8;
  staff_id: Int8;
  customer_id: Int8 | null;
  prospect_id: Int8 | null;
  title: string;
  stage: string;
  expected_amount: Money | null;
  product: Generated<string>;
  next_step: Generated<string>;
  next_step_on: DateCol | null;
  closed_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type GrowthCampaignsTable = {
  id: Id;
  branch_id: Int8;
  name: string;
  description: Generated<string>;
  filters: DefaultJson;
  status: Generated<string>;
  due_on: DateCol;
  created_by: Int8;
  created_at: DefaultTimestamp;
  launched_at: NullableTimestamp;
  launched_by: Int8 | null;
  member_count: Generated<number>;
};

export type GrowthCampaignMembersTable = { campaign_id: Int8; customer_id: Int8; staff_id: Int8 | null };

export type GrowthEventsTable = {
  id: Id;
  branch_id: Int8;
  kind: string;
  title: string;
  venue: Generated<string>;
  starts_at: Timestamp;
  capacity: number | null;
  cost: ColumnType<string, string | number | undefined, string | number>;
  filters: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  status: Generated<string>;
  created_by: Int8;
  created_at: DefaultTimestamp;
  closed_at: NullableTimestamp;
};

export type GrowthEventInvitationsTable = {
  event_id: Int8;
  customer_id: Int8;
  staff_id: Int8 | null;
  rsvp: Generated<string>;
  checked_in_at: NullableTimestamp;
  checked_in_by: Int8 | null;
  invited_at: DefaultTimestamp;
};

export type GrowthMarketResearchTable = {
  id: Id;
  branch_id: Int8;
  recorded_by: Int8;
  bank_name: string;
  product_type: string;
  product_name: string;
  rate: string | null;
  term: Generated<string>;
  customer_remarks: Generated<string>;
  observed_on: DateCol;
  created_at: DefaultTimestamp;
};

export type GrowthTables = {
  growth_referrals: GrowthReferralsTable;
  growth_prospects: GrowthProspectsTable;
  growth_opportunities: GrowthOpportunitiesTable;
  growth_campaigns: GrowthCampaignsTable;
  growth_campaign_members: GrowthCampaignMembersTable;
  growth_events: GrowthEventsTable;
  growth_event_invitations: GrowthEventInvitationsTable;
  growth_market_research: GrowthMarketResearchTable;
};
