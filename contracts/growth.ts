// Request and response schemas of the engagement module (referrals, prospects, campaigns, care events, market research).
export {};
