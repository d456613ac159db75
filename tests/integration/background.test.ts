/**
 * The background's policy (lib/background/background.ts) driven as the service worker drives it, with WXT's
 * `fakeBrowser` (alarms, tabs, extension storage), a fake clock, `fake-indexeddb` and the recorded feed.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Background, type BackgroundDeps } from '../../lib/background/background';
import { TitleService } from '../../lib/background/lookup';
import { opfsIndexFiles } from '../../lib/background/index-files';
import { RELATED_ROWS, SearchService, TITLE_ENTRIES } from '../../lib/background/search-service';
import { memoryOpfs } from '../helpers/memory-opfs';
import { RETRY_ALARM, SYNC_ALARM } from '../../lib/background/schedule';
import { RETRY_BASE_MS } from '../../lib/sync/status';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import { applyDay, countPapers, getAllPapers, getDayStates, getTrending, upsertPapers } from '../../lib/db/queries';
import { addDays } from '../../lib/feed/dates';
import { SNAPSHOT_SEEN_AT } from '../../lib/feed/paper';
import { parseFeed } from '../../lib/feed/parse';
import { toSnapshot } from '../../lib/feed/snapshot';
import { loadSettings, saveSettings, settingsItem, syncStatusItem } from '../../lib/ext/storage';
import { readSettings } from '../../lib/settings/settings';
import { fakeFeedFetch, recordedDay } from '../helpers/recorded-feed';

const TODAY = '2026-08-07';
const START = Date.parse(`${TODAY}T12:00:00Z`);
const ARXIV_TAB = 'https://arxiv.org/abs/2408.04000';

let db: PaperRadarDB;
let n = 0;
let now: number;
let injected: number[];

function papersOf(date: string, seenAt = 1) {
  const r = parseFeed(recordedDay(date)!, { seenAt, listDate: date });
  if (!r.ok) throw new Error(r.reason);
  return r.papers;
}

/** A Background over the fake browser; `feed` answers the feed requests (default: the recorded days). */
function background(over: Partial<BackgroundDeps> = {}) {
  const search = new SearchService(db, () => now);
  const titles = new TitleService(async () => (await getAllPapers(db)).map((p) => ({ id: p.id, title: p.title })));
  const bg = new Background({
    db,
    fetch: fakeFeedFetch().fetch,
    readSnapshot: async () => JSON.parse(JSON.stringify(toSnapshot(papersOf('2026-08-05')))),
    now: () => now,
    isOnline: () => true,
    settings: loadSettings,
    status: { get: () => syncStatusItem.getValue(), set: (s) => syncStatusItem.setValue(s) },
    alarms: fakeBrowser.alarms,
    tabs: {
      // The browser filters by match pattern; fakeBrowser compares URLs exactly, so filter here.
      query: async ({ url }) =>
        (await fakeBrowser.tabs.query({})).filter((t) => url.some((p) => t.url && new MatchPattern(p).includes(t.url))),
    },
    injectArxivScript: async (tabId) => void injected.push(tabId),
    search,
    titles,
    retry: { sleep: async () => {}, random: () => 0.5, timeoutMs: 200, retries: 0 },
    ...over,
  });
  return { bg, search };
}

/** Forwards stored settings changes to `bg` as the entrypoint does. */
function watchSettings(bg: Background): Promise<void>[] {
  const done: Promise<void>[] = [];
  settingsItem.watch((next, previous) => {
    done.push(bg.onSettingsChanged(readSettings(next), previous ? readSettings(previous) : undefined));
  });
  return done;
}

async function settle(pending: Promise<void>[]): Promise<void> {
  // A watch callback runs once storage.onChanged fires: wait for it, then for what it started.
  await expect.poll(() => pending.length).toBeGreaterThan(0);
  await Promise.all(pending.splice(0));
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDatabase(`background-${++n}`);
  now = START;
  injected = [];
  await saveSettings({ backfillDays: 7 });
});
afterEach(async () => {
  await db.delete();
});

