// The customer timeline: the one interface every module uses to tell a customer's story
// (contacts, visits, sales, complaints, privileges, profile changes). Write inside the caller's
// transaction, so that the fact and its timeline entry commit together.
import type { DbOrTrx } from '../../platform/db';
import type { TimelinePage } from '../../../contracts/customers';
import { insertEvents, listEvents, type EventWrite } from './timeline.repository';

export type CustomerEventInput = {
  customerId: number;
  /** A short machine code: 'profile', 'reveal', 'rm', 'risk', 'visit', 'sale', 'complaint'… */
  kind: string;
  /** What a clerk reads on the timeline (Chinese first; put an English title in detail.titleEn). */
  title: string;
  detail?: Record<string, unknown>;
  staffId?: number | null;
  /** The record the event is about, e.g. refType 'privilege_use', refId '42'. */
  refType?: string | null;
  refId?: string | number | null;
  /** When it happened, if not now (imports, back-dated records). */
  at?: Date | string | null;
};

function toWrite(e: CustomerEventInput): EventWrite {
  return {
    customerId: e.customerId,
    kind: e.kind,
    title: e.title,
    detail: e.detail ?? {},
    staffId: e.staffId ?? null,
    refType: e.refType ?? null,
    refId: e.refId === undefined || e.refId === null ? null : String(e.refId),
    at: e.at ?? null,
  };
}

export async function addCustomerEvent(db: DbOrTrx, e: CustomerEventInput): Promise<void> {
  await insertEvents(db, [toWrite(e)]);
}

const CHUNK = 1000;

/** Many events in one INSERT (chunked past 1,000 rows to stay under the parameter limit). */
export async function addCustomerEvents(db: DbOrTrx, events: readonly CustomerEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) await insertEvents(db, events.slice(i, i + CHUNK).map(toWrite));
}

/** `before` is the opaque cursor a previous page returned as nextBefore. */
export function parseCursor(before: string | undefined): { at: string; id: number } | null {
  if (!before) return null;
  const i = before.lastIndexOf('_');
  const at = before.slice(0, i);
  const id = Number(before.slice(i + 1));
  if (i < 0 || !Number.isSafeInteger(id) || Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}

/** Reading is for the customers module's routes, which check the caller's scope first. */
export function customerTimeline(db: DbOrTrx, customerId: number, before: string | undefined, limit: number): Promise<TimelinePage> {
  return listEvents(db, customerId, parseCursor(before), limit);
}
