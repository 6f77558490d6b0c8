// The nightly tier evaluation (`patron batch tiers` runs it now).
import type { Job } from '../../platform/jobs';
import { nightlyEvaluation } from './tiers.service';

export const tierJobs: Job[] = [{ name: 'tiers', schedule: '0 0 2 * * *', leaseMinutes: 60, run: (ctx, o) => nightlyEvaluation(ctx, o) }];
