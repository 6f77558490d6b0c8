// Each demo role signs in and sees exactly the menu its permissions allow; a wealth RM who types
// the role-permissions address gets the "no access" page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_ROLE_PERMISSIONS, type RoleCode } from '../contracts/roles';
import { visibleMenu } from '../web/src/app/menu';
import { launch, newContext, shot, signIn } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const ACCOUNTS: [string, RoleCode][] = [
  ['admin', 'hq_admin'], ['auditor', 'auditor'], ['bhead', 'branch_head'], ['wchead', 'wealth_centre_head'], ['wrm', 'wealth_rm'],
  ['mrm', 'marketing_rm'], ['lobby', 'lobby_manager'], ['lassist', 'lobby_assistant'], ['guard', 'security_guard'],
  ['cteller', 'cash_teller'], ['nteller', 'noncash_teller'],
];

describe('menus by role', () => {
  for (const [username, role] of ACCOUNTS) {
    it(`${username} (${role}) sees exactly the menu of the role`, async () => {
      const ctx = await newContext(browser, baseUrl);
      const page = await ctx.newPage();
      await signIn(page, username);
      await page.getByTestId('app-menu').waitFor();
      await page.getByTestId('menu-home').waitFor();
      const shown = await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      const expected = visibleMenu(DEFAULT_ROLE_PERMISSIONS[role]).map((m) => m.testId);
      expect(shown.sort()).toEqual([...expected].sort());
      await page.getByTestId('home-banner').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `home-${username}`);
      await ctx.close();
    });
  }
});

describe('no access', () => {
  it('a wealth RM opening the role-permissions page gets the no-access page', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signIn(page, 'wrm');
    await page.getByTestId('app-menu').waitFor();
    await page.goto('/admin/roles');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('roles-matrix').count()).toBe(0);
    await shot(page, 'no-access-wrm-admin-roles');
    await ctx.close();
  });

  it('a signed-out visitor is sent to sign in', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await page.goto('/org/staff');
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'login');
    await ctx.close();
  });
});
