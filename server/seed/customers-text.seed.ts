// The words of the demo customer archive: occupations and employers, residential compounds, family
// notes, needs, open questions, the product shelf and the value-added services. Pure data.
import type { City } from './places';
import type { Rng } from './random';

// ---------------------------------------------------------------------------------------------
// Work

const BRANDS = [
  '华信', '恒通', '东方', '中联', '新锐', '锦程', '宏达', '天成', '盛世', '瑞丰', '金桥', '远航', '星河', '鼎盛',
  '博远', '中盛', '华远', '海创', '润泽', '嘉禾', '永泰', '同创', '汇智', '联创', '长青', '安达', '腾跃', '明德',
] as const;
const INDUSTRIES = [
  '科技', '贸易', '建设工程', '物流', '医药', '文化传媒', '餐饮管理', '电子', '置业', '咨询', '教育科技', '机械制造',
  '新材料', '供应链管理', '服装', '食品', '汽车销售', '装饰工程', '信息技术', '环保科技',
] as const;
const SHOPS = ['超市', '便利店', '五金店', '服装店', '茶行', '药房', '餐馆', '水果店', '眼镜店', '汽修店', '建材商行', '烟酒行'] as const;

function company(rng: Rng, city: City): string {
  return `${city.name}${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`;
}

export type Work = { occupation: string; employer: string };
export type WorkBand = 'young' | 'mid' | 'senior' | 'retired';

type WorkMaker = (rng: Rng, city: City, area: string) => Work;
const w = (occupation: string, employer: (rng: Rng, city: City, area: string) => string): WorkMaker =>
  (rng, city, area) => ({ occupation, employer: employer(rng, city, area) });

const JOBS_MASS: readonly (readonly [WorkMaker, number])[] = [
  [w('公司职员', (r, c) => company(r, c)), 30],
  [w('销售经理', (r, c) => company(r, c)), 8],
  [w('工程师', (r, c) => `${c.name}${r.pick(BRANDS)}${r.pick(['科技', '信息技术', '电子', '机械制造'])}有限公司`), 9],
  [w('教师', (r, c) => `${c.name}市第${r.int(1, 120)}${r.pick(['中学', '小学'])}`), 6],
  [w('护士', (r, c) => `${c.name}市第${r.int(1, 12)}人民医院`), 3],
  [w('个体工商户', (r, _c, a) => `${a}${r.pick(BRANDS)}${r.pick(SHOPS)}`), 9],
  [w('快递员', (r) => r.pick(['顺丰速运', '中通快递', '京东物流', '圆通速递'])), 3],
  [w('网约车司机', () => ''), 2],
  [w('外卖骑手', (r) => r.pick(['美团', '饿了么'])), 2],
  [w('工人', (r, c) => `${c.name}${r.pick(BRANDS)}${r.pick(['机械制造', '电子', '食品', '服装'])}有限公司`), 7],
  [w('自由职业', () => ''), 5],
  [w('公务员', (r, c) => `${c.name}市${r.pick(['税务局', '市场监督管理局', '人力资源和社会保障局', '住房和城乡建设局'])}`), 3],
  [w('会计', (r, c) => company(r, c)), 5],
];
const JOBS_YOUNG: readonly (readonly [WorkMaker, number])[] = [
  ...JOBS_MASS,
  [w('研究生', (r, c) => `${c.name}${r.pick(['理工', '财经', '师范', '医科', '外国语'])}大学`), 3],
];
const JOBS_AFFLUENT: readonly (readonly [WorkMaker, number])[] = [
  [w('私营企业主', (r, c) => company(r, c)), 22],
  [w('企业高管', (r, c) => company(r, c)), 16],
  [w('部门经理', (r, c) => company(r, c)), 10],
  [w('医生', (r, c) => `${c.name}市第${r.int(1, 12)}人民医院`), 7],
  [w('律师', (r) => `${r.pick(BRANDS)}律师事务所`), 4],
  [w('注册会计师', (r) => `${r.pick(BRANDS)}会计师事务所`), 3],
  [w('大学教授', (r, c) => `${c.name}${r.pick(['理工', '财经', '师范', '医科', '外国语'])}大学`), 4],
  [w('个体工商户', (r, _c, a) => `${a}${r.pick(BRANDS)}${r.pick(SHOPS)}`), 8],
  [w('金融从业者', (r) => `${r.pick(BRANDS)}证券股份有限公司`), 5],
  [w('工程师', (r, c) => `${c.name}${r.pick(BRANDS)}信息技术有限公司`), 6],
  [w('公务员', (r, c) => `${c.name}市${r.pick(['财政局', '发展和改革委员会', '税务局', '教育局'])}`), 4],
  [w('全职太太', () => ''), 4],
  [w('自由职业', () => ''), 3],
  [w('演艺人员', (r) => `${r.pick(BRANDS)}文化传媒有限公司`), 1],
];

