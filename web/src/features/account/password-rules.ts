// The password policy as the server enforces it, repeated here so the user sees each rule turn
// green while typing instead of learning them one rejected attempt at a time.
export type PasswordChecks = { length: boolean; classes: boolean; notUsername: boolean };

export const MIN_PASSWORD_LENGTH = 10;

export function characterClasses(pw: string): number {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}

export function checkPassword(pw: string, username: string): PasswordChecks {
  const u = username.trim().toLowerCase();
  return {
    length: pw.length >= MIN_PASSWORD_LENGTH,
    classes: characterClasses(pw) >= 3,
    notUsername: pw.length > 0 && (u === '' || !pw.toLowerCase().includes(u)),
  };
}

export const passwordOk = (c: PasswordChecks) => c.length && c.classes && c.notUsername;
