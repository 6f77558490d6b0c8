// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Assessment (考核): the KPI library (a KPI is a named measure over recorded facts plus parameters),
// scorecards per role (and optionally grade) with weighted items, targets per person, and the runs
// that compute a month's values and scores. A frozen month is recomputed only as a new run: the old
// one stays, marked superseded.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table perf_kpis (
      id bigint generated always as identity primary key,
      code text not null unique,
      measure text not null,
      params jsonb not null default '{}',
      name_zh text not null,
      name_en text not null,
      unit text not null check (unit in ('amount', 'count', 'percent', 'score', 'ratio')),
      direction text not null check (direction in ('higher', 'lower')),
      period text not null default 'month' check (period in ('month')),
      description_zh text not null default '',
      description_en text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);

  await sql`
    create table perf_scorecards (
      id bigint generated always as identity primary key,
      code text not null unique,
      role_code text not null check (role_code in ('wealth_rm', 'marketing_rm', 'lobby_manager', 'teller', 'branch')),
      grade_code text references grade_levels(code) on update cascade,
      name_zh text not null,
      name_en text not null,
      effective_month date not null check (extract(day from effective_month) = 1),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);
  await sql`create unique index perf_scorecards_role_idx on perf_scorecards (role_code, coalesce(grade_code, ''), effective_month) where active`.execute(db);

  await sql`
    create table perf_scorecard_items (
      id bigint generated always as identity primary key,
      scorecard_id bigint not null references perf_scorecards(id) on delete cascade,
      kpi_id bigint not null references perf_kpis(id),
      weight numeric(5,2) not null check (weight > 0 and weight <= 100),
      target_mode text not null check (target_mode in ('fixed', 'per_person', 'last_year_growth')),
      -- fixed: the target; last_year_growth: the growth in percent over last year's same month
      target_value numeric(20,4),
      rule jsonb not null,
      gate jsonb,
      sort_order int not null default 0,
      unique (scorecard_id, kpi_id)
    )`.execute(db);

  await sql`
    create table perf_targets (
      staff_id bigint not null references staff(id),
      kpi_id bigint not null references perf_kpis(id),
      month date not null check (extract(day from month) = 1),
      target numeric(20,4) not null,
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      primary key (month, kpi_id, staff_id)
    )`.execute(db);

  await sql`
    create table perf_runs (
      id bigint generated always as identity primary key,
      month date not null check (extract(day from month) = 1),
      version int not null,
      status text not null check (status in ('requested', 'rejected', 'running', 'done', 'frozen', 'superseded', 'failed')),
      kind text not null check (kind in ('nightly', 'manual', 'recompute')),
      as_of date not null,
      requested_by bigint references staff(id),
      approved_by bigint references staff(id),
      reason text,
      job_run_id bigint references job_runs(id),
      staff_count int not null default 0,
      detail jsonb not null default '{}',
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      frozen_at timestamptz,
      unique (month, version)
    )`.execute(db);
  // One frozen version per month: a recomputation supersedes the old one in the same transaction.
  await sql`create unique index perf_runs_frozen_idx on perf_runs (month) where status = 'frozen'`.execute(db);
  await sql`create unique index perf_runs_requested_idx on perf_runs (month) where status in ('requested', 'running')`.execute(db);

  // staff_id is null on a branch scorecard's rows. Values and scores are derived in one statement
  // from the rows they name, so only the run is a foreign key: checking five more keys on each of
  // the month's ~100,000 rows doubled the write, and a frozen run must keep its item ids even after
  // head office edits the scorecard (the weight and target are copied into the row).
  await sql`
    create table perf_values (
      run_id bigint not null references perf_runs(id) on delete cascade,
      scorecard_id bigint not null,
      staff_id bigint,
      branch_id bigint not null,
      kpi_id bigint not null,
      -- null: the KPI only feeds a gate of this scorecard
      item_id bigint,
      num numeric(24,4) not null default 0,
      den numeric(24,4),
      actual numeric(24,4) not null default 0,
      target numeric(24,4),
      score numeric(9,4),
      weight numeric(5,2) not null default 0,
      weighted numeric(9,4),
      gated boolean not null default false
    )`.execute(db);
  await sql`create index perf_values_run_staff_idx on perf_values (run_id, staff_id)`.execute(db);
  await sql`create index perf_values_run_branch_idx on perf_values (run_id, branch_id)`.execute(db);

  await sql`
    create table perf_scores (
      run_id bigint not null references perf_runs(id) on delete cascade,
      scorecard_id bigint not null,
      role_code text not null,
      staff_id bigint,
      branch_id bigint not null,
      total numeric(9,4) not null,
      rank_branch int,
      rank_bank int not null
    )`.execute(db);
  await sql`create unique index perf_scores_staff_idx on perf_scores (run_id, staff_id) where staff_id is not null`.execute(db);
  await sql`create unique index perf_scores_branch_idx on perf_scores (run_id, branch_id) where staff_id is null`.execute(db);
  await sql`create index perf_scores_staff_lookup_idx on perf_scores (staff_id, run_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['perf_scores', 'perf_values', 'perf_runs', 'perf_targets', 'perf_scorecard_items', 'perf_scorecards', 'perf_kpis']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
