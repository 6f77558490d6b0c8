// Set-based SQL of the products demo data: the sales behind the demo holdings opened in the last
// twelve months, and allocation reviews for most premium customers.
import { sql, type DbOrTrx } from '../../platform/db';

/**
 * One sale per investment or deposit holding opened in the last year (the sale that opened it),
 * credited to the customer's RM; channels and referral sources vary with the holding's id.
 */
export async function insertDemoSales(db: DbOrTrx, today: string): Promise<number> {
  const r = await sql`
    insert into sales (customer_id, branch_id, product_id, category, amount, sold_on, staff_id, channel, referral_source, holding_id,
                       recording_ref, cooling_off_until, created_by, created_at)
    select h.customer_id, c.branch_id, p.id, p.category, h.balance, h.opened_on, coalesce(c.rm_staff_id, c.marketing_staff_id),
           (array['branch','branch','mobile','online','phone'])[1 + h.id % 5],
           case h.id % 7 when 0 then '大堂经理转介' when 1 then '柜员转介' when 2 then '营销活动' else null end,
           h.id, case when p.category = 'wealth' then 'SL' || to_char(h.opened_on, 'YYYYMMDD') || lpad((h.id % 1000000)::text, 6, '0') end,
           case when p.category = 'wealth' then (h.opened_on::timestamp at time zone 'Asia/Shanghai') + interval '34 hours' end,
           coalesce(c.rm_staff_id, c.marketing_staff_id),
           (h.opened_on::timestamp at time zone 'Asia/Shanghai') + interval '10 hours'
      from holdings h
      join customers c on c.id = h.customer_id
      join products p on p.code = h.product_code
     where h.opened_on > ${today}::date - 365 and h.opened_on <= ${today}::date and h.balance > 0
       and h.category in ('time_deposit', 'wealth', 'fund', 'insurance', 'precious_metal')`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Four in five customers with an RM were reviewed within the last eight months. */
export async function insertDemoReviews(db: DbOrTrx, today: string): Promise<number> {
  const r = await sql`
    insert into allocation_reviews (customer_id, reviewed_on, staff_id, note)
    select c.id, ${today}::date - (c.id * 37 % 240)::int, c.rm_staff_id, '与客户沟通资产配置，维持现有方案'
      from customers c
     where c.rm_staff_id is not null and c.status = 'active' and c.id % 5 <> 0`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
