// Complaints (消费投诉): intake from every channel, the lists and the record a caller may see
// (scoped, personal data masked), the audited reveal of the complainant's contact, attachments.
// The workflow's steps are in complaints-workflow.service.ts.
import { maskMobile, maskName } from '../../../contracts/personal-data';
import type {
  ComplaintDetail, ComplaintFileQuery, ComplaintIntakeBody, ComplaintListQuery, ComplaintPage, ComplaintSummary, ComplaintStatus,
} from '../../../contracts/quality';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import * as repo from './complaints.repository';
import { complaintDeadline, daysBetween, deadlineState } from './complaints.rules';
import { allowedActions } from './complaints.access';
import { fileProblem, normalType } from './quality.files';
import { complaintVisibility, shanghaiToday } from './quality.common';

export const COMPLAINT = { zh: '投诉', en: 'complaint' };
const BRANCH = { zh: '机构', en: 'branch' };
const CUSTOMER = { zh: '客户', en: 'customer' };
const FILE = { zh: '附件', en: 'attachment' };

export const complaintNo = (id: number, acceptedOn: string) => `TS${acceptedOn.replaceAll('-', '')}${String(id).padStart(6, '0')}`;

export function presentSummary(r: repo.ComplaintRow, today: string): ComplaintSummary {
  return {
    id: r.id, complaintNo: complaintNo(r.id, r.acceptedOn), branchId: r.branchId, branchName: r.branchName,
    channel: r.channel as ComplaintSummary['channel'], complainantType: r.complainantType as ComplaintSummary['complainantType'], customerId: r.customerId,
    complainantName: r.customerFullName ? maskName(r.customerFullName) : r.contactName ? maskName(r.contactName) : null,
    category: r.category as ComplaintSummary['category'], businessLine: r.businessLine as ComplaintSummary['businessLine'], status: r.status,
    acceptedOn: r.acceptedOn, dueOn: r.dueOn, extensionLevel: r.extensionLevel, decidedOn: r.decidedOn,
    deadlineState: deadlineState({ status: r.status, acceptedOn: r.acceptedOn, dueOn: r.dueOn, decidedOn: r.decidedOn, today }),
    daysLeft: daysBetween(today, r.dueOn), handlerStaffId: r.handlerStaffId, handlerName: r.handlerName, amountInDispute: r.amountInDispute,
  };
}

export async function complaintDetail(db: DbOrTrx, p: Principal, id: number): Promise<ComplaintDetail> {
  const r = await repo.getComplaint(db, id, complaintVisibility(p));
  if (!r) throw notFound(COMPLAINT);
  const [history, attachments, about] = await Promise.all([repo.history(db, id), repo.listAttachments(db, id), repo.staffNames(db, r.aboutStaffIds)]);
  const mobile = r.contactMobile ?? r.customerMobile;
  return {
    ...presentSummary(r, shanghaiToday()),
    contactMobile: mobile ? maskMobile(mobile) : null,
    aboutStaff: about.map((s) => ({ id: s.id, name: s.name })),
    description: r.description, customerRequest: r.customerRequest, decision: r.decision, toldVia: r.toldVia, reopenedCount: r.reopenedCount,
    closedOn: r.closedOn, callbackAt: r.callbackAt ? new Date(r.callbackAt).toISOString() : null, callbackSatisfaction: r.callbackSatisfaction,
    callbackNote: r.callbackNote, rootCause: r.rootCause as ComplaintDetail['rootCause'], rootCauseNote: r.rootCauseNote, correctiveAction: r.correctiveAction,
    correctiveOwnerId: r.correctiveOwnerId, correctiveOwnerName: r.correctiveOwnerName, correctiveDueOn: r.correctiveDueOn, lobbyComplaintId: r.lobbyComplaintId,
    history, attachments, allowed: allowedActions(p, r),
  };
}

export async function listComplaints(ctx: AppContext, p: Principal, q: ComplaintListQuery): Promise<ComplaintPage> {
  const v = complaintVisibility(p);
  const { rows, total } = await repo.listComplaints(ctx.db, v, { ...q, handlerStaffId: q.mine ? p.staffId : undefined });
  const today = shanghaiToday();
  return { items: rows.map((r) => presentSummary(r, today)), total, page: q.page, pageSize: q.pageSize };
}

// ---- intake -------------------------------------------------------------------------------------

export type IntakeInput = ComplaintIntakeBody & { lobbyComplaintId?: number };

