/**
 * The related rows file (`related-rows.ts`): a related reply answered from it is the database's reply, it needs no
 * database, and a missing, stale or damaged file falls back to the database.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FOLDER, opfsIndexFiles } from '../../../lib/background/index-files';
import { RELATED_ROWS, SearchService, type RelatedReply } from '../../../lib/background/search-service';
import { applyTrending } from '../../../lib/db/queries';
import type { RelatedSource } from '../../../lib/search/related';
import { encodeRelatedRows } from '../../../lib/background/related-rows';
import { memoryOpfs } from '../../helpers/memory-opfs';
import { memoryStamps } from '../../helpers/memory-stamps';
import { CORPUS } from '../../unit/search/fixtures';
import { testStores } from './stores';

const storeWith = testStores('related-rows-test');
afterEach(() => {
  vi.restoreAllMocks();
});

const ROWS_FILE = `${INDEX_FOLDER}/${RELATED_ROWS}.bin`;

/** Every kind of source: each paper's own, the page's papers (with and without text), text alone. */
const SOURCES: RelatedSource[] = [
  ...CORPUS.map((p) => ({ id: p.id })),
  { papers: CORPUS.slice(0, 3).map((p) => p.id) },
  { papers: CORPUS.slice(1, 4).map((p) => p.id), title: 'diffusion models for video', abstract: 'temporal' },
  { title: 'mathematical reasoning with verifiable rewards', keywords: ['reinforcement learning'] },
];

/** A store with its indexes and rows written (files, quick stamps), and a trending list of 3 papers. */
async function persisted() {
  // Day ranks on every other paper (a record may lack one).
  const db = await storeWith(CORPUS.map((p, i) => (i % 2 ? p : { ...p, dayRank: i + 1 })));
  await applyTrending(db, [CORPUS[2]!, CORPUS[0]!, CORPUS[4]!], 1);
  const opfs = memoryOpfs();
  const files = opfsIndexFiles(opfs.root);
  const quick = memoryStamps();
  await new SearchService(db, Date.now, files, quick).rebuild();
  return { db, opfs, files, quick };
}

/** The replies of a fresh service (a woken worker) to every source. */
async function replies(service: SearchService): Promise<RelatedReply[]> {
  const out: RelatedReply[] = [];
  for (const s of SOURCES) out.push(await service.related(s, 5));
  return out;
}

