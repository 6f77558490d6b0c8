// The lobby through the API on a real database: check-in and triage, VIP alerts, the atomic call,
// the state machine, transfers, scope, and bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
let lobby: Client;
let teller: Client;
let wrm: Client;
let branchId: number;
let otherBranchId: number;
let otherTeller: Client;

type Row = Record<string, unknown>;
const rows = async <T = Row>(q: ReturnType<typeof sql>) => (await q.execute(t.handle.db)).rows as T[];

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  lobby = await t.login('lobby');
  teller = await t.login('cteller');
  wrm = await t.login('wrm');
  branchId = (await lobby.get('/api/me')).json().branchId;
  const bhead2 = await t.login('bhead2');
  otherBranchId = (await bhead2.get('/api/me')).json().branchId;
  // A cash teller of the other outlet, with the demo password kept (seeded users must change it first).
  const [other] = await rows<{ username: string }>(sql`
    select u.username from users u join staff s on s.id = u.staff_id join staff_roles r on r.staff_id = s.id
    where s.branch_id = ${otherBranchId} and r.role = 'cash_teller' and s.status = 'active' and not u.disabled limit 1`);
  await sql`update users set must_change_password = false where username = ${other!.username}`.execute(t.handle.db);
  otherTeller = await t.login(other!.username);
});
afterAll(async () => t?.close());

async function cashCounters(b: number): Promise<{ id: number; number: string; zoneCode: string }[]> {
  const setup = (await lobby.get(`/api/lobby/outlets/${b}/setup`)).json();
  return setup.counters.filter((c: { zoneCode: string }) => c.zoneCode === 'cash');
}

describe('set-up', () => {
  it('every outlet has the default zones, counters and the source routing rules', async () => {
    const setup = (await lobby.get(`/api/lobby/outlets/${branchId}/setup`));
    expect(setup.statusCode).toBe(200);
    expect(setup.json().zones.map((z: { kind: string }) => z.kind).sort()).toEqual(['cash', 'consulting', 'noncash', 'self_service', 'vip']);
    expect(setup.json().counters.length).toBeGreaterThanOrEqual(5);
    const rules = (await lobby.get(`/api/lobby/routing-rules?branchId=${branchId}`)).json();
    expect(rules.largeCashThreshold).toBe('50000.00');
    expect(rules.defaults.length).toBeGreaterThan(2);
    const levels = (await lobby.get('/api/lobby/service-levels')).json();
    expect(levels.map((l: { maxWaitMinutes: number }) => l.maxWaitMinutes)).toEqual([15, 5]);
  });
});

