import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  customerImportDetail,
  customerImportRunBody,
  customerImportSummary,
  customerImportUploadQuery,
  customerImportUploadResult,
} from '../../../contracts/customer-import';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as imports from './customer-import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const access = { permission: 'customers.import' as const };

export function customerImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The file arrives as the raw request body and is streamed into storage (no multipart, no
  // buffering of the whole file); the size cap is counted as it streams.
  app.register(async (scoped) => {
    scoped.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    s.post('/api/customer-imports', {
      schema: { tags: ['customers'], querystring: customerImportUploadQuery, response: { 201: customerImportUploadResult } },
      config: { access },
      bodyLimit: imports.MAX_FILE_BYTES,
    }, async (req, reply) => {
      const body = req.body as unknown;
      if (!body || typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] !== 'function') {
        throw badRequest('EMPTY_FILE', '请选择要导入的文件（以文件内容作为请求体上传）', 'Choose a file to import (send the file as the request body)');
      }
      const res = await imports.uploadCustomerImport(ctx, actorOf(req), principalOf(req), { kind: req.query.kind, fileName: req.query.fileName, body: body as AsyncIterable<Buffer> });
      reply.status(201);
      return res;
    });
  });

  r.get('/api/customer-imports', { schema: { tags: ['customers'], response: { 200: z.array(customerImportSummary) } }, config: { access } }, async (req) =>
    imports.listCustomerImports(ctx, principalOf(req)),
  );
  r.get('/api/customer-imports/:id', { schema: { tags: ['customers'], params: idParam, response: { 200: customerImportDetail } }, config: { access } }, async (req) =>
    imports.getCustomerImport(ctx, principalOf(req), req.params.id),
  );
  r.post('/api/customer-imports/:id/run', {
    schema: { tags: ['customers'], params: idParam, body: customerImportRunBody, response: { 202: customerImportSummary } },
    config: { access },
  }, async (req, reply) => {
    const res = await imports.startCustomerImport(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    reply.status(202);
    return res;
  });
  r.get('/api/customer-imports/:id/errors.xlsx', { schema: { tags: ['customers'], params: idParam }, config: { access } }, async (req, reply) => {
    const { fileName, stream } = await imports.customerImportErrorReport(ctx, actorOf(req), principalOf(req), req.params.id);
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="import-errors.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return reply.send(stream);
  });

  // A stop waits for the imports this instance is running, so none is cut off mid-merge.
  app.addHook('onClose', async () => imports.settleCustomerImports());
}
