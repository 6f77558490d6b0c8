import { describe, expect, it } from 'vitest';
import {
  addYears, ageOn, fromCents, isRealDate, likeLiteral, maskCustomerRecord, MASKED, maskPersonal, nextTierProgress, reversed,
  riskDueForRenewal, riskValidity, searchTerms, tierBasisAmount, toCents, type CustomerRecord,
} from './customers.rules';

const kinds = (q: string) => searchTerms(q).map((t) => t.kind);

describe('search terms from the shape of q', () => {
  it('reads a name fragment, a customer number and digits', () => {
    expect(searchTerms('张三')).toEqual([{ kind: 'name', term: '张三' }]);
    expect(searchTerms('  Li  Wei ')).toEqual([{ kind: 'name', term: 'Li Wei' }]);
    expect(searchTerms('c2026001')).toEqual([{ kind: 'customerNo', term: 'C2026001' }]);
    expect(searchTerms('vip')).toEqual([{ kind: 'customerNo', term: 'VIP' }, { kind: 'name', term: 'vip' }]);
    expect(kinds('1234')).toEqual(['customerNo', 'mobile', 'residentId', 'card']);
    expect(kinds('123')).toEqual(['customerNo']);
    expect(kinds('138 1234 5678')).toEqual(['customerNo', 'mobile', 'residentId', 'card']);
    expect(searchTerms('138-1234-5678').find((t) => t.kind === 'mobile')!.term).toBe('13812345678');
  });

  it('reads a mobile with a country code, resident IDs and long card numbers', () => {
    expect(searchTerms('+86 138 1234 5678')).toEqual([{ kind: 'mobile', term: '13812345678' }]);
    expect(searchTerms('11010519491231002x')).toEqual([{ kind: 'residentId', term: '11010519491231002X' }]);
    expect(kinds('110105194912310021')).toEqual(['residentId', 'card']);
    expect(searchTerms('002x')).toEqual([{ kind: 'residentId', term: '002X' }]);
    expect(kinds('6222021234567890123')).toEqual(['customerNo', 'card']);
    expect(kinds('622202123456')).toEqual(['customerNo', 'residentId', 'card']);
  });

  it('escapes LIKE wildcards and reverses text by code point', () => {
    expect(likeLiteral('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(reversed('张三1234')).toBe('4321三张');
  });
});

describe('risk assessment validity', () => {
  it('holds for one year through the anniversary, expired the day after', () => {
    expect(riskValidity('2025-03-10', '2026-03-10')).toEqual({ validUntil: '2026-03-10', expired: false });
    expect(riskValidity('2025-03-10', '2026-03-11')).toEqual({ validUntil: '2026-03-10', expired: true });
    expect(riskValidity('2024-02-29', '2025-03-01').validUntil).toBe('2025-02-28');
  });
  it('is due for renewal when missing or older than eleven months', () => {
    expect(riskDueForRenewal(null, '2026-06-15')).toBe(true);
    expect(riskDueForRenewal('2025-07-15', '2026-06-15')).toBe(true);
    expect(riskDueForRenewal('2025-07-16', '2026-06-15')).toBe(false);
  });
  it('checks calendar dates and ages', () => {
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(ageOn('1980-06-15', '2026-06-14')).toBe(45);
    expect(ageOn('1980-06-15', '2026-06-15')).toBe(46);
    expect(ageOn(null, '2026-06-15')).toBeNull();
  });
});

describe('money and tier progress on decimal strings', () => {
  it('converts yuan to cents and back without floats', () => {
    expect(toCents('0.1') + toCents('0.2')).toBe(30n);
    expect(fromCents(toCents('1234567890123456.7'))).toBe('1234567890123456.70');
    expect(fromCents(toCents('-5.05'))).toBe('-5.05');
    expect(() => toCents('1e5')).toThrow();
  });
  it('picks the basis the settings name', () => {
    const aum = { m1: '480000.00', m3: '520000.50', m6: '300000' };
    expect(tierBasisAmount('max_m1_m3', aum)).toBe('520000.50');
    expect(tierBasisAmount('m1', aum)).toBe('480000.00');
    expect(tierBasisAmount('m6', aum)).toBe('300000.00');
  });
  it('computes the gap and the percentage, rounding down and clamping', () => {
    expect(nextTierProgress('300000.00', '500000.00')).toEqual({ gap: '200000.00', percent: 60 });
    expect(nextTierProgress('499999.99', '500000')).toEqual({ gap: '0.01', percent: 99.9 });
    expect(nextTierProgress('600000', '500000')).toEqual({ gap: '0.00', percent: 100 });
    expect(nextTierProgress('-10', '500000')).toEqual({ gap: '500010.00', percent: 0 });
  });
});

describe('masking a customer record', () => {
  const record: CustomerRecord = {
    name: '欧阳明月',
    residentId: '110105194912310021',
    mobile: '13812345678',
    address: '北京市东城区东长安街1号',
    aum: { current: '1000.00', m1: '900.00', m3: '800.00', m6: '700.00' },
    holdings: [{ accountNo: '6222020000001234', cardNo: '6222021234567890', balance: '1000.00' }],
    aumTrend: [{ month: '2026-10-01', avgAum: '900.00', endAum: '1000.00', contribution: '12.00' }],
    contribution12m: '12.00',
  };
  it('masks personal data and balances by default', () => {
    const m = maskCustomerRecord(record, MASKED);
    expect(m).toMatchObject({ name: '欧**月', residentId: '110105********0021', mobile: '138****5678', contribution12m: null });
    expect(m.address).toBe('北京市东城区******');
    expect(m.aum).toEqual({ current: null, m1: null, m3: null, m6: null });
    expect(m.holdings[0]).toEqual({ accountNo: '****1234', cardNo: '****7890', balance: null });
    expect(m.aumTrend[0]).toEqual({ month: '2026-10-01', avgAum: null, endAum: null, contribution: null });
  });
  it('shows balances to a revealer but keeps identity masked, and shows only revealed fields', () => {
    const m = maskCustomerRecord(record, { balances: true, fields: [] });
    expect(m.aum.current).toBe('1000.00');
    expect(m.holdings[0].balance).toBe('1000.00');
    expect(m.holdings[0].accountNo).toBe('****1234');
    expect(m.mobile).toBe('138****5678');
    const p = maskPersonal(record, { balances: false, fields: ['mobile'] });
    expect(p).toMatchObject({ mobile: '13812345678', name: '欧**月' });
    expect(maskPersonal({ ...record, mobile: null, residentId: null }, MASKED)).toMatchObject({ mobile: null, residentId: null });
  });
});
