// Demo lobby: every outlet's zones, counters and devices (the reference set-up), 8 weeks of history
// (Poisson arrivals per 30-minute slot with a mid-morning and a lunch peak, busier mid-month and at
// month-end, quieter at weekends; service times by business type) and today's open queue, so that a
// newcomer sees a live lobby. Generated in memory and written column-wise: seconds, not minutes.
import type { Trx } from '../platform/db';
import { DEFAULT_BUSINESS_TYPES, DEFAULT_SERVICE_LEVELS, seedLobbyOutlets } from '../modules/lobby/lobby.reference';
import { addDays, shanghaiToday } from './dates';
import { createRng, deriveSeed, type Rng } from './random';
import { restoreIndexes, suspendIndexes } from './customers-seed.repository';
import {
  finishToday, insertGuidanceColumns, insertTicketColumns, loadLobbyLayout, type SeedZone, type TicketColumns,
} from './lobby-seed.repository';

export type LobbySeedCounts = { lobbyOutlets: number; lobbyTickets: number; lobbyGuidance: number };

export const LOBBY_HISTORY_WEEKS = 8;
const LOBBY_BULK_TABLES = ['lobby_tickets', 'lobby_guidance'] as const;
const SLOT_MS = 30 * 60_000;
const MIN = 60_000;
/** Relative arrivals per 30-minute slot from 09:00 to 17:00: mid-morning and lunch peaks. */
export const DAILY_SHAPE = [0.6, 0.9, 1.3, 1.5, 1.4, 1.2, 1.3, 1.2, 0.8, 0.8, 0.9, 1.0, 1.0, 0.9, 0.8, 0.6] as const;
/** Mean arrivals per slot at shape 1 by zone kind. */
const ZONE_RATE: Record<string, number> = { cash: 1.5, noncash: 1.35, consulting: 0.55, vip: 0.35 };
const ZONE_BUSINESS: Record<string, readonly (readonly [string, number])[]> = {
  cash: [['cash', 1]],
  noncash: [['account_opening', 0.25], ['transfer', 0.35], ['card_services', 0.3], ['foreign_exchange', 0.1]],
  consulting: [['wealth_products', 0.4], ['loans', 0.25], ['enquiry', 0.35]],
  vip: [['wealth_products', 0.5], ['cash', 0.2], ['transfer', 0.15], ['account_opening', 0.15]],
};
const TIERS: readonly (readonly [string | null, number, number])[] = [[null, 0, 0.8], ['gold', 1, 0.12], ['platinum', 2, 0.06], ['diamond', 3, 0.02]];
const VIP_TIERS: readonly (readonly [string | null, number, number])[] = [['gold', 1, 0.45], ['platinum', 2, 0.35], ['diamond', 3, 0.15], ['private', 4, 0.05]];
const SERVICE = new Map(DEFAULT_BUSINESS_TYPES.map((b) => [b.code, b.serviceMinutes]));
const slaOf = (rank: number) => [...DEFAULT_SERVICE_LEVELS].reverse().find((l) => l.minTierRank <= rank)?.maxWaitMinutes ?? 15;

/** Poisson by inversion (Knuth): fine for the small means of one slot. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}
const exp = (rng: Rng, mean: number) => -Math.log(1 - rng.next()) * mean;

/** Busier on Mondays, mid-month and around month-end; quieter at weekends. */
export function dayFactor(day: string): number {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = d.getUTCDay();
  const dom = d.getUTCDate();
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  let f = dow === 0 ? 0.5 : dow === 6 ? 0.7 : dow === 1 ? 1.15 : 1;
  if (dom >= 10 && dom <= 15) f *= 1.15;
  if (dom > last - 3 || dom <= 2) f *= 1.3;
  return f;
}

const opening = (day: string) => Date.parse(`${day}T09:00:00+08:00`);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Arrival = { zone: SeedZone; at: number; business: string; tierCode: string | null; tierRank: number };

