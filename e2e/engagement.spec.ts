// The handover journey: a marketing RM hands a customer they brought in over to a wealth RM, the
// wealth RM opens the complete file and accepts it, finds the customer's introduction task on the
// workbench and logs the call that completes it. Data comes from the API, never hard-coded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ActivityItem, HandoverCandidate, StaffOption, TaskList, Workbench } from '../contracts/engagement';
import { getJson, launch, pickOption, shot, signedInPage } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

const json = getJson;

describe('handover from a marketing RM to a wealth RM', () => {
  let customer: HandoverCandidate;
  let handoverId: number;

  it('the marketing RM hands a customer over with a note', async () => {
    const page = await as('mrm');
    const candidates = await json<HandoverCandidate[]>(page, '/api/engagement/handovers/candidates');
    customer = candidates.find((c) => c.rmName === null)!;
    expect(customer).toBeTruthy();
    const receivers = await json<StaffOption[]>(page, '/api/engagement/handovers/receivers');
    const wrmPage = await as('wrm');
    const wrmMe = await json<{ staffId: number }>(wrmPage, '/api/me');
    await wrmPage.context().close();
    const receiver = receivers.find((r) => r.staffId === wrmMe.staffId)!;
    expect(receiver).toBeTruthy();

    await page.goto('/engagement/handovers');
    await page.getByTestId('handovers-page').waitFor();
    await page.getByTestId('handover-new').click();
    await pickOption(page, page.getByTestId('handover-customer'), customer.customerNo, customer.customerNo);
    await pickOption(page, page.getByTestId('handover-receiver'), null, receiver.staffNo);
    await page.getByTestId('handover-note').fill('客户资产增长快，关注稳健理财，请尽快联系');
    await shot(page, 'engagement-01-handover-form');
    await page.getByTestId('handover-send').click();
    await page.getByTestId('handover-tab-outgoing').click();
    const row = page.locator('tr', { hasText: customer.customerNo }).first();
    await row.waitFor();
    await shot(page, 'engagement-02-handover-sent');
    const outgoing = await json<{ id: number; customerId: number; status: string }[]>(page, '/api/engagement/handovers?direction=outgoing&status=pending');
    handoverId = outgoing.find((h) => h.customerId === customer.customerId)!.id;
    expect(handoverId).toBeGreaterThan(0);
  });

  it('the wealth RM sees it on the workbench, reads the file and accepts', async () => {
    const page = await as('wrm');
    await page.goto('/');
    await page.getByTestId('home-workbench-link').click();
    await page.getByTestId('workbench-page').waitFor();
    await page.getByTestId(`workbench-handover-${handoverId}`).waitFor();
    await shot(page, 'engagement-03-workbench-before');
    await page.getByTestId(`workbench-handover-${handoverId}`).getByRole('link').click();
    await page.getByTestId('handover-file').waitFor();
    await expect.poll(() => page.getByTestId('handover-status').textContent()).toContain('待接收');
    await shot(page, 'engagement-04-handover-file');
    await page.getByTestId('handover-accept').click();
    await page.getByTestId('workbench-page').waitFor();
    await expect.poll(async () => (await json<Workbench>(page, '/api/workbench')).handovers.some((h) => h.id === handoverId)).toBe(false);
    await shot(page, 'engagement-05-workbench-after');

    // Accepting opened an introduction task for the customer. The workbench card shows only the
    // first tasks due this week, so the RM follows "view all" to their task list, on the page
    // where the task is (the page's own query, asked through the API).
    const open = `/api/engagement/tasks?view=mine&status=open`;
    const intros = await json<TaskList>(page, `${open}&kind=introduction&customerId=${customer.customerId}`);
    expect(intros.items).toHaveLength(1);
    const intro = intros.items[0];
    let listPage = 1;
    for (;;) {
      const list = await json<TaskList>(page, `${open}&page=${listPage}&pageSize=20`);
      if (list.items.some((x) => x.id === intro.id)) break;
      expect(listPage * 20, 'the introduction task is in the RM\'s open tasks').toBeLessThan(list.total);
      listPage += 1;
    }
    await page.getByTestId('workbench-tasks').getByRole('link', { name: '查看全部' }).click();
    await page.getByTestId('tasks-page').waitFor();
    if (listPage > 1) await page.getByTestId('tasks-page').locator(`.ant-pagination-item-${listPage}`).click();
    await page.getByTestId(`task-row-${intro.id}`).waitFor();
    await shot(page, 'engagement-06-task-list');

    await page.getByTestId(`task-complete-${intro.id}`).click();
    await page.getByTestId('activity-summary').fill('电话自我介绍，约定下周到网点面谈');
    await page.getByTestId('activity-next-step').fill('网点面谈，介绍资产配置方案');
    await shot(page, 'engagement-07-log-call');
    await page.getByTestId('activity-save').click();
    await expect.poll(async () => (await json<TaskList>(page, `${open}&kind=introduction&customerId=${customer.customerId}`)).items.length).toBe(0);
    const acts = await json<ActivityItem[]>(page, `/api/engagement/customers/${customer.customerId}/activities`);
    expect(acts[0]).toMatchObject({ channel: 'call', taskId: intro.id, summary: '电话自我介绍，约定下周到网点面谈' });
    await page.goto(`/customers/${customer.customerId}`);
    await page.getByTestId('app-content').waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'engagement-08-customer-360');
  });
});
