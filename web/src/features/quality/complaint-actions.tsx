// The workflow's buttons and their dialogs: each asks only what its step needs.
// data-testid: action-<action>, action-dialog, action-handler, action-decision, action-told-via, action-note,
// action-root-cause, action-corrective, action-owner, action-due, action-level, action-reason, action-satisfaction, action-confirm
import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Modal, Radio, Rate, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { COMPLAINT_ROOT_CAUSES, COMPLAINT_TOLD_VIA, type ComplaintDetail, type ComplaintStepAction } from '@contracts/quality';
import { useApiError } from '../../components/use-api-error';
import { useComplaintMove, useHandlers, type ComplaintMove } from './api';
import { useBranchStaff } from './shared';

type Values = {
  handlerStaffId?: number; note?: string; decision?: string; toldVia?: string; rootCause?: string; rootCauseNote?: string; correctiveAction?: string;
  correctiveOwnerId?: number; correctiveDueOn?: Dayjs; extensionLevel?: 1 | 2; reason?: string; satisfaction?: number;
};

const ORDER = ['assign', 'investigate', 'propose', 'reject_proposal', 'decide', 'dispute', 'close', 'withdraw', 'extend', 'callback'] as const;
const NO_DIALOG = new Set(['investigate']);

export function ComplaintActions({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const move = useComplaintMove(complaint.id);
  const onError = useApiError();
  const handlers = useHandlers(complaint.branchId, open === 'assign');
  const staff = useBranchStaff(open === 'close' ? complaint.branchId : undefined);

  const toMove = (action: string, v: Values): ComplaintMove => {
    if (action === 'assign') return { kind: 'assign', body: { handlerStaffId: v.handlerStaffId!, note: v.note ?? '' } };
    if (action === 'extend') return { kind: 'extend', body: { extensionLevel: v.extensionLevel ?? 1, reason: v.reason ?? '', toldVia: (v.toldVia ?? 'phone') as 'phone' } };
    if (action === 'callback') return { kind: 'callback', body: { satisfaction: v.satisfaction ?? 5, note: v.note ?? '' } };
    return {
      kind: 'step', action: action as ComplaintStepAction,
      body: {
        note: v.note ?? '', decision: v.decision || undefined, toldVia: v.toldVia as 'phone' | undefined, rootCause: v.rootCause as 'other' | undefined,
        rootCauseNote: v.rootCauseNote || undefined, correctiveAction: v.correctiveAction || undefined, correctiveOwnerId: v.correctiveOwnerId,
        correctiveDueOn: v.correctiveDueOn?.format('YYYY-MM-DD'),
      },
    };
  };

  const run = (action: string, v: Values) =>
    move.mutate(toMove(action, v), {
      onSuccess: () => {
        setOpen(null);
        form.resetFields();
      },
      onError: (e) => onError(e, form),
    });

  const actions = ORDER.filter((a) => complaint.allowed.includes(a));
  const toldVia = COMPLAINT_TOLD_VIA.map((v) => ({ value: v, label: t(`quality.toldVia.${v}`) }));

  return (
    <>
      <Flex gap={8} wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'assign' || a === 'decide' || a === 'close' ? 'primary' : 'default'}
            danger={a === 'withdraw'}
            data-testid={`action-${a}`}
            loading={move.isPending && open === a}
            onClick={() => (NO_DIALOG.has(a) ? run(a, {}) : setOpen(a))}
          >
            {t(`quality.action.${a}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={open !== null}
        title={open ? t(`quality.action.${open}`) : ''}
        onCancel={() => setOpen(null)}
        okText={t('quality.form.confirm')}
        okButtonProps={{ 'data-testid': 'action-confirm', loading: move.isPending }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {/* Cleared when the dialog closes, so each dialog starts from the complaint as it is now (the
            proposed decision, once there is one) and not from what an earlier dialog left behind. */}
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          data-testid="action-dialog"
          initialValues={{ decision: complaint.decision ?? '', toldVia: 'phone', extensionLevel: complaint.extensionLevel === 0 ? 1 : 2, satisfaction: 5, correctiveDueOn: dayjs().add(30, 'day') }}
          onFinish={(v) => open && run(open, v)}
        >
          {open === 'assign' ? (
            <Form.Item name="handlerStaffId" label={t('quality.form.handler')} rules={[{ required: true }]}>
              <Select
                data-testid="action-handler"
                loading={handlers.isPending}
                options={(handlers.data ?? []).filter((h) => !complaint.aboutStaff.some((s) => s.id === h.id)).map((h) => ({
                  value: h.id, label: `${h.name}（${h.staffNo}）· ${t('quality.form.openCases', { n: h.openCases })}`,
                }))}
              />
            </Form.Item>
          ) : null}
          {open === 'propose' || open === 'decide' ? (
            <Form.Item name="decision" label={t('quality.form.decision')} rules={[{ required: true, min: 4 }]}>
              <Input.TextArea rows={4} data-testid="action-decision" />
            </Form.Item>
          ) : null}
          {open === 'decide' || open === 'extend' ? (
            <Form.Item name="toldVia" label={t('quality.form.toldVia')} rules={[{ required: true }]}>
              <Select options={toldVia} data-testid="action-told-via" />
            </Form.Item>
          ) : null}
          {open === 'close' ? (
            <>
              <Form.Item name="rootCause" label={t('quality.form.rootCause')} rules={[{ required: true }]}>
                <Select data-testid="action-root-cause" options={COMPLAINT_ROOT_CAUSES.map((c) => ({ value: c, label: t(`quality.rootCause.${c}`) }))} />
              </Form.Item>
              <Form.Item name="rootCauseNote" label={t('quality.form.rootCauseNote')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="correctiveAction" label={t('quality.form.correctiveAction')} rules={[{ required: true, min: 4 }]}>
                <Input.TextArea rows={2} data-testid="action-corrective" />
              </Form.Item>
              <Form.Item name="correctiveOwnerId" label={t('quality.form.correctiveOwner')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  data-testid="action-owner"
                  options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` }))}
                />
              </Form.Item>
              <Form.Item name="correctiveDueOn" label={t('quality.form.correctiveDueOn')} rules={[{ required: true }]}>
                <DatePicker data-testid="action-due" />
              </Form.Item>
            </>
          ) : null}
          {open === 'extend' ? (
            <>
              <Form.Item name="extensionLevel" label={t('quality.form.extensionLevel')}>
                <Radio.Group data-testid="action-level">
                  <Radio value={1} disabled={complaint.extensionLevel >= 1}>{t('quality.form.level1')}</Radio>
                  <Radio value={2} disabled={complaint.extensionLevel !== 1}>{t('quality.form.level2')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="reason" label={t('quality.form.reason')} rules={[{ required: true, min: 4 }]}>
                <Input.TextArea rows={2} data-testid="action-reason" />
              </Form.Item>
            </>
          ) : null}
          {open === 'callback' ? (
            <Form.Item name="satisfaction" label={t('quality.form.satisfaction')} rules={[{ required: true }]}>
              <Rate data-testid="action-satisfaction" />
            </Form.Item>
          ) : null}
          {open !== 'extend' ? (
            <Form.Item name="note" label={t('quality.form.note')}>
              <Input.TextArea rows={2} data-testid="action-note" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
