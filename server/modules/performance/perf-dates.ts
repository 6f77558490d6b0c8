// Pure date helpers of the assessment: business days are Shanghai days; periods are calendar months.

export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const monthOf = (day: string) => day.slice(0, 7);

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month's range up to `asOf` (the month to date), or the whole month once it has ended. */
export function monthRange(month: string, asOf: string): { from: string; to: string } {
  const end = monthEnd(month);
  return { from: `${month}-01`, to: asOf < end ? asOf : end };
}

/** The same range one year earlier (29 February falls back to the 28th). */
export function lastYearRange(r: { from: string; to: string }): { from: string; to: string } {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
  };
  return { from: back(r.from), to: back(r.to) };
}

/** The last n months ending with `month`, oldest first. */
export const lastMonths = (month: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(month, i - n + 1));

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
