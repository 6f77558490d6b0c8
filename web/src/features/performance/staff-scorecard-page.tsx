// A staff member's scorecard as a head sees it (within their reach only; the server answers 404 otherwise).
// data-testid: see shared.tsx; staff-scorecard
import { useState } from 'react';
import { Flex, Spin } from 'antd';
import dayjs from 'dayjs';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useStaffScorecard } from './api';
import { MonthPicker, ScorecardView } from './shared';

export function StaffScorecardPage() {
  const { t } = useTranslation();
  const staffId = Number(useParams().staffId);
  const [params] = useSearchParams();
  const [month, setMonth] = useState(params.get('month') ?? dayjs().format('YYYY-MM'));
  const card = useStaffScorecard(staffId, month);
  return (
    <div data-testid="staff-scorecard">
      <PageTitle title={card.data ? `${t('perf.card.staffTitle')} · ${card.data.staff.name}` : t('perf.card.staffTitle')} extra={<MonthPicker month={month} onChange={setMonth} />} />
      {card.error ? <ErrorAlert error={card.error} /> : null}
      {card.data ? <ScorecardView data={card.data} month={month} /> : card.isLoading ? <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex> : null}
    </div>
  );
}
