// The productivity contest's and grade promotion's HTTP routes (the API list is at the top of contracts/contests.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  contestDetail, contestKpi, contestListQuery, contestSummary, decideReviewBody, generateReviewsBody, generateReviewsResult, leaderboard, leaderboardQuery,
  myPosition, participantDetail, participantParams, promotionReview, promotionReviewsQuery, promotionRule, refreshResult, saveContestBody, savePromotionRuleBody,
} from '../../../contracts/contests';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as contests from './contests.service';
import * as board from './contests-board.service';
import * as promotion from './promotion.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = { permission: 'contests.read' as const };
const manage = { permission: 'contests.manage' as const };
const review = { permission: 'promotion.review' as const };
const rules = { permission: 'promotion.rules' as const };

export function contestsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];

  r.get('/api/contests/kpis', { schema: { tags, response: { 200: z.array(contestKpi) } }, config: { access: manage } }, async () => contests.contestKpis(ctx.db));
  r.get('/api/contests', { schema: { tags, querystring: contestListQuery, response: { 200: z.object({ items: z.array(contestSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } }, config: { access: read } }, async (req) =>
    contests.listContests(ctx, principalOf(req), req.query),
  );
  r.post('/api/contests', { schema: { tags, body: saveContestBody, response: { 201: contestDetail } }, config: { access: manage } }, async (req, reply) =>
    reply.status(201).send(await contests.createContest(ctx, actorOf(req), principalOf(req), req.body)),
  );
  r.get('/api/contests/:id', { schema: { tags, params: idParam, response: { 200: contestDetail } }, config: { access: read } }, async (req) =>
    contests.getContest(ctx, principalOf(req), req.params.id),
  );
  r.put('/api/contests/:id', { schema: { tags, params: idParam, body: saveContestBody, response: { 200: contestDetail } }, config: { access: manage } }, async (req) =>
    contests.updateContest(ctx, actorOf(req), principalOf(req), req.params.id, req.body),
  );
  for (const action of ['publish', 'close', 'freeze'] as const) {
    r.post(`/api/contests/:id/${action}`, { schema: { tags, params: idParam, response: { 200: contestDetail } }, config: { access: manage } }, async (req) =>
      contests.transition(ctx, actorOf(req), principalOf(req), req.params.id, action),
    );
  }
  r.post('/api/contests/:id/refresh', { schema: { tags, params: idParam, response: { 200: refreshResult } }, config: { access: manage } }, async (req) =>
    board.refreshByManager(ctx, actorOf(req), principalOf(req), req.params.id),
  );
  r.get('/api/contests/:id/leaderboard', { schema: { tags, params: idParam, querystring: leaderboardQuery, response: { 200: leaderboard } }, config: { access: read } }, async (req) =>
    board.leaderboard(ctx, principalOf(req), req.params.id, req.query),
  );
  r.get('/api/contests/:id/me', { schema: { tags, params: idParam, response: { 200: myPosition } }, config: { access: read } }, async (req) =>
    board.myPosition(ctx, principalOf(req), req.params.id),
  );
  r.get('/api/contests/:id/participants/:staffId', { schema: { tags, params: participantParams, response: { 200: participantDetail } }, config: { access: read } }, async (req) =>
    board.participantDetail(ctx, principalOf(req), req.params.id, req.params.staffId),
  );
  r.get('/api/contests/:id/results.xlsx', { schema: { tags, params: idParam }, config: { access: manage } }, async (req, reply) => {
    const f = await board.exportResults(ctx, actorOf(req), principalOf(req), req.params.id);
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${f.fileName}"`);
    return reply.send(f.content);
  });
  /** Live: an event each time the board is recomputed; the page then refetches its page of the board. */
  r.get('/api/contests/:id/events', { schema: { tags, params: idParam }, config: { access: read } }, async (req, reply) => {
    await board.leaderboard(ctx, principalOf(req), req.params.id, { kind: 'individual', page: 1, pageSize: 1 });
    ctx.hub.open(req, reply, [board.contestTopic(req.params.id)]);
  });

  // Grade promotion.
  r.get('/api/promotion/rules', { schema: { tags, response: { 200: z.array(promotionRule) } }, config: { access: review } }, async (req) =>
    promotion.listRules(ctx, principalOf(req)),
  );
  r.post('/api/promotion/rules', { schema: { tags, body: savePromotionRuleBody, response: { 201: promotionRule } }, config: { access: rules } }, async (req, reply) =>
    reply.status(201).send(await promotion.createRule(ctx, actorOf(req), principalOf(req), req.body)),
  );
  r.put('/api/promotion/rules/:id', { schema: { tags, params: idParam, body: savePromotionRuleBody, response: { 200: promotionRule } }, config: { access: rules } }, async (req) =>
    promotion.updateRule(ctx, actorOf(req), principalOf(req), req.params.id, req.body),
  );
  r.get('/api/promotion/reviews', {
    schema: { tags, querystring: promotionReviewsQuery, response: { 200: z.object({ month: z.string(), items: z.array(promotionReview), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } },
    config: { access: review },
  }, async (req) => promotion.listReviews(ctx, principalOf(req), req.query));
  r.post('/api/promotion/reviews/generate', { schema: { tags, body: generateReviewsBody, response: { 200: generateReviewsResult } }, config: { access: review } }, async (req) =>
    promotion.generateByManager(ctx, actorOf(req), principalOf(req), req.body.month),
  );
  for (const [action, verdict] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    r.post(`/api/promotion/reviews/:id/${action}`, { schema: { tags, params: idParam, body: decideReviewBody, response: { 200: promotionReview } }, config: { access: review } }, async (req) =>
      promotion.decide(ctx, actorOf(req), principalOf(req), req.params.id, verdict, req.body),
    );
  }

  // A recorded or cancelled sale, on any instance, moves the boards a few seconds later.
  const stopListening = board.refreshOnSales(ctx, (e) => app.log.warn({ err: e }, 'contest refresh after a sale failed'));
  app.addHook('onClose', async () => {
    stopListening();
    board.cancelScheduledRefresh(ctx);
  });
}
