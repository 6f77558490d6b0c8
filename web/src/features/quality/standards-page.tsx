// The service-standard library: the service broken into steps, each step's key element from the
// customer's view, the standard with its time limit, checked SMART; head office edits it.
// data-testid: standards-table, standard-row-<code>, standard-smart-<code>, standards-add, standard-form, standard-save
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, Table, Tag, Tooltip } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { SaveStandardBody, ServiceStandard } from '@contracts/quality';
import { useMe } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useSaveStandard, useStandards } from './api';

type Values = Omit<SaveStandardBody, 'reviewedOn'> & { reviewedOn?: Dayjs | null };

export function StandardsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const pick = useNamePick();
  const lib = useStandards();
  const save = useSaveStandard();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ServiceStandard | 'new' | null>(null);
  const canEdit = !!me.permissions['standards.manage'];
  const dims = new Map((lib.data?.dimensions ?? []).map((d) => [d.code, d]));

  const openEditor = (s: ServiceStandard | 'new') => {
    setEditing(s);
    form.resetFields();
    if (s !== 'new') form.setFieldsValue({ ...s, reviewedOn: s.reviewedOn ? dayjs(s.reviewedOn) : null });
  };
  const submit = (v: Values) =>
    save.mutate(
      { id: editing && editing !== 'new' ? editing.id : undefined, body: { ...v, reviewedOn: v.reviewedOn ? v.reviewedOn.format('YYYY-MM-DD') : null, timeLimitSeconds: v.timeLimitSeconds ?? null } },
      { onSuccess: () => setEditing(null), onError: (e) => onError(e, form) },
    );

  if (lib.error) return <ErrorAlert error={lib.error} onRetry={() => void lib.refetch()} />;
  return (
    <>
      <PageTitle
        title={t('quality.standards.title')}
        subtitle={t('quality.standards.subtitle')}
        extra={canEdit ? <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')} data-testid="standards-add">{t('quality.standards.add')}</Button> : null}
      />
      <Card>
        <Table<ServiceStandard>
          rowKey="id"
          size="small"
          loading={lib.isPending}
          data-testid="standards-table"
          dataSource={lib.data?.standards ?? []}
          pagination={false}
          scroll={{ x: 1200 }}
          onRow={(r) => ({ 'data-testid': `standard-row-${r.code}` }) as React.HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { title: t('quality.standards.step'), dataIndex: 'serviceStep', width: 110, fixed: 'left' },
            {
              title: t('quality.standards.dimension'), dataIndex: 'dimensionCode', width: 130,
              render: (v: string) => {
                const d = dims.get(v);
                return d ? <Tag color={d.side === 'procedural' ? 'blue' : 'gold'}>{pick(d.nameZh, d.nameEn)}</Tag> : v;
              },
            },
            { title: t('quality.standards.keyElement'), dataIndex: 'keyElement', width: 180 },
            { title: t('quality.standards.standard'), dataIndex: 'specific', width: 360 },
            { title: t('quality.standards.measurable'), dataIndex: 'measurable', width: 180 },
            { title: t('quality.standards.timeBound'), dataIndex: 'timeBound', width: 150 },
            {
              title: t('quality.standards.smart'), dataIndex: 'smartMissing', width: 100,
              render: (m: string[], r) => (
                <Tooltip title={[r.achievable, r.relevant].filter(Boolean).join(' / ')}>
                  <Tag color={m.length ? 'red' : 'green'} data-testid={`standard-smart-${r.code}`}>
                    {m.length ? t('quality.standards.smartMissing', { letters: m.join('') }) : t('quality.standards.smartOk')}
                  </Tag>
                </Tooltip>
              ),
            },
            { title: t('quality.standards.source'), dataIndex: 'source', width: 110, render: (v: string) => t(`quality.standards.sources.${v}`, { defaultValue: v }) },
            ...(canEdit ? [{ title: '', key: 'edit', width: 60, render: (_: unknown, r: ServiceStandard) => <Button size="small" icon={<EditOutlined />} onClick={() => openEditor(r)} aria-label={t('quality.standards.edit')} /> }] : []),
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('quality.standards.add') : t('quality.standards.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'standard-save' }}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="standard-form" initialValues={{ stepOrder: 100, active: true }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="code" label={t('quality.standards.code')} rules={[{ required: true, pattern: /^[a-z0-9_.-]{2,40}$/ }]}><Input /></Form.Item></Col>
            <Col span={10}><Form.Item name="serviceStep" label={t('quality.standards.step')} rules={[{ required: true }]}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="stepOrder" label={t('quality.standards.stepOrder')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Form.Item name="dimensionCode" label={t('quality.standards.dimension')} rules={[{ required: true }]}>
            <Select options={(lib.data?.dimensions ?? []).map((d) => ({ value: d.code, label: `${pick(d.nameZh, d.nameEn)} · ${t(`quality.standards.${d.side}`)}` }))} />
          </Form.Item>
          <Form.Item name="keyElement" label={t('quality.standards.keyElement')}><Input /></Form.Item>
          <Form.Item name="specific" label={t('quality.standards.standard')}><Input.TextArea rows={2} /></Form.Item>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="measurable" label={t('quality.standards.measurable')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="achievable" label={t('quality.standards.achievable')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="relevant" label={t('quality.standards.relevant')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="timeBound" label={t('quality.standards.timeBound')}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="timeLimitSeconds" label={t('quality.standards.timeLimit')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="reviewedOn" label={t('quality.standards.reviewedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="active" label={t('quality.standards.active')} valuePropName="checked"><Switch /></Form.Item></Col>
          </Row>
          <Form.Item name="reviewNote" label={t('quality.standards.reviewNote')}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
