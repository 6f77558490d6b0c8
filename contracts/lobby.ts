// CONTRACT READY
/*
 * Contracts of the lobby module (场所 · 大堂经理 · 柜员): zones, counters, devices, business types,
 * routing, check-in and tickets, the queue, counters' actions, the display board, the lobby
 * manager's console, VIP arrivals, service levels, staffing advice and the daily statistics.
 *
 * An "outlet" is a branch (org branch id). Times are ISO timestamps; business days ('YYYY-MM-DD')
 * are Asia/Shanghai days; money is a string of yuan. Customer names are always masked (张*三).
 * Errors: the common apiError body; illegal ticket moves are 409 code TICKET_STATE; a ticket,
 * counter or outlet outside the caller's scope is 404.
 *
 * HTTP routes (all under /api/lobby; permission in brackets; body -> response schema names):
 *   Reference data
 *   GET    /api/lobby/business-types                         [lobby.queue.read]  -> businessType[]
 *   PUT    /api/lobby/business-types/:code                   [lobby.config]      saveBusinessTypeBody -> businessType
 *   GET    /api/lobby/service-levels                         [lobby.queue.read]  -> serviceLevel[]
 *   PUT    /api/lobby/service-levels                         [lobby.config]      replaceServiceLevelsBody -> serviceLevel[]
 *   GET    /api/lobby/routing-rules?branchId=                [lobby.queue.read]  routingRulesQuery -> routingRules
 *   GET    /api/lobby/queue-rule                             [lobby.queue.read]  -> queueRuleParams   (the order rule's parameters)
 *   PUT    /api/lobby/routing-rules                          [lobby.config]      replaceRoutingRulesBody -> routingRules   (head-office defaults)
 *   PUT    /api/lobby/outlets/:branchId/routing-rules        [lobby.setup]       replaceRoutingRulesBody -> routingRules   (outlet's adjustments)
 *   Outlet set-up
 *   GET    /api/lobby/outlets                                [lobby.queue.read]  -> lobbyOutlet[]   (outlets in the caller's scope)
 *   GET    /api/lobby/outlets/:branchId/setup                [lobby.queue.read]  -> outletSetup
 *   PUT    /api/lobby/outlets/:branchId/zones/:zoneCode      [lobby.setup]       saveZoneBody -> zone
 *   PUT    /api/lobby/outlets/:branchId/hours                [lobby.setup]       outletHoursBody -> outletSetup   (audited)
 *   POST   /api/lobby/outlets/:branchId/counters             [lobby.setup]       saveCounterBody -> counter (201)
 *   PUT    /api/lobby/counters/:id                           [lobby.setup]       saveCounterBody -> counter
 *   POST   /api/lobby/counters/:id/open                      [lobby.counter.operate] openCounterBody -> counter
 *   POST   /api/lobby/counters/:id/close                     [lobby.counter.operate] (no body) -> counter
 *   POST   /api/lobby/outlets/:branchId/devices              [lobby.setup]       saveDeviceBody -> device (201)
 *   POST   /api/lobby/devices/:id/faults                     [lobby.manage]      reportFaultBody -> deviceFault (201)
 *   POST   /api/lobby/faults/:id/progress                    [lobby.manage]      faultProgressBody -> deviceFault
 *   GET    /api/lobby/outlets/:branchId/faults?open=         [lobby.queue.read]  faultsQuery -> deviceFault[]
 *   Check-in and the queue
 *   POST   /api/lobby/check-in                               [lobby.checkin]     checkInBody -> checkInResult (201)
 *   POST   /api/lobby/guidance                               [lobby.checkin]     guidanceBody -> guidanceRecord (201)
 *   POST   /api/lobby/appointments                           [lobby.checkin]     appointmentBody -> appointment (201)
 *   GET    /api/lobby/outlets/:branchId/appointments?date=   [lobby.queue.read]  dayQuery -> appointment[]
 *   GET    /api/lobby/outlets/:branchId/queue                [lobby.queue.read]  -> queueView
 *   GET    /api/lobby/tickets/:id                            [lobby.queue.read]  -> ticket
 *   Counters (teller's console)
 *   GET    /api/lobby/counters/:id                           [lobby.queue.read]  -> counterConsole
 *   POST   /api/lobby/counters/:id/call-next                 [lobby.counter.operate] (no body) -> callNextResult
 *   POST   /api/lobby/tickets/:id/recall                     [lobby.counter.operate] (no body) -> ticket
 *   POST   /api/lobby/tickets/:id/no-show                    [lobby.counter.operate] (no body) -> ticket
 *   POST   /api/lobby/tickets/:id/serve                      [lobby.counter.operate] (no body) -> ticket
 *   POST   /api/lobby/tickets/:id/complete                   [lobby.counter.operate] completeTicketBody -> ticket
 *   POST   /api/lobby/tickets/:id/transfer                   [lobby.counter.operate] transferTicketBody -> transferResult
 *   POST   /api/lobby/tickets/:id/cancel                     [lobby.checkin]     cancelTicketBody -> ticket
 *   Referrals, complaints, incidents, VIP arrivals
 *   POST   /api/lobby/referrals                              [lobby.refer]       referralBody -> referral (201)
 *   GET    /api/lobby/outlets/:branchId/referrals?date=      [lobby.queue.read]  dayQuery -> referral[]
 *   POST   /api/lobby/complaints                             [lobby.refer]       complaintBody -> lobbyComplaint (201)
 *   GET    /api/lobby/outlets/:branchId/complaints?date=     [lobby.queue.read]  dayQuery -> lobbyComplaint[]
 *   POST   /api/lobby/incidents                              [lobby.manage]      incidentBody -> incident (201)
 *   POST   /api/lobby/incidents/:id/close                    [lobby.manage]      closeIncidentBody -> incident
 *   GET    /api/lobby/outlets/:branchId/incidents?date=      [lobby.queue.read]  dayQuery -> incident[]
 *   GET    /api/lobby/outlets/:branchId/vip-arrivals?date=   [lobby.vip]         dayQuery -> vipArrival[]
 *   POST   /api/lobby/vip-arrivals/:id/receive               [lobby.vip]         receiveVipBody -> vipArrival
 *   Board and console
 *   GET    /api/lobby/outlets/:branchId/board                [lobby.board]       -> boardSnapshot
 *   GET    /api/lobby/outlets/:branchId/events?since=        [lobby.board]       SSE stream (see below); `since` or Last-Event-ID = last seq seen
 *   GET    /api/lobby/outlets/:branchId/console              [lobby.queue.read]  -> lobbyConsole
 *   GET    /api/lobby/outlets/:branchId/notices              [lobby.queue.read]  -> lobbyNotice[]
 *   POST   /api/lobby/outlets/:branchId/notices              [lobby.setup]       noticeBody -> lobbyNotice (201)   (audited)
 *   PUT    /api/lobby/notices/:id                            [lobby.setup]       noticeBody -> lobbyNotice         (audited)
 *   DELETE /api/lobby/notices/:id                            [lobby.setup]       -> ok                             (audited)
 *   Service levels, staffing, statistics
 *   GET    /api/lobby/outlets/:branchId/attainment?from=&to=&groupBy= [lobby.stats] attainmentQuery -> attainmentReport
 *   GET    /api/lobby/outlets/:branchId/staffing?weekStart=  [lobby.stats]       staffingQuery -> staffingAdvice
 *   GET    /api/lobby/outlets/:branchId/daily-stats?date=    [lobby.stats]       dayQuery -> dailyStats
 *   GET    /api/lobby/outlets/:branchId/daily-stats/export?date= [lobby.stats]   dayQuery -> xlsx file
 *   POST   /api/lobby/outlets/:branchId/daily-stats/close    [lobby.stats.close] closeDayBody -> dailyStats   (the figures go to the wealth-centre head's inbox)
 *   POST   /api/lobby/outlets/:branchId/daily-stats/amend    [lobby.stats.close] amendDayBody -> dailyStats
 *
 * SSE (GET /api/lobby/outlets/:branchId/events): each message has `id: <seq>` (per outlet,
 * strictly increasing) and `event: <name>`; data is the matching schema in LOBBY_EVENT_SCHEMAS.
 * On connect with `since`/Last-Event-ID the server first replays the missed events (or sends
 * `board.reset` when too many were missed: then refetch the snapshot).
 *   ticket.created  ticket.called  ticket.updated  queue.counts  counter.updated
 *   device.fault  incident  notice  notice.removed  ticket.sla  board.reset
 *   vip.arrival: to holders of lobby.vip for the outlet (branch/subtree/bank scope); a holder whose
 *   scope is `own` (a wealth RM) gets it on the same stream for their own customers only.
 * ticket.sla: sent by the minute job `lobby-sla-alerts` when a waiting ticket passes 80% and again
 * 100% of its service level (once each; a ticket found already past 100% gets only the 100% one);
 * the outlet's lobby managers also get an inbox notification (kind 'lobby_sla', data = slaAlert).
 * notice / notice.removed: a posted board notice was added or edited / removed (boardNotice.source
 * 'notice'); device faults appear on the board as source 'fault'.
 * Counters: opening a counter puts the caller (or the given staffId) at it; call-next from an open
 * counter that shows another teller takes the counter over (the caller is physically there;
 * audited as lobby.counter.takeover) unless that teller still has a ticket in hand (409 COUNTER_BUSY).
 * A VIP arrival also reaches the dedicated RM's inbox (GET /api/events, event `notification`,
 * kind 'lobby.vip_arrival', data = vipAlert).
 * Added notes (server built): `vip.arrival` carries no `id:` line and does not advance the sequence
 * (its seq is the outlet's current one), so every other event's seq is exactly previous + 1: a client
 * that sees a gap should refetch the snapshot (GET …/board or …/console) and reopen with its seq.
 * Errors worth handling: 409 TICKET_STATE (illegal move), 409 COUNTER_BUSY (finish the current ticket
 * first), 409 COUNTER_CLOSED (open the counter first), 404 CUSTOMER_NOT_RECOGNISED (check-in identify
 * found nobody: offer an anonymous ticket), 400 AMOUNT_REQUIRED (cash business without an amount).
 * A transferred ticket keeps its number and arrival time (a new ticket id in the target zone).
 */