export function randomWork(rng: Rng, band: WorkBand, affluent: boolean, city: City, area: string): Work {
  if (band === 'retired') {
    return rng.chance(0.7)
      ? { occupation: '退休人员', employer: '' }
      : { occupation: rng.pick(['退休教师', '退休干部', '退休医生', '退休工程师']), employer: '' };
  }
  const jobs = affluent ? JOBS_AFFLUENT : band === 'young' ? JOBS_YOUNG : JOBS_MASS;
  return rng.weighted(jobs)(rng, city, area);
}

// ---------------------------------------------------------------------------------------------
// Homes

const COMPOUNDS = [
  '阳光花园', '锦绣家园', '金色家园', '世纪华庭', '翠湖天地', '碧桂园', '万科城', '保利花园', '绿城桂花园', '和平里小区',
  '紫荆苑', '御景湾', '滨江名苑', '书香门第', '幸福里', '丽景华庭', '龙湖春江郦城', '东方明珠花园', '新城国际', '融创壹号院',
  '中海寰宇天下', '华润城', '职工宿舍', '教师新村', '康乐小区',
] as const;

export function randomAddress(rng: Rng, city: City, districtIndex: number): string {
  const district = city.districts[districtIndex % city.districts.length];
  const street = city.streets[districtIndex % city.streets.length];
  const building = rng.int(1, 32);
  const unit = rng.int(1, 6);
  const room = `${rng.int(1, 33)}${String(rng.int(1, 4)).padStart(2, '0')}`;
  return `${city.prefix}${district}区${street}${rng.int(1, 999)}号${rng.pick(COMPOUNDS)}${building}栋${unit}单元${room}室`;
}

export const FAMILY_NOTES = [
  '已婚，育有一子，在读高中', '已婚，女儿在英国留学', '与父母同住，母亲身体欠佳', '配偶也是本行客户', '子女已工作，夫妻二人退休在家',
  '正在筹备孩子婚事', '二孩家庭，两个孩子都在上小学', '丧偶独居，儿子在外地工作', '夫妻共同经营企业', '孩子明年高考，考虑出国读书',
  '父亲患慢性病，常去医院复查', '刚换了学区房，有房贷', '独生子女，父母即将退休', '家中有老人需要长期照护', '女儿刚参加工作',
  '儿子在国外定居，常需跨境汇款', '喜欢打高尔夫，周末常去球场', '热爱旅游，每年出境两三次', '配偶在外地工作，聚少离多', '新婚，计划两年内买房',
] as const;

// ---------------------------------------------------------------------------------------------
// Needs and open questions (the seed: explicit and hidden needs; information, emotional,
// environment and convenience needs; open questions draw them out)

export type NeedKind = 'explicit' | 'hidden';
export type NeedCategory = 'information' | 'emotional' | 'environment' | 'convenience';

