// What the bank's own models predict and from what: targets, features (with their words for the
// reasons shown to RMs) and the protected attributes that are never features.
import { categorical, type Column, type Frame } from './ml-frame';

export const TARGETS = ['premium', 'attrition', 'time_deposit', 'wealth', 'insurance'] as const;
export type Target = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<Target, { zh: string; en: string }> = {
  premium: { zh: '升级潜力（3个月内升至更高等级）', en: 'Propensity to reach the next tier (3 months)' },
  attrition: { zh: '流失预警（3个月内资产流出过半）', en: 'Attrition warning (over half of AUM out in 3 months)' },
  time_deposit: { zh: '定期存款购买倾向', en: 'Propensity to buy a time deposit' },
  wealth: { zh: '理财产品购买倾向', en: 'Propensity to buy a wealth product' },
  insurance: { zh: '保险购买倾向', en: 'Propensity to buy insurance' },
};

/** Never features, whatever a caller asks for (fair treatment; personal-information rules). */
export const PROTECTED_ATTRIBUTES = ['gender', 'ethnicity', 'resident_id', 'name', 'birth_place'] as const;

export type FeatureDef = { name: string; kind: 'numeric' | 'categorical'; zh: string; en: string };

/** The columns the feature SQL returns, in order. */
export const FEATURES: readonly FeatureDef[] = [
  { name: 'age', kind: 'numeric', zh: '年龄', en: 'age' },
  { name: 'occupation', kind: 'categorical', zh: '职业', en: 'occupation' },
  { name: 'tier', kind: 'categorical', zh: '当前等级', en: 'current tier' },
  { name: 'risk_level', kind: 'categorical', zh: '风险等级', en: 'risk level' },
  { name: 'tenure_months', kind: 'numeric', zh: '开户时长', en: 'time with the bank' },
  { name: 'log_aum', kind: 'numeric', zh: '月日均资产', en: 'monthly average AUM' },
  { name: 'aum_trend_3m', kind: 'numeric', zh: '近3个月资产趋势', en: '3-month AUM trend' },
  { name: 'aum_trend_6m', kind: 'numeric', zh: '近6个月资产趋势', en: '6-month AUM trend' },
  { name: 'month_end_inflow', kind: 'numeric', zh: '月末资金流入', en: 'month-end inflow' },
  { name: 'inflow_3m', kind: 'numeric', zh: '近3个月资金净流入', en: 'net inflow over 3 months' },
  { name: 'gap_to_next_tier', kind: 'numeric', zh: '距下一等级差距', en: 'gap to the next tier' },
  { name: 'contribution_3m', kind: 'numeric', zh: '近3个月贡献', en: 'contribution over 3 months' },
  { name: 'products', kind: 'numeric', zh: '持有产品数', en: 'products held' },
  { name: 'has_time_deposit', kind: 'numeric', zh: '已持有定期', en: 'holds time deposits' },
  { name: 'has_wealth', kind: 'numeric', zh: '已持有理财', en: 'holds wealth products' },
  { name: 'has_insurance', kind: 'numeric', zh: '已持有保险', en: 'holds insurance' },
  { name: 'has_fund', kind: 'numeric', zh: '已持有基金', en: 'holds funds' },
];

export const FEATURE_NAMES = FEATURES.map((f) => f.name);

/** A batch of feature rows from SQL. */
export type FeatureRow = { customerId: number; values: Record<string, number | string | null> };

/** Rows from SQL into a frame of the features above (numbers: null → missing). */
export function toFrame(rows: readonly FeatureRow[]): Frame {
  const columns: Column[] = FEATURES.map((f) => {
    if (f.kind === 'categorical') return categorical(f.name, rows.map((r) => (r.values[f.name] === null ? null : String(r.values[f.name]))));
    const v = new Float64Array(rows.length);
    rows.forEach((r, i) => { const x = r.values[f.name]; v[i] = x === null || x === undefined ? NaN : Number(x); });
    return { name: f.name, kind: 'numeric', values: v };
  });
  return { rows: rows.length, columns };
}

export type Reason = { feature: string; contribution: number; value: number | string | null };

/** The `k` features that push the score up most (positive contributions only), largest first. */
export function topReasons(names: readonly string[], contrib: Float64Array, offset: number, values: (j: number) => number | string | null, k = 3): Reason[] {
  const out: Reason[] = [];
  for (let j = 0; j < names.length; j++) {
    const c = contrib[offset + j];
    if (c > 1e-9) out.push({ feature: names[j], contribution: Math.round(c * 1e4) / 1e4, value: values(j) });
  }
  return out.sort((a, b) => b.contribution - a.contribution).slice(0, k);
}

/** Fixed probability bins for drift: 20 of width 0.05. */
export function histogram20(scores: ArrayLike<number>): number[] {
  const h = new Array<number>(20).fill(0);
  for (let i = 0; i < scores.length; i++) h[Math.min(19, Math.max(0, Math.floor(scores[i] * 20)))]++;
  return h;
}

/** PSI between two count histograms over the same bins (empty bins floored at 0.01%). */
export function psiOfCounts(reference: readonly number[], current: readonly number[]): number | null {
  const a = reference.reduce((s, v) => s + v, 0);
  const b = current.reduce((s, v) => s + v, 0);
  if (a === 0 || b === 0) return null;
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i] / a, 1e-4);
    const q = Math.max(current[i] / b, 1e-4);
    s += (q - p) * Math.log(q / p);
  }
  return s;
}

const PERCENT = new Set(['aum_trend_3m', 'aum_trend_6m', 'month_end_inflow', 'inflow_3m', 'gap_to_next_tier']);
const LOG_MONEY = new Set(['log_aum', 'contribution_3m']);
const FLAGS = new Set(['has_time_deposit', 'has_wealth', 'has_insurance', 'has_fund']);

/** A reason in words: the feature's name and the customer's value, in Chinese and English. */
export function describeReason(feature: string, value: number | string | null): { zh: string; en: string } {
  const def = FEATURES.find((f) => f.name === feature);
  const zh = def?.zh ?? feature;
  const en = def?.en ?? feature;
  if (value === null) return { zh: `${zh}：未知`, en: `${en}: unknown` };
  if (typeof value === 'string') return { zh: `${zh}：${value}`, en: `${en}: ${value}` };
  if (PERCENT.has(feature)) { const p = `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`; return { zh: `${zh} ${p}`, en: `${en} ${p}` }; }
  if (LOG_MONEY.has(feature)) { const y = Math.round(Math.expm1(value)).toLocaleString('en-US'); return { zh: `${zh} 约 ${y} 元`, en: `${en} about ¥${y}` }; }
  if (FLAGS.has(feature)) return value > 0 ? { zh: zh, en: en } : { zh: `未${zh.replace(/^已/, '')}`, en: `does not ${en.replace(/^holds/, 'hold')}` };
  if (feature === 'age') return { zh: `${zh} ${Math.round(value)} 岁`, en: `${en} ${Math.round(value)}` };
  if (feature === 'tenure_months') return { zh: `${zh} ${Math.round(value)} 个月`, en: `${en} ${Math.round(value)} months` };
  return { zh: `${zh} ${Math.round(value * 100) / 100}`, en: `${en} ${Math.round(value * 100) / 100}` };
}
