// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The RM's workbench reads the whole book on every load (tiers, AUM, cross-sell, maturities, birthdays).
// An RM's customers lie scattered over the customers table, one page each; covering indexes let those
// reads come from a few index pages instead (index-only scans), for the book and for its active holdings.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index customers_rm_book_idx on customers (rm_staff_id, tier_code) include (id, branch_id, aum, status, birth_date)`.execute(db);
  await sql`drop index customers_rm_idx`.execute(db);
  await sql`create index holdings_active_customer_idx on holdings (customer_id, category, matures_on) include (balance, id) where status = 'active'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists holdings_active_customer_idx`.execute(db);
  await sql`create index customers_rm_idx on customers (rm_staff_id, tier_code)`.execute(db);
  await sql`drop index if exists customers_rm_book_idx`.execute(db);
}
