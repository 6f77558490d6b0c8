// Access = role permissions x data scope, decided here and nowhere else.
import type { PermissionCode, RoleCode, Scope } from '../../contracts/roles';
import { SCOPES } from '../../contracts/roles';
import { forbidden } from './errors';

export type Principal = {
  userId: number;
  username: string;
  staffId: number;
  staffNo: string;
  name: string;
  branchId: number;
  branchCode: string;
  branchName: string;
  /** Materialised path of the caller's branch: the root of a sub-tree scope. */
  branchPath: string;
  roles: RoleCode[];
  permissions: Partial<Record<PermissionCode, Scope>>;
  mustChangePassword: boolean;
  locale: 'zh-CN' | 'en';
  sessionId: string;
};

export type RoleGrants = Map<string, Map<string, Scope>>;

/** The widest scope each permission reaches through any of the roles. */
export function mergeGrants(roles: readonly string[], grants: RoleGrants): Partial<Record<PermissionCode, Scope>> {
  const out: Partial<Record<PermissionCode, Scope>> = {};
  for (const role of roles) {
    for (const [perm, scope] of grants.get(role) ?? []) {
      const p = perm as PermissionCode;
      const prev = out[p];
      if (!prev || SCOPES.indexOf(scope) > SCOPES.indexOf(prev)) out[p] = scope;
    }
  }
  return out;
}

/** What a query may return for this caller and permission: the repositories translate it to SQL. */
export type DataScope =
  | { kind: 'bank' }
  | { kind: 'subtree'; path: string }
  | { kind: 'branch'; branchId: number }
  | { kind: 'own'; staffId: number };

export function scopeOf(p: Principal, perm: PermissionCode): DataScope | null {
  const s = p.permissions[perm];
  switch (s) {
    case 'bank':
      return { kind: 'bank' };
    case 'subtree':
      return { kind: 'subtree', path: p.branchPath };
    case 'branch':
      return { kind: 'branch', branchId: p.branchId };
    case 'own':
      return { kind: 'own', staffId: p.staffId };
    default:
      return null;
  }
}

/** Throws 403 when the caller lacks the permission altogether. */
export function requireScope(p: Principal, perm: PermissionCode): DataScope {
  const s = scopeOf(p, perm);
  if (!s) throw forbidden();
  return s;
}

/** Whether a branch (given by its path) lies inside a scope; `own` never covers a branch as a whole. */
export function scopeCoversBranch(scope: DataScope, branch: { id: number; path: string }): boolean {
  switch (scope.kind) {
    case 'bank':
      return true;
    case 'subtree':
      return branch.path.startsWith(scope.path);
    case 'branch':
      return branch.id === scope.branchId;
    case 'own':
      return false;
  }
}
