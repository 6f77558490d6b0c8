// The lobby's scheduled work: every minute, the service-level alerts (lobby-sla.service.ts); nightly,
// close the business day (nothing stays waiting into tomorrow, counters are freed) and drop the
// board's catch-up log beyond a few days.
import type { AppContext } from '../../platform/context';
import type { Job } from '../../platform/jobs';
import { closeBusinessDay, pruneEvents } from './lobby-queue.repository';
import { shanghaiDay } from './lobby.common';
import { sendSlaAlerts } from './lobby-sla.service';

const EVENT_LOG_DAYS = 3;

export async function lobbyDayEnd(ctx: AppContext, today: string = shanghaiDay()): Promise<Record<string, number>> {
  return ctx.db.transaction().execute(async (trx) => {
    const closed = await closeBusinessDay(trx, today);
    const events = await pruneEvents(trx, EVENT_LOG_DAYS);
    return { ...closed, eventsPruned: events };
  });
}

// 02:30 Shanghai: after every outlet has shut, before the next day's first check-in.
// Every minute at second 0: an alert is at most a minute late; the lease keeps it to one instance.
export const lobbyJobs: Job[] = [
  { name: 'lobby-day-end', schedule: '0 30 2 * * *', leaseMinutes: 30, run: (ctx) => lobbyDayEnd(ctx) },
  { name: 'lobby-sla-alerts', schedule: '0 * * * * *', leaseMinutes: 5, run: (ctx) => sendSlaAlerts(ctx) },
];
