// Grade promotion on a real database: head office's rules and their validation, the month's list
// built from the facts this test sets up (scores, AUM of the book, certificates, time in grade),
// its evidence, who may see and decide what, and the approval writing the grade history.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { previousMonths, shanghaiToday } from './promotion.rules';

let t: TestApp;
const c: Record<string, Client> = {};
const today = shanghaiToday();
const month = today.slice(0, 7);
const lastMonth = previousMonths(`${month}-01`, 1)[0]!;
const ids: Record<string, number> = {};
type Review = { id: number; staffId: number; direction: string; to: { gradeCode: string; step: number }; status: string; evidence: { avgScore: number | null; aum: string; checks: { code: string; ok: boolean }[] } };

async function staffOf(username: string): Promise<{ id: number; branchId: number }> {
  const r = await t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id', 's.branch_id']).where('u.username', '=', username).executeTakeFirstOrThrow();
  return { id: r.id, branchId: r.branch_id };
}

/** The month's current scoring run (the one staffMonthScores reads), made if there is none. */
async function scoreRun(): Promise<number> {
  const found = await sql<{ id: number }>`select id from perf_runs where month = ${`${lastMonth}-01`}::date and status in ('frozen', 'done')
    order by (status = 'frozen') desc, id desc limit 1`.execute(t.handle.db);
  if (found.rows[0]) return Number(found.rows[0].id);
  const made = await sql<{ id: number }>`insert into perf_runs (month, version, status, kind, as_of)
    values (${`${lastMonth}-01`}::date, 99, 'done', 'manual', ${today}::date) returning id`.execute(t.handle.db);
  return Number(made.rows[0]!.id);
}

async function addRm(no: string, score: number, aum: string[]): Promise<number> {
  const g = await t.handle.db.selectFrom('grade_levels').select('id').where('code', '=', 'assistant').executeTakeFirstOrThrow();
  const s = await t.handle.db.insertInto('staff').values({ staff_no: no, name: `晋升测试${no}`, gender: 'M', branch_id: ids.team!, sequence: 'rm', grade_level_id: g.id, grade_step: 2 })
    .returning('id').executeTakeFirstOrThrow();
  await t.handle.db.insertInto('staff_roles').values({ staff_id: s.id, role: 'wealth_rm' }).execute();
  await t.handle.db.insertInto('staff_grade_history').values({ staff_id: s.id, grade_level_id: g.id, step: 2, effective_on: '2023-01-01', reason: '测试', approved_by: null }).execute();
  await t.handle.db.insertInto('certificates').values({ staff_id: s.id, type_code: 'banking', number: `CERT-${no}`, issued_on: '2020-01-01', expires_on: null }).execute();
  for (const [i, a] of aum.entries()) {
    await t.handle.db.insertInto('customers').values({ customer_no: `PR-${no}-${i}`, name: '晋升测试客户', tier_code: 'gold', branch_id: ids.team!, rm_staff_id: s.id, aum: a }).execute();
  }
  const card = await sql<{ id: number }>`select id from perf_scorecards order by id limit 1`.execute(t.handle.db);
  await sql`insert into perf_scores (run_id, scorecard_id, role_code, staff_id, branch_id, total, rank_bank)
    values (${ids.run}, ${card.rows[0]!.id}, 'wealth_rm', ${s.id}, ${ids.team}, ${score}, 1)`.execute(t.handle.db);
  return s.id;
}

