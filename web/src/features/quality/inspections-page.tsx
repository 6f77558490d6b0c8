// Inspections (mystery shopper or supervisor) against the standards: scores over time by branch or
// staff, the seven standard areas, the list, a new inspection with a score per standard, photos.
// data-testid: inspections-trend, inspections-dimensions, inspections-table, inspections-add, inspection-form, inspection-branch,
// inspection-score-<code>, inspection-save, inspection-drawer, inspection-photo-upload
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Drawer, Empty, Form, Input, InputNumber, List, Modal, Row, Segmented, Select, Table, Tag, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { INSPECTION_KINDS, type InspectionDetail, type InspectionSummary } from '@contracts/quality';
import { useMe } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { download } from '../../app/api';
import { BranchPicker } from '../../components/branch-select';
import { EChart, type ChartOption } from '../../components/echart';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { uploadFile, useCreateInspection, useInspection, useInspectionScores, useInspections, useStandards } from './api';
import { useBranchStaff } from './shared';

type Values = { branchId: number; kind: 'mystery_shopper' | 'supervisor'; inspectedOn: Dayjs; staffId?: number; inspectorName?: string; findings?: string; correctiveActions?: string; scores: Record<string, number> };

function NewInspection({ open, onClose }: { open: boolean; onClose: (id?: number) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const branchId = Form.useWatch('branchId', form);
  const staff = useBranchStaff(branchId);
  const lib = useStandards();
  const create = useCreateInspection();
  const onError = useApiError();
  const active = (lib.data?.standards ?? []).filter((s) => s.active);
  const submit = (v: Values) =>
    create.mutate(
      {
        branchId: v.branchId, kind: v.kind, inspectedOn: v.inspectedOn.format('YYYY-MM-DD'), staffId: v.staffId, inspectorName: v.inspectorName ?? '',
        findings: v.findings ?? '', correctiveActions: v.correctiveActions ?? '',
        items: active.map((s) => ({ standardId: s.id, score: v.scores?.[s.code] ?? 5, note: '' })),
      },
      { onSuccess: (d) => onClose(d.id), onError: (e) => onError(e, form) },
    );
  return (
    <Modal open={open} width={820} title={t('quality.inspections.add')} onCancel={() => onClose()} onOk={() => form.submit()} destroyOnHidden
      okButtonProps={{ loading: create.isPending, 'data-testid': 'inspection-save' }}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="inspection-form"
        initialValues={{ branchId: me.branchId, kind: 'supervisor', inspectedOn: dayjs(), scores: {} }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="branchId" label={t('quality.inspections.branch')} rules={[{ required: true }]}><BranchPicker testId="inspection-branch" /></Form.Item></Col>
          <Col span={8}><Form.Item name="kind" label={t('quality.inspections.kind')}><Select options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`quality.inspections.kinds.${k}`) }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="inspectedOn" label={t('quality.inspections.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="staffId" label={t('quality.inspections.staff')}>
              <Select allowClear showSearch optionFilterProp="label" options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` }))} />
            </Form.Item>
          </Col>
          <Col span={12}><Form.Item name="inspectorName" label={t('quality.inspections.inspector')}><Input maxLength={60} /></Form.Item></Col>
        </Row>
        <Card size="small" title={t('quality.inspections.items')} style={{ marginBottom: 12 }} styles={{ body: { maxHeight: 300, overflow: 'auto' } }}>
          {active.map((s) => (
            <Row key={s.id} gutter={8} align="middle" style={{ marginBottom: 4 }}>
              <Col flex="auto">{s.serviceStep} · {s.specific.slice(0, 40)}</Col>
              <Col flex="90px">
                <Form.Item name={['scores', s.code]} noStyle initialValue={5}>
                  <InputNumber min={0} max={5} size="small" data-testid={`inspection-score-${s.code}`} />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </Card>
        <Form.Item name="findings" label={t('quality.inspections.findings')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="correctiveActions" label={t('quality.inspections.corrective')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function InspectionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useInspection(id);
  const qc = useQueryClient();
  const me = useMe();
  const onError = useApiError();
  const d = q.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={t('quality.inspections.detail')} data-testid="inspection-drawer">
      {d ? (
        <>
          <p><Tag>{t(`quality.inspections.kinds.${d.kind}`)}</Tag>{d.branchName} · {d.inspectedOn} · {t('quality.inspections.score')} <b>{d.score}</b></p>
          <p>{t('quality.inspections.findings')}：{d.findings}</p>
          <p>{t('quality.inspections.corrective')}：{d.correctiveActions}</p>
          <List size="small" dataSource={d.items} renderItem={(i) => <List.Item extra={<Tag color={i.score >= 4 ? 'green' : i.score >= 3 ? 'gold' : 'red'}>{i.score}/5</Tag>}>{i.serviceStep} · {i.specific.slice(0, 36)}</List.Item>} />
          <Card size="small" title={t('quality.inspections.photos')} style={{ marginTop: 12 }}
            extra={me.permissions['inspections.perform'] ? (
              <Upload showUploadList={false} accept="image/jpeg,image/png" customRequest={({ file }) => {
                uploadFile<InspectionDetail>(`/api/quality/inspections/${d.id}/photos`, file as File).then((x) => qc.setQueryData(['quality', 'inspection', d.id], x)).catch(onError);
              }}>
                <Button size="small" icon={<UploadOutlined />} data-testid="inspection-photo-upload">{t('quality.inspections.uploadPhoto')}</Button>
              </Upload>
            ) : null}>
            {d.photoFiles.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : d.photoFiles.map((f) => (
              <Button type="link" key={f.id} onClick={() => void download(`/api/quality/inspections/${d.id}/photos/${f.id}`, undefined, f.fileName).catch(onError)}>{f.fileName}</Button>
            ))}
          </Card>
        </>
      ) : null}
    </Drawer>
  );
}

export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const pick = useNamePick();
  const [groupBy, setGroupBy] = useState<'branch' | 'staff'>('branch');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const scores = useInspectionScores(groupBy);
  const list = useInspections({ page, pageSize: 10 });
  const trend = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: scores.data?.months ?? [] },
    yAxis: { type: 'value', min: 40, max: 100 },
    series: (scores.data?.series ?? []).map((s) => ({ name: s.name, type: 'line', connectNulls: true, data: s.points })),
  }) as ChartOption, [scores.data]);
  const dims = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: (scores.data?.byDimension ?? []).map((d) => pick(d.nameZh, d.nameEn)), inverse: true },
    series: [{ type: 'bar', barMaxWidth: 14, data: (scores.data?.byDimension ?? []).map((d) => ({ value: Number(d.meanScore), itemStyle: { color: d.side === 'procedural' ? '#1677ff' : '#c9a45c' } })) }],
  }) as ChartOption, [scores.data, pick]);

  return (
    <>
      <PageTitle
        title={t('quality.inspections.title')}
        subtitle={t('quality.inspections.subtitle')}
        extra={me.permissions['inspections.perform'] ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="inspections-add">{t('quality.inspections.add')}</Button> : null}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('quality.inspections.trend')} extra={(
            <Segmented<'branch' | 'staff'> value={groupBy} onChange={setGroupBy}
              options={[{ value: 'branch', label: t('quality.inspections.byBranch') }, { value: 'staff', label: t('quality.inspections.byStaff') }]} />
          )}>
            <EChart option={trend} height={300} testId="inspections-trend" />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('quality.inspections.byDimension')}><EChart option={dims} height={300} testId="inspections-dimensions" /></Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Table<InspectionSummary>
          rowKey="id"
          size="small"
          data-testid="inspections-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => setShown(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('quality.inspections.date'), dataIndex: 'inspectedOn' },
            { title: t('quality.inspections.branch'), dataIndex: 'branchName' },
            { title: t('quality.inspections.kind'), dataIndex: 'kind', render: (v: string) => t(`quality.inspections.kinds.${v}`) },
            { title: t('quality.inspections.staff'), dataIndex: 'staffName' },
            { title: t('quality.inspections.inspector'), dataIndex: 'inspectorName' },
            { title: t('quality.inspections.score'), dataIndex: 'score', align: 'right', render: (v: string) => <Tag color={Number(v) >= 85 ? 'green' : Number(v) >= 70 ? 'gold' : 'red'}>{v}</Tag> },
            { title: t('quality.inspections.photos'), dataIndex: 'photos', align: 'right' },
          ]}
        />
      </Card>
      <NewInspection open={adding} onClose={(id) => { setAdding(false); if (id) setShown(id); }} />
      <InspectionDrawer id={shown} onClose={() => setShown(null)} />
    </>
  );
}
