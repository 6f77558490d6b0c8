// The ticket's state machine: every move a ticket may make, and nothing else (409 otherwise).
import type { TicketStatus } from '../../../contracts/lobby';

export type TicketAction = 'call' | 'recall' | 'serve' | 'complete' | 'no_show' | 'transfer' | 'cancel';

/**
 * waiting → called (call) · transferred · cancelled
 * called  → called (recall) · serving · no_show · transferred · cancelled
 * serving → done · transferred
 * done, no_show, transferred, cancelled are final: a transfer creates a new waiting ticket.
 */
const MOVES: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  serve: { called: 'serving' },
  complete: { serving: 'done' },
  no_show: { called: 'no_show' },
  transfer: { waiting: 'transferred', called: 'transferred', serving: 'transferred' },
  cancel: { waiting: 'cancelled', called: 'cancelled' },
};

/** The status after the action, or null when the move is illegal. */
export function nextStatus(from: TicketStatus, action: TicketAction): TicketStatus | null {
  return MOVES[action][from] ?? null;
}

/** The statuses an action may start from (for the conditional UPDATE that makes a move atomic). */
export function allowedFrom(action: TicketAction): TicketStatus[] {
  return Object.keys(MOVES[action]) as TicketStatus[];
}

export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'transferred', 'cancelled'];
export const isFinal = (s: TicketStatus): boolean => FINAL_STATUSES.includes(s);