import { z } from 'zod';
import { isoDate } from './common';

type Label = { zh: string; en: string };

// ---- vocabulary ---------------------------------------------------------------------------------

export const ZONE_KINDS = ['cash', 'noncash', 'self_service', 'consulting', 'vip'] as const;
export const zoneKind = z.enum(ZONE_KINDS);
export type ZoneKind = z.infer<typeof zoneKind>;
export const ZONE_KIND_LABELS: Record<ZoneKind, Label> = {
  cash: { zh: '现金区', en: 'Cash counters' },
  noncash: { zh: '非现金区', en: 'Non-cash counters' },
  self_service: { zh: '自助服务区', en: 'Self-service area' },
  consulting: { zh: '咨询营销区', en: 'Consulting and marketing' },
  vip: { zh: '贵宾室/理财中心', en: 'VIP room / wealth centre' },
};

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'] as const;
export const ticketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatus>;
export const TICKET_STATUS_LABELS: Record<TicketStatus, Label> = {
  waiting: { zh: '等候中', en: 'Waiting' },
  called: { zh: '已叫号', en: 'Called' },
  serving: { zh: '办理中', en: 'Serving' },
  done: { zh: '已完成', en: 'Done' },
  no_show: { zh: '过号', en: 'No-show' },
  transferred: { zh: '已转移', en: 'Transferred' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TICKET_CHANNELS = ['kiosk', 'lobby', 'appointment'] as const;
export const ticketChannel = z.enum(TICKET_CHANNELS);
export type TicketChannel = z.infer<typeof ticketChannel>;

export const COUNTER_STATUSES = ['open', 'paused', 'closed'] as const;
export const counterStatus = z.enum(COUNTER_STATUSES);
export type CounterStatus = z.infer<typeof counterStatus>;

export const DEVICE_KINDS = ['atm', 'cdm', 'crs', 'passbook_printer', 'self_service_terminal', 'kiosk', 'display_board', 'other'] as const;
export const deviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKind>;
export const DEVICE_KIND_LABELS: Record<DeviceKind, Label> = {
  atm: { zh: '取款机', en: 'ATM' },
  cdm: { zh: '存款机', en: 'Cash deposit machine' },
  crs: { zh: '存取款一体机', en: 'Cash recycler' },
  passbook_printer: { zh: '补登折机', en: 'Passbook printer' },
  self_service_terminal: { zh: '自助服务终端', en: 'Self-service terminal' },
  kiosk: { zh: '取号机', en: 'Ticket kiosk' },
  display_board: { zh: '叫号显示屏', en: 'Display board' },
  other: { zh: '其他设备', en: 'Other device' },
};
export const DEVICE_STATUSES = ['ok', 'fault', 'repairing', 'offline'] as const;
export const deviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof deviceStatus>;
export const FAULT_STATUSES = ['reported', 'repairing', 'resolved'] as const;
export const faultStatus = z.enum(FAULT_STATUSES);
export type FaultStatus = z.infer<typeof faultStatus>;

export const INCIDENT_KINDS = ['device_failure', 'disturbance', 'customer_ill', 'security', 'power_network', 'other'] as const;
export const incidentKind = z.enum(INCIDENT_KINDS);
export type IncidentKind = z.infer<typeof incidentKind>;
export const INCIDENT_KIND_LABELS: Record<IncidentKind, Label> = {
  device_failure: { zh: '设备故障', en: 'Device failure' },
  disturbance: { zh: '客户纠纷/扰乱秩序', en: 'Disturbance' },
  customer_ill: { zh: '客户突发疾病', en: 'Customer taken ill' },
  security: { zh: '安全事件', en: 'Security event' },
  power_network: { zh: '停电/网络中断', en: 'Power or network outage' },
  other: { zh: '其他', en: 'Other' },
};

/** Who spotted a possible premium customer: the source's daily statistics count them separately. */
export const REFERRER_ROLES = ['lobby_manager', 'cash_teller', 'noncash_teller', 'other'] as const;
export const referrerRole = z.enum(REFERRER_ROLES);
export type ReferrerRole = z.infer<typeof referrerRole>;

export const GUIDANCE_KINDS = ['self_service', 'mobile_banking', 'online_banking', 'phone_banking', 'product_info', 'other'] as const;
export const guidanceKind = z.enum(GUIDANCE_KINDS);
export type GuidanceKind = z.infer<typeof guidanceKind>;
export const GUIDANCE_KIND_LABELS: Record<GuidanceKind, Label> = {
  self_service: { zh: '引导自助设备办理', en: 'Guided to a self-service machine' },
  mobile_banking: { zh: '教会手机银行', en: 'Taught mobile banking' },
  online_banking: { zh: '教会网上银行', en: 'Taught online banking' },
  phone_banking: { zh: '教会电话银行', en: 'Taught phone banking' },
  product_info: { zh: '产品咨询', en: 'Product information' },
  other: { zh: '其他咨询', en: 'Other enquiry' },
};

export const zoneCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,23}$/, 'code');
export const businessCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'code');
export const lobbyMoney = z.string().trim().regex(/^\d{1,15}(\.\d{1,2})?$/, 'money');
/** 'HH:MM', 24-hour. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const branchIdParam = z.object({ branchId: z.coerce.number().int().positive() });
export const zoneParams = branchIdParam.extend({ zoneCode });
export const businessCodeParam = z.object({ code: businessCode });
export const dayQuery = z.object({ date: isoDate.optional() });
export type DayQuery = z.infer<typeof dayQuery>;
/** A POST that carries nothing: the body may be absent (null) or an empty object. */
export const emptyBody = z.strictObject({}).nullish();

