// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Growth of the customer base: referrals of possible premium customers (credited to whoever spotted
// them), prospects who are not customers yet, each RM's opportunity pipeline, campaigns built from a
// customer segment, customer care events with invitations and attendance, and market research.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table growth_referrals (
      id bigint generated always as identity primary key,
      -- the referrer's outlet: the key of access checks and of the outlet's statistics
      branch_id bigint not null references branches(id),
      customer_id bigint references customers(id),
      contact_name text,
      contact_mobile text,
      estimated_assets numeric(20,2) check (estimated_assets >= 0),
      note text not null,
      referred_by bigint not null references staff(id),
      referrer_role text not null,
      rm_staff_id bigint references staff(id),
      status text not null default 'new' check (status in ('new', 'contacted', 'converted', 'not_interested')),
      outcome_note text not null default '',
      source text not null default 'direct' check (source in ('direct', 'lobby')),
      lobby_referral_id bigint unique,
      contacted_at timestamptz,
      converted_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      check (customer_id is not null or contact_name is not null or contact_mobile is not null)
    )`.execute(db);
  await sql`create index growth_referrals_rm_idx on growth_referrals (rm_staff_id, status)`.execute(db);
  await sql`create index growth_referrals_by_idx on growth_referrals (referred_by, created_at)`.execute(db);
  await sql`create index growth_referrals_branch_idx on growth_referrals (branch_id, status)`.execute(db);
  await sql`create index growth_referrals_customer_idx on growth_referrals (customer_id) where customer_id is not null`.execute(db);

  // People who are not customers yet, found by marketing RMs.
  await sql`
    create table growth_prospects (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      staff_id bigint not null references staff(id),
      name text not null,
      mobile text,
      source text not null default '',
      estimated_assets numeric(20,2) check (estimated_assets >= 0),
      notes text not null default '',
      status text not null default 'open' check (status in ('open', 'converted', 'dropped')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index growth_prospects_staff_idx on growth_prospects (staff_id, status)`.execute(db);
  await sql`create index growth_prospects_branch_idx on growth_prospects (branch_id)`.execute(db);

  await sql`
    create table growth_opportunities (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      staff_id bigint not null references staff(id),
      customer_id bigint references customers(id),
      prospect_id bigint references growth_prospects(id),
      title text not null,
      stage text not null check (stage in ('lead', 'contacted', 'proposal', 'won', 'lost')),
      expected_amount numeric(20,2) check (expected_amount >= 0),
      product text not null default '',
      next_step text not null default '',
      next_step_on date,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (customer_id is not null or prospect_id is not null)
    )`.execute(db);
  await sql`create index growth_opportunities_staff_idx on growth_opportunities (staff_id, stage)`.execute(db);
  await sql`create index growth_opportunities_branch_idx on growth_opportunities (branch_id, stage)`.execute(db);

  await sql`
    create table growth_campaigns (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      name text not null,
      description text not null default '',
      filters jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'launched', 'closed')),
      due_on date not null,
      created_by bigint not null references staff(id),
      created_at timestamptz not null default now(),
      launched_at timestamptz,
      launched_by bigint references staff(id),
      member_count int not null default 0
    )`.execute(db);
  await sql`create index growth_campaigns_branch_idx on growth_campaigns (branch_id, created_at)`.execute(db);
  await sql`
    create table growth_campaign_members (
      campaign_id bigint not null references growth_campaigns(id),
      customer_id bigint not null references customers(id),
      staff_id bigint references staff(id),
      primary key (campaign_id, customer_id)
    )`.execute(db);

  await sql`
    create table growth_events (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      kind text not null check (kind in ('salon', 'seminar', 'appreciation')),
      title text not null,
      venue text not null default '',
      starts_at timestamptz not null,
      capacity int check (capacity > 0),
      cost numeric(20,2) not null default 0 check (cost >= 0),
      filters jsonb,
      status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
      created_by bigint not null references staff(id),
      created_at timestamptz not null default now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`create index growth_events_branch_idx on growth_events (branch_id, starts_at)`.execute(db);
  await sql`
    create table growth_event_invitations (
      event_id bigint not null references growth_events(id),
      customer_id bigint not null references customers(id),
      staff_id bigint references staff(id),
      rsvp text not null default 'pending' check (rsvp in ('pending', 'yes', 'no')),
      checked_in_at timestamptz,
      checked_in_by bigint references staff(id),
      invited_at timestamptz not null default now(),
      primary key (event_id, customer_id)
    )`.execute(db);

  await sql`
    create table growth_market_research (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      recorded_by bigint not null references staff(id),
      bank_name text not null,
      product_type text not null check (product_type in ('deposit', 'wealth', 'fund', 'insurance', 'precious_metal', 'loan', 'other')),
      product_name text not null,
      rate numeric(8,4),
      term text not null default '',
      customer_remarks text not null default '',
      observed_on date not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index growth_market_research_bank_idx on growth_market_research (bank_name, product_type)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'growth_market_research', 'growth_event_invitations', 'growth_events', 'growth_campaign_members', 'growth_campaigns', 'growth_opportunities',
    'growth_prospects', 'growth_referrals',
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
