// Small pieces every lobby page uses: which outlet the page is about, labels of the contract's
// vocabularies, and the SLA / status tags.
import { useEffect, useMemo, useReducer, type CSSProperties } from 'react';
import { Select, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  TICKET_STATUS_LABELS, ZONE_KIND_LABELS, type LobbyOutlet, type TicketStatus, type ZoneKind,
} from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import { useOutlets } from './api';

export type OutletChoice = {
  branchId: number | null;
  outlet: LobbyOutlet | undefined;
  outlets: LobbyOutlet[];
  setBranchId: (id: number) => void;
  loading: boolean;
  error: unknown;
};

/**
 * The outlet a lobby page shows: `?branch=<id>` when given, else the user's own branch when it is a
 * lobby outlet, else the first outlet in the user's scope (a branch head or head office).
 */
export function useOutletChoice(): OutletChoice {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const outlets = useOutlets();
  const asked = Number(params.get('branch')) || null;
  const list = useMemo(() => outlets.data ?? [], [outlets.data]);
  let branchId: number | null = null;
  if (asked) branchId = asked;
  else if (list.some((o) => o.branchId === me?.branchId)) branchId = me?.branchId ?? null;
  else if (list.length > 0) branchId = list[0].branchId;
  else if (outlets.isError && me) branchId = me.branchId;
  return {
    branchId,
    outlet: list.find((o) => o.branchId === branchId),
    outlets: list,
    setBranchId: (id) => {
      const next = new URLSearchParams(params);
      next.set('branch', String(id));
      setParams(next, { replace: true });
    },
    loading: outlets.isPending,
    error: outlets.error,
  };
}

/** The outlet picker; hidden when the user sees one outlet only. data-testid: lobby-outlet */
export function OutletPicker({ choice, style }: { choice: OutletChoice; style?: CSSProperties }) {
  const { t } = useTranslation();
  if (choice.outlets.length <= 1) return null;
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 200, ...style }}
      value={choice.branchId ?? undefined}
      placeholder={t('lobby.common.outlet')}
      onChange={(v: number) => choice.setBranchId(v)}
      data-testid="lobby-outlet"
      options={choice.outlets.map((o) => ({ value: o.branchId, label: `${o.branchCode} ${o.branchName}` }))}
    />
  );
}

export function useZoneKindLabel(): (k: ZoneKind) => string {
  const bi = useBi();
  return (k) => bi(ZONE_KIND_LABELS[k]);
}

const STATUS_COLORS: Record<TicketStatus, string> = {
  waiting: 'blue',
  called: 'gold',
  serving: 'processing',
  done: 'success',
  no_show: 'default',
  transferred: 'purple',
  cancelled: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const bi = useBi();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {bi(TICKET_STATUS_LABELS[status])}
    </Tag>
  );
}

export function SlaTag({ state }: { state: 'ok' | 'warn' | 'breach' }) {
  const { t } = useTranslation();
  if (state === 'ok') return null;
  return (
    <Tag color={state === 'breach' ? 'red' : 'orange'} data-sla={state} style={{ marginInlineEnd: 0 }}>
      {t(`lobby.sla.${state}`)}
    </Tag>
  );
}

/** "12 分钟" / "12 min"; fractional minutes rounded. */
export function useMinutes(): (m: number | null | undefined) => string {
  const { t } = useTranslation();
  return (m) => (m === null || m === undefined ? '—' : t('lobby.common.minutes', { n: Math.round(m) }));
}

/** A clock that ticks every second, for the kiosk and the board. */
export function useNow(intervalMs = 1_000): Date {
  const [, tick] = useReducer((x: number) => x + 1, 0);
  useEffect(() => {
    const id = setInterval(tick, intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return new Date();
}

/** Today in Asia/Shanghai, 'YYYY-MM-DD' (the business day, whatever the browser's zone). */
export function shanghaiToday(d = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** 'HH:mm' of an ISO time in Asia/Shanghai. */
export function shanghaiTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/** The outlet's wall clock (Asia/Shanghai, whatever the device's zone): 'HH:mm:ss', with the date when asked. */
export function shanghaiClock(d: Date, lang: 'zh-CN' | 'en', withDate = false): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  if (!withDate) return time;
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: lang === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'long' }).format(d);
  return `${date} ${time}`;
}
