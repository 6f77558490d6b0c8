// Contracts of the tiers module (zod schemas shared by server and web).
export {};
