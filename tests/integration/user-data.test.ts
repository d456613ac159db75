/**
 * The user's own data in `fake-indexeddb`: the schema upgrade that adds it, the history, saved papers and follows
 * queries and the rules an import merges them by, and the background's PersonalService over
 * recorded papers (visits, pause, "for you", period views filtered by topic, follow marks of listing entries).
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalService } from '../../lib/background/personal';
import { SearchService } from '../../lib/background/search-service';
import { createDatabase, SCHEMA_V1, SCHEMA_V2, type PaperRadarDB } from '../../lib/db/database';
import { applyDay, countPapers, getPaper, getPapers } from '../../lib/db/queries';
import { lookupPapers } from '../../lib/background/lookup';
import {
  clearHistory,
  listFollows,
  listHistory,
  listSaved,
  mergeHistoryEntries,
  mergeSavedPapers,
  recordVisit,
  restoreHistory,
  savePaper,
} from '../../lib/db/user-data';
import { parseFeed } from '../../lib/feed/parse';
import { MAX_PERIOD_PAGE, rankPeriod } from '../../lib/feed/periods';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/settings';
import { recordedDay, recordedFiles } from '../helpers/recorded-feed';

/** The 20 newest recorded list dates, oldest first. */
const DATES = recordedFiles()
  .filter((f) => f.name.startsWith('days/') && f.date)
  .map((f) => f.date!)
  .slice(-20);

