// Grade promotion (职级晋升) and demotion criteria, pure. One step at a time along the ladder: a
// step up inside the grade, or from its top step to step 1 of the next grade; a step down likewise.
// Promotion needs every check: months in the current grade (since the last grade change), the
// average monthly score over the last N complete months (every month must have a score), the AUM
// of the RM's book, the certificates (valid on the review date), and a clean record (no bad work
// record and no upheld complaint naming the RM within the last N months). Demotion: each of the
// last N months scored below the demotion line. Demotion wins if both apply.
import type { PromotionCheck } from '../../../contracts/contests';

export type LadderGrade = { id: number; code: string; nameZh: string; nameEn: string; rank: number; steps: number };
export type RuleInput = {
  minMonthsInGrade: number; scoreMonths: number; minAvgScore: string; minAum: string; requiredCertificates: string[];
  cleanMonths: number; demoteBelowScore: string | null; demoteMonths: number;
};
export type PromotionFacts = {
  gradeLevelId: number;
  step: number;
  gradeSince: string | null;
  /** Review date: the first day of the review month. */
  asOf: string;
  /** Monthly scores, newest first, at least max(scoreMonths, demoteMonths) months before asOf. */
  scores: { month: string; total: number | null }[];
  aum: string;
  certificatesHeld: string[];
  upheldComplaints: number;
  cleanRecord: boolean;
};
export type Move = { gradeLevelId: number; step: number };
export type Verdict = { direction: 'promote' | 'demote' | null; to: Move | null; checks: PromotionCheck[]; avgScore: number | null; monthsInGrade: number };

/** Whole months from `from` to `to` (both 'YYYY-MM-DD'); 0 when `from` is later. */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const m = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, m);
}

/** The N months before the month of `asOf`, newest first, as 'YYYY-MM'. */
export function previousMonths(asOf: string, n: number): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 2 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

const cents = (s: string): bigint => {
  const [i, f = ''] = s.split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '') || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
};

export function nextStep(ladder: LadderGrade[], at: Move): Move | null {
  const sorted = [...ladder].sort((a, b) => a.rank - b.rank);
  const i = sorted.findIndex((g) => g.id === at.gradeLevelId);
  if (i < 0) return null;
  if (at.step < sorted[i]!.steps) return { gradeLevelId: at.gradeLevelId, step: at.step + 1 };
  const up = sorted[i + 1];
  return up ? { gradeLevelId: up.id, step: 1 } : null;
}

export function previousStep(ladder: LadderGrade[], at: Move): Move | null {
  const sorted = [...ladder].sort((a, b) => a.rank - b.rank);
  const i = sorted.findIndex((g) => g.id === at.gradeLevelId);
  if (i < 0) return null;
  if (at.step > 1) return { gradeLevelId: at.gradeLevelId, step: at.step - 1 };
  const down = sorted[i - 1];
  return down ? { gradeLevelId: down.id, step: down.steps } : null;
}

export function evaluatePromotion(ladder: LadderGrade[], rule: RuleInput, f: PromotionFacts): Verdict {
  const monthsInGrade = f.gradeSince ? wholeMonths(f.gradeSince, f.asOf) : 0;
  const window = f.scores.slice(0, rule.scoreMonths);
  const complete = window.length === rule.scoreMonths && window.every((s) => s.total !== null);
  const avgScore = complete ? Math.round((window.reduce((s, x) => s + x.total!, 0) / window.length) * 100) / 100 : null;
  const held = new Set(f.certificatesHeld);
  const missing = rule.requiredCertificates.filter((c) => !held.has(c));
  const up = nextStep(ladder, { gradeLevelId: f.gradeLevelId, step: f.step });
  const checks: PromotionCheck[] = [
    {
      code: 'months_in_grade', ok: monthsInGrade >= rule.minMonthsInGrade,
      zh: `现职级任职 ${monthsInGrade} 个月（要求 ≥ ${rule.minMonthsInGrade}）`, en: `${monthsInGrade} months in the current grade (needs ≥ ${rule.minMonthsInGrade})`,
    },
    {
      code: 'avg_score', ok: avgScore !== null && avgScore >= Number(rule.minAvgScore),
      zh: avgScore === null ? `近 ${rule.scoreMonths} 个月考核得分不全` : `近 ${rule.scoreMonths} 个月平均得分 ${avgScore.toFixed(2)}（要求 ≥ ${rule.minAvgScore}）`,
      en: avgScore === null ? `Scores missing for some of the last ${rule.scoreMonths} months` : `Average score over the last ${rule.scoreMonths} months ${avgScore.toFixed(2)} (needs ≥ ${rule.minAvgScore})`,
    },
    { code: 'aum', ok: cents(f.aum) >= cents(rule.minAum), zh: `管户资产 ${f.aum} 元（要求 ≥ ${rule.minAum}）`, en: `AUM under management ${f.aum} (needs ≥ ${rule.minAum})` },
    {
      code: 'certificates', ok: missing.length === 0,
      zh: missing.length ? `缺少证书：${missing.join('、')}` : '所需证书齐全', en: missing.length ? `Certificates missing: ${missing.join(', ')}` : 'Holds every certificate required',
    },
    {
      code: 'clean_record', ok: f.cleanRecord && f.upheldComplaints === 0,
      zh: f.cleanRecord ? `近 ${rule.cleanMonths} 个月被认定有责投诉 ${f.upheldComplaints} 件` : '有不良工作记录',
      en: f.cleanRecord ? `${f.upheldComplaints} upheld complaint(s) in the last ${rule.cleanMonths} months` : 'Has a bad work record',
    },
    { code: 'next_step', ok: up !== null, zh: up ? '职级体系内有上一档' : '已是最高职级', en: up ? 'A higher step exists' : 'Already at the top of the ladder' },
  ];
  const demoteWindow = f.scores.slice(0, rule.demoteMonths);
  const line = rule.demoteBelowScore === null ? null : Number(rule.demoteBelowScore);
  const down = previousStep(ladder, { gradeLevelId: f.gradeLevelId, step: f.step });
  const demote = line !== null && down !== null && demoteWindow.length === rule.demoteMonths && demoteWindow.every((s) => s.total !== null && s.total < line);
  if (line !== null) {
    checks.push({
      code: 'demotion', ok: !demote,
      zh: demote ? `连续 ${rule.demoteMonths} 个月得分低于 ${rule.demoteBelowScore}` : `未连续 ${rule.demoteMonths} 个月低于 ${rule.demoteBelowScore} 分`,
      en: demote ? `Scored below ${rule.demoteBelowScore} in each of the last ${rule.demoteMonths} months` : `Not below ${rule.demoteBelowScore} in each of the last ${rule.demoteMonths} months`,
    });
  }
  if (demote) return { direction: 'demote', to: down, checks, avgScore, monthsInGrade };
  const promote = checks.every((c) => c.ok);
  return { direction: promote ? 'promote' : null, to: promote ? up : null, checks, avgScore, monthsInGrade };
}

/** Today in the bank's time zone, 'YYYY-MM-DD'. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
