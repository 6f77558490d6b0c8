// What every check-in and call reads but seldom changes, kept in memory per app instance: the
// settings, business types, service levels, routing rules and zones (a few seconds: an edit on this
// instance clears them at once, one on another instance is seen within REFERENCE_TTL_MS), and each
// outlet's measured service minutes (a four-week mean that moves slowly: refreshed every few minutes
// in the background, so no call waits for the aggregate).
import type { BusinessType, RoutingRule, ServiceLevel, Zone } from '../../../contracts/lobby';
import type { AppContext } from '../../platform/context';
import * as repo from './lobby.repository';
import { recentServiceMinutes } from './lobby-queue.repository';

export const REFERENCE_TTL_MS = 10_000;
export const SERVICE_MINUTES_TTL_MS = 5 * 60_000;

type Entry<T> = { at: number; value: Promise<T> };

/** A keyed cache of promises: concurrent readers share one load; a failed load is not kept. */
class TtlCache<K, T> {
  private readonly entries = new Map<K, Entry<T>>();
  constructor(private readonly ttlMs: number, private readonly staleWhileRefreshing = false) {}

  get(key: K, load: () => Promise<T>, keep: (v: T) => boolean = () => true): Promise<T> {
    const e = this.entries.get(key);
    const now = Date.now();
    if (e && now - e.at < this.ttlMs) return e.value;
    if (e && this.staleWhileRefreshing) {
      // Serve the old figure while one refresh runs: no request pays for the aggregate.
      e.at = now;
      void this.start(key, load, keep).catch(() => undefined);
      return e.value;
    }
    return this.start(key, load, keep);
  }

  private start(key: K, load: () => Promise<T>, keep: (v: T) => boolean): Promise<T> {
    const value = load();
    const entry: Entry<T> = { at: Date.now(), value };
    const previous = this.entries.get(key);
    if (!previous || !this.staleWhileRefreshing) this.entries.set(key, entry);
    value.then(
      (v) => {
        if (keep(v)) this.entries.set(key, { at: entry.at, value: Promise.resolve(v) });
        else if (this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  clear(key?: K): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}

export type LobbyCache = {
  settings(): Promise<repo.LobbySettings>;
  businessTypes(): Promise<BusinessType[]>;
  serviceLevels(): Promise<ServiceLevel[]>;
  routingRules(branchId: number): Promise<RoutingRule[]>;
  zones(branchId: number): Promise<Zone[]>;
  serviceMinutes(branchId: number): Promise<Map<number, number>>;
  /** After an edit of head office's reference data (settings, business types, levels, default rules). */
  referenceChanged(): void;
  outletChanged(branchId: number): void;
};

const caches = new WeakMap<AppContext, LobbyCache>();

function build(ctx: AppContext): LobbyCache {
  const single = new TtlCache<'settings' | 'business' | 'levels', unknown>(REFERENCE_TTL_MS);
  const rules = new TtlCache<number, RoutingRule[]>(REFERENCE_TTL_MS);
  const zones = new TtlCache<number, Zone[]>(REFERENCE_TTL_MS);
  const minutes = new TtlCache<number, Map<number, number>>(SERVICE_MINUTES_TTL_MS, true);
  return {
    settings: () => single.get('settings', () => repo.getSettings(ctx.db)) as Promise<repo.LobbySettings>,
    businessTypes: () => single.get('business', () => repo.listBusinessTypes(ctx.db)) as Promise<BusinessType[]>,
    serviceLevels: () => single.get('levels', () => repo.listServiceLevels(ctx.db)) as Promise<ServiceLevel[]>,
    routingRules: (branchId) => rules.get(branchId, () => repo.listRoutingRules(ctx.db, branchId)),
    // An outlet without zones yet gets its default lobby on first use: an empty list is not kept.
    zones: (branchId) => zones.get(branchId, () => repo.listZones(ctx.db, branchId), (z) => z.length > 0),
    serviceMinutes: (branchId) => minutes.get(branchId, () => recentServiceMinutes(ctx.db, branchId)),
    referenceChanged() {
      single.clear();
      rules.clear();
    },
    outletChanged(branchId) {
      rules.clear(branchId);
      zones.clear(branchId);
    },
  };
}

export function lobbyCache(ctx: AppContext): LobbyCache {
  let c = caches.get(ctx);
  if (!c) {
    c = build(ctx);
    caches.set(ctx, c);
  }
  return c;
}