export const NEEDS: Record<NeedKind, Record<NeedCategory, readonly string[]>> = {
  explicit: {
    information: [
      '希望定期了解理财产品收益和市场行情', '想了解子女教育金规划方案', '咨询大额存单利率及起存金额', '关注养老规划和个人养老金政策',
      '想了解外币理财和境外汇款手续', '希望了解保险产品的保障范围', '询问国债发行时间和购买方式',
    ],
    emotional: [
      '希望有固定的客户经理长期联系', '节日希望收到问候', '希望办理业务时被优先接待，不愿反复排队', '希望客户经理记得家人情况',
    ],
    environment: [
      '希望在贵宾室办理业务，注重私密性', '希望网点方便停车', '偏好安静的洽谈环境', '希望贵宾室提供茶水和报刊',
    ],
    convenience: [
      '希望预约上门服务', '工作日白天没空，希望周末办理', '希望通过微信随时联系客户经理', '希望产品到期前提醒并协助续作',
      '希望手机银行能办理更多业务', '希望大额取现提前预约',
    ],
  },
  hidden: {
    information: [
      '对现有理财产品收益下滑不满，但未明说', '对基金净值波动缺乏了解，心存疑虑', '子女即将出国留学，可能需要换汇和资信证明',
      '有一笔拆迁款即将到账，尚未决定如何安排', '对家族财富传承有顾虑，未主动提起',
    ],
    emotional: [
      '曾因排队时间长产生不满', '担心客户经理频繁更换', '父母年迈，关心医疗和健康服务', '觉得他行客户经理更热情，有转移资金的想法',
    ],
    environment: ['不愿在大厅谈论资产情况', '对网点嘈杂的环境不满意', '对自助设备经常故障有意见'],
    convenience: [
      '手机银行操作不熟练，但不好意思求助', '经常出差，需要异地办理业务', '企业经营有资金周转需求', '行动不便，来网点困难',
    ],
  },
};

export const QUESTIONS: readonly (readonly [question: string, answers: readonly string[]])[] = [
  ['您对目前的资产配置最满意和最不满意的地方分别是什么？', ['存款占比太高，收益偏低', '对收益比较满意，就是流动性差一些']],
  ['未来三到五年，家里有哪些大的资金安排？', ['计划两年后换房，需要保持一定流动性', '准备给孩子出国留学做准备']],
  ['您希望我们多久和您联系一次、用什么方式？', ['每月一次即可，微信联系最方便', '有好产品再打电话，平时不用打扰']],
  ['您平时比较关注哪些投资渠道？', ['主要买银行理财和国债', '股票和基金都有，最近偏向稳健']],
  ['子女教育和养老方面您是怎么考虑的？', ['养老主要靠社保，想再配置一些年金险', '孩子还小，想开始做教育金储备']],
  ['上次产品到期后，您是怎么安排这笔资金的？', ['转到他行买了收益高一点的产品', '暂时放在活期，还没想好']],
  ['您对风险和收益是怎么权衡的？', ['本金不能亏，收益低一点没关系', '可以接受一定波动，追求长期收益']],
  ['您觉得我们的服务还有哪些可以改进的地方？', ['希望办业务的等候时间短一些', '希望贵宾室能提前预约']],
  ['家里其他成员有没有金融方面的需要？', ['爱人想了解保险', '父母的养老金想存定期']],
];

// ---------------------------------------------------------------------------------------------
// The product shelf

export type HoldingCategory = 'demand' | 'time_deposit' | 'wealth' | 'fund' | 'insurance' | 'precious_metal' | 'loan' | 'credit_card';
export type ShelfProduct = {
  code: string;
  name: string;
  /** Term in months; null when open-ended. */
  termMonths: number | null;
  /** The smallest holding that is plausible (yuan). */
  minAmount: number;
};

