// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The premium-customer archive (优质客户档案): customers, holdings, balances, tiers, needs, risk,
// temperament, value-added services and the customer timeline.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Tier rules are data: head office sets names, thresholds and how many tiers there are.
  await sql`
    create table tiers (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      rank int not null unique,
      min_aum numeric(20,2) not null check (min_aum >= 0),
      color text not null default '#8c8c8c',
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table tier_settings (
      id int primary key default 1 check (id = 1),
      -- which AUM figure decides the tier: the higher of last month's and the last 3 months' average
      -- daily balance by default
      basis text not null default 'max_m1_m3' check (basis in ('max_m1_m3', 'm1', 'm3', 'm6')),
      downgrade_grace_months int not null default 3 check (downgrade_grace_months between 0 and 24),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);

  await sql`
    create table customers (
      id bigint generated always as identity primary key,
      customer_no text not null unique,
      name text not null,
      gender text check (gender in ('M', 'F')),
      birth_date date,
      resident_id text unique,
      mobile text,
      address text not null default '',
      occupation text not null default '',
      employer text not null default '',
      branch_id bigint not null references branches(id),
      rm_staff_id bigint references staff(id),
      marketing_staff_id bigint references staff(id),
      status text not null default 'active' check (status in ('active', 'dormant', 'closed')),
      onboarded_on date,
      tier_code text not null references tiers(code) on update cascade,
      tier_since date,
      -- consecutive evaluated months with the basis below the current tier's threshold (grace period)
      months_below int not null default 0,
      override_tier_code text references tiers(code) on update cascade,
      override_until date,
      override_reason text,
      override_approved_by bigint references staff(id),
      risk_level text check (risk_level in ('C1', 'C2', 'C3', 'C4', 'C5')),
      risk_assessed_on date,
      temperament text check (temperament in ('lively', 'perfect', 'powerful', 'peaceful')),
      consent_phone boolean not null default false,
      consent_sms boolean not null default false,
      consent_email boolean not null default false,
      consent_wechat boolean not null default false,
      preferred_channel text,
      preferred_contact_time text not null default '',
      family_notes text not null default '',
      -- the latest figures, kept by the balance roll-up so that lists and filters need no aggregation
      aum numeric(20,2) not null default 0,
      aum_m1 numeric(20,2) not null default 0,
      aum_m3 numeric(20,2) not null default 0,
      aum_m6 numeric(20,2) not null default 0,
      last_contact_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customers_branch_idx on customers (branch_id, tier_code)`.execute(db);
  await sql`create index customers_rm_idx on customers (rm_staff_id, tier_code)`.execute(db);
  await sql`create index customers_marketing_idx on customers (marketing_staff_id) where marketing_staff_id is not null`.execute(db);
  await sql`create index customers_name_trgm on customers using gin (name gin_trgm_ops)`.execute(db);
  // Tail searches (last digits of a mobile or resident ID) are prefix searches on the reversed text.
  await sql`create index customers_mobile_tail on customers (reverse(mobile) text_pattern_ops)`.execute(db);
  await sql`create index customers_rid_tail on customers (reverse(resident_id) text_pattern_ops)`.execute(db);
  await sql`create index customers_aum_idx on customers (aum)`.execute(db);
  await sql`create index customers_risk_idx on customers (risk_assessed_on)`.execute(db);

  await sql`
    create table customer_rm_history (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      staff_id bigint references staff(id),
      assigned_on date not null,
      ended_on date,
      reason text not null,
      assigned_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customer_rm_history_customer_idx on customer_rm_history (customer_id, assigned_on)`.execute(db);

  // Accounts and holdings by product; card numbers for the card-tail search.
  await sql`
    create table holdings (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      category text not null check (category in ('demand','time_deposit','wealth','fund','insurance','precious_metal','loan','credit_card')),
      product_code text,
      product_name text not null,
      account_no text not null,
      card_no text,
      balance numeric(20,2) not null default 0,
      opened_on date,
      matures_on date,
      status text not null default 'active' check (status in ('active','closed')),
      updated_at timestamptz not null default now(),
      unique (account_no)
    )`.execute(db);
  await sql`create index holdings_customer_idx on holdings (customer_id)`.execute(db);
  await sql`create index holdings_card_tail on holdings (reverse(card_no) text_pattern_ops) where card_no is not null`.execute(db);
  await sql`create index holdings_maturity_idx on holdings (matures_on) where matures_on is not null and status = 'active'`.execute(db);

  // Daily AUM snapshots of the current months; rolled up into month averages (月日均).
  await sql`
    create table daily_balances (
      customer_id bigint not null references customers(id),
      day date not null,
      aum numeric(20,2) not null,
      primary key (customer_id, day)
    )`.execute(db);
  await sql`
    create table monthly_balances (
      customer_id bigint not null references customers(id),
      month date not null check (extract(day from month) = 1),
      avg_aum numeric(20,2) not null,
      end_aum numeric(20,2) not null,
      contribution numeric(20,2) not null default 0,
      primary key (customer_id, month)
    )`.execute(db);
  await sql`create index monthly_balances_month_idx on monthly_balances (month)`.execute(db);

  await sql`
    create table tier_history (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      from_code text,
      to_code text not null,
      changed_on date not null,
      reason text not null check (reason in ('initial','upgrade','downgrade','override','override_expired','import')),
      basis_aum numeric(20,2),
      threshold numeric(20,2),
      run_id bigint,
      changed_by bigint references staff(id),
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tier_history_customer_idx on tier_history (customer_id, changed_on)`.execute(db);
  await sql`create index tier_history_run_idx on tier_history (run_id) where run_id is not null`.execute(db);

  await sql`
    create table customer_needs (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      kind text not null check (kind in ('explicit','hidden')),
      category text not null check (category in ('information','emotional','environment','convenience')),
      description text not null,
      recorded_by bigint references staff(id),
      recorded_at timestamptz not null default now(),
      met boolean not null default false,
      met_at timestamptz
    )`.execute(db);
  await sql`create index customer_needs_customer_idx on customer_needs (customer_id)`.execute(db);
  await sql`
    create table customer_questions (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      question text not null,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      asked_at timestamptz,
      answer text
    )`.execute(db);
  await sql`create index customer_questions_customer_idx on customer_questions (customer_id)`.execute(db);

  await sql`
    create table temperament_guides (
      code text primary key check (code in ('lively','perfect','powerful','peaceful')),
      name_zh text not null,
      name_en text not null,
      features_zh text not null,
      strategy_zh text not null,
      features_en text not null,
      strategy_en text not null,
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);

  await sql`
    create table risk_assessments (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      level text not null check (level in ('C1','C2','C3','C4','C5')),
      assessed_on date not null,
      valid_until date not null,
      assessed_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_assessments_customer_idx on risk_assessments (customer_id, assessed_on)`.execute(db);

  // VIP value-added services (贵宾增值服务): catalogue, yearly quota per tier, bookings and uses.
  await sql`
    create table privileges (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      partner text not null default '',
      unit_cost numeric(20,2) not null default 0,
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table privilege_quotas (
      privilege_code text not null references privileges(code),
      tier_code text not null references tiers(code) on update cascade,
      per_year int not null check (per_year >= 0),
      primary key (privilege_code, tier_code)
    )`.execute(db);
  await sql`
    create table privilege_uses (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      privilege_code text not null references privileges(code),
      year int not null,
      status text not null check (status in ('booked','used','cancelled')),
      service_date date not null,
      tier_code text not null,
      branch_id bigint not null references branches(id),
      recorded_by bigint references staff(id),
      cost numeric(20,2) not null default 0,
      note text not null default '',
      created_at timestamptz not null default now(),
      cancelled_at timestamptz
    )`.execute(db);
  await sql`create index privilege_uses_customer_idx on privilege_uses (customer_id, privilege_code, year)`.execute(db);
  await sql`create index privilege_uses_report_idx on privilege_uses (service_date, privilege_code)`.execute(db);

  // One chronological view of everything that happens to a customer; every module writes here.
  await sql`
    create table customer_events (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      at timestamptz not null default now(),
      kind text not null,
      title text not null,
      detail jsonb not null default '{}'::jsonb,
      staff_id bigint references staff(id),
      ref_type text,
      ref_id text
    )`.execute(db);
  await sql`create index customer_events_customer_idx on customer_events (customer_id, at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
