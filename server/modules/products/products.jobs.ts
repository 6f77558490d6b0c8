// The products module's scheduled jobs: the daily allocation-review tasks (`patron batch allocation-reviews`).
import type { Job } from '../../platform/jobs';
import { allocationReviewJob } from './products-allocation.service';

// 03:30 Shanghai: after the nightly balances and tiers, before RMs open their workbench.
export const productsJobs: Job[] = [{ name: 'allocation-reviews', schedule: '0 30 3 * * *', leaseMinutes: 30, run: (ctx, o) => allocationReviewJob(ctx, o) }];
