// Every write route refuses malformed input with a 4xx and a message in both languages, and writes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './testing';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

async function fingerprint(): Promise<string> {
  const tables = ['branches', 'staff', 'staff_roles', 'staff_grade_history', 'certificates', 'staff_qualifications', 'role_permissions', 'grade_levels', 'users', 'notifications'] as const;
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await t.handle.db.selectFrom(table).selectAll().execute()));
  return parts.join('|');
}

const fill = (url: string) => url.replace(':id', '2').replace(':role', 'wealth_rm').replace(':kind', 'staff');
const MALFORMED: unknown[] = [[1, 2, 3], 'plain text', { page: { nested: true }, code: 12, name: false, grants: 'all', ids: 'x', locale: 'fr' }];

describe('malformed input', () => {
  it('is refused on every write route with a bilingual 400, and nothing is written', async () => {
    const routes = t.app.routeTable.filter((r) => r.hasBody && r.method !== 'GET');
    expect(routes.length).toBeGreaterThan(15);
    const before = await fingerprint();
    for (const r of routes) {
      for (const body of MALFORMED) {
        const res = await admin.request({ method: r.method as 'POST', url: fill(r.url), payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
        const err = res.json().error;
        expect(err.zh, `${r.method} ${r.url}`).toMatch(/[\u4e00-\u9fff]/);
        expect(err.en, `${r.method} ${r.url}`).toMatch(/[a-z]/i);
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('refuses broken JSON and an unknown id with a clear message', async () => {
    const broken = await admin.request({ method: 'POST', url: '/api/branches', payload: '{"code": ', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.zh).toBeTruthy();
    const missing = await admin.patch('/api/staff/999999', { name: '不存在' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.zh).toContain('不存在');
    const badId = await admin.get('/api/staff/abc');
    expect(badId.statusCode).toBe(400);
  });

  it('refuses an empty or unreadable import file without writing', async () => {
    const before = await fingerprint();
    const empty = await admin.request({ method: 'POST', url: '/api/import/staff?fileName=a.xlsx', payload: Buffer.alloc(0), headers: { 'content-type': 'application/octet-stream' } });
    expect(empty.statusCode).toBe(400);
    const junk = await admin.request({ method: 'POST', url: '/api/import/staff?fileName=a.xlsx', payload: Buffer.from('PK\u0003\u0004 not really a workbook'), headers: { 'content-type': 'application/octet-stream' } });
    expect(junk.statusCode).toBeLessThan(500);
    if (junk.statusCode === 200) expect(junk.json().committed).toBe(false);
    else expect(junk.json().error.zh).toBeTruthy();
    expect(await fingerprint()).toBe(before);
  });
});
