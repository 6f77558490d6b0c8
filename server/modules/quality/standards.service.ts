// The service-standard library: read by every branch, maintained by head office; every standard
// shows which SMART letters it still lacks.
import type { SaveStandardBody, ServiceStandard, StandardsLibrary } from '../../../contracts/quality';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import * as repo from './standards.repository';
import { smartMissing } from './standards.rules';

const STANDARD = { zh: '服务标准', en: 'service standard' };

export const presentStandard = (s: repo.StandardRow): ServiceStandard => ({ ...s, smartMissing: smartMissing(s) });

export async function library(ctx: AppContext): Promise<StandardsLibrary> {
  const [dimensions, standards] = await Promise.all([repo.listDimensions(ctx.db), repo.listStandards(ctx.db)]);
  return { dimensions, standards: standards.map(presentStandard) };
}

async function check(ctx: AppContext, body: SaveStandardBody): Promise<void> {
  if (!(await repo.dimensionExists(ctx.db, body.dimensionCode))) {
    const m = { zh: `检查维度 ${body.dimensionCode} 不存在`, en: `No inspection dimension ${body.dimensionCode}` };
    throw badRequest('UNKNOWN_DIMENSION', m.zh, m.en, [{ path: 'dimensionCode', ...m }]);
  }
  // An active standard is one branches are inspected against: it must be SMART.
  const missing = smartMissing(body);
  if (body.active && missing.length > 0) {
    const m = { zh: `标准不符合SMART原则，缺少：${missing.join('、')}`, en: `The standard is not SMART: missing ${missing.join(', ')}` };
    throw badRequest('NOT_SMART', m.zh, m.en, [{ path: { S: 'specific', M: 'measurable', A: 'achievable', R: 'relevant', T: 'timeBound' }[missing[0]!]!, ...m }]);
  }
}

export async function createStandard(ctx: AppContext, actor: Actor, body: SaveStandardBody): Promise<ServiceStandard> {
  await check(ctx, body);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertStandard(trx, body);
    await audit(trx, actor, { action: 'standard.create', entityType: 'service_standard', entityId: id, detail: { code: body.code } });
    return id;
  });
  return presentStandard((await repo.standardById(ctx.db, id))!);
}

export async function updateStandard(ctx: AppContext, actor: Actor, id: number, body: SaveStandardBody): Promise<ServiceStandard> {
  await check(ctx, body);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.standardById(trx, id);
    if (!before || !(await repo.updateStandard(trx, id, body))) throw notFound(STANDARD);
    await audit(trx, actor, { action: 'standard.update', entityType: 'service_standard', entityId: id, detail: { before, after: body } });
  });
  return presentStandard((await repo.standardById(ctx.db, id))!);
}
