// The engagement module's scheduled jobs.
import type { Job } from '../../platform/jobs';

export const engagementJobs: Job[] = [];
