// Use cases of the premium-customer archive: find, list, the 360 view, reveal and edits.
// Scope decides what exists for the caller (outside it a customer is 404); masking decides what of
// a visible customer is shown.
import type {
  AddNeedBody, AssignRmBody, Customer360, CustomerListItem, CustomerListQuery, CustomerSearchHit, RevealBody, RevealField, RevealResult,
  RiskAssessmentBody, TemperamentCode, TemperamentGuide, TimelinePage, UpdateCustomerBody, UpdateQuestionBody, UpdateTemperamentGuideBody,
} from '../../../contracts/customers';
import { REVEAL_FIELDS } from '../../../contracts/customers';
import { maskMobile, maskName, mobileProblem } from '../../../contracts/personal-data';
import type { PermissionCode } from '../../../contracts/roles';
import { requireScope, scopeOf, type DataScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as search from './customers-search.repository';
import * as repo from './customers.repository';
import {
  ageOn, isRealDate, maskCustomerRecord, nextTierProgress, riskValidity, searchTerms, shanghaiToday, tierBasisAmount, toCents,
} from './customers.rules';
import { addCustomerEvent, customerTimeline } from './timeline';

export const CUSTOMER = { zh: '客户', en: 'customer' };
const SEARCH_LIMIT = 20;
const LIST_COUNT_CAP = 10_000;

export type CustomerRef = repo.CustomerRef;

/**
 * The customer if the caller's scope for `permission` covers it; 403 without the permission at
 * all, 404 outside scope. Other modules check access to a customer through this.
 */
export async function requireCustomer(db: DbOrTrx, p: Principal, permission: PermissionCode, id: number, lock = false): Promise<CustomerRef> {
  const c = await repo.customerRef(db, requireScope(p, permission), id, lock);
  if (!c) throw notFound(CUSTOMER);
  return c;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---- search and list --------------------------------------------------------------------------

export async function searchCustomers(ctx: AppContext, p: Principal, q: string): Promise<{ kinds: CustomerSearchHit['matchedBy'][]; items: CustomerSearchHit[] }> {
  const scope = requireScope(p, 'customers.read');
  const terms = searchTerms(q);
  const rows = await search.searchCustomers(ctx.db, scope, terms, SEARCH_LIMIT);
  return {
    kinds: terms.map((t) => t.kind),
    items: rows.map((r) => ({ ...r, name: maskName(r.name), mobile: r.mobile ? maskMobile(r.mobile) : null })),
  };
}

export function listFilter(q: Omit<CustomerListQuery, 'page' | 'pageSize'>): search.ListFilter {
  if (q.aumMin && q.aumMax && toCents(q.aumMin) > toCents(q.aumMax)) {
    throw badRequest('BAD_RANGE', 'AUM下限不能高于上限', 'The minimum AUM is above the maximum', [{ path: 'aumMin', zh: 'AUM下限不能高于上限', en: 'The minimum AUM is above the maximum' }]);
  }
  const { q: text, ...rest } = q;
  return { ...rest, terms: text ? searchTerms(text) : [] };
}

export function presentListItem(r: search.ListRow, today: string): CustomerListItem {
  return {
    id: r.id, customerNo: r.customerNo, name: maskName(r.name), gender: r.gender, mobile: r.mobile ? maskMobile(r.mobile) : null, status: r.status,
    tierCode: r.tierCode, tierNameZh: r.tierNameZh, tierNameEn: r.tierNameEn, branchId: r.branchId, branchName: r.branchName,
    rmStaffId: r.rmStaffId, rmName: r.rmName, balancesVisible: r.balancesVisible, aum: r.balancesVisible ? r.aum : null,
    riskLevel: r.riskLevel, riskAssessedOn: r.riskAssessedOn, riskExpired: r.riskAssessedOn ? riskValidity(r.riskAssessedOn, today).expired : false,
    lastContactAt: iso(r.lastContactAt),
  };
}

export async function listCustomers(ctx: AppContext, p: Principal, q: CustomerListQuery) {
  const scope = requireScope(p, 'customers.read');
  const { page, pageSize, ...filter } = q;
  const res = await search.listCustomers(ctx.db, scope, scopeOf(p, 'customers.reveal'), listFilter(filter), page, pageSize, LIST_COUNT_CAP);
  const today = shanghaiToday();
  return { items: res.items.map((r) => presentListItem(r, today)), total: res.total, totalCapped: res.totalCapped, page, pageSize };
}

// ---- the 360 view -----------------------------------------------------------------------------

export async function getCustomer360(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<Customer360> {
  const scope = requireScope(p, 'customers.read');
  const c = await repo.customerById(ctx.db, scope, scopeOf(p, 'customers.reveal'), id);
  if (!c) throw notFound(CUSTOMER);
  const [holdings, trend, needs, questions, riskHistory, next, basisSetting, guide, timeline] = await Promise.all([
    repo.holdingsOf(ctx.db, id),
    repo.aumTrend(ctx.db, id),
    repo.needsOf(ctx.db, id),
    repo.questionsOf(ctx.db, id),
    repo.riskHistoryOf(ctx.db, id),
    repo.nextTier(ctx.db, c.tierRank),
    repo.tierBasisSetting(ctx.db),
    c.temperament ? repo.guideByCode(ctx.db, c.temperament) : Promise.resolve(null),
    customerTimeline(ctx.db, id, undefined, 50),
  ]);
  // Reading a person's whole record is on the record: one audit row, no transaction.
  await audit(ctx.db, actor, { action: 'customer.read', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId });

  const today = shanghaiToday();
  const visible = c.balancesVisible;
  const m = maskCustomerRecord(
    {
      name: c.name, residentId: c.residentId, mobile: c.mobile, address: c.address,
      aum: { current: c.aum, m1: c.aumM1, m3: c.aumM3, m6: c.aumM6 },
      holdings, aumTrend: trend.months, contribution12m: trend.contribution,
    },
    { balances: visible, fields: [] },
  );
  let nextTier: Customer360['tier']['next'] = null;
  if (next) {
    const basis = tierBasisAmount(basisSetting, { m1: c.aumM1, m3: c.aumM3, m6: c.aumM6 });
    const progress = nextTierProgress(basis, next.minAum);
    // The gap would give the balance away: hidden together with it.
    nextTier = { code: next.code, nameZh: next.nameZh, nameEn: next.nameEn, threshold: next.minAum, basis: visible ? basis : null, gap: visible ? progress.gap : null, percent: visible ? progress.percent : null };
  }
  const staff = (staffId: number | null, staffNo: string | null, name: string | null) => (staffId && staffNo && name ? { staffId, staffNo, name } : null);
  return {
    id: c.id, customerNo: c.customerNo, name: m.name, gender: c.gender, age: ageOn(c.birthDate, today), residentId: m.residentId, mobile: m.mobile,
    address: m.address, occupation: c.occupation, employer: c.employer, status: c.status, onboardedOn: c.onboardedOn,
    branch: { id: c.branchId, code: c.branchCode, name: c.branchName },
    tier: {
      code: c.tierCode, nameZh: c.tierNameZh, nameEn: c.tierNameEn, color: c.tierColor, since: c.tierSince,
      override: c.overrideTierCode ? { code: c.overrideTierCode, until: c.overrideUntil, reason: c.overrideReason } : null,
      next: nextTier,
    },
    balancesVisible: visible,
    aum: m.aum,
    rm: staff(c.rmStaffId, c.rmStaffNo, c.rmName),
    marketingRm: staff(c.marketingStaffId, c.marketingStaffNo, c.marketingName),
    risk: c.riskLevel && c.riskAssessedOn ? { level: c.riskLevel, assessedOn: c.riskAssessedOn, ...riskValidity(c.riskAssessedOn, today) } : null,
    riskHistory: riskHistory.map((r) => ({ ...r, level: r.level as Customer360['riskHistory'][number]['level'] })),
    consents: { phone: c.consentPhone, sms: c.consentSms, email: c.consentEmail, wechat: c.consentWechat },
    preferredChannel: c.preferredChannel as Customer360['preferredChannel'],
    preferredContactTime: c.preferredContactTime,
    familyNotes: c.familyNotes,
    lastContactAt: iso(c.lastContactAt),
    holdings: m.holdings.map((h) => ({ ...h, category: h.category as Customer360['holdings'][number]['category'], status: h.status as 'active' | 'closed' })),
    aumTrend: m.aumTrend,
    contribution12m: m.contribution12m,
    needs: needs.map((n) => ({ ...n, kind: n.kind as 'explicit' | 'hidden', category: n.category as Customer360['needs'][number]['category'], recordedAt: n.recordedAt.toISOString(), metAt: iso(n.metAt) })),
    questions: questions.map((q) => ({ ...q, createdAt: q.createdAt.toISOString(), askedAt: iso(q.askedAt) })),
    temperament: c.temperament ? { code: c.temperament, guide: guide ? presentGuide(guide) : null } : null,
    timeline,
  };
}

export async function getTimeline(ctx: AppContext, p: Principal, id: number, before: string | undefined, limit: number): Promise<TimelinePage> {
  await requireCustomer(ctx.db, p, 'customers.read', id);
  return customerTimeline(ctx.db, id, before, limit);
}

// ---- reveal -----------------------------------------------------------------------------------

export async function revealCustomer(ctx: AppContext, actor: Actor, p: Principal, id: number, body: RevealBody): Promise<RevealResult> {
  const fields: RevealField[] = body.fields ? REVEAL_FIELDS.filter((f) => body.fields!.includes(f)) : [...REVEAL_FIELDS];
  return ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'customers.reveal', id);
    const full = await repo.personalFields(trx, id);
    await audit(trx, actor, { action: 'customer.reveal', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, reason: body.reason, detail: { fields } });
    await addCustomerEvent(trx, { customerId: id, kind: 'reveal', title: '查看完整个人信息', detail: { titleEn: 'Full personal data revealed', fields }, staffId: p.staffId });
    return Object.fromEntries(fields.map((f) => [f, full[f]])) as RevealResult;
  });
}

