// Calendar arithmetic on 'YYYY-MM-DD' strings. Business days are in Asia/Shanghai, whatever the
// server's own time zone is, so "today" is taken there.

export function shanghaiToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  // 29 February moves to 28 February in a common year instead of rolling into March.
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return fromUtc(Date.UTC(y + years, m - 1, day));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