// ---- reference data: business types, routing, service levels --------------------------------------

export const businessType = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** The zone the business goes to when no routing rule says otherwise. */
  defaultZone: zoneKind,
  /** Self-service business: the customer gets guidance, not a counter ticket. */
  selfService: z.boolean(),
  /** Whether the kiosk asks for an amount (cash business: the large-cash threshold routes on it). */
  needsAmount: z.boolean(),
  /** Mean service minutes (seed default; staffing advice prefers the measured figure). */
  serviceMinutes: z.number(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type BusinessType = z.infer<typeof businessType>;
export const saveBusinessTypeBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  defaultZone: zoneKind,
  selfService: z.boolean().default(false),
  needsAmount: z.boolean().default(false),
  serviceMinutes: z.number().min(0.5).max(240),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(999).default(100),
});
export type SaveBusinessTypeBody = z.infer<typeof saveBusinessTypeBody>;

/**
 * One routing rule: business × minimum tier rank × amount range → zone. The most specific matching
 * rule wins (outlet rule before head-office rule; higher minTierRank first; then higher minAmount).
 */
export const routingRule = z.object({
  id: z.number().int(),
  /** null: a head-office default; otherwise the outlet's adjustment. */
  branchId: z.number().int().nullable(),
  businessCode: z.string(),
  /** The rule applies to customers of this tier rank or above (0 = everyone, walk-ins included). */
  minTierRank: z.number().int(),
  /** Inclusive lower bound of the amount in yuan, null = no bound. */
  minAmount: z.string().nullable(),
  /** Exclusive upper bound, null = no bound. */
  maxAmount: z.string().nullable(),
  zone: zoneKind,
  note: z.string(),
});
export type RoutingRule = z.infer<typeof routingRule>;
export const routingRuleInput = z.strictObject({
  businessCode,
  minTierRank: z.number().int().min(0).max(20).default(0),
  minAmount: lobbyMoney.nullable().default(null),
  maxAmount: lobbyMoney.nullable().default(null),
  zone: zoneKind,
  note: z.string().trim().max(200).default(''),
});
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;
export const replaceRoutingRulesBody = z.strictObject({ rules: z.array(routingRuleInput).max(200) });
export type ReplaceRoutingRulesBody = z.infer<typeof replaceRoutingRulesBody>;
export const routingRulesQuery = z.object({ branchId: z.coerce.number().int().positive().optional() });
export const routingRules = z.object({
  /** The large-cash threshold of the source's rule (yuan), as set by head office. */
  largeCashThreshold: z.string(),
  defaults: z.array(routingRule),
  /** The outlet's own rules (empty when no branchId was asked for). */
  outlet: z.array(routingRule),
});
export type RoutingRules = z.infer<typeof routingRules>;