// ---- edits ------------------------------------------------------------------------------------

function normalMobile(raw: string): string {
  const problem = mobileProblem(raw);
  if (problem) throw badRequest('BAD_MOBILE', problem.zh, problem.en, [{ path: 'mobile', ...problem }]);
  return raw.replace(/\s|-/g, '').replace(/^\+?86/, '');
}

/** Personal data stays out of the audit trail in the clear, even there. */
function auditSafe(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  if (typeof out.mobile === 'string') out.mobile = maskMobile(out.mobile);
  if (typeof out.address === 'string') out.address = out.address ? '(changed)' : '';
  return out;
}

export async function updateCustomer(ctx: AppContext, actor: Actor, p: Principal, id: number, body: UpdateCustomerBody): Promise<void> {
  const patch: repo.CustomerPatch = {
    occupation: body.occupation, employer: body.employer, address: body.address,
    mobile: body.mobile === undefined ? undefined : normalMobile(body.mobile),
    consentPhone: body.consents?.phone, consentSms: body.consents?.sms, consentEmail: body.consents?.email, consentWechat: body.consents?.wechat,
    preferredChannel: body.preferredChannel, preferredContactTime: body.preferredContactTime, familyNotes: body.familyNotes, status: body.status,
  };
  const keys = (Object.keys(patch) as (keyof repo.CustomerPatch)[]).filter((k) => patch[k] !== undefined);
  if (keys.length === 0) throw badRequest('NOTHING_TO_CHANGE', '没有需要修改的内容', 'Nothing to change');
  await ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'customers.edit', id, true);
    const before = await repo.currentValues(trx, id, keys);
    await repo.updateCustomer(trx, id, patch);
    const after = Object.fromEntries(keys.map((k) => [k, patch[k]]));
    await audit(trx, actor, { action: 'customer.update', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, detail: { before: auditSafe(before), after: auditSafe(after) } });
    await addCustomerEvent(trx, { customerId: id, kind: 'profile', title: '更新客户资料', detail: { titleEn: 'Profile updated', fields: keys }, staffId: p.staffId });
  });
}

