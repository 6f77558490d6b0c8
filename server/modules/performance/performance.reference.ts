// Reference data of the performance part of the performance module (every installation, demo or not):
// the KPI library and one scorecard per role. Idempotent: an existing code keeps the bank's edits.
import type { DbOrTrx } from '../../platform/db';
import * as lib from './perf-library.repository';
import { DEFAULT_KPIS, DEFAULT_SCORECARDS } from './perf-defaults';

/** Scorecards take effect from this month on; a bank's own scorecards may start later. */
const EFFECTIVE_FROM = '2020-01';

export async function seedPerformanceReferenceData(db: DbOrTrx): Promise<void> {
  for (const k of DEFAULT_KPIS) await lib.ensureKpi(db, k);
  const ids = new Map((await lib.listKpis(db)).map((k) => [k.code, k.id]));
  for (const s of DEFAULT_SCORECARDS) {
    if ((await lib.scorecardByCode(db, s.code)) !== null) continue;
    await lib.saveScorecard(db, { ...s, effectiveMonth: EFFECTIVE_FROM }, ids, null);
  }
}