export const SHELF: Record<HoldingCategory, readonly ShelfProduct[]> = {
  demand: [{ code: 'DD001', name: '个人活期储蓄', termMonths: null, minAmount: 0 }],
  time_deposit: [
    { code: 'TD003', name: '整存整取3个月', termMonths: 3, minAmount: 50 },
    { code: 'TD006', name: '整存整取6个月', termMonths: 6, minAmount: 50 },
    { code: 'TD012', name: '整存整取1年', termMonths: 12, minAmount: 50 },
    { code: 'TD024', name: '整存整取2年', termMonths: 24, minAmount: 50 },
    { code: 'TD036', name: '整存整取3年', termMonths: 36, minAmount: 50 },
    { code: 'CD012', name: '个人大额存单1年期', termMonths: 12, minAmount: 200_000 },
    { code: 'CD036', name: '个人大额存单3年期', termMonths: 36, minAmount: 200_000 },
  ],
  wealth: [
    { code: 'WM-CASH', name: '天天利现金管理理财', termMonths: null, minAmount: 1 },
    { code: 'WM-D30', name: '安盈30天持有期理财', termMonths: 1, minAmount: 10_000 },
    { code: 'WM-Q90', name: '季季享90天持有期理财', termMonths: 3, minAmount: 10_000 },
    { code: 'WM-C182', name: '稳鑫182天封闭式理财', termMonths: 6, minAmount: 10_000 },
    { code: 'WM-C365', name: '悦享1年期封闭式理财', termMonths: 12, minAmount: 10_000 },
    { code: 'WM-C730', name: '鑫远2年期封闭式理财', termMonths: 24, minAmount: 50_000 },
  ],
  fund: [
    { code: 'FD-MM', name: '货币市场基金A', termMonths: null, minAmount: 1 },
    { code: 'FD-BOND', name: '稳健增利债券A', termMonths: null, minAmount: 10 },
    { code: 'FD-IDX300', name: '沪深300指数增强A', termMonths: null, minAmount: 10 },
    { code: 'FD-MIX', name: '价值精选混合', termMonths: null, minAmount: 10 },
    { code: 'FD-QDII', name: '全球科技QDII', termMonths: null, minAmount: 100 },
  ],
  insurance: [
    { code: 'IN-ANN', name: '金福年金保险（分红型）', termMonths: null, minAmount: 10_000 },
    { code: 'IN-LIFE', name: '安康终身寿险（增额型）', termMonths: null, minAmount: 10_000 },
    { code: 'IN-EDU', name: '成长无忧教育金保险', termMonths: null, minAmount: 10_000 },
    { code: 'IN-HLTH', name: '尊享百万医疗保险', termMonths: 12, minAmount: 300 },
  ],
  precious_metal: [
    { code: 'PM-ACC', name: '积存金', termMonths: null, minAmount: 500 },
    { code: 'PM-BAR', name: '如意金条（实物）', termMonths: null, minAmount: 5_000 },
  ],
  loan: [
    { code: 'LN-MORT', name: '个人住房贷款', termMonths: 360, minAmount: 300_000 },
    { code: 'LN-CONS', name: '个人消费贷款', termMonths: 36, minAmount: 20_000 },
    { code: 'LN-BIZ', name: '个人经营贷款', termMonths: 36, minAmount: 200_000 },
    { code: 'LN-CAR', name: '个人汽车贷款', termMonths: 36, minAmount: 50_000 },
  ],
  credit_card: [
    { code: 'CC-STD', name: '标准信用卡', termMonths: null, minAmount: 0 },
    { code: 'CC-GOLD', name: '金卡信用卡', termMonths: null, minAmount: 0 },
    { code: 'CC-PLAT', name: '白金信用卡', termMonths: null, minAmount: 0 },
    { code: 'CC-DMD', name: '钻石信用卡', termMonths: null, minAmount: 0 },
  ],
};

/** Two-digit account-type segment of an account number. */
export const CATEGORY_DIGITS: Record<HoldingCategory, string> = {
  demand: '10', time_deposit: '20', wealth: '30', fund: '40', insurance: '50', precious_metal: '60', loan: '70', credit_card: '80',
};

// ---------------------------------------------------------------------------------------------
// Tiers, value-added services and risk

export type SeedTier = { code: string; nameZh: string; nameEn: string; rank: number; minAum: number; color: string };

