// The products module's HTTP routes: catalogue, head office's rules, sales, the customer's panel, reports.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  allocationModel, allocationModelsBody, allocationReviewBody, cancelSaleBody, checkSaleBody, crossSellQuery, crossSellReport, customerProducts,
  productCodeParam, productDetail, productDocument, productDocumentParams, productDocumentUploadQuery, productImportQuery, productImportResult,
  productList, productListQuery, productSettings, productSettingsBody, recordSaleBody, sale, saleParams, salesReport, salesReportQuery,
  saveProductBody, suitabilityMatrix, suitabilityMatrixBody, suitabilityResult,
} from '../../../contracts/products';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as svc from './products.service';
import * as sales from './products-sales.service';
import * as alloc from './products-allocation.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = { permission: 'products.read' as const };
const manage = { permission: 'products.manage' as const };
const record = { permission: 'sales.record' as const };

export function productsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];

  // Catalogue.
  r.get('/api/products', { schema: { tags, querystring: productListQuery, response: { 200: productList } }, config: { access: read } }, async (req) =>
    svc.listProducts(ctx, req.query),
  );
  r.get('/api/products/:productCode', { schema: { tags, params: productCodeParam, response: { 200: productDetail } }, config: { access: read } }, async (req) =>
    svc.getProduct(ctx, req.params.productCode),
  );
  r.put('/api/products/:productCode', {
    schema: { tags, params: productCodeParam, body: saveProductBody, response: { 200: productDetail } },
    config: { access: manage },
  }, async (req) => {
    const code = req.params.productCode.toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{1,29}$/.test(code)) {
      const m = { zh: '「产品代码」应为 2–30 位大写字母、数字或连字符', en: '"Product code" must be 2–30 capital letters, digits or hyphens' };
      throw badRequest('BAD_PRODUCT_CODE', m.zh, m.en, [{ path: 'productCode', ...m }]);
    }
    return svc.saveProduct(ctx, actorOf(req), principalOf(req), code, req.body);
  });
  r.get('/api/products/:productCode/documents/:docId', { schema: { tags, params: productDocumentParams }, config: { access: read } }, async (req, reply) => {
    const doc = await svc.documentContent(ctx, req.params.productCode, req.params.docId);
    reply.header('content-type', doc.contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    return reply.send(doc.content);
  });
  r.get('/api/products/import-template.xlsx', { schema: { tags }, config: { access: manage } }, async (_req, reply) => {
    const { default: ExcelJS } = await import('exceljs');
    const { IMPORT_HEADERS } = await import('./products-import');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('产品').addRow(IMPORT_HEADERS);
    reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="products-template.xlsx"');
    return reply.send(Buffer.from(await wb.xlsx.writeBuffer()));
  });

  // Files arrive as the raw request body (no multipart).
  app.register(async (scoped) => {
    scoped.addContentTypeParser(['application/octet-stream', XLSX, 'application/pdf'], { parseAs: 'buffer', bodyLimit: svc.MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    s.post('/api/products/import', {
      schema: { tags, querystring: productImportQuery, response: { 200: productImportResult } },
      config: { access: manage },
      bodyLimit: svc.MAX_DOCUMENT_BYTES,
    }, async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('EMPTY_FILE', '请选择要导入的文件', 'Choose a file to import');
      const { importProducts } = await import('./products-import');
      return importProducts(ctx, actorOf(req), principalOf(req), req.query.fileName, req.body);
    });
    s.post('/api/products/:productCode/documents', {
      schema: { tags, params: productCodeParam, querystring: productDocumentUploadQuery, response: { 201: productDocument } },
      config: { access: manage },
      bodyLimit: svc.MAX_DOCUMENT_BYTES,
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('EMPTY_FILE', '请选择要上传的文件', 'Choose a file to upload');
      const doc = await svc.addDocument(ctx, actorOf(req), principalOf(req), req.params.productCode, {
        fileName: req.query.fileName, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), content: req.body,
      });
      return reply.status(201).send(doc);
    });
  });

  // Head office's rules.
  r.get('/api/product-rules/suitability', { schema: { tags, response: { 200: suitabilityMatrix } }, config: { access: read } }, async () => svc.getMatrix(ctx));
  r.put('/api/product-rules/suitability', { schema: { tags, body: suitabilityMatrixBody, response: { 200: suitabilityMatrix } }, config: { access: manage } }, async (req) =>
    svc.saveMatrix(ctx, actorOf(req), principalOf(req), req.body),
  );
  r.get('/api/product-rules/settings', { schema: { tags, response: { 200: productSettings } }, config: { access: read } }, async () => svc.getSettings(ctx));
  r.put('/api/product-rules/settings', { schema: { tags, body: productSettingsBody, response: { 200: productSettings } }, config: { access: manage } }, async (req) =>
    svc.saveSettings(ctx, actorOf(req), principalOf(req), req.body),
  );
  r.get('/api/product-rules/allocation-models', { schema: { tags, response: { 200: z.array(allocationModel) } }, config: { access: read } }, async () => svc.getModels(ctx));
  r.put('/api/product-rules/allocation-models', {
    schema: { tags, body: allocationModelsBody, response: { 200: z.array(allocationModel) } },
    config: { access: manage },
  }, async (req) => svc.saveModels(ctx, actorOf(req), principalOf(req), req.body));

  // One customer: the panel, suitability, sales, reviews.
  r.get('/api/customers/:id/products', { schema: { tags, params: idParam, response: { 200: customerProducts } }, config: { access: { permission: 'customers.read' } } }, async (req) =>
    alloc.customerProducts(ctx, principalOf(req), req.params.id),
  );
  r.post('/api/customers/:id/sales/check', { schema: { tags, params: idParam, body: checkSaleBody, response: { 200: suitabilityResult } }, config: { access: record } }, async (req) =>
    sales.checkSale(ctx, principalOf(req), req.params.id, req.body),
  );
  r.post('/api/customers/:id/sales', { schema: { tags, params: idParam, body: recordSaleBody, response: { 201: sale } }, config: { access: record } }, async (req, reply) => {
    const res = await sales.recordSale(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return reply.status(201).send(res);
  });
  r.post('/api/customers/:id/sales/:saleId/cancel', { schema: { tags, params: saleParams, body: cancelSaleBody, response: { 200: sale } }, config: { access: record } }, async (req) =>
    sales.cancelSale(ctx, actorOf(req), principalOf(req), req.params.id, req.params.saleId, req.body.reason),
  );
  r.post('/api/customers/:id/allocation-reviews', {
    schema: { tags, params: idParam, body: allocationReviewBody, response: { 201: z.object({ id: z.number().int(), drift: z.string() }) } },
    config: { access: record },
  }, async (req, reply) => reply.status(201).send(await alloc.recordReview(ctx, actorOf(req), principalOf(req), req.params.id, req.body.note)));

  // Reports.
  r.get('/api/sales/report', { schema: { tags, querystring: salesReportQuery, response: { 200: salesReport } }, config: { access: { permission: 'sales.report' } } }, async (req) =>
    sales.salesReport(ctx, principalOf(req), req.query),
  );
  r.get('/api/sales/cross-sell', { schema: { tags, querystring: crossSellQuery, response: { 200: crossSellReport } }, config: { access: { permission: 'sales.report' } } }, async (req) =>
    sales.crossSellReport(ctx, principalOf(req), req.query.groupBy),
  );
}
