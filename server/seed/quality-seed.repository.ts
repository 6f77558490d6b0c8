// SQL of the demo quality data: complaints in every state over the last six months, their history,
// the reminders already past (so the first reminder run does not replay months), inspections with a
// score per standard, and teamwork ratings. Set-based: a handful of statements, whatever the size.
// Pseudo-random choices come from arithmetic on the row numbers and the seed, so a seed gives the
// same bank every time.
import { sql, type Trx } from '../platform/db';

const CATEGORIES = ['service_attitude', 'waiting_time', 'mis_selling', 'fees', 'system_failure', 'privacy', 'business_error', 'environment', 'other'];
const CHANNELS = ['lobby', 'lobby', 'counter', 'phone', 'phone', 'online', 'letter', 'regulator'];
const LINES = ['deposits', 'wealth', 'agency', 'loans', 'cards', 'payments', 'e_banking', 'counter'];
const CAUSES = ['staff_conduct', 'training_gap', 'process_defect', 'system_defect', 'product_design', 'disclosure', 'capacity', 'customer_misunderstanding'];
const DESCRIPTIONS = [
  '客户反映排队等候时间过长，窗口开放不足', '客户认为柜员服务态度冷淡，未使用文明用语', '客户称购买理财产品时未被充分告知风险',
  '客户对账户管理费、短信费收取有异议', '手机银行转账失败但扣款，客户要求退回', '客户担心个人信息被泄露，接到营销电话',
  '客户反映业务办理差错，需重复办理', '营业厅空调不足、等候区座位不够', '客户对办理流程繁琐提出意见',
];

