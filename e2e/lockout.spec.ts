// Five wrong passwords in a row lock an account for 15 minutes, even against the right password.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, launch, newContext, shot, signIn } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('lockout', () => {
  it('locks an account after five wrong passwords and says so', async () => {
    // A seeded teller's own account (username = staff number), so the demo accounts stay usable.
    const admin = await newContext(browser, baseUrl);
    const ap = await admin.newPage();
    await signIn(ap, 'admin');
    await ap.getByTestId('app-menu').waitFor();
    const list = await (await ap.request.get('/api/staff?role=cash_teller&status=active&pageSize=50')).json();
    // Outside the two demo outlets, every account is named by its staff number.
    const victim = (list.items as { staffNo: string; branchCode: string }[]).find((s) => !['BJ01', 'SH01'].includes(s.branchCode))!.staffNo.toLowerCase();
    await admin.close();

    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    for (let i = 1; i <= 5; i++) {
      await signIn(page, victim, `wrong-password-${i}`);
      const err = page.getByTestId('login-error');
      await err.waitFor();
      if (i < 5) await expect.poll(() => err.textContent()).toContain(`再错${5 - i}次`);
    }
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/锁定/);
    await shot(page, 'login-locked');
    await signIn(page, victim, DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/锁定/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await ctx.close();
  });
});
