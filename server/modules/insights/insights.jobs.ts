// The nightly re-scoring of every customer (`patron batch insights` runs it now); on a new
// installation without models it trains them first.
import type { Job } from '../../platform/jobs';
import { nightlyScoring } from './insights.service';

export const insightsJobs: Job[] = [{ name: 'insights', schedule: '0 30 3 * * *', leaseMinutes: 180, run: (ctx, o) => nightlyScoring(ctx, o) }];
