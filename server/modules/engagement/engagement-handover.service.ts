// Handover (移交): a marketing RM hands a customer and the complete file to a wealth RM, who accepts
// (the dedicated RM changes, open tasks follow, an introduction task is set) or returns it with a
// reason. A head reassigns a departing RM's whole book at once, all or nothing.
import type {
  CreateHandoverBody, HandoverFile, HandoverItem, HandoverListQuery, ReassignBookBody, ReassignPreview, ReplaceCapacityBody, StaffOption,
} from '../../../contracts/engagement';
import { maskName } from '../../../contracts/personal-data';
import { requireScope, scopeOf, type DataScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { addCustomerEvent, addCustomerEvents } from '../customers/timeline';
import { getCustomer360, requireCustomer } from '../customers/customers.service';
import { createTasks } from './engagement-tasks.service';
import * as repo from './engagement-handover.repository';
import * as tasks from './engagement.repository';
import { addDays, shanghaiToday } from './engagement.contact-plan';
import { presentActivity, presentTask } from './engagement.service';
import { planReassignment } from './engagement.capacity';

const HANDOVER = { zh: '移交', en: 'handover' };
export const STALE_DAYS = 3;

function present(h: repo.HandoverRow): HandoverItem {
  return {
    ...h, id: Number(h.id), customerId: Number(h.customerId), fromStaffId: Number(h.fromStaffId), toStaffId: Number(h.toStaffId), customerName: maskName(h.customerName),
    status: h.status as HandoverItem['status'], createdAt: h.createdAt.toISOString(), decidedAt: h.decidedAt ? h.decidedAt.toISOString() : null,
  };
}

const inScope = (scope: DataScope, s: { id: number; branchId: number; branchPath: string }) =>
  scope.kind === 'bank' || (scope.kind === 'subtree' && s.branchPath.startsWith(scope.path)) || (scope.kind === 'branch' && s.branchId === scope.branchId) || (scope.kind === 'own' && s.id === -1);

export async function handoverReceivers(ctx: AppContext, p: Principal): Promise<StaffOption[]> {
  requireScope(p, 'handover.send');
  return (await repo.wealthRmsOf(ctx.db, { branchId: p.branchId })).filter((s) => s.staffId !== p.staffId).map(({ staffId, staffNo, name, branchName, bookSize, maxCustomers }) => ({ staffId: Number(staffId), staffNo, name, branchName, bookSize, maxCustomers }));
}

export async function handoverCandidates(ctx: AppContext, p: Principal, q: string | undefined) {
  requireScope(p, 'handover.send');
  return (await repo.handoverCandidates(ctx.db, p.staffId, q?.trim() || null, 50)).map((c) => ({ ...c, customerId: Number(c.customerId), name: maskName(c.name) }));
}

export async function createHandover(ctx: AppContext, actor: Actor, p: Principal, body: CreateHandoverBody): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'handover.send', body.customerId, true);
    const to = await tasks.activeRm(trx, body.toStaffId, 'wealth_rm');
    if (!to || to.branchId !== c.branchId || to.id === p.staffId) {
      const msg = { zh: '接收人须是客户所在网点在岗的理财客户经理', en: "The receiver must be an active wealth RM of the customer's outlet" };
      throw badRequest('NOT_A_WEALTH_RM', msg.zh, msg.en, [{ path: 'toStaffId', ...msg }]);
    }
    if (c.rmStaffId === to.id) throw conflict('SAME_RM', '该客户已由此客户经理服务', 'This RM already serves the customer');
    const id = await repo.insertHandover(trx, { customerId: c.id, branchId: c.branchId, fromStaffId: p.staffId, toStaffId: to.id, note: body.note });
    if (id === null) throw conflict('HANDOVER_PENDING', '该客户已有待接收的移交', 'This customer already has a handover waiting to be accepted');
    await audit(trx, actor, { action: 'handover.create', entityType: 'handover', entityId: id, customerId: c.id, branchId: c.branchId, detail: { to: to.id, note: body.note } });
    await addCustomerEvent(trx, { customerId: c.id, kind: 'handover', title: `移交给理财客户经理 ${to.name}`, detail: { titleEn: `Handed over to ${to.name}`, handoverId: id }, staffId: p.staffId, refType: 'handover', refId: id });
    await ctx.notifier.toStaff(trx, to.id, {
      kind: 'handover.received', title: `待接收移交：${maskName(c.name)}（${c.customerNo}）Handover to accept`,
      body: `${p.name}将客户移交给您，请查看完整档案后接收或退回。`, link: `/engagement/handovers/${id}`, data: { handoverId: id, customerId: c.id },
    });
    return id;
  });
}

