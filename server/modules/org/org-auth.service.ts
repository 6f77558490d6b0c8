// Sign-in use cases: login with lockout, logout (here or everywhere), password change, user creation.
import { hashPassword, passwordPolicyProblem, verifyPassword } from '../../platform/passwords';
import { audit, type Actor } from '../../platform/audit';
import { AppError, badRequest, conflict } from '../../platform/errors';
import { hashToken, newToken } from '../../platform/auth';
import * as sessionsRepo from '../../platform/auth.repository';
import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/access';
import type { Me } from '../../../contracts/auth';
import * as users from './org-users.repository';
import * as orgRepo from './org.repository';

// A real hash to compare against when the username is unknown, so timing does not reveal it.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashPassword('decoy-password-never-valid'));

const invalidCredentials = (attemptsLeft?: number) =>
  new AppError(
    401,
    'INVALID_CREDENTIALS',
    attemptsLeft !== undefined ? `用户名或密码错误，再错${attemptsLeft}次将锁定账户15分钟` : '用户名或密码错误',
    attemptsLeft !== undefined ? `Wrong username or password: ${attemptsLeft} more failure(s) lock the account for 15 minutes` : 'Wrong username or password',
  );

const locked = (until: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(423, 'ACCOUNT_LOCKED', `连续输错密码次数过多，账户已锁定，请${minutes}分钟后再试`, `Too many wrong passwords: the account is locked, try again in ${minutes} minute(s)`, undefined, { 'retry-after': String(minutes * 60) });
};

export type LoginResult = { token: string; expiresAt: Date; me: Me };

export async function login(ctx: AppContext, actor: Actor, input: { username: string; password: string; userAgent: string | null }): Promise<LoginResult> {
  const { config, db } = ctx;
  const u = await users.userByUsername(db, input.username);
  const failAudit = (reason: string) => audit(db, { ...actor, actorUsername: input.username, actorUserId: u?.id ?? null }, { action: 'auth.login', outcome: 'failed', entityType: 'user', entityId: u?.id ?? null, detail: { reason } });
  if (!u) {
    await verifyPassword(await decoy(), input.password);
    await failAudit('unknown-user');
    throw invalidCredentials();
  }
  if (u.lockedUntil && u.lockedUntil.getTime() > Date.now()) {
    await failAudit('locked');
    throw locked(u.lockedUntil);
  }
  if (u.disabled || u.staffStatus === 'departed') {
    await failAudit('disabled');
    throw new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系管理员', 'This account is disabled: contact your administrator');
  }
  if (!(await verifyPassword(u.passwordHash, input.password))) {
    const after = await users.recordFailure(db, u.id, config.lockoutFailures, config.lockoutMinutes);
    await failAudit('wrong-password');
    if (after.lockedUntil && after.lockedUntil.getTime() > Date.now()) {
      await audit(db, { ...actor, actorUsername: input.username, actorUserId: u.id }, { action: 'auth.lockout', entityType: 'user', entityId: u.id, detail: { minutes: config.lockoutMinutes } });
      throw locked(after.lockedUntil);
    }
    throw invalidCredentials(config.lockoutFailures - after.failedAttempts);
  }
  const token = newToken();
  const expiresAt = ctx.sessions.expiresAt();
  await db.transaction().execute(async (trx) => {
    await users.recordSuccess(trx, u.id);
    await sessionsRepo.insertSession(trx, { tokenHash: hashToken(token), userId: u.id, expiresAt, ip: actor.ip, userAgent: input.userAgent });
    await audit(trx, { ...actor, actorUserId: u.id, actorUsername: u.username, actorName: u.staffName }, { action: 'auth.login', entityType: 'user', entityId: u.id });
  });
  const principal = await ctx.sessions.resolve(token);
  if (!principal) throw new AppError(500, 'SESSION_FAILED', '登录失败，请重试', 'Sign-in failed: please retry');
  return { token, expiresAt, me: toMe(principal) };
}

