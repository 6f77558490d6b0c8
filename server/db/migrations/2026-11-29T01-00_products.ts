// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Products (产品): the catalogue and its documents, the suitability matrix, sales with their 双录
// reference and cooling-off, model allocations per risk level and the allocation reviews.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table products (
      id bigint generated always as identity primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null default '',
      category text not null check (category in ('demand','time_deposit','wealth','fund','insurance','precious_metal','loan','credit_card','service')),
      risk_rating text not null default 'R1' check (risk_rating in ('R1','R2','R3','R4','R5')),
      currency text not null default 'CNY',
      min_amount numeric(20,2) not null default 0 check (min_amount >= 0),
      term_months int check (term_months > 0),
      -- percent a year, e.g. 2.15; a deposit's rate, a wealth product's expected yield, a loan's rate
      expected_yield numeric(7,4),
      sale_start date,
      sale_end date,
      status text not null default 'on_sale' check (status in ('draft','on_sale','suspended','closed')),
      -- empty: offered to every tier
      tier_codes text[] not null default '{}',
      -- the asset class its balance counts toward in an allocation; null: the category's default
      asset_class text check (asset_class in ('cash','fixed_income','equity','alternatives','protection')),
      issuer text not null default '',
      description text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      check (sale_end is null or sale_start is null or sale_end >= sale_start)
    )`.execute(db);
  await sql`create index products_category_idx on products (category, status)`.execute(db);

  await sql`
    create table product_documents (
      id bigint generated always as identity primary key,
      product_id bigint not null references products(id),
      file_name text not null,
      content_type text not null,
      size_bytes int not null,
      content bytea not null,
      uploaded_by bigint references staff(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index product_documents_product_idx on product_documents (product_id)`.execute(db);

  // Which product risk ratings each customer risk level may buy (head office edits the cells).
  await sql`
    create table suitability_matrix (
      risk_level text not null check (risk_level in ('C1','C2','C3','C4','C5')),
      risk_rating text not null check (risk_rating in ('R1','R2','R3','R4','R5')),
      allowed boolean not null,
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      primary key (risk_level, risk_rating)
    )`.execute(db);

  await sql`
    create table product_settings (
      id int primary key default 1 check (id = 1),
      cooling_off_hours int not null default 24 check (cooling_off_hours between 0 and 720),
      -- percentage points of the portfolio that sit in the wrong asset class (half the sum of |actual - model|)
      drift_threshold numeric(5,2) not null default 15 check (drift_threshold between 0 and 100),
      review_period_months int not null default 6 check (review_period_months between 1 and 36),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);

  await sql`
    create table allocation_models (
      risk_level text primary key check (risk_level in ('C1','C2','C3','C4','C5')),
      cash numeric(5,2) not null check (cash between 0 and 100),
      fixed_income numeric(5,2) not null check (fixed_income between 0 and 100),
      equity numeric(5,2) not null check (equity between 0 and 100),
      alternatives numeric(5,2) not null check (alternatives between 0 and 100),
      protection numeric(5,2) not null check (protection between 0 and 100),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      check (cash + fixed_income + equity + alternatives + protection = 100)
    )`.execute(db);

  await sql`
    create table sales (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      branch_id bigint not null references branches(id),
      product_id bigint not null references products(id),
      category text not null,
      amount numeric(20,2) not null check (amount > 0),
      sold_on date not null,
      staff_id bigint references staff(id),
      channel text not null check (channel in ('branch','mobile','online','phone')),
      referral_source text,
      holding_id bigint references holdings(id),
      recording_ref text,
      cooling_off_until timestamptz,
      status text not null default 'completed' check (status in ('completed','cancelled')),
      refund_status text check (refund_status in ('full_refund')),
      override_ack_ref text,
      override_by bigint references staff(id),
      cancelled_at timestamptz,
      cancelled_by bigint references staff(id),
      cancel_reason text,
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sales_customer_idx on sales (customer_id, sold_on)`.execute(db);
  await sql`create index sales_staff_idx on sales (staff_id, sold_on)`.execute(db);
  await sql`create index sales_branch_idx on sales (branch_id, sold_on)`.execute(db);

  await sql`
    create table allocation_reviews (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      reviewed_on date not null,
      staff_id bigint references staff(id),
      drift numeric(5,2),
      note text not null default '',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index allocation_reviews_customer_idx on allocation_reviews (customer_id, reviewed_on)`.execute(db);
  await sql`create index holdings_product_idx on holdings (product_code) where product_code is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists holdings_product_idx`.execute(db);
  for (const t of ['allocation_reviews', 'sales', 'allocation_models', 'product_settings', 'suitability_matrix', 'product_documents', 'products']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
