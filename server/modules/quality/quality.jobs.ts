// The quality module's scheduled jobs.
import type { Job } from '../../platform/jobs';

export const qualityJobs: Job[] = [];
