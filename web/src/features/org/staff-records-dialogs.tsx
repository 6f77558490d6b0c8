// Certificate and qualification dialogs of a staff member.
// data-testid: cert-form-type, cert-form-number, cert-form-issued, cert-form-expires, cert-form-submit;
// qual-form-<ethics|knowledge|experience|health|cleanRecord>, qual-form-notes, qual-form-date,
// qual-form-submit
import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { StaffDetail } from '@contracts/org';
import { api } from '../../app/api';
import { useNamePick } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { staffKey, useCertificateTypes, useWrite } from './api';

const ISO = 'YYYY-MM-DD';

/** The seed's five conditions for appointing an RM, in its order. */
export const QUALIFICATION_ITEMS = ['ethics', 'knowledge', 'experience', 'health', 'cleanRecord'] as const;
export type QualificationItem = (typeof QUALIFICATION_ITEMS)[number];

type DialogProps = { staff: StaffDetail; open: boolean; onClose: () => void };
type CertValues = { typeCode: string; number: string; issuedOn: Dayjs; expiresOn?: Dayjs | null };

export function AddCertificateModal({ staff, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const types = useCertificateTypes();
  const [form] = Form.useForm<CertValues>();
  const write = useWrite(
    (v: { typeCode: string; number: string; issuedOn: string; expiresOn: string | null }) =>
      api(`/api/staff/${staff.id}/certificates`, { method: 'POST', body: v }),
    [staffKey(staff.id), ['certificates']],
  );

  const submit = async (v: CertValues) => {
    try {
      await write.mutateAsync({
        typeCode: v.typeCode,
        number: v.number.trim(),
        issuedOn: v.issuedOn.format(ISO),
        expiresOn: v.expiresOn ? v.expiresOn.format(ISO) : null,
      });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('staff.addCertificate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'cert-form-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<CertValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="typeCode" label={t('certs.type')} rules={[{ required: true, message: t('certs.typeRequired') }]}>
          <Select
            data-testid="cert-form-type"
            loading={types.isPending}
            options={(types.data ?? []).map((c) => ({ value: c.code, label: pick(c.nameZh, c.nameEn) }))}
          />
        </Form.Item>
        <Form.Item name="number" label={t('certs.number')} rules={[{ required: true, whitespace: true, max: 50, message: t('certs.numberRequired') }]}>
          <Input maxLength={50} data-testid="cert-form-number" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('certs.issuedOn')} rules={[{ required: true, message: t('certs.issuedRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="cert-form-issued" />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('certs.expiresOn')}
          extra={t('certs.noExpiry')}
          dependencies={['issuedOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null | undefined) => {
                const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                return !value || !issued || value.isAfter(issued)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('certs.expiryAfterIssue')));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="cert-form-expires" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type QualValues = Record<QualificationItem, boolean> & { notes?: string; assessedOn: Dayjs };

export function QualificationModal({ staff, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<QualValues>();
  const write = useWrite(
    (v: Record<QualificationItem, boolean> & { notes: string; assessedOn: string }) =>
      api(`/api/staff/${staff.id}/qualification`, { method: 'POST', body: v }),
    [staffKey(staff.id)],
  );
  const q = staff.qualification;

  const submit = async (v: QualValues) => {
    try {
      await write.mutateAsync({
        ethics: Boolean(v.ethics),
        knowledge: Boolean(v.knowledge),
        experience: Boolean(v.experience),
        health: Boolean(v.health),
        cleanRecord: Boolean(v.cleanRecord),
        notes: (v.notes ?? '').trim(),
        assessedOn: v.assessedOn.format(ISO),
      });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('staff.recordQualification', { name: staff.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'qual-form-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<QualValues>
        form={form}
        layout="vertical"
        initialValues={{
          ethics: q?.ethics ?? false,
          knowledge: q?.knowledge ?? false,
          experience: q?.experience ?? false,
          health: q?.health ?? false,
          cleanRecord: q?.cleanRecord ?? false,
          notes: q?.notes ?? '',
          assessedOn: dayjs(),
        }}
        onFinish={(v) => void submit(v)}
      >
        {QUALIFICATION_ITEMS.map((k) => (
          <Form.Item key={k} name={k} valuePropName="checked" style={{ marginBottom: 8 }} extra={t(`qualification.${k}Desc`)}>
            <Checkbox data-testid={`qual-form-${k}`}>{t(`qualification.${k}`)}</Checkbox>
          </Form.Item>
        ))}
        <Form.Item name="notes" label={t('qualification.notes')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="qual-form-notes" />
        </Form.Item>
        <Form.Item name="assessedOn" label={t('qualification.assessedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="qual-form-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
