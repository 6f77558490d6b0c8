// Use cases of the lobby's reference data and set-up: business types, routing rules, service levels,
// outlets' zones, counters, devices and their faults.
import type {
  BusinessType, Counter, DeviceFault, Device, FaultProgressBody, LobbyOutlet, OpenCounterBody, OutletHoursBody, OutletSetup, ReplaceRoutingRulesBody,
  QueueRuleParams, ReplaceServiceLevelsBody, ReportFaultBody, RoutingRules, SaveBusinessTypeBody, SaveCounterBody, SaveDeviceBody, SaveZoneBody, ServiceLevel, Zone,
} from '../../../contracts/lobby';
import { SLA_WARN_SHARE } from '../../../contracts/lobby';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './lobby.repository';
import { COUNTER, emit, requireOutlet } from './lobby.common';
import { lobbyCache } from './lobby.cache';
import { cents } from './lobby.routing';
import { DEFAULT_APPOINTMENT_HEAD_START, DEFAULT_TIER_HEAD_START } from './lobby.queue-order';

const DEVICE = { zh: '设备', en: 'device' };
const FAULT = { zh: '故障报修', en: 'fault report' };

// ---- head office's reference data --------------------------------------------------------------

export const listBusinessTypes = (ctx: AppContext): Promise<BusinessType[]> => repo.listBusinessTypes(ctx.db);

export async function saveBusinessType(ctx: AppContext, actor: Actor, code: string, body: SaveBusinessTypeBody): Promise<BusinessType> {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getBusinessType(trx, code);
    const saved = await repo.saveBusinessType(trx, code, body);
    await audit(trx, actor, { action: before ? 'lobby.business.update' : 'lobby.business.create', entityType: 'lobby_business_type', entityId: code, detail: { before, after: body } });
    return saved;
  });
  lobbyCache(ctx).referenceChanged();
  return saved;
}

export const listServiceLevels = (ctx: AppContext): Promise<ServiceLevel[]> => repo.listServiceLevels(ctx.db);

/** The parameters the queue order rule runs with, for the page that explains it. */
export async function queueRuleParams(ctx: AppContext): Promise<QueueRuleParams> {
  return {
    tierHeadStartMinutes: DEFAULT_TIER_HEAD_START,
    appointmentHeadStartMinutes: DEFAULT_APPOINTMENT_HEAD_START,
    slaWarnShare: SLA_WARN_SHARE,
    serviceLevels: await repo.listServiceLevels(ctx.db),
  };
}

export async function replaceServiceLevels(ctx: AppContext, actor: Actor, body: ReplaceServiceLevelsBody): Promise<ServiceLevel[]> {
  const ranks = body.levels.map((l) => l.minTierRank);
  if (new Set(ranks).size !== ranks.length) {
    throw badRequest('DUPLICATE_LEVEL', '同一客户层级只能设置一个服务时限', 'Each tier floor may have one service level only');
  }
  if (!ranks.includes(0)) throw badRequest('NO_BASE_LEVEL', '必须包含适用于所有客户的服务时限（层级 0）', 'A level for everyone (tier floor 0) is required');
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.listServiceLevels(trx);
    await repo.replaceServiceLevels(trx, body.levels);
    await audit(trx, actor, { action: 'lobby.service_levels', entityType: 'lobby_service_levels', detail: { before, after: body.levels } });
    return repo.listServiceLevels(trx);
  });
  lobbyCache(ctx).referenceChanged();
  return saved;
}

export async function routingRules(ctx: AppContext, p: Principal, branchId: number | undefined): Promise<RoutingRules> {
  if (branchId !== undefined) await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  const [all, settings] = await Promise.all([repo.listRoutingRules(ctx.db, branchId ?? null), repo.getSettings(ctx.db)]);
  return { largeCashThreshold: settings.largeCashThreshold, defaults: all.filter((r) => r.branchId === null), outlet: all.filter((r) => r.branchId !== null) };
}

