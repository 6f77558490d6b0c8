// The products module's scheduled jobs.
import type { Job } from '../../platform/jobs';

export const productsJobs: Job[] = [];
