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
import { opfsIndexFiles } from '../../lib/background/index-files';
import {
  INDEX_BLOB,
  RELATED_BLOB,
  RELATED_ROWS,
  SearchService,
  TITLE_ENTRIES,
} from '../../lib/background/search-service';
import { RETRY_ALARM } from '../../lib/background/schedule';
import { EXPORT_FORMAT, parseRecords } from '../../lib/backup/file';
import { describeExport, describeImport, exportLibrary, importLibrary } from '../../lib/backup/transfer';
import { readRecords, type StoreName, type StoreRecords } from '../../lib/db/backup';
import { createDatabase, type HistoryEntry, type PaperRadarDB } from '../../lib/db/database';
import {
  applyTrending,
  countPapers,
  getAllPapers,
  getDayStates,
  pendingRebuild,
  upsertPapers,
} from '../../lib/db/queries';
import { addFollow, listFollows, listHistory, listSaved, recordVisit, savePaper } from '../../lib/db/user-data';
import { checkFollow } from '../../lib/follow/match';
import type { Paper } from '../../lib/feed/paper';
import { loadSettings, saveSettings, syncStatusItem } from '../../lib/ext/storage';
import { memoryOpfs } from '../helpers/memory-opfs';
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

/**
 * Fills the user's own tables: 130 history entries (two chunks; one read three times, one with an abstract), two
 * saved papers (one with its primary category) and a follow of each kind.
 */
async function addUserData(papers: readonly Paper[]) {
  for (const [i, p] of papers.slice(0, 130).entries()) {
    await recordVisit(db, { id: p.id, title: p.title, via: i % 2 ? 'abs' : 'reader' }, NOW - 1000 * (i + 1));
  }
  await recordVisit(db, { id: papers[0]!.id, via: 'html' }, NOW + 10);
  await recordVisit(db, { id: papers[0]!.id, via: 'popup' }, NOW + 20);
  await recordVisit(db, { id: '2101.00001', title: 'Not in the feed', abstract: 'Read elsewhere.', via: 'abs' }, NOW);
  await savePaper(db, { id: papers[1]!.id, savedAt: NOW - 5, title: papers[1]!.title, authors: papers[1]!.authors });
  await savePaper(db, {
    id: '2101.00001',
    savedAt: NOW - 9,
    title: 'Not in the feed',
    authors: [],
    primaryClass: 'hep-th',
  });
  await addFollow(db, { id: 'keyword:kv cache', kind: 'keyword', value: 'kv cache', createdAt: 1 });
  await addFollow(db, { id: 'regex:\\bLoRA\\b', kind: 'regex', value: '\\bLoRA\\b', createdAt: 2 });
  await addFollow(db, { id: 'topic:t3', kind: 'topic', value: 't3', createdAt: 3 });
}

/** The user's own tables as they read. */
async function userData() {
  return { history: await listHistory(db), saved: await listSaved(db), follows: await listFollows(db) };
}

