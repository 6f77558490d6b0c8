// The lobby's live stream (board, consoles). EventSource retries by itself after a dropped
// connection, but gives up for good when the server answers with an error status (a restart, a
// proxy's 502), so we reconnect ourselves then, backing off. Every (re)open calls onOpen, where the
// page catches up by refetching its snapshot: events missed while away are never replayed one by one.
import { useEffect, useRef, useState } from 'react';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

export type StreamState = 'connecting' | 'open' | 'down';

export function parseEvent<T>(data: unknown): T | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

type Handlers = Record<string, (data: unknown) => void>;

/**
 * Subscribes to `url` (null: not yet) with a handler per event name; returns the connection state.
 * `since` gives the last sequence seen, sent on each of our own reconnects (EventSource's own retries
 * send it as Last-Event-ID).
 */
export function useLobbyStream(url: string | null, handlers: Handlers, onOpen: () => void, since?: () => number | undefined): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const h = useRef(handlers);
  const open = useRef(onOpen);
  const sinceRef = useRef(since);
  h.current = handlers;
  open.current = onOpen;
  sinceRef.current = since;
  const names = Object.keys(handlers).sort().join(',');

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_DELAY_MS;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      setState('connecting');
      const seq = sinceRef.current?.();
      es = new EventSource(seq === undefined ? url : `${url}${url.includes('?') ? '&' : '?'}since=${seq}`);
      es.addEventListener('open', () => {
        delay = FIRST_DELAY_MS;
        setState('open');
        open.current();
      });
      for (const name of names.split(',')) {
        if (!name) continue;
        es.addEventListener(name, (ev: MessageEvent) => h.current[name]?.(parseEvent<unknown>(ev.data)));
      }
      es.addEventListener('error', () => {
        if (!es) return;
        if (es.readyState === EventSource.CONNECTING) {
          setState('down');
          return;
        }
        if (es.readyState !== EventSource.CLOSED) return;
        setState('down');
        es.close();
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      });
    };

    connect();
    // A machine waking from sleep or a network coming back: reconnect at once rather than after the back-off.
    const online = () => {
      if (es && es.readyState === EventSource.CLOSED) {
        clearTimeout(timer);
        delay = FIRST_DELAY_MS;
        connect();
      }
    };
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
      es?.close();
    };
  }, [url, names]);

  return state;
}
