// The lobby TV (叫号显示屏): called numbers and their counters, waiting counts per zone, notices; a
// chime and a spoken call in Chinese on every call. Live through the outlet's SSE stream, opened
// from the snapshot's sequence so that nothing between the two is lost; after a drop it reconnects
// with the last sequence seen and the server replays what was missed (or says board.reset: refetch).
// The notice strip shows the notices head office or the lobby manager posted (live: notice,
// notice.removed) and a line per device out of service; the default line when there are none.
// data-testid: board, board-now-number, board-now-counter, board-call-<number>, board-zone-<code>,
// board-zone-waiting-<code>, board-sound, board-live (data-state), board-notice
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { SoundOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BoardCall, BoardNotice, BoardSnapshot, LobbyEventData } from '@contracts/lobby';
import { errorText } from '../../app/api';
import { useLang, useNamePick } from '../../app/lang';
import { eventsUrl, lobbyKeys, useBoard } from './api';
import { shanghaiClock, useNow, useOutletChoice } from './shared';
import { CallAnnouncer, callText, unlockSound } from './speech';
import { useLobbyStream } from './use-lobby-stream';
import './lobby.css';

const MAX_CALLS = 10;
/** Posted notices (up to 10 per outlet) plus a few fault lines. */
const MAX_NOTICES = 16;

