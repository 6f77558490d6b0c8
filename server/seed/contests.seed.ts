// Demo data of the contests part of the performance module: a live contest of this month for the
// wealth RMs (sales 50 / new premium customers 30 / referrals converted 20) whose board was computed
// twice (a few days ago and now, so the rank arrows move), last month's contest with its results
// frozen, and this month's promotion and demotion list from the rules of the grade ladder.
import type { Trx } from '../platform/db';
import * as repo from '../modules/performance/contests.repository';
import { computeStandingsIn } from '../modules/performance/contests-board.service';
import { generateReviews } from '../modules/performance/promotion.service';
import { listKpis } from '../modules/performance/perf-kpis.service';

export type ContestsSeedCounts = { contests: number; contestStandings: number; promotionReviews: number };

const METRICS = [
  { kpiCode: 'sales_amount', weight: 50 },
  { kpiCode: 'new_premium', weight: 30 },
  { kpiCode: 'referrals_converted', weight: 20 },
];
const PRIZES = [
  { name: '一等奖', fromRank: 1, toRank: 1, reward: '奖金 5000 元及荣誉证书' },
  { name: '二等奖', fromRank: 2, toRank: 3, reward: '奖金 3000 元' },
  { name: '三等奖', fromRank: 4, toRank: 10, reward: '奖金 1000 元' },
];

const monthEnd = (first: string) => {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const shift = (first: string, months: number) => {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
};

export async function seedContests(trx: Trx, opts: { seed: number; today: string }): Promise<ContestsSeedCounts> {
  const anchors = await repo.seedAnchors(trx, 'admin');
  const kpis = new Map((await listKpis(trx)).map((k) => [k.code, k]));
  if (!anchors || !METRICS.every((m) => kpis.has(m.kpiCode))) return { contests: 0, contestStandings: 0, promotionReviews: 0 };
  const metrics = METRICS.map((m) => {
    const k = kpis.get(m.kpiCode)!;
    return { ...m, nameZh: k.nameZh, nameEn: k.nameEn, unit: k.unit, direction: k.direction };
  });
  const thisMonth = `${opts.today.slice(0, 7)}-01`;
  const lastMonth = shift(thisMonth, -1);
  const monthNo = (d: string) => Number(d.slice(5, 7));
  const rules = { minimums: [{ kpiCode: 'sales_amount', min: '50000' }], tieBreak: { metrics: ['sales_amount'], earlierReach: true } };
  const base = {
    description: '全行理财客户经理产能竞赛：产品销售额、新增贵宾客户与转介成功数加权计分，销售额未达 5 万元者不参与评奖。',
    mode: 'individual', participantRoles: ['wealth_rm'], participantBranchIds: [anchors.headOfficeId], rules, prizes: PRIZES,
  };
  const owner = { branchId: anchors.branchId, createdBy: anchors.staffId };

  const past = await repo.insertContest(trx, { ...base, ...owner, name: `${monthNo(lastMonth)}月理财经理产能竞赛`, periodFrom: lastMonth, periodTo: monthEnd(lastMonth) });
  await repo.replaceMetrics(trx, past, metrics);
  await repo.setStatus(trx, past, 'live', null);
  await computeStandingsIn(trx, past);
  await repo.freezeResults(trx, past);
  await repo.setStatus(trx, past, 'frozen', anchors.staffId);

  const live = await repo.insertContest(trx, { ...base, ...owner, name: `${monthNo(thisMonth)}月理财经理产能冲刺赛`, periodFrom: thisMonth, periodTo: monthEnd(thisMonth) });
  await repo.replaceMetrics(trx, live, metrics);
  await repo.setStatus(trx, live, 'live', null);
  // First as of three days ago, then now: the second refresh moves ranks, so the arrows show.
  const now = Date.parse(`${opts.today}T12:00:00+08:00`);
  await computeStandingsIn(trx, live, new Date(now - 3 * 86_400_000));
  const res = await computeStandingsIn(trx, live, new Date(now));

  const reviews = await generateReviews(trx, opts.today.slice(0, 7));
  return { contests: 2, contestStandings: res.participants + res.teams, promotionReviews: reviews.created };
}
