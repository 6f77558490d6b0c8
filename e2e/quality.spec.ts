// The complaint journey: the lobby manager records a complaint about a teller at the outlet → the
// branch head sees it in the list and assigns it (the named teller is not offered: recusal) → the
// handler (a wealth RM) investigates, proposes and tells the decision within the deadline → the
// branch head's report counts it. Then the service standards, inspections and team evaluation
// pages as the branch head sees them. Data comes from the API, never hard-coded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ComplaintReport } from '../contracts/quality';
import { getJson, launch, pickOption, shot, signedInPage } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

const json = getJson;

/** Opens an antd Select by its test id and picks the option whose text contains `text`. */
const choose = (page: Page, testId: string, text: string): Promise<void> => pickOption(page, page.getByTestId(testId), null, text);

const stat = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d.]/g, ''));

describe('a complaint from the lobby to the report', () => {
  it('lobby records → branch head assigns → handler decides in time → the report shows it', async () => {
    const head = await as('bhead');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const before = await json<ComplaintReport>(head, `/api/complaints/report?from=${today}&to=${today}`);

    // The handler-to-be: the outlet's wealth RM.
    const rm = await as('wrm');
    const handler = await json<{ staffId: number; staffNo: string }>(rm, '/api/me');

    // The lobby manager records a walk-in's complaint about the outlet's cash teller.
    const lobby = await as('lobby');
    const me = await json<{ branchId: number }>(lobby, '/api/me');
    const tellers = await json<{ items: { id: number; name: string }[] }>(lobby, `/api/staff?branchId=${me.branchId}&role=cash_teller&pageSize=5`);
    const teller = tellers.items[0]!;
    await lobby.getByTestId('menu-complaintNew').click();
    await lobby.getByTestId('intake-form').waitFor();
    await choose(lobby, 'intake-type', '现场投诉');
    await lobby.getByTestId('intake-contact-name').fill('周女士');
    await lobby.getByTestId('intake-contact-mobile').fill('13912340000');
    await choose(lobby, 'intake-category', '服务态度');
    await choose(lobby, 'intake-staff', teller.name);
    await lobby.keyboard.press('Escape');
    await lobby.getByTestId('intake-amount').fill('35');
    await lobby.getByTestId('intake-description').fill('现金柜台办理取款时柜员态度生硬，未使用文明用语');
    await lobby.getByTestId('intake-request').fill('希望网点致歉并加强培训');
    await shot(lobby, 'quality-01-intake-form');
    await lobby.getByTestId('intake-submit').click();
    await lobby.getByTestId('complaint-no').waitFor();
    const id = Number(lobby.url().split('/').pop());
    expect(id).toBeGreaterThan(0);
    await expect.poll(() => lobby.getByTestId('complaint-status').textContent()).toBe('已受理');
    expect(await lobby.getByTestId('complaint-deadline').textContent()).toContain('时限内');
    await shot(lobby, 'quality-02-complaint-accepted');

    // The branch head finds it in the list and assigns it; the named teller is not offered.
    await head.getByTestId('menu-complaints').click();
    await head.getByTestId(`complaint-row-${id}`).waitFor();
    await shot(head, 'quality-03-complaint-list');
    await head.getByTestId(`complaint-row-${id}`).getByRole('link').click();
    await head.getByTestId('action-assign').click();
    await head.getByTestId('action-handler').click();
    const options = head.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).not.toContainEqual(expect.stringContaining(teller.name));
    await head.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: handler.staffNo }).first().click();
    await head.getByTestId('action-note').fill('请今天内联系客户');
    await head.getByTestId('action-confirm').click();
    await expect.poll(() => head.getByTestId('complaint-status').textContent()).toBe('已分派');
    await shot(head, 'quality-04-assigned');

    // The handler investigates, proposes the decision and tells it, within the deadline.
    await rm.goto(`/quality/complaints/${id}`);
    await rm.getByTestId('action-investigate').click();
    await expect.poll(() => rm.getByTestId('complaint-status').textContent()).toBe('调查中');
    await rm.getByTestId('action-propose').click();
    await rm.getByTestId('action-decision').fill('经调取录像核实，柜员服务用语不规范，网点向客户致歉并对柜员进行服务礼仪再培训');
    await rm.getByTestId('action-confirm').click();
    await expect.poll(() => rm.getByTestId('complaint-status').textContent()).toBe('拟定决定');
    await rm.getByTestId('action-decide').click();
    await rm.getByTestId('action-confirm').click();
    await expect.poll(() => rm.getByTestId('complaint-status').textContent()).toBe('已告知决定');
    expect(await rm.getByTestId('complaint-deadline').textContent()).toContain('按时告知');
    await rm.getByTestId('history-decide').waitFor();
    await shot(rm, 'quality-05-decided');

    // The branch head's report counts it: one more accepted and decided today, about the teller.
    await head.getByTestId('menu-complaintReport').click();
    await head.getByTestId('report-total').waitFor();
    const after = await json<ComplaintReport>(head, `/api/complaints/report?from=${today}&to=${today}`);
    expect(after.total).toBe(before.total + 1);
    expect(after.decided).toBe(before.decided + 1);
    expect(after.byStaff.find((s) => s.key === String(teller.id))?.count).toBeGreaterThanOrEqual(1);
    expect(await stat(head, 'report-total')).toBeGreaterThanOrEqual(after.total);
    await head.getByTestId('report-month-chart').locator('canvas').waitFor();
    await shot(head, 'quality-06-report');
  });

  it('shows the standards library, inspections and the team evaluation', async () => {
    const head = await as('bhead');
    await head.getByTestId('menu-standards').click();
    await head.getByTestId('standard-row-greet').waitFor();
    expect(await head.getByTestId('standard-smart-greet').textContent()).toBe('符合');
    await shot(head, 'quality-07-standards');
    await head.getByTestId('menu-inspections').click();
    await head.getByTestId('inspections-trend').locator('canvas').waitFor();
    await head.getByTestId('inspections-add').click();
    await head.getByTestId('inspection-form').waitFor();
    await head.getByTestId('inspection-score-posture').fill('3');
    await head.getByTestId('inspection-save').click();
    await head.getByTestId('inspection-drawer').waitFor();
    await shot(head, 'quality-08-inspection');
    await head.keyboard.press('Escape');
    await head.getByTestId('menu-teams').click();
    await head.getByTestId('teams-table').waitFor();
    await shot(head, 'quality-09-teams');
  });
});
