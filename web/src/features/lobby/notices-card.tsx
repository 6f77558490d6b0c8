// The board's notices (显示屏公告) of one outlet: the lobby manager (console) or head office (set-up
// page) posts, edits and removes the lines the lobby TV shows; the board updates live. Holders of
// lobby.setup edit; everyone else sees the list.
// data-testid: lobby-notices, notice-add, notice-<id>, notice-edit-<id>, notice-remove-<id>, notice-remove-ok-<id>,
// notice-dialog, notice-zh, notice-en, notice-submit
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LobbyNotice, NoticeBody } from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../components/use-api-error';
import { useNotices, useRemoveNotice, useSaveNotice } from './api';
import { shanghaiTime } from './shared';

export function NoticesCard({ branchId, bordered = true }: { branchId: number; bordered?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useNotices(branchId);
  const save = useSaveNotice();
  const remove = useRemoveNotice();
  const [editing, setEditing] = useState<LobbyNotice | 'new' | null>(null);
  const [form] = Form.useForm<NoticeBody>();
  const editable = can('lobby.setup');

  const open = (n: LobbyNotice | 'new') => setEditing(n);
  const initial: NoticeBody = editing && editing !== 'new' ? { textZh: editing.textZh, textEn: editing.textEn } : { textZh: '', textEn: '' };
  const submit = async () => {
    const body = await form.validateFields();
    save.mutate(
      { branchId, id: editing && editing !== 'new' ? editing.id : undefined, body },
      { onSuccess: () => { setEditing(null); void message.success(t('lobby.notices.saved')); }, onError: (e) => showError(e) },
    );
  };

  const items = list.data ?? [];
  return (
    <Card
      size="small"
      variant={bordered ? 'outlined' : 'borderless'}
      title={<Space><NotificationOutlined />{t('lobby.notices.title')}</Space>}
      extra={editable ? <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="notice-add">{t('lobby.notices.add')}</Button> : null}
      data-testid="lobby-notices"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.notices.none')} />
      ) : (
        <Flex vertical gap={8}>
          {items.map((n) => (
            <Flex key={n.id} justify="space-between" align="flex-start" gap={8} data-testid={`notice-${n.id}`}>
              <div>
                <Typography.Text>{n.textZh}</Typography.Text>
                {n.textEn ? <div><Typography.Text type="secondary">{n.textEn}</Typography.Text></div> : null}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('lobby.notices.by', { name: n.updatedByName ?? n.createdByName ?? '—', time: shanghaiTime(n.updatedAt) })}
                  </Typography.Text>
                </div>
              </div>
              {editable ? (
                <Space size={4}>
                  <Button size="small" type="text" icon={<EditOutlined />} onClick={() => open(n)} data-testid={`notice-edit-${n.id}`} aria-label={t('common.edit')} />
                  <Popconfirm
                    title={t('lobby.notices.removeConfirm')}
                    onConfirm={() => remove.mutate(n.id, { onError: (e) => showError(e) })}
                    okText={t('common.yes')}
                    cancelText={t('common.no')}
                    okButtonProps={{ 'data-testid': `notice-remove-ok-${n.id}` } as Record<string, string>}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid={`notice-remove-${n.id}`} aria-label={t('lobby.notices.remove')} />
                  </Popconfirm>
                </Space>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('lobby.notices.add') : t('lobby.notices.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'notice-submit' } as Record<string, string>}
        destroyOnHidden
        data-testid="notice-dialog"
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
          <Form.Item name="textZh" label={t('lobby.notices.textZh')} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('lobby.notices.textZhRule') }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="notice-zh" />
          </Form.Item>
          <Form.Item name="textEn" label={t('lobby.notices.textEn')} rules={[{ max: 400 }]}>
            <Input.TextArea rows={2} maxLength={400} data-testid="notice-en" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
