// data-testid: import-kind (radio group; options import-kind-staff / import-kind-branches),
// import-mode (radio group; import-mode-all / import-mode-valid), import-file (the file input),
// import-file-name, import-submit, import-template-staff, import-template-branches,
// import-result (data-committed="true|false"), import-summary-<total|valid|inserted|updated|unchanged|errors>,
// import-errors (error table)
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Radio, Result, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportResult, ImportRowError } from '@contracts/org';
import { download, errorText } from '../../app/api';
import { useLang } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { BRANCHES_KEY, uploadImport } from './api';
import { ImportModeChoice } from '../../components/import-mode';

type Mode = 'all' | 'valid';
const MAX_BYTES = 50 * 1024 * 1024;

function Summary({ r }: { r: ImportResult }) {
  const { t } = useTranslation();
  const stats = [
    ['total', r.totalRows],
    ['valid', r.validRows],
    ['inserted', r.inserted],
    ['updated', r.updated],
    ['unchanged', r.unchanged],
    ['errors', r.errors.length],
  ] as const;
  return (
    <Row gutter={[16, 16]}>
      {stats.map(([k, v]) => (
        <Col key={k} xs={12} sm={8} lg={4}>
          <Statistic
            title={t(`import.stat.${k}`)}
            value={v}
            styles={{ content: k === 'errors' && v > 0 ? { color: '#cf1322' } : undefined }}
            data-testid={`import-summary-${k}`}
          />
        </Col>
      ))}
    </Row>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('staff');
  const [mode, setMode] = useState<Mode>('all');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await uploadImport(kind, mode, file);
      setResult(r);
      if (r.committed) {
        await Promise.all([qc.invalidateQueries({ queryKey: BRANCHES_KEY }), qc.invalidateQueries({ queryKey: ['staff'] })]);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const template = async (k: ImportKind) => {
    try {
      await download(`/api/import/template/${k}`, undefined, `${k}-template.xlsx`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageTitle
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void template('staff')} data-testid="import-template-staff">
              {t('import.templateStaff')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void template('branches')} data-testid="import-template-branches">
              {t('import.templateBranches')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} optionType="button" buttonStyle="solid" data-testid="import-kind">
                <Radio.Button value="staff" data-testid="import-kind-staff">{t('import.kindStaff')}</Radio.Button>
                <Radio.Button value="branches" data-testid="import-kind-branches">{t('import.kindBranches')}</Radio.Button>
              </Radio.Group>
            </div>
          </div>
          <ImportModeChoice value={mode} onChange={setMode} testIdPrefix="import" />
          <div data-testid="import-file">
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            maxCount={1}
            showUploadList={false}
            // Keep the file in the page: it is sent as raw bytes on "Import", not as multipart.
            beforeUpload={(f) => {
              const name = f.name.toLowerCase();
              if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                void message.error(t('import.badType'));
              } else if (f.size > MAX_BYTES) {
                void message.error(t('import.tooBig'));
              } else {
                setFile(f);
                setResult(null);
                setError(null);
              }
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
          </div>
          {file ? (
            <Typography.Text data-testid="import-file-name">
              {t('import.chosen', { name: file.name, size: (file.size / 1024).toFixed(1) })}
            </Typography.Text>
          ) : null}
          <Button type="primary" size="large" icon={<CloudUploadOutlined />} disabled={!file} loading={busy} onClick={() => void submit()} data-testid="import-submit">
            {t('import.submit')}
          </Button>
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon title={t('import.failed')} description={errorText(error, lang)} style={{ marginBottom: 16 }} data-testid="import-failed" /> : null}
      {result ? (
        <Card data-testid="import-result" data-committed={result.committed ? 'true' : 'false'}>
          <Result
            style={{ padding: '8px 0 16px' }}
            status={result.committed ? (result.errors.length > 0 ? 'warning' : 'success') : 'error'}
            title={result.committed ? t('import.committed') : t('import.notCommitted')}
            subTitle={
              result.committed
                ? result.errors.length > 0
                  ? t('import.committedSkipped', { n: result.errors.length })
                  : t('import.committedClean')
                : t('import.notCommittedHint')
            }
          />
          <Descriptions size="small" style={{ marginBottom: 16 }} items={[{ key: 'file', label: t('import.file'), children: result.fileName }]} />
          <Summary r={result} />
          {result.errors.length > 0 ? (
            <Table<ImportRowError & { i: number }>
              style={{ marginTop: 24 }}
              data-testid="import-errors"
              size="small"
              rowKey="i"
              dataSource={result.errors.map((e, i) => ({ ...e, i }))}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 560 }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 90 },
                { title: t('import.column'), dataIndex: 'column', width: 160 },
                { title: t('import.reason'), key: 'reason', render: (_, e) => (lang === 'en' ? e.en : e.zh) },
              ]}
            />
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
