// Team evaluation per outlet and month: satisfaction (from the surveys when there are answers),
// complaint-handling efficiency, teamwork ratings and feedback notes.
// data-testid: teams-period, teams-table, team-row-<branchId>, team-rate-<branchId>, team-feedback-<branchId>, team-dialog, team-save
import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, Modal, Radio, Rate, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TeamEvaluation } from '@contracts/quality';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useTeamInput, useTeams } from './api';

type Team = TeamEvaluation['teams'][number];
type Values = { raterKind?: 'peer' | 'manager'; score?: number; note?: string };

export function TeamsPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Dayjs>(dayjs());
  const month = period.format('YYYY-MM');
  const teams = useTeams(month);
  const input = useTeamInput();
  const onError = useApiError();
  const [dialog, setDialog] = useState<{ kind: 'ratings' | 'feedback'; team: Team } | null>(null);
  const [form] = Form.useForm<Values>();
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(0)}%`);

  const submit = (v: Values) => {
    if (!dialog) return;
    const base = { branchId: dialog.team.branchId, period: month };
    const m = dialog.kind === 'ratings'
      ? { kind: 'ratings' as const, body: { ...base, raterKind: v.raterKind ?? 'manager', score: v.score ?? 3, note: v.note ?? '' } }
      : { kind: 'feedback' as const, body: { ...base, note: v.note ?? '' } };
    input.mutate(m, { onSuccess: () => setDialog(null), onError: (e) => onError(e, form) });
  };

  return (
    <>
      <PageTitle
        title={t('quality.teams.title')}
        subtitle={t('quality.teams.subtitle')}
        extra={<DatePicker picker="month" value={period} allowClear={false} onChange={(v) => v && setPeriod(v)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} data-testid="teams-period" />}
      />
      {teams.error ? <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} /> : (
        <Card>
          <Table<Team>
            rowKey="branchId"
            size="middle"
            data-testid="teams-table"
            loading={teams.isFetching}
            dataSource={teams.data?.teams ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(r) => ({ 'data-testid': `team-row-${r.branchId}` }) as React.HTMLAttributes<HTMLTableRowElement>}
            expandable={{
              rowExpandable: (r) => r.feedback.length > 0,
              expandedRowRender: (r) => (
                <Flex vertical gap={4}>
                  {r.feedback.map((f) => <Typography.Text key={f.id}>{dayjs(f.at).format('MM-DD')} {f.staffName}：{f.note}</Typography.Text>)}
                </Flex>
              ),
            }}
            columns={[
              { title: t('quality.teams.team'), dataIndex: 'branchName' },
              { title: t('quality.teams.satisfaction'), dataIndex: 'satisfaction', render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('quality.teams.noSurvey')}</Typography.Text> : v.toFixed(2)) },
              { title: t('quality.teams.complaints'), dataIndex: 'complaints', align: 'right' },
              { title: t('quality.teams.efficiency'), dataIndex: 'onTimeRate', align: 'right', render: pct },
              { title: t('quality.teams.meanDays'), dataIndex: 'meanDays', align: 'right', render: (v: number | null) => v ?? '-' },
              { title: t('quality.teams.teamwork'), dataIndex: 'teamwork', render: (v: number | null, r) => (v === null ? '-' : <span><Rate disabled allowHalf value={Math.round(v * 2) / 2} style={{ fontSize: 14 }} /> {v.toFixed(2)}（{r.ratings}）</span>) },
              { title: t('quality.teams.feedback'), dataIndex: 'feedback', align: 'right', render: (f: Team['feedback']) => f.length },
              {
                title: '', key: 'act',
                render: (_: unknown, r) => (
                  <Flex gap={4}>
                    <Button size="small" data-testid={`team-rate-${r.branchId}`} onClick={() => { form.resetFields(); setDialog({ kind: 'ratings', team: r }); }}>{t('quality.teams.rate')}</Button>
                    <Button size="small" data-testid={`team-feedback-${r.branchId}`} onClick={() => { form.resetFields(); setDialog({ kind: 'feedback', team: r }); }}>{t('quality.teams.addFeedback')}</Button>
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={dialog !== null} title={dialog ? `${dialog.team.branchName} · ${dialog.kind === 'ratings' ? t('quality.teams.rate') : t('quality.teams.addFeedback')}` : ''}
        onCancel={() => setDialog(null)} onOk={() => form.submit()} okButtonProps={{ loading: input.isPending, 'data-testid': 'team-save' }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="team-dialog" initialValues={{ raterKind: 'manager', score: 4 }}>
          {dialog?.kind === 'ratings' ? (
            <>
              <Form.Item name="raterKind" label={t('quality.teams.raterKind')}>
                <Radio.Group options={[{ value: 'manager', label: t('quality.teams.manager') }, { value: 'peer', label: t('quality.teams.peer') }]} />
              </Form.Item>
              <Form.Item name="score" label={t('quality.teams.score')} rules={[{ required: true }]}><Rate /></Form.Item>
            </>
          ) : null}
          <Form.Item name="note" label={t('quality.teams.feedback')} rules={dialog?.kind === 'feedback' ? [{ required: true, min: 2 }] : []}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
