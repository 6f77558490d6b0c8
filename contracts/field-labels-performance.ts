// Labels of the performance request fields (only names not already in field-labels.ts).
export const PERFORMANCE_FIELD_LABELS: Record<string, { zh: string; en: string }> = {};
