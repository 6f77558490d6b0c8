// HTTP routes of satisfaction surveys: set-up (head office), distribution and staff entry (branches),
// the public survey page (no login, rate-limited, no personal data), the report and improvement plans.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  addImprovementActionBody, completeImprovementActionBody, createImprovementPlanBody, createQuestionnaireBody, drawSampleBody, enterSurveyBody,
  improvementActionParams, improvementPlan, publicSurvey, saveProgrammeBody, submitSurveyBody, surveyDrawResult, surveyEntryForm, surveyEntryResult, surveyExportQuery,
  surveyInvitationListQuery, surveyInvitationPage, surveyLink, surveyProgramme, surveyQuestionnaire, surveyReceipt, surveyReport, surveyReportQuery,
  surveySamplePlan, surveyTokenParam, updateQuestionnaireBody,
} from '../../../contracts/surveys';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as svc from './surveys.service';
import * as intake from './surveys-intake.service';
import * as reports from './surveys-report.service';

/** A link is unguessable; the limit keeps one address from hammering one link or scanning for others. */
const publicLimit = { max: 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `${req.ip}|${(req.params as { token?: string } | undefined)?.token ?? ''}` };

export function surveysRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  const manage = { access: { permission: 'surveys.manage' as const } };

  // Questionnaires (head office).
  r.get('/api/surveys/questionnaires', { schema: { tags, response: { 200: z.array(surveyQuestionnaire) } }, config: manage }, async () => svc.listQuestionnaires(ctx));
  r.get('/api/surveys/questionnaires/:id', { schema: { tags, params: idParam, response: { 200: surveyQuestionnaire } }, config: manage }, async (req) => svc.getQuestionnaire(ctx, req.params.id));
  r.post('/api/surveys/questionnaires', { schema: { tags, body: createQuestionnaireBody, response: { 201: surveyQuestionnaire } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await svc.createQuestionnaire(ctx, actorOf(req), principalOf(req), req.body)));
  r.put('/api/surveys/questionnaires/:id', { schema: { tags, params: idParam, body: updateQuestionnaireBody, response: { 200: surveyQuestionnaire } }, config: manage }, async (req) =>
    svc.updateQuestionnaire(ctx, actorOf(req), principalOf(req), req.params.id, req.body));

  // Programmes and their samples.
  r.get('/api/surveys/programmes', { schema: { tags, response: { 200: z.array(surveyProgramme) } }, config: manage }, async () => svc.listProgrammes(ctx));
  r.put('/api/surveys/programmes', { schema: { tags, body: saveProgrammeBody, response: { 200: surveyProgramme } }, config: manage }, async (req) => svc.saveProgramme(ctx, actorOf(req), req.body));
  r.get('/api/surveys/programmes/:id/sample', { schema: { tags, params: idParam, response: { 200: surveySamplePlan } }, config: manage }, async (req) => svc.samplePlan(ctx, req.params.id));
  r.post('/api/surveys/programmes/:id/draw', { schema: { tags, params: idParam, body: drawSampleBody, response: { 200: surveyDrawResult } }, config: manage }, async (req) =>
    svc.draw(ctx, actorOf(req), req.params.id, req.body.wave));

  // Invitations and staff entry (branches).
  const enterAccess = { access: { permission: 'surveys.enter' as const } };
  r.get('/api/surveys/invitations', { schema: { tags, querystring: surveyInvitationListQuery, response: { 200: surveyInvitationPage } }, config: enterAccess }, async (req) =>
    svc.listInvitations(ctx, principalOf(req), req.query));
  r.post('/api/surveys/invitations/:id/link', { schema: { tags, params: idParam, response: { 200: surveyLink } }, config: enterAccess }, async (req) =>
    svc.issueLink(ctx, actorOf(req), principalOf(req), req.params.id, `${req.protocol}://${req.host}`));
  r.get('/api/surveys/entry-forms', { schema: { tags, response: { 200: z.array(surveyEntryForm) } }, config: enterAccess }, async () => svc.entryForms(ctx));
  r.post('/api/surveys/entries', { schema: { tags, body: enterSurveyBody, response: { 201: surveyEntryResult } }, config: enterAccess }, async (req, reply) =>
    reply.status(201).send(await intake.enter(ctx, actorOf(req), principalOf(req), req.body)));

  // The public survey page: no session, no personal data.
  r.get('/api/public/surveys/:token', { schema: { tags, params: surveyTokenParam, response: { 200: publicSurvey } }, config: { access: { public: true }, rateLimit: publicLimit } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return intake.publicSurvey(ctx, req.params.token);
  });
  r.post('/api/public/surveys/:token', { schema: { tags, params: surveyTokenParam, body: submitSurveyBody, response: { 200: surveyReceipt } }, config: { access: { public: true }, rateLimit: publicLimit } }, async (req) =>
    intake.submit(ctx, req.params.token, req.body));

  // The report and its exports.
  const reportAccess = { access: { permission: 'surveys.report' as const } };
  r.get('/api/surveys/report', { schema: { tags, querystring: surveyReportQuery, response: { 200: surveyReport } }, config: reportAccess }, async (req) => reports.report(ctx, principalOf(req), req.query));
  r.get('/api/surveys/report/export', { schema: { tags, querystring: surveyExportQuery }, config: reportAccess }, async (req, reply) => {
    const f = await reports.exportReport(ctx, actorOf(req), principalOf(req), req.query);
    return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  });

  // Improvement plans.
  const planAccess = { access: { permission: 'improvement.manage' as const } };
  r.get('/api/surveys/plans', { schema: { tags, response: { 200: z.array(improvementPlan) } }, config: planAccess }, async (req) => reports.listPlans(ctx, principalOf(req)));
  r.post('/api/surveys/plans', { schema: { tags, body: createImprovementPlanBody, response: { 201: improvementPlan } }, config: planAccess }, async (req, reply) =>
    reply.status(201).send(await reports.createPlan(ctx, actorOf(req), principalOf(req), req.body)));
  r.post('/api/surveys/plans/:id/actions', { schema: { tags, params: idParam, body: addImprovementActionBody, response: { 200: improvementPlan } }, config: planAccess }, async (req) =>
    reports.addAction(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/surveys/plans/:id/actions/:actionId/done', { schema: { tags, params: improvementActionParams, body: completeImprovementActionBody, response: { 200: improvementPlan } }, config: planAccess }, async (req) =>
    reports.completeAction(ctx, actorOf(req), principalOf(req), req.params.id, req.params.actionId, req.body));
}
