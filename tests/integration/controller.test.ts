import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import {
  countPapers,
  getMeta,
  loadSnapshotIfEmpty,
  pendingRebuild,
  pruneUnconfirmedSnapshot,
} from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import { SNAPSHOT_SEEN_AT } from '../../lib/feed/paper';
import { describeRetry, describeStatus, INITIAL_STATUS, shownState, type SyncStatus } from '../../lib/sync/status';
import { reportError, SyncController, type StoredReport } from '../../lib/sync/controller';
import { fakeFeedFetch, recordedDay } from '../helpers/recorded-feed';

const NOW = Date.parse('2026-08-07T12:00:00Z');
let db: PaperRadarDB;
let n = 0;
let published: SyncStatus[];
let stored: SyncStatus;

beforeEach(() => {
  db = createDatabase(`controller-${++n}`);
  published = [];
  stored = { ...INITIAL_STATUS };
});
afterEach(async () => {
  await db.delete();
});

function controller(
  fetch: ReturnType<typeof fakeFeedFetch>['fetch'],
  extra: Partial<ConstructorParameters<typeof SyncController>[0]> = {},
) {
  return new SyncController({
    db,
    fetch,
    now: () => NOW,
    settings: async () => ({ backfillDays: 7 }),
    readStatus: async () => stored,
    publishStatus: async (s) => {
      stored = s;
      published.push(s);
    },
    retry: { sleep: async () => {}, random: () => 0.5, timeoutMs: 100, retries: 0 },
    ...extra,
  });
}

