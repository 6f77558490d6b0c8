// "All or nothing" or "the valid rows": the same choice on every import page.
import { Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type ImportMode = 'all' | 'valid';

type Props = { value: ImportMode; onChange: (m: ImportMode) => void; testIdPrefix: string };

export function ImportModeChoice({ value, onChange, testIdPrefix }: Props) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{t('import.mode')}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as ImportMode)} data-testid={`${testIdPrefix}-mode`}>
          <Space orientation="vertical">
            <Radio value="all" data-testid={`${testIdPrefix}-mode-all`}>
              {t('import.modeAll')} <Typography.Text type="secondary">— {t('import.modeAllHint')}</Typography.Text>
            </Radio>
            <Radio value="valid" data-testid={`${testIdPrefix}-mode-valid`}>
              {t('import.modeValid')} <Typography.Text type="secondary">— {t('import.modeValidHint')}</Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
      </div>
    </div>
  );
}
