// One complaint: its facts (personal data masked unless revealed, audited), the deadline, the
// workflow's buttons, the append-only history, attachments, root cause and the call-back.
// data-testid: complaint-no, complaint-status, complaint-deadline, complaint-history, history-<action>, complaint-attachments,
// attachment-upload, complaint-root-cause, complaint-reveal
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Modal, Row, Tag, Timeline, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ComplaintDetail } from '@contracts/quality';
import { api, download } from '../../app/api';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { PageTitle } from '../../components/page-title';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useComplaint, uploadFile } from './api';
import { ComplaintActions } from './complaint-actions';
import { DeadlineTag } from './shared';

function Reveal({ id }: { id: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<{ name: string | null; mobile: string | null } | null>(null);
  const onError = useApiError();
  if (shown) return <Typography.Text data-testid="complaint-revealed">{[shown.name, shown.mobile].filter(Boolean).join(' · ')}</Typography.Text>;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="complaint-reveal">{t('quality.detail.reveal')}</Button>
      <Modal
        open={open}
        title={t('quality.detail.reveal')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: reason.trim().length < 4 }}
        onOk={() =>
          api<{ name: string | null; mobile: string | null }>(`/api/complaints/${id}/reveal`, { method: 'POST', body: { reason } })
            .then((r) => {
              setShown(r);
              setOpen(false);
            })
            .catch(onError)
        }
      >
        <Input placeholder={t('quality.detail.revealReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

function Facts({ k }: { k: ComplaintDetail }) {
  const { t } = useTranslation();
  const none = t('quality.detail.none');
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label={t('quality.list.complainant')}>
        <Flex gap={8} align="center" wrap>
          {k.complainantName ?? none} · {t(`quality.complainant.${k.complainantType}`)} {k.contactMobile ? `· ${k.contactMobile}` : ''}
          {k.allowed.includes('extend') || k.allowed.includes('callback') ? <Reveal id={k.id} /> : null}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('quality.intake.channel')}>{t(`quality.channel.${k.channel}`)}</Descriptions.Item>
      <Descriptions.Item label={t('quality.intake.category')}>{t(`quality.category.${k.category}`)}</Descriptions.Item>
      <Descriptions.Item label={t('quality.intake.businessLine')}>{t(`quality.line.${k.businessLine}`)}</Descriptions.Item>
      <Descriptions.Item label={t('quality.list.branch')}>{k.branchName}</Descriptions.Item>
      <Descriptions.Item label={t('quality.detail.aboutStaff')}>{k.aboutStaff.map((s) => s.name).join('、') || none}</Descriptions.Item>
      <Descriptions.Item label={t('quality.detail.amount')}>{k.amountInDispute ? formatYuan(k.amountInDispute) : none}</Descriptions.Item>
      <Descriptions.Item label={t('quality.list.handler')}>{k.handlerName ?? <Tag color="warning">{t('quality.list.unassigned')}</Tag>}</Descriptions.Item>
      <Descriptions.Item label={t('quality.list.acceptedOn')}>{k.acceptedOn}</Descriptions.Item>
      <Descriptions.Item label={t('quality.detail.dueOn')}>
        <span data-testid="complaint-deadline">{k.dueOn} <DeadlineTag state={k.deadlineState} daysLeft={k.daysLeft} /></span>
        {k.extensionLevel > 0 ? <Tag>{t('quality.list.ext', { n: k.extensionLevel })}</Tag> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('quality.intake.description')} span={2}>{k.description}</Descriptions.Item>
      <Descriptions.Item label={t('quality.detail.request')} span={2}>{k.customerRequest || none}</Descriptions.Item>
      {k.decision ? (
        <Descriptions.Item label={t('quality.detail.decision')} span={2}>
          {k.decision} {k.toldVia ? <Tag>{t(`quality.toldVia.${k.toldVia}`)}</Tag> : null} {k.decidedOn ?? ''}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

export function ComplaintPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useComplaint(id);
  const qc = useQueryClient();
  const onError = useApiError();
  const [uploading, setUploading] = useState(false);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <FullSpin />;
  const k = q.data;

  return (
    <>
      <PageTitle
        title={<span data-testid="complaint-no">{k.complaintNo}</span>}
        subtitle={<Tag color="processing" data-testid="complaint-status">{t(`quality.status.${k.status}`)}</Tag>}
        extra={<ComplaintActions complaint={k} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('quality.detail.facts')}>
            <Facts k={k} />
          </Card>
          {k.rootCause ? (
            <Card title={t('quality.detail.rootCause')} style={{ marginTop: 16 }} data-testid="complaint-root-cause">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('quality.form.rootCause')}>{t(`quality.rootCause.${k.rootCause}`)} {k.rootCauseNote ?? ''}</Descriptions.Item>
                <Descriptions.Item label={t('quality.form.correctiveAction')}>{k.correctiveAction}</Descriptions.Item>
                <Descriptions.Item label={t('quality.detail.owner')}>{k.correctiveOwnerName} · {k.correctiveDueOn}</Descriptions.Item>
                {k.callbackSatisfaction ? <Descriptions.Item label={t('quality.detail.satisfaction')}>{'★'.repeat(k.callbackSatisfaction)} {k.callbackNote}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
          ) : null}
          <Card
            title={t('quality.detail.attachments')}
            style={{ marginTop: 16 }}
            data-testid="complaint-attachments"
            extra={k.allowed.includes('attach') ? (
              <Upload
                showUploadList={false}
                accept="image/jpeg,image/png,application/pdf"
                customRequest={({ file }) => {
                  setUploading(true);
                  uploadFile<ComplaintDetail>(`/api/complaints/${k.id}/attachments`, file as File)
                    .then((d) => qc.setQueryData(['complaints', 'one', k.id], d))
                    .catch(onError)
                    .finally(() => setUploading(false));
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">{t('quality.detail.upload')}</Button>
              </Upload>
            ) : null}
          >
            {k.attachments.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <Flex vertical gap={4}>
                {k.attachments.map((f) => (
                  <Button key={f.id} type="link" icon={<PaperClipOutlined />} style={{ justifyContent: 'flex-start' }}
                    onClick={() => void download(`/api/complaints/${k.id}/attachments/${f.id}`, undefined, f.fileName).catch(onError)}>
                    {f.fileName} · {Math.ceil(f.sizeBytes / 1024)} KB · {f.uploadedByName ?? ''}
                  </Button>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('quality.detail.history')} data-testid="complaint-history">
            <Timeline
              items={k.history.map((h) => ({
                key: h.id,
                color: h.action === 'extend' ? 'orange' : h.action === 'decide' || h.action === 'close' ? 'green' : 'blue',
                content: (
                  <div data-testid={`history-${h.action}`}>
                    <Typography.Text strong>{t(`quality.action.${h.action}`, { defaultValue: h.action })}</Typography.Text>
                    {h.toStatus && h.toStatus !== h.fromStatus ? <Tag style={{ marginLeft: 8 }}>{t(`quality.status.${h.toStatus}`)}</Tag> : null}
                    <div><Typography.Text type="secondary">{dayjs(h.at).format('YYYY-MM-DD HH:mm')} · {h.staffName ?? ''}</Typography.Text></div>
                    {h.note ? <div>{h.note}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
