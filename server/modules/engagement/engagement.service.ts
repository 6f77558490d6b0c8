// The RM's tasks and contact log: lists (mine, the team's, overdue), complete, cancel, reassign,
// and logging a call, visit, branch meeting or message (which completes the task it answers).
import type {
  ActivityItem, LogActivityBody, ReassignTaskBody, TaskItem, TaskKind, TaskList, TaskListQuery, TaskStatus,
} from '../../../contracts/engagement';
import { maskName } from '../../../contracts/personal-data';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import { requireCustomer } from '../customers/customers.service';
import { createTasks } from './engagement-tasks.service';
import * as repo from './engagement.repository';
import { addDays, shanghaiToday } from './engagement.contact-plan';

const TASK = { zh: '任务', en: 'task' };
const CHANNEL_ZH: Record<string, string> = { call: '电话', visit: '上门拜访', branch_meeting: '网点面谈', message: '短信/微信' };
const CHANNEL_EN: Record<string, string> = { call: 'Call', visit: 'Visit', branch_meeting: 'Meeting at branch', message: 'Message' };

export function presentTask(r: repo.TaskRow): TaskItem {
  return {
    ...r, id: Number(r.id), customerId: Number(r.customerId), customerName: maskName(r.customerName), kind: r.kind as TaskKind, status: r.status as TaskStatus,
    staffId: r.staffId === null ? null : Number(r.staffId), doneAt: r.doneAt ? r.doneAt.toISOString() : null,
  };
}

export async function listTasks(ctx: AppContext, p: Principal, q: TaskListQuery): Promise<TaskList> {
  const team = scopeOf(p, 'engagement.team');
  // "overdue" is the team's for a head and the caller's own for an RM.
  const scope = q.view === 'team' ? requireScope(p, 'engagement.team') : q.view === 'overdue' && team ? team : { kind: 'own' as const, staffId: p.staffId };
  const today = shanghaiToday();
  const res = await repo.listTasks(ctx.db, { scope, overdueOnly: q.view === 'overdue', status: q.status, kind: q.kind, customerId: q.customerId }, today, q.page, q.pageSize);
  return { items: res.items.map(presentTask), total: res.total, page: q.page, pageSize: q.pageSize };
}

/** A task the caller may work: their own, or one the team scope (a head's) reaches. */
async function workableTask(trx: DbOrTrx, p: Principal, id: number): Promise<repo.TaskRef> {
  const own = await repo.taskRef(trx, { kind: 'own', staffId: p.staffId }, id);
  const team = scopeOf(p, 'engagement.team');
  const t = own ?? (team ? await repo.taskRef(trx, team, id) : null);
  if (!t) throw notFound(TASK);
  if (t.status !== 'open') throw conflict('TASK_CLOSED', '该任务已完成或已取消', 'This task is already done or cancelled');
  return t;
}

export async function completeTask(ctx: AppContext, actor: Actor, p: Principal, id: number, outcome: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await workableTask(trx, p, id);
    await repo.closeTask(trx, id, 'done', outcome);
    await audit(trx, actor, { action: 'engagement.task.complete', entityType: 'engagement_task', entityId: id, customerId: t.customerId, branchId: t.branchId, detail: { outcome } });
    await addCustomerEvent(trx, { customerId: t.customerId, kind: 'task', title: `完成任务：${t.title}`, detail: { titleEn: 'Task completed', outcome, taskKind: t.kind }, staffId: p.staffId, refType: 'engagement_task', refId: id });
  });
}

export async function cancelTask(ctx: AppContext, actor: Actor, p: Principal, id: number, reason: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await workableTask(trx, p, id);
    await repo.closeTask(trx, id, 'cancelled', reason);
    await audit(trx, actor, { action: 'engagement.task.cancel', entityType: 'engagement_task', entityId: id, customerId: t.customerId, branchId: t.branchId, reason });
  });
}

/** A head moves one task to another RM of their team (the customer's RM stays as is). */
export async function reassignTask(ctx: AppContext, actor: Actor, p: Principal, id: number, body: ReassignTaskBody): Promise<void> {
  const team = requireScope(p, 'engagement.team');
  await ctx.db.transaction().execute(async (trx) => {
    const t = await repo.taskRef(trx, team, id);
    if (!t) throw notFound(TASK);
    if (t.status !== 'open') throw conflict('TASK_CLOSED', '该任务已完成或已取消', 'This task is already done or cancelled');
    const rm = await repo.activeRm(trx, body.staffId);
    const inTeam = rm && (team.kind === 'bank' || (team.kind === 'subtree' && rm.branchPath.startsWith(team.path)) || (team.kind === 'branch' && rm.branchId === team.branchId));
    if (!rm || !inTeam) {
      const msg = { zh: '所选员工不是您辖内在岗的客户经理', en: 'That staff member is not an active RM within your team' };
      throw badRequest('NOT_AN_RM', msg.zh, msg.en, [{ path: 'staffId', ...msg }]);
    }
    if (t.staffId === rm.id) throw conflict('SAME_RM', '该任务已由此客户经理负责', 'This RM already has the task');
    await repo.assignTask(trx, id, rm.id);
    await audit(trx, actor, { action: 'engagement.task.reassign', entityType: 'engagement_task', entityId: id, customerId: t.customerId, branchId: t.branchId, reason: body.reason, detail: { from: t.staffId, to: rm.id } });
    await ctx.notifier.toStaff(trx, rm.id, { kind: 'engagement.task_assigned', title: `新任务：${t.title} New task`, body: `${p.name}：${body.reason}`, link: '/engagement/tasks', data: { taskId: id } });
  });
}

