// Demo satisfaction surveys: the head-office questionnaire (five indicators of the source: environment,
// efficiency, attitude, professionalism, products) and a short post-service one; the source's five
// programmes; six months of answers (set-based, deterministic: scores follow each customer's hashed
// mood, overall satisfaction follows the indicators, so the report has drivers to find); and one
// improvement plan of the first outlet.
import type { Trx } from '../platform/db';
import type { SaveProgrammeBody, SurveyDefinition } from '../../contracts/surveys';
import { insertDemoAnswers, insertDemoPlan, insertQuestionnaireSeed, insertProgrammeSeed } from './surveys-seed.repository';

export type SurveysSeedCounts = { surveyQuestionnaires: number; surveyProgrammes: number; surveyResponses: number };

export const INDICATORS = [
  { code: 'environment', zh: '网点环境', en: 'Environment' },
  { code: 'efficiency', zh: '办理效率', en: 'Efficiency' },
  { code: 'attitude', zh: '服务态度', en: 'Attitude' },
  { code: 'professionalism', zh: '专业水平', en: 'Professionalism' },
  { code: 'products', zh: '产品与服务', en: 'Products' },
] as const;

const rating = (code: string, indicator: string | null, textZh: string, textEn: string, overall = false) => ({
  code, kind: 'rating' as const, textZh, textEn, required: true, ...(indicator ? { indicator } : {}), ...(overall ? { overall: true } : {}),
});

export const VIP_QUESTIONNAIRE: SurveyDefinition = {
  indicators: INDICATORS.map((i) => ({ ...i })),
  sections: [
    {
      code: 'service', titleZh: '服务体验', titleEn: 'Your experience',
      questions: [
        rating('env_comfort', 'environment', '网点环境整洁、舒适', 'The branch is clean and comfortable'),
        rating('eff_wait', 'efficiency', '等候时间合理', 'The waiting time was reasonable'),
        rating('eff_process', 'efficiency', '业务办理快捷', 'The business was done quickly'),
        rating('att_courtesy', 'attitude', '员工热情、有礼貌', 'Staff were warm and courteous'),
        rating('pro_advice', 'professionalism', '客户经理的建议专业、可信', "The relationship manager's advice was expert and trustworthy"),
        rating('prod_fit', 'products', '产品和服务符合您的需要', 'Products and services fit your needs'),
      ],
    },
    {
      code: 'overall', titleZh: '总体评价', titleEn: 'Overall',
      questions: [
        rating('overall', null, '总体而言，您对我行的服务满意吗？', 'Overall, how satisfied are you with our service?', true),
        { code: 'recommend', kind: 'nps', textZh: '您有多大可能向亲友推荐我行？（0–10分）', textEn: 'How likely are you to recommend us to friends or family? (0–10)', required: true },
        {
          code: 'channels', kind: 'multiple', textZh: '您常用哪些渠道？', textEn: 'Which channels do you use?', required: false,
          options: [{ code: 'branch', zh: '网点', en: 'Branch' }, { code: 'app', zh: '手机银行', en: 'Mobile app' }, { code: 'phone', zh: '电话银行', en: 'Phone banking' }],
        },
        { code: 'suggestion', kind: 'text', textZh: '您对我们有什么意见或建议？', textEn: 'Any comments or suggestions?', required: false },
      ],
    },
  ],
};

export const POST_SERVICE_QUESTIONNAIRE: SurveyDefinition = {
  indicators: INDICATORS.filter((i) => i.code === 'efficiency' || i.code === 'attitude').map((i) => ({ ...i })),
  sections: [{
    code: 'visit', titleZh: '本次服务', titleEn: 'This visit',
    questions: [
      rating('eff_wait', 'efficiency', '本次等候时间合理', 'The wait this time was reasonable'),
      rating('att_courtesy', 'attitude', '为您服务的员工热情、有礼貌', 'The person who served you was warm and courteous'),
      rating('overall', null, '您对本次服务满意吗？', 'Were you satisfied with this visit?', true),
      { code: 'suggestion', kind: 'text', textZh: '还有什么想告诉我们的？', textEn: 'Anything else you would like to tell us?', required: false },
    ],
  }],
};

type ProgrammeSeed = Omit<SaveProgrammeBody, 'questionnaireId'> & { questionnaire: 'vip' | 'post' };
const base = { confidence: 0.95 as const, margin: 0.05, minSample: 100, maxSample: 200, sampleSize: null, share: 0.2, validDays: 14, active: true, businessLine: null };
export const DEMO_PROGRAMMES: readonly ProgrammeSeed[] = [
  { ...base, code: 'bank_yearly', kind: 'bank', nameZh: '全行年度客户满意度抽样调查', nameEn: 'Yearly bank-wide sample survey', questionnaire: 'vip' },
  { ...base, code: 'competitor_biennial', kind: 'competitor', nameZh: '同业客户满意度调查（每两年）', nameEn: "Competitors' customers survey (every two years)", questionnaire: 'vip' },
  { ...base, code: 'branch_yearly', kind: 'branch', nameZh: '网点客户满意度调查（每网点100–200户）', nameEn: 'Branch survey (100–200 customers per branch)', questionnaire: 'vip' },
  { ...base, code: 'phone_banking_monthly', kind: 'business_line', businessLine: 'phone_banking', sampleSize: 100, nameZh: '电话银行月度用户调查', nameEn: 'Phone banking monthly user survey', questionnaire: 'vip' },
  { ...base, code: 'post_service', kind: 'post_service', share: 0.3, validDays: 7, nameZh: '服务后即时评价', nameEn: 'Post-service survey', questionnaire: 'post' },
];

export async function seedSurveys(trx: Trx, opts: { seed: number; today: string }): Promise<SurveysSeedCounts> {
  const vip = await insertQuestionnaireSeed(trx, { code: 'vip_satisfaction', nameZh: '贵宾客户满意度问卷', nameEn: 'VIP customer satisfaction questionnaire', definition: VIP_QUESTIONNAIRE });
  const post = await insertQuestionnaireSeed(trx, { code: 'post_service', nameZh: '服务后即时评价', nameEn: 'Post-service survey', definition: POST_SERVICE_QUESTIONNAIRE });
  const ids: Record<string, number> = {};
  for (const p of DEMO_PROGRAMMES) {
    const { questionnaire, ...rest } = p;
    ids[p.code] = await insertProgrammeSeed(trx, { ...rest, questionnaireId: questionnaire === 'vip' ? vip : post });
  }
  const responses = await insertDemoAnswers(trx, { seed: opts.seed, today: opts.today, programmeId: ids.branch_yearly, questionnaireId: vip, count: 3000, days: 180 });
  await insertDemoPlan(trx, opts.today);
  return { surveyQuestionnaires: 2, surveyProgrammes: DEMO_PROGRAMMES.length, surveyResponses: responses };
}
