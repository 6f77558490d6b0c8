// All SQL of branches, staff, grades and certificates.
import { sql, scopeSql, type Db, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { Branch, BranchLevel, Certificate, GradeLevel, StaffDetail, StaffSummary } from '../../../contracts/org';
import type { RoleCode } from '../../../contracts/roles';

export type BranchRef = { id: number; code: string; name: string; level: BranchLevel; path: string; status: 'open' | 'closed'; parentId: number | null };

const branchRefCols = ['id', 'code', 'name', 'level', 'path', 'status', 'parent_id as parentId'] as const;

export async function listBranches(db: Db): Promise<Branch[]> {
  const rows = await db
    .selectFrom('branches as b')
    .select([
      'b.id', 'b.code', 'b.name', 'b.level', 'b.parent_id as parentId', 'b.address', 'b.phone',
      'b.is_wealth_centre as isWealthCentre', 'b.status', 'b.opened_on as openedOn', 'b.closed_on as closedOn',
      sql<number>`(select count(*) from staff s where s.branch_id = b.id and s.status <> 'departed')::int`.as('staffCount'),
    ])
    .orderBy('b.path')
    .execute();
  return rows.map((r) => ({ ...r, level: r.level as BranchLevel, status: r.status as Branch['status'] }));
}

export async function branchByCode(db: DbOrTrx, code: string): Promise<BranchRef | null> {
  const r = await db.selectFrom('branches').select(branchRefCols).where('code', '=', code).executeTakeFirst();
  return (r as BranchRef | undefined) ?? null;
}

export async function branchById(db: DbOrTrx, id: number): Promise<BranchRef | null> {
  const r = await db.selectFrom('branches').select(branchRefCols).where('id', '=', id).executeTakeFirst();
  return (r as BranchRef | undefined) ?? null;
}

export async function insertBranch(
  trx: DbOrTrx,
  b: { code: string; name: string; level: BranchLevel; parent: BranchRef | null; address: string; phone: string; isWealthCentre: boolean; openedOn: string | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('branches')
    .values({
      code: b.code, name: b.name, level: b.level, parent_id: b.parent?.id ?? null, path: '',
      address: b.address, phone: b.phone, is_wealth_centre: b.isWealthCentre, opened_on: b.openedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('branches').set({ path: `${b.parent?.path ?? '/'}${id}/` }).where('id', '=', id).execute();
  return id;
}

export async function updateBranch(trx: DbOrTrx, id: number, patch: { name?: string; address?: string; phone?: string; isWealthCentre?: boolean }): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.address !== undefined) set.address = patch.address;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.isWealthCentre !== undefined) set.is_wealth_centre = patch.isWealthCentre;
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('branches').set({ ...set, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** Re-roots the whole sub-tree in one statement: every descendant's path changes prefix. */
export async function moveBranch(trx: DbOrTrx, moving: BranchRef, parent: BranchRef): Promise<number> {
  const newPath = `${parent.path}${moving.id}/`;
  await trx.updateTable('branches').set({ parent_id: parent.id }).where('id', '=', moving.id).execute();
  const res = await sql`
    update branches set path = ${newPath} || substr(path, ${moving.path.length + 1}), updated_at = now()
    where path like ${moving.path + '%'}`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

export async function openChildrenAndStaff(db: DbOrTrx, id: number): Promise<{ children: number; staff: number }> {
  const r = await sql<{ children: number; staff: number }>`
    select (select count(*) from branches where parent_id = ${id} and status = 'open')::int as children,
           (select count(*) from staff where branch_id = ${id} and status <> 'departed')::int as staff`.execute(db);
  return r.rows[0];
}

export async function closeBranch(trx: DbOrTrx, id: number, closedOn: string, reason: string): Promise<void> {
  await trx
    .updateTable('branches')
    .set({ status: 'closed', closed_on: closedOn, close_reason: reason, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function listGradeLevels(db: DbOrTrx): Promise<GradeLevel[]> {
  return db
    .selectFrom('grade_levels')
    .select(['id', 'code', 'name_zh as nameZh', 'name_en as nameEn', 'rank', 'steps'])
    .orderBy('rank')
    .execute();
}

export async function updateGradeLevel(trx: DbOrTrx, id: number, patch: { nameZh?: string; nameEn?: string; steps?: number }): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.nameZh !== undefined) set.name_zh = patch.nameZh;
  if (patch.nameEn !== undefined) set.name_en = patch.nameEn;
  if (patch.steps !== undefined) set.steps = patch.steps;
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('grade_levels').set({ ...set, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** Staff whose current step lies beyond a level's new step count (the change would strand them). */
export async function staffAboveStep(db: DbOrTrx, gradeLevelId: number, steps: number): Promise<number> {
  const r = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('grade_level_id', '=', gradeLevelId)
    .where('grade_step', '>', steps)
    .where('status', '<>', 'departed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type StaffFilter = {
  q?: string;
  branchId?: number;
  branchPath?: string;
  role?: RoleCode;
  grade?: string;
  status?: string;
  page: number;
  pageSize: number;
};

function staffBase(db: Db, scope: DataScope, f: Omit<StaffFilter, 'page' | 'pageSize'>) {
  let qb = db
    .selectFrom('staff as s')
    .innerJoin('branches as b', 'b.id', 's.branch_id')
    .leftJoin('grade_levels as g', 'g.id', 's.grade_level_id')
    .where(scopeSql(scope, { branch: 's.branch_id', owner: 's.id' }));
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([eb('s.staff_no', 'ilike', `${q}%`), eb('s.name', 'like', `%${q}%`)]));
  }
  if (f.branchPath) qb = qb.where('b.path', 'like', `${f.branchPath}%`);
  else if (f.branchId) qb = qb.where('s.branch_id', '=', f.branchId);
  if (f.role) qb = qb.where(sql<boolean>`exists (select 1 from staff_roles r where r.staff_id = s.id and r.role = ${f.role})`);
  if (f.grade) qb = qb.where('g.code', '=', f.grade);
  if (f.status) qb = qb.where('s.status', '=', f.status);
  return qb;
}

const staffCols = [
  's.id', 's.staff_no as staffNo', 's.name', 's.gender', 's.branch_id as branchId', 'b.code as branchCode',
  'b.name as branchName', 'b.path as branchPath', 's.status', 's.sequence', 'g.code as gradeCode', 'g.name_zh as gradeNameZh',
  'g.name_en as gradeNameEn', 's.grade_step as gradeStep', 's.mobile', 's.email', 's.hired_on as hiredOn',
] as const;
const rolesCol = sql<RoleCode[]>`coalesce((select array_agg(r.role order by r.role) from staff_roles r where r.staff_id = s.id), '{}')`;

export type StaffRow = StaffSummary & { branchPath: string; email: string };

export async function searchStaff(db: Db, scope: DataScope, f: StaffFilter): Promise<{ items: StaffRow[]; total: number }> {
  const base = staffBase(db, scope, f);
  const [rows, count] = await Promise.all([
    base.select([...staffCols, rolesCol.as('roles')]).orderBy('b.path').orderBy('s.staff_no').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows as StaffRow[], total: Number(count.n) };
}

export async function staffById(db: DbOrTrx, scope: DataScope, id: number): Promise<StaffRow | null> {
  const r = await staffBase(db as Db, scope, {}).where('s.id', '=', id).select([...staffCols, rolesCol.as('roles')]).executeTakeFirst();
  return (r as StaffRow | undefined) ?? null;
}

export async function staffIdByNo(db: DbOrTrx, staffNo: string): Promise<number | null> {
  const r = await db.selectFrom('staff').select('id').where('staff_no', '=', staffNo).executeTakeFirst();
  return r?.id ?? null;
}

export async function staffHistory(db: DbOrTrx, staffId: number): Promise<Pick<StaffDetail, 'gradeHistory' | 'certificates' | 'qualification'>> {
  const [grades, certs, qual] = await Promise.all([
    db
      .selectFrom('staff_grade_history as h')
      .innerJoin('grade_levels as g', 'g.id', 'h.grade_level_id')
      .leftJoin('staff as a', 'a.id', 'h.approved_by')
      .where('h.staff_id', '=', staffId)
      .select(['h.id', 'g.code as gradeCode', 'g.name_zh as gradeNameZh', 'g.name_en as gradeNameEn', 'h.step', 'h.effective_on as effectiveOn', 'h.reason', 'a.name as approvedByName', 'h.created_at as createdAt'])
      .orderBy('h.effective_on', 'desc')
      .orderBy('h.id', 'desc')
      .execute(),
    certificatesQuery(db).where('c.staff_id', '=', staffId).orderBy('c.expires_on').execute(),
    db
      .selectFrom('staff_qualifications as q')
      .leftJoin('staff as a', 'a.id', 'q.assessed_by')
      .where('q.staff_id', '=', staffId)
      .select(['q.ethics', 'q.knowledge', 'q.experience', 'q.health', 'q.clean_record as cleanRecord', 'q.notes', 'q.assessed_on as assessedOn', 'a.name as assessedByName'])
      .executeTakeFirst(),
  ]);
  return {
    gradeHistory: grades.map((g) => ({ ...g, createdAt: g.createdAt.toISOString() })),
    certificates: certs,
    qualification: qual ?? null,
  };
}

function certificatesQuery(db: DbOrTrx) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('certificate_types as t', 't.code', 'c.type_code')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .innerJoin('branches as b', 'b.id', 's.branch_id')
    .select(['c.id', 'c.staff_id as staffId', 's.staff_no as staffNo', 's.name as staffName', 'b.name as branchName', 'c.type_code as typeCode', 't.name_zh as typeNameZh', 't.name_en as typeNameEn', 'c.number', 'c.issued_on as issuedOn', 'c.expires_on as expiresOn']);
}

export async function expiringCertificates(db: Db, scope: DataScope, days: number): Promise<Certificate[]> {
  return certificatesQuery(db)
    .where(scopeSql(scope, { branch: 's.branch_id', owner: 's.id' }))
    .where('s.status', '<>', 'departed')
    .where('c.expires_on', '>=', sql<string>`current_date`)
    .where('c.expires_on', '<', sql<string>`current_date + ${days}::int`)
    .orderBy('c.expires_on')
    .limit(5000)
    .execute();
}

export async function listCertificateTypes(db: Db) {
  return db.selectFrom('certificate_types').select(['code', 'name_zh as nameZh', 'name_en as nameEn']).orderBy('code').execute();
}

export async function certificateTypeExists(db: DbOrTrx, code: string): Promise<boolean> {
  return !!(await db.selectFrom('certificate_types').select('code').where('code', '=', code).executeTakeFirst());
}

export async function certificateNumberTaken(db: DbOrTrx, typeCode: string, number: string): Promise<boolean> {
  return !!(await db.selectFrom('certificates').select('id').where('type_code', '=', typeCode).where('number', '=', number).executeTakeFirst());
}

export async function insertCertificate(trx: DbOrTrx, c: { staffId: number; typeCode: string; number: string; issuedOn: string; expiresOn: string | null }): Promise<number> {
  const r = await trx
    .insertInto('certificates')
    .values({ staff_id: c.staffId, type_code: c.typeCode, number: c.number, issued_on: c.issuedOn, expires_on: c.expiresOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function upsertQualification(
  trx: DbOrTrx,
  staffId: number,
  q: { ethics: boolean; knowledge: boolean; experience: boolean; health: boolean; cleanRecord: boolean; notes: string; assessedOn: string; assessedBy: number },
): Promise<void> {
  const v = { ethics: q.ethics, knowledge: q.knowledge, experience: q.experience, health: q.health, clean_record: q.cleanRecord, notes: q.notes, assessed_on: q.assessedOn, assessed_by: q.assessedBy };
  await trx
    .insertInto('staff_qualifications')
    .values({ staff_id: staffId, ...v })
    .onConflict((oc) => oc.column('staff_id').doUpdateSet({ ...v, updated_at: sql<Date>`now()` }))
    .execute();
}

export type StaffWrite = {
  staffNo: string; name: string; gender: 'M' | 'F'; branchId: number; sequence: string; mobile: string; email: string; hiredOn: string | null;
};

export async function insertStaff(trx: DbOrTrx, s: StaffWrite): Promise<number> {
  const r = await trx
    .insertInto('staff')
    .values({ staff_no: s.staffNo, name: s.name, gender: s.gender, branch_id: s.branchId, sequence: s.sequence, mobile: s.mobile, email: s.email, hired_on: s.hiredOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStaff(trx: DbOrTrx, id: number, patch: Partial<Omit<StaffWrite, 'staffNo' | 'gender' | 'hiredOn'>> & { status?: string }): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.branchId !== undefined) set.branch_id = patch.branchId;
  if (patch.sequence !== undefined) set.sequence = patch.sequence;
  if (patch.mobile !== undefined) set.mobile = patch.mobile;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.status !== undefined) set.status = patch.status;
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('staff').set({ ...set, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function setStaffRoles(trx: DbOrTrx, staffId: number, roles: readonly string[]): Promise<void> {
  await trx.deleteFrom('staff_roles').where('staff_id', '=', staffId).execute();
  if (roles.length) await trx.insertInto('staff_roles').values(roles.map((role) => ({ staff_id: staffId, role }))).execute();
}

/** Writes the history row and the current grade together; the latest effective date is current. */
export async function changeGrade(
  trx: DbOrTrx,
  c: { staffId: number; gradeLevelId: number; step: number; effectiveOn: string; reason: string; approvedBy: number | null },
): Promise<void> {
  await trx
    .insertInto('staff_grade_history')
    .values({ staff_id: c.staffId, grade_level_id: c.gradeLevelId, step: c.step, effective_on: c.effectiveOn, reason: c.reason, approved_by: c.approvedBy })
    .execute();
  await sql`
    update staff s set grade_level_id = h.grade_level_id, grade_step = h.step, updated_at = now()
    from (select grade_level_id, step from staff_grade_history where staff_id = ${c.staffId}
          and effective_on <= current_date order by effective_on desc, id desc limit 1) h
    where s.id = ${c.staffId}`.execute(trx);
}

export async function lockStaff(trx: DbOrTrx, id: number): Promise<void> {
  await sql`select id from staff where id = ${id} for update`.execute(trx);
}

export type DueReminder = { certificateId: number; daysAhead: number; staffId: number; staffName: string; branchId: number; typeNameZh: string; typeNameEn: string; number: string; expiresOn: string };

/**
 * Marks and returns the expiry reminders due today: each certificate gets the nearest milestone
 * (7, 30 or 60 days ahead) it has reached, once. Running it twice returns nothing the second time.
 */
export async function takeDueCertificateReminders(db: DbOrTrx, milestones: number[]): Promise<DueReminder[]> {
  const max = Math.max(...milestones);
  const res = await sql<DueReminder>`
    with due as (
      select c.id, (select min(m) from unnest(${milestones}::int[]) m where c.expires_on - current_date <= m) as days_ahead
      from certificates c join staff s on s.id = c.staff_id
      where s.status <> 'departed' and c.expires_on >= current_date and c.expires_on <= current_date + ${max}::int
    ), ins as (
      insert into certificate_reminders (certificate_id, days_ahead)
      select id, days_ahead from due on conflict do nothing
      returning certificate_id, days_ahead
    )
    select ins.certificate_id as "certificateId", ins.days_ahead as "daysAhead", s.id as "staffId", s.name as "staffName",
           s.branch_id as "branchId", t.name_zh as "typeNameZh", t.name_en as "typeNameEn", c.number, c.expires_on as "expiresOn"
    from ins join certificates c on c.id = ins.certificate_id join staff s on s.id = c.staff_id
    join certificate_types t on t.code = c.type_code`.execute(db);
  return res.rows;
}

/** Users who lead each branch (its head and wealth-centre head), for reminders about their staff. */
export async function branchLeaderUsers(db: DbOrTrx, branchIds: number[]): Promise<{ branchId: number; userId: number }[]> {
  if (branchIds.length === 0) return [];
  return db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .innerJoin('users as u', 'u.staff_id', 's.id')
    .where('s.branch_id', 'in', branchIds)
    .where('r.role', 'in', ['branch_head', 'wealth_centre_head'])
    .where('s.status', '=', 'active')
    .where('u.disabled', '=', false)
    .select(['s.branch_id as branchId', 'u.id as userId'])
    .distinct()
    .execute();
}

export async function userIdsOfStaffIds(db: DbOrTrx, staffIds: number[]): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'staff_id']).where('staff_id', 'in', staffIds).where('disabled', '=', false).execute();
  return new Map(rows.map((r) => [r.staff_id, r.id]));
}
