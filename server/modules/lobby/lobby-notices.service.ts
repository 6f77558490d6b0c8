// Board notices (服务公告): head office or the outlet's lobby manager posts, edits and removes the
// lines the lobby TV shows beside the device-fault notices; each change is audited and reaches the
// boards at once through the outlet's stream (`notice`, `notice.removed`).
import { MAX_NOTICES, type BoardNotice, type LobbyNotice, type NoticeBody } from '../../../contracts/lobby';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError, conflict, notFound } from '../../platform/errors';
import { emit, requireOutlet } from './lobby.common';
import * as repo from './lobby-notices.repository';

const NOTICE = { zh: '公告', en: 'notice' };

/** As the board shows it: without an English text the Chinese one stands in. */
export const toBoardNotice = (n: LobbyNotice): BoardNotice => ({ id: n.id, source: 'notice', textZh: n.textZh, textEn: n.textEn || n.textZh, at: n.updatedAt });

export async function listNotices(ctx: AppContext, p: Principal, branchId: number): Promise<LobbyNotice[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return repo.listNotices(ctx.db, o.branchId);
}

/** The notice if its outlet lies in the caller's lobby.setup scope; 404 otherwise (403 without the permission). */
async function requireNotice(ctx: AppContext, p: Principal, id: number): Promise<LobbyNotice> {
  const n = await repo.getNotice(ctx.db, id);
  if (!n) throw notFound(NOTICE);
  await requireOutlet(ctx.db, p, 'lobby.setup', n.branchId).catch((e: unknown) => {
    throw e instanceof AppError && e.status === 403 ? e : notFound(NOTICE);
  });
  return n;
}

export async function postNotice(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: NoticeBody): Promise<LobbyNotice> {
  const o = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  return ctx.db.transaction().execute(async (trx) => {
    if ((await repo.lockAndCount(trx, o.branchId)) >= MAX_NOTICES) {
      throw conflict('TOO_MANY_NOTICES', `每个网点最多 ${MAX_NOTICES} 条公告，请先删除旧公告`, `An outlet has at most ${MAX_NOTICES} notices: remove an old one first`);
    }
    const id = await repo.insertNotice(trx, o.branchId, body, p.staffId);
    const n = (await repo.getNotice(trx, id))!;
    await audit(trx, actor, { action: 'lobby.notice.create', entityType: 'lobby_notice', entityId: id, branchId: o.branchId, detail: body });
    await emit(ctx, trx, o.branchId, 'notice', { notice: toBoardNotice(n) });
    return n;
  });
}

export async function editNotice(ctx: AppContext, actor: Actor, p: Principal, id: number, body: NoticeBody): Promise<LobbyNotice> {
  const before = await requireNotice(ctx, p, id);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateNotice(trx, id, body, p.staffId))) throw notFound(NOTICE);
    const n = (await repo.getNotice(trx, id))!;
    await audit(trx, actor, { action: 'lobby.notice.update', entityType: 'lobby_notice', entityId: id, branchId: n.branchId, detail: { before: { textZh: before.textZh, textEn: before.textEn }, after: body } });
    await emit(ctx, trx, n.branchId, 'notice', { notice: toBoardNotice(n) });
    return n;
  });
}

export async function removeNotice(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<void> {
  const before = await requireNotice(ctx, p, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteNotice(trx, id))) throw notFound(NOTICE);
    await audit(trx, actor, { action: 'lobby.notice.delete', entityType: 'lobby_notice', entityId: id, branchId: before.branchId, detail: { textZh: before.textZh, textEn: before.textEn } });
    await emit(ctx, trx, before.branchId, 'notice.removed', { noticeId: id });
  });
}
