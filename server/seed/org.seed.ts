// The demo bank's organisation: branch tree, staff roster, users and the demo accounts. Pure: it
// returns rows keyed by business keys (codes, staff numbers); seed.repository.ts resolves the ids.
import type { BranchLevel } from '../../contracts/org';
import { ROLE_LABELS, type RoleCode } from '../../contracts/roles';
import { addDays, shanghaiToday } from './dates';
import { randomName, uniqueEmail, uniqueMobile, type Gender } from './names';
import { cityAt, type City } from './places';
import { createRng, deriveSeed, type Rng } from './random';
import { GRADE_LADDER } from './reference-data';
import { generateStaffRecords, type StaffRecords } from './org-records.seed';

export type SeedBranch = {
  code: string;
  name: string;
  level: BranchLevel;
  parentCode: string | null;
  address: string;
  phone: string;
  isWealthCentre: boolean;
  openedOn: string;
};
export type StaffSequence = 'management' | 'office' | 'counter' | 'rm';
export type StaffStatus = 'active' | 'on_leave' | 'departed';
export type SeedStaff = {
  staffNo: string;
  name: string;
  gender: Gender;
  branchCode: string;
  status: StaffStatus;
  sequence: StaffSequence;
  roles: RoleCode[];
  mobile: string;
  email: string;
  hiredOn: string;
  gradeCode: string | null;
  gradeStep: number | null;
};
export type SeedUser = { username: string; staffNo: string; mustChangePassword: boolean; disabled: boolean };

export type DemoPlace = 'head_office' | 'demo_outlet' | 'second_outlet';
export type DemoAccountDefinition = { username: string; role: RoleCode; place: DemoPlace; label: string };
export type DemoAccount = DemoAccountDefinition & { staffNo: string; name: string; branchCode: string };

/** One login per role, all sharing DEMO_PASSWORD; bhead2/wrm2 sit in another outlet for scope tests. */
const PLACE_LABELS: Record<DemoPlace, string> = {
  head_office: '总行 head office',
  demo_outlet: '示范网点 demo outlet',
  second_outlet: '另一网点 another outlet',
};
const demo = (username: string, role: RoleCode, place: DemoPlace): DemoAccountDefinition => ({
  username, role, place, label: `${ROLE_LABELS[role].zh} ${ROLE_LABELS[role].en}, ${PLACE_LABELS[place]}`,
});

/** One login per role, all sharing DEMO_PASSWORD; bhead2/wrm2 sit in another outlet for scope tests. */
export const DEMO_ACCOUNTS: readonly DemoAccountDefinition[] = [
  demo('admin', 'hq_admin', 'head_office'),
  demo('auditor', 'auditor', 'head_office'),
  demo('bhead', 'branch_head', 'demo_outlet'),
  demo('wchead', 'wealth_centre_head', 'demo_outlet'),
  demo('wrm', 'wealth_rm', 'demo_outlet'),
  demo('mrm', 'marketing_rm', 'demo_outlet'),
  demo('lobby', 'lobby_manager', 'demo_outlet'),
  demo('lassist', 'lobby_assistant', 'demo_outlet'),
  demo('guard', 'security_guard', 'demo_outlet'),
  demo('cteller', 'cash_teller', 'demo_outlet'),
  demo('nteller', 'noncash_teller', 'demo_outlet'),
  demo('bhead2', 'branch_head', 'second_outlet'),
  demo('wrm2', 'wealth_rm', 'second_outlet'),
];

export type OrgSeedOptions = {
  seed: number;
  branches: number;
  outletsPerBranch: number;
  staff: number;
  /** 'YYYY-MM-DD'; certificate expiries and hire dates are relative to it. */
  today: string;
};
export const DEFAULT_ORG_OPTIONS: Omit<OrgSeedOptions, 'today'> = { seed: 20261128, branches: 3, outletsPerBranch: 4, staff: 300 };

export type OrgPlan = StaffRecords & {
  branches: SeedBranch[];
  staff: SeedStaff[];
  users: SeedUser[];
  demoAccounts: DemoAccount[];
};

export const HEAD_OFFICE_CODE = 'HO';

