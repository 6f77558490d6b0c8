import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntry, auditQuery, paged } from '../../contracts';
import { audit, actorOf } from './audit';
import { exportAuditXlsx, searchAudit } from './audit.repository';
import type { AppContext } from './context';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: paged(auditEntry) } }, config: { access: { permission: 'audit.read' } } }, async (req) => {
    const res = await searchAudit(ctx.db, req.query);
    return { ...res, page: req.query.page, pageSize: req.query.pageSize };
  });
  r.get('/api/audit/export', { schema: { tags: ['audit'], querystring: auditQuery.omit({ page: true, pageSize: true }) }, config: { access: { permission: 'audit.export' } } }, async (req, reply) => {
    const { buffer, rows } = await exportAuditXlsx(ctx.db, req.query);
    // The export itself is an audited act.
    await audit(ctx.db, actorOf(req), { action: 'audit.export', entityType: 'audit_log', detail: { filter: req.query, rows } });
    const name = `audit-${new Date().toISOString().slice(0, 10)}.xlsx`;
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}"`);
    return reply.send(buffer);
  });
}
