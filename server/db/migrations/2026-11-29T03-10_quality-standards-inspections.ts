// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Service standards built in the source's four steps and checked SMART; the inspection dimensions
// (the seven standard areas of quality service, procedural and personal side); inspections by
// mystery shoppers or supervisors with a score per standard and photos; and the team evaluation's
// teamwork ratings and feedback notes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_dimensions (
      code text primary key,
      side text not null check (side in ('procedural', 'personal')),
      name_zh text not null,
      name_en text not null,
      sort_order int not null default 100
    )`.execute(db);

  await sql`
    create table service_standards (
      id bigint generated always as identity primary key,
      code text not null unique,
      -- step 1: the service broken into steps
      service_step text not null,
      step_order int not null default 100,
      dimension_code text not null references inspection_dimensions(code),
      -- step 2: the key element of the step as the customer feels it
      key_element text not null default '',
      -- step 3: the standard, SMART
      specific text not null default '',
      measurable text not null default '',
      achievable text not null default '',
      relevant text not null default '',
      time_bound text not null default '',
      time_limit_seconds int check (time_limit_seconds is null or time_limit_seconds > 0),
      -- step 4: reviewed against customers' needs
      reviewed_on date,
      review_note text not null default '',
      source text not null default 'custom',
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table inspections (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      kind text not null check (kind in ('mystery_shopper', 'supervisor')),
      inspected_on date not null,
      staff_id bigint references staff(id),
      inspector_staff_id bigint references staff(id),
      inspector_name text not null default '',
      score numeric(5,2) not null,
      findings text not null default '',
      corrective_actions text not null default '',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index inspections_branch_idx on inspections (branch_id, inspected_on)`.execute(db);

  await sql`
    create table inspection_items (
      inspection_id bigint not null references inspections(id),
      standard_id bigint not null references service_standards(id),
      score smallint not null check (score between 0 and 5),
      note text not null default '',
      primary key (inspection_id, standard_id)
    )`.execute(db);

  await sql`
    create table inspection_photos (
      id bigint generated always as identity primary key,
      inspection_id bigint not null references inspections(id),
      file_name text not null,
      content_type text not null,
      size_bytes int not null check (size_bytes > 0),
      data bytea not null,
      uploaded_by bigint references staff(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index inspection_photos_inspection_idx on inspection_photos (inspection_id)`.execute(db);

  // Teamwork as rated by peers and the manager, one rating per rater, team (outlet) and month.
  await sql`
    create table team_ratings (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      period text not null check (period ~ '^\\d{4}-\\d{2}$'),
      rater_staff_id bigint not null references staff(id),
      rater_kind text not null check (rater_kind in ('peer', 'manager')),
      score smallint not null check (score between 1 and 5),
      note text not null default '',
      created_at timestamptz not null default now(),
      unique (branch_id, period, rater_staff_id)
    )`.execute(db);

  await sql`
    create table team_feedback (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      period text not null check (period ~ '^\\d{4}-\\d{2}$'),
      note text not null,
      staff_id bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index team_feedback_branch_idx on team_feedback (branch_id, period)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['team_feedback', 'team_ratings', 'inspection_photos', 'inspection_items', 'inspections', 'service_standards', 'inspection_dimensions']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
