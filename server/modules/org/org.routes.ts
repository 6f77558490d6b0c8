import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  account, disableAccountBody, openAccountBody, resetPasswordBody, temporaryPasswordResult,
  addCertificateBody, branch, certificate, certificateType, changeGradeBody, closeBranchBody, createBranchBody, createStaffBody,
  expiringQuery, gradeLevel, idParam, importKind, importResult, moveBranchBody, ok, paged, permissionCode, qualificationBody,
  roleCode, rolePermissionsBody, scope, staffDetail, staffQuery, staffSummary, updateBranchBody, updateGradeLevelBody, updateStaffBody,
} from '../../../contracts';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as org from './org.service';
import * as accounts from './org-accounts.service';

const created = z.object({ id: z.number().int() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/branches', { schema: { tags: ['org'], response: { 200: z.array(branch) } }, config: { access: { permission: 'org.branch.read' } } }, async () => org.listBranches(ctx));
  r.post('/api/branches', { schema: { tags: ['org'], body: createBranchBody, response: { 201: created } }, config: { access: { permission: 'org.branch.manage' } } }, async (req, reply) => {
    reply.status(201);
    return { id: await org.createBranch(ctx, actorOf(req), req.body) };
  });
  r.patch('/api/branches/:id', { schema: { tags: ['org'], params: idParam, body: updateBranchBody, response: { 200: ok } }, config: { access: { permission: 'org.branch.manage' } } }, async (req) => {
    await org.updateBranch(ctx, actorOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
  r.post('/api/branches/:id/move', { schema: { tags: ['org'], params: idParam, body: moveBranchBody, response: { 200: ok } }, config: { access: { permission: 'org.branch.manage' } } }, async (req) => {
    await org.moveBranch(ctx, actorOf(req), req.params.id, req.body.parentCode);
    return { ok: true as const };
  });
  r.post('/api/branches/:id/close', { schema: { tags: ['org'], params: idParam, body: closeBranchBody, response: { 200: ok } }, config: { access: { permission: 'org.branch.manage' } } }, async (req) => {
    await org.closeBranch(ctx, actorOf(req), req.params.id, req.body.closedOn, req.body.reason);
    return { ok: true as const };
  });

  r.get('/api/grades', { schema: { tags: ['org'], response: { 200: z.array(gradeLevel) } }, config: { access: {} } }, async () => org.listGrades(ctx));
  r.patch('/api/grades/:id', { schema: { tags: ['org'], params: idParam, body: updateGradeLevelBody, response: { 200: ok } }, config: { access: { permission: 'org.grades.manage' } } }, async (req) => {
    await org.updateGrade(ctx, actorOf(req), req.params.id, req.body);
    return { ok: true as const };
  });

  r.get('/api/staff', { schema: { tags: ['org'], querystring: staffQuery, response: { 200: paged(staffSummary) } }, config: { access: { permission: 'org.staff.read' } } }, async (req) =>
    org.searchStaff(ctx, principalOf(req), req.query),
  );
  r.get('/api/staff/:id', { schema: { tags: ['org'], params: idParam, response: { 200: staffDetail } }, config: { access: { permission: 'org.staff.read' } } }, async (req) =>
    org.getStaff(ctx, actorOf(req), principalOf(req), req.params.id),
  );
  r.post('/api/staff', { schema: { tags: ['org'], body: createStaffBody, response: { 201: created } }, config: { access: { permission: 'org.staff.manage' } } }, async (req, reply) => {
    reply.status(201);
    return { id: await org.createStaff(ctx, actorOf(req), principalOf(req), req.body) };
  });
  r.patch('/api/staff/:id', { schema: { tags: ['org'], params: idParam, body: updateStaffBody, response: { 200: ok } }, config: { access: { permission: 'org.staff.manage' } } }, async (req) => {
    await org.updateStaff(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
  r.post('/api/staff/:id/grade', { schema: { tags: ['org'], params: idParam, body: changeGradeBody, response: { 200: ok } }, config: { access: { permission: 'org.staff.grade' } } }, async (req) => {
    await org.changeGrade(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
  r.post('/api/staff/:id/certificates', { schema: { tags: ['org'], params: idParam, body: addCertificateBody, response: { 201: created } }, config: { access: { permission: 'org.staff.manage' } } }, async (req, reply) => {
    reply.status(201);
    return { id: await org.addCertificate(ctx, actorOf(req), principalOf(req), req.params.id, req.body) };
  });
  r.post('/api/staff/:id/qualification', { schema: { tags: ['org'], params: idParam, body: qualificationBody, response: { 200: ok } }, config: { access: { permission: 'org.staff.manage' } } }, async (req) => {
    await org.recordQualification(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
  r.get('/api/staff/:id/account', { schema: { tags: ['admin'], params: idParam, response: { 200: z.object({ account: account.nullable() }) } }, config: { access: { permission: 'admin.users' } } }, async (req) => ({
    account: await accounts.getAccount(ctx, principalOf(req), req.params.id),
  }));
  r.post('/api/staff/:id/account', { schema: { tags: ['admin'], params: idParam, body: openAccountBody, response: { 201: temporaryPasswordResult } }, config: { access: { permission: 'admin.users' } } }, async (req, reply) => {
    reply.status(201);
    return accounts.openAccount(ctx, actorOf(req), principalOf(req), req.params.id, req.body.username);
  });
  r.post('/api/staff/:id/account/reset-password', { schema: { tags: ['admin'], params: idParam, body: resetPasswordBody, response: { 200: temporaryPasswordResult } }, config: { access: { permission: 'admin.users' } } }, async (req) =>
    accounts.resetPassword(ctx, actorOf(req), principalOf(req), req.params.id, req.body.reason),
  );
  r.post('/api/staff/:id/account/unlock', { schema: { tags: ['admin'], params: idParam, response: { 200: ok } }, config: { access: { permission: 'admin.users' } } }, async (req) => {
    await accounts.unlock(ctx, actorOf(req), principalOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post('/api/staff/:id/account/disabled', { schema: { tags: ['admin'], params: idParam, body: disableAccountBody, response: { 200: ok } }, config: { access: { permission: 'admin.users' } } }, async (req) => {
    await accounts.setAccountDisabled(ctx, actorOf(req), principalOf(req), req.params.id, req.body.disabled);
    return { ok: true as const };
  });
  r.get('/api/certificate-types', { schema: { tags: ['org'], response: { 200: z.array(certificateType) } }, config: { access: {} } }, async () => org.listCertificateTypes(ctx));
  r.get('/api/certificates/expiring', { schema: { tags: ['org'], querystring: expiringQuery, response: { 200: z.array(certificate) } }, config: { access: { permission: 'org.staff.read' } } }, async (req) =>
    org.expiringCertificates(ctx, principalOf(req), req.query.days),
  );

  r.get('/api/roles/permissions', {
    schema: {
      tags: ['admin'],
      response: {
        200: z.object({
          roles: z.array(z.object({ code: roleCode, zh: z.string(), en: z.string() })),
          permissions: z.array(z.object({ code: permissionCode, zh: z.string(), en: z.string(), module: z.string() })),
          grants: z.array(z.object({ role: roleCode, permission: permissionCode, scope })),
        }),
      },
    },
    config: { access: { permission: 'admin.roles' } },
  }, async () => org.rolePermissionMatrix(ctx));
  r.put('/api/roles/:role/permissions', {
    schema: { tags: ['admin'], params: z.object({ role: roleCode }), body: rolePermissionsBody.omit({ role: true }), response: { 200: ok } },
    config: { access: { permission: 'admin.roles' } },
  }, async (req) => {
    await org.setRolePermissions(ctx, actorOf(req), principalOf(req), req.params.role, req.body.grants);
    return { ok: true as const };
  });

  // Files arrive as the raw request body: no multipart parsing, the size cap applies as it streams in.
  app.register(async (scoped) => {
    scoped.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX], { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    s.post('/api/import/:kind', {
      schema: {
        tags: ['org'],
        params: z.object({ kind: importKind }),
        querystring: z.object({ mode: z.enum(['all', 'valid']).default('all'), fileName: z.string().trim().min(1).max(200) }),
        response: { 200: importResult },
      },
      config: { access: { permission: 'org.import' } },
      bodyLimit: 50 * 1024 * 1024,
    }, async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('EMPTY_FILE', '请选择要导入的文件', 'Choose a file to import');
      const p = principalOf(req);
      const { importOrgFile } = await import('./org-import.service');
      return importOrgFile(ctx.db, { kind: req.params.kind, fileName: req.query.fileName, bytes: req.body, mode: req.query.mode, actorUserId: p.userId, actor: actorOf(req) });
    });
  });
  r.get('/api/import/template/:kind', { schema: { tags: ['org'], params: z.object({ kind: importKind }) }, config: { access: { permission: 'org.import' } } }, async (req, reply) => {
    const { templateWorkbook } = await import('./org-import.file');
    const buf = await templateWorkbook(req.params.kind);
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${req.params.kind}-template.xlsx"`);
    return reply.send(buf);
  });
}
