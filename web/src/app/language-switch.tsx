import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang, type Lang } from './lang';
import { useSwitchLanguage } from './use-switch-language';

/** data-testid: lang-switch (button), lang-zh-CN / lang-en (menu items) */
export function LanguageSwitch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const switchTo = useSwitchLanguage();
  const items = (['zh-CN', 'en'] as const).map((l: Lang) => ({
    key: l,
    label: l === 'en' ? 'English' : '中文',
    'data-testid': `lang-${l}`,
  }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, selectable: true, selectedKeys: [lang], onClick: ({ key }) => void switchTo(key as Lang) }}
    >
      <Button type="text" className="header-btn" icon={<GlobalOutlined />} aria-label={t('header.language')} data-testid="lang-switch">
        {compact ? null : lang === 'en' ? 'English' : '中文'}
      </Button>
    </Dropdown>
  );
}
