// Use cases of value-added services (贵宾增值服务): the catalogue and its quotas, booking and recording
// a customer's uses within the quota of their current tier, and the reports.
import { maskName } from '../../../contracts/personal-data';
import type {
  BookPrivilegeBody, CancelPrivilegeUseBody, CustomerPrivileges, MarkPrivilegeUsedBody, Privilege, PrivilegeBookResult,
  PrivilegeQuotasBody, PrivilegeReport, PrivilegeReportQuery, PrivilegeUse, SavePrivilegeBody, UnusedPrivileges, UnusedPrivilegesQuery,
} from '../../../contracts/privileges';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './privileges.repository';
import { addCustomerEvent } from '../customers/timeline';
import { canMoveTo, currentTier, decideBooking, quotaFor, serviceDateProblem, summariseYear, yearOf } from './privileges.rules';

const CUSTOMER = { zh: '客户', en: 'customer' };
const USE = { zh: '服务记录', en: 'service record' };
const PRIVILEGE = { zh: '增值服务项目', en: 'value-added service' };

/** Business days are in Asia/Shanghai whatever the server's zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// ---- catalogue and quotas ---------------------------------------------------------------------

/** Every service with the quota of every tier (0 where the tier has none), tiers by rank. */
export async function listCatalogue(ctx: AppContext): Promise<Privilege[]> {
  const [privileges, quotas, tiers] = await Promise.all([repo.listPrivileges(ctx.db), repo.listQuotas(ctx.db), repo.listTiers(ctx.db)]);
  return privileges.map((p) => withQuotas(p, quotas.filter((q) => q.privilegeCode === p.code), tiers));
}

function withQuotas(p: repo.PrivilegeRow, quotas: { tierCode: string; perYear: number }[], tiers: repo.TierRef[]): Privilege {
  return {
    ...p,
    quotas: tiers.map((t) => ({ tierCode: t.code, tierNameZh: t.nameZh, tierNameEn: t.nameEn, tierRank: t.rank, perYear: quotaFor(quotas, t.code) })),
  };
}

async function privilegeWithQuotas(ctx: AppContext, code: string): Promise<Privilege> {
  const p = await repo.privilegeByCode(ctx.db, code);
  if (!p) throw notFound(PRIVILEGE);
  const [quotas, tiers] = await Promise.all([repo.listQuotas(ctx.db, code), repo.listTiers(ctx.db)]);
  return withQuotas(p, quotas, tiers);
}

export async function savePrivilege(ctx: AppContext, actor: Actor, code: string, body: SavePrivilegeBody): Promise<Privilege> {
  // numeric(20,2) takes the validated string as it is: no float ever touches the amount.
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.privilegeByCode(trx, code);
    const { created } = await repo.savePrivilege(trx, code, body);
    await audit(trx, actor, {
      action: created ? 'privilege.create' : 'privilege.update', entityType: 'privilege', entityId: code,
      detail: { before, after: body },
    });
  });
  return privilegeWithQuotas(ctx, code);
}

export async function setQuotas(ctx: AppContext, actor: Actor, code: string, body: PrivilegeQuotasBody): Promise<Privilege> {
  const tiers = await repo.listTiers(ctx.db);
  const known = new Set(tiers.map((t) => t.code));
  const seen = new Set<string>();
  body.quotas.forEach((q, i) => {
    if (!known.has(q.tierCode)) {
      throw badRequest('UNKNOWN_TIER', `客户等级 ${q.tierCode} 不存在`, `No customer tier ${q.tierCode}`, [{ path: `quotas.${i}.tierCode`, zh: `客户等级 ${q.tierCode} 不存在`, en: `No customer tier ${q.tierCode}` }]);
    }
    if (seen.has(q.tierCode)) {
      throw badRequest('DUPLICATE_TIER', `客户等级 ${q.tierCode} 重复填写`, `Tier ${q.tierCode} appears twice`, [{ path: `quotas.${i}.tierCode`, zh: `客户等级 ${q.tierCode} 重复填写`, en: `Tier ${q.tierCode} appears twice` }]);
    }
    seen.add(q.tierCode);
  });
  // A tier left out has no entitlement: stored as 0, so reseeding the defaults never brings it back.
  const full = tiers.map((t) => ({ tierCode: t.code, perYear: quotaFor(body.quotas, t.code) }));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.privilegeByCode(trx, code))) throw notFound(PRIVILEGE);
    const before = (await repo.listQuotas(trx, code)).map((q) => ({ tierCode: q.tierCode, perYear: q.perYear }));
    await repo.setQuotas(trx, code, full);
    await audit(trx, actor, { action: 'privilege.quotas', entityType: 'privilege', entityId: code, detail: { before, after: full } });
  });
  return privilegeWithQuotas(ctx, code);
}