describe('export, clear the cache, import', () => {
  it('gives back the same library and settings', async () => {
    const papers = library();
    await upsertPapers(db, papers);
    await saveSettings({
      backfillDays: 120,
      syncIntervalMinutes: 30,
      badgesOnArxiv: false,
      excludedSites: ['x.com'],
      historyPaused: true,
      dimUnfollowed: true,
    });
    const before = await getAllPapers(db);
    const settings = await loadSettings();

    const { text, counts } = await exportNow();
    expect(counts.papers).toBe(250);
    expect(describeExport(counts, 'x.json')).toBe('Exported 250 papers and the settings to x.json.');
    expect(JSON.parse(text)).toMatchObject({ format: EXPORT_FORMAT, version: 1, settings });

    const cleared = await bg.clearCache();
    expect(cleared).toEqual({ state: 'idle', count: 0 });
    expect(await countPapers(db)).toBe(0);
    expect(await search.search(before[0]!.title)).toEqual([]);
    await saveSettings({
      backfillDays: 7,
      syncIntervalMinutes: 600,
      badgesOnArxiv: true,
      excludedSites: [],
      historyPaused: false,
      dimUnfollowed: false,
    });

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

  it('imports an export made before history, saved papers and follows were exported, and keeps them', async () => {
    await upsertPapers(db, library().slice(0, 30));
    const file = JSON.parse((await exportNow()).text) as Record<string, unknown>;
    for (const key of ['history', 'saved', 'follows']) delete file[key];
    await bg.clearCache();
    await addUserData(library().slice(100));
    const mine = await userData();

    const result = await importText(JSON.stringify(file));
    expect(result).toMatchObject({ ok: true, notes: [], stores: { papers: { added: 30 }, history: { added: 0 } } });
    if (result.ok) expect(describeImport(result)).toBe('Imported 30 papers (30 new) and the settings.');
    expect(await countPapers(db)).toBe(30);
    expect(await userData()).toEqual(mine);
  });
});

describe('the user’s own data: history, saved papers and follows', () => {
  it('come back the same after export, emptying their tables, and import', async () => {
    await upsertPapers(db, library());
    await addUserData(library());
    const before = await userData();
    expect(before.history).toHaveLength(131);

    const { text, counts } = await exportNow();
    expect(counts).toEqual({ papers: 250, history: 131, saved: 2, follows: 3 });
    expect(describeExport(counts, 'x.json')).toBe(
      'Exported 250 papers, 131 reading-history entries, 2 saved papers, 3 follows and the settings to x.json.',
    );
    await Promise.all([db.history.clear(), db.saved.clear(), db.follows.clear()]);

    written.length = 0;
    const result = await importText(text);
    expect(result).toMatchObject({
      ok: true,
      stores: {
        papers: { added: 0, updated: 0, unchanged: 250 },
        history: { added: 131, updated: 0, unchanged: 0 },
        saved: { added: 2, updated: 0, unchanged: 0 },
        follows: { added: 3, updated: 0, unchanged: 0 },
      },
    });
    if (result.ok) {
      expect(describeImport(result)).toBe(
        'Imported 250 papers (250 already up to date), 131 reading-history entries (131 new), ' +
          '2 saved papers (2 new), 3 follows (3 new) and the settings.',
      );
    }
    expect(written).toEqual([100, 100, 50, 100, 31, 2, 3]);
    expect(await userData()).toEqual(before);
  });

  it('change nothing when the same file is imported twice (visits are not counted twice)', async () => {
    await upsertPapers(db, library().slice(0, 20));
    await addUserData(library());
    const before = await userData();
    const visits = before.history.find((h) => h.id === library()[0]!.id)?.visits;
    expect(visits).toBe(3);
    const { text } = await exportNow();

    for (let i = 0; i < 2; i++) {
      const result = await importText(text);
      expect(result).toMatchObject({
        ok: true,
        stores: {
          history: { added: 0, updated: 0, unchanged: 131 },
          saved: { added: 0, updated: 0, unchanged: 2 },
          follows: { added: 0, updated: 0, unchanged: 3 },
        },
      });
      expect(await userData()).toEqual(before);
    }
  });

  it('tell the background’s user-data services when an import changed them, and only then', async () => {
    await addUserData(library());
    const { text } = await exportNow();
    await Promise.all([db.history.clear(), db.follows.clear()]);
    const told: string[] = [];
    const other = new Background({ ...bgDeps(), userDataImported: (store) => told.push(store) });
    await other.ready;
    const writeTo = async <K extends StoreName>(store: K, records: StoreRecords[K][], last: boolean) =>
      other.importRecords(store, records, last);
    const settings = await loadSettings();
    await importLibrary(text, { write: writeTo, settings, saveSettings, chunk: CHUNK });
    expect(told).toEqual(['history', 'history', 'follows']);
    told.length = 0;
    await importLibrary(text, { write: writeTo, settings, saveSettings, chunk: CHUNK });
    expect(told).toEqual([]);
  });

  it('merge by id without losing newer data', async () => {
    const [a, b, c] = library();
    await recordVisit(db, { id: a!.id, title: a!.title, via: 'abs' }, 1000);
    await recordVisit(db, { id: b!.id, title: b!.title, via: 'abs' }, 1000);
    await savePaper(db, { id: a!.id, savedAt: 1000, title: a!.title, authors: a!.authors });
    await addFollow(db, { id: 'keyword:kv cache', kind: 'keyword', value: 'kv cache', createdAt: 1 });
    const { text } = await exportNow();

    // Since the export: a read twice more (from the popup), b's entry deleted, c read, a saved anew elsewhere (the
    // stored copy is the one kept; its savedAt is later than the file's), the follow removed and followed again.
    await recordVisit(db, { id: a!.id, via: 'popup' }, 2000);
    await recordVisit(db, { id: a!.id, via: 'popup' }, 3000);
    await db.history.delete(b!.id);
    await recordVisit(db, { id: c!.id, title: c!.title, via: 'html' }, 2500);
    await db.saved.put({ id: a!.id, savedAt: 5000, title: 'Renamed', authors: [], primaryClass: 'cs.LG' });
    await db.follows.put({ id: 'keyword:kv cache', kind: 'keyword', value: 'kv cache', createdAt: 9 });

    const result = await importText(text);
    expect(result).toMatchObject({
      ok: true,
      stores: {
        history: { added: 1, updated: 0, unchanged: 1 },
        saved: { added: 0, updated: 1, unchanged: 0 },
        follows: { added: 0, updated: 0, unchanged: 1 },
      },
    });
    const history = await listHistory(db);
    expect(history.map((h) => [h.id, h.firstAt, h.lastAt, h.visits, h.via])).toEqual([
      [a!.id, 1000, 3000, 3, 'popup'],
      [c!.id, 2500, 2500, 1, 'html'],
      [b!.id, 1000, 1000, 1, 'abs'],
    ]);
    // The stored row stays, with the earlier savedAt and the authors it lacked.
    expect(await listSaved(db)).toEqual([
      { id: a!.id, savedAt: 1000, title: 'Renamed', authors: a!.authors, primaryClass: 'cs.LG' },
    ]);
    expect(await listFollows(db)).toEqual([
      { id: 'keyword:kv cache', kind: 'keyword', value: 'kv cache', createdAt: 9 },
    ]);
  });
});

describe('a bad import file', () => {
  async function exported() {
    await upsertPapers(db, library().slice(0, 150));
    await addUserData(library());
    return (await exportNow()).text;
  }
  /** An export's text changed by `change` (applied to its parsed JSON). */
  function edited(change: (file: { papers: Paper[]; history: HistoryEntry[]; follows: unknown[] }) => unknown) {
    return (text: string) => {
      const file = JSON.parse(text) as Parameters<typeof change>[0];
      change(file);
      return JSON.stringify(file);
    };
  }
  /** `checkFollow`'s refusal, as the file's message quotes it. */
  function refusal(kind: 'keyword' | 'regex', value: string) {
    const checked = checkFollow(kind, value);
    if (checked.ok) throw new Error(`${value} is a valid ${kind}`);
    return checked.reason;
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
      edited((file) => {
        file.papers[120] = { ...file.papers[120]!, listDate: 'yesterday' };
      }),
      'The file is damaged: papers[120].listDate: expected a date as YYYY-MM-DD. Nothing was imported.',
    ],
    [
      'with a record that is not an arXiv paper',
      (t: string) => t.replace(/"id":"[^"]+"/, '"id":"<img src=x onerror=alert(1)>"'),
      'The file is damaged: papers[0].id: expected a canonical arXiv id such as 2406.01234. Nothing was imported.',
    ],
    [
      'with a follow whose regular expression does not compile',
      edited((file) => file.follows.push({ id: 'regex:(diffusion', kind: 'regex', value: '(diffusion', createdAt: 4 })),
      `The file is damaged: follows[3].value: ${refusal('regex', '(diffusion')}. Nothing was imported.`,
    ],
    [
      'with a follow of nothing but common words',
      edited((file) => file.follows.unshift({ id: 'keyword:of the', kind: 'keyword', value: 'of the', createdAt: 4 })),
      `The file is damaged: follows[0].value: ${refusal('keyword', 'of the')}. Nothing was imported.`,
    ],
    [
      'with a history entry read before it was first read',
      edited((file) => {
        file.history[110]!.firstAt = file.history[110]!.lastAt + 1;
      }),
      'The file is damaged: history[110].lastAt: expected the last visit (lastAt) no earlier than the first (firstAt). Nothing was imported.',
    ],
    [
      'with a saved paper that is not an arXiv paper',
      (t: string) => t.replace(/"savedAt":/, '"id":"javascript:alert(1)","savedAt":'),
      'The file is damaged: saved[0].id: expected a canonical arXiv id such as 2406.01234. Nothing was imported.',
    ],
  ])('%s: is refused with a clear message, and the store and settings are untouched', async (_name, make, reason) => {
    const text = make(await exported());
    await bg.clearCache();
    await Promise.all([db.history.clear(), db.saved.clear(), db.follows.clear()]);
    const kept = library().slice(200, 240);
    await upsertPapers(db, kept);
    await addUserData(kept);
    await saveSettings({ backfillDays: 30 });
    const before = { papers: await getAllPapers(db), settings: await loadSettings(), user: await userData() };
    written.length = 0;

    expect(await importText(text)).toEqual({ ok: false, reason });
    expect(written).toEqual([]);
    expect(await getAllPapers(db)).toEqual(before.papers);
    expect(await loadSettings()).toEqual(before.settings);
    expect(await userData()).toEqual(before.user);
  });

  it('is refused by the background too when a chunk arrives damaged (the page is not trusted)', () => {
    expect(parseRecords('papers', [{ id: '2406.01234' }])).toEqual({
      ok: false,
      reason: expect.stringMatching(/^papers\[0\]\.title: /),
    });
    const follows = [
      { id: 'keyword:kv cache', kind: 'keyword', value: 'kv cache', createdAt: 1 },
      { id: 'regex:a(?=b)', kind: 'regex', value: 'a(?=b)', createdAt: 2 },
    ];
    expect(parseRecords('follows', follows)).toEqual({
      ok: false,
      reason: `follows[1].value: ${refusal('regex', 'a(?=b)')}`,
    });
    expect(parseRecords('follows', [{ ...follows[0], id: 'keyword:other' }])).toEqual({
      ok: false,
      reason: 'follows[0].id: expected "keyword:kv cache"',
    });
    expect(parseRecords('follows', [{ id: 'mood:happy', kind: 'mood', value: 'happy', createdAt: 1 }])).toEqual({
      ok: false,
      reason: expect.stringMatching(/^follows\[0\]\.kind: /),
    });
  });
});

