// All SQL of user accounts and role permissions.
import { sql, type Db, type DbOrTrx } from '../../platform/db';

export type UserAuthRow = {
  id: number;
  username: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  disabled: boolean;
  staffId: number;
  staffName: string;
  staffStatus: string;
  mustChangePassword: boolean;
};

export async function userByUsername(db: DbOrTrx, username: string): Promise<UserAuthRow | null> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .where('u.username', '=', username)
    .select([
      'u.id', 'u.username', 'u.password_hash as passwordHash', 'u.failed_attempts as failedAttempts', 'u.locked_until as lockedUntil',
      'u.disabled', 's.id as staffId', 's.name as staffName', 's.status as staffStatus', 'u.must_change_password as mustChangePassword',
    ])
    .executeTakeFirst();
  return r ?? null;
}

export async function userById(db: DbOrTrx, id: number): Promise<UserAuthRow | null> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .where('u.id', '=', id)
    .select([
      'u.id', 'u.username', 'u.password_hash as passwordHash', 'u.failed_attempts as failedAttempts', 'u.locked_until as lockedUntil',
      'u.disabled', 's.id as staffId', 's.name as staffName', 's.status as staffStatus', 'u.must_change_password as mustChangePassword',
    ])
    .executeTakeFirst();
  return r ?? null;
}

/**
 * Counts one more failure atomically (two wrong passwords at once both count) and locks the account
 * when the run of failures reaches the limit. Returns the state after the update.
 */
export async function recordFailure(db: DbOrTrx, userId: number, limit: number, lockMinutes: number): Promise<{ failedAttempts: number; lockedUntil: Date | null }> {
  const r = await sql<{ failed_attempts: number; locked_until: Date | null }>`
    update users set
      failed_attempts = case when failed_attempts + 1 >= ${limit} then 0 else failed_attempts + 1 end,
      locked_until = case when failed_attempts + 1 >= ${limit} then now() + make_interval(mins => ${lockMinutes}) else locked_until end,
      updated_at = now()
    where id = ${userId}
    returning failed_attempts, locked_until`.execute(db);
  const row = r.rows[0];
  return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
}

export async function recordSuccess(db: DbOrTrx, userId: number): Promise<void> {
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setPassword(db: DbOrTrx, userId: number, hash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: mustChange, password_changed_at: sql<Date>`now()`, failed_attempts: 0, locked_until: null, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function setLocale(db: DbOrTrx, userId: number, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function insertUser(db: DbOrTrx, u: { username: string; staffId: number; passwordHash: string; mustChangePassword: boolean }): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({ username: u.username, staff_id: u.staffId, password_hash: u.passwordHash, must_change_password: u.mustChangePassword })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function userIdOfStaff(db: DbOrTrx, staffId: number): Promise<number | null> {
  const r = await db.selectFrom('users').select('id').where('staff_id', '=', staffId).executeTakeFirst();
  return r?.id ?? null;
}

export async function userExistsForStaff(db: DbOrTrx, staffId: number): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('staff_id', '=', staffId).executeTakeFirst());
}

export async function listRoleGrants(db: Db): Promise<{ role: string; permission: string; scope: string }[]> {
  return db.selectFrom('role_permissions').select(['role', 'permission', 'scope']).orderBy('role').orderBy('permission').execute();
}

export async function replaceRoleGrants(trx: DbOrTrx, role: string, grants: { permission: string; scope: string }[]): Promise<void> {
  await trx.deleteFrom('role_permissions').where('role', '=', role).execute();
  if (grants.length) await trx.insertInto('role_permissions').values(grants.map((g) => ({ role, permission: g.permission, scope: g.scope }))).execute();
}

/** Serialises concurrent edits of one role's grants (two admins on two tabs). */
export async function lockRole(trx: DbOrTrx, role: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${'role:' + role}))`.execute(trx);
}

export type AccountRow = { userId: number; username: string; mustChangePassword: boolean; lockedUntil: Date | null; disabled: boolean; lastLoginAt: Date | null };

export async function accountOfStaff(db: DbOrTrx, staffId: number): Promise<AccountRow | null> {
  const r = await db
    .selectFrom('users as u')
    .where('u.staff_id', '=', staffId)
    .select([
      'u.id as userId', 'u.username', 'u.must_change_password as mustChangePassword', 'u.locked_until as lockedUntil', 'u.disabled',
      sql<Date | null>`(select max(se.created_at) from sessions se where se.user_id = u.id)`.as('lastLoginAt'),
    ])
    .executeTakeFirst();
  return r ?? null;
}

export async function setDisabled(db: DbOrTrx, userId: number, disabled: boolean): Promise<void> {
  await db.updateTable('users').set({ disabled, updated_at: sql<Date>`now()` }).where('id', '=', userId).execute();
}