export function toMe(p: Principal): Me {
  return {
    userId: p.userId,
    username: p.username,
    staffId: p.staffId,
    staffNo: p.staffNo,
    name: p.name,
    branchId: p.branchId,
    branchCode: p.branchCode,
    branchName: p.branchName,
    roles: p.roles,
    permissions: p.permissions,
    mustChangePassword: p.mustChangePassword,
    locale: p.locale,
  };
}

export async function logout(ctx: AppContext, actor: Actor, p: Principal): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await sessionsRepo.revokeSession(trx, p.sessionId);
    await audit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: p.userId });
  });
  await ctx.sessions.broadcast('sessions', p.userId);
}

export async function logoutEverywhere(ctx: AppContext, actor: Actor, p: Principal): Promise<number> {
  const n = await ctx.db.transaction().execute(async (trx) => {
    const count = await sessionsRepo.revokeUserSessions(trx, p.userId);
    await audit(trx, actor, { action: 'auth.logout_all', entityType: 'user', entityId: p.userId, detail: { sessions: count } });
    return count;
  });
  await ctx.sessions.broadcast('sessions', p.userId);
  return n;
}

export async function changePassword(ctx: AppContext, actor: Actor, p: Principal, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const u = await users.userById(ctx.db, p.userId);
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw badRequest('WRONG_CURRENT_PASSWORD', '当前密码不正确', 'The current password is not correct', [{ path: 'currentPassword', zh: '当前密码不正确', en: 'The current password is not correct' }]);
  }
  const problem = passwordPolicyProblem(input.newPassword, u.username);
  if (problem) throw badRequest('WEAK_PASSWORD', problem.zh, problem.en, [{ path: 'newPassword', ...problem }]);
  if (input.newPassword === input.currentPassword) {
    throw badRequest('SAME_PASSWORD', '新密码不能与当前密码相同', 'The new password must differ from the current one', [{ path: 'newPassword', zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' }]);
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await users.setPassword(trx, u.id, hash, false);
    // Other sessions were opened with the old password: they end now; this one stays.
    await sessionsRepo.revokeUserSessions(trx, u.id, p.sessionId);
    await audit(trx, actor, { action: 'auth.password_change', entityType: 'user', entityId: u.id });
  });
  await ctx.sessions.broadcast('sessions', u.id);
}

export async function setLocale(ctx: AppContext, p: Principal, locale: 'zh-CN' | 'en'): Promise<void> {
  await users.setLocale(ctx.db, p.userId, locale);
  ctx.sessions.forgetUser(p.userId);
}

/** Used by `patron user create`: an account for an existing staff member. */
export async function createUser(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  input: { username: string; staffNo: string; password: string; mustChangePassword: boolean },
): Promise<number> {
  if (!/^[a-z0-9._-]{3,64}$/.test(input.username)) {
    throw badRequest('BAD_USERNAME', '用户名应为3-64位小写字母、数字或 . _ -', 'A username has 3-64 lower-case letters, digits or . _ -');
  }
  const problem = passwordPolicyProblem(input.password, input.username);
  if (problem) throw badRequest('WEAK_PASSWORD', problem.zh, problem.en);
  const staffId = await orgRepo.staffIdByNo(ctx.db, input.staffNo);
  if (!staffId) throw badRequest('UNKNOWN_STAFF', `工号 ${input.staffNo} 不存在`, `No staff member with number ${input.staffNo}`);
  const hash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await users.userByUsername(trx, input.username)) throw conflict('USERNAME_TAKEN', '用户名已被使用', 'That username is taken');
    if (await users.userExistsForStaff(trx, staffId)) throw conflict('STAFF_HAS_USER', '该员工已有登录账户', 'This staff member already has an account');
    const id = await users.insertUser(trx, { username: input.username, staffId, passwordHash: hash, mustChangePassword: input.mustChangePassword });
    await audit(trx, actor, { action: 'user.create', entityType: 'user', entityId: id, detail: { username: input.username, staffNo: input.staffNo } });
    return id;
  });
}
