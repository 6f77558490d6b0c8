// Use cases of the organisation: the branch tree, staff, grades, certificates and role permissions.
import { mobileProblem, maskMobile } from '../../../contracts/personal-data';
import type { Branch, CreateBranchBody, CreateStaffBody, StaffDetail, StaffSummary } from '../../../contracts/org';
import { PERMISSIONS, ROLE_CODES, ROLE_LABELS, type PermissionCode, type RoleCode, type Scope } from '../../../contracts/roles';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, scopeCoversBranch, scopeOf, type DataScope, type Principal } from '../../platform/access';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import * as repo from './org.repository';
import * as usersRepo from './org-users.repository';
import * as sessionsRepo from '../../platform/auth.repository';
import { canBeParent, stepWithin, wouldCreateCycle } from './org.rules';

const BRANCH = { zh: '机构', en: 'branch' };
const STAFF = { zh: '员工', en: 'staff member' };

// ---- branches -------------------------------------------------------------------------------

export function listBranches(ctx: AppContext): Promise<Branch[]> {
  return repo.listBranches(ctx.db);
}

async function branchOrFail(ctx: AppContext, code: string, field: string) {
  const b = await repo.branchByCode(ctx.db, code);
  if (!b) throw badRequest('UNKNOWN_BRANCH', `机构代码 ${code} 不存在`, `No branch with code ${code}`, [{ path: field, zh: `机构代码 ${code} 不存在`, en: `No branch with code ${code}` }]);
  return b;
}

export async function createBranch(ctx: AppContext, actor: Actor, body: CreateBranchBody): Promise<number> {
  const parent = body.parentCode ? await branchOrFail(ctx, body.parentCode, 'parentCode') : null;
  if (body.level === 'head_office' && parent) throw badRequest('BAD_PARENT', '总行不能有上级机构', 'The head office has no parent');
  if (body.level !== 'head_office') {
    if (!parent) throw badRequest('PARENT_REQUIRED', '请填写上级机构代码', 'A parent branch code is required', [{ path: 'parentCode', zh: '请填写上级机构代码', en: 'A parent branch code is required' }]);
    if (!canBeParent(parent.level, body.level)) throw badRequest('BAD_PARENT', `${parent.name}不能作为该层级机构的上级`, `${parent.code} cannot be the parent of a ${body.level}`);
    if (parent.status === 'closed') throw badRequest('PARENT_CLOSED', '上级机构已撤并', 'The parent branch is closed');
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.branchByCode(trx, body.code)) throw conflict('DUPLICATE_CODE', `机构代码 ${body.code} 已存在`, `Branch code ${body.code} already exists`);
    const id = await repo.insertBranch(trx, { ...body, parent });
    await audit(trx, actor, { action: 'branch.create', entityType: 'branch', entityId: id, branchId: id, detail: { code: body.code, name: body.name } });
    return id;
  });
}

async function existingBranch(ctx: AppContext, id: number) {
  const b = await repo.branchById(ctx.db, id);
  if (!b) throw notFound(BRANCH);
  return b;
}

export async function updateBranch(ctx: AppContext, actor: Actor, id: number, patch: { name?: string; address?: string; phone?: string; isWealthCentre?: boolean }): Promise<void> {
  const b = await existingBranch(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateBranch(trx, id, patch);
    await audit(trx, actor, { action: 'branch.update', entityType: 'branch', entityId: id, branchId: id, detail: { before: { name: b.name }, patch } });
  });
}

export async function moveBranch(ctx: AppContext, actor: Actor, id: number, parentCode: string): Promise<void> {
  const moving = await existingBranch(ctx, id);
  const parent = await branchOrFail(ctx, parentCode, 'parentCode');
  if (wouldCreateCycle(moving.path, parent.path)) throw badRequest('MOVE_CYCLE', '不能移动到自身或下辖机构之下', 'A branch cannot move under itself or its own sub-branches');
  if (!canBeParent(parent.level, moving.level)) throw badRequest('BAD_PARENT', `${parent.name}不能作为该层级机构的上级`, `${parent.code} cannot be the parent of a ${moving.level}`);
  if (parent.status === 'closed') throw badRequest('PARENT_CLOSED', '上级机构已撤并', 'The parent branch is closed');
  await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.moveBranch(trx, moving, parent);
    await audit(trx, actor, { action: 'branch.move', entityType: 'branch', entityId: id, branchId: id, detail: { from: moving.parentId, to: parent.id, subtree: n } });
  });
}

