import type { Job } from './jobs';
import { purgeSessions } from './auth.repository';

/** Ended sessions stay 90 days for the record, then go. */
export const platformJobs: Job[] = [
  { name: 'purge-sessions', schedule: '0 15 3 * * *', run: async (ctx) => ({ purged: await purgeSessions(ctx.db, 90) }) },
];
