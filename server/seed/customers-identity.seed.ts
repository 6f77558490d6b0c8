// Identity numbers of the demo customers: resident IDs (GB 11643) on real region codes, mobiles,
// bank-card and account numbers. Pure. Uniqueness comes by construction (keyed permutations of a
// counter) or from a compact number set, so that a million customers need no million-string Set.
import { residentIdCheckChar } from '../../contracts/personal-data';
import { dayNumber } from './customers-dates.seed';
import type { Rng } from './random';

/** murmur3's finaliser: a good 32-bit mix for seeding per-customer streams and permutations. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export type Permutation = (index: number) => number;

/**
 * A keyed bijection of [0, domain): a four-round Feistel network on the next even bit width, with
 * cycle-walking back into the domain. Consecutive counters map to scattered, never-repeating values.
 */
export function createPermutation(key: number, domain: number): Permutation {
  let bits = Math.max(2, Math.ceil(Math.log2(domain)));
  if (bits % 2 === 1) bits++;
  const half = bits / 2;
  if (half > 26) throw new RangeError('permutation domain too large');
  const size = 2 ** half;
  const keys = [1, 2, 3, 4].map((r) => mix32(key ^ Math.imul(r, 0x9e3779b1)));
  const once = (x: number): number => {
    let l = Math.floor(x / size);
    let r = x % size;
    for (const k of keys) {
      const f = mix32(r ^ k) % size;
      [l, r] = [r, (l ^ f) % size];
    }
    return l * size + r;
  };
  return (index: number) => {
    if (index < 0 || index >= domain) throw new RangeError(`permutation index ${index} outside [0, ${domain})`);
    let y = once(index);
    while (y >= domain) y = once(y);
    return y;
  };
}

/** A set of non-negative integers below 2^53 in one typed array (open addressing, doubling). */
export class NumberSet {
  private slots = new Float64Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the key; false when it was already there. */
  add(key: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    return this.insert(this.slots, key + 1);
  }

