// SQL of the board notices an outlet's lobby manager or head office posts.
import { sql } from 'kysely';
import type { LobbyNotice, NoticeBody } from '../../../contracts/lobby';
import type { DbOrTrx } from '../../platform/db';

type NoticeRow = Omit<LobbyNotice, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
const select = sql`
  select n.id, n.branch_id as "branchId", n.text_zh as "textZh", n.text_en as "textEn", n.created_at as "createdAt", c.name as "createdByName",
         n.updated_at as "updatedAt", u.name as "updatedByName"
  from lobby_notices n left join staff c on c.id = n.created_by left join staff u on u.id = n.updated_by`;
const toNotice = (r: NoticeRow): LobbyNotice => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

/** The outlet's notices, newest first. */
export async function listNotices(db: DbOrTrx, branchId: number): Promise<LobbyNotice[]> {
  return (await sql<NoticeRow>`${select} where n.branch_id = ${branchId} order by n.created_at desc, n.id desc`.execute(db)).rows.map(toNotice);
}

export async function getNotice(db: DbOrTrx, id: number): Promise<LobbyNotice | null> {
  const r = (await sql<NoticeRow>`${select} where n.id = ${id}`.execute(db)).rows[0];
  return r ? toNotice(r) : null;
}

/** Locks the outlet's notices (its lobby row) so that the per-outlet limit holds under concurrent posts. */
export async function lockAndCount(db: DbOrTrx, branchId: number): Promise<number> {
  await sql`select 1 from lobby_outlets where branch_id = ${branchId} for update`.execute(db);
  const r = await sql<{ n: number }>`select count(*)::int as n from lobby_notices where branch_id = ${branchId}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertNotice(db: DbOrTrx, branchId: number, b: NoticeBody, staffId: number): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into lobby_notices (branch_id, text_zh, text_en, created_by, updated_by)
    values (${branchId}, ${b.textZh}, ${b.textEn}, ${staffId}, ${staffId}) returning id`.execute(db);
  return Number(r.rows[0]!.id);
}

export async function updateNotice(db: DbOrTrx, id: number, b: NoticeBody, staffId: number): Promise<boolean> {
  const r = await sql`update lobby_notices set text_zh = ${b.textZh}, text_en = ${b.textEn}, updated_by = ${staffId}, updated_at = now() where id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function deleteNotice(db: DbOrTrx, id: number): Promise<boolean> {
  const r = await sql`delete from lobby_notices where id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}
