/**
 * A page's own related answer from the persisted files (`lib/ext/related-local.ts`): the worker's reply from the
 * same files, given only while both files are vouched for by their quick stamps, and never when the worker answered
 * first.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FOLDER, opfsIndexFiles } from '../../../lib/background/index-files';
import { RELATED_BLOB, RELATED_ROWS } from '../../../lib/background/index-names';
import { SearchService } from '../../../lib/background/search-service';
import { applyTrending } from '../../../lib/db/queries';
import { quickStamps } from '../../../lib/ext/storage';
import { relatedFromFiles } from '../../../lib/ext/related-local';
import type { RelatedSource } from '../../../lib/search/related';
import { IndexFileError } from '../../../lib/search/index-file';
import { memoryOpfs } from '../../helpers/memory-opfs';
import { CORPUS } from '../../unit/search/fixtures';
import { testStores } from './stores';

const storeWith = testStores('related-local-test');
beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  vi.restoreAllMocks();
});

/** Every kind of source: each paper's own, the page's papers (with and without text), text alone, an unknown id. */
const SOURCES: RelatedSource[] = [
  ...CORPUS.map((p) => ({ id: p.id, title: p.title })),
  { papers: CORPUS.slice(0, 3).map((p) => p.id) },
  { papers: CORPUS.slice(1, 4).map((p) => p.id), title: 'diffusion models for video', abstract: 'temporal' },
  { title: 'mathematical reasoning with verifiable rewards', keywords: ['reinforcement learning'] },
  { id: '2601.99999', title: 'a paper the feed does not hold about video diffusion' },
  { title: 'zzzz qqqq' },
];

/** A store whose indexes and rows were written by the worker's rebuild, with the extension's quick stamps. */
async function persisted() {
  const db = await storeWith(CORPUS.map((p, i) => (i % 2 ? p : { ...p, dayRank: i + 1 })));
  await applyTrending(db, [CORPUS[2]!, CORPUS[0]!, CORPUS[4]!], 1);
  const opfs = memoryOpfs();
  const files = opfsIndexFiles(opfs.root);
  const service = new SearchService(db, Date.now, files, quickStamps);
  await service.rebuild();
  return { db, opfs, files, service };
}

describe('relatedFromFiles', () => {
  it('gives the worker’s related list for every source it relates, and nothing for the others', async () => {
    const { db, files } = await persisted();
    let related = 0;
    for (const source of SOURCES) {
      // A woken worker (its database not opened), and one whose database is open: the same reply.
      const worker = await new SearchService(db, Date.now, files, quickStamps).related(source, 10);
      const page = await relatedFromFiles(source, 10, () => true, files);
      if (worker.kind === 'related') {
        related++;
        expect(page).toEqual(worker);
      } else {
        expect(page).toBeUndefined();
      }
    }
    expect(related).toBeGreaterThan(CORPUS.length / 2);
    expect(related).toBeLessThan(SOURCES.length);
  });

  it('gives nothing while either file is not vouched for by its quick stamp', async () => {
    const { files } = await persisted();
    const source = { id: CORPUS[0]!.id };
    expect(await relatedFromFiles(source, 10, () => true, files)).toBeDefined();
    const rowsStamp = await quickStamps.get(RELATED_ROWS);
    await quickStamps.set(RELATED_ROWS, undefined);
    expect(await relatedFromFiles(source, 10, () => true, files)).toBeUndefined();
    await quickStamps.set(RELATED_ROWS, crypto.randomUUID());
    expect(await relatedFromFiles(source, 10, () => true, files)).toBeUndefined();
    await quickStamps.set(RELATED_ROWS, rowsStamp);
    await quickStamps.set(RELATED_BLOB, crypto.randomUUID());
    expect(await relatedFromFiles(source, 10, () => true, files)).toBeUndefined();
    expect(await relatedFromFiles(source, 10, () => true, undefined)).toBeUndefined();
  });

  it('gives nothing once the store is about to change (a sync started)', async () => {
    const { files, service } = await persisted();
    await service.storeWillChange();
    expect(await relatedFromFiles({ id: CORPUS[0]!.id }, 10, () => true, files)).toBeUndefined();
  });

  it('stops before reading the files once the worker answered', async () => {
    const { files } = await persisted();
    const read = vi.spyOn(files, 'read');
    expect(await relatedFromFiles({ id: CORPUS[0]!.id }, 10, () => false, files)).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
    // Answered while the files were read, or while the rows file was opened: nothing either.
    for (const checks of [1, 2]) {
      let n = 0;
      expect(await relatedFromFiles({ id: CORPUS[0]!.id }, 10, () => ++n <= checks, files)).toBeUndefined();
      expect(n).toBe(checks + 1);
    }
    let n = 0;
    expect(await relatedFromFiles({ id: CORPUS[0]!.id }, 10, () => ++n > 0, files)).toBeDefined();
    expect(n).toBe(3);
  });

  it('throws on a damaged rows file (the worker answers then)', async () => {
    const { opfs, files } = await persisted();
    const bytes = opfs.files.get(`${INDEX_FOLDER}/${RELATED_ROWS}.bin`)!;
    // Every row's JSON broken: the container is whole.
    const text = new TextDecoder().decode(bytes);
    for (let at = text.indexOf('["'); at >= 0; at = text.indexOf('["', at + 2)) bytes[at] = '{'.charCodeAt(0);
    await expect(relatedFromFiles({ id: CORPUS[0]!.id }, 10, () => true, files)).rejects.toThrow(IndexFileError);
  });
});
