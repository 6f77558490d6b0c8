export const zhCN = {} as Record<string, unknown>;
