// Labels of the insights module's request fields (only names not already in field-labels.ts).
export const INSIGHTS_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  target: { zh: '模型', en: 'Model' },
  targets: { zh: '模型', en: 'Models' },
  learner: { zh: '算法', en: 'Learner' },
  minScore: { zh: '最低评分', en: 'Minimum score' },
  topPerRm: { zh: '每位客户经理前N名', en: 'Top N per RM' },
  sampleEvery: { zh: '抽样间隔（每N位客户取1位）', en: 'Sample every n-th customer' },
  ownBook: { zh: '仅看本人管户客户', en: 'My own book only' },
};
