// Labels of the insights module's request fields (only names not already in field-labels.ts).
export const INSIGHTS_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
