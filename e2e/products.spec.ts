// The products journey: the wealth RM opens a customer of their book, sees the allocation panel,
// records a suitable sale and is refused an unsuitable one with the reason shown; head office edits
// a product in the catalogue. Data comes from the API, never hard-coded.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CustomerListItem } from '../contracts/customers';
import type { CustomerProducts, Product } from '../contracts/products';
import { chooseSaleProduct, fillSaleAmount, getJson, inputOf, launch, saleAnswer, shot, SHOTS, signedInPage, traceSaleChecks } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// The 360 page loads many panels at once; a busy test machine needs more than the default 30 s.
const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username, 90_000);

const json = getJson;

async function snapView(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe('a wealth RM sells to fit', () => {
  it('records a suitable sale, is refused an unsuitable one with the reason, and sees the allocation panel', async () => {
    const page = await as('wrm');
    const trace = traceSaleChecks(page);
    const list = await json<{ items: CustomerListItem[] }>(page, '/api/customers?pageSize=100&sort=aum_desc');
    // A customer with a valid assessment below C5, so an R5 fund is unsuitable for them.
    const customer = list.items.find((c) => c.status === 'active' && c.riskLevel && c.riskLevel !== 'C5' && c.riskLevel !== 'C1' && !c.riskExpired);
    expect(customer, 'a customer of the book with a valid C2–C4 assessment').toBeTruthy();
    const before = await json<CustomerProducts>(page, `/api/customers/${customer!.id}/products`);

    await page.goto(`/customers/${customer!.id}`);
    const panel = page.getByTestId('customer-products');
    await panel.waitFor();
    await panel.getByTestId('allocation-drift').waitFor();
    await expect(panel.getByTestId('cross-sell-ratio').textContent()).resolves.toContain(String(before.crossSellRatio));
    if (before.allocation.some((a) => a.actual !== '0.00')) await panel.getByTestId('allocation-chart').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await snapView(page, 'products-01-panel');

    // A suitable sale: an R2 bond fund for a C2–C4 customer.
    await panel.getByTestId('record-sale').click();
    await page.getByTestId('sale-amount').waitFor();
    await chooseSaleProduct(page, 'FD-BOND');
    await fillSaleAmount(page, '20000');
    // Whatever the dialog answers, a failure says what it was.
    expect(`${await saleAnswer(page, trace)} (customer ${customer!.id}, tier ${customer!.tierCode}, risk ${customer!.riskLevel})`).toMatch(/^sale-verdict true: /);
    await snapView(page, 'products-02-suitable');
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-amount').waitFor({ state: 'detached' });
    const after = await json<CustomerProducts>(page, `/api/customers/${customer!.id}/products`);
    expect(after.recentSales[0]).toMatchObject({ productCode: 'FD-BOND', status: 'completed' });
    await panel.getByTestId(`sale-row-${after.recentSales[0].id}`).waitFor();

    // An unsuitable one: an R5 fund is refused with the reason, and the button stays disabled.
    await panel.getByTestId('record-sale').click();
    await page.getByTestId('sale-amount').waitFor();
    await chooseSaleProduct(page, 'FD-TECH');
    await fillSaleAmount(page, '10000');
    // The server's verdict first (the dialog shows the same one): refused for the risk mismatch.
    const checked = await page.request.post(`/api/customers/${customer!.id}/sales/check`, { data: { productCode: 'FD-TECH', amount: '10000' }, headers: { Origin: baseUrl } });
    expect(checked.status(), await checked.text()).toBe(200);
    expect(await checked.json()).toMatchObject({ ok: false, reason: 'risk_mismatch' });
    expect(await saleAnswer(page, trace)).toMatch(/^sale-verdict false: /);
    const verdict = page.locator('[data-testid="sale-verdict"][data-ok="false"]');
    await expect(verdict.textContent()).resolves.toContain('R5');
    await expect(verdict.textContent()).resolves.toContain(customer!.riskLevel!);
    expect(await page.getByTestId('sale-submit').isDisabled()).toBe(true);
    await snapView(page, 'products-03-refused');
    const again = await json<CustomerProducts>(page, `/api/customers/${customer!.id}/products`);
    expect(again.recentSales.filter((s) => s.productCode === 'FD-TECH' && s.soldOn === after.recentSales[0].soldOn)).toHaveLength(0);
    await page.context().close();
  });
});

describe('head office maintains the catalogue', () => {
  it('edits a product and sees the rules and the sales report', async () => {
    const page = await as('admin');
    await page.goto('/products');
    await page.getByTestId('products-table').waitFor();
    const before = await json<Product>(page, '/api/products/WM-C182');
    await page.getByTestId('products-search').locator('input').fill('WM-C182');
    await page.keyboard.press('Enter');
    await page.getByTestId('product-edit-WM-C182').click();
    await page.getByTestId('product-form-yield').waitFor();
    const next = before.expectedYield === '2.75' ? '2.85' : '2.75';
    const yieldInput = page.getByTestId('product-form-yield');
    const input = await inputOf(yieldInput);
    await input.fill(next);
    await snapView(page, 'products-04-edit');
    await page.getByTestId('product-form-submit').click();
    await page.getByTestId('product-form-yield').waitFor({ state: 'detached' });
    expect((await json<Product>(page, '/api/products/WM-C182')).expectedYield).toBe(next);
    await page.getByTestId('products-search').locator('input').fill('');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    await shot(page, 'products-05-catalogue');

    await page.goto('/products/rules');
    await page.getByTestId('matrix-C3-R3').waitFor();
    await page.getByTestId('model-C3-equity').waitFor();
    await shot(page, 'products-06-rules');
    await page.goto('/products/sales-report');
    await page.locator('[data-testid="sales-report-table"] tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'products-07-report');
    await page.context().close();
  });
});
