// SQL of the growth demo data: a handful of set-based statements over the seeded bank.
import { sql, type DbOrTrx } from '../../platform/db';

export type DemoStaff = { staffId: number; branchId: number; branchPath: string };

/** The demo accounts' staff by username (absent when the bank was seeded without them). */
export async function demoStaff(db: DbOrTrx, usernames: readonly string[]): Promise<Map<string, DemoStaff>> {
  const res = await sql<DemoStaff & { username: string }>`
    select u.username, s.id as "staffId", s.branch_id as "branchId", b.path as "branchPath"
      from users u join staff s on s.id = u.staff_id join branches b on b.id = s.branch_id
     where u.username in (${sql.join([...usernames])})`.execute(db);
  return new Map(res.rows.map((r) => [r.username, { staffId: Number(r.staffId), branchId: Number(r.branchId), branchPath: r.branchPath }]));
}

/**
 * Referrals in every state: from the tellers, the lobby manager and the marketing RM to the wealth
 * RM, about the outlet's customers of the lowest tier with the most assets.
 */
export async function seedReferrals(db: DbOrTrx, o: { rm: number; referrers: readonly { staffId: number; role: string }[]; branchId: number; today: string; count: number }): Promise<{ id: number; customerId: number | null; status: string; referredBy: number }[]> {
  const refs = JSON.stringify(o.referrers.map((r, i) => ({ i, staff_id: r.staffId, role: r.role })));
  const res = await sql<{ id: number; customerId: number | null; status: string; referredBy: number }>`
    with picked as (
      select c.id, row_number() over (order by c.aum desc, c.id) as n
        from customers c
       where c.branch_id = ${o.branchId} and c.status = 'active'
         and c.tier_code = (select t.code from tiers t order by t.rank limit 1)
       order by c.aum desc, c.id limit ${o.count}
    ), refs as (
      select * from jsonb_to_recordset(${refs}::jsonb) as x(i int, staff_id bigint, role text)
    ), rows as (
      select p.id as customer_id, p.n,
             (array['new', 'new', 'contacted', 'converted', 'not_interested', 'contacted'])[1 + (p.n % 6)::int] as status,
             r.staff_id, r.role,
             (${o.today}::date - (p.n * 3 % 45)::int)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours' as at
        from picked p join refs r on r.i = p.n % ${o.referrers.length}
    )
    insert into growth_referrals (branch_id, customer_id, note, referred_by, referrer_role, rm_staff_id, status, outcome_note, contacted_at, converted_at, closed_at, created_at, updated_at, estimated_assets)
    select ${o.branchId}, customer_id,
           (array['办理大额定期存款，咨询理财产品', '询问国债和大额存单额度', '提到有一笔拆迁款即将到账', '在他行有理财产品即将到期', '代发工资客户，近期资金增加明显'])[1 + (n % 5)::int],
           staff_id, role, ${o.rm}, status,
           case status when 'converted' then '已开立理财账户，资产达到金卡标准' when 'not_interested' then '客户暂无投资意向' when 'contacted' then '已电话联系，约定下周到网点面谈' else '' end,
           case when status <> 'new' then at + interval '1 day' end,
           case when status = 'converted' then at + interval '6 days' end,
           case when status in ('converted', 'not_interested') then at + interval '6 days' end,
           at, at,
           (50000 + (n * 7919 % 40) * 5000)::numeric(20,2)
      from rows
    returning id, customer_id as "customerId", status, referred_by as "referredBy"`.execute(db);
  return res.rows.map((r) => ({ ...r, id: Number(r.id), customerId: r.customerId === null ? null : Number(r.customerId), referredBy: Number(r.referredBy) }));
}

