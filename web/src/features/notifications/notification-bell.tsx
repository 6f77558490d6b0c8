// data-testid: notif-bell (button), notif-count (badge wrapper), notif-drawer, notif-read-all,
// notif-item-<id> (one per notification; data-unread="true" while unread), notif-empty
import { useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Flex, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import type { Notification } from '@contracts/notifications';
import { useMarkRead, useNotifications } from './api';
import { useEventStream } from './use-event-stream';
import { SimpleList } from '../../components/simple-list';

export function NotificationBell({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();

  useEventStream((n) => {
    notification.info({
      title: n.title,
      description: n.body,
      placement: phone ? 'top' : 'topRight',
      duration: 6,
    });
  });

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const openItem = (n: Notification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    if (n.link) {
      setOpen(false);
      // Only follow links inside this app: a notification must not send a clerk elsewhere.
      if (n.link.startsWith('/')) navigate(n.link);
    }
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} offset={[-6, 6]} data-testid="notif-count">
        <Button
          type="text"
          className="header-btn"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={t('notifications.title')}
          data-testid="notif-bell"
          data-unread={unread}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={phone ? '100%' : 400}
        title={t('notifications.title')}
        data-testid="notif-drawer"
        extra={
          <Button
            size="small"
            disabled={unread === 0}
            onClick={() => markRead.mutate({ all: true })}
            data-testid="notif-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        {list.isPending ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : items.length === 0 ? (
          <Empty description={t('notifications.empty')} data-testid="notif-empty" />
        ) : (
          <SimpleList
            items={items}
            rowKey={(n) => n.id}
            itemProps={(n) => ({
              className: n.readAt ? 'notif-item' : 'notif-item notif-unread',
              onClick: () => openItem(n),
              'data-testid': `notif-item-${n.id}`,
              'data-unread': n.readAt ? 'false' : 'true',
            })}
            renderItem={(n) => (
              <Flex gap={10} align="flex-start" style={{ width: '100%' }}>
                <Badge status={n.readAt ? 'default' : 'error'} style={{ marginTop: 4 }} />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <div className="notif-title">{n.title}</div>
                  <Typography.Text type="secondary">{n.body}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </div>
                </div>
              </Flex>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
