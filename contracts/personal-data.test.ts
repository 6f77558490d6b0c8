import { describe, expect, it } from 'vitest';
import {
  bankCardProblem, birthDateFromResidentId, luhnValid, maskCard, maskMobile, maskName, maskResidentId, mobileProblem,
  residentIdCheckChar, residentIdProblem,
} from './personal-data';

describe('masking', () => {
  it('masks names, IDs, mobiles and cards as the bank shows them', () => {
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('李娜')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskResidentId('110101199003071234')).toBe('110101********1234');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskCard('6222021234567891234')).toBe('****1234');
  });
});

describe('resident ID (GB 11643)', () => {
  // 11010519491231002X is the standard's own worked example.
  it('computes the check character of the standard example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
  });
  it('explains each kind of mistake', () => {
    expect(residentIdProblem('1101051949123100')?.zh).toContain('18位');
    expect(residentIdProblem('110105194912310021')?.zh).toContain('校验位');
    expect(residentIdProblem('110105194902300025')?.zh).toContain('出生日期');
    expect(residentIdProblem('110105299901010021', new Date('2026-11-28'))?.en).toContain('birth date');
  });
  it('reads the birth date', () => {
    expect(birthDateFromResidentId('11010519491231002X')).toBe('1949-12-31');
  });
});

describe('mobile and bank card', () => {
  it('accepts mainland mobiles with or without +86 and spaces', () => {
    expect(mobileProblem('13812345678')).toBeNull();
    expect(mobileProblem('+86 138 1234 5678')).toBeNull();
    expect(mobileProblem('12812345678')?.zh).toContain('11位');
    expect(mobileProblem('1381234567')).not.toBeNull();
  });
  it('checks card numbers with Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(bankCardProblem('4111 1111 1111 1111')).toBeNull();
    expect(bankCardProblem('4111111111111112')?.zh).toContain('校验');
    expect(bankCardProblem('12345')?.en).toContain('12 to 19');
  });
});