export async function seedWalkInReferrals(db: DbOrTrx, o: { rm: number; referredBy: number; role: string; branchId: number; today: string }): Promise<number> {
  const res = await sql`
    insert into growth_referrals (branch_id, contact_name, contact_mobile, note, referred_by, referrer_role, rm_staff_id, status, estimated_assets, created_at, updated_at)
    select ${o.branchId}, x.name, x.mobile, x.note, ${o.referredBy}, ${o.role}, ${o.rm}, 'new', x.assets::numeric(20,2),
           (${o.today}::date - x.d)::timestamp at time zone 'Asia/Shanghai' + interval '11 hours', now()
      from (values ('王丽华', '13912345601', '陪同家人办理业务，询问私人银行服务', 800000, 1),
                   ('陈建国', '13812345602', '企业主，想了解家族信托', 3000000, 2),
                   ('刘芳', '13712345603', '他行理财到期，比较各行收益', 300000, 4)) as x(name, mobile, note, assets, d)
    returning id`.execute(db);
  return res.rows.length;
}

export async function seedProspects(db: DbOrTrx, o: { staffId: number; branchId: number; today: string }): Promise<number[]> {
  const res = await sql<{ id: number }>`
    insert into growth_prospects (branch_id, staff_id, name, mobile, source, estimated_assets, notes, status, created_at)
    select ${o.branchId}, ${o.staffId}, x.name, x.mobile, x.source, x.assets::numeric(20,2), x.notes, x.status,
           (${o.today}::date - x.d)::timestamp at time zone 'Asia/Shanghai' + interval '15 hours'
      from (values ('周志明', '13611112201', '社区金融知识讲座', 600000, '退休教师，关注稳健收益', 'open', 3),
                   ('吴晓燕', '13611112202', '商户走访', 1200000, '经营服装店，流水较大', 'open', 5),
                   ('郑海涛', '13611112203', '代发工资单位', 450000, '科技公司中层，有子女教育规划', 'open', 8),
                   ('孙美玲', '13611112204', '老客户转介绍', 2500000, '在他行有大额存单', 'open', 10),
                   ('黄伟', '13611112205', '商户走访', 350000, '餐饮店老板', 'dropped', 20),
                   ('林静', '13611112206', '社区金融知识讲座', 900000, '已在本行开户', 'converted', 30)) as x(name, mobile, source, assets, notes, status, d)
    returning id`.execute(db);
  return res.rows.map((r) => Number(r.id));
}

/** A pipeline per RM: the wealth RM's on customers of their book, the marketing RM's on prospects. */
export async function seedOpportunities(db: DbOrTrx, o: { rm: number; rmBranchId: number; mrm: number; mrmBranchId: number; prospectIds: readonly number[]; today: string }): Promise<number> {
  const a = await sql`
    with picked as (
      select c.id, row_number() over (order by c.aum desc, c.id) as n
        from customers c where c.rm_staff_id = ${o.rm} and c.status = 'active' and c.tier_code <> 'mass'
       order by c.aum desc, c.id limit 10
    )
    insert into growth_opportunities (branch_id, staff_id, customer_id, title, stage, expected_amount, product, next_step, next_step_on, closed_at, created_at, updated_at)
    select ${o.rmBranchId}, ${o.rm}, p.id,
           (array['到期资金续作', '配置稳健型理财', '增配保障型保险', '基金定投', '贵金属配置'])[1 + (p.n % 5)::int],
           (array['lead', 'contacted', 'proposal', 'proposal', 'won', 'lost', 'contacted', 'lead', 'proposal', 'contacted'])[p.n::int],
           (100000 + p.n * 50000)::numeric(20,2),
           (array['理财产品', '理财产品', '保险', '基金', '贵金属'])[1 + (p.n % 5)::int],
           (array['电话约见', '准备资产配置方案', '约客户到网点签约', '发送产品说明书'])[1 + (p.n % 4)::int],
           ${o.today}::date + ((p.n % 5)::int - 1),
           case when p.n in (5, 6) then now() end,
           now() - (p.n || ' days')::interval, now()
      from picked p
    returning id`.execute(db);
  const ids = JSON.stringify(o.prospectIds.slice(0, 4).map((id, i) => ({ id, i })));
  const b = await sql`
    insert into growth_opportunities (branch_id, staff_id, prospect_id, title, stage, expected_amount, product, next_step, next_step_on, created_at, updated_at)
    select ${o.mrmBranchId}, ${o.mrm}, x.id, '争取开户并引入资产', (array['lead', 'contacted', 'proposal', 'contacted'])[x.i + 1],
           (300000 + x.i * 200000)::numeric(20,2), '大额存单', '约到网点开户', ${o.today}::date + (x.i + 1), now(), now()
      from jsonb_to_recordset(${ids}::jsonb) as x(id bigint, i int)
    returning id`.execute(db);
  return a.rows.length + b.rows.length;
}

