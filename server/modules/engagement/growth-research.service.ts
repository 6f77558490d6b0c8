// Market research (市场调研): marketing and wealth RMs record competitors' products and rates and
// customers' remarks; the list groups them by bank and product type.
import type { ResearchBody, ResearchListQuery, ResearchPage, ResearchRow } from '../../../contracts/growth';
import { requireScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as repo from './growth-research.repository';
import { shanghaiDay } from './growth.rules';

export async function listResearch(ctx: AppContext, p: Principal, q: ResearchListQuery): Promise<ResearchPage> {
  requireScope(p, 'research.read');
  const res = await repo.listResearch(ctx.db, q);
  return { ...res, page: q.page, pageSize: q.pageSize };
}

export async function recordResearch(ctx: AppContext, actor: Actor, p: Principal, body: ResearchBody): Promise<ResearchRow> {
  requireScope(p, 'research.record');
  if (body.observedOn > shanghaiDay() || Number.isNaN(Date.parse(`${body.observedOn}T00:00:00Z`))) {
    const msg = { zh: '调研日期不能晚于今天', en: 'The date observed cannot be in the future' };
    throw badRequest('BAD_DATE', msg.zh, msg.en, [{ path: 'observedOn', ...msg }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertResearch(trx, {
      branchId: p.branchId, recordedBy: p.staffId, bankName: body.bankName, productType: body.productType, productName: body.productName, rate: body.rate ?? null,
      term: body.term ?? '', customerRemarks: body.customerRemarks ?? '', observedOn: body.observedOn,
    });
    await audit(trx, actor, { action: 'research.record', entityType: 'growth_market_research', entityId: id, branchId: p.branchId, detail: { bankName: body.bankName, productType: body.productType } });
    return (await repo.listResearch(trx, { id, page: 1, pageSize: 1 })).items[0];
  });
}
