// The satisfaction-survey journey: head office looks at the branch sample sizes and draws this
// year's wave, issues one customer's one-time link; the customer answers it on a phone without
// signing in (Chinese, then the page in English); the link then refuses a second use; the report
// (as admin, bank-wide) counts the new answer. Data comes from the API, never hard-coded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PublicSurvey, SurveyProgramme, SurveyReport } from '../contracts/surveys';
import { inputOf, launch, newContext, shot, signedInPage } from './support';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
// The report page opens on the last six months, from the first of the month.
const start = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
start.setUTCMonth(start.getUTCMonth() - 5);
const reportUrl = `/api/surveys/report?from=${start.toISOString().slice(0, 10)}&to=${today}`;

describe('satisfaction surveys', () => {
  it('a customer answers a one-time link on a phone and the report shows it', async () => {
    const admin = await as('admin');
    const programmes = (await (await admin.request.get('/api/surveys/programmes')).json()) as SurveyProgramme[];
    const branchProgramme = programmes.find((p) => p.kind === 'branch')!;

    // Sample sizes and the draw.
    await admin.goto('/quality/surveys');
    await admin.getByRole('tab', { name: '调查计划与抽样' }).click();
    await admin.getByTestId(`sp-sample-${branchProgramme.code}`).click();
    await admin.getByTestId('sp-total').waitFor();
    const wave = admin.getByTestId('sp-wave');
    await (await inputOf(wave)).fill(today.slice(0, 4));
    await admin.getByTestId('sp-draw').click();
    await admin.locator('.sp-drawn').waitFor();
    await shot(admin, 'surveys-programmes-sample');

    // One invitation's link and QR code.
    await admin.getByRole('tab', { name: '调查邀请' }).click();
    const first = admin.getByTestId('si-list').locator('[data-testid^="si-link-"]').first();
    await first.click();
    const linkText = admin.getByTestId('si-link-path');
    await linkText.waitFor();
    const url = (await linkText.innerText()).trim();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{20,}$/);
    await admin.getByTestId('si-qr').waitFor();
    await shot(admin, 'surveys-link');
    const before = ((await (await admin.request.get(reportUrl)).json()) as SurveyReport).overall.n;

    // The customer, on a phone, without a session.
    const phoneCtx = await newContext(browser, baseUrl, 'phone');
    const phone = await phoneCtx.newPage();
    const path = new URL(url).pathname;
    await phone.goto(path);
    await phone.getByTestId('psurvey').waitFor();
    const survey = (await (await phone.request.get(`/api/public/surveys/${path.split('/').pop()}`)).json()) as PublicSurvey;
    await phone.getByTestId('psurvey-submit').waitFor();
    await shot(phone, 'surveys-public-phone-zh');
    // Submitting with gaps names them instead of sending.
    await phone.getByTestId('psurvey-submit').click();
    await phone.getByTestId('psurvey-error').waitFor();
    for (const q of survey.definition.sections.flatMap((s) => s.questions)) {
      if (q.kind === 'rating') await phone.getByTestId(`psurvey-opt-${q.code}-4`).click();
      else if (q.kind === 'nps') await phone.getByTestId(`psurvey-opt-${q.code}-9`).click();
      else if (q.kind === 'single' || q.kind === 'multiple') await phone.getByTestId(`psurvey-opt-${q.code}-${q.options![0].code}`).click();
      else await phone.getByTestId(`psurvey-q-${q.code}`).locator('textarea').fill('大堂经理很热情，希望等候时间再短一些');
    }
    await phone.getByTestId('psurvey-lang').click();
    await phone.getByText('Customer satisfaction survey').first().waitFor();
    await shot(phone, 'surveys-public-phone-en');
    await phone.getByTestId('psurvey-submit').click();
    await phone.getByTestId('psurvey-thanks').waitFor();
    expect(await phone.getByTestId('psurvey-receipt').innerText()).toMatch(/Receipt: [A-Z0-9]{6,}/);
    await shot(phone, 'surveys-public-thanks');
    // The link is spent.
    await phone.reload();
    await phone.getByTestId('psurvey-invalid').waitFor();
    expect(await phone.getByTestId('psurvey-invalid').innerText()).toMatch(/already been answered|已完成/);
    await shot(phone, 'surveys-public-used');
    await phoneCtx.close();

    // The report counts it.
    await admin.goto('/quality/satisfaction');
    await admin.getByTestId('survey-report').waitFor();
    await admin.getByTestId('sr-drivers').waitFor();
    const shown = await admin.getByTestId('sr-answers').locator('.ant-statistic-content-value').innerText();
    expect(Number(shown.replace(/,/g, ''))).toBe(before + 1);
    await shot(admin, 'surveys-report');
    await admin.goto('/quality/improvement-plans');
    await admin.getByTestId('plans-page').waitFor();
    await shot(admin, 'surveys-plans');
    await admin.context().close();
  });
});
