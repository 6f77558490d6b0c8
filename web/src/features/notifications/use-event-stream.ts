// Live notifications over SSE. EventSource retries by itself after a dropped connection, but gives
// up for good when the server answers with an error status (e.g. 401 after a restart), so we
// reconnect ourselves then, backing off so a down server is not hammered.
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@contracts/notifications';
import { NOTIFICATIONS_KEY, type NotificationList } from './api';

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

function parse<T>(data: unknown): T | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

export function useEventStream(onNotification: (n: Notification) => void): void {
  const qc = useQueryClient();
  const handler = useRef(onNotification);
  handler.current = onNotification;

  useEffect(() => {
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_DELAY_MS;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      es = new EventSource('/api/events');
      es.addEventListener('open', () => {
        delay = FIRST_DELAY_MS;
        // Anything that arrived while we were disconnected.
        void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      });
      es.addEventListener('notification', (ev: MessageEvent) => {
        const n = parse<Notification>(ev.data);
        if (!n) return;
        qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (old) => {
          if (!old) return { items: [n], unread: n.readAt ? 0 : 1 };
          if (old.items.some((x) => x.id === n.id)) return old;
          return { items: [n, ...old.items], unread: old.unread + (n.readAt ? 0 : 1) };
        });
        handler.current(n);
      });
      es.addEventListener('unread', (ev: MessageEvent) => {
        const u = parse<{ unread: number }>(ev.data);
        if (!u || typeof u.unread !== 'number') return;
        qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (old) => ({ items: old?.items ?? [], unread: u.unread }));
      });
      es.addEventListener('error', () => {
        if (!es || es.readyState !== EventSource.CLOSED) return;
        es.close();
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      es?.close();
    };
  }, [qc]);
}
