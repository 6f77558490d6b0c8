// Reveal: the full resident ID, mobile, address and name of one customer, for a stated reason. The
// server writes the reason to the audit log and the customer's timeline before it answers.
// data-testid: reveal-dialog, reveal-reason, reveal-reason-<i> (quick reasons), reveal-submit,
// reveal-result, reveal-name, reveal-resident-id, reveal-mobile, reveal-address, reveal-close
import { useState } from 'react';
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { EyeOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RevealResult } from '@contracts/customers';
import { useApiError } from '../../components/use-api-error';
import { revealCustomer, timelineKey } from './api';

type Props = { customerId: number; maskedName: string; open: boolean; onClose: () => void; onRevealed: (r: RevealResult) => void };

const QUICK_REASONS = ['verify', 'business', 'contact', 'update'] as const;

export function RevealDialog({ customerId, maskedName, open, onClose, onRevealed }: Props) {
  const { t } = useTranslation();
  const showError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RevealResult | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const r = await revealCustomer(customerId, { reason: reason.trim() });
      setResult(r);
      onRevealed(r);
      // The reveal is on the customer's timeline now.
      void qc.invalidateQueries({ queryKey: timelineKey(customerId) });
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        <Flex align="center" gap={8}>
          <SafetyOutlined style={{ color: 'var(--patron-red)' }} />
          {t('customer.reveal.title', { name: maskedName })}
        </Flex>
      }
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => {
        setResult(null);
        form.resetFields();
      }}
      footer={
        result ? (
          <Button type="primary" onClick={onClose} data-testid="reveal-close">
            {t('customer.reveal.done')}
          </Button>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" danger icon={<EyeOutlined />} loading={busy} onClick={() => form.submit()} data-testid="reveal-submit">
              {t('customer.reveal.submit')}
            </Button>
          </Flex>
        )
      }
    >
      <div data-testid="reveal-dialog">
        {result ? (
          <div data-testid="reveal-result">
            <Alert type="warning" showIcon title={t('customer.reveal.shownHint')} style={{ marginBottom: 16 }} />
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'name', label: t('customer.name'), children: <span data-testid="reveal-name">{result.name ?? '—'}</span> },
                {
                  key: 'id',
                  label: t('customer.residentId'),
                  children: (
                    <Typography.Text copyable={!!result.residentId} data-testid="reveal-resident-id" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {result.residentId ?? '—'}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'mobile',
                  label: t('customer.mobile'),
                  children: (
                    <Typography.Text copyable={!!result.mobile} data-testid="reveal-mobile">
                      {result.mobile ?? '—'}
                    </Typography.Text>
                  ),
                },
                { key: 'address', label: t('customer.address'), children: <span data-testid="reveal-address">{result.address || '—'}</span> },
              ]}
            />
          </div>
        ) : (
          <>
            <Alert type="info" showIcon title={t('customer.reveal.auditHint')} style={{ marginBottom: 16 }} />
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
              <Form.Item
                name="reason"
                label={t('customer.reveal.reason')}
                rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('customer.reveal.reasonRule') }]}
              >
                <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('customer.reveal.reasonPlaceholder')} data-testid="reveal-reason" />
              </Form.Item>
              <Flex gap={6} wrap>
                {QUICK_REASONS.map((k, i) => (
                  <Tag.CheckableTag
                    key={k}
                    checked={false}
                    onChange={() => form.setFieldsValue({ reason: t(`customer.reveal.quick.${k}`) })}
                    data-testid={`reveal-reason-${i}`}
                    style={{ border: '1px solid #d9d9d9' }}
                  >
                    {t(`customer.reveal.quick.${k}`)}
                  </Tag.CheckableTag>
                ))}
              </Flex>
            </Form>
          </>
        )}
      </div>
    </Modal>
  );
}
