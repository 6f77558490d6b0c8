// Labels of the contests request fields (only names not already in field-labels.ts).
export const CONTESTS_FIELD_LABELS: Record<string, { zh: string; en: string }> = {};
