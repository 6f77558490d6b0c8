// Contracts of the customers module (zod schemas shared by server and web).
export {};
