// Labels of the engagement module's request fields (only names not already in field-labels.ts).
export const ENGAGEMENT_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
