// The lobby's figures on a crafted day equal the hand-computed values; closing freezes them and a
// late correction is an audited amendment; staffing advice and attainment come from the history.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
let lobby: Client;
let branchId: number;
const DAY = '2020-01-06'; // a Monday long before the demo history

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  lobby = await t.login('lobby');
  branchId = (await lobby.get('/api/me')).json().branchId;
  const db = t.handle.db;
  const zone = async (code: string) => ((await sql<{ id: number }>`select id from lobby_zones where branch_id = ${branchId} and code = ${code}`.execute(db)).rows[0]!.id);
  const cash = await zone('cash');
  const noncash = await zone('noncash');
  const [rm] = (await sql<{ id: number }>`
    select s.id from staff s join users u on u.staff_id = s.id where u.username = 'wrm'`.execute(db)).rows;
  const [customer] = (await sql<{ id: number }>`
    select c.id from customers c join tiers tr on tr.code = c.tier_code where c.rm_staff_id = ${rm!.id} and tr.rank >= 1 limit 1`.execute(db)).rows;
  const [me] = (await sql<{ id: number }>`select s.id from staff s join users u on u.staff_id = s.id where u.username = 'lobby'`.execute(db)).rows;
  // (zone, business, status, arrived, called, serving, finished, sla, customer, tier rank) — minutes after 09:00
  const rows: [number, string, string, number, number | null, number | null, number | null, number, number | null, number][] = [
    [cash, 'cash', 'done', 0, 4, 5, 11, 15, null, 0], // wait 4, service 6
    [cash, 'cash', 'done', 2, 22, 23, 27, 15, null, 0], // wait 20 (late), service 4
    [cash, 'cash', 'no_show', 3, 9, null, 11, 15, null, 0], // wait 6
    [noncash, 'transfer', 'done', 10, 12, 12, 22, 5, customer!.id, 1], // wait 2, service 10, VIP
    [noncash, 'card_services', 'cancelled', 15, null, null, 20, 15, null, 0],
  ];
  for (const [z, b, status, a, c, s, f, sla, cust, rank] of rows) {
    const ts = (m: number | null) => (m === null ? null : new Date(Date.parse(`${DAY}T09:00:00+08:00`) + m * 60_000).toISOString());
    await sql`
      insert into lobby_tickets (day, branch_id, number, zone_id, business_code, status, arrived_at, queued_at, called_at, serving_at, finished_at, sla_minutes, customer_id, tier_rank, priority)
      values (${DAY}::date, ${branchId}, 'X001', ${z}, ${b}, ${status}, ${ts(a)}::timestamptz, ${ts(a)}::timestamptz, ${ts(c)}::timestamptz, ${ts(s)}::timestamptz,
              ${ts(f)}::timestamptz, ${sla}, ${cust}, ${rank}, ${rank >= 1})`.execute(db);
  }
  await sql`insert into lobby_guidance (branch_id, day, kind) values (${branchId}, ${DAY}::date, 'self_service'), (${branchId}, ${DAY}::date, 'self_service'), (${branchId}, ${DAY}::date, 'mobile_banking')`.execute(db);
  await sql`insert into lobby_referrals (branch_id, day, note, referred_by, referrer_role, rm_staff_id, at)
            values (${branchId}, ${DAY}::date, '潜在客户', ${me!.id}, 'lobby_manager', ${rm!.id}, ${`${DAY}T10:00:00+08:00`}::timestamptz),
                   (${branchId}, ${DAY}::date, '潜在客户', ${me!.id}, 'cash_teller', ${rm!.id}, ${`${DAY}T10:00:00+08:00`}::timestamptz)`.execute(db);
  await sql`insert into lobby_complaints (branch_id, day, category, description, received_by, customer_id, at)
            values (${branchId}, ${DAY}::date, 'waiting', '等太久', ${me!.id}, ${customer!.id}, ${`${DAY}T10:00:00+08:00`}::timestamptz)`.execute(db);
});
afterAll(async () => t?.close());

