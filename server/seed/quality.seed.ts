// Demo data of the quality module (complaints, inspections, teamwork ratings); the service standards
// and inspection dimensions are reference data (quality.reference.ts), already loaded.
import type { Trx } from '../platform/db';
import { insertDemoComplaints, insertDemoInspections, insertDemoTeamRatings } from './quality-seed.repository';

export type QualitySeedCounts = Record<string, number>;

export const DEMO_COMPLAINTS_PER_OUTLET = 14;
export const DEMO_INSPECTIONS_PER_OUTLET = 4;

export async function seedQuality(trx: Trx, opts: { seed: number; today: string }): Promise<QualitySeedCounts> {
  const complaints = await insertDemoComplaints(trx, { ...opts, perOutlet: DEMO_COMPLAINTS_PER_OUTLET });
  const inspections = await insertDemoInspections(trx, { ...opts, perOutlet: DEMO_INSPECTIONS_PER_OUTLET });
  const teamRatings = await insertDemoTeamRatings(trx, { today: opts.today });
  return { complaints, inspections, teamRatings };
}
