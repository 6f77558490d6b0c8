import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

type Props = { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; testId?: string };

/** Title row of a page; data-testid is "page-title" unless given. */
export function PageTitle({ title, subtitle, extra, testId = 'page-title' }: Props) {
  return (
    <Flex className="page-title" justify="space-between" align="flex-start" wrap gap={12}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid={testId}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}
