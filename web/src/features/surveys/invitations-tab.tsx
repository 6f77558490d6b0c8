// Invitations of the caller's branches: issue a one-time link and its QR code (shown once).
// data-testid: si-list, si-status, si-link-<id>, si-link-modal, si-link-path, si-qr
import { useState } from 'react';
import { Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SURVEY_INVITATION_STATUSES, type SurveyInvitation, type SurveyLink } from '@contracts/surveys';
import { useApiError } from '../../components/use-api-error';
import { useNamePick } from '../../app/lang';
import { useInvitations, useIssueLink } from './api';

const COLORS: Record<string, string> = { drawn: 'default', sent: 'blue', answered: 'green', expired: 'orange' };

export function InvitationsTab() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = useInvitations({ invitationStatus: status, page, pageSize: 20 });
  const issue = useIssueLink();
  const onError = useApiError();
  const [link, setLink] = useState<SurveyLink | null>(null);
  const full = link ? `${window.location.origin}${link.path}` : '';

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Select allowClear placeholder={t('surveys.r.all')} style={{ width: 180 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} data-testid="si-status"
        options={SURVEY_INVITATION_STATUSES.map((s) => ({ value: s, label: t(`surveys.status.${s}`) }))} />
      <Table
        data-testid="si-list"
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 800 }}
        columns={[
          { title: '', key: 'p', render: (_: unknown, i: SurveyInvitation) => `${pick(i.programmeNameZh, i.programmeNameEn)} · ${i.wave}` },
          { title: '', key: 'c', render: (_: unknown, i: SurveyInvitation) => `${i.customerName}（${i.customerNo}）` },
          { title: '', dataIndex: 'branchName', key: 'b' },
          { title: '', dataIndex: 'channel', key: 'ch' },
          { title: '', key: 's', render: (_: unknown, i: SurveyInvitation) => <Tag color={COLORS[i.status]}>{t(`surveys.status.${i.status}`)}</Tag> },
          { title: '', key: 'a', render: (_: unknown, i: SurveyInvitation) => i.status === 'answered' ? null : (
            <Button size="small" data-testid={`si-link-${i.id}`} loading={issue.isPending && issue.variables === i.id}
              onClick={() => issue.mutate(i.id, { onSuccess: setLink, onError: (e) => onError(e) })}>{t('surveys.i.link')}</Button>
          ) },
        ]}
      />
      <Modal open={link !== null} onCancel={() => setLink(null)} footer={null} title={t('surveys.i.linkTitle')} data-testid="si-link-modal">
        {link && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('surveys.i.linkNote')}</Typography.Text>
            <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}`} alt={t('surveys.i.linkTitle')} width={220} height={220} style={{ display: 'block', margin: '0 auto' }} data-testid="si-qr" />
            <Typography.Paragraph copyable={{ text: full }} data-testid="si-link-path" style={{ wordBreak: 'break-all' }}>{full}</Typography.Paragraph>
            <Typography.Text>{t('surveys.i.expires')}: {new Date(link.expiresAt).toLocaleString()}</Typography.Text>
          </Space>
        )}
      </Modal>
    </Space>
  );
}
