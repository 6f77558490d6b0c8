// The filters of the customer list; they live in the URL (see readFilters) so a list can be
// bookmarked and shared, and the header search can open it.
// data-testid: customer-filter-q, customer-filters-toggle (phone), customer-filter-tier,
// customer-filter-risk, customer-filter-branch, customer-filter-rm, customer-filter-aum-min,
// customer-filter-aum-max, customer-filter-no-contact, customer-filter-status, customer-sort,
// customer-filter-risk-expiring, customer-filter-subtree, customer-filter-reset
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Col, Flex, Input, InputNumber, Row, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_SORTS, CUSTOMER_STATUSES, CUSTOMER_STATUS_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, type CustomerStatus, type RiskLevel,
} from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { BranchPicker } from '../../components/branch-select';
import { useTierLadder } from '../../components/use-tiers';
import { useRmOptions, type CustomerFilters } from './api';

type Sort = (typeof CUSTOMER_SORTS)[number];
const NO_CONTACT_DAYS = [30, 60, 90, 180, 365] as const;
const MONEY = /^\d{1,18}(\.\d{1,2})?$/;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const posInt = (v: string | null, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};
const optInt = (v: string | null) => (v ? posInt(v, 0) || undefined : undefined);
const money = (v: string | null) => (v && MONEY.test(v) ? v : undefined);

export function readFilters(p: URLSearchParams): CustomerFilters {
  const q = p.get('q')?.trim();
  return {
    q: q && q.length >= 2 ? q : undefined,
    tier: p.get('tier') || undefined,
    branchId: optInt(p.get('branchId')),
    includeSubtree: p.get('branchId') && p.get('includeSubtree') !== 'false' ? true : undefined,
    rmStaffId: optInt(p.get('rmStaffId')),
    aumMin: money(p.get('aumMin')),
    aumMax: money(p.get('aumMax')),
    riskLevel: oneOf(RISK_LEVELS, p.get('riskLevel')),
    riskExpiring: p.get('riskExpiring') === 'true' ? true : undefined,
    noContactDays: optInt(p.get('noContactDays')),
    status: oneOf(CUSTOMER_STATUSES, p.get('status')),
    sort: oneOf(CUSTOMER_SORTS, p.get('sort')),
    page: posInt(p.get('page'), 1),
    pageSize: Math.min(posInt(p.get('pageSize'), 20), 200),
  };
}

/** An AUM bound typed in yuan, applied on Enter or when the box loses focus. */
function AumInput({ value, onCommit, placeholder, testId }: { value?: string; onCommit: (v?: string) => void; placeholder: string; testId: string }) {
  const [draft, setDraft] = useState<string | null>(value ?? null);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The URL changed from elsewhere (reset, back button): follow it.
    setShown(value);
    setDraft(value ?? null);
  }
  const commit = () => {
    const v = draft && MONEY.test(draft) ? draft : undefined;
    if (v !== value) onCommit(v);
  };
  return (
    <InputNumber<string>
      stringMode
      min="0"
      precision={0}
      style={{ width: '100%' }}
      value={draft}
      placeholder={placeholder}
      prefix="¥"
      formatter={(v) => (v ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '')}
      parser={(v) => (v ?? '').replace(/[,\s¥]/g, '')}
      onChange={(v) => setDraft(v)}
      onBlur={commit}
      onPressEnter={commit}
      data-testid={testId}
    />
  );
}

type Props = {
  filters: CustomerFilters;
  update: (patch: Record<string, string | number | boolean | undefined>) => void;
  reset: () => void;
  /** A phone shows the search box and folds the other filters behind a button. */
  phone: boolean;
};

