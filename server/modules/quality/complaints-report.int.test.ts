// Complaint reports on a crafted month equal the figures computed by hand; the regulatory export is
// an audited xlsx; the reminder job escalates an overdue complaint to the branch head exactly once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { addDays } from './complaints.rules';
import { shanghaiToday } from './quality.common';

let t: TestApp;
const c: Record<string, Client> = {};
let bj01: number;
let teller: number;
let bhead: number;
let wrm: number;

const staffOf = async (username: string) => Number((await t.handle.db.selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow()).staff_id);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'bhead', 'bhead2', 'lobby', 'wrm', 'auditor']) c[u] = await t.login(u);
  bj01 = (await t.handle.db.selectFrom('branches').select('id').where('code', '=', 'BJ01').executeTakeFirstOrThrow()).id;
  teller = await staffOf('cteller');
  bhead = await staffOf('bhead');
  wrm = await staffOf('wrm');
  const customerId = (await t.handle.db.selectFrom('customers').select('id').where('branch_id', '=', bj01).orderBy('id').executeTakeFirstOrThrow()).id;
  // January 2020: nothing else of the demo bank falls in it. Accepted Monday 6th, due Tuesday 21st.
  const row = (category: string, channel: string, status: string, decidedOn: string | null, extra: Record<string, unknown> = {}) => ({
    branch_id: bj01, channel, complainant_type: 'customer', customer_id: customerId, category, business_line: 'counter', description: '测试投诉',
    status, accepted_on: '2020-01-06', due_on: '2020-01-21', decided_on: decidedOn, ...extra,
  });
  await t.handle.db.insertInto('complaints').values([
    row('fees', 'phone', 'closed', '2020-01-08', { root_cause: 'training_gap', corrective_due_on: '2020-03-01', about_staff_ids: [teller], amount_in_dispute: '100.10' }),
    row('fees', 'phone', 'closed', '2020-01-10', { root_cause: 'training_gap', corrective_due_on: '2020-03-01', about_staff_ids: [teller], amount_in_dispute: '0.20' }),
    row('service_attitude', 'lobby', 'decided', '2020-01-12', { about_staff_ids: [teller] }),
    row('service_attitude', 'lobby', 'decided', '2020-01-16', { reopened_count: 1 }),
    row('waiting_time', 'counter', 'decided', '2020-01-26'),
    row('waiting_time', 'counter', 'review', null, { reopened_count: 1 }),
    row('privacy', 'online', 'accepted', null),
  ]).execute();
});
afterAll(async () => t?.close());

describe('complaint report', () => {
  it('equals the hand-computed figures of a crafted month', async () => {
    const res = await c.admin.get('/api/complaints/report?from=2020-01-01&to=2020-01-31');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toBe(7);
    expect(r.decided).toBe(5);
    // Handling days 2, 4, 6, 10, 20: mean 8.4; p90 by linear interpolation = 10 + 0.6 × (20 − 10) = 16.
    expect(r.meanDays).toBe(8.4);
    expect(r.p90Days).toBe(16);
    // Four of five told by the 21st; two of the six ever decided were disputed.
    expect(r.onTimeRate).toBe(0.8);
    expect(r.reopenRate).toBe(0.3333);
    expect(r.overdueOpen).toBe(1);
    const counts = (xs: { key: string; count: number }[]) => Object.fromEntries(xs.map((x) => [x.key, x.count]));
    expect(counts(r.byCategory)).toEqual({ fees: 2, service_attitude: 2, waiting_time: 2, privacy: 1 });
    expect(counts(r.byChannel)).toEqual({ phone: 2, lobby: 2, counter: 2, online: 1 });
    expect(counts(r.byStaff)).toEqual({ [String(teller)]: 3 });
    expect(r.byMonth).toEqual([{ key: '2020-01', label: '2020-01', count: 7 }]);
    expect(r.repeatedCauses).toEqual([{ rootCause: 'training_gap', branchId: bj01, branchName: expect.any(String), count: 2, openActions: 0 }]);
  });

  it('keeps to the caller\'s scope and permission', async () => {
    expect((await c.bhead2.get('/api/complaints/report?from=2020-01-01&to=2020-01-31')).json().total).toBe(0);
    expect((await c.bhead.get('/api/complaints/report?from=2020-01-01&to=2020-01-31')).json().total).toBe(7);
    expect((await c.lobby.get('/api/complaints/report')).statusCode).toBe(403);
    expect((await c.admin.get('/api/complaints/report?from=2020-02-01&to=2020-01-01')).statusCode).toBe(400);
  });

  it('exports the monthly regulatory summary as an audited xlsx', async () => {
    const audits = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'complaint.regulatory_export'`.execute(t.handle.db)).rows[0]!.n);
    const before = await audits();
    const res = await c.auditor.get('/api/complaints/regulatory.xlsx?month=2020-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('汇总 Summary')!;
    const values = new Map<string, unknown>();
    summary.eachRow((r) => values.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(values.get('受理投诉 Complaints accepted')).toBe(7);
    expect(values.get('按时告知率 On-time rate')).toBe('80.0%');
    expect(values.get('争议金额合计（元） Amount in dispute (yuan)')).toBe('100.30');
    expect(wb.getWorksheet('明细 Complaints')!.rowCount).toBe(8);
    expect(await audits()).toBe(before + 1);
    expect((await c.admin.get('/api/complaints/regulatory.xlsx?month=2020-13x')).statusCode).toBe(400);
  });
});

describe('reminder job', () => {
  it('reminds at 50% and 80% and escalates an overdue complaint to the branch head, each once', async () => {
    const k = (await c.lobby.post('/api/complaints', {
      channel: 'phone', complainantType: 'walk_in', contactName: '刘先生', contactMobile: '13800001111', category: 'fees', businessLine: 'cards', description: '年费扣收有异议',
    })).json();
    expect((await c.bhead.post(`/api/complaints/${k.id}/assign`, { handlerStaffId: wrm })).statusCode).toBe(200);
    const today = shanghaiToday();
    await t.handle.db.updateTable('complaints').set({ accepted_on: addDays(today, -20), due_on: addDays(today, -2) }).where('id', '=', k.id).execute();
    const notes = async (staffId: number, kind: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from notifications n join users u on u.id = n.user_id
        where u.staff_id = ${staffId} and n.kind = ${kind} and (n.data->>'complaintId')::bigint = ${k.id}`.execute(t.handle.db)).rows[0]!.n);

    const first = await t.app.ctx.jobs.runNow('complaint-reminders');
    expect(first).toMatchObject({ ran: true, status: 'done' });
    expect(await notes(bhead, 'complaint.overdue')).toBe(1);
    expect(await notes(wrm, 'complaint.overdue')).toBe(1);
    expect(await notes(wrm, 'complaint.reminder')).toBe(2);
    const second = await t.app.ctx.jobs.runNow('complaint-reminders');
    expect(second).toMatchObject({ ran: true, status: 'done', detail: { escalations: 0, reminders: 0 } });
    expect(await notes(bhead, 'complaint.overdue')).toBe(1);
    expect(await notes(wrm, 'complaint.reminder')).toBe(2);
    const list = (await c.bhead.get('/api/complaints?status=open&pageSize=200')).json();
    expect(list.items.find((i: { id: number }) => i.id === k.id).deadlineState).toBe('overdue');
  });
});
