// Where the seeded template database of a test run lives (built by global-setup.ts).
export type TestTemplate = { kind: 'pglite'; file: string } | { kind: 'postgres'; serverUrl: string; template: string };
export const TEMPLATE_DB = 'patron_template';