export async function closeBranch(ctx: AppContext, actor: Actor, id: number, closedOn: string, reason: string): Promise<void> {
  const b = await existingBranch(ctx, id);
  if (b.level === 'head_office') throw badRequest('CANNOT_CLOSE_HO', '总行不能撤并', 'The head office cannot be closed');
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.branchById(trx, id);
    if (current?.status === 'closed') throw conflict('ALREADY_CLOSED', '该机构已撤并', 'This branch is already closed');
    const open = await repo.openChildrenAndStaff(trx, id);
    if (open.children > 0 || open.staff > 0) {
      throw conflict('BRANCH_NOT_EMPTY', `请先迁移下辖机构（${open.children}个）和在册员工（${open.staff}人）`, `Move its ${open.children} open sub-branch(es) and ${open.staff} staff member(s) first`);
    }
    await repo.closeBranch(trx, id, closedOn, reason);
    await audit(trx, actor, { action: 'branch.close', entityType: 'branch', entityId: id, branchId: id, reason, detail: { closedOn } });
  });
}

// ---- staff ----------------------------------------------------------------------------------

/** Staff mobiles are personal data: shown in full only to those who manage that staff member. */
function present(p: Principal, s: repo.StaffRow): StaffSummary & { email: string } {
  const manage = scopeOf(p, 'org.staff.manage');
  const full = s.id === p.staffId || (manage !== null && scopeCoversBranch(manage, { id: s.branchId, path: s.branchPath }));
  return {
    id: s.id, staffNo: s.staffNo, name: s.name, gender: s.gender, branchId: s.branchId, branchCode: s.branchCode, branchName: s.branchName,
    status: s.status, sequence: s.sequence, roles: s.roles, gradeCode: s.gradeCode, gradeNameZh: s.gradeNameZh, gradeNameEn: s.gradeNameEn,
    gradeStep: s.gradeStep, hiredOn: s.hiredOn, mobile: full ? s.mobile : s.mobile ? maskMobile(s.mobile) : '', email: full ? s.email : '',
  };
}

export async function searchStaff(ctx: AppContext, p: Principal, q: Omit<repo.StaffFilter, 'branchPath'> & { includeSubtree?: boolean }) {
  const scope = requireScope(p, 'org.staff.read');
  let branchPath: string | undefined;
  if (q.branchId && q.includeSubtree) branchPath = (await repo.branchById(ctx.db, q.branchId))?.path ?? '/none/';
  const res = await repo.searchStaff(ctx.db, scope, { ...q, branchPath });
  return { items: res.items.map((s) => { const { email: _e, ...rest } = present(p, s); return rest; }), total: res.total, page: q.page, pageSize: q.pageSize };
}

async function staffInScope(ctx: AppContext, scope: DataScope, id: number) {
  const s = await repo.staffById(ctx.db, scope, id);
  if (!s) throw notFound(STAFF);
  return s;
}

export async function getStaff(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<StaffDetail> {
  const s = await staffInScope(ctx, requireScope(p, 'org.staff.read'), id);
  const shown = present(p, s);
  // Reading a colleague's full personal record (unmasked contact details) is on the record.
  if (s.id !== p.staffId && shown.mobile === s.mobile && s.mobile) {
    await audit(ctx.db, actor, { action: 'staff.read', entityType: 'staff', entityId: id, branchId: s.branchId, detail: { staffNo: s.staffNo } });
  }
  return { ...shown, ...(await repo.staffHistory(ctx.db, id)) };
}

function checkMobile(mobile: string | undefined) {
  if (!mobile) return;
  const m = mobileProblem(mobile);
  if (m) throw badRequest('BAD_MOBILE', m.zh, m.en, [{ path: 'mobile', ...m }]);
}

async function gradeOrFail(ctx: AppContext, code: string, step: number) {
  const g = (await repo.listGradeLevels(ctx.db)).find((l) => l.code === code);
  if (!g) throw badRequest('UNKNOWN_GRADE', `职级 ${code} 不存在`, `No grade ${code}`, [{ path: 'gradeCode', zh: `职级 ${code} 不存在`, en: `No grade ${code}` }]);
  if (!stepWithin(g.steps, step)) {
    throw badRequest('BAD_STEP', `${g.nameZh}只有1至${g.steps}档`, `${g.nameEn} has steps 1 to ${g.steps}`, [{ path: 'step', zh: `${g.nameZh}只有1至${g.steps}档`, en: `${g.nameEn} has steps 1 to ${g.steps}` }]);
  }
  return g;
}

function branchWithinManage(p: Principal, b: repo.BranchRef) {
  const scope = requireScope(p, 'org.staff.manage');
  if (!scopeCoversBranch(scope, b)) throw notFound(BRANCH);
  if (b.status === 'closed') throw badRequest('BRANCH_CLOSED', '该机构已撤并，不能分配员工', 'That branch is closed: staff cannot be assigned to it');
}

export async function createStaff(ctx: AppContext, actor: Actor, p: Principal, body: CreateStaffBody): Promise<number> {
  const b = await branchOrFail(ctx, body.branchCode, 'branchCode');
  branchWithinManage(p, b);
  checkMobile(body.mobile);
  const grade = body.gradeCode ? await gradeOrFail(ctx, body.gradeCode, body.gradeStep ?? 1) : null;
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.staffIdByNo(trx, body.staffNo)) throw conflict('DUPLICATE_STAFF_NO', `工号 ${body.staffNo} 已存在`, `Staff number ${body.staffNo} already exists`);
    const id = await repo.insertStaff(trx, { ...body, branchId: b.id });
    await repo.setStaffRoles(trx, id, [...new Set(body.roles)]);
    if (grade) await repo.changeGrade(trx, { staffId: id, gradeLevelId: grade.id, step: body.gradeStep ?? 1, effectiveOn: body.hiredOn ?? new Date().toISOString().slice(0, 10), reason: '入职定级 Initial grade', approvedBy: p.staffId });
    await audit(trx, actor, { action: 'staff.create', entityType: 'staff', entityId: id, branchId: b.id, detail: { staffNo: body.staffNo } });
    return id;
  });
}