function arrivalsOf(rng: Rng, zones: readonly SeedZone[], day: string, outletFactor: number, untilMs: number): Arrival[] {
  const out: Arrival[] = [];
  const f = dayFactor(day) * outletFactor;
  const start = opening(day);
  DAILY_SHAPE.forEach((shape, slot) => {
    for (const zone of zones) {
      const rate = ZONE_RATE[zone.kind];
      if (!rate) continue;
      const n = poisson(rng, rate * shape * f);
      for (let i = 0; i < n; i++) {
        const at = start + slot * SLOT_MS + Math.floor(rng.next() * SLOT_MS);
        if (at > untilMs) continue;
        const [tierCode, tierRank] = rng.weighted((zone.kind === 'vip' ? VIP_TIERS : TIERS).map(([c, r, w]) => [[c, r] as const, w] as const));
        out.push({ zone, at, business: rng.weighted(ZONE_BUSINESS[zone.kind]!), tierCode, tierRank });
      }
    }
  });
  return out.sort((a, b) => a.at - b.at);
}

function emptyColumns(): TicketColumns {
  return { day: [], branchId: [], number: [], zoneId: [], businessCode: [], status: [], channel: [], tierCode: [], tierRank: [], priority: [], arrivedAt: [], calledAt: [], servingAt: [], finishedAt: [], counterId: [], slaMinutes: [] };
}

