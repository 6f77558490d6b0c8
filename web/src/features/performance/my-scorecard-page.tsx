// Placeholder until the page is built.
import { Typography } from 'antd';

export function MyScorecardPage() {
  return <Typography.Title level={3}>我的记分卡</Typography.Title>;
}
