// Kysely table types of the products module (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultTimestamp, Id, Int8 } from './db-types';

type Money = ColumnType<string, string | number, string | number>;
type DefaultMoney = ColumnType<string, string | number | undefined, string | number>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ProductsTable = {
  id: Id;
  code: string;
  name_zh: string;
  name_en: Generated<string>;
  category: string;
  risk_rating: Generated<string>;
  currency: Generated<string>;
  min_amount: DefaultMoney;
  term_months: number | null;
  expected_yield: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  sale_start: DateCol | null;
  sale_end: DateCol | null;
  status: Generated<string>;
  tier_codes: ColumnType<string[], string[] | undefined, string[]>;
  asset_class: string | null;
  issuer: Generated<string>;
  description: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type ProductDocumentsTable = {
  id: Id;
  product_id: Int8;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: Int8 | null;
  uploaded_at: DefaultTimestamp;
};

export type SuitabilityMatrixTable = {
  risk_level: string;
  risk_rating: string;
  allowed: boolean;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type ProductSettingsTable = {
  id: Generated<number>;
  cooling_off_hours: Generated<number>;
  drift_threshold: DefaultMoney;
  review_period_months: Generated<number>;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type AllocationModelsTable = {
  risk_level: string;
  cash: Money;
  fixed_income: Money;
  equity: Money;
  alternatives: Money;
  protection: Money;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type SalesTable = {
  id: Id;
  customer_id: Int8;
  branch_id: Int8;
  product_id: Int8;
  category: string;
  amount: Money;
  sold_on: DateCol;
  staff_id: Int8 | null;
  channel: string;
  referral_source: string | null;
  holding_id: Int8 | null;
  recording_ref: string | null;
  cooling_off_until: NullableTimestamp;
  status: Generated<string>;
  refund_status: string | null;
  override_ack_ref: string | null;
  override_by: Int8 | null;
  cancelled_at: NullableTimestamp;
  cancelled_by: Int8 | null;
  cancel_reason: string | null;
  created_by: Int8 | null;
  created_at: DefaultTimestamp;
};

export type AllocationReviewsTable = {
  id: Id;
  customer_id: Int8;
  reviewed_on: DateCol;
  staff_id: Int8 | null;
  drift: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  note: Generated<string>;
  created_at: DefaultTimestamp;
};

export type ProductsTables = {
  products: ProductsTable;
  product_documents: ProductDocumentsTable;
  suitability_matrix: SuitabilityMatrixTable;
  product_settings: ProductSettingsTable;
  allocation_models: AllocationModelsTable;
  sales: SalesTable;
  allocation_reviews: AllocationReviewsTable;
};
