import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../../contracts/lobby';
import { allowedFrom, isFinal, nextStatus, type TicketAction } from './lobby.state';

describe('ticket state machine', () => {
  it('walks the normal path waiting → called → serving → done', () => {
    expect(nextStatus('waiting', 'call')).toBe('called');
    expect(nextStatus('called', 'recall')).toBe('called');
    expect(nextStatus('called', 'serve')).toBe('serving');
    expect(nextStatus('serving', 'complete')).toBe('done');
  });

  it('allows no-show only after a call, and transfer from any live state', () => {
    expect(nextStatus('called', 'no_show')).toBe('no_show');
    expect(nextStatus('waiting', 'no_show')).toBeNull();
    expect(nextStatus('serving', 'no_show')).toBeNull();
    for (const s of ['waiting', 'called', 'serving'] as const) expect(nextStatus(s, 'transfer')).toBe('transferred');
  });

  it('rejects every move out of a final state', () => {
    const actions: TicketAction[] = ['call', 'recall', 'serve', 'complete', 'no_show', 'transfer', 'cancel'];
    for (const s of TICKET_STATUSES.filter(isFinal)) for (const a of actions) expect(nextStatus(s, a), `${s} ${a}`).toBeNull();
  });

  it('rejects skipping steps', () => {
    expect(nextStatus('waiting', 'complete')).toBeNull();
    expect(nextStatus('waiting', 'serve')).toBeNull();
    expect(nextStatus('serving', 'call')).toBeNull();
    expect(nextStatus('serving', 'cancel')).toBeNull();
  });

  it('lists the starting statuses of each action', () => {
    expect(allowedFrom('transfer').sort()).toEqual(['called', 'serving', 'waiting']);
    expect(allowedFrom('call')).toEqual(['waiting']);
  });
});
