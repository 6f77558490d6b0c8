// Shared E2E helpers: Debian's Chromium through playwright-core, sign-in, screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

/** A new desktop page signed in as `username`, on the app frame. `timeoutMs` for pages that load much at once. */
export async function signedInPage(browser: Browser, baseURL: string, username: string, timeoutMs?: number): Promise<Page> {
  const page = await (await newContext(browser, baseURL, 'desktop')).newPage();
  if (timeoutMs) page.setDefaultTimeout(timeoutMs);
  await signIn(page, username);
  await page.getByTestId('app-content').waitFor();
  return page;
}

/** GET through the page's session; anything but 200 fails the test with the URL. */
export async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  if (res.status() !== 200) throw new Error(`${url} answered ${res.status()}`);
  return (await res.json()) as T;
}