describe('Background.onInstalled', () => {
  it('loads the snapshot, schedules the sync alarm, re-injects arXiv tabs and syncs', async () => {
    const arxiv = await fakeBrowser.tabs.create({ url: ARXIV_TAB });
    await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const { bg } = background();
    await bg.onInstalled('install');

    expect(injected).toEqual([arxiv.id]);
    const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(alarm?.periodInMinutes).toBe(60);
    const status = await syncStatusItem.getValue();
    expect(status).toMatchObject({ state: 'idle', lastSuccessAt: START });
    expect(status.count).toBe(await countPapers(db));
    // The snapshot's papers were confirmed by the sync (their list date is in the window), none is left unconfirmed.
    expect(await db.papers.filter((p) => p.seenAt === SNAPSHOT_SEEN_AT).count()).toBe(0);
    const snap = papersOf('2026-08-05');
    expect((await db.papers.bulkGet(snap.map((p) => p.id))).every((p) => p !== undefined)).toBe(true);
  });

  it('makes the store usable from the snapshot before the first sync answers', async () => {
    let answer!: () => void;
    const gate = new Promise<void>((r) => (answer = r));
    const feed = fakeFeedFetch();
    const { bg } = background({
      fetch: async (url, init) => {
        await gate;
        return feed.fetch(url, init);
      },
    });
    const installing = bg.onInstalled('install');
    await expect.poll(async () => (await syncStatusItem.getValue()).state).toBe('syncing');
    expect(await countPapers(db)).toBe(papersOf('2026-08-05').length);
    expect((await syncStatusItem.getValue()).count).toBe(papersOf('2026-08-05').length);
    answer();
    await installing;
  });

  it('does not load the snapshot on an update', async () => {
    const { bg } = background();
    await bg.onInstalled('update');
    expect(await db.meta.get('snapshot')).toBeUndefined();
    expect((await syncStatusItem.getValue()).state).toBe('idle');
  });
});

describe('Background scheduling', () => {
  it('follows the sync interval of the settings, and leaves an alarm with the right period alone', async () => {
    const { bg } = background();
    const pending = watchSettings(bg);
    await bg.onStartup();
    const first = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(first?.periodInMinutes).toBe(60);

    now += 10 * 60_000;
    await bg.onStartup();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.scheduledTime).toBe(first?.scheduledTime);

    await saveSettings({ syncIntervalMinutes: 240 });
    await settle(pending);
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(240);
  });

  it('syncs on its alarms and ignores others', async () => {
    const feed = fakeFeedFetch();
    const { bg } = background({ fetch: feed.fetch });
    await bg.onAlarm('someone-else');
    expect(feed.calls).toEqual([]);
    await bg.onAlarm(SYNC_ALARM);
    expect(feed.calls.length).toBeGreaterThan(0);
    expect((await syncStatusItem.getValue()).state).toBe('idle');
  });
});