describe('daily statistics', () => {
  it('equal the hand-computed figures of a crafted day', async () => {
    const res = await lobby.get(`/api/lobby/outlets/${branchId}/daily-stats?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.tickets).toBe(5);
    expect(s.served).toBe(3);
    expect(s.noShows).toBe(1);
    expect(s.cancelled).toBe(1);
    // waits of the 4 called tickets: 4, 20, 6, 2 → mean 8; p90 (continuous) = 6 + 0.7 × (20 − 6) = 15.8
    expect(s.meanWaitMinutes).toBe(8);
    expect(s.p90WaitMinutes).toBe(15.8);
    // service of the 3 served: 6, 4, 10 → mean 6.7
    expect(s.meanServiceMinutes).toBe(6.7);
    // within level: 4 ≤ 15, 20 > 15, 6 ≤ 15, 2 ≤ 5 → 3 of 4
    expect(s.slaAttainment).toBe(0.75);
    expect(s.selfServiceGuidance).toBe(2);
    expect(s.guidanceByKind.find((g: { key: string }) => g.key === 'mobile_banking').count).toBe(1);
    expect(s.premiumIdentified).toEqual({ lobbyManager: 1, cashTellers: 1, noncashTellers: 0, other: 0 });
    expect(s.complaintsReceived).toBe(1);
    expect(s.ticketsByZone.map((z: { key: string; count: number }) => [z.key, z.count])).toEqual([['cash', 3], ['noncash', 2]]);
    const rm = s.rms.find((r: { premiumReceived: number }) => r.premiumReceived > 0);
    expect(rm).toMatchObject({ premiumReceived: 1, identifiedByLobbyManager: 1, identifiedByCashTellers: 1, identifiedByNoncashTellers: 0, complaintsReceived: 1 });
    expect(s.closedAt).toBeNull();
  });

  it('freezes the figures on close; a late correction is an audited amendment', async () => {
    const closed = await lobby.post(`/api/lobby/outlets/${branchId}/daily-stats/close`, { date: DAY });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).toBeTruthy();
    expect((await lobby.post(`/api/lobby/outlets/${branchId}/daily-stats/close`, { date: DAY })).statusCode).toBe(409);
    // A record added after closing does not change the frozen figures.
    await sql`insert into lobby_guidance (branch_id, day, kind) values (${branchId}, ${DAY}::date, 'self_service')`.execute(t.handle.db);
    expect((await lobby.get(`/api/lobby/outlets/${branchId}/daily-stats?date=${DAY}`)).json().selfServiceGuidance).toBe(2);
    const amended = await lobby.post(`/api/lobby/outlets/${branchId}/daily-stats/amend`, { date: DAY, field: 'selfServiceGuidance', value: 3, reason: '漏登一笔自助引导' });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().selfServiceGuidance).toBe(3);
    expect(amended.json().amendments).toHaveLength(1);
    expect(amended.json().amendments[0]).toMatchObject({ field: 'selfServiceGuidance', from: '2', to: '3' });
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'lobby.day.amend'`.execute(t.handle.db);
    expect(audit.rows[0]!.n).toBe(1);
    const bad = await lobby.post(`/api/lobby/outlets/${branchId}/daily-stats/amend`, { date: DAY, field: 'tickets', value: 3, reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toBeTruthy();
  });

  it('sends the closed figures to the wealth-centre head, shown with the day', async () => {
    const sentTo = (await lobby.get(`/api/lobby/outlets/${branchId}/daily-stats?date=${DAY}`)).json().sentTo;
    const [head] = (await sql<{ id: number; name: string }>`select s.id, s.name from staff s join users u on u.staff_id = s.id where u.username = 'wchead'`.execute(t.handle.db)).rows;
    expect(sentTo.map((x: { staffId: number }) => x.staffId)).toContain(head!.id);
    const wchead = await t.login('wchead');
    const inbox = (await wchead.get('/api/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'lobby.daily_report');
    expect(inbox).toHaveLength(1);
    expect(inbox[0].title).toContain(DAY);
    expect(inbox[0].body).toContain('大堂经理 1、现金柜员 1、非现金柜员 0');
    expect(inbox[0].body).toContain('受理投诉 1 件');
    expect(inbox[0].body).toContain('取号 5，办结 3');
    // An open day has been sent to no one.
    expect((await lobby.get(`/api/lobby/outlets/${branchId}/daily-stats?date=2020-01-07`)).json().sentTo).toEqual([]);
  });

  it('exports the day as a workbook', async () => {
    const res = await lobby.get(`/api/lobby/outlets/${branchId}/daily-stats/export?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('service levels and staffing', () => {
  it('reports attainment per zone over the demo history', async () => {
    const res = await lobby.get(`/api/lobby/outlets/${branchId}/attainment?groupBy=zone`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.total.tickets).toBeGreaterThan(100);
    expect(r.total.attainment).toBeGreaterThan(0);
    expect(r.total.attainment).toBeLessThanOrEqual(1);
    expect(r.rows.reduce((n: number, x: { tickets: number }) => n + x.tickets, 0)).toBe(r.total.tickets);
    expect((await lobby.get(`/api/lobby/outlets/${branchId}/attainment?groupBy=hour`)).json().rows.length).toBeGreaterThan(4);
  });

  it('advises counters per zone and slot from 8 weeks of arrivals, more at the peaks', async () => {
    const res = await lobby.get(`/api/lobby/outlets/${branchId}/staffing`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.slots[0]).toBe('09:00');
    const cash = a.zones.find((z: { zoneCode: string }) => z.zoneCode === 'cash');
    expect(cash.cells.length).toBe(7 * a.slots.length);
    const monday = cash.cells.filter((c: { weekday: number }) => c.weekday === 0);
    const peak = Math.max(...monday.map((c: { counters: number }) => c.counters));
    expect(peak).toBeGreaterThanOrEqual(1);
    for (const c of cash.cells) if (c.counters > 0) expect(c.serviceLevel).toBeGreaterThanOrEqual(cash.targetShare - 1e-9);
    const sunday = cash.cells.filter((c: { weekday: number }) => c.weekday === 6).reduce((s: number, c: { arrivalsPerSlot: number }) => s + c.arrivalsPerSlot, 0);
    const mon = monday.reduce((s: number, c: { arrivalsPerSlot: number }) => s + c.arrivalsPerSlot, 0);
    expect(mon).toBeGreaterThan(sunday);
  });
});

describe('the nightly day end', () => {
  it("cancels yesterday's leftovers, frees the counters, and changes nothing on a rerun", async () => {
    const db = t.handle.db;
    const [z] = (await sql<{ id: number }>`select id from lobby_zones where branch_id = ${branchId} and code = 'cash'`.execute(db)).rows;
    const [left] = (await sql<{ id: number }>`
      insert into lobby_tickets (day, branch_id, number, zone_id, business_code, status, arrived_at)
      values (current_date - 1, ${branchId}, 'A999', ${z!.id}, 'cash', 'waiting', now() - interval '1 day') returning id`.execute(db)).rows;
    const first = await t.app.ctx.jobs.runNow('lobby-day-end');
    expect(first).toMatchObject({ ran: true, status: 'done' });
    const [after] = (await sql<{ status: string }>`select status from lobby_tickets where id = ${left!.id}`.execute(db)).rows;
    expect(after!.status).toBe('cancelled');
    const busy = (await sql<{ n: number }>`select count(*)::int as n from lobby_counters where current_ticket_id is not null or status <> 'closed'`.execute(db)).rows[0]!.n;
    expect(busy).toBe(0);
    const again = await t.app.ctx.jobs.runNow('lobby-day-end');
    expect(again.ran && again.detail).toMatchObject({ cancelled: 0, finished: 0, counters: 0, missed: 0 });
  });
});
