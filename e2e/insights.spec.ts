// The insights journey: head office trains the models (in the background, followed to the end),
// the wealth RM opens a customer of their book and sees each score with its reasons in words, then
// the workbench card and the scores page of their own book; head office looks at the model page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CustomerInsight, InsightRun, InsightScoreRow } from '../contracts/insights';
import { launch, shot, signedInPage, getJson } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

const json = getJson;

describe('insights', () => {
  it('an RM sees a customer’s scores with their reasons on the 360 page', async () => {
    const admin = await as('admin');
    const started = await admin.request.post('/api/insights/train', {
      data: { targets: ['wealth', 'time_deposit', 'attrition'], learner: 'logreg', sampleEvery: 4 },
      headers: { Origin: baseUrl },
    });
    expect(started.status()).toBe(202);
    let run = (await started.json()) as InsightRun;
    for (let i = 0; i < 240 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      run = await json<InsightRun>(admin, `/api/insights/runs/${run.id}`);
    }
    expect(run.status, JSON.stringify(run.detail)).toBe('done');

    const rm = await as('wrm');
    const top = await json<{ items: InsightScoreRow[] }>(rm, '/api/insights/scores?target=wealth&pageSize=5');
    expect(top.items.length).toBeGreaterThan(0);
    const pick = top.items.find((r) => r.reasons.length > 0) ?? top.items[0];
    const scores = await json<CustomerInsight[]>(rm, `/api/customers/${pick.customerId}/insights`);
    await rm.goto(`/customers/${pick.customerId}`);
    const card = rm.getByTestId('customer-insights');
    await card.waitFor();
    await card.getByTestId('insight-wealth').waitFor();
    expect(Number(await card.getByTestId('insight-wealth').getAttribute('data-score'))).toBeCloseTo(scores.find((s) => s.target === 'wealth')!.score, 6);
    const reasons = card.getByTestId('insight-reason');
    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await reasons.first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: (await shot(rm, 'insights-360')).replace('insights-360', 'insights-360-card') });

    // The workbench card: the best-scored customers of the RM's own book, per model.
    const own = await json<{ items: InsightScoreRow[] }>(rm, '/api/insights/scores?target=wealth&ownBook=true&page=1&pageSize=8');
    expect(own.items.length).toBeGreaterThan(0);
    await rm.goto('/workbench');
    const panel = rm.getByTestId('workbench-insights');
    await panel.waitFor();
    await panel.locator('.ant-segmented-item', { hasText: '理财产品' }).click();
    await panel.getByTestId('workbench-insight-row').first().waitFor();
    expect(await panel.getByTestId('workbench-insight-row').count()).toBe(own.items.length);
    expect(await panel.getByTestId('workbench-insight-row').first().textContent()).toContain(own.items[0].customerNo);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: (await shot(rm, 'insights-workbench')).replace('insights-workbench', 'insights-workbench-card') });
    await rm.goto('/insights/scores?target=wealth');
    await rm.getByTestId('insight-scores').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(rm, 'insights-scores');

    await admin.goto('/insights/models');
    await admin.getByTestId('insight-model-row').first().waitFor();
    await admin.getByTestId('calibration-chart').waitFor();
    await shot(admin, 'insights-models');
  }, 300_000);
});
