// The customers journey: a wealth RM finds a customer of their book by the tail of the mobile number,
// opens the 360 page, reveals the resident ID for a stated reason (which the auditor then finds in
// the audit log) and books a lounge visit; an administrator raises the gold threshold and runs the
// tier evaluation; the value-added services report. Data comes from the API, never hard-coded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CustomerListItem } from '../contracts/customers';
import type { CustomerPrivileges, Privilege } from '../contracts/privileges';
import type { Tier } from '../contracts/tiers';
import type { Branch, StaffSummary } from '../contracts/org';
import { residentIdCheckChar } from '../contracts/personal-data';
import { inputOf, launch, shot, signedInPage, SHOTS, VIEWPORTS } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// The 360 page loads many panels at once; a busy test machine needs more than the default 30 s.
const as = (username: string, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<Page> => signedInPage(browser, baseUrl, username, 90_000, viewport);

async function json<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url} answered ${res.status()}`).toBe(200);
  return (await res.json()) as T;
}

const rowsOf = (table: Locator) => table.locator('tbody tr.ant-table-row');

/** A full-page shot from the top: a scrolled page would catch the sticky header and menu mid-page. */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** What is on screen only: a dialog over a long page. */
async function snapView(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

type Pick = { customer: CustomerListItem; tail: string; lounge: CustomerPrivileges['items'][number] };

/**
 * A customer of the RM's book with a mobile number and a lounge visit left this year, below the top
 * tier if there is one (so the 360 page shows the progress to the next tier).
 */
async function customerToServe(page: Page): Promise<Pick> {
  const list = await json<{ items: CustomerListItem[]; total: number }>(page, '/api/customers?pageSize=50&sort=aum_desc');
  expect(list.total).toBeGreaterThan(0);
  const ladder = await json<Tier[]>(page, '/api/tiers');
  const top = ladder.reduce((a, b) => (b.rank > a.rank ? b : a)).code;
  const candidates = [...list.items.filter((c) => c.tierCode !== top), ...list.items.filter((c) => c.tierCode === top)];
  for (const c of candidates) {
    const tail = c.mobile?.match(/(\d{4})$/)?.[1];
    if (!tail || c.status === 'closed') continue;
    const priv = await json<CustomerPrivileges>(page, `/api/customers/${c.id}/privileges`);
    const lounge = priv.items.find((l) => l.code.includes('lounge') && l.active && l.remaining > 0);
    if (lounge) return { customer: c, tail, lounge };
  }
  throw new Error('no customer of this RM has a mobile and a lounge visit left');
}

describe('a wealth RM serves a customer', () => {
  let picked: Pick;

  it('finds the customer by mobile tail, reveals the ID with a reason and books a lounge visit', async () => {
    const page = await as('wrm');
    picked = await customerToServe(page);
    const { customer, tail, lounge } = picked;

    // The list of the RM's book.
    await page.getByTestId('menu-customers').click();
    await rowsOf(page.getByTestId('customers-table')).first().waitFor();
    expect(Number((await page.getByTestId('customers-total').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    const firstName = await rowsOf(page.getByTestId('customers-table')).first().locator('td').nth(1).textContent();
    expect(firstName).toContain('*');
    await snap(page, 'customers-list');

    // The header search by the last four digits of the mobile.
    const box = page.getByTestId('customer-search').locator('input');
    await box.fill(tail);
    const option = page.getByTestId(`customer-search-option-${customer.customerNo}`);
    await option.waitFor();
    expect(await option.textContent()).toContain('*');
    await snapView(page, 'customer-search');
    await option.click();
    await page.getByTestId('customer-360').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${customer.id}`);
    expect(await page.getByTestId('customer-name').textContent()).toContain('*');
    const maskedId = (await page.getByTestId('customer-resident-id').textContent()) ?? '';
    if (customer.tierCode !== (await json<Tier[]>(page, '/api/tiers')).reduce((a, b) => (b.rank > a.rank ? b : a)).code) {
      await page.getByTestId('customer-tier-progress').waitFor();
    }
    await page.getByTestId('customer-holdings').waitFor();
    await page.getByTestId('customer-privileges').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await snap(page, 'customer-360');

    // Reveal: a reason is required, then the full ID shows and the page marks it.
    await page.getByTestId('customer-reveal').click();
    await page.getByTestId('reveal-dialog').waitFor();
    await page.getByTestId('reveal-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('reveal-reason').fill('客户来电办理业务，核实身份');
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await snapView(page, 'customer-reveal-dialog');
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('reveal-result').waitFor();
    const fullId = ((await page.getByTestId('reveal-resident-id').textContent()) ?? '').trim();
    if (maskedId.includes('*')) {
      expect(fullId).toMatch(/^\d{17}[\dX]$/);
      expect(fullId.slice(-4)).toBe(maskedId.trim().slice(-4));
    }
    await snapView(page, 'customer-reveal-result');
    await page.getByTestId('reveal-close').click();
    await page.getByTestId('customer-revealed').waitFor();
    if (fullId) expect(await page.getByTestId('customer-resident-id').textContent()).toContain(fullId);

    // Book a lounge visit from the service's row; the quota left goes down by one.
    const row = page.getByTestId(`privilege-row-${lounge.code}`);
    expect(await row.getAttribute('data-remaining')).toBe(String(lounge.remaining));
    await page.getByTestId(`book-${lounge.code}`).click();
    await page.getByTestId('book-dialog').waitFor();
    await page.getByTestId('book-form-note').fill('航班 CA1831 首都机场T3');
    await snapView(page, 'customer-booking-dialog');
    await page.getByTestId('book-form-submit').click();
    await expect.poll(() => row.getAttribute('data-remaining')).toBe(String(lounge.remaining - 1));
    const after = await json<CustomerPrivileges>(page, `/api/customers/${customer.id}/privileges`);
    const line = after.items.find((l) => l.code === lounge.code);
    expect(line?.booked).toBe(lounge.booked + 1);
    const booking = line?.uses.find((u) => u.status === 'booked' && u.note.includes('CA1831'));
    expect(booking).toBeTruthy();
    // The booking shows under the service, with its cancel button.
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId(`use-row-${booking!.id}`).waitFor();
    await page.getByTestId(`use-cancel-${booking!.id}`).waitFor();
    await snap(page, 'customer-booking');

    // A second booking, cancelled: the quota comes back.
    await page.getByTestId(`book-${lounge.code}`).click();
    await page.getByTestId('book-dialog').waitFor();
    await page.getByTestId('book-form-note').fill('临时预约，稍后取消');
    await page.getByTestId('book-form-submit').click();
    await expect.poll(() => row.getAttribute('data-remaining')).toBe(String(lounge.remaining - 2));
    const second = (await json<CustomerPrivileges>(page, `/api/customers/${customer.id}/privileges`)).items
      .find((l) => l.code === lounge.code)
      ?.uses.find((u) => u.status === 'booked' && u.note.includes('稍后取消'));
    expect(second).toBeTruthy();
    await page.getByTestId(`use-cancel-${second!.id}`).click();
    await page.getByTestId('use-cancel-confirm').click();
    await expect.poll(() => row.getAttribute('data-remaining')).toBe(String(lounge.remaining - 1));
    await expect.poll(() => page.getByTestId(`use-row-${second!.id}`).getAttribute('data-status')).toBe('cancelled');

    // Both facts are on the customer's timeline.
    const timeline = page.getByTestId('customer-timeline');
    await expect.poll(async () => timeline.locator('[data-kind="reveal"]').count()).toBeGreaterThan(0);
    await expect.poll(async () => timeline.locator('[data-kind^="privilege"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the auditor finds the reveal in the audit log', async () => {
    const page = await as('auditor');
    await page.goto('/audit');
    await rowsOf(page.getByTestId('audit-table')).first().waitFor();
    await page.getByTestId('audit-action').fill('customer.reveal');
    await page.getByTestId('audit-search').click();
    await expect
      .poll(async () => (await rowsOf(page.getByTestId('audit-table')).allTextContents()).join(' '))
      .toContain('customer.reveal');
    const text = (await rowsOf(page.getByTestId('audit-table')).allTextContents()).join(' ');
    expect(text).toContain('核实身份');
    await snap(page, 'audit-customer-reveal');
    await page.context().close();
  });

  it('the 360 page on a phone, opened from the header search', async () => {
    const page = await as('wrm', 'phone');
    await page.getByTestId('customer-search-open').click();
    await page.getByTestId('customer-search-modal').waitFor();
    // The dialog focuses the box once its opening animation ends; typing before that loses the
    // list of matches to the focus move (a person sees the box focus before typing).
    const input = page.getByTestId('customer-search').locator('input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill(picked.tail);
    await page.getByTestId(`customer-search-option-${picked.customer.customerNo}`).click();
    await page.getByTestId('customer-360').waitFor();
    await page.getByTestId('customer-privileges').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    // Nothing may stick out sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await snap(page, 'phone-customer-360');
    await page.context().close();
  });

  it('the 360 page in English', async () => {
    const page = await as('wchead');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-customers').textContent()).toContain('Customers');
    await page.getByTestId('menu-customers').click();
    await rowsOf(page.getByTestId('customers-table')).first().click();
    await page.getByTestId('customer-360').waitFor();
    await page.getByTestId('customer-privileges').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('customer-360').textContent()).toContain('Dedicated RM');
    await snap(page, 'customer-360-english');
    // Back to Chinese: the account keeps the language it was given.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(() => page.getByTestId('menu-customers').textContent()).toContain('客户');
    await page.context().close();
  });
});

