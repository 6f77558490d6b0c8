// The customer search box of the header: a customer number, a name fragment or the tail of a mobile,
// resident ID or card number finds customers in the user's scope, shown masked; picking one opens
// the 360 page, Enter without a pick opens the list filtered by the text. On a phone the box opens
// from a search button.
// data-testid: customer-search (box; type into its input), customer-search-open (phone button),
// customer-search-modal (phone), customer-search-option-<customerNo> (options), customer-search-empty
import { useEffect, useState } from 'react';
import { AutoComplete, Button, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchHit } from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { TierTag } from '../../components/tier-tag';
import { useCustomerSearch } from './api';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

function HitLabel({ hit }: { hit: CustomerSearchHit }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`customer-search-option-${hit.customerNo}`} style={{ padding: '2px 0' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <span style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          <Typography.Text strong>{hit.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">{hit.customerNo}</Typography.Text>
        </span>
        <TierTag code={hit.tierCode} nameZh={hit.tierNameZh} nameEn={hit.tierNameEn} />
      </Flex>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {[hit.mobile, hit.branchName, hit.rmName ? t('customerSearch.rm', { name: hit.rmName }) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
        <Tag variant="filled" style={{ fontSize: 11, marginInlineEnd: 0 }}>
          {t(`customerSearch.by.${hit.matchedBy}`)}
        </Tag>
      </Flex>
    </div>
  );
}

function SearchBox({ autoFocus, width, onDone }: { autoFocus?: boolean; width: number | string; onDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useCustomerSearch(q);
  const ready = q.length >= 2;
  const hits = ready ? (search.data?.items ?? []) : [];

  const open = (id: number) => {
    setText('');
    onDone?.();
    navigate(`/customers/${id}`);
  };

  const notFound = !ready ? null : search.isFetching && hits.length === 0 ? (
    <Spin size="small" />
  ) : (
    <span data-testid="customer-search-empty">{t('customerSearch.none')}</span>
  );

  return (
    <div data-testid="customer-search" style={{ width }}>
      <AutoComplete
        style={{ width: '100%' }}
        value={text}
        autoFocus={autoFocus}
        allowClear
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        placeholder={t('customerSearch.placeholder')}
        aria-label={t('customerSearch.placeholder')}
        onChange={(v: string) => setText(v ?? '')}
        options={hits.map((h) => ({ value: String(h.id), label: <HitLabel hit={h} /> }))}
        onSelect={(v: string) => open(Number(v))}
        onKeyDown={(e) => {
          // Enter with nothing to pick opens the list filtered by the text (a highlighted option
          // is selected by AutoComplete itself).
          if (e.key !== 'Enter') return;
          const v = text.trim();
          if (v.length >= 2 && hits.length === 0 && !search.isFetching) {
            setText('');
            onDone?.();
            navigate(`/customers?q=${encodeURIComponent(v)}`);
          }
        }}
        notFoundContent={notFound}
        popupMatchSelectWidth={Math.max(typeof width === 'number' ? width : 0, 340)}
        showSearch={{ filterOption: false }}
      />
    </div>
  );
}

export function CustomerSearchBox({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  if (!can('customers.read')) return null;
  if (!phone) return <SearchBox width={260} />;
  return (
    <>
      <Button
        type="text"
        className="header-btn"
        icon={<SearchOutlined />}
        aria-label={t('customerSearch.placeholder')}
        onClick={() => setOpen(true)}
        data-testid="customer-search-open"
      />
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('customerSearch.title')}
        style={{ top: 12 }}
        destroyOnHidden
      >
        <div data-testid="customer-search-modal">
          <SearchBox autoFocus width="100%" onDone={() => setOpen(false)} />
        </div>
      </Modal>
    </>
  );
}
