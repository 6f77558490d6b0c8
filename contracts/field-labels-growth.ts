// Labels of the request fields of the engagement module (referrals, prospects, campaigns, care events, market research), only names not already in field-labels.ts.
export const GROWTH_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
