import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, ok } from '../../../contracts/common';
import {
  appointment, appointmentBody, boardSnapshot, branchIdParam, businessCodeParam, businessType, callNextResult, cancelTicketBody, checkInBody, checkInResult,
  closeIncidentBody, complaintBody, completeTicketBody, counter, counterConsole, dayQuery, device, deviceFault, emptyBody, faultProgressBody, faultsQuery,
  guidanceBody, guidanceRecord, incident, incidentBody, lobbyComplaint, lobbyConsole, lobbyEventsQuery, lobbyNotice, lobbyOutlet, noticeBody, openCounterBody,
  outletHoursBody, outletSetup, queueRuleParams, queueView,
  receiveVipBody, referral, referralBody, replaceRoutingRulesBody, replaceServiceLevelsBody, reportFaultBody, routingRules, routingRulesQuery, saveBusinessTypeBody,
  saveCounterBody, saveDeviceBody, saveZoneBody, serviceLevel, ticket, transferResult, transferTicketBody, vipArrival, zone, zoneParams,
} from '../../../contracts/lobby';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as setup from './lobby.service';
import * as queue from './lobby-queue.service';
import * as records from './lobby-records.service';
import * as vip from './lobby-vip.service';
import * as board from './lobby-board.service';
import * as notices from './lobby-notices.service';
import { lobbyStatsRoutes } from './lobby-stats.routes';
import { countsSettled } from './lobby-counts.service';

