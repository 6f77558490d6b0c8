// Calendar arithmetic for the customer generator: the semantics of dates.ts, on day numbers and
// without Date objects, because a million customers make tens of millions of date steps.

/** Days since 1970-01-01 of a 'YYYY-MM-DD' (proleptic Gregorian; H. Hinnant's algorithm). */
export function dayNumber(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const OFFSET = 30_000;
const cache: string[] = [];

export function isoOfDay(n: number): string {
  const hit = cache[n + OFFSET];
  if (hit !== undefined) return hit;
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const iso = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (n + OFFSET >= 0 && n + OFFSET < 120_000) cache[n + OFFSET] = iso;
  return iso;
}

export function addDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function lastDay(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The same day `months` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const td = Math.min(d, lastDay(ty, tm));
  return `${String(ty).padStart(4, '0')}-${tm < 10 ? '0' : ''}${tm}-${td < 10 ? '0' : ''}${td}`;
}

/** 29 February moves to 28 February in a common year, as in dates.ts. */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** First days of the `count` months before the month that starts on `firstOfMonth`, oldest first. */
export function monthsOf(firstOfMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => addMonths(firstOfMonth, k - count));
}
