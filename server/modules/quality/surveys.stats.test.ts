import { describe, expect, it } from 'vitest';
import { allocate, branchSample, cochranN0, cochranSample, csat, meanScore, nps, npsClass, rankDrivers, separation } from './surveys.stats';
import { scoreAnswers } from './surveys.answers';
import type { SurveyDefinition } from '../../../contracts/surveys';

describe("Cochran's sample size", () => {
  it('n0 is 384 at 95% and ±5%', () => {
    expect(Math.round(cochranN0(0.95, 0.05))).toBe(384);
    expect(cochranSample(10_000_000)).toBe(385);
  });
  it('corrects for a finite population: N = 1,000 gives 278', () => {
    expect(cochranSample(1000)).toBe(278);
    expect(cochranSample(50)).toBe(45);
    expect(cochranSample(0)).toBe(0);
  });
  it('clamps a branch to 100–200 and never beyond its customers', () => {
    expect(branchSample(1000)).toBe(200);
    expect(branchSample(120)).toBe(100);
    expect(branchSample(60)).toBe(60);
    expect(branchSample(5000, { min: 100, max: 150 })).toBe(150);
  });
  it('allocates a sample to strata in proportion, adding up to the whole', () => {
    const parts = allocate(200, [{ key: 'a', population: 700 }, { key: 'b', population: 250 }, { key: 'c', population: 50 }]);
    expect(parts).toEqual([{ key: 'a', sample: 140 }, { key: 'b', sample: 50 }, { key: 'c', sample: 10 }]);
    const odd = allocate(10, [{ key: 'a', population: 10 }, { key: 'b', population: 10 }, { key: 'c', population: 10 }]);
    expect(odd.reduce((s, x) => s + x.sample, 0)).toBe(10);
  });
});

describe('satisfaction figures', () => {
  it('CSAT is the share of 4s and 5s with a Wilson interval', () => {
    const f = csat(80, 100);
    expect(f.value).toBe(80);
    expect(f.low).toBeCloseTo(71.12, 1);
    expect(f.high).toBeCloseTo(86.66, 1);
    expect(csat(0, 0).value).toBeNull();
  });
  it('NPS and its 95% interval from promoters and detractors', () => {
    // 5 promoters, 2 passives, 3 detractors: NPS 20; var = .5 + .3 − .2² = .76; half = 1.96·√(.076).
    const f = nps(5, 3, 10);
    expect(f.value).toBe(20);
    expect(f.low).toBeCloseTo(20 - 54.03, 1);
    expect(f.high).toBeCloseTo(20 + 54.03, 1);
    expect(nps(10, 0, 10)).toEqual({ value: 100, low: 100, high: 100 });
    expect(npsClass(9)).toBe('promoter');
    expect(npsClass(7)).toBe('passive');
    expect(npsClass(6)).toBe('detractor');
  });
  it('mean score with its interval from the sums', () => {
    // 3, 4, 5: mean 4, sd 1, half = 1.96 / √3.
    const m = meanScore(3, 12, 50);
    expect(m.value).toBe(4);
    expect(m.low).toBeCloseTo(4 - 1.1316, 3);
    expect(m.sd).toBeCloseTo(1, 6);
  });
  it('ranks the indicators that pull satisfaction down: low score weighted by correlation', () => {
    const ranked = rankDrivers([
      { code: 'environment', mean: 3.0, correlation: 0.1 },
      { code: 'attitude', mean: 3.6, correlation: 0.8 },
      { code: 'efficiency', mean: 3.2, correlation: 0.6 },
      { code: 'products', mean: 4.5, correlation: -0.2 },
    ]);
    expect(ranked.map((r) => r.code)).toEqual(['attitude', 'efficiency', 'environment', 'products']);
    expect(ranked[0].impact).toBeCloseTo((1.4 / 4) * 0.8, 4);
    expect(ranked[1].impact).toBeCloseTo((1.8 / 4) * 0.6, 4);
    expect(ranked[3].impact).toBe(0);
  });
  it('flags a branch whose interval cannot separate it from the bank average', () => {
    expect(separation({ n: 20, mean: 4.1, sd: 1 }, 4.0).tooSmall).toBe(true);
    const far = separation({ n: 400, mean: 3.5, sd: 1 }, 4.0);
    expect(far.tooSmall).toBe(false);
    expect(far.neededN).toBe(16);
  });
});

const def: SurveyDefinition = {
  indicators: [{ code: 'attitude', zh: '服务态度', en: 'Attitude' }, { code: 'efficiency', zh: '效率', en: 'Efficiency' }],
  sections: [{
    code: 's1', titleZh: '服务', titleEn: 'Service', questions: [
      { code: 'q1', kind: 'rating', textZh: '态度', textEn: 'Attitude', required: true, indicator: 'attitude' },
      { code: 'q2', kind: 'rating', textZh: '礼貌', textEn: 'Courtesy', required: true, indicator: 'attitude' },
      { code: 'q3', kind: 'rating', textZh: '速度', textEn: 'Speed', required: true, indicator: 'efficiency' },
      { code: 'q4', kind: 'rating', textZh: '总体', textEn: 'Overall', required: true, overall: true },
      { code: 'q5', kind: 'nps', textZh: '推荐', textEn: 'Recommend', required: true },
      { code: 'q6', kind: 'multiple', textZh: '渠道', textEn: 'Channels', required: false, options: [{ code: 'app', zh: '手机银行', en: 'App' }, { code: 'branch', zh: '网点', en: 'Branch' }] },
      { code: 'q7', kind: 'text', textZh: '建议', textEn: 'Suggestions', required: false },
    ],
  }],
};

describe('scoring answers', () => {
  it('averages each indicator, takes overall and NPS, and fingerprints the answers whatever their order', () => {
    const a = scoreAnswers(def, [
      { question: 'q1', value: 4 }, { question: 'q2', value: 5 }, { question: 'q3', value: 2 }, { question: 'q4', value: 3 },
      { question: 'q5', value: 6 }, { question: 'q6', value: ['app'] }, { question: 'q7', value: ' 排队太久 ' },
    ]);
    if (a.problems.length) throw new Error('unexpected problems');
    if (!('scored' in a)) throw new Error('not scored');
    expect(a.scored.scores).toEqual({ attitude: 4.5, efficiency: 2 });
    expect(a.scored.overall).toBe(3);
    expect(a.scored.nps).toBe(6);
    expect(a.scored.comment).toBe('排队太久');
    const b = scoreAnswers(def, [
      { question: 'q7', value: '排队太久' }, { question: 'q6', value: ['app'] }, { question: 'q5', value: 6 }, { question: 'q4', value: 3 },
      { question: 'q3', value: 2 }, { question: 'q2', value: 5 }, { question: 'q1', value: 4 },
    ]);
    expect('scored' in b && b.scored.fingerprint).toBe(a.scored.fingerprint);
  });
  it('names every problem in both languages', () => {
    const r = scoreAnswers(def, [{ question: 'q1', value: 6 }, { question: 'zz', value: 1 }, { question: 'q6', value: ['atm'] }]);
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['q1', 'zz', 'q6', 'q2', 'q3', 'q4', 'q5']));
    expect(r.problems.every((p) => /[\u4e00-\u9fff]/.test(p.zh) && /[a-z]/i.test(p.en))).toBe(true);
  });
});
