import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import { getAllPapers, getDayStates, getTrending } from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import { isQuotaError } from '../../lib/db/errors';
import { LOW_STORAGE_BYTES, runSync, STORAGE_FULL, UNREACHABLE_AFTER, type SyncDeps } from '../../lib/sync/engine';
import { fakeFeedFetch, recordedDay } from '../helpers/recorded-feed';
import { rekeyedEntries } from '../e2e/feed';

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

  it('stops after three requests in a row get no answer, and says the host is unreachable', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    const report = await runSync(deps(fetch));
    expect(report.offline).toBe(true);
    expect(report.aborted).toBe('Hugging Face unreachable: 3 requests in a row got no answer');
    // Three requests in flight at once, three failures: the run stops there instead of trying 14 dates × 4 times.
    expect(calls).toBe(UNREACHABLE_AFTER);
    expect(report.failed.length).toBeLessThanOrEqual(UNREACHABLE_AFTER);
    expect(report.failed[0]!.reason).toMatch(/network error: Failed to fetch|unreachable/);
    // The dates never tried keep no failure mark: the next run plans them as before.
    expect((await getDayStates(db)).size).toBe(report.failed.length);
    expect(await getAllPapers(db)).toEqual([]);
  });

  it('stops the requests in flight when the host turns out unreachable', async () => {
    let calls = 0;
    let inFlightAborted = 0;
    const fetch: SyncDeps['fetch'] = (input, init) => {
      calls++;
      // The newest date hangs until aborted; every other request fails at once.
      if (input.endsWith('2026-08-07')) {
        return new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => {
            inFlightAborted++;
            reject(new DOMException('aborted', 'AbortError'));
          }),
        );
      }
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    const report = await runSync(deps(fetch, { retry: { ...noWait, timeoutMs: 60_000 } }));
    expect(report.offline).toBe(true);
    expect(inFlightAborted).toBe(1);
    // The hanging request, the three failures, and at most one more a second worker started meanwhile.
    expect(calls).toBeLessThanOrEqual(UNREACHABLE_AFTER + 2);
  });

  it('keeps going through scattered network errors (an answer in between resets the count)', async () => {
    const { fetch: real } = fakeFeedFetch();
    let calls = 0;
    const flaky: SyncDeps['fetch'] = (input, init) =>
      ++calls % 2 === 0 ? Promise.reject(new TypeError('reset')) : real(input, init);
    const report = await runSync(deps(flaky, { concurrency: 1 }));
    expect(report.offline).toBe(false);
    expect(report.aborted).toBeUndefined();
    expect(report.failed).toEqual([]);
    expect(report.fetched).toHaveLength(14);
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

describe('runSync when storage is full', () => {
  /** Papers of a recorded list older than the window (the store after the window shrank), stored directly. */
  async function storeOldPapers(): Promise<string[]> {
    const r = parseFeed(recordedDay('2024-06-05')!, { seenAt: 1, listDate: '2024-06-05' });
    if (!r.ok) throw new Error(r.reason);
    await db.papers.bulkPut(r.papers);
    return r.papers.map((p) => p.id);
  }

  /**
   * Makes every write of papers fail as a full disk does while `full()` says so. Patched on the table prototype
   * (inside a transaction Dexie hands out a table object of that transaction), deciding synchronously (awaiting
   * anything else inside a transaction would commit it).
   */
  function fillDisk(
    full: () => boolean,
    error = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
  ) {
    const proto = Object.getPrototypeOf(db.papers) as { bulkPut: (...a: unknown[]) => Promise<unknown> };
    const original = proto.bulkPut;
    vi.spyOn(proto, 'bulkPut').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'papers' && full()) {
        return Dexie.Promise.reject(error());
      }
      return original.apply(this, args);
    });
  }
  /** Whether papers were deleted since (a prune made room). */
  function watchDeletes(): () => boolean {
    const proto = Object.getPrototypeOf(db.papers) as { bulkDelete: (...a: unknown[]) => Promise<unknown> };
    const original = proto.bulkDelete;
    let deleted = false;
    vi.spyOn(proto, 'bulkDelete').mockImplementation(function (this: unknown, ...args: unknown[]) {
      deleted = true;
      return original.apply(this, args);
    });
    return () => deleted;
  }
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prunes the oldest papers outside the window first, then stores the list', async () => {
    const old = await storeOldPapers();
    // Room again once papers were deleted.
    const deleted = watchDeletes();
    fillDisk(() => !deleted());
    const { fetch } = fakeFeedFetch();
    const report = await runSync(deps(fetch));
    expect(report.pruned).toBe(old.length);
    expect(report.failed).toEqual([]);
    expect(report.storageFull).toBeUndefined();
    const stored = new Set((await getAllPapers(db)).map((p) => p.id));
    expect(old.some((id) => stored.has(id))).toBe(false);
    expect(stored.size).toBe(expectedIds(report.planned).size);
  });

  it('stops with a clear message and loses nothing of the window when pruning is not enough', async () => {
    const { fetch: first } = fakeFeedFetch();
    await runSync(deps(first));
    const before = await getAllPapers(db);
    fillDisk(() => true);
    const { fetch } = fakeFeedFetch({
      override: (date) =>
        date === '2026-08-07'
          ? new Response(rekeyedEntries(recordedDay('2026-08-06')!, ['2608.00001', '2608.00002']))
          : undefined,
    });
    const report = await runSync(deps(fetch));
    expect(report.storageFull).toBe(true);
    expect(report.aborted).toBe(STORAGE_FULL);
    expect(report.pruned).toBe(0);
    expect(await getAllPapers(db)).toEqual(before);
  });

  // On a full disk Chromium sometimes aborts the write with a bare AbortError: the room left decides.
  const bareAbort = () => new DOMException('The transaction was aborted.', 'AbortError');

  it('takes a write aborted for no stated reason on a nearly full disk for a full disk', async () => {
    const old = await storeOldPapers();
    const deleted = watchDeletes();
    // Room is said to be short only once a write has failed (so no prune runs before it).
    let failed = false;
    fillDisk(() => (failed ||= !deleted()) && !deleted(), bareAbort);
    const { fetch } = fakeFeedFetch();
    const report = await runSync({
      ...deps(fetch),
      storageLeft: () => Promise.resolve(failed ? LOW_STORAGE_BYTES - 1 : LOW_STORAGE_BYTES * 100),
    });
    expect(failed).toBe(true);
    expect(report.pruned).toBe(old.length);
    expect(report.failed).toEqual([]);
  });

  it('prunes the oldest papers outside the window before writing when the disk is nearly full', async () => {
    const old = await storeOldPapers();
    let writes = 0;
    fillDisk(() => (writes++, false));
    const { fetch } = fakeFeedFetch();
    const report = await runSync({ ...deps(fetch), storageLeft: () => Promise.resolve(LOW_STORAGE_BYTES - 1) });
    expect(report.pruned).toBe(old.length);
    expect(report.failed).toEqual([]);
    expect(writes).toBeGreaterThan(0);
    const stored = new Set((await getAllPapers(db)).map((p) => p.id));
    expect(old.some((id) => stored.has(id))).toBe(false);
  });

  it('reports a write aborted for no stated reason with room left as a storing failure, not a full disk', async () => {
    await storeOldPapers();
    fillDisk(() => true, bareAbort);
    const { fetch } = fakeFeedFetch();
    const report = await runSync({ ...deps(fetch), storageLeft: () => Promise.resolve(LOW_STORAGE_BYTES * 100) });
    expect(report.storageFull).toBeUndefined();
    expect(report.pruned).toBe(0);
    expect(report.failed.length).toBeGreaterThan(0);
    for (const f of report.failed) expect(f.reason).toMatch(/^storing failed: The transaction was aborted/);
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
