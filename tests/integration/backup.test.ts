/**
 * Export, "clear the cache" and import as the options page and the background run them: the page's transfer
 * (lib/backup/transfer.ts) talking to the background's policy (lib/background/background.ts) the way the message
 * handlers do — chunks read with `readRecords`, chunks validated with `parseRecords` and merged by
 * `Background.importRecords` — over `fake-indexeddb`, WXT's `fakeBrowser` storage and recorded papers.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Background } from '../../lib/background/background';
import { TitleService } from '../../lib/background/lookup';
import { SearchService } from '../../lib/background/search-service';
import { RETRY_ALARM } from '../../lib/background/schedule';
import { EXPORT_FORMAT, parseRecords } from '../../lib/backup/file';
import { describeImport, exportLibrary, importLibrary } from '../../lib/backup/transfer';
import { readRecords, type StoreName, type StoreRecords } from '../../lib/db/backup';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import { applyTrending, countPapers, getAllPapers, getDayStates, upsertPapers } from '../../lib/db/queries';
import type { Paper } from '../../lib/feed/paper';
import { loadSettings, saveSettings, syncStatusItem } from '../../lib/ext/storage';
import { fakeFeedFetch, recordedPapers } from '../helpers/recorded-feed';

const NOW = Date.parse('2026-08-07T12:00:00Z');
/** Records per message in these tests (the extension sends 1,000): a small library still takes several. */
const CHUNK = 100;

let db: PaperRadarDB;
let n = 0;
let bg: Background;
let search: SearchService;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDatabase(`backup-${++n}`);
  search = new SearchService(db, () => NOW);
  const titles = new TitleService(async () => (await getAllPapers(db)).map((p) => ({ id: p.id, title: p.title })));
  bg = new Background({
    db,
    fetch: fakeFeedFetch().fetch,
    readSnapshot: async () => ({}),
    now: () => NOW,
    isOnline: () => true,
    settings: loadSettings,
    status: { get: () => syncStatusItem.getValue(), set: (s) => syncStatusItem.setValue(s) },
    alarms: fakeBrowser.alarms,
    tabs: { query: async () => [] },
    injectArxivScript: async () => undefined,
    search,
    titles,
    retry: { sleep: async () => {}, random: () => 0.5, timeoutMs: 200, retries: 0 },
  });
  await bg.ready;
});
afterEach(async () => {
  await db.delete();
});

let recorded: Paper[];
// Loading the recorded corpus takes seconds on a busy machine: once per file, with room for it.
beforeAll(() => {
  const all = recordedPapers();
  recorded = all.filter((_, i) => i % Math.floor(all.length / 250) === 0).slice(0, 250);
}, 120_000);

/** 250 recorded papers (three chunks of `CHUNK`), with their varied fields: ranks, summaries, repos, old ids. */
function library(): Paper[] {
  return recorded;
}

/** The page's side, wired to the background as the message handlers wire it. */
const read = <K extends StoreName>(store: K, after: string | undefined, limit: number) =>
  readRecords(db, store, after, limit);
