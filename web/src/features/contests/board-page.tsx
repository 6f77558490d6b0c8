// The branch TV (大屏): the contest's top individuals and outlets in large type on a dark screen,
// with rank-change arrows and the time of the last computation. Refreshes by itself: polled every
// 15 seconds and refetched at once when the server recomputes the board.
// data-testid: contest-tv, tv-title, tv-row-<subjectId>, tv-team-<subjectId>, tv-updated, tv-fullscreen
import { Button, Flex, Result, Spin } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StandingRow } from '@contracts/contests';
import { errorText } from '../../app/api';
import { useLang, useNamePick } from '../../app/lang';
import { useBoard, useContest } from './api';
import { RankChange, useBoardEvents } from './shared';

const TOP = 10;
const TEAMS = 8;
const POLL_MS = 15_000;
const MEDAL = ['#ffd666', '#d9d9d9', '#d48806'];

function Line({ r, testId, big }: { r: StandingRow; testId: string; big: boolean }) {
  const size = big ? 30 : 24;
  const medal = r.rank !== null && r.rank <= 3 ? MEDAL[r.rank - 1] : undefined;
  return (
    <Flex align="center" gap={16} data-testid={testId}
      style={{ padding: '10px 18px', borderRadius: 10, background: 'rgba(255,255,255,0.06)', fontSize: size, color: '#fff', marginBottom: 8 }}>
      <span style={{ width: 64, flexShrink: 0, textAlign: 'center', fontWeight: 700, color: medal ?? '#fff', fontSize: size + 6 }}>{r.rank ?? '—'}</span>
      <span style={{ width: 70, flexShrink: 0 }}><RankChange change={r.rankChange} previous={r.previousRank} size={size - 6} /></span>
      <span style={{ flex: 1, minWidth: 0, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.name}</span>
      {big ? <span style={{ width: 240, flexShrink: 1, minWidth: 0, color: '#adc6ff', fontSize: size - 8, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.branchName}</span> : null}
      <span style={{ width: 130, flexShrink: 0, textAlign: 'right', fontWeight: 700, color: '#ffec3d' }}>{r.total}</span>
    </Flex>
  );
}

export function ContestBoardPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const pick = useNamePick();
  const id = Number(useParams().id);
  const contest = useContest(id);
  const people = useBoard(id, 'individual', 1, TOP, POLL_MS);
  const teams = useBoard(id, 'team', 1, TEAMS, POLL_MS);
  useBoardEvents(id);
  const err = contest.error ?? people.error;
  if (err) return <Result status="warning" title={errorText(err, lang)} />;
  if (!contest.data || !people.data) return <Flex justify="center" style={{ padding: 80 }}><Spin size="large" /></Flex>;
  const c = contest.data;
  return (
    <div data-testid="contest-tv" style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #10239e 0%, #061178 55%, #030852 100%)', padding: '28px 40px', boxSizing: 'border-box', overflow: 'hidden' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 20 }}>
        <div style={{ minWidth: 0 }}>
          <div data-testid="tv-title" style={{ color: '#fff', fontSize: 44, fontWeight: 800, letterSpacing: 2 }}>{c.name}</div>
          <div style={{ color: '#adc6ff', fontSize: 22 }}>
            {t('contests.tv.title')} · {c.periodFrom} ~ {c.periodTo} · {c.metrics.map((m) => `${pick(m.nameZh, m.nameEn)} ${m.weight}%`).join(' / ')}
          </div>
        </div>
        <Flex vertical align="flex-end" gap={8}>
          <span data-testid="tv-updated" style={{ color: '#d6e4ff', fontSize: 20 }}>
            {t('contests.tv.updated')} {people.data.computedAt ? dayjs(people.data.computedAt).format('HH:mm:ss') : '—'}
          </span>
          <Button ghost icon={<FullscreenOutlined />} data-testid="tv-fullscreen" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)} />
        </Flex>
      </Flex>
      <Flex gap={32} align="flex-start">
        <div style={{ flex: 3, minWidth: 0 }}>
          <div style={{ color: '#ffd666', fontSize: 26, marginBottom: 10 }}>{t('contests.tv.top', { n: TOP })}</div>
          {people.data.items.map((r) => <Line key={r.subjectId} r={r} big testId={`tv-row-${r.subjectId}`} />)}
        </div>
        <div style={{ flex: 2, minWidth: 0 }}>
          <div style={{ color: '#ffd666', fontSize: 26, marginBottom: 10 }}>{t('contests.tv.teams')}</div>
          {(teams.data?.items ?? []).map((r) => <Line key={r.subjectId} r={r} big={false} testId={`tv-team-${r.subjectId}`} />)}
        </div>
      </Flex>
    </div>
  );
}
