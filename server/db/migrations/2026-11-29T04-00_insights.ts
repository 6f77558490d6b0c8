// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Insights: the model registry (one active model per target), every customer's latest score with
// its top reasons, and per scoring run the score distribution of each model (drift monitoring).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table insight_models (
      id bigint generated always as identity primary key,
      target text not null,
      version int not null,
      learner text not null check (learner in ('gbt', 'logreg')),
      status text not null default 'active' check (status in ('active', 'retired')),
      -- the snapshot months the training rows came from
      window_from date not null,
      window_to date not null,
      features jsonb not null,
      metrics jsonb not null,
      model jsonb not null,
      training_rows int not null,
      positive_rate double precision not null,
      job_run_id bigint,
      trained_by bigint references staff(id),
      trained_by_name text not null default '',
      trained_at timestamptz not null default now(),
      retired_at timestamptz,
      unique (target, version)
    )`.execute(db);
  await sql`create unique index insight_models_one_active on insight_models (target) where status = 'active'`.execute(db);

  // The latest score per customer and target; rewritten by each scoring run.
  await sql`
    create table insight_scores (
      customer_id bigint not null references customers(id),
      target text not null,
      model_id bigint not null references insight_models(id),
      run_id bigint not null,
      score double precision not null,
      -- [{ feature, contribution, value }] largest first: the customer's top reasons
      reasons jsonb not null default '[]',
      as_of date not null,
      scored_at timestamptz not null default now(),
      primary key (customer_id, target)
    )`.execute(db);
  await sql`create index insight_scores_rank_idx on insight_scores (target, score desc)`.execute(db);

  await sql`
    create table insight_score_runs (
      run_id bigint not null,
      model_id bigint not null references insight_models(id),
      as_of date not null,
      scored int not null,
      mean_score double precision not null,
      -- counts of scores in 20 equal-width probability bins, for the PSI against the previous run
      histogram jsonb not null,
      psi double precision,
      created_at timestamptz not null default now(),
      primary key (run_id, model_id)
    )`.execute(db);
  await sql`create index insight_score_runs_model_idx on insight_score_runs (model_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table insight_score_runs`.execute(db);
  await sql`drop table insight_scores`.execute(db);
  await sql`drop table insight_models`.execute(db);
}