describe('related rows file', () => {
  it('answers exactly as the database does, without reading a paper from it', async () => {
    const { db, files, quick } = await persisted();
    expect(quick.stamps.get(RELATED_ROWS)).toMatch(/^[0-9a-f-]{36}$/);
    const read = vi.spyOn(db.papers, 'bulkGet');
    const fromFile = await replies(new SearchService(db, Date.now, files, quick));
    // Only the replies that are not related lists (trending instead) read papers from the database.
    expect(read).toHaveBeenCalledTimes(fromFile.filter((r) => r.kind !== 'related').length);
    read.mockRestore();
    // No quick stamps: the related rows file is not trusted, the database gives the rows.
    const fromDb = await replies(new SearchService(db, Date.now, files));
    expect(fromFile).toEqual(fromDb);
    // The comparison covers what the rows carry: summaries with day ranks and trending ranks, and why-phrases.
    const hits = fromDb.flatMap((r) => r.hits);
    expect(fromDb.filter((r) => r.kind === 'related').length).toBeGreaterThan(CORPUS.length / 2);
    expect(hits.some((h) => h.dayRank !== undefined)).toBe(true);
    expect(hits.some((h) => h.trendingRank !== undefined)).toBe(true);
    expect(hits.some((h) => (h.why?.length ?? 0) > 0)).toBe(true);
  });

  it('answers before the database is open (its reads never settle)', async () => {
    const { db, files, quick } = await persisted();
    // Dexie's promise type, for the mocks: a plain promise that never settles.
    const never = (() => new Promise<never>(() => {})) as unknown as typeof db.papers.bulkGet & typeof db.meta.get;
    vi.spyOn(db.papers, 'bulkGet').mockImplementation(never);
    vi.spyOn(db.meta, 'get').mockImplementation(never);
    const service = new SearchService(db, Date.now, files, quick);
    service.preload();
    const reply = await service.related({ id: CORPUS[0]!.id }, 5);
    expect(reply.kind).toBe('related');
    expect(reply.hits.length).toBeGreaterThan(0);
  });

  it('is used only until the database is open: then the rows are read from the database, the same reply', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    const read = vi.spyOn(db.papers, 'bulkGet');
    const before = await service.related({ id: CORPUS[0]!.id }, 5);
    expect(read).not.toHaveBeenCalled();
    service.databaseOpened();
    const after = await service.related({ id: CORPUS[0]!.id }, 5);
    expect(read).toHaveBeenCalled();
    expect(after).toEqual(before);
  });

  it('is not used when its stamp is not the quick stamp (a file of another rebuild)', async () => {
    const { db, files, quick } = await persisted();
    quick.stamps.set(RELATED_ROWS, crypto.randomUUID());
    const read = vi.spyOn(db.papers, 'bulkGet');
    await new SearchService(db, Date.now, files, quick).related({ id: CORPUS[0]!.id }, 5);
    expect(read).toHaveBeenCalled();
  });

  it('is not used once the store is about to change, until the next rebuild', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    await service.storeWillChange();
    expect(quick.stamps.has(RELATED_ROWS)).toBe(false);
    const read = vi.spyOn(db.papers, 'bulkGet');
    await service.related({ id: CORPUS[0]!.id }, 5);
    expect(read).toHaveBeenCalled();
    await service.rebuild();
    read.mockClear();
    await new SearchService(db, Date.now, files, quick).related({ id: CORPUS[0]!.id }, 5);
    expect(read).not.toHaveBeenCalled();
  });

  it('vouches again after a sync that changed nothing, unless the trending list changed', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    const stamp = quick.stamps.get(RELATED_ROWS);
    await service.storeWillChange();
    await service.storeUnchanged();
    expect(quick.stamps.get(RELATED_ROWS)).toBe(stamp);
    await service.storeWillChange();
    await applyTrending(db, [CORPUS[4]!, CORPUS[0]!, CORPUS[2]!], 2);
    await service.storeUnchanged();
    expect(quick.stamps.has(RELATED_ROWS)).toBe(false);
  });

  it('is not used when the trending list is written after it', async () => {
    const { db, files, quick } = await persisted();
    const service = new SearchService(db, Date.now, files, quick);
    await applyTrending(db, [CORPUS[4]!], 2);
    await vi.waitFor(() => expect(quick.stamps.has(RELATED_ROWS)).toBe(false));
    const fromDb = await new SearchService(db, Date.now, files).related({ id: CORPUS[0]!.id }, 5);
    expect(await service.related({ id: CORPUS[0]!.id }, 5)).toEqual(fromDb);
  });

  it.each([
    ['truncated', (b: Uint8Array) => b.subarray(0, b.length - 100)],
    ['overwritten', (b: Uint8Array) => new Uint8Array(b.length).fill(0x5a)],
  ])('falls back to the database when the file is %s', async (_what, damage) => {
    const { db, opfs, files, quick } = await persisted();
    const fromDb = await replies(new SearchService(db, Date.now, files));
    opfs.files.set(ROWS_FILE, damage(opfs.files.get(ROWS_FILE)!));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = vi.spyOn(db.papers, 'bulkGet');
    expect(await replies(new SearchService(db, Date.now, files, quick))).toEqual(fromDb);
    expect(read).toHaveBeenCalled();
  });

  it('falls back to the database when the file is not the index’s (a row of another paper)', async () => {
    const { db, files, quick } = await persisted();
    const fromDb = await replies(new SearchService(db, Date.now, files));
    // Rows written for the index's papers but each holding the next paper's record, under the current stamp.
    const { ids } = await new SearchService(db, Date.now, files).relatedIndex();
    const byId = new Map(CORPUS.map((p) => [p.id, p]));
    const shifted = encodeRelatedRows(ids, (id) => byId.get(ids[(ids.indexOf(id) + 1) % ids.length]!), {
      at: 0,
      ids: [],
    });
    await files.write(RELATED_ROWS, { ...shifted, stamp: quick.stamps.get(RELATED_ROWS)! });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await replies(new SearchService(db, Date.now, files, quick))).toEqual(fromDb);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/a row of another paper/));
  });
});
