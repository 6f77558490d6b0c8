// What a new installation's lobby starts with: the source's business types and triage rules
// (大额现金→现金柜台；小额现金、缴费、补登折→自助设备；非现金→非现金柜台), head office's service
// levels, and for every outlet its zones, counters and devices. Head office edits them afterwards.
import type { ZoneKind } from '../../../contracts/lobby';
import type { DbOrTrx } from '../../platform/db';
import { insertLobbyDefaults, insertOutletDefaults } from './lobby.repository';

export type BusinessTypeDefinition = {
  code: string; nameZh: string; nameEn: string; defaultZone: ZoneKind; selfService: boolean; needsAmount: boolean; serviceMinutes: number; sortOrder: number;
};

export const LARGE_CASH_THRESHOLD = '50000.00';

export const DEFAULT_BUSINESS_TYPES: readonly BusinessTypeDefinition[] = [
  { code: 'cash', nameZh: '现金存取款', nameEn: 'Cash deposit / withdrawal', defaultZone: 'cash', selfService: false, needsAmount: true, serviceMinutes: 6, sortOrder: 10 },
  { code: 'bill_payment', nameZh: '缴费及代理业务', nameEn: 'Bill and agency payments', defaultZone: 'self_service', selfService: true, needsAmount: false, serviceMinutes: 3, sortOrder: 20 },
  { code: 'passbook_update', nameZh: '存折补登', nameEn: 'Passbook update', defaultZone: 'self_service', selfService: true, needsAmount: false, serviceMinutes: 2, sortOrder: 30 },
  { code: 'account_opening', nameZh: '开户/销户', nameEn: 'Open or close an account', defaultZone: 'noncash', selfService: false, needsAmount: false, serviceMinutes: 12, sortOrder: 40 },
  { code: 'transfer', nameZh: '转账汇款', nameEn: 'Transfers and remittances', defaultZone: 'noncash', selfService: false, needsAmount: false, serviceMinutes: 6, sortOrder: 50 },
  { code: 'card_services', nameZh: '挂失/换卡/密码', nameEn: 'Card services (loss, replacement, PIN)', defaultZone: 'noncash', selfService: false, needsAmount: false, serviceMinutes: 8, sortOrder: 60 },
  { code: 'foreign_exchange', nameZh: '外汇业务', nameEn: 'Foreign exchange', defaultZone: 'noncash', selfService: false, needsAmount: false, serviceMinutes: 10, sortOrder: 70 },
  { code: 'wealth_products', nameZh: '理财/基金/保险', nameEn: 'Wealth products, funds, insurance', defaultZone: 'consulting', selfService: false, needsAmount: false, serviceMinutes: 20, sortOrder: 80 },
  { code: 'loans', nameZh: '个人贷款', nameEn: 'Personal loans', defaultZone: 'consulting', selfService: false, needsAmount: false, serviceMinutes: 25, sortOrder: 90 },
  { code: 'enquiry', nameZh: '业务咨询', nameEn: 'Enquiries', defaultZone: 'consulting', selfService: false, needsAmount: false, serviceMinutes: 5, sortOrder: 100 },
];

export type RoutingRuleDefinition = { businessCode: string; minTierRank: number; minAmount: string | null; maxAmount: string | null; zone: ZoneKind; note: string };

