// Placeholder until the page is built.
import { Typography } from 'antd';

export function PerformanceDashboardPage() {
  return <Typography.Title level={3}>考核看板</Typography.Title>;
}
