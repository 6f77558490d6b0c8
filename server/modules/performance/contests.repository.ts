// SQL of the productivity contest: definitions, participants, the precomputed board, frozen results.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { ContestPrize, ContestRules, ContestStatus, StandingKind } from '../../../contracts/contests';

export type ContestMetricRow = { kpiCode: string; weight: number; position: number; nameZh: string; nameEn: string; unit: string; direction: 'higher' | 'lower' };
export type ContestRow = {
  id: number; name: string; description: string; periodFrom: string; periodTo: string; status: ContestStatus; mode: 'individual' | 'team';
  participantRoles: string[]; participantBranchIds: number[]; rules: ContestRules; prizes: ContestPrize[];
  branchId: number; branchName: string; branchPath: string; createdByName: string | null;
  version: number; participants: number; teams: number; refreshedAt: Date | null; frozenAt: Date | null;
  metrics: ContestMetricRow[];
};
export type ContestWrite = {
  name: string; description: string; periodFrom: string; periodTo: string; mode: string; participantRoles: string[]; participantBranchIds: number[];
  rules: ContestRules; prizes: ContestPrize[];
};

type RawContest = Omit<ContestRow, 'participantBranchIds' | 'metrics'> & { participantBranchIds: (number | string)[] };

const contestCols = sql`c.id, c.name, c.description, c.period_from::text as "periodFrom", c.period_to::text as "periodTo", c.status, c.mode,
  c.participant_roles as "participantRoles", c.participant_branch_ids as "participantBranchIds", c.rules, c.prizes,
  c.branch_id as "branchId", b.name as "branchName", b.path as "branchPath", s.name as "createdByName",
  c.version, c.participants, c.teams, c.refreshed_at as "refreshedAt", c.frozen_at as "frozenAt"`;

async function withMetrics(db: DbOrTrx, rows: RawContest[]): Promise<ContestRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ms = await db
    .selectFrom('contest_metrics')
    .select(['contest_id as contestId', 'kpi_code as kpiCode', 'weight', 'position', 'name_zh as nameZh', 'name_en as nameEn', 'unit', 'direction'])
    .where('contest_id', 'in', ids)
    .orderBy('contest_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    ...r,
    participantBranchIds: r.participantBranchIds.map(Number),
    metrics: ms.filter((m) => m.contestId === r.id).map(({ contestId: _c, ...m }) => ({ ...m, direction: m.direction as 'higher' | 'lower' })),
  }));
}

/** Drafts are seen only by managers whose reach covers the contest's owner branch; the rest by everyone. */
export async function listContests(db: DbOrTrx, q: { status?: ContestStatus; manage: DataScope | null; page: number; pageSize: number }): Promise<{ rows: ContestRow[]; total: number }> {
  const draftSeen = q.manage ? scopeSql(q.manage, { branch: 'c.branch_id' }) : sql<boolean>`false`;
  const where = sql`(c.status <> 'draft' or ${draftSeen}) ${q.status ? sql`and c.status = ${q.status}` : sql``}`;
  const [rows, total] = await Promise.all([
    sql<RawContest>`select ${contestCols} from contests c join branches b on b.id = c.branch_id left join staff s on s.id = c.created_by
      where ${where} order by (c.status = 'live') desc, c.period_to desc, c.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from contests c where ${where}`.execute(db),
  ]);
  return { rows: await withMetrics(db, rows.rows), total: total.rows[0]?.n ?? 0 };
}

export async function contestById(db: DbOrTrx, id: number, lock = false): Promise<ContestRow | null> {
  const res = await sql<RawContest>`select ${contestCols} from contests c join branches b on b.id = c.branch_id left join staff s on s.id = c.created_by
    where c.id = ${id} ${lock ? sql`for update of c` : sql``}`.execute(db);
  return (await withMetrics(db, res.rows))[0] ?? null;
}

const contestValues = (v: ContestWrite) => ({
  name: v.name, description: v.description, period_from: v.periodFrom, period_to: v.periodTo, mode: v.mode, participant_roles: v.participantRoles,
  participant_branch_ids: v.participantBranchIds, rules: JSON.stringify(v.rules), prizes: JSON.stringify(v.prizes),
});

