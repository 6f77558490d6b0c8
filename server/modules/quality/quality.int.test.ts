// Service standards (SMART, seeded from the source), inspections with photos and scores over time,
// and the team evaluation: who may do what, and bad input refused without writing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { shanghaiToday } from './quality.common';

let t: TestApp;
const c: Record<string, Client> = {};
let bj01: number;
let other: number;
let standards: { id: number; code: string; smartMissing: string[]; dimensionCode: string }[];

const count = async (table: 'inspections' | 'inspection_items' | 'inspection_photos' | 'service_standards' | 'team_ratings' | 'team_feedback') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const smart = { code: 'seat_offer', serviceStep: '等候服务', dimensionCode: 'attentiveness', keyElement: '客户等候时希望被照顾', specific: '为等候超过10分钟的客户送上饮用水', measurable: '送水率100%', achievable: '大堂助理巡视', relevant: '减少等候焦虑', timeBound: '等候满10分钟时', timeLimitSeconds: 600 };

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'bhead', 'bhead2', 'lobby', 'cteller', 'wrm']) c[u] = await t.login(u);
  bj01 = (await t.handle.db.selectFrom('branches').select('id').where('code', '=', 'BJ01').executeTakeFirstOrThrow()).id;
  other = Number((await c.bhead2.get('/api/me')).json().branchId);
  standards = (await c.cteller.get('/api/quality/standards')).json().standards;
});
afterAll(async () => t?.close());

describe('service standards', () => {
  it('are seeded from the source\'s etiquette rules and the lobby\'s service levels, every one SMART', async () => {
    const codes = standards.map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['greet', 'appearance', 'posture', 'guide_gesture', 'business_card', 'phone', 'wait_mass', 'wait_vip']));
    expect(standards.every((s) => s.smartMissing.length === 0)).toBe(true);
    const lib = (await c.cteller.get('/api/quality/standards')).json();
    expect(lib.dimensions.filter((d: { side: string }) => d.side === 'procedural')).toHaveLength(7);
    expect(lib.dimensions.filter((d: { side: string }) => d.side === 'personal')).toHaveLength(7);
  });

  it('refuses an active standard that is not SMART, an unknown dimension, and a caller without the grant', async () => {
    const before = await count('service_standards');
    const notSmart = await c.admin.post('/api/quality/standards', { ...smart, measurable: '' });
    expect(notSmart.statusCode).toBe(400);
    expect(notSmart.json().error.code).toBe('NOT_SMART');
    expect(notSmart.json().error.zh).toContain('M');
    expect((await c.admin.post('/api/quality/standards', { ...smart, dimensionCode: 'nope' })).json().error.code).toBe('UNKNOWN_DIMENSION');
    expect((await c.bhead.post('/api/quality/standards', smart)).statusCode).toBe(403);
    expect(await count('service_standards')).toBe(before);
    const ok = await c.admin.post('/api/quality/standards', smart);
    expect(ok.statusCode, ok.body).toBe(201);
    // A draft (inactive) standard may still be incomplete.
    const draft = await c.admin.put(`/api/quality/standards/${ok.json().id}`, { ...smart, timeBound: '', active: false });
    expect(draft.json().smartMissing).toEqual(['T']);
  });
});

