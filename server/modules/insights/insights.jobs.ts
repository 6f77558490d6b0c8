// The insights module's scheduled jobs.
import type { Job } from '../../platform/jobs';

export const insightsJobs: Job[] = [];