export async function updateStaff(
  ctx: AppContext, actor: Actor, p: Principal, id: number,
  body: { name?: string; branchCode?: string; status?: 'active' | 'on_leave' | 'departed'; sequence?: string; roles?: RoleCode[]; mobile?: string; email?: string },
): Promise<void> {
  const s = await staffInScope(ctx, requireScope(p, 'org.staff.manage'), id);
  checkMobile(body.mobile);
  let branchId: number | undefined;
  if (body.branchCode && body.branchCode !== s.branchCode) {
    const b = await branchOrFail(ctx, body.branchCode, 'branchCode');
    branchWithinManage(p, b);
    branchId = b.id;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockStaff(trx, id);
    await repo.updateStaff(trx, id, { name: body.name, branchId, status: body.status, sequence: body.sequence, mobile: body.mobile, email: body.email });
    if (body.roles) await repo.setStaffRoles(trx, id, [...new Set(body.roles)]);
    // A departure closes the door at once: the account is disabled and its sessions end.
    if (body.status === 'departed' && s.status !== 'departed') {
      const userId = await usersRepo.userIdOfStaff(trx, id);
      if (userId !== null) {
        await usersRepo.setDisabled(trx, userId, true);
        await sessionsRepo.revokeUserSessions(trx, userId);
      }
    }
    await audit(trx, actor, { action: 'staff.update', entityType: 'staff', entityId: id, branchId: branchId ?? s.branchId, detail: { ...body, mobile: body.mobile ? maskMobile(body.mobile) : undefined } });
  });
  // Roles, branch or status changed: the person's live sessions must see it at once.
  const userId = await usersRepo.userIdOfStaff(ctx.db, id);
  if (userId !== null) await ctx.sessions.broadcast('sessions', userId);
}

export async function changeGrade(ctx: AppContext, actor: Actor, p: Principal, id: number, body: { gradeCode: string; step: number; effectiveOn: string; reason: string }): Promise<void> {
  const s = await staffInScope(ctx, requireScope(p, 'org.staff.grade'), id);
  if (s.id === p.staffId) throw badRequest('SELF_APPROVAL', '不能调整本人的职级', 'You cannot approve a change of your own grade');
  if (!s.roles.some((r) => r === 'wealth_rm' || r === 'marketing_rm')) {
    throw badRequest('NOT_AN_RM', '职级体系仅适用于客户经理', 'The grade ladder applies to relationship managers only');
  }
  const g = await gradeOrFail(ctx, body.gradeCode, body.step);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockStaff(trx, id);
    await repo.changeGrade(trx, { staffId: id, gradeLevelId: g.id, step: body.step, effectiveOn: body.effectiveOn, reason: body.reason, approvedBy: p.staffId });
    await audit(trx, actor, { action: 'staff.grade', entityType: 'staff', entityId: id, branchId: s.branchId, reason: body.reason, detail: { from: { grade: s.gradeCode, step: s.gradeStep }, to: { grade: g.code, step: body.step }, effectiveOn: body.effectiveOn } });
  });
}

/**
 * Writes a grade change decided elsewhere (an approved promotion review) inside the caller's
 * transaction: the history row and the current grade, the staff row locked meanwhile.
 */
export async function applyGradeChange(trx: DbOrTrx, c: { staffId: number; gradeLevelId: number; step: number; effectiveOn: string; reason: string; approvedBy: number }): Promise<void> {
  await repo.lockStaff(trx, c.staffId);
  await repo.changeGrade(trx, c);
}

