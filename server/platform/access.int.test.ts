// Every API route is checked here: who may call it, and that a refused call changes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, type PermissionCode, type RoleCode } from '../../contracts/roles';
import { startTestApp, type Client, type TestApp } from './testing';

let t: TestApp;
const clients = new Map<string, Client>();
const DEMO: Record<string, RoleCode> = {
  admin: 'hq_admin', auditor: 'auditor', bhead: 'branch_head', wchead: 'wealth_centre_head', wrm: 'wealth_rm', mrm: 'marketing_rm',
  lobby: 'lobby_manager', lassist: 'lobby_assistant', guard: 'security_guard', cteller: 'cash_teller', nteller: 'noncash_teller',
};

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of Object.keys(DEMO)) clients.set(u, await t.login(u));
});
afterAll(async () => t?.close());

/** A fingerprint of everything a refused call could have written (the audit log aside). */
async function fingerprint(): Promise<string> {
  const tables = ['branches', 'staff', 'staff_roles', 'staff_grade_history', 'certificates', 'staff_qualifications', 'role_permissions', 'grade_levels', 'users', 'import_runs', 'notifications'] as const;
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await t.handle.db.selectFrom(table).selectAll().execute();
    parts.push(`${table}:${rows.length}:${JSON.stringify(rows).length}`);
  }
  return parts.join('|');
}

const fill = (url: string) => url.replace(':id', '2').replace(':kind', 'staff').replace(':role', 'wealth_rm');

describe('route table', () => {
  it('declares the access of every API route', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(20);
    const undeclared = api.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route, and writes nothing', async () => {
    const before = await fingerprint();
    for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/') && !x.url.startsWith('/api/docs') && !x.access?.public)) {
      const res = await t.anonymous().request({ method: r.method as 'GET', url: fill(r.url), ...(r.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('answers 403 to a signed-in caller without the permission, on every guarded route, and writes nothing', async () => {
    const before = await fingerprint();
    let checked = 0;
    for (const r of t.app.routeTable.filter((x) => x.access?.permission)) {
      const perm = r.access!.permission as PermissionCode;
      for (const [username, role] of Object.entries(DEMO)) {
        if (DEFAULT_ROLE_PERMISSIONS[role][perm]) continue;
        const res = await clients.get(username)!.request({ method: r.method as 'GET', url: fill(r.url), ...(r.method === 'GET' ? {} : { payload: {} }) });
        expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(await fingerprint()).toBe(before);
  });
});

describe('data scope', () => {
  it('a wealth RM sees the staff of their own branch only; others are 404', async () => {
    const wrm = clients.get('wrm')!;
    const me = (await wrm.get('/api/me')).json();
    const list = (await wrm.get('/api/staff?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(3);
    expect(new Set(list.items.map((s: { branchId: number }) => s.branchId))).toEqual(new Set([me.branchId]));
    const admin = clients.get('admin')!;
    const other = (await admin.get('/api/staff?pageSize=200')).json().items.find((s: { branchId: number }) => s.branchId !== me.branchId);
    expect((await wrm.get(`/api/staff/${other.id}`)).statusCode).toBe(404);
  });

  it("masks a colleague's mobile unless the caller manages that staff member", async () => {
    const wrm = clients.get('wrm')!;
    const item = (await wrm.get('/api/staff?pageSize=50')).json().items.find((s: { username?: string; mobile: string; id: number }) => s.mobile);
    expect(item.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const bhead = clients.get('bhead')!;
    const full = (await bhead.get(`/api/staff/${item.id}`)).json();
    expect(full.mobile).toMatch(/^1\d{10}$/);
  });

  it('a branch head manages staff of their sub-tree, not of another outlet', async () => {
    const bhead = clients.get('bhead')!;
    const bhead2 = await t.login('bhead2');
    const theirs = (await bhead2.get('/api/staff?pageSize=5')).json().items[0];
    const before = await fingerprint();
    const res = await bhead.patch(`/api/staff/${theirs.id}`, { name: '改名测试' });
    expect(res.statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
    const mine = (await bhead.get('/api/staff?pageSize=5')).json().items.find((s: { roles: string[] }) => s.roles.includes('cash_teller'));
    expect((await bhead.patch(`/api/staff/${mine.id}`, { email: 'teller@example.cn' })).statusCode).toBe(200);
  });

  it('an admin grant takes effect for signed-in users at once', async () => {
    const wrm = clients.get('wrm')!;
    expect((await wrm.get('/api/audit')).statusCode).toBe(403);
    const admin = clients.get('admin')!;
    const matrix = (await admin.get('/api/roles/permissions')).json();
    const grants = matrix.grants.filter((g: { role: string }) => g.role === 'wealth_rm').map((g: { permission: string; scope: string }) => ({ permission: g.permission, scope: g.scope }));
    expect((await admin.put('/api/roles/wealth_rm/permissions', { grants: [...grants, { permission: 'audit.read', scope: 'bank' }] })).statusCode).toBe(200);
    expect((await wrm.get('/api/audit')).statusCode).toBe(200);
    expect((await admin.put('/api/roles/wealth_rm/permissions', { grants })).statusCode).toBe(200);
    expect((await wrm.get('/api/audit')).statusCode).toBe(403);
  });

  it('refuses to let the administrators lock themselves out of the role page', async () => {
    const admin = clients.get('admin')!;
    const res = await admin.put('/api/roles/hq_admin/permissions', { grants: [{ permission: 'org.branch.read', scope: 'bank' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SELF_LOCKOUT');
  });
});

describe('role permissions across restarts', () => {
  it('keeps a grant that head office removed, even when reference data is loaded again', async () => {
    const { seedReferenceData } = await import('../seed/reference-data');
    const admin = clients.get('admin')!;
    const matrix = (await admin.get('/api/roles/permissions')).json();
    const kept = matrix.grants.filter((g: { role: string; permission: string }) => g.role === 'lobby_assistant' && g.permission !== 'org.staff.read');
    expect((await admin.put('/api/roles/lobby_assistant/permissions', { grants: kept.map((g: { permission: string; scope: string }) => ({ permission: g.permission, scope: g.scope })) })).statusCode).toBe(200);
    await seedReferenceData(t.handle.db);
    const after = await t.handle.db.selectFrom('role_permissions').select('permission').where('role', '=', 'lobby_assistant').execute();
    expect(after.map((r) => r.permission)).not.toContain('org.staff.read');
  });
});
