// The satisfaction report on a crafted set of answers equals the figures worked out by hand; its
// scope follows the caller's grants; exports are audited; improvement plans are tracked to done.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
const c: Record<string, Client> = {};
let programmeId: number;
let mine: number;
let other: number;

const staffOf = async (username: string) =>
  t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id', 's.branch_id']).where('u.username', '=', username).executeTakeFirstOrThrow();

// overall, nps, indicator a, indicator b, comment
const CRAFTED: [number, number, number, number, string][] = [
  [5, 10, 5, 4, ''], [4, 9, 4, 4, ''], [4, 8, 4, 3, ''], [3, 7, 3, 2, ''], [2, 5, 2, 2, '柜台太慢'], [1, 0, 1, 3, '等了一个小时'],
];

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'bhead', 'bhead2', 'wrm', 'auditor']) c[u] = await t.login(u);
  mine = Number((await staffOf('bhead')).branch_id);
  other = Number((await staffOf('bhead2')).branch_id);
  const rating = (code: string, indicator?: string, overall?: boolean) => ({ code, kind: 'rating', textZh: `题${code}`, textEn: `Q ${code}`, ...(indicator ? { indicator } : {}), ...(overall ? { overall } : {}) });
  const q = await c.admin.post('/api/surveys/questionnaires', {
    code: 'crafted', nameZh: '手算问卷', nameEn: 'Crafted',
    definition: {
      indicators: [{ code: 'ind_a', zh: '指标甲', en: 'Indicator A' }, { code: 'ind_b', zh: '指标乙', en: 'Indicator B' }],
      sections: [{ code: 's', titleZh: '全部', titleEn: 'All', questions: [
        rating('qa', 'ind_a'), rating('qb', 'ind_b'), rating('ov', undefined, true),
        { code: 'np', kind: 'nps', textZh: '推荐', textEn: 'Recommend' }, { code: 'tx', kind: 'text', textZh: '意见', textEn: 'Comments', required: false },
      ] }],
    },
  });
  expect(q.statusCode).toBe(201);
  const p = await c.admin.put('/api/surveys/programmes', { code: 'crafted', kind: 'branch', nameZh: '手算计划', nameEn: 'Crafted programme', questionnaireId: q.json().id });
  expect(p.statusCode).toBe(200);
  programmeId = p.json().id;
  for (const [i, [ov, np, a, b, tx]] of CRAFTED.entries()) {
    const res = await c.admin.post('/api/surveys/entries', {
      programmeId, branchId: mine, answerChannel: 'phone', answeredOn: `2025-0${1 + (i % 2)}-1${i}`,
      answers: [{ question: 'qa', value: a }, { question: 'qb', value: b }, { question: 'ov', value: ov }, { question: 'np', value: np }, { question: 'tx', value: tx }],
    });
    expect(res.statusCode).toBe(201);
  }
  // One answer in another outlet: inside the bank's figures, outside the first branch head's.
  await c.admin.post('/api/surveys/entries', {
    programmeId, branchId: other, answerChannel: 'mail', answeredOn: '2025-01-20',
    answers: [{ question: 'qa', value: 5 }, { question: 'qb', value: 5 }, { question: 'ov', value: 5 }, { question: 'np', value: 10 }],
  });
});
afterAll(async () => t?.close());

const url = (extra = '') => `/api/surveys/report?from=2025-01-01&to=2025-02-28&programmeId=${programmeId}${extra}`;