function field(code: string, path: string, zh: string, en: string): AppError {
  return badRequest(code, zh, en, [{ path, zh, en }]);
}

/**
 * Opens a complaint inside the caller's transaction and returns its id. `outletId` has been
 * checked against the caller's intake scope already.
 */
export async function openComplaint(
  ctx: AppContext, trx: DbOrTrx, actor: Actor, p: Principal, outletId: number, body: IntakeInput, opts: { customerChecked?: boolean } = {},
): Promise<number> {
  if (body.customerId === undefined) {
    if (!body.contactMobile && !body.contactName) {
      throw field('WHO_COMPLAINS', 'contactMobile', '请关联客户，或填写投诉人的姓名和联系电话', "Link the customer, or give the complainant's name and phone");
    }
  }
  if ((body.complainantType === 'walk_in' || body.complainantType === 'proxy' || body.complainantType === 'heir') && (!body.contactName || !body.contactMobile)) {
    throw field('CONTACT_NEEDED', 'contactMobile', '代理人、继承人或未留客户信息的现场投诉须登记联系人姓名和手机号', 'A proxy, an heir or an anonymous walk-in must leave a contact name and mobile');
  }
  let customer: { id: number; branchId: number } | null = null;
  if (body.customerId !== undefined) {
    customer = opts.customerChecked ? { id: body.customerId, branchId: outletId } : await repo.customerForIntake(trx, body.customerId, scopeOf(p, 'customers.read'), outletId);
    if (!customer) throw notFound(CUSTOMER);
  }
  const about = [...new Set(body.aboutStaffIds)];
  const known = await repo.staffNames(trx, about);
  if (known.length !== about.length) throw field('UNKNOWN_STAFF', 'aboutStaffIds', '被投诉员工不存在', 'A staff member named does not exist');
  const today = shanghaiToday();
  const id = await repo.insertComplaint(trx, {
    branchId: outletId, channel: body.channel, complainantType: body.complainantType, customerId: customer?.id ?? null,
    contactName: body.contactName ?? null, contactMobile: body.contactMobile ?? null, category: body.category, businessLine: body.businessLine,
    aboutStaffIds: about, amountInDispute: body.amountInDispute ?? null, description: body.description, customerRequest: body.customerRequest,
    lobbyComplaintId: body.lobbyComplaintId ?? null, acceptedOn: today, dueOn: complaintDeadline(today, 0), createdBy: p.staffId,
  });
  await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action: 'accept', fromStatus: null, toStatus: 'accepted', note: '', detail: { channel: body.channel } }]);
  if (customer) {
    await addCustomerEvent(trx, {
      customerId: customer.id, kind: 'complaint', staffId: p.staffId, refType: 'complaint', refId: id,
      title: `受理投诉 ${complaintNo(id, today)}`, detail: { titleEn: `Complaint ${complaintNo(id, today)} accepted`, category: body.category, channel: body.channel },
    });
  }
  await audit(trx, actor, { action: 'complaint.intake', entityType: 'complaint', entityId: id, branchId: outletId, customerId: customer?.id ?? null, detail: { channel: body.channel, category: body.category } });
  // The branch head assigns: they hear of every new complaint at once.
  for (const h of await repo.staffWithRoleAt(trx, [outletId], 'branch_head')) {
    await ctx.notifier.toStaff(trx, h.staffId, {
      kind: 'complaint.new', title: `新投诉待分派：${complaintNo(id, today)}`, body: `${body.description.slice(0, 60)}`, link: `/quality/complaints/${id}`, data: { complaintId: id },
    });
  }
  return id;
}

export async function intake(ctx: AppContext, actor: Actor, p: Principal, body: ComplaintIntakeBody): Promise<ComplaintDetail> {
  const scope = requireScope(p, 'complaints.intake');
  const branch = await repo.branchInScope(ctx.db, scope, body.branchId ?? p.branchId);
  if (!branch) throw notFound(BRANCH);
  const id = await ctx.db.transaction().execute((trx) => openComplaint(ctx, trx, actor, p, branch.id, body));
  return complaintDetail(ctx.db, p, id);
}

/** The lobby's complaint, also opened here, in the lobby's transaction (the lobby checked the outlet). */
export type LobbyComplaintInput = {
  lobbyComplaintId: number; outletId: number; customerId: number | null; contactName: string | null; contactMobile: string | null;
  aboutStaffId: number | null; lobbyCategory: string; description: string;
};

