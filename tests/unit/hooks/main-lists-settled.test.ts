import { describe, expect, it } from 'vitest';
import { mainListsSettled, NOTHING_SCANNED, type PopupData, type RelatedResult } from '../../../hooks/use-popup-data';

const RELATED: RelatedResult = { kind: 'trending', reason: 'no-source', hits: [] };
const data = (over: Partial<PopupData>): PopupData => ({
  scan: { value: NOTHING_SCANNED, loading: false },
  detected: { value: [], loading: false },
  related: { value: RELATED, loading: false },
  cited: { loading: false },
  ...over,
});

describe('mainListsSettled', () => {
  it('waits for the related papers, the scan and the detected list', () => {
    expect(mainListsSettled(data({}))).toBe(true);
    expect(mainListsSettled(data({ related: { loading: true } }))).toBe(false);
    // Not scanned yet: the detected list has not even started.
    expect(mainListsSettled(data({ scan: { loading: true }, detected: { loading: false } }))).toBe(false);
    expect(mainListsSettled(data({ detected: { loading: true } }))).toBe(false);
  });

  it('counts a failed list as settled', () => {
    expect(mainListsSettled(data({ related: { loading: false, error: 'no answer' } }))).toBe(true);
    expect(mainListsSettled(data({ detected: { loading: false, error: 'no answer' } }))).toBe(true);
  });
});
