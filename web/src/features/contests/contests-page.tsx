// Placeholder until the page is built.
import { Typography } from 'antd';

export function ContestsPage() {
  return <Typography.Title level={3}>产能竞赛</Typography.Title>;
}
