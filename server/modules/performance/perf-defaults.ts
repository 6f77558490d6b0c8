// The default KPI library and scorecards every installation starts with; head office edits them after.
import type { SaveKpiBody, SaveScorecardBody } from '../../../contracts/performance';

type K = Omit<SaveKpiBody, 'descriptionZh' | 'descriptionEn' | 'active' | 'params'> & { params?: SaveKpiBody['params']; descriptionZh: string; descriptionEn: string };
const kpi = (k: K): SaveKpiBody => ({ params: {}, active: true, ...k });

export const DEFAULT_KPIS: SaveKpiBody[] = [
  kpi({ code: 'aum_growth', measure: 'aum_growth', nameZh: '管户资产增长', nameEn: 'AUM growth of the book', unit: 'amount', direction: 'higher', descriptionZh: '管户客户月末资产减上月末资产', descriptionEn: 'Month-end AUM of the book minus the previous month-end' }),
  kpi({ code: 'new_premium', measure: 'new_premium', nameZh: '新增贵宾客户（提升）', nameEn: 'New premium customers (upgrades)', unit: 'count', direction: 'higher', descriptionZh: '管户客户由普通升至贵宾层级', descriptionEn: 'Customers of the book moving up from mass to a premium tier' }),
  kpi({ code: 'new_premium_acquired', measure: 'new_premium', params: { by: 'marketing' }, nameZh: '新增贵宾客户（拓展）', nameEn: 'New premium customers (acquired)', unit: 'count', direction: 'higher', descriptionZh: '营销客户经理拓展的客户达到贵宾层级', descriptionEn: 'Customers acquired by the marketing RM reaching a premium tier' }),
  kpi({ code: 'net_new_money', measure: 'net_new_money', nameZh: '净新增资金', nameEn: 'Net new money', unit: 'amount', direction: 'higher', descriptionZh: '新纳入管户客户资产减移出客户资产', descriptionEn: 'AUM of customers joining the book minus those leaving it' }),
  kpi({ code: 'sales_amount', measure: 'sales_amount', nameZh: '产品销售额', nameEn: 'Product sales', unit: 'amount', direction: 'higher', descriptionZh: '本人完成的产品销售金额（撤单不计）', descriptionEn: 'Amount of completed sales (cancelled ones excluded)' }),
  kpi({ code: 'sales_count', measure: 'sales_count', nameZh: '产品销售笔数', nameEn: 'Product sales count', unit: 'count', direction: 'higher', descriptionZh: '本人完成的产品销售笔数', descriptionEn: 'Number of completed sales' }),
  kpi({ code: 'fund_sales_amount', measure: 'sales_amount', params: { category: 'fund' }, nameZh: '基金销售额', nameEn: 'Fund sales', unit: 'amount', direction: 'higher', descriptionZh: '基金类产品销售金额', descriptionEn: 'Sales of funds' }),
  kpi({ code: 'insurance_sales_amount', measure: 'sales_amount', params: { category: 'insurance' }, nameZh: '保险销售额', nameEn: 'Insurance sales', unit: 'amount', direction: 'higher', descriptionZh: '保险类产品销售金额', descriptionEn: 'Sales of insurance' }),
  kpi({ code: 'wealth_sales_amount', measure: 'sales_amount', params: { category: 'wealth' }, nameZh: '理财销售额', nameEn: 'Wealth-product sales', unit: 'amount', direction: 'higher', descriptionZh: '理财类产品销售金额', descriptionEn: 'Sales of wealth products' }),
  kpi({ code: 'cross_sell_ratio', measure: 'cross_sell_ratio', nameZh: '交叉销售率', nameEn: 'Cross-sell ratio', unit: 'ratio', direction: 'higher', descriptionZh: '管户客户人均持有产品类别数', descriptionEn: 'Product categories held per customer of the book' }),
  kpi({ code: 'contact_plan_completion', measure: 'contact_plan_completion', nameZh: '联系计划完成率', nameEn: 'Contact-plan completion', unit: 'percent', direction: 'higher', descriptionZh: '本月到期的联系计划任务中已完成的比例', descriptionEn: 'Share of the contact-plan tasks due this month that are done' }),
  kpi({ code: 'overdue_tasks', measure: 'overdue_tasks', nameZh: '逾期任务', nameEn: 'Overdue tasks', unit: 'count', direction: 'lower', descriptionZh: '到期未完成或逾期完成的任务数', descriptionEn: 'Tasks not done by their due date' }),
  kpi({ code: 'referrals_made', measure: 'referrals_made', nameZh: '转介客户数', nameEn: 'Referrals made', unit: 'count', direction: 'higher', descriptionZh: '本人转介的潜在客户', descriptionEn: 'Possible customers referred by this person' }),
  kpi({ code: 'referrals_converted', measure: 'referrals_converted', nameZh: '转介成功数', nameEn: 'Referrals converted', unit: 'count', direction: 'higher', descriptionZh: '本人转介且已转化的客户', descriptionEn: 'Referrals by this person that converted' }),
  kpi({ code: 'handovers_in_time', measure: 'handovers_in_time', params: { days: 2, side: 'from' }, nameZh: '按时接收的移交', nameEn: 'Handovers accepted in time', unit: 'count', direction: 'higher', descriptionZh: '移交给理财客户经理并在 2 天内被接收的客户', descriptionEn: 'Customers handed over and accepted within 2 days' }),
  kpi({ code: 'satisfaction', measure: 'satisfaction', nameZh: '客户满意度', nameEn: 'Customer satisfaction', unit: 'score', direction: 'higher', descriptionZh: '关于本人/本网点的满意度调查总体评分（1–5）', descriptionEn: 'Overall score of surveys about this RM or branch (1–5)' }),
  kpi({ code: 'complaints_count', measure: 'complaints_count', nameZh: '被投诉次数', nameEn: 'Complaints', unit: 'count', direction: 'lower', descriptionZh: '投诉中被点名的次数', descriptionEn: 'Complaints naming this person' }),
  kpi({ code: 'mis_selling_upheld', measure: 'complaints_upheld', params: { category: 'mis_selling' }, nameZh: '有责销售误导投诉', nameEn: 'Mis-selling complaints upheld', unit: 'count', direction: 'lower', descriptionZh: '经核实有责的销售误导投诉（触发销售类指标清零）', descriptionEn: 'Mis-selling complaints found justified (zeroes the sales KPIs)' }),
  kpi({ code: 'complaints_on_time', measure: 'complaints_on_time', nameZh: '投诉按时办结率', nameEn: 'Complaints handled on time', unit: 'percent', direction: 'higher', descriptionZh: '本人承办并在期限内办结的投诉比例', descriptionEn: 'Share of complaints handled that closed by their deadline' }),
  kpi({ code: 'lobby_service_level', measure: 'lobby_service_level', nameZh: '服务水平达标率', nameEn: 'Service-level attainment', unit: 'percent', direction: 'higher', descriptionZh: '网点叫号等候时间在服务水平内的比例', descriptionEn: 'Share of the outlet\'s tickets called within their service level' }),
  kpi({ code: 'premium_identified', measure: 'premium_identified', nameZh: '识别潜在贵宾', nameEn: 'Premium customers identified', unit: 'count', direction: 'higher', descriptionZh: '大堂/柜面识别并转介的潜在贵宾客户', descriptionEn: 'Possible premium customers spotted in the lobby or at the counter' }),
  kpi({ code: 'self_service_guidance', measure: 'self_service_guidance', nameZh: '自助服务引导', nameEn: 'Self-service guidance', unit: 'count', direction: 'higher', descriptionZh: '引导客户使用自助设备/手机银行的次数', descriptionEn: 'Customers guided to machines or mobile banking' }),
  kpi({ code: 'tickets_served', measure: 'tickets_served', nameZh: '柜面业务量', nameEn: 'Tickets served', unit: 'count', direction: 'higher', descriptionZh: '柜面办结的叫号业务笔数', descriptionEn: 'Tickets served to the end at the counter' }),
  kpi({ code: 'inspection_score', measure: 'inspection_score', nameZh: '服务检查得分', nameEn: 'Inspection score', unit: 'score', direction: 'higher', descriptionZh: '神秘客户/督导检查平均得分', descriptionEn: 'Average score of mystery-shopper and supervisor inspections' }),
];

