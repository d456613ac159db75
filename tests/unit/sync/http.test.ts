import { describe, expect, it } from 'vitest';
import { fetchWithRetry, parseRetryAfter } from '../../../lib/sync/http';
import { clampBackfillDays, planSync } from '../../../lib/sync/plan';
import type { DayState } from '../../../lib/db/database';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-08-07T12:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Fri, 07 Aug 2026 12:00:30 GMT', 30_000],
    ['Fri, 07 Aug 2026 11:00:00 GMT', 0],
  ])('reads %s as %d ms', (v, ms) => {
    expect(parseRetryAfter(v, now)).toBe(ms);
  });
  it.each([null, '', 'soon', '-5'])('ignores %s', (v) => {
    expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});

describe('fetchWithRetry', () => {
  it('backs off exponentially with jitter between retries', async () => {
    const waits: number[] = [];
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => new Response('', { status: 502 }),
      sleep: async (ms) => void waits.push(ms),
      random: () => 1, // the top of the jitter range: 1.5 × the base delay
      retries: 3,
    });
    expect(res).toMatchObject({ ok: false, kind: 'http', status: 502, attempts: 4 });
    expect(waits).toEqual([1500, 3000, 6000]);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => {
        calls++;
        return new Response('', { status: 404 });
      },
      sleep: async () => {},
    });
    expect(res).toMatchObject({ ok: false, status: 404, reason: 'HTTP 404' });
    expect(calls).toBe(1);
  });

  it('returns the body of the first success', async () => {
    let calls = 0;
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => (++calls < 3 ? Promise.reject(new TypeError('reset')) : new Response('[1]')),
      sleep: async () => {},
    });
    expect(res).toEqual({ ok: true, status: 200, body: '[1]', attempts: 3 });
  });
});

describe('planSync', () => {
  const ok = (date: string, okAt: string): DayState => ({
    date,
    status: 'ok',
    fetchedAt: Date.parse(okAt),
    okAt: Date.parse(okAt),
    entries: 1,
    rejected: 0,
    failures: 0,
  });

  it('asks the whole window on a first sync, newest first', () => {
    const plan = planSync('2026-08-07', { backfillDays: 7 }, new Map());
    expect(plan).toEqual([
      '2026-08-07',
      '2026-08-06',
      '2026-08-05',
      '2026-08-04',
      '2026-08-03',
      '2026-08-02',
      '2026-08-01',
    ]);
  });

  it('skips settled dates, and always asks the last three and the failed ones again', () => {
    const states = new Map<string, DayState>([
      ['2026-08-06', ok('2026-08-06', '2026-08-10T00:00:00Z')],
      ['2026-08-04', ok('2026-08-04', '2026-08-10T00:00:00Z')],
      ['2026-08-03', { ...ok('2026-08-03', '2026-08-10T00:00:00Z'), status: 'failed' }],
      // Fetched the evening of its own day: the list may have grown since.
      ['2026-08-02', ok('2026-08-02', '2026-08-02T20:00:00Z')],
      ['2026-08-01', ok('2026-08-01', '2026-08-10T00:00:00Z')],
    ]);
    expect(planSync('2026-08-07', { backfillDays: 7 }, states)).toEqual([
      '2026-08-07',
      '2026-08-06',
      '2026-08-05',
      '2026-08-03',
      '2026-08-02',
    ]);
  });

  it.each([
    [1, 7],
    [60, 60],
    [5000, 730],
    [Number.NaN, 60],
  ])('clamps a backfill of %s days to %s', (n, want) => {
    expect(clampBackfillDays(n)).toBe(want);
  });
});
