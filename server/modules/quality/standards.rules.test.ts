import { describe, expect, it } from 'vitest';
import { inspectionScore, isSmart, smartMissing } from './standards.rules';

const full = { specific: '3秒内问候', measurable: '3秒', achievable: '轮值', relevant: '客户被关注', timeBound: '进门3秒内' };

describe('SMART check', () => {
  it('accepts a standard with all five written', () => {
    expect(smartMissing(full)).toEqual([]);
    expect(isSmart(full)).toBe(true);
  });
  it('names the letters that are missing, blank counting as missing', () => {
    expect(smartMissing({ ...full, measurable: '', timeBound: '   ' })).toEqual(['M', 'T']);
    expect(isSmart({ ...full, relevant: '' })).toBe(false);
  });
});

describe('inspection score', () => {
  it('is the points over the points possible, to two decimals', () => {
    expect(inspectionScore([{ score: 5 }, { score: 4 }, { score: 3 }])).toBe('80.00');
    expect(inspectionScore([{ score: 5 }, { score: 5 }, { score: 4 }])).toBe('93.33');
    expect(inspectionScore([{ score: 0 }])).toBe('0.00');
    expect(inspectionScore([])).toBe('0.00');
  });
});
