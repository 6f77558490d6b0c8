// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Satisfaction surveys (满意度测定): questionnaires as versioned data, programmes (the yearly bank-wide
// sample, competitors' customers, every branch, business lines, post-service), invitations (one-time
// links stored hashed), responses (append-only; the answer day leads the key so that monthly
// partitions stay possible) and the improvement plans that end each report.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table survey_questionnaires (
      id bigint generated always as identity primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      current_version int not null default 1,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // A version is never changed once answered: an edit writes the next version.
  await sql`
    create table survey_questionnaire_versions (
      questionnaire_id bigint not null references survey_questionnaires(id),
      version int not null,
      definition jsonb not null,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      primary key (questionnaire_id, version)
    )`.execute(db);
  await sql`
    create table survey_programmes (
      id bigint generated always as identity primary key,
      code text not null unique,
      kind text not null check (kind in ('bank', 'competitor', 'branch', 'business_line', 'post_service')),
      name_zh text not null,
      name_en text not null,
      questionnaire_id bigint not null references survey_questionnaires(id),
      business_line text,
      confidence numeric(4,3) not null default 0.95,
      margin numeric(4,3) not null default 0.05,
      min_sample int not null default 100,
      max_sample int not null default 200,
      sample_size int,
      share numeric(4,3) not null default 0.2,
      valid_days int not null default 14,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table survey_invitations (
      id bigint generated always as identity primary key,
      programme_id bigint not null references survey_programmes(id),
      wave text not null,
      questionnaire_id bigint not null,
      version int not null,
      customer_id bigint not null references customers(id),
      branch_id bigint not null references branches(id),
      rm_staff_id bigint,
      tier_code text,
      business_line text,
      channel text not null,
      source_type text,
      source_ref text,
      token_hash text unique,
      status text not null default 'drawn' check (status in ('drawn', 'sent', 'answered')),
      submission_hash text,
      receipt text,
      sent_at timestamptz,
      expires_at timestamptz,
      answered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (programme_id, wave, customer_id)
    )`.execute(db);
  await sql`create unique index survey_invitations_source_idx on survey_invitations (source_type, source_ref) where source_type is not null`.execute(db);
  // The 30-day fatigue rule looks up a customer's latest invitation.
  await sql`create index survey_invitations_customer_idx on survey_invitations (customer_id, created_at)`.execute(db);
  await sql`create index survey_invitations_branch_idx on survey_invitations (branch_id, created_at)`.execute(db);
  await sql`
    create table survey_responses (
      answered_on date not null,
      id bigint generated always as identity,
      invitation_id bigint,
      programme_id bigint not null,
      questionnaire_id bigint not null,
      version int not null,
      customer_id bigint,
      branch_id bigint not null,
      rm_staff_id bigint,
      tier_code text,
      business_line text,
      competitor text,
      channel text not null check (channel in ('link', 'mail', 'phone')),
      overall smallint check (overall between 1 and 5),
      nps smallint check (nps between 0 and 10),
      scores jsonb not null default '{}',
      answers jsonb not null,
      comment text not null default '',
      locale text not null default 'zh-CN',
      entered_by bigint,
      created_at timestamptz not null default now(),
      primary key (answered_on, id)
    )`.execute(db);
  await sql`create index survey_responses_branch_idx on survey_responses (branch_id, answered_on)`.execute(db);
  await sql`create index survey_responses_invitation_idx on survey_responses (invitation_id) where invitation_id is not null`.execute(db);
  await sql`
    create table survey_improvement_plans (
      id bigint generated always as identity primary key,
      title text not null,
      branch_id bigint not null references branches(id),
      period_from date not null,
      period_to date not null,
      summary text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table survey_improvement_actions (
      id bigint generated always as identity primary key,
      plan_id bigint not null references survey_improvement_plans(id),
      indicator text,
      action text not null,
      owner_staff_id bigint not null references staff(id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done')),
      done_at timestamptz,
      done_note text not null default '',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index survey_improvement_actions_plan_idx on survey_improvement_actions (plan_id)`.execute(db);
}
