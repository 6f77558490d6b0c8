// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table branches (
      id bigint generated always as identity primary key,
      code text not null unique,
      name text not null,
      level text not null check (level in ('head_office','branch','sub_branch','outlet')),
      parent_id bigint references branches(id),
      -- materialised path of ids ('/1/4/17/'): a sub-tree is one prefix scan
      path text not null,
      address text not null default '',
      phone text not null default '',
      is_wealth_centre boolean not null default false,
      status text not null default 'open' check (status in ('open','closed')),
      opened_on date,
      closed_on date,
      close_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((level = 'head_office') = (parent_id is null))
    )`.execute(db);
  await sql`create index branches_path_idx on branches (path text_pattern_ops)`.execute(db);
  await sql`create index branches_parent_idx on branches (parent_id)`.execute(db);

  await sql`
    create table grade_levels (
      id bigint generated always as identity primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      rank int not null unique,
      steps int not null check (steps between 1 and 20),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table staff (
      id bigint generated always as identity primary key,
      staff_no text not null unique,
      name text not null,
      gender text not null check (gender in ('M','F')),
      branch_id bigint not null references branches(id),
      status text not null default 'active' check (status in ('active','on_leave','departed')),
      sequence text not null check (sequence in ('management','office','counter','rm')),
      mobile text not null default '',
      email text not null default '',
      hired_on date,
      grade_level_id bigint references grade_levels(id),
      grade_step int,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index staff_branch_idx on staff (branch_id)`.execute(db);
  await sql`create index staff_name_trgm on staff using gin (name gin_trgm_ops)`.execute(db);

  await sql`
    create table staff_roles (
      staff_id bigint not null references staff(id) on delete cascade,
      role text not null,
      primary key (staff_id, role)
    )`.execute(db);
  await sql`create index staff_roles_role_idx on staff_roles (role, staff_id)`.execute(db);

  await sql`
    create table staff_grade_history (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff(id),
      grade_level_id bigint not null references grade_levels(id),
      step int not null,
      effective_on date not null,
      reason text not null,
      approved_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index staff_grade_history_staff_idx on staff_grade_history (staff_id, effective_on)`.execute(db);

  await sql`
    create table certificate_types (
      code text primary key,
      name_zh text not null,
      name_en text not null
    )`.execute(db);
  await sql`
    create table certificates (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff(id),
      type_code text not null references certificate_types(code),
      number text not null,
      issued_on date not null,
      expires_on date,
      created_at timestamptz not null default now(),
      unique (type_code, number),
      check (expires_on is null or expires_on > issued_on)
    )`.execute(db);
  await sql`create index certificates_expiry_idx on certificates (expires_on)`.execute(db);
  await sql`create index certificates_staff_idx on certificates (staff_id)`.execute(db);

  await sql`
    create table staff_qualifications (
      staff_id bigint primary key references staff(id),
      ethics boolean not null,
      knowledge boolean not null,
      experience boolean not null,
      health boolean not null,
      clean_record boolean not null,
      notes text not null default '',
      assessed_on date not null,
      assessed_by bigint references staff(id),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table role_permissions (
      role text not null,
      permission text not null,
      scope text not null check (scope in ('own','branch','subtree','bank')),
      primary key (role, permission)
    )`.execute(db);

  await sql`
    create table users (
      id bigint generated always as identity primary key,
      username text not null unique,
      staff_id bigint not null unique references staff(id),
      password_hash text not null,
      must_change_password boolean not null default true,
      failed_attempts int not null default 0,
      locked_until timestamptz,
      password_changed_at timestamptz,
      locale text not null default 'zh-CN',
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table sessions (
      token_hash text primary key,
      user_id bigint not null references users(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default clock_timestamp(),
      actor_user_id bigint,
      actor_username text,
      actor_name text,
      ip text,
      request_id text,
      action text not null,
      entity_type text,
      entity_id text,
      customer_id bigint,
      branch_id bigint,
      reason text,
      outcome text not null default 'ok' check (outcome in ('ok','denied','failed')),
      detail jsonb not null default '{}'::jsonb,
      -- position in the chain: taken under the chain lock, so it is the commit order (ids are not)
      chain_seq bigint not null unique,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create sequence audit_chain_seq`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_username, at)`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action, at)`.execute(db);

  // The digest of one row: the same expression writes the chain and verifies it.
  await sql`
    create function audit_row_digest(
      prev text, at timestamptz, actor_user_id bigint, actor_username text, ip text, request_id text,
      action text, entity_type text, entity_id text, customer_id bigint, branch_id bigint,
      reason text, outcome text, detail jsonb
    ) returns text language sql immutable as $$
      select encode(sha256(convert_to(concat_ws(chr(31),
        prev, (extract(epoch from at) * 1000000)::bigint::text, coalesce(actor_user_id::text, ''),
        coalesce(actor_username, ''), coalesce(ip, ''), coalesce(request_id, ''), action,
        coalesce(entity_type, ''), coalesce(entity_id, ''), coalesce(customer_id::text, ''),
        coalesce(branch_id::text, ''), coalesce(reason, ''), outcome, detail::text), 'UTF8')), 'hex')
    $$`.execute(db);
  // Rows are chained in the order they are written; the transaction lock keeps that order total.
  await sql`
    create function audit_log_chain() returns trigger language plpgsql as $$
    declare last_hash text;
    begin
      perform pg_advisory_xact_lock(7401001);
      select hash into last_hash from audit_log order by chain_seq desc limit 1;
      new.chain_seq := nextval('audit_chain_seq');
      new.at := clock_timestamp();
      new.prev_hash := coalesce(last_hash, 'genesis');
      new.hash := audit_row_digest(new.prev_hash, new.at, new.actor_user_id, new.actor_username, new.ip,
        new.request_id, new.action, new.entity_type, new.entity_id, new.customer_id, new.branch_id,
        new.reason, new.outcome, new.detail);
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`.execute(db);
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);

  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      user_id bigint not null references users(id),
      kind text not null,
      title text not null,
      body text not null default '',
      link text,
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, id desc)`.execute(db);
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(db);

  await sql`
    create table import_runs (
      id bigint generated always as identity primary key,
      kind text not null,
      file_name text not null,
      file_sha256 text not null,
      total_rows int not null,
      valid_rows int not null,
      inserted int not null,
      updated int not null,
      committed boolean not null,
      errors jsonb not null default '[]'::jsonb,
      created_by bigint references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table job_runs (
      id bigint generated always as identity primary key,
      job text not null,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      status text not null default 'running' check (status in ('running','done','failed')),
      detail jsonb not null default '{}'::jsonb
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The first migration is not reversible: restore a backup instead.');
}
