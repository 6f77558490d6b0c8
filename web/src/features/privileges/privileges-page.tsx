// Value-added services (贵宾增值服务): the catalogue and quotas per tier (privileges.manage), the usage
// and cost report and the customers who have not used their privileges (privileges.report).
// The tab lives in the URL (?tab=catalogue|report|unused), with each tab's own filters beside it.
// data-testid: privileges-page, privileges-tabs, tab-catalogue, tab-report, tab-unused; the tabs'
// own (catalogue-tab.tsx, report-tab.tsx, unused-tab.tsx)
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { CatalogueTab } from './catalogue-tab';
import { ReportTab } from './report-tab';
import { UnusedTab } from './unused-tab';

type Tab = 'catalogue' | 'report' | 'unused';

export function PrivilegesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const manage = can('privileges.manage');
  const report = can('privileges.report');
  const tabs: Tab[] = [...(report ? (['report', 'unused'] as const) : []), ...(manage ? (['catalogue'] as const) : [])];
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : tabs[0];

  const body = (k: Tab) => (k === 'catalogue' ? <CatalogueTab canEdit={manage} /> : k === 'report' ? <ReportTab /> : <UnusedTab />);

  return (
    <div data-testid="privileges-page">
      <PageTitle title={t('privileges.title')} subtitle={t('privileges.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          // Each tab keeps its own filters in the URL; switching starts them afresh.
          onChange={(k) => setParams(new URLSearchParams({ tab: k }), { replace: true })}
          data-testid="privileges-tabs"
          destroyOnHidden
          items={tabs.map((k) => ({ key: k, label: <span data-testid={`tab-${k}`}>{t(`privileges.tabs.${k}`)}</span>, children: body(k) }))}
        />
      </Card>
    </div>
  );
}
