// Career records of the demo staff: RM grade history, professional certificates and the five
// appointment conditions (任职资格). Pure; keyed by staff numbers.
import { addDays, addYears, daysBetween, maxDate } from './dates';
import type { Rng } from './random';
import { CERTIFICATE_TYPES, GRADE_LADDER } from './reference-data';
import type { SeedStaff } from './org.seed';

export type SeedGradeChange = {
  staffNo: string;
  gradeCode: string;
  step: number;
  effectiveOn: string;
  reason: string;
  approvedByStaffNo: string | null;
};
export type SeedCertificate = { staffNo: string; typeCode: string; number: string; issuedOn: string; expiresOn: string | null };
export type SeedQualification = {
  staffNo: string;
  ethics: boolean;
  knowledge: boolean;
  experience: boolean;
  health: boolean;
  cleanRecord: boolean;
  notes: string;
  assessedOn: string;
  assessedByStaffNo: string | null;
};
export type StaffRecords = {
  gradeHistory: SeedGradeChange[];
  certificates: SeedCertificate[];
  qualifications: SeedQualification[];
};

/** Position on the 40-step ladder, 1-based. */
function ladderPosition(code: string, step: number): number {
  let below = 0;
  for (const g of GRADE_LADDER) {
    if (g.code === code) return below + step;
    below += g.steps;
  }
  throw new Error(`unknown grade ${code}`);
}

function fromPosition(position: number): { code: string; step: number } {
  let rest = position;
  for (const g of GRADE_LADDER) {
    if (rest <= g.steps) return { code: g.code, step: rest };
    rest -= g.steps;
  }
  const top = GRADE_LADDER[GRADE_LADDER.length - 1];
  return { code: top.code, step: top.steps };
}

type Heads = { head: string | null; wcHead: string | null };

function headsByBranch(staff: SeedStaff[]): Map<string, Heads> {
  const out = new Map<string, Heads>();
  for (const s of staff) {
    const h = out.get(s.branchCode) ?? { head: null, wcHead: null };
    if (s.roles.includes('branch_head') && !h.head) h.head = s.staffNo;
    if (s.roles.includes('wealth_centre_head') && !h.wcHead) h.wcHead = s.staffNo;
    out.set(s.branchCode, h);
  }
  return out;
}

function gradeHistory(rng: Rng, s: SeedStaff, heads: Heads, today: string): SeedGradeChange[] {
  if (!s.gradeCode || !s.gradeStep) return [];
  const current = ladderPosition(s.gradeCode, s.gradeStep);
  const start = maxDate(s.hiredOn, addDays(s.hiredOn, rng.int(0, 20)));
  const span = daysBetween(start, addDays(today, -15));
  // Up to four rows, at least a couple of months apart, on the way up to today's position.
  const wanted = Math.min(rng.int(1, 4), current, 1 + Math.floor(Math.max(0, span) / 60));
  const lower = new Set<number>();
  const floor = Math.max(1, current - 14);
  while (lower.size < wanted - 1 && lower.size < current - floor) lower.add(rng.int(floor, current - 1));
  const positions = [...[...lower].sort((a, b) => a - b), current];
  const offsets = new Set<number>([0]);
  while (offsets.size < positions.length) offsets.add(rng.int(30, Math.max(31, span)));
  const dates = [...offsets].sort((a, b) => a - b).map((d) => addDays(start, d));
  return positions.map((p, k) => {
    const g = fromPosition(p);
    const prev = k > 0 ? fromPosition(positions[k - 1]) : null;
    const reason =
      k === 0
        ? '入职定级 Initial grading'
        : prev && prev.code !== g.code
          ? rng.pick(['年度考核晋级 Annual review: promoted', '产能竞赛晋级 Productivity contest: promoted'])
          : '年度考核晋档 Annual review: step up';
    const approver = k > 0 && heads.wcHead && rng.chance(0.5) ? heads.wcHead : heads.head;
    return { staffNo: s.staffNo, gradeCode: g.code, step: g.step, effectiveOn: dates[k], reason, approvedByStaffNo: approver };
  });
}