describe('Background.clearCache', () => {
  it('empties papers, day states, the trending list and the index, keeps the settings and the user’s data, drops a pending retry', async () => {
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
    await addUserData(papers);
    const mine = await userData();
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
    // The user's own data is not a cache: history, saved papers and follows stay as they were.
    expect(mine.history.length).toBeGreaterThan(0);
    expect(await userData()).toEqual(mine);
  });

  it('deletes the index files too (before the empty store’s index is written)', async () => {
    const opfs = memoryOpfs();
    const files = opfsIndexFiles(opfs.root);
    const withFiles = new SearchService(db, () => NOW, files);
    const cleared = new Background({ ...bgDeps(), search: withFiles });
    await cleared.ready;
    await upsertPapers(db, library().slice(0, 50));
    await withFiles.rebuild();
    const before = (await files.read(RELATED_BLOB))!.stamp;
    const discard = vi.spyOn(withFiles, 'discardPersisted');
    const removed = vi.spyOn(files, 'remove');
    await cleared.clearCache();
    expect(discard).toHaveBeenCalledTimes(1);
    expect(removed.mock.calls.map((c) => c[0]).sort()).toEqual(
      [RELATED_BLOB, INDEX_BLOB, RELATED_ROWS, TITLE_ENTRIES].sort(),
    );
    // What is persisted now is the empty store's index.
    const after = await files.read(RELATED_BLOB);
    expect(after?.stamp).not.toBe(before);
    expect(after?.ids).toBe('');
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

describe('an import cut short (the worker stopped between chunks or before the rebuild)', () => {
  /** A library whose persisted index is built, and `more` papers not in it, as an import brings them. */
  async function indexedLibrary() {
    const papers = library();
    await upsertPapers(db, papers.slice(0, 200));
    await search.rebuild();
    await syncStatusItem.setValue({ state: 'idle', count: 200 });
    return { more: papers.slice(200) };
  }

  /** A new worker over the same database: its own search service (which loads the persisted index) and titles. */
  function nextWorker() {
    const nextSearch = new SearchService(db, () => NOW);
    const titles = new TitleService(async () => (await getAllPapers(db)).map((p) => ({ id: p.id, title: p.title })));
    return { worker: new Background({ ...bgDeps(), search: nextSearch, titles }), search: nextSearch };
  }

  it('is rebuilt for by the next worker’s start, which publishes the count too', async () => {
    const { more } = await indexedLibrary();
    // The first chunk lands; the worker stops before the last one (the page gave up, or the browser closed).
    await bg.importRecords('papers', more.slice(0, 30), false);
    await syncStatusItem.setValue({ state: 'idle', count: 200 });
    const { worker, search: next } = nextWorker();
    const rebuilt = vi.spyOn(next, 'rebuild');
    await worker.start();
    expect(rebuilt).toHaveBeenCalledOnce();
    expect((await next.search(more[5]!.title, 5)).map((h) => h.id)).toContain(more[5]!.id);
    expect((await syncStatusItem.getValue()).count).toBe(230);
    // Done once: the worker after it finds nothing pending.
    const after = nextWorker();
    const again = vi.spyOn(after.search, 'rebuild');
    await after.worker.start();
    expect(again).not.toHaveBeenCalled();
  });

  it('is rebuilt for at the last chunk when an earlier worker made the change and a later one finished the import', async () => {
    const { more } = await indexedLibrary();
    await bg.importRecords('papers', more, false);
    // The page sends the chunks again to the new worker: they change nothing now, the import still did.
    const { worker, search: next } = nextWorker();
    await worker.ready;
    const count = await worker.importRecords('papers', more, true);
    expect(count).toEqual({ added: 0, updated: 0, unchanged: 50 });
    expect((await next.search(more[7]!.title, 5)).map((h) => h.id)).toContain(more[7]!.id);
  });

  it('leaves nothing pending, and rebuilds nothing, when it changed nothing', async () => {
    await indexedLibrary();
    const rebuilt = vi.spyOn(search, 'rebuild');
    await bg.importRecords('papers', library().slice(0, 100), false);
    await bg.importRecords('papers', library().slice(100, 200), true);
    expect(rebuilt).not.toHaveBeenCalled();
    // Cut short after a chunk that changed nothing: the next worker has nothing to rebuild.
    await bg.importRecords('papers', library().slice(0, 100), false);
    const { worker, search: next } = nextWorker();
    const rebuiltNext = vi.spyOn(next, 'rebuild');
    await worker.start();
    expect(rebuiltNext).not.toHaveBeenCalled();
  });

  it('stays pending when a rebuild that began during the change ends after it (the rebuild may have missed it)', async () => {
    await indexedLibrary();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let rebuilding!: () => void;
    const began = new Promise<void>((r) => (rebuilding = r));
    const rebuildNow = search.rebuild.bind(search);
    vi.spyOn(search, 'rebuild').mockImplementationOnce(async () => {
      rebuilding();
      await held;
      return rebuildNow();
    });
    let rebuild: Promise<void> | undefined;
    // A change of the papers during which a rebuild begins (it read the marker the change set first).
    await bg['changePapers'](
      async () => {
        rebuild = bg['storeChanged']();
        await began;
        return 1;
      },
      (n) => n > 0,
    );
    release();
    await rebuild;
    expect(await pendingRebuild(db)).toBeDefined();
  });

  it('is rebuilt for at the next start when the rebuild after it failed', async () => {
    const { more } = await indexedLibrary();
    vi.spyOn(search, 'rebuild').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(bg.importRecords('papers', more, true)).rejects.toThrow('QuotaExceededError');
    const { worker, search: next } = nextWorker();
    await worker.start();
    expect((await next.search(more[9]!.title, 5)).map((h) => h.id)).toContain(more[9]!.id);
  });
});

/** The deps of `bg` (for a second Background over the same store). */
function bgDeps() {
  return (bg as unknown as { deps: ConstructorParameters<typeof Background>[0] }).deps;
}
