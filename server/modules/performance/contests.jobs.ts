// The contests scheduled jobs (to be filled in).
import type { Job } from '../../platform/jobs';

export const contestsJobs: Job[] = [];
