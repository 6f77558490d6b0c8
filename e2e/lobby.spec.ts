// The lobby journey, with several browser contexts open at once: the RM watches the VIP arrivals
// page and the lobby TV shows the board; a kiosk (the lobby assistant's device) issues a ticket for
// a diamond customer of the RM identified by mobile number → the RM's page shows the VIP alert and
// the board shows the zone's waiting count go up → a teller opens a counter of that zone and calls
// the next ticket → the board shows the call. Then the lobby manager receives the VIP personally on
// the console, posts a board notice that the board shows live (and removes it), the teller completes
// the ticket, and the daily statistics count it (xlsx download).
// Data comes from the API, never hard-coded: the customer, the mobile (an audited reveal by the
// RM), the business, the zone, the counter.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BusinessType, CheckInResult, DailyStats, OutletSetup, RoutingRules } from '../contracts/lobby';
import type { CustomerListItem, RevealResult } from '../contracts/customers';
import type { Tier } from '../contracts/tiers';
import { launch, newContext, shot, signIn, SHOTS } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

type Viewport = 'desktop' | 'tablet' | 'phone';

/** A signed-in page; `waitFor` is the page's own test id (the kiosk and board have no app frame). */
async function as(username: string, viewport: Viewport = 'desktop', locale = 'zh-CN'): Promise<Page> {
  const ctx = await newContext(browser, baseUrl, viewport, locale);
  const page = await ctx.newPage();
  await signIn(page, username);
  await page.getByTestId('app-content').waitFor();
  return page;
}

