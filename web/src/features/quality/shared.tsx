// Small pieces the quality pages share: the deadline tag's colours, the staff of a branch.
import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeadlineState } from '@contracts/quality';
import { api } from '../../app/api';

export const DEADLINE_COLOR: Record<DeadlineState, string> = {
  ok: 'green', warn50: 'gold', warn80: 'orange', overdue: 'red', met: 'blue', late: 'volcano', ended: 'default',
};

export function DeadlineTag({ state, daysLeft }: { state: DeadlineState; daysLeft?: number }) {
  const { t } = useTranslation();
  const open = state === 'ok' || state === 'warn50' || state === 'warn80' || state === 'overdue';
  return (
    <Tag color={DEADLINE_COLOR[state]} data-testid={`deadline-${state}`}>
      {t(`quality.deadline.${state}`)}
      {open && daysLeft !== undefined ? ` · ${daysLeft}` : ''}
    </Tag>
  );
}

type StaffItem = { id: number; name: string; staffNo: string; roles: string[] };

/** Active staff of a branch, for "staff complained about" and owners. */
export const useBranchStaff = (branchId: number | undefined) =>
  useQuery({
    queryKey: ['quality', 'staff', branchId],
    queryFn: ({ signal }) => api<{ items: StaffItem[] }>('/api/staff', { query: { branchId, pageSize: 200, status: 'active' }, signal }),
    enabled: !!branchId,
    staleTime: 60_000,
  });
