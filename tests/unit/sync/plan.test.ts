import { describe, expect, it } from 'vitest';
import { planSync, windowStart } from '../../../lib/sync/plan';

describe('windowStart', () => {
  it.each([
    [7, '2026-08-01'],
    [1, '2026-08-01'],
    [60, '2026-06-09'],
  ])('returns the first list date of a window of %i days ending 2026-08-07', (days, first) => {
    expect(windowStart('2026-08-07', days)).toBe(first);
  });

  it('returns the oldest date planSync would fetch, so retention and sync agree on the window', () => {
    const plan = planSync('2026-08-07', { backfillDays: 30 }, new Map());
    expect(plan.at(-1)).toBe(windowStart('2026-08-07', 30));
  });
});
