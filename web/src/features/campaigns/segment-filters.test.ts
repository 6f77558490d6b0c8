import { describe, expect, it } from 'vitest';
import { toFilters } from './segment-filters';

describe('segment form to filters', () => {
  it('has no segment without a consent channel', () => {
    expect(toFilters({ tierCodes: ['gold'] })).toBeNull();
  });

  it('leaves out empty fields and keeps zero ages', () => {
    expect(toFilters({ consentChannel: 'sms', tierCodes: [], aumMin: '', aumMax: ' 500000 ', ageMin: 0, ageMax: null, heldCategories: [], noContactDays: null })).toEqual({
      consentChannel: 'sms', aumMax: '500000', ageMin: 0,
    });
  });

  it('turns the one chosen branch into the list the API takes', () => {
    expect(toFilters({ consentChannel: 'phone', branchId: 17, notHeldCategories: ['fund'], riskLevels: ['C3', 'C4'], noContactDays: 90 })).toEqual({
      consentChannel: 'phone', branchIds: [17], notHeldCategories: ['fund'], riskLevels: ['C3', 'C4'], noContactDays: 90,
    });
  });
});
