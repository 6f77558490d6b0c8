// SQL shared by the growth use cases: customers and staff as the caller's data scope allows them.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';

/**
 * A data scope over customers (alias `c`), the same rule as the customer archive's: own book = the
 * caller is the dedicated (wealth) RM or the marketing RM who brought the customer in.
 */
export function customerScope(scope: DataScope) {
  if (scope.kind === 'own') return sql<boolean>`(c.rm_staff_id = ${scope.staffId} or c.marketing_staff_id = ${scope.staffId})`;
  return scopeSql(scope, { branch: 'c.branch_id' });
}

/** Whether a second scope (e.g. customers.reveal) covers each row, as a boolean column. */
export function customerCovered(scope: DataScope | null) {
  return scope ? customerScope(scope) : sql<boolean>`false`;
}

export type ScopedCustomer = { id: number; customerNo: string; name: string; branchId: number; rmStaffId: number | null; marketingStaffId: number | null };

const customerCols = sql`c.id, c.customer_no as "customerNo", c.name, c.branch_id as "branchId", c.rm_staff_id as "rmStaffId", c.marketing_staff_id as "marketingStaffId"`;

export async function customerByNo(db: DbOrTrx, scope: DataScope, customerNo: string): Promise<ScopedCustomer | null> {
  const res = await sql<ScopedCustomer>`select ${customerCols} from customers c where c.customer_no = ${customerNo} and ${customerScope(scope)}`.execute(db);
  return res.rows[0] ?? null;
}

export async function customerById(db: DbOrTrx, scope: DataScope, id: number): Promise<ScopedCustomer | null> {
  const res = await sql<ScopedCustomer>`select ${customerCols} from customers c where c.id = ${id} and ${customerScope(scope)}`.execute(db);
  return res.rows[0] ?? null;
}

export type WealthRm = { id: number; staffNo: string; name: string; branchId: number; branchPath: string; branchName: string };

/** Active wealth RMs, optionally one of them, within a branch scope (own: the caller's outlet). */
export async function wealthRms(db: DbOrTrx, where: { staffId?: number; scope: DataScope; ownBranchId: number }): Promise<WealthRm[]> {
  const scope: DataScope = where.scope.kind === 'own' ? { kind: 'branch', branchId: where.ownBranchId } : where.scope;
  const res = await sql<WealthRm>`
    select s.id, s.staff_no as "staffNo", s.name, s.branch_id as "branchId", b.path as "branchPath", b.name as "branchName"
      from staff s join branches b on b.id = s.branch_id
     where s.status = 'active'
       and exists (select 1 from staff_roles r where r.staff_id = s.id and r.role = 'wealth_rm')
       and ${scopeSql(scope, { branch: 's.branch_id' })}
       ${where.staffId !== undefined ? sql`and s.id = ${where.staffId}` : sql``}
     order by b.path, s.staff_no
     limit 500`.execute(db);
  return res.rows;
}

export async function staffRoles(db: DbOrTrx, staffId: number): Promise<string[]> {
  const rows = await db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute();
  return rows.map((r) => r.role);
}

/** Branches (by id) that exist inside a scope; the rest of the list is refused by the caller. */
export async function branchesInScope(db: DbOrTrx, scope: DataScope, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const res = await sql<{ id: number }>`
    select b.id from branches b where b.id in (${sql.join(ids)}) and ${scopeSql(scope, { branch: 'b.id' })}`.execute(db);
  return res.rows.map((r) => Number(r.id));
}
