// Pure rules of the organisation: which level may sit under which, and grade arithmetic.
import type { BranchLevel } from '../../../contracts/org';

const ALLOWED_PARENTS: Record<BranchLevel, BranchLevel[]> = {
  head_office: [],
  branch: ['head_office'],
  sub_branch: ['branch'],
  outlet: ['branch', 'sub_branch'],
};

export function canBeParent(parent: BranchLevel, child: BranchLevel): boolean {
  return ALLOWED_PARENTS[child].includes(parent);
}

/** Moving a branch under one of its own descendants would cut the tree into a loop. */
export function wouldCreateCycle(movingPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(movingPath);
}

/** Position on the 40-step ladder (1-based), so grades compare across levels. */
export function ladderPosition(levels: { rank: number; steps: number }[], rank: number, step: number): number {
  const below = levels.filter((l) => l.rank < rank).reduce((s, l) => s + l.steps, 0);
  return below + step;
}

export function stepWithin(steps: number, step: number): boolean {
  return Number.isInteger(step) && step >= 1 && step <= steps;
}