/** Unit codes do not depend on the seed number: `BJ01` is the first unit under 北京分行. */
export function unitCode(city: City, index: number, outletsPerBranch: number): string {
  return `${city.code}${String(index + 1).padStart(outletsPerBranch > 99 ? 3 : 2, '0')}`;
}

export function demoBranchCodes(branches: number, outletsPerBranch: number) {
  const branchCodes = Array.from({ length: branches }, (_, b) => cityAt(b).code);
  const units = Array.from({ length: branches }, (_, b) =>
    Array.from({ length: outletsPerBranch }, (_, j) => unitCode(cityAt(b), j, outletsPerBranch)),
  ).flat();
  const secondOutlet = branches > 1 ? unitCode(cityAt(1), 0, outletsPerBranch) : unitCode(cityAt(0), 1, outletsPerBranch);
  return { headOffice: HEAD_OFFICE_CODE, branches: branchCodes, units, demoOutlet: units[0], secondOutlet };
}

/** Codes of the default demo bank: fixtures and end-to-end tests rely on them. */
export const DEMO_BRANCH_CODES = demoBranchCodes(DEFAULT_ORG_OPTIONS.branches, DEFAULT_ORG_OPTIONS.outletsPerBranch);

function phoneFor(rng: Rng, city: City): string {
  return `${city.areaCode}-${rng.pick(['6', '8'])}${rng.digits(7)}`;
}

function generateBranches(rng: Rng, opts: OrgSeedOptions): SeedBranch[] {
  const hoCity = cityAt(0);
  const out: SeedBranch[] = [
    {
      code: HEAD_OFFICE_CODE, name: '总行', level: 'head_office', parentCode: null,
      address: `${hoCity.prefix}西城区金融大街${rng.int(1, 40)}号`, phone: phoneFor(rng, hoCity),
      isWealthCentre: false, openedOn: '1998-06-18',
    },
  ];
  for (let b = 0; b < opts.branches; b++) {
    const city = cityAt(b);
    const streetNo = (district: number) => `${city.streets[district % city.streets.length]}${rng.int(1, 388)}号`;
    out.push({
      code: city.code, name: `${city.name}分行`, level: 'branch', parentCode: HEAD_OFFICE_CODE,
      address: `${city.prefix}${city.districts[0]}区${streetNo(0)}`, phone: phoneFor(rng, city),
      isWealthCentre: false, openedOn: addDays('1999-01-01', rng.int(0, 12 * 365)),
    });
    // Sub-branches (支行) hang under the branch; each is followed by an outlet (分理处) under it.
    let parentSub = city.code;
    for (let j = 0; j < opts.outletsPerBranch; j++) {
      const isSub = j % 2 === 0;
      const k = Math.floor(j / 2);
      const districtIndex = k % city.districts.length;
      const district = city.districts[districtIndex];
      const round = Math.floor(k / city.districts.length);
      const name = isSub
        ? `${district.replace(/(?<!高)新$/, '')}${round > 0 ? `第${round + 1}` : ''}支行`
        : `${city.areas[k % city.areas.length]}${round > 0 ? `第${round + 1}` : ''}分理处`;
      const code = unitCode(city, j, opts.outletsPerBranch);
      out.push({
        code, name: `${city.name}${name}`, level: isSub ? 'sub_branch' : 'outlet', parentCode: isSub ? city.code : parentSub,
        address: `${city.prefix}${district}区${streetNo(districtIndex)}`, phone: phoneFor(rng, city),
        // The first unit of every branch runs a wealth centre: the demo accounts work there.
        isWealthCentre: j === 0 || rng.chance(isSub ? 0.6 : 0.25),
        openedOn: addDays('2003-01-01', rng.int(0, 18 * 365)),
      });
      if (isSub) parentSub = code;
    }
  }
  return out;
}