async function checkRules(ctx: AppContext, body: ReplaceRoutingRulesBody): Promise<void> {
  const codes = new Set((await repo.listBusinessTypes(ctx.db)).map((b) => b.code));
  body.rules.forEach((r, i) => {
    if (!codes.has(r.businessCode)) {
      throw badRequest('UNKNOWN_BUSINESS', `第${i + 1}条规则的业务类型不存在：${r.businessCode}`, `Rule ${i + 1}: no such business type ${r.businessCode}`);
    }
    if (r.minAmount !== null && r.maxAmount !== null && cents(r.minAmount) >= cents(r.maxAmount)) {
      throw badRequest('AMOUNT_RANGE', `第${i + 1}条规则的金额下限须小于上限`, `Rule ${i + 1}: the lower amount must be below the upper one`);
    }
  });
}

export async function replaceDefaultRules(ctx: AppContext, actor: Actor, p: Principal, body: ReplaceRoutingRulesBody): Promise<RoutingRules> {
  await checkRules(ctx, body);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.listRoutingRules(trx, null);
    await repo.replaceRoutingRules(trx, null, body.rules);
    await audit(trx, actor, { action: 'lobby.routing.defaults', entityType: 'lobby_routing_rules', detail: { before, after: body.rules } });
  });
  lobbyCache(ctx).referenceChanged();
  return routingRules(ctx, p, undefined);
}

/**
 * An outlet adjusts head office's triage within its limits: it may not send a business that head
 * office sends to the machines or a counter to the VIP room for customers below head office's floor.
 */
export async function replaceOutletRules(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: ReplaceRoutingRulesBody): Promise<RoutingRules> {
  const outlet = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  await checkRules(ctx, body);
  const defaults = await repo.listRoutingRules(ctx.db, null);
  body.rules.forEach((r, i) => {
    if (r.zone !== 'vip') return;
    const floor = Math.min(...defaults.filter((d) => d.businessCode === r.businessCode && d.zone === 'vip').map((d) => d.minTierRank), Number.POSITIVE_INFINITY);
    if (r.minTierRank < Math.min(floor, 1)) {
      throw badRequest('OUTSIDE_DEFAULTS', `第${i + 1}条规则：贵宾室只接待金卡及以上客户`, `Rule ${i + 1}: the VIP room serves gold tier and above only`);
    }
  });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.listRoutingRules(trx, outlet.branchId);
    await repo.replaceRoutingRules(trx, outlet.branchId, body.rules);
    await audit(trx, actor, { action: 'lobby.routing.outlet', entityType: 'lobby_routing_rules', entityId: outlet.branchId, branchId: outlet.branchId, detail: { before: before.filter((r) => r.branchId !== null), after: body.rules } });
  });
  lobbyCache(ctx).outletChanged(outlet.branchId);
  return routingRules(ctx, p, outlet.branchId);
}

// ---- outlets -------------------------------------------------------------------------------------

export async function listOutlets(ctx: AppContext, p: Principal): Promise<LobbyOutlet[]> {
  const rows = await repo.listOutlets(ctx.db, requireScope(p, 'lobby.queue.read'), p.branchId);
  return rows.map(({ path: _path, ...r }) => r);
}

export async function outletSetup(ctx: AppContext, p: Principal, branchId: number): Promise<OutletSetup> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  const [zones, counters, devices] = await Promise.all([repo.listZones(ctx.db, o.branchId), repo.listCounters(ctx.db, o.branchId), repo.listDevices(ctx.db, o.branchId)]);
  return { branchId: o.branchId, branchName: o.branchName, opensAt: o.opensAt, closesAt: o.closesAt, zones, counters, devices };
}