/** Head office's promise: a ticket of this tier rank or above is called within maxWaitMinutes. */
export const serviceLevel = z.object({
  id: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  minTierRank: z.number().int(),
  maxWaitMinutes: z.number().int(),
  /** Share of tickets that should meet it, e.g. 0.8. */
  targetShare: z.number(),
});
export type ServiceLevel = z.infer<typeof serviceLevel>;
export const replaceServiceLevelsBody = z.strictObject({
  levels: z
    .array(
      z.strictObject({
        nameZh: z.string().trim().min(1).max(30),
        nameEn: z.string().trim().min(1).max(60),
        minTierRank: z.number().int().min(0).max(20),
        maxWaitMinutes: z.number().int().min(1).max(240),
        targetShare: z.number().min(0.1).max(1).default(0.8),
      }),
    )
    .min(1)
    .max(10),
});
export type ReplaceServiceLevelsBody = z.infer<typeof replaceServiceLevelsBody>;
/** Share of a ticket's service level after which the console highlights it. */
export const SLA_WARN_SHARE = 0.8;

// ---- outlet set-up: zones, counters, devices -------------------------------------------------------

export const lobbyOutlet = z.object({
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  waiting: z.number().int(),
  openCounters: z.number().int(),
});
export type LobbyOutlet = z.infer<typeof lobbyOutlet>;

export const zone = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  code: z.string(),
  kind: zoneKind,
  nameZh: z.string(),
  nameEn: z.string(),
  /** Ticket prefix of normal tickets (e.g. 'A'), and of priority tickets (e.g. 'V'). */
  prefix: z.string(),
  priorityPrefix: z.string(),
  active: z.boolean(),
});
export type Zone = z.infer<typeof zone>;
export const saveZoneBody = z.strictObject({
  kind: zoneKind,
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  prefix: z.string().trim().regex(/^[A-Z]{1,2}$/, 'A-Z'),
  priorityPrefix: z.string().trim().regex(/^[A-Z]{1,2}$/, 'A-Z'),
  active: z.boolean().default(true),
});
export type SaveZoneBody = z.infer<typeof saveZoneBody>;

export const counter = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  zoneCode: z.string(),
  zoneKind,
  /** The number shown on the board ("3号窗口"). */
  number: z.string(),
  /** Business codes served; empty = every business of the zone. */
  businessCodes: z.array(z.string()),
  status: counterStatus,
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  /** The ticket currently called or served at it. */
  currentTicketId: z.number().int().nullable(),
  currentTicketNumber: z.string().nullable(),
});
export type Counter = z.infer<typeof counter>;
export const saveCounterBody = z.strictObject({
  zoneCode,
  number: z.string().trim().min(1).max(8),
  businessCodes: z.array(businessCode).max(50).default([]),
});
export type SaveCounterBody = z.infer<typeof saveCounterBody>;
/** Opening a counter: the teller at it (default: the caller). */
export const openCounterBody = z.strictObject({ staffId: z.number().int().positive().optional() }).nullish();
export type OpenCounterBody = z.infer<typeof openCounterBody>;

export const device = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  zoneCode: z.string().nullable(),
  kind: deviceKind,
  label: z.string(),
  status: deviceStatus,
  openFaultId: z.number().int().nullable(),
});
export type Device = z.infer<typeof device>;
export const saveDeviceBody = z.strictObject({
  zoneCode: zoneCode.nullable().default(null),
  kind: deviceKind,
  label: z.string().trim().min(1).max(40),
});
export type SaveDeviceBody = z.infer<typeof saveDeviceBody>;

export const deviceFault = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  deviceLabel: z.string(),
  deviceKind,
  branchId: z.number().int(),
  status: faultStatus,
  description: z.string(),
  reportedAt: z.string(),
  reportedByName: z.string().nullable(),
  /** Repair tracking: each step with its note. */
  history: z.array(z.object({ status: faultStatus, note: z.string(), at: z.string(), byName: z.string().nullable() })),
  resolvedAt: z.string().nullable(),
});
export type DeviceFault = z.infer<typeof deviceFault>;
export const reportFaultBody = z.strictObject({ description: z.string().trim().min(2).max(500) });
export type ReportFaultBody = z.infer<typeof reportFaultBody>;
export const faultProgressBody = z.strictObject({ status: z.enum(['repairing', 'resolved']), note: z.string().trim().max(500).default('') });
export type FaultProgressBody = z.infer<typeof faultProgressBody>;
export const faultsQuery = z.object({ open: z.enum(['true', 'false']).optional() });

export const outletSetup = z.object({
  branchId: z.number().int(),
  branchName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  zones: z.array(zone),
  counters: z.array(counter),
  devices: z.array(device),
});
export type OutletSetup = z.infer<typeof outletSetup>;
/** The outlet's opening hours (the staffing advice plans the slots between them). */
export const outletHoursBody = z.strictObject({ opensAt: clockTime, closesAt: clockTime });
export type OutletHoursBody = z.infer<typeof outletHoursBody>;

// ---- tickets ----------------------------------------------------------------------------------

