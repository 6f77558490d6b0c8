// A wealth-centre head moves a departing RM's whole book: a preview of workloads against the grade
// limits first, then all customers and their open tasks at once, or nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
const c: Record<string, Client> = {};
let wrm: number;
let colleagues: number[];

const bookOf = async (staffId: number) => (await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '=', staffId).execute()).map((r) => r.id);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['wchead', 'wrm', 'bhead2', 'admin']) c[u] = await t.login(u);
  const me = await t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id', 's.branch_id']).where('u.username', '=', 'wrm').executeTakeFirstOrThrow();
  wrm = me.id;
  const rows = await t.handle.db.selectFrom('staff as s').innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select('s.id').where('r.role', '=', 'wealth_rm').where('s.status', '=', 'active').where('s.branch_id', '=', me.branch_id).where('s.id', '<>', wrm).orderBy('s.id').execute();
  colleagues = rows.map((r) => r.id);
});
afterAll(async () => t?.close());

describe('bulk reassignment', () => {
  it('previews the workloads and warns above a grade limit', async () => {
    expect(colleagues.length).toBeGreaterThan(0);
    const res = await c.wchead.post('/api/engagement/reassignments/preview', { fromStaffId: wrm, toStaffIds: colleagues });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    const book = await bookOf(wrm);
    expect(p.customers).toBe(book.length);
    expect(p.targets.reduce((a: number, x: { incoming: number }) => a + x.incoming, 0)).toBe(book.length);
    // A limit of 1 customer makes every receiver with a book exceed it.
    const grades = await t.handle.db.selectFrom('grade_levels').select('code').execute();
    expect((await c.admin.put('/api/engagement/capacity', { limits: grades.map((g) => ({ gradeCode: g.code, maxCustomers: 1 })) })).statusCode).toBe(200);
    const tight = (await c.wchead.post('/api/engagement/reassignments/preview', { fromStaffId: wrm, toStaffIds: colleagues })).json();
    expect(tight.warnings.length).toBeGreaterThan(0);
    expect(tight.targets.some((x: { exceeded: boolean }) => x.exceeded)).toBe(true);
    expect((await c.admin.put('/api/engagement/capacity', { limits: [{ gradeCode: 'nope', maxCustomers: 5 }] })).statusCode).toBe(400);
    expect((await c.wchead.put('/api/engagement/capacity', { limits: [{ gradeCode: grades[0].code, maxCustomers: 5 }] })).statusCode).toBe(403);
  });

  it('refuses bad receivers, other scopes and RMs, and writes nothing', async () => {
    const before = (await bookOf(wrm)).length;
    expect((await c.wchead.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: [wrm], reason: '离职交接' })).statusCode).toBe(400);
    expect((await c.wchead.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: colleagues, reason: '' })).statusCode).toBe(400);
    expect((await c.wrm.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: colleagues, reason: '离职交接' })).statusCode).toBe(403);
    expect((await c.bhead2.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: colleagues, reason: '离职交接' })).statusCode).toBe(404);
    expect((await bookOf(wrm)).length).toBe(before);
  });

  it('moves the whole book with its open tasks and leaves no customer without an RM', async () => {
    const book = await bookOf(wrm);
    // Tasks about the book's customers move with them (other modules' tasks for other customers stay).
    const openTasks = await t.handle.db.selectFrom('engagement_tasks').select('id').where('staff_id', '=', wrm).where('status', '=', 'open').where('customer_id', 'in', book).execute();
    const res = await c.wchead.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: colleagues, reason: '客户经理离职交接' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ moved: book.length, tasksMoved: openTasks.length });
    expect(await bookOf(wrm)).toEqual([]);
    const now = await t.handle.db.selectFrom('customers').select(['id', 'rm_staff_id']).where('id', 'in', book).execute();
    expect(now.every((r) => r.rm_staff_id !== null && colleagues.includes(r.rm_staff_id))).toBe(true);
    const left = await t.handle.db.selectFrom('engagement_tasks').select('id').where('staff_id', '=', wrm).where('status', '=', 'open').where('customer_id', 'in', book).execute();
    expect(left).toEqual([]);
    const unassigned = (await c.wchead.get('/api/engagement/reports/unassigned')).json();
    expect(unassigned.total).toBe(0);
    expect((await c.wchead.post('/api/engagement/reassignments', { fromStaffId: wrm, toStaffIds: colleagues, reason: '再来一次' })).statusCode).toBe(409);
  });

  it('two heads moving the same book at once: one moves it all, the other is told the book is empty, and each customer has one RM', async () => {
    const [leaving, ...others] = colleagues;
    const book = await bookOf(leaving);
    expect(book.length).toBeGreaterThan(0);
    const receivers = [wrm, ...others];
    const [a, b] = await Promise.all([
      c.wchead.post('/api/engagement/reassignments', { fromStaffId: leaving, toStaffIds: receivers, reason: '调岗交接' }),
      c.wchead.post('/api/engagement/reassignments', { fromStaffId: leaving, toStaffIds: receivers, reason: '调岗交接' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().error.code).toBe('EMPTY_BOOK');
    expect((a.statusCode === 200 ? a : b).json().moved).toBe(book.length);
    expect(await bookOf(leaving)).toEqual([]);
    const now = await t.handle.db.selectFrom('customers').select(['id', 'rm_staff_id']).where('id', 'in', book).execute();
    expect(now.every((r) => r.rm_staff_id !== null && receivers.includes(r.rm_staff_id))).toBe(true);
    // One open assignment per customer in the RM history: the loser wrote nothing.
    const open = await t.handle.db.selectFrom('customer_rm_history').select(['customer_id', 'staff_id']).where('customer_id', 'in', book).where('ended_on', 'is', null).execute();
    expect(open).toHaveLength(book.length);
    expect(open.every((h) => now.find((r) => r.id === h.customer_id)?.rm_staff_id === h.staff_id)).toBe(true);
  });

  it('lists handovers pending more than three days for the head', async () => {
    const res = await c.wchead.get('/api/engagement/reports/stale-handovers');
    expect(res.statusCode).toBe(200);
    const items = res.json() as { pendingDays: number; status: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((h) => h.status === 'pending' && h.pendingDays >= 3)).toBe(true);
    expect((await c.wrm.get('/api/engagement/reports/stale-handovers')).statusCode).toBe(403);
  });
});
