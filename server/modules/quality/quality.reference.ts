// Reference data of the quality module that every installation needs (inserted when missing, never
// overwritten): the inspection dimensions (the source's case of the seven standard areas of quality
// service, procedural and personal side) and the service standards built from the source's etiquette
// rules and the lobby's service levels, each written the four-step way and SMART.
import type { DbOrTrx } from '../../platform/db';
import { DEFAULT_SERVICE_LEVELS } from '../lobby/lobby.reference';
import { insertStandardsReference, type StandardSeed } from './standards.repository';

export const DIMENSIONS = [
  { code: 'timeliness', side: 'procedural', nameZh: '及时性', nameEn: 'Timeliness', sortOrder: 1 },
  { code: 'flow', side: 'procedural', nameZh: '服务流程顺畅', nameEn: 'Orderly flow', sortOrder: 2 },
  { code: 'flexibility', side: 'procedural', nameZh: '灵活性', nameEn: 'Flexibility', sortOrder: 3 },
  { code: 'anticipation', side: 'procedural', nameZh: '预见性', nameEn: 'Anticipation', sortOrder: 4 },
  { code: 'communication', side: 'procedural', nameZh: '沟通', nameEn: 'Communication', sortOrder: 5 },
  { code: 'feedback', side: 'procedural', nameZh: '顾客反馈', nameEn: 'Customer feedback', sortOrder: 6 },
  { code: 'supervision', side: 'procedural', nameZh: '组织与监督', nameEn: 'Organisation and supervision', sortOrder: 7 },
  { code: 'appearance', side: 'personal', nameZh: '仪表仪容', nameEn: 'Appearance', sortOrder: 11 },
  { code: 'attitude', side: 'personal', nameZh: '态度与举止', nameEn: 'Attitude and body language', sortOrder: 12 },
  { code: 'attentiveness', side: 'personal', nameZh: '关注顾客', nameEn: 'Attentiveness', sortOrder: 13 },
  { code: 'tact', side: 'personal', nameZh: '得体', nameEn: 'Tact', sortOrder: 14 },
  { code: 'guidance', side: 'personal', nameZh: '指导引领', nameEn: 'Guidance', sortOrder: 15 },
  { code: 'selling', side: 'personal', nameZh: '营销技巧', nameEn: 'Selling skills', sortOrder: 16 },
  { code: 'problem_solving', side: 'personal', nameZh: '妥善解决问题', nameEn: 'Gracious problem solving', sortOrder: 17 },
] as const;

const mass = DEFAULT_SERVICE_LEVELS.find((l) => l.minTierRank === 0) ?? DEFAULT_SERVICE_LEVELS[0]!;
const vip = DEFAULT_SERVICE_LEVELS.find((l) => l.minTierRank >= 1) ?? mass;

const s = (x: Omit<StandardSeed, 'source'> & { source?: string }): StandardSeed => ({ source: 'etiquette', ...x });