describe('inspections', () => {
  const body = () => ({
    branchId: bj01, kind: 'mystery_shopper', inspectedOn: shanghaiToday(), inspectorName: '神秘客户A',
    items: standards.slice(0, 3).map((s, i) => ({ standardId: s.id, score: [5, 4, 3][i]!, note: '' })), findings: '问候及时，站姿不够标准', correctiveActions: '晨会站姿训练',
  });

  it('scores a checklist drawn from the standards, stores photos, and shows scores over time', async () => {
    const res = await c.bhead.post('/api/quality/inspections', body());
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json();
    expect(i.score).toBe('80.00');
    expect(i.items).toHaveLength(3);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50, 2)]);
    const photo = await c.bhead.request({ method: 'POST', url: `/api/quality/inspections/${i.id}/photos?fileName=lobby.png`, payload: png, headers: { 'content-type': 'image/png' } });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().photoFiles).toHaveLength(1);
    const pdf = await c.bhead.request({ method: 'POST', url: `/api/quality/inspections/${i.id}/photos?fileName=a.pdf`, payload: Buffer.from('%PDF-1.4 x'), headers: { 'content-type': 'application/pdf' } });
    expect(pdf.statusCode).toBe(415);
    const dl = await c.lobby.get(`/api/quality/inspections/${i.id}/photos/${photo.json().photoFiles[0].id}`);
    expect(dl.rawPayload.equals(png)).toBe(true);
    const scores = (await c.bhead.get('/api/quality/inspections/scores?groupBy=branch')).json();
    expect(scores.series.find((s: { key: number }) => s.key === bj01).points.at(-1)).not.toBeNull();
    expect(scores.byDimension.length).toBeGreaterThan(3);
  });

  it('keeps to the branch scope and refuses bad input without writing', async () => {
    const before = `${await count('inspections')}|${await count('inspection_items')}`;
    expect((await c.bhead.post('/api/quality/inspections', { ...body(), branchId: other })).statusCode).toBe(404);
    expect((await c.lobby.post('/api/quality/inspections', body())).statusCode).toBe(403);
    const dup = body();
    dup.items.push(dup.items[0]!);
    expect((await c.bhead.post('/api/quality/inspections', dup)).json().error.code).toBe('DUPLICATE_ITEM');
    expect((await c.bhead.post('/api/quality/inspections', { ...body(), items: [{ standardId: 99999999, score: 3 }] })).json().error.code).toBe('UNKNOWN_STANDARD');
    expect((await c.bhead.post('/api/quality/inspections', { ...body(), items: [{ standardId: standards[0]!.id, score: 6 }] })).statusCode).toBe(400);
    expect((await c.bhead.post('/api/quality/inspections', { ...body(), inspectedOn: '2999-01-01' })).statusCode).toBe(400);
    expect(`${await count('inspections')}|${await count('inspection_items')}`).toBe(before);
    const theirs = (await c.bhead2.get('/api/quality/inspections')).json().items;
    expect(theirs.every((x: { branchId: number }) => x.branchId !== bj01)).toBe(true);
  });
});

describe('team evaluation', () => {
  it('shows complaint efficiency and teamwork per team, and takes ratings and feedback', async () => {
    const period = shanghaiToday().slice(0, 7);
    const rated = await c.bhead.post('/api/quality/teams/ratings', { branchId: bj01, period, raterKind: 'manager', score: 4, note: '协作良好' });
    expect(rated.statusCode, rated.body).toBe(200);
    const fb = await c.bhead.post('/api/quality/teams/feedback', { branchId: bj01, period, note: '高峰期互相补位，继续保持' });
    const team = fb.json().teams.find((x: { branchId: number }) => x.branchId === bj01);
    expect(team.teamwork).toBe(4);
    expect(team.feedback.map((f: { note: string }) => f.note)).toContain('高峰期互相补位，继续保持');
    // Satisfaction is the surveys' mean score of the outlet for the month, when there are answers.
    const last = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const surveys = (await c.bhead.get(`/api/surveys/report?from=${period}-01&to=${last}`)).json();
    const mean = surveys.groups?.branch.find((g: { key: string }) => g.key === String(bj01))?.mean.value ?? null;
    expect(team.satisfaction).toBe(mean === null ? null : Math.round(mean * 100) / 100);
    // Rating again replaces the rater's own rating.
    const again = (await c.bhead.post('/api/quality/teams/ratings', { branchId: bj01, period, raterKind: 'manager', score: 2 })).json();
    expect(again.teams.find((x: { branchId: number }) => x.branchId === bj01).ratings).toBe(1);
    expect((await c.bhead.post('/api/quality/teams/ratings', { branchId: other, period, raterKind: 'peer', score: 4 })).statusCode).toBe(404);
    expect((await c.wrm.get('/api/quality/teams')).statusCode).toBe(403);
    expect((await c.bhead.post('/api/quality/teams/ratings', { branchId: bj01, period: '2999-01', raterKind: 'peer', score: 4 })).statusCode).toBe(400);
  });
});
