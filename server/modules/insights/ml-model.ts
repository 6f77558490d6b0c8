// One face for both learners: train, log-odds, contributions, JSON for the registry.
import { alignTo, type FeatureSpec, type Frame } from './ml-frame';
import { gbtContributions, gbtFromJson, gbtLogits, gbtToJson, trainGbt, type GbtModel, type GbtParams } from './ml-gbt';
import { logregContributions, logregLogits, trainLogreg, type LogregModel, type LogregParams } from './ml-logreg';

export type Learner = 'gbt' | 'logreg';
export type Model = GbtModel | LogregModel;
export type TrainOptions = { gbt?: Partial<GbtParams>; logreg?: Partial<LogregParams> };

export const train = (learner: Learner, f: Frame, y: Uint8Array, o: TrainOptions = {}): Model =>
  learner === 'gbt' ? trainGbt(f, y, o.gbt) : trainLogreg(f, y, o.logreg);

export const featuresOf = (m: Model): FeatureSpec[] => m.features;

export function logits(m: Model, f: Frame): Float64Array {
  const a = alignTo(f, m.features);
  return m.kind === 'gbt' ? gbtLogits(m, a) : logregLogits(m, a);
}

/** Per row (row-major, one value per model feature) what each feature adds to the log-odds over `base`. */
export function contributions(m: Model, f: Frame): { base: number; values: Float64Array } {
  const a = alignTo(f, m.features);
  return m.kind === 'gbt' ? gbtContributions(m, a) : logregContributions(m, a);
}

export const modelToJson = (m: Model): Record<string, unknown> => (m.kind === 'gbt' ? gbtToJson(m) : { ...m });

export function modelFromJson(j: Record<string, unknown>): Model {
  if (j.kind === 'gbt') return gbtFromJson(j);
  if (j.kind === 'logreg') return j as unknown as LogregModel;
  throw new Error(`unknown model kind ${String(j.kind)}`);
}
