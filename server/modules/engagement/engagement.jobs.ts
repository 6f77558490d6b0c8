// The engagement module's scheduled jobs (`patron batch engagement-tasks` runs one now).
import type { Job } from '../../platform/jobs';
import { dailyTaskGeneration, PLAN_JOB } from './engagement-plans.service';

export const engagementJobs: Job[] = [{ name: PLAN_JOB, schedule: '0 30 5 * * *', leaseMinutes: 60, run: (ctx, o) => dailyTaskGeneration(ctx, o) }];
