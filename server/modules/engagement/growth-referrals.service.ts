// Referrals of possible premium customers: tellers, lobby managers and RMs refer, a wealth RM works
// the referral, and a conversion is credited to the referrer (the KPI module counts them).
import type { CreateReferralBody, GrowthReferral, GrowthReferralPage, ReferralListQuery, ReferralRm, WorkReferralBody } from '../../../contracts/growth';
import { maskMobile, maskName } from '../../../contracts/personal-data';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import { createTasks } from './engagement-tasks.service';
import * as repo from './growth-referrals.repository';
import * as scoped from './growth-scope.repository';
import { addDays, canMoveReferral, referrerRoleOf, shanghaiDay } from './growth.rules';

const REFERRAL = { zh: '转介推荐', en: 'referral' };
const CUSTOMER = { zh: '客户', en: 'customer' };
/** Days the RM has to make first contact with a referred customer. */
const REFERRAL_DUE_DAYS = 2;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReferral(r: repo.ReferralRow): GrowthReferral {
  return {
    id: r.id, branchId: r.branchId, branchName: r.branchName, customerId: r.customerId, customerNo: r.customerNo,
    name: r.fullName ? maskName(r.fullName) : null, contactMobile: r.contactMobileFull ? maskMobile(r.contactMobileFull) : null,
    estimatedAssets: r.estimatedAssets, note: r.note, referredByStaffId: r.referredByStaffId, referredByName: r.referredByName, referrerRole: r.referrerRole,
    rmStaffId: r.rmStaffId, rmName: r.rmName, status: r.status, outcomeNote: r.outcomeNote, source: r.source, createdAt: r.createdAt.toISOString(),
    contactedAt: iso(r.contactedAt), convertedAt: iso(r.convertedAt), canWork: r.canWork,
  };
}

async function referralTask(db: DbOrTrx, r: { id: number; customerId: number; rmStaffId: number; referrerName: string; note: string; by: number }): Promise<void> {
  await createTasks(db, [{
    customerId: r.customerId, kind: 'referral', reasonKey: `referral:${r.id}`, staffId: r.rmStaffId,
    title: `跟进转介客户（${r.referrerName}推荐）`, titleEn: `Follow up a referral from ${r.referrerName}`,
    dueOn: addDays(shanghaiDay(), REFERRAL_DUE_DAYS), detail: { note: r.note, referralId: r.id }, sourceType: 'referral', sourceId: r.id, createdBy: r.by,
  }]);
}

/** The wealth RMs a caller may refer to: within their referral scope (own outlet for branch or own). */
export async function referralRms(ctx: AppContext, p: Principal): Promise<ReferralRm[]> {
  const scope = requireScope(p, 'referrals.create');
  const rms = await scoped.wealthRms(ctx.db, { scope, ownBranchId: p.branchId });
  return rms.map((r) => ({ staffId: Number(r.id), staffNo: r.staffNo, name: r.name, branchName: r.branchName }));
}

export async function createReferral(ctx: AppContext, actor: Actor, p: Principal, body: CreateReferralBody): Promise<GrowthReferral> {
  const scope = requireScope(p, 'referrals.create');
  const customer = body.customerNo ? await scoped.customerByNo(ctx.db, scope, body.customerNo) : null;
  if (body.customerNo && !customer) throw notFound(CUSTOMER);
  if (!customer && !body.contactName && !body.contactMobile) {
    throw badRequest('WHO_IS_IT', '请填写客户号，或填写联系人姓名/手机号', 'Give a customer number, or a contact name or mobile', [{ path: 'customerNo', zh: '请填写客户号或联系人', en: 'A customer number or a contact is needed' }]);
  }
  let rmStaffId = customer?.rmStaffId === null || customer?.rmStaffId === undefined ? null : Number(customer.rmStaffId);
  if (body.rmStaffId !== undefined) {
    const [rm] = await scoped.wealthRms(ctx.db, { staffId: body.rmStaffId, scope, ownBranchId: p.branchId });
    if (!rm) {
      const msg = { zh: '所选员工不是您辖内在岗的理财客户经理', en: 'That staff member is not an active wealth RM within your reach' };
      throw badRequest('NOT_A_WEALTH_RM', msg.zh, msg.en, [{ path: 'rmStaffId', ...msg }]);
    }
    rmStaffId = Number(rm.id);
  }
  if (rmStaffId === null) {
    const msg = { zh: '该客户没有专属客户经理，请选择接收推荐的理财客户经理', en: 'The customer has no dedicated RM: choose the wealth RM to refer to' };
    throw badRequest('NO_RM', msg.zh, msg.en, [{ path: 'rmStaffId', ...msg }]);
  }
  if (rmStaffId === p.staffId) throw badRequest('SELF_REFERRAL', '不能推荐给自己', 'You cannot refer a customer to yourself', [{ path: 'rmStaffId', zh: '不能推荐给自己', en: 'Not to yourself' }]);
  const roles = await scoped.staffRoles(ctx.db, p.staffId);
  const rm = rmStaffId;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertReferral(trx, {
      branchId: p.branchId, customerId: customer ? Number(customer.id) : null, contactName: body.contactName ?? null, contactMobile: body.contactMobile ?? null,
      estimatedAssets: body.estimatedAssets ?? null, note: body.note, referredBy: p.staffId, referrerRole: referrerRoleOf(roles), rmStaffId: rm, source: 'direct', lobbyReferralId: null,
    });
    if (customer) {
      await referralTask(trx, { id, customerId: Number(customer.id), rmStaffId: rm, referrerName: p.name, note: body.note, by: p.staffId });
      await addCustomerEvent(trx, {
        customerId: Number(customer.id), kind: 'referral', title: `推荐为潜在优质客户（${p.name}）`,
        detail: { titleEn: `Referred as a possible premium customer by ${p.name}`, note: body.note }, staffId: p.staffId, refType: 'growth_referral', refId: id,
      });
    }
    const shown = customer ? maskName(customer.name) : body.contactName ? maskName(body.contactName) : '客户';
    await ctx.notifier.toStaff(trx, rm, {
      kind: 'growth.referral', title: `潜在优质客户推荐：${shown}`, body: `${p.name} 推荐：${body.note}`,
      link: '/growth/referrals', data: { referralId: id },
    });
    await audit(trx, actor, { action: 'referral.create', entityType: 'growth_referral', entityId: id, branchId: p.branchId, customerId: customer ? Number(customer.id) : null, detail: { rmStaffId: rm } });
    return presentReferral((await repo.getReferral(trx, scopeOf(p, 'referrals.work'), id))!);
  });
}

