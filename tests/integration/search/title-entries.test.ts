/**
 * The title entries file (`title-entries.ts`): the title matcher built from it matches as the one built from every
 * record does, it is read without the database's papers, and a missing, stale, damaged or overtaken file is not
 * used (the records answer).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FOLDER, opfsIndexFiles } from '../../../lib/background/index-files';
import { indexFileStampKey, RELATED_ROWS, SearchService, TITLE_ENTRIES } from '../../../lib/background/search-service';
import { decodeTitleEntries, encodeTitleEntries, titleEntryOf } from '../../../lib/background/title-entries';
import { getAllPapers, getMeta, setMeta } from '../../../lib/db/queries';
import { createTitleIndex, MAX_CUE_AUTHORS, SNAPSHOT_FORMAT, type TitleEntry } from '../../../lib/detect/title-index';
import { RunKind, type PageText } from '../../../lib/detect/page-text';
import { IndexFileError } from '../../../lib/search/index-file';
import { memoryOpfs } from '../../helpers/memory-opfs';
import { memoryStamps } from '../../helpers/memory-stamps';
import { CORPUS } from '../../unit/search/fixtures';
import { testStores } from './stores';

const storeWith = testStores('title-entries-test');
afterEach(() => {
  vi.restoreAllMocks();
});

const TITLES_FILE = `${INDEX_FOLDER}/${TITLE_ENTRIES}.bin`;

/** The fixture corpus, one paper with more authors than the matcher uses (the 14th named in the page below). */
const MANY_AUTHORS = Array.from({ length: 20 }, (_, i) => `Author${i} Surname${String.fromCharCode(97 + i)}xx`);
const PAPERS = CORPUS.map((p, i) => (i === 0 ? { ...p, authors: MANY_AUTHORS } : p));

/** A store with its indexes and files written (rebuild), and its quick stamps. */
async function persisted() {
  const db = await storeWith(PAPERS);
  const opfs = memoryOpfs();
  const files = opfsIndexFiles(opfs.root);
  const quick = memoryStamps();
  await new SearchService(db, Date.now, files, quick).rebuild();
  return { db, opfs, files, quick };
}

/**
 * A page's text citing every corpus title, one paragraph each, every other with a family name nearby (for the first
 * paper its 14th author's, past the matcher's first authors).
 */
function pageCiting(papers: readonly { title: string; authors: readonly string[] }[]): PageText {
  const runs = papers.map(
    (p, i) =>
      `${i % 2 ? 'As shown in' : `${(p.authors[13] ?? p.authors[0] ?? '').split(' ').pop()} et al.,`} ${p.title}.`,
  );
  return { runs, kinds: runs.map(() => RunKind.Other), marks: [] };
}

