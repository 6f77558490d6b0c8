// The lobby's pushed side: service-level alerts from the minute job (inbox + console stream, each
// level once per ticket), board notices (posted, edited, removed, audited, live on the board), the
// queue rule's parameters, who stands at a counter, and an RM's own VIP alerts on the outlet stream.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { readEvents, startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
let base: string;
let lobby: Client;
let teller: Client;
let admin: Client;
let wrm: Client;
let branchId: number;

type Row = Record<string, unknown>;
const rows = async <T = Row>(q: ReturnType<typeof sql>) => (await q.execute(t.handle.db)).rows as T[];
const settle = () => new Promise((r) => setTimeout(r, 300));

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  lobby = await t.login('lobby');
  teller = await t.login('cteller');
  admin = await t.login('admin');
  wrm = await t.login('wrm');
  branchId = (await lobby.get('/api/me')).json().branchId;
});
afterAll(async () => t?.close());

describe('service-level alerts', () => {
  const alertsOf = (ticketId: number) =>
    rows<{ staffId: number; level: number }>(sql`
      select u.staff_id as "staffId", (n.data->>'level')::int as level from notifications n join users u on u.id = n.user_id
      where n.kind = 'lobby_sla' and (n.data->>'ticketId')::bigint = ${ticketId} order by n.id`);

  it('tells each lobby manager once at 80% and once at 100%, and pushes ticket.sla to the console stream', async () => {
    const ticket = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '70000' })).json().ticket;
    expect(ticket.slaMinutes).toBe(15);
    const managers = await rows<{ id: number }>(sql`
      select s.id from staff s join staff_roles r on r.staff_id = s.id join users u on u.staff_id = s.id
      where s.branch_id = ${branchId} and r.role = 'lobby_manager' and s.status = 'active'`);
    expect(managers.length).toBeGreaterThan(0);

    // Below 80%: nothing.
    await sql`update lobby_tickets set arrived_at = now() - interval '11 minutes' where id = ${ticket.id}`.execute(t.handle.db);
    expect(await t.app.ctx.jobs.runNow('lobby-sla-alerts')).toMatchObject({ ran: true, status: 'done' });
    expect(await alertsOf(ticket.id)).toEqual([]);

    // Past 80%: one notification per manager and one event on the stream.
    await sql`update lobby_tickets set arrived_at = now() - interval '13 minutes' where id = ${ticket.id}`.execute(t.handle.db);
    const stream = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, lobby.cookie!, (ev) => ev.some((e) => e.event === 'ticket.sla' && (e.data.alert as { ticketId: number }).ticketId === ticket.id));
    await settle();
    const run = await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    expect(run).toMatchObject({ ran: true, status: 'done' });
    const ev = (await stream).find((e) => e.event === 'ticket.sla' && (e.data.alert as { ticketId: number }).ticketId === ticket.id)!;
    expect(ev.data.alert).toMatchObject({ number: ticket.number, level: 80, slaMinutes: 15, zoneCode: ticket.zoneCode });
    expect(Number(ev.id)).toBeGreaterThan(0);
    let sent = await alertsOf(ticket.id);
    expect(sent.map((s) => s.level)).toEqual(managers.map(() => 80));
    expect(new Set(sent.map((s) => s.staffId))).toEqual(new Set(managers.map((m) => m.id)));

    // A rerun sends nothing new.
    await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    expect((await alertsOf(ticket.id)).length).toBe(managers.length);

    // Past 100%: once more, then never again.
    await sql`update lobby_tickets set arrived_at = now() - interval '16 minutes' where id = ${ticket.id}`.execute(t.handle.db);
    await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    sent = await alertsOf(ticket.id);
    expect(sent.map((s) => s.level)).toEqual([...managers.map(() => 80), ...managers.map(() => 100)]);
    const [rec] = await rows<{ alerted: number }>(sql`select sla_alerted as alerted from lobby_tickets where id = ${ticket.id}`);
    expect(rec!.alerted).toBe(100);
  });

  it('alerts a ticket first seen past its level once, at 100%; a ticket no longer waiting gets none', async () => {
    const a = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '70000' })).json().ticket;
    await sql`update lobby_tickets set arrived_at = now() - interval '40 minutes' where id = ${a.id}`.execute(t.handle.db);
    await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    expect((await alertsOf(a.id)).every((s) => s.level === 100)).toBe(true);
    expect((await alertsOf(a.id)).length).toBeGreaterThan(0);
    await sql`update lobby_tickets set status = 'cancelled' where id = ${a.id}`.execute(t.handle.db);

    const b = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '70000' })).json().ticket;
    await sql`update lobby_tickets set status = 'cancelled', arrived_at = now() - interval '40 minutes' where id = ${b.id}`.execute(t.handle.db);
    await t.app.ctx.jobs.runNow('lobby-sla-alerts');
    expect(await alertsOf(b.id)).toEqual([]);
  });
});

