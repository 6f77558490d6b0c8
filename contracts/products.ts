// The products module's request and response schemas.
export {};
