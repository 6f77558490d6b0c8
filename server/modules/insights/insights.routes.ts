// The insights module's HTTP routes: models, scores (scoped), training runs and campaigns.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  customerInsight, insightCampaignBody, insightCampaignResult, insightModel, insightModelDetail, insightRun, insightRunsQuery, insightScoreRow, insightScoresQuery, trainInsightsBody,
} from '../../../contracts/insights';
import { paged } from '../../../contracts/common';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as insights from './insights.service';

const tags = ['insights'];

export function insightsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/insights/models', { schema: { tags, response: { 200: z.array(insightModel) } }, config: { access: { permission: 'insights.read' } } }, async () => insights.listModels(ctx));
  r.get('/api/insights/models/:id', { schema: { tags, params: idParam, response: { 200: insightModelDetail } }, config: { access: { permission: 'insights.read' } } }, async (req) =>
    insights.getModel(ctx, req.params.id),
  );
  r.get('/api/insights/scores', { schema: { tags, querystring: insightScoresQuery, response: { 200: paged(insightScoreRow) } }, config: { access: { permission: 'insights.read' } } }, async (req) =>
    insights.listScores(ctx, principalOf(req), req.query),
  );
  r.get('/api/customers/:id/insights', { schema: { tags, params: idParam, response: { 200: z.array(customerInsight) } }, config: { access: { permission: 'insights.read' } } }, async (req) =>
    insights.customerInsights(ctx, principalOf(req), req.params.id),
  );
  // 202: training and rescoring a bank outlast a request; the page follows the run below.
  r.post('/api/insights/train', { schema: { tags, body: trainInsightsBody, response: { 202: insightRun } }, config: { access: { permission: 'insights.manage' } } }, async (req, reply) => {
    const run = await insights.startTraining(ctx, actorOf(req), principalOf(req), req.body);
    reply.status(202);
    return run;
  });
  r.get('/api/insights/runs', { schema: { tags, querystring: insightRunsQuery, response: { 200: z.array(insightRun) } }, config: { access: { permission: 'insights.manage' } } }, async (req) =>
    insights.listRuns(ctx, req.query.limit),
  );
  r.get('/api/insights/runs/:id', { schema: { tags, params: idParam, response: { 200: insightRun } }, config: { access: { permission: 'insights.manage' } } }, async (req) =>
    insights.getRun(ctx, req.params.id),
  );
  app.addHook('onClose', async () => insights.settleInsightRuns());
  r.post('/api/insights/campaigns', { schema: { tags, body: insightCampaignBody, response: { 200: insightCampaignResult } }, config: { access: { permission: 'insights.campaign' } } }, async (req) =>
    insights.createCampaign(ctx, actorOf(req), principalOf(req), req.body),
  );
}
