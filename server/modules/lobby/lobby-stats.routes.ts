import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  amendDayBody, attainmentQuery, attainmentReport, branchIdParam, closeDayBody, dailyStats, dayQuery, staffingAdvice, staffingQuery,
} from '../../../contracts/lobby';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as svc from './lobby-stats.service';

export function lobbyStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lobby'];
  r.get('/api/lobby/outlets/:branchId/attainment', {
    schema: { tags, params: branchIdParam, querystring: attainmentQuery, response: { 200: attainmentReport } },
    config: { access: { permission: 'lobby.stats' } },
  }, async (req) => svc.attainmentReport(ctx, principalOf(req), req.params.branchId, req.query));
  r.get('/api/lobby/outlets/:branchId/staffing', {
    schema: { tags, params: branchIdParam, querystring: staffingQuery, response: { 200: staffingAdvice } },
    config: { access: { permission: 'lobby.stats' } },
  }, async (req) => svc.staffingAdvice(ctx, principalOf(req), req.params.branchId, req.query.weekStart));
  r.get('/api/lobby/outlets/:branchId/daily-stats', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: dailyStats } },
    config: { access: { permission: 'lobby.stats' } },
  }, async (req) => svc.dailyStats(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.get('/api/lobby/outlets/:branchId/daily-stats/export', {
    schema: { tags, params: branchIdParam, querystring: dayQuery },
    config: { access: { permission: 'lobby.stats' } },
  }, async (req, reply) => {
    const { buffer, name } = await svc.exportDailyXlsx(ctx, actorOf(req), principalOf(req), req.params.branchId, req.query.date);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}"`);
    return reply.send(buffer);
  });
  r.post('/api/lobby/outlets/:branchId/daily-stats/close', {
    schema: { tags, params: branchIdParam, body: closeDayBody, response: { 200: dailyStats } },
    config: { access: { permission: 'lobby.stats.close' } },
  }, async (req) => svc.closeDay(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body.date));
  r.post('/api/lobby/outlets/:branchId/daily-stats/amend', {
    schema: { tags, params: branchIdParam, body: amendDayBody, response: { 200: dailyStats } },
    config: { access: { permission: 'lobby.stats.close' } },
  }, async (req) => svc.amendDay(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body));
}
