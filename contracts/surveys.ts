// Request and response schemas of the quality module (satisfaction surveys).
export {};
