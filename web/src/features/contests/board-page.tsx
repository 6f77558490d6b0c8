// Placeholder until the page is built.
import { Typography } from 'antd';

export function ContestBoardPage() {
  return <Typography.Title level={3}>排行榜</Typography.Title>;
}
