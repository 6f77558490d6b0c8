// Contracts of the privileges module (zod schemas shared by server and web).
export {};