const linear = (cap: number) => ({ kind: 'linear' as const, cap });
const MIS_SELLING_GATE = { kpi: 'mis_selling_upheld', op: 'gte' as const, value: 1 };
type Item = SaveScorecardBody['items'][number];
const item = (kpiCode: string, weight: number, targetValue: number | null, rule: Item['rule'], gate: Item['gate'] = null, targetMode: Item['targetMode'] = 'fixed'): Item =>
  ({ kpiCode, weight, targetMode, targetValue, rule, gate });

export const DEFAULT_SCORECARDS: Array<Omit<SaveScorecardBody, 'effectiveMonth'>> = [
  {
    code: 'wealth_rm', roleCode: 'wealth_rm', gradeCode: null, nameZh: '理财客户经理记分卡', nameEn: 'Wealth RM scorecard', active: true,
    items: [
      item('aum_growth', 25, 500_000, linear(120)),
      item('sales_amount', 20, 300_000, linear(150), MIS_SELLING_GATE),
      item('fund_sales_amount', 10, 100_000, linear(150), MIS_SELLING_GATE),
      item('new_premium', 10, 2, linear(150)),
      item('cross_sell_ratio', 10, 2.5, linear(120)),
      item('contact_plan_completion', 10, null, { kind: 'thresholds', steps: [{ at: 95, score: 100 }, { at: 85, score: 80 }, { at: 70, score: 60 }] }),
      item('satisfaction', 10, null, { kind: 'thresholds', steps: [{ at: 4.5, score: 100 }, { at: 4, score: 80 }, { at: 3.5, score: 60 }] }),
      item('overdue_tasks', 5, null, { kind: 'thresholds', steps: [{ at: 0, score: 100 }, { at: 3, score: 70 }, { at: 10, score: 30 }] }),
    ],
  },
  {
    code: 'marketing_rm', roleCode: 'marketing_rm', gradeCode: null, nameZh: '营销客户经理记分卡', nameEn: 'Marketing RM scorecard', active: true,
    items: [
      item('new_premium_acquired', 30, 3, linear(150)),
      item('net_new_money', 25, 3_000_000, linear(150)),
      item('handovers_in_time', 20, 3, linear(120)),
      item('referrals_converted', 15, null, { kind: 'rank', bands: [{ topPct: 10, score: 120 }, { topPct: 30, score: 100 }, { topPct: 70, score: 80 }], otherwise: 60 }),
      item('complaints_count', 10, null, { kind: 'thresholds', steps: [{ at: 0, score: 100 }, { at: 1, score: 60 }] }),
    ],
  },
  {
    code: 'lobby_manager', roleCode: 'lobby_manager', gradeCode: null, nameZh: '大堂经理记分卡', nameEn: 'Lobby manager scorecard', active: true,
    items: [
      item('lobby_service_level', 30, null, { kind: 'thresholds', steps: [{ at: 90, score: 100 }, { at: 80, score: 80 }, { at: 70, score: 60 }] }),
      item('premium_identified', 25, 10, linear(150)),
      item('self_service_guidance', 15, 30, linear(120)),
      item('referrals_made', 10, 10, linear(120)),
      item('inspection_score', 20, 90, linear(110)),
    ],
  },
  {
    code: 'teller', roleCode: 'teller', gradeCode: null, nameZh: '柜员记分卡（现金/非现金）', nameEn: 'Teller scorecard (cash and non-cash)', active: true,
    items: [
      item('tickets_served', 40, null, { kind: 'rank', bands: [{ topPct: 10, score: 120 }, { topPct: 30, score: 100 }, { topPct: 70, score: 80 }], otherwise: 60 }),
      item('premium_identified', 25, 5, linear(150)),
      item('complaints_count', 15, null, { kind: 'thresholds', steps: [{ at: 0, score: 100 }, { at: 1, score: 60 }] }),
      item('inspection_score', 20, 90, linear(110)),
    ],
  },
  {
    code: 'branch', roleCode: 'branch', gradeCode: null, nameZh: '网点记分卡', nameEn: 'Branch scorecard', active: true,
    items: [
      item('aum_growth', 25, 3_000_000, linear(120)),
      item('sales_amount', 20, 3_000_000, linear(150)),
      item('new_premium', 15, 10, linear(150)),
      item('lobby_service_level', 15, null, { kind: 'thresholds', steps: [{ at: 90, score: 100 }, { at: 80, score: 80 }, { at: 70, score: 60 }] }),
      item('satisfaction', 15, null, { kind: 'thresholds', steps: [{ at: 4.5, score: 100 }, { at: 4, score: 80 }, { at: 3.5, score: 60 }] }),
      item('complaints_count', 10, null, { kind: 'thresholds', steps: [{ at: 2, score: 100 }, { at: 5, score: 70 }, { at: 10, score: 40 }] }),
    ],
  },
];
