// The quality module's HTTP routes: complaints and their reports, service standards, inspections
// and the team evaluation (the satisfaction surveys register their own routes).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  assignComplaintBody, complaintCallbackBody, complaintContact, complaintDetail, complaintFileQuery, complaintHandler, complaintHandlersQuery,
  complaintIntakeBody, complaintListQuery, complaintPage, complaintReport, complaintReportQuery, complaintStepBody, complaintStepParams,
  extendComplaintBody, inspectionBody, inspectionDetail, inspectionListQuery, inspectionPage, inspectionScores, inspectionScoresQuery,
  qualityFileParams, regulatoryExportQuery, revealComplaintBody, saveStandardBody, serviceStandard, standardsLibrary, teamEvaluation,
  teamEvaluationQuery, teamFeedbackBody, teamRatingBody,
} from '../../../contracts/quality';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as complaints from './complaints.service';
import * as workflow from './complaints-workflow.service';
import * as reports from './complaints-report.service';
import * as standards from './standards.service';
import * as inspections from './inspections.service';
import * as teams from './teams.service';
import { MAX_FILE_BYTES } from './quality.files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const signedIn = {};

function sendFile(reply: import('fastify').FastifyReply, f: { fileName: string; contentType: string; data: Buffer }) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}

export function qualityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];

  // ---- complaints ----
  r.post('/api/complaints', {
    schema: { tags, body: complaintIntakeBody, response: { 201: complaintDetail } },
    config: { access: { permission: 'complaints.intake' } },
  }, async (req, reply) => reply.status(201).send(await complaints.intake(ctx, actorOf(req), principalOf(req), req.body)));
  // Visible through any complaint grant; the service decides which ones (scope in SQL).
  r.get('/api/complaints', { schema: { tags, querystring: complaintListQuery, response: { 200: complaintPage } }, config: { access: signedIn } }, async (req) =>
    complaints.listComplaints(ctx, principalOf(req), req.query),
  );
  r.get('/api/complaints/report', {
    schema: { tags, querystring: complaintReportQuery, response: { 200: complaintReport } },
    config: { access: { permission: 'complaints.report' } },
  }, async (req) => reports.complaintReport(ctx, principalOf(req), req.query));
  r.get('/api/complaints/regulatory.xlsx', {
    schema: { tags, querystring: regulatoryExportQuery },
    config: { access: { permission: 'complaints.report' } },
  }, async (req, reply) => {
    const x = await reports.regulatoryExport(ctx, actorOf(req), principalOf(req), req.query.month);
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${x.fileName}"`).send(x.buffer);
  });
  r.get('/api/complaints/handlers', {
    schema: { tags, querystring: complaintHandlersQuery, response: { 200: z.array(complaintHandler) } },
    config: { access: { permission: 'complaints.manage' } },
  }, async (req) => workflow.handlers(ctx, principalOf(req), req.query.branchId));
  r.get('/api/complaints/:id', { schema: { tags, params: idParam, response: { 200: complaintDetail } }, config: { access: signedIn } }, async (req) =>
    complaints.complaintDetail(ctx.db, principalOf(req), req.params.id),
  );
  r.post('/api/complaints/:id/assign', {
    schema: { tags, params: idParam, body: assignComplaintBody, response: { 200: complaintDetail } },
    config: { access: { permission: 'complaints.manage' } },
  }, async (req) => workflow.assign(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/complaints/:id/steps/:action', {
    schema: { tags, params: complaintStepParams, body: complaintStepBody, response: { 200: complaintDetail } },
    config: { access: { permission: 'complaints.handle' } },
  }, async (req) => workflow.step(ctx, actorOf(req), principalOf(req), req.params.id, req.params.action, req.body));
  r.post('/api/complaints/:id/extend', {
    schema: { tags, params: idParam, body: extendComplaintBody, response: { 200: complaintDetail } },
    config: { access: { permission: 'complaints.handle' } },
  }, async (req) => workflow.extend(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/complaints/:id/callback', {
    schema: { tags, params: idParam, body: complaintCallbackBody, response: { 200: complaintDetail } },
    config: { access: { permission: 'complaints.handle' } },
  }, async (req) => workflow.callback(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/complaints/:id/reveal', {
    schema: { tags, params: idParam, body: revealComplaintBody, response: { 200: complaintContact } },
    config: { access: { permission: 'complaints.handle' } },
  }, async (req) => complaints.revealContact(ctx, actorOf(req), principalOf(req), req.params.id, req.body.reason));
  r.get('/api/complaints/:id/attachments/:fileId', { schema: { tags, params: qualityFileParams }, config: { access: signedIn } }, async (req, reply) =>
    sendFile(reply, await complaints.downloadAttachment(ctx, actorOf(req), principalOf(req), req.params.id, req.params.fileId)),
  );

  // Files arrive as the raw request body (the content type says what they are); the size is capped.
  app.register(async (scoped) => {
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    const raw = (body: unknown) => (Buffer.isBuffer(body) ? body : null);
    s.post('/api/complaints/:id/attachments', {
      schema: { tags, params: idParam, querystring: complaintFileQuery, response: { 201: complaintDetail } },
      config: { access: { permission: 'complaints.intake' } },
      bodyLimit: MAX_FILE_BYTES,
    }, async (req, reply) => reply.status(201).send(await complaints.addAttachment(ctx, actorOf(req), principalOf(req), req.params.id, req.query, req.headers['content-type'], raw(req.body))));
    s.post('/api/quality/inspections/:id/photos', {
      schema: { tags, params: idParam, querystring: complaintFileQuery, response: { 201: inspectionDetail } },
      config: { access: { permission: 'inspections.perform' } },
      bodyLimit: MAX_FILE_BYTES,
    }, async (req, reply) => reply.status(201).send(await inspections.addPhoto(ctx, actorOf(req), principalOf(req), req.params.id, req.query, req.headers['content-type'], raw(req.body))));
  });

  // ---- service standards ----
  r.get('/api/quality/standards', { schema: { tags, response: { 200: standardsLibrary } }, config: { access: { permission: 'standards.read' } } }, async () =>
    standards.library(ctx),
  );
  r.post('/api/quality/standards', {
    schema: { tags, body: saveStandardBody, response: { 201: serviceStandard } },
    config: { access: { permission: 'standards.manage' } },
  }, async (req, reply) => reply.status(201).send(await standards.createStandard(ctx, actorOf(req), req.body)));
  r.put('/api/quality/standards/:id', {
    schema: { tags, params: idParam, body: saveStandardBody, response: { 200: serviceStandard } },
    config: { access: { permission: 'standards.manage' } },
  }, async (req) => standards.updateStandard(ctx, actorOf(req), req.params.id, req.body));

  // ---- inspections ----
  r.get('/api/quality/inspections', {
    schema: { tags, querystring: inspectionListQuery, response: { 200: inspectionPage } },
    config: { access: { permission: 'inspections.read' } },
  }, async (req) => inspections.listInspections(ctx, principalOf(req), req.query));
  r.get('/api/quality/inspections/scores', {
    schema: { tags, querystring: inspectionScoresQuery, response: { 200: inspectionScores } },
    config: { access: { permission: 'inspections.read' } },
  }, async (req) => inspections.inspectionScores(ctx, principalOf(req), req.query));
  r.post('/api/quality/inspections', {
    schema: { tags, body: inspectionBody, response: { 201: inspectionDetail } },
    config: { access: { permission: 'inspections.perform' } },
  }, async (req, reply) => reply.status(201).send(await inspections.createInspection(ctx, actorOf(req), principalOf(req), req.body)));
  r.get('/api/quality/inspections/:id', {
    schema: { tags, params: idParam, response: { 200: inspectionDetail } },
    config: { access: { permission: 'inspections.read' } },
  }, async (req) => inspections.inspectionDetail(ctx, principalOf(req), req.params.id));
  r.get('/api/quality/inspections/:id/photos/:fileId', { schema: { tags, params: qualityFileParams }, config: { access: { permission: 'inspections.read' } } }, async (req, reply) =>
    sendFile(reply, await inspections.downloadPhoto(ctx, actorOf(req), principalOf(req), req.params.id, req.params.fileId)),
  );

  // ---- team evaluation ----
  r.get('/api/quality/teams', {
    schema: { tags, querystring: teamEvaluationQuery, response: { 200: teamEvaluation } },
    config: { access: { permission: 'teams.evaluate' } },
  }, async (req) => teams.teamEvaluation(ctx, principalOf(req), req.query.period));
  r.post('/api/quality/teams/ratings', {
    schema: { tags, body: teamRatingBody, response: { 200: teamEvaluation } },
    config: { access: { permission: 'teams.evaluate' } },
  }, async (req) => teams.rateTeam(ctx, actorOf(req), principalOf(req), req.body));
  r.post('/api/quality/teams/feedback', {
    schema: { tags, body: teamFeedbackBody, response: { 200: teamEvaluation } },
    config: { access: { permission: 'teams.evaluate' } },
  }, async (req) => teams.addTeamFeedback(ctx, actorOf(req), principalOf(req), req.body));
}