export const ticket = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  /** The business day (Asia/Shanghai). */
  day: z.string(),
  number: z.string(),
  zoneCode: z.string(),
  zoneKind,
  businessCode: z.string(),
  businessNameZh: z.string(),
  businessNameEn: z.string(),
  status: ticketStatus,
  channel: ticketChannel,
  customerId: z.number().int().nullable(),
  /** Masked; null for an anonymous walk-in. */
  customerName: z.string().nullable(),
  tierCode: z.string().nullable(),
  tierRank: z.number().int(),
  priority: z.boolean(),
  amount: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  /** When the customer arrived: kept through transfers. */
  arrivedAt: z.string(),
  /** When it joined this zone's queue (differs from arrivedAt after a transfer). */
  queuedAt: z.string(),
  calledAt: z.string().nullable(),
  servingAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: z.number().int().nullable(),
  counterNumber: z.string().nullable(),
  servedByName: z.string().nullable(),
  recalls: z.number().int(),
  /** The ticket this one was transferred from / to. */
  transferredFromId: z.number().int().nullable(),
  transferredToId: z.number().int().nullable(),
  /** Business actually done (on completion). */
  businessDone: z.array(z.string()),
  note: z.string(),
  /** Minutes waited so far (or until called). */
  waitedMinutes: z.number(),
  /** The service level (max wait, minutes) that applies to it. */
  slaMinutes: z.number().int(),
});
export type Ticket = z.infer<typeof ticket>;

/** How a customer identifies at the kiosk or to the lobby manager; absent for an anonymous walk-in. */
export const IDENTIFY_KINDS = ['card', 'mobile', 'residentId', 'customerNo'] as const;
export const identifyKind = z.enum(IDENTIFY_KINDS);
export const checkInBody = z.strictObject({
  /** Default: the caller's branch. */
  branchId: z.number().int().positive().optional(),
  identify: z.strictObject({ kind: identifyKind, value: z.string().trim().min(4).max(32) }).optional(),
  businessCode,
  amount: lobbyMoney.optional(),
  channel: z.enum(['kiosk', 'lobby']).default('kiosk'),
  appointmentId: z.number().int().positive().optional(),
  note: z.string().trim().max(200).default(''),
});
export type CheckInBody = z.infer<typeof checkInBody>;

export const recognisedCustomer = z.object({
  customerId: z.number().int(),
  /** Masked. */
  name: z.string(),
  tierCode: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  tierRank: z.number().int(),
  vip: z.boolean(),
});
export type RecognisedCustomer = z.infer<typeof recognisedCustomer>;

export const guidanceBody = z.strictObject({
  branchId: z.number().int().positive().optional(),
  kind: guidanceKind,
  businessCode: businessCode.optional(),
  customerId: z.number().int().positive().optional(),
  note: z.string().trim().max(200).default(''),
});
export type GuidanceBody = z.infer<typeof guidanceBody>;
export const guidanceRecord = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  kind: guidanceKind,
  businessCode: z.string().nullable(),
  customerId: z.number().int().nullable(),
  byStaffName: z.string().nullable(),
  at: z.string(),
  note: z.string(),
});
export type GuidanceRecord = z.infer<typeof guidanceRecord>;

export const checkInResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ticket'),
    ticket,
    /** Waiting tickets ahead of it in its zone's order. */
    ahead: z.number().int(),
    estimatedWaitMinutes: z.number().int(),
    customer: recognisedCustomer.nullable(),
    /** Offer the VIP room (gold tier or above and the outlet has one). */
    vipRoomOffered: z.boolean(),
  }),
  z.object({
    kind: z.literal('guidance'),
    guidance: guidanceRecord,
    /** Which machines to use, for the kiosk's screen. */
    messageZh: z.string(),
    messageEn: z.string(),
    customer: recognisedCustomer.nullable(),
  }),
]);
export type CheckInResult = z.infer<typeof checkInResult>;

export const appointmentBody = z.strictObject({
  branchId: z.number().int().positive().optional(),
  customerId: z.number().int().positive(),
  businessCode,
  /** ISO timestamp of the slot's start. */
  at: z.string().datetime({ offset: true }),
  amount: lobbyMoney.optional(),
  note: z.string().trim().max(200).default(''),
});
export type AppointmentBody = z.infer<typeof appointmentBody>;
export const appointment = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  businessCode: z.string(),
  at: z.string(),
  amount: z.string().nullable(),
  status: z.enum(['booked', 'checked_in', 'missed', 'cancelled']),
  ticketId: z.number().int().nullable(),
  note: z.string(),
});
export type Appointment = z.infer<typeof appointment>;

// ---- counters' actions ---------------------------------------------------------------------------

export const callNextResult = z.object({
  /** null: nothing waiting that this counter serves. */
  ticket: ticket.nullable(),
  counter,
});
export type CallNextResult = z.infer<typeof callNextResult>;

export const completeTicketBody = z.strictObject({
  /** Business actually done (default: the ticket's business). */
  businessDone: z.array(businessCode).max(20).default([]),
  note: z.string().trim().max(500).default(''),
});
export type CompleteTicketBody = z.infer<typeof completeTicketBody>;

export const transferTicketBody = z.strictObject({
  zoneCode,
  /** A particular counter of that zone (optional). */
  counterId: z.number().int().positive().optional(),
  businessCode: businessCode.optional(),
  reason: z.string().trim().max(200).default(''),
});
export type TransferTicketBody = z.infer<typeof transferTicketBody>;
export const transferResult = z.object({ from: ticket, to: ticket });
export type TransferResult = z.infer<typeof transferResult>;

export const cancelTicketBody = z.strictObject({ reason: z.string().trim().max(200).default('') }).nullish();
export type CancelTicketBody = z.infer<typeof cancelTicketBody>;

export const counterConsole = z.object({
  counter,
  current: ticket.nullable(),
  /** Waiting tickets this counter could call, in call order (first = next). */
  next: z.array(ticket),
  servedToday: z.number().int(),
});
export type CounterConsole = z.infer<typeof counterConsole>;

// ---- referrals, complaints, incidents, VIP arrivals -------------------------------------------------

