// The RM's working method on the demo bank: the daily task job is idempotent, a handover moves the
// customer and exactly their open tasks, activities complete tasks, and scope holds on every list.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { createTasks } from './engagement-tasks.service';
import { generateDueTasks, PLAN_JOB } from './engagement-plans.service';
import { addDays, shanghaiToday } from './engagement.contact-plan';
import { up as rekeyMaturities } from '../../db/migrations/2026-11-30T09-00_maturity-task-keys';

let t: TestApp;
const c: Record<string, Client> = {};
const who: Record<string, { staffId: number; branchId: number }> = {};
const today = shanghaiToday();

const staffOf = (username: string) =>
  t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id as staffId', 's.branch_id as branchId']).where('u.username', '=', username).executeTakeFirstOrThrow();
const count = async (table: 'engagement_tasks' | 'engagement_activities' | 'handovers' | 'customer_rm_history') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'wrm', 'wrm2', 'mrm', 'wchead', 'lobby']) {
    c[u] = await t.login(u);
    who[u] = await staffOf(u);
  }
});
afterAll(async () => t?.close());

describe('daily task generation', () => {
  it('creates each due task once: a second run (and the scheduled job) creates nothing', async () => {
    const served = await t.handle.db.selectFrom('customers').select(['id']).where('rm_staff_id', '=', who.wrm.staffId).orderBy('id').executeTakeFirstOrThrow();
    await t.handle.db.insertInto('holdings').values({ customer_id: served.id, category: 'time_deposit', product_name: '三年期定期存款', account_no: 'TEST-MAT-1', balance: '300000.00', matures_on: addDays(today, 3) }).execute();
    const first = await generateDueTasks(t.app.ctx, today);
    expect(first.byKind.maturity).toBeGreaterThanOrEqual(1);
    const made = await t.handle.db.selectFrom('engagement_tasks').select(['staff_id', 'reason_key', 'due_on']).where('customer_id', '=', served.id).where('kind', '=', 'maturity').where('reason_key', 'like', `maturity:${addDays(today, 3)}:%`).execute();
    expect(made).toHaveLength(1);
    expect(made[0].staff_id).toBe(who.wrm.staffId);
    const before = await count('engagement_tasks');
    const second = await generateDueTasks(t.app.ctx, today);
    expect(second.created).toBe(0);
    expect(await count('engagement_tasks')).toBe(before);
    const job = await t.app.ctx.jobs.runNow(PLAN_JOB);
    expect(job).toMatchObject({ ran: true, status: 'done' });
    expect(job.ran && job.detail.created).toBe(0);
    expect(await count('engagement_tasks')).toBe(before);
    // The RM heard about the urgent task once, from the first run.
    const notes = await t.handle.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.kind').where('u.staff_id', '=', who.wrm.staffId).where('n.kind', '=', 'engagement.urgent_tasks').execute();
    expect(notes).toHaveLength(1);
  });

  it('a run that stopped part-way is resumed by the next run of the day from its checkpoint, leaving nothing out', async () => {
    const db = t.handle.db;
    const day = addDays(today, 40); // a new contact period: tasks fall due again
    const newRun = async () => (await db.insertInto('job_runs').values({ job: PLAN_JOB, status: 'running' }).returning('id').executeTakeFirstOrThrow()).id;
    const before = await count('engagement_tasks');
    const crashed = await newRun();
    const crash = new Error('the process died');
    await expect(generateDueTasks(t.app.ctx, day, { runId: crashed, onProgress: (step) => { if (step === 3) throw crash; } })).rejects.toBe(crash);
    await db.updateTable('job_runs').set({ status: 'failed' }).where('id', '=', crashed).execute();
    const partial = (await count('engagement_tasks')) - before;

    const resumed = await generateDueTasks(t.app.ctx, day, { runId: await newRun() });
    expect(resumed.resumedFrom).toBe(3);
    expect((await count('engagement_tasks')) - before).toBe(partial + resumed.created);
    expect(partial + resumed.created).toBeGreaterThan(0);
    // Nothing was skipped: a full run of the same day finds every due task already there.
    expect((await generateDueTasks(t.app.ctx, day)).created).toBe(0);
  });

  it('maturity tasks keyed the old way (holding before date) are rewritten by the migration and not made again', async () => {
    const served = await t.handle.db.selectFrom('customers').select(['id', 'branch_id']).where('rm_staff_id', '=', who.wrm2.staffId).orderBy('id').executeTakeFirstOrThrow();
    const day = addDays(today, 40);
    const h = await t.handle.db.insertInto('holdings')
      .values({ customer_id: served.id, category: 'wealth', product_name: '稳健理财180天', account_no: 'TEST-MAT-OLD', balance: '500000.00', matures_on: addDays(day, 5) })
      .returning('id').executeTakeFirstOrThrow();
    const old = `maturity:${h.id}:${addDays(day, 5)}`;
    await t.handle.db.insertInto('engagement_tasks')
      .values({ customer_id: served.id, branch_id: served.branch_id, staff_id: who.wrm2.staffId, kind: 'maturity', reason_key: old, title: '旧任务', due_on: day })
      .execute();
    await rekeyMaturities(t.handle.db as never);
    const keys = (await t.handle.db.selectFrom('engagement_tasks').select('reason_key').where('customer_id', '=', served.id).where('kind', '=', 'maturity').execute()).map((r) => r.reason_key);
    expect(keys).toContain(`maturity:${addDays(day, 5)}:${h.id}`);
    expect(keys).not.toContain(old);
    await generateDueTasks(t.app.ctx, day);
    const mine = await t.handle.db.selectFrom('engagement_tasks').select('id').where('customer_id', '=', served.id).where('kind', '=', 'maturity').where('reason_key', 'like', `%:${h.id}`).execute();
    expect(mine).toHaveLength(1);
  });

  it('two runs of the same day at once (two instances) create each task once between them', async () => {
    const day = addDays(today, 75);
    const before = await count('engagement_tasks');
    const [a, b] = await Promise.all([generateDueTasks(t.app.ctx, day), generateDueTasks(t.app.ctx, day)]);
    expect(a.created + b.created).toBeGreaterThan(0);
    expect((await count('engagement_tasks')) - before).toBe(a.created + b.created);
    expect((await generateDueTasks(t.app.ctx, day)).created).toBe(0);
  });

  it('customers are never deleted (tasks and history hang off them): a delete is refused', async () => {
    const one = await t.handle.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow();
    await expect(t.handle.db.deleteFrom('customers').where('id', '=', one.id).execute()).rejects.toThrow(/never deleted/);
    expect(await t.handle.db.selectFrom('customers').select('id').where('id', '=', one.id).executeTakeFirst()).toBeDefined();
  });

  it('staff and branches are never deleted either (tasks name their RM and branch): both deletes are refused', async () => {
    const task = await t.handle.db.selectFrom('engagement_tasks').select(['staff_id', 'branch_id']).where('staff_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    await expect(t.handle.db.deleteFrom('staff').where('id', '=', task.staff_id!).execute()).rejects.toThrow(/never deleted/);
    await expect(t.handle.db.deleteFrom('branches').where('id', '=', task.branch_id).execute()).rejects.toThrow(/never deleted/);
    expect(await t.handle.db.selectFrom('staff').select('id').where('id', '=', task.staff_id!).executeTakeFirst()).toBeDefined();
    expect(await t.handle.db.selectFrom('branches').select('id').where('id', '=', task.branch_id).executeTakeFirst()).toBeDefined();
  });

  it('head office edits a rule; an impossible interval is refused and an RM may not edit', async () => {
    expect((await c.admin.patch('/api/engagement/plans/tier_gold', { intervalMonths: 5 })).statusCode).toBe(400);
    const bad = await c.admin.patch('/api/engagement/plans/tier_gold', { intervalMonths: 4, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await c.wrm.patch('/api/engagement/plans/tier_gold', { intervalMonths: 4 })).statusCode).toBe(403);
    const okRes = await c.admin.patch('/api/engagement/plans/tier_gold', { intervalMonths: 4 });
    expect(okRes.statusCode).toBe(200);
    expect(okRes.json().intervalMonths).toBe(4);
    expect((await c.admin.patch('/api/engagement/plans/large_outflow', { threshold: '0' })).statusCode).toBe(400);
  });
});

describe('handover', () => {
  let customerId: number;
  let handoverId: number;
  let otherTask: number;
  let doneTask: number;
  let openTasks: number[];

  it('a marketing RM hands a customer over to a wealth RM of the outlet', async () => {
    const cands = (await c.mrm.get('/api/engagement/handovers/candidates')).json() as { customerId: number; rmName: string | null }[];
    const cand = cands.find((x) => x.rmName === null)!;
    customerId = cand.customerId;
    openTasks = await createTasks(t.handle.db, [
      { customerId, kind: 'birthday', reasonKey: 'test:1', title: '生日关怀', dueOn: today, staffId: who.mrm.staffId },
      { customerId, kind: 'follow_up', reasonKey: 'test:2', title: '跟进', dueOn: addDays(today, 2), staffId: who.mrm.staffId },
    ]);
    [doneTask] = await createTasks(t.handle.db, [{ customerId, kind: 'follow_up', reasonKey: 'test:3', title: '已完成', dueOn: today, staffId: who.mrm.staffId }]);
    await t.handle.db.updateTable('engagement_tasks').set({ status: 'done', done_at: new Date() }).where('id', '=', doneTask).execute();
    const other = await t.handle.db.selectFrom('customers').select('id').where('marketing_staff_id', '=', who.mrm.staffId).where('id', '<>', customerId).executeTakeFirstOrThrow();
    [otherTask] = await createTasks(t.handle.db, [{ customerId: other.id, kind: 'follow_up', reasonKey: 'test:4', title: '别的客户', dueOn: today, staffId: who.mrm.staffId }]);

    const receivers = (await c.mrm.get('/api/engagement/handovers/receivers')).json() as { staffId: number }[];
    expect(receivers.map((r) => r.staffId)).toContain(who.wrm.staffId);
    expect((await c.mrm.post('/api/engagement/handovers', { customerId, toStaffId: who.wrm2.staffId })).statusCode).toBe(400);
    expect((await c.wrm2.post('/api/engagement/handovers', { customerId, toStaffId: who.wrm.staffId })).statusCode).toBe(404);
    const res = await c.mrm.post('/api/engagement/handovers', { customerId, toStaffId: who.wrm.staffId, note: '客户有理财需求' });
    expect(res.statusCode).toBe(201);
    handoverId = res.json().id;
    expect((await c.mrm.post('/api/engagement/handovers', { customerId, toStaffId: who.wrm.staffId })).statusCode).toBe(409);
  });

  it('the receiver sees the complete file and the handover on the workbench; others do not', async () => {
    const file = await c.wrm.get(`/api/engagement/handovers/${handoverId}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().openTasks.map((x: { id: number }) => x.id).sort()).toEqual([...openTasks].sort());
    expect(file.json().profile.name).toContain('*');
    expect((await c.wrm2.get(`/api/engagement/handovers/${handoverId}`)).statusCode).toBe(404);
    const wb = (await c.wrm.get('/api/workbench')).json();
    expect(wb.handovers.map((h: { id: number }) => h.id)).toContain(handoverId);
    expect((await c.wrm2.post(`/api/engagement/handovers/${handoverId}/accept`)).statusCode).toBe(404);
  });

  it('on acceptance the RM changes and exactly the customer’s open tasks move, with an introduction task', async () => {
    const history = await count('customer_rm_history');
    const res = await c.wrm.post(`/api/engagement/handovers/${handoverId}/accept`);
    expect(res.statusCode).toBe(200);
    expect(res.json().tasksMoved).toBe(2);
    const cust = await t.handle.db.selectFrom('customers').select('rm_staff_id').where('id', '=', customerId).executeTakeFirstOrThrow();
    expect(cust.rm_staff_id).toBe(who.wrm.staffId);
    expect(await count('customer_rm_history')).toBe(history + 1);
    const rows = await t.handle.db.selectFrom('engagement_tasks').select(['id', 'staff_id', 'kind']).where('id', 'in', [...openTasks, doneTask, otherTask]).execute();
    for (const r of rows) expect(r.staff_id, String(r.id)).toBe(openTasks.includes(r.id) ? who.wrm.staffId : who.mrm.staffId);
    const intro = await t.handle.db.selectFrom('engagement_tasks').select(['staff_id']).where('customer_id', '=', customerId).where('kind', '=', 'introduction').execute();
    expect(intro).toEqual([{ staff_id: who.wrm.staffId }]);
    expect((await c.wrm.post(`/api/engagement/handovers/${handoverId}/accept`)).statusCode).toBe(409);
    const wb = (await c.wrm.get('/api/workbench')).json();
    expect(wb.tasks.items.some((x: { customerId: number; kind: string }) => x.customerId === customerId && x.kind === 'introduction')).toBe(true);
  });

  it('a returned handover needs a reason and leaves the RM as it was', async () => {
    const cand = ((await c.mrm.get('/api/engagement/handovers/candidates')).json() as { customerId: number; rmName: string | null }[]).find((x) => x.rmName === null)!;
    const id = (await c.mrm.post('/api/engagement/handovers', { customerId: cand.customerId, toStaffId: who.wrm.staffId })).json().id;
    expect((await c.wrm.post(`/api/engagement/handovers/${id}/return`, { reason: '' })).statusCode).toBe(400);
    expect((await c.wrm.post(`/api/engagement/handovers/${id}/return`, { reason: '客户已由他行服务' })).statusCode).toBe(200);
    const cust = await t.handle.db.selectFrom('customers').select('rm_staff_id').where('id', '=', cand.customerId).executeTakeFirstOrThrow();
    expect(cust.rm_staff_id).toBeNull();
    const out = (await c.mrm.get('/api/engagement/handovers?direction=outgoing')).json() as { id: number; status: string; returnReason: string }[];
    expect(out.find((h) => h.id === id)).toMatchObject({ status: 'returned', returnReason: '客户已由他行服务' });
  });
});

describe('activities and tasks', () => {
  it('a call completes its task, creates the follow-up, moves last contact and lands on the timeline', async () => {
    const task = (await c.wrm.get('/api/engagement/tasks?view=mine&status=open&pageSize=1')).json().items[0] as { id: number; customerId: number };
    const res = await c.wrm.post('/api/engagement/activities', {
      customerId: task.customerId, channel: 'call', outcome: 'interested', summary: '客户关注大额存单', taskId: task.id,
      needs: [{ kind: 'hidden', category: 'information', description: '子女教育金规划' }], products: ['大额存单'], nextStep: '发送产品说明书', nextStepOn: addDays(today, 3),
    });
    expect(res.statusCode).toBe(201);
    const { id, followUpTaskId, completedTaskId } = res.json();
    expect(completedTaskId).toBe(task.id);
    const done = await t.handle.db.selectFrom('engagement_tasks').select(['status']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    const follow = await t.handle.db.selectFrom('engagement_tasks').select(['kind', 'due_on', 'staff_id']).where('id', '=', followUpTaskId).executeTakeFirstOrThrow();
    expect(follow).toEqual({ kind: 'follow_up', due_on: addDays(today, 3), staff_id: who.wrm.staffId });
    const cust = await t.handle.db.selectFrom('customers').select('last_contact_at').where('id', '=', task.customerId).executeTakeFirstOrThrow();
    expect(Date.now() - cust.last_contact_at!.getTime()).toBeLessThan(60_000);
    const ev = await t.handle.db.selectFrom('customer_events').select('kind').where('ref_type', '=', 'engagement_activity').where('ref_id', '=', String(id)).execute();
    expect(ev).toEqual([{ kind: 'contact' }]);
    const list = (await c.wrm.get(`/api/engagement/customers/${task.customerId}/activities`)).json() as { id: number; needs: unknown[] }[];
    expect(list[0]).toMatchObject({ id, needs: [{ description: '子女教育金规划' }] });
  });

  it('bad input writes nothing: a past next-step date, an unknown field, a task of another customer', async () => {
    const task = (await c.wrm.get('/api/engagement/tasks?view=mine&status=open&pageSize=1')).json().items[0] as { id: number; customerId: number };
    const otherCustomer = await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '=', who.wrm.staffId).where('id', '<>', task.customerId).executeTakeFirstOrThrow();
    const before = [await count('engagement_activities'), await count('engagement_tasks')];
    const bodies = [
      { customerId: task.customerId, channel: 'call', outcome: 'reached', nextStep: '再联系', nextStepOn: addDays(today, -1) },
      { customerId: task.customerId, channel: 'fax', outcome: 'reached' },
      { customerId: task.customerId, channel: 'call', outcome: 'reached', colour: 'red' },
      { customerId: otherCustomer.id, channel: 'call', outcome: 'reached', taskId: task.id, nextStep: 'x', nextStepOn: today },
    ];
    for (const b of bodies) {
      const res = await c.wrm.post('/api/engagement/activities', b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.json().error.en).toMatch(/[a-z]/);
    }
    expect((await c.wrm.post(`/api/engagement/tasks/${task.id}/complete`, { outcome: '' })).statusCode).toBe(400);
    expect([await count('engagement_activities'), await count('engagement_tasks')]).toEqual(before);
  });

  it('overdue work is visible to the RM and the wealth-centre head; the team view is the head’s', async () => {
    const served = await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '=', who.wrm.staffId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const [late] = await createTasks(t.handle.db, [{ customerId: served.id, kind: 'follow_up', reasonKey: 'test:late', title: '逾期跟进', dueOn: addDays(today, -5) }]);
    const mine = (await c.wrm.get('/api/engagement/tasks?view=overdue&pageSize=200')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((x: { staffId: number; overdue: boolean }) => x.staffId === who.wrm.staffId && x.overdue)).toBe(true);
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(late);
    const team = (await c.wchead.get('/api/engagement/tasks?view=overdue&pageSize=200')).json();
    expect(team.total).toBeGreaterThanOrEqual(mine.total);
    expect(team.items.some((x: { staffId: number }) => x.staffId !== who.wchead.staffId)).toBe(true);
    expect((await c.wrm.get('/api/engagement/tasks?view=team')).statusCode).toBe(403);
    expect((await c.wchead.get('/api/engagement/tasks?view=team')).statusCode).toBe(200);
    const wb = (await c.wchead.get('/api/workbench')).json();
    expect(wb.teamOverdue).toBeGreaterThanOrEqual(mine.total);
  });

  it('scope: a marketing RM neither sees nor touches the wealth RM’s book', async () => {
    const wrmOnly = await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '=', who.wrm.staffId).where('marketing_staff_id', 'is', null).executeTakeFirstOrThrow();
    expect((await c.mrm.post('/api/engagement/activities', { customerId: wrmOnly.id, channel: 'call', outcome: 'reached' })).statusCode).toBe(404);
    expect((await c.mrm.get(`/api/engagement/customers/${wrmOnly.id}/activities`)).statusCode).toBe(404);
    const tasks = (await c.mrm.get(`/api/engagement/tasks?view=mine&customerId=${wrmOnly.id}`)).json();
    expect(tasks.total).toBe(0);
    const wrmTask = (await c.wrm.get('/api/engagement/tasks?view=mine&status=open&pageSize=1')).json().items[0] as { id: number };
    expect((await c.mrm.post(`/api/engagement/tasks/${wrmTask.id}/complete`, { outcome: '看不到' })).statusCode).toBe(404);
    expect((await c.wrm2.post(`/api/engagement/tasks/${wrmTask.id}/cancel`, { reason: '不是我的' })).statusCode).toBe(404);
    const mrmWb = (await c.mrm.get('/api/workbench')).json();
    expect(mrmWb.book.customers).toBe(0);
    expect((await c.lobby.get('/api/workbench')).statusCode).toBe(403);
    // The marketing RM's handed-over history stays visible to them.
    expect(((await c.mrm.get('/api/engagement/handovers?direction=outgoing')).json() as unknown[]).length).toBeGreaterThan(0);
  });
});