export function lobbyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lobby'];
  // Board counts still being pushed finish before the database closes.
  app.addHook('preClose', async () => countsSettled(ctx));

  // Reference data (head office).
  r.get('/api/lobby/business-types', { schema: { tags, response: { 200: z.array(businessType) } }, config: { access: { permission: 'lobby.queue.read' } } }, async () =>
    setup.listBusinessTypes(ctx),
  );
  r.put('/api/lobby/business-types/:code', {
    schema: { tags, params: businessCodeParam, body: saveBusinessTypeBody, response: { 200: businessType } },
    config: { access: { permission: 'lobby.config' } },
  }, async (req) => setup.saveBusinessType(ctx, actorOf(req), req.params.code, req.body));
  r.get('/api/lobby/service-levels', { schema: { tags, response: { 200: z.array(serviceLevel) } }, config: { access: { permission: 'lobby.queue.read' } } }, async () =>
    setup.listServiceLevels(ctx),
  );
  r.put('/api/lobby/service-levels', {
    schema: { tags, body: replaceServiceLevelsBody, response: { 200: z.array(serviceLevel) } },
    config: { access: { permission: 'lobby.config' } },
  }, async (req) => setup.replaceServiceLevels(ctx, actorOf(req), req.body));
  r.get('/api/lobby/queue-rule', { schema: { tags, response: { 200: queueRuleParams } }, config: { access: { permission: 'lobby.queue.read' } } }, async () =>
    setup.queueRuleParams(ctx),
  );
  r.get('/api/lobby/routing-rules', {
    schema: { tags, querystring: routingRulesQuery, response: { 200: routingRules } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => setup.routingRules(ctx, principalOf(req), req.query.branchId));
  r.put('/api/lobby/routing-rules', {
    schema: { tags, body: replaceRoutingRulesBody, response: { 200: routingRules } },
    config: { access: { permission: 'lobby.config' } },
  }, async (req) => setup.replaceDefaultRules(ctx, actorOf(req), principalOf(req), req.body));
  r.put('/api/lobby/outlets/:branchId/routing-rules', {
    schema: { tags, params: branchIdParam, body: replaceRoutingRulesBody, response: { 200: routingRules } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => setup.replaceOutletRules(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body));

  // Outlet set-up.
  r.get('/api/lobby/outlets', { schema: { tags, response: { 200: z.array(lobbyOutlet) } }, config: { access: { permission: 'lobby.queue.read' } } }, async (req) =>
    setup.listOutlets(ctx, principalOf(req)),
  );
  r.get('/api/lobby/outlets/:branchId/setup', {
    schema: { tags, params: branchIdParam, response: { 200: outletSetup } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => setup.outletSetup(ctx, principalOf(req), req.params.branchId));
  r.put('/api/lobby/outlets/:branchId/zones/:zoneCode', {
    schema: { tags, params: zoneParams, body: saveZoneBody, response: { 200: zone } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => setup.saveZone(ctx, actorOf(req), principalOf(req), req.params.branchId, req.params.zoneCode, req.body));
  r.put('/api/lobby/outlets/:branchId/hours', {
    schema: { tags, params: branchIdParam, body: outletHoursBody, response: { 200: outletSetup } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => setup.setOutletHours(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body));
  r.post('/api/lobby/outlets/:branchId/counters', {
    schema: { tags, params: branchIdParam, body: saveCounterBody, response: { 201: counter } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req, reply) => reply.status(201).send(await setup.createCounter(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body)));
  r.put('/api/lobby/counters/:id', {
    schema: { tags, params: idParam, body: saveCounterBody, response: { 200: counter } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => setup.updateCounter(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/lobby/counters/:id/open', {
    schema: { tags, params: idParam, body: openCounterBody, response: { 200: counter } },
    config: { access: { permission: 'lobby.counter.operate' } },
  }, async (req) => setup.openCounter(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/lobby/counters/:id/close', {
    schema: { tags, params: idParam, body: emptyBody, response: { 200: counter } },
    config: { access: { permission: 'lobby.counter.operate' } },
  }, async (req) => setup.closeCounter(ctx, actorOf(req), principalOf(req), req.params.id));
  r.post('/api/lobby/outlets/:branchId/devices', {
    schema: { tags, params: branchIdParam, body: saveDeviceBody, response: { 201: device } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req, reply) => reply.status(201).send(await setup.createDevice(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body)));
  r.post('/api/lobby/devices/:id/faults', {
    schema: { tags, params: idParam, body: reportFaultBody, response: { 201: deviceFault } },
    config: { access: { permission: 'lobby.manage' } },
  }, async (req, reply) => reply.status(201).send(await setup.reportFault(ctx, actorOf(req), principalOf(req), req.params.id, req.body)));
  r.post('/api/lobby/faults/:id/progress', {
    schema: { tags, params: idParam, body: faultProgressBody, response: { 200: deviceFault } },
    config: { access: { permission: 'lobby.manage' } },
  }, async (req) => setup.progressFault(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.get('/api/lobby/outlets/:branchId/faults', {
    schema: { tags, params: branchIdParam, querystring: faultsQuery, response: { 200: z.array(deviceFault) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => setup.listFaults(ctx, principalOf(req), req.params.branchId, req.query.open === undefined ? null : req.query.open === 'true'));

  // Check-in and the queue.
  r.post('/api/lobby/check-in', {
    schema: { tags, body: checkInBody, response: { 201: checkInResult } },
    config: { access: { permission: 'lobby.checkin' } },
  }, async (req, reply) => reply.status(201).send(await queue.checkIn(ctx, actorOf(req), principalOf(req), req.body)));
  r.post('/api/lobby/guidance', {
    schema: { tags, body: guidanceBody, response: { 201: guidanceRecord } },
    config: { access: { permission: 'lobby.checkin' } },
  }, async (req, reply) => reply.status(201).send(await records.recordGuidance(ctx, actorOf(req), principalOf(req), req.body)));
  r.post('/api/lobby/appointments', {
    schema: { tags, body: appointmentBody, response: { 201: appointment } },
    config: { access: { permission: 'lobby.checkin' } },
  }, async (req, reply) => reply.status(201).send(await records.bookAppointment(ctx, actorOf(req), principalOf(req), req.body)));
  r.get('/api/lobby/outlets/:branchId/appointments', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: z.array(appointment) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => records.listAppointments(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.get('/api/lobby/outlets/:branchId/queue', {
    schema: { tags, params: branchIdParam, response: { 200: queueView } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => queue.queueView(ctx, principalOf(req), req.params.branchId));
  r.get('/api/lobby/tickets/:id', { schema: { tags, params: idParam, response: { 200: ticket } }, config: { access: { permission: 'lobby.queue.read' } } }, async (req) =>
    queue.getTicket(ctx, principalOf(req), req.params.id),
  );

  // Counters (teller's console).
  r.get('/api/lobby/counters/:id', {
    schema: { tags, params: idParam, response: { 200: counterConsole } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => queue.counterConsole(ctx, principalOf(req), req.params.id));
  r.post('/api/lobby/counters/:id/call-next', {
    schema: { tags, params: idParam, body: emptyBody, response: { 200: callNextResult } },
    config: { access: { permission: 'lobby.counter.operate' } },
  }, async (req) => queue.callNext(ctx, actorOf(req), principalOf(req), req.params.id));
  for (const [path, action] of [['recall', 'recall'], ['no-show', 'no_show'], ['serve', 'serve']] as const) {
    r.post(`/api/lobby/tickets/:id/${path}`, {
      schema: { tags, params: idParam, body: emptyBody, response: { 200: ticket } },
      config: { access: { permission: 'lobby.counter.operate' } },
    }, async (req) => queue.moveTicket(ctx, actorOf(req), principalOf(req), req.params.id, action));
  }
  r.post('/api/lobby/tickets/:id/complete', {
    schema: { tags, params: idParam, body: completeTicketBody, response: { 200: ticket } },
    config: { access: { permission: 'lobby.counter.operate' } },
  }, async (req) => queue.moveTicket(ctx, actorOf(req), principalOf(req), req.params.id, 'complete', { businessDone: req.body.businessDone, note: req.body.note }));
  r.post('/api/lobby/tickets/:id/transfer', {
    schema: { tags, params: idParam, body: transferTicketBody, response: { 200: transferResult } },
    config: { access: { permission: 'lobby.counter.operate' } },
  }, async (req) => queue.transferTicket(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.post('/api/lobby/tickets/:id/cancel', {
    schema: { tags, params: idParam, body: cancelTicketBody, response: { 200: ticket } },
    config: { access: { permission: 'lobby.checkin' } },
  }, async (req) => queue.cancelTicket(ctx, actorOf(req), principalOf(req), req.params.id, req.body));

  // Referrals, complaints, incidents, VIP arrivals.
  r.post('/api/lobby/referrals', {
    schema: { tags, body: referralBody, response: { 201: referral } },
    config: { access: { permission: 'lobby.refer' } },
  }, async (req, reply) => reply.status(201).send(await records.refer(ctx, actorOf(req), principalOf(req), req.body)));
  r.get('/api/lobby/outlets/:branchId/referrals', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: z.array(referral) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => records.listReferrals(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.post('/api/lobby/complaints', {
    schema: { tags, body: complaintBody, response: { 201: lobbyComplaint } },
    config: { access: { permission: 'lobby.refer' } },
  }, async (req, reply) => reply.status(201).send(await records.takeComplaint(ctx, actorOf(req), principalOf(req), req.body)));
  r.get('/api/lobby/outlets/:branchId/complaints', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: z.array(lobbyComplaint) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => records.listComplaints(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.post('/api/lobby/incidents', {
    schema: { tags, body: incidentBody, response: { 201: incident } },
    config: { access: { permission: 'lobby.manage' } },
  }, async (req, reply) => reply.status(201).send(await records.recordIncident(ctx, actorOf(req), principalOf(req), req.body)));
  r.post('/api/lobby/incidents/:id/close', {
    schema: { tags, params: idParam, body: closeIncidentBody, response: { 200: incident } },
    config: { access: { permission: 'lobby.manage' } },
  }, async (req) => records.closeIncident(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.get('/api/lobby/outlets/:branchId/incidents', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: z.array(incident) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => records.listIncidents(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.get('/api/lobby/outlets/:branchId/vip-arrivals', {
    schema: { tags, params: branchIdParam, querystring: dayQuery, response: { 200: z.array(vipArrival) } },
    config: { access: { permission: 'lobby.vip' } },
  }, async (req) => vip.listVipArrivals(ctx, principalOf(req), req.params.branchId, req.query.date));
  r.post('/api/lobby/vip-arrivals/:id/receive', {
    schema: { tags, params: idParam, body: receiveVipBody, response: { 200: vipArrival } },
    config: { access: { permission: 'lobby.vip' } },
  }, async (req) => vip.receiveVip(ctx, actorOf(req), principalOf(req), req.params.id, req.body));

  // Board and console.
  r.get('/api/lobby/outlets/:branchId/board', {
    schema: { tags, params: branchIdParam, response: { 200: boardSnapshot } },
    config: { access: { permission: 'lobby.board' } },
  }, async (req) => board.boardSnapshot(ctx, principalOf(req), req.params.branchId));
  r.get('/api/lobby/outlets/:branchId/events', {
    schema: { tags, params: branchIdParam, querystring: lobbyEventsQuery, hide: true },
    config: { access: { permission: 'lobby.board' } },
  }, async (req, reply) => board.openEvents(ctx, principalOf(req), req.params.branchId, req.query.since, req, reply));
  r.get('/api/lobby/outlets/:branchId/console', {
    schema: { tags, params: branchIdParam, response: { 200: lobbyConsole } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => board.lobbyConsole(ctx, principalOf(req), req.params.branchId));

  // Board notices (head office or the lobby manager: lobby.setup).
  r.get('/api/lobby/outlets/:branchId/notices', {
    schema: { tags, params: branchIdParam, response: { 200: z.array(lobbyNotice) } },
    config: { access: { permission: 'lobby.queue.read' } },
  }, async (req) => notices.listNotices(ctx, principalOf(req), req.params.branchId));
  r.post('/api/lobby/outlets/:branchId/notices', {
    schema: { tags, params: branchIdParam, body: noticeBody, response: { 201: lobbyNotice } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req, reply) => reply.status(201).send(await notices.postNotice(ctx, actorOf(req), principalOf(req), req.params.branchId, req.body)));
  r.put('/api/lobby/notices/:id', {
    schema: { tags, params: idParam, body: noticeBody, response: { 200: lobbyNotice } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => notices.editNotice(ctx, actorOf(req), principalOf(req), req.params.id, req.body));
  r.delete('/api/lobby/notices/:id', {
    schema: { tags, params: idParam, response: { 200: ok } },
    config: { access: { permission: 'lobby.setup' } },
  }, async (req) => {
    await notices.removeNotice(ctx, actorOf(req), principalOf(req), req.params.id);
    return { ok: true as const };
  });

  lobbyStatsRoutes(app, ctx);
}