const rule = (over: Record<string, unknown> = {}) => ({
  gradeCode: 'assistant', step: 2, minMonthsInGrade: 12, scoreMonths: 1, minAvgScore: '80', minAum: '1000000', requiredCertificates: ['banking'],
  cleanMonths: 12, demoteBelowScore: '50', demoteMonths: 1, active: true, ...over,
});

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  const bhead = await staffOf('bhead');
  const parent = await t.handle.db.selectFrom('branches').select(['id', 'path']).where('id', '=', bhead.branchId).executeTakeFirstOrThrow();
  const b = await t.handle.db.insertInto('branches').values({ code: 'PR01', name: '晋升测试组', level: 'sub_branch', parent_id: parent.id, path: '/tmp/' }).returning('id').executeTakeFirstOrThrow();
  await t.handle.db.updateTable('branches').set({ path: `${parent.path}${b.id}/` }).where('id', '=', b.id).execute();
  ids.team = b.id;
  ids.run = await scoreRun();
  // 88 ≥ 80 and 1,000,000 + 500,000 ≥ 1,000,000: promotion. 45 < 50: demotion. 88 but 999,999.99 of AUM: nothing.
  ids.up = await addRm('PR-UP', 88, ['1000000.00', '500000.00']);
  ids.down = await addRm('PR-DOWN', 45, ['2000000.00']);
  ids.none = await addRm('PR-NONE', 88, ['999999.99']);
  for (const u of ['admin', 'bhead', 'bhead2', 'wrm']) c[u] = await t.login(u);
}, 300_000);
afterAll(async () => t?.close());

describe('rules', () => {
  it('seeds a rule per grade and lets head office alone add or change them, with checks', async () => {
    const list = await c.admin.get('/api/promotion/rules');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { gradeCode: string; step: number | null }[]).filter((r) => r.step === null).map((r) => r.gradeCode))
      .toEqual(['trainee', 'assistant', 'intermediate', 'senior', 'principal', 'chief']);
    expect((await c.wrm.get('/api/promotion/rules')).statusCode).toBe(403);
    expect((await c.bhead.post('/api/promotion/rules', rule())).statusCode).toBe(403);
    expect((await c.admin.post('/api/promotion/rules', rule({ requiredCertificates: ['nope'] }))).statusCode).toBe(400);
    expect((await c.admin.post('/api/promotion/rules', rule({ demoteBelowScore: '85' }))).json().error.code).toBe('BAD_RULE');
    expect((await c.admin.post('/api/promotion/rules', rule({ step: 9 }))).statusCode).toBe(400);
    expect((await c.admin.post('/api/promotion/rules', rule({ step: null }))).statusCode).toBe(409);
    const made = await c.admin.post('/api/promotion/rules', rule());
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ gradeCode: 'assistant', step: 2, minAum: '1000000.00' });
  });
});

