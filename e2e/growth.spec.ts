// The growth journey: a cash teller refers a customer of the outlet to the wealth RM, the RM works
// the referral to a conversion; a branch head builds a segment (live count), saves a campaign and
// launches it once. Customers come from the API, never hard-coded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CustomerListItem } from '../contracts/customers';
import type { Campaign, GrowthReferralPage } from '../contracts/growth';
import { getJson, inputOf, launch, pickOption, shot, signedInPage } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

const json = getJson;

async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

describe('a referral from the counter to the wealth RM', () => {
  let customerNo = '';

  it('the cash teller refers a customer of the outlet', async () => {
    // The teller refers within their own outlet, and earlier journeys may have handed the RM
    // customers of other outlets: pick one of the RM's customers kept at the teller's outlet.
    const teller = await as('cteller');
    const outlet = (await json<{ branchId: number }>(teller, '/api/me')).branchId;
    await teller.context().close();
    const rm = await as('wrm');
    const list = await json<{ items: CustomerListItem[] }>(rm, `/api/customers?pageSize=50&sort=aum_asc&branchId=${outlet}`);
    const c = list.items.find((x) => x.status === 'active' && x.branchId === outlet);
    expect(c, 'the wealth RM has an active customer at the teller\'s outlet').toBeTruthy();
    customerNo = c!.customerNo;
    await rm.context().close();

    const page = await as('cteller');
    await page.getByTestId('menu-growthReferrals').click();
    await page.getByTestId('referrals-page').waitFor();
    await page.getByTestId('referral-new').click();
    await page.getByTestId('referral-customer-no').fill(customerNo);
    await page.getByTestId('referral-note').fill('客户办理大额定期存款，询问理财产品');
    await shot(page, 'growth-01-teller-refers');
    await page.getByTestId('referral-submit').click();
    const row = page.getByTestId('referrals-table').locator('tr.ant-table-row', { hasText: customerNo }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('新推荐');
    // The teller sees only what they referred: no list switch, no work buttons.
    expect(await page.getByTestId('referral-box').count()).toBe(0);
    await snap(page, 'growth-02-teller-sent');
    await page.context().close();
  });

  it('the wealth RM contacts the customer and converts the referral', async () => {
    const page = await as('wrm');
    await page.getByTestId('menu-growthReferrals').click();
    const row = page.getByTestId('referrals-table').locator('tr.ant-table-row', { hasText: customerNo }).first();
    await row.waitFor();
    const id = (await row.getAttribute('data-testid'))!.replace('referral-row-', '');
    await snap(page, 'growth-03-rm-inbox');
    await page.getByTestId(`referral-work-${id}-contacted`).click();
    await page.getByTestId('work-outcome').fill('已电话联系，约定周五到网点面谈');
    await page.getByTestId('work-submit').click();
    await expect.poll(async () => page.getByTestId(`referral-status-${id}`).textContent()).toBe('已联系');
    await page.getByTestId(`referral-work-${id}-converted`).click();
    await page.getByTestId('work-submit').click();
    await expect.poll(async () => page.getByTestId(`referral-status-${id}`).textContent()).toBe('已转化');
    await snap(page, 'growth-04-rm-converted');
    const mine = await json<GrowthReferralPage>(page, '/api/growth/referrals?box=inbox&status=converted&pageSize=200');
    const r = mine.items.find((x) => String(x.id) === id);
    expect(r?.referredByName).toBeTruthy();
    expect(r?.referrerRole).toBe('cash_teller');
    await page.getByTestId('menu-growthPipeline').click();
    await page.getByTestId('prospects-table').waitFor();
    await page.getByRole('tab', { name: '我的商机' }).click();
    await page.getByTestId('pipeline-table').locator('tr.ant-table-row').first().waitFor();
    await snap(page, 'growth-05-rm-pipeline');
    await page.context().close();
  });
});

describe('a branch head launches a campaign', () => {
  it('builds a segment with a live count, saves the campaign and launches it once', async () => {
    const page = await as('bhead');
    await page.getByTestId('menu-growthCampaigns').click();
    await page.getByTestId('campaigns-page').waitFor();
    await snap(page, 'growth-06-campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill('白金客户保险配置回访');
    await page.getByTestId('campaign-description').fill('向未持有保险的白金客户介绍保障型保险');
    await pickOption(page, page.getByTestId('segment-tiers'), null, '白金');
    await page.keyboard.press('Escape');
    await pickOption(page, page.getByTestId('segment-not-held'), null, '保险');
    await page.keyboard.press('Escape');
    const count = page.getByTestId('segment-count');
    await expect.poll(async () => Number((await count.getAttribute('data-count')) || '0'), { timeout: 15_000 }).toBeGreaterThan(0);
    const previewed = Number(await count.getAttribute('data-count'));
    await (await inputOf(page.getByTestId('segment-age-min'))).fill('30');
    await expect.poll(async () => Number((await count.getAttribute('data-count')) || '-1'), { timeout: 15_000 }).toBeLessThanOrEqual(previewed);
    await shot(page, 'growth-07-segment-builder');
    await page.getByTestId('campaign-save').click();
    const row = page.getByTestId('campaigns-table').locator('tr.ant-table-row', { hasText: '白金客户保险配置回访' }).first();
    await row.waitFor();
    const id = (await row.getAttribute('data-testid'))!.replace('campaign-row-', '');
    await page.getByTestId(`campaign-launch-${id}`).click();
    await page.getByTestId('campaign-launch-confirm').click();
    await expect.poll(async () => page.getByTestId(`campaign-status-${id}`).textContent()).toBe('进行中');
    await snap(page, 'growth-08-campaign-launched');
    const c = await json<Campaign>(page, `/api/growth/campaigns/${id}`);
    expect(c.memberCount).toBeGreaterThan(0);
    expect(c.results.tasks).toBeGreaterThan(0);
    expect(c.results.tasks).toBeLessThanOrEqual(c.memberCount);
    // Launching again creates nothing.
    const again = await page.request.post(`/api/growth/campaigns/${id}/launch`, { headers: { origin: baseUrl } });
    expect(again.status()).toBe(409);
    expect((await json<Campaign>(page, `/api/growth/campaigns/${id}`)).results.tasks).toBe(c.results.tasks);
    await page.getByTestId('menu-growthEvents').click();
    await page.getByTestId('events-table').locator('tr.ant-table-row').first().waitFor();
    await snap(page, 'growth-09-care-events');
    await page.getByTestId('menu-growthResearch').click();
    await page.getByTestId('research-table').locator('tr.ant-table-row').first().waitFor();
    await snap(page, 'growth-10-market-research');
    await page.context().close();
  });
});
