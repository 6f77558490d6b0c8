// The per-user inbox that later modules post to (VIP arrivals, tasks, approvals, deadlines).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markReadBody, notificationList, ok } from '../../contracts';
import type { Db, DbOrTrx } from './db';
import type { EventHub } from './events';
import { principalOf } from './auth';
import * as repo from './notifications.repository';

export type NotificationInput = { kind: string; title: string; body: string; link?: string | null; data?: Record<string, unknown> };

export class Notifier {
  constructor(private readonly hub: EventHub) {}

  /** Inside the caller's transaction: the inbox row and the live push commit or vanish together. */
  async toUser(db: DbOrTrx, userId: number, n: NotificationInput): Promise<void> {
    const row = await repo.insertNotification(db, { userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, data: n.data ?? {} });
    await this.hub.publish(db, { topic: `user:${userId}`, event: 'notification', data: row });
  }

  toStaff(db: DbOrTrx, staffId: number, n: NotificationInput): Promise<void> {
    return this.toStaffMany(db, [{ staffId, n }]);
  }

  /** Many staff members at once (a batch job's summary to each RM): three statements, whatever the number. */
  async toStaffMany(db: DbOrTrx, items: { staffId: number; n: NotificationInput }[]): Promise<void> {
    const users = await repo.userIdsOfStaff(db, [...new Set(items.map((i) => i.staffId))]);
    const rows = await repo.insertNotifications(db, items.flatMap(({ staffId, n }) => {
      const userId = users.get(staffId);
      return userId === undefined ? [] : [{ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, data: n.data ?? {} }];
    }));
    await this.hub.publishMany(db, rows.map(({ userId, ...row }) => ({ topic: `user:${userId}`, event: 'notification', data: row })));
  }
}

export function notificationRoutes(app: FastifyInstance, deps: { db: Db; hub: EventHub }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/notifications', {
    schema: { tags: ['notifications'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: notificationList } },
    config: { access: { allowPendingPasswordChange: true } },
  }, async (req) => {
    const p = principalOf(req);
    const [items, unread] = await Promise.all([repo.listNotifications(deps.db, p.userId, req.query.limit), repo.unreadCount(deps.db, p.userId)]);
    return { items, unread };
  });
  r.post('/api/notifications/read', { schema: { tags: ['notifications'], body: markReadBody, response: { 200: ok } }, config: { access: { allowPendingPasswordChange: true } } }, async (req) => {
    const p = principalOf(req);
    await repo.markRead(deps.db, p.userId, req.body.all ? 'all' : (req.body.ids ?? []));
    await deps.hub.publish(deps.db, { topic: `user:${p.userId}`, event: 'unread', data: { unread: await repo.unreadCount(deps.db, p.userId) } });
    return { ok: true as const };
  });
  r.get('/api/events', { schema: { tags: ['notifications'], hide: true }, config: { access: { allowPendingPasswordChange: true } } }, async (req, reply) => {
    const p = principalOf(req);
    const unread = await repo.unreadCount(deps.db, p.userId);
    deps.hub.open(req, reply, [`user:${p.userId}`], [{ topic: `user:${p.userId}`, event: 'unread', data: { unread } }]);
  });
}
