// The assessment journeys: an RM opens their scorecard and the facts behind a figure; a branch head
// opens the dashboard and a staff member's scorecard; a head-office administrator edits a scorecard's
// weights (the sum shows live and must be 100) and looks at the runs. Data comes from the API.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PerfDashboard, PerfScorecard, StaffScorecard } from '../contracts/performance';
import { getJson, launch, shot, signedInPage } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username, 30_000);
const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

describe('performance', () => {
  it('an RM opens my scorecard and the facts behind the sales figure', async () => {
    const rm = await as('wrm');
    const month = lastMonth();
    const card = await getJson<StaffScorecard>(rm, `/api/performance/me?month=${month}`);
    expect(card.scorecard?.roleCode).toBe('wealth_rm');
    await rm.goto('/performance/me');
    await rm.getByTestId('my-scorecard').waitFor();
    await rm.getByTestId('scorecard-table').waitFor();
    // Last month: frozen, with figures.
    await rm.getByTestId('month-picker').click();
    await rm.locator('.ant-picker-dropdown:visible .ant-picker-cell-in-view', { hasText: String(Number(month.slice(5))) }).first().click();
    await rm.getByTestId('scorecard-run').filter({ hasText: '已冻结' }).waitFor();
    expect(await rm.getByTestId('scorecard-total').textContent()).toContain(Number(card.total).toFixed(2));
    await rm.getByTestId('kpi-row-sales_amount').waitFor();
    await shot(rm, 'performance-01-my-scorecard');
    await rm.getByTestId('kpi-facts-sales_amount').click();
    await rm.getByTestId('facts-table').waitFor();
    const facts = await getJson<{ rows: { customerName: string | null }[] }>(rm, `/api/performance/staff/${card.staff.id}/kpis/sales_amount/facts?month=${month}`);
    if (facts.rows.length > 0) {
      await rm.locator('[data-testid="facts-table"] .ant-table-row').first().waitFor();
      // Names are masked in the drill-down.
      expect(facts.rows.every((r) => r.customerName === null || r.customerName.includes('*'))).toBe(true);
    }
    await shot(rm, 'performance-02-drill-down');
    // A colleague's scorecard is not the RM's to see.
    const res = await rm.request.get(`/api/performance/staff/${card.staff.id + 1}`);
    expect([403, 404]).toContain(res.status());
  });

  it('a branch head opens the dashboard and a staff member\'s scorecard', async () => {
    const head = await as('bhead');
    const month = lastMonth();
    const dash = await getJson<PerfDashboard>(head, `/api/performance/dashboard?month=${month}&role=wealth_rm`);
    expect(dash.staffCount).toBeGreaterThan(0);
    await head.goto('/performance/dashboard');
    await head.getByTestId('dash-histogram').waitFor();
    await head.getByTestId('dash-league').waitFor();
    await head.locator('[data-testid="dash-top"] .ant-table-row').first().waitFor();
    await head.waitForTimeout(600);
    await shot(head, 'performance-03-dashboard');
    await head.locator('[data-testid="dash-top"] .ant-table-row a').first().click();
    await head.getByTestId('staff-scorecard').waitFor();
    await head.getByTestId('scorecard-table').waitFor();
    await shot(head, 'performance-04-staff-scorecard');
  });

  it('an hq admin edits a scorecard weight: the sum shows live and saving needs 100', async () => {
    const admin = await as('admin');
    await admin.goto('/performance/scorecards');
    await admin.getByTestId('card-items').waitFor();
    const cards = await getJson<PerfScorecard[]>(admin, '/api/performance/scorecards');
    const first = cards[0]!;
    const a = first.items[0]!;
    const b = first.items[1]!;
    await admin.getByTestId('weight-sum').filter({ hasText: '100 / 100' }).waitFor();
    const inputA = admin.locator(`input[data-testid="weight-${a.kpiCode}"], [data-testid="weight-${a.kpiCode}"] input`).first();
    await inputA.fill(String(a.weight + 5));
    await admin.getByTestId('weight-sum').filter({ hasText: `${100 + 5} / 100` }).waitFor();
    expect(await admin.getByTestId('card-save').isDisabled()).toBe(true);
    await shot(admin, 'performance-05-weights-off');
    const inputB = admin.locator(`input[data-testid="weight-${b.kpiCode}"], [data-testid="weight-${b.kpiCode}"] input`).first();
    await inputB.fill(String(b.weight - 5));
    await admin.getByTestId('weight-sum').filter({ hasText: '100 / 100' }).waitFor();
    await admin.getByTestId('card-save').click();
    await admin.locator('.ant-message-notice').first().waitFor();
    const after = (await getJson<PerfScorecard[]>(admin, '/api/performance/scorecards')).find((c) => c.id === first.id)!;
    expect(after.items.find((i) => i.kpiCode === a.kpiCode)?.weight).toBe(a.weight + 5);
    expect(after.items.find((i) => i.kpiCode === b.kpiCode)?.weight).toBe(b.weight - 5);
    await shot(admin, 'performance-06-scorecards');
    await admin.getByRole('tab', { name: '计算与冻结' }).click();
    await admin.getByTestId('runs-table').waitFor();
    await admin.locator('[data-testid="runs-table"] .ant-table-row').first().waitFor();
    await shot(admin, 'performance-07-runs');
    await admin.getByRole('tab', { name: '指标库' }).click();
    await admin.getByTestId('kpi-table').waitFor();
    await shot(admin, 'performance-08-kpi-library');
  });
});
