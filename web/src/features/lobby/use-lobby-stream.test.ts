// The board's stream: reconnects by itself after the server drops it, asking for what it missed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { useLobbyStream } from './use-lobby-stream';

type Listener = (ev: MessageEvent) => void;

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  listeners = new Map<string, Listener[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(name: string, fn: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(name: string, data?: unknown) {
    for (const fn of this.listeners.get(name) ?? []) fn(new MessageEvent(name, { data: data === undefined ? undefined : JSON.stringify(data) }));
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  FakeEventSource.all = [];
});

describe('useLobbyStream', () => {
  it('delivers events, and after a hard drop reconnects with the last sequence seen', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    const called: unknown[] = [];
    const opened = vi.fn();
    let last: number | undefined = 7;
    const { result, unmount } = renderHook(() =>
      useLobbyStream('/api/lobby/outlets/5/events', { 'ticket.called': (d) => called.push(d) }, opened, () => last),
    );
    const first = FakeEventSource.all[0];
    expect(first.url).toBe('/api/lobby/outlets/5/events?since=7');
    act(() => {
      first.readyState = FakeEventSource.OPEN;
      first.emit('open');
      first.emit('ticket.called', { seq: 8, call: { number: 'V001' } });
    });
    expect(result.current).toBe('open');
    expect(opened).toHaveBeenCalledTimes(1);
    expect(called).toEqual([{ seq: 8, call: { number: 'V001' } }]);
    last = 8;

    // The server answers an error status (e.g. a restart): EventSource gives up, the hook does not.
    act(() => {
      first.readyState = FakeEventSource.CLOSED;
      first.emit('error');
    });
    expect(result.current).toBe('down');
    expect(first.closed).toBe(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_100);
    });
    const second = FakeEventSource.all[1];
    expect(second.url).toBe('/api/lobby/outlets/5/events?since=8');
    act(() => {
      second.readyState = FakeEventSource.OPEN;
      second.emit('open');
    });
    expect(result.current).toBe('open');
    expect(opened).toHaveBeenCalledTimes(2);
    unmount();
    expect(second.closed).toBe(true);
  });

  it('opens nothing until the url is known', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    renderHook(() => useLobbyStream(null, {}, () => {}));
    expect(FakeEventSource.all).toHaveLength(0);
  });
});
