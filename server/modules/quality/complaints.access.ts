// Who may act on a complaint: a grant's scope covering the complaint's branch, or, for an `own`
// handling grant, being its handler; and never a staff member the complaint names (recusal).
import type { PermissionCode } from '../../../contracts/roles';
import { scopeCoversBranch, scopeOf, type Principal } from '../../platform/access';
import type { ComplaintRow } from './complaints.repository';
import { isOpen, nextStatus } from './complaints.rules';

type Subject = Pick<ComplaintRow, 'branchId' | 'branchPath' | 'handlerStaffId' | 'aboutStaffIds' | 'status' | 'callbackAt'>;

export function canActAs(p: Principal, perm: PermissionCode, c: Subject): boolean {
  if (c.aboutStaffIds.includes(p.staffId)) return false;
  const scope = scopeOf(p, perm);
  if (!scope) return false;
  if (scope.kind === 'own') return c.handlerStaffId === p.staffId;
  return scopeCoversBranch(scope, { id: c.branchId, path: c.branchPath });
}

/** The actions the caller may take now, for the detail page's buttons. */
export function allowedActions(p: Principal, c: Subject): string[] {
  const out: string[] = [];
  const handle = canActAs(p, 'complaints.handle', c);
  const manage = canActAs(p, 'complaints.manage', c);
  if (manage && nextStatus(c.status, 'assign')) out.push('assign');
  if (handle) {
    for (const a of ['investigate', 'propose', 'decide', 'dispute', 'close', 'withdraw'] as const) if (nextStatus(c.status, a)) out.push(a);
    if (isOpen(c.status) && c.status !== 'decided') out.push('extend');
    if (c.status === 'closed' && !c.callbackAt) out.push('callback');
  }
  if (manage && nextStatus(c.status, 'reject_proposal')) out.push('reject_proposal');
  if (isOpen(c.status)) out.push('attach');
  return out;
}
