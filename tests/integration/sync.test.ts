import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import { getAllPapers, getDayStates, getTrending } from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import { isQuotaError, runSync, STORAGE_FULL, type SyncDeps } from '../../lib/sync/engine';
import { fakeFeedFetch, recordedDay } from '../helpers/recorded-feed';

// A fixed clock: 2026-08-07 12:00 UTC, the day after the newest recorded list.
const NOW = Date.parse('2026-08-07T12:00:00Z');
const settings = { backfillDays: 14 };
const noWait = { sleep: async () => {}, random: () => 0.5, timeoutMs: 200 };

let db: PaperRadarDB;
let n = 0;
beforeEach(() => {
  db = createDatabase(`sync-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function deps(fetch: SyncDeps['fetch'], extra: Partial<SyncDeps> = {}): SyncDeps {
  return { db, fetch, now: () => NOW, settings, retry: noWait, skipTrending: true, ...extra };
}

/** The distinct papers the recorded days of the window hold, parsed independently of the store. */
function expectedIds(days: string[]): Set<string> {
  const ids = new Set<string>();
  for (const d of days) {
    const text = recordedDay(d);
    if (!text) continue;
    const r = parseFeed(text, { seenAt: 0, listDate: d });
    if (r.ok) r.papers.forEach((p) => ids.add(p.id));
  }
  return ids;
}

const sortById = <T extends { id: string }>(a: T[]) => [...a].sort((x, y) => x.id.localeCompare(y.id));

describe('runSync', () => {
  it('backfills the whole window from the recorded feed', async () => {
    const { fetch, calls } = fakeFeedFetch();
    const report = await runSync(deps(fetch));
    expect(report.planned).toHaveLength(14);
    expect(report.planned[0]).toBe('2026-08-07');
    expect(calls).toHaveLength(14);
    expect(report.failed).toEqual([]);
    const want = expectedIds(report.planned);
    expect(want.size).toBeGreaterThan(100);
    const stored = await getAllPapers(db);
    expect(new Set(stored.map((p) => p.id))).toEqual(want);
    expect(report.added).toBe(want.size);
    const states = await getDayStates(db);
    expect([...states.values()].every((s) => s.status === 'ok')).toBe(true);
  });

  it('changes nothing when run twice in a row', async () => {
    const { fetch } = fakeFeedFetch();
    await runSync(deps(fetch));
    const before = await getAllPapers(db);
    const second = await runSync(deps(fetch));
    expect(second.added).toBe(0);
    expect(second.updated).toBe(0);
    // Only the recent and not yet settled dates are asked again.
    expect(second.planned.length).toBeLessThan(14);
    expect(second.planned).toContain('2026-08-07');
    expect(await getAllPapers(db)).toEqual(before);
  });

  it('keeps stored papers and marks the date failed on HTTP 500', async () => {
    const { fetch: first } = fakeFeedFetch();
    await runSync(deps(first));
    const before = await getAllPapers(db);
    const { fetch, calls } = fakeFeedFetch({
      override: (date) => (date === '2026-08-06' ? new Response('oops', { status: 500 }) : undefined),
    });
    const report = await runSync(deps(fetch));
    expect(report.failed).toEqual([{ date: '2026-08-06', reason: 'HTTP 500' }]);
    expect(calls.filter((c) => c.endsWith('2026-08-06'))).toHaveLength(4); // first try + 3 retries
    expect(await getAllPapers(db)).toEqual(before);
    const state = (await getDayStates(db)).get('2026-08-06')!;
    expect(state).toMatchObject({ status: 'failed', error: 'HTTP 500', failures: 1 });
    expect(state.okAt).toBeDefined();
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const waits: number[] = [];
    const { fetch } = fakeFeedFetch({
      override: (date, _u, call) =>
        date === '2026-08-05' && call === 1
          ? new Response('', { status: 429, headers: { 'Retry-After': '7' } })
          : undefined,
    });
    const report = await runSync(deps(fetch, { retry: { ...noWait, sleep: async (ms) => void waits.push(ms) } }));
    expect(waits).toEqual([7000]);
    expect(report.failed).toEqual([]);
    expect(report.fetched).toContain('2026-08-05');
  });

  it('stops asking when Retry-After is longer than it will wait, and says when to try again', async () => {
    const { fetch } = fakeFeedFetch({
      override: () => new Response('', { status: 429, headers: { 'Retry-After': '3600' } }),
    });
    const report = await runSync(deps(fetch, { concurrency: 1 }));
    expect(report.aborted).toMatch(/rate limited/);
    expect(report.retryAt).toBe(NOW + 3_600_000);
    expect(report.failed).toHaveLength(1);
  });

  it('rejects an invalid JSON body for that date only', async () => {
    const { fetch } = fakeFeedFetch({
      override: (date) => (date === '2026-08-04' ? new Response('<html>gateway</html>') : undefined),
    });
    const report = await runSync(deps(fetch));
    expect(report.failed).toEqual([{ date: '2026-08-04', reason: expect.stringMatching(/^not JSON/) }]);
    expect(report.fetched).toHaveLength(13);
  });

  it('keeps the good entries of a day with one bad entry and reports the bad one', async () => {
    const { fetch } = fakeFeedFetch({
      override: (date) => {
        if (date !== '2026-08-06') return undefined;
        const entries = JSON.parse(recordedDay(date)!) as unknown[];
        entries.splice(2, 0, { paper: { id: 12345, title: 'Broken' } });
        return new Response(JSON.stringify(entries));
      },
    });
    const report = await runSync(deps(fetch));
    expect(report.rejected).toEqual([{ date: '2026-08-06', index: 2, reason: 'paper.id: expected string' }]);
    const want = expectedIds(report.planned);
    expect((await getAllPapers(db)).length).toBe(want.size);
    expect((await getDayStates(db)).get('2026-08-06')).toMatchObject({ status: 'ok', rejected: 1 });
  });

  it('reports a network error as offline when nothing answers', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const report = await runSync(deps(fetch));
    expect(report.offline).toBe(true);
    expect(report.failed).toHaveLength(14);
    expect(report.failed[0]!.reason).toBe('network error: Failed to fetch');
    expect(await getAllPapers(db)).toEqual([]);
  });

  it('gives up on a request that hangs past the timeout', async () => {
    const { fetch } = fakeFeedFetch({
      override: (date, _u) =>
        date === '2026-08-03'
          ? new Promise<Response>(() => {
              /* never answers; the abort signal ends it */
            })
          : undefined,
    });
    const hanging: SyncDeps['fetch'] = (input, init) =>
      input.endsWith('2026-08-03')
        ? new Promise((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          )
        : fetch(input, init);
    const report = await runSync(deps(hanging, { retry: { ...noWait, timeoutMs: 30, retries: 1 } }));
    expect(report.failed).toEqual([{ date: '2026-08-03', reason: 'timed out after 30 ms' }]);
    expect(report.offline).toBe(false);
  });

  it('resumes an interrupted sync and ends in the store an uninterrupted one makes', async () => {
    // Uninterrupted, in its own database.
    const { fetch } = fakeFeedFetch();
    await runSync(deps(fetch));
    const uninterrupted = sortById(await getAllPapers(db));
    const uninterruptedDays = [...(await getDayStates(db)).values()].map((d) => d.date).sort();
    await db.delete();

    // Interrupted: the "service worker" dies after 5 dates (the signal aborts the run mid-flight).
    db = createDatabase(`sync-test-${++n}`);
    const stop = new AbortController();
    const first = await runSync(
      deps(fetch, {
        signal: stop.signal,
        concurrency: 1,
        onProgress: (done) => {
          if (done === 5) stop.abort();
        },
      }),
    );
    expect(first.aborted).toBe('cancelled');
    expect(first.fetched).toHaveLength(5);
    const { fetch: resumedFetch, calls } = fakeFeedFetch();
    const resumed = await runSync(deps(resumedFetch));
    // Settled dates stored before the interruption are not asked again.
    expect(calls.length).toBeLessThan(14);
    expect(resumed.failed).toEqual([]);
    expect(sortById(await getAllPapers(db))).toEqual(uninterrupted);
    expect([...(await getDayStates(db)).values()].map((d) => d.date).sort()).toEqual(uninterruptedDays);
  });

  it('stores the trending list and never fails the sync over it', async () => {
    const trendingBody = recordedDay('2026-08-06')!;
    const { fetch } = fakeFeedFetch({
      override: (date, url) =>
        !date && url.searchParams.get('sort') === 'trending' ? new Response(trendingBody) : undefined,
    });
    const ok = await runSync(deps(fetch, { skipTrending: false }));
    expect(ok.trending).toMatchObject({ ok: true });
    const trending = await getTrending(db);
    expect(trending.ids.length).toBeGreaterThan(5);

    const { fetch: bad } = fakeFeedFetch({
      override: (date) => (!date ? new Response('{"error":"nope"}') : undefined),
    });
    const report = await runSync(deps(bad, { skipTrending: false }));
    expect(report.trending).toEqual({ ok: false, reason: 'expected a JSON array of entries, got object' });
    expect(report.failed).toEqual([]);
    expect((await getTrending(db)).ids).toEqual(trending.ids);
  });
});

describe('a full disk', () => {
  it.each([
    ['a Dexie QuotaExceededError', () => new Dexie.QuotaExceededError('the quota has been exceeded')],
    ['a browser DOMException', () => new DOMException('x', 'QuotaExceededError')],
    [
      'an aborted transaction caused by one',
      () => new Dexie.AbortError('aborted', new DOMException('', 'QuotaExceededError')),
    ],
  ])('stops the sync and advises lowering the window on %s', async (_what, error) => {
    vi.spyOn(db.papers, 'bulkPut').mockRejectedValue(error());
    const report = await runSync(deps(fakeFeedFetch().fetch, { concurrency: 1 }));
    expect(report.aborted).toBe(STORAGE_FULL);
    expect(report.failed[0]).toEqual({ date: '2026-08-07', reason: 'storage is full' });
    expect(report.fetched).toEqual([]);
    expect(report.failed).toHaveLength(1);
  });

  it('is told apart from other storage errors by name, not message', () => {
    expect(isQuotaError(new Dexie.DatabaseClosedError('quota exceeded'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
  });
});
