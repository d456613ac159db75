/**
 * The search service over index files (an in-memory OPFS running the real `opfsIndexFiles`) and IndexedDB: which
 * persisted index it chooses (file → record → rebuild), the one-time move of records to files, the fallback to
 * records, and damaged or stale files.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FOLDER, opfsIndexFiles, type IndexFiles } from '../../../lib/background/index-files';
import {
  INDEX_BLOB,
  indexFileStampKey,
  RELATED_BLOB,
  RELATED_ROWS,
  TITLE_ENTRIES,
  SearchService,
} from '../../../lib/background/search-service';
import type { PaperRadarDB } from '../../../lib/db/database';
import { getBlob, getMeta, putBlob, setMeta, upsertPapers } from '../../../lib/db/queries';
import { serializeIndex, buildIndex } from '../../../lib/search/paper-index';
import { buildRelatedIndex, serializeRelatedIndex } from '../../../lib/search/related-index';
import { memoryOpfs, type MemoryOpfs } from '../../helpers/memory-opfs';
import { CORPUS } from '../../unit/search/fixtures';
import { testStores } from './stores';

const storeWith = testStores('index-files-test');
afterEach(() => {
  vi.restoreAllMocks();
});

const RELATED_FILE = `${INDEX_FOLDER}/${RELATED_BLOB}.bin`;
const SEARCH_FILE = `${INDEX_FOLDER}/${INDEX_BLOB}.bin`;
const ROWS_FILE = `${INDEX_FOLDER}/${RELATED_ROWS}.bin`;
const TITLES_FILE = `${INDEX_FOLDER}/${TITLE_ENTRIES}.bin`;

/** A store with both indexes persisted as files, then its papers gone: only a loaded (not rebuilt) index knows them. */
async function persistedAsFiles(): Promise<{ db: PaperRadarDB; opfs: MemoryOpfs; files: IndexFiles }> {
  const db = await storeWith();
  const opfs = memoryOpfs();
  const files = opfsIndexFiles(opfs.root);
  await new SearchService(db, Date.now, files).rebuild();
  await db.papers.clear();
  return { db, opfs, files };
}

