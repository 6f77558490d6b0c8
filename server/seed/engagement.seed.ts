// Demo data of the engagement module: a year of contacts, the contact plans' tasks of the past
// months (mostly done, some cancelled, some overdue) and of today, and handovers waiting to be
// accepted. Set-based SQL throughout, so the 20,000-customer bank takes a second or two.
import type { Trx } from '../platform/db';
import { customerIdBounds, generateRange, listRules } from '../modules/engagement/engagement-plans.repository';
import { seedActivities, seedHandovers, settleTasks, taskCount } from '../modules/engagement/engagement-seed.repository';
import { addDays } from '../modules/engagement/engagement.contact-plan';

export type EngagementSeedCounts = Record<string, number>;

/** Days on which the daily job "ran" in the past: once a month over the year. */
const PAST_RUNS = Array.from({ length: 12 }, (_, i) => -30 * (12 - i));

export async function seedEngagement(trx: Trx, opts: { seed: number; today: string }): Promise<EngagementSeedCounts> {
  const activities = await seedActivities(trx, opts.seed, opts.today);
  const rules = (await listRules(trx)).filter((r) => r.active);
  const bounds = await customerIdBounds(trx);
  if (bounds) {
    for (const offset of [...PAST_RUNS, 0]) {
      for (const rule of rules) await generateRange(trx, rule, addDays(opts.today, offset), bounds.min, bounds.max + 1);
    }
  }
  await settleTasks(trx, opts.today);
  const handovers = await seedHandovers(trx);
  return { engagementActivities: activities, engagementTasks: await taskCount(trx), handoversPending: handovers.pending, handoversAccepted: handovers.decided };
}
