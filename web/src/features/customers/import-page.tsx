// Customer-data import (存量数据导入): upload the bank's csv/xlsx of customers, holdings or daily
// balances → confirm which column feeds which field (suggested by the server) → run → progress →
// counts and the per-row error report.
// data-testid: cimport-steps, cimport-kind (cimport-kind-<kind>), cimport-file (dragger),
// cimport-file-name, cimport-upload, cimport-mapping (table), cimport-map-<field> (selects),
// cimport-preview, cimport-mode (cimport-mode-all / cimport-mode-valid), cimport-back, cimport-run; the
// last step's and the recent imports' in import-outcome.tsx
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Radio, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, InboxOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_IMPORT_KINDS, CUSTOMER_IMPORT_KIND_LABELS, type CustomerImportKind, type CustomerImportMapping, type CustomerImportMode,
  type CustomerImportUploadResult,
} from '@contracts/customer-import';
import { useBi, useLang } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { runCustomerImport, uploadCustomerImport } from './api';
import { History, Outcome } from './import-outcome';
import { ImportModeChoice } from '../../components/import-mode';

const MAX_BYTES = 512 * 1024 * 1024;

function MappingStep({
  upload,
  mapping,
  setMapping,
  mode,
  setMode,
}: {
  upload: CustomerImportUploadResult;
  mapping: CustomerImportMapping;
  setMapping: (m: CustomerImportMapping) => void;
  mode: CustomerImportMode;
  setMode: (m: CustomerImportMode) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const used = new Set(Object.values(mapping));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('cimport.mappingHint', { n: upload.totalRows || upload.preview.length, file: upload.fileName })} />
      <Table
        data-testid="cimport-mapping"
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={upload.fields}
        scroll={{ x: 560 }}
        columns={[
          {
            title: t('cimport.field'),
            key: 'field',
            width: 220,
            render: (_, f) => (
              <span>
                {lang === 'en' ? f.en : f.zh}
                {f.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: t('cimport.column'),
            key: 'column',
            render: (_, f) => (
              <Select
                allowClear
                style={{ width: '100%', maxWidth: 320 }}
                status={f.required && !mapping[f.key] ? 'error' : undefined}
                value={mapping[f.key]}
                placeholder={t('cimport.notMapped')}
                onChange={(v?: string) => {
                  const next = { ...mapping };
                  if (v) next[f.key] = v;
                  else delete next[f.key];
                  setMapping(next);
                }}
                options={upload.headers.map((h) => ({ value: h, label: h, disabled: used.has(h) && mapping[f.key] !== h }))}
                data-testid={`cimport-map-${f.key}`}
              />
            ),
          },
          {
            title: t('cimport.suggested'),
            key: 'suggested',
            width: 120,
            render: (_, f) =>
              upload.suggestedMapping[f.key] ? (
                mapping[f.key] === upload.suggestedMapping[f.key] ? <Tag color="green">{t('cimport.auto')}</Tag> : <Tag>{t('cimport.changed')}</Tag>
              ) : null,
          },
        ]}
      />
      <div>
        <Typography.Text strong>{t('cimport.preview')}</Typography.Text>
        <Table
          data-testid="cimport-preview"
          style={{ marginTop: 8 }}
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          scroll={{ x: Math.max(600, upload.headers.length * 130) }}
          dataSource={upload.preview.map((cells) => Object.fromEntries(cells.map((c, i) => [String(i), c])))}
          columns={upload.headers.map((h, i) => ({ title: h, dataIndex: String(i), width: 130, ellipsis: true }))}
        />
      </div>
      <ImportModeChoice value={mode} onChange={setMode} testIdPrefix="cimport" />
    </Space>
  );
}

export function CustomerImportPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const lang = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [kind, setKind] = useState<CustomerImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<CustomerImportUploadResult | null>(null);
  const [mapping, setMapping] = useState<CustomerImportMapping>({});
  const [mode, setMode] = useState<CustomerImportMode>('all');
  const [runId, setRunId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const step = runId !== null ? 2 : upload ? 1 : 0;
  const missing = useMemo(() => (upload ? upload.fields.filter((f) => f.required && !mapping[f.key]) : []), [upload, mapping]);

  const reset = () => {
    setFile(null);
    setUpload(null);
    setMapping({});
    setRunId(null);
    setMode('all');
  };

  const doUpload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await uploadCustomerImport(kind, file);
      setUpload(r);
      setMapping(r.suggestedMapping);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const doRun = async () => {
    if (!upload) return;
    setBusy(true);
    try {
      const r = await runCustomerImport(upload.id, { mapping, mode });
      setRunId(r.id);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('cimport.title')} subtitle={t('cimport.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          size="small"
          data-testid="cimport-steps"
          items={[{ title: t('cimport.stepUpload') }, { title: t('cimport.stepMapping') }, { title: t('cimport.stepRun') }]}
        />
      </Card>
      <Card>
        {step === 0 ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <div>
              <Typography.Text strong>{t('import.kind')}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as CustomerImportKind)} optionType="button" buttonStyle="solid" data-testid="cimport-kind">
                  {CUSTOMER_IMPORT_KINDS.map((k) => (
                    <Radio.Button key={k} value={k} data-testid={`cimport-kind-${k}`}>
                      {bi(CUSTOMER_IMPORT_KIND_LABELS[k])}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </div>
            </div>
            <div data-testid="cimport-file">
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                maxCount={1}
                showUploadList={false}
                beforeUpload={(f) => {
                  const name = f.name.toLowerCase();
                  if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) void message.error(t('import.badType'));
                  else if (f.size > MAX_BYTES) void message.error(t('cimport.tooBig'));
                  else setFile(f);
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('import.drop')}</p>
                <p className="ant-upload-hint">{t('cimport.dropHint')}</p>
              </Upload.Dragger>
            </div>
            {file ? (
              <Typography.Text data-testid="cimport-file-name">{t('import.chosen', { name: file.name, size: (file.size / 1024).toFixed(1) })}</Typography.Text>
            ) : null}
            <Button type="primary" size="large" icon={<CloudUploadOutlined />} disabled={!file} loading={busy} onClick={() => void doUpload()} data-testid="cimport-upload">
              {t('cimport.upload')}
            </Button>
          </Space>
        ) : step === 1 && upload ? (
          <>
            <MappingStep upload={upload} mapping={mapping} setMapping={setMapping} mode={mode} setMode={setMode} />
            {missing.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                title={t('cimport.missing', { fields: missing.map((f) => bi(f)).join(lang === 'en' ? ', ' : '、') })}
              />
            ) : null}
            <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
              <Button onClick={reset} data-testid="cimport-back">
                {t('common.back')}
              </Button>
              <Button type="primary" icon={<PlayCircleOutlined />} disabled={missing.length > 0} loading={busy} onClick={() => void doRun()} data-testid="cimport-run">
                {t('cimport.run')}
              </Button>
            </Flex>
          </>
        ) : runId !== null ? (
          <Outcome id={runId} onAgain={reset} />
        ) : null}
      </Card>
      {step === 0 ? <History /> : null}
    </>
  );
}