describe('SearchService with index files', () => {
  it('persists both indexes (and the related rows and title entries) as files with their stamps in the database, and no records', async () => {
    const { db, opfs } = await persistedAsFiles();
    expect([...opfs.files.keys()].sort()).toEqual([RELATED_FILE, ROWS_FILE, SEARCH_FILE, TITLES_FILE]);
    expect(await getBlob(db, RELATED_BLOB)).toBeUndefined();
    expect(await getBlob(db, INDEX_BLOB)).toBeUndefined();
    expect(await getMeta(db, indexFileStampKey(RELATED_BLOB))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('loads a woken worker’s indexes from the files, not rebuilt', async () => {
    const { db, files } = await persistedAsFiles();
    const { search, related } = await new SearchService(db, Date.now, files).get();
    expect(related.ids).toHaveLength(CORPUS.length);
    expect(search.engine.documentCount).toBe(CORPUS.length);
  });

  it('preload reads the related file once, ahead of the request that uses it', async () => {
    const { db, files } = await persistedAsFiles();
    const read = vi.spyOn(files, 'read');
    const service = new SearchService(db, Date.now, files);
    service.preload();
    expect(read).toHaveBeenCalledTimes(1);
    expect((await service.relatedIndex()).ids).toHaveLength(CORPUS.length);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('prefers the file to a record of the same index', async () => {
    const { db, files } = await persistedAsFiles();
    await putBlob(db, RELATED_BLOB, serializeRelatedIndex(buildRelatedIndex(CORPUS.slice(0, 2))), 0);
    expect((await new SearchService(db, Date.now, files).relatedIndex()).ids).toHaveLength(CORPUS.length);
  });

  it.each([
    ['truncated', (b: Uint8Array) => b.subarray(0, b.length - 100)],
    ['overwritten', (b: Uint8Array) => new Uint8Array(b.length).fill(0x5a)],
  ])('refuses a %s file: logged, deleted, then the record, else a rebuild', async (_what, damage) => {
    const { db, opfs, files } = await persistedAsFiles();
    opfs.files.set(RELATED_FILE, damage(opfs.files.get(RELATED_FILE)!));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // No record: rebuilt from the (now empty) store, and written again.
    const related = await new SearchService(db, Date.now, files).relatedIndex();
    expect(related.ids).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/index file: .*\(related-index\); deleting it/));
    const rewritten = await files.read(RELATED_BLOB);
    expect(rewritten?.ids).toBe('');
  });

  it('after a damaged file, answers from the record when there is one', async () => {
    const { db, opfs, files } = await persistedAsFiles();
    opfs.files.set(RELATED_FILE, opfs.files.get(RELATED_FILE)!.subarray(0, 64));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await putBlob(db, RELATED_BLOB, serializeRelatedIndex(buildRelatedIndex(CORPUS.slice(0, 2))), 0);
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const removed = vi.spyOn(files, 'remove');
    expect((await new SearchService(db, Date.now, files).relatedIndex()).ids).toHaveLength(2);
    expect(removed).toHaveBeenCalledWith(RELATED_BLOB);
    // …and moves that record to a file in its place.
    await vi.waitFor(async () => expect(await getBlob(db, RELATED_BLOB)).toBeUndefined());
    expect((await files.read(RELATED_BLOB))?.ids).toBe(
      CORPUS.slice(0, 2)
        .map((p) => p.id)
        .join('\n'),
    );
  });

  it('refuses a file of another index version, deletes it and rebuilds', async () => {
    const { db, opfs, files } = await persistedAsFiles();
    const stored = await files.read(RELATED_BLOB);
    await files.write(RELATED_BLOB, { ...stored!, version: 999 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await new SearchService(db, Date.now, files).relatedIndex()).ids).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/related index: version 999, expected \d+ \(file\)/));
    expect(opfs.files.has(RELATED_FILE)).toBe(true); // written again by the rebuild
    expect((await files.read(RELATED_BLOB))?.version).not.toBe(999);
  });

  it('ignores a file whose stamp the database does not hold (a database rebuilt or cleared since)', async () => {
    const { db, files } = await persistedAsFiles();
    await setMeta(db, indexFileStampKey(RELATED_BLOB), 'another');
    vi.spyOn(console, 'info').mockImplementation(() => {});
    expect((await new SearchService(db, Date.now, files).relatedIndex()).ids).toHaveLength(0);
    await db.meta.clear();
    await new SearchService(db, Date.now, files).rebuild();
    await upsertPapers(db, [...CORPUS]);
    // After the rebuild of the empty store: its stamp, its (empty) index.
    expect((await new SearchService(db, Date.now, files).relatedIndex()).ids).toHaveLength(0);
  });

  it('moves an older build’s records to files once, and deletes the records', async () => {
    const db = await storeWith();
    const opfs = memoryOpfs();
    const files = opfsIndexFiles(opfs.root);
    // What the build before files persisted: IndexedDB records only.
    await new SearchService(db).rebuild();
    expect(await getBlob(db, RELATED_BLOB)).toBeDefined();
    await db.papers.clear();
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const service = new SearchService(db, Date.now, files);
    const { related, search } = await service.get();
    expect(related.ids).toHaveLength(CORPUS.length);
    expect(search.engine.documentCount).toBe(CORPUS.length);
    await vi.waitFor(async () => {
      expect(await getBlob(db, RELATED_BLOB)).toBeUndefined();
      expect(await getBlob(db, INDEX_BLOB)).toBeUndefined();
    });
    expect([...opfs.files.keys()].sort()).toEqual([RELATED_FILE, SEARCH_FILE]);
    // The next worker loads the moved indexes from the files.
    const next = await new SearchService(db, Date.now, files).get();
    expect(next.related.ids).toHaveLength(CORPUS.length);
    expect(next.search.engine.documentCount).toBe(CORPUS.length);
  });

  it('does not move a record over a file a rebuild wrote meanwhile', async () => {
    const db = await storeWith();
    const files = opfsIndexFiles(memoryOpfs().root);
    await putBlob(db, RELATED_BLOB, serializeRelatedIndex(buildRelatedIndex(CORPUS.slice(0, 2))), 0);
    await putBlob(db, INDEX_BLOB, serializeIndex(buildIndex(CORPUS.slice(0, 2))), 0);
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const service = new SearchService(db, Date.now, files);
    const loaded = service.relatedIndex();
    const rebuilt = service.rebuild();
    expect((await loaded).ids).toHaveLength(2);
    // Writes are queued in order: the move (if it was not skipped) went before the rebuild's.
    await rebuilt;
    const next = await new SearchService(db, Date.now, files).get();
    expect(next.related.ids).toHaveLength(CORPUS.length);
    expect(next.search.engine.documentCount).toBe(CORPUS.length);
  });

  it('keeps the records when a file cannot be written, and loads from them', async () => {
    const db = await storeWith();
    const opfs = memoryOpfs();
    const files = opfsIndexFiles(opfs.root);
    opfs.failWrites = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await new SearchService(db, Date.now, files).rebuild();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/index file related-index could not be written \(disk full\)/),
    );
    // At most the empty file the failed write opened (as OPFS leaves it), never a whole one.
    expect([...opfs.files.values()].every((b) => b.length === 0)).toBe(true);
    expect(await getMeta(db, indexFileStampKey(RELATED_BLOB))).toBeUndefined();
    await db.papers.clear();
    const next = new SearchService(db, Date.now, files);
    const written = vi.spyOn(db.blobs, 'put');
    expect((await next.relatedIndex()).ids).toHaveLength(CORPUS.length);
    // The load tries to move the record to a file once more; failing, it leaves the record as it was.
    await next.flushed();
    expect(written).not.toHaveBeenCalled();
    expect(await getBlob(db, RELATED_BLOB)).toBeDefined();
  });

  it('a failed write leaves no older file to answer: its stamp went first', async () => {
    const { db, opfs, files } = await persistedAsFiles();
    await upsertPapers(db, [...CORPUS.slice(0, 3)]);
    opfs.failWrites = true;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    await new SearchService(db, Date.now, files).rebuild();
    // The file still holds the whole corpus' index, the record the 3 papers' one: the record answers.
    const next = new SearchService(db, Date.now, files);
    expect((await next.relatedIndex()).ids).toHaveLength(3);
    await next.flushed();
  });

  it('without index files (no OPFS), persists and loads records as before', async () => {
    const db = await storeWith();
    await new SearchService(db).rebuild();
    expect(await getBlob(db, RELATED_BLOB)).toBeDefined();
    expect(await getMeta(db, indexFileStampKey(RELATED_BLOB))).toBeUndefined();
    await db.papers.clear();
    expect((await new SearchService(db).relatedIndex()).ids).toHaveLength(CORPUS.length);
  });

  it('discardPersisted deletes the files and their stamps', async () => {
    const { db, opfs, files } = await persistedAsFiles();
    await new SearchService(db, Date.now, files).discardPersisted();
    expect(opfs.files.size).toBe(0);
    expect(await getMeta(db, indexFileStampKey(RELATED_BLOB))).toBeUndefined();
    expect(await getMeta(db, indexFileStampKey(INDEX_BLOB))).toBeUndefined();
  });
});
