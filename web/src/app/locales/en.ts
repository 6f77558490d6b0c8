export const en = {} as Record<string, unknown>;
