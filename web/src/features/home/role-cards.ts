// Which cards each role sees on the home page. Most describe what a later module will show there,
// so that users learn where their daily work will live; a few carry real figures already.
import type { RoleCode } from '@contracts/roles';

export type PlaceholderCard = {
  kind: 'placeholder';
  key: string;
  /** i18n key prefix: <prefix>.title and <prefix>.desc */
  text: string;
  /** i18n key of the module that will fill the card */
  module: 'home.modules.customers' | 'home.modules.lobby' | 'home.modules.performance' | 'home.modules.engagement';
};
export type DataCard = { kind: 'data'; key: 'adminLinks' | 'expiring' | 'staffTotal' | 'audit' | 'branchChart' };
export type HomeCard = PlaceholderCard | DataCard;

const ph = (key: string, module: PlaceholderCard['module']): PlaceholderCard => ({
  kind: 'placeholder',
  key,
  text: `home.cards.${key}`,
  module,
});

export const ROLE_CARDS: Record<RoleCode, HomeCard[]> = {
  wealth_rm: [
    ph('todayTasks', 'home.modules.engagement'),
    ph('lobbyVip', 'home.modules.lobby'),
    ph('maturing', 'home.modules.customers'),
    ph('birthdays', 'home.modules.customers'),
  ],
  marketing_rm: [
    ph('prospects', 'home.modules.engagement'),
    ph('handover', 'home.modules.engagement'),
    ph('marketIntel', 'home.modules.engagement'),
  ],
  lobby_manager: [ph('queue', 'home.modules.lobby'), ph('vipRecognition', 'home.modules.lobby'), ph('dailyReport', 'home.modules.lobby')],
  lobby_assistant: [ph('queue', 'home.modules.lobby'), ph('vipRecognition', 'home.modules.lobby')],
  security_guard: [ph('queue', 'home.modules.lobby')],
  cash_teller: [ph('counter', 'home.modules.lobby'), ph('spotVip', 'home.modules.lobby')],
  noncash_teller: [ph('counter', 'home.modules.lobby'), ph('spotVip', 'home.modules.lobby')],
  branch_head: [
    { kind: 'data', key: 'staffTotal' },
    { kind: 'data', key: 'expiring' },
    ph('branchDaily', 'home.modules.lobby'),
    ph('contest', 'home.modules.performance'),
  ],
  wealth_centre_head: [
    { kind: 'data', key: 'staffTotal' },
    { kind: 'data', key: 'expiring' },
    ph('branchDaily', 'home.modules.lobby'),
    ph('contest', 'home.modules.performance'),
  ],
  hq_admin: [
    { kind: 'data', key: 'adminLinks' },
    { kind: 'data', key: 'branchChart' },
    { kind: 'data', key: 'expiring' },
  ],
  auditor: [{ kind: 'data', key: 'audit' }],
};

/** The cards of all the user's roles, each once, in role order. */
export function cardsFor(roles: readonly RoleCode[]): HomeCard[] {
  const seen = new Set<string>();
  const out: HomeCard[] = [];
  for (const r of roles) {
    for (const c of ROLE_CARDS[r] ?? []) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      out.push(c);
    }
  }
  return out;
}
