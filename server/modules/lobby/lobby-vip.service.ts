// VIP recognition (识别优质客户): a gold-or-above customer checks in → the outlet's lobby managers and
// the customer's dedicated RM hear it at once (inbox + live push), with the name masked.
import { VIP_ARRIVAL_NOTIFICATION, type ReceiveVipBody, type VipAlert, type VipArrival } from '../../../contracts/lobby';
import { maskName } from '../../../contracts/personal-data';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { conflict, notFound } from '../../platform/errors';
import * as repo from './lobby.repository';
import * as rec from './lobby-records.repository';
import { emit, requireOutlet, shanghaiDay } from './lobby.common';
import type { OutletRow, RecognisedRow } from './lobby.repository';
import { aumBand } from './lobby.routing';

const ARRIVAL = { zh: '贵宾到店记录', en: 'VIP arrival' };

export async function raiseVipAlert(
  ctx: AppContext,
  trx: DbOrTrx,
  a: { outlet: OutletRow; ticketId: number; number: string; zoneCode: string; businessCode: string; customer: RecognisedRow },
): Promise<void> {
  const c = a.customer;
  const band = aumBand(c.aum);
  const alert: Omit<VipAlert, 'arrivalId'> = {
    branchId: a.outlet.branchId, branchName: a.outlet.branchName, ticketId: a.ticketId, ticketNumber: a.number, zoneCode: a.zoneCode,
    customerId: c.customerId, customerName: maskName(c.fullName), tierCode: c.tierCode, tierNameZh: c.tierNameZh, tierNameEn: c.tierNameEn, tierRank: c.tierRank,
    aumBandZh: band.zh, aumBandEn: band.en, lastContactOn: c.lastContactAt ? shanghaiDay(c.lastContactAt) : null, openNeeds: c.openNeeds,
    birthdayToday: c.birthdayToday, expiringProducts: c.expiringProducts, rmStaffId: c.rmStaffId, rmName: c.rmName, businessCode: a.businessCode,
    arrivedAt: new Date().toISOString(),
  };
  const arrivalId = await rec.insertVipArrival(trx, { branchId: a.outlet.branchId, ticketId: a.ticketId, customerId: c.customerId, rmStaffId: c.rmStaffId, alert });
  const full: VipAlert = { ...alert, arrivalId };
  const extras = [c.birthdayToday ? '今天生日' : '', c.expiringProducts > 0 ? `${c.expiringProducts}笔产品30天内到期` : '', c.openNeeds > 0 ? `${c.openNeeds}项待跟进需求` : '']
    .filter(Boolean)
    .join('，');
  const title = `贵宾到店：${full.customerName}（${c.tierNameZh}）`;
  const body = `${a.outlet.branchName} ${a.number} 号，资产${band.zh}${extras ? `；${extras}` : ''}`;
  const recipients = new Set((await repo.staffWithRole(trx, a.outlet.branchId, 'lobby_manager')).map((s) => s.staffId));
  for (const staffId of recipients) {
    await ctx.notifier.toStaff(trx, staffId, { kind: VIP_ARRIVAL_NOTIFICATION, title, body, link: `/lobby/console?branchId=${a.outlet.branchId}`, data: full });
  }
  if (c.rmStaffId !== null && !recipients.has(c.rmStaffId)) {
    await ctx.notifier.toStaff(trx, c.rmStaffId, { kind: VIP_ARRIVAL_NOTIFICATION, title, body, link: `/customers/${c.customerId}`, data: full });
  }
  await emit(ctx, trx, a.outlet.branchId, 'vip.arrival', { alert: full });
}

function present(r: rec.VipArrivalRecord): VipArrival {
  const { customerFullName, ...rest } = r;
  return { ...rest, customerName: maskName(customerFullName) };
}

/** The day's arrivals; an RM whose lobby.vip scope is `own` sees only their own customers. */
export async function listVipArrivals(ctx: AppContext, p: Principal, branchId: number, day: string | undefined): Promise<VipArrival[]> {
  const scope = requireScope(p, 'lobby.vip');
  const o = await requireOutlet(ctx.db, p, 'lobby.vip', branchId);
  const rows = await rec.listVipArrivals(ctx.db, o.branchId, day ?? shanghaiDay(), scope.kind === 'own' ? p.staffId : null);
  return rows.map(present);
}

export async function receiveVip(ctx: AppContext, actor: Actor, p: Principal, id: number, body: ReceiveVipBody): Promise<VipArrival> {
  const scope = requireScope(p, 'lobby.vip');
  const a = await rec.getVipArrival(ctx.db, id);
  if (!a) throw notFound(ARRIVAL);
  if (scope.kind === 'own' ? a.rmStaffId !== p.staffId : !(await requireOutlet(ctx.db, p, 'lobby.vip', a.branchIdOf).then(() => true, () => false))) throw notFound(ARRIVAL);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await rec.receiveVip(trx, id, p.staffId, body?.vipRoom ?? false, body?.note ?? '');
    if (!done) throw conflict('ALREADY_RECEIVED', '该贵宾已有人接待', 'Someone has already received this customer');
    await audit(trx, actor, { action: 'lobby.vip.receive', entityType: 'lobby_vip_arrival', entityId: id, branchId: a.branchIdOf, customerId: a.customerId, detail: { vipRoom: body?.vipRoom ?? false } });
  });
  return present((await rec.getVipArrival(ctx.db, id))!);
}

export async function vipArrivalsForConsole(ctx: AppContext, branchId: number): Promise<VipArrival[]> {
  return (await rec.listVipArrivals(ctx.db, branchId, shanghaiDay(), null)).map(present);
}
