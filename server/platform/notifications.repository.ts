import { sql, type Db, type DbOrTrx } from './db';
import type { Notification } from '../../contracts/notifications';

type Row = { id: number; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };
const toNotification = (r: Row): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});
const COLS = ['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

export async function insertNotification(
  db: DbOrTrx,
  n: { userId: number; kind: string; title: string; body: string; link: string | null; data: Record<string, unknown> },
): Promise<Notification> {
  const r = await db
    .insertInto('notifications')
    .values({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link, data: JSON.stringify(n.data) })
    .returning(COLS)
    .executeTakeFirstOrThrow();
  return toNotification(r);
}

/** Many inbox rows in one statement, in the order given. */
export async function insertNotifications(
  db: DbOrTrx,
  ns: { userId: number; kind: string; title: string; body: string; link: string | null; data: Record<string, unknown> }[],
): Promise<(Notification & { userId: number })[]> {
  if (ns.length === 0) return [];
  const rows = await db
    .insertInto('notifications')
    .values(ns.map((n) => ({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link, data: JSON.stringify(n.data) })))
    .returning([...COLS, 'user_id'])
    .execute();
  return rows.map((r) => ({ ...toNotification(r), userId: r.user_id }));
}

export async function listNotifications(db: Db, userId: number, limit: number): Promise<Notification[]> {
  const rows = await db.selectFrom('notifications').select(COLS).where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toNotification);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Db, userId: number, ids: number[] | 'all'): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: sql<Date>`now()` }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}

export async function userIdsOfStaff(db: DbOrTrx, staffIds: number[]): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'staff_id']).where('staff_id', 'in', staffIds).execute();
  return new Map(rows.map((r) => [r.staff_id, r.id]));
}
