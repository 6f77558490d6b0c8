// SQL of holdings that other modules change through holdings.service.ts (sales, cancellations).
import { sql, type DbOrTrx } from '../../platform/db';

export type HoldingRef = { id: number; balance: string; status: string };

/** The customer's active holding of a product, locked until the transaction ends. */
export async function lockActiveHolding(trx: DbOrTrx, customerId: number, productCode: string): Promise<HoldingRef | null> {
  const r = await sql<HoldingRef>`
    select id, balance, status from holdings
     where customer_id = ${customerId} and product_code = ${productCode} and status = 'active'
     order by id limit 1 for update`.execute(trx);
  return r.rows[0] ?? null;
}

export async function addToHolding(trx: DbOrTrx, id: number, amount: string, maturesOn: string | null): Promise<void> {
  await sql`
    update holdings set balance = balance + ${amount}::numeric, matures_on = coalesce(${maturesOn}::date, matures_on), updated_at = now()
     where id = ${id}`.execute(trx);
}

export async function insertHolding(
  trx: DbOrTrx,
  h: { customerId: number; category: string; productCode: string; productName: string; amount: string; openedOn: string; maturesOn: string | null },
): Promise<number> {
  // Account numbers of holdings opened here: a prefix of their own, the customer and a per-customer serial.
  const r = await sql<{ id: number }>`
    insert into holdings (customer_id, category, product_code, product_name, account_no, balance, opened_on, matures_on)
    values (${h.customerId}, ${h.category}, ${h.productCode}, ${h.productName},
            'S' || ${h.customerId}::text || '-' || (select count(*) + 1 from holdings where customer_id = ${h.customerId})::text || '-' || ${h.productCode},
            ${h.amount}::numeric, ${h.openedOn}::date, ${h.maturesOn}::date)
    returning id`.execute(trx);
  return Number(r.rows[0].id);
}

/** Takes the amount back out; a holding left at zero is closed. */
export async function subtractFromHolding(trx: DbOrTrx, id: number, amount: string): Promise<void> {
  await sql`
    update holdings set balance = greatest(balance - ${amount}::numeric, 0),
           status = case when balance - ${amount}::numeric <= 0 then 'closed' else status end, updated_at = now()
     where id = ${id}`.execute(trx);
}

export async function holdingCategories(db: DbOrTrx, customerId: number): Promise<{ category: string; status: string }[]> {
  const r = await sql<{ category: string; status: string }>`
    select category, status from holdings where customer_id = ${customerId}`.execute(db);
  return r.rows;
}
