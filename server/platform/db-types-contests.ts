// Kysely table types of the contests tables (merged into Database in db-types.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ContestsTables = {};