describe('the satisfaction report', () => {
  it('equals the hand-computed figures on a crafted set', async () => {
    const r = (await c.bhead.get(url())).json();
    // n = 6, Σ = 19, Σx² = 71; 4s and 5s: 3; promoters 2, passives 2, detractors 2.
    expect(r.overall.n).toBe(6);
    expect(r.overall.csat.value).toBe(50);
    expect(r.overall.mean.value).toBeCloseTo(19 / 6, 3);
    const sd = Math.sqrt((71 - 361 / 6) / 5);
    expect(r.overall.mean.low).toBeCloseTo(19 / 6 - (1.96 * sd) / Math.sqrt(6), 2);
    expect(r.overall.nps.value).toBe(0);
    expect(r.overall.nps.high).toBeCloseTo(1.96 * Math.sqrt(2 / 3 / 6) * 100, 1);
    expect([r.overall.promoters, r.overall.passives, r.overall.detractors]).toEqual([2, 2, 2]);
    const a = r.indicators.find((i: { code: string }) => i.code === 'ind_a');
    const b = r.indicators.find((i: { code: string }) => i.code === 'ind_b');
    expect(a.correlation).toBeCloseTo(1, 3);
    expect(b.mean.value).toBe(3);
    const rB = 4 / Math.sqrt((71 - 361 / 6) * 4);
    expect(b.correlation).toBeCloseTo(rB, 3);
    expect(a.zh).toBe('指标甲');
    // Driver ranking: A (5 − 3.167)/4 · 1 = 0.458 before B (5 − 3)/4 · 0.608 = 0.304.
    expect(r.drivers.map((d: { code: string }) => d.code)).toEqual(['ind_a', 'ind_b']);
    expect(r.drivers[0].impact).toBeCloseTo(((5 - 19 / 6) / 4) * 1, 3);
    expect(r.drivers[0].comments).toEqual(['等了一个小时', '柜台太慢']);
    expect(r.groups.month.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([['2025-01', 3], ['2025-02', 3]]);
    expect(r.groups.branch).toHaveLength(1);
    expect(r.groups.branch[0].tooSmall).toBe(true);
  });

  it('covers the whole bank for head office and the auditor, the own sub-tree for a branch head, nothing for an RM', async () => {
    expect((await c.admin.get(url())).json().overall.n).toBe(7);
    expect((await c.auditor.get(url())).json().overall.n).toBe(7);
    expect((await c.bhead2.get(url())).json().overall.n).toBe(1);
    expect((await c.bhead.get(url(`&branchId=${other}`))).statusCode).toBe(404);
    expect((await c.admin.get(url(`&branchId=${other}`))).json().overall.n).toBe(1);
    expect((await c.wrm.get(url())).statusCode).toBe(403);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await c.admin.get(`/api/surveys/report?from=2025-03-01&to=2025-01-01`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exports PDF and xlsx, each audited', async () => {
    const pdf = await c.bhead.get(`${url()}&format=pdf`.replace('/report?', '/report/export?'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await c.bhead.get(`${url()}&format=xlsx`.replace('/report?', '/report/export?'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await t.handle.db.selectFrom('audit_log').select('action').where('action', '=', 'survey.export').execute();
    expect(audits).toHaveLength(2);
  });
});

describe('improvement plans', () => {
  it('tracks measures with owners and due dates to done, within the branch head’s scope', async () => {
    const lobby = await staffOf('lobby');
    const far = await staffOf('bhead2');
    const body = { title: '缩短等候', branchId: mine, periodFrom: '2025-01-01', periodTo: '2025-02-28', measures: [{ indicator: 'ind_a', measure: '高峰增开窗口', ownerStaffId: Number(lobby.id), dueOn: '2025-03-31' }] };
    const wrongOwner = await c.bhead.post('/api/surveys/plans', { ...body, measures: [{ ...body.measures[0], ownerStaffId: Number(far.id) }] });
    expect(wrongOwner.statusCode).toBe(400);
    const created = await c.bhead.post('/api/surveys/plans', body);
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan.actions[0]).toMatchObject({ measure: '高峰增开窗口', status: 'open', overdue: true });
    expect((await c.bhead2.post(`/api/surveys/plans/${plan.id}/actions/${plan.actions[0].id}/done`, { doneNote: '已增开' })).statusCode).toBe(404);
    const done = await c.bhead.post(`/api/surveys/plans/${plan.id}/actions/${plan.actions[0].id}/done`, { doneNote: '已增开' });
    expect(done.statusCode).toBe(200);
    expect(done.json().actions[0]).toMatchObject({ status: 'done', overdue: false, doneNote: '已增开' });
    expect((await c.bhead.post(`/api/surveys/plans/${plan.id}/actions/${plan.actions[0].id}/done`, { doneNote: '再次' })).statusCode).toBe(400);
    expect((await c.bhead.post('/api/surveys/plans', { ...body, branchId: other })).statusCode).toBe(404);
    expect((await c.wrm.get('/api/surveys/plans')).statusCode).toBe(403);
    expect((await c.bhead2.get('/api/surveys/plans')).json().some((p: { id: number }) => p.id === plan.id)).toBe(false);
  });
});
