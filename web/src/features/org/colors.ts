import type { BranchLevel, StaffSummary } from '@contracts/org';

export const STATUS_COLOR: Record<StaffSummary['status'], string> = { active: 'green', on_leave: 'orange', departed: 'default' };

export const LEVEL_COLOR: Record<BranchLevel, string> = {
  head_office: 'red',
  branch: 'volcano',
  sub_branch: 'blue',
  outlet: 'default',
};