// ---- a customer's services --------------------------------------------------------------------

export async function customerPrivileges(ctx: AppContext, p: Principal, customerId: number, year?: number): Promise<CustomerPrivileges> {
  const c = await repo.customerInScope(ctx.db, requireScope(p, 'customers.read'), customerId);
  if (!c) throw notFound(CUSTOMER);
  const today = shanghaiToday();
  const y = year ?? yearOf(today);
  const tierCode = currentTier(c, today);
  const [tier, privileges, quotas, uses] = await Promise.all([
    repo.tierByCode(ctx.db, tierCode), repo.listPrivileges(ctx.db), repo.listQuotas(ctx.db), repo.usesOfYear(ctx.db, c.id, y),
  ]);
  const items = privileges
    // A withdrawn service still shows while the customer has uses of it this year.
    .filter((pr) => pr.active || uses.some((u) => u.privilegeCode === pr.code))
    .map((pr) => {
      const mine = uses.filter((u) => u.privilegeCode === pr.code);
      const quota = quotaFor(quotas.filter((q) => q.privilegeCode === pr.code), tierCode);
      return { ...pr, ...summariseYear(quota, mine), uses: mine };
    });
  return {
    customer: { id: c.id, customerNo: c.customerNo, name: maskName(c.name), tierCode, tierNameZh: tier?.nameZh ?? tierCode, tierNameEn: tier?.nameEn ?? tierCode },
    year: y,
    items,
  };
}

function quotaRefusal(reason: 'not_entitled' | 'exhausted', ctx: { tier: repo.TierRef | null; tierCode: string; privilege: repo.PrivilegeRow; quota: number; year: number }): AppError {
  const tierZh = ctx.tier?.nameZh ?? ctx.tierCode;
  const tierEn = ctx.tier?.nameEn ?? ctx.tierCode;
  if (reason === 'not_entitled') {
    return conflict('NOT_ENTITLED', `该客户当前等级（${tierZh}）不享有「${ctx.privilege.nameZh}」服务`, `The customer's current tier (${tierEn}) does not include ${ctx.privilege.nameEn}`);
  }
  return conflict(
    'QUOTA_EXHAUSTED',
    `额度已用完：该客户（${tierZh}）${ctx.year}年「${ctx.privilege.nameZh}」额度${ctx.quota}次已全部使用或预约`,
    `Quota used up: the customer's ${tierEn} quota of ${ctx.quota} for ${ctx.privilege.nameEn} in ${ctx.year} is fully used or booked`,
  );
}

/**
 * Books a service or records one that took place. Bookings of one customer queue on the customer's
 * row, so the count of what is taken cannot go stale before the insert: of two clerks booking the
 * last visit at once, exactly one succeeds and the other hears that the quota is used up.
 */