export const referralBody = z.strictObject({
  branchId: z.number().int().positive().optional(),
  ticketId: z.number().int().positive().optional(),
  customerId: z.number().int().positive().optional(),
  /** A walk-in without a customer record: how to reach them (masked on output). */
  contactName: z.string().trim().max(30).optional(),
  contactMobile: z.string().trim().regex(/^1\d{10}$/, 'mobile').optional(),
  /** Estimated assets, yuan (optional). */
  estimatedAssets: lobbyMoney.optional(),
  note: z.string().trim().min(2).max(500),
  /** Refer to this RM (default: the customer's dedicated RM, or the branch's wealth RMs). */
  rmStaffId: z.number().int().positive().optional(),
});
export type ReferralBody = z.infer<typeof referralBody>;
export const referral = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  ticketId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  /** Masked. */
  customerName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  estimatedAssets: z.string().nullable(),
  note: z.string(),
  referredByStaffId: z.number().int(),
  referredByName: z.string(),
  referrerRole,
  rmStaffId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  at: z.string(),
});
export type Referral = z.infer<typeof referral>;

export const complaintBody = z.strictObject({
  branchId: z.number().int().positive().optional(),
  ticketId: z.number().int().positive().optional(),
  customerId: z.number().int().positive().optional(),
  contactName: z.string().trim().max(30).optional(),
  contactMobile: z.string().trim().regex(/^1\d{10}$/, 'mobile').optional(),
  /** The RM or teller the complaint is about (optional). */
  aboutStaffId: z.number().int().positive().optional(),
  category: z.enum(['waiting', 'attitude', 'error', 'fees', 'environment', 'product', 'other']),
  description: z.string().trim().min(2).max(2000),
  actionTaken: z.string().trim().max(1000).default(''),
  resolvedOnSpot: z.boolean().default(false),
});
export type ComplaintBody = z.infer<typeof complaintBody>;
export const lobbyComplaint = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  ticketId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  aboutStaffId: z.number().int().nullable(),
  aboutStaffName: z.string().nullable(),
  category: z.string(),
  description: z.string(),
  actionTaken: z.string(),
  resolvedOnSpot: z.boolean(),
  receivedByStaffId: z.number().int(),
  receivedByName: z.string(),
  at: z.string(),
});
export type LobbyComplaint = z.infer<typeof lobbyComplaint>;

export const incidentBody = z.strictObject({
  branchId: z.number().int().positive().optional(),
  kind: incidentKind,
  description: z.string().trim().min(2).max(2000),
  actionsTaken: z.string().trim().max(2000).default(''),
  deviceId: z.number().int().positive().optional(),
});
export type IncidentBody = z.infer<typeof incidentBody>;
export const closeIncidentBody = z.strictObject({ actionsTaken: z.string().trim().min(2).max(2000) });
export type CloseIncidentBody = z.infer<typeof closeIncidentBody>;
export const incident = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  kind: incidentKind,
  description: z.string(),
  actionsTaken: z.string(),
  deviceId: z.number().int().nullable(),
  openedAt: z.string(),
  openedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
});
export type Incident = z.infer<typeof incident>;

/** What the lobby manager and the dedicated RM see when a gold-or-above customer checks in. */
export const vipAlert = z.object({
  arrivalId: z.number().int(),
  branchId: z.number().int(),
  branchName: z.string(),
  ticketId: z.number().int(),
  ticketNumber: z.string(),
  zoneCode: z.string(),
  customerId: z.number().int(),
  /** Masked as the recipient's permissions require (always masked in the live push). */
  customerName: z.string(),
  tierCode: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  tierRank: z.number().int(),
  /** e.g. '50万-200万' / '0.5M–2M': never the exact balance. */
  aumBandZh: z.string(),
  aumBandEn: z.string(),
  lastContactOn: z.string().nullable(),
  openNeeds: z.number().int(),
  birthdayToday: z.boolean(),
  /** Products maturing within 30 days. */
  expiringProducts: z.number().int(),
  rmStaffId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  businessCode: z.string(),
  arrivedAt: z.string(),
});
export type VipAlert = z.infer<typeof vipAlert>;
export const vipArrival = vipAlert.extend({
  receivedAt: z.string().nullable(),
  receivedByName: z.string().nullable(),
  vipRoom: z.boolean(),
  note: z.string(),
});
export type VipArrival = z.infer<typeof vipArrival>;
export const receiveVipBody = z.strictObject({ vipRoom: z.boolean().default(false), note: z.string().trim().max(200).default('') }).nullish();
export type ReceiveVipBody = z.infer<typeof receiveVipBody>;

// ---- queue views, board, console --------------------------------------------------------------------

export const zoneQueue = z.object({
  zoneCode: z.string(),
  zoneKind,
  nameZh: z.string(),
  nameEn: z.string(),
  waiting: z.number().int(),
  priorityWaiting: z.number().int(),
  openCounters: z.number().int(),
  /** Longest current wait, minutes. */
  longestWaitMinutes: z.number(),
  /** Estimated wait of a ticket taken now, minutes. */
  estimatedWaitMinutes: z.number().int(),
  /** Tickets past 80% of their service level. */
  overSlaWarn: z.number().int(),
  /** Tickets past their service level. */
  overSla: z.number().int(),
  /** Waiting tickets in call order (first = next); each with its SLA state. */
  tickets: z.array(ticket.extend({ slaState: z.enum(['ok', 'warn', 'breach']) })),
});
export type ZoneQueue = z.infer<typeof zoneQueue>;
export const queueView = z.object({ branchId: z.number().int(), day: z.string(), at: z.string(), zones: z.array(zoneQueue) });
export type QueueView = z.infer<typeof queueView>;

