// What the quality module's services share: the business day, the caller's complaint visibility.
import type { PermissionCode } from '../../../contracts/roles';
import { scopeOf, type DataScope, type Principal } from '../../platform/access';
import { forbidden } from '../../platform/errors';

/** Business days are in Asia/Shanghai whatever the server's zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const READ_GRANTS: readonly PermissionCode[] = ['complaints.intake', 'complaints.handle', 'complaints.manage', 'complaints.report'];

/** Every scope through which the caller sees complaints; 403 when there is none. */
export function complaintVisibility(p: Principal): DataScope[] {
  const out = READ_GRANTS.map((perm) => scopeOf(p, perm)).filter((s): s is DataScope => s !== null);
  if (out.length === 0) throw forbidden();
  return out;
}

/** The scope of one grant, or an empty visibility when the caller lacks it (so lookups answer 404). */
export function onlyScope(p: Principal, perm: PermissionCode): DataScope[] {
  const s = scopeOf(p, perm);
  return s ? [s] : [];
}