// ---- activities -------------------------------------------------------------------------------

export async function logActivity(ctx: AppContext, actor: Actor, p: Principal, body: LogActivityBody): Promise<{ id: number; followUpTaskId: number | null; completedTaskId: number | null }> {
  const today = shanghaiToday();
  const occurredAt = body.occurredAt ?? new Date().toISOString();
  const fieldProblem = (path: string, zh: string, en: string) => badRequest('BAD_ACTIVITY', zh, en, [{ path, zh, en }]);
  if (Date.parse(occurredAt) > Date.now() + 5 * 60_000) throw fieldProblem('occurredAt', '联系时间不能晚于现在', 'The contact time cannot be in the future');
  if (body.nextStepOn && !body.nextStep) throw fieldProblem('nextStep', '填写下一步日期时请写明下一步做什么', 'Say what the next step is when giving its date');
  if (body.nextStepOn && (body.nextStepOn < today || body.nextStepOn > addDays(today, 366) || Number.isNaN(Date.parse(body.nextStepOn)))) {
    throw fieldProblem('nextStepOn', '下一步日期须在今天到一年之内', 'The next step date must be between today and a year from now');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'engagement.work', body.customerId, true);
    let completedTaskId: number | null = null;
    if (body.taskId) {
      const t = await workableTask(trx, p, body.taskId);
      if (t.customerId !== c.id) throw fieldProblem('taskId', '该任务不属于此客户', 'That task is not about this customer');
      completedTaskId = t.id;
    }
    let followUpTaskId: number | null = null;
    if (body.nextStepOn) {
      const [tid] = await createTasks(trx, [{
        customerId: c.id, kind: 'follow_up', reasonKey: `follow_up:${occurredAt}:${p.staffId}`, title: `跟进：${body.nextStep}`, titleEn: `Follow up: ${body.nextStep}`,
        dueOn: body.nextStepOn, staffId: p.staffId, createdBy: p.staffId, sourceType: 'activity',
      }]);
      followUpTaskId = tid ?? null;
    }
    const id = await repo.insertActivity(trx, {
      customerId: c.id, branchId: c.branchId, staffId: p.staffId, channel: body.channel, outcome: body.outcome, occurredAt, summary: body.summary,
      needs: body.needs, products: body.products, nextStep: body.nextStep, nextStepOn: body.nextStepOn ?? null, taskId: completedTaskId, followUpTaskId,
    });
    if (completedTaskId) await repo.closeTask(trx, completedTaskId, 'done', `${CHANNEL_ZH[body.channel]}：${body.outcome}${body.summary ? ` ${body.summary}` : ''}`.slice(0, 500));
    await repo.touchLastContact(trx, c.id, occurredAt);
    await audit(trx, actor, { action: 'engagement.activity.log', entityType: 'engagement_activity', entityId: id, customerId: c.id, branchId: c.branchId, detail: { channel: body.channel, outcome: body.outcome, taskId: completedTaskId } });
    await addCustomerEvent(trx, {
      customerId: c.id, kind: 'contact', at: occurredAt, title: `${CHANNEL_ZH[body.channel]}联系${body.summary ? `：${body.summary.slice(0, 80)}` : ''}`,
      detail: { titleEn: `${CHANNEL_EN[body.channel]} contact`, channel: body.channel, outcome: body.outcome, products: body.products, needs: body.needs, nextStep: body.nextStep, nextStepOn: body.nextStepOn ?? null },
      staffId: p.staffId, refType: 'engagement_activity', refId: id,
    });
    return { id, followUpTaskId, completedTaskId };
  });
}

export function presentActivity(a: repo.ActivityRow): ActivityItem {
  return {
    ...a, id: Number(a.id), customerId: Number(a.customerId), staffId: Number(a.staffId), channel: a.channel as ActivityItem['channel'], outcome: a.outcome as ActivityItem['outcome'],
    occurredAt: a.occurredAt.toISOString(), taskId: a.taskId === null ? null : Number(a.taskId), followUpTaskId: a.followUpTaskId === null ? null : Number(a.followUpTaskId),
  };
}

export async function customerActivities(ctx: AppContext, p: Principal, customerId: number): Promise<ActivityItem[]> {
  await requireCustomer(ctx.db, p, 'engagement.work', customerId);
  return (await repo.activitiesOf(ctx.db, customerId, 100)).map(presentActivity);
}