const SEQUENCE_OF: Record<RoleCode, StaffSequence> = {
  branch_head: 'management', wealth_centre_head: 'management',
  hq_admin: 'office', auditor: 'office', lobby_manager: 'office', lobby_assistant: 'office', security_guard: 'office',
  cash_teller: 'counter', noncash_teller: 'counter',
  wealth_rm: 'rm', marketing_rm: 'rm',
};
const FEMALE_SHARE: Record<RoleCode, number> = {
  branch_head: 0.35, wealth_centre_head: 0.55, hq_admin: 0.5, auditor: 0.5, lobby_manager: 0.7,
  lobby_assistant: 0.75, security_guard: 0.05, cash_teller: 0.7, noncash_teller: 0.7, wealth_rm: 0.6, marketing_rm: 0.45,
};
/** Years of service drawn for a role (RMs are drawn by grade instead). */
const SERVICE_YEARS: Record<RoleCode, readonly [number, number]> = {
  branch_head: [8, 28], wealth_centre_head: [6, 22], hq_admin: [3, 20], auditor: [3, 25], lobby_manager: [2, 15],
  lobby_assistant: [0.3, 6], security_guard: [0.3, 8], cash_teller: [0.5, 20], noncash_teller: [0.5, 20],
  wealth_rm: [0.3, 25], marketing_rm: [0.3, 20],
};

type Slot = { branchCode: string; role: RoleCode; core: boolean };

// What every outlet has at least, and how many of each role it may grow to.
const CORE_ROSTER: readonly (readonly [RoleCode, number])[] = [
  ['branch_head', 1], ['lobby_manager', 1], ['lobby_assistant', 1], ['security_guard', 1],
  ['cash_teller', 2], ['noncash_teller', 2], ['wealth_rm', 3], ['marketing_rm', 1],
];
const EXTRA_ROLES: readonly (readonly [RoleCode, number, number])[] = [
  // role, weight, cap per outlet
  ['lobby_manager', 1, 2], ['lobby_assistant', 1.5, 3], ['security_guard', 0.5, 2], ['cash_teller', 3, 6],
  ['noncash_teller', 3, 6], ['wealth_rm', 4, 8], ['marketing_rm', 1.5, 3],
];

function planSlots(rng: Rng, branches: SeedBranch[], target: number): Slot[] {
  const byBranch = new Map<string, Slot[]>();
  const add = (branchCode: string, role: RoleCode, core: boolean) => {
    const list = byBranch.get(branchCode) ?? [];
    list.push({ branchCode, role, core });
    byBranch.set(branchCode, list);
  };
  const units = branches.filter((b) => b.level === 'sub_branch' || b.level === 'outlet');
  for (const b of branches) {
    if (b.level === 'head_office') {
      for (const role of ['branch_head', 'hq_admin', 'auditor'] as const) for (let i = 0; i < 3; i++) add(b.code, role, true);
    } else if (b.level === 'branch') {
      add(b.code, 'branch_head', true);
    } else {
      for (const [role, n] of CORE_ROSTER) for (let i = 0; i < n; i++) add(b.code, role, true);
      if (b.isWealthCentre) add(b.code, 'wealth_centre_head', true);
    }
  }
  let total = [...byBranch.values()].reduce((s, l) => s + l.length, 0);
  // Extras go to random outlets, each role up to its cap; when every outlet is full the caps double
  // (a benchmark-sized bank), so any target is reached.
  let capFactor = 1;
  let full = new Set<string>();
  while (total < target && units.length > 0) {
    const unit = rng.pick(units);
    if (full.has(unit.code)) continue;
    const list = byBranch.get(unit.code) ?? [];
    const open = EXTRA_ROLES.filter(([role, , cap]) => list.filter((s) => s.role === role).length < cap * capFactor);
    if (open.length === 0) {
      full.add(unit.code);
      if (full.size === units.length) {
        capFactor *= 2;
        full = new Set();
      }
      continue;
    }
    add(unit.code, rng.weighted(open.map(([role, w]) => [role, w] as const)), false);
    total++;
  }
  return branches.flatMap((b) => byBranch.get(b.code) ?? []);
}

// Where an RM stands on the ladder, with the years of service that position usually takes.
const GRADE_SPREAD: readonly (readonly [string, number, readonly [number, number]])[] = [
  ['trainee', 15, [0.3, 2]], ['assistant', 20, [1, 4]], ['intermediate', 28, [3, 8]],
  ['senior', 20, [5, 12]], ['principal', 12, [8, 18]], ['chief', 5, [12, 25]],
];
const GRADE_STEPS = new Map(GRADE_LADDER.map((g) => [g.code, g.steps]));

