// One fresh database (creation takes seconds): seed it, then look at what landed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sql, type DbHandle } from '../platform/db';
import { migrateToLatest } from '../platform/migrations';
import { verifyPassword } from '../platform/passwords';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo, seedReferenceData, type SeedOptions } from './index';

let h: DbHandle;
beforeAll(async () => {
  h = await openDatabase({ databaseUrl: null, dataDir: null });
  await migrateToLatest(h.db);
});
afterAll(async () => h?.close());

describe('seedDemo on an empty database', () => {
  it('loads the whole demo bank in one go, with progress, and refuses to load it twice', async () => {
    expect(await isDatabaseEmpty(h.db)).toBe(true);
    const progress: [number, number, string][] = [];
    const opts: SeedOptions = { seed: 11, today: '2026-11-28', onProgress: (d, t, l) => progress.push([d, t, l]) };
    const summary = await seedDemo(h.db, opts);
    expect(await isDatabaseEmpty(h.db)).toBe(false);
    expect(summary.counts).toMatchObject({ branches: 16, staff: 300, users: 300 });
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);

    const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0].n);
    expect(await count('staff')).toBe(300);
    expect(await count('users')).toBe(300);
    expect(await count('grade_levels')).toBe(6);
    expect(await count('certificate_types')).toBe(7);
    expect(await count('certificates')).toBe(summary.counts.certificates);
    expect(await count('staff_grade_history')).toBe(summary.counts.gradeHistory);

    // Materialised paths follow the tree.
    const bad = await sql`select c.code from branches c join branches p on p.id = c.parent_id where c.path <> p.path || c.id || '/'`.execute(h.db);
    expect(bad.rows).toEqual([]);

    const admin = await h.db.selectFrom('users').innerJoin('staff', 'staff.id', 'users.staff_id').innerJoin('branches', 'branches.id', 'staff.branch_id')
      .select(['users.password_hash', 'users.must_change_password', 'branches.code']).where('users.username', '=', 'admin').executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ must_change_password: false, code: 'HO' });
    expect(await verifyPassword(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    const wrm = summary.demoAccounts.find((d) => d.username === 'wrm')!;
    const roles = await h.db.selectFrom('staff_roles').innerJoin('staff', 'staff.id', 'staff_roles.staff_id').select('role').where('staff.staff_no', '=', wrm.staffNo).execute();
    expect(roles.map((r) => r.role)).toEqual(['wealth_rm']);

    await expect(seedDemo(h.db, opts)).rejects.toThrow(/already has branches/);
    expect(await count('staff')).toBe(300);
    // Reference data is safe to insert on every start.
    await seedReferenceData(h.db);
    expect(await count('grade_levels')).toBe(6);
  });
});
