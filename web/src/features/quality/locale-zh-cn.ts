// The quality section of the Chinese UI strings (the source; locale-en.ts follows its shape).
export const qualityZhCN = {
  channel: { lobby: '大堂', counter: '柜面', phone: '电话', online: '网络', letter: '信函', regulator: '监管转办' },
  complainant: { customer: '客户本人', proxy: '代理人', heir: '继承人', walk_in: '现场投诉（未关联客户）' },
  category: {
    service_attitude: '服务态度', waiting_time: '等候时间', mis_selling: '产品销售/误导销售', fees: '收费', system_failure: '系统故障',
    privacy: '个人信息保护', business_error: '业务差错', environment: '营业环境', other: '其他',
  },
  line: { deposits: '存款', wealth: '理财', agency: '代销基金保险', loans: '贷款', cards: '银行卡', payments: '支付结算', e_banking: '电子银行', counter: '柜面业务', other: '其他' },
  status: { accepted: '已受理', assigned: '已分派', investigating: '调查中', proposed: '拟定决定', decided: '已告知决定', review: '复核中', closed: '已办结', withdrawn: '已撤回', open: '未办结' },
  deadline: { ok: '时限内', warn50: '已过半', warn80: '已过80%', overdue: '已超期', met: '按时告知', late: '超期告知', ended: '已结束' },
  toldVia: { phone: '电话', in_person: '当面', letter: '书面信函', sms: '短信', online: '网络' },
  rootCause: {
    staff_conduct: '员工行为', training_gap: '培训不足', process_defect: '流程缺陷', system_defect: '系统缺陷', product_design: '产品设计',
    disclosure: '信息披露不充分', capacity: '人手/窗口不足', policy: '制度政策', customer_misunderstanding: '客户误解', other: '其他',
  },
  action: {
    assign: '分派', investigate: '开始调查', propose: '拟定处理决定', reject_proposal: '退回重拟', decide: '告知处理决定', dispute: '客户有异议（复核）',
    close: '客户接受，办结', withdraw: '客户撤回', extend: '延期', callback: '办结回访', attach: '上传附件', accept: '受理',
  },
  list: {
    title: '投诉管理', subtitle: '按《银行业保险业消费投诉处理管理办法》：自受理之日起15日内告知处理决定', newComplaint: '登记投诉', mine: '只看分派给我的',
    no: '投诉编号', complainant: '投诉人', branch: '机构', acceptedOn: '受理日期', dueOn: '处理期限', daysLeft: '剩余天数', handler: '处理人', unassigned: '未分派',
    anyStatus: '全部状态', anyCategory: '全部类别', ext: '已延期{{n}}次', status: '状态',
  },
  intake: {
    title: '登记投诉', subtitle: '大堂、柜面、电话、网络、信函及监管转办的投诉均在此登记', channel: '受理渠道', complainantType: '投诉人身份', customerId: '客户编号（可选）',
    contactName: '联系人姓名', contactMobile: '联系手机', category: '投诉类别', businessLine: '业务条线', aboutStaff: '被投诉员工', amount: '争议金额（元）',
    description: '投诉内容', request: '客户诉求', submit: '提交受理', done: '已受理，处理期限 {{due}}', contactHint: '代理人、继承人或未关联客户的现场投诉须留联系人姓名和手机号',
    staffHint: '被投诉员工不会被分派处理该投诉（回避）',
  },
  detail: {
    facts: '投诉信息', history: '处理记录', attachments: '附件', upload: '上传附件（JPG/PNG/PDF，5MB 以内）', download: '下载', decision: '处理决定',
    rootCause: '溯源整改', callback: '回访', none: '暂无', reveal: '查看完整联系方式', revealReason: '查看原因', aboutStaff: '被投诉员工', request: '客户诉求',
    amount: '争议金额', extension: '延期', dueOn: '处理期限', told: '告知方式', reopened: '复核次数', owner: '整改责任人', dueOnAction: '整改期限', satisfaction: '客户对处理的满意度',
  },
  form: {
    handler: '处理人', openCases: '在办 {{n}} 件', note: '说明', decision: '处理决定', toldVia: '告知方式', rootCause: '问题根源', rootCauseNote: '根源说明',
    correctiveAction: '整改措施', correctiveOwner: '整改责任人（员工编号）', correctiveDueOn: '整改期限', extensionLevel: '延期', level1: '复杂情形：延至30日',
    level2: '特别复杂：再延长30日（须上级批准）', reason: '延期原因（将告知投诉人）', satisfaction: '满意度（1~5）', confirm: '确定',
  },
  report: {
    title: '投诉报表', subtitle: '受理量、处理时长、按时率与复核率；监管月度报送', total: '受理量', decided: '已告知决定', meanDays: '平均处理天数', p90Days: '90分位天数',
    onTime: '按时告知率', reopen: '复核率', overdue: '超期未决', byCategory: '按类别', byChannel: '按渠道', byBranch: '按机构', byStaff: '按被投诉员工', byMonth: '按月份',
    causes: '重复出现的问题根源', cause: '根源', count: '次数', openActions: '整改进行中', export: '导出监管月报（xlsx）', month: '报送月份',
  },
  standards: {
    title: '服务标准库', subtitle: '四步制定：分解服务环节 → 找出客户感受的关键要素 → 转化为有时限的标准 → 按客户需求复核；每条须符合SMART原则',
    step: '服务环节', dimension: '检查维度', keyElement: '关键要素（客户感受）', standard: '标准（S 明确具体）', measurable: 'M 可衡量', achievable: 'A 现实可行',
    relevant: 'R 与客户需求相关', timeBound: 'T 有时间限制', smart: 'SMART', smartOk: '符合', smartMissing: '缺少 {{letters}}', add: '新增标准', edit: '编辑',
    code: '代码', stepOrder: '顺序', timeLimit: '时限（秒）', reviewedOn: '复核日期', reviewNote: '复核意见', active: '启用', procedural: '程序层面', personal: '个人层面', source: '来源',
    sources: { etiquette: '礼仪规范', lobby: '厅堂服务时限', custom: '自定义' },
  },
  inspections: {
    title: '服务检查', subtitle: '神秘客户或督导检查：按服务标准逐项评分（0~5分），附照片与整改要求', add: '新增检查', kind: '检查方式', kinds: { mystery_shopper: '神秘客户', supervisor: '督导检查' },
    branch: '被检查机构', staff: '被检查员工（员工编号，可选）', date: '检查日期', inspector: '检查人', score: '得分', photos: '照片', findings: '检查发现', corrective: '整改要求',
    items: '检查项', trend: '检查得分走势', byBranch: '按机构', byStaff: '按员工', byDimension: '七个标准领域得分', uploadPhoto: '上传照片', detail: '检查详情',
  },
  teams: {
    title: '团队评价', subtitle: '客户满意度、投诉处理效率、团队协作（同事/主管评分），按网点和月份，附反馈意见', period: '评价期间', team: '团队（网点）',
    satisfaction: '客户满意度', complaints: '投诉受理', efficiency: '投诉按时率', meanDays: '平均处理天数', teamwork: '团队协作', ratings: '评分人数', feedback: '反馈意见',
    rate: '评分', raterKind: '评价人', peer: '同事', manager: '主管', score: '协作评分（1~5）', addFeedback: '写反馈', noSurvey: '暂无调查数据',
  },
};