/** A call as the board shows it: no customer data. */
export const boardCall = z.object({
  ticketId: z.number().int(),
  number: z.string(),
  counterNumber: z.string(),
  zoneCode: z.string(),
  zoneNameZh: z.string(),
  calledAt: z.string(),
  recall: z.boolean(),
});
export type BoardCall = z.infer<typeof boardCall>;
export const boardZone = z.object({ zoneCode: z.string(), zoneKind, nameZh: z.string(), nameEn: z.string(), waiting: z.number().int(), estimatedWaitMinutes: z.number().int() });
export type BoardZone = z.infer<typeof boardZone>;
/** A line of the board's notice strip: a posted notice, or one made from a device fault (ids are per source). */
export const boardNotice = z.object({
  id: z.number().int(),
  source: z.enum(['notice', 'fault']),
  textZh: z.string(),
  textEn: z.string(),
  at: z.string(),
});
export type BoardNotice = z.infer<typeof boardNotice>;
export const boardSnapshot = z.object({
  branchId: z.number().int(),
  branchName: z.string(),
  day: z.string(),
  at: z.string(),
  /** The last event sequence included: pass it as `since` when opening the stream. */
  seq: z.number().int(),
  /** Most recent calls first (up to 10). */
  calls: z.array(boardCall),
  zones: z.array(boardZone),
  notices: z.array(boardNotice),
});
export type BoardSnapshot = z.infer<typeof boardSnapshot>;

export const lobbyConsole = z.object({
  queue: queueView,
  counters: z.array(counter),
  faults: z.array(deviceFault),
  incidents: z.array(incident),
  vipArrivals: z.array(vipArrival),
  /** Today's figures so far. */
  today: z.object({
    arrivals: z.number().int(),
    served: z.number().int(),
    noShows: z.number().int(),
    guidance: z.number().int(),
    referrals: z.number().int(),
    complaints: z.number().int(),
  }),
  seq: z.number().int(),
});
export type LobbyConsole = z.infer<typeof lobbyConsole>;

// ---- board notices (posted by head office or the lobby manager) ------------------------------------

export const lobbyNotice = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  textZh: z.string(),
  /** Empty: the board shows the Chinese text in English too. */
  textEn: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type LobbyNotice = z.infer<typeof lobbyNotice>;
export const noticeBody = z.strictObject({
  textZh: z.string().trim().min(2).max(200),
  textEn: z.string().trim().max(400).default(''),
});
export type NoticeBody = z.infer<typeof noticeBody>;
/** At most this many posted notices per outlet (the board's strip is one line). */
export const MAX_NOTICES = 10;

// ---- the queue rule's parameters ---------------------------------------------------------------------

/** What the queue order rule (lobby.queue-order.ts) runs with, for the page that explains it. */
export const queueRuleParams = z.object({
  /** Head start per tier rank, minutes (rank × this). */
  tierHeadStartMinutes: z.number(),
  /** Head start of a ticket whose appointment time has come, minutes. */
  appointmentHeadStartMinutes: z.number(),
  /** Share of its service level after which a ticket is highlighted and alerted (then again at 100%). */
  slaWarnShare: z.number(),
  serviceLevels: z.array(serviceLevel),
});
export type QueueRuleParams = z.infer<typeof queueRuleParams>;

// ---- SSE event payloads (GET /api/lobby/outlets/:branchId/events) ------------------------------------

const eventBase = { seq: z.number().int(), branchId: z.number().int(), at: z.string() };
export const ticketCreatedEvent = z.object({ ...eventBase, ticketId: z.number().int(), number: z.string(), zoneCode: z.string(), priority: z.boolean() });
export const ticketCalledEvent = z.object({ ...eventBase, call: boardCall });
export const ticketUpdatedEvent = z.object({ ...eventBase, ticketId: z.number().int(), number: z.string(), zoneCode: z.string(), status: ticketStatus, counterNumber: z.string().nullable() });
export const queueCountsEvent = z.object({ ...eventBase, zones: z.array(boardZone) });
export const counterUpdatedEvent = z.object({ ...eventBase, counter });
export const deviceFaultEvent = z.object({ ...eventBase, fault: deviceFault });
export const incidentEvent = z.object({ ...eventBase, incident });
export const noticeEvent = z.object({ ...eventBase, notice: boardNotice });
export const noticeRemovedEvent = z.object({ ...eventBase, noticeId: z.number().int() });
/** A waiting ticket passed 80% (level 80) or 100% (level 100) of its service level: sent once per level. */
export const slaAlert = z.object({
  ticketId: z.number().int(),
  number: z.string(),
  zoneCode: z.string(),
  zoneNameZh: z.string(),
  zoneNameEn: z.string(),
  level: z.union([z.literal(80), z.literal(100)]),
  waitedMinutes: z.number(),
  slaMinutes: z.number().int(),
  priority: z.boolean(),
});
export type SlaAlert = z.infer<typeof slaAlert>;
export const ticketSlaEvent = z.object({ ...eventBase, alert: slaAlert });
export const boardResetEvent = z.object({ ...eventBase });
export const vipArrivalEvent = z.object({ ...eventBase, alert: vipAlert });
export const LOBBY_EVENT_SCHEMAS = {
  'ticket.created': ticketCreatedEvent,
  'ticket.called': ticketCalledEvent,
  'ticket.updated': ticketUpdatedEvent,
  'queue.counts': queueCountsEvent,
  'counter.updated': counterUpdatedEvent,
  'device.fault': deviceFaultEvent,
  incident: incidentEvent,
  notice: noticeEvent,
  'notice.removed': noticeRemovedEvent,
  'ticket.sla': ticketSlaEvent,
  'board.reset': boardResetEvent,
  'vip.arrival': vipArrivalEvent,
} as const;
export type LobbyEventName = keyof typeof LOBBY_EVENT_SCHEMAS;
export const LOBBY_EVENT_NAMES = Object.keys(LOBBY_EVENT_SCHEMAS) as LobbyEventName[];
export type LobbyEventData<E extends LobbyEventName> = z.infer<(typeof LOBBY_EVENT_SCHEMAS)[E]>;
export const lobbyEventsQuery = z.object({ since: z.coerce.number().int().min(0).optional() });
/** Notification kind in the RM's inbox for a VIP arrival (data = vipAlert). */
export const VIP_ARRIVAL_NOTIFICATION = 'lobby.vip_arrival';
/** Notification kind in a lobby manager's inbox for a ticket past 80%/100% of its service level (data = slaAlert). */
export const SLA_NOTIFICATION = 'lobby_sla';
/** Notification kind in a wealth-centre head's inbox when an outlet closes its day (data = dailyReportNotice). */
export const DAILY_REPORT_NOTIFICATION = 'lobby.daily_report';

