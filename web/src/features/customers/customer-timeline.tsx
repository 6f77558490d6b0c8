// The customer's story, newest first; older pages load as the reader scrolls to the end of the list.
// data-testid: customer-timeline, timeline-event-<id> (data-kind), timeline-more, timeline-end
import { useEffect, useRef } from 'react';
import { Button, Card, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CustomerEvent, TimelinePage } from '@contracts/customers';
import { useLang } from '../../app/lang';
import { useTimeline } from './api';

const KIND_COLOR: Record<string, string> = {
  reveal: 'red',
  tier_change: 'gold',
  privilege_use: 'purple',
  privilege_booked: 'purple',
  privilege_used: 'purple',
  privilege_cancelled: 'gray',
  risk: 'blue',
  risk_assessment: 'blue',
  rm: 'cyan',
  rm_assignment: 'cyan',
  need: 'green',
  question: 'green',
  visit: 'volcano',
  onboarding: 'geekblue',
};

const kindKey = (k: string) => k.replace(/[^a-z0-9_]/gi, '_');

/** The English line of an event: its own, or one made from what it names (service, date). */
function englishTitle(e: CustomerEvent): string | null {
  const d = e.detail;
  if (typeof d.titleEn === 'string') return d.titleEn;
  if (typeof d.nameEn === 'string') return typeof d.serviceDate === 'string' ? `${d.nameEn} (${d.serviceDate})` : d.nameEn;
  return null;
}

function EventItem({ e }: { e: CustomerEvent }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kind = t(`customer.timeline.kinds.${kindKey(e.kind)}`, { defaultValue: e.kind });
  const title = lang === 'en' ? englishTitle(e) ?? e.title : e.title;
  return (
    <div data-testid={`timeline-event-${e.id}`} data-kind={e.kind}>
      <Tag variant="filled" style={{ marginInlineEnd: 6 }}>
        {kind}
      </Tag>
      <Typography.Text>{title}</Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
          {e.staffName ? ` · ${e.staffName}` : ''}
        </Typography.Text>
      </div>
    </div>
  );
}

export function TimelineCard({ customerId, first }: { customerId: number; first: TimelinePage }) {
  const { t } = useTranslation();
  const q = useTimeline(customerId, first);
  const box = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const events = (q.data?.pages ?? [first]).flatMap((p) => p.items);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((x) => x.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { root: box.current, rootMargin: '120px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Card
      title={
        <span>
          <HistoryOutlined /> {t('customer.timeline.title')}
        </span>
      }
      data-testid="customer-timeline"
      styles={{ body: { padding: 0 } }}
    >
      <div ref={box} style={{ maxHeight: 520, overflowY: 'auto', padding: '20px 16px 8px' }}>
        {events.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.timeline.none')} />
        ) : (
          <Timeline
            items={events.map((e) => ({
              key: e.id,
              color: KIND_COLOR[kindKey(e.kind)] ?? 'gray',
              content: <EventItem e={e} />,
            }))}
          />
        )}
        <div ref={sentinel} style={{ textAlign: 'center', paddingBottom: 12 }}>
          {isFetchingNextPage ? (
            <Spin size="small" />
          ) : hasNextPage ? (
            <Button type="link" size="small" onClick={() => void fetchNextPage()} data-testid="timeline-more">
              {t('customer.timeline.more')}
            </Button>
          ) : events.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="timeline-end">
              {t('customer.timeline.end')}
            </Typography.Text>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