async function editing<T>(ctx: AppContext, p: Principal, id: number, fn: (trx: DbOrTrx, c: CustomerRef) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => fn(trx, await requireCustomer(trx, p, 'customers.edit', id, true)));
}

export async function addNeed(ctx: AppContext, actor: Actor, p: Principal, id: number, body: AddNeedBody): Promise<number> {
  return editing(ctx, p, id, async (trx, c) => {
    const needId = await repo.insertNeed(trx, { customerId: id, ...body, recordedBy: p.staffId });
    await audit(trx, actor, { action: 'customer.need.add', entityType: 'customer_need', entityId: needId, customerId: id, branchId: c.branchId, detail: body });
    await addCustomerEvent(trx, { customerId: id, kind: 'need', title: `记录需求：${body.description}`, detail: { titleEn: 'Need recorded', kind: body.kind, category: body.category }, staffId: p.staffId, refType: 'customer_need', refId: needId });
    return needId;
  });
}

export async function setNeedMet(ctx: AppContext, actor: Actor, p: Principal, id: number, needId: number, met: boolean): Promise<void> {
  await editing(ctx, p, id, async (trx, c) => {
    const need = await repo.setNeedMet(trx, id, needId, met);
    if (!need) throw notFound({ zh: '需求', en: 'need' });
    await audit(trx, actor, { action: 'customer.need.update', entityType: 'customer_need', entityId: needId, customerId: id, branchId: c.branchId, detail: { met } });
    await addCustomerEvent(trx, { customerId: id, kind: 'need', title: `${met ? '需求已满足' : '需求重新打开'}：${need.description}`, detail: { titleEn: met ? 'Need met' : 'Need reopened', met }, staffId: p.staffId, refType: 'customer_need', refId: needId });
  });
}

