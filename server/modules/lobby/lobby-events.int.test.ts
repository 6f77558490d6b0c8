// The display board's live stream: a call reaches it at once, a reconnecting board catches up from
// its last sequence, VIP alerts reach only those who receive them, and (on PostgreSQL) a call on one
// app instance reaches a board connected to another.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { loadConfig } from '../../platform/env';
import { openDatabase, type DbHandle } from '../../platform/db';
import { readEvents, startTestApp, type Client, type TestApp } from '../../platform/testing';

const template = inject('template');
let t: TestApp;
let base: string;
let lobby: Client;
let teller: Client;
let branchId: number;
let counterId: number;


beforeAll(async () => {
  t = await startTestApp(template);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  lobby = await t.login('lobby');
  teller = await t.login('cteller');
  branchId = (await lobby.get('/api/me')).json().branchId;
  const setup = (await lobby.get(`/api/lobby/outlets/${branchId}/setup`)).json();
  counterId = setup.counters.find((c: { zoneCode: string; currentTicketId: number | null }) => c.zoneCode === 'cash' && c.currentTicketId === null)?.id
    ?? (await lobby.post(`/api/lobby/outlets/${branchId}/counters`, { zoneCode: 'cash', number: 'E1' })).json().id;
  await teller.post(`/api/lobby/counters/${counterId}/open`);
});
afterAll(async () => t?.close());

describe('board stream', () => {
  it('shows a call within moments and lets a reconnecting board catch up from its sequence', async () => {
    await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '60000' });
    const snap = (await teller.get(`/api/lobby/outlets/${branchId}/board`)).json();
    const called = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, teller.cookie!, (ev) => ev.some((e) => e.event === 'ticket.called'));
    await new Promise((r) => setTimeout(r, 300));
    const res = (await teller.post(`/api/lobby/counters/${counterId}/call-next`)).json();
    expect(res.ticket).not.toBeNull();
    const live = await called;
    const call = live.find((e) => e.event === 'ticket.called')!;
    expect(call).toBeTruthy();
    expect((call.data.call as { number: string }).number).toBe(res.ticket.number);
    expect(Number(call.id)).toBeGreaterThan(snap.seq);
    // Gone for a while: the ticket is served meanwhile; the board reconnects from its last sequence.
    await teller.post(`/api/lobby/tickets/${res.ticket.id}/serve`);
    await teller.post(`/api/lobby/tickets/${res.ticket.id}/complete`, {});
    const replay = await readEvents(`${base}/api/lobby/outlets/${branchId}/events?since=${call.id}`, teller.cookie!, (ev) => ev.filter((e) => e.event === 'ticket.updated').length >= 2, 3000);
    const updates = replay.filter((e) => e.event === 'ticket.updated').map((e) => e.data.status);
    expect(updates).toEqual(['serving', 'done']);
    const seqs = replay.map((e) => Number(e.id));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[0]).toBe(Number(call.id) + 1);
  });

  it('sends VIP alerts to the lobby manager but never to a board of a teller', async () => {
    const { sql } = await import('../../platform/db');
    const [c] = (await sql<{ no: string }>`
      select c.customer_no as no from customers c join tiers tr on tr.code = c.tier_code
      where c.branch_id = ${branchId} and tr.rank >= 1 and c.status = 'active' limit 1`.execute(t.handle.db)).rows;
    const manager = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, lobby.cookie!, (ev) => ev.some((e) => e.event === 'vip.arrival'));
    // The teller's board listens for a while: long enough to have received an alert if one were sent.
    const board = readEvents(`${base}/api/lobby/outlets/${branchId}/events`, teller.cookie!, () => false, 2500);
    await new Promise((r) => setTimeout(r, 300));
    expect((await lobby.post('/api/lobby/check-in', { businessCode: 'enquiry', identify: { kind: 'customerNo', value: c!.no } })).statusCode).toBe(201);
    const [m, b] = await Promise.all([manager, board]);
    const alert = m.find((e) => e.event === 'vip.arrival')!;
    expect(String((alert.data.alert as { customerName: string }).customerName)).toContain('*');
    expect(b.some((e) => e.event === 'ticket.created')).toBe(true);
    expect(b.some((e) => e.event === 'vip.arrival')).toBe(false);
  });
});

describe.skipIf(template.kind !== 'postgres')('two instances', () => {
  let bHandle: DbHandle;
  let b: FastifyInstance;
  beforeAll(async () => {
    const url = (t.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    bHandle = await openDatabase({ databaseUrl: url, dataDir: null });
    b = await buildApp(loadConfig({ isTest: true, runJobs: false, webDist: '/nonexistent' }), { handle: bHandle, skipMigrate: true, logger: false });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await bHandle?.close();
  });

  it("a board on instance B sees instance A's call", async () => {
    const baseB = await b.listen({ port: 0, host: '127.0.0.1' });
    await lobby.post('/api/lobby/check-in', { businessCode: 'cash', amount: '60000' });
    const cur = (await teller.get(`/api/lobby/counters/${counterId}`)).json().current;
    if (cur?.status === 'serving') await teller.post(`/api/lobby/tickets/${cur.id}/complete`, {});
    else if (cur) await teller.post(`/api/lobby/tickets/${cur.id}/no-show`);
    const seen = readEvents(`${baseB}/api/lobby/outlets/${branchId}/events`, teller.cookie!, (ev) => ev.some((e) => e.event === 'ticket.called'));
    await new Promise((r) => setTimeout(r, 300));
    const res = (await teller.post(`/api/lobby/counters/${counterId}/call-next`)).json();
    const ev = (await seen).find((e) => e.event === 'ticket.called');
    expect((ev?.data.call as { number: string } | undefined)?.number).toBe(res.ticket.number);
  });
});
