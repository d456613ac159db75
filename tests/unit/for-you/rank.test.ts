import { describe, expect, it } from 'vitest';
import { popularity, rankForYou, type PoolPaper, type ReadPaper } from '../../../lib/for-you/rank';
import type { RelatedScore } from '../../../lib/for-you/relatedness';

const DAY = 86_400_000;
const pool = new Map<string, PoolPaper>(
  ['a', 'b', 'c', 'd', 'e', 'r1', 'r2'].map((id, i) => [
    id,
    { id, title: `Paper ${id}`, upvotes: 10 * (i + 1), listDate: '2026-08-01' },
  ]),
);
const read = (id: string, lastAt: number): ReadPaper => ({ id, title: `Read ${id}`, lastAt });

/** Fixed related lists per read id. */
const related =
  (lists: Record<string, [string, number][]>) =>
  (source: { id?: string }): RelatedScore[] =>
    (lists[source.id ?? ''] ?? []).map(([id, score]) => ({ id, score, why: [`shared-${source.id}`] }));

describe('rankForYou', () => {
  it('with no history, ranks the pool by popularity', () => {
    const hits = rankForYou([], pool, () => [], { limit: 3 });
    expect(hits.map((h) => h.id)).toEqual(['r2', 'r1', 'e']);
    expect(hits.every((h) => h.because === undefined)).toBe(true);
  });

  it('puts what several reads point to first (CombSUM of max-normalized scores)', () => {
    const hits = rankForYou(
      [read('r1', 10 * DAY), read('r2', 10 * DAY)],
      pool,
      related({
        r1: [
          ['a', 10],
          ['b', 9],
        ],
        r2: [
          ['b', 5],
          ['c', 4],
        ],
      }),
      { orderDecay: 1 },
    );
    // b: 0.9 + 1.0; a: 1.0; c: 0.8.
    expect(hits.slice(0, 3).map((h) => h.id)).toEqual(['b', 'a', 'c']);
  });

  it('weighs recent reads more', () => {
    const lists = related({ r1: [['a', 10]], r2: [['b', 10]] });
    const newestR1 = rankForYou([read('r1', 30 * DAY), read('r2', 1 * DAY)], pool, lists);
    expect(newestR1[0]!.id).toBe('a');
    const newestR2 = rankForYou([read('r1', 1 * DAY), read('r2', 30 * DAY)], pool, lists);
    expect(newestR2[0]!.id).toBe('b');
  });

  it('leaves out read papers and papers outside the pool, and says which read each hit follows', () => {
    const hits = rankForYou(
      [read('r1', 2), read('zz', 1)],
      pool,
      related({
        r1: [
          ['r1', 99],
          ['outside', 50],
          ['d', 10],
        ],
        zz: [['e', 10]],
      }),
    );
    const ids = hits.map((h) => h.id);
    expect(ids).not.toContain('r1');
    expect(ids).not.toContain('outside');
    expect(hits[0]).toMatchObject({ id: 'd', because: { id: 'r1', title: 'Read r1' }, why: ['shared-r1'] });
    expect(hits[1]).toMatchObject({ id: 'e', because: { id: 'zz' } });
  });

  it('breaks ties by popularity and fills the list with the pool when relatedness runs out', () => {
    const hits = rankForYou(
      [read('r1', 1)],
      pool,
      related({
        r1: [
          ['a', 5],
          ['c', 5],
        ],
      }),
      { limit: 4 },
    );
    expect(hits.map((h) => h.id)).toEqual(['c', 'a', 'r2', 'e']);
  });
});

describe('popularity', () => {
  it('grows with upvotes and saturates at 1', () => {
    expect(popularity(0)).toBe(0);
    expect(popularity(20)).toBeLessThan(popularity(100));
    expect(popularity(200)).toBe(1);
    expect(popularity(5000)).toBe(1);
  });
});
