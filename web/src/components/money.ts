// Money arrives as strings of yuan ("1234567.89"); it is shown without passing through a float.

/** "1234567.8" -> "1,234,567.80"; anything that is not a decimal string is returned as is. */
export function groupYuan(amount: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const [, sign, int, frac = ''] = m;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${(frac + '00').slice(0, 2)}`;
}

/** "¥1,234,567.80"; a hidden balance (null) shows as masked stars. */
export function formatYuan(amount: string | null | undefined, masked = '¥ ******'): string {
  if (amount === null || amount === undefined) return masked;
  return `¥${groupYuan(amount)}`;
}

/** For charts and progress bars only, where a float's last digit does not matter. */
export function yuanNumber(amount: string | null | undefined): number {
  const n = Number(amount ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Axis labels in 万 (ten thousands) or 亿, as bank staff read them; English keeps K/M. */
export function compactYuan(n: number, lang: 'zh-CN' | 'en'): string {
  const abs = Math.abs(n);
  if (lang === 'en') {
    if (abs >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
    if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
    if (abs >= 1e3) return `${(n / 1e3).toFixed(0)}K`;
    return String(Math.round(n));
  }
  if (abs >= 1e8) return `${(n / 1e8).toFixed(1)}亿`;
  if (abs >= 1e4) return `${(n / 1e4).toFixed(abs >= 1e6 ? 0 : 1)}万`;
  return String(Math.round(n));
}