export async function book(ctx: AppContext, actor: Actor, p: Principal, customerId: number, body: BookPrivilegeBody): Promise<PrivilegeBookResult> {
  const scope = requireScope(p, 'privileges.book');
  const today = shanghaiToday();
  const dateProblem = serviceDateProblem(body.status, body.serviceDate, today);
  if (dateProblem) throw badRequest(dateProblem.code, dateProblem.zh, dateProblem.en, [{ path: 'serviceDate', zh: dateProblem.zh, en: dateProblem.en }]);
  const privilege = await repo.privilegeByCode(ctx.db, body.privilegeCode);
  if (!privilege) {
    const m = { zh: `增值服务项目 ${body.privilegeCode} 不存在`, en: `No value-added service ${body.privilegeCode}` };
    throw badRequest('UNKNOWN_PRIVILEGE', m.zh, m.en, [{ path: 'privilegeCode', ...m }]);
  }
  if (!privilege.active) throw conflict('PRIVILEGE_INACTIVE', `「${privilege.nameZh}」已停止提供`, `${privilege.nameEn} is no longer offered`);
  const year = yearOf(body.serviceDate);

  return ctx.db.transaction().execute(async (trx) => {
    const c = await repo.lockCustomerInScope(trx, scope, customerId);
    if (!c) throw notFound(CUSTOMER);
    if (c.status === 'closed') throw conflict('CUSTOMER_CLOSED', '该客户已销户，不能预约增值服务', 'The customer has closed their relationship: no services can be booked');
    const tierCode = currentTier(c, today);
    const quota = await repo.quotaOf(trx, privilege.code, tierCode);
    const taken = await repo.countTaken(trx, c.id, privilege.code, year);
    const decision = decideBooking(quota, taken);
    if (!decision.ok) throw quotaRefusal(decision.reason, { tier: await repo.tierByCode(trx, tierCode), tierCode, privilege, quota, year });

    const id = await repo.insertUse(trx, {
      customerId: c.id, privilegeCode: privilege.code, status: body.status, serviceDate: body.serviceDate, tierCode,
      branchId: c.branchId, recordedBy: p.staffId, cost: privilege.unitCost, note: body.note,
    });
    const verb = body.status === 'booked' ? '预约' : '使用';
    await addCustomerEvent(trx, {
      customerId: c.id, kind: body.status === 'booked' ? 'privilege.booked' : 'privilege.used', staffId: p.staffId, refType: 'privilege_use', refId: id,
      title: `${verb}增值服务：${privilege.nameZh}（${body.serviceDate}）`,
      detail: { useId: id, privilegeCode: privilege.code, nameZh: privilege.nameZh, nameEn: privilege.nameEn, serviceDate: body.serviceDate, status: body.status, tierCode, remaining: decision.remainingAfter },
    });
    await audit(trx, actor, {
      action: body.status === 'booked' ? 'privilege.book' : 'privilege.record_use', entityType: 'privilege_use', entityId: id, customerId: c.id, branchId: c.branchId,
      detail: { privilegeCode: privilege.code, serviceDate: body.serviceDate, tierCode, quota, takenBefore: taken },
    });
    const use = await repo.useById(trx, c.id, id);
    return { use: use!, quota, remaining: decision.remainingAfter };
  });
}

async function changeUse(
  ctx: AppContext, actor: Actor, p: Principal, customerId: number, useId: number, to: 'used' | 'cancelled',
  apply: (trx: DbOrTrx, current: { serviceDate: string }, today: string) => Promise<Record<string, unknown>>,
): Promise<PrivilegeUse> {
  const scope = requireScope(p, 'privileges.book');
  const today = shanghaiToday();
  return ctx.db.transaction().execute(async (trx) => {
    const c = await repo.customerInScope(trx, scope, customerId);
    if (!c) throw notFound(CUSTOMER);
    const current = await repo.lockUse(trx, c.id, useId);
    if (!current) throw notFound(USE);
    if (!canMoveTo(current.status, to)) {
      if (to === 'used') throw conflict('NOT_BOOKED', current.status === 'used' ? '该服务已登记为已使用' : '该预约已取消，不能登记使用', current.status === 'used' ? 'This service is already recorded as used' : 'This booking was cancelled: it cannot be marked used');
      throw conflict('ALREADY_CANCELLED', '该服务记录已取消', 'This service record is already cancelled');
    }
    const detail = await apply(trx, current, today);
    const privilege = await repo.privilegeByCode(trx, current.privilegeCode);
    const serviceDate = (detail.serviceDate as string | undefined) ?? current.serviceDate;
    await addCustomerEvent(trx, {
      customerId: c.id, kind: to === 'used' ? 'privilege.used' : 'privilege.cancelled', staffId: p.staffId, refType: 'privilege_use', refId: useId,
      title: `${to === 'used' ? '使用' : '取消'}增值服务：${privilege?.nameZh ?? current.privilegeCode}（${serviceDate}）`,
      detail: { useId, privilegeCode: current.privilegeCode, nameZh: privilege?.nameZh, nameEn: privilege?.nameEn, serviceDate, status: to, from: current.status, ...detail },
    });
    await audit(trx, actor, {
      action: to === 'used' ? 'privilege.mark_used' : 'privilege.cancel', entityType: 'privilege_use', entityId: useId, customerId: c.id, branchId: c.branchId,
      reason: typeof detail.reason === 'string' && detail.reason ? detail.reason : null,
      detail: { privilegeCode: current.privilegeCode, from: current.status, to, ...detail },
    });
    return (await repo.useById(trx, c.id, useId))!;
  });
}

