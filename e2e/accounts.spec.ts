// Head office resets a staff member's password; the person signs in with the one-time password and
// must choose a new one before anything else.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newContext, shot, signIn } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('staff accounts', () => {
  it('an admin resets a password and the holder must change it at first sign-in', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signIn(page, 'admin');
    await page.getByTestId('app-menu').waitFor();
    const list = await (await page.request.get('/api/staff?role=noncash_teller&status=active&pageSize=50')).json();
    const person = (list.items as { id: number; staffNo: string; branchCode: string }[]).find((s) => !['BJ01', 'SH01'].includes(s.branchCode))!;
    await page.goto(`/org/staff/${person.id}`);
    await page.getByTestId('staff-account').waitFor();
    await expect.poll(() => page.getByTestId('account-username').textContent()).toBe(person.staffNo.toLowerCase());
    await page.getByTestId('account-reset').click();
    await page.getByTestId('account-reset-reason').fill('员工遗忘密码，本人持工牌申请');
    await page.getByTestId('account-reset-submit').click();
    const temp = (await page.getByTestId('account-temp-password').textContent())!.trim();
    expect(temp.length).toBeGreaterThanOrEqual(10);
    await shot(page, 'staff-account-reset');
    await ctx.close();

    const own = await newContext(browser, baseUrl, 'phone');
    const p2 = await own.newPage();
    await signIn(p2, person.staffNo.toLowerCase(), temp);
    await p2.getByTestId('password-forced').waitFor();
    await shot(p2, 'phone-forced-password-change');
    await p2.goto('/org/staff');
    await p2.getByTestId('password-forced').waitFor();
    expect(new URL(p2.url()).pathname).toBe('/account/password');
    await own.close();
  });
});
