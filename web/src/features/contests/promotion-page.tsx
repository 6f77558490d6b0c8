// Placeholder until the page is built.
import { Typography } from 'antd';

export function PromotionPage() {
  return <Typography.Title level={3}>职级晋升</Typography.Title>;
}
