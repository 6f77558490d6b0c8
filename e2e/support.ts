// Shared E2E helpers: Debian's Chromium through playwright-core, sign-in, screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');
export const DEMO_PASSWORD = 'Patron@2026';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium is not installed: run scripts/setup-system.sh');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const VIEWPORTS = { desktop: { width: 1366, height: 860 }, tablet: { width: 820, height: 1180 }, phone: { width: 390, height: 844 } } as const;

export async function newContext(browser: Browser, baseURL: string, viewport: keyof typeof VIEWPORTS = 'desktop', locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: VIEWPORTS[viewport], locale });
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A new page signed in as `username`, on the app frame. `timeoutMs` for pages that load much at once. */
export async function signedInPage(
  browser: Browser, baseURL: string, username: string, timeoutMs?: number, viewport: keyof typeof VIEWPORTS = 'desktop',
): Promise<Page> {
  const page = await (await newContext(browser, baseURL, viewport)).newPage();
  if (timeoutMs) page.setDefaultTimeout(timeoutMs);
  await signIn(page, username);
  await page.getByTestId('app-content').waitFor();
  return page;
}

/** antd puts a test id on the input itself or on its wrapper depending on the component. */
export async function inputOf(el: Locator): Promise<Locator> {
  return (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
}

/** GET through the page's session; anything but 200 fails the test with the URL. */
export async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  if (res.status() !== 200) throw new Error(`${url} answered ${res.status()}`);
  return (await res.json()) as T;
}

/**
 * Chooses an option of an antd select (typing `typed` first for a searchable one) and waits until the
 * select shows it: on a busy machine a click on an option that is still opening can go unheard, and
 * the journey would go on with an empty field. Tries three times.
 */
export async function pickOption(page: Page, select: Locator, typed: string | null, optionText: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // Opened unless it is open already (a click on an open select closes it).
    if (!(await select.evaluate((e) => e.classList.contains('ant-select-open')))) await select.click();
    if (typed !== null && attempt === 1) await page.keyboard.type(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: optionText }).first().click();
    try {
      await select.filter({ hasText: optionText }).waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

// ---- the sale dialog (products and contests journeys) ------------------------------------------------

/**
 * Picks a product in the sale dialog's searchable select by its code, and waits until the select shows
 * it: an unheard click on the option left the dialog without a product, so it never checked anything
 * and gave no answer (the sale journeys' failures in full runs on a loaded machine).
 */
export async function chooseSaleProduct(page: Page, code: string): Promise<void> {
  await pickOption(page, page.getByTestId('sale-dialog').locator('.ant-select').first(), code, code);
}

/** Types the amount and leaves the field with Tab, as a clerk does (which settles the number input). */
export async function fillSaleAmount(page: Page, amount: string): Promise<void> {
  const input = await inputOf(page.getByTestId('sale-amount'));
  await input.fill(amount);
  await input.press('Tab');
}

/**
 * Records what the page does around the sale dialog's suitability check (requests, answers, failures,
 * console errors), so that a dialog that gives no answer fails with what happened instead of a bare timeout.
 */
export function traceSaleChecks(page: Page): string[] {
  const trace: string[] = [];
  const t0 = Date.now();
  const at = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
  page.on('request', (r) => {
    if (r.url().includes('/sales')) trace.push(`${at()} → ${r.method()} ${new URL(r.url()).pathname} ${r.postData() ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.url().includes('/sales')) trace.push(`${at()} ← ${r.status()} ${new URL(r.url()).pathname} ${r.headers()['content-type'] ?? ''}`);
  });
  page.on('requestfailed', (r) => trace.push(`${at()} ✗ ${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') trace.push(`${at()} console.${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => trace.push(`${at()} pageerror: ${e.message}`));
  return trace;
}

/** The dialog's answer to the product and amount (a verdict either way, or a failed check), as one line for an assertion. */
export async function saleAnswer(page: Page, trace: string[]): Promise<string> {
  const answer = page.locator('[data-testid="sale-verdict"], [data-testid="sale-check-error"]').first();
  try {
    await answer.waitFor({ timeout: 30_000 });
  } catch (e) {
    const dialog = page.getByTestId('sale-dialog');
    const shown = (await dialog.count()) ? await dialog.evaluate((d) => ({
      product: d.querySelector('.ant-select')?.textContent ?? null,
      amount: (d.querySelector('input.ant-input-number-input') as HTMLInputElement | null)?.value ?? null,
      text: (d.textContent ?? '').slice(0, 400),
    })) : null;
    const said = `the sale dialog gave no answer in 30 s; it shows ${JSON.stringify(shown)}; what the page did:\n${trace.join('\n')}`;
    // Kept on disk too, with a screenshot, for whoever reads the run afterwards.
    fs.mkdirSync(SHOTS, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    fs.writeFileSync(path.join(SHOTS, `sale-no-answer-${stamp}.txt`), `${said}\n`);
    await page.screenshot({ path: path.join(SHOTS, `sale-no-answer-${stamp}.png`) }).catch(() => undefined);
    throw new Error(said, { cause: e });
  }
  return `${await answer.getAttribute('data-testid')} ${await answer.getAttribute('data-ok')}: ${await answer.textContent()}`;
}
