import { sql, type DbOrTrx, type Db } from './db';

export type SessionPrincipalRow = {
  userId: number;
  username: string;
  mustChangePassword: boolean;
  locale: string;
  disabled: boolean;
  staffId: number;
  staffNo: string;
  name: string;
  staffStatus: string;
  branchId: number;
  branchCode: string;
  branchName: string;
  branchPath: string;
  roles: string[];
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

export async function findSession(db: Db, tokenHash: string): Promise<SessionPrincipalRow | null> {
  const row = await db
    .selectFrom('sessions as se')
    .innerJoin('users as u', 'u.id', 'se.user_id')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .innerJoin('branches as b', 'b.id', 's.branch_id')
    .where('se.token_hash', '=', tokenHash)
    .select([
      'u.id as userId',
      'u.username',
      'u.must_change_password as mustChangePassword',
      'u.locale',
      'u.disabled',
      's.id as staffId',
      's.staff_no as staffNo',
      's.name',
      's.status as staffStatus',
      'b.id as branchId',
      'b.code as branchCode',
      'b.name as branchName',
      'b.path as branchPath',
      'se.created_at as createdAt',
      'se.last_seen_at as lastSeenAt',
      'se.expires_at as expiresAt',
      'se.revoked_at as revokedAt',
      sql<string[]>`coalesce((select array_agg(r.role order by r.role) from staff_roles r where r.staff_id = s.id), '{}')`.as('roles'),
    ])
    .executeTakeFirst();
  return row ?? null;
}

export async function insertSession(
  db: DbOrTrx,
  s: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
    .execute();
}

export async function touchSession(db: Db, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: sql<Date>`now()` }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user except, optionally, one. Returns how many. */
export async function revokeUserSessions(db: DbOrTrx, userId: number, exceptTokenHash?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: sql<Date>`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptTokenHash) q = q.where('token_hash', '<>', exceptTokenHash);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}

export async function loadRoleGrants(db: Db): Promise<{ role: string; permission: string; scope: string }[]> {
  return db.selectFrom('role_permissions').select(['role', 'permission', 'scope']).execute();
}

/** Old sessions are kept a while for the audit trail, then removed by a job. */
export async function purgeSessions(db: Db, olderThanDays: number): Promise<number> {
  const res = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', sql<Date>`now() - make_interval(days => ${olderThanDays})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
