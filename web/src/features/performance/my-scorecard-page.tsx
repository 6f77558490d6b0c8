// My scorecard (每位员工): every KPI of my scorecard this month with actual, target, score, ranks and
// trend, and the facts behind each figure. data-testid: see shared.tsx; my-scorecard
import { useState } from 'react';
import { Flex, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useMyScorecard } from './api';
import { MonthPicker, ScorecardView } from './shared';

export function MyScorecardPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const card = useMyScorecard(month);
  return (
    <div data-testid="my-scorecard">
      <PageTitle title={t('perf.card.title')} extra={<MonthPicker month={month} onChange={setMonth} />} />
      {card.error ? <ErrorAlert error={card.error} onRetry={() => void card.refetch()} /> : null}
      {card.data ? <ScorecardView data={card.data} month={month} /> : card.isLoading ? <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex> : null}
    </div>
  );
}
