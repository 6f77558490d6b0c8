import { describe, expect, it } from 'vitest';
import { canBeParent, ladderPosition, stepWithin, wouldCreateCycle } from './org.rules';

const LADDER = [
  { rank: 1, steps: 6 },
  { rank: 2, steps: 4 },
  { rank: 3, steps: 6 },
  { rank: 4, steps: 7 },
  { rank: 5, steps: 9 },
  { rank: 6, steps: 8 },
];

describe('branch levels', () => {
  it('allows the bank hierarchy and nothing upside down', () => {
    expect(canBeParent('head_office', 'branch')).toBe(true);
    expect(canBeParent('branch', 'sub_branch')).toBe(true);
    expect(canBeParent('sub_branch', 'outlet')).toBe(true);
    expect(canBeParent('branch', 'outlet')).toBe(true);
    expect(canBeParent('outlet', 'branch')).toBe(false);
    expect(canBeParent('head_office', 'outlet')).toBe(false);
    expect(canBeParent('sub_branch', 'sub_branch')).toBe(false);
    expect(canBeParent('branch', 'head_office')).toBe(false);
  });
  it('detects a move under its own sub-tree', () => {
    expect(wouldCreateCycle('/1/4/', '/1/4/9/')).toBe(true);
    expect(wouldCreateCycle('/1/4/', '/1/4/')).toBe(true);
    expect(wouldCreateCycle('/1/4/', '/1/5/')).toBe(false);
    expect(wouldCreateCycle('/1/4/', '/1/41/')).toBe(false);
  });
});

describe('grade ladder', () => {
  it('has 40 steps from the first trainee step to the last chief step', () => {
    expect(ladderPosition(LADDER, 1, 1)).toBe(1);
    expect(ladderPosition(LADDER, 3, 1)).toBe(11);
    expect(ladderPosition(LADDER, 6, 8)).toBe(40);
  });
  it('checks a step inside its level', () => {
    expect(stepWithin(4, 4)).toBe(true);
    expect(stepWithin(4, 5)).toBe(false);
    expect(stepWithin(4, 0)).toBe(false);
    expect(stepWithin(4, 1.5)).toBe(false);
  });
});
