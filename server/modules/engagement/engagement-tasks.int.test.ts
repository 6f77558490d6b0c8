// createTasks is the one door through which every module gives an RM work: it must be idempotent
// per customer, kind and reason, and default the assignee to the customer's dedicated RM.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../platform/testing';
import type { Db } from '../../platform/db';
import { createTasks } from './engagement-tasks.service';

let db: Db;
let dispose: () => Promise<void>;
beforeAll(async () => {
  const t = await openTestDatabase(inject('template'));
  db = t.handle.db;
  dispose = t.dispose;
});
afterAll(async () => dispose?.());

describe('createTasks', () => {
  it('creates each task once, for the customer’s RM and branch, and keeps the first on a repeat', async () => {
    const customers = await db.selectFrom('customers').select(['id', 'rm_staff_id', 'branch_id']).where('rm_staff_id', 'is not', null).orderBy('id').limit(2).execute();
    expect(customers).toHaveLength(2);
    const [a, b] = customers;
    const list = [
      { customerId: a.id, kind: 'birthday' as const, reasonKey: 'test-birthday:2026', title: '生日关怀', dueOn: '2026-12-01' },
      { customerId: b.id, kind: 'birthday' as const, reasonKey: 'test-birthday:2026', title: '生日关怀', dueOn: '2026-12-02', staffId: a.rm_staff_id },
    ];
    const first = await createTasks(db, list);
    expect(first).toHaveLength(2);
    const again = await createTasks(db, [{ ...list[0], title: 'changed' }, { ...list[0], reasonKey: 'test-birthday:2027', dueOn: '2027-12-01' }]);
    expect(again).toHaveLength(1);
    const rows = await db.selectFrom('engagement_tasks').select(['customer_id', 'staff_id', 'branch_id', 'title', 'reason_key']).where('id', 'in', [...first, ...again]).orderBy('id').execute();
    expect(rows).toEqual([
      { customer_id: a.id, staff_id: a.rm_staff_id, branch_id: a.branch_id, title: '生日关怀', reason_key: 'test-birthday:2026' },
      { customer_id: b.id, staff_id: a.rm_staff_id, branch_id: b.branch_id, title: '生日关怀', reason_key: 'test-birthday:2026' },
      { customer_id: a.id, staff_id: a.rm_staff_id, branch_id: a.branch_id, title: '生日关怀', reason_key: 'test-birthday:2027' },
    ]);
  });
});
