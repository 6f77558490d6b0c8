// Survey scheduled work: post-service invitations every quarter hour (a sampled share of finished
// lobby tickets and RM meetings, never a customer twice in 30 days), and each programme's wave when
// it falls due (bank-wide and branch samples once a year, business lines once a month). Both are
// idempotent: a source or a wave is invited once, however often the job runs.
import type { AppContext } from '../../platform/context';
import type { Job } from '../../platform/jobs';
import { systemActor } from '../../platform/audit';
import { draw, invitePostService, listProgrammes } from './surveys.service';

/** The wave a programme is due for on a Shanghai day: 'YYYY' yearly, 'YYYY-MM' monthly, none otherwise. */
export function dueWave(kind: string, day: string): string | null {
  if (kind === 'bank' || kind === 'branch') return day.slice(0, 4);
  if (kind === 'business_line') return day.slice(0, 7);
  return null;
}

export async function drawDueWaves(ctx: AppContext, day: string): Promise<Record<string, number>> {
  let invited = 0;
  let programmes = 0;
  for (const p of await listProgrammes(ctx)) {
    const wave = p.active ? dueWave(p.kind, day) : null;
    if (!wave) continue;
    const r = await draw(ctx, systemActor('survey-waves'), p.id, wave);
    invited += r.invited;
    programmes++;
  }
  return { programmes, invited };
}

const shanghaiDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export const surveysJobs: Job[] = [
  { name: 'survey-post-service', schedule: '0 */15 * * * *', leaseMinutes: 10, run: async (ctx) => ({ invited: await invitePostService(ctx) }) },
  { name: 'survey-waves', schedule: '0 40 2 * * *', leaseMinutes: 60, run: (ctx) => drawDueWaves(ctx, shanghaiDay()) },
];
