// The assessment's HTTP routes (the API list is at the top of contracts/performance.ts). Thin: parse,
// call the service, answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  dashboardQuery, factsParams, freezeBody, kpiFacts, monthQuery, perfDashboard, perfKpi, perfRun, perfScorecard, recomputeRequestBody, rejectBody, runNowBody,
  saveKpiBody, saveScorecardBody, saveTargetsBody, staffParam, staffScorecard,
} from '../../../contracts/performance';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as library from './perf-library.service';
import * as runsSvc from './perf-run.service';
import * as views from './perf-views.service';
import { shanghaiToday, monthOf } from './perf-dates';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = { access: { permission: 'performance.read' as const } };
const manage = { access: { permission: 'performance.manage' as const } };
const approve = { access: { permission: 'performance.approve' as const } };
const signedIn = { access: {} };

export function performanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['performance'];

  // The KPI library and scorecards.
  r.get('/api/performance/kpis', { schema: { tags, response: { 200: z.array(perfKpi) } }, config: read }, async () => library.listKpis(ctx));
  r.post('/api/performance/kpis', { schema: { tags, body: saveKpiBody, response: { 201: perfKpi } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await library.saveKpi(ctx, actorOf(req), principalOf(req).staffId, req.body)));
  r.put('/api/performance/kpis/:id', { schema: { tags, params: idParam, body: saveKpiBody, response: { 200: perfKpi } }, config: manage }, async (req) =>
    library.saveKpi(ctx, actorOf(req), principalOf(req).staffId, req.body, req.params.id));
  r.get('/api/performance/scorecards', { schema: { tags, response: { 200: z.array(perfScorecard) } }, config: read }, async () => library.listScorecards(ctx));
  r.post('/api/performance/scorecards', { schema: { tags, body: saveScorecardBody, response: { 201: perfScorecard } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await library.saveScorecard(ctx, actorOf(req), principalOf(req).staffId, req.body)));
  r.put('/api/performance/scorecards/:id', { schema: { tags, params: idParam, body: saveScorecardBody, response: { 200: perfScorecard } }, config: manage }, async (req) =>
    library.saveScorecard(ctx, actorOf(req), principalOf(req).staffId, req.body, req.params.id));
  r.put('/api/performance/targets', { schema: { tags, body: saveTargetsBody, response: { 200: z.object({ saved: z.number().int() }) } }, config: manage }, async (req) =>
    library.saveTargets(ctx, actorOf(req), principalOf(req).staffId, req.body));

  // Runs: compute now, freeze, and the recomputation of a frozen month (request, then another person approves).
  r.get('/api/performance/runs', { schema: { tags, response: { 200: z.array(perfRun) } }, config: read }, async () => runsSvc.listRuns(ctx.db));
  r.post('/api/performance/runs', { schema: { tags, body: runNowBody, response: { 201: perfRun } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await runsSvc.runNow(ctx.db, actorOf(req), { month: req.body.month, today: shanghaiToday(), by: principalOf(req).staffId })));
  r.post('/api/performance/runs/freeze', { schema: { tags, body: freezeBody, response: { 200: perfRun } }, config: manage }, async (req) =>
    runsSvc.freezeMonth(ctx.db, actorOf(req), { month: req.body.month, today: shanghaiToday(), by: principalOf(req).staffId }));
  r.post('/api/performance/runs/recompute', { schema: { tags, body: recomputeRequestBody, response: { 201: perfRun } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await runsSvc.requestRecompute(ctx.db, actorOf(req), { ...req.body, by: principalOf(req).staffId })));
  r.post('/api/performance/runs/:id/approve', { schema: { tags, params: idParam, response: { 200: perfRun } }, config: approve }, async (req) =>
    runsSvc.approveRecompute(ctx.db, actorOf(req), { runId: req.params.id, by: principalOf(req).staffId }));
  r.post('/api/performance/runs/:id/reject', { schema: { tags, params: idParam, body: rejectBody, response: { 200: perfRun } }, config: approve }, async (req) =>
    runsSvc.rejectRecompute(ctx.db, actorOf(req), { runId: req.params.id, by: principalOf(req).staffId, reason: req.body.reason }));

  // Views.
  r.get('/api/performance/me', { schema: { tags, querystring: monthQuery, response: { 200: staffScorecard } }, config: { access: { permission: 'performance.self' as const } } }, async (req) =>
    views.staffScorecard(ctx, principalOf(req), principalOf(req).staffId, req.query.month));
  r.get('/api/performance/staff/:staffId', { schema: { tags, params: staffParam, querystring: monthQuery, response: { 200: staffScorecard } }, config: signedIn }, async (req) =>
    views.staffScorecard(ctx, principalOf(req), req.params.staffId, req.query.month));
  r.get('/api/performance/staff/:staffId/kpis/:kpiCode/facts', { schema: { tags, params: factsParams, querystring: monthQuery, response: { 200: kpiFacts } }, config: signedIn }, async (req) =>
    views.kpiFacts(ctx, principalOf(req), req.params.staffId, req.params.kpiCode, req.query.month));
  r.get('/api/performance/dashboard', { schema: { tags, querystring: dashboardQuery, response: { 200: perfDashboard } }, config: read }, async (req) =>
    views.dashboard(ctx, principalOf(req), req.query));
  r.get('/api/performance/export.xlsx', { schema: { tags, querystring: monthQuery }, config: { access: { permission: 'performance.export' as const } } }, async (req, reply) => {
    const f = await views.exportXlsx(ctx, actorOf(req), principalOf(req), req.query.month ?? monthOf(shanghaiToday()));
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  });
}
