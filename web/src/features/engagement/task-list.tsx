// A compact list of tasks with "log contact" on each open one.
// data-testid: task-<id>, task-log-<id>
import { useState } from 'react';
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TASK_KIND_LABELS, type TaskItem } from '@contracts/engagement';
import { useNamePick } from '../../app/lang';
import { ActivityDialog } from './activity-dialog';

export function TaskList({ items, empty }: { items: TaskItem[]; empty: string }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [logging, setLogging] = useState<TaskItem | null>(null);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <>
      <List
        size="small"
        dataSource={items}
        renderItem={(x) => (
          <List.Item data-testid={`task-${x.id}`} actions={x.status === 'open' ? [<Button key="log" size="small" data-testid={`task-log-${x.id}`} onClick={() => setLogging(x)}>{t('engagement.workbench.logContact')}</Button>] : []}>
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <Tag color={x.overdue ? 'red' : 'blue'}>{pick(TASK_KIND_LABELS[x.kind].zh, TASK_KIND_LABELS[x.kind].en)}</Tag>
                  <Link to={`/customers/${x.customerId}`} data-testid={`task-customer-${x.id}`}>{x.customerName} · {x.customerNo}</Link>
                </Space>
              }
              description={
                <Typography.Text type={x.overdue ? 'danger' : 'secondary'}>
                  {pick(x.title, x.titleEn || x.title)} · {x.dueOn}{x.overdue ? ` · ${t('engagement.workbench.overdue')}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {logging ? <ActivityDialog open customerId={logging.customerId} taskId={logging.id} title={logging.customerName} onClose={() => setLogging(null)} /> : null}
    </>
  );
}
