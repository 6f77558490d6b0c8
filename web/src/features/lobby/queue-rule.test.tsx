// The queue-rule page's written rule and the board's spoken call, in jsdom.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { QueueRuleParams, ServiceLevel } from '@contracts/lobby';
import type { Tier } from '@contracts/tiers';
import { i18n, setLanguage } from '../../app/i18n';
import { QueueRuleText, ruleScore } from './queue-rule-page';
import { callText, spellTicket } from './speech';
import { nextMonday } from './staffing-page';

beforeAll(() => {
  // antd measures the window; jsdom has neither of these.
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {},
    addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  // The tier ladder query of TierTag must not reach a network.
  vi.stubGlobal('fetch', () => new Promise(() => {}));
});
afterEach(() => {
  cleanup();
  setLanguage('zh-CN');
});

const levels: ServiceLevel[] = [
  { id: 1, nameZh: '普通客户', nameEn: 'Everyone', minTierRank: 0, maxWaitMinutes: 15, targetShare: 0.8 },
  { id: 2, nameZh: '贵宾客户', nameEn: 'VIP', minTierRank: 1, maxWaitMinutes: 5, targetShare: 0.9 },
];
// Not the server's defaults (5 and 60), so that the page is seen to take the figures it is given.
const TIER_HEAD_START_MINUTES = 7;
const params: QueueRuleParams = { tierHeadStartMinutes: TIER_HEAD_START_MINUTES, appointmentHeadStartMinutes: 45, slaWarnShare: 0.75, serviceLevels: levels };
const tiers = [
  { code: 'mass', nameZh: '大众', nameEn: 'Mass', rank: 0, color: '#8c8c8c' },
  { code: 'diamond', nameZh: '钻石', nameEn: 'Diamond', rank: 3, color: '#1677ff' },
] as unknown as Tier[];

function renderRule() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <QueueRuleText params={params} tiers={tiers} />
    </QueryClientProvider>,
  );
}

describe('queue rule page', () => {
  it('states the formula with the head start and lists service levels and head starts per tier', () => {
    renderRule();
    expect(screen.getByTestId('rule-formula').textContent).toContain(`客户层级 × ${TIER_HEAD_START_MINUTES} 分钟`);
    const lv = screen.getByTestId('rule-levels');
    expect(within(lv).getByText('贵宾客户')).toBeTruthy();
    expect(within(lv).getByText('5 分钟')).toBeTruthy();
    expect(within(lv).getByText('90%')).toBeTruthy();
    const hs = screen.getByTestId('rule-headstarts');
    expect(within(hs).getByText('钻石')).toBeTruthy();
    expect(within(hs).getByText(`${3 * TIER_HEAD_START_MINUTES} 分钟`)).toBeTruthy();
    expect(screen.getByText('转移不重新排队')).toBeTruthy();
    expect(screen.getByTestId('rule-formula').textContent).toContain('45 分钟');
    expect(screen.getByText(/75%/)).toBeTruthy();
  });

  it('is complete in English', () => {
    setLanguage('en');
    renderRule();
    expect(i18n.language).toBe('en');
    expect(screen.getByTestId('rule-formula').textContent).toContain(`tier rank × ${TIER_HEAD_START_MINUTES} min`);
    expect(screen.getByText('Transfers keep their place')).toBeTruthy();
    expect(within(screen.getByTestId('rule-levels')).getByText('VIP')).toBeTruthy();
  });

  it('scores waited minutes plus the tier head start, so a later diamond overtakes only up to its head start', () => {
    expect(ruleScore(10, 0, false, params)).toBe(10);
    expect(ruleScore(0, 3, false, params)).toBe(3 * TIER_HEAD_START_MINUTES);
    expect(ruleScore(0, 3, false, params) < ruleScore(3 * TIER_HEAD_START_MINUTES + 1, 0, false, params)).toBe(true);
    expect(ruleScore(0, 0, true, params)).toBe(45);
  });
});

describe('spoken call and staffing week', () => {
  it('reads ticket digits one by one in Chinese', () => {
    expect(spellTicket('A012')).toBe('A 零 一 二');
    expect(callText('V003', '3号窗口')).toBe('请 V 零 零 三 号 到 3号窗口 办理业务');
  });

  it('the advice week starts on the Monday after today', () => {
    expect(nextMonday('2026-11-28')).toBe('2026-11-30'); // a Saturday
    expect(nextMonday('2026-11-30')).toBe('2026-12-07'); // a Monday: the next one
  });
});
