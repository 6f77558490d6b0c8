// The quick actions of the lobby manager's console and the teller's console, one dialog each:
// re-route (transfer) a ticket, record guidance, take a complaint, refer a possible premium customer
// to an RM, record an incident, report a device fault.
// data-testid: action-dialog (data-kind), action-submit, and a field id per input: action-<field>
import { useEffect } from 'react';
import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_KIND_LABELS, GUIDANCE_KINDS, GUIDANCE_KIND_LABELS, INCIDENT_KINDS, INCIDENT_KIND_LABELS, type Counter, type Device, type Ticket, type Zone,
} from '@contracts/lobby';
import { useBi, useNamePick } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { useBusinessTypes, useComplaint, useGuidance, useIncident, useReferral, useReportFault, useTransferTicket } from './api';

export type ActionKind = 'transfer' | 'guidance' | 'complaint' | 'referral' | 'incident' | 'fault';
export const COMPLAINT_CATEGORIES = ['waiting', 'attitude', 'error', 'fees', 'environment', 'product', 'other'] as const;

type Props = {
  kind: ActionKind | null;
  branchId: number;
  ticket?: Ticket | null;
  zones?: Zone[];
  counters?: Counter[];
  devices?: Device[];
  onClose: () => void;
  onDone?: (message: string) => void;
};

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function ActionDialog({ kind, branchId, ticket, zones = [], counters = [], devices = [], onClose, onDone }: Props) {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const types = useBusinessTypes(kind === 'transfer' || kind === 'guidance');
  const transfer = useTransferTicket();
  const guidance = useGuidance();
  const complaint = useComplaint();
  const referral = useReferral();
  const incident = useIncident();
  const fault = useReportFault();
  const busy = transfer.isPending || guidance.isPending || complaint.isPending || referral.isPending || incident.isPending || fault.isPending;
  const zoneCode = Form.useWatch('zoneCode', form) as string | undefined;

  useEffect(() => {
    if (kind) form.resetFields();
  }, [kind, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const customer = ticket?.customerId ? { customerId: ticket.customerId } : {};
    const withTicket = ticket ? { ticketId: ticket.id } : {};
    try {
      if (kind === 'transfer' && ticket) {
        const r = await transfer.mutateAsync({
          id: ticket.id,
          body: { zoneCode: String(v.zoneCode), counterId: num(v.counterId), businessCode: str(v.businessCode), reason: str(v.reason) ?? '' },
        });
        onDone?.(t('lobby.actions.transferred', { from: r.from.number, to: r.to.number }));
      } else if (kind === 'guidance') {
        await guidance.mutateAsync({ branchId, kind: v.kind as (typeof GUIDANCE_KINDS)[number], businessCode: str(v.businessCode), ...customer, note: str(v.note) ?? '' });
        onDone?.(t('lobby.actions.recorded'));
      } else if (kind === 'complaint') {
        await complaint.mutateAsync({
          branchId,
          ...withTicket,
          ...customer,
          contactName: str(v.contactName),
          contactMobile: str(v.contactMobile),
          category: v.category as (typeof COMPLAINT_CATEGORIES)[number],
          description: String(v.description),
          actionTaken: str(v.actionTaken) ?? '',
          resolvedOnSpot: v.resolvedOnSpot === true,
        });
        onDone?.(t('lobby.actions.recorded'));
      } else if (kind === 'referral') {
        const r = await referral.mutateAsync({
          branchId,
          ...withTicket,
          ...customer,
          contactName: str(v.contactName),
          contactMobile: str(v.contactMobile),
          estimatedAssets: num(v.estimatedAssets) !== undefined ? String(num(v.estimatedAssets)) : undefined,
          note: String(v.note),
        });
        onDone?.(r.rmName ? t('lobby.actions.referredTo', { name: r.rmName }) : t('lobby.actions.recorded'));
      } else if (kind === 'incident') {
        await incident.mutateAsync({ branchId, kind: v.kind as (typeof INCIDENT_KINDS)[number], description: String(v.description), actionsTaken: str(v.actionsTaken) ?? '', deviceId: num(v.deviceId) });
        onDone?.(t('lobby.actions.recorded'));
      } else if (kind === 'fault') {
        await fault.mutateAsync({ deviceId: Number(v.deviceId), description: String(v.description) });
        onDone?.(t('lobby.actions.recorded'));
      }
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  const required = [{ required: true, message: t('lobby.actions.required') }];
  const min2 = [...required, { min: 2, message: t('lobby.actions.min2') }];
  const mobileRule = [{ pattern: /^1\d{10}$/, message: t('lobby.actions.badMobile') }];
  const businessOptions = (types.data ?? []).filter((b) => b.active).map((b) => ({ value: b.code, label: pick(b.nameZh, b.nameEn) }));
  const walkIn = !ticket?.customerId;

  let fields: React.ReactNode = null;
  if (kind === 'transfer') {
    fields = (
      <>
        <Form.Item name="zoneCode" label={t('lobby.actions.toZone')} rules={required}>
          <Select data-testid="action-zone" options={zones.filter((z) => z.active && z.code !== ticket?.zoneCode).map((z) => ({ value: z.code, label: pick(z.nameZh, z.nameEn) }))} />
        </Form.Item>
        <Form.Item name="counterId" label={t('lobby.actions.toCounter')}>
          <Select
            allowClear
            data-testid="action-counter"
            options={counters.filter((c) => c.zoneCode === zoneCode && c.status !== 'closed').map((c) => ({ value: c.id, label: t('lobby.common.counterNo', { n: c.number }) }))}
          />
        </Form.Item>
        <Form.Item name="businessCode" label={t('lobby.actions.business')}>
          <Select allowClear data-testid="action-business" options={businessOptions} />
        </Form.Item>
        <Form.Item name="reason" label={t('lobby.actions.reason')}>
          <Input maxLength={200} data-testid="action-reason" />
        </Form.Item>
      </>
    );
  } else if (kind === 'guidance') {
    fields = (
      <>
        <Form.Item name="kind" label={t('lobby.actions.guidanceKind')} rules={required} initialValue="self_service">
          <Select data-testid="action-kind" options={GUIDANCE_KINDS.map((k) => ({ value: k, label: bi(GUIDANCE_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="businessCode" label={t('lobby.actions.business')}>
          <Select allowClear data-testid="action-business" options={businessOptions} />
        </Form.Item>
        <Form.Item name="note" label={t('lobby.actions.note')}>
          <Input maxLength={200} data-testid="action-note" />
        </Form.Item>
      </>
    );
  } else if (kind === 'complaint') {
    fields = (
      <>
        {walkIn ? (
          <>
            <Form.Item name="contactName" label={t('lobby.actions.contactName')}>
              <Input maxLength={30} data-testid="action-contact-name" />
            </Form.Item>
            <Form.Item name="contactMobile" label={t('lobby.actions.contactMobile')} rules={mobileRule}>
              <Input maxLength={11} data-testid="action-contact-mobile" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="category" label={t('lobby.actions.category')} rules={required}>
          <Select data-testid="action-category" options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`lobby.complaintCategory.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lobby.actions.description')} rules={min2}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="action-description" />
        </Form.Item>
        <Form.Item name="actionTaken" label={t('lobby.actions.actionTaken')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="action-action-taken" />
        </Form.Item>
        <Form.Item name="resolvedOnSpot" valuePropName="checked">
          <Checkbox data-testid="action-resolved">{t('lobby.actions.resolvedOnSpot')}</Checkbox>
        </Form.Item>
      </>
    );
  } else if (kind === 'referral') {
    fields = (
      <>
        {walkIn ? (
          <>
            <Form.Item name="contactName" label={t('lobby.actions.contactName')}>
              <Input maxLength={30} data-testid="action-contact-name" />
            </Form.Item>
            <Form.Item name="contactMobile" label={t('lobby.actions.contactMobile')} rules={mobileRule}>
              <Input maxLength={11} data-testid="action-contact-mobile" />
            </Form.Item>
          </>
        ) : (
          <p>{t('lobby.actions.referralCustomer', { name: ticket?.customerName ?? '' })}</p>
        )}
        <Form.Item name="estimatedAssets" label={t('lobby.actions.estimatedAssets')}>
          <InputNumber min={0} step={10000} style={{ width: '100%' }} data-testid="action-assets" />
        </Form.Item>
        <Form.Item name="note" label={t('lobby.actions.referralNote')} rules={min2}>
          <Input.TextArea rows={3} maxLength={500} data-testid="action-note" />
        </Form.Item>
      </>
    );
  } else if (kind === 'incident') {
    fields = (
      <>
        <Form.Item name="kind" label={t('lobby.actions.incidentKind')} rules={required}>
          <Select data-testid="action-kind" options={INCIDENT_KINDS.map((k) => ({ value: k, label: bi(INCIDENT_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="deviceId" label={t('lobby.actions.device')}>
          <Select allowClear data-testid="action-device" options={devices.map((d) => ({ value: d.id, label: `${d.label} · ${bi(DEVICE_KIND_LABELS[d.kind])}` }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lobby.actions.description')} rules={min2}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="action-description" />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('lobby.actions.actionTaken')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="action-action-taken" />
        </Form.Item>
      </>
    );
  } else if (kind === 'fault') {
    fields = (
      <>
        <Form.Item name="deviceId" label={t('lobby.actions.device')} rules={required}>
          <Select data-testid="action-device" options={devices.map((d) => ({ value: d.id, label: `${d.label} · ${bi(DEVICE_KIND_LABELS[d.kind])}` }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lobby.actions.description')} rules={min2}>
          <Input.TextArea rows={3} maxLength={500} data-testid="action-description" />
        </Form.Item>
      </>
    );
  }

  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`lobby.actions.${kind}`) + (ticket ? ` · ${ticket.number}` : '') : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'action-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <div data-testid="action-dialog" data-kind={kind ?? ''}>
        <Form form={form} layout="vertical" preserve={false}>
          {fields}
        </Form>
      </div>
    </Modal>
  );
}
