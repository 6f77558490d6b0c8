// Labels of the quality module's request fields (only names not already in field-labels.ts).
export const QUALITY_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