const FROM_LOBBY: Record<string, ComplaintIntakeBody['category']> = {
  waiting: 'waiting_time', attitude: 'service_attitude', error: 'business_error', fees: 'fees', environment: 'environment', product: 'mis_selling', other: 'other',
};

/** Null when the lobby recorded neither a customer nor any contact: no one to tell a decision to. */
export async function openFromLobby(ctx: AppContext, trx: DbOrTrx, actor: Actor, p: Principal, k: LobbyComplaintInput): Promise<number | null> {
  if (k.customerId === null && !k.contactName && !k.contactMobile) return null;
  const hasContact = !!(k.contactName && k.contactMobile);
  return openComplaint(ctx, trx, actor, p, k.outletId, {
    channel: 'lobby', complainantType: k.customerId !== null ? 'customer' : hasContact ? 'walk_in' : 'customer',
    customerId: k.customerId ?? undefined, contactName: k.contactName ?? undefined, contactMobile: k.contactMobile ?? undefined,
    category: FROM_LOBBY[k.lobbyCategory] ?? 'other', businessLine: k.lobbyCategory === 'product' ? 'wealth' : 'counter',
    aboutStaffIds: k.aboutStaffId !== null ? [k.aboutStaffId] : [], description: k.description, customerRequest: '', lobbyComplaintId: k.lobbyComplaintId,
  }, { customerChecked: true });
}

// ---- the complainant's contact, revealed ------------------------------------------------------

export async function revealContact(ctx: AppContext, actor: Actor, p: Principal, id: number, reason: string): Promise<{ name: string | null; mobile: string | null }> {
  const r = await repo.getComplaint(ctx.db, id, [requireScope(p, 'complaints.handle')]);
  if (!r) throw notFound(COMPLAINT);
  await ctx.db.transaction().execute(async (trx) => {
    await audit(trx, actor, { action: 'complaint.reveal', entityType: 'complaint', entityId: id, branchId: r.branchId, customerId: r.customerId, reason });
    if (r.customerId) {
      await addCustomerEvent(trx, {
        customerId: r.customerId, kind: 'reveal', staffId: p.staffId, refType: 'complaint', refId: id,
        title: `查看投诉人完整联系方式（${reason}）`, detail: { titleEn: `Complainant's contact revealed (${reason})` },
      });
    }
  });
  return { name: r.customerFullName ?? r.contactName, mobile: r.contactMobile ?? r.customerMobile };
}

// ---- attachments ------------------------------------------------------------------------------

const CLOSED: readonly ComplaintStatus[] = ['closed', 'withdrawn'];

export async function addAttachment(
  ctx: AppContext, actor: Actor, p: Principal, id: number, q: ComplaintFileQuery, contentType: string | undefined, data: Buffer | null,
): Promise<ComplaintDetail> {
  const problem = fileProblem(contentType, data);
  if (problem) throw new AppError(problem.status, problem.code, problem.zh, problem.en);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.getComplaint(trx, id, complaintVisibility(p), true);
    if (!r) throw notFound(COMPLAINT);
    if (CLOSED.includes(r.status)) throw new AppError(409, 'COMPLAINT_ENDED', '投诉已结束，不能再添加附件', 'The complaint has ended: no more attachments');
    const fileId = await repo.insertAttachment(trx, { complaintId: id, fileName: q.fileName, contentType: normalType(contentType), data: data!, staffId: p.staffId });
    await repo.insertHistory(trx, [{ complaintId: id, staffId: p.staffId, action: 'attach', fromStatus: r.status, toStatus: r.status, note: q.fileName, detail: { fileId, sizeBytes: data!.length } }]);
    await audit(trx, actor, { action: 'complaint.attach', entityType: 'complaint', entityId: id, branchId: r.branchId, customerId: r.customerId, detail: { fileId, fileName: q.fileName } });
  });
  return complaintDetail(ctx.db, p, id);
}

export async function downloadAttachment(ctx: AppContext, actor: Actor, p: Principal, id: number, fileId: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const r = await repo.getComplaint(ctx.db, id, complaintVisibility(p));
  if (!r) throw notFound(COMPLAINT);
  const f = await repo.attachmentData(ctx.db, id, fileId);
  if (!f) throw notFound(FILE);
  await audit(ctx.db, actor, { action: 'complaint.attachment.download', entityType: 'complaint', entityId: id, branchId: r.branchId, customerId: r.customerId, detail: { fileId, fileName: f.fileName } });
  return f;
}
