import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** What a user sees on a page their role does not open. data-testid: forbidden, forbidden-home */
export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbiddenDesc')}
      data-testid="forbidden"
      extra={
        <Button type="primary" onClick={() => navigate('/')} data-testid="forbidden-home">
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

/** data-testid: not-found */
export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundDesc')}
      data-testid="not-found"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
