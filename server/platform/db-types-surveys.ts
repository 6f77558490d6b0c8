// Kysely table types of the quality module (satisfaction surveys) (merged into Database in db-types.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the migrations add tables
export type SurveysTables = {};
