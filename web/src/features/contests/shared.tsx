// Pieces the contest pages share: the rank-change arrow, the status tag, the live refresh.
import { useEffect } from 'react';
import { Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContestStatus } from '@contracts/contests';
import { contestEventsUrl, contestKeys } from './api';
import './locale';

export function RankChange({ change, previous, size = 14 }: { change: number | null; previous: number | null; size?: number }) {
  const { t } = useTranslation();
  if (previous === null) return <Typography.Text type="secondary" style={{ fontSize: size }} data-testid="rank-change" data-change="new">{t('contests.board.new')}</Typography.Text>;
  if (change === null || change === 0) return <MinusOutlined style={{ color: '#999', fontSize: size }} data-testid="rank-change" data-change="0" />;
  const up = change > 0;
  return (
    <span style={{ color: up ? '#cf1322' : '#389e0d', fontSize: size, whiteSpace: 'nowrap' }} data-testid="rank-change" data-change={String(change)}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(change)}
    </span>
  );
}

const STATUS_COLOR: Record<ContestStatus, string> = { draft: 'default', live: 'processing', closed: 'warning', frozen: 'success' };
export function StatusTag({ status }: { status: ContestStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]} data-testid="contest-status">{t(`contests.status.${status}`)}</Tag>;
}

/** Refetches the contest's board whenever the server says it was recomputed (polling covers a dropped stream). */
export function useBoardEvents(id: number): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!id || typeof EventSource === 'undefined') return;
    const es = new EventSource(contestEventsUrl(id));
    es.addEventListener('standings', () => {
      void qc.invalidateQueries({ queryKey: ['contests', 'board', id] });
      void qc.invalidateQueries({ queryKey: contestKeys.me(id) });
      void qc.invalidateQueries({ queryKey: contestKeys.detail(id) });
    });
    return () => es.close();
  }, [id, qc]);
}
