// The complaint workflow: accepted → assigned (recusal) → investigating → decision proposed →
// decided and told → the customer accepts (closed, with root cause and corrective action) or
// disputes (review, reopened); withdrawal ends it the day it is received. Every step is one
// transaction with its history row and audit row; the deadline extensions follow the regulation.
import type { AssignComplaintBody, ComplaintCallbackBody, ComplaintDetail, ComplaintStepAction, ComplaintStepBody, ExtendComplaintBody } from '../../../contracts/quality';
import type { PermissionCode } from '../../../contracts/roles';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import { createTasks } from '../engagement/engagement-tasks.service';
import * as repo from './complaints.repository';
import { canActAs } from './complaints.access';
import { addDays, complaintDeadline, extensionProblem, nextStatus, recusalProblem, type Problem } from './complaints.rules';
import { COMPLAINT, complaintDetail, complaintNo } from './complaints.service';
import { onlyScope, shanghaiToday } from './quality.common';

const STAFF = { zh: '员工', en: 'staff member' };
const CALLBACK_DAYS = 3;

const recusal = (pr: Problem, path = 'handlerStaffId') => badRequest(pr.code, pr.zh, pr.en, [{ path, zh: pr.zh, en: pr.en }]);
const need = (path: string, zh: string, en: string) => badRequest('STEP_NEEDS', zh, en, [{ path, zh, en }]);
const wrongStep = () => conflict('BAD_STEP', '该投诉当前状态下不能执行此操作（可能已被他人处理），请刷新后重试', 'This step is not possible in the complaint\'s current state (someone may have just acted on it): refresh and retry');

/** The complaint locked for this transaction, if the caller may act on it through `perm`. */
async function lockFor(trx: DbOrTrx, p: Principal, perm: PermissionCode, id: number): Promise<repo.ComplaintRow> {
  const row = await repo.getComplaint(trx, id, onlyScope(p, perm), true);
  if (!row) throw notFound(COMPLAINT);
  if (row.aboutStaffIds.includes(p.staffId)) {
    throw new AppError(403, 'RECUSAL', '回避原则：您是被投诉员工，不能处理此投诉', 'Recusal: you are named in this complaint and cannot act on it');
  }
  if (!canActAs(p, perm, row)) throw notFound(COMPLAINT);
  return row;
}

export async function assign(ctx: AppContext, actor: Actor, p: Principal, id: number, body: AssignComplaintBody): Promise<ComplaintDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await lockFor(trx, p, 'complaints.manage', id);
    const to = nextStatus(c.status, 'assign');
    if (!to) throw wrongStep();
    const problem = recusalProblem(c.aboutStaffIds, body.handlerStaffId);
    if (problem) throw recusal(problem);
    const [handler] = await repo.staffNames(trx, [body.handlerStaffId]);
    if (!handler || !handler.active) throw badRequest('UNKNOWN_HANDLER', '处理人不存在或已离职', 'The handler does not exist or has left', [{ path: 'handlerStaffId', zh: '处理人不存在或已离职', en: 'The handler does not exist or has left' }]);
    const scope = onlyScope(p, 'complaints.manage')[0]!;
    if (!(await repo.branchInScope(trx, scope, handler.branchId))) throw notFound(STAFF);
    if (!(await repo.mayHandle(trx, handler.id))) {
      throw badRequest('NOT_A_HANDLER', '该员工没有处理投诉的权限', 'That staff member may not handle complaints', [{ path: 'handlerStaffId', zh: '该员工没有处理投诉的权限', en: 'That staff member may not handle complaints' }]);
    }
    await repo.updateComplaint(trx, id, { status: to, handlerStaffId: handler.id });
    await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action: 'assign', fromStatus: c.status, toStatus: to, note: body.note, detail: { handlerStaffId: handler.id, handlerName: handler.name, previous: c.handlerStaffId } }]);
    await audit(trx, actor, { action: 'complaint.assign', entityType: 'complaint', entityId: id, branchId: c.branchId, customerId: c.customerId, detail: { handlerStaffId: handler.id } });
    await ctx.notifier.toStaff(trx, handler.id, {
      kind: 'complaint.assigned', title: `投诉分派给您：${complaintNo(id, c.acceptedOn)}`, body: `须于 ${c.dueOn} 前将处理决定告知投诉人`,
      link: `/quality/complaints/${id}`, data: { complaintId: id, dueOn: c.dueOn },
    });
  });
  return complaintDetail(ctx.db, p, id);
}