describe('the monthly list', () => {
  it('lists who qualifies with the evidence, within the head’s reach, once per month', async () => {
    expect((await c.wrm.post('/api/promotion/reviews/generate', { month })).statusCode).toBe(403);
    const gen = await c.bhead.post('/api/promotion/reviews/generate', { month });
    expect(gen.statusCode).toBe(200);
    const list = (await c.bhead.get(`/api/promotion/reviews?month=${month}&pageSize=200`)).json() as { items: Review[] };
    const up = list.items.find((r) => r.staffId === ids.up)!;
    const down = list.items.find((r) => r.staffId === ids.down)!;
    expect(up).toMatchObject({ direction: 'promote', status: 'pending', to: { gradeCode: 'assistant', step: 3 }, evidence: { avgScore: 88, aum: '1500000.00' } });
    expect(up.evidence.checks.every((x) => x.ok)).toBe(true);
    expect(down).toMatchObject({ direction: 'demote', to: { gradeCode: 'assistant', step: 1 }, evidence: { avgScore: 45 } });
    expect(list.items.some((r) => r.staffId === ids.none)).toBe(false);
    ids.upReview = up.id;
    ids.downReview = down.id;
    // The other outlet's head sees none of them; a second run adds nothing.
    const other = (await c.bhead2.get(`/api/promotion/reviews?month=${month}&pageSize=200`)).json() as { items: Review[] };
    expect(other.items.some((r) => [ids.up, ids.down].includes(r.staffId))).toBe(false);
    const again = await c.admin.post('/api/promotion/reviews/generate', { month });
    expect(again.json().created).toBe(0);
  });

  it('refuses a rejection without a reason and decisions out of reach', async () => {
    expect((await c.bhead.post(`/api/promotion/reviews/${ids.downReview}/reject`, { reason: '' })).statusCode).toBe(400);
    expect((await c.bhead2.post(`/api/promotion/reviews/${ids.upReview}/approve`, {})).statusCode).toBe(404);
    expect((await c.wrm.post(`/api/promotion/reviews/${ids.upReview}/approve`, {})).statusCode).toBe(403);
    const rej = await c.bhead.post(`/api/promotion/reviews/${ids.downReview}/reject`, { reason: '本月已制定改进计划' });
    expect(rej.statusCode).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', reason: '本月已制定改进计划' });
    const s = await t.handle.db.selectFrom('staff').select('grade_step').where('id', '=', ids.down!).executeTakeFirstOrThrow();
    expect(s.grade_step).toBe(2);
  });

  it('writes the grade and its history on approval, once', async () => {
    const bhead = await staffOf('bhead');
    const res = await c.bhead.post(`/api/promotion/reviews/${ids.upReview}/approve`, { reason: '表现突出' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('approved');
    const s = await t.handle.db.selectFrom('staff').select('grade_step').where('id', '=', ids.up!).executeTakeFirstOrThrow();
    expect(s.grade_step).toBe(3);
    const h = await t.handle.db.selectFrom('staff_grade_history').select(['step', 'approved_by', 'reason', 'effective_on']).where('staff_id', '=', ids.up!).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(h).toMatchObject({ step: 3, approved_by: bhead.id, effective_on: today });
    expect(h.reason).toContain(`#${ids.upReview}`);
    expect((await c.bhead.post(`/api/promotion/reviews/${ids.upReview}/approve`, {})).statusCode).toBe(409);
    const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'promotion_review').where('entity_id', '=', String(ids.upReview)).execute();
    expect(audit.map((a) => a.action)).toEqual(['promotion.approve']);
  });

  it('two heads deciding the same review at once (approve and reject): exactly one decision stands', async () => {
    const racer = await addRm('PR-RACE', 90, ['1200000.00', '300000.00']);
    expect((await c.admin.post('/api/promotion/reviews/generate', { month })).json().created).toBe(1);
    const list = (await c.bhead.get(`/api/promotion/reviews?month=${month}&pageSize=200`)).json() as { items: Review[] };
    const review = list.items.find((r) => r.staffId === racer)!;
    expect(review).toMatchObject({ direction: 'promote', status: 'pending' });
    const historyBefore = (await t.handle.db.selectFrom('staff_grade_history').select('id').where('staff_id', '=', racer).execute()).length;
    const [approve, reject] = await Promise.all([
      c.bhead.post(`/api/promotion/reviews/${review.id}/approve`, { reason: '同意' }),
      c.admin.post(`/api/promotion/reviews/${review.id}/reject`, { reason: '名额已满' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
    const won = approve.statusCode === 200 ? 'approved' : 'rejected';
    expect((approve.statusCode === 409 ? approve : reject).json().error.code).toBe('ALREADY_DECIDED');
    const row = await t.handle.db.selectFrom('promotion_reviews').select('status').where('id', '=', review.id).executeTakeFirstOrThrow();
    expect(row.status).toBe(won);
    const s = await t.handle.db.selectFrom('staff').select('grade_step').where('id', '=', racer).executeTakeFirstOrThrow();
    expect(s.grade_step).toBe(won === 'approved' ? 3 : 2);
    const historyAfter = (await t.handle.db.selectFrom('staff_grade_history').select('id').where('staff_id', '=', racer).execute()).length;
    expect(historyAfter - historyBefore).toBe(won === 'approved' ? 1 : 0);
    const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'promotion_review').where('entity_id', '=', String(review.id)).execute();
    expect(audit.map((a) => a.action)).toEqual([won === 'approved' ? 'promotion.approve' : 'promotion.reject']);
  });
});
