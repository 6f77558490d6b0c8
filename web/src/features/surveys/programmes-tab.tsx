// Programmes of the source and their samples: the computed size per branch (Cochran with the
// finite-population correction, 100–200) split by tier, and the draw of a wave.
// data-testid: sp-list, sp-sample-<code>, sp-plan, sp-wave, sp-draw, sp-drawn
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SurveyProgramme } from '@contracts/surveys';
import { useApiError } from '../../components/use-api-error';
import { useDraw, useProgrammes, useSamplePlan } from './api';

const SAMPLED = new Set(['bank', 'branch', 'business_line']);

export function ProgrammesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const programmes = useProgrammes();
  const [chosen, setChosen] = useState<SurveyProgramme | null>(null);
  const plan = useSamplePlan(chosen && SAMPLED.has(chosen.kind) ? chosen.id : null);
  const draw = useDraw();
  const onError = useApiError();
  const [wave, setWave] = useState(dayjs().format('YYYY'));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Table
        data-testid="sp-list"
        rowKey="id"
        size="small"
        pagination={false}
        loading={programmes.isLoading}
        dataSource={programmes.data ?? []}
        columns={[
          { title: '', key: 'name', render: (_: unknown, p: SurveyProgramme) => <Space direction="vertical" size={0}><span>{p.nameZh}</span><Typography.Text type="secondary">{p.nameEn}</Typography.Text></Space> },
          { title: '', key: 'kind', render: (_: unknown, p: SurveyProgramme) => <Tag>{t(`surveys.programmeKind.${p.kind}`)}</Tag> },
          { title: t('surveys.p.invitations'), dataIndex: 'invitations', key: 'i' },
          { title: t('surveys.p.responses'), dataIndex: 'responses', key: 'r' },
          { title: '', key: 'a', render: (_: unknown, p: SurveyProgramme) => <Button size="small" onClick={() => { setChosen(p); setWave(p.kind === 'business_line' ? dayjs().format('YYYY-MM') : dayjs().format('YYYY')); }} data-testid={`sp-sample-${p.code}`}>{t('surveys.p.sample')}</Button> },
        ]}
      />
      {chosen && (
        <Card title={`${t('surveys.p.sample')} · ${chosen.nameZh}`} data-testid="sp-plan">
          {!SAMPLED.has(chosen.kind) ? <Alert type="info" showIcon message={t('surveys.p.notSampled')} /> : (
            <>
              <Typography.Paragraph type="secondary">{t('surveys.p.formula')}</Typography.Paragraph>
              {plan.data && (
                <Typography.Paragraph>
                  {t('surveys.p.population')}: <b>{plan.data.population.toLocaleString()}</b> · {t('surveys.p.sampleSize')}: <b data-testid="sp-total">{plan.data.sample.toLocaleString()}</b>
                </Typography.Paragraph>
              )}
              <Space style={{ marginBottom: 12 }}>
                <Input value={wave} onChange={(e) => setWave(e.target.value)} addonBefore={t('surveys.p.wave')} style={{ width: 200 }} data-testid="sp-wave" />
                <Button type="primary" loading={draw.isPending} data-testid="sp-draw" onClick={() => draw.mutate({ id: chosen.id, wave }, {
                  onSuccess: (r) => void message.success({ content: t('surveys.p.drawn', { n: r.invited, total: r.total }), className: 'sp-drawn' }),
                  onError: (e) => onError(e),
                })}>{t('surveys.p.draw')}</Button>
              </Space>
              <Table
                size="small"
                rowKey={(g) => g.branchCode}
                loading={plan.isLoading}
                dataSource={plan.data?.groups ?? []}
                pagination={{ pageSize: 15 }}
                columns={[
                  { title: t('surveys.p.branch'), key: 'b', render: (_: unknown, g) => `${g.branchName}（${g.branchCode}）` },
                  { title: t('surveys.p.population'), dataIndex: 'population', key: 'p' },
                  { title: t('surveys.p.sampleSize'), dataIndex: 'sample', key: 's' },
                  { title: t('surveys.p.strata'), key: 'st', render: (_: unknown, g) => g.strata.map((s) => <Tag key={s.tierCode}>{s.tierCode} {s.sample}/{s.population}</Tag>) },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
