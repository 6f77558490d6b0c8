// The demo bank's catalogue: about 60 products across the nine categories, with the codes the demo
// holdings already carry (server/seed's shelf), realistic names, rates and risk ratings. Sales
// windows are relative to the seed's "today".
import type { SaveProductBody } from '../../../contracts/products';
import { addMonths } from './products.rules';

type Row = [code: string, nameZh: string, nameEn: string, category: SaveProductBody['category'], risk: SaveProductBody['riskRating'], min: string, term: number | null, yld: string | null, extra?: Partial<SaveProductBody>];

const ROWS: readonly Row[] = [
  ['DD001', '个人活期储蓄', 'Personal demand savings', 'demand', 'R1', '0', null, '0.10'],
  ['DD-N7', '七天通知存款', 'Seven-day notice deposit', 'demand', 'R1', '50000', null, '0.75'],
  ['TD003', '整存整取3个月', 'Time deposit 3 months', 'time_deposit', 'R1', '50', 3, '0.85'],
  ['TD006', '整存整取6个月', 'Time deposit 6 months', 'time_deposit', 'R1', '50', 6, '1.05'],
  ['TD012', '整存整取1年', 'Time deposit 1 year', 'time_deposit', 'R1', '50', 12, '1.15'],
  ['TD024', '整存整取2年', 'Time deposit 2 years', 'time_deposit', 'R1', '50', 24, '1.20'],
  ['TD036', '整存整取3年', 'Time deposit 3 years', 'time_deposit', 'R1', '50', 36, '1.50'],
  ['TD-ZC12', '零存整取1年', 'Regular savings 1 year', 'time_deposit', 'R1', '5', 12, '0.85'],
  ['TD-EDU36', '教育储蓄3年', 'Education savings 3 years', 'time_deposit', 'R1', '50', 36, '1.50'],
  ['CD012', '个人大额存单1年期', 'Large certificate of deposit 1 year', 'time_deposit', 'R1', '200000', 12, '1.40'],
  ['CD024', '个人大额存单2年期', 'Large certificate of deposit 2 years', 'time_deposit', 'R1', '200000', 24, '1.45'],
  ['CD036', '个人大额存单3年期', 'Large certificate of deposit 3 years', 'time_deposit', 'R1', '200000', 36, '1.75'],
  ['WM-CASH', '天天利现金管理理财', 'Daily cash-management wealth product', 'wealth', 'R1', '1', null, '1.65', { assetClass: 'cash', issuer: '本行理财子公司' }],
  ['WM-D7', '周周盈7天持有期理财', '7-day holding-period wealth product', 'wealth', 'R2', '1000', null, '1.95', { issuer: '本行理财子公司' }],
  ['WM-D30', '安盈30天持有期理财', 'Anying 30-day holding-period wealth product', 'wealth', 'R2', '10000', 1, '2.20', { issuer: '本行理财子公司' }],
  ['WM-Q90', '季季享90天持有期理财', 'Quarterly 90-day holding-period wealth product', 'wealth', 'R2', '10000', 3, '2.45', { issuer: '本行理财子公司' }],
  ['WM-C182', '稳鑫182天封闭式理财', 'Wenxin 182-day closed-end wealth product', 'wealth', 'R2', '10000', 6, '2.65', { issuer: '本行理财子公司' }],
  ['WM-C365', '悦享1年期封闭式理财', 'Yuexiang 1-year closed-end wealth product', 'wealth', 'R2', '10000', 12, '2.90', { issuer: '本行理财子公司' }],
  ['WM-C730', '鑫远2年期封闭式理财', 'Xinyuan 2-year closed-end wealth product', 'wealth', 'R3', '50000', 24, '3.30', { issuer: '本行理财子公司' }],
  ['WM-ESG', '绿色发展ESG主题理财', 'Green development ESG wealth product', 'wealth', 'R3', '10000', 12, '3.10', { issuer: '本行理财子公司' }],
  ['WM-FOF', '多元配置FOF理财', 'Multi-asset FOF wealth product', 'wealth', 'R3', '50000', 12, '3.60', { assetClass: 'equity', issuer: '本行理财子公司' }],
  ['WM-PB', '私享家优选权益理财', 'Private select equity wealth product', 'wealth', 'R4', '1000000', 24, '5.00', { assetClass: 'equity', tierCodes: ['diamond', 'private'], issuer: '本行理财子公司' }],
  ['WM-NEW91', '新客专享91天理财', 'New-customer 91-day wealth product', 'wealth', 'R2', '50000', 3, '3.00', { issuer: '本行理财子公司' }],
  ['WM-SPR25', '2025春季专享理财', 'Spring 2025 special wealth product', 'wealth', 'R2', '50000', 6, '3.05', { status: 'closed', issuer: '本行理财子公司' }],
  ['FD-MM', '货币市场基金A', 'Money-market fund A', 'fund', 'R1', '1', null, '1.55', { assetClass: 'cash', issuer: '华夏基金' }],
  ['FD-SHORT', '短债增强债券C', 'Short-term bond fund C', 'fund', 'R2', '10', null, '2.40', { assetClass: 'fixed_income', issuer: '招商基金' }],
  ['FD-BOND', '稳健增利债券A', 'Steady income bond fund A', 'fund', 'R2', '10', null, '3.00', { assetClass: 'fixed_income', issuer: '易方达基金' }],
  ['FD-DIV', '红利低波指数A', 'Dividend low-volatility index fund A', 'fund', 'R3', '10', null, null, { issuer: '华泰柏瑞基金' }],
  ['FD-PEN40', '养老目标2040三年持有FOF', 'Target-date 2040 pension FOF', 'fund', 'R3', '10', 36, null, { issuer: '南方基金' }],
  ['FD-IDX300', '沪深300指数增强A', 'CSI 300 enhanced index fund A', 'fund', 'R4', '10', null, null, { issuer: '富国基金' }],
  ['FD-MIX', '价值精选混合', 'Value select mixed fund', 'fund', 'R4', '10', null, null, { issuer: '兴证全球基金' }],
  ['FD-GOLD', '黄金ETF联接A', 'Gold ETF feeder fund A', 'fund', 'R4', '10', null, null, { assetClass: 'alternatives', issuer: '华安基金' }],
  ['FD-TECH', '科技创新混合', 'Technology innovation mixed fund', 'fund', 'R5', '10', null, null, { issuer: '中欧基金' }],
  ['FD-QDII', '全球科技QDII', 'Global technology QDII fund', 'fund', 'R5', '100', null, null, { issuer: '广发基金' }],
  ['IN-LIFE', '安康终身寿险（增额型）', 'Ankang whole-life insurance (increasing)', 'insurance', 'R1', '10000', null, '2.50', { issuer: '国寿人寿' }],
  ['IN-ANN', '金福年金保险（分红型）', 'Jinfu annuity insurance (participating)', 'insurance', 'R2', '10000', null, '2.25', { issuer: '平安人寿' }],
  ['IN-EDU', '成长无忧教育金保险', 'Worry-free education insurance', 'insurance', 'R1', '10000', null, '2.00', { issuer: '太平人寿' }],
  ['IN-HLTH', '尊享百万医疗保险', 'Premium million-yuan medical insurance', 'insurance', 'R1', '300', 12, null, { issuer: '人保健康' }],
  ['IN-CI', '守护重大疾病保险', 'Guardian critical-illness insurance', 'insurance', 'R1', '3000', null, null, { issuer: '新华保险' }],
  ['IN-ULINK', '智选投资连结保险', 'Smart unit-linked insurance', 'insurance', 'R4', '50000', null, null, { assetClass: 'equity', issuer: '泰康人寿' }],
  ['PM-ACC', '积存金', 'Gold accumulation plan', 'precious_metal', 'R3', '500', null, null],
  ['PM-BAR', '如意金条（实物）', 'Ruyi gold bar (physical)', 'precious_metal', 'R2', '5000', null, null],
  ['PM-AG', '吉祥实物白银', 'Auspicious physical silver', 'precious_metal', 'R3', '2000', null, null],
  ['PM-PANDA', '熊猫金币（2026版）', 'Panda gold coin (2026)', 'precious_metal', 'R2', '3000', null, null],
  ['LN-MORT', '个人住房贷款', 'Residential mortgage', 'loan', 'R1', '300000', 360, '3.05'],
  ['LN-CONS', '个人消费贷款', 'Personal consumer loan', 'loan', 'R1', '20000', 36, '3.20'],
  ['LN-BIZ', '个人经营贷款', 'Personal business loan', 'loan', 'R1', '200000', 36, '3.35'],
  ['LN-CAR', '个人汽车贷款', 'Car loan', 'loan', 'R1', '50000', 36, '3.50'],
  ['LN-HOUSE', '房产抵押消费贷款', 'Home-equity consumer loan', 'loan', 'R1', '500000', 120, '3.10'],
  ['CC-STD', '标准信用卡', 'Standard credit card', 'credit_card', 'R1', '0', null, null],
  ['CC-GOLD', '金卡信用卡', 'Gold credit card', 'credit_card', 'R1', '0', null, null, { tierCodes: ['gold', 'platinum', 'diamond', 'private'] }],
  ['CC-PLAT', '白金信用卡', 'Platinum credit card', 'credit_card', 'R1', '0', null, null, { tierCodes: ['platinum', 'diamond', 'private'] }],
  ['CC-DMD', '钻石信用卡', 'Diamond credit card', 'credit_card', 'R1', '0', null, null, { tierCodes: ['diamond', 'private'] }],
  ['CC-TRVL', '尊享出行信用卡', 'Premium travel credit card', 'credit_card', 'R1', '0', null, null],
  ['SV-PAYROLL', '代发工资', 'Payroll service', 'service', 'R1', '0', null, null],
  ['SV-FX', '个人结售汇', 'Personal foreign exchange', 'service', 'R1', '0', null, null],
  ['SV-BILLS', '生活缴费代扣', 'Utility bill direct debit', 'service', 'R1', '0', null, null],
  ['SV-SAFE', '保管箱租赁', 'Safe-deposit box', 'service', 'R1', '0', 12, null],
  ['SV-REMIT', '跨境汇款', 'Cross-border remittance', 'service', 'R1', '0', null, null],
  ['SV-TRUST', '家族信托咨询', 'Family trust advisory', 'service', 'R1', '0', null, null, { tierCodes: ['private'] }],
];

export function demoProducts(today: string): (SaveProductBody & { code: string })[] {
  return ROWS.map(([code, nameZh, nameEn, category, riskRating, minAmount, termMonths, expectedYield, extra]) => {
    const window = code === 'WM-NEW91' ? { saleStart: addMonths(today, -1), saleEnd: addMonths(today, 1) } : code === 'WM-SPR25' ? { saleStart: '2025-03-01', saleEnd: '2025-05-31' } : {};
    return {
      code, nameZh, nameEn, category, riskRating, currency: 'CNY', minAmount, termMonths, expectedYield, saleStart: null, saleEnd: null, status: 'on_sale',
      tierCodes: [], assetClass: null, issuer: category === 'loan' || category === 'credit_card' || category === 'demand' || category === 'time_deposit' ? '本行' : '', description: '',
      ...window, ...extra,
    };
  });
}