describe('check-in and triage', () => {
  it('sends large cash to the cash counter with a numbered ticket and small cash to the machines', async () => {
    const big = await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '80000' });
    expect(big.statusCode).toBe(201);
    const b = big.json();
    expect(b.kind).toBe('ticket');
    expect(b.ticket.zoneKind).toBe('cash');
    expect(b.ticket.number).toMatch(/^A\d{3}$/);
    expect(b.estimatedWaitMinutes).toBeGreaterThanOrEqual(0);
    const second = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '90000' })).json();
    expect(Number(second.ticket.number.slice(1))).toBe(Number(b.ticket.number.slice(1)) + 1);
    const small = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '300' })).json();
    expect(small.kind).toBe('guidance');
    expect(small.messageZh).toContain('自助');
    const bill = (await lobby.post('/api/lobby/check-in', { businessCode: 'bill_payment' })).json();
    expect(bill.kind).toBe('guidance');
  });

  it('recognises a gold-or-above customer, gives a priority ticket and alerts the lobby manager and the RM', async () => {
    const [c] = await rows<{ customerNo: string; id: number }>(sql`
      select c.customer_no as "customerNo", c.id from customers c join tiers t on t.code = c.tier_code join users u on u.staff_id = c.rm_staff_id
      where c.branch_id = ${branchId} and t.rank >= 1 and u.username = 'wrm' and c.status = 'active' and c.override_tier_code is null
      order by t.rank desc limit 1`);
    expect(c).toBeTruthy();
    const res = await lobby.post('/api/lobby/check-in', { businessCode: 'transfer', identify: { kind: 'customerNo', value: c!.customerNo } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.ticket.priority).toBe(true);
    expect(body.ticket.number).toMatch(/^V/);
    expect(body.customer.vip).toBe(true);
    expect(body.customer.name).toContain('*');
    const rmInbox = (await wrm.get('/api/notifications')).json();
    const alert = rmInbox.items.find((n: { kind: string }) => n.kind === 'lobby.vip_arrival');
    expect(alert).toBeTruthy();
    expect(alert.title).toContain('*');
    const lmInbox = (await lobby.get('/api/notifications')).json();
    expect(lmInbox.items.some((n: { kind: string }) => n.kind === 'lobby.vip_arrival')).toBe(true);
    const arrivals = (await lobby.get(`/api/lobby/outlets/${branchId}/vip-arrivals`)).json();
    expect(arrivals.some((a: { customerId: number }) => a.customerId === c!.id)).toBe(true);
    const mine = (await wrm.get(`/api/lobby/outlets/${branchId}/vip-arrivals`)).json();
    expect(mine.every((a: { rmName: string | null }) => a.rmName !== null)).toBe(true);
    const received = await wrm.post(`/api/lobby/vip-arrivals/${mine[0].arrivalId}/receive`, { vipRoom: true });
    expect(received.statusCode).toBe(200);
    expect(received.json().receivedAt).toBeTruthy();
    expect((await lobby.post(`/api/lobby/vip-arrivals/${mine[0].arrivalId}/receive`)).statusCode).toBe(409);
  });

  it('checks in a booked appointment once, with its time on the ticket', async () => {
    const [c] = await rows<{ id: number }>(sql`select id from customers where branch_id = ${branchId} and status = 'active' limit 1`);
    const at = new Date(Date.now() + 60_000).toISOString();
    const booked = await lobby.post('/api/lobby/appointments', { customerId: c!.id, businessCode: 'wealth_products', at });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().customerName).toContain('*');
    const res = await lobby.post('/api/lobby/check-in', { businessCode: 'wealth_products', appointmentId: booked.json().id, channel: 'lobby' });
    expect(res.statusCode).toBe(201);
    expect(res.json().ticket.channel).toBe('appointment');
    expect(Date.parse(res.json().ticket.appointmentAt)).toBe(Date.parse(at));
    expect((await lobby.post('/api/lobby/check-in', { businessCode: 'wealth_products', appointmentId: booked.json().id })).statusCode).toBe(409);
    const list = (await lobby.get(`/api/lobby/outlets/${branchId}/appointments`)).json();
    expect(list.find((a: { id: number }) => a.id === booked.json().id).status).toBe('checked_in');
  });

  it('refuses bad input with a bilingual 400 and an unknown customer with a 404', async () => {
    for (const body of [{ businessCode: 'NOPE!' }, { businessCode: 'cash' }, { businessCode: 'cash', amount: 'lots' }, { businessCode: 'cash', amount: '1', extra: 1 }]) {
      const res = await lobby.post('/api/lobby/check-in', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.en).toMatch(/[a-z]/i);
    }
    const unknown = await lobby.post('/api/lobby/check-in', { businessCode: 'no_such_business' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_BUSINESS');
    const nobody = await lobby.post('/api/lobby/check-in', { businessCode: 'transfer', identify: { kind: 'mobile', value: '19900000000' } });
    expect(nobody.statusCode).toBe(404);
  });
});

