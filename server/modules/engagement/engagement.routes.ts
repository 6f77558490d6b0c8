// The engagement module's HTTP routes: workbench, tasks, contact log, handovers, reassignment,
// contact-plan rules and book-size limits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityItem, cancelTaskBody, capacityItem, completeTaskBody, createdId, createHandoverBody, customerActivitiesParam, handoverCandidate, handoverFile,
  handoverItem, handoverListQuery, idParam, loggedActivity, logActivityBody, ok, planRule, planRuleParam, reassignBookBody, reassignPreview,
  reassignResult, reassignTaskBody, replaceCapacityBody, returnHandoverBody, staffOption, staleHandovers, taskList, taskListQuery, unassignedCustomers,
  updatePlanRuleBody, workbench,
} from '../../../contracts';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as handover from './engagement-handover.service';
import * as plans from './engagement-plans.service';
import * as engagement from './engagement.service';
import { getWorkbench } from './engagement-workbench.service';

const tags = ['engagement'];
const candidateQuery = z.strictObject({ q: z.string().trim().max(40).optional() });
const previewBody = reassignBookBody.pick({ fromStaffId: true, toStaffIds: true });

export function engagementRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const work = { access: { permission: 'engagement.work' as const } };
  const team = { access: { permission: 'engagement.team' as const } };
  const reassign = { access: { permission: 'handover.reassign' as const } };

  r.get('/api/workbench', { schema: { tags, response: { 200: workbench } }, config: work }, async (req) => getWorkbench(ctx, principalOf(req)));

  r.get('/api/engagement/tasks', { schema: { tags, querystring: taskListQuery, response: { 200: taskList } }, config: work }, async (req) =>
    engagement.listTasks(ctx, principalOf(req), req.query),
  );
  r.post('/api/engagement/tasks/:id/complete', { schema: { tags, params: idParam, body: completeTaskBody, response: { 200: ok } }, config: work }, async (req) => {
    await engagement.completeTask(ctx, actorOf(req), principalOf(req), req.params.id, req.body.outcome);
    return { ok: true as const };
  });
  r.post('/api/engagement/tasks/:id/cancel', { schema: { tags, params: idParam, body: cancelTaskBody, response: { 200: ok } }, config: work }, async (req) => {
    await engagement.cancelTask(ctx, actorOf(req), principalOf(req), req.params.id, req.body.reason);
    return { ok: true as const };
  });
  r.post('/api/engagement/tasks/:id/reassign', { schema: { tags, params: idParam, body: reassignTaskBody, response: { 200: ok } }, config: team }, async (req) => {
    await engagement.reassignTask(ctx, actorOf(req), principalOf(req), req.params.id, req.body);
    return { ok: true as const };
  });

  r.post('/api/engagement/activities', { schema: { tags, body: logActivityBody, response: { 201: loggedActivity } }, config: work }, async (req, reply) => {
    reply.status(201);
    return engagement.logActivity(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.get('/api/engagement/customers/:id/activities', { schema: { tags, params: customerActivitiesParam, response: { 200: z.array(activityItem) } }, config: work }, async (req) =>
    engagement.customerActivities(ctx, principalOf(req), req.params.id),
  );

  r.get('/api/engagement/handovers', { schema: { tags, querystring: handoverListQuery, response: { 200: z.array(handoverItem) } }, config: { access: {} } }, async (req) =>
    handover.listHandovers(ctx, principalOf(req), req.query),
  );
  r.get('/api/engagement/handovers/receivers', { schema: { tags, response: { 200: z.array(staffOption) } }, config: { access: { permission: 'handover.send' } } }, async (req) =>
    handover.handoverReceivers(ctx, principalOf(req)),
  );
  r.get('/api/engagement/handovers/candidates', { schema: { tags, querystring: candidateQuery, response: { 200: z.array(handoverCandidate) } }, config: { access: { permission: 'handover.send' } } }, async (req) =>
    handover.handoverCandidates(ctx, principalOf(req), req.query.q),
  );
  r.post('/api/engagement/handovers', { schema: { tags, body: createHandoverBody, response: { 201: createdId } }, config: { access: { permission: 'handover.send' } } }, async (req, reply) => {
    reply.status(201);
    return { id: await handover.createHandover(ctx, actorOf(req), principalOf(req), req.body) };
  });
  r.get('/api/engagement/handovers/:id', { schema: { tags, params: idParam, response: { 200: handoverFile } }, config: { access: {} } }, async (req) =>
    handover.handoverFile(ctx, actorOf(req), principalOf(req), req.params.id),
  );
  r.post('/api/engagement/handovers/:id/accept', { schema: { tags, params: idParam, response: { 200: z.object({ tasksMoved: z.number().int(), introductionTaskId: z.number().int().nullable() }) } }, config: { access: { permission: 'handover.receive' } } }, async (req) =>
    handover.acceptHandover(ctx, actorOf(req), principalOf(req), req.params.id),
  );
  r.post('/api/engagement/handovers/:id/return', { schema: { tags, params: idParam, body: returnHandoverBody, response: { 200: ok } }, config: { access: { permission: 'handover.receive' } } }, async (req) => {
    await handover.returnHandover(ctx, actorOf(req), principalOf(req), req.params.id, req.body.reason);
    return { ok: true as const };
  });

  r.get('/api/engagement/reports/stale-handovers', { schema: { tags, response: { 200: staleHandovers } }, config: team }, async (req) => handover.staleHandovers(ctx, principalOf(req)));
  r.get('/api/engagement/reports/unassigned', { schema: { tags, response: { 200: unassignedCustomers } }, config: team }, async (req) => handover.unassignedCustomers(ctx, principalOf(req)));

  r.post('/api/engagement/reassignments/preview', { schema: { tags, body: previewBody, response: { 200: reassignPreview } }, config: reassign }, async (req) =>
    handover.previewReassignment(ctx, principalOf(req), req.body),
  );
  r.post('/api/engagement/reassignments', { schema: { tags, body: reassignBookBody, response: { 200: reassignResult } }, config: reassign }, async (req) =>
    handover.reassignBook(ctx, actorOf(req), principalOf(req), req.body),
  );

  r.get('/api/engagement/capacity', { schema: { tags, response: { 200: z.array(capacityItem) } }, config: { access: {} } }, async () => handover.listCapacity(ctx));
  r.put('/api/engagement/capacity', { schema: { tags, body: replaceCapacityBody, response: { 200: z.array(capacityItem) } }, config: { access: { permission: 'engagement.plans' } } }, async (req) =>
    handover.replaceCapacity(ctx, actorOf(req), principalOf(req), req.body),
  );

  r.get('/api/engagement/plans', { schema: { tags, response: { 200: z.array(planRule) } }, config: { access: {} } }, async () => plans.listPlanRules(ctx));
  r.patch('/api/engagement/plans/:code', { schema: { tags, params: planRuleParam, body: updatePlanRuleBody, response: { 200: planRule } }, config: { access: { permission: 'engagement.plans' } } }, async (req) =>
    plans.updatePlanRule(ctx, actorOf(req), principalOf(req), req.params.code, req.body),
  );
}
