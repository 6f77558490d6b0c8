// Service-level alerts (服务时限预警), pushed rather than only computed: once a minute, every waiting
// ticket that passed 80% of its level (and later 100%) raises one alert per level: an inbox
// notification to each of the outlet's lobby managers and a `ticket.sla` event on the outlet's
// stream. The level reached is recorded on the ticket in the same transaction, so a rerun, a
// second instance or a crash halfway never sends an alert twice.
import { SLA_NOTIFICATION, SLA_WARN_SHARE, type SlaAlert } from '../../../contracts/lobby';
import type { AppContext } from '../../platform/context';
import { emit } from './lobby.common';
import { slaAlertDue } from './lobby.queue-order';
import { copySlaAlerted, markSlaAlerted, slaCandidates, staffWithRoleAt } from './lobby-sla.repository';

export { copySlaAlerted };

export async function sendSlaAlerts(ctx: AppContext): Promise<{ warned: number; breached: number; notified: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = (await slaCandidates(trx, SLA_WARN_SHARE))
      .map((c) => ({ c, level: slaAlertDue(c.waitedMinutes, c.slaMinutes, c.slaAlerted, SLA_WARN_SHARE) }))
      .filter((d): d is { c: (typeof d)['c']; level: 80 | 100 } => d.level !== null);
    const marked = await markSlaAlerted(trx, due.map((d) => ({ id: d.c.id, level: d.level })));
    const sent = due.filter((d) => marked.has(Number(d.c.id)));
    const managers = await staffWithRoleAt(trx, [...new Set(sent.map((d) => d.c.branchId))], 'lobby_manager');
    let notified = 0;
    for (const { c, level } of sent) {
      const alert: SlaAlert = {
        ticketId: Number(c.id), number: c.number, zoneCode: c.zoneCode, zoneNameZh: c.zoneNameZh, zoneNameEn: c.zoneNameEn, level,
        waitedMinutes: Math.round(c.waitedMinutes * 10) / 10, slaMinutes: c.slaMinutes, priority: c.priority,
      };
      const title = level === 100 ? `${c.number} 号已超服务时限` : `${c.number} 号即将超服务时限`;
      const body = `${c.zoneNameZh}：已等候 ${Math.floor(c.waitedMinutes)} 分钟，服务时限 ${c.slaMinutes} 分钟${c.priority ? '（优先客户）' : ''}`;
      for (const m of managers) {
        if (m.branchId !== c.branchId) continue;
        await ctx.notifier.toStaff(trx, m.staffId, { kind: SLA_NOTIFICATION, title, body, link: `/lobby/console?branch=${c.branchId}`, data: alert });
        notified++;
      }
      await emit(ctx, trx, c.branchId, 'ticket.sla', { alert });
    }
    return { warned: sent.filter((d) => d.level === 80).length, breached: sent.filter((d) => d.level === 100).length, notified };
  });
}
