// Satisfaction surveys (满意度测定): questionnaires and programmes for head office; invitations and
// staff entry for branches. Tabs follow the caller's permissions.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { EntryTab } from './entry-tab';
import { InvitationsTab } from './invitations-tab';
import { ProgrammesTab } from './programmes-tab';
import { QuestionnairesTab } from './questionnaires-tab';

export function SurveysPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const manage = !!me?.permissions['surveys.manage'];
  const enter = !!me?.permissions['surveys.enter'];
  const items = [
    ...(manage ? [{ key: 'questionnaires', label: t('surveys.tabs.questionnaires'), children: <QuestionnairesTab /> }, { key: 'programmes', label: t('surveys.tabs.programmes'), children: <ProgrammesTab /> }] : []),
    ...(enter ? [{ key: 'invitations', label: t('surveys.tabs.invitations'), children: <InvitationsTab /> }, { key: 'entry', label: t('surveys.tabs.entry'), children: <EntryTab /> }] : []),
  ];
  return (
    <div data-testid="surveys-page">
      <PageTitle title={t('menu.surveys')} />
      <Tabs items={items} destroyOnHidden />
    </div>
  );
}
