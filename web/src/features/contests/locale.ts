// The contests and promotion strings, Chinese first; registered into the app's i18n under `contests`
// when a page of this feature loads.
import { i18n } from '../../app/i18n';

export const contestsZhCN = {
  list: {
    title: '产能竞赛', subtitle: '设定竞赛指标与权重，实时排行榜，结果冻结与导出', create: '设立竞赛', name: '竞赛名称', period: '竞赛期间', status: '状态',
    mode: '方式', owner: '设立机构', participants: '参赛人数', metrics: '指标与权重', open: '查看排行榜', empty: '暂无竞赛',
  },
  status: { draft: '草稿', live: '进行中', closed: '已结束', frozen: '结果已冻结' },
  mode: { individual: '个人赛', team: '团队赛' },
  form: {
    title: '设立产能竞赛', description: '竞赛说明', roles: '参赛岗位', branches: '参赛机构（含下辖）', metrics: '竞赛指标（取自考核指标库）', kpi: '指标',
    weight: '权重', addMetric: '添加指标', weightSum: '权重合计 {{sum}} / 100', minimums: '最低达标线（未达标者不参与评奖）', addMinimum: '添加达标线', min: '最低值',
    tieBreak: '同分时依次比较', earlierReach: '同分时先达到者优先', prizes: '奖项设置', addPrize: '添加奖项', prizeName: '奖项', fromRank: '起始名次', toRank: '截止名次',
    reward: '奖励', created: '竞赛已创建（草稿），发布后开始计分', remove: '删除',
  },
  board: {
    individual: '个人排名', team: '团队排名（人均）', rank: '名次', name: '姓名', teamName: '网点', branch: '所属网点', members: '人数', total: '总分',
    points: '得分', actual: '实际', change: '变动', unqualified: '未达标', prize: '奖项', mine: '我', myRank: '我的名次', myTeam: '我的网点',
    notRanked: '未上榜', refreshedAt: '更新于 {{at}}', version: '第 {{v}} 次计算', publish: '发布', refresh: '立即刷新', close: '结束竞赛', freeze: '冻结结果',
    export: '导出结果', tv: '大屏模式', confirmFreeze: '冻结后结果不可再更改，确定冻结？', confirmClose: '结束后排行榜不再更新，确定结束？', rules: '竞赛规则',
    minimums: '达标线', tieBreak: '同分规则', earlierReach: '先达到者优先', none: '无', detail: '指标明细', live: '实时', frozenNote: '结果已于 {{at}} 冻结',
    new: '新上榜', weight: '权重',
  },
  tv: { title: '产能竞赛实时排行榜', top: '前 {{n}} 名', updated: '更新时间', teams: '网点排名', back: '返回' },
  promotion: {
    title: '职级晋升', subtitle: '按职级晋升规则每月生成晋升/降级名单，由负责人审批后写入职级记录', month: '月份', generate: '生成本月名单',
    generated: '已评估 {{evaluated}} 人，新增 {{created}} 条', staff: '员工', branch: '网点', direction: '类型', promote: '晋升', demote: '降级',
    from: '现职级', to: '拟调整为', status: '状态', pending: '待审批', approved: '已批准', rejected: '已驳回', evidence: '依据', approve: '批准', reject: '驳回',
    reason: '原因/意见', reasonRequired: '驳回须填写原因', decidedBy: '审批人', step: '{{n}}档', rules: '晋升规则', allSteps: '全部档次', grade: '职级',
    minMonths: '最短任职（月）', scoreMonths: '平均月数', minAvg: '平均分 ≥', minAum: '管户资产 ≥', certificates: '须持证书', cleanMonths: '无不良记录（月）',
    demoteBelow: '降级线 <', demoteMonths: '降级连续月数', active: '启用', editRule: '编辑规则', addRule: '新增规则', saved: '已保存', scores: '月度得分',
    avg: '平均分', aum: '管户资产', held: '持有证书', upheld: '有责投诉', clean: '无不良记录', empty: '本月暂无符合晋升或降级条件的人员',
  },
};

