// Every page of the foundation, as its users see it: screenshots for a person to look at, and the
// checks that the page shows real data (not an empty frame).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, shot, signIn } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function as(username: string, viewport: 'desktop' | 'tablet' | 'phone' = 'desktop'): Promise<Page> {
  const ctx = await newContext(browser, baseUrl, viewport);
  const page = await ctx.newPage();
  await signIn(page, username);
  await page.getByTestId('app-content').waitFor();
  return page;
}

describe('administrator pages', () => {
  it('branch tree, staff directory, profile, certificates, grades, roles, account', async () => {
    const page = await as('admin');
    await page.goto('/org/branches');
    await page.getByTestId('branch-node-HO').waitFor();
    await page.getByTestId('branch-node-BJ01').click();
    await expect.poll(() => page.getByTestId('branch-detail-name').textContent()).toBeTruthy();
    await shot(page, 'branches');

    await page.goto('/org/staff');
    await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(Number((await page.getByTestId('staff-total').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(300);
    await shot(page, 'staff-directory');
    const search = page.getByTestId('staff-search').locator('input').first();
    await search.fill('E10001');
    await search.press('Enter');
    await expect.poll(async () => Number((await page.getByTestId('staff-total').textContent())?.replace(/\D/g, ''))).toBeLessThan(300);
    await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('staff-profile').waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'staff-profile');

    await page.goto('/org/certificates');
    await page.getByTestId('certs-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'certificates-expiring');

    await page.goto('/org/grades');
    await expect.poll(() => page.getByTestId('grades-total-steps').textContent()).toContain('40');
    await shot(page, 'grades');

    await page.goto('/admin/roles');
    await page.getByTestId('roles-matrix').waitFor();
    await shot(page, 'role-permissions');

    await page.goto('/org/import');
    await page.getByTestId('import-submit').waitFor();
    await shot(page, 'import');

    await page.goto('/account');
    await page.getByTestId('account-profile').waitFor();
    await shot(page, 'account');
    await page.context().close();
  });
});

describe('auditor', () => {
  it('searches the audit log, which shows the sign-ins of this run', async () => {
    const page = await as('auditor');
    await page.goto('/audit');
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('audit-action').fill('auth.login');
    await page.getByTestId('audit-search').click();
    await expect.poll(async () => (await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').allTextContents()).join(' ')).toContain('auth.login');
    await shot(page, 'audit-log');
    await page.context().close();
  });
});

describe('small screens and English', () => {
  it('a wealth RM on a phone opens the menu from a drawer', async () => {
    const page = await as('wrm', 'phone');
    await shot(page, 'phone-home-wrm');
    await page.getByTestId('app-menu-button').click();
    await page.getByTestId('app-drawer').waitFor();
    await page.getByTestId('menu-staff').click();
    await page.getByTestId('staff-table').waitFor();
    await shot(page, 'phone-staff-wrm');
    await page.context().close();
  });

  it('a branch head on a tablet sees the branch tree', async () => {
    const page = await as('bhead', 'tablet');
    await page.goto('/org/branches');
    await page.getByTestId('branch-tree').waitFor();
    await shot(page, 'tablet-branches-bhead');
    await page.context().close();
  });

  it('switches to English and keeps it', async () => {
    const page = await as('wchead');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-home').textContent()).toContain('Home');
    await page.reload();
    await expect.poll(() => page.getByTestId('menu-home').textContent()).toContain('Home');
    await shot(page, 'home-english-wchead');
    await page.context().close();
  });
});