export const STANDARDS: readonly StandardSeed[] = [
  s({
    code: 'greet', serviceStep: '迎候问候', stepOrder: 10, dimensionCode: 'attentiveness', keyElement: '客户进门希望有人关注、被认出',
    specific: '客户进入网点，大堂经理面带微笑、目光接触，在1~1.5米处问候：“您好，欢迎光临！”；熟客称呼姓氏，如“早上好，X先生！”',
    measurable: '3秒内目光接触并问候；问候用语与距离符合标准',
    achievable: '大堂经理与大堂助理轮值门口迎候区', relevant: '客户感受被重视，减少进门后的茫然', timeBound: '客户进门3秒内', timeLimitSeconds: 3,
  }),
  s({
    code: 'appearance', serviceStep: '营业前准备', stepOrder: 5, dimensionCode: 'appearance', keyElement: '第一印象：整洁、专业',
    specific: '头发洁净整齐，男士不留长发、女士不留披肩发、不用华丽头饰；眼镜端正洁净，不戴墨镜；女士不戴耳环；指甲不涂指甲油，不戴婚戒以外的戒指；着正装，淡妆',
    measurable: '按仪容检查表逐项核对，全部符合为达标',
    achievable: '每日晨会互查，网点备有检查表', relevant: '客户从仪表判断银行是否可信', timeBound: '每日营业前10分钟完成自查与互查', timeLimitSeconds: 600,
  }),
  s({
    code: 'posture', serviceStep: '站立服务', stepOrder: 15, dimensionCode: 'attitude', keyElement: '客户看到精神饱满、随时可提供帮助的员工',
    specific: '身体立直，抬头、挺胸、收腹，下颌微收，双目平视；女士两脚成“V”字型，脚尖相距约两拳；无身躯歪斜、趴伏倚靠、手插口袋、抱胸等不良站姿',
    measurable: '检查时点观察，不良站姿出现0次为达标',
    achievable: '大堂站立服务每小时轮换', relevant: '客户感受被尊重与专业', timeBound: '营业时间全程保持', timeLimitSeconds: null,
  }),
  s({
    code: 'guide_gesture', serviceStep: '分流引导', stepOrder: 20, dimensionCode: 'guidance', keyElement: '客户希望清楚知道去哪里办理',
    specific: '手势：五指并拢，手心向上与胸齐，以肘为轴向外转；引领时身体稍侧向客户，走在客户左前方2~3步；拐弯、楼梯处提示“这边请”“注意楼梯”；不用手指、眼神或头部指引方向',
    measurable: '引导全程动作与用语符合标准；客户确认方向后方可放下手势',
    achievable: '大堂经理、助理均经引导礼仪培训', relevant: '减少客户走错区域、重复排队', timeBound: '客户说明需求后10秒内完成指引', timeLimitSeconds: 10,
  }),
  s({
    code: 'business_card', serviceStep: '交换名片', stepOrder: 40, dimensionCode: 'tact', keyElement: '客户感到被尊重',
    specific: '双手递接名片，接过后认真阅读并妥善收存；不玩弄对方名片、不放入裤兜、不当场在名片上写字；不先于上司向客人递交名片',
    measurable: '检查时点观察，禁忌行为出现0次为达标',
    achievable: '客户经理名片随身备齐', relevant: '建立长期客户关系的第一步', timeBound: '见面问候、介绍后即时交换', timeLimitSeconds: null,
  }),
  s({
    code: 'introduction', serviceStep: '介绍他人', stepOrder: 35, dimensionCode: 'tact', keyElement: '客户感到被放在首位',
    specific: '先把公司同事介绍给客户、年轻的介绍给年长的、低职位的介绍给高职位的；会谈中上司到来，立即起立介绍并简述会谈内容',
    measurable: '介绍次序正确，检查时点观察',
    achievable: '客户经理、大堂经理经商务礼仪培训', relevant: '客户在银行受到礼遇', timeBound: '见面时即时完成', timeLimitSeconds: null,
  }),
  s({
    code: 'eye_contact', serviceStep: '交谈', stepOrder: 30, dimensionCode: 'attentiveness', keyElement: '客户感到被倾听',
    specific: '交谈时视线落在对方鼻间，偶尔注视双眼；恳请对方时注视对方双眼；不斜视、不左顾右盼',
    measurable: '交谈全程无斜视、分心行为',
    achievable: '柜面与理财室座位朝向客户', relevant: '客户感到专注与尊重', timeBound: '交谈全程', timeLimitSeconds: null,
  }),
  s({
    code: 'walking', serviceStep: '陪同行走', stepOrder: 25, dimensionCode: 'appearance', keyElement: '客户感到从容、不被催促',
    specific: '行走时双肩平稳，目光平视，下颌微收，面带微笑；男士约108~110步/分钟，女士约118~120步/分钟，与客户步伐一致',
    measurable: '步速与姿态符合标准，观察计步',
    achievable: '引导路线短于50米', relevant: '客户舒适地到达办理区域', timeBound: '陪同全程', timeLimitSeconds: null,
  }),
  s({
    code: 'phone', serviceStep: '电话服务', stepOrder: 50, dimensionCode: 'communication', keyElement: '客户来电很快有人接、知道接的是谁',
    specific: '铃响三声内接听，首句“您好，XX银行XX网点，我是XXX”；不打私人电话怠慢在场客户；结束时待客户先挂机',
    measurable: '铃响三声内接听率100%；首句用语完整',
    achievable: '每个柜组指定电话值守人', relevant: '客户电话咨询与预约顺畅', timeBound: '铃响三声（约10秒）内', timeLimitSeconds: 10,
  }),
  s({
    code: 'wait_mass', source: 'lobby', serviceStep: '排队等候', stepOrder: 60, dimensionCode: 'timeliness', keyElement: '客户不愿久等，希望知道还要等多久',
    specific: `${mass.nameZh}自取号至叫号等候不超过 ${mass.maxWaitMinutes} 分钟`,
    measurable: `按日统计达标率不低于 ${Math.round(mass.targetShare * 100)}%`,
    achievable: '按排班建议开足窗口，大堂分流至自助机具', relevant: '等候时间是投诉的首要原因之一', timeBound: `${mass.maxWaitMinutes} 分钟内叫号`, timeLimitSeconds: mass.maxWaitMinutes * 60,
  }),
  s({
    code: 'wait_vip', source: 'lobby', serviceStep: '排队等候', stepOrder: 61, dimensionCode: 'timeliness', keyElement: '贵宾客户期待优先、尊享的服务',
    specific: `${vip.nameZh}自取号至叫号等候不超过 ${vip.maxWaitMinutes} 分钟`,
    measurable: `按日统计达标率不低于 ${Math.round(vip.targetShare * 100)}%`,
    achievable: '贵宾窗口与理财室优先叫号', relevant: '分层服务：按贡献度给予优先', timeBound: `${vip.maxWaitMinutes} 分钟内叫号`, timeLimitSeconds: vip.maxWaitMinutes * 60,
  }),
  s({
    code: 'triage', source: 'lobby', serviceStep: '分流引导', stepOrder: 21, dimensionCode: 'flow', keyElement: '客户希望一次就去对地方',
    specific: '大额现金引导至现金区；小额存取、代理缴费、补登折引导至自助服务区；非现金业务引导至非现金区；可能的优质客户引荐客户经理',
    measurable: '抽查分流正确率不低于95%',
    achievable: '取号机按分流规则自动建议', relevant: '缩短等候，减少柜面压力', timeBound: '客户进门后1分钟内完成分流', timeLimitSeconds: 60,
  }),
  s({
    code: 'recognise_vip', source: 'lobby', serviceStep: '识别优质客户', stepOrder: 22, dimensionCode: 'anticipation', keyElement: '贵宾希望被认出、不必重复说明身份',
    specific: '取号或到店时识别贵宾客户，通知其专属客户经理，给予特别关注和优先服务',
    measurable: '贵宾到店提醒送达率100%',
    achievable: '系统实时推送贵宾到店提醒', relevant: '分层服务，提升贵宾忠诚度', timeBound: '到店后2分钟内通知客户经理', timeLimitSeconds: 120,
  }),
  s({
    code: 'complaint_on_spot', serviceStep: '受理投诉', stepOrder: 70, dimensionCode: 'problem_solving', keyElement: '客户希望有人认真听、给出明确答复时间',
    specific: '耐心倾听，不争辩；当场登记投诉（渠道、类别、诉求、联系方式），告知客户处理时限：自受理之日起15日内告知处理决定',
    measurable: '投诉当场登记率100%；按时告知率100%',
    achievable: '大堂经理与柜员均可在系统中登记投诉', relevant: '妥善处理投诉是挽回客户的关键', timeBound: '当场登记；15日内告知处理决定', timeLimitSeconds: null,
  }),
  s({
    code: 'farewell', serviceStep: '送别', stepOrder: 90, dimensionCode: 'attitude', keyElement: '客户离开时感到被感谢',
    specific: '业务办结后起身或点头致意：“请慢走，欢迎再次光临”，提醒客户带好随身物品与凭证',
    measurable: '送别用语使用率100%',
    achievable: '柜面与大堂统一送别用语', relevant: '留下好的最后印象，提升再次到访意愿', timeBound: '业务办结时即时', timeLimitSeconds: null,
  }),
  s({
    code: 'survey_invite', serviceStep: '服务评价', stepOrder: 95, dimensionCode: 'feedback', keyElement: '客户愿意说出满意或不满意',
    specific: '业务办结后邀请客户通过评价器或手机问卷评价本次服务',
    measurable: '评价邀请率不低于90%',
    achievable: '柜台设评价器，系统按比例发送问卷', relevant: '了解客户隐性需求与不满', timeBound: '业务办结时即时', timeLimitSeconds: null,
  }),
  s({
    code: 'daily_stats', source: 'lobby', serviceStep: '每日统计', stepOrder: 99, dimensionCode: 'supervision', keyElement: '网点负责人掌握当天服务质量',
    specific: '大堂经理汇总每位客户经理接待优质客户数、大堂与柜员识别优质客户数、投诉数，提交理财中心负责人',
    measurable: '日报按时提交率100%',
    achievable: '系统自动汇总厅堂日报', relevant: '以数据推动服务改进', timeBound: '每日营业结束后30分钟内', timeLimitSeconds: 1800,
  }),
];

export async function seedQualityReferenceData(db: DbOrTrx): Promise<void> {
  await insertStandardsReference(db, DIMENSIONS, STANDARDS);
}
