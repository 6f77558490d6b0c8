// Grade change and profile edit dialogs of a staff member.
// data-testid: grade-form-grade, grade-form-step, grade-form-date, grade-form-reason, grade-form-submit;
// staff-form-name, staff-form-branch, staff-form-status, staff-form-sequence, staff-form-roles,
// staff-form-mobile, staff-form-email, staff-form-submit
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { ROLE_CODES, ROLE_LABELS, type RoleCode } from '@contracts/roles';
import { SEQUENCE_LABELS, STAFF_SEQUENCES, STAFF_STATUSES, STATUS_LABELS, type StaffDetail } from '@contracts/org';
import { mobileProblem } from '@contracts/personal-data';
import { api } from '../../app/api';
import { useBi, useNamePick } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { staffKey, useGrades, useWrite } from './api';
import { BranchSelect } from './branch-select';

const ISO = 'YYYY-MM-DD';

type DialogProps = { staff: StaffDetail; open: boolean; onClose: () => void };

type GradeValues = { gradeCode: string; step: number; effectiveOn: Dayjs; reason: string };

export function ChangeGradeModal({ staff, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const grades = useGrades();
  const [form] = Form.useForm<GradeValues>();
  const gradeCode = Form.useWatch('gradeCode', form);
  const maxStep = grades.data?.find((g) => g.code === gradeCode)?.steps ?? 20;
  const write = useWrite(
    (v: { gradeCode: string; step: number; effectiveOn: string; reason: string }) =>
      api(`/api/staff/${staff.id}/grade`, { method: 'POST', body: v }),
    [staffKey(staff.id), ['staff', 'list']],
  );

  const submit = async (v: GradeValues) => {
    try {
      await write.mutateAsync({ gradeCode: v.gradeCode, step: v.step, effectiveOn: v.effectiveOn.format(ISO), reason: v.reason.trim() });
      void message.success(t('staff.gradeChanged'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('staff.changeGradeTitle', { name: staff.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'grade-form-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<GradeValues>
        form={form}
        layout="vertical"
        initialValues={{ gradeCode: staff.gradeCode ?? undefined, step: staff.gradeStep ?? 1, effectiveOn: dayjs() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="gradeCode" label={t('staff.grade')} rules={[{ required: true, message: t('staff.gradeRequired') }]}>
          <Select
            data-testid="grade-form-grade"
            loading={grades.isPending}
            options={(grades.data ?? []).map((g) => ({
              value: g.code,
              label: `${pick(g.nameZh, g.nameEn)}（${t('grades.stepsCount', { n: g.steps })}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="step" label={t('staff.step')} rules={[{ required: true, type: 'integer', min: 1, max: maxStep, message: t('staff.stepRule', { max: maxStep }) }]}>
          <InputNumber min={1} max={maxStep} precision={0} style={{ width: '100%' }} data-testid="grade-form-step" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('staff.effectiveOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="grade-form-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('staff.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('staff.reasonRule') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="grade-form-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditValues = {
  name: string;
  branchCode: string;
  status: StaffDetail['status'];
  sequence: StaffDetail['sequence'];
  roles: RoleCode[];
  mobile?: string;
  email?: string;
};

export function EditStaffModal({ staff, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<EditValues>();
  const write = useWrite(
    (body: Partial<EditValues>) => api(`/api/staff/${staff.id}`, { method: 'PATCH', body }),
    [staffKey(staff.id), ['staff', 'list'], ['branches']],
  );

  const submit = async (v: EditValues) => {
    // Only what changed is sent; the mobile arrives masked, so an empty box means "keep it".
    const body: Partial<EditValues> = {};
    if (v.name.trim() !== staff.name) body.name = v.name.trim();
    if (v.branchCode !== staff.branchCode) body.branchCode = v.branchCode;
    if (v.status !== staff.status) body.status = v.status;
    if (v.sequence !== staff.sequence) body.sequence = v.sequence;
    if ([...v.roles].sort().join() !== [...staff.roles].sort().join()) body.roles = v.roles;
    if (v.mobile && v.mobile.trim()) body.mobile = v.mobile.trim();
    if ((v.email ?? '') !== staff.email) body.email = (v.email ?? '').trim();
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    try {
      await write.mutateAsync(body);
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('staff.editTitle', { name: staff.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'staff-form-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: staff.name,
          branchCode: staff.branchCode,
          status: staff.status,
          sequence: staff.sequence,
          roles: staff.roles,
          email: staff.email,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('staff.nameRule') }]}>
          <Input maxLength={40} data-testid="staff-form-name" />
        </Form.Item>
        <Form.Item name="branchCode" label={t('staff.branch')} rules={[{ required: true }]}>
          <BranchSelect valueField="code" allowClear={false} testId="staff-form-branch" />
        </Form.Item>
        <Form.Item name="status" label={t('staff.status')} rules={[{ required: true }]}>
          <Select data-testid="staff-form-status" options={STAFF_STATUSES.map((s) => ({ value: s, label: bi(STATUS_LABELS[s]) }))} />
        </Form.Item>
        <Form.Item name="sequence" label={t('staff.sequence')} rules={[{ required: true }]}>
          <Select data-testid="staff-form-sequence" options={STAFF_SEQUENCES.map((s) => ({ value: s, label: bi(SEQUENCE_LABELS[s]) }))} />
        </Form.Item>
        <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('staff.rolesRequired') }]}>
          <Select mode="multiple" data-testid="staff-form-roles" options={ROLE_CODES.map((r) => ({ value: r, label: bi(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('staff.mobile')}
          extra={t('staff.mobileKeep', { masked: staff.mobile || '—' })}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                if (!value || !value.trim()) return Promise.resolve();
                const p = mobileProblem(value);
                return p ? Promise.reject(new Error(bi(p))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input placeholder={staff.mobile} maxLength={20} data-testid="staff-form-mobile" />
        </Form.Item>
        <Form.Item name="email" label={t('staff.email')} rules={[{ type: 'email', message: t('staff.emailRule') }]}>
          <Input maxLength={100} data-testid="staff-form-email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
