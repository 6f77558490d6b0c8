import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  bookPrivilegeBody, cancelPrivilegeUseBody, customerPrivileges, customerPrivilegesQuery, markPrivilegeUsedBody, privilege, privilegeBookResult,
  privilegeCodeParam, privilegeQuotasBody, privilegeReport, privilegeReportQuery, privilegeUse, privilegeUseParams, savePrivilegeBody,
  unusedPrivileges, unusedPrivilegesQuery,
} from '../../../contracts/privileges';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as svc from './privileges.service';

export function privilegesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privileges'];

  // Catalogue and quotas (head office).
  r.get('/api/privileges', { schema: { tags, response: { 200: z.array(privilege) } }, config: { access: { permission: 'privileges.manage' } } }, async () =>
    svc.listCatalogue(ctx),
  );
  r.put('/api/privileges/:privilegeCode', {
    schema: { tags, params: privilegeCodeParam, body: savePrivilegeBody, response: { 200: privilege } },
    config: { access: { permission: 'privileges.manage' } },
  }, async (req) => svc.savePrivilege(ctx, actorOf(req), req.params.privilegeCode, req.body));
  r.put('/api/privileges/:privilegeCode/quotas', {
    schema: { tags, params: privilegeCodeParam, body: privilegeQuotasBody, response: { 200: privilege } },
    config: { access: { permission: 'privileges.manage' } },
  }, async (req) => svc.setQuotas(ctx, actorOf(req), req.params.privilegeCode, req.body));

  // Reports (branch heads, head office).
  r.get('/api/privileges/report', {
    schema: { tags, querystring: privilegeReportQuery, response: { 200: privilegeReport } },
    config: { access: { permission: 'privileges.report' } },
  }, async (req) => svc.report(ctx, principalOf(req), req.query));
  r.get('/api/privileges/unused', {
    schema: { tags, querystring: unusedPrivilegesQuery, response: { 200: unusedPrivileges } },
    config: { access: { permission: 'privileges.report' } },
  }, async (req) => svc.unused(ctx, principalOf(req), req.query));

  // One customer's services.
  r.get('/api/customers/:id/privileges', {
    schema: { tags, params: idParam, querystring: customerPrivilegesQuery, response: { 200: customerPrivileges } },
    config: { access: { permission: 'customers.read' } },
  }, async (req) => svc.customerPrivileges(ctx, principalOf(req), req.params.id, req.query.year));
  r.post('/api/customers/:id/privileges', {
    schema: { tags, params: idParam, body: bookPrivilegeBody, response: { 201: privilegeBookResult } },
    config: { access: { permission: 'privileges.book' } },
  }, async (req, reply) => {
    const res = await svc.book(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return reply.status(201).send(res);
  });
  r.post('/api/customers/:id/privileges/:useId/use', {
    schema: { tags, params: privilegeUseParams, body: markPrivilegeUsedBody, response: { 200: privilegeUse } },
    config: { access: { permission: 'privileges.book' } },
  }, async (req) => svc.markUsed(ctx, actorOf(req), principalOf(req), req.params.id, req.params.useId, req.body));
  r.post('/api/customers/:id/privileges/:useId/cancel', {
    schema: { tags, params: privilegeUseParams, body: cancelPrivilegeUseBody, response: { 200: privilegeUse } },
    config: { access: { permission: 'privileges.book' } },
  }, async (req) => svc.cancel(ctx, actorOf(req), principalOf(req), req.params.id, req.params.useId, req.body));
}