function generateStaff(rng: Rng, slots: Slot[], today: string): SeedStaff[] {
  const mobiles = new Set<string>();
  const emails = new Set<string>();
  return slots.map((slot, i) => {
    const gender: Gender = rng.chance(FEMALE_SHARE[slot.role]) ? 'F' : 'M';
    const name = randomName(rng, gender);
    const sequence = SEQUENCE_OF[slot.role];
    let gradeCode: string | null = null;
    let gradeStep: number | null = null;
    let years = SERVICE_YEARS[slot.role];
    if (sequence === 'rm') {
      // Marketing RMs skew junior: field acquisition is where many RMs start.
      const spread = slot.role === 'marketing_rm' ? GRADE_SPREAD.map(([c, w, y], k) => [c, k < 3 ? w * 1.6 : w * 0.5, y] as const) : GRADE_SPREAD;
      const [code, , y] = rng.weighted(spread.map((g) => [g, g[1]] as const));
      gradeCode = code;
      gradeStep = rng.int(1, GRADE_STEPS.get(code) ?? 1);
      years = y;
    }
    const serviceDays = Math.round((years[0] + rng.next() * (years[1] - years[0])) * 365);
    const status: StaffStatus = slot.core ? 'active' : rng.weighted([['active', 93], ['on_leave', 4], ['departed', 3]] as const);
    return {
      staffNo: `E${100001 + i}`,
      name: name.name,
      gender,
      branchCode: slot.branchCode,
      status,
      sequence,
      roles: [slot.role],
      mobile: uniqueMobile(rng, mobiles),
      email: uniqueEmail(name, emails),
      hiredOn: addDays(today, -Math.max(30, serviceDays)),
      gradeCode,
      gradeStep,
    };
  });
}

function pickDemoAccounts(staff: SeedStaff[], codes: ReturnType<typeof demoBranchCodes>): DemoAccount[] {
  const used = new Set<string>();
  return DEMO_ACCOUNTS.map((def) => {
    const branchCode = def.place === 'head_office' ? codes.headOffice : def.place === 'demo_outlet' ? codes.demoOutlet : codes.secondOutlet;
    const s = staff.find((x) => x.branchCode === branchCode && x.roles.includes(def.role) && x.status === 'active' && !used.has(x.staffNo));
    if (!s) throw new Error(`No ${def.role} in ${branchCode} for the demo account ${def.username}`);
    used.add(s.staffNo);
    return { ...def, staffNo: s.staffNo, name: s.name, branchCode };
  });
}

export function generateOrg(input: Partial<OrgSeedOptions> = {}): OrgPlan {
  const opts: OrgSeedOptions = { ...DEFAULT_ORG_OPTIONS, today: shanghaiToday(), ...input };
  if (opts.branches < 1 || opts.outletsPerBranch < 1 || opts.branches * opts.outletsPerBranch < 2) {
    throw new RangeError('The demo bank needs at least one branch and two outlets in all');
  }
  const rng = createRng(deriveSeed(opts.seed, 'org'));
  const branches = generateBranches(rng, opts);
  const staff = generateStaff(rng, planSlots(rng, branches, opts.staff), opts.today);
  const demoAccounts = pickDemoAccounts(staff, demoBranchCodes(opts.branches, opts.outletsPerBranch));
  const demoByStaffNo = new Map(demoAccounts.map((d) => [d.staffNo, d]));
  const users: SeedUser[] = staff.map((s) => {
    const demo = demoByStaffNo.get(s.staffNo);
    return {
      username: demo ? demo.username : s.staffNo.toLowerCase(),
      staffNo: s.staffNo,
      mustChangePassword: !demo,
      disabled: s.status === 'departed',
    };
  });
  const records = generateStaffRecords(createRng(deriveSeed(opts.seed, 'org-records')), staff, opts.today, {
    demoRmStaffNo: demoAccounts.find((d) => d.username === 'wrm')?.staffNo ?? null,
  });
  return { branches, staff, users, demoAccounts, ...records };
}
