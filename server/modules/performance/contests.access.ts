// Who may see and who may manage a contest: drafts exist only for those who may manage them.
import { requireScope, scopeCoversBranch, scopeOf, type DataScope, type Principal } from '../../platform/access';
import type { DbOrTrx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import * as repo from './contests.repository';

const CONTEST = { zh: '竞赛', en: 'contest' };

export const covers = (scope: DataScope | null, c: repo.ContestRow) => !!scope && scopeCoversBranch(scope, { id: c.branchId, path: c.branchPath });

/** A draft is seen only by those who may manage it; outside that it does not exist for the caller. */
export async function visibleContest(db: DbOrTrx, p: Principal, id: number, lock = false): Promise<repo.ContestRow> {
  const c = await repo.contestById(db, id, lock);
  if (!c) throw notFound(CONTEST);
  const manage = covers(scopeOf(p, 'contests.manage'), c);
  if (c.status === 'draft' && !manage) throw notFound(CONTEST);
  if (!manage && !scopeOf(p, 'contests.read')) throw notFound(CONTEST);
  return c;
}

export async function managedContest(db: DbOrTrx, p: Principal, id: number, lock = false): Promise<repo.ContestRow> {
  const scope = requireScope(p, 'contests.manage');
  const c = await visibleContest(db, p, id, lock);
  if (!covers(scope, c)) throw new AppError(403, 'NOT_YOUR_CONTEST', '该竞赛由其他机构设立，您不能管理', 'Another branch set this contest up: you cannot manage it');
  return c;
}
