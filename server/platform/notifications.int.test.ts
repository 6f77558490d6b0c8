import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from './testing';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

/** Reads server-sent events until `want` of them arrived. */
async function readEvents(res: Response, want: number): Promise<{ event: string; data: unknown }[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const out: { event: string; data: unknown }[] = [];
  while (out.length < want) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (ev && data) out.push({ event: ev, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return out;
}

describe('notification inbox', () => {
  it('delivers a posted notification live over SSE and lists it with the unread count', async () => {
    const rm = await t.login('wrm');
    const me = (await rm.get('/api/me')).json();
    const ac = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: rm.cookie! }, signal: ac.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(stream, 2);
    await new Promise((r) => setTimeout(r, 100));
    await t.app.ctx.db.transaction().execute(async (trx) => {
      await t.app.ctx.notifier.toUser(trx, me.userId, { kind: 'vip_arrival', title: '贵宾到访', body: '钻石客户 张*明 已到达大堂', link: '/' });
    });
    const got = await events;
    ac.abort();
    expect(got[0]).toEqual({ event: 'unread', data: { unread: 0 } });
    expect(got[1].event).toBe('notification');
    expect(got[1].data).toMatchObject({ kind: 'vip_arrival', title: '贵宾到访' });
    const list = (await rm.get('/api/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0].title).toBe('贵宾到访');
    expect((await rm.post('/api/notifications/read', { all: true })).statusCode).toBe(200);
    expect((await rm.get('/api/notifications')).json().unread).toBe(0);
  });

  it('posts to many staff members at once: each gets their own row and live message, staff without a sign-in get none', async () => {
    const rm = await t.login('mrm');
    const me = (await rm.get('/api/me')).json();
    const other = (await (await t.login('wchead')).get('/api/me')).json();
    const noUser = await t.handle.db.selectFrom('staff as s').leftJoin('users as u', 'u.staff_id', 's.id').select('s.id').where('u.id', 'is', null).executeTakeFirst();
    const ac = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: rm.cookie! }, signal: ac.signal });
    const events = readEvents(stream, 2);
    await new Promise((r) => setTimeout(r, 100));
    const before = Number((await t.handle.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = (title: string) => ({ kind: 'batch_test', title, body: '批量通知', link: '/workbench' });
    await t.app.ctx.db.transaction().execute(async (trx) => {
      await t.app.ctx.notifier.toStaffMany(trx, [
        { staffId: me.staffId, n: n('给营销经理') }, { staffId: other.staffId, n: n('给中心主任') }, ...(noUser ? [{ staffId: noUser.id, n: n('无账号') }] : []),
      ]);
    });
    const got = await events;
    ac.abort();
    expect(got[1]).toMatchObject({ event: 'notification', data: { kind: 'batch_test', title: '给营销经理' } });
    const rows = await t.handle.db.selectFrom('notifications').select(['user_id', 'title']).where('kind', '=', 'batch_test').orderBy('id').execute();
    expect(rows).toEqual([{ user_id: me.userId, title: '给营销经理' }, { user_id: other.userId, title: '给中心主任' }]);
    expect(Number((await t.handle.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 2);
  });

  it('publishes nothing when the transaction that posted it rolls back', async () => {
    const rm = await t.login('wrm2');
    const me = (await rm.get('/api/me')).json();
    await expect(
      t.app.ctx.db.transaction().execute(async (trx) => {
        await t.app.ctx.notifier.toUser(trx, me.userId, { kind: 'task', title: '不该出现', body: '' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await rm.get('/api/notifications')).json().items).toHaveLength(0);
  });

  it("does not show one user's inbox to another", async () => {
    const other = await t.login('mrm');
    const items = (await other.get('/api/notifications')).json().items as { title: string }[];
    expect(items.map((i) => i.title)).not.toContain('贵宾到访');
  });
});

describe('operations', () => {
  it('reports health and readiness', async () => {
    expect((await t.anonymous().get('/healthz')).statusCode).toBe(200);
    const ready = await t.anonymous().get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, database: true, pendingMigrations: [] });
  });

  it('tags every response with a request id', async () => {
    const res = await t.anonymous().get('/healthz');
    expect(res.headers['x-request-id']).toMatch(/[\w-]{8,}/);
  });
});
