// The lobby's figures: service-level attainment, staffing advice by Erlang C, and the daily
// statistics for the wealth-centre head (the source's list), frozen when the day is closed.
import {
  DAILY_REPORT_NOTIFICATION, GUIDANCE_KIND_LABELS, type DailyReportNotice, type AmendDayBody, type AttainmentQuery, type AttainmentReport, type AttainmentRow, type DailyStats, type GuidanceKind, type StaffingAdvice,
} from '../../../contracts/lobby';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { NotificationInput } from '../../platform/notifications';
import { badRequest, conflict } from '../../platform/errors';
import * as repo from './lobby.repository';
import * as stats from './lobby-stats.repository';
import { requireOutlet, shanghaiDay } from './lobby.common';
import { countersNeeded } from './lobby.erlang';
import { slaFor } from './lobby.queue-order';

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday. */
const weekdayOf = (day: string): number => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

// ---- attainment -------------------------------------------------------------------------------------

const row = (r: stats.AttainmentRowDb): AttainmentRow => ({
  key: r.key, labelZh: r.labelZh, labelEn: r.labelEn, tickets: r.tickets, withinSla: r.withinSla,
  attainment: r.tickets > 0 ? Math.round((r.withinSla / r.tickets) * 1000) / 1000 : null,
  meanWaitMinutes: r.meanWait === null ? null : Math.round(r.meanWait * 10) / 10,
  p90WaitMinutes: r.p90Wait === null ? null : Math.round(r.p90Wait * 10) / 10,
});

export async function attainmentReport(ctx: AppContext, p: Principal, branchId: number, q: AttainmentQuery): Promise<AttainmentReport> {
  const o = await requireOutlet(ctx.db, p, 'lobby.stats', branchId);
  const to = q.to ?? shanghaiDay();
  const from = q.from ?? addDays(to, -27);
  if (from > to) throw badRequest('DATE_RANGE', '开始日期不能晚于结束日期', 'The start date must not be after the end date');
  if (Date.parse(to) - Date.parse(from) > 366 * DAY_MS) throw badRequest('DATE_RANGE', '查询区间不能超过一年', 'The range may cover one year at most');
  const [rows, total] = await Promise.all([stats.attainment(ctx.db, o.branchId, from, to, q.groupBy), stats.attainmentTotal(ctx.db, o.branchId, from, to)]);
  return { branchId: o.branchId, from, to, groupBy: q.groupBy, rows: rows.map(row), total: row(total) };
}

// ---- staffing advice -----------------------------------------------------------------------------------

const HISTORY_WEEKS = 8;
const SLOT_MINUTES = 30;

const slotLabel = (slot: number) => `${String(Math.floor((slot * SLOT_MINUTES) / 60)).padStart(2, '0')}:${String((slot * SLOT_MINUTES) % 60).padStart(2, '0')}`;
const slotOf = (hhmm: string) => Math.floor((Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) / SLOT_MINUTES);

/**
 * Counters needed per zone, weekday and 30-minute slot of the coming week: the mean arrivals of the
 * same weekday and slot over the last 8 weeks, the zone's measured mean service time, and Erlang C
 * against the zone's service level (the VIP room: the VIP level; others: the level for everyone).
 */
