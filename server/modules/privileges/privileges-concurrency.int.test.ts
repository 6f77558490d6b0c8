// Two clerks booking the last visit of a customer's quota at the same moment: exactly one wins.
// Proven on PostgreSQL too, where the requests really run in parallel on separate connections.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { seedPrivilegeReferenceData } from './privileges.reference';
import { shanghaiToday } from './privileges.service';

let t: TestApp;
let wrm: Client;
let lobby: Client;
let customerId: number;
const today = shanghaiToday();
const year = Number(today.slice(0, 4));

const taken = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('privilege_uses')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('customer_id', '=', customerId)
        .where('privilege_code', '=', 'airport_lounge')
        .where('year', '=', year)
        .where('status', '<>', 'cancelled')
        .executeTakeFirstOrThrow()
    ).n,
  );
const events = async () =>
  Number((await t.handle.db.selectFrom('customer_events').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  const db = t.handle.db;
  await db
    .insertInto('tiers')
    .values([
      { code: 'mass', name_zh: '普通', name_en: 'Mass', rank: 0, min_aum: 0 },
      { code: 'gold', name_zh: '金卡', name_en: 'Gold', rank: 1, min_aum: 50000 },
      { code: 'platinum', name_zh: '白金', name_en: 'Platinum', rank: 2, min_aum: 500000 },
      { code: 'diamond', name_zh: '钻石', name_en: 'Diamond', rank: 3, min_aum: 2000000 },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await seedPrivilegeReferenceData(db);
  const bj01 = (await db.selectFrom('branches').select('id').where('code', '=', 'BJ01').executeTakeFirstOrThrow()).id;
  const rm = (await db.selectFrom('users').select('staff_id').where('username', '=', 'wrm').executeTakeFirstOrThrow()).staff_id;
  customerId = (
    await db.insertInto('customers').values({ customer_no: 'PVC-0001', name: '并发客户', tier_code: 'gold', branch_id: bj01, rm_staff_id: rm }).returning('id').executeTakeFirstOrThrow()
  ).id;
  wrm = await t.login('wrm');
  lobby = await t.login('lobby');
  // Gold: two lounge visits a year; one is already used, so exactly one is left.
  const first = await wrm.post(`/api/customers/${customerId}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today, status: 'used' });
  expect(first.statusCode).toBe(201);
  expect(first.json().remaining).toBe(1);
});
afterAll(async () => t?.close());

async function race(n: number) {
  const body = { privilegeCode: 'airport_lounge', serviceDate: today, status: 'booked' };
  const url = `/api/customers/${customerId}/privileges`;
  return Promise.all(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? wrm : lobby).post(url, body)));
}

describe('the last visit of a quota', () => {
  it('10 parallel bookings from two clerks: exactly one 201, nine 409, exactly one row written', async () => {
    const eventsBefore = await events();
    const res = await race(10);
    const codes = res.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of res.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.code).toBe('QUOTA_EXHAUSTED');
      expect(r.json().error.zh).toContain('额度已用完');
    }
    expect(await taken()).toBe(2);
    expect(await events()).toBe(eventsBefore + 1);
  });

  it('a cancellation gives the visit back, and again exactly one of a parallel burst gets it', async () => {
    const winner = (await t.handle.db.selectFrom('privilege_uses').select('id').where('customer_id', '=', customerId).where('status', '=', 'booked').executeTakeFirstOrThrow()).id;
    expect((await lobby.post(`/api/customers/${customerId}/privileges/${winner}/cancel`, { reason: '客户改期' })).statusCode).toBe(200);
    expect(await taken()).toBe(1);
    const res = await race(10);
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409)).toHaveLength(9);
    expect(await taken()).toBe(2);
  });

  it('parallel mark-used, then parallel cancels, of one booking: exactly one of each applies', async () => {
    const booking = (await t.handle.db.selectFrom('privilege_uses').select('id').where('customer_id', '=', customerId).where('status', '=', 'booked').executeTakeFirstOrThrow()).id;
    const base = `/api/customers/${customerId}/privileges/${booking}`;
    const used = await Promise.all([wrm.post(`${base}/use`), lobby.post(`${base}/use`), wrm.post(`${base}/use`), lobby.post(`${base}/use`)]);
    expect(used.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const cancelled = await Promise.all([wrm.post(`${base}/cancel`), lobby.post(`${base}/cancel`), wrm.post(`${base}/cancel`), lobby.post(`${base}/cancel`)]);
    expect(cancelled.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const kinds = await t.handle.db.selectFrom('customer_events').select('kind').where('ref_id', '=', String(booking)).orderBy('id').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['privilege.booked', 'privilege.used', 'privilege.cancelled']);
    expect(await taken()).toBe(1);
  });
});
