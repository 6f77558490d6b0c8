// The RM workbench (工作台): the day at a glance in one call, every item one click from the 360 page.
import type { Workbench } from '../../../contracts/engagement';
import { maskName } from '../../../contracts/personal-data';
import { scopeOf, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { listVipArrivals } from '../lobby/lobby-vip.service';
import * as handovers from './engagement-handover.repository';
import * as repo from './engagement-workbench.repository';
import { addDays, birthdayWindow, shanghaiToday } from './engagement.contact-plan';
import { presentTask } from './engagement.service';

const LIST = 20;

function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** VIPs of the RM's own book who came in today; nothing when the RM's branch has no lobby. */
async function lobbyToday(ctx: AppContext, p: Principal): Promise<Workbench['lobby']> {
  if (!p.permissions['lobby.vip']) return [];
  try {
    const rows = await listVipArrivals(ctx, { ...p, permissions: { ...p.permissions, 'lobby.vip': 'own' } }, p.branchId, undefined);
    return rows.map((a) => ({ customerId: a.customerId, customerNo: '', name: a.customerName, tierCode: a.tierCode, ticketNumber: a.ticketNumber, arrivedAt: a.arrivedAt, received: a.receivedAt !== null }));
  } catch {
    return [];
  }
}

export async function getWorkbench(ctx: AppContext, p: Principal): Promise<Workbench> {
  const today = shanghaiToday();
  const me = p.staffId;
  const money = (v: string) => (p.permissions['customers.reveal'] ? v : null);
  const team = scopeOf(p, 'engagement.team');
  const [counts, due, maturities, birthdays, incoming, reviews, book, teamOverdue, lobby] = await Promise.all([
    repo.taskCounts(ctx.db, me, today),
    repo.openTasks(ctx.db, me, today, addDays(today, 7), 30, null),
    repo.maturities(ctx.db, me, today, addDays(today, 7), LIST),
    repo.birthdays(ctx.db, me, birthdayWindow(today, 7), LIST),
    handovers.listHandovers(ctx.db, { direction: 'incoming', scope: { kind: 'own', staffId: me }, status: 'pending' }, LIST),
    repo.openTasks(ctx.db, me, today, addDays(today, 366), LIST, 'allocation_review'),
    repo.book(ctx.db, me, previousMonth(today)),
    team ? repo.teamOverdue(ctx.db, team, today) : Promise.resolve(null),
    lobbyToday(ctx, p),
  ]);
  const customer = <T extends { customerId: number; name: string }>(r: T) => ({ ...r, customerId: Number(r.customerId), name: maskName(r.name) });
  return {
    today,
    lobby,
    tasks: { ...counts, items: due.map(presentTask) },
    maturities: maturities.map((m) => ({ ...customer(m), balance: money(m.balance) })),
    birthdays: birthdays.map(customer),
    handovers: incoming.map((h) => ({
      ...h, id: Number(h.id), customerId: Number(h.customerId), fromStaffId: Number(h.fromStaffId), toStaffId: Number(h.toStaffId), customerName: maskName(h.customerName),
      status: h.status as Workbench['handovers'][number]['status'], createdAt: h.createdAt.toISOString(), decidedAt: h.decidedAt ? h.decidedAt.toISOString() : null,
    })),
    allocationReviews: reviews.map(presentTask),
    book: {
      customers: book.customers,
      byTier: book.tiers.map((t) => ({ ...t, aum: money(t.aum) ?? '' })),
      aum: money(book.aum) ?? '',
      aumLastMonth: money(book.aumLastMonth) ?? '',
      aumChange: money(book.aumChange) ?? '',
      crossSellRatio: book.crossSell,
    },
    teamOverdue,
  };
}