/** Who may see a handover: its sender, its receiver, or a head whose handover.receive/reassign scope reaches its branch. */
async function visibleHandover(db: DbOrTrx, p: Principal, id: number, lock = false): Promise<repo.HandoverRow> {
  const h = await repo.handoverById(db, id, lock);
  if (!h) throw notFound(HANDOVER);
  if (Number(h.fromStaffId) === p.staffId || Number(h.toStaffId) === p.staffId) return h;
  const branch = await repo.staffBranch(db, Number(h.toStaffId));
  for (const perm of ['handover.receive', 'handover.reassign'] as const) {
    const s = scopeOf(p, perm);
    if (s && s.kind !== 'own' && branch && inScope(s, { id: -2, branchId: Number(h.branchId), branchPath: branch.branchPath })) return h;
  }
  throw notFound(HANDOVER);
}

export async function listHandovers(ctx: AppContext, p: Principal, q: HandoverListQuery): Promise<HandoverItem[]> {
  const perm = q.direction === 'outgoing' ? 'handover.send' : q.direction === 'team' ? 'handover.reassign' : 'handover.receive';
  const scope = requireScope(p, perm);
  const own = q.direction === 'outgoing' ? { kind: 'own' as const, staffId: p.staffId } : scope;
  return (await repo.listHandovers(ctx.db, { direction: q.direction, scope: own, status: q.status }, 200)).map(present);
}

export async function staleHandovers(ctx: AppContext, p: Principal): Promise<HandoverItem[]> {
  const scope = requireScope(p, 'engagement.team');
  return (await repo.listHandovers(ctx.db, { direction: 'team', scope, olderThanDays: STALE_DAYS }, 500)).map(present);
}

export async function unassignedCustomers(ctx: AppContext, p: Principal) {
  const res = await repo.unassignedPremium(ctx.db, requireScope(p, 'engagement.team'), 200);
  return { total: res.total, items: res.items.map((c) => ({ ...c, customerId: Number(c.customerId), name: maskName(c.name) })) };
}

