// Kysely table types of the engagement module (referrals, prospects, campaigns, care events, market research) (merged into Database in db-types.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the migrations add tables
export type GrowthTables = {};