export async function addCertificate(ctx: AppContext, actor: Actor, p: Principal, id: number, body: { typeCode: string; number: string; issuedOn: string; expiresOn: string | null }): Promise<number> {
  const s = await staffInScope(ctx, requireScope(p, 'org.staff.manage'), id);
  if (body.expiresOn && body.expiresOn <= body.issuedOn) throw badRequest('BAD_DATES', '到期日期应晚于发证日期', 'The expiry date must be after the issue date', [{ path: 'expiresOn', zh: '到期日期应晚于发证日期', en: 'The expiry date must be after the issue date' }]);
  if (!(await repo.certificateTypeExists(ctx.db, body.typeCode))) throw badRequest('UNKNOWN_CERT_TYPE', '证书类型不存在', 'No such certificate type', [{ path: 'typeCode', zh: '证书类型不存在', en: 'No such certificate type' }]);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.certificateNumberTaken(trx, body.typeCode, body.number)) throw conflict('DUPLICATE_CERTIFICATE', '该证书编号已登记', 'This certificate number is already recorded');
    const cid = await repo.insertCertificate(trx, { staffId: id, ...body });
    await audit(trx, actor, { action: 'staff.certificate', entityType: 'staff', entityId: id, branchId: s.branchId, detail: { typeCode: body.typeCode, number: body.number } });
    return cid;
  });
}

export async function recordQualification(
  ctx: AppContext, actor: Actor, p: Principal, id: number,
  body: { ethics: boolean; knowledge: boolean; experience: boolean; health: boolean; cleanRecord: boolean; notes: string; assessedOn: string },
): Promise<void> {
  const s = await staffInScope(ctx, requireScope(p, 'org.staff.manage'), id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertQualification(trx, id, { ...body, assessedBy: p.staffId });
    await audit(trx, actor, { action: 'staff.qualification', entityType: 'staff', entityId: id, branchId: s.branchId, detail: body });
  });
}

export async function expiringCertificates(ctx: AppContext, p: Principal, days: number) {
  return repo.expiringCertificates(ctx.db, requireScope(p, 'org.staff.read'), days);
}

export const listCertificateTypes = (ctx: AppContext) => repo.listCertificateTypes(ctx.db);

// ---- grades ---------------------------------------------------------------------------------

export const listGrades = (ctx: AppContext) => repo.listGradeLevels(ctx.db);

export async function updateGrade(ctx: AppContext, actor: Actor, id: number, patch: { nameZh?: string; nameEn?: string; steps?: number }): Promise<void> {
  const g = (await repo.listGradeLevels(ctx.db)).find((l) => l.id === id);
  if (!g) throw notFound({ zh: '职级', en: 'grade' });
  await ctx.db.transaction().execute(async (trx) => {
    if (patch.steps !== undefined && patch.steps < g.steps) {
      const stranded = await repo.staffAboveStep(trx, id, patch.steps);
      if (stranded > 0) throw conflict('STEPS_IN_USE', `有${stranded}名员工处于第${patch.steps}档以上，请先调整他们的职级`, `${stranded} staff member(s) sit above step ${patch.steps}: regrade them first`);
    }
    await repo.updateGradeLevel(trx, id, patch);
    await audit(trx, actor, { action: 'grade.update', entityType: 'grade_level', entityId: id, detail: { before: g, patch } });
  });
}

// ---- role permissions ------------------------------------------------------------------------

export async function rolePermissionMatrix(ctx: AppContext) {
  const grants = await usersRepo.listRoleGrants(ctx.db);
  return {
    roles: ROLE_CODES.map((code) => ({ code, ...ROLE_LABELS[code] })),
    permissions: Object.entries(PERMISSIONS).map(([code, v]) => ({ code: code as PermissionCode, zh: v.zh, en: v.en, module: v.module })),
    grants: grants.map((g) => ({ role: g.role as RoleCode, permission: g.permission as PermissionCode, scope: g.scope as Scope })),
  };
}

export async function setRolePermissions(ctx: AppContext, actor: Actor, p: Principal, role: RoleCode, grants: { permission: PermissionCode; scope: Scope }[]): Promise<void> {
  const perms = new Set(grants.map((g) => g.permission));
  if (perms.size !== grants.length) throw badRequest('DUPLICATE_PERMISSION', '同一权限不能重复设置', 'A permission appears twice');
  // An administrator who removed their own access to this page could not undo it.
  if (role === 'hq_admin' && p.roles.includes('hq_admin') && !perms.has('admin.roles')) {
    throw badRequest('SELF_LOCKOUT', '不能移除总行管理员的角色权限管理权限', 'The head-office administrator must keep the role-permissions right');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await usersRepo.lockRole(trx, role);
    await usersRepo.replaceRoleGrants(trx, role, grants);
    await audit(trx, actor, { action: 'roles.update', entityType: 'role', entityId: role, detail: { grants } });
  });
  await ctx.sessions.broadcast('grants');
}