describe('counters', () => {
  it('walks a ticket through call, recall, serve and complete, and refuses illegal moves with 409', async () => {
    const [counter] = await cashCounters(branchId);
    expect((await teller.post(`/api/lobby/counters/${counter!.id}/open`)).statusCode).toBe(200);
    // The demo day may have left someone at this counter.
    const current = (await teller.get(`/api/lobby/counters/${counter!.id}`)).json().current;
    if (current?.status === 'serving') expect((await teller.post(`/api/lobby/tickets/${current.id}/complete`, {})).statusCode).toBe(200);
    else if (current) expect((await teller.post(`/api/lobby/tickets/${current.id}/no-show`)).statusCode).toBe(200);
    const ticket = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '60000' })).json().ticket;
    const early = await teller.post(`/api/lobby/tickets/${ticket.id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('TICKET_STATE');
    // Drain the zone until our ticket comes up (earlier tests left tickets waiting).
    let called = null;
    for (let i = 0; i < 50 && !called; i++) {
      const res = (await teller.post(`/api/lobby/counters/${counter!.id}/call-next`)).json();
      expect(res.ticket).not.toBeNull();
      if (res.ticket.id === ticket.id) called = res.ticket;
      else expect((await teller.post(`/api/lobby/tickets/${res.ticket.id}/no-show`)).statusCode).toBe(200);
    }
    expect(called.status).toBe('called');
    expect(called.counterNumber).toBe(counter!.number);
    const busy = await teller.post(`/api/lobby/counters/${counter!.id}/call-next`);
    expect(busy.statusCode).toBe(409);
    expect((await teller.post(`/api/lobby/tickets/${ticket.id}/recall`)).json().recalls).toBe(1);
    expect((await teller.post(`/api/lobby/tickets/${ticket.id}/serve`)).json().status).toBe('serving');
    const done = await teller.post(`/api/lobby/tickets/${ticket.id}/complete`, { businessDone: ['cash', 'card_services'] });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('done');
    expect(done.json().businessDone).toEqual(['cash', 'card_services']);
    expect((await teller.post(`/api/lobby/tickets/${ticket.id}/complete`, {})).statusCode).toBe(409);
    expect((await teller.post(`/api/lobby/tickets/${ticket.id}/no-show`)).statusCode).toBe(409);
    const board = (await teller.get(`/api/lobby/outlets/${branchId}/board`)).json();
    expect(board.calls.some((c: { ticketId: number }) => c.ticketId === ticket.id)).toBe(true);
    expect(board.seq).toBeGreaterThan(0);
  });

  it('transfers a ticket to another zone keeping its arrival time and number', async () => {
    const ticket = (await lobby.post('/api/lobby/check-in', { businessCode: 'transfer' })).json().ticket;
    const res = await teller.post(`/api/lobby/tickets/${ticket.id}/transfer`, { zoneCode: 'consulting', reason: '需理财咨询' });
    expect(res.statusCode).toBe(200);
    const { from, to } = res.json();
    expect(from.status).toBe('transferred');
    expect(from.transferredToId).toBe(to.id);
    expect(to.status).toBe('waiting');
    expect(to.zoneCode).toBe('consulting');
    expect(to.arrivedAt).toBe(ticket.arrivedAt);
    expect(to.number).toBe(ticket.number);
    expect(to.transferredFromId).toBe(ticket.id);
    expect((await teller.post(`/api/lobby/tickets/${ticket.id}/transfer`, { zoneCode: 'cash' })).statusCode).toBe(409);
  });

  it('keeps each outlet to its own staff: a teller of another outlet gets 404', async () => {
    const ticket = (await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '70000' })).json().ticket;
    expect((await otherTeller.post(`/api/lobby/tickets/${ticket.id}/recall`)).statusCode).toBe(404);
    expect((await otherTeller.post(`/api/lobby/tickets/${ticket.id}/transfer`, { zoneCode: 'noncash' })).statusCode).toBe(404);
    const [counter] = await cashCounters(branchId);
    expect((await otherTeller.post(`/api/lobby/counters/${counter!.id}/call-next`)).statusCode).toBe(404);
    expect((await otherTeller.get(`/api/lobby/outlets/${branchId}/queue`)).statusCode).toBe(404);
    expect((await otherTeller.get(`/api/lobby/outlets/${otherBranchId}/queue`)).statusCode).toBe(200);
    expect((await otherTeller.get(`/api/lobby/tickets/${ticket.id}`)).statusCode).toBe(404);
  });

  it('never gives one ticket to two counters: 20 counters call at once', async () => {
    // 20 open cash counters, each with its own teller session (the lobby manager opens them).
    const existing = await cashCounters(branchId);
    for (let i = existing.length; i < 20; i++) {
      const res = await lobby.post(`/api/lobby/outlets/${branchId}/counters`, { zoneCode: 'cash', number: `C${i + 1}` });
      expect(res.statusCode).toBe(201);
    }
    const counters = await cashCounters(branchId);
    expect(counters.length).toBeGreaterThanOrEqual(20);
    for (const c of counters) {
      const console = (await lobby.get(`/api/lobby/counters/${c.id}`)).json();
      if (console.current?.status === 'serving') await lobby.post(`/api/lobby/tickets/${console.current.id}/complete`, {});
      else if (console.current) await lobby.post(`/api/lobby/tickets/${console.current.id}/no-show`);
      await lobby.post(`/api/lobby/counters/${c.id}/open`);
    }
    // drain what earlier tests left waiting
    await sql`update lobby_tickets set status = 'cancelled' where branch_id = ${branchId} and status = 'waiting'`.execute(t.handle.db);
    const issued: number[] = [];
    for (let i = 0; i < 30; i++) issued.push((await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '100000' })).json().ticket.id);
    const results = await Promise.all(counters.slice(0, 20).map((c) => lobby.post(`/api/lobby/counters/${c.id}/call-next`)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const got = results.map((r) => r.json().ticket?.id as number | undefined).filter((x): x is number => x !== undefined);
    expect(got.length).toBe(20);
    expect(new Set(got).size).toBe(20);
    for (const id of got) expect(issued).toContain(id);
    const [state] = await rows<{ called: number; waiting: number }>(sql`
      select count(*) filter (where status = 'called')::int as called, count(*) filter (where status = 'waiting')::int as waiting
      from lobby_tickets where id = any(${issued}::bigint[])`);
    expect(state).toEqual({ called: 20, waiting: 10 });
    const held = await rows<{ n: number }>(sql`select count(distinct current_ticket_id)::int as n from lobby_counters where current_ticket_id = any(${issued}::bigint[])`);
    expect(held[0]!.n).toBe(20);
  });
});

describe('console and records', () => {
  it('shows the live queue with SLA states, counters, and records referrals, complaints and incidents', async () => {
    const consoleRes = await lobby.get(`/api/lobby/outlets/${branchId}/console`);
    expect(consoleRes.statusCode).toBe(200);
    const c = consoleRes.json();
    expect(c.queue.zones.length).toBeGreaterThan(2);
    expect(c.counters.length).toBeGreaterThan(5);
    const ticket = (await lobby.post('/api/lobby/check-in', { businessCode: 'enquiry' })).json().ticket;
    const ref = await teller.post('/api/lobby/referrals', { ticketId: ticket.id, contactName: '王小明', contactMobile: '13800001111', note: '咨询大额存单，资产可观' });
    expect(ref.statusCode).toBe(201);
    expect(ref.json().referrerRole).toBe('cash_teller');
    expect(ref.json().contactMobile).toBe('138****1111');
    const k = await lobby.post('/api/lobby/complaints', { category: 'waiting', description: '排队时间过长', resolvedOnSpot: true, actionTaken: '致歉并引导' });
    expect(k.statusCode).toBe(201);
    expect((await lobby.get(`/api/lobby/outlets/${branchId}/complaints`)).json().length).toBeGreaterThan(0);
    const setup = (await lobby.get(`/api/lobby/outlets/${branchId}/setup`)).json();
    const atm = setup.devices.find((d: { kind: string }) => d.kind === 'atm');
    const fault = await lobby.post(`/api/lobby/devices/${atm.id}/faults`, { description: '吞卡' });
    expect(fault.statusCode).toBe(201);
    expect((await lobby.post(`/api/lobby/devices/${atm.id}/faults`, { description: '再次报修' })).statusCode).toBe(409);
    const board = (await lobby.get(`/api/lobby/outlets/${branchId}/board`)).json();
    expect(board.notices.length).toBeGreaterThan(0);
    const fixed = await lobby.post(`/api/lobby/faults/${fault.json().id}/progress`, { status: 'resolved', note: '已取出' });
    expect(fixed.json().history.length).toBe(2);
    const inc = await lobby.post('/api/lobby/incidents', { kind: 'customer_ill', description: '客户晕倒', actionsTaken: '拨打120' });
    expect(inc.statusCode).toBe(201);
    expect((await lobby.post(`/api/lobby/incidents/${inc.json().id}/close`, { actionsTaken: '已送医' })).json().closedAt).toBeTruthy();
  });
});