/** Half the campaign's tasks were worked, as if the RMs had been calling for a week. */
export async function markCampaignTasksWorked(db: DbOrTrx, campaignId: number): Promise<void> {
  await sql`
    update engagement_tasks set status = 'done', outcome = 'contacted', done_at = now() - interval '2 days', updated_at = now()
     where source_type = 'campaign' and source_id = ${String(campaignId)} and id % 2 = 0`.execute(db);
}

export async function backdateCampaign(db: DbOrTrx, id: number, days: number): Promise<void> {
  await sql`update growth_campaigns set launched_at = now() - (${days} || ' days')::interval, created_at = now() - (${days + 1} || ' days')::interval where id = ${id}`.execute(db);
}

/** A past event: invitations answered, most of the yeses came, the door list checked in. */
export async function seedPastEventAttendance(db: DbOrTrx, eventId: number, by: number): Promise<void> {
  await sql`
    with ranked as (select customer_id, row_number() over (order by customer_id) as n from growth_event_invitations where event_id = ${eventId})
    update growth_event_invitations v set
      rsvp = case when r.n % 5 = 0 then 'no' when r.n % 7 = 0 then 'pending' else 'yes' end,
      checked_in_at = case when r.n % 5 <> 0 and r.n % 7 <> 0 and r.n % 4 <> 0 then e.starts_at + interval '10 minutes' end,
      checked_in_by = case when r.n % 5 <> 0 and r.n % 7 <> 0 and r.n % 4 <> 0 then ${by}::bigint end
      from ranked r, growth_events e
     where v.event_id = ${eventId} and v.customer_id = r.customer_id and e.id = v.event_id`.execute(db);
}

export async function backdateInvitations(db: DbOrTrx, eventId: number, at: string): Promise<void> {
  await sql`update growth_event_invitations set invited_at = ${at}::timestamptz where event_id = ${eventId}`.execute(db);
}

export async function seedResearch(db: DbOrTrx, o: { branchId: number; staffId: number; today: string }): Promise<number> {
  const res = await sql`
    insert into growth_market_research (branch_id, recorded_by, bank_name, product_type, product_name, rate, term, customer_remarks, observed_on)
    select ${o.branchId}, ${o.staffId}, x.bank, x.type, x.product, x.rate::numeric(8,4), x.term, x.remark, ${o.today}::date - x.d
      from (values
        ('工商银行', 'deposit', '三年期大额存单', 2.35, '3年', '起存20万，额度紧张', 3),
        ('建设银行', 'deposit', '三年期大额存单', 2.35, '3年', '', 5),
        ('招商银行', 'wealth', '朝招金稳健理财', 2.80, '180天', '客户认为收益比我行高0.2个百分点', 4),
        ('招商银行', 'fund', '招商中证白酒指数基金', null, '开放式', '客户关注度高，但担心波动', 12),
        ('平安银行', 'insurance', '平安福终身寿险', 3.00, '终身', '销售人员上门推介，客户犹豫', 9),
        ('农业银行', 'precious_metal', '传世之宝金条', null, '', '金价上涨，客户咨询积存金', 6),
        ('中国银行', 'deposit', '五年期定期存款', 2.00, '5年', '', 14),
        ('浦发银行', 'wealth', '天添利现金管理', 2.10, '活期', '赎回T+0到账，客户觉得方便', 2),
        ('兴业银行', 'wealth', '睿盈系列一年期', 3.05, '1年', '他行客户经理电话营销频繁', 7),
        ('民生银行', 'loan', '个人经营贷', 3.45, '3年', '小微商户反映审批快', 11),
        ('工商银行', 'wealth', '鑫得利固收增强', 2.95, '1年', '', 16),
        ('建设银行', 'insurance', '建信人寿养老年金', 3.50, '10年缴', '客户关心养老规划', 18)
      ) as x(bank, type, product, rate, term, remark, d)
    returning id`.execute(db);
  return res.rows.length;
}