  private insert(slots: Float64Array, stored: number): boolean {
    const mask = slots.length - 1;
    let i = mix32((stored % 4294967296) ^ Math.floor(stored / 4294967296)) & mask;
    for (;;) {
      const v = slots[i];
      if (v === 0) {
        slots[i] = stored;
        if (slots === this.slots) this.count++;
        return true;
      }
      if (v === stored) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const next = new Float64Array(old.length * 2);
    for (const v of old) if (v !== 0) this.insert(next, v);
    this.slots = next;
  }
}

// ---------------------------------------------------------------------------------------------
// Resident IDs

/** A GB/T 2260 county-level code; `since` marks a district created lately, `before` its older codes. */
export type RegionCode = { code: string; since?: number; before?: readonly string[] };

/**
 * Codes of the districts in places.ts, in the order of each city's `districts`. Functional zones that
 * are not administrative districts (高新, 工业园) carry the code of the district that registers them.
 */
export const CITY_REGION_CODES: readonly (readonly RegionCode[])[] = [
  // 北京: 朝阳 海淀 西城 东城 丰台 通州 昌平 大兴
  [{ code: '110105' }, { code: '110108' }, { code: '110102', before: ['110104'] }, { code: '110101', before: ['110103'] },
    { code: '110106' }, { code: '110112' }, { code: '110114' }, { code: '110115' }],
  // 上海: 浦东新 黄浦 徐汇 静安 长宁 闵行 杨浦 普陀
  [{ code: '310115' }, { code: '310101', before: ['310103'] }, { code: '310104' }, { code: '310106', before: ['310108'] },
    { code: '310105' }, { code: '310112' }, { code: '310110' }, { code: '310107' }],
  // 广州: 天河 越秀 海珠 荔湾 白云 番禺 黄埔 南沙
  [{ code: '440106' }, { code: '440104', before: ['440102'] }, { code: '440105' }, { code: '440103' },
    { code: '440111' }, { code: '440113' }, { code: '440112' }, { code: '440115', since: 2005, before: ['440113'] }],
  // 深圳: 福田 南山 罗湖 宝安 龙岗 龙华
  [{ code: '440304' }, { code: '440305' }, { code: '440303' }, { code: '440306' }, { code: '440307' },
    { code: '440309', since: 2016, before: ['440306'] }],
  // 杭州: 西湖 上城 拱墅 滨江 萧山 余杭
  [{ code: '330106' }, { code: '330102', before: ['330104'] }, { code: '330105', before: ['330103'] }, { code: '330108' },
    { code: '330109' }, { code: '330110' }],
  // 南京: 鼓楼 玄武 秦淮 建邺 江宁 栖霞
  [{ code: '320106', before: ['320107'] }, { code: '320102' }, { code: '320104', before: ['320103'] }, { code: '320105' },
    { code: '320115' }, { code: '320113' }],
  // 成都: 锦江 青羊 武侯 成华 金牛 高新
  [{ code: '510104' }, { code: '510105' }, { code: '510107' }, { code: '510108' }, { code: '510106' }, { code: '510107' }],
  // 武汉: 江汉 武昌 洪山 江岸 汉阳 东湖高新
  [{ code: '420103' }, { code: '420106' }, { code: '420111' }, { code: '420102' }, { code: '420105' }, { code: '420111' }],
  // 西安: 雁塔 碑林 新城 莲湖 未央 高新
  [{ code: '610113' }, { code: '610103' }, { code: '610102' }, { code: '610104' }, { code: '610112' }, { code: '610113' }],
  // 天津: 和平 河西 南开 河东 滨海新 西青
  [{ code: '120101' }, { code: '120103' }, { code: '120104' }, { code: '120102' }, { code: '120116', since: 2009, before: ['120107'] },
    { code: '120111' }],
  // 重庆: 渝中 江北 南岸 九龙坡 沙坪坝 渝北
  [{ code: '500103' }, { code: '500105' }, { code: '500108' }, { code: '500107' }, { code: '500106' }, { code: '500112' }],
  // 苏州: 姑苏 工业园 吴中 相城 虎丘 吴江
  [{ code: '320508', since: 2012, before: ['320502', '320503', '320504'] }, { code: '320506' }, { code: '320506' },
    { code: '320507' }, { code: '320505' }, { code: '320509', since: 2012, before: ['320584'] }],
];

/** Where people who moved to the big cities were born: a spread of provincial and prefecture seats. */
export const MIGRANT_REGION_CODES: readonly string[] = [
  '410102', '411302', '430102', '430602', '370102', '371002', '130102', '130602', '340102', '360102', '361002',
  '350102', '210102', '230102', '220102', '140105', '450102', '530102', '520102', '421102', '420502', '330302',
  '320202', '441302', '440402', '510302',
];

/** Share of residents born elsewhere, by city index (the rest hold a local code). */
export function migrantShare(cityIndex: number): number {
  return [0.35, 0.35, 0.4, 0.65, 0.35, 0.3, 0.25, 0.25, 0.25, 0.25, 0.2, 0.4][cityIndex % CITY_REGION_CODES.length] ?? 0.3;
}

/** The region code a person born in `birthYear` in that district would carry. */
export function regionCodeFor(rng: Rng, cityIndex: number, districtIndex: number, birthYear: number): string {
  if (rng.chance(migrantShare(cityIndex))) return rng.pick(MIGRANT_REGION_CODES);
  const list = CITY_REGION_CODES[cityIndex % CITY_REGION_CODES.length];
  const r = list[districtIndex % list.length];
  if (r.since && birthYear < r.since && r.before) return rng.pick(r.before);
  // Older residents of merged districts were often registered under the old code.
  if (r.before && !r.since && birthYear < 1990 && rng.chance(0.3)) return rng.pick(r.before);
  return r.code;
}

/**
 * An 18-character resident ID not handed out before (per `taken`): region, birth date, a 3-digit
 * sequence whose last digit is odd for men and even for women, and the GB 11643 check character.
 */
export function uniqueResidentId(rng: Rng, region: string, birthDate: string, gender: 'M' | 'F', taken: NumberSet): string {
  const day = dayNumber(birthDate) + 25_567;
  for (;;) {
    const seq = rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0);
    if (!taken.add((Number(region) * 50_000 + day) * 1000 + seq)) continue;
    const first17 = `${region}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return first17 + residentIdCheckChar(first17);
  }
}

// ---------------------------------------------------------------------------------------------
// Phones and cards

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158',
  '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
] as const;

/** Mobiles: a random prefix and 8 digits that are a permutation of the customer's index (unique). */
export function mobileFactory(key: number): (rng: Rng, index: number) => string {
  const perm = createPermutation(key, 100_000_000);
  return (rng, index) => rng.pick(MOBILE_PREFIXES) + String(perm(index)).padStart(8, '0');
}

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  // Doubling starts at the rightmost body digit, since the check digit will follow it.
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let n = body.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A card-number series: a 6-digit BIN, a serial that is a permutation of a counter, a Luhn digit. */
export function cardSeries(key: number, bin: string, length: 16 | 19): () => string {
  const serialDigits = length - bin.length - 1;
  const perm = createPermutation(key, 10 ** serialDigits);
  let counter = 0;
  return () => {
    const body = bin + String(perm(counter++)).padStart(serialDigits, '0');
    return body + luhnCheckDigit(body);
  };
}

/**
 * mulberry32 like random.ts, as one object re-seeded per customer: a fresh createRng per customer
 * would allocate a set of closures a million times.
 */
export class ReseedableRng implements Rng {
  private state = 0;

  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}
