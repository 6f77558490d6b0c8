// Create / edit / move / close dialogs of the branch tree.
// data-testid: branch-form (modal), branch-form-code, branch-form-name, branch-form-level,
// branch-form-parent, branch-form-address, branch-form-phone, branch-form-wealth, branch-form-opened,
// branch-form-submit; branch-move-parent, branch-move-submit; branch-close-date, branch-close-reason,
// branch-close-submit
import { useMemo } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { BRANCH_LEVELS, BRANCH_LEVEL_LABELS, type Branch, type BranchLevel, type CreateBranchBody } from '@contracts/org';
import { api } from '../../app/api';
import { useBi } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { BRANCHES_KEY, useBranches, useWrite } from './api';
import { BranchSelect } from './branch-select';
import { CHILD_LEVEL, subtreeIds } from './branch-tree';

const ISO = 'YYYY-MM-DD';

type FormValues = {
  code: string;
  name: string;
  level: BranchLevel;
  parentCode?: string;
  address?: string;
  phone?: string;
  isWealthCentre: boolean;
  openedOn?: Dayjs | null;
};

type FormProps = {
  open: boolean;
  onClose: () => void;
  /** Edit this branch; without it a new branch is created. */
  editing?: Branch;
  /** Parent preset for "new child". */
  parent?: Branch;
  /** Called with the new branch's id and its parent's code, so the page can reveal it. */
  onCreated?: (id: number, parentCode: string | null) => void;
};

export function BranchFormModal({ open, onClose, editing, parent, onCreated }: FormProps) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const create = useWrite((b: CreateBranchBody) => api<{ id: number }>('/api/branches', { method: 'POST', body: b }), [BRANCHES_KEY]);
  const update = useWrite(
    (b: { id: number; name: string; address: string; phone: string; isWealthCentre: boolean }) =>
      api<Branch>(`/api/branches/${b.id}`, {
        method: 'PATCH',
        body: { name: b.name, address: b.address, phone: b.phone, isWealthCentre: b.isWealthCentre },
      }),
    [BRANCHES_KEY],
  );

  // The modal unmounts its body when hidden, so these apply afresh on every opening.
  const initialValues: Partial<FormValues> = editing
    ? { name: editing.name, address: editing.address, phone: editing.phone, isWealthCentre: editing.isWealthCentre }
    : { level: parent ? CHILD_LEVEL[parent.level] : 'outlet', parentCode: parent?.code, isWealthCentre: false };

  const submit = async (v: FormValues) => {
    try {
      if (editing) {
        await update.mutateAsync({
          id: editing.id,
          name: v.name,
          address: v.address ?? '',
          phone: v.phone ?? '',
          isWealthCentre: v.isWealthCentre,
        });
      } else {
        const parentCode = v.level === 'head_office' ? null : (v.parentCode ?? null);
        const res = await create.mutateAsync({
          code: v.code,
          name: v.name,
          level: v.level,
          parentCode,
          address: v.address ?? '',
          phone: v.phone ?? '',
          isWealthCentre: v.isWealthCentre,
          openedOn: v.openedOn ? v.openedOn.format(ISO) : null,
        });
        onCreated?.(res.id, parentCode);
      }
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('branches.editTitle', { name: editing.name }) : t('branches.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending || update.isPending, 'data-testid': 'branch-form-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      data-testid="branch-form"
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        {editing ? null : (
          <>
            <Form.Item name="code" label={t('branches.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,20}$/, message: t('branches.codeRule') }]}>
              <Input data-testid="branch-form-code" maxLength={20} />
            </Form.Item>
            <Form.Item name="level" label={t('branches.level')} rules={[{ required: true }]}>
              <Select
                data-testid="branch-form-level"
                options={BRANCH_LEVELS.map((l) => ({ value: l, label: bi(BRANCH_LEVEL_LABELS[l]) }))}
              />
            </Form.Item>
            <Form.Item noStyle dependencies={['level']}>
              {({ getFieldValue }) =>
                getFieldValue('level') === 'head_office' ? null : (
                  <Form.Item name="parentCode" label={t('branches.parent')} rules={[{ required: true, message: t('branches.parentRequired') }]}>
                    <BranchSelect valueField="code" testId="branch-form-parent" />
                  </Form.Item>
                )
              }
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('branches.name')} rules={[{ required: true, min: 2, max: 100, message: t('branches.nameRule') }]}>
          <Input data-testid="branch-form-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('branches.address')}>
          <Input data-testid="branch-form-address" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('branches.phone')}>
          <Input data-testid="branch-form-phone" maxLength={30} />
        </Form.Item>
        <Form.Item name="isWealthCentre" label={t('branches.wealthCentre')} valuePropName="checked">
          <Switch data-testid="branch-form-wealth" />
        </Form.Item>
        {editing ? null : (
          <Form.Item name="openedOn" label={t('branches.openedOn')}>
            <DatePicker data-testid="branch-form-opened" style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function MoveBranchModal({ branch, onClose }: { branch: Branch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const branches = useBranches();
  const [form] = Form.useForm<{ parentCode: string }>();
  const move = useWrite(
    (v: { id: number; parentCode: string }) => api(`/api/branches/${v.id}/move`, { method: 'POST', body: { parentCode: v.parentCode } }),
    [BRANCHES_KEY, ['staff']],
  );
  const blocked = useMemo(
    () => (branch && branches.data ? subtreeIds(branches.data, branch.id) : new Set<number>()),
    [branch, branches.data],
  );

  const submit = async (v: { parentCode: string }) => {
    if (!branch) return;
    try {
      await move.mutateAsync({ id: branch.id, parentCode: v.parentCode });
      void message.success(t('branches.moved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={branch !== null}
      title={t('branches.moveTitle', { name: branch?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('branches.move')}
      okButtonProps={{ loading: move.isPending, 'data-testid': 'branch-move-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Alert type="info" showIcon title={t('branches.moveHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="parentCode" label={t('branches.newParent')} rules={[{ required: true, message: t('branches.parentRequired') }]}>
          <BranchSelect valueField="code" disabledIds={blocked} testId="branch-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CloseBranchModal({ branch, onClose }: { branch: Branch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ closedOn: Dayjs; reason: string }>();
  const close = useWrite(
    (v: { id: number; closedOn: string; reason: string }) =>
      api(`/api/branches/${v.id}/close`, { method: 'POST', body: { closedOn: v.closedOn, reason: v.reason } }),
    [BRANCHES_KEY],
  );

  const submit = async (v: { closedOn: Dayjs; reason: string }) => {
    if (!branch) return;
    try {
      await close.mutateAsync({ id: branch.id, closedOn: v.closedOn.format(ISO), reason: v.reason.trim() });
      void message.success(t('branches.closedDone'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={branch !== null}
      title={t('branches.closeTitle', { name: branch?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('branches.close')}
      okButtonProps={{ danger: true, loading: close.isPending, 'data-testid': 'branch-close-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      {branch && branch.staffCount > 0 ? (
        <Alert type="warning" showIcon title={t('branches.closeHasStaff', { n: branch.staffCount })} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ closedOn: dayjs() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="closedOn" label={t('branches.closedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="branch-close-date" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('branches.closeReason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('branches.reasonRule') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="branch-close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
