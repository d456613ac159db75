import { describe, expect, it } from 'vitest';
import { isoWeekName, periodRange, rankPeriod, shiftPeriod } from '../../../lib/feed/periods';

describe('periodRange', () => {
  it.each([
    ['day', '2024-08-09', '2024-08-09', '2024-08-09'],
    // 2024-08-09 is a Friday: its ISO week runs Monday 5 to Sunday 11.
    ['week', '2024-08-09', '2024-08-05', '2024-08-11'],
    ['week', '2024-08-05', '2024-08-05', '2024-08-11'],
    ['week', '2024-08-11', '2024-08-05', '2024-08-11'],
    // A week across a year's end.
    ['week', '2025-01-01', '2024-12-30', '2025-01-05'],
    ['month', '2024-02-14', '2024-02-01', '2024-02-29'],
    ['month', '2023-02-14', '2023-02-01', '2023-02-28'],
    ['month', '2024-12-31', '2024-12-01', '2024-12-31'],
  ] as const)('%s of %s is %s to %s', (period, day, from, to) => {
    expect(periodRange(period, day)).toEqual({ from, to });
  });

  it('refuses a malformed day', () => {
    expect(() => periodRange('week', '2024-13-01')).toThrow(RangeError);
  });
});

describe('shiftPeriod', () => {
  it('moves to the first day of the next or previous period', () => {
    expect(shiftPeriod('day', '2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftPeriod('week', '2024-08-09', 1)).toBe('2024-08-12');
    expect(shiftPeriod('week', '2024-08-09', -1)).toBe('2024-07-29');
    expect(shiftPeriod('month', '2024-01-31', 1)).toBe('2024-02-01');
    expect(shiftPeriod('month', '2024-01-15', -1)).toBe('2023-12-01');
  });
});

describe('isoWeekName', () => {
  it.each([
    ['2024-08-09', '2024-W32'],
    ['2025-01-01', '2025-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (day, name) => {
    expect(isoWeekName(day)).toBe(name);
  });
});

describe('rankPeriod', () => {
  const p = (id: string, upvotes: number, listDate: string, dayRank?: number) => ({
    id,
    upvotes,
    listDate,
    ...(dayRank === undefined ? {} : { dayRank }),
  });

  it('puts the most upvoted first, then the better day rank, the newer list date and the id', () => {
    const papers = [
      p('a', 5, '2024-08-05', 3),
      p('b', 50, '2024-08-06', 1),
      p('c', 5, '2024-08-07', 2),
      p('d', 5, '2024-08-08', 2),
      p('e', 5, '2024-08-08', 2),
      p('f', 5, '2024-08-09'),
      // More upvotes beat a better day rank.
      p('g', 40, '2024-08-07', 9),
    ];
    expect(rankPeriod(papers).map((x) => x.id)).toEqual(['b', 'g', 'd', 'e', 'c', 'a', 'f']);
  });

  it('does not depend on the order it is given', () => {
    const papers = [p('x', 3, '2024-08-05', 1), p('y', 3, '2024-08-05', 1), p('z', 9, '2024-08-06', 4)];
    const once = rankPeriod(papers).map((x) => x.id);
    expect(rankPeriod([...papers].reverse()).map((x) => x.id)).toEqual(once);
    expect(papers.map((x) => x.id)).toEqual(['x', 'y', 'z']);
  });
});