export async function seedLobby(trx: Trx, opts: { seed: number; today: string }): Promise<LobbySeedCounts> {
  const lobbyOutlets = await seedLobbyOutlets(trx);
  const rng = createRng(deriveSeed(opts.seed, 'lobby'));
  const layout = await loadLobbyLayout(trx);
  const byBranch = new Map<number, SeedZone[]>();
  for (const z of layout.zones) byBranch.set(z.branchId, [...(byBranch.get(z.branchId) ?? []), z]);
  // Today is generated up to `nowMs`. Outside opening hours the demo still shows a lobby in full
  // swing: a mid-morning is generated and moved (by `shift`) so that it ends now.
  const open0 = opening(opts.today);
  const realNow = Date.now();
  const inHours = opts.today === shanghaiToday() && realNow >= open0 + 120 * MIN && realNow <= open0 + 8 * 60 * MIN;
  const nowMs = inHours ? realNow : open0 + 120 * MIN;
  const shift = opts.today === shanghaiToday() && !inHours ? realNow - nowMs : 0;
  const todayUntil = nowMs;
  let tickets = 0;
  let guidanceRows = 0;
  const numbers: { branchId: number; day: string; prefix: string; last: number }[] = [];
  // Indexes are built once over the loaded rows: many times faster than row by row.
  const indexes = await suspendIndexes(trx, LOBBY_BULK_TABLES);
  const openCounters: { id: number; staffId: number | null }[] = [];

  for (const [branchId, zones] of byBranch) {
    const outletFactor = 0.7 + rng.next() * 0.6;
    const counters = layout.counters.filter((c) => c.branchId === branchId);
    const cols = emptyColumns();
    const guidance = { branchId: [] as number[], day: [] as string[], kind: [] as string[], businessCode: [] as (string | null)[], at: [] as string[] };
    for (let d = LOBBY_HISTORY_WEEKS * 7; d >= 0; d--) {
      const day = addDays(opts.today, -d);
      const isToday = d === 0;
      const arrivals = arrivalsOf(rng, zones, day, outletFactor, isToday ? todayUntil : Number.POSITIVE_INFINITY);
      const seq = new Map<string, number>();
      // Today: the latest few of each zone still wait, the one before each open counter is being served.
      const waitingToday = new Set<Arrival>();
      const servingToday = new Map<Arrival, number>();
      if (isToday) {
        for (const zone of zones) {
          const mine = arrivals.filter((a) => a.zone === zone);
          const zoneCounters = counters.filter((c) => c.zoneId === zone.id);
          const open = zoneCounters.slice(0, Math.max(1, Math.ceil(zoneCounters.length * 0.67)));
          const wait = Math.min(mine.length, zone.kind === 'vip' ? rng.int(0, 2) : rng.int(3, 9));
          mine.slice(mine.length - wait).forEach((a) => waitingToday.add(a));
          mine.slice(Math.max(0, mine.length - wait - open.length), mine.length - wait).forEach((a, i) => servingToday.set(a, open[i]!.id));
          const pool = layout.staff.filter((s) => s.branchId === branchId && s.role === (zone.kind === 'cash' ? 'cash_teller' : zone.kind === 'noncash' ? 'noncash_teller' : 'wealth_rm'));
          open.forEach((c, i) => openCounters.push({ id: c.id, staffId: pool[i]?.staffId ?? null }));
        }
      }
      const busy = dayFactor(day) * outletFactor;
      for (const a of arrivals) {
        const priority = a.tierRank >= 1;
        const prefix = priority ? a.zone.priorityPrefix : a.zone.prefix;
        const n = (seq.get(prefix) ?? 0) + 1;
        seq.set(prefix, n);
        const slot = Math.min(DAILY_SHAPE.length - 1, Math.max(0, Math.floor((a.at - opening(day)) / SLOT_MS)));
        const meanWait = priority ? 2 : Math.max(1.5, 2 + 9 * (DAILY_SHAPE[slot]! * busy - 0.7));
        const zoneCounters = counters.filter((c) => c.zoneId === a.zone.id);
        let status = 'done';
        let called: number | null = a.at + exp(rng, meanWait) * MIN;
        let serving: number | null = called + (0.3 + rng.next()) * MIN;
        let finished: number | null = serving + exp(rng, SERVICE.get(a.business) ?? 6) * MIN;
        let counterId: number | null = zoneCounters.length > 0 ? rng.pick(zoneCounters).id : null;
        if (isToday && waitingToday.has(a)) {
          status = 'waiting';
          called = serving = finished = null;
          counterId = null;
        } else if (isToday && servingToday.has(a)) {
          status = 'serving';
          counterId = servingToday.get(a)!;
          called = Math.max(a.at, Math.min(called, nowMs - 2 * MIN));
          serving = Math.max(called, Math.min(serving!, nowMs - MIN));
          finished = null;
        } else if (rng.chance(0.04)) {
          status = 'no_show';
          serving = null;
          finished = called + 2 * MIN;
        } else if (rng.chance(0.01)) {
          status = 'cancelled';
          called = serving = null;
          counterId = null;
          finished = a.at + exp(rng, 8) * MIN;
        } else if (isToday && finished !== null && finished > nowMs) {
          // Would still be at the counter: finish it a little earlier so the counters stay free.
          finished = nowMs - rng.int(1, 10) * MIN;
          serving = Math.min(serving!, finished - MIN / 2);
          called = Math.min(called!, serving - MIN / 4);
          if (called < a.at) called = a.at;
        }
        cols.day.push(day);
        cols.branchId.push(branchId);
        cols.number.push(`${prefix}${String(n).padStart(3, '0')}`);
        cols.zoneId.push(a.zone.id);
        cols.businessCode.push(a.business);
        cols.status.push(status);
        cols.channel.push(rng.chance(0.85) ? 'kiosk' : 'lobby');
        cols.tierCode.push(a.tierCode);
        cols.tierRank.push(a.tierRank);
        cols.priority.push(priority);
        const dt = isToday ? shift : 0;
        const moved = (ms: number | null) => iso(ms === null ? null : ms + dt);
        cols.arrivedAt.push(moved(a.at)!);
        cols.calledAt.push(moved(called));
        cols.servingAt.push(moved(serving));
        cols.finishedAt.push(moved(finished));
        cols.counterId.push(counterId);
        cols.slaMinutes.push(slaOf(a.tierRank));
      }
      if (isToday) for (const [prefix, last] of seq) numbers.push({ branchId, day, prefix, last });
      // Off-counter migration: customers guided to the machines and taught e-banking.
      const g = poisson(rng, 14 * busy);
      for (let i = 0; i < g; i++) {
        const at = opening(day) + Math.floor(rng.next() * 8 * 60) * MIN;
        if (isToday && at > todayUntil) continue;
        const kind = rng.weighted([['self_service', 0.6], ['mobile_banking', 0.2], ['online_banking', 0.05], ['phone_banking', 0.03], ['product_info', 0.12]] as const);
        guidance.branchId.push(branchId);
        guidance.day.push(day);
        guidance.kind.push(kind);
        guidance.businessCode.push(kind === 'self_service' ? rng.pick(['cash', 'bill_payment', 'passbook_update']) : null);
        guidance.at.push(iso(isToday ? at + shift : at)!);
      }
    }
    tickets += await insertTicketColumns(trx, cols);
    guidanceRows += await insertGuidanceColumns(trx, guidance);
  }
  await restoreIndexes(trx, indexes);
  await finishToday(trx, numbers, openCounters, opts.today);
  return { lobbyOutlets, lobbyTickets: tickets, lobbyGuidance: guidanceRows };
}
