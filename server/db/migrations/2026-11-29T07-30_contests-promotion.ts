// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The productivity contest (产能竞赛): contests with their weighted KPI metrics, the precomputed
// leaderboard (one row per participant or team, rewritten by each refresh) and the results frozen at
// close. Grade promotion (职级晋升): the rules per grade (or grade step) and the monthly review list.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contests (
      id bigint generated always as identity primary key,
      name text not null,
      description text not null default '',
      period_from date not null,
      period_to date not null,
      status text not null default 'draft' check (status in ('draft', 'live', 'closed', 'frozen')),
      mode text not null default 'individual' check (mode in ('individual', 'team')),
      participant_roles text[] not null,
      -- roots of the branch sub-trees whose staff take part
      participant_branch_ids bigint[] not null,
      -- { minimums: [{ kpiCode, min }], tieBreak: { metrics: [kpiCode…], earlierReach: bool } }
      rules jsonb not null default '{}',
      -- [{ name, fromRank, toRank, reward }]
      prizes jsonb not null default '[]',
      -- the owner's branch: who may manage the contest (contests.manage scope)
      branch_id bigint not null references branches(id),
      created_by bigint references staff(id),
      version int not null default 0,
      -- the board's size as of the latest refresh
      participants int not null default 0,
      teams int not null default 0,
      refreshed_at timestamptz,
      closed_at timestamptz,
      frozen_at timestamptz,
      frozen_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_from <= period_to)
    )`.execute(db);
  await sql`create index contests_status_idx on contests (status, period_to)`.execute(db);

  await sql`
    create table contest_metrics (
      contest_id bigint not null references contests(id) on delete cascade,
      kpi_code text not null,
      weight int not null check (weight between 1 and 100),
      position int not null,
      -- the KPI's names, unit and direction when the contest was defined (the library may change)
      name_zh text not null,
      name_en text not null,
      unit text not null default '',
      direction text not null default 'higher' check (direction in ('higher', 'lower')),
      primary key (contest_id, kpi_code)
    )`.execute(db);

  // The leaderboard as of the latest refresh; position orders the board (paging), rank is shared by ties.
  await sql`
    create table contest_standings (
      contest_id bigint not null references contests(id) on delete cascade,
      kind text not null check (kind in ('individual', 'team')),
      position int not null,
      subject_id bigint not null,
      branch_id bigint not null,
      name text not null,
      branch_name text not null default '',
      members int not null default 1,
      -- [{ code, actual, points }]
      metrics jsonb not null,
      total numeric(12,2) not null,
      rank int,
      previous_rank int,
      qualified boolean not null,
      reached_at timestamptz not null,
      version int not null,
      computed_at timestamptz not null,
      primary key (contest_id, kind, position)
    )`.execute(db);
  await sql`create unique index contest_standings_subject_idx on contest_standings (contest_id, kind, subject_id)`.execute(db);

  await sql`
    create table contest_results (
      contest_id bigint not null references contests(id) on delete cascade,
      kind text not null check (kind in ('individual', 'team')),
      position int not null,
      subject_id bigint not null,
      branch_id bigint not null,
      name text not null,
      branch_name text not null default '',
      members int not null default 1,
      metrics jsonb not null,
      total numeric(12,2) not null,
      rank int,
      qualified boolean not null,
      prize text,
      frozen_at timestamptz not null default now(),
      primary key (contest_id, kind, position)
    )`.execute(db);

  await sql`
    create table promotion_rules (
      id bigint generated always as identity primary key,
      grade_level_id bigint not null references grade_levels(id),
      -- null: every step of the grade
      step int,
      min_months_in_grade int not null default 12 check (min_months_in_grade >= 0),
      score_months int not null default 3 check (score_months between 1 and 24),
      min_avg_score numeric(6,2) not null default 80,
      min_aum numeric(20,2) not null default 0,
      required_certificates text[] not null default '{}',
      clean_months int not null default 12 check (clean_months between 0 and 60),
      demote_below_score numeric(6,2),
      demote_months int not null default 3 check (demote_months between 1 and 24),
      active boolean not null default true,
      updated_by bigint references staff(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index promotion_rules_grade_step_idx on promotion_rules (grade_level_id, coalesce(step, 0))`.execute(db);

  await sql`
    create table promotion_reviews (
      id bigint generated always as identity primary key,
      month date not null,
      staff_id bigint not null references staff(id),
      branch_id bigint not null references branches(id),
      direction text not null check (direction in ('promote', 'demote')),
      from_grade_level_id bigint not null references grade_levels(id),
      from_step int not null,
      to_grade_level_id bigint not null references grade_levels(id),
      to_step int not null,
      evidence jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      decided_by bigint references staff(id),
      decided_at timestamptz,
      reason text,
      created_at timestamptz not null default now(),
      unique (month, staff_id)
    )`.execute(db);
  await sql`create index promotion_reviews_month_idx on promotion_reviews (month, status, branch_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['promotion_reviews', 'promotion_rules', 'contest_results', 'contest_standings', 'contest_metrics', 'contests']) {
    await sql`drop table if exists ${sql.raw(t)}`.execute(db);
  }
}