async function json<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url} answered ${res.status()}`).toBe(200);
  return (await res.json()) as T;
}

/** A write from inside the page, so that the browser sends the Origin header the server checks. */
async function post<T>(page: Page, url: string, body: unknown): Promise<T> {
  const out = await page.evaluate(
    async ([u, b]) => {
      const res = await fetch(u as string, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return { status: res.status, body: await res.text() };
    },
    [url, body] as const,
  );
  expect(out.status, `${url} answered ${out.status}: ${out.body}`).toBeLessThan(300);
  return JSON.parse(out.body) as T;
}

async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

async function snapView(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const count = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, '') || 0);

describe('a diamond customer checks in at the kiosk', () => {
  let ticket: CheckInResult & { kind: 'ticket' };
  let branchId: number;
  let counterNo: string;

  it('kiosk → VIP alert to the RM and the board → a teller calls it → the board shows the call', async () => {
    // The RM: a diamond customer of the book, with a mobile, revealed in full (audited).
    const rm = await as('wrm');
    const ladder = await json<Tier[]>(rm, '/api/tiers');
    const diamond = ladder.find((t) => t.code === 'diamond') ?? [...ladder].sort((a, b) => b.rank - a.rank)[0];
    const book = await json<{ items: CustomerListItem[] }>(rm, `/api/customers?tier=${diamond.code}&pageSize=50`);
    const customer = book.items.find((c) => c.mobile && c.status === 'active');
    expect(customer, 'the RM has an active diamond customer with a mobile').toBeTruthy();
    const revealed = await post<RevealResult>(rm, `/api/customers/${customer!.id}/reveal`, { reason: '大堂取号识别演示：核实客户手机号', fields: ['mobile'] });
    const mobile = revealed.mobile ?? '';
    expect(mobile).toMatch(/^1\d{10}$/);

    // The outlet, the business (counter business routed by the rules) and the expected zone.
    const outlets = await json<{ branchId: number; branchCode: string }[]>(rm, '/api/lobby/outlets');
    branchId = (outlets.find((o) => o.branchId === customer!.branchId) ?? outlets[0]).branchId;
    const types = await json<BusinessType[]>(rm, '/api/lobby/business-types');
    const rules = await json<RoutingRules>(rm, `/api/lobby/routing-rules?branchId=${branchId}`);
    const routed = (b: BusinessType) => [...rules.outlet, ...rules.defaults].some((r) => r.businessCode === b.code && r.minTierRank <= diamond.rank && r.minTierRank > 0);
    const business = types.find((b) => b.active && !b.selfService && !b.needsAmount && routed(b)) ?? types.find((b) => b.active && !b.selfService && !b.needsAmount)!;

    // The RM watches the VIP arrivals page; the bell's unread count before.
    await rm.goto(`/lobby/vip?branch=${branchId}`);
    await rm.getByTestId('lobby-vip-page').waitFor();
    await expect.poll(() => rm.getByTestId('vip-live').getAttribute('data-state')).toBe('open');
    const unreadBefore = Number(await rm.getByTestId('notif-bell').getAttribute('data-unread'));

    // The lobby TV.
    const board = await as('lobby');
    await board.goto(`/lobby/board?branch=${branchId}`);
    await board.getByTestId('board').waitFor();
    await expect.poll(() => board.getByTestId('board-live').getAttribute('data-state')).toBe('open');
    const zonesBefore = new Map<string, number>();
    for (const el of await board.locator('[data-testid^="board-zone-waiting-"]').all()) {
      zonesBefore.set(((await el.getAttribute('data-testid')) ?? '').replace('board-zone-waiting-', ''), Number(await el.textContent()));
    }
    expect(zonesBefore.size).toBeGreaterThan(0);
    await snap(board, 'lobby-board-before');

    // The kiosk: identify by mobile on the keypad, choose the business, take the ticket.
    const kiosk = await as('lassist');
    await kiosk.goto(`/lobby/kiosk?branch=${branchId}`);
    await kiosk.getByTestId('kiosk-id-mobile').waitFor();
    await snap(kiosk, 'lobby-kiosk-start');
    await kiosk.getByTestId('kiosk-id-mobile').click();
    for (const d of mobile) await kiosk.getByTestId(`kiosk-key-${d}`).click();
    expect(await kiosk.getByTestId('kiosk-input').inputValue()).toBe(mobile);
    await kiosk.getByTestId('kiosk-next').click();
    await kiosk.getByTestId(`kiosk-business-${business.code}`).waitFor();
    await snap(kiosk, 'lobby-kiosk-business');
    const [res] = await Promise.all([
      kiosk.waitForResponse((r) => r.url().endsWith('/api/lobby/check-in') && r.request().method() === 'POST'),
      kiosk.getByTestId(`kiosk-business-${business.code}`).click(),
    ]);
    expect(res.status()).toBe(201);
    const result = (await res.json()) as CheckInResult;
    expect(result.kind).toBe('ticket');
    ticket = result as typeof ticket;
    expect(ticket.customer?.tierCode).toBe(diamond.code);
    await kiosk.getByTestId('kiosk-ticket').waitFor();
    expect(await kiosk.getByTestId('kiosk-ticket-no').textContent()).toBe(ticket.ticket.number);
    expect(await kiosk.getByTestId('kiosk-greeting').textContent()).toContain(customer!.name);
    expect(await kiosk.getByTestId('kiosk-wait').textContent()).toContain(String(ticket.estimatedWaitMinutes));
    await snap(kiosk, 'lobby-kiosk-ticket');

    // The RM sees the VIP alert: on the page (live) and in the bell.
    const card = rm.getByTestId('vip-list').locator('[data-testid^="vip-"]', { hasText: ticket.ticket.number });
    await card.first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => Number(await rm.getByTestId('notif-bell').getAttribute('data-unread'))).toBeGreaterThan(unreadBefore);
    await rm.locator('.ant-notification-notice').first().waitFor();
    await snapView(rm, 'lobby-rm-vip-alert');

    // The board shows the ticket waiting in its zone.
    const zone = ticket.ticket.zoneCode;
    await expect.poll(() => count(board, `board-zone-waiting-${zone}`), { timeout: 10_000 }).toBe((zonesBefore.get(zone) ?? 0) + 1);
    await snap(board, 'lobby-board-waiting');

    // A teller of that zone opens a counter and calls the next ticket.
    const setup = await json<OutletSetup>(rm, `/api/lobby/outlets/${branchId}/setup`);
    const zoneKind = setup.zones.find((z) => z.code === zone)!.kind;
    // A free counter of the zone if there is one (else one whose teller is busy: ours takes over).
    const inZone = setup.counters.filter((c) => c.zoneCode === zone);
    const counter = inZone.find((c) => c.status !== 'closed' && !c.currentTicketId) ?? inZone.find((c) => c.status === 'closed') ?? inZone[0];
    counterNo = counter.number;
    const teller = await as(zoneKind === 'cash' ? 'cteller' : 'nteller');
    await teller.addInitScript((id) => localStorage.setItem('patron.lobby.counter', String(id)), counter.id);
    await teller.goto(`/lobby/teller?branch=${branchId}`);
    await teller.getByTestId('teller-page').waitFor();
    if (counter.status === 'closed') await teller.getByTestId('teller-open').click();
    await teller.getByTestId('teller-call-next').waitFor();
    await teller.locator('[data-testid="teller-page"][data-ready="true"]').waitFor();
    const current = () => teller.getByTestId('teller-current');
    /** Serves and completes the ticket at the counter, leaving it free. */
    const finish = async () => {
      if ((await current().getAttribute('data-status')) === 'called') {
        await teller.getByTestId('teller-serve').click();
        await expect.poll(() => current().getAttribute('data-status'), { timeout: 10_000 }).toBe('serving');
      }
      const id = await current().getAttribute('data-ticket-id');
      await teller.getByTestId('teller-complete').click();
      await teller.getByTestId('complete-dialog').waitFor();
      await teller.getByTestId('complete-submit').click();
      await teller.getByTestId('complete-dialog').waitFor({ state: 'hidden' });
      await expect.poll(() => current().getAttribute('data-ticket-id'), { timeout: 10_000 }).not.toBe(id);
    };
    // The zone's queue may hold earlier tickets, and the counter a ticket in hand: serve them first.
    for (let i = 0; i < 20; i++) {
      const status = await current().getAttribute('data-status');
      if (status === 'called' && (await teller.getByTestId('teller-current-no').textContent()) === ticket.ticket.number) break;
      if (status === 'called' || status === 'serving') {
        await finish();
        continue;
      }
      await expect.poll(() => teller.getByTestId('teller-call-next').isEnabled()).toBe(true);
      await teller.getByTestId('teller-call-next').click();
      // The first call also takes the counter over from the teller shown at it: give the refetch time.
      await expect.poll(() => current().getAttribute('data-status'), { timeout: 10_000 }).toBe('called');
    }
    expect(await teller.getByTestId('teller-current-no').textContent()).toBe(ticket.ticket.number);
    await snap(teller, 'lobby-teller-called');

    // The board shows the call within moments.
    await expect.poll(() => board.getByTestId('board-now-number').textContent(), { timeout: 10_000 }).toBe(ticket.ticket.number);
    expect(await board.getByTestId('board-now-counter').textContent()).toContain(counterNo);
    // The call's flash has finished before the picture is taken.
    await board.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await snap(board, 'lobby-board-called');

    // The teller serves and completes it with the business done.
    await teller.getByTestId('teller-serve').click();
    await expect.poll(() => teller.getByTestId('teller-current').getAttribute('data-status')).toBe('serving');
    await teller.getByTestId('teller-complete').click();
    await teller.getByTestId('complete-dialog').waitFor();
    await snapView(teller, 'lobby-teller-complete');
    await teller.getByTestId('complete-submit').click();
    await teller.getByTestId('complete-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => teller.getByTestId('teller-current').getAttribute('data-ticket-id')).not.toBe(String(ticket.ticket.id));
    await expect.poll(() => count(teller, 'teller-served-today')).toBeGreaterThan(0);
    await snap(teller, 'lobby-teller-done');

    for (const p of [rm, board, kiosk, teller]) await p.context().close();
  });

  it('the lobby manager receives the VIP personally on the console (tablet)', async () => {
    const page = await as('lobby', 'tablet');
    await page.goto(`/lobby/console?branch=${branchId}`);
    await page.getByTestId('lobby-console').waitFor();
    const card = page.getByTestId('console-vip').locator('[data-received]', { hasText: ticket.ticket.number }).first();
    await card.waitFor();
    await page.getByTestId('console-appointments').waitFor();
    await page.waitForLoadState('networkidle');
    await snap(page, 'lobby-console');
    if ((await card.getAttribute('data-received')) === 'false') {
      const id = ((await card.getAttribute('data-testid')) ?? '').replace('vip-', '');
      await page.getByTestId(`vip-receive-${id}`).click();
      await expect.poll(() => page.getByTestId(`vip-${id}`).getAttribute('data-received')).toBe('true');
    }
    // A quick action: record self-service guidance; today's figure goes up by one.
    const guided = await count(page, 'console-today-guidance');
    await page.getByTestId('quick-guidance').click();
    await page.getByTestId('action-dialog').waitFor();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => count(page, 'console-today-guidance')).toBe(guided + 1);
    await snap(page, 'lobby-console-received');
    await page.context().close();
  });

  it('the lobby manager posts a board notice on the console: the board shows it live, and drops it when removed', async () => {
    const board = await as('lobby');
    await board.goto(`/lobby/board?branch=${branchId}`);
    await board.getByTestId('board').waitFor();
    await expect.poll(() => board.getByTestId('board-live').getAttribute('data-state')).toBe('open');
    const before = (await board.getByTestId('board-notice').textContent()) ?? '';

    const page = await as('lobby', 'tablet');
    await page.goto(`/lobby/console?branch=${branchId}`);
    await page.getByTestId('console-sla').waitFor();
    await page.getByTestId('notice-add').click();
    await page.getByTestId('notice-zh').fill('今日下午 3 点起理财经理在贵宾室为您解读市场');
    await page.getByTestId('notice-en').fill('From 3 pm our wealth managers explain the markets in the VIP room');
    await page.getByTestId('notice-submit').click();
    const item = page.getByTestId('lobby-notices').locator('[data-testid^="notice-"]', { hasText: '解读市场' }).first();
    await item.waitFor();
    await expect.poll(() => board.getByTestId('board-notice').textContent(), { timeout: 10_000 }).toContain('今日下午 3 点起理财经理在贵宾室为您解读市场');
    await snap(board, 'lobby-board-notice');
    await page.getByTestId('lobby-notices').scrollIntoViewIfNeeded();
    await snapView(page, 'lobby-console-notices');

    const id = ((await item.getAttribute('data-testid')) ?? '').replace('notice-', '');
    await page.getByTestId(`notice-remove-${id}`).click();
    await page.getByTestId(`notice-remove-ok-${id}`).click();
    await expect.poll(() => board.getByTestId('board-notice').textContent(), { timeout: 10_000 }).toBe(before);
    for (const p of [board, page]) await p.context().close();
  });

  it('the daily statistics count the ticket and download as xlsx', async () => {
    const page = await as('lobby');
    await page.goto(`/lobby/stats?branch=${branchId}`);
    await page.getByTestId('lobby-stats').waitFor();
    const stats = await json<DailyStats>(page, `/api/lobby/outlets/${branchId}/daily-stats`);
    expect(stats.tickets).toBeGreaterThan(0);
    expect(stats.vipArrivals).toBeGreaterThan(0);
    await expect.poll(() => count(page, 'stats-fig-tickets')).toBe(stats.tickets);
    const rmRow = stats.rms.find((r) => r.premiumReceived > 0);
    expect(rmRow, 'the RM of the diamond customer is credited').toBeTruthy();
    await page.waitForLoadState('networkidle');
    await snap(page, 'lobby-stats');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    await page.getByTestId('tab-attainment').click();
    await page.getByTestId('attainment-table').waitFor();
    await snap(page, 'lobby-attainment');

    // Close the previous business day (today stays open for the rest of the run), then amend it.
    await page.getByTestId('tab-daily').click();
    const prev = new Date(Date.parse(`${stats.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const dateBox = page.getByTestId('stats-date').locator('input').or(page.locator('input[data-testid="stats-date"]')).first();
    await dateBox.click();
    await dateBox.fill(prev);
    await dateBox.press('Enter');
    await expect.poll(() => dateBox.inputValue()).toBe(prev);
    await page.getByTestId('stats-close').click();
    await page.getByTestId('stats-close-confirm').click();
    await page.getByTestId('stats-closed').waitFor();
    const closed = await json<DailyStats>(page, `/api/lobby/outlets/${branchId}/daily-stats?date=${prev}`);
    expect(closed.closedAt).toBeTruthy();
    await page.getByTestId('stats-amend').click();
    await page.getByTestId('amend-dialog').waitFor();
    await page.getByTestId('amend-field').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await (page.getByTestId('amend-value').locator('input').or(page.locator('input[data-testid="amend-value"]'))).first().fill(String(closed.complaintsReceived + 1));
    await page.getByTestId('amend-reason').fill('补录一笔当日柜面受理的投诉');
    await page.getByTestId('amend-submit').click();
    await page.getByTestId('stats-amendments').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'lobby-stats-closed-amended');
    await page.context().close();
  });

  it('staffing advice, the queue rule and the set-up pages', async () => {
    const page = await as('lobby');
    await page.goto(`/lobby/staffing?branch=${branchId}`);
    await page.getByTestId('staffing-heatmap').locator('canvas').first().waitFor();
    // The chart has finished drawing when two looks at its canvas, 200 ms apart, see the same picture.
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="staffing-heatmap"] canvas');
      if (!c) return false;
      const w = window as unknown as { lastHeatmap?: string };
      const now = c.toDataURL();
      const same = w.lastHeatmap === now;
      w.lastHeatmap = now;
      return same;
    }, undefined, { polling: 200, timeout: 15_000 });
    await snap(page, 'lobby-staffing');
    await page.goto(`/lobby/queue-rule?branch=${branchId}`);
    await page.getByTestId('rule-levels').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'lobby-queue-rule');
    await page.goto(`/lobby/setup?branch=${branchId}`);
    await page.getByTestId('setup-zones').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'lobby-setup');
    await page.getByTestId('setup-tab-routing').click();
    await page.getByTestId('setup-routing').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'lobby-setup-routing');
    await page.context().close();
  });

  it('the kiosk in English and the console on a phone', async () => {
    const page = await as('lassist', 'desktop', 'en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await page.goto(`/lobby/kiosk?branch=${branchId}`);
    await expect.poll(() => page.getByTestId('kiosk-anonymous').textContent()).toContain('Just a ticket');
    await page.getByTestId('kiosk-anonymous').click();
    await page.locator('[data-testid^="kiosk-business-"]').first().waitFor();
    await snap(page, 'lobby-kiosk-english');
    // Back to Chinese: the language is saved on the account.
    await page.goto('/');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await page.context().close();

    const phone = await as('lobby', 'phone');
    await phone.goto(`/lobby/console?branch=${branchId}`);
    await phone.getByTestId('console-vip').waitFor();
    await snap(phone, 'lobby-console-phone');
    await phone.context().close();
  });
});