export function CustomerFilterCard({ filters, update, reset, phone }: Props) {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const { can, scopeOf } = useAuth();
  const tiers = useTierLadder();
  const [rmText, setRmText] = useState('');
  // An RM who sees only their own book has nothing to filter by RM.
  const rmFilter = can('org.staff.read') && scopeOf('customers.read') !== 'own';
  const rms = useRmOptions(rmText.trim(), rmFilter);
  const [filtersShown, setFiltersShown] = useState(false);
  const filtersOpen = !phone || filtersShown;
  const activeFilters = (['tier', 'branchId', 'rmStaffId', 'aumMin', 'aumMax', 'riskLevel', 'riskExpiring', 'noContactDays', 'status'] as const).filter(
    (k) => filters[k] !== undefined,
  ).length;

  return (
    <Card style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <Flex gap={8}>
            <Input.Search
              allowClear
              defaultValue={filters.q}
              key={filters.q ?? ''}
              placeholder={t('customers.searchPlaceholder')}
              onSearch={(q) => update({ q: q.trim().length >= 2 ? q.trim() : undefined })}
              data-testid="customer-filter-q"
            />
            {phone ? (
              <Badge count={activeFilters} size="small">
                <Button icon={<FilterOutlined />} onClick={() => setFiltersShown(!filtersShown)} data-testid="customer-filters-toggle">
                  {t('customers.filters')}
                </Button>
              </Badge>
            ) : null}
          </Flex>
        </Col>
        {filtersOpen ? (
          <>
            <Col xs={12} md={6} xl={3}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.tier}
                placeholder={t('customers.allTiers')}
                loading={tiers.isPending}
                onChange={(v?: string) => update({ tier: v })}
                options={(tiers.data ?? []).map((x) => ({ value: x.code, label: pick(x.nameZh, x.nameEn) }))}
                data-testid="customer-filter-tier"
              />
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.riskLevel}
                placeholder={t('customers.allRisks')}
                onChange={(v?: RiskLevel) => update({ riskLevel: v })}
                options={RISK_LEVELS.map((r) => ({ value: r, label: `${r} ${bi(RISK_LEVEL_LABELS[r])}` }))}
                data-testid="customer-filter-risk"
              />
            </Col>
            {can('org.branch.read') ? (
              <Col xs={24} md={12} xl={6}>
                <BranchPicker
                  value={filters.branchId}
                  onChange={(id) => update({ branchId: id, includeSubtree: undefined })}
                  placeholder={t('customers.allBranches')}
                  testId="customer-filter-branch"
                />
              </Col>
            ) : null}
            {rmFilter ? (
              <Col xs={24} md={12} xl={6}>
                <Select
                  allowClear
                  style={{ width: '100%' }}
                  value={filters.rmStaffId}
                  placeholder={t('customers.allRms')}
                  loading={rms.isFetching}
                  showSearch={{ filterOption: false, onSearch: setRmText }}
                  onChange={(v?: number) => update({ rmStaffId: v })}
                  options={(rms.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` }))}
                  data-testid="customer-filter-rm"
                />
              </Col>
            ) : null}
            <Col xs={12} md={6} xl={4}>
              <AumInput value={filters.aumMin} onCommit={(v) => update({ aumMin: v })} placeholder={t('customers.aumMin')} testId="customer-filter-aum-min" />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <AumInput value={filters.aumMax} onCommit={(v) => update({ aumMax: v })} placeholder={t('customers.aumMax')} testId="customer-filter-aum-max" />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.noContactDays}
                placeholder={t('customers.noContact')}
                onChange={(v?: number) => update({ noContactDays: v })}
                options={NO_CONTACT_DAYS.map((d) => ({ value: d, label: t('customers.noContactDays', { n: d }) }))}
                data-testid="customer-filter-no-contact"
              />
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.status}
                placeholder={t('customers.allStatuses')}
                onChange={(v?: CustomerStatus) => update({ status: v })}
                options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: bi(CUSTOMER_STATUS_LABELS[s]) }))}
                data-testid="customer-filter-status"
              />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Select
                style={{ width: '100%' }}
                value={filters.sort ?? 'aum_desc'}
                onChange={(v: Sort) => update({ sort: v === 'aum_desc' ? undefined : v })}
                options={CUSTOMER_SORTS.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
                data-testid="customer-sort"
              />
            </Col>
            <Col xs={24}>
              <Flex gap={16} align="center" wrap>
                <Checkbox
                  checked={filters.riskExpiring === true}
                  onChange={(e) => update({ riskExpiring: e.target.checked || undefined })}
                  data-testid="customer-filter-risk-expiring"
                >
                  {t('customers.riskExpiringFilter')}
                </Checkbox>
                <Checkbox
                  disabled={!filters.branchId}
                  checked={!filters.branchId || filters.includeSubtree === true}
                  onChange={(e) => update({ includeSubtree: e.target.checked ? undefined : 'false' })}
                  data-testid="customer-filter-subtree"
                >
                  {t('customers.includeSubtree')}
                </Checkbox>
                <Button onClick={reset} data-testid="customer-filter-reset">
                  {t('common.reset')}
                </Button>
              </Flex>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}
