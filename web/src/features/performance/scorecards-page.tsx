// Placeholder until the page is built.
import { Typography } from 'antd';

export function ScorecardsPage() {
  return <Typography.Title level={3}>指标与记分卡</Typography.Title>;
}