describe('head office', () => {
  it('raises the gold threshold and runs the tier evaluation', async () => {
    const page = await as('admin');
    const ladder = (await json<Tier[]>(page, '/api/tiers')).sort((a, b) => a.rank - b.rank);
    const gold = ladder.findIndex((x) => x.code === 'gold');
    expect(gold).toBeGreaterThan(0);
    const raised = (Math.round(Number(ladder[gold].minAum)) + 10_000).toString();

    await page.getByTestId('menu-tiers').click();
    await page.getByTestId('tiers-ladder').waitFor();
    const min = await inputOf(page.getByTestId(`tier-min-${gold}`));
    await min.fill(raised);
    await min.blur();
    await page.getByTestId('tiers-save').click();
    await expect
      .poll(async () => Number((await json<Tier[]>(page, '/api/tiers')).find((x) => x.code === 'gold')?.minAum))
      .toBe(Number(raised));

    await page.getByTestId('tiers-evaluate').click();
    await page.getByTestId('tiers-evaluate-confirm').click();
    await page.getByTestId('tiers-run-result').waitFor({ timeout: 110_000 });
    const evaluated = Number((await page.getByTestId('tiers-result-evaluated').textContent())?.replace(/\D/g, ''));
    expect(evaluated).toBeGreaterThan(0);
    await rowsOf(page.getByTestId('tiers-runs')).first().waitFor();
    await snap(page, 'tiers');
    await page.context().close();
  });

  it('reads the value-added services report, the unused list and the catalogue', async () => {
    const page = await as('admin');
    await page.getByTestId('menu-privileges').click();
    await rowsOf(page.getByTestId('report-table')).first().waitFor();
    await page.getByTestId('report-chart').waitFor();
    await page.waitForLoadState('networkidle');
    await snap(page, 'privileges-report');

    await page.getByTestId('tab-unused').click();
    await rowsOf(page.getByTestId('unused-table')).first().waitFor();
    await snap(page, 'privileges-unused');

    await page.getByTestId('tab-catalogue').click();
    await rowsOf(page.getByTestId('catalogue-table')).first().waitFor();
    await snap(page, 'privileges-catalogue');

    // Head office gives the gold tier one more lounge visit a year.
    const catalogue = await json<Privilege[]>(page, '/api/privileges');
    const lounge = catalogue.find((p) => p.code.includes('lounge'))!;
    const goldQuota = lounge.quotas.find((q) => q.tierCode === 'gold')?.perYear ?? 0;
    await page.getByTestId(`catalogue-edit-${lounge.code}`).click();
    const quota = await inputOf(page.getByTestId('privilege-form-quota-gold'));
    await quota.fill(String(goldQuota + 1));
    await snapView(page, 'privileges-catalogue-edit');
    await page.getByTestId('privilege-form-submit').click();
    await expect
      .poll(async () => (await json<Privilege[]>(page, '/api/privileges')).find((p) => p.code === lounge.code)?.quotas.find((q) => q.tierCode === 'gold')?.perYear)
      .toBe(goldQuota + 1);
    await page.context().close();
  });

  it('exports a customer list to Excel', async () => {
    const page = await as('admin');
    const top = (await json<Tier[]>(page, '/api/tiers')).reduce((a, b) => (b.rank > a.rank ? b : a)).code;
    await page.goto(`/customers?tier=${top}`);
    await rowsOf(page.getByTestId('customers-table')).first().waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customers-export').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patron-export-')), file.suggestedFilename());
    await file.saveAs(saved);
    // An xlsx is a zip: it starts with "PK".
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    await page.context().close();
  });
  it('imports customers from a csv: suggested mapping, valid rows written, the bad row reported', async () => {
    const page = await as('admin');
    const branch = (await json<Branch[]>(page, '/api/branches')).find((b) => b.status === 'open' && b.level === 'outlet');
    const rm = (await json<{ items: StaffSummary[] }>(page, '/api/staff?role=wealth_rm&status=active&pageSize=1')).items[0];
    expect(branch && rm).toBeTruthy();
    const stamp = String(Date.now()).slice(-7);
    // Resident IDs of this run only: the birth day and sequence come from the clock.
    const id = (year: number, seq: number) => {
      const day = String((Number(stamp.slice(-2)) % 28) + 1).padStart(2, '0');
      const month = String((Number(stamp.slice(-4, -2)) % 12) + 1).padStart(2, '0');
      const first17 = `110105${year}${month}${day}${String(seq).padStart(3, '0')}`;
      return first17 + residentIdCheckChar(first17);
    };
    const seq = Number(stamp.slice(-3));
    const rows = [
      ['客户号', '客户姓名', '身份证号码', '手机号码', '开户网点', '客户经理工号', '风险等级'],
      [`T${stamp}1`, '测试甲', id(1971, seq), '13812345678', branch!.code, rm.staffNo, 'C3'],
      [`T${stamp}2`, '测试乙', id(1972, seq), '13912345679', branch!.code, '', 'C2'],
      [`T${stamp}3`, '测试丙', '110105198503032340', '12345', 'NO_SUCH_BRANCH', '', 'C9'],
    ];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patron-cimport-')), 'customers.csv');
    fs.writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');

    await page.getByTestId('menu-customerImport').click();
    await page.getByTestId('cimport-kind-customers').check({ force: true });
    await page.getByTestId('cimport-file').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('cimport-upload').click();
    await page.getByTestId('cimport-mapping').waitFor();
    // The columns were matched by their Chinese names.
    expect(await page.getByTestId('cimport-map-customerNo').textContent()).toContain('客户号');
    expect(await page.getByTestId('cimport-map-branchCode').textContent()).toContain('开户网点');
    expect(await page.getByTestId('cimport-preview').textContent()).toContain('*');
    await snap(page, 'customer-import-mapping');
    await page.getByTestId('cimport-mode-valid').check({ force: true });
    await page.getByTestId('cimport-run').click();
    const result = page.getByTestId('cimport-result');
    await result.waitFor({ timeout: 110_000 });
    expect(await result.getAttribute('data-status')).toBe('committed');
    expect(await page.getByTestId('cimport-stat-inserted').textContent()).toContain('2');
    expect(await rowsOf(page.getByTestId('cimport-errors')).count()).toBeGreaterThan(0);
    await page.getByTestId('cimport-download-errors').waitFor();
    await snap(page, 'customer-import-result');
    const found = await json<{ items: unknown[] }>(page, `/api/customers/search?q=T${stamp}`);
    expect(found.items).toHaveLength(2);
    await page.context().close();
  });
});