export async function addQuestion(ctx: AppContext, actor: Actor, p: Principal, id: number, question: string): Promise<number> {
  return editing(ctx, p, id, async (trx, c) => {
    const qid = await repo.insertQuestion(trx, { customerId: id, question, createdBy: p.staffId });
    await audit(trx, actor, { action: 'customer.question.add', entityType: 'customer_question', entityId: qid, customerId: id, branchId: c.branchId, detail: { question } });
    await addCustomerEvent(trx, { customerId: id, kind: 'question', title: `待问问题：${question}`, detail: { titleEn: 'Question to ask' }, staffId: p.staffId, refType: 'customer_question', refId: qid });
    return qid;
  });
}

export async function updateQuestion(ctx: AppContext, actor: Actor, p: Principal, id: number, qid: number, body: UpdateQuestionBody): Promise<void> {
  if (body.askedAt === undefined && body.answer === undefined) throw badRequest('NOTHING_TO_CHANGE', '没有需要修改的内容', 'Nothing to change');
  await editing(ctx, p, id, async (trx, c) => {
    const q = await repo.updateQuestion(trx, id, qid, body);
    if (!q) throw notFound({ zh: '问题', en: 'question' });
    await audit(trx, actor, { action: 'customer.question.update', entityType: 'customer_question', entityId: qid, customerId: id, branchId: c.branchId, detail: body });
    if (body.answer) await addCustomerEvent(trx, { customerId: id, kind: 'question', title: `问题已回答：${q.question}`, detail: { titleEn: 'Question answered', answer: body.answer }, staffId: p.staffId, refType: 'customer_question', refId: qid });
  });
}

export async function setTemperament(ctx: AppContext, actor: Actor, p: Principal, id: number, code: TemperamentCode | null): Promise<void> {
  await editing(ctx, p, id, async (trx, c) => {
    const [before] = Object.values(await repo.currentValues(trx, id, ['temperament']));
    await repo.updateCustomer(trx, id, { temperament: code });
    await audit(trx, actor, { action: 'customer.temperament', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, detail: { before, after: code } });
    const guide = code ? await repo.guideByCode(trx, code) : null;
    await addCustomerEvent(trx, { customerId: id, kind: 'temperament', title: guide ? `性格类型：${guide.nameZh}` : '清除性格类型', detail: { titleEn: guide ? `Temperament: ${guide.nameEn}` : 'Temperament cleared', code }, staffId: p.staffId });
  });
}