const sorted = (entries: readonly TitleEntry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

describe('title entries file', () => {
  it('holds the entries of every record (family names of the first authors), read without the papers', async () => {
    const { db, files, quick } = await persisted();
    expect(quick.stamps.get(TITLE_ENTRIES)).toMatch(/^[0-9a-f-]{36}$/);
    const entries = decodeTitleEntries((await files.read(TITLE_ENTRIES))!);
    expect(sorted(entries)).toEqual(sorted((await getAllPapers(db)).map(titleEntryOf)));
    expect(entries.find((e) => e.id === PAPERS[0]!.id)?.authors).toHaveLength(MAX_CUE_AUTHORS);
    const read = vi.spyOn(db.papers, 'toArray');
    const service = new SearchService(db, Date.now, files, quick);
    expect((await service.titleIndex()).size).toBe(createTitleIndex(entries).size);
    expect(read).not.toHaveBeenCalled();
    await service.flushed();
  });

  it('gives a matcher that matches as the one built from whole records, then from its snapshot', async () => {
    const { db, files, quick } = await persisted();
    const whole = await getAllPapers(db);
    const page = pageCiting(whole);
    const fromRecords = createTitleIndex(whole).match(page);
    expect(fromRecords.length).toBeGreaterThan(CORPUS.length / 2);
    const first = new SearchService(db, Date.now, files, quick);
    expect((await first.titleIndex()).match(page)).toEqual(fromRecords);
    // The built matcher's snapshot replaced the entries: the next woken worker loads it, the same matches.
    await first.flushed();
    const file = (await files.read(TITLE_ENTRIES))!;
    expect(file.format).toBe(SNAPSHOT_FORMAT);
    expect(quick.stamps.get(TITLE_ENTRIES)).toBe(file.stamp);
    const read = vi.spyOn(db.papers, 'toArray');
    const woken = new SearchService(db, Date.now, files, quick);
    const loaded = await woken.titleIndex();
    expect(read).not.toHaveBeenCalled();
    expect(loaded.match(page)).toEqual(fromRecords);
    // Loaded, not built: nothing was written back.
    await woken.flushed();
    expect(quick.stamps.get(TITLE_ENTRIES)).toBe(file.stamp);
    for (const p of whole) expect(loaded.lookup(p.title)).toEqual(createTitleIndex(whole).lookup(p.title));
  });

  it('is not used without its quick stamp, or with another: the records answer', async () => {
    const { db, files, quick } = await persisted();
    const stamp = quick.stamps.get(TITLE_ENTRIES)!;
    quick.stamps.set(TITLE_ENTRIES, crypto.randomUUID());
    const read = vi.spyOn(db.papers, 'toArray');
    const other = new SearchService(db, Date.now, files, quick);
    await other.titleIndex();
    await other.flushed();
    expect(read).toHaveBeenCalledTimes(1);
    // The records' entries were written as a new file, with a new stamp.
    expect(quick.stamps.get(TITLE_ENTRIES)).not.toBe(stamp);
    quick.stamps.delete(TITLE_ENTRIES);
    const none = new SearchService(db, Date.now, files, quick);
    await none.titleIndex();
    await none.flushed();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('is not used once the store is about to change, nor after a stored batch of a sync, until a rebuild', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    await service.storeWillChange();
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(false);
    const read = vi.spyOn(db.papers, 'toArray');
    await service.titleIndex();
    expect(read).toHaveBeenCalledTimes(1);
    // The records' entries were written back (no sync stored anything since): the next reader takes the file.
    await service.flushed();
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(true);
    await service.addListDates([PAPERS[0]!.listDate]);
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(false);
    const next = new SearchService(db, Date.now, files, quick);
    await next.titleIndex();
    await next.flushed();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('is not vouched for when written from papers read before the store began to change', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    // A rebuild overtaken by a sync: its files are written, their database stamps too, but no quick stamp.
    const rebuilt = service.rebuild();
    await service.storeWillChange();
    await rebuilt;
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(false);
    expect(quick.stamps.has(RELATED_ROWS)).toBe(false);
    expect(await getMeta(db, indexFileStampKey(TITLE_ENTRIES))).toBe((await files.read(TITLE_ENTRIES))!.stamp);
    // A matcher built from records read before the store began to change: its snapshot is not written at all (a
    // long sync would otherwise write one every TITLES_STALE_MS that no one may use).
    const before = (await files.read(TITLE_ENTRIES))!.stamp;
    const toArray = db.papers.toArray.bind(db.papers);
    vi.spyOn(db.papers, 'toArray').mockImplementation((async () => {
      const papers = await toArray();
      await service.storeWillChange();
      return papers;
    }) as unknown as typeof db.papers.toArray);
    await service.titleIndex();
    await service.flushed();
    expect((await files.read(TITLE_ENTRIES))!.stamp).toBe(before);
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(false);
  });

  it('vouches again after a sync that changed nothing, when it is the database’s', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    const stamp = quick.stamps.get(TITLE_ENTRIES);
    await service.storeWillChange();
    await service.storeUnchanged();
    expect(quick.stamps.get(TITLE_ENTRIES)).toBe(stamp);
    // Another stamp in the database (a write whose file never landed): not vouched for.
    await service.storeWillChange();
    await setMeta(db, indexFileStampKey(TITLE_ENTRIES), crypto.randomUUID());
    await service.storeUnchanged();
    expect(quick.stamps.has(TITLE_ENTRIES)).toBe(false);
  });

  it('is not used when damaged (logged); the records answer', async () => {
    const { db, opfs, files, quick } = await persisted();
    // The JSON broken inside the file: the container is whole, its entries are not.
    const bytes = opfs.files.get(TITLES_FILE)!;
    const at = new TextDecoder().decode(bytes).indexOf('[[');
    expect(at).toBeGreaterThan(0);
    bytes.set(new TextEncoder().encode('{{'), at);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = vi.spyOn(db.papers, 'toArray');
    const service = new SearchService(db, Date.now, files, quick);
    expect((await service.titleIndex()).size).toBe(createTitleIndex(await getAllPapers(db)).size);
    await service.flushed();
    expect(read).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/title-entries not used/);
    // A damaged snapshot: the same.
    expect((await files.read(TITLE_ENTRIES))!.format).toBe(SNAPSHOT_FORMAT);
    await files.write(TITLE_ENTRIES, { ...(await files.read(TITLE_ENTRIES))!, ids: '[]' });
    read.mockClear();
    warn.mockClear();
    const again = new SearchService(db, Date.now, files, quick);
    await again.titleIndex();
    await again.flushed();
    expect(read).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/title index: titles of different counts/);
  });
});

describe('title entries encoding', () => {
  it('round-trips entries and refuses malformed ones', () => {
    const entries = PAPERS.map(titleEntryOf);
    expect(decodeTitleEntries(encodeTitleEntries(entries))).toEqual(entries);
    const value = encodeTitleEntries(entries);
    expect(() => decodeTitleEntries({ ...value, count: entries.length + 1 })).toThrow(IndexFileError);
    expect(() => decodeTitleEntries({ ...value, entries: '[["a", 1, []]]', count: 1 })).toThrow(/malformed/);
    expect(() => decodeTitleEntries({ ...value, entries: '[["a", "t", [2]]]', count: 1 })).toThrow(/malformed/);
    expect(() => decodeTitleEntries({ ...value, entries: '[["a", "t"]]', count: 1 })).toThrow(/malformed/);
    expect(() => decodeTitleEntries({ count: 0 })).toThrow(/no entries/);
  });
});