/** Head office's defaults; an outlet may add its own rules, which win over these. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRuleDefinition[] = [
  { businessCode: 'cash', minTierRank: 0, minAmount: LARGE_CASH_THRESHOLD, maxAmount: null, zone: 'cash', note: '大额现金→现金柜台' },
  { businessCode: 'cash', minTierRank: 0, minAmount: null, maxAmount: LARGE_CASH_THRESHOLD, zone: 'self_service', note: '小额现金→自助设备' },
  // Premium customers are served in the VIP room / wealth centre whatever the business.
  { businessCode: 'cash', minTierRank: 2, minAmount: null, maxAmount: null, zone: 'vip', note: '白金及以上→贵宾室' },
  { businessCode: 'wealth_products', minTierRank: 1, minAmount: null, maxAmount: null, zone: 'vip', note: '金卡及以上理财→理财中心' },
  { businessCode: 'loans', minTierRank: 2, minAmount: null, maxAmount: null, zone: 'vip', note: '白金及以上贷款→理财中心' },
  { businessCode: 'account_opening', minTierRank: 2, minAmount: null, maxAmount: null, zone: 'vip', note: '白金及以上→贵宾室' },
  { businessCode: 'transfer', minTierRank: 2, minAmount: null, maxAmount: null, zone: 'vip', note: '白金及以上→贵宾室' },
];

export type ServiceLevelDefinition = { nameZh: string; nameEn: string; minTierRank: number; maxWaitMinutes: number; targetShare: number };
export const DEFAULT_SERVICE_LEVELS: readonly ServiceLevelDefinition[] = [
  { nameZh: '普通客户', nameEn: 'Mass customers', minTierRank: 0, maxWaitMinutes: 15, targetShare: 0.8 },
  { nameZh: '贵宾客户', nameEn: 'VIP customers', minTierRank: 1, maxWaitMinutes: 5, targetShare: 0.9 },
];

export type ZoneDefinition = { code: string; kind: ZoneKind; nameZh: string; nameEn: string; prefix: string; priorityPrefix: string };
export const DEFAULT_ZONES: readonly ZoneDefinition[] = [
  { code: 'cash', kind: 'cash', nameZh: '现金区', nameEn: 'Cash counters', prefix: 'A', priorityPrefix: 'VA' },
  { code: 'noncash', kind: 'noncash', nameZh: '非现金区', nameEn: 'Non-cash counters', prefix: 'B', priorityPrefix: 'VB' },
  { code: 'consulting', kind: 'consulting', nameZh: '咨询营销区', nameEn: 'Consulting and marketing', prefix: 'C', priorityPrefix: 'VC' },
  { code: 'self_service', kind: 'self_service', nameZh: '自助服务区', nameEn: 'Self-service area', prefix: 'S', priorityPrefix: 'S' },
  { code: 'vip', kind: 'vip', nameZh: '贵宾室/理财中心', nameEn: 'VIP room / wealth centre', prefix: 'V', priorityPrefix: 'V' },
];

/** Counters of a new outlet: number and zone code. */
export const DEFAULT_COUNTERS: readonly { number: string; zoneCode: string }[] = [
  { number: '1', zoneCode: 'cash' },
  { number: '2', zoneCode: 'cash' },
  { number: '3', zoneCode: 'cash' },
  { number: '4', zoneCode: 'noncash' },
  { number: '5', zoneCode: 'noncash' },
  { number: '6', zoneCode: 'noncash' },
  { number: '7', zoneCode: 'consulting' },
  { number: '8', zoneCode: 'vip' },
  { number: '9', zoneCode: 'vip' },
];

export const DEFAULT_DEVICES: readonly { kind: string; label: string; zoneCode: string | null }[] = [
  { kind: 'atm', label: 'ATM-1', zoneCode: 'self_service' },
  { kind: 'atm', label: 'ATM-2', zoneCode: 'self_service' },
  { kind: 'crs', label: '存取款一体机-1', zoneCode: 'self_service' },
  { kind: 'passbook_printer', label: '补登折机-1', zoneCode: 'self_service' },
  { kind: 'self_service_terminal', label: '智能柜员机-1', zoneCode: 'self_service' },
  { kind: 'kiosk', label: '取号机-1', zoneCode: null },
  { kind: 'display_board', label: '叫号屏-1', zoneCode: null },
];

/**
 * Safe on every start: head office's defaults go in only where missing (an edit survives), and every
 * outlet (level outlet or sub-branch) without a lobby gets the default zones, counters and devices.
 */
export async function seedLobbyReferenceData(db: DbOrTrx): Promise<void> {
  await insertLobbyDefaults(db, {
    businessTypes: DEFAULT_BUSINESS_TYPES,
    routingRules: DEFAULT_ROUTING_RULES,
    serviceLevels: DEFAULT_SERVICE_LEVELS,
    largeCashThreshold: LARGE_CASH_THRESHOLD,
  });
  await seedLobbyOutlets(db);
}

/** Zones, counters and devices for every outlet that has none yet (set-based: one statement each). */
export async function seedLobbyOutlets(db: DbOrTrx): Promise<number> {
  return insertOutletDefaults(db, { zones: DEFAULT_ZONES, counters: DEFAULT_COUNTERS, devices: DEFAULT_DEVICES });
}
