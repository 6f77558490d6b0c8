// The quality module's request and response schemas.
export {};