describe('board notices', () => {
  it('head office and the lobby manager post, edit and remove notices; audited; live on the board', async () => {
    const stream = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, teller.cookie!, (ev) => ev.some((e) => e.event === 'notice.removed'), 10_000);
    await settle();
    const posted = await lobby.post(`/api/lobby/outlets/${branchId}/notices`, { textZh: '本周六正常营业，欢迎办理业务' });
    expect(posted.statusCode).toBe(201);
    const n = posted.json();
    expect(n).toMatchObject({ branchId, textZh: '本周六正常营业，欢迎办理业务', textEn: '' });
    let board = (await teller.get(`/api/lobby/outlets/${branchId}/board`)).json();
    expect(board.notices[0]).toMatchObject({ id: n.id, source: 'notice', textZh: n.textZh, textEn: n.textZh });

    const byHq = await admin.post(`/api/lobby/outlets/${branchId}/notices`, { textZh: '理财产品不等同于存款', textEn: 'Wealth products are not deposits' });
    expect(byHq.statusCode).toBe(201);
    const edited = await lobby.put(`/api/lobby/notices/${n.id}`, { textZh: '本周六、周日正常营业', textEn: 'Open this Saturday and Sunday' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().textEn).toBe('Open this Saturday and Sunday');
    expect((await lobby.request({ method: 'DELETE', url: `/api/lobby/notices/${byHq.json().id}` })).statusCode).toBe(200);

    const live = await stream;
    const kinds = live.filter((e) => e.event === 'notice' || e.event === 'notice.removed');
    expect(kinds.map((e) => e.event)).toEqual(['notice', 'notice', 'notice', 'notice.removed']);
    expect((kinds[2]!.data.notice as { textZh: string }).textZh).toBe('本周六、周日正常营业');
    expect(kinds[3]!.data.noticeId).toBe(byHq.json().id);

    board = (await teller.get(`/api/lobby/outlets/${branchId}/board`)).json();
    expect(board.notices.filter((x: { source: string }) => x.source === 'notice').map((x: { textZh: string }) => x.textZh)).toEqual(['本周六、周日正常营业']);
    const list = (await teller.get(`/api/lobby/outlets/${branchId}/notices`)).json();
    expect(list.map((x: { id: number }) => x.id)).toEqual([n.id]);

    const audits = await rows<{ action: string }>(sql`select action from audit_log where entity_type = 'lobby_notice' order by id`);
    expect(audits.map((a) => a.action)).toEqual(['lobby.notice.create', 'lobby.notice.create', 'lobby.notice.update', 'lobby.notice.delete']);
  });

  it('refuses a teller (403), bad input (400), another outlet (404) and an unknown notice (404)', async () => {
    expect((await teller.post(`/api/lobby/outlets/${branchId}/notices`, { textZh: '柜员发布' })).statusCode).toBe(403);
    const bad = await lobby.post(`/api/lobby/outlets/${branchId}/notices`, { textZh: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    const bhead2 = await t.login('bhead2');
    const other = (await bhead2.get('/api/me')).json().branchId;
    expect((await lobby.post(`/api/lobby/outlets/${other}/notices`, { textZh: '跨网点发布' })).statusCode).toBe(404);
    const theirs = (await admin.post(`/api/lobby/outlets/${other}/notices`, { textZh: '他行公告' })).json();
    expect((await lobby.put(`/api/lobby/notices/${theirs.id}`, { textZh: '改别人的' })).statusCode).toBe(404);
    expect((await lobby.request({ method: 'DELETE', url: '/api/lobby/notices/999999' })).statusCode).toBe(404);
  });
});

describe('queue rule parameters', () => {
  it('are served with the service levels', async () => {
    const res = await teller.get('/api/lobby/queue-rule');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ tierHeadStartMinutes: 5, appointmentHeadStartMinutes: 60, slaWarnShare: 0.8 });
    expect(p.serviceLevels.map((l: { maxWaitMinutes: number }) => l.maxWaitMinutes)).toEqual([15, 5]);
  });
});

