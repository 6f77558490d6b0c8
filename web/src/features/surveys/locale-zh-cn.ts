// The surveys section of the Chinese UI strings (web/src/app/locales/zh-cn.ts includes it as `surveys`).
export const surveysZhCN = {
  tabs: { questionnaires: '问卷', programmes: '调查计划与抽样', invitations: '调查邀请', entry: '代录答卷' },
  kind: { rating: '评分（1–5）', nps: '推荐度（0–10）', single: '单选', multiple: '多选', text: '文字' },
  programmeKind: { bank: '全行年度抽样', competitor: '同业客户（每两年）', branch: '网点调查（100–200户）', business_line: '业务条线月度', post_service: '服务后即时评价' },
  status: { drawn: '待发送', sent: '已发送', answered: '已作答', expired: '已过期' },
  q: {
    title: '问卷编辑', version: '版本 {{v}}', responses: '答卷 {{n}} 份', edit: '编辑', create: '新建问卷', save: '保存为新版本', saved: '已保存为第 {{v}} 版',
    versionNote: '保存会生成新版本；已收到的答卷保留其作答时的版本。', section: '部分', addSection: '添加部分', addQuestion: '添加题目', remove: '删除',
    questionCode: '题号', indicator: '指标', overall: '总体满意度题', options: '选项（每行一个：代码 中文 English）', indicators: '满意度指标',
  },
  p: {
    sample: '样本量测算', draw: '抽样', wave: '期次', drawn: '已抽取 {{n}} 位客户（本期共 {{total}} 位）', population: '可邀请客户', sampleSize: '样本量',
    formula: '按 Cochran 公式（含有限总体修正）计算每网点样本量，限定在 100–200 户，按客户等级分层随机抽取；未同意联系的客户和 30 天内已被邀请的客户不在抽样范围内。',
    notSampled: '此计划不抽样：同业客户调查由员工代录，服务后调查在每次服务后自动邀请。', invitations: '邀请', responses: '答卷', share: '抽样比例',
    confidence: '置信水平', margin: '允许误差', strata: '分层', branch: '网点',
  },
  i: { link: '生成链接 / 二维码', linkTitle: '一次性调查链接', linkNote: '链接只显示这一次；再次生成会使旧链接失效。', expires: '有效期至', copy: '复制链接', open: '打开' },
  e: { title: '代录邮寄 / 电话答卷', programme: '调查计划', branch: '网点', channel: '答卷方式', mail: '邮寄', phone: '电话', competitor: '同业机构', date: '答卷日期', submit: '保存答卷', saved: '答卷已保存' },
  r: {
    title: '客户满意度报告', allBranches: '全部网点', period: '统计期间', programme: '调查计划', all: '全部', export: '导出', overall: '一、总体满意度', perIndicator: '二、分指标满意度',
    suggestions: '三、改进建议', answers: '有效答卷', csat: '满意率（4–5分）', mean: '平均分', nps: '净推荐值 NPS', ci: '95% 置信区间',
    impact: '影响度', correlation: '与总体满意度相关', comments: '代表性客户意见', noDrivers: '暂无明显拉低满意度的指标',
    by: { branch: '网点', rm: '客户经理', businessLine: '业务条线', tier: '客户等级', month: '月份' }, trend: '月度趋势', tooSmall: '样本不足以与全行平均区分',
    needed: '约需 {{n}} 份', breakdown: '分组', n: '答卷数', plan: '据此制定改进计划',
  },
  plans: {
    title: '改进计划', create: '新建改进计划', planTitle: '计划名称', branch: '网点', period: '针对期间', summary: '说明', measure: '改进措施', owner: '责任人（员工编号）',
    due: '完成期限', indicator: '指标', status: '状态', open: '进行中', done: '已完成', overdue: '已逾期', complete: '完成', doneNote: '完成说明', add: '添加措施', none: '暂无改进计划',
  },
  pub: {
    title: '客户满意度调查', intro: '感谢您抽出一两分钟评价我们的服务。您的回答仅用于改进服务。', required: '必答', submit: '提交', thanks: '感谢您的评价！',
    receipt: '回执编号：{{r}}', invalid: '无法打开调查', language: 'English', score: '{{n}} 分', low: '非常不满意', high: '非常满意', npsLow: '不可能', npsHigh: '非常可能',
    missing: '还有必答题未完成', comment: '请输入您的意见或建议（选填）',
  },
};
