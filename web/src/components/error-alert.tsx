import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../app/api';
import { useLang } from '../app/lang';
import { Forbidden, NotFound } from './forbidden';

type Props = { error: unknown; onRetry?: () => void };

/** A failed load, in the reader's language; 403/404 get their own full-page results. data-testid: load-error */
export function ErrorAlert({ error, onRetry }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="load-error"
      title={t('errors.loadFailed')}
      description={errorText(error, lang)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
