// The assessment's strings, Chinese first; registered into the app's i18n under `perf` when a page of
// this feature loads.
import { i18n } from '../../app/i18n';

export const perfZhCN = {
  month: '考核月份', run: { frozen: '已冻结', done: '截至 {{asOf}}（每日更新）', none: '本月尚未计算' },
  card: {
    title: '我的记分卡', staffTitle: '员工记分卡', total: '总分', rankBranch: '网点排名', rankBank: '全行排名', of: '/ {{n}}', scorecard: '记分卡',
    kpi: '指标', weight: '权重', actual: '实际', target: '目标', score: '得分', weighted: '加权得分', rank: '排名（网点/全行）', trend: '近6个月',
    gated: '已触发否决', gateOnly: '否决条件', noCard: '本月没有适用于您的记分卡或尚未计算', totalTrend: '总分趋势', facts: '查看明细', export: '导出',
  },
  facts: {
    title: '{{kpi}} · 明细', range: '{{from}} 至 {{to}}', at: '日期', ref: '编号', customer: '客户', amount: '金额/数值', detail: '说明', truncated: '仅显示前 200 条',
    masked: '客户姓名已脱敏', empty: '本期没有相关记录',
  },
  dash: {
    title: '考核看板', subtitle: '得分分布、前后十名、指标趋势与网点排行', role: '岗位', branch: '机构', allBranches: '全部（辖内）', staffCount: '人数', average: '平均分',
    histogram: '得分分布', top: '前十名', bottom: '后十名', trend: '指标得分趋势（平均）', league: '网点排行榜', name: '姓名', branchName: '网点', total: '总分',
    rank: '名次', bankRank: '全行名次', staffAverage: '员工平均分', export: '导出全部记分卡', people: '人', averageLine: '平均总分',
  },
  admin: {
    title: '指标与记分卡', subtitle: '指标库、各岗位记分卡（权重合计须为 100）、个人目标与月度计算', kpis: '指标库', scorecards: '记分卡', runs: '计算与冻结',
    code: '代码', name: '名称', measure: '度量', params: '参数', unit: '单位', direction: '方向', higher: '越高越好', lower: '越低越好', active: '启用', edit: '编辑',
    addKpi: '新增指标', save: '保存', cancel: '取消', saved: '已保存', weightSum: '权重合计 {{sum}} / 100', role: '岗位', grade: '职级', effective: '生效月份',
    items: '指标与权重', kpi: '指标', weight: '权重', targetMode: '目标方式', targetValue: '目标值', rule: '计分规则', gate: '否决条件', fixed: '固定目标',
    perPerson: '按人设定', lastYear: '去年同期增长%', linear: '线性（封顶 {{cap}}）', thresholds: '阶梯', rankRule: '按排名', none: '无', addItem: '添加指标', remove: '删除',
    month: '月份', version: '版本', status: '状态', kind: '类型', asOf: '数据截至', requestedBy: '申请人', approvedBy: '审批人', reason: '原因', staffCount: '人数',
    runNow: '立即计算', freeze: '冻结月份', recompute: '申请重算', approve: '批准', reject: '驳回', reasonPrompt: '重算原因', rejectPrompt: '驳回原因', confirmFreeze: '冻结后该月结果不可直接重算，确定冻结？',
    statusLabel: { requested: '待审批', rejected: '已驳回', running: '计算中', done: '已计算', frozen: '已冻结', superseded: '已被替代', failed: '失败' },
    kindLabel: { nightly: '夜间批量', manual: '手工计算', recompute: '审批重算' },
  },
};

export const perfEn: typeof perfZhCN = {
  month: 'Month', run: { frozen: 'Frozen', done: 'As of {{asOf}} (updated nightly)', none: 'Not computed yet for this month' },
  card: {
    title: 'My scorecard', staffTitle: 'Staff scorecard', total: 'Total', rankBranch: 'Rank in branch', rankBank: 'Rank in bank', of: '/ {{n}}', scorecard: 'Scorecard',
    kpi: 'KPI', weight: 'Weight', actual: 'Actual', target: 'Target', score: 'Score', weighted: 'Weighted', rank: 'Rank (branch/bank)', trend: 'Last 6 months',
    gated: 'Gate triggered', gateOnly: 'Gate', noCard: 'No scorecard applies to you this month, or it has not been computed', totalTrend: 'Total over time', facts: 'Details', export: 'Export',
  },
  facts: {
    title: '{{kpi}} · details', range: '{{from}} to {{to}}', at: 'Date', ref: 'Ref', customer: 'Customer', amount: 'Amount / value', detail: 'Detail', truncated: 'First 200 rows only',
    masked: 'Customer names are masked', empty: 'No records in this period',
  },
  dash: {
    title: 'Performance dashboard', subtitle: 'Score distribution, top and bottom ten, KPI trends and the branch league', role: 'Role', branch: 'Branch', allBranches: 'All (within reach)',
    staffCount: 'Staff', average: 'Average', histogram: 'Score distribution', top: 'Top 10', bottom: 'Bottom 10', trend: 'KPI score trend (average)', league: 'Branch league table',
    name: 'Name', branchName: 'Branch', total: 'Total', rank: 'Rank', bankRank: 'Bank rank', staffAverage: 'Staff average', export: 'Export all scorecards', people: 'staff', averageLine: 'Average total',
  },
  admin: {
    title: 'KPIs & scorecards', subtitle: 'The KPI library, scorecards per role (weights sum to 100), personal targets and monthly runs', kpis: 'KPI library', scorecards: 'Scorecards', runs: 'Runs & freezing',
    code: 'Code', name: 'Name', measure: 'Measure', params: 'Parameters', unit: 'Unit', direction: 'Direction', higher: 'Higher is better', lower: 'Lower is better', active: 'Active', edit: 'Edit',
    addKpi: 'New KPI', save: 'Save', cancel: 'Cancel', saved: 'Saved', weightSum: 'Weights {{sum}} / 100', role: 'Role', grade: 'Grade', effective: 'Effective from',
    items: 'KPIs and weights', kpi: 'KPI', weight: 'Weight', targetMode: 'Target', targetValue: 'Target value', rule: 'Rule', gate: 'Gate', fixed: 'Fixed',
    perPerson: 'Per person', lastYear: 'Last year + %', linear: 'Linear (cap {{cap}})', thresholds: 'Thresholds', rankRule: 'By rank', none: 'None', addItem: 'Add KPI', remove: 'Remove',
    month: 'Month', version: 'Version', status: 'Status', kind: 'Kind', asOf: 'Data as of', requestedBy: 'Requested by', approvedBy: 'Approved by', reason: 'Reason', staffCount: 'Staff',
    runNow: 'Compute now', freeze: 'Freeze month', recompute: 'Request recomputation', approve: 'Approve', reject: 'Reject', reasonPrompt: 'Reason for recomputing', rejectPrompt: 'Reason for rejecting',
    confirmFreeze: 'A frozen month can only be recomputed with approval. Freeze it?',
    statusLabel: { requested: 'Awaiting approval', rejected: 'Rejected', running: 'Running', done: 'Computed', frozen: 'Frozen', superseded: 'Superseded', failed: 'Failed' },
    kindLabel: { nightly: 'Nightly', manual: 'Manual', recompute: 'Approved recomputation' },
  },
};

export function registerPerformanceStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', { perf: perfZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { perf: perfEn }, true, false);
}

registerPerformanceStrings();