/** A booking took place: its visit stays counted; the actual date may differ but not leave the year. */
export function markUsed(ctx: AppContext, actor: Actor, p: Principal, customerId: number, useId: number, body: MarkPrivilegeUsedBody): Promise<PrivilegeUse> {
  return changeUse(ctx, actor, p, customerId, useId, 'used', async (trx, current, today) => {
    const serviceDate = body?.serviceDate ?? current.serviceDate;
    if (serviceDate > today) {
      const m = { zh: '服务日期晚于今天：请填写实际服务日期', en: 'The service date is after today: give the date the service actually took place' };
      throw badRequest('USE_IN_FUTURE', m.zh, m.en, [{ path: 'serviceDate', ...m }]);
    }
    if (yearOf(serviceDate) !== yearOf(current.serviceDate)) {
      const m = { zh: '实际服务日期须与预约在同一年度（额度按年度计算）', en: 'The actual date must be in the same year as the booking (quotas are yearly)' };
      throw badRequest('YEAR_CHANGE', m.zh, m.en, [{ path: 'serviceDate', ...m }]);
    }
    await repo.markUsed(trx, useId, serviceDate, body?.note);
    return { serviceDate };
  });
}

/** Cancelling gives the visit back to the year's quota (a mistaken "used" entry may be cancelled too). */
export function cancel(ctx: AppContext, actor: Actor, p: Principal, customerId: number, useId: number, body: CancelPrivilegeUseBody): Promise<PrivilegeUse> {
  return changeUse(ctx, actor, p, customerId, useId, 'cancelled', async (trx) => {
    await repo.cancelUse(trx, useId);
    return { reason: body?.reason ?? '' };
  });
}

// ---- reports ----------------------------------------------------------------------------------

export async function report(ctx: AppContext, p: Principal, q: PrivilegeReportQuery): Promise<PrivilegeReport> {
  const scope = requireScope(p, 'privileges.report');
  const y = yearOf(shanghaiToday());
  const from = q.from ?? `${y}-01-01`;
  const to = q.to ?? `${y}-12-31`;
  if (from > to) {
    const m = { zh: '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' };
    throw badRequest('BAD_RANGE', m.zh, m.en, [{ path: 'from', ...m }]);
  }
  const r = await repo.usageReport(ctx.db, scope, { from, to, groupBy: q.groupBy });
  return { from, to, groupBy: q.groupBy, rows: r.rows, total: r.total };
}

export async function unused(ctx: AppContext, p: Principal, q: UnusedPrivilegesQuery): Promise<UnusedPrivileges> {
  const scope = requireScope(p, 'privileges.report');
  const today = shanghaiToday();
  const year = q.year ?? yearOf(today);
  const r = await repo.unusedCustomers(ctx.db, scope, { year, today, page: q.page, pageSize: q.pageSize });
  return {
    year,
    items: r.items.map(({ fullName, ...rest }) => ({ ...rest, name: maskName(fullName) })),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