export async function setOutletHours(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: OutletHoursBody): Promise<OutletSetup> {
  const o = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  if (body.opensAt >= body.closesAt) {
    throw badRequest('HOURS_ORDER', '开门时间须早于关门时间', 'The opening time must be before the closing time', [{ path: 'closesAt', zh: '「关门时间」须晚于开门时间', en: '"Closing time" must be after the opening time' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setOutletHours(trx, o.branchId, body.opensAt, body.closesAt);
    await audit(trx, actor, { action: 'lobby.hours', entityType: 'lobby_outlet', entityId: o.branchId, branchId: o.branchId, detail: { before: { opensAt: o.opensAt, closesAt: o.closesAt }, after: body } });
  });
  return outletSetup(ctx, p, o.branchId);
}

export async function saveZone(ctx: AppContext, actor: Actor, p: Principal, branchId: number, code: string, body: SaveZoneBody): Promise<Zone> {
  const o = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  const zone = await ctx.db.transaction().execute(async (trx) => {
    const zone = await repo.upsertZone(trx, o.branchId, code, body);
    await audit(trx, actor, { action: 'lobby.zone.save', entityType: 'lobby_zone', entityId: zone.id, branchId: o.branchId, detail: { code, ...body } });
    return zone;
  });
  lobbyCache(ctx).outletChanged(o.branchId);
  return zone;
}

async function requireZone(ctx: AppContext, branchId: number, code: string): Promise<Zone> {
  const z = await repo.zoneByCode(ctx.db, branchId, code);
  if (!z) throw badRequest('UNKNOWN_ZONE', `本网点没有此区域：${code}`, `The outlet has no zone ${code}`);
  return z;
}

async function checkCounterBusinesses(ctx: AppContext, codes: readonly string[]): Promise<void> {
  const known = new Set((await repo.listBusinessTypes(ctx.db)).map((b) => b.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${unknown.join('、')}`, `No such business type: ${unknown.join(', ')}`);
}

export async function createCounter(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: SaveCounterBody): Promise<Counter> {
  const o = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  const zone = await requireZone(ctx, o.branchId, body.zoneCode);
  await checkCounterBusinesses(ctx, body.businessCodes);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertCounter(trx, o.branchId, zone.id, body);
    await audit(trx, actor, { action: 'lobby.counter.create', entityType: 'lobby_counter', entityId: id, branchId: o.branchId, detail: body });
    return id;
  });
  return (await repo.getCounter(ctx.db, id))!;
}

/** The counter if its outlet lies in the caller's scope for `perm`; 404 otherwise. */
export async function requireCounter(ctx: AppContext, p: Principal, perm: 'lobby.setup' | 'lobby.counter.operate' | 'lobby.queue.read', id: number): Promise<Counter> {
  const c = await repo.getCounter(ctx.db, id);
  if (!c) throw notFound(COUNTER);
  try {
    await requireOutlet(ctx.db, p, perm, c.branchId);
  } catch (e) {
    if ((e as { status?: number }).status === 404) throw notFound(COUNTER);
    throw e;
  }
  return c;
}

export async function updateCounter(ctx: AppContext, actor: Actor, p: Principal, id: number, body: SaveCounterBody): Promise<Counter> {
  const c = await requireCounter(ctx, p, 'lobby.setup', id);
  const zone = await requireZone(ctx, c.branchId, body.zoneCode);
  await checkCounterBusinesses(ctx, body.businessCodes);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateCounter(trx, id, zone.id, body);
    await audit(trx, actor, { action: 'lobby.counter.update', entityType: 'lobby_counter', entityId: id, branchId: c.branchId, detail: { before: c, after: body } });
  });
  return (await repo.getCounter(ctx.db, id))!;
}

export async function openCounter(ctx: AppContext, actor: Actor, p: Principal, id: number, body: OpenCounterBody): Promise<Counter> {
  const c = await requireCounter(ctx, p, 'lobby.counter.operate', id);
  const staffId = body?.staffId ?? p.staffId;
  if (staffId !== p.staffId && !(await repo.staffInBranch(ctx.db, staffId, c.branchId))) {
    throw badRequest('STAFF_NOT_IN_OUTLET', '该员工不属于本网点', 'That staff member does not work at this outlet');
  }
  // Opening puts the teller at the counter; not over a colleague who still has a customer there.
  if (c.currentTicketId !== null && c.staffId !== staffId) {
    throw conflict('COUNTER_BUSY', `${c.staffName ?? ''} 正在办理 ${c.currentTicketNumber ?? ''} 号，请先办结或转移`, `${c.staffName ?? 'Another teller'} still has ticket ${c.currentTicketNumber ?? ''}: finish or transfer it first`);
  }
  return setCounter(ctx, actor, c, { status: 'open', staffId });
}

export async function closeCounter(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<Counter> {
  const c = await requireCounter(ctx, p, 'lobby.counter.operate', id);
  if (c.currentTicketId !== null) {
    throw conflict('COUNTER_BUSY', `窗口正在办理 ${c.currentTicketNumber ?? ''} 号，请先办结或转移`, `The counter still has ticket ${c.currentTicketNumber ?? ''}: finish or transfer it first`);
  }
  return setCounter(ctx, actor, c, { status: 'closed', staffId: null });
}

async function setCounter(ctx: AppContext, actor: Actor, c: Counter, s: { status: 'open' | 'closed'; staffId: number | null }): Promise<Counter> {
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockCounter(trx, c.id);
    await repo.setCounterState(trx, c.id, s);
    const after = (await repo.getCounter(trx, c.id))!;
    await audit(trx, actor, { action: `lobby.counter.${s.status}`, entityType: 'lobby_counter', entityId: c.id, branchId: c.branchId, detail: { staffId: s.staffId } });
    await emit(ctx, trx, c.branchId, 'counter.updated', { counter: after });
    return after;
  });
}

// ---- devices and their faults --------------------------------------------------------------------

export async function createDevice(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: SaveDeviceBody): Promise<Device> {
  const o = await requireOutlet(ctx.db, p, 'lobby.setup', branchId);
  const zoneId = body.zoneCode ? (await requireZone(ctx, o.branchId, body.zoneCode)).id : null;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertDevice(trx, o.branchId, zoneId, body);
    await audit(trx, actor, { action: 'lobby.device.create', entityType: 'lobby_device', entityId: id, branchId: o.branchId, detail: body });
    return id;
  });
  return (await repo.getDevice(ctx.db, id))!;
}

async function requireDevice(ctx: AppContext, p: Principal, id: number): Promise<Device> {
  const d = await repo.getDevice(ctx.db, id);
  if (!d) throw notFound(DEVICE);
  await requireOutlet(ctx.db, p, 'lobby.manage', d.branchId).catch(() => {
    throw notFound(DEVICE);
  });
  return d;
}

export async function reportFault(ctx: AppContext, actor: Actor, p: Principal, deviceId: number, body: ReportFaultBody): Promise<DeviceFault> {
  const d = await requireDevice(ctx, p, deviceId);
  if (d.openFaultId !== null) {
    throw conflict('FAULT_OPEN', '该设备已有未修复的故障报修，请在原报修中跟进', 'This device already has an open fault report: follow that one up');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertFault(trx, { deviceId, branchId: d.branchId, description: body.description, staffId: p.staffId, staffName: p.name });
    await repo.setDeviceStatus(trx, deviceId, 'fault');
    const fault = (await repo.getFault(trx, id))!;
    await audit(trx, actor, { action: 'lobby.fault.report', entityType: 'lobby_device_fault', entityId: id, branchId: d.branchId, detail: { deviceId, description: body.description } });
    await emit(ctx, trx, d.branchId, 'device.fault', { fault });
    return fault;
  });
}

export async function progressFault(ctx: AppContext, actor: Actor, p: Principal, faultId: number, body: FaultProgressBody): Promise<DeviceFault> {
  const f = await repo.getFault(ctx.db, faultId);
  if (!f) throw notFound(FAULT);
  await requireOutlet(ctx.db, p, 'lobby.manage', f.branchId).catch(() => {
    throw notFound(FAULT);
  });
  return ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.progressFault(trx, faultId, { status: body.status, note: body.note, byName: p.name });
    if (!moved) throw conflict('FAULT_CLOSED', '该故障已修复关闭', 'This fault has already been resolved');
    await repo.setDeviceStatus(trx, f.deviceId, body.status === 'resolved' ? 'ok' : 'repairing');
    const fault = (await repo.getFault(trx, faultId))!;
    await audit(trx, actor, { action: `lobby.fault.${body.status}`, entityType: 'lobby_device_fault', entityId: faultId, branchId: f.branchId, detail: body });
    await emit(ctx, trx, f.branchId, 'device.fault', { fault });
    return fault;
  });
}

export async function listFaults(ctx: AppContext, p: Principal, branchId: number, open: boolean | null): Promise<DeviceFault[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return repo.listFaults(ctx.db, o.branchId, open);
}
