// All SQL of the customer timeline (customer_events): one chronological story per customer.
import { sql, type DbOrTrx } from '../../platform/db';
import type { CustomerEvent } from '../../../contracts/customers';

export type EventWrite = {
  customerId: number;
  kind: string;
  title: string;
  detail: Record<string, unknown>;
  staffId: number | null;
  refType: string | null;
  refId: string | null;
  at: Date | string | null;
};

/** One multi-row INSERT, however many events (callers chunk very large batches themselves). */
export async function insertEvents(db: DbOrTrx, events: readonly EventWrite[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('customer_events')
    .values(
      events.map((e) => ({
        customer_id: e.customerId,
        kind: e.kind,
        title: e.title,
        detail: JSON.stringify(e.detail),
        staff_id: e.staffId,
        ref_type: e.refType,
        ref_id: e.refId,
        ...(e.at === null ? {} : { at: e.at }),
      })),
    )
    .execute();
}

export type Cursor = { at: string; id: number };

type Row = Omit<CustomerEvent, 'at'> & { at: Date; cursorAt: string };

/**
 * Newest first, keyset-paged on (at, id) through customer_events_customer_idx. The cursor carries
 * the timestamp at microsecond precision, as text, so that no row is skipped or repeated.
 */
export async function listEvents(db: DbOrTrx, customerId: number, before: Cursor | null, limit: number): Promise<{ items: CustomerEvent[]; nextBefore: string | null }> {
  const res = await sql<Row>`
    select e.id, e.at, e.kind, e.title, e.detail, e.staff_id as "staffId", s.name as "staffName",
           e.ref_type as "refType", e.ref_id as "refId",
           to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
    from customer_events e left join staff s on s.id = e.staff_id
    where e.customer_id = ${customerId}
      ${before ? sql`and (e.at, e.id) < (${before.at}::timestamptz, ${before.id}::bigint)` : sql``}
    order by e.at desc, e.id desc
    limit ${limit + 1}`.execute(db);
  const rows = res.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ cursorAt: _c, ...r }) => ({ ...r, at: r.at.toISOString(), detail: r.detail ?? {} })),
    nextBefore: res.rows.length > limit && last ? `${last.cursorAt}_${last.id}` : null,
  };
}