export async function staffingAdvice(ctx: AppContext, p: Principal, branchId: number, weekStart: string | undefined): Promise<StaffingAdvice> {
  const o = await requireOutlet(ctx.db, p, 'lobby.stats', branchId);
  const today = shanghaiDay();
  const start = weekStart ?? addDays(today, (7 - weekdayOf(today)) % 7 || 7);
  const historyTo = today;
  const historyFrom = addDays(today, -7 * HISTORY_WEEKS);
  const [zones, levels, businesses, history, service] = await Promise.all([
    repo.listZones(ctx.db, o.branchId), repo.listServiceLevels(ctx.db), repo.listBusinessTypes(ctx.db),
    stats.arrivalHistory(ctx.db, o.branchId, historyFrom, historyTo), stats.serviceMinutesByZone(ctx.db, o.branchId, historyFrom, historyTo),
  ]);
  const first = slotOf(o.opensAt);
  const last = Math.max(first + 1, slotOf(o.closesAt));
  const slots = Array.from({ length: last - first }, (_, i) => first + i);
  const out = zones.filter((z) => z.kind !== 'self_service' && z.active).map((z) => {
    const own = businesses.filter((b) => b.defaultZone === z.kind);
    const h = service.get(z.id) ?? (own.length > 0 ? own.reduce((s, b) => s + b.serviceMinutes, 0) / own.length : 6);
    const level = (z.kind === 'vip' ? levels[levels.length - 1] : levels.find((l) => l.minTierRank === 0)) ?? { maxWaitMinutes: slaFor(0, levels), targetShare: 0.8 };
    const cells = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (const slot of slots) {
        const n = history.find((x) => x.zoneId === z.id && x.weekday === weekday && x.slot === slot)?.arrivals ?? 0;
        const perSlot = n / HISTORY_WEEKS;
        const load = (perSlot / SLOT_MINUTES) * h;
        const need = countersNeeded(load, h, level.maxWaitMinutes, level.targetShare);
        cells.push({
          weekday, slot: slotLabel(slot), arrivalsPerSlot: Math.round(perSlot * 100) / 100, offeredLoad: Math.round(load * 1000) / 1000,
          counters: need.counters, serviceLevel: Math.round(need.serviceLevel * 1000) / 1000, probabilityWait: Math.round(need.probabilityWait * 1000) / 1000,
        });
      }
    }
    return {
      zoneCode: z.code, zoneKind: z.kind, nameZh: z.nameZh, nameEn: z.nameEn, meanServiceMinutes: Math.round(h * 10) / 10,
      targetWaitMinutes: level.maxWaitMinutes, targetShare: level.targetShare, cells,
    };
  });
  return { branchId: o.branchId, weekStart: start, historyFrom, historyTo, slots: slots.map(slotLabel), zones: out };
}

// ---- daily statistics -------------------------------------------------------------------------------

function relabel(f: stats.DayFigures): stats.DayFigures {
  return {
    ...f,
    guidanceByKind: f.guidanceByKind.map((g) => {
      const l = GUIDANCE_KIND_LABELS[g.key as GuidanceKind];
      return l ? { ...g, labelZh: l.zh, labelEn: l.en } : g;
    }),
  };
}

const pctText = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const minText = (x: number | null) => (x === null ? '—' : String(x));

/** The inbox message of a closed day: the source's list first, then the queue's figures. */
export function dailyReport(o: { branchId: number; branchCode: string; branchName: string }, date: string, f: stats.DayFigures): NotificationInput {
  const pi = f.premiumIdentified;
  const data: DailyReportNotice = {
    branchId: o.branchId, branchCode: o.branchCode, branchName: o.branchName, date,
    premiumReceived: f.rms.reduce((s, r) => s + r.premiumReceived, 0),
    premiumIdentified: { lobbyManager: pi.lobbyManager, cashTellers: pi.cashTellers, noncashTellers: pi.noncashTellers },
    complaintsReceived: f.complaintsReceived, tickets: f.tickets, served: f.served, noShows: f.noShows,
    meanWaitMinutes: f.meanWaitMinutes, p90WaitMinutes: f.p90WaitMinutes, slaAttainment: f.slaAttainment, selfServiceGuidance: f.selfServiceGuidance,
  };
  return {
    kind: DAILY_REPORT_NOTIFICATION,
    title: `大堂日报：${o.branchName} ${date}`,
    body: `客户经理接待优质客户 ${data.premiumReceived} 人；识别优质客户：大堂经理 ${pi.lobbyManager}、现金柜员 ${pi.cashTellers}、非现金柜员 ${pi.noncashTellers}；`
      + `受理投诉 ${f.complaintsReceived} 件。取号 ${f.tickets}，办结 ${f.served}，过号 ${f.noShows}；平均等候 ${minText(f.meanWaitMinutes)} 分钟，`
      + `P90 ${minText(f.p90WaitMinutes)} 分钟，服务时限达标率 ${pctText(f.slaAttainment)}；自助引导 ${f.selfServiceGuidance} 人次。`,
    link: `/lobby/stats?branch=${o.branchId}&date=${date}`,
    data,
  };
}

