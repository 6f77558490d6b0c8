// HTTP routes of referrals, prospects and the pipeline, campaigns, care events and market research.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendBody, campaign, campaignBody, campaignList, careEvent, careEventBody, careEventList, countResult, createReferralBody, growthReferral, growthReferralPage,
  growthWorkbench, idParam, invitationList, inviteBody, launchResult, newProspectBody, ok, opportunity, opportunityBody, outsideProspect, pipelineView,
  prospectCustomerPage, prospectListQuery, referralListQuery, referralRm, researchBody, researchListQuery, researchPage, researchRow, rsvpBody,
  segmentPreview, segmentPreviewBody, updateOpportunityBody, workReferralBody,
} from '../../../contracts';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as campaigns from './growth-campaigns.service';
import * as events from './growth-events.service';
import * as pipe from './growth-pipeline.service';
import * as referrals from './growth-referrals.service';
import * as research from './growth-research.service';

const tags = ['growth'];

export function growthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const refer = { access: { permission: 'referrals.create' as const } };
  const work = { access: { permission: 'referrals.work' as const } };
  const manage = { access: { permission: 'campaigns.manage' as const } };
  const ev = { access: { permission: 'events.manage' as const } };

  // ---- referrals: a referrer lists the ones they made, the RM the ones to work (checked in the service)
  r.get('/api/growth/referrals', { schema: { tags, querystring: referralListQuery, response: { 200: growthReferralPage } }, config: { access: {} } }, async (req) =>
    referrals.listReferrals(ctx, principalOf(req), req.query),
  );
  r.get('/api/growth/referral-rms', { schema: { tags, response: { 200: z.array(referralRm) } }, config: refer }, async (req) => referrals.referralRms(ctx, principalOf(req)));
  r.post('/api/growth/referrals', { schema: { tags, body: createReferralBody, response: { 201: growthReferral } }, config: refer }, async (req, reply) => {
    reply.status(201);
    return referrals.createReferral(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.post('/api/growth/referrals/:id/status', { schema: { tags, params: idParam, body: workReferralBody, response: { 200: growthReferral } }, config: work }, async (req) =>
    referrals.workReferral(ctx, actorOf(req), principalOf(req), req.params.id, req.body),
  );

  // ---- prospects and the pipeline
  r.get('/api/growth/prospects', { schema: { tags, querystring: prospectListQuery, response: { 200: prospectCustomerPage } }, config: work }, async (req) =>
    pipe.listProspectCustomers(ctx, principalOf(req), req.query),
  );
  r.get('/api/growth/outside-prospects', { schema: { tags, response: { 200: z.array(outsideProspect) } }, config: work }, async (req) => pipe.listOutsideProspects(ctx, principalOf(req)));
  r.post('/api/growth/outside-prospects', { schema: { tags, body: newProspectBody, response: { 201: outsideProspect } }, config: work }, async (req, reply) => {
    reply.status(201);
    return pipe.addOutsideProspect(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.get('/api/growth/pipeline', { schema: { tags, response: { 200: pipelineView } }, config: work }, async (req) => pipe.pipeline(ctx, principalOf(req)));
  r.post('/api/growth/opportunities', { schema: { tags, body: opportunityBody, response: { 201: opportunity } }, config: work }, async (req, reply) => {
    reply.status(201);
    return pipe.createOpportunity(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.patch('/api/growth/opportunities/:id', { schema: { tags, params: idParam, body: updateOpportunityBody, response: { 200: opportunity } }, config: work }, async (req) =>
    pipe.updateOpportunity(ctx, actorOf(req), principalOf(req), req.params.id, req.body),
  );
  r.get('/api/growth/workbench', { schema: { tags, response: { 200: growthWorkbench } }, config: work }, async (req) => pipe.workbench(ctx, principalOf(req)));

  // ---- segments and campaigns
  r.post('/api/growth/segments/preview', { schema: { tags, body: segmentPreviewBody, response: { 200: segmentPreview } }, config: manage }, async (req) =>
    campaigns.previewSegment(ctx, principalOf(req), req.body.filters),
  );
  r.get('/api/growth/campaigns', { schema: { tags, response: { 200: campaignList } }, config: manage }, async (req) => campaigns.listCampaigns(ctx, principalOf(req)));
  r.get('/api/growth/campaigns/:id', { schema: { tags, params: idParam, response: { 200: campaign } }, config: manage }, async (req) => campaigns.getCampaign(ctx, principalOf(req), req.params.id));
  r.post('/api/growth/campaigns', { schema: { tags, body: campaignBody, response: { 201: campaign } }, config: manage }, async (req, reply) => {
    reply.status(201);
    return campaigns.createCampaign(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.post('/api/growth/campaigns/:id/launch', { schema: { tags, params: idParam, response: { 200: launchResult } }, config: manage }, async (req) =>
    campaigns.launchCampaign(ctx, actorOf(req), principalOf(req), req.params.id),
  );

  // ---- care events
  r.post('/api/growth/events/segment-preview', { schema: { tags, body: segmentPreviewBody, response: { 200: segmentPreview } }, config: ev }, async (req) =>
    campaigns.previewSegment(ctx, principalOf(req), req.body.filters, 'events.manage'),
  );
  r.get('/api/growth/events', { schema: { tags, response: { 200: careEventList } }, config: ev }, async (req) => events.listEvents(ctx, principalOf(req)));
  r.post('/api/growth/events', { schema: { tags, body: careEventBody, response: { 201: careEvent } }, config: ev }, async (req, reply) => {
    reply.status(201);
    return events.createEvent(ctx, actorOf(req), principalOf(req), req.body);
  });
  r.post('/api/growth/events/:id/invitations', { schema: { tags, params: idParam, body: inviteBody, response: { 200: countResult } }, config: ev }, async (req) =>
    events.inviteSegment(ctx, actorOf(req), principalOf(req), req.params.id, req.body.filters),
  );
  r.get('/api/growth/events/:id/invitations', { schema: { tags, params: idParam, response: { 200: invitationList } }, config: ev }, async (req) =>
    events.listInvitations(ctx, principalOf(req), req.params.id),
  );
  r.post('/api/growth/events/:id/rsvp', { schema: { tags, params: idParam, body: rsvpBody, response: { 200: ok } }, config: ev }, async (req) => {
    await events.recordRsvp(ctx, actorOf(req), principalOf(req), req.params.id, req.body.customerId, req.body.rsvp);
    return { ok: true as const };
  });
  r.post('/api/growth/events/:id/attendance', { schema: { tags, params: idParam, body: attendBody, response: { 200: ok } }, config: ev }, async (req) => {
    await events.checkInAttendee(ctx, actorOf(req), principalOf(req), req.params.id, req.body.customerId);
    return { ok: true as const };
  });
  r.post('/api/growth/events/:id/close', { schema: { tags, params: idParam, response: { 200: countResult } }, config: ev }, async (req) =>
    events.closeEvent(ctx, actorOf(req), principalOf(req), req.params.id),
  );

  // ---- market research
  r.get('/api/growth/research', { schema: { tags, querystring: researchListQuery, response: { 200: researchPage } }, config: { access: { permission: 'research.read' } } }, async (req) =>
    research.listResearch(ctx, principalOf(req), req.query),
  );
  r.post('/api/growth/research', { schema: { tags, body: researchBody, response: { 201: researchRow } }, config: { access: { permission: 'research.record' } } }, async (req, reply) => {
    reply.status(201);
    return research.recordResearch(ctx, actorOf(req), principalOf(req), req.body);
  });
}
