// Labels of the request fields of the quality module (satisfaction surveys), only names not already in field-labels.ts.
export const SURVEYS_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