export async function addRiskAssessment(ctx: AppContext, actor: Actor, p: Principal, id: number, body: RiskAssessmentBody): Promise<number> {
  const today = shanghaiToday();
  const dateProblem = !isRealDate(body.assessedOn)
    ? { zh: '评定日期不是有效日期', en: 'The assessment date is not a real date' }
    : body.assessedOn > today
      ? { zh: '评定日期不能晚于今天', en: 'The assessment date cannot be in the future' }
      : null;
  if (dateProblem) throw badRequest('BAD_DATE', dateProblem.zh, dateProblem.en, [{ path: 'assessedOn', ...dateProblem }]);
  const { validUntil } = riskValidity(body.assessedOn, today);
  return editing(ctx, p, id, async (trx, c) => {
    const rid = await repo.insertRiskAssessment(trx, { customerId: id, level: body.level, assessedOn: body.assessedOn, validUntil, assessedBy: p.staffId });
    await audit(trx, actor, { action: 'customer.risk', entityType: 'risk_assessment', entityId: rid, customerId: id, branchId: c.branchId, detail: { ...body, validUntil } });
    await addCustomerEvent(trx, { customerId: id, kind: 'risk', title: `风险评估：${body.level}（有效期至${validUntil}）`, detail: { titleEn: `Risk assessment: ${body.level} (valid until ${validUntil})`, level: body.level, assessedOn: body.assessedOn }, staffId: p.staffId, refType: 'risk_assessment', refId: rid });
    return rid;
  });
}

/** The new RM must be an active wealth RM the assigner's own scope reaches. */
function rmWithin(scope: DataScope, p: Principal, rm: repo.RmCandidate): boolean {
  switch (scope.kind) {
    case 'bank':
      return true;
    case 'subtree':
      return rm.branchPath.startsWith(scope.path);
    case 'branch':
      return rm.branchId === scope.branchId;
    case 'own':
      return rm.branchId === p.branchId;
  }
}

export async function assignRm(ctx: AppContext, actor: Actor, p: Principal, id: number, body: AssignRmBody): Promise<void> {
  const scope = requireScope(p, 'customers.assign');
  await ctx.db.transaction().execute(async (trx) => {
    const c = await requireCustomer(trx, p, 'customers.assign', id, true);
    const rm = await repo.activeWealthRm(trx, body.staffId);
    if (!rm || !rmWithin(scope, p, rm)) {
      const msg = { zh: '所选员工不是您辖内在岗的理财客户经理', en: 'That staff member is not an active wealth RM within your scope' };
      throw badRequest('NOT_A_WEALTH_RM', msg.zh, msg.en, [{ path: 'staffId', ...msg }]);
    }
    if (c.rmStaffId === rm.id) throw conflict('SAME_RM', '该客户已由此客户经理服务', 'This RM already serves the customer');
    const previous = c.rmStaffId ? await repo.staffName(trx, c.rmStaffId) : null;
    await repo.reassignRm(trx, { customerId: id, staffId: rm.id, today: shanghaiToday(), reason: body.reason, assignedBy: p.staffId });
    await audit(trx, actor, { action: 'customer.assign', entityType: 'customer', entityId: id, customerId: id, branchId: c.branchId, reason: body.reason, detail: { from: c.rmStaffId, to: rm.id } });
    await addCustomerEvent(trx, {
      customerId: id, kind: 'rm', title: `专属客户经理变更：${previous?.name ?? '无'} → ${rm.name}`,
      detail: { titleEn: 'Dedicated RM changed', fromStaffId: c.rmStaffId, toStaffId: rm.id, reason: body.reason }, staffId: p.staffId,
    });
    await ctx.notifier.toStaff(trx, rm.id, {
      kind: 'customer.assigned',
      title: `新分配客户：${maskName(c.name)}（${c.customerNo}）`,
      body: `${p.name}将客户${maskName(c.name)}（${c.customerNo}）分配给您作为专属客户经理。原因：${body.reason}`,
      link: `/customers/${id}`,
      data: { customerId: id },
    });
  });
}

// ---- temperament guides -----------------------------------------------------------------------

function presentGuide(g: repo.GuideRow): TemperamentGuide {
  return { ...g, updatedAt: g.updatedAt.toISOString() };
}

export async function listTemperamentGuides(ctx: AppContext): Promise<TemperamentGuide[]> {
  return (await repo.listGuides(ctx.db)).map(presentGuide);
}

export async function updateTemperamentGuide(ctx: AppContext, actor: Actor, p: Principal, code: TemperamentCode, body: UpdateTemperamentGuideBody): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.guideByCode(trx, code);
    if (!before || !(await repo.updateGuide(trx, code, body, p.staffId))) throw notFound({ zh: '性格类型', en: 'temperament' });
    await audit(trx, actor, { action: 'temperament.update', entityType: 'temperament_guide', entityId: code, detail: { before: { ...before, updatedAt: undefined }, after: body } });
  });
}
