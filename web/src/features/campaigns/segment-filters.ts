// The segment builder's form values as the API's filters: pure, so that it is unit-tested.
import type { SegmentFilters } from '@contracts/growth';

export type SegmentFormValues = {
  consentChannel?: SegmentFilters['consentChannel'];
  tierCodes?: string[];
  aumMin?: string;
  aumMax?: string;
  heldCategories?: SegmentFilters['heldCategories'];
  notHeldCategories?: SegmentFilters['notHeldCategories'];
  riskLevels?: SegmentFilters['riskLevels'];
  ageMin?: number | null;
  ageMax?: number | null;
  branchId?: number;
  noContactDays?: number | null;
};

/** The form's values as the API's filters; empty fields are left out. */
export function toFilters(v: SegmentFormValues): SegmentFilters | null {
  if (!v.consentChannel) return null;
  const f: SegmentFilters = { consentChannel: v.consentChannel };
  if (v.tierCodes?.length) f.tierCodes = v.tierCodes;
  if (v.aumMin) f.aumMin = v.aumMin.trim();
  if (v.aumMax) f.aumMax = v.aumMax.trim();
  if (v.heldCategories?.length) f.heldCategories = v.heldCategories;
  if (v.notHeldCategories?.length) f.notHeldCategories = v.notHeldCategories;
  if (v.riskLevels?.length) f.riskLevels = v.riskLevels;
  if (typeof v.ageMin === 'number') f.ageMin = v.ageMin;
  if (typeof v.ageMax === 'number') f.ageMax = v.ageMax;
  if (v.branchId) f.branchIds = [v.branchId];
  if (typeof v.noContactDays === 'number') f.noContactDays = v.noContactDays;
  return f;
}

