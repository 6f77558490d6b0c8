// The productivity contest's journey: head office sets a contest up for the wealth RMs this month
// (weights summed live), publishes it; the wealth RM records a sale on a customer's 360 page and the
// leaderboard moves; the TV board; a branch head approves a grade promotion with its evidence.
// Customers, products and reviews come from the API, never hard-coded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CustomerListItem } from '../contracts/customers';
import type { ContestDetail, Leaderboard, MyPosition, PromotionReview, PromotionRule } from '../contracts/contests';
import { chooseSaleProduct, fillSaleAmount, getJson, inputOf, launch, saleAnswer, shot, signedInPage, traceSaleChecks } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username, 90_000);
const json = getJson;
const post = async <T>(page: Page, url: string, data: unknown = {}): Promise<T> => {
  const res = await page.request.post(url, { data, headers: { Origin: baseUrl } });
  if (res.status() >= 300) throw new Error(`${url} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
};
let contestId = 0;

describe('a productivity contest', () => {
  it('is defined by head office with weights adding up to 100, and published', async () => {
    const page = await as('admin');
    await page.goto('/contests');
    await page.getByTestId('contests-table').waitFor();
    await page.locator('[data-testid^="contest-row-"]').first().waitFor();
    await shot(page, 'contests-01-list');
    await page.getByTestId('contest-create').click();
    await page.getByTestId('contest-form').waitFor();
    await page.getByTestId('contest-name').fill('E2E 理财经理冲刺赛');
    // The defaults add up to 100; change one weight and the sum turns red, then back.
    const weight0 = page.getByTestId('metric-weight-0');
    const w0 = await inputOf(weight0);
    await page.getByTestId('weight-sum').filter({ hasText: '100' }).waitFor();
    await w0.fill('40');
    await page.getByTestId('weight-sum').filter({ hasText: '90' }).waitFor();
    await shot(page, 'contests-02-form-weights');
    await w0.fill('50');
    await page.getByTestId('weight-sum').filter({ hasText: '100 / 100' }).waitFor();
    await page.getByTestId('contest-submit').click();
    await page.waitForURL(/\/contests\/\d+$/);
    contestId = Number(/\/contests\/(\d+)$/.exec(page.url())![1]);
    const detail = await json<ContestDetail>(page, `/api/contests/${contestId}`);
    expect(detail).toMatchObject({ name: 'E2E 理财经理冲刺赛', status: 'draft', participantRoles: ['wealth_rm'] });
    expect(detail.metrics.map((m) => m.weight).reduce((a, b) => a + b, 0)).toBe(100);
    await page.getByTestId('contest-publish').click();
    await page.locator('[data-testid="contest-status"]').filter({ hasText: '进行中' }).waitFor();
    await page.locator('[data-testid^="board-row-"]').first().waitFor();
    await shot(page, 'contests-03-published');
    await page.context().close();
  });

  it('moves when the wealth RM records a sale', async () => {
    const page = await as('wrm');
    const trace = traceSaleChecks(page);
    const before = await json<MyPosition>(page, `/api/contests/${contestId}/me`);
    expect(before.individual, 'wrm takes part').toBeTruthy();
    const salesBefore = Number(before.individual!.metrics.find((m) => m.kpiCode === 'sales_amount')!.actual);

    const list = await json<{ items: CustomerListItem[] }>(page, '/api/customers?pageSize=100&sort=aum_desc');
    const customer = list.items.find((c) => c.status === 'active' && c.riskLevel && c.riskLevel !== 'C1' && !c.riskExpired);
    expect(customer, 'a customer of the book with a valid assessment').toBeTruthy();
    await page.goto(`/customers/${customer!.id}`);
    const panel = page.getByTestId('customer-products');
    await panel.waitFor();
    await panel.getByTestId('record-sale').click();
    await page.getByTestId('sale-amount').waitFor();
    await chooseSaleProduct(page, 'FD-BOND');
    await fillSaleAmount(page, '3000000');
    expect(await saleAnswer(page, trace)).toMatch(/^sale-verdict true: /);
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-amount').waitFor({ state: 'detached' });

    // The sale schedules a refresh of the live boards a few seconds later (the job runs every minute too).
    const sales = (p: MyPosition) => p.individual!.metrics.find((m) => m.kpiCode === 'sales_amount')!.actual;
    let after = before;
    for (let i = 0; i < 90 && sales(after) === sales(before); i += 1) {
      await page.waitForTimeout(1000);
      after = await json<MyPosition>(page, `/api/contests/${contestId}/me`);
    }
    const salesAfter = Number(after.individual!.metrics.find((m) => m.kpiCode === 'sales_amount')!.actual);
    expect(salesAfter).toBeCloseTo(salesBefore + 3_000_000, 2);
    expect(Number(after.individual!.total)).toBeGreaterThanOrEqual(Number(before.individual!.total));
    expect(after.individual!.rank!).toBeLessThanOrEqual(before.individual!.rank ?? Number.MAX_SAFE_INTEGER);

    await page.goto(`/contests/${contestId}`);
    const mine = page.getByTestId(`board-row-${after.individual!.subjectId}`);
    await page.getByTestId('my-rank').filter({ hasText: String(after.individual!.rank) }).waitFor();
    const board = await json<Leaderboard>(page, `/api/contests/${contestId}/leaderboard?pageSize=50`);
    if (board.items.some((r) => r.isMine)) await mine.waitFor();
    expect(board.items.filter((r) => !r.isMine).every((r) => r.metrics.every((m) => m.actual === null))).toBe(true);
    await shot(page, 'contests-04-board-after-sale');
    await page.getByTestId('board-kind').getByText('团队排名').click();
    await page.locator('[data-testid^="board-row-"]').first().waitFor();
    await shot(page, 'contests-05-team-view');

    await page.goto(`/contests/${contestId}/board`);
    await page.getByTestId('contest-tv').waitFor();
    await page.locator('[data-testid^="tv-row-"]').first().waitFor();
    await page.getByTestId('tv-title').filter({ hasText: 'E2E 理财经理冲刺赛' }).waitFor();
    await shot(page, 'contests-06-tv');
    await page.context().close();
  });
});

describe('grade promotion', () => {
  it('is approved by the branch head with the evidence in view', async () => {
    const page = await as('bhead');
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    let pending = await json<{ items: PromotionReview[] }>(page, `/api/promotion/reviews?month=${month}&status=pending`);
    if (pending.items.length === 0) {
      // No one in reach qualifies under the default rules: head office adds a step rule the demo RM meets.
      const admin = await as('admin');
      const staff = await json<{ items: { id: number; gradeCode: string | null; gradeStep: number | null; roles: string[] }[] }>(page, '/api/staff?pageSize=200');
      const rm = staff.items.find((s) => s.roles.includes('wealth_rm') && s.gradeCode && s.gradeStep);
      expect(rm, 'a graded wealth RM in the outlet').toBeTruthy();
      const rules = await json<PromotionRule[]>(admin, '/api/promotion/rules');
      if (!rules.some((r) => r.gradeCode === rm!.gradeCode && r.step === rm!.gradeStep)) {
        await post(admin, '/api/promotion/rules', {
          gradeCode: rm!.gradeCode, step: rm!.gradeStep, minMonthsInGrade: 0, scoreMonths: 1, minAvgScore: '0', minAum: '0', requiredCertificates: [], cleanMonths: 0,
          demoteBelowScore: null, demoteMonths: 1, active: true,
        });
      }
      await admin.context().close();
      await page.goto('/performance/promotion');
      await page.getByTestId('promotion-generate').click();
      await page.waitForTimeout(1500);
      pending = await json<{ items: PromotionReview[] }>(page, `/api/promotion/reviews?month=${month}&status=pending`);
    }
    expect(pending.items.length, 'a pending review in the branch head’s reach').toBeGreaterThan(0);
    const review = pending.items[0]!;
    await page.goto('/performance/promotion');
    await page.getByTestId(`review-row-${review.id}`).waitFor();
    await page.getByTestId(`review-evidence-${review.id}`).waitFor();
    await shot(page, 'contests-07-promotion-list');
    await page.getByTestId(`review-approve-${review.id}`).click();
    await page.getByTestId('decide-reason').fill('考核达标，同意调整');
    await page.getByTestId('decide-ok').click();
    await page.getByTestId(`review-approve-${review.id}`).waitFor({ state: 'detached' });
    const all = await json<{ items: PromotionReview[] }>(page, `/api/promotion/reviews?month=${month}`);
    expect(all.items.find((r) => r.id === review.id)).toMatchObject({ status: 'approved', reason: '考核达标，同意调整' });
    await shot(page, 'contests-08-promotion-approved');
    await page.context().close();
  });
});
