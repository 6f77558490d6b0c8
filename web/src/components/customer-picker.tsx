// Picks one customer in the caller's scope by the tail of a mobile number, a name, a customer number,
// a resident-ID or card tail, through the customers search API (results arrive masked). A form
// control: value and onChange carry the customer id.
// data-testid: customer-picker (the select), customer-option-<id>
import { useEffect, useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchHit, SearchKind } from '@contracts/customers';
import { api } from '../app/api';
import { useNamePick } from '../app/lang';

const DEBOUNCE_MS = 250;

export type CustomerPickerProps = {
  value?: number | null;
  onChange?: (id: number | null, hit: CustomerSearchHit | null) => void;
  placeholder?: string;
  disabled?: boolean;
  'data-testid'?: string;
};

export function CustomerPicker({ value, onChange, placeholder, disabled, 'data-testid': testId = 'customer-picker' }: CustomerPickerProps) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<CustomerSearchHit | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: ({ signal }) => api<{ kinds: SearchKind[]; items: CustomerSearchHit[] }>('/api/customers/search', { query: { q }, signal }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const hits = q.length >= 2 ? (search.data?.items ?? []) : [];
  // The chosen customer stays listed after the search text changes, so the field keeps showing them.
  const options = [...(chosen && value === chosen.id && !hits.some((h) => h.id === chosen.id) ? [chosen] : []), ...hits];

  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      allowClear
      value={value ?? undefined}
      disabled={disabled}
      placeholder={placeholder ?? t('customerPicker.placeholder')}
      loading={search.isFetching}
      notFoundContent={q.length < 2 ? t('customerPicker.typeMore') : search.isFetching ? t('customerPicker.searching') : t('customerPicker.none')}
      onChange={(id) => {
        const hit = options.find((h) => h.id === id) ?? null;
        setChosen(hit);
        onChange?.(id ?? null, hit);
      }}
      data-testid={testId}
      options={options.map((h) => ({ value: h.id, label: `${h.name} · ${h.customerNo}` }))}
      optionRender={(o) => {
        const h = options.find((x) => x.id === o.value);
        return h ? (
          <Space size={6} wrap data-testid={`customer-option-${h.id}`}>
            <Typography.Text strong>{h.name}</Typography.Text>
            <Typography.Text type="secondary">{h.customerNo}</Typography.Text>
            {h.mobile ? <Typography.Text type="secondary">{h.mobile}</Typography.Text> : null}
            <Typography.Text>{pick(h.tierNameZh, h.tierNameEn)}</Typography.Text>
            <Typography.Text type="secondary">{h.branchName}</Typography.Text>
          </Space>
        ) : o.label;
      }}
    />
  );
}