const written: number[] = [];
async function write<K extends StoreName>(store: K, records: StoreRecords[K][], last: boolean) {
  written.push(records.length);
  // What crosses the message boundary is JSON; the background validates it again.
  const parsed = parseRecords(store, JSON.parse(JSON.stringify(records)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return bg.importRecords(store, parsed.records, last);
}

async function exportNow() {
  return exportLibrary({ read, settings: await loadSettings(), now: NOW, extension: 'Paper Radar test', chunk: CHUNK });
}

async function importText(text: string) {
  return importLibrary(text, { write, settings: await loadSettings(), saveSettings, chunk: CHUNK });
}

describe('export, clear the cache, import', () => {
  it('gives back the same library and settings', async () => {
    const papers = library();
    await upsertPapers(db, papers);
    await saveSettings({ backfillDays: 120, syncIntervalMinutes: 30, badgesOnArxiv: false, excludedSites: ['x.com'] });
    const before = await getAllPapers(db);
    const settings = await loadSettings();

    const { text, counts } = await exportNow();
    expect(counts.papers).toBe(250);
    expect(JSON.parse(text)).toMatchObject({ format: EXPORT_FORMAT, version: 1, settings });

    const cleared = await bg.clearCache();
    expect(cleared).toEqual({ state: 'idle', count: 0 });
    expect(await countPapers(db)).toBe(0);
    expect(await search.search(before[0]!.title)).toEqual([]);
    await saveSettings({ backfillDays: 7, syncIntervalMinutes: 600, badgesOnArxiv: true, excludedSites: [] });

    written.length = 0;
    const result = await importText(text);
    expect(result).toMatchObject({ ok: true, settings: true, notes: [] });
    if (!result.ok) return;
    expect(result.stores.papers).toEqual({ added: 250, updated: 0, unchanged: 0 });
    expect(describeImport(result)).toBe('Imported 250 papers (250 new) and the settings.');
    expect(written).toEqual([100, 100, 50]);

    expect(await getAllPapers(db)).toEqual(before);
    expect(await loadSettings()).toEqual(settings);
    expect((await syncStatusItem.getValue()).count).toBe(250);
    // The search index was rebuilt after the last chunk.
    const target = before[123]!;
    expect((await search.search(target.title, 5)).map((h) => h.id)).toContain(target.id);
  });

  it('changes nothing when the same file is imported twice', async () => {
    await upsertPapers(db, library().slice(0, 120));
    const { text } = await exportNow();
    const before = await getAllPapers(db);
    const result = await importText(text);
    expect(result).toMatchObject({ ok: true, stores: { papers: { added: 0, updated: 0, unchanged: 120 } } });
    expect(await getAllPapers(db)).toEqual(before);
  });

  it('merges by id without losing newer data', async () => {
    const [a, b, c] = library().map((p) => ({ ...p, seenAt: 1000 }));
    // The file: a, b and c as a sync at time 1000 saw them.
    await upsertPapers(db, [a!, b!, c!]);
    const { text } = await exportNow();
    await bg.clearCache();
    // The store now: a seen later (2000) with more upvotes; b seen earlier (500), with other upvotes, but listed on an
    // earlier date (a first appearance the file does not know).
    const newerA = { ...a!, upvotes: a!.upvotes + 50, seenAt: 2000 };
    const olderB = { ...b!, upvotes: b!.upvotes + 7, listDate: '2023-01-02', dayRank: 3, seenAt: 500 };
    await upsertPapers(db, [newerA, olderB]);

    const result = await importText(text);
    expect(result).toMatchObject({ ok: true, stores: { papers: { added: 1, updated: 1, unchanged: 1 } } });
    const [gotA, gotB, gotC] = await db.papers.bulkGet([a!.id, b!.id, c!.id]);
    expect(gotA).toEqual(newerA);
    // b: the file's copy is the newer sighting (its upvotes win), but the earliest list date, with its rank, stays.
    expect(gotB).toEqual({ ...b!, listDate: '2023-01-02', dayRank: 3 });
    expect(gotC).toEqual(c);
  });

  it('does not turn badges on all sites on (that needs the permission, asked from a click) and says so', async () => {
    await saveSettings({ badgesEverywhere: true });
    const { text } = await exportNow();
    await saveSettings({ badgesEverywhere: false });
    const result = await importText(text);
    expect(result).toMatchObject({ ok: true, notes: [expect.stringContaining('Badges on all sites were on')] });
    expect((await loadSettings()).badgesEverywhere).toBe(false);
  });

  it('passes over the stores this version does not keep, and says so', async () => {
    const { text } = await exportNow();
    const file = { ...JSON.parse(text), saved: [{ id: '2406.01234' }], follows: [{ keyword: 'diffusion' }, {}] };
    const result = await importText(JSON.stringify(file));
    expect(result).toMatchObject({
      ok: true,
      notes: [
        'The file also holds 1 saved papers, which this version of Paper Radar does not keep; they were passed over.',
        'The file also holds 2 followed keywords, which this version of Paper Radar does not keep; they were passed over.',
      ],
    });
  });
});

describe('a bad import file', () => {
  async function exported() {
    await upsertPapers(db, library().slice(0, 150));
    return (await exportNow()).text;
  }

  it.each([
    ['empty', () => '', 'This is not a Paper Radar export: the file is not JSON.'],
    ['truncated', (t: string) => t.slice(0, t.length / 2), 'This is not a Paper Radar export: the file is not JSON.'],
    [
      'a Daily Papers response',
      () => JSON.stringify([{ paper: { id: '2406.01234', title: 'x' } }]),
      'This is not a Paper Radar export: it does not say "format": "paper-radar-export".',
    ],
    [
      'another extension’s backup',
      () => JSON.stringify({ version: 1, papers: [] }),
      'This is not a Paper Radar export: it does not say "format": "paper-radar-export".',
    ],
    [
      'from a newer version',
      (t: string) => t.replace('"version":1', '"version":7'),
      'This export was made by a newer Paper Radar (file version 7); update the extension to import it.',
    ],
    [
      'with a damaged record after the first chunk',
      (t: string) => {
        const file = JSON.parse(t) as { papers: Paper[] };
        file.papers[120] = { ...file.papers[120]!, listDate: 'yesterday' };
        return JSON.stringify(file);
      },
      'The file is damaged: papers[120].listDate: expected a date as YYYY-MM-DD. Nothing was imported.',
    ],
    [
      'with a record that is not an arXiv paper',
      (t: string) => t.replace(/"id":"[^"]+"/, '"id":"<img src=x onerror=alert(1)>"'),
      'The file is damaged: papers[0].id: expected a canonical arXiv id such as 2406.01234. Nothing was imported.',
    ],
  ])('%s: is refused with a clear message, and the store and settings are untouched', async (_name, make, reason) => {
    const text = make(await exported());
    await bg.clearCache();
    const kept = library().slice(200, 240);
    await upsertPapers(db, kept);
    await saveSettings({ backfillDays: 30 });
    const before = { papers: await getAllPapers(db), settings: await loadSettings() };
    written.length = 0;

    expect(await importText(text)).toEqual({ ok: false, reason });
    expect(written).toEqual([]);
    expect(await getAllPapers(db)).toEqual(before.papers);
    expect(await loadSettings()).toEqual(before.settings);
  });

  it('is refused by the background too when a chunk arrives damaged (the page is not trusted)', () => {
    expect(parseRecords('papers', [{ id: '2406.01234' }])).toEqual({
      ok: false,
      reason: expect.stringMatching(/^papers\[0\]\.title: /),
    });
  });
});

describe('Background.clearCache', () => {
  it('empties papers, day states, the trending list and the index, keeps the settings, drops a pending retry', async () => {
    const papers = library().slice(0, 50);
    await upsertPapers(db, papers);
    await applyTrending(db, papers.slice(0, 5), NOW);
    await db.days.put({
      date: '2026-08-06',
      status: 'ok',
      fetchedAt: NOW,
      okAt: NOW,
      entries: 50,
      rejected: 0,
      failures: 0,
    });
    await search.rebuild();
    await saveSettings({ backfillDays: 90 });
    await fakeBrowser.alarms.create(RETRY_ALARM, { when: NOW + 60_000 });
    await syncStatusItem.setValue({ state: 'error', count: 50, lastSuccessAt: NOW - 1, lastError: 'HTTP 503' });

    await bg.clearCache();
    expect(await countPapers(db)).toBe(0);
    expect((await getDayStates(db)).size).toBe(0);
    expect(await db.meta.count()).toBe(0);
    expect(await search.search(papers[0]!.title)).toEqual([]);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
    expect(await syncStatusItem.getValue()).toEqual({ state: 'idle', count: 0 });
    expect((await loadSettings()).backfillDays).toBe(90);
  });

  it('stops a running sync first (its requests are aborted), so nothing it fetches lands after the clear', async () => {
    await saveSettings({ backfillDays: 30 });
    const requests: string[] = [];
    // A feed that never answers: only aborting its requests ends the sync (no timeout would, within the test).
    const hanging = (url: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_resolve, reject) => {
        requests.push(url);
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const slow = new Background({
      ...bgDeps(),
      fetch: hanging,
      retry: { sleep: async () => {}, random: () => 0.5, timeoutMs: 3_600_000, retries: 0 },
    });
    await slow.ready;
    const syncing = slow.sync('manual');
    await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0));
    await upsertPapers(db, library().slice(0, 10));
    await slow.clearCache();
    await syncing;
    expect(await countPapers(db)).toBe(0);
    expect(await syncStatusItem.getValue()).toEqual({ state: 'idle', count: 0 });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });
});

/** The deps of `bg` (for a second Background over the same store). */
function bgDeps() {
  return (bg as unknown as { deps: ConstructorParameters<typeof Background>[0] }).deps;
}
