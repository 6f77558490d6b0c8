// Sign-in accounts of staff, managed by head office: open one, reset its password, unlock it.
import crypto from 'node:crypto';
import { hashPassword } from '../../platform/passwords';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, type Principal } from '../../platform/access';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as sessionsRepo from '../../platform/auth.repository';
import type { AppContext } from '../../platform/context';
import type { Account } from '../../../contracts/org';
import * as repo from './org.repository';
import * as users from './org-users.repository';

/** A one-time password that passes the policy: the holder must change it at first sign-in. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const pick = (n: number) => Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
  return `${pick(4)}-${pick(4)}-${crypto.randomInt(10, 99)}Aa`;
}

async function staffForAccounts(ctx: AppContext, p: Principal, staffId: number) {
  const s = await repo.staffById(ctx.db, requireScope(p, 'admin.users'), staffId);
  if (!s) throw notFound({ zh: '员工', en: 'staff member' });
  return s;
}

export async function getAccount(ctx: AppContext, p: Principal, staffId: number): Promise<Account | null> {
  await staffForAccounts(ctx, p, staffId);
  const a = await users.accountOfStaff(ctx.db, staffId);
  if (!a) return null;
  return {
    username: a.username,
    mustChangePassword: a.mustChangePassword,
    locked: !!a.lockedUntil && a.lockedUntil.getTime() > Date.now(),
    lockedUntil: a.lockedUntil ? a.lockedUntil.toISOString() : null,
    disabled: a.disabled,
    lastLoginAt: a.lastLoginAt ? new Date(a.lastLoginAt).toISOString() : null,
  };
}

export async function openAccount(ctx: AppContext, actor: Actor, p: Principal, staffId: number, username: string): Promise<{ username: string; temporaryPassword: string }> {
  const s = await staffForAccounts(ctx, p, staffId);
  if (s.status === 'departed') throw badRequest('STAFF_DEPARTED', '离职员工不能开立账户', 'A departed staff member cannot get an account');
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    if (await users.userExistsForStaff(trx, staffId)) throw conflict('STAFF_HAS_USER', '该员工已有登录账户', 'This staff member already has an account');
    if (await users.userByUsername(trx, username)) throw conflict('USERNAME_TAKEN', '用户名已被使用', 'That username is taken');
    const id = await users.insertUser(trx, { username, staffId, passwordHash: hash, mustChangePassword: true });
    await audit(trx, actor, { action: 'user.create', entityType: 'user', entityId: id, branchId: s.branchId, detail: { username, staffNo: s.staffNo } });
  });
  return { username, temporaryPassword: password };
}

async function accountOrFail(ctx: AppContext, staffId: number) {
  const a = await users.accountOfStaff(ctx.db, staffId);
  if (!a) throw notFound({ zh: '登录账户', en: 'account' });
  return a;
}

export async function resetPassword(ctx: AppContext, actor: Actor, p: Principal, staffId: number, reason: string): Promise<{ temporaryPassword: string }> {
  const s = await staffForAccounts(ctx, p, staffId);
  const a = await accountOrFail(ctx, staffId);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await users.setPassword(trx, a.userId, hash, true);
    await sessionsRepo.revokeUserSessions(trx, a.userId);
    await audit(trx, actor, { action: 'user.reset_password', entityType: 'user', entityId: a.userId, branchId: s.branchId, reason });
  });
  await ctx.sessions.broadcast('sessions', a.userId);
  return { temporaryPassword: password };
}

export async function unlock(ctx: AppContext, actor: Actor, p: Principal, staffId: number): Promise<void> {
  const s = await staffForAccounts(ctx, p, staffId);
  const a = await accountOrFail(ctx, staffId);
  await ctx.db.transaction().execute(async (trx) => {
    await users.recordSuccess(trx, a.userId);
    await audit(trx, actor, { action: 'user.unlock', entityType: 'user', entityId: a.userId, branchId: s.branchId });
  });
}

export async function setAccountDisabled(ctx: AppContext, actor: Actor, p: Principal, staffId: number, disabled: boolean): Promise<void> {
  const s = await staffForAccounts(ctx, p, staffId);
  const a = await accountOrFail(ctx, staffId);
  if (a.userId === p.userId) throw badRequest('SELF_DISABLE', '不能停用自己的账户', 'You cannot disable your own account');
  await ctx.db.transaction().execute(async (trx) => {
    await users.setDisabled(trx, a.userId, disabled);
    if (disabled) await sessionsRepo.revokeUserSessions(trx, a.userId);
    await audit(trx, actor, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: a.userId, branchId: s.branchId });
  });
  await ctx.sessions.broadcast('sessions', a.userId);
}