export function BoardPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const pick = useNamePick();
  const now = useNow();
  const qc = useQueryClient();
  const choice = useOutletChoice();
  const branchId = choice.branchId;
  const board = useBoard(branchId);
  const key = lobbyKeys.board(branchId ?? 0);
  const lastSeq = useRef<number | null>(null);
  const announcer = useRef(new CallAnnouncer());
  const [sound, setSound] = useState(false);
  const [flash, setFlash] = useState(0);

  // The snapshot sets the sequence the stream starts from; an older snapshot never moves it back.
  const snapSeq = board.data?.seq;
  useEffect(() => {
    if (snapSeq !== undefined && (lastSeq.current === null || snapSeq > lastSeq.current)) lastSeq.current = snapSeq;
  }, [snapSeq]);

  const seen = (seq: number | undefined) => {
    if (seq === undefined) return true;
    if (lastSeq.current !== null && seq <= lastSeq.current) return false;
    lastSeq.current = seq;
    return true;
  };

  const patch = useCallback((fn: (b: BoardSnapshot) => BoardSnapshot) => qc.setQueryData<BoardSnapshot>(key, (old) => (old ? fn(old) : old)), [qc, key]);

  const onCall = (d: LobbyEventData<'ticket.called'> | null) => {
    if (!d || !seen(d.seq)) return;
    const c: BoardCall = d.call;
    patch((b) => ({ ...b, calls: [c, ...b.calls.filter((x) => x.ticketId !== c.ticketId)].slice(0, MAX_CALLS) }));
    setFlash((n) => n + 1);
    announcer.current.announce(callText(c.number, t('lobby.board.counterSpoken', { n: c.counterNumber, lng: 'zh-CN' })));
  };

  const url = branchId && board.data ? eventsUrl(branchId) : null;
  const state = useLobbyStream(
    url,
    {
      'ticket.called': (d) => onCall(d as LobbyEventData<'ticket.called'> | null),
      'queue.counts': (raw) => {
        const d = raw as LobbyEventData<'queue.counts'> | null;
        if (!d || !seen(d.seq)) return;
        patch((b) => ({ ...b, zones: d.zones }));
      },
      notice: (raw) => {
        const d = raw as LobbyEventData<'notice'> | null;
        if (!d || !seen(d.seq)) return;
        // A posted notice is added or edited: it goes first among the posted ones (ids are per source).
        const same = (n: BoardNotice) => n.source === d.notice.source && n.id === d.notice.id;
        patch((b) => ({ ...b, notices: [d.notice, ...b.notices.filter((n) => !same(n))].slice(0, MAX_NOTICES) }));
      },
      'notice.removed': (raw) => {
        const d = raw as LobbyEventData<'notice.removed'> | null;
        if (!d || !seen(d.seq)) return;
        patch((b) => ({ ...b, notices: b.notices.filter((n) => !(n.source === 'notice' && n.id === d.noticeId)) }));
      },
      // A fault reported or repaired changes the fault lines: the snapshot has them.
      'device.fault': (raw) => {
        if (seen((raw as { seq?: number } | null)?.seq)) void qc.invalidateQueries({ queryKey: key });
      },
      'ticket.created': (raw) => seen((raw as { seq?: number } | null)?.seq),
      'ticket.updated': (raw) => seen((raw as { seq?: number } | null)?.seq),
      'board.reset': () => {
        lastSeq.current = null;
        void qc.invalidateQueries({ queryKey: key });
      },
    },
    () => undefined,
    () => (lastSeq.current !== null ? lastSeq.current : undefined),
  );

  // Browsers play sound only after a gesture: the first tap on the board turns the calls' voice on.
  function enableSound() {
    if (sound) return;
    unlockSound();
    announcer.current.enabled = true;
    setSound(true);
  }

  if (!branchId && choice.loading) return <Spin size="large" fullscreen />;
  if (board.isError && !board.data) {
    return <Result status="warning" title={t('lobby.board.unavailable')} subTitle={errorText(board.error, lang)} />;
  }
  const b = board.data;
  const [latest, ...earlier] = b?.calls ?? [];

  return (
    <div className="board" data-testid="board" onClick={enableSound}>
      <header className="board-header">
        <h1>{b?.branchName ?? ''} · {t('lobby.board.title')}</h1>
        <span className="board-offline" data-testid="board-live" data-state={state}>
          {state === 'open' ? '' : t('lobby.board.reconnecting')}
        </span>
        {sound ? null : (
          <Button size="large" icon={<SoundOutlined />} data-testid="board-sound">
            {t('lobby.board.enableSound')}
          </Button>
        )}
        <span className="board-clock">{shanghaiClock(now, lang, true)}</span>
      </header>
      {!b ? (
        <Spin size="large" style={{ marginTop: 120 }} />
      ) : (
        <main className="board-main">
          <section className="board-panel">
            <h2>{t('lobby.board.nowCalling')}</h2>
            {latest ? (
              <div className="board-now" key={`${latest.ticketId}-${flash}`}>
                <span className="board-now-no board-flash" data-testid="board-now-number">
                  {latest.number}
                </span>
                <span className="board-now-counter" data-testid="board-now-counter">
                  {t('lobby.board.toCounter', { n: latest.counterNumber })}
                </span>
              </div>
            ) : (
              <div className="board-now" style={{ fontSize: 36, opacity: 0.6 }}>
                {t('lobby.board.noCalls')}
              </div>
            )}
            <div className="board-row" style={{ fontSize: 24, opacity: 0.7 }}>
              <span style={{ color: 'inherit', fontWeight: 400 }}>{t('lobby.board.number')}</span>
              <span>{t('lobby.board.counter')}</span>
            </div>
            {earlier.slice(0, 6).map((c) => (
              <div className="board-row" key={`${c.ticketId}-${c.calledAt}`} data-testid={`board-call-${c.number}`}>
                <span>{c.number}</span>
                <span>{t('lobby.board.toCounter', { n: c.counterNumber })}</span>
              </div>
            ))}
          </section>
          <section className="board-panel">
            <h2>{t('lobby.board.waiting')}</h2>
            {b.zones.map((z) => (
              <div className="board-zone" key={z.zoneCode} data-testid={`board-zone-${z.zoneCode}`}>
                <span>{pick(z.nameZh, z.nameEn)}</span>
                <span>
                  <b data-testid={`board-zone-waiting-${z.zoneCode}`}>{z.waiting}</b> {t('lobby.board.people')}
                  <span style={{ fontSize: 22, opacity: 0.7, marginInlineStart: 12 }}>
                    {t('lobby.board.aboutWait', { n: z.estimatedWaitMinutes })}
                  </span>
                </span>
              </div>
            ))}
          </section>
        </main>
      )}
      <footer className="board-notice" data-testid="board-notice">
        {b && b.notices.length > 0 ? b.notices.map((n) => pick(n.textZh, n.textEn)).join('　　') : t('lobby.board.defaultNotice')}
      </footer>
    </div>
  );
}
