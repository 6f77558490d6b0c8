import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addNeedBody, addQuestionBody, assignRmBody, createdId, customer360, customerExportQuery, customerIdParam, customerList, customerListQuery,
  customerSearchQuery, customerSearchResult, needParam, ok, questionParam, revealBody, revealResult, riskAssessmentBody, setTemperamentBody,
  temperamentGuide, temperamentParam, timelinePage, timelineQuery, updateCustomerBody, updateNeedBody, updateQuestionBody, updateTemperamentGuideBody,
} from '../../../contracts';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as customers from './customers.service';
import { exportCustomers, XLSX_TYPE } from './customers-export';

const tags = ['customers'];

export function customerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: 'customers.read' as const } };
  const edit = { access: { permission: 'customers.edit' as const } };

  r.get('/api/customers/search', { schema: { tags, querystring: customerSearchQuery, response: { 200: customerSearchResult } }, config: read }, async (req) =>
    customers.searchCustomers(ctx, principalOf(req), req.query.q),
  );
  r.get('/api/customers', { schema: { tags, querystring: customerListQuery, response: { 200: customerList } }, config: read }, async (req) =>
    customers.listCustomers(ctx, principalOf(req), req.query),
  );
  r.get('/api/customers/export', { schema: { tags, querystring: customerExportQuery }, config: { access: { permission: 'customers.export' } } }, async (req, reply) => {
    const file = await exportCustomers(ctx, actorOf(req), principalOf(req), req.query);
    reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-export-rows', String(file.rows))
      .header('x-export-truncated', String(file.truncated));
    return reply.send(file.buffer);
  });
  r.get('/api/customers/:id', { schema: { tags, params: customerIdParam, response: { 200: customer360 } }, config: read }, async (req) =>
    customers.getCustomer360(ctx, actorOf(req), principalOf(req), req.params.id),
  );
  r.get('/api/customers/:id/timeline', { schema: { tags, params: customerIdParam, querystring: timelineQuery, response: { 200: timelinePage } }, config: read }, async (req) =>
    customers.getTimeline(ctx, principalOf(req), req.params.id, req.query.before, req.query.limit),
  );
  r.post('/api/customers/:id/reveal', { schema: { tags, params: customerIdParam, body: revealBody, response: { 200: revealResult } }, config: { access: { permission: 'customers.reveal' } } }, async (req) =>
    customers.revealCustomer(ctx, actorOf(req), principalOf(req), req.params.id, req.body),
  );

  r.patch('/api/customers/:id', { schema: { tags, params: customerIdParam, body: updateCustomerBody, response: { 200: ok } }, config: edit }, async (req) => {
    await customers.updateCustomer(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
  r.post('/api/customers/:id/needs', { schema: { tags, params: customerIdParam, body: addNeedBody, response: { 201: createdId } }, config: edit }, async (req, reply) => {
    reply.status(201);
    return { id: await customers.addNeed(ctx, actorOf(req), principalOf(req), req.params.id, req.body) };
  });
  r.patch('/api/customers/:id/needs/:needId', { schema: { tags, params: needParam, body: updateNeedBody, response: { 200: ok } }, config: edit }, async (req) => {
    await customers.setNeedMet(ctx, actorOf(req), principalOf(req), req.params.id, req.params.needId, req.body.met);
    return { ok: true as const };
  });
  r.post('/api/customers/:id/questions', { schema: { tags, params: customerIdParam, body: addQuestionBody, response: { 201: createdId } }, config: edit }, async (req, reply) => {
    reply.status(201);
    return { id: await customers.addQuestion(ctx, actorOf(req), principalOf(req), req.params.id, req.body.question) };
  });
  r.patch('/api/customers/:id/questions/:qid', { schema: { tags, params: questionParam, body: updateQuestionBody, response: { 200: ok } }, config: edit }, async (req) => {
    await customers.updateQuestion(ctx, actorOf(req), principalOf(req), req.params.id, req.params.qid, req.body);
    return { ok: true as const };
  });
  r.put('/api/customers/:id/temperament', { schema: { tags, params: customerIdParam, body: setTemperamentBody, response: { 200: ok } }, config: edit }, async (req) => {
    await customers.setTemperament(ctx, actorOf(req), principalOf(req), req.params.id, req.body.code);
    return { ok: true as const };
  });
  r.post('/api/customers/:id/risk-assessments', { schema: { tags, params: customerIdParam, body: riskAssessmentBody, response: { 201: createdId } }, config: edit }, async (req, reply) => {
    reply.status(201);
    return { id: await customers.addRiskAssessment(ctx, actorOf(req), principalOf(req), req.params.id, req.body) };
  });
  r.put('/api/customers/:id/rm', { schema: { tags, params: customerIdParam, body: assignRmBody, response: { 200: ok } }, config: { access: { permission: 'customers.assign' } } }, async (req) => {
    await customers.assignRm(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });

  r.get('/api/temperaments', { schema: { tags, response: { 200: z.array(temperamentGuide) } }, config: { access: {} } }, async () => customers.listTemperamentGuides(ctx));
  r.put('/api/temperaments/:code', { schema: { tags, params: temperamentParam, body: updateTemperamentGuideBody, response: { 200: ok } }, config: { access: { permission: 'temperament.manage' } } }, async (req) => {
    await customers.updateTemperamentGuide(ctx, actorOf(req), principalOf(req), req.params.code, req.body);
    return { ok: true as const };
  });
}
