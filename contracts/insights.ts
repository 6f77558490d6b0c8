// The insights module's request and response schemas.
export {};
