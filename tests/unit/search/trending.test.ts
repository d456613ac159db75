import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../lib/search/paper-index';
import {
  dayToMs,
  POPULARITY_SATURATION,
  RECENCY_HALF_LIFE_DAYS,
  resolveNow,
  SEARCH_TRENDING,
  topTrending,
  trendingBoost,
  trendingBooster,
} from '../../../lib/search/trending';
import { paper } from './fixtures';

const NOW = dayToMs('2025-06-10');
const popularityOnly = { popularity: 1, recency: 0 };
const recencyOnly = { popularity: 0, recency: 1 };

describe('dayToMs', () => {
  it('returns the epoch ms of the day at 00:00 UTC, NaN when malformed', () => {
    expect(dayToMs('2025-06-10')).toBe(Date.parse('2025-06-10T00:00:00Z'));
    expect(dayToMs('June 10')).toBeNaN();
  });
});

describe('trendingBoost', () => {
  it('returns 1 for no upvotes and a very old list date', () => {
    expect(trendingBoost(0, '1990-01-01', NOW, SEARCH_TRENDING)).toBeCloseTo(1, 6);
  });

  it('returns a popularity that grows with upvotes and saturates', () => {
    const at = (upvotes: number) => trendingBoost(upvotes, '1990-01-01', NOW, popularityOnly) - 1;
    expect(at(10)).toBeGreaterThan(at(1));
    expect(at(POPULARITY_SATURATION)).toBeCloseTo(1, 6);
    expect(at(10 * POPULARITY_SATURATION)).toBe(1);
  });

  it('returns a recency that halves every RECENCY_HALF_LIFE_DAYS', () => {
    const listed = '2025-06-10';
    const later = (days: number) => trendingBoost(0, listed, NOW + days * 86_400_000, recencyOnly) - 1;
    expect(later(0)).toBe(1);
    expect(later(RECENCY_HALF_LIFE_DAYS)).toBeCloseTo(0.5, 6);
    expect(later(2 * RECENCY_HALF_LIFE_DAYS)).toBeCloseTo(0.25, 6);
  });

  it('returns full recency for a list date after now, none for a malformed one', () => {
    expect(trendingBoost(0, '2030-01-01', NOW, recencyOnly)).toBe(2);
    expect(trendingBoost(0, 'someday', NOW, recencyOnly)).toBe(1);
  });

  it('returns at most 1 + popularity + recency weights', () => {
    expect(trendingBoost(1e6, '2025-06-10', NOW, SEARCH_TRENDING)).toBeCloseTo(1.12, 6);
    expect(trendingBoost(1e6, '2025-06-10', NOW, SEARCH_TRENDING)).toBeCloseTo(1.12, 6);
  });
});

describe('trendingBooster', () => {
  it('returns the trending boost from stored fields, 1 without them', () => {
    const boost = trendingBooster(NOW, SEARCH_TRENDING);
    expect(boost('a', 'term', { upvotes: 50, listDate: '2025-06-01' })).toBe(
      trendingBoost(50, '2025-06-01', NOW, SEARCH_TRENDING),
    );
    expect(boost('b', 'term', undefined)).toBe(1);
  });
});

describe('resolveNow', () => {
  it('returns now when given, else the newest list date of the index, else 0', () => {
    const index = buildIndex([paper({ id: '1', title: 'A', listDate: '2025-06-02' })]);
    expect(resolveNow(index, 5)).toBe(5);
    expect(resolveNow(index, undefined)).toBe(dayToMs('2025-06-02'));
    expect(resolveNow(buildIndex([]), undefined)).toBe(0);
  });
});

describe('topTrending', () => {
  const papers = [
    paper({ id: 'a', title: 'Old but loved', upvotes: 500, listDate: '2025-05-01' }),
    paper({ id: 'b', title: 'Monday one', upvotes: 30, listDate: '2025-06-09' }),
    paper({ id: 'c', title: 'Monday two', upvotes: 80, listDate: '2025-06-09' }),
    paper({ id: 'd', title: 'Friday', upvotes: 60, listDate: '2025-06-06' }),
    paper({ id: 'e', title: 'Thursday', upvotes: 90, listDate: '2025-06-05' }),
    paper({ id: 'f', title: 'Future', upvotes: 999, listDate: '2025-06-11' }),
  ];

  it('returns the most upvoted papers of the newest list dates not after now', () => {
    expect(topTrending(papers, { now: NOW, dates: 2 }).map((p) => p.id)).toEqual(['c', 'd', 'b']);
    expect(topTrending(papers, { now: NOW }).map((p) => p.id)).toEqual(['e', 'c', 'd', 'b']);
  });

  it('returns papers of any date up to the newest when now is not given', () => {
    expect(topTrending(papers, { dates: 1 }).map((p) => p.id)).toEqual(['f']);
  });

  it('returns at most limit papers', () => {
    expect(topTrending(papers, { now: NOW, limit: 2 }).map((p) => p.id)).toEqual(['e', 'c']);
  });

  it('returns the same list from the papers and from their index', () => {
    expect(topTrending(buildIndex(papers), { now: NOW })).toEqual(topTrending(papers, { now: NOW }));
  });

  it('returns summaries with the stored fields only', () => {
    const [top] = topTrending([paper({ id: 'x', title: 'T', upvotes: 3, listDate: '2025-06-01', dayRank: 2 })]);
    expect(top).toEqual({ id: 'x', title: 'T', upvotes: 3, listDate: '2025-06-01', dayRank: 2 });
  });

  it('returns [] for no papers', () => {
    expect(topTrending([])).toEqual([]);
    expect(topTrending(buildIndex([]))).toEqual([]);
  });
});
