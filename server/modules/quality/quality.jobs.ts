// The quality module's scheduled jobs: complaint reminders at 50% and 80% of the time and the
// escalation of overdue complaints to the branch head (complaints-report.service.ts), each once.
import type { Job } from '../../platform/jobs';
import { sendComplaintReminders } from './complaints-report.service';

// Hourly at minute 5, from 08:05 to 20:05 Shanghai time: reminders arrive during working hours,
// and a day's milestone is at most an hour late.
export const qualityJobs: Job[] = [
  { name: 'complaint-reminders', schedule: '0 5 8-20 * * *', leaseMinutes: 30, run: (ctx) => sendComplaintReminders(ctx) },
];
