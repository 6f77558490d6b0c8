import { Flex, Spin } from 'antd';

/** data-testid: page-loading */
export function FullSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }} data-testid="page-loading">
      <Spin size="large" />
    </Flex>
  );
}
