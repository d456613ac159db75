import { describe, expect, it } from 'vitest';
import { addDays, dayOfTimestamp, daysBetween, isIsoDay } from '../../../lib/feed/dates';

describe('isIsoDay', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '2026-04-30'])('accepts %s', (d) => {
    expect(isIsoDay(d)).toBe(true);
  });
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '',
  ])('rejects %s', (d) => {
    expect(isIsoDay(d)).toBe(false);
  });
  it('agrees with Date on every day of a leap cycle', () => {
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
      expect(isIsoDay(new Date(t).toISOString().slice(0, 10))).toBe(true);
    }
  });
});

describe('dayOfTimestamp', () => {
  it('takes the calendar day of an ISO timestamp', () => {
    expect(dayOfTimestamp('2024-03-12T23:59:59.000Z')).toBe('2024-03-12');
  });
  it('returns undefined for text that is not a timestamp', () => {
    expect(dayOfTimestamp('yesterday')).toBeUndefined();
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('lists days newest first, inclusive', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toEqual(['2024-03-01', '2024-02-29', '2024-02-28']);
    expect(daysBetween('2024-03-02', '2024-03-01')).toEqual([]);
  });
});