export type LobbyReferralInput = {
  lobbyReferralId: number;
  branchId: number;
  customerId: number | null;
  contactName: string | null;
  contactMobile: string | null;
  estimatedAssets: string | null;
  note: string;
  referredBy: number;
  referrerName: string;
  referrerRole: string;
  rmStaffId: number | null;
};

/**
 * The lobby's referral becomes a referral here too, inside the lobby's transaction, so that the RM
 * works one list. The lobby notifies, audits and writes the timeline; this adds the RM's task.
 */
export async function recordLobbyReferral(trx: DbOrTrx, r: LobbyReferralInput): Promise<number> {
  const id = await repo.insertReferral(trx, {
    branchId: r.branchId, customerId: r.customerId, contactName: r.contactName, contactMobile: r.contactMobile, estimatedAssets: r.estimatedAssets,
    note: r.note, referredBy: r.referredBy, referrerRole: r.referrerRole, rmStaffId: r.rmStaffId, source: 'lobby', lobbyReferralId: r.lobbyReferralId,
  });
  if (r.customerId !== null && r.rmStaffId !== null) {
    await referralTask(trx, { id, customerId: r.customerId, rmStaffId: r.rmStaffId, referrerName: r.referrerName, note: r.note, by: r.referredBy });
  }
  return id;
}

export async function listReferrals(ctx: AppContext, p: Principal, q: ReferralListQuery): Promise<GrowthReferralPage> {
  const work = scopeOf(p, 'referrals.work');
  const create = scopeOf(p, 'referrals.create');
  if (!work && !create) throw forbidden();
  // A referrer without the right to work referrals sees only the ones they made.
  const box = work ? q.box : 'sent';
  const filter: repo.ReferralFilter = { status: q.status };
  if (box === 'inbox') filter.inboxOf = { staffId: p.staffId, work: work! };
  else if (box === 'sent') filter.sentBy = p.staffId;
  else filter.all = { staffId: p.staffId, work: work! };
  const res = await repo.listReferrals(ctx.db, work, filter, q.page, q.pageSize);
  return { items: res.items.map(presentReferral), total: res.total, page: q.page, pageSize: q.pageSize };
}

export async function workReferral(ctx: AppContext, actor: Actor, p: Principal, id: number, body: WorkReferralBody): Promise<GrowthReferral> {
  const work = requireScope(p, 'referrals.work');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.getReferral(trx, work, id, true);
    if (!r || !r.canWork) throw notFound(REFERRAL);
    if (!canMoveReferral(r.status, body.status)) {
      throw conflict('REFERRAL_STATUS', `推荐已是「${r.status}」状态，不能改为「${body.status}」`, `The referral is ${r.status} and cannot become ${body.status}`);
    }
    let customerId = r.customerId;
    if (customerId === null && body.customerNo) {
      const c = await scoped.customerByNo(trx, work, body.customerNo);
      if (!c) throw notFound(CUSTOMER);
      customerId = Number(c.id);
    }
    if (body.status === 'converted' && customerId === null) {
      const msg = { zh: '转化需填写开户后的客户号', en: 'A conversion needs the new customer number' };
      throw badRequest('CUSTOMER_NEEDED', msg.zh, msg.en, [{ path: 'customerNo', ...msg }]);
    }
    await repo.updateReferral(trx, id, { status: body.status, outcomeNote: body.outcomeNote, customerId, by: p.staffId });
    await audit(trx, actor, { action: 'referral.work', entityType: 'growth_referral', entityId: id, branchId: r.branchId, customerId, detail: { from: r.status, to: body.status } });
    if (customerId !== null && body.status === 'converted') {
      await addCustomerEvent(trx, {
        customerId, kind: 'referral', title: `转介推荐已转化（推荐人：${r.referredByName}）`,
        detail: { titleEn: `Referral converted (referred by ${r.referredByName})` }, staffId: p.staffId, refType: 'growth_referral', refId: id,
      });
    }
    if (body.status === 'converted') {
      await ctx.notifier.toStaff(trx, r.referredByStaffId, {
        kind: 'growth.referral.converted', title: '您推荐的客户已转化', body: `${p.name} 已将您推荐的客户转化为优质客户，计入您的推荐业绩。`, link: '/growth/referrals', data: { referralId: id },
      });
    }
    return presentReferral((await repo.getReferral(trx, work, id))!);
  });
}