const arr = (xs: readonly string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::text`))}]`;

export async function insertDemoComplaints(trx: Trx, opts: { seed: number; today: string; perOutlet: number }): Promise<number> {
  const r = await sql<{ n: number }>`
    with outlets as (
      select b.id, row_number() over (order by b.id)::int as bn from branches b where b.level in ('sub_branch', 'outlet') and b.status = 'open'
    ),
    g as (
      select o.id as branch_id, o.bn, s.i, ((o.bn * 7919 + s.i * 104729 + ${opts.seed} * 31) % 100003)::int as h
      from outlets o cross join generate_series(1, ${opts.perOutlet}) as s(i)
    ),
    base as (
      select g.*, (${opts.today}::date - ((g.h % 180))::int) as acc from g
    ),
    staffed as (
      select b.*,
        (select c.id from customers c where c.branch_id = b.branch_id order by c.id offset (b.h % 40) limit 1) as customer_id,
        (select s.id from staff s join staff_roles r on r.staff_id = s.id where s.branch_id = b.branch_id and r.role in ('cash_teller', 'noncash_teller') and s.status = 'active' order by s.id limit 1) as teller_id,
        (select s.id from staff s join staff_roles r on r.staff_id = s.id where s.branch_id = b.branch_id and r.role in ('wealth_rm', 'lobby_manager') and s.status = 'active' order by s.id offset (b.h % 2) limit 1) as handler_id,
        (select s.id from staff s join staff_roles r on r.staff_id = s.id where s.branch_id = b.branch_id and r.role = 'branch_head' and s.status = 'active' order by s.id limit 1) as head_id,
        case extract(isodow from b.acc + 15) when 6 then b.acc + 17 when 7 then b.acc + 16 else b.acc + 15 end as due
      from base b
    ),
    shaped as (
      select s.*,
        -- older complaints are mostly finished; recent ones spread over the workflow
        case
          when s.h % 23 = 0 then 'withdrawn'
          when ${opts.today}::date - s.acc > 25 then (array['closed', 'closed', 'closed', 'closed', 'decided', 'closed'])[1 + s.h % 6]
          else (array['accepted', 'assigned', 'investigating', 'proposed', 'decided', 'review', 'closed', 'investigating'])[1 + s.h % 8]
        end as status,
        least(${opts.today}::date, s.acc + (case when s.h % 11 = 0 then 18 else 2 + s.h % 12 end)) as decided
      from staffed s
    )
    insert into complaints (
      branch_id, channel, complainant_type, customer_id, contact_name, contact_mobile, category, business_line, about_staff_ids, amount_in_dispute,
      description, customer_request, status, accepted_on, accepted_at, due_on, extension_level, handler_staff_id, decision, decided_on, decided_at, told_via,
      reopened_count, closed_on, closed_at, withdrawn_at, callback_at, callback_satisfaction, root_cause, root_cause_note, corrective_action,
      corrective_owner_id, corrective_due_on, created_by, created_at
    )
    select x.branch_id, (${arr(CHANNELS)})[1 + x.h % ${CHANNELS.length}],
      case when x.h % 9 = 0 then 'walk_in' when x.h % 17 = 0 then 'proxy' when x.h % 29 = 0 then 'heir' else 'customer' end,
      case when x.h % 9 = 0 then null else x.customer_id end,
      case when x.h % 9 = 0 or x.h % 17 = 0 or x.h % 29 = 0 then '王先生' end,
      case when x.h % 9 = 0 or x.h % 17 = 0 or x.h % 29 = 0 then '139' || lpad((x.h % 100000000)::text, 8, '0') end,
      (${arr(CATEGORIES)})[1 + (x.h / 7) % ${CATEGORIES.length}], (${arr(LINES)})[1 + (x.h / 3) % ${LINES.length}],
      case when x.h % 3 = 0 and x.teller_id is not null then array[x.teller_id] else '{}'::bigint[] end,
      case when x.h % 4 = 0 then ((x.h % 5000) * 10 + 100)::numeric(20,2) end,
      (${arr(DESCRIPTIONS)})[1 + (x.h / 7) % ${DESCRIPTIONS.length}], '请尽快核实处理并给予答复',
      x.status, x.acc, x.acc + time '10:00', x.due, 0,
      case when x.status = 'accepted' then null else x.handler_id end,
      case when x.status in ('proposed', 'decided', 'closed', 'review') then '经核实，已向客户说明情况并致歉，相关费用予以退还' end,
      case when x.status in ('decided', 'closed') then x.decided end,
      case when x.status in ('decided', 'closed') then x.decided + time '16:00' end,
      case when x.status in ('decided', 'closed') then 'phone' end,
      case when x.status = 'review' or (x.status = 'closed' and x.h % 13 = 0) then 1 else 0 end,
      case when x.status = 'closed' then least(${opts.today}::date, x.decided + 2) when x.status = 'withdrawn' then x.acc + 1 end,
      case when x.status = 'closed' then least(${opts.today}::date, x.decided + 2) + time '11:00' when x.status = 'withdrawn' then x.acc + 1 + time '11:00' end,
      case when x.status = 'withdrawn' then x.acc + 1 + time '11:00' end,
      case when x.status = 'closed' and x.h % 2 = 0 then least(${opts.today}::date, x.decided + 4) + time '15:00' end,
      case when x.status = 'closed' and x.h % 2 = 0 then 3 + x.h % 3 end,
      case when x.status = 'closed' then (${arr(CAUSES)})[1 + (x.h / 5) % ${CAUSES.length}] end,
      case when x.status = 'closed' then '经溯源分析确认' end,
      case when x.status = 'closed' then '组织专项培训并修订操作规程' end,
      case when x.status = 'closed' then x.head_id end,
      case when x.status = 'closed' then x.decided + 30 end,
      x.head_id, x.acc + time '10:00'
    from shaped x
    where x.customer_id is not null or x.h % 9 = 0
    returning 1`.execute(trx);
  const n = r.rows.length;
  await sql`
    insert into complaint_history (complaint_id, at, staff_id, action, from_status, to_status, note)
    select c.id, c.accepted_at, c.created_by, 'accept', null, 'accepted', '' from complaints c
    union all
    select c.id, c.accepted_at + interval '2 hours', c.created_by, 'assign', 'accepted', 'assigned', '' from complaints c where c.handler_staff_id is not null
    union all
    select c.id, coalesce(c.decided_at, c.accepted_at + interval '1 day'), c.handler_staff_id, 'decide', 'proposed', 'decided', '' from complaints c where c.decided_on is not null
    union all
    select c.id, coalesce(c.closed_at, c.withdrawn_at, c.accepted_at + interval '3 days'), c.handler_staff_id,
           case c.status when 'withdrawn' then 'withdraw' else 'close' end, 'decided', c.status, ''
    from complaints c where c.status in ('closed', 'withdrawn')`.execute(trx);
  // Milestones already past count as sent: the job then starts with what is new today.
  await sql`
    insert into complaint_reminders (complaint_id, milestone, due_on, sent_at)
    select c.id, m.milestone, c.due_on, now() from complaints c
    cross join (values ('50'::text, 0.5::float8), ('80'::text, 0.8::float8), ('overdue'::text, null::float8)) as m(milestone, share)
    where c.status in ('accepted', 'assigned', 'investigating', 'proposed') and c.decided_on is null
      and case when m.share is null then ${opts.today}::date > c.due_on
               else ${opts.today}::date >= c.accepted_on + ceil((c.due_on - c.accepted_on) * m.share)::int end
    on conflict do nothing`.execute(trx);
  return n;
}

export async function insertDemoInspections(trx: Trx, opts: { seed: number; today: string; perOutlet: number }): Promise<number> {
  const r = await sql<{ id: number }>`
    with outlets as (select b.id, row_number() over (order by b.id)::int as bn from branches b where b.level in ('sub_branch', 'outlet') and b.status = 'open')
    insert into inspections (branch_id, kind, inspected_on, staff_id, inspector_staff_id, inspector_name, score, findings, corrective_actions)
    select o.id, case when s.i % 2 = 0 then 'mystery_shopper' else 'supervisor' end,
      ${opts.today}::date - (s.i * 45 + (o.bn * 13 + ${opts.seed}) % 30)::int,
      (select st.id from staff st join staff_roles sr on sr.staff_id = st.id where st.branch_id = o.id and sr.role in ('lobby_manager', 'cash_teller', 'noncash_teller', 'wealth_rm') and st.status = 'active' order by st.id offset (s.i + o.bn) % 3 limit 1),
      (select st.id from staff st join staff_roles sr on sr.staff_id = st.id where st.branch_id = o.id and sr.role = 'branch_head' order by st.id limit 1),
      case when s.i % 2 = 0 then '神秘客户' || s.i else '' end,
      0, '问候与引导手势基本规范；个别员工站姿不够标准，等候时间高峰期超标', '晨会强化站姿训练；高峰期增开窗口'
    from outlets o cross join generate_series(0, ${opts.perOutlet - 1}) as s(i)
    returning id`.execute(trx);
  const ids = r.rows.map((x) => x.id);
  if (ids.length === 0) return 0;
  await sql`
    insert into inspection_items (inspection_id, standard_id, score, note)
    select i.id, st.id, 2 + ((i.id * 31 + st.id * 17 + ${opts.seed}) % 4)::int, ''
    from inspections i cross join service_standards st where st.active and i.id = any(${ids}::bigint[])`.execute(trx);
  await sql`
    update inspections i set score = x.score from (
      select it.inspection_id, round(sum(it.score) * 100.0 / (count(*) * 5), 2) as score from inspection_items it
      where it.inspection_id = any(${ids}::bigint[]) group by it.inspection_id
    ) x where x.inspection_id = i.id`.execute(trx);
  return ids.length;
}

export async function insertDemoTeamRatings(trx: Trx, opts: { today: string }): Promise<number> {
  const r = await sql`
    insert into team_ratings (branch_id, period, rater_staff_id, rater_kind, score, note)
    select st.branch_id, to_char(${opts.today}::date - (m * 30), 'YYYY-MM'), st.id,
           case when sr.role = 'branch_head' then 'manager' else 'peer' end, 3 + ((st.id + m) % 3)::int, ''
    from staff st join staff_roles sr on sr.staff_id = st.id join branches b on b.id = st.branch_id
    cross join generate_series(1, 3) as m
    where b.level in ('sub_branch', 'outlet') and st.status = 'active' and sr.role in ('branch_head', 'wealth_rm')
    on conflict do nothing`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