export async function dailyStats(ctx: AppContext, p: Principal, branchId: number, date: string | undefined): Promise<DailyStats> {
  const o = await requireOutlet(ctx.db, p, 'lobby.stats', branchId);
  const day = date ?? shanghaiDay();
  const closed = await stats.getClosedDay(ctx.db, o.branchId, day);
  const figures = closed ? closed.figures : relabel(await stats.dayFigures(ctx.db, o.branchId, day, (await repo.getSettings(ctx.db)).vipMinTierRank));
  return {
    branchId: o.branchId, branchCode: o.branchCode, branchName: o.branchName, date: day,
    closedAt: closed?.closedAt.toISOString() ?? null, closedByName: closed?.closedByName ?? null, amendments: closed?.amendments ?? [], sentTo: closed?.sentTo ?? [],
    ...figures,
  };
}

export async function closeDay(ctx: AppContext, actor: Actor, p: Principal, branchId: number, date: string): Promise<DailyStats> {
  const o = await requireOutlet(ctx.db, p, 'lobby.stats.close', branchId);
  if (date > shanghaiDay()) throw badRequest('FUTURE_DAY', '不能关闭未来的营业日', 'A future business day cannot be closed');
  await ctx.db.transaction().execute(async (trx) => {
    const figures = relabel(await stats.dayFigures(trx, o.branchId, date, (await repo.getSettings(trx)).vipMinTierRank));
    if (!(await stats.closeDay(trx, o.branchId, date, figures, p.staffId))) throw conflict('DAY_CLOSED', '该营业日已关账，如需更正请提交更正', 'The day is already closed: submit an amendment to correct it');
    // The source's daily statistics go to the head of the wealth centre: in their inbox, with the figures.
    const heads = await stats.wealthCentreHeads(trx, o.branchId);
    const report = dailyReport(o, date, figures);
    for (const h of heads) await ctx.notifier.toStaff(trx, h.staffId, report);
    await stats.setReportRecipients(trx, o.branchId, date, heads);
    await audit(trx, actor, { action: 'lobby.day.close', entityType: 'lobby_day', entityId: `${o.branchId}:${date}`, branchId: o.branchId, detail: { tickets: figures.tickets, sentTo: heads.map((h) => h.staffId) } });
  });
  return dailyStats(ctx, p, o.branchId, date);
}

/** A late correction of a closed day: one figure, with the reason, audited and listed with the day. */
export async function amendDay(ctx: AppContext, actor: Actor, p: Principal, branchId: number, body: AmendDayBody): Promise<DailyStats> {
  const o = await requireOutlet(ctx.db, p, 'lobby.stats.close', branchId);
  await ctx.db.transaction().execute(async (trx) => {
    const closed = await stats.getClosedDay(trx, o.branchId, body.date, true);
    if (!closed) throw conflict('DAY_OPEN', '该营业日尚未关账，数据会自动更新，无需更正', 'The day is still open: its figures update by themselves');
    const f = { ...closed.figures, premiumIdentified: { ...closed.figures.premiumIdentified } };
    let from: number;
    if (body.field.startsWith('premiumIdentified.')) {
      const k = body.field.slice('premiumIdentified.'.length) as keyof stats.DayFigures['premiumIdentified'];
      from = f.premiumIdentified[k];
      f.premiumIdentified[k] = body.value;
    } else {
      const k = body.field as 'complaintsReceived' | 'selfServiceGuidance' | 'incidents';
      from = f[k];
      f[k] = body.value;
    }
    const amendment = { at: new Date().toISOString(), byName: p.name, reason: body.reason, field: body.field, from: String(from), to: String(body.value) };
    await stats.saveAmendment(trx, o.branchId, body.date, f, amendment);
    await audit(trx, actor, { action: 'lobby.day.amend', entityType: 'lobby_day', entityId: `${o.branchId}:${body.date}`, branchId: o.branchId, reason: body.reason, detail: amendment });
  });
  return dailyStats(ctx, p, o.branchId, body.date);
}

