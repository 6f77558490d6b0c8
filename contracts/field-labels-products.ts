// Labels of the products module's request fields (only names not already in field-labels.ts).
export const PRODUCTS_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
};
