// Kysely table types of the quality module (merged into Database in db-types.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the module's migrations add tables
export type QualityTables = {};