export const contestsEn: typeof contestsZhCN = {
  list: {
    title: 'Productivity contests', subtitle: 'Metrics and weights, a live leaderboard, frozen and exportable results', create: 'New contest', name: 'Contest',
    period: 'Period', status: 'Status', mode: 'Mode', owner: 'Set up by', participants: 'Participants', metrics: 'Metrics and weights', open: 'Leaderboard',
    empty: 'No contests yet',
  },
  status: { draft: 'Draft', live: 'Live', closed: 'Closed', frozen: 'Results frozen' },
  mode: { individual: 'Individual', team: 'Team' },
  form: {
    title: 'New productivity contest', description: 'Description', roles: 'Participating roles', branches: 'Participating branches (with sub-branches)',
    metrics: 'Metrics (from the KPI library)', kpi: 'KPI', weight: 'Weight', addMetric: 'Add a metric', weightSum: 'Weights {{sum}} / 100',
    minimums: 'Minimum qualification (below it, no prize)', addMinimum: 'Add a minimum', min: 'Minimum', tieBreak: 'On equal totals compare', earlierReach: 'On equal totals, earlier reach first',
    prizes: 'Prizes', addPrize: 'Add a prize', prizeName: 'Prize', fromRank: 'From rank', toRank: 'To rank', reward: 'Reward',
    created: 'Contest created as a draft: publish it to start scoring', remove: 'Remove',
  },
  board: {
    individual: 'Individuals', team: 'Teams (per capita)', rank: 'Rank', name: 'Name', teamName: 'Outlet', branch: 'Outlet', members: 'Staff', total: 'Total',
    points: 'Points', actual: 'Actual', change: 'Change', unqualified: 'Not qualified', prize: 'Prize', mine: 'Me', myRank: 'My rank', myTeam: 'My outlet',
    notRanked: 'Not ranked', refreshedAt: 'Updated {{at}}', version: 'Computation #{{v}}', publish: 'Publish', refresh: 'Refresh now', close: 'Close contest',
    freeze: 'Freeze results', export: 'Export results', tv: 'TV mode', confirmFreeze: 'Frozen results can no longer change. Freeze them?',
    confirmClose: 'The board stops updating once closed. Close the contest?', rules: 'Rules', minimums: 'Minimums', tieBreak: 'Tie-break', earlierReach: 'Earlier reach first',
    none: 'None', detail: 'Metric details', live: 'Live', frozenNote: 'Results frozen at {{at}}', new: 'New', weight: 'Weight',
  },
  tv: { title: 'Productivity contest: live leaderboard', top: 'Top {{n}}', updated: 'Updated', teams: 'Outlets', back: 'Back' },
  promotion: {
    title: 'Grade promotion', subtitle: 'Each month the rules list who qualifies for promotion or falls under demotion; a manager approves and the grade is written',
    month: 'Month', generate: "Build this month's list", generated: '{{evaluated}} evaluated, {{created}} added', staff: 'Staff', branch: 'Outlet', direction: 'Kind',
    promote: 'Promotion', demote: 'Demotion', from: 'Current grade', to: 'Proposed grade', status: 'Status', pending: 'Pending', approved: 'Approved', rejected: 'Rejected',
    evidence: 'Evidence', approve: 'Approve', reject: 'Reject', reason: 'Reason / remarks', reasonRequired: 'A rejection needs a reason', decidedBy: 'Decided by',
    step: 'step {{n}}', rules: 'Promotion rules', allSteps: 'All steps', grade: 'Grade', minMonths: 'Min. months in grade', scoreMonths: 'Months averaged',
    minAvg: 'Average ≥', minAum: 'AUM ≥', certificates: 'Certificates', cleanMonths: 'Clean record (months)', demoteBelow: 'Demote below', demoteMonths: 'Demotion months',
    active: 'Active', editRule: 'Edit rule', addRule: 'Add rule', saved: 'Saved', scores: 'Monthly scores', avg: 'Average', aum: 'AUM', held: 'Certificates held',
    upheld: 'Upheld complaints', clean: 'Clean record', empty: 'Nobody qualifies for promotion or demotion this month',
  },
};

let registered = false;
/** Adds the strings once; pages call it at module load. */
export function registerContestsStrings(): void {
  if (registered) return;
  registered = true;
  i18n.addResourceBundle('zh-CN', 'translation', { contests: contestsZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { contests: contestsEn }, true, false);
}
registerContestsStrings();