// ---- service levels, staffing, statistics -----------------------------------------------------------

export const ATTAINMENT_GROUPS = ['zone', 'hour', 'tier', 'day'] as const;
export const attainmentGroup = z.enum(ATTAINMENT_GROUPS);
export const attainmentQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), groupBy: attainmentGroup.default('zone') });
export type AttainmentQuery = z.infer<typeof attainmentQuery>;
export const attainmentRow = z.object({
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  tickets: z.number().int(),
  withinSla: z.number().int(),
  /** withinSla / tickets (0..1), null without tickets. */
  attainment: z.number().nullable(),
  meanWaitMinutes: z.number().nullable(),
  p90WaitMinutes: z.number().nullable(),
});
export type AttainmentRow = z.infer<typeof attainmentRow>;
export const attainmentReport = z.object({ branchId: z.number().int(), from: z.string(), to: z.string(), groupBy: attainmentGroup, rows: z.array(attainmentRow), total: attainmentRow });
export type AttainmentReport = z.infer<typeof attainmentReport>;

export const staffingQuery = z.object({ weekStart: isoDate.optional() });
export const staffingCell = z.object({
  /** 0 = Monday … 6 = Sunday. */
  weekday: z.number().int(),
  /** Slot start 'HH:MM' (30-minute slots). */
  slot: z.string(),
  /** Mean arrivals per slot over the last 8 weeks (same weekday and slot). */
  arrivalsPerSlot: z.number(),
  /** Offered load, Erlang. */
  offeredLoad: z.number(),
  /** Counters needed to meet the service level (0 when nobody comes). */
  counters: z.number().int(),
  /** Service level reached with that many counters (0..1). */
  serviceLevel: z.number(),
  probabilityWait: z.number(),
});
export type StaffingCell = z.infer<typeof staffingCell>;
export const staffingZone = z.object({
  zoneCode: z.string(),
  zoneKind,
  nameZh: z.string(),
  nameEn: z.string(),
  meanServiceMinutes: z.number(),
  targetWaitMinutes: z.number().int(),
  targetShare: z.number(),
  cells: z.array(staffingCell),
});
export type StaffingZone = z.infer<typeof staffingZone>;
export const staffingAdvice = z.object({
  branchId: z.number().int(),
  weekStart: z.string(),
  /** The history used: [from, to). */
  historyFrom: z.string(),
  historyTo: z.string(),
  slots: z.array(z.string()),
  zones: z.array(staffingZone),
});
export type StaffingAdvice = z.infer<typeof staffingAdvice>;

/** The source's list, per RM: premium customers received; identified by lobby manager / tellers. */
export const dailyRmRow = z.object({
  staffId: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  /** Premium (gold+) customers of the RM's book who came to the outlet that day. */
  premiumReceived: z.number().int(),
  /** Referrals to this RM by source. */
  identifiedByLobbyManager: z.number().int(),
  identifiedByCashTellers: z.number().int(),
  identifiedByNoncashTellers: z.number().int(),
  complaintsReceived: z.number().int(),
});
export type DailyRmRow = z.infer<typeof dailyRmRow>;
export const countRow = z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), count: z.number().int() });
export type CountRow = z.infer<typeof countRow>;
export const dailyStats = z.object({
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  date: z.string(),
  /** Frozen figures after close; null while the day is open. */
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  amendments: z.array(z.object({ at: z.string(), byName: z.string().nullable(), reason: z.string(), field: z.string(), from: z.string(), to: z.string() })),
  /** Whom the closed figures were sent to (the wealth-centre heads over the outlet); empty while open. */
  sentTo: z.array(z.object({ staffId: z.number().int(), name: z.string(), branchName: z.string() })),
  rms: z.array(dailyRmRow),
  premiumIdentified: z.object({ lobbyManager: z.number().int(), cashTellers: z.number().int(), noncashTellers: z.number().int(), other: z.number().int() }),
  complaintsReceived: z.number().int(),
  tickets: z.number().int(),
  ticketsByZone: z.array(countRow),
  ticketsByBusiness: z.array(countRow),
  served: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  vipArrivals: z.number().int(),
  meanWaitMinutes: z.number().nullable(),
  p90WaitMinutes: z.number().nullable(),
  meanServiceMinutes: z.number().nullable(),
  serviceByBusiness: z.array(z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), count: z.number().int(), meanMinutes: z.number().nullable() })),
  slaAttainment: z.number().nullable(),
  selfServiceGuidance: z.number().int(),
  guidanceByKind: z.array(countRow),
  incidents: z.number().int(),
});
export type DailyStats = z.infer<typeof dailyStats>;
/** The figures a wealth-centre head receives when an outlet closes its day (notification data). */
export const dailyReportNotice = z.object({
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  date: z.string(),
  premiumReceived: z.number().int(),
  premiumIdentified: z.object({ lobbyManager: z.number().int(), cashTellers: z.number().int(), noncashTellers: z.number().int() }),
  complaintsReceived: z.number().int(),
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  meanWaitMinutes: z.number().nullable(),
  p90WaitMinutes: z.number().nullable(),
  slaAttainment: z.number().nullable(),
  selfServiceGuidance: z.number().int(),
});
export type DailyReportNotice = z.infer<typeof dailyReportNotice>;
export const closeDayBody = z.strictObject({ date: isoDate });
export type CloseDayBody = z.infer<typeof closeDayBody>;
/** A late correction of a closed day: one figure of the outlet's totals, with a reason (audited). */
export const AMENDABLE_FIELDS = ['complaintsReceived', 'selfServiceGuidance', 'incidents', 'premiumIdentified.lobbyManager', 'premiumIdentified.cashTellers', 'premiumIdentified.noncashTellers'] as const;
export const amendDayBody = z.strictObject({
  date: isoDate,
  field: z.enum(AMENDABLE_FIELDS),
  value: z.number().int().min(0).max(1_000_000),
  reason: z.string().trim().min(2).max(500),
});
export type AmendDayBody = z.infer<typeof amendDayBody>;
