// Routes of tiered service: the ladder, its settings, the evaluation and manual overrides.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  clearTierOverrideBody, customerTier, replaceTiersBody, tier, tierOverrideBody, tierRun, tierRunsQuery, tierSettings, updateTierSettingsBody,
} from '../../../contracts/tiers';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as tiers from './tiers.service';

export function tierRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/tiers', { schema: { tags: ['tiers'], response: { 200: z.array(tier) } }, config: { access: {} } }, async () => tiers.listTiers(ctx));
  r.put('/api/tiers', { schema: { tags: ['tiers'], body: replaceTiersBody, response: { 200: z.array(tier) } }, config: { access: { permission: 'tiers.manage' } } }, async (req) =>
    tiers.replaceTiers(ctx, actorOf(req), req.body),
  );
  r.get('/api/tiers/settings', { schema: { tags: ['tiers'], response: { 200: tierSettings } }, config: { access: {} } }, async () => tiers.getSettings(ctx));
  r.put('/api/tiers/settings', { schema: { tags: ['tiers'], body: updateTierSettingsBody, response: { 200: tierSettings } }, config: { access: { permission: 'tiers.manage' } } }, async (req) =>
    tiers.updateSettings(ctx, actorOf(req), principalOf(req), req.body),
  );
  // 202: the run goes on in the background (a million customers outlast a request); follow it below.
  r.post('/api/tiers/evaluate', { schema: { tags: ['tiers'], response: { 202: tierRun } }, config: { access: { permission: 'tiers.manage' } } }, async (req, reply) => {
    const run = await tiers.startTierEvaluation(ctx, actorOf(req));
    reply.status(202);
    return run;
  });
  r.get('/api/tiers/runs/:id', { schema: { tags: ['tiers'], params: idParam, response: { 200: tierRun } }, config: { access: { permission: 'tiers.manage' } } }, async (req) =>
    tiers.getRun(ctx, req.params.id),
  );
  app.addHook('onClose', async () => tiers.settleTierEvaluations());
  r.get('/api/tiers/runs', { schema: { tags: ['tiers'], querystring: tierRunsQuery, response: { 200: z.array(tierRun) } }, config: { access: { permission: 'tiers.manage' } } }, async (req) =>
    tiers.listRuns(ctx, req.query.limit),
  );

  r.get('/api/customers/:id/tier', { schema: { tags: ['tiers'], params: idParam, response: { 200: customerTier } }, config: { access: { permission: 'customers.read' } } }, async (req) =>
    tiers.customerTier(ctx, principalOf(req), req.params.id),
  );
  r.post('/api/customers/:id/tier-override', {
    schema: { tags: ['tiers'], params: idParam, body: tierOverrideBody, response: { 200: customerTier } },
    config: { access: { permission: 'tiers.override' } },
  }, async (req) => tiers.setOverride(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/customers/:id/tier-override/clear', {
    schema: { tags: ['tiers'], params: idParam, body: clearTierOverrideBody.nullish(), response: { 200: customerTier } },
    config: { access: { permission: 'tiers.override' } },
  }, async (req) => tiers.clearOverride(ctx, actorOf(req), principalOf(req), req.params.id, req.body ?? {}));
}
