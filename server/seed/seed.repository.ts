// All SQL of the demo-data generator: multi-row inserts in chunks, inside the caller's transaction.
import { sql, type DbOrTrx } from '../platform/db';
import type { OrgPlan } from './org.seed';

const CHUNK = 500;

export type Progress = (done: number, total: number, label: string) => void;

export type OrgCounts = {
  branches: number;
  staff: number;
  staffRoles: number;
  gradeHistory: number;
  certificates: number;
  qualifications: number;
  users: number;
};

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function isDatabaseEmpty(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('branches').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export type ReferenceData = {
  grades: readonly { code: string; nameZh: string; nameEn: string; rank: number; steps: number }[];
  certificateTypes: readonly { code: string; nameZh: string; nameEn: string }[];
  rolePermissions: readonly { role: string; permission: string; scope: string }[];
};

export async function insertReferenceData(db: DbOrTrx, data: ReferenceData): Promise<void> {
  await db
    .insertInto('grade_levels')
    .values(data.grades.map((g) => ({ code: g.code, name_zh: g.nameZh, name_en: g.nameEn, rank: g.rank, steps: g.steps })))
    // Either key may already be taken (a renamed or re-ranked grade): leave head office's edit alone.
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('certificate_types')
    .values(data.certificateTypes.map((c) => ({ code: c.code, name_zh: c.nameZh, name_en: c.nameEn })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  // Default grants go in only for permissions this database has never seen: a grant head office
  // removed stays removed across restarts and upgrades.
  const codes = [...new Set(data.rolePermissions.map((r) => r.permission))];
  if (codes.length === 0) return;
  const fresh = await db
    .insertInto('known_permissions')
    .values(codes.map((code) => ({ code })))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  const isNew = new Set(fresh.map((r) => r.code));
  const grants = data.rolePermissions.filter((r) => isNew.has(r.permission));
  if (grants.length > 0) {
    await db
      .insertInto('role_permissions')
      .values(grants.map((r) => ({ role: r.role, permission: r.permission, scope: r.scope })))
      .onConflict((oc) => oc.columns(['role', 'permission']).doNothing())
      .execute();
  }
}

/** Rebuilds the materialised paths ('/1/4/17/') of every branch whose path is stale. */
export async function refreshBranchPaths(db: DbOrTrx): Promise<void> {
  await sql`
    with recursive tree(id, path) as (
      select id, '/' || id || '/' from branches where parent_id is null
      union all
      select c.id, t.path || c.id || '/' from branches c join tree t on c.parent_id = t.id
    )
    update branches b set path = tree.path from tree where b.id = tree.id and b.path <> tree.path`.execute(db);
}

const LEVEL_ORDER = ['head_office', 'branch', 'sub_branch', 'outlet'] as const;

export async function insertOrgPlan(trx: DbOrTrx, plan: OrgPlan, passwordHash: string, onProgress?: Progress): Promise<OrgCounts> {
  const total =
    plan.branches.length + plan.staff.length * 2 + plan.gradeHistory.length + plan.certificates.length +
    plan.qualifications.length + plan.users.length;
  let done = 0;
  const step = (n: number, label: string) => {
    done += n;
    onProgress?.(done, total, label);
  };

  const branchIds = new Map<string, number>();
  // Parents first, so every parent id is known when its children are written.
  for (const level of LEVEL_ORDER) {
    for (const part of chunks(plan.branches.filter((b) => b.level === level))) {
      const rows = await trx
        .insertInto('branches')
        .values(
          part.map((b) => ({
            code: b.code, name: b.name, level: b.level,
            parent_id: b.parentCode ? (branchIds.get(b.parentCode) ?? null) : null,
            path: '', address: b.address, phone: b.phone, is_wealth_centre: b.isWealthCentre, opened_on: b.openedOn,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of rows) branchIds.set(r.code, r.id);
      step(part.length, 'branches');
    }
  }
  await refreshBranchPaths(trx);

  const grades = await trx.selectFrom('grade_levels').select(['id', 'code']).execute();
  const gradeIds = new Map(grades.map((g) => [g.code, g.id]));
  const staffIds = new Map<string, number>();
  for (const part of chunks(plan.staff)) {
    const rows = await trx
      .insertInto('staff')
      .values(
        part.map((s) => ({
          staff_no: s.staffNo, name: s.name, gender: s.gender, branch_id: need(branchIds, s.branchCode),
          status: s.status, sequence: s.sequence, mobile: s.mobile, email: s.email, hired_on: s.hiredOn,
          grade_level_id: s.gradeCode ? need(gradeIds, s.gradeCode) : null, grade_step: s.gradeStep,
        })),
      )
      .returning(['id', 'staff_no'])
      .execute();
    for (const r of rows) staffIds.set(r.staff_no, r.id);
    step(part.length, 'staff');
  }
  const staffId = (no: string) => need(staffIds, no);
  const optionalStaffId = (no: string | null) => (no ? staffId(no) : null);

  const roles = plan.staff.flatMap((s) => s.roles.map((role) => ({ staff_id: staffId(s.staffNo), role })));
  for (const part of chunks(roles)) await trx.insertInto('staff_roles').values(part).execute();
  step(plan.staff.length, 'staff roles');

  for (const part of chunks(plan.gradeHistory)) {
    await trx
      .insertInto('staff_grade_history')
      .values(
        part.map((g) => ({
          staff_id: staffId(g.staffNo), grade_level_id: need(gradeIds, g.gradeCode), step: g.step,
          effective_on: g.effectiveOn, reason: g.reason, approved_by: optionalStaffId(g.approvedByStaffNo),
        })),
      )
      .execute();
    step(part.length, 'grade history');
  }
  for (const part of chunks(plan.certificates)) {
    await trx
      .insertInto('certificates')
      .values(part.map((c) => ({ staff_id: staffId(c.staffNo), type_code: c.typeCode, number: c.number, issued_on: c.issuedOn, expires_on: c.expiresOn })))
      .execute();
    step(part.length, 'certificates');
  }
  for (const part of chunks(plan.qualifications)) {
    await trx
      .insertInto('staff_qualifications')
      .values(
        part.map((q) => ({
          staff_id: staffId(q.staffNo), ethics: q.ethics, knowledge: q.knowledge, experience: q.experience, health: q.health,
          clean_record: q.cleanRecord, notes: q.notes, assessed_on: q.assessedOn, assessed_by: optionalStaffId(q.assessedByStaffNo),
        })),
      )
      .execute();
    step(part.length, 'qualifications');
  }
  for (const part of chunks(plan.users)) {
    await trx
      .insertInto('users')
      .values(
        part.map((u) => ({
          username: u.username, staff_id: staffId(u.staffNo), password_hash: passwordHash,
          must_change_password: u.mustChangePassword, disabled: u.disabled,
          password_changed_at: u.mustChangePassword ? null : new Date(),
        })),
      )
      .execute();
    step(part.length, 'users');
  }
  return {
    branches: plan.branches.length, staff: plan.staff.length, staffRoles: roles.length, gradeHistory: plan.gradeHistory.length,
    certificates: plan.certificates.length, qualifications: plan.qualifications.length, users: plan.users.length,
  };
}

function need<K>(map: Map<K, number>, key: K): number {
  const v = map.get(key);
  if (v === undefined) throw new Error(`seed: unresolved reference ${String(key)}`);
  return v;
}
