// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The lobby (场所): zones, counters, devices, business types and routing, tickets and their events,
// guidance, referrals, complaints, incidents, VIP arrivals and the closed days.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lobby_settings (
      id int primary key default 1 check (id = 1),
      -- the source's rule: cash at or above it goes to the cash counter, below it to the machines
      large_cash_threshold numeric(20,2) not null default 50000 check (large_cash_threshold >= 0),
      -- tickets of this tier rank or above are priority tickets and raise a VIP alert (1 = gold)
      vip_min_tier_rank int not null default 1,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table lobby_business_types (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      default_zone text not null check (default_zone in ('cash', 'noncash', 'self_service', 'consulting', 'vip')),
      self_service boolean not null default false,
      needs_amount boolean not null default false,
      service_minutes numeric(6,2) not null check (service_minutes > 0),
      active boolean not null default true,
      sort_order int not null default 100,
      updated_at timestamptz not null default now()
    )`.execute(db);

  // branch_id null: head office's default; otherwise an outlet's adjustment.
  await sql`
    create table lobby_routing_rules (
      id bigint generated always as identity primary key,
      branch_id bigint references branches(id),
      business_code text not null references lobby_business_types(code),
      min_tier_rank int not null default 0,
      min_amount numeric(20,2),
      max_amount numeric(20,2),
      zone text not null check (zone in ('cash', 'noncash', 'self_service', 'consulting', 'vip')),
      note text not null default '',
      check (min_amount is null or max_amount is null or min_amount < max_amount)
    )`.execute(db);
  await sql`create index lobby_routing_rules_idx on lobby_routing_rules (business_code, branch_id)`.execute(db);

  await sql`
    create table lobby_service_levels (
      id bigint generated always as identity primary key,
      name_zh text not null,
      name_en text not null,
      min_tier_rank int not null unique,
      max_wait_minutes int not null check (max_wait_minutes > 0),
      target_share numeric(4,3) not null default 0.8
    )`.execute(db);

  // One row per outlet: opening hours and the sequence of its live events (board catch-up).
  await sql`
    create table lobby_outlets (
      branch_id bigint primary key references branches(id),
      opens_at time not null default '09:00',
      closes_at time not null default '17:00',
      last_seq bigint not null default 0
    )`.execute(db);

  await sql`
    create table lobby_zones (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      code text not null,
      kind text not null check (kind in ('cash', 'noncash', 'self_service', 'consulting', 'vip')),
      name_zh text not null,
      name_en text not null,
      prefix text not null,
      priority_prefix text not null,
      active boolean not null default true,
      unique (branch_id, code)
    )`.execute(db);

  await sql`
    create table lobby_counters (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      zone_id bigint not null references lobby_zones(id),
      number text not null,
      business_codes text[] not null default '{}',
      status text not null default 'closed' check (status in ('open', 'paused', 'closed')),
      staff_id bigint references staff(id),
      current_ticket_id bigint,
      updated_at timestamptz not null default now(),
      unique (branch_id, number)
    )`.execute(db);

  await sql`
    create table lobby_devices (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      zone_id bigint references lobby_zones(id),
      kind text not null,
      label text not null,
      status text not null default 'ok' check (status in ('ok', 'fault', 'repairing', 'offline')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index lobby_devices_branch_idx on lobby_devices (branch_id)`.execute(db);

  await sql`
    create table lobby_device_faults (
      id bigint generated always as identity primary key,
      device_id bigint not null references lobby_devices(id),
      branch_id bigint not null references branches(id),
      status text not null default 'reported' check (status in ('reported', 'repairing', 'resolved')),
      description text not null,
      reported_at timestamptz not null default now(),
      reported_by bigint references staff(id),
      history jsonb not null default '[]',
      resolved_at timestamptz
    )`.execute(db);
  await sql`create index lobby_device_faults_branch_idx on lobby_device_faults (branch_id, reported_at)`.execute(db);

  // Daily sequence per outlet and prefix: an upsert hands out numbers without gaps or repeats.
  await sql`
    create table lobby_ticket_numbers (
      branch_id bigint not null,
      day date not null,
      prefix text not null,
      last int not null,
      primary key (branch_id, day, prefix)
    )`.execute(db);

  // Append-only facts: the business day is part of the key so that monthly partitions stay possible.
  await sql`
    create table lobby_tickets (
      id bigint generated always as identity,
      day date not null,
      branch_id bigint not null,
      number text not null,
      zone_id bigint not null,
      business_code text not null,
      status text not null default 'waiting'
        check (status in ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled')),
      channel text not null default 'kiosk',
      customer_id bigint,
      tier_code text,
      tier_rank int not null default 0,
      priority boolean not null default false,
      amount numeric(20,2),
      appointment_at timestamptz,
      arrived_at timestamptz not null default now(),
      queued_at timestamptz not null default now(),
      called_at timestamptz,
      serving_at timestamptz,
      finished_at timestamptz,
      counter_id bigint,
      served_by bigint,
      recalls int not null default 0,
      transferred_from_id bigint,
      transferred_to_id bigint,
      business_done text[] not null default '{}',
      note text not null default '',
      sla_minutes int not null default 15,
      created_by bigint,
      primary key (id, day)
    )`.execute(db);
  await sql`create unique index lobby_tickets_id_idx on lobby_tickets (id)`.execute(db);
  await sql`create index lobby_tickets_waiting_idx on lobby_tickets (zone_id, arrived_at) where status = 'waiting'`.execute(db);
  await sql`create index lobby_tickets_branch_day_idx on lobby_tickets (branch_id, day)`.execute(db);
  await sql`create index lobby_tickets_customer_idx on lobby_tickets (customer_id, day) where customer_id is not null`.execute(db);

  // The live events of each outlet, kept for a reconnecting board to catch up.
  await sql`
    create table lobby_events (
      branch_id bigint not null,
      seq bigint not null,
      event text not null,
      data jsonb not null,
      vip boolean not null default false,
      at timestamptz not null default now(),
      primary key (branch_id, seq)
    )`.execute(db);

  await sql`
    create table lobby_guidance (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      day date not null,
      kind text not null,
      business_code text,
      customer_id bigint,
      staff_id bigint references staff(id),
      at timestamptz not null default now(),
      note text not null default ''
    )`.execute(db);
  await sql`create index lobby_guidance_branch_day_idx on lobby_guidance (branch_id, day)`.execute(db);

  await sql`
    create table lobby_appointments (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      customer_id bigint not null references customers(id),
      business_code text not null references lobby_business_types(code),
      at timestamptz not null,
      amount numeric(20,2),
      status text not null default 'booked' check (status in ('booked', 'checked_in', 'missed', 'cancelled')),
      ticket_id bigint,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index lobby_appointments_branch_idx on lobby_appointments (branch_id, at)`.execute(db);

  await sql`
    create table lobby_referrals (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      day date not null,
      ticket_id bigint,
      customer_id bigint references customers(id),
      contact_name text,
      contact_mobile text,
      estimated_assets numeric(20,2),
      note text not null,
      referred_by bigint not null references staff(id),
      referrer_role text not null,
      rm_staff_id bigint references staff(id),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index lobby_referrals_branch_day_idx on lobby_referrals (branch_id, day)`.execute(db);

  await sql`
    create table lobby_complaints (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      day date not null,
      ticket_id bigint,
      customer_id bigint references customers(id),
      contact_name text,
      contact_mobile text,
      about_staff_id bigint references staff(id),
      category text not null,
      description text not null,
      action_taken text not null default '',
      resolved_on_spot boolean not null default false,
      received_by bigint not null references staff(id),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index lobby_complaints_branch_day_idx on lobby_complaints (branch_id, day)`.execute(db);

  await sql`
    create table lobby_incidents (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      day date not null,
      kind text not null,
      description text not null,
      actions_taken text not null default '',
      device_id bigint references lobby_devices(id),
      opened_at timestamptz not null default now(),
      opened_by bigint references staff(id),
      closed_at timestamptz,
      closed_by bigint references staff(id)
    )`.execute(db);
  await sql`create index lobby_incidents_branch_day_idx on lobby_incidents (branch_id, day)`.execute(db);

  await sql`
    create table lobby_vip_arrivals (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      day date not null,
      ticket_id bigint not null,
      customer_id bigint not null references customers(id),
      rm_staff_id bigint references staff(id),
      alert jsonb not null,
      arrived_at timestamptz not null default now(),
      received_at timestamptz,
      received_by bigint references staff(id),
      vip_room boolean not null default false,
      note text not null default ''
    )`.execute(db);
  await sql`create index lobby_vip_arrivals_branch_day_idx on lobby_vip_arrivals (branch_id, day)`.execute(db);
  await sql`create index lobby_vip_arrivals_rm_idx on lobby_vip_arrivals (rm_staff_id, day)`.execute(db);

  await sql`
    create table lobby_day_closes (
      branch_id bigint not null references branches(id),
      day date not null,
      closed_at timestamptz not null default now(),
      closed_by bigint references staff(id),
      figures jsonb not null,
      amendments jsonb not null default '[]',
      primary key (branch_id, day)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'lobby_day_closes', 'lobby_vip_arrivals', 'lobby_incidents', 'lobby_complaints', 'lobby_referrals', 'lobby_appointments', 'lobby_guidance',
    'lobby_events', 'lobby_tickets', 'lobby_ticket_numbers', 'lobby_device_faults', 'lobby_devices', 'lobby_counters', 'lobby_zones', 'lobby_outlets',
    'lobby_service_levels', 'lobby_routing_rules', 'lobby_business_types', 'lobby_settings',
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
