// Complaint reports (volumes, handling time, on-time and reopen rates, repeated root causes), the
// monthly regulatory summary as xlsx (audited), and the reminder/escalation job.
import { PassThrough } from 'node:stream';
import { maskName } from '../../../contracts/personal-data';
import type { ComplaintReport, ComplaintReportQuery } from '../../../contracts/quality';
import { requireScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as repo from './complaints-report.repository';
import { staffWithRoleAt } from './complaints.repository';
import { addDays } from './complaints.rules';
import { complaintNo } from './complaints.service';
import { CATEGORY_ZH, CHANNEL_ZH, COMPLAINANT_ZH, LINE_ZH, ROOT_CAUSE_ZH, STATUS_ZH } from './quality.labels';
import { shanghaiToday } from './quality.common';

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export async function complaintReport(ctx: AppContext, p: Principal, q: ComplaintReportQuery): Promise<ComplaintReport> {
  const scope = requireScope(p, 'complaints.report');
  const today = shanghaiToday();
  const from = q.from ?? `${addDays(today, -365).slice(0, 7)}-01`;
  const to = q.to ?? today;
  if (from > to) throw badRequest('BAD_RANGE', '开始日期不能晚于结束日期', 'The start date must not be after the end date', [{ path: 'from', zh: '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' }]);
  const f = { scope, from, to, branchId: q.branchId };
  const [v, h, causes] = await Promise.all([repo.volumes(ctx.db, f), repo.handling(ctx.db, f, today), repo.repeatedCauses(ctx.db, f, today)]);
  return {
    from, to, total: h.total, ...v, decided: h.decided, meanDays: round1(h.meanDays), p90Days: round1(h.p90Days),
    onTimeRate: ratio(h.onTime, h.decided), reopenRate: ratio(h.reopened, h.everDecided), overdueOpen: h.overdueOpen,
    repeatedCauses: causes as ComplaintReport['repeatedCauses'],
  };
}

function lastDayOf(month: string): string {
  return addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
}

export async function regulatoryExport(ctx: AppContext, actor: Actor, p: Principal, month: string): Promise<{ buffer: Buffer; fileName: string; rows: number }> {
  const scope = requireScope(p, 'complaints.report');
  const today = shanghaiToday();
  const f = { scope, from: `${month}-01`, to: lastDayOf(month) };
  const [rows, h, amount] = await Promise.all([repo.regulatoryRows(ctx.db, f), repo.handling(ctx.db, f, today), repo.amountInDispute(ctx.db, f)]);
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sum = wb.addWorksheet('汇总 Summary');
  sum.columns = [{ header: '项目 Item', key: 'item', width: 36 }, { header: '数值 Value', key: 'value', width: 18 }];
  sum.getRow(1).font = { bold: true };
  const line = (item: string, value: string | number) => sum.addRow({ item, value }).commit();
  line('报送月份 Month', month);
  line('受理投诉 Complaints accepted', h.total);
  line('已告知处理决定 Decisions told', h.decided);
  line('按时告知率 On-time rate', h.decided ? `${((h.onTime / h.decided) * 100).toFixed(1)}%` : '-');
  line('平均处理天数 Mean days', h.meanDays === null ? '-' : h.meanDays.toFixed(1));
  line('90分位处理天数 P90 days', h.p90Days === null ? '-' : h.p90Days.toFixed(1));
  line('超期未决 Overdue, undecided', h.overdueOpen);
  line('争议金额合计（元） Amount in dispute (yuan)', amount);
  const byCat = new Map<string, number>();
  for (const r of rows) byCat.set(r.category, (byCat.get(r.category) ?? 0) + 1);
  for (const [k, n] of byCat) line(`类别：${CATEGORY_ZH[k] ?? k}`, n);
  sum.commit();
  const list = wb.addWorksheet('明细 Complaints');
  list.columns = [
    { header: '投诉编号 No.', key: 'no', width: 22 }, { header: '受理日期 Accepted', key: 'acceptedOn', width: 12 }, { header: '机构 Branch', key: 'branch', width: 20 },
    { header: '渠道 Channel', key: 'channel', width: 10 }, { header: '投诉人 Complainant', key: 'who', width: 10 }, { header: '身份 Type', key: 'type', width: 8 },
    { header: '类别 Category', key: 'category', width: 14 }, { header: '业务 Line', key: 'line', width: 12 }, { header: '争议金额 Amount', key: 'amount', width: 14 },
    { header: '状态 Status', key: 'status', width: 10 }, { header: '期限 Due', key: 'dueOn', width: 12 }, { header: '告知日期 Told on', key: 'decidedOn', width: 12 },
    { header: '延期 Ext.', key: 'ext', width: 6 }, { header: '复议 Reopened', key: 'reopened', width: 8 }, { header: '根源 Root cause', key: 'cause', width: 14 },
  ];
  list.getRow(1).font = { bold: true };
  for (const r of rows) {
    const who = r.customerFullName ?? r.contactName;
    list.addRow({
      no: complaintNo(r.id, r.acceptedOn), acceptedOn: r.acceptedOn, branch: r.branchName, channel: CHANNEL_ZH[r.channel] ?? r.channel,
      who: who ? maskName(who) : '', type: COMPLAINANT_ZH[r.complainantType] ?? r.complainantType, category: CATEGORY_ZH[r.category] ?? r.category,
      line: LINE_ZH[r.businessLine] ?? r.businessLine, amount: r.amountInDispute ?? '', status: STATUS_ZH[r.status] ?? r.status, dueOn: r.dueOn,
      decidedOn: r.decidedOn ?? '', ext: r.extensionLevel, reopened: r.reopenedCount, cause: r.rootCause ? (ROOT_CAUSE_ZH[r.rootCause] ?? r.rootCause) : '',
    }).commit();
  }
  list.commit();
  await wb.commit();
  await done;
  await audit(ctx.db, actor, { action: 'complaint.regulatory_export', entityType: 'complaint', detail: { month, rows: rows.length } });
  return { buffer: Buffer.concat(chunks), fileName: `complaints-${month}.xlsx`, rows: rows.length };
}

// ---- reminders and escalation -----------------------------------------------------------------

const MILESTONE_TEXT = {
  '50': { zh: '处理时限已过半', en: 'half of the time has passed' },
  '80': { zh: '处理时限已过80%', en: '80% of the time has passed' },
  overdue: { zh: '已超过处理期限，升级至网点负责人', en: 'overdue: escalated to the branch head' },
} as const;

/**
 * Sends each reminder once: the due ones are recorded and returned by one INSERT … ON CONFLICT DO
 * NOTHING in the same transaction as the notifications, so a rerun or a second instance sends none
 * twice. 50% and 80% go to the handler (the branch head while unassigned); overdue goes to the
 * branch head and the handler.
 */
export async function sendComplaintReminders(ctx: AppContext, today: string = shanghaiToday()): Promise<{ reminders: number; escalations: number; notified: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await repo.insertDueReminders(trx, today);
    const heads = await staffWithRoleAt(trx, [...new Set(due.map((d) => d.branchId))], 'branch_head');
    let notified = 0;
    for (const d of due) {
      const no = complaintNo(d.complaintId, d.acceptedOn);
      const t = MILESTONE_TEXT[d.milestone];
      const branchHeads = heads.filter((h) => h.branchId === d.branchId).map((h) => h.staffId);
      const to = new Set<number>(d.milestone === 'overdue' ? [...branchHeads, ...(d.handlerStaffId ? [d.handlerStaffId] : [])] : d.handlerStaffId ? [d.handlerStaffId] : branchHeads);
      for (const staffId of to) {
        await ctx.notifier.toStaff(trx, staffId, {
          kind: d.milestone === 'overdue' ? 'complaint.overdue' : 'complaint.reminder', title: `投诉 ${no}：${t.zh}`, body: `处理期限 ${d.dueOn}`,
          link: `/quality/complaints/${d.complaintId}`, data: { complaintId: d.complaintId, milestone: d.milestone, dueOn: d.dueOn, en: t.en },
        });
        notified++;
      }
    }
    return { reminders: due.filter((d) => d.milestone !== 'overdue').length, escalations: due.filter((d) => d.milestone === 'overdue').length, notified };
  });
}
