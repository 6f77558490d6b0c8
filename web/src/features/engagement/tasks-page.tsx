// Task lists: mine, overdue (the team's for a head) and the team's; open tasks are worked from here.
// data-testid: tasks-page, tasks-tab-<view>, task-row-<id>, task-complete-<id>, task-cancel-<id>
import { useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TASK_KIND_LABELS, type TaskItem } from '@contracts/engagement';
import { useMe } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { ActivityDialog } from './activity-dialog';
import { useCancelTask, useTasks, type TaskQuery } from './api';

type View = TaskQuery['view'];

function TaskTable({ view, canWork }: { view: View; canWork: boolean }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useTasks({ view, status: view === 'overdue' ? undefined : 'open', page, pageSize: 20 });
  const cancel = useCancelTask();
  const onError = useApiError();
  const [logging, setLogging] = useState<TaskItem | null>(null);
  const [cancelling, setCancelling] = useState<TaskItem | null>(null);
  const [reason, setReason] = useState('');
  return (
    <>
      <Table<TaskItem> size="small" rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ 'data-testid': `task-row-${r.id}` }) as object}
        columns={[
          { title: t('engagement.tasks.customer'), render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName} · {r.customerNo}</Link> },
          { title: t('engagement.tasks.kind'), render: (_, r) => <Tag>{pick(TASK_KIND_LABELS[r.kind].zh, TASK_KIND_LABELS[r.kind].en)}</Tag> },
          { title: t('engagement.tasks.task'), render: (_, r) => pick(r.title, r.titleEn || r.title) },
          { title: t('engagement.tasks.dueOn'), dataIndex: 'dueOn', render: (v: string, r) => <span style={r.overdue ? { color: '#cf1322' } : undefined}>{v}</span> },
          { title: t('engagement.tasks.staff'), dataIndex: 'staffName', render: (v: string | null) => v ?? '—' },
          { title: t('engagement.tasks.status'), dataIndex: 'status', render: (s: string) => t(`engagement.tasks.statuses.${s}`) },
          {
            title: t('engagement.tasks.actions'),
            render: (_, r) => (r.status === 'open' && canWork ? (
              <Space>
                <Button size="small" type="link" data-testid={`task-complete-${r.id}`} onClick={() => setLogging(r)}>{t('engagement.workbench.logContact')}</Button>
                <Button size="small" type="link" danger data-testid={`task-cancel-${r.id}`} onClick={() => { setReason(''); setCancelling(r); }}>{t('engagement.tasks.cancel')}</Button>
              </Space>
            ) : null),
          },
        ]} />
      {logging ? <ActivityDialog open customerId={logging.customerId} taskId={logging.id} title={logging.customerName} onClose={() => setLogging(null)} /> : null}
      <Modal open={cancelling !== null} title={t('engagement.tasks.cancel')} onCancel={() => setCancelling(null)} confirmLoading={cancel.isPending}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={async () => {
          try {
            await cancel.mutateAsync({ id: cancelling!.id, reason });
            void message.success(t('common.saved'));
            setCancelling(null);
          } catch (e) {
            onError(e);
          }
        }}>
        <Input.TextArea rows={2} maxLength={200} placeholder={t('engagement.tasks.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWork = me.permissions['engagement.work'] !== undefined;
  const views: View[] = [...(canWork ? (['mine'] as const) : []), 'overdue', ...(me.permissions['engagement.team'] ? (['team'] as const) : [])];
  return (
    <div data-testid="tasks-page">
      <PageTitle title={t('engagement.tasks.title')} />
      <Tabs destroyOnHidden items={views.map((v) => ({ key: v, label: <span data-testid={`tasks-tab-${v}`}>{t(`engagement.tasks.${v}`)}</span>, children: <TaskTable view={v} canWork={canWork} /> }))} />
    </div>
  );
}