describe('who is at the counter', () => {
  it('opening puts the caller at it; call-next from a counter showing a colleague takes it over (audited)', async () => {
    const setup = (await lobby.get(`/api/lobby/outlets/${branchId}/setup`)).json();
    // The demo bank serves customers through the day: at a busy hour every cash counter may be mid-ticket,
    // and then a new one is set up (as the board-stream test does).
    const counter = setup.counters.find((c: { zoneCode: string; currentTicketId: number | null }) => c.zoneCode === 'cash' && c.currentTicketId === null)
      ?? (await lobby.post(`/api/lobby/outlets/${branchId}/counters`, { zoneCode: 'cash', number: 'L9' })).json();
    const me = (await teller.get('/api/me')).json();
    const lobbyMe = (await lobby.get('/api/me')).json();
    // The lobby manager opens it (for themselves), then the teller comes and calls.
    const opened = (await lobby.post(`/api/lobby/counters/${counter.id}/open`)).json();
    expect(opened.staffId).toBe(lobbyMe.staffId);
    await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '90000' });
    const called = await teller.post(`/api/lobby/counters/${counter.id}/call-next`);
    expect(called.statusCode).toBe(200);
    expect(called.json().counter).toMatchObject({ staffId: me.staffId, staffName: me.name });
    const [a] = await rows<{ detail: { fromStaffId: number; toStaffId: number } }>(sql`
      select detail from audit_log where action = 'lobby.counter.takeover' and entity_id = ${String(counter.id)} order by id desc limit 1`);
    expect(a!.detail).toMatchObject({ fromStaffId: lobbyMe.staffId, toStaffId: me.staffId });
    // While the teller has the ticket in hand nobody else takes the counter.
    expect((await lobby.post(`/api/lobby/counters/${counter.id}/call-next`)).json().error.code).toBe('COUNTER_BUSY');
    const reopen = await lobby.post(`/api/lobby/counters/${counter.id}/open`);
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.code).toBe('COUNTER_BUSY');
    if (called.json().ticket) await teller.post(`/api/lobby/tickets/${called.json().ticket.id}/no-show`);
    // Free again: opening it puts the opener there.
    expect((await lobby.post(`/api/lobby/counters/${counter.id}/open`)).json().staffId).toBe(lobbyMe.staffId);
  });
});

describe("an RM's VIP alerts", () => {
  it("reach the RM's outlet stream for their own customers only", async () => {
    const rmStaffId = (await wrm.get('/api/me')).json().staffId;
    const vipOf = (own: boolean) =>
      rows<{ no: string }>(sql`
        select c.customer_no as no from customers c join tiers tr on tr.code = c.tier_code
        where c.branch_id = ${branchId} and tr.rank >= 1 and c.status = 'active' and c.override_tier_code is null
          and ${own ? sql`c.rm_staff_id = ${rmStaffId}` : sql`c.rm_staff_id is distinct from ${rmStaffId}`}
        order by c.id limit 1`);
    const [mine] = await vipOf(true);
    const [theirs] = await vipOf(false);
    expect(mine && theirs).toBeTruthy();
    const rm = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, wrm.cookie!, () => false, 3000);
    const manager = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, lobby.cookie!, (ev) => ev.filter((e) => e.event === 'vip.arrival').length >= 2);
    await settle();
    const other = (await lobby.post('/api/lobby/check-in', { businessCode: 'enquiry', identify: { kind: 'customerNo', value: theirs!.no } })).json();
    const own = (await lobby.post('/api/lobby/check-in', { businessCode: 'enquiry', identify: { kind: 'customerNo', value: mine!.no } })).json();
    const [r, m] = await Promise.all([rm, manager]);
    const rmAlerts = r.filter((e) => e.event === 'vip.arrival').map((e) => e.data.alert as { ticketId: number; rmStaffId: number; customerName: string });
    expect(rmAlerts.map((a) => a.ticketId)).toEqual([own.ticket.id]);
    expect(rmAlerts[0]!.rmStaffId).toBe(rmStaffId);
    expect(rmAlerts[0]!.customerName).toContain('*');
    expect(m.filter((e) => e.event === 'vip.arrival').map((e) => (e.data.alert as { ticketId: number }).ticketId)).toEqual([other.ticket.id, own.ticket.id]);
  });
});

describe('opening hours', () => {
  it('the lobby manager sets them (audited); a closing time before the opening time is a bilingual 400 that changes nothing', async () => {
    const res = await lobby.put(`/api/lobby/outlets/${branchId}/hours`, { opensAt: '08:30', closesAt: '17:30' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ branchId, opensAt: '08:30', closesAt: '17:30' });
    const [a] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'lobby.hours' and branch_id = ${branchId}`);
    expect(a!.n).toBe(1);
    const bad = await lobby.put(`/api/lobby/outlets/${branchId}/hours`, { opensAt: '18:00', closesAt: '09:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'HOURS_ORDER' });
    expect(bad.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await lobby.put(`/api/lobby/outlets/${branchId}/hours`, { opensAt: '8:3', closesAt: '17:00' })).statusCode).toBe(400);
    expect((await teller.put(`/api/lobby/outlets/${branchId}/hours`, { opensAt: '08:00', closesAt: '17:00' })).statusCode).toBe(403);
    const setup = (await lobby.get(`/api/lobby/outlets/${branchId}/setup`)).json();
    expect({ opensAt: setup.opensAt, closesAt: setup.closesAt }).toEqual({ opensAt: '08:30', closesAt: '17:30' });
    expect((await lobby.get(`/api/lobby/outlets/${branchId}/staffing`)).json().slots[0]).toBe('08:30');
  });
});
