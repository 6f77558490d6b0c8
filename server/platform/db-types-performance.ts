// Kysely table types of the performance tables (merged into Database in db-types.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type PerformanceTables = {};
