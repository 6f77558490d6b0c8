// data-testid: grades-table, grades-total-steps, grade-row-<code>, grade-name-zh-<code>,
// grade-name-en-<code>, grade-steps-<code>, grade-save-<code>
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Input, InputNumber, Steps, Table, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GradeLevel } from '@contracts/org';
import { api } from '../../app/api';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { GRADES_KEY, useGrades, useWrite } from './api';

type Draft = { nameZh: string; nameEn: string; steps: number };
type Patch = Partial<Draft> & { id: number };

export function GradesPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const grades = useGrades();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const save = useWrite(
    ({ id, ...body }: Patch) => api<GradeLevel>(`/api/grades/${id}`, { method: 'PATCH', body }),
    [GRADES_KEY, ['staff']],
  );

  if (grades.isPending) return <FullSpin />;
  if (grades.isError) return <ErrorAlert error={grades.error} onRetry={() => void grades.refetch()} />;
  const rows = [...grades.data].sort((a, b) => a.rank - b.rank);
  const draftOf = (g: GradeLevel): Draft => drafts[g.id] ?? { nameZh: g.nameZh, nameEn: g.nameEn, steps: g.steps };
  const edit = (g: GradeLevel, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [g.id]: { ...draftOf(g), ...patch } }));
  const changes = (g: GradeLevel): Partial<Draft> => {
    const d = draftOf(g);
    const out: Partial<Draft> = {};
    if (d.nameZh.trim() !== g.nameZh) out.nameZh = d.nameZh.trim();
    if (d.nameEn.trim() !== g.nameEn) out.nameEn = d.nameEn.trim();
    if (d.steps !== g.steps) out.steps = d.steps;
    return out;
  };
  const totalSteps = rows.reduce((n, g) => n + draftOf(g).steps, 0);

  const submit = async (g: GradeLevel) => {
    const patch = changes(g);
    if (Object.keys(patch).length === 0) return;
    try {
      await save.mutateAsync({ id: g.id, ...patch });
      setDrafts((d) => {
        const next = { ...d };
        delete next[g.id];
        return next;
      });
      void message.success(t('common.saved'));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageTitle title={t('grades.title')} subtitle={t('grades.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>
          {t('grades.ladder')} <Tag color="red" data-testid="grades-total-steps">{t('grades.totalSteps', { n: totalSteps })}</Tag>
        </Typography.Paragraph>
        <div style={{ overflowX: 'auto' }}>
          <Steps
            size="small"
            current={-1}
            style={{ minWidth: 640 }}
            items={rows.map((g) => ({ title: pick(draftOf(g).nameZh, draftOf(g).nameEn), content: t('grades.stepsCount', { n: draftOf(g).steps }) }))}
          />
        </div>
      </Card>
      <Card>
        <Table<GradeLevel>
          data-testid="grades-table"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 720 }}
          onRow={(g) => ({ 'data-testid': `grade-row-${g.code}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('grades.rank'), dataIndex: 'rank', width: 70 },
            { title: t('grades.code'), dataIndex: 'code', width: 110, render: (c: string) => <code>{c}</code> },
            {
              title: t('grades.nameZh'),
              key: 'nameZh',
              render: (_, g) => (
                <Input value={draftOf(g).nameZh} maxLength={20} onChange={(e) => edit(g, { nameZh: e.target.value })} data-testid={`grade-name-zh-${g.code}`} />
              ),
            },
            {
              title: t('grades.nameEn'),
              key: 'nameEn',
              render: (_, g) => (
                <Input value={draftOf(g).nameEn} maxLength={40} onChange={(e) => edit(g, { nameEn: e.target.value })} data-testid={`grade-name-en-${g.code}`} />
              ),
            },
            {
              title: t('grades.steps'),
              key: 'steps',
              width: 110,
              render: (_, g) => (
                <InputNumber
                  min={1}
                  max={20}
                  precision={0}
                  value={draftOf(g).steps}
                  onChange={(v) => v !== null && edit(g, { steps: v })}
                  data-testid={`grade-steps-${g.code}`}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'save',
              width: 100,
              render: (_, g) => (
                <Button
                  type="primary"
                  size="small"
                  icon={<SaveOutlined />}
                  disabled={Object.keys(changes(g)).length === 0 || !draftOf(g).nameZh.trim() || !draftOf(g).nameEn.trim()}
                  loading={save.isPending && save.variables?.id === g.id}
                  onClick={() => void submit(g)}
                  data-testid={`grade-save-${g.code}`}
                >
                  {t('common.save')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
