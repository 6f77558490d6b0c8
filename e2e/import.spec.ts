// An administrator imports a staff file with two bad rows and sees the row report; nothing is written.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newContext, shot, signIn } from './support';

const baseUrl = inject('baseUrl');
const FILE = path.resolve(import.meta.dirname, '..', 'server', 'modules', 'org', 'fixtures', 'staff-with-two-bad-rows.xlsx');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('staff import', () => {
  it('reports the two bad rows by row and column and writes nothing', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signIn(page, 'admin');
    await page.getByTestId('menu-import').click();
    await page.getByTestId('import-kind-staff').check({ force: true });
    await page.getByTestId('import-mode-all').check({ force: true });
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(FILE);
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.getAttribute('data-committed')).toBe('false');
    const table = page.getByTestId('import-errors');
    await table.waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('4');
    expect(rows[0]).toContain('手机');
    expect(rows[1]).toContain('8');
    expect(rows[1]).toContain('ZZ99');
    await shot(page, 'import-two-bad-rows');
    const after = await (await page.request.get('/api/staff?q=E9000')).json();
    expect(after.total).toBe(0);

    // Importing the valid rows writes the other eight, and a second time nothing more.
    await page.getByTestId('import-mode-valid').check({ force: true });
    await page.getByTestId('import-submit').click();
    await expect.poll(async () => (await (await page.request.get('/api/staff?q=E9000')).json()).total).toBe(8);
    await shot(page, 'import-valid-rows');
    await ctx.close();
  });
});
