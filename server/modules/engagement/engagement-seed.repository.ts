// Set-based SQL of the engagement demo data: a year of contacts, tasks in every state and handovers.
// Choices are hashes of ids and the seed, so the same seed gives the same bank.
import { sql, type DbOrTrx } from '../../platform/db';

const SUMMARIES = [
  '电话问候，客户近期资金安排稳定', '介绍新发行的稳健型理财产品', '客户关注大额存单利率', '邀请客户参加投资策略会', '回访上次购买产品的体验',
  '客户有子女留学资金规划需求', '了解客户养老规划想法', '定期存款到期续存沟通', '客户咨询保险保障配置', '节日问候并告知贵宾权益',
];
const PRODUCTS = ['大额存单', '稳健理财', '货币基金', '年金保险', '实物黄金', '债券基金'];

/** Up to six contacts per served customer over the past year, by their dedicated RM. */
export async function seedActivities(trx: DbOrTrx, seed: number, today: string): Promise<number> {
  const r = await sql`
    insert into engagement_activities (customer_id, branch_id, staff_id, channel, occurred_at, outcome, summary, products, next_step)
    select c.id, c.branch_id, c.rm_staff_id,
           (array['call','visit','branch_meeting','message'])[1 + abs(hashint8(c.id * 31 + g + ${seed})) % 4],
           ((${today}::date - (1 + abs(hashint8(c.id * 17 + g * 7 + ${seed})) % 364)::int)::timestamp + make_interval(hours => (9 + abs(hashint8(c.id + g)) % 8)::int))
             at time zone 'Asia/Shanghai',
           (array['reached','reached','interested','not_reached','declined','sold'])[1 + abs(hashint8(c.id * 13 + g + ${seed})) % 6],
           (${SUMMARIES}::text[])[1 + abs(hashint8(c.id * 7 + g * 3 + ${seed})) % ${SUMMARIES.length}],
           case when abs(hashint8(c.id + g * 11)) % 3 = 0 then jsonb_build_array((${PRODUCTS}::text[])[1 + abs(hashint8(c.id * 5 + g)) % ${PRODUCTS.length}]) else '[]'::jsonb end,
           ''
      from customers c
      cross join lateral generate_series(1, 1 + abs(hashint8(c.id + ${seed})) % 6) g
     where c.rm_staff_id is not null`.execute(trx);
  await sql`
    update customers c set last_contact_at = a.last
      from (select customer_id, max(occurred_at) as last from engagement_activities group by customer_id) a
     where a.customer_id = c.id and (c.last_contact_at is null or c.last_contact_at < a.last)`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Older tasks are mostly done (one in ten cancelled, one in twenty still open and overdue); recent ones stay open. */
export async function settleTasks(trx: DbOrTrx, today: string): Promise<void> {
  await sql`
    update engagement_tasks set
      status = case when abs(hashint8(id)) % 20 < 17 then 'done' when abs(hashint8(id)) % 20 < 19 then 'cancelled' else 'open' end,
      outcome = case when abs(hashint8(id)) % 20 < 17 then '已联系客户，客户反馈良好' when abs(hashint8(id)) % 20 < 19 then '客户已在网点办理，无需再联系' end,
      done_at = case when abs(hashint8(id)) % 20 < 19 then (due_on - abs(hashint8(id * 3)) % 5)::timestamp at time zone 'Asia/Shanghai' end
     where due_on < ${today}::date - 3`.execute(trx);
}

export type SeedHandoverCounts = { pending: number; decided: number };

/**
 * Each marketing RM has handed two of the customers they brought in (not yet served) to the first
 * wealth RM of their outlet, one of them four days ago (a stale handover); earlier handovers of
 * customers now served are on record as accepted.
 */
export async function seedHandovers(trx: DbOrTrx): Promise<SeedHandoverCounts> {
  const pending = await sql`
    with mk as (select s.id, s.branch_id from staff s join staff_roles r on r.staff_id = s.id and r.role = 'marketing_rm' where s.status = 'active'),
         wr as (select distinct on (s.branch_id) s.id, s.branch_id from staff s join staff_roles r on r.staff_id = s.id and r.role = 'wealth_rm'
                 where s.status = 'active' order by s.branch_id, s.staff_no),
         pick as (select c.id as customer_id, c.branch_id, mk.id as from_id, wr.id as to_id,
                         row_number() over (partition by mk.id order by c.aum desc, c.id) as n
                    from mk join customers c on c.marketing_staff_id = mk.id and c.rm_staff_id is null and c.status <> 'closed'
                    join wr on wr.branch_id = c.branch_id)
    insert into handovers (customer_id, branch_id, from_staff_id, to_staff_id, note, created_at)
    select customer_id, branch_id, from_id, to_id, '客户资产增长较快，有理财需求，请跟进',
           now() - case when n = 1 then interval '4 days' else interval '3 hours' end
      from pick where n <= 2`.execute(trx);
  const decided = await sql`
    insert into handovers (customer_id, branch_id, from_staff_id, to_staff_id, status, note, created_at, decided_at, decided_by)
    select c.id, c.branch_id, c.marketing_staff_id, c.rm_staff_id, 'accepted', '新开户优质客户移交', h.assigned_on::timestamp at time zone 'Asia/Shanghai' - interval '1 day',
           h.assigned_on::timestamp at time zone 'Asia/Shanghai', c.rm_staff_id
      from customers c
      join lateral (select assigned_on from customer_rm_history x where x.customer_id = c.id order by assigned_on limit 1) h on true
     where c.marketing_staff_id is not null and c.rm_staff_id is not null`.execute(trx);
  return { pending: Number(pending.numAffectedRows ?? 0), decided: Number(decided.numAffectedRows ?? 0) };
}

export async function taskCount(trx: DbOrTrx): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from engagement_tasks`.execute(trx);
  return Number(r.rows[0].n);
}
