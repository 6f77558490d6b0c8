// The organisation's scheduled work: certificate expiry reminders to the holder and their heads.
import type { Job } from '../../platform/jobs';
import type { AppContext } from '../../platform/context';
import * as repo from './org.repository';

export const CERTIFICATE_MILESTONES = [60, 30, 7];

export async function sendCertificateReminders(ctx: AppContext): Promise<{ reminders: number; notifications: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await repo.takeDueCertificateReminders(trx, CERTIFICATE_MILESTONES);
    const holders = await repo.userIdsOfStaffIds(trx, [...new Set(due.map((d) => d.staffId))]);
    const leaders = await repo.branchLeaderUsers(trx, [...new Set(due.map((d) => d.branchId))]);
    let sent = 0;
    for (const d of due) {
      const recipients = new Set<number>();
      const holder = holders.get(d.staffId);
      if (holder !== undefined) recipients.add(holder);
      for (const l of leaders) if (l.branchId === d.branchId) recipients.add(l.userId);
      for (const userId of recipients) {
        await ctx.notifier.toUser(trx, userId, {
          kind: 'certificate_expiry',
          title: `证书将于${d.daysAhead}天内到期 Certificate expires within ${d.daysAhead} days`,
          body: `${d.staffName}：${d.typeNameZh}（${d.number}）将于 ${d.expiresOn} 到期，请及时续期。 ${d.typeNameEn} ${d.number} expires on ${d.expiresOn}.`,
          link: `/org/staff/${d.staffId}`,
          data: { certificateId: d.certificateId, daysAhead: d.daysAhead },
        });
        sent++;
      }
    }
    return { reminders: due.length, notifications: sent };
  });
}

export const orgJobs: Job[] = [{ name: 'certificate-reminders', schedule: '0 30 7 * * *', run: (ctx) => sendCertificateReminders(ctx) }];