/** The demo bank's tiers (head office may change them later; the generator reads what is there). */
export const DEMO_TIERS: readonly SeedTier[] = [
  { code: 'mass', nameZh: '普通', nameEn: 'Mass', rank: 0, minAum: 0, color: '#8c8c8c' },
  { code: 'gold', nameZh: '金卡', nameEn: 'Gold', rank: 1, minAum: 50_000, color: '#d4a017' },
  { code: 'platinum', nameZh: '白金', nameEn: 'Platinum', rank: 2, minAum: 500_000, color: '#7d8597' },
  { code: 'diamond', nameZh: '钻石', nameEn: 'Diamond', rank: 3, minAum: 2_000_000, color: '#1677ff' },
  { code: 'private', nameZh: '私人银行', nameEn: 'Private banking', rank: 4, minAum: 6_000_000, color: '#722ed1' },
];
export const TIER_NAMES: Record<string, readonly [zh: string, en: string]> = Object.fromEntries(DEMO_TIERS.map((t) => [t.code, [t.nameZh, t.nameEn] as const]));


/** A value-added service as the generator sees it: names, and yearly uses per tier code if set. */
export type SeedPrivilege = { code: string; nameZh: string; nameEn: string; perYear: Readonly<Record<string, number>> | null };

/**
 * How the demo customers use the services: the lowest tier rank (1 gold … 4 private) that has one
 * when head office has set no quotas, and notes for the booking. Services unknown here are not used.
 */
export const PRIVILEGE_PLAN: readonly (readonly [code: string, minRank: number, notes: readonly string[]])[] = [
  ['birthday_gift', 1, ['生日蛋糕券', '生日鲜花', '定制生日礼盒']],
  ['roadside', 1, ['高速爆胎救援', '电瓶搭电', '拖车服务']],
  ['airport_lounge', 1, ['首都机场T3贵宾厅', '浦东机场T2贵宾厅', '白云机场T2贵宾厅', '高铁站商务候车室']],
  ['airport_fasttrack', 1, ['国际出发快速安检', '国内出发快速通道']],
  ['health_check', 2, ['深度体检套餐（男）', '深度体检套餐（女）', '心脑血管专项体检']],
  ['hospital_green', 2, ['三甲医院专家号预约', '陪诊服务', '住院床位协调']],
  ['golf', 3, ['球场果岭体验', '高尔夫教学课程']],
];

/** The demo catalogue's names, for the pure generator when no database says otherwise. */
export const DEMO_PRIVILEGES: readonly SeedPrivilege[] = [
  { code: 'airport_lounge', nameZh: '机场贵宾厅', nameEn: 'Airport lounge', perYear: null },
  { code: 'airport_fasttrack', nameZh: '机场快速安检', nameEn: 'Airport fast track', perYear: null },
  { code: 'health_check', nameZh: '高端体检', nameEn: 'Premium health check', perYear: null },
  { code: 'hospital_green', nameZh: '就医绿色通道', nameEn: 'Hospital appointment green channel', perYear: null },
  { code: 'golf', nameZh: '高尔夫', nameEn: 'Golf', perYear: null },
  { code: 'roadside', nameZh: '道路救援', nameEn: 'Roadside assistance', perYear: null },
  { code: 'birthday_gift', nameZh: '生日礼遇', nameEn: 'Birthday gift', perYear: null },
];

export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LABELS: Record<RiskLevel, readonly [zh: string, en: string]> = {
  C1: ['保守型', 'Conservative'], C2: ['稳健型', 'Cautious'], C3: ['平衡型', 'Balanced'], C4: ['成长型', 'Growth'], C5: ['进取型', 'Aggressive'],
};

export const TEMPERAMENTS = ['lively', 'perfect', 'powerful', 'peaceful'] as const;
export type Temperament = (typeof TEMPERAMENTS)[number];

/** Preferred contact channels (the customers contract's CONTACT_CHANNELS). */
export type ContactChannel = 'phone' | 'sms' | 'email' | 'wechat' | 'visit';

export const CONTACT_TIMES = ['工作日上午', '工作日下午', '工作日晚上', '午休时间（12:00-13:30）', '周末', '不限'] as const;
