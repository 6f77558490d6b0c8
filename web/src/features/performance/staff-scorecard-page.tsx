// Placeholder until the page is built.
import { Typography } from 'antd';

export function StaffScorecardPage() {
  return <Typography.Title level={3}>员工记分卡</Typography.Title>;
}
