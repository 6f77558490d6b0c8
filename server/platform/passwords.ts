// argon2id hashing and the password policy (a clerk sees which rule failed, in both languages).
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export type PolicyProblem = { zh: string; en: string };

/** Null when the new password is acceptable. */
export function passwordPolicyProblem(password: string, username: string): PolicyProblem | null {
  if (password.length < 10) return { zh: '密码至少需要10个字符', en: 'The password needs at least 10 characters' };
  if (password.length > 128) return { zh: '密码不能超过128个字符', en: 'The password may have at most 128 characters' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) {
    return {
      zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'The password needs at least three of: upper-case, lower-case, digits, symbols',
    };
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { zh: '密码不能包含用户名', en: 'The password must not contain the username' };
  }
  return null;
}
