// The contests' scheduled jobs: the live boards every minute (`patron batch contests-refresh`), and the
// month's promotion and demotion list on the 1st at 06:30 (`patron batch promotion-reviews`).
import type { Job } from '../../platform/jobs';
import { REFRESH_JOB, refreshLiveContests } from './contests-board.service';
import { currentMonth, generateReviews, PROMOTION_JOB } from './promotion.service';

export const contestsJobs: Job[] = [
  { name: REFRESH_JOB, schedule: '0 * * * * *', leaseMinutes: 5, run: (ctx) => refreshLiveContests(ctx) },
  { name: PROMOTION_JOB, schedule: '0 30 6 1 * *', leaseMinutes: 60, run: (ctx) => generateReviews(ctx.db, currentMonth()) },
];
