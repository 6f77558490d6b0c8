// Complaints end to end: intake (and from the lobby), scope and masking, recusal at assignment, the
// workflow to closing with the call-back task, extensions, attachments and their limits, bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { shanghaiToday } from './quality.common';

let t: TestApp;
const c: Record<string, Client> = {};
const staff: Record<string, number> = {};
let bj01: number;
let customerId: number;

async function staffOf(username: string): Promise<number> {
  const r = await t.handle.db.selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow();
  return Number(r.staff_id);
}
const count = async (table: 'complaints' | 'complaint_history' | 'complaint_attachments' | 'engagement_tasks' | 'customer_events') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const fingerprint = async () => `${await count('complaints')}|${await count('complaint_history')}|${await count('complaint_attachments')}`;

const intake = (extra: Record<string, unknown> = {}) => ({
  channel: 'counter', complainantType: 'customer', customerId, category: 'service_attitude', businessLine: 'counter',
  aboutStaffIds: [staff.cteller], amountInDispute: '120.50', description: '柜员态度冷淡，办理业务时不耐烦', customerRequest: '要求道歉', ...extra,
});

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['bhead', 'bhead2', 'wrm', 'wrm2', 'lobby', 'cteller', 'guard', 'lassist']) {
    c[u] = await t.login(u);
    staff[u] = await staffOf(u);
  }
  bj01 = (await t.handle.db.selectFrom('branches').select('id').where('code', '=', 'BJ01').executeTakeFirstOrThrow()).id;
  customerId = (await t.handle.db.selectFrom('customers').select('id').where('branch_id', '=', bj01).orderBy('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('intake', () => {
  it('records a complaint with the regulation deadline, masked, on the customer timeline', async () => {
    const events = await count('customer_events');
    const res = await c.lobby.post('/api/complaints', intake());
    expect(res.statusCode, res.body).toBe(201);
    const k = res.json();
    expect(k.status).toBe('accepted');
    expect(k.acceptedOn).toBe(shanghaiToday());
    expect(k.dueOn >= k.acceptedOn).toBe(true);
    expect(k.complainantName).toMatch(/\*/);
    expect(k.amountInDispute).toBe('120.50');
    expect(k.history.map((h: { action: string }) => h.action)).toEqual(['accept']);
    expect(await count('customer_events')).toBe(events + 1);
  });

  it('requires contact details of an anonymous walk-in, a proxy or an heir, and writes nothing without them', async () => {
    const before = await fingerprint();
    for (const type of ['walk_in', 'proxy', 'heir']) {
      const res = await c.lobby.post('/api/complaints', intake({ complainantType: type, customerId: undefined }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.zh).toMatch(/联系/);
    }
    const ok = await c.lobby.post('/api/complaints', intake({ complainantType: 'walk_in', customerId: undefined, contactName: '张女士', contactMobile: '13912345678' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().contactMobile).toBe('139****5678');
    expect(await count('complaints')).toBe(Number(before.split('|')[0]) + 1);
  });

  it('refuses bad input with a bilingual 400 and writes nothing', async () => {
    const before = await fingerprint();
    for (const body of [{}, intake({ channel: 'fax' }), intake({ amountInDispute: '-5' }), intake({ description: '' }), intake({ extra: 1 }), intake({ aboutStaffIds: [99999999] })]) {
      const res = await c.lobby.post('/api/complaints', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.en).toMatch(/[a-z]/);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('opens a complaint from the lobby\'s complaint record too', async () => {
    const res = await c.lobby.post('/api/lobby/complaints', { branchId: bj01, customerId, category: 'waiting', description: '排队等候超过40分钟' });
    expect(res.statusCode, res.body).toBe(201);
    const lobbyId = res.json().id;
    const k = await t.handle.db.selectFrom('complaints').select(['channel', 'category', 'status']).where('lobby_complaint_id', '=', lobbyId).executeTakeFirstOrThrow();
    expect(k).toEqual({ channel: 'lobby', category: 'waiting_time', status: 'accepted' });
  });
});

describe('scope', () => {
  it('shows a branch its own complaints; another outlet and a caller without complaint grants get 404 / 403', async () => {
    const k = (await c.cteller.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    expect((await c.lobby.get(`/api/complaints/${k.id}`)).statusCode).toBe(200);
    expect((await c.bhead2.get(`/api/complaints/${k.id}`)).statusCode).toBe(404);
    expect((await c.wrm2.get(`/api/complaints/${k.id}`)).statusCode).toBe(404);
    expect((await c.guard.get('/api/complaints')).statusCode).toBe(403);
    const list = (await c.bhead2.get('/api/complaints?pageSize=200')).json();
    expect(list.items.every((i: { branchId: number }) => i.branchId !== bj01)).toBe(true);
  });

  it('lets an own-grant handler act only on the complaints assigned to them', async () => {
    const k = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    expect((await c.wrm.post(`/api/complaints/${k.id}/steps/withdraw`, {})).statusCode).toBe(404);
    expect((await c.lassist.post(`/api/complaints/${k.id}/assign`, { handlerStaffId: staff.wrm })).statusCode).toBe(403);
  });
});

describe('workflow', () => {
  let id: number;

  it('never assigns a complaint to the staff member it names (recusal), and writes nothing', async () => {
    id = (await c.lobby.post('/api/complaints', intake())).json().id;
    const before = await fingerprint();
    const res = await c.bhead.post(`/api/complaints/${id}/assign`, { handlerStaffId: staff.cteller });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('RECUSAL');
    expect(res.json().error.zh).toMatch(/回避/);
    expect(await fingerprint()).toBe(before);
    const row = await t.handle.db.selectFrom('complaints').select(['status', 'handler_staff_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', handler_staff_id: null });
    // A manager named in a complaint cannot act on it either.
    const aboutHead = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [staff.bhead] }))).json();
    const self = await c.bhead.post(`/api/complaints/${aboutHead.id}/assign`, { handlerStaffId: staff.wrm });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('RECUSAL');
  });

  it('assigns, investigates, proposes and decides within the deadline', async () => {
    const a = await c.bhead.post(`/api/complaints/${id}/assign`, { handlerStaffId: staff.wrm, note: '请尽快联系客户' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().handlerStaffId).toBe(staff.wrm);
    expect((await c.wrm.post(`/api/complaints/${id}/steps/decide`, { decision: '道歉并退费', toldVia: 'phone' })).statusCode).toBe(409);
    expect((await c.wrm.post(`/api/complaints/${id}/steps/investigate`, { note: '调取录像' })).statusCode).toBe(200);
    const noDecision = await c.wrm.post(`/api/complaints/${id}/steps/propose`, {});
    expect(noDecision.statusCode).toBe(400);
    expect((await c.wrm.post(`/api/complaints/${id}/steps/propose`, { decision: '向客户致歉并退还手续费' })).statusCode).toBe(200);
    const d = await c.wrm.post(`/api/complaints/${id}/steps/decide`, { toldVia: 'phone' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().status).toBe('decided');
    expect(d.json().deadlineState).toBe('met');
    expect(d.json().history.map((h: { action: string }) => h.action)).toEqual(['accept', 'assign', 'investigate', 'propose', 'decide']);
  });

  it('closes only with a root cause and corrective action, then gives the RM a call-back task', async () => {
    const missing = await c.wrm.post(`/api/complaints/${id}/steps/close`, { note: '客户接受' });
    expect(missing.statusCode).toBe(400);
    const tasks = await count('engagement_tasks');
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await c.wrm.post(`/api/complaints/${id}/steps/close`, {
      note: '客户接受处理结果', rootCause: 'training_gap', rootCauseNote: '新柜员服务规范培训不足', correctiveAction: '开展服务礼仪专项培训', correctiveOwnerId: staff.bhead, correctiveDueOn: due,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    expect(res.json().allowed).toContain('callback');
    expect(await count('engagement_tasks')).toBe(tasks + 1);
    const task = await t.handle.db.selectFrom('engagement_tasks').select(['kind', 'reason_key']).where('source_type', '=', 'complaint').where('source_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(task).toEqual({ kind: 'complaint_callback', reason_key: `complaint:${id}` });
    const cb = await c.wrm.post(`/api/complaints/${id}/callback`, { satisfaction: 5, note: '客户满意' });
    expect(cb.json().callbackSatisfaction).toBe(5);
    expect((await c.wrm.post(`/api/complaints/${id}/callback`, { satisfaction: 4 })).statusCode).toBe(409);
  });

  it('takes one decision when the handler submits it from two tabs at once; the other gets 409', async () => {
    const created = await c.lobby.post('/api/complaints', intake({ description: '两次提交同一处理决定，客户要求说明' }));
    expect(created.statusCode, created.body).toBe(201);
    const k = created.json();
    for (const [who, path, body] of [
      [c.bhead, 'assign', { handlerStaffId: staff.wrm }], [c.wrm, 'steps/investigate', { note: '调取录像' }], [c.wrm, 'steps/propose', { decision: '向客户致歉' }],
    ] as const) {
      const r = await who.post(`/api/complaints/${k.id}/${path}`, body);
      expect(r.statusCode, r.body).toBe(200);
    }
    const codes = (await Promise.all([1, 2].map(() => c.wrm.post(`/api/complaints/${k.id}/steps/decide`, { toldVia: 'phone' })))).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409]);
    const decisions = await t.handle.db.selectFrom('complaint_history').select('id').where('complaint_id', '=', k.id).where('action', '=', 'decide').execute();
    expect(decisions).toHaveLength(1);
  });

  it('keeps the history append-only', async () => {
    await expect(sql`update complaint_history set note = 'x' where complaint_id = ${id}`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });

  it('extends to 30 days with a reason; the second extension needs senior approval', async () => {
    const k = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    await c.bhead.post(`/api/complaints/${k.id}/assign`, { handlerStaffId: staff.wrm });
    const e1 = await c.wrm.post(`/api/complaints/${k.id}/extend`, { extensionLevel: 1, reason: '需调取多部门资料核实', toldVia: 'phone' });
    expect(e1.statusCode, e1.body).toBe(200);
    expect(e1.json().extensionLevel).toBe(1);
    expect(e1.json().dueOn > k.dueOn).toBe(true);
    const e2 = await c.wrm.post(`/api/complaints/${k.id}/extend`, { extensionLevel: 2, reason: '涉及司法鉴定，特别复杂', toldVia: 'letter' });
    expect(e2.statusCode).toBe(403);
    expect(e2.json().error.code).toBe('EXTENSION_NEEDS_APPROVAL');
    const e2ok = await c.bhead.post(`/api/complaints/${k.id}/extend`, { extensionLevel: 2, reason: '涉及司法鉴定，特别复杂', toldVia: 'letter' });
    expect(e2ok.statusCode, e2ok.body).toBe(200);
    expect(e2ok.json().history.filter((h: { action: string }) => h.action === 'extend')).toHaveLength(2);
    expect((await c.bhead.post(`/api/complaints/${k.id}/extend`, { extensionLevel: 2, reason: '再次延期', toldVia: 'letter' })).statusCode).toBe(409);
  });

  it('withdrawal ends the complaint on the day received', async () => {
    const k = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    await c.bhead.post(`/api/complaints/${k.id}/assign`, { handlerStaffId: staff.wrm });
    const w = await c.wrm.post(`/api/complaints/${k.id}/steps/withdraw`, { note: '客户来电撤回' });
    expect(w.json().status).toBe('withdrawn');
    expect(w.json().closedOn).toBe(shanghaiToday());
    expect(w.json().deadlineState).toBe('ended');
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
  const upload = (client: Client, id: number, data: Buffer | string, type: string) =>
    client.request({ method: 'POST', url: `/api/complaints/${id}/attachments?fileName=${encodeURIComponent('凭证.png')}`, payload: data, headers: { 'content-type': type } });

  it('stores a picture in the database, and audits its download', async () => {
    const k = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    const res = await upload(c.lobby, k.id, png, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json().attachments[0];
    expect(file).toMatchObject({ fileName: '凭证.png', contentType: 'image/png', sizeBytes: png.length });
    const audits = Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'complaint.attachment.download'`.execute(t.handle.db)).rows[0]!.n);
    const dl = await c.bhead.get(`/api/complaints/${k.id}/attachments/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'complaint.attachment.download'`.execute(t.handle.db)).rows[0]!.n)).toBe(audits + 1);
    expect((await c.bhead2.get(`/api/complaints/${k.id}/attachments/${file.id}`)).statusCode).toBe(404);
  });

  it('refuses a file too large, of another type, with bytes that do not match, or sent as JSON, and writes nothing', async () => {
    const k = (await c.lobby.post('/api/complaints', intake({ aboutStaffIds: [] }))).json();
    const before = await fingerprint();
    expect((await upload(c.lobby, k.id, Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 'image/png')).statusCode).toBe(413);
    const exe = await upload(c.lobby, k.id, Buffer.from('MZ\u0090\u0000 program'), 'application/x-msdownload');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.zh).toMatch(/PDF/);
    expect((await upload(c.lobby, k.id, Buffer.from('%PDF-1.4 not a png'), 'image/png')).json().error.code).toBe('FILE_CONTENT');
    expect((await upload(c.lobby, k.id, '[1,2]', 'application/json')).statusCode).toBe(400);
    expect(await fingerprint()).toBe(before);
  });
});