/** The complete file the receiver decides on: profile, needs, holdings, contacts, open tasks, notes. */
export async function handoverFile(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<HandoverFile> {
  const h = await visibleHandover(ctx.db, p, id);
  // The file is read on the sender's behalf, who may see the customer; the read is audited as a 360 read.
  const sender = { ...p, permissions: { ...p.permissions, 'customers.read': 'bank' as const, 'customers.reveal': undefined } };
  const c = await getCustomer360(ctx, actor, sender, Number(h.customerId));
  const today = shanghaiToday();
  const [activities, openTasks] = await Promise.all([tasks.activitiesOf(ctx.db, c.id, 20), tasks.openTasksOf(ctx.db, c.id, today)]);
  return {
    handover: present(h),
    profile: {
      customerNo: c.customerNo, name: c.name, gender: c.gender, age: c.age, tierCode: c.tier.code, occupation: c.occupation, employer: c.employer,
      riskLevel: c.risk?.level ?? null, riskAssessedOn: c.risk?.assessedOn ?? null, preferredChannel: c.preferredChannel, preferredContactTime: c.preferredContactTime,
      familyNotes: c.familyNotes, aum: c.aum?.current ?? null, branchName: c.branch.name,
    },
    needs: c.needs.map((n) => ({ kind: n.kind, category: n.category, description: n.description, met: n.met })),
    holdings: c.holdings.filter((x) => x.status === 'active').map((x) => ({ category: x.category, productName: x.productName, balance: x.balance, maturesOn: x.maturesOn })),
    activities: activities.map(presentActivity),
    openTasks: openTasks.map(presentTask),
    notes: c.timeline.items.slice(0, 20).map((e) => ({ at: e.at, title: e.title })),
  };
}

export async function acceptHandover(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<{ tasksMoved: number; introductionTaskId: number | null }> {
  requireScope(p, 'handover.receive');
  return ctx.db.transaction().execute(async (trx) => {
    const h = await visibleHandover(trx, p, id, true);
    if (Number(h.toStaffId) !== p.staffId) throw notFound(HANDOVER);
    if (h.status !== 'pending') throw conflict('HANDOVER_DECIDED', '该移交已处理', 'This handover has already been decided');
    const today = shanghaiToday();
    const moved = await repo.moveCustomers(trx, { customerIds: [Number(h.customerId)], toStaffId: p.staffId, today, reason: `移交 Handover #${id}`, by: p.staffId });
    await repo.decideHandover(trx, id, 'accepted', p.staffId, null);
    const [intro] = await createTasks(trx, [{
      customerId: Number(h.customerId), kind: 'introduction', reasonKey: `handover:${id}`, title: '新客户首次见面：自我介绍并了解需求', titleEn: 'Introduce yourself and learn the needs',
      dueOn: addDays(today, 7), staffId: p.staffId, sourceType: 'handover', sourceId: id, createdBy: p.staffId,
    }]);
    await audit(trx, actor, { action: 'handover.accept', entityType: 'handover', entityId: id, customerId: Number(h.customerId), branchId: Number(h.branchId), detail: { from: h.fromStaffId, tasksMoved: moved.tasks } });
    await addCustomerEvent(trx, {
      customerId: Number(h.customerId), kind: 'rm', title: `专属客户经理变更：接收移交 → ${h.toName}`,
      detail: { titleEn: `Dedicated RM changed: handover accepted by ${h.toName}`, handoverId: id, fromStaffId: h.fromStaffId, toStaffId: p.staffId }, staffId: p.staffId, refType: 'handover', refId: id,
    });
    await ctx.notifier.toStaff(trx, Number(h.fromStaffId), { kind: 'handover.accepted', title: `移交已接收 Handover accepted：${maskName(h.customerName)}`, body: `${p.name}已接收客户。`, link: `/engagement/handovers/${id}`, data: { handoverId: id } });
    return { tasksMoved: moved.tasks, introductionTaskId: intro ?? null };
  });
}

export async function returnHandover(ctx: AppContext, actor: Actor, p: Principal, id: number, reason: string): Promise<void> {
  requireScope(p, 'handover.receive');
  await ctx.db.transaction().execute(async (trx) => {
    const h = await visibleHandover(trx, p, id, true);
    if (Number(h.toStaffId) !== p.staffId) throw notFound(HANDOVER);
    if (h.status !== 'pending') throw conflict('HANDOVER_DECIDED', '该移交已处理', 'This handover has already been decided');
    await repo.decideHandover(trx, id, 'returned', p.staffId, reason);
    await audit(trx, actor, { action: 'handover.return', entityType: 'handover', entityId: id, customerId: Number(h.customerId), branchId: Number(h.branchId), reason });
    await addCustomerEvent(trx, { customerId: Number(h.customerId), kind: 'handover', title: `移交被退回：${reason}`, detail: { titleEn: 'Handover returned', reason }, staffId: p.staffId, refType: 'handover', refId: id });
    await ctx.notifier.toStaff(trx, Number(h.fromStaffId), { kind: 'handover.returned', title: `移交被退回 Handover returned：${maskName(h.customerName)}`, body: reason, link: `/engagement/handovers/${id}`, data: { handoverId: id } });
  });
}

// ---- bulk reassignment ------------------------------------------------------------------------

async function reassignmentPlan(db: DbOrTrx, p: Principal, body: Pick<ReassignBookBody, 'fromStaffId' | 'toStaffIds'>, lock: boolean) {
  const scope = requireScope(p, 'handover.reassign');
  const from = await repo.staffBranch(db, body.fromStaffId);
  if (!from || !inScope(scope, { id: from.id, branchId: from.branchId, branchPath: from.branchPath })) throw notFound({ zh: '客户经理', en: 'RM' });
  const ids = [...new Set(body.toStaffIds)];
  const targets = await repo.wealthRmsOf(db, { staffIds: ids });
  const bad = ids.filter((id) => id === body.fromStaffId || !targets.some((t) => Number(t.staffId) === id && inScope(scope, { id, branchId: t.branchId, branchPath: t.branchPath })));
  if (bad.length > 0) {
    const msg = { zh: '接收人须是您辖内在岗的理财客户经理（且不是原客户经理）', en: 'Receivers must be active wealth RMs within your scope, other than the departing RM' };
    throw badRequest('NOT_A_WEALTH_RM', msg.zh, msg.en, [{ path: 'toStaffIds', ...msg }]);
  }
  const book = await repo.bookOf(db, body.fromStaffId, lock);
  const plan = planReassignment(book, targets.map((t) => ({ staffId: Number(t.staffId), current: t.bookSize, maxCustomers: t.maxCustomers })));
  const preview: ReassignPreview = {
    fromStaffId: body.fromStaffId, customers: book.length, openTasks: await repo.openTaskCount(db, body.fromStaffId),
    targets: plan.targets.map((t) => {
      const s = targets.find((x) => Number(x.staffId) === t.staffId)!;
      return { staffId: t.staffId, name: s.name, gradeCode: s.gradeCode, current: t.current, incoming: t.incoming, after: t.after, maxCustomers: t.maxCustomers, exceeded: t.exceeded };
    }),
    warnings: plan.targets.filter((t) => t.exceeded).map((t) => {
      const s = targets.find((x) => Number(x.staffId) === t.staffId)!;
      return { zh: `${s.name} 管户将达 ${t.after} 户，超过职级上限 ${t.maxCustomers} 户`, en: `${s.name} would serve ${t.after} customers, above the grade's limit of ${t.maxCustomers}` };
    }),
  };
  return { preview, plan, from };
}

export async function previewReassignment(ctx: AppContext, p: Principal, body: Pick<ReassignBookBody, 'fromStaffId' | 'toStaffIds'>): Promise<ReassignPreview> {
  return (await reassignmentPlan(ctx.db, p, body, false)).preview;
}

/** One transaction: either every customer of the departing RM moves, or none does. */
export async function reassignBook(ctx: AppContext, actor: Actor, p: Principal, body: ReassignBookBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const { preview, plan, from } = await reassignmentPlan(trx, p, body, true);
    if (preview.customers === 0) throw conflict('EMPTY_BOOK', '该客户经理名下没有客户', 'This RM has no customers');
    const today = shanghaiToday();
    let moved = 0;
    let tasksMoved = 0;
    for (const [staffId, ids] of plan.assignment) {
      const r = await repo.moveCustomers(trx, { customerIds: ids, toStaffId: staffId, today, reason: body.reason, by: p.staffId });
      moved += r.customers;
      tasksMoved += r.tasks;
    }
    if (moved !== preview.customers || (await repo.bookOf(trx, body.fromStaffId, false)).length > 0) {
      throw conflict('REASSIGN_INCOMPLETE', '有客户未能调整，已全部撤销', 'Some customers could not be moved: nothing was changed');
    }
    await audit(trx, actor, { action: 'handover.reassign', entityType: 'staff', entityId: body.fromStaffId, branchId: from.branchId, reason: body.reason, detail: { targets: preview.targets, moved, tasksMoved } });
    const names = new Map(preview.targets.map((t) => [t.staffId, t.name]));
    const events = [...plan.assignment].flatMap(([staffId, ids]) => ids.map((customerId) => ({
      customerId, kind: 'rm', title: `专属客户经理变更：${from.name} → ${names.get(staffId)}`, detail: { titleEn: 'Dedicated RM changed (book reassigned)', fromStaffId: from.id, toStaffId: staffId, reason: body.reason }, staffId: p.staffId,
    })));
    await addCustomerEvents(trx, events);
    for (const t of preview.targets) {
      if (t.incoming > 0) await ctx.notifier.toStaff(trx, t.staffId, { kind: 'customer.assigned', title: `新分配客户 ${t.incoming} 位 New customers: ${t.incoming}`, body: `${p.name}：${body.reason}`, link: '/workbench', data: { from: from.id } });
    }
    return { ...preview, moved, tasksMoved };
  });
}

// ---- capacity ---------------------------------------------------------------------------------

export const listCapacity = (ctx: AppContext) => repo.listCapacity(ctx.db);

export async function replaceCapacity(ctx: AppContext, actor: Actor, p: Principal, body: ReplaceCapacityBody) {
  const grades = await repo.knownGrades(ctx.db);
  const unknown = body.limits.findIndex((l) => !grades.has(l.gradeCode));
  if (unknown >= 0) {
    const msg = { zh: `职级 ${body.limits[unknown].gradeCode} 不存在`, en: `No grade ${body.limits[unknown].gradeCode}` };
    throw badRequest('UNKNOWN_GRADE', msg.zh, msg.en, [{ path: `limits.${unknown}.gradeCode`, ...msg }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertCapacity(trx, body.limits, p.staffId);
    await audit(trx, actor, { action: 'engagement.capacity', entityType: 'rm_capacity', entityId: 'all', detail: body });
  });
  return repo.listCapacity(ctx.db);
}
