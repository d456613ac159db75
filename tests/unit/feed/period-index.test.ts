import { describe, expect, it } from 'vitest';
import { PeriodIndex, mergeRuns } from '../../../lib/feed/period-index';
import { rankPeriod, type PeriodRanked } from '../../../lib/feed/periods';
import { addDays } from '../../../lib/feed/dates';
import { seededRandom } from '../../../lib/topics/derive';

/**
 * `n` papers over `days` list dates from 2026-01-26, with many ties: upvotes from a handful of values, day ranks
 * repeated across dates and sometimes missing, so every tie-breaker of `comparePeriodRank` decides some pair.
 */
function papers(seed: number, n: number, days: number): PeriodRanked[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const p: PeriodRanked = {
      id: `26${String(Math.floor(r() * 100)).padStart(2, '0')}.${String(i).padStart(5, '0')}`,
      upvotes: [0, 0, 1, 3, 3, 12][Math.floor(r() * 6)]!,
      listDate: addDays('2026-01-26', Math.floor(r() * days)),
    };
    if (r() < 0.8) p.dayRank = 1 + Math.floor(r() * 5);
    return p;
  });
}

const ids = (list: readonly PeriodRanked[]) => list.map((p) => p.id);

/** Every page of `range` with `size` rows, concatenated. */
function allPages(
  index: PeriodIndex,
  range: { from: string; to: string },
  size: number,
  keep?: (id: string) => boolean,
) {
  const out: string[] = [];
  for (let offset = 0; ; offset += size) {
    const page = index.page(range, offset, size, keep);
    expect(page.ids.length).toBeLessThanOrEqual(size);
    out.push(...page.ids);
    if (page.ids.length < size) {
      expect(out).toHaveLength(page.count);
      return out;
    }
  }
}

describe('PeriodIndex', () => {
  const WEEK = { from: '2026-01-26', to: '2026-02-01' };
  const MONTH = { from: '2026-02-01', to: '2026-02-28' };

  it('pages through a period in exactly rankPeriod’s order, ties included, whatever the page size', () => {
    for (const seed of [1, 2, 3]) {
      const all = papers(seed, 600, 45);
      const index = new PeriodIndex(all);
      for (const range of [WEEK, MONTH, { from: '2026-02-03', to: '2026-02-03' }]) {
        const want = ids(rankPeriod(all.filter((p) => p.listDate >= range.from && p.listDate <= range.to)));
        expect(want.length).toBeGreaterThan(5);
        for (const size of [1, 7, 100, 1000])
          expect(allPages(index, range, size), `seed ${seed} size ${size}`).toEqual(want);
        const first = index.page(range, 0, 10);
        expect(first).toEqual({ ids: want.slice(0, 10), count: want.length, total: want.length });
        // Past the end: nothing, with the same counts.
        expect(index.page(range, want.length, 10)).toEqual({ ids: [], count: want.length, total: want.length });
      }
    }
  });

  it('cuts a page inside a run of equal upvotes without repeating or losing a paper', () => {
    const tied: PeriodRanked[] = ['2026-01-27', '2026-01-28', '2026-01-29'].flatMap((listDate, d) =>
      Array.from({ length: 4 }, (_, i) => ({ id: `2601.0${d}${i}00`, upvotes: 5, listDate, dayRank: i + 1 })),
    );
    const index = new PeriodIndex(tied);
    // Same upvotes: day rank 1 of every date first, newest date first among them.
    expect(index.page(WEEK, 0, 3).ids).toEqual(['2601.02000', '2601.01000', '2601.00000']);
    expect(index.page(WEEK, 3, 3).ids).toEqual(['2601.02100', '2601.01100', '2601.00100']);
    expect(allPages(index, WEEK, 5)).toEqual(ids(rankPeriod(tied)));
  });

  it('filters by a set of ids (a topic) before paging, and counts both ways', () => {
    const all = papers(7, 500, 40);
    const index = new PeriodIndex(all);
    const topic = new Set(all.filter((_, i) => i % 3 === 0).map((p) => p.id));
    const inMonth = all.filter((p) => p.listDate >= MONTH.from && p.listDate <= MONTH.to);
    const want = ids(rankPeriod(inMonth.filter((p) => topic.has(p.id))));
    expect(allPages(index, MONTH, 4, (id) => topic.has(id))).toEqual(want);
    expect(index.page(MONTH, 0, 4, (id) => topic.has(id))).toMatchObject({ count: want.length, total: inMonth.length });
  });

  it('replaceDates: a date stored again replaces its papers (gone ones leave, changed upvotes re-rank)', () => {
    const all = papers(11, 300, 20);
    const index = new PeriodIndex(all);
    const date = '2026-01-28';
    const before = all.filter((p) => p.listDate === date);
    expect(before.length).toBeGreaterThan(3);
    const [dropped, ...kept] = before;
    const changed = kept.map((p, i) => (i === 0 ? { ...p, upvotes: 999 } : p));
    index.replaceDates([date], changed);
    const now = [...all.filter((p) => p.listDate !== date), ...changed];
    expect(index.size).toBe(now.length);
    expect(allPages(index, WEEK, 9)).toEqual(ids(rankPeriod(now.filter((p) => p.listDate <= WEEK.to))));
    expect(index.page(WEEK, 0, 1).ids).toEqual([changed[0]!.id]);
    expect(index.idsOn([date])).not.toContain(dropped!.id);
  });

  it('replaceDates: a paper listed again on a new date leaves its old date; an emptied date is gone', () => {
    const a = { id: '2601.00001', upvotes: 4, listDate: '2026-01-27', dayRank: 1 };
    const b = { id: '2601.00002', upvotes: 2, listDate: '2026-01-27', dayRank: 2 };
    const index = new PeriodIndex([a, b]);
    index.replaceDates(['2026-02-03'], [{ ...a, listDate: '2026-02-03' }]);
    expect(index.page(WEEK, 0, 10).ids).toEqual([b.id]);
    expect(index.page({ from: '2026-02-02', to: '2026-02-08' }, 0, 10).ids).toEqual([a.id]);
    index.replaceDates(['2026-01-27'], []);
    expect(index.page(WEEK, 0, 10)).toEqual({ ids: [], count: 0, total: 0 });
    expect(index.size).toBe(1);
    expect(() => index.replaceDates(['2026-01-27'], [{ ...a, listDate: '2026-01-30' }])).toThrow(RangeError);
  });
});

describe('mergeRuns', () => {
  it('takes the first n of sorted runs in order, and all of them when n is larger', () => {
    const all = papers(5, 200, 10);
    const byDate = new Map<string, PeriodRanked[]>();
    for (const p of all) byDate.set(p.listDate, [...(byDate.get(p.listDate) ?? []), p]);
    const runs = [...byDate.values()].map((r) => rankPeriod(r));
    expect(ids(mergeRuns(runs, 25))).toEqual(ids(rankPeriod(all)).slice(0, 25));
    expect(ids(mergeRuns([...runs, []], 1e9))).toEqual(ids(rankPeriod(all)));
  });
});
