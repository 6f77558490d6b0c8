// The SMART check of a service standard (the source: specific, measurable, achievable, relevant to
// customers' needs, time-bound): every one of the five must be written down.
export type SmartFields = { specific: string; measurable: string; achievable: string; relevant: string; timeBound: string };

const LETTERS: readonly [keyof SmartFields, string][] = [
  ['specific', 'S'], ['measurable', 'M'], ['achievable', 'A'], ['relevant', 'R'], ['timeBound', 'T'],
];

/** The letters whose field is empty; an empty list means the standard is SMART. */
export function smartMissing(s: SmartFields): string[] {
  return LETTERS.filter(([k]) => s[k].trim().length === 0).map(([, l]) => l);
}

export const isSmart = (s: SmartFields) => smartMissing(s).length === 0;

/** An inspection's score: the points given over the points possible, as a percentage with 2 decimals. */
export function inspectionScore(items: readonly { score: number }[], maxPerItem = 5): string {
  if (items.length === 0) return '0.00';
  const points = items.reduce((s, i) => s + i.score, 0);
  // Integer arithmetic to the cent: points * 10000 / max, rounded half up, then placed as 2 decimals.
  const cents = Math.round((points * 10_000) / (items.length * maxPerItem));
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
