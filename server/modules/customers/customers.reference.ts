// Reference data of the customer archive: the four classic temperaments (性格类型) and how an RM
// serves each. The seed's own words for the lively type: 情绪外露，适应性强，喜欢交流，善于交际，
// 对新奇时尚的东西感兴趣，容易受到他人情感的感染，容易转移目标; serve with 情感效应, polite
// answers, 新、特、奇 products and patient explanation when their mood shifts. Head office edits the
// texts afterwards (PUT /api/temperaments/:code); seeding never overwrites an edit.
import type { TemperamentCode } from '../../../contracts/customers';
import type { DbOrTrx } from '../../platform/db';
import { insertMissingGuides } from './customers.repository';

export type TemperamentGuideDefinition = {
  code: TemperamentCode;
  nameZh: string;
  nameEn: string;
  featuresZh: string;
  strategyZh: string;
  featuresEn: string;
  strategyEn: string;
};

export const DEFAULT_TEMPERAMENT_GUIDES: readonly TemperamentGuideDefinition[] = [
  {
    code: 'lively',
    nameZh: '活泼型',
    nameEn: 'Lively',
    featuresZh:
      '情绪外露，适应性强，喜欢交流，善于交际；对新奇、时尚的东西感兴趣，乐于尝试新产品；容易受他人情绪感染，决定来得快、变得也快，容易转移目标；不耐烦冗长的条款与数字。',
    strategyZh:
      '利用情感效应，热情接待，礼貌、耐心地回答提问，满足其爱交际、喜讲话的特点，多倾听、多认同；介绍产品时突出新、特、奇，先讲亮点与体验，再用一两句话讲清风险与关键条款；客户情绪或主意变化时，不急不躁，热情耐心地做好解释；当场把要点写成简短的书面摘要并约好下一次联系，防止其热情过后转移目标；邀请参加沙龙、新品发布等客户活动。',
    featuresEn:
      'Open and expressive, adaptable, talkative and sociable. Drawn to whatever is new or fashionable and happy to try a new product. Easily carried along by other people\'s moods: decides quickly, changes its mind just as quickly and is easily distracted. Impatient with long terms and tables of figures.',
    strategyEn:
      'Work with feelings: greet them warmly, answer every question politely and patiently, and let them talk: listen and agree where you can. Lead with what is new, distinctive or unusual about a product and how it feels to own it, then state the risks and key terms in a sentence or two. When their mood or mind changes, stay calm and explain again with warmth and patience. Before they leave, write the main points down in a short summary and fix the next contact, so the enthusiasm does not fade into something else. Invite them to salons, product launches and client events.',
  },
  {
    code: 'perfect',
    nameZh: '完美型',
    nameEn: 'Perfect',
    featuresZh:
      '沉稳内敛，注重细节，讲究条理与规则；决策谨慎，会反复比较、追问数据和条款，看重专业性与准确性；对差错和承诺落空非常敏感，不轻易表态，一旦认可则忠诚度高。',
    strategyZh:
      '充分准备，守时守约；用书面材料、数据、历史业绩与费用明细说话，条款与风险逐条讲清，不夸大、不含糊；给客户留出思考和比较的时间，不催促成交；答应的事情按时、准确地兑现，细小差错也要主动说明并纠正；回访时提供有条理的持仓分析与资产配置报告；营业环境保持整洁有序。',
    featuresEn:
      'Reserved and steady, attentive to detail, values order and rules. Decides carefully after comparing options and asking for figures and terms; respects expertise and accuracy. Very sensitive to mistakes and broken promises; slow to commit, but loyal once convinced.',
    strategyEn:
      'Prepare thoroughly and be punctual. Let written material, data, past performance and a full breakdown of fees make the case; go through terms and risks one by one, never overstating or glossing over anything. Give them time to think and compare, and do not push for the sale. Deliver on every promise on time and exactly; if even a small error occurs, raise it yourself and put it right. At reviews, bring a well-organised holdings analysis and asset-allocation report. Keep the service area tidy and orderly.',
  },
  {
    code: 'powerful',
    nameZh: '力量型',
    nameEn: 'Powerful',
    featuresZh:
      '目标明确，果断自信，重视效率和结果；喜欢主导谈话、自己做决定，讨厌拖沓和绕弯子；关注收益与回报，对权威和被重视感敏感，可能显得急躁、强势。',
    strategyZh:
      '开门见山，先给结论和方案，再按需补充细节；提供两到三个可选方案，让客户自己拍板，尊重其主导地位；办理流程高效，尽量预约、减少等候，优先安排贵宾通道；谈收益与目标时用数字说话，同时清楚提示风险，确保适当性；客户急躁或强势时保持专业与自信，不争辩、不卑不亢；事后简要汇报结果即可。',
    featuresEn:
      'Goal-driven, decisive and self-assured; values speed and results. Likes to steer the conversation and make the decision; dislikes delay and beating about the bush. Focused on returns; sensitive to status and to being treated as important; can come across as impatient or forceful.',
    strategyEn:
      'Get straight to the point: the conclusion and the proposal first, details only as asked. Offer two or three options and let them decide: respect that they are in charge. Make the process fast: book appointments, cut waiting, use the VIP lane. Talk about returns and goals in numbers while stating the risks clearly, so the advice stays suitable. If they become impatient or overbearing, stay professional and confident: neither argue nor give way. Afterwards, report the result briefly.',
  },
  {
    code: 'peaceful',
    nameZh: '和平型',
    nameEn: 'Peaceful',
    featuresZh:
      '性情温和，随和低调，耐心好相处；不喜欢冲突和压力，较少主动表达真实想法和不满；做决定慢，容易犹豫，偏好稳健、熟悉的产品，重视安全感与长期信任关系。',
    strategyZh:
      '态度亲切，节奏放慢，营造轻松无压力的氛围；多用开放式问题了解其真实需求和顾虑（隐性需求），主动询问是否满意；推荐稳健、简单易懂的产品，讲清安全性与流动性；替客户把选择范围缩小到一两个，并给出明确建议，帮助其做决定，但不施压；定期问候、保持长期稳定联系，由固定的客户经理服务，避免频繁更换。',
    featuresEn:
      'Calm, easy-going and modest; patient and pleasant to deal with. Avoids conflict and pressure and seldom voices real opinions or complaints. Slow to decide and prone to hesitate; prefers steady, familiar products and values security and a long relationship of trust.',
    strategyEn:
      'Be friendly and unhurried, and keep the atmosphere relaxed and free of pressure. Ask open questions to find their real needs and worries (the hidden needs), and ask whether they are satisfied. Recommend steady, easy-to-understand products and explain safety and liquidity. Narrow the choice to one or two and give a clear recommendation to help them decide, without pushing. Keep in touch regularly over the long term, and keep the same RM: avoid changing who serves them.',
  },
];

/** Safe on every start: inserts what is missing, leaves head office's edits alone. */
export async function seedCustomerReferenceData(db: DbOrTrx): Promise<void> {
  await insertMissingGuides(db, DEFAULT_TEMPERAMENT_GUIDES);
}