describe('SyncController', () => {
  it('publishes syncing with progress, then idle with the count and last success', async () => {
    let changed = 0;
    const c = controller(fakeFeedFetch().fetch, { onStoreChanged: async () => void changed++ });
    const end = await c.sync('manual');
    expect(published[0]!.state).toBe('syncing');
    expect(published.some((s) => s.progress?.planned === 7)).toBe(true);
    expect(end).toMatchObject({ state: 'idle', count: await countPapers(db), lastSuccessAt: NOW });
    expect(end.count).toBeGreaterThan(50);
    expect(changed).toBe(1);
    const report = await getMeta<StoredReport>(db, 'lastReport');
    expect(report).toMatchObject({ trigger: 'manual', failed: [] });
  });

  it('hands each stored list date to onDatesStored while syncing, one call at a time, then publishes the count', async () => {
    const calls: string[][] = [];
    let inCall = false;
    let overlapped = false;
    let changedAfterLastDate = false;
    const c = controller(fakeFeedFetch().fetch, {
      onDatesStored: async (dates) => {
        overlapped ||= inCall;
        inCall = true;
        // Their papers are committed when the call comes (with the date's checkpoint, in one transaction).
        for (const d of dates) expect((await db.days.get(d))?.status).toBe('ok');
        await new Promise((r) => setTimeout(r, 5));
        calls.push([...dates]);
        inCall = false;
      },
      onStoreChanged: async () => void (changedAfterLastDate = calls.flat().length > 0),
    });
    const end = await c.sync('manual');
    const report = await c.lastReport();
    expect(overlapped).toBe(false);
    // Every stored date, each once; the end waited for the last call (the rebuild comes after it).
    expect(calls.flat().sort()).toEqual([...report!.fetched].sort());
    expect(changedAfterLastDate).toBe(true);
    // While syncing, the published count grew with the dates indexed, before the sync's end.
    const syncingCounts = published.filter((s) => s.state === 'syncing').map((s) => s.count);
    expect(new Set(syncingCounts).size).toBeGreaterThan(1);
    expect(Math.max(...syncingCounts)).toBe(end.count);
  });

  it('goes on when onDatesStored fails', async () => {
    const c = controller(fakeFeedFetch().fetch, {
      onDatesStored: async () => {
        throw new Error('index broke');
      },
    });
    expect(await c.sync('manual')).toMatchObject({ state: 'idle' });
  });

  it('runs one sync at a time', async () => {
    const { fetch, calls } = fakeFeedFetch();
    const c = controller(fetch);
    const [a, b] = await Promise.all([c.sync('alarm'), c.sync('manual')]);
    expect(a).toBe(b);
    expect(calls.filter((u) => u.includes('date=2026-08-07'))).toHaveLength(1);
  });

  it('says Hugging Face is unreachable (not offline), and when it retries, when nothing answers', async () => {
    const c = controller(async () => {
      throw new TypeError('Failed to fetch');
    });
    const end = await c.sync('alarm');
    expect(end).toMatchObject({
      state: 'offline',
      offline: 'unreachable',
      lastError: 'Hugging Face unreachable: 3 requests in a row got no answer',
      failedRuns: 1,
      nextAttemptAt: NOW + 30_000,
    });
    expect(describeRetry(end, NOW)).toBe('in 30 s');
    expect(shownState(end, true)).toBe('offline');
  });

  it('backs off between failed runs, and a success resets it', async () => {
    let down = true;
    const { fetch: real } = fakeFeedFetch();
    const c = controller((u, init) => (down ? Promise.reject(new TypeError('Failed to fetch')) : real(u, init)));
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) waits.push((await c.sync('retry')).nextAttemptAt! - NOW);
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
    down = false;
    const end = await c.sync('retry');
    expect(end.state).toBe('idle');
    expect(end.failedRuns).toBeUndefined();
    expect(end.offline).toBeUndefined();
  });

  it('says offline when the browser is, whatever failed', async () => {
    const c = controller(async () => Promise.reject(new TypeError('Failed to fetch')));
    const online = { value: true };
    const c2 = controller(async () => Promise.reject(new TypeError('Failed to fetch')), {
      isOnline: () => online.value,
    });
    online.value = false;
    const end = await c2.sync('alarm');
    expect(end).toMatchObject({ state: 'offline', offline: 'browser' });
    expect(shownState(end, false)).toBe('offline');
    expect((await c.sync('alarm')).offline).toBe('unreachable');
  });

  it('waits as long as the server asks when that is longer than the backoff', async () => {
    const c = controller(async () => new Response('', { status: 429, headers: { 'retry-after': '3600' } }));
    const end = await c.sync('alarm');
    expect(end.state).toBe('error');
    expect(end.nextAttemptAt).toBe(NOW + 3_600_000);
  });

  it('shows when the next scheduled sync runs after a success', async () => {
    const end = await controller(fakeFeedFetch().fetch, { nextScheduledSync: async () => NOW + 3_600_000 }).sync(
      'alarm',
    );
    expect(describeStatus(end, NOW)).toMatch(/ · next sync in 1 h$/);
  });

  it('says error with the first failure when every date fails over HTTP', async () => {
    const c = controller(async () => new Response('nope', { status: 503 }));
    const end = await c.sync('alarm');
    expect(end.state).toBe('error');
    expect(end.lastError).toBe('2026-08-07: HTTP 503 (and 6 more)');
  });

  it('does not start when the browser says it is offline', async () => {
    const { fetch, calls } = fakeFeedFetch();
    const end = await controller(fetch, { isOnline: () => false }).sync('startup');
    expect(end.state).toBe('offline');
    expect(calls).toEqual([]);
  });

  it('recovers a status left at syncing by a killed worker', async () => {
    stored = { state: 'syncing', count: 0, progress: { done: 2, planned: 7 } };
    const r = parseFeed(recordedDay('2026-08-06')!, { seenAt: 1 });
    if (!r.ok) throw new Error(r.reason);
    await loadSnapshotIfEmpty(db, r.papers, 1);
    const c = controller(fakeFeedFetch().fetch);
    const s = await c.recover();
    expect(s).toEqual({ state: 'idle', count: r.papers.length });
    expect(c.interrupted).toBe(true);
  });

  it('counts the first sync after a killed one as a change of the store, though it fetched nothing new', async () => {
    let changed = 0;
    const onStoreChanged = async () => void changed++;
    await controller(fakeFeedFetch().fetch, { onStoreChanged }).sync('manual');
    expect(changed).toBe(1);
    // The same feed again: nothing changes, nothing to rebuild.
    await controller(fakeFeedFetch().fetch, { onStoreChanged }).sync('alarm');
    expect(changed).toBe(1);
    // A worker killed mid-sync: a sync that stored a new date and then never ends (its worker stopped while the
    // date's hand-over ran). What it stored was never indexed; the next sync says the store changed, once.
    await db.papers.where('listDate').equals('2026-08-07').delete();
    await db.days.delete('2026-08-07');
    let killed = false;
    void controller(fakeFeedFetch().fetch, {
      onDatesStored: () => {
        killed = true;
        return new Promise<void>(() => {});
      },
      onStoreChanged,
    }).sync('alarm');
    await vi.waitFor(() => expect(killed && stored.state === 'syncing').toBe(true));
    expect(await pendingRebuild(db)).toBeDefined();
    const woken = controller(fakeFeedFetch().fetch, { onStoreChanged });
    await woken.recover();
    const resumed = await woken.sync('startup');
    expect(resumed.state).not.toBe('syncing');
    expect((await woken.lastReport())?.added).toBe(0);
    expect(changed).toBe(2);
    expect(await pendingRebuild(db)).toBeUndefined();
    await woken.sync('alarm');
    expect(changed).toBe(2);
  });

  it('leaves a rebuild pending after a sync whose rebuild failed, for the next sync; none after one that changed nothing', async () => {
    await controller(fakeFeedFetch().fetch).sync('manual');
    expect(await pendingRebuild(db)).toBeUndefined();
    const failing = controller(fakeFeedFetch().fetch, {
      onStoreChanged: async () => {
        throw new Error('index not persisted');
      },
    });
    await failing.sync('alarm');
    expect(await pendingRebuild(db)).toBeUndefined();
    await db.papers.where('listDate').equals('2026-08-07').delete();
    await db.days.delete('2026-08-07');
    await failing.sync('alarm');
    expect(await pendingRebuild(db)).toBeDefined();
    let changed = 0;
    await controller(fakeFeedFetch().fetch, { onStoreChanged: async () => void changed++ }).sync('alarm');
    expect(changed).toBe(1);
    expect(await pendingRebuild(db)).toBeUndefined();
  });

  it('keeps a settled status as it is on a start, without counting the store or writing the status again', async () => {
    const r = parseFeed(recordedDay('2026-08-06')!, { seenAt: 1 });
    if (!r.ok) throw new Error(r.reason);
    await loadSnapshotIfEmpty(db, r.papers, 1);
    // A count the store does not hold: a recount would show (the published count stands unless a sync was cut).
    stored = { state: 'idle', count: r.papers.length + 5, lastSuccessAt: 7 };
    const c = controller(fakeFeedFetch().fetch);
    expect(await c.recover()).toEqual(stored);
    expect(published).toEqual([]);
    expect(c.storeLost).toBe(false);
  });

  it('finds the store lost when it is empty though the status counted papers, and recounts a status of none', async () => {
    stored = { state: 'idle', count: 40, lastSuccessAt: 7 };
    const lost = controller(fakeFeedFetch().fetch);
    expect(await lost.recover()).toEqual({ state: 'idle', count: 0, lastSuccessAt: 7 });
    expect(lost.storeLost).toBe(true);
    const r = parseFeed(recordedDay('2026-08-06')!, { seenAt: 1 });
    if (!r.ok) throw new Error(r.reason);
    await loadSnapshotIfEmpty(db, r.papers, 1);
    stored = { state: 'idle', count: 0 };
    expect((await controller(fakeFeedFetch().fetch).recover()).count).toBe(r.papers.length);
  });

  it('replaces the snapshot with the live feed after a complete sync', async () => {
    const snap = parseFeed(recordedDay('2026-06-29')!, { seenAt: SNAPSHOT_SEEN_AT });
    if (!snap.ok) throw new Error(snap.reason);
    await loadSnapshotIfEmpty(db, snap.papers, 1);
    const c = controller(fakeFeedFetch().fetch, { afterComplete: () => pruneUnconfirmedSnapshot(db) });
    const end = await c.sync('install');
    const live = await db.papers.filter((p) => p.seenAt === SNAPSHOT_SEEN_AT).count();
    expect(live).toBe(0);
    expect(end.count).toBe(await countPapers(db));
  });

  it('stores the report only after the after-complete step, so a new report means the store is final', async () => {
    let reportDuringStep: StoredReport | undefined | null = null;
    const c = controller(fakeFeedFetch().fetch, {
      afterComplete: async () => {
        reportDuringStep = await getMeta<StoredReport>(db, 'lastReport');
        return 0;
      },
    });
    await c.sync('manual');
    expect(reportDuringStep).toBeUndefined();
    expect(await getMeta<StoredReport>(db, 'lastReport')).toMatchObject({ trigger: 'manual' });
  });
});

describe('reportError', () => {
  it('is undefined for a clean run', () => {
    expect(
      reportError({ aborted: undefined, failed: [] } as unknown as Parameters<typeof reportError>[0]),
    ).toBeUndefined();
  });
});
