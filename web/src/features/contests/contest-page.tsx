// One contest: the leaderboard with rank-change arrows, the individual/team toggle, the caller's own
// position highlighted, the rules, and for its managers publish, refresh, close, freeze and export.
// Live: polled, and refetched at once when the server recomputes the board (SSE).
// data-testid: contest-page, contest-title, board-kind, board-table, board-row-<subjectId>, board-total-<subjectId>,
// my-rank, my-team-rank, contest-publish, contest-refresh, contest-close, contest-freeze, contest-export, contest-tv, participant-detail
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Drawer, Flex, Popconfirm, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { DesktopOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ContestDetail, StandingKind, StandingRow } from '@contracts/contests';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { groupYuan } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { exportResults, useBoard, useContest, useContestAction, useMyPosition, useParticipant } from './api';
import { RankChange, StatusTag, useBoardEvents } from './shared';

const PAGE = 50;
const fmtActual = (unit: string, v: string | null) => (v === null ? '—' : unit === 'amount' ? groupYuan(v) : v);

function Actions({ c }: { c: ContestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const act = useContestAction(c.id);
  const run = (a: 'publish' | 'close' | 'freeze' | 'refresh') => act.mutate(a, { onSuccess: () => void message.success(t('common.saved')), onError: (e) => onError(e) });
  return (
    <>
      {c.status === 'draft' ? <Button type="primary" onClick={() => run('publish')} loading={act.isPending} data-testid="contest-publish">{t('contests.board.publish')}</Button> : null}
      {c.status === 'live' ? <Button icon={<ReloadOutlined />} onClick={() => run('refresh')} loading={act.isPending} data-testid="contest-refresh">{t('contests.board.refresh')}</Button> : null}
      {c.status === 'live' ? (
        <Popconfirm title={t('contests.board.confirmClose')} onConfirm={() => run('close')}><Button data-testid="contest-close">{t('contests.board.close')}</Button></Popconfirm>
      ) : null}
      {c.status === 'live' || c.status === 'closed' ? (
        <Popconfirm title={t('contests.board.confirmFreeze')} onConfirm={() => run('freeze')}><Button danger data-testid="contest-freeze">{t('contests.board.freeze')}</Button></Popconfirm>
      ) : null}
      {c.status !== 'draft' ? <Button icon={<DownloadOutlined />} onClick={() => void exportResults(c.id).catch((e: unknown) => onError(e))} data-testid="contest-export">{t('contests.board.export')}</Button> : null}
    </>
  );
}

function ParticipantDrawer({ contestId, staffId, onClose }: { contestId: number; staffId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const q = useParticipant(contestId, staffId);
  return (
    <Drawer open={staffId !== null} onClose={onClose} title={q.data ? `${q.data.name} · ${q.data.branchName}` : t('contests.board.detail')} size={560}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data ? (
        <Table rowKey="kpiCode" size="small" pagination={false} dataSource={q.data.metrics} data-testid="participant-detail"
          columns={[
            { title: t('contests.form.kpi'), key: 'n', render: (_v, m) => pick(m.nameZh, m.nameEn) },
            { title: t('contests.board.weight'), dataIndex: 'weight', align: 'right', render: (v: number) => `${v}%` },
            { title: t('contests.board.actual'), key: 'a', align: 'right', render: (_v, m) => fmtActual(m.unit, m.actual) },
            { title: t('contests.form.min'), key: 'min', align: 'right', render: (_v, m) => (m.min === null ? '—' : <Tag color={m.meetsMin ? 'success' : 'error'}>{m.min}</Tag>) },
            { title: t('contests.board.points'), dataIndex: 'points', align: 'right' },
          ]} />
      ) : null}
    </Drawer>
  );
}

export function ContestPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const id = Number(useParams().id);
  const contest = useContest(id);
  const [kind, setKind] = useState<StandingKind>('individual');
  const [page, setPage] = useState(1);
  const [drill, setDrill] = useState<number | null>(null);
  const board = useBoard(id, kind, page, PAGE);
  const me = useMyPosition(id);
  useBoardEvents(id);
  const c = contest.data;
  if (contest.error) return <ErrorAlert error={contest.error} onRetry={() => void contest.refetch()} />;
  const metrics = c?.metrics ?? [];
  const mine = me.data?.individual;
  const myTeam = me.data?.team;

  return (
    <div data-testid="contest-page">
      <PageTitle testId="contest-title" title={<Flex gap={8} align="center">{c?.name ?? ''}{c ? <StatusTag status={c.status} /> : null}</Flex>}
        subtitle={c ? `${c.periodFrom} ~ ${c.periodTo} · ${c.ownerBranchName}` : undefined}
        extra={<>
          {c?.canManage ? <Actions c={c} /> : null}
          <Link to={`/contests/${id}/board`} target="_blank"><Button icon={<DesktopOutlined />} data-testid="contest-tv">{t('contests.board.tv')}</Button></Link>
        </>} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('contests.board.myRank')} value={mine?.rank ?? t('contests.board.notRanked')} suffix={mine?.rank ? `/ ${me.data?.participants}` : undefined}
            valueStyle={{ color: '#cf1322' }} data-testid="my-rank" />{mine ? <Typography.Text type="secondary">{t('contests.board.total')} {mine.total}</Typography.Text> : null}</Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('contests.board.myTeam')} value={myTeam?.rank ?? t('contests.board.notRanked')} suffix={myTeam?.rank ? `/ ${me.data?.teams}` : undefined}
            data-testid="my-team-rank" />{myTeam ? <Typography.Text type="secondary">{myTeam.name}</Typography.Text> : null}</Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('contests.board.rules')}>
            {c ? (
              <Descriptions size="small" column={1} items={[
                { key: 'm', label: t('contests.list.metrics'), children: metrics.map((m) => <Tag key={m.kpiCode}>{pick(m.nameZh, m.nameEn)} {m.weight}%</Tag>) },
                { key: 'q', label: t('contests.board.minimums'), children: c.rules.minimums.length ? c.rules.minimums.map((x) => `${pick(metrics.find((m) => m.kpiCode === x.kpiCode)?.nameZh, metrics.find((m) => m.kpiCode === x.kpiCode)?.nameEn)} ≥ ${x.min}`).join('；') : t('contests.board.none') },
                { key: 'p', label: t('contests.form.prizes'), children: c.prizes.map((p) => `${p.name}（${p.fromRank}–${p.toRank}）${p.reward ? ` ${p.reward}` : ''}`).join('；') || t('contests.board.none') },
              ]} />
            ) : null}
          </Card>
        </Col>
      </Row>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
          <Segmented<StandingKind> value={kind} data-testid="board-kind" onChange={(v) => { setKind(v); setPage(1); }}
            options={[{ value: 'individual', label: t('contests.board.individual') }, { value: 'team', label: t('contests.board.team') }]} />
          <Typography.Text type="secondary" data-testid="board-updated">
            {board.data?.frozen && c?.frozenAt ? t('contests.board.frozenNote', { at: dayjs(c.frozenAt).format('YYYY-MM-DD HH:mm') })
              : board.data?.computedAt ? `${t('contests.board.refreshedAt', { at: dayjs(board.data.computedAt).format('MM-DD HH:mm:ss') })} · ${t('contests.board.version', { v: board.data.version })}` : ''}
          </Typography.Text>
        </Flex>
        {board.error ? <ErrorAlert error={board.error} /> : null}
        <Table<StandingRow> rowKey="subjectId" size="small" data-testid="board-table" loading={board.isPending} dataSource={board.data?.items ?? []}
          rowClassName={(r) => (r.isMine ? 'contest-row-mine' : '')}
          onRow={(r) => ({ 'data-testid': `board-row-${r.subjectId}`, style: r.isMine ? { background: '#fff1f0', fontWeight: 600 } : undefined,
            onClick: () => { if (kind === 'individual' && r.metrics.some((m) => m.actual !== null)) setDrill(r.subjectId); } } as React.HTMLAttributes<HTMLElement>)}
          pagination={{ current: page, pageSize: PAGE, total: board.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('contests.board.rank'), key: 'rank', width: 70, render: (_v, r) => (r.rank ?? <Tag>{t('contests.board.unqualified')}</Tag>) },
            { title: t('contests.board.change'), key: 'chg', width: 70, render: (_v, r) => <RankChange change={r.rankChange} previous={r.previousRank} /> },
            { title: kind === 'individual' ? t('contests.board.name') : t('contests.board.teamName'), dataIndex: 'name',
              render: (v: string, r) => <>{v}{r.isMine ? <Tag color="red" style={{ marginLeft: 6 }}>{t('contests.board.mine')}</Tag> : null}</> },
            kind === 'individual'
              ? { title: t('contests.board.branch'), dataIndex: 'branchName' }
              : { title: t('contests.board.members'), dataIndex: 'members', align: 'right' as const, width: 70 },
            ...metrics.map((m) => ({
              title: `${pick(m.nameZh, m.nameEn)}（${m.weight}）`, key: m.kpiCode, align: 'right' as const,
              render: (_v: unknown, r: StandingRow) => {
                const x = r.metrics.find((y) => y.kpiCode === m.kpiCode);
                return x ? <span title={x.actual === null ? undefined : `${t('contests.board.actual')} ${fmtActual(m.unit, x.actual)}`}>{x.points}
                  {x.actual !== null ? <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{fmtActual(m.unit, x.actual)}</Typography.Text> : null}</span> : '—';
              },
            })),
            { title: t('contests.board.total'), dataIndex: 'total', align: 'right', width: 90, render: (v: string, r) => <strong data-testid={`board-total-${r.subjectId}`}>{v}</strong> },
            { title: t('contests.board.prize'), dataIndex: 'prize', width: 90, render: (v: string | null) => (v ? <Tag color="gold">{v}</Tag> : null) },
          ]} />
      </Card>
      <ParticipantDrawer contestId={id} staffId={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