let n = 0;
const open: PaperRadarDB[] = [];
function freshDb(name = `user-data-${++n}`): PaperRadarDB {
  const db = createDatabase(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

function day(date: string) {
  const r = parseFeed(recordedDay(date)!, { seenAt: 1, listDate: date });
  if (!r.ok) throw new Error(r.reason);
  return r.papers;
}

describe('the schema upgrade to v3', () => {
  it('keeps every paper, the meta rows and the search blob of a v2 store, and adds empty user tables', async () => {
    const name = `upgrade-v3-${++n}`;
    const papers = day('2026-08-06');
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('papers').bulkPut(papers);
    await v2.table('meta').put({ key: 'trending', value: { at: 5, ids: [papers[0]!.id] } });
    await v2.table('blobs').put({ name: 'search-index', updatedAt: 1, value: '{}' });
    v2.close();

    const db = freshDb(name);
    expect(await countPapers(db)).toBe(papers.length);
    expect(await getPaper(db, papers[1]!.id)).toEqual(papers[1]);
    expect(await db.meta.get('trending')).toEqual({ key: 'trending', value: { at: 5, ids: [papers[0]!.id] } });
    expect((await db.blobs.get('search-index'))?.value).toBe('{}');
    expect(db.verno).toBe(3);
    expect(await listHistory(db)).toEqual([]);
    expect(await listSaved(db)).toEqual([]);
    expect(await listFollows(db)).toEqual([]);
  });
});

describe('the reading history', () => {
  it('keeps one entry per paper, newest visit first, counting visits', async () => {
    const db = freshDb();
    await recordVisit(db, { id: '2401.00001', title: 'One', via: 'abs' }, 100);
    await recordVisit(db, { id: '2401.00002', title: 'Two', via: 'html' }, 200);
    await recordVisit(db, { id: '2401.00001', via: 'popup' }, 300);
    const history = await listHistory(db);
    expect(history.map((h) => [h.id, h.title, h.firstAt, h.lastAt, h.visits, h.via])).toEqual([
      ['2401.00001', 'One', 100, 300, 2, 'popup'],
      ['2401.00002', 'Two', 200, 200, 1, 'html'],
    ]);
  });

  it('clears at once and an undo puts every entry back', async () => {
    const db = freshDb();
    await recordVisit(db, { id: '2401.00001', title: 'One', via: 'abs' }, 100);
    await recordVisit(db, { id: '2401.00002', title: 'Two', via: 'abs' }, 200);
    const gone = await clearHistory(db);
    expect(await listHistory(db)).toEqual([]);
    await restoreHistory(db, gone);
    expect((await listHistory(db)).map((h) => h.id)).toEqual(['2401.00002', '2401.00001']);
  });
});

describe('the import rules (mergeHistoryEntries, mergeSavedPapers)', () => {
  const stored = { id: '2401.00001', title: 'One', firstAt: 100, lastAt: 300, visits: 3, via: 'abs' as const };

  it('merge a history entry: earliest first visit, latest last visit, the larger count, the later visit’s via', () => {
    const imported = { ...stored, title: 'One (v2)', firstAt: 50, lastAt: 400, visits: 2, via: 'reader' as const };
    const merged = mergeHistoryEntries({ ...stored, abstract: 'Kept.' }, imported);
    expect(merged).toEqual({
      id: '2401.00001',
      title: 'One (v2)',
      abstract: 'Kept.',
      firstAt: 50,
      lastAt: 400,
      visits: 3,
      via: 'reader',
    });
    // Idempotent: the same copy again changes nothing; an older copy changes nothing either.
    expect(mergeHistoryEntries(merged, imported)).toEqual(merged);
    expect(mergeHistoryEntries(merged, stored)).toEqual(merged);
  });

  it('merge a saved paper: the stored row stays, with the earlier savedAt and the fields it lacked', () => {
    const mine = { id: '2401.00003', savedAt: 50, title: 'Saved', authors: ['A B'] };
    const theirs = { ...mine, savedAt: 20, title: 'Other', authors: ['C'], primaryClass: 'cs.CL' };
    const merged = mergeSavedPapers(mine, theirs);
    expect(merged).toEqual({ ...mine, savedAt: 20, primaryClass: 'cs.CL' });
    expect(mergeSavedPapers(merged, theirs)).toEqual(merged);
  });
});

const settings =
  (over: Partial<Settings> = {}) =>
  async () => ({ ...DEFAULT_SETTINGS, ...over });

async function personalOver(db: PaperRadarDB, over: Partial<Settings> = {}) {
  const search = new SearchService(db, () => 1);
  for (const d of DATES) {
    await applyDay(db, d, day(d), { at: 1, entries: 0, rejected: 0 });
  }
  const personal = new PersonalService({
    db,
    index: async () => (await search.get()).related,
    settings: settings(over),
    now: () => 5000,
  });
  await personal.storeChanged();
  return personal;
}

describe('PersonalService', () => {
  it('records visits unless the history is paused, keeping a page abstract only for papers the feed lacks', async () => {
    const db = freshDb();
    const personal = await personalOver(db);
    const inFeed = day('2026-08-06')[0]!;
    await personal.visit({ id: inFeed.id, title: 'page title', abstract: 'page abstract', via: 'abs' });
    await personal.visit({ id: '1902.02534', title: 'Not in the feed', abstract: 'Its abstract.', via: 'abs' });
    const history = await listHistory(db);
    expect(history.find((h) => h.id === inFeed.id)).toMatchObject({ title: inFeed.title });
    expect(history.find((h) => h.id === inFeed.id)!.abstract).toBeUndefined();
    expect(history.find((h) => h.id === '1902.02534')).toMatchObject({ abstract: 'Its abstract.' });

    const paused = new PersonalService({
      db,
      index: async () => never(),
      settings: settings({ historyPaused: true }),
      now: () => 1,
    });
    expect(await paused.visit({ id: '2401.99999', title: 'x', via: 'abs' })).toEqual({ recorded: false });
    expect(await listHistory(db)).toHaveLength(2);
  });

  it('"for you" leaves read papers out and says why; it changes with the history', async () => {
    const db = freshDb();
    const personal = await personalOver(db);
    const empty = await personal.forYou(10);
    expect(empty.historySize).toBe(0);
    const reads = day('2026-08-05').slice(0, 3);
    for (const p of reads) await personal.visit({ id: p.id, via: 'abs' });
    const after = await personal.forYou(10);
    expect(after.historySize).toBe(3);
    expect(after.hits.map((h) => h.id)).not.toEqual(empty.hits.map((h) => h.id));
    for (const p of reads) expect(after.hits.map((h) => h.id)).not.toContain(p.id);
    expect(after.hits[0]!.because).toBeDefined();
    expect(reads.map((p) => p.id)).toContain(after.hits[0]!.because!.id);
  });

  it('lists a period best first, filters it by topic, and marks followed papers', async () => {
    const db = freshDb();
    const personal = await personalOver(db);
    const week = await personal.period('week', '2026-08-05', { limit: MAX_PERIOD_PAGE });
    expect(week.from).toBe('2026-08-03');
    const stored = DATES.filter((d) => d >= '2026-08-03').flatMap(day);
    expect(week.papers.map((p) => p.id)).toEqual(rankPeriod(stored).map((p) => p.id));

    const topics = await personal.topicList();
    expect(topics.length).toBeGreaterThan(0);
    const topic = topics[0]!;
    const filtered = await personal.period('week', '2026-08-05', { topic: topic.id });
    expect(filtered.papers.length).toBeGreaterThan(0);
    expect(filtered.papers.length).toBeLessThan(week.papers.length);
    expect(filtered.count).toBe(filtered.papers.length);
    expect(filtered.papers.every((p) => p.topics?.some((t) => t.id === topic.id))).toBe(true);
    expect(filtered.papers.map((p) => p.id)).toEqual(
      week.papers.filter((p) => p.topics?.some((t) => t.id === topic.id)).map((p) => p.id),
    );
    expect(filtered.total).toBe(week.papers.length);

    const refused = await personal.follow('regex', '(a');
    expect(refused.ok).toBe(false);
    expect((await personal.follow('keyword', 'reinforcement learning')).ok).toBe(true);
    // The same words again, in another case or form, are refused; the very same value is followed once.
    expect(await personal.follow('keyword', 'Reinforcement  Learnings')).toEqual({
      ok: false,
      reason: 'Already followed as “reinforcement learning” (the same words).',
    });
    expect((await personal.follow('keyword', 'reinforcement learning')).ok).toBe(true);
    expect((await personal.followList()).filter((f) => f.kind === 'keyword')).toHaveLength(1);
    expect((await personal.follow('topic', topic.id)).ok).toBe(true);
    const marked = await personal.period('week', '2026-08-05', { limit: MAX_PERIOD_PAGE });
    const followed = marked.papers.filter((p) => p.followed);
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.some((p) => p.followed!.includes(topic.label))).toBe(true);
    expect(followed.some((p) => p.followed!.includes('reinforcement learning'))).toBe(true);

    const { marks } = await personal.matchFollows([
      { id: 'x1', text: 'Deep reinforcement learning for robots' },
      { id: 'x2', text: 'Black hole thermodynamics' },
    ]);
    expect(marks.x1).toContain('reinforcement learning');
    expect(marks.x2).toBeUndefined();
  });

  it('keeps the search results of a topic, in their order (ofTopic)', async () => {
    const db = freshDb();
    const personal = await personalOver(db);
    const hits = await new SearchService(db, () => 1).search('language model', 200);
    expect(hits.length).toBeGreaterThan(20);
    const [topic] = await personal.topicList();
    const kept = await personal.ofTopic(hits, topic!.id);
    // Membership as the period rows show it (each row's topics), independent of ofTopic.
    const rows = await personal.annotate(
      (
        await getPapers(
          db,
          hits.map((h) => h.id),
        )
      ).filter((p) => p !== undefined),
    );
    const members = new Set(rows.filter((r) => r.topics?.some((t) => t.id === topic!.id)).map((r) => r.id));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(hits.length);
    expect(kept.map((h) => h.id)).toEqual(hits.filter((h) => members.has(h.id)).map((h) => h.id));
  });

  it('lookups say which papers are saved (for the save toggle of badges)', async () => {
    const db = freshDb();
    await personalOver(db);
    const [a, b] = day('2026-08-06');
    await savePaper(db, { id: a!.id, savedAt: 1, title: a!.title, authors: [] });
    const found = await lookupPapers(db, [a!.id, b!.id, '2401.00000']);
    expect(found[a!.id]!.saved).toBe(true);
    expect(found[b!.id]!.saved).toBeUndefined();
    expect(found['2401.00000']).toBeUndefined();
  });

  it('saves a paper with what a citation needs, kept after the feed forgets it', async () => {
    const db = freshDb();
    const personal = await personalOver(db);
    const p = day('2026-08-06')[0]!;
    await personal.save({ id: p.id });
    await db.papers.delete(p.id);
    const [saved] = await personal.saved();
    expect(saved).toMatchObject({ id: p.id, title: p.title, authors: p.authors, publishedDate: p.publishedDate });
    expect(saved!.row).toBeUndefined();
    expect(await personal.save({ id: '2401.00000' })).toBeNull();
  });
});

function never(): never {
  throw new Error('not used');
}
