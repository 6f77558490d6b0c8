import { Tag } from 'antd';
import { useNamePick } from '../app/lang';
import { useTierLadder } from './use-tiers';

type Props = { code: string; nameZh: string; nameEn: string; color?: string | null; testId?: string };

/** A customer's tier in its ladder colour. data-testid as given; data-tier=<code>. */
export function TierTag({ code, nameZh, nameEn, color, testId }: Props) {
  const pick = useNamePick();
  const ladder = useTierLadder();
  const c = color || ladder.data?.find((t) => t.code === code)?.color || 'default';
  return (
    <Tag color={c} variant="solid" data-testid={testId} data-tier={code} style={{ marginInlineEnd: 0 }}>
      {pick(nameZh, nameEn)}
    </Tag>
  );
}