/** Probability of holding each certificate, by role; RMs above assistant hold AFP/CFP more often. */
function certificateOdds(s: SeedStaff): [string, number][] {
  const rank = GRADE_LADDER.find((g) => g.code === s.gradeCode)?.rank ?? 0;
  if (s.roles.includes('wealth_rm') || s.roles.includes('wealth_centre_head')) {
    return [['banking', 0.95], ['fund', 0.9], ['insurance', 0.85], ['precious_metals', 0.3], ['securities', 0.35],
      ['afp', rank >= 2 ? 0.5 : 0.1], ['cfp', rank >= 4 ? 0.3 : 0.02]];
  }
  if (s.roles.includes('marketing_rm')) return [['banking', 0.9], ['fund', 0.7], ['insurance', 0.6], ['securities', 0.15], ['afp', 0.1]];
  if (s.roles.includes('lobby_manager')) return [['banking', 0.7], ['fund', 0.5], ['insurance', 0.3]];
  if (s.roles.includes('cash_teller') || s.roles.includes('noncash_teller')) return [['banking', 0.5], ['fund', 0.15], ['precious_metals', 0.1]];
  return [];
}

const NUMBER_PREFIX: Record<string, string> = {
  banking: 'YH', fund: 'F', insurance: 'BX', securities: 'ZQ', precious_metals: 'GJS', afp: 'AFP', cfp: 'CFP',
};

function certificates(rng: Rng, s: SeedStaff, today: string, counters: Map<string, number>, forceExpiringFund: boolean): SeedCertificate[] {
  const out: SeedCertificate[] = [];
  for (const [typeCode, p] of certificateOdds(s)) {
    const forced = forceExpiringFund && typeCode === 'fund';
    if (!forced && !rng.chance(p)) continue;
    const type = CERTIFICATE_TYPES.find((t) => t.code === typeCode);
    if (!type) continue;
    let issuedOn: string;
    let expiresOn: string | null = null;
    if (type.validYears === null) {
      issuedOn = addDays(s.hiredOn, rng.int(-700, Math.max(-700, Math.min(700, daysBetween(s.hiredOn, today) - 30))));
    } else {
      // About one in twelve falls due within 60 days and one in twenty-five has lapsed, so the
      // expiry reminders have something to show from day one.
      const bucket = forced ? 'soon' : rng.weighted([['soon', 8], ['lapsed', 4], ['valid', 88]] as const);
      const offset = bucket === 'soon' ? (forced ? 30 : rng.int(1, 60)) : bucket === 'lapsed' ? -rng.int(1, 200) : rng.int(61, type.validYears * 365 - 30);
      expiresOn = addDays(today, offset);
      issuedOn = addYears(expiresOn, -type.validYears);
    }
    const n = (counters.get(typeCode) ?? 0) + 1;
    counters.set(typeCode, n);
    out.push({ staffNo: s.staffNo, typeCode, number: `${NUMBER_PREFIX[typeCode]}${issuedOn.slice(0, 4)}${String(n).padStart(6, '0')}`, issuedOn, expiresOn });
  }
  return out;
}

function qualification(rng: Rng, s: SeedStaff, history: SeedGradeChange[], heads: Heads): SeedQualification | null {
  // Most RMs were assessed on the five conditions when appointed; the rest are still to be filed.
  if (history.length === 0 || !rng.chance(0.88)) return null;
  const q = {
    ethics: true,
    knowledge: rng.chance(0.95),
    experience: s.gradeCode === 'trainee' ? rng.chance(0.6) : true,
    health: true,
    cleanRecord: rng.chance(0.97),
  };
  const allMet = Object.values(q).every(Boolean);
  return {
    staffNo: s.staffNo,
    ...q,
    notes: allMet ? '五项任职条件均符合' : '部分条件待补足，安排限期培训',
    assessedOn: history[0].effectiveOn,
    assessedByStaffNo: heads.head,
  };
}

export function generateStaffRecords(rng: Rng, staff: SeedStaff[], today: string, opts: { demoRmStaffNo: string | null }): StaffRecords {
  const heads = headsByBranch(staff);
  const counters = new Map<string, number>();
  const out: StaffRecords = { gradeHistory: [], certificates: [], qualifications: [] };
  for (const s of staff) {
    const h = heads.get(s.branchCode) ?? { head: null, wcHead: null };
    const history = gradeHistory(rng, s, h, today);
    out.gradeHistory.push(...history);
    out.certificates.push(...certificates(rng, s, today, counters, s.staffNo === opts.demoRmStaffNo));
    const q = qualification(rng, s, history, h);
    if (q) out.qualifications.push(q);
  }
  return out;
}