export async function insertContest(trx: DbOrTrx, v: ContestWrite & { branchId: number; createdBy: number }): Promise<number> {
  const r = await trx.insertInto('contests').values({ ...contestValues(v), branch_id: v.branchId, created_by: v.createdBy }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateContest(trx: DbOrTrx, id: number, v: ContestWrite): Promise<void> {
  await trx.updateTable('contests').set({ ...contestValues(v), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function replaceMetrics(trx: DbOrTrx, id: number, metrics: Omit<ContestMetricRow, 'position'>[]): Promise<void> {
  await trx.deleteFrom('contest_metrics').where('contest_id', '=', id).execute();
  await trx.insertInto('contest_metrics').values(metrics.map((m, i) => ({
    contest_id: id, kpi_code: m.kpiCode, weight: m.weight, position: i + 1, name_zh: m.nameZh, name_en: m.nameEn, unit: m.unit, direction: m.direction,
  }))).execute();
}

export async function setStatus(trx: DbOrTrx, id: number, status: ContestStatus, by: number | null): Promise<void> {
  const now = new Date();
  await trx.updateTable('contests').set({
    status, updated_at: now,
    ...(status === 'closed' ? { closed_at: now } : {}),
    ...(status === 'frozen' ? { frozen_at: now, frozen_by: by, closed_at: sql<Date>`coalesce(closed_at, now())` } : {}),
  }).where('id', '=', id).execute();
}

export type BranchRef = { id: number; name: string; path: string };
export async function branchesByIds(db: DbOrTrx, ids: number[]): Promise<BranchRef[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('branches').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
}

export type ParticipantRow = { staffId: number; name: string; branchId: number; branchName: string };
/** Active staff holding any of the roles in any of the sub-trees. */
export async function participants(db: DbOrTrx, roles: string[], roots: string[]): Promise<ParticipantRow[]> {
  if (roles.length === 0 || roots.length === 0) return [];
  const under = sql.join(roots.map((p) => sql`b.path like ${p + '%'}`), sql` or `);
  const res = await sql<ParticipantRow>`
    select s.id as "staffId", s.name, s.branch_id as "branchId", b.name as "branchName"
      from staff s join branches b on b.id = s.branch_id
     where s.status = 'active' and (${under})
       and exists (select 1 from staff_roles r where r.staff_id = s.id and r.role in (${sql.join(roles)}))
     order by s.id`.execute(db);
  return res.rows;
}

export async function previousStandings(db: DbOrTrx, id: number, kind: StandingKind): Promise<Map<number, { rank: number | null; total: string; reachedAt: Date }>> {
  const rows = await db.selectFrom('contest_standings').select(['subject_id', 'rank', 'total', 'reached_at']).where('contest_id', '=', id).where('kind', '=', kind).execute();
  return new Map(rows.map((r) => [r.subject_id, { rank: r.rank, total: r.total, reachedAt: r.reached_at }]));
}

export type StandingWrite = {
  position: number; subjectId: number; branchId: number; name: string; branchName: string; members: number;
  metrics: { kpiCode: string; actual: string; points: string }[]; total: string; rank: number | null; previousRank: number | null; qualified: boolean; reachedAt: Date;
};
const CHUNK = 1000;

/** Replaces the board of one kind: readers see the old board until the transaction commits. */
export async function writeStandings(trx: DbOrTrx, id: number, kind: StandingKind, version: number, at: Date, rows: StandingWrite[]): Promise<void> {
  await trx.deleteFrom('contest_standings').where('contest_id', '=', id).where('kind', '=', kind).execute();
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.insertInto('contest_standings').values(rows.slice(i, i + CHUNK).map((r) => ({
      contest_id: id, kind, position: r.position, subject_id: r.subjectId, branch_id: r.branchId, name: r.name, branch_name: r.branchName, members: r.members,
      metrics: JSON.stringify(r.metrics), total: r.total, rank: r.rank, previous_rank: r.previousRank, qualified: r.qualified, reached_at: r.reachedAt,
      version, computed_at: at,
    }))).execute();
  }
}

export async function setRefreshed(trx: DbOrTrx, id: number, v: { version: number; participants: number; teams: number; at: Date }): Promise<void> {
  await trx.updateTable('contests').set({ version: v.version, participants: v.participants, teams: v.teams, refreshed_at: v.at }).where('id', '=', id).execute();
}

/** Live contests, and those whose period is over (the job closes them after a last refresh). */
export async function liveContests(db: DbOrTrx): Promise<{ id: number; periodTo: string }[]> {
  return db.selectFrom('contests').select(['id', sql<string>`period_to::text`.as('periodTo')]).where('status', '=', 'live').orderBy('id').execute();
}

export type BoardRow = {
  position: number; rank: number | null; previousRank: number | null; subjectId: number; name: string; branchId: number; branchName: string; branchPath: string;
  members: number; total: string; qualified: boolean; metrics: { kpiCode: string; actual: string; points: string }[]; prize: string | null;
};
const boardCols = (results: boolean) => sql`t.position, t.rank, ${results ? sql`null::int` : sql`t.previous_rank`} as "previousRank", t.subject_id as "subjectId",
  t.name, t.branch_id as "branchId", t.branch_name as "branchName", b.path as "branchPath", t.members, t.total::text as total, t.qualified, t.metrics,
  ${results ? sql`t.prize` : sql`null::text`} as prize`;
const boardTable = (results: boolean) => (results ? sql`contest_results` : sql`contest_standings`);

/** One page of the board: a range scan of the primary key. */
export async function boardPage(db: DbOrTrx, id: number, kind: StandingKind, results: boolean, offset: number, limit: number): Promise<BoardRow[]> {
  const res = await sql<BoardRow>`select ${boardCols(results)} from ${boardTable(results)} t join branches b on b.id = t.branch_id
    where t.contest_id = ${id} and t.kind = ${kind} and t.position > ${offset} and t.position <= ${offset + limit} order by t.position`.execute(db);
  return res.rows;
}

export async function boardRow(db: DbOrTrx, id: number, kind: StandingKind, results: boolean, subjectId: number): Promise<BoardRow | null> {
  const res = await sql<BoardRow>`select ${boardCols(results)} from ${boardTable(results)} t join branches b on b.id = t.branch_id
    where t.contest_id = ${id} and t.kind = ${kind} and t.subject_id = ${subjectId}`.execute(db);
  return res.rows[0] ?? null;
}

export async function boardCount(db: DbOrTrx, id: number, kind: StandingKind, results: boolean): Promise<number> {
  const res = await sql<{ n: number }>`select count(*)::int as n from ${boardTable(results)} where contest_id = ${id} and kind = ${kind}`.execute(db);
  return res.rows[0]?.n ?? 0;
}

/** Copies the final board into the results, with each qualified rank's prize tier. */
export async function freezeResults(trx: DbOrTrx, id: number): Promise<number> {
  await trx.deleteFrom('contest_results').where('contest_id', '=', id).execute();
  const res = await sql`
    insert into contest_results (contest_id, kind, position, subject_id, branch_id, name, branch_name, members, metrics, total, rank, qualified, prize)
    select s.contest_id, s.kind, s.position, s.subject_id, s.branch_id, s.name, s.branch_name, s.members, s.metrics, s.total, s.rank, s.qualified,
           (select p->>'name' from jsonb_array_elements(c.prizes) p
             where s.qualified and s.rank between (p->>'fromRank')::int and (p->>'toRank')::int limit 1)
      from contest_standings s join contests c on c.id = s.contest_id
     where s.contest_id = ${id}`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

/** For the staff filter of the drill-down: the participant's own branch path. */
export async function staffBranch(db: DbOrTrx, staffId: number): Promise<{ branchId: number; path: string } | null> {
  const r = await db.selectFrom('staff as s').innerJoin('branches as b', 'b.id', 's.branch_id').select(['s.branch_id as branchId', 'b.path']).where('s.id', '=', staffId).executeTakeFirst();
  return r ?? null;
}

// ---- demo seed ------------------------------------------------------------------------------------

export async function seedAnchors(db: DbOrTrx, username: string): Promise<{ staffId: number; branchId: number; headOfficeId: number } | null> {
  const u = await db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id as staffId', 's.branch_id as branchId']).where('u.username', '=', username).executeTakeFirst();
  const ho = await db.selectFrom('branches').select('id').where('level', '=', 'head_office').orderBy('id').executeTakeFirst();
  return u && ho ? { staffId: u.staffId, branchId: u.branchId, headOfficeId: ho.id } : null;
}
