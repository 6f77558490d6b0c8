// Masking and validation of personal data (个人信息). Pure functions: the server masks every
// response with them and the web uses the same validators to explain a typing error on the spot.

export type Problem = { zh: string; en: string };

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskResidentId(id: string): string {
  const s = id.trim();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

export function maskMobile(mobile: string): string {
  const s = mobile.replace(/\s|-/g, '');
  if (s.length < 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskCard(card: string): string {
  const s = card.replace(/\s|-/g, '');
  if (s.length <= 4) return '*'.repeat(s.length);
  return `****${s.slice(-4)}`;
}

export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}${'*'.repeat(Math.min(chars.length - 6, 10))}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Null when valid, otherwise what a clerk should be told. */
export function residentIdProblem(raw: string, today: Date = new Date()): Problem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { zh: '身份证号应为18位（最后一位可为X）', en: 'A resident ID has 18 characters (the last may be X)' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const validDate =
    birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d && y >= 1900;
  if (!validDate || birth.getTime() > today.getTime()) {
    return { zh: '身份证号中的出生日期无效', en: 'The birth date inside the resident ID is not a valid date' };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return { zh: '身份证号校验位不正确，请核对号码', en: 'The resident ID check digit is wrong: please re-check the number' };
  }
  return null;
}

export function birthDateFromResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function mobileProblem(raw: string): Problem | null {
  const s = raw.replace(/\s|-/g, '').replace(/^\+?86/, '');
  if (!/^1[3-9]\d{9}$/.test(s)) {
    return { zh: '手机号应为以1开头的11位数字', en: 'A mobile number has 11 digits and starts with 1' };
  }
  return null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = Number(digits[i]);
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

export function bankCardProblem(raw: string): Problem | null {
  const s = raw.replace(/\s|-/g, '');
  if (!/^\d{12,19}$/.test(s)) {
    return { zh: '银行卡号应为12至19位数字', en: 'A bank card number has 12 to 19 digits' };
  }
  if (!luhnValid(s)) {
    return { zh: '银行卡号校验不通过，请核对卡号', en: 'The card number fails its check digit: please re-check it' };
  }
  return null;
}