describe('Background retry', () => {
  it('asks to be woken after the first backoff step when a sync found no network, and clears that once a sync works', async () => {
    let online = false;
    const feed = fakeFeedFetch();
    const { bg } = background({
      fetch: async (url, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        return feed.fetch(url, init);
      },
    });
    await bg.onAlarm(SYNC_ALARM);
    expect((await syncStatusItem.getValue()).state).toBe('offline');
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(START + RETRY_BASE_MS);
    // The pages say the time the alarm really has.
    expect((await syncStatusItem.getValue()).nextAttemptAt).toBe(START + RETRY_BASE_MS);

    online = true;
    now += RETRY_BASE_MS;
    await bg.onAlarm(RETRY_ALARM);
    expect((await syncStatusItem.getValue()).state).toBe('idle');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('waits as long as the server asks (Retry-After) when that is longer', async () => {
    const { bg } = background({
      fetch: async () => new Response('slow down', { status: 429, headers: { 'retry-after': '3600' } }),
    });
    await bg.onAlarm(SYNC_ALARM);
    expect((await syncStatusItem.getValue()).state).not.toBe('idle');
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(START + 3600_000);
    expect((await syncStatusItem.getValue()).nextAttemptAt).toBe(START + 3600_000);
  });
});

describe('Background retention', () => {
  it('deletes what left the window after a complete sync, keeping the trending list', async () => {
    const old = '2026-06-29';
    const oldPapers = papersOf(old);
    await applyDay(db, old, oldPapers, { at: 1, entries: oldPapers.length, rejected: 0 });
    // One old paper is on the current trending list (as the sync fetches it): it stays while it is.
    const entries = JSON.parse(recordedDay(old)!) as { paper: { id: string } }[];
    const trendingBody = JSON.stringify(entries.filter((e) => e.paper.id === oldPapers[0]!.id));
    const feed = fakeFeedFetch({
      override: (date, url) => (url.searchParams.get('sort') === 'trending' ? new Response(trendingBody) : undefined),
    });
    const { bg, search } = background({ fetch: feed.fetch });
    await search.rebuild();
    expect((await search.search(oldPapers[1]!.title, 5)).map((h) => h.id)).toContain(oldPapers[1]!.id);

    await bg.onAlarm(SYNC_ALARM);

    const ids = new Set((await getAllPapers(db)).map((p) => p.id));
    expect(ids.has(oldPapers[0]!.id)).toBe(true);
    expect(oldPapers.slice(1).filter((p) => ids.has(p.id))).toEqual([]);
    expect((await getDayStates(db)).has(old)).toBe(false);
    expect(await getTrending(db)).toMatchObject({ ids: [oldPapers[0]!.id] });
    // Their search-index entries went with them (the index was rebuilt after the store changed).
    expect((await search.search(oldPapers[1]!.title, 5)).map((h) => h.id)).not.toContain(oldPapers[1]!.id);
    expect((await syncStatusItem.getValue()).count).toBe(ids.size);
  });

  it('deletes nothing after a sync that failed on a date', async () => {
    const old = addDays(TODAY, -40);
    const oldPapers = papersOf('2026-06-29').map((p) => ({ ...p, listDate: old }));
    await applyDay(db, old, oldPapers, { at: 1, entries: oldPapers.length, rejected: 0 });
    const feed = fakeFeedFetch({
      override: (date) => (date === TODAY ? new Response('oops', { status: 500 }) : undefined),
    });
    const { bg } = background({ fetch: feed.fetch });
    await bg.onAlarm(SYNC_ALARM);
    expect((await db.papers.bulkGet(oldPapers.map((p) => p.id))).every((p) => p !== undefined)).toBe(true);
  });

  it('applies a lower window at once, without a reinstall or a working sync: prunes, rebuilds the index', async () => {
    await saveSettings({ backfillDays: 14 });
    let online = true;
    const feed = fakeFeedFetch();
    const { bg, search } = background({
      fetch: async (url, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        return feed.fetch(url, init);
      },
    });
    const pending = watchSettings(bg);
    await bg.onAlarm(SYNC_ALARM);
    const before = await getAllPapers(db);
    const start7 = addDays(TODAY, -6);
    const leaving = before.filter((p) => p.listDate < start7);
    expect(leaving.length).toBeGreaterThan(20);
    const probe = leaving[0]!;
    expect((await search.search(probe.title, 5)).map((h) => h.id)).toContain(probe.id);

    // The network is gone: the sync the change starts cannot complete, the window applies all the same.
    online = false;
    await saveSettings({ backfillDays: 7 });
    await settle(pending);

    const after = await getAllPapers(db);
    expect(after.filter((p) => p.listDate < start7)).toEqual([]);
    expect(after.length).toBe(before.length - leaving.length);
    expect([...(await getDayStates(db)).keys()].every((d) => d >= start7)).toBe(true);
    expect((await search.search(probe.title, 5)).map((h) => h.id)).not.toContain(probe.id);
    expect(await syncStatusItem.getValue()).toMatchObject({ state: 'offline', count: after.length });
    expect((await bg.controller.lastReport())?.trigger).toBe('settings');
  });
});

describe('Background.onSettingsChanged cut short', () => {
  it('leaves a prune whose rebuild never ran to the next worker, which rebuilds for it', async () => {
    await saveSettings({ backfillDays: 14 });
    const { bg, search } = background();
    await bg.onAlarm(SYNC_ALARM);
    const leaving = (await getAllPapers(db)).filter((p) => p.listDate < addDays(TODAY, -6));
    const probe = leaving[0]!;
    expect((await search.search(probe.title, 5)).map((h) => h.id)).toContain(probe.id);
    // The worker stops after the prune, before its rebuild (here: the rebuild fails).
    vi.spyOn(search, 'rebuild').mockRejectedValueOnce(new Error('worker stopped'));
    await expect(
      bg.onSettingsChanged({ ...(await loadSettings()), backfillDays: 7 }, await loadSettings()),
    ).rejects.toThrow('worker stopped');
    const next = background();
    await next.bg.start();
    expect((await next.search.search(probe.title, 5)).map((h) => h.id)).not.toContain(probe.id);
  });
});

describe('Background.start', () => {
  it('resumes a sync that a killed worker left unfinished', async () => {
    await syncStatusItem.setValue({ state: 'syncing', count: 0, progress: { done: 2, planned: 7 } });
    const feed = fakeFeedFetch();
    const { bg } = background({ fetch: feed.fetch });
    await bg.start();
    expect(feed.calls.length).toBeGreaterThan(0);
    expect((await syncStatusItem.getValue()).state).toBe('idle');
  });

  it('does not sync when the last worker finished its sync', async () => {
    await syncStatusItem.setValue({ state: 'idle', count: 0 });
    const feed = fakeFeedFetch();
    const { bg } = background({ fetch: feed.fetch });
    await bg.start();
    expect(feed.calls).toEqual([]);
  });
});

describe('Background and the related rows file', () => {
  it('tells the search service once its database is open (related rows then come from the database)', async () => {
    const search = new SearchService(db, () => now);
    const opened = vi.spyOn(search, 'databaseOpened');
    const { bg } = background({ search });
    await bg.onInstalled('install');
    expect(opened).toHaveBeenCalledOnce();
    expect(db.isOpen()).toBe(true);
  });

  it('withdraws its quick stamp when a sync starts; a rebuild or a sync that changed nothing gives it back', async () => {
    const stamps = new Map<string, string>();
    const quick = {
      get: async (name: string) => stamps.get(name),
      set: async (name: string, stamp: string | undefined) => {
        if (stamp === undefined) stamps.delete(name);
        else stamps.set(name, stamp);
      },
    };
    const search = new SearchService(db, () => now, opfsIndexFiles(memoryOpfs().root), quick);
    // Whether the stamp was there when each feed request went out (before anything of its answer is written).
    // Once `bump` is set, every answer gives its first paper more upvotes: the store changes.
    let bump = false;
    const feed = fakeFeedFetch({
      override: (date) => {
        const day = bump && date ? recordedDay(date) : undefined;
        if (!day) return undefined;
        const entries = JSON.parse(day) as { paper: { upvotes: number } }[];
        if (entries[0]) entries[0].paper.upvotes += 1000;
        return new Response(JSON.stringify(entries), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const stampAtFetch: boolean[] = [];
    const fetch: BackgroundDeps['fetch'] = (url, init) => {
      stampAtFetch.push(stamps.has(RELATED_ROWS));
      return feed.fetch(url, init);
    };
    const { bg } = background({ search, fetch });
    await bg.onInstalled('install');
    await search.flushed();
    const written = stamps.get(RELATED_ROWS);
    expect(written).toMatch(/^[0-9a-f-]{36}$/);
    const titlesWritten = stamps.get(TITLE_ENTRIES);
    expect(titlesWritten).toMatch(/^[0-9a-f-]{36}$/);
    // The same feed again: nothing changes, the file vouches for the store again.
    stampAtFetch.length = 0;
    await bg.sync('manual');
    expect(stampAtFetch.length).toBeGreaterThan(0);
    expect(stampAtFetch.every((had) => !had)).toBe(true);
    expect(stamps.get(RELATED_ROWS)).toBe(written);
    expect(stamps.get(TITLE_ENTRIES)).toBe(titlesWritten);
    // A changed store: withdrawn while the sync writes, then the rebuild writes the file and a new stamp.
    bump = true;
    await bg.sync('manual');
    await search.flushed();
    expect(stamps.get(RELATED_ROWS)).toMatch(/^[0-9a-f-]{36}$/);
    expect(stamps.get(RELATED_ROWS)).not.toBe(written);
    expect(stamps.get(TITLE_ENTRIES)).toMatch(/^[0-9a-f-]{36}$/);
    expect(stamps.get(TITLE_ENTRIES)).not.toBe(titlesWritten);
  });

  it('warms the typed-search index only at a pause in the pages’ requests, after the related index', async () => {
    await upsertPapers(db, papersOf('2026-08-06'));
    await new SearchService(db, () => now).rebuild();
    // A woken worker: its indexes persisted, none in memory.
    const search = new SearchService(db, () => now);
    const get = vi.spyOn(search, 'get');
    const relatedIndex = vi.spyOn(search, 'relatedIndex');
    let release: (() => void) | undefined;
    const quiet = () => new Promise<void>((r) => (release = r));
    const { bg } = background({ search, quiet });
    const started = bg.start();
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(relatedIndex).toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
    release!();
    await started;
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('drops the title matcher before and after the rebuild that follows a changed store', async () => {
    const events: string[] = [];
    const search = new SearchService(db, () => now);
    const rebuild = search.rebuild.bind(search);
    vi.spyOn(search, 'rebuild').mockImplementation(async () => {
      events.push('rebuild');
      const built = await rebuild();
      events.push('rebuilt');
      return built;
    });
    const titles = { invalidate: () => void events.push('invalidate'), warm: async () => 0 };
    const { bg } = background({ search, titles });
    await bg.ready;
    await bg.sync('manual');
    // The last rebuild (after the sync) is followed by an invalidation: a matcher built meanwhile is not kept.
    const last = events.lastIndexOf('rebuilt');
    expect(last).toBeGreaterThan(0);
    expect(events.slice(last)).toContain('invalidate');
    expect(events.slice(0, events.lastIndexOf('rebuild'))).toContain('invalidate');
  });
});