export async function step(ctx: AppContext, actor: Actor, p: Principal, id: number, action: ComplaintStepAction, body: ComplaintStepBody): Promise<ComplaintDetail> {
  const perm: PermissionCode = action === 'reject_proposal' ? 'complaints.manage' : 'complaints.handle';
  const today = shanghaiToday();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await lockFor(trx, p, perm, id);
    const to = nextStatus(c.status, action);
    if (!to) throw wrongStep();
    const patch: repo.ComplaintPatch = { status: to };
    const detail: Record<string, unknown> = {};
    switch (action) {
      case 'propose':
        if (!body.decision) throw need('decision', '请填写拟定的处理决定', 'Write the proposed decision');
        patch.decision = body.decision;
        detail.decision = body.decision;
        break;
      case 'decide': {
        const decision = body.decision ?? c.decision;
        if (!decision) throw need('decision', '请填写处理决定', 'Write the decision');
        if (!body.toldVia) throw need('toldVia', '请选择告知投诉人的方式', 'Choose how the complainant was told');
        Object.assign(patch, { decision, decidedOn: today, decidedNow: true, toldVia: body.toldVia });
        Object.assign(detail, { decision, toldVia: body.toldVia, dueOn: c.dueOn, onTime: today <= c.dueOn });
        break;
      }
      case 'dispute':
        patch.reopened = true;
        break;
      case 'close': {
        if (!body.rootCause) throw need('rootCause', '办结须填写问题根源（溯源整改）', 'Closing needs the root cause');
        if (!body.correctiveAction) throw need('correctiveAction', '办结须填写整改措施', 'Closing needs the corrective action');
        if (!body.correctiveOwnerId) throw need('correctiveOwnerId', '请指定整改责任人', 'Name the owner of the corrective action');
        if (!body.correctiveDueOn) throw need('correctiveDueOn', '请填写整改期限', 'Give the due date of the corrective action');
        if (body.correctiveDueOn < today) throw need('correctiveDueOn', '整改期限不能早于今天', 'The corrective action cannot be due before today');
        const [owner] = await repo.staffNames(trx, [body.correctiveOwnerId]);
        if (!owner || !owner.active) throw need('correctiveOwnerId', '整改责任人不存在或已离职', 'The owner does not exist or has left');
        Object.assign(patch, {
          closedOn: today, rootCause: body.rootCause, rootCauseNote: body.rootCauseNote ?? null, correctiveAction: body.correctiveAction,
          correctiveOwnerId: owner.id, correctiveDueOn: body.correctiveDueOn,
        });
        Object.assign(detail, { rootCause: body.rootCause, correctiveOwnerId: owner.id, correctiveDueOn: body.correctiveDueOn });
        break;
      }
      case 'withdraw':
        // Withdrawal ends the complaint on the day it is received.
        Object.assign(patch, { closedOn: today, withdrawn: true });
        break;
      default:
        break;
    }
    await repo.updateComplaint(trx, id, patch);
    await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action, fromStatus: c.status, toStatus: to, note: body.note, detail }]);
    await audit(trx, actor, { action: `complaint.${action}`, entityType: 'complaint', entityId: id, branchId: c.branchId, customerId: c.customerId, detail: { from: c.status, to, ...detail } });
    if ((action === 'close' || action === 'withdraw') && c.customerId) {
      const no = complaintNo(id, c.acceptedOn);
      await addCustomerEvent(trx, {
        customerId: c.customerId, kind: 'complaint', staffId: p.staffId, refType: 'complaint', refId: id,
        title: action === 'close' ? `投诉 ${no} 已办结` : `投诉 ${no} 已撤回`,
        detail: { titleEn: action === 'close' ? `Complaint ${no} closed` : `Complaint ${no} withdrawn`, category: c.category },
      });
      if (action === 'close') {
        await createTasks(trx, [{
          customerId: c.customerId, kind: 'complaint_callback', reasonKey: `complaint:${id}`, dueOn: addDays(today, CALLBACK_DAYS),
          title: `投诉办结回访：${no}`, titleEn: `Complaint call-back: ${no}`, sourceType: 'complaint', sourceId: id, createdBy: p.staffId,
          detail: { complaintId: id, category: c.category },
        }]);
      }
    }
  });
  return complaintDetail(ctx.db, p, id);
}

export async function extend(ctx: AppContext, actor: Actor, p: Principal, id: number, body: ExtendComplaintBody): Promise<ComplaintDetail> {
  const today = shanghaiToday();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await lockFor(trx, p, 'complaints.handle', id);
    const problem = extensionProblem({
      status: c.status, currentLevel: c.extensionLevel, requestedLevel: body.extensionLevel, today, dueOn: c.dueOn, reason: body.reason,
      canApprove: canActAs(p, 'complaints.manage', c),
    });
    if (problem) {
      if (problem.code === 'EXTENSION_NEEDS_APPROVAL') throw new AppError(403, problem.code, problem.zh, problem.en);
      throw conflict(problem.code, problem.zh, problem.en);
    }
    const dueOn = complaintDeadline(c.acceptedOn, body.extensionLevel);
    await repo.updateComplaint(trx, id, { dueOn, extensionLevel: body.extensionLevel });
    const detail = { extensionLevel: body.extensionLevel, reason: body.reason, toldVia: body.toldVia, from: c.dueOn, to: dueOn };
    await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action: 'extend', fromStatus: c.status, toStatus: c.status, note: body.reason, detail }]);
    await audit(trx, actor, { action: 'complaint.extend', entityType: 'complaint', entityId: id, branchId: c.branchId, customerId: c.customerId, reason: body.reason, detail });
  });
  return complaintDetail(ctx.db, p, id);
}

export async function callback(ctx: AppContext, actor: Actor, p: Principal, id: number, body: ComplaintCallbackBody): Promise<ComplaintDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await lockFor(trx, p, 'complaints.handle', id);
    if (c.status !== 'closed') throw conflict('NOT_CLOSED', '投诉办结后才能回访', 'Call back once the complaint is closed');
    if (c.callbackAt) throw conflict('CALLED_BACK', '该投诉已回访', 'This complaint has already been called back');
    await repo.updateComplaint(trx, id, { callbackSatisfaction: body.satisfaction, callbackNote: body.note });
    await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action: 'callback', fromStatus: c.status, toStatus: c.status, note: body.note, detail: { satisfaction: body.satisfaction } }]);
    await audit(trx, actor, { action: 'complaint.callback', entityType: 'complaint', entityId: id, branchId: c.branchId, customerId: c.customerId, detail: { satisfaction: body.satisfaction } });
  });
  return complaintDetail(ctx.db, p, id);
}

export async function handlers(ctx: AppContext, p: Principal, branchId: number) {
  const scope = onlyScope(p, 'complaints.manage')[0];
  if (!scope) throw forbidden();
  if (!(await repo.branchInScope(ctx.db, scope, branchId))) throw notFound({ zh: '机构', en: 'branch' });
  return repo.handlersAt(ctx.db, branchId);
}