export async function exportDailyXlsx(ctx: AppContext, actor: Actor, p: Principal, branchId: number, date: string | undefined): Promise<{ buffer: Buffer; name: string }> {
  const s = await dailyStats(ctx, p, branchId, date);
  // exceljs costs ~0.4 s to load: only when someone exports.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('大堂日报 Daily');
  sum.columns = [{ header: '项目 Item', key: 'k', width: 36 }, { header: '数值 Value', key: 'v', width: 16 }];
  const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 1000) / 10}%`);
  const lines: [string, string | number][] = [
    ['网点 Outlet', `${s.branchCode} ${s.branchName}`], ['日期 Date', s.date], ['关账 Closed', s.closedAt ?? '未关账 open'],
    ['取号 Tickets', s.tickets], ['办结 Served', s.served], ['过号 No-shows', s.noShows], ['取消 Cancelled', s.cancelled], ['贵宾到店 VIP arrivals', s.vipArrivals],
    ['平均等候(分) Mean wait (min)', s.meanWaitMinutes ?? ''], ['P90等候(分) P90 wait (min)', s.p90WaitMinutes ?? ''], ['平均办理(分) Mean service (min)', s.meanServiceMinutes ?? ''],
    ['服务时限达标率 SLA attainment', pct(s.slaAttainment)], ['自助引导 Self-service guidance', s.selfServiceGuidance],
    ['大堂经理识别优质客户 Identified by lobby manager', s.premiumIdentified.lobbyManager], ['现金柜员识别 Identified by cash tellers', s.premiumIdentified.cashTellers],
    ['非现金柜员识别 Identified by non-cash tellers', s.premiumIdentified.noncashTellers], ['受理投诉 Complaints received', s.complaintsReceived], ['突发事件 Incidents', s.incidents],
  ];
  for (const [k, v] of lines) sum.addRow({ k, v });
  const rms = wb.addWorksheet('客户经理 RMs');
  rms.columns = [
    { header: '工号 Staff no', key: 'staffNo', width: 12 }, { header: '姓名 Name', key: 'name', width: 12 },
    { header: '接待优质客户 Premium received', key: 'premiumReceived', width: 18 }, { header: '大堂经理识别 By lobby manager', key: 'identifiedByLobbyManager', width: 18 },
    { header: '现金柜员识别 By cash tellers', key: 'identifiedByCashTellers', width: 18 }, { header: '非现金柜员识别 By non-cash tellers', key: 'identifiedByNoncashTellers', width: 20 },
    { header: '受理投诉 Complaints', key: 'complaintsReceived', width: 14 },
  ];
  for (const r of s.rms) rms.addRow(r);
  const zones = wb.addWorksheet('分区与业务 Zones');
  zones.columns = [{ header: '类别 Kind', key: 'kind', width: 14 }, { header: '名称 Name', key: 'name', width: 28 }, { header: '笔数 Count', key: 'count', width: 10 }, { header: '平均办理(分) Mean min', key: 'mean', width: 16 }];
  for (const z of s.ticketsByZone) zones.addRow({ kind: '区域 zone', name: `${z.labelZh} ${z.labelEn}`, count: z.count });
  for (const b of s.serviceByBusiness) zones.addRow({ kind: '业务 business', name: `${b.labelZh} ${b.labelEn}`, count: b.count, mean: b.meanMinutes ?? '' });
  for (const g of s.guidanceByKind) zones.addRow({ kind: '引导 guidance', name: `${g.labelZh} ${g.labelEn}`, count: g.count });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await audit(ctx.db, actor, { action: 'lobby.day.export', entityType: 'lobby_day', entityId: `${s.branchId}:${s.date}`, branchId: s.branchId });
  return { buffer, name: `lobby-${s.branchCode}-${s.date}.xlsx` };
}
