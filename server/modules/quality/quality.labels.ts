// Chinese names of the complaint codes, for the regulatory export (the web has its own locale files).
export const CATEGORY_ZH: Record<string, string> = {
  service_attitude: '服务态度', waiting_time: '等候时间', mis_selling: '产品销售/误导销售', fees: '收费', system_failure: '系统故障', privacy: '个人信息保护',
  business_error: '业务差错', environment: '营业环境', other: '其他',
};
export const CHANNEL_ZH: Record<string, string> = { lobby: '大堂', counter: '柜面', phone: '电话', online: '网络', letter: '信函', regulator: '监管转办' };
export const COMPLAINANT_ZH: Record<string, string> = { customer: '本人', proxy: '代理人', heir: '继承人', walk_in: '现场（未留客户信息）' };
export const LINE_ZH: Record<string, string> = {
  deposits: '存款', wealth: '理财', agency: '代销基金保险', loans: '贷款', cards: '银行卡', payments: '支付结算', e_banking: '电子银行', counter: '柜面业务', other: '其他',
};
export const STATUS_ZH: Record<string, string> = {
  accepted: '已受理', assigned: '已分派', investigating: '调查中', proposed: '拟定决定', decided: '已告知决定', review: '复核中', closed: '已办结', withdrawn: '已撤回',
};
export const ROOT_CAUSE_ZH: Record<string, string> = {
  staff_conduct: '员工行为', training_gap: '培训不足', process_defect: '流程缺陷', system_defect: '系统缺陷', product_design: '产品设计', disclosure: '信息披露不充分',
  capacity: '人手/窗口不足', policy: '制度政策', customer_misunderstanding: '客户误解', other: '其他',
};
