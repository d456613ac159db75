import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  INDEX_BLOB,
  RELATED_BLOB,
  SEARCH_TRACE_KEY,
  SearchService,
  type SearchTraceEntry,
} from '../../../lib/background/search-service';
import { clearLibrary } from '../../../lib/db/backup';
import { applyTrending, getBlob, putBlob, setMeta, upsertPapers } from '../../../lib/db/queries';
import {
  CORPUS,
  IMAGE_DIFFUSION,
  MOE_ROUTING,
  MOE_SCALING,
  MOE_SCALING_AGAIN,
  paper,
  PROCESS_REWARDS,
  RL_REASONING,
  SPEECH,
  VIDEO_DIFFUSION,
} from '../../unit/search/fixtures';
import { testStores } from './stores';
import { opfsIndexFiles, type IndexFiles } from '../../../lib/background/index-files';
import { memoryOpfs } from '../../helpers/memory-opfs';

const storeWith = testStores('search-service-test');
afterEach(() => {
  vi.restoreAllMocks();
});

describe('SearchService.rebuild / get', () => {
  it('persists both indexes, and a restarted worker loads them instead of rebuilding', async () => {
    const db = await storeWith();
    await new SearchService(db).rebuild();
    expect(typeof (await getBlob(db, INDEX_BLOB))?.value).toBe('string');
    expect((await getBlob(db, RELATED_BLOB))?.value).toMatchObject({ format: 'paper-radar/related-index' });
    // With the papers gone, only loaded (not rebuilt) indexes still know them.
    await db.papers.clear();
    const { search, related } = await new SearchService(db).get();
    expect(related.ids).toHaveLength(CORPUS.length);
    expect(search.engine.documentCount).toBe(CORPUS.length);
  });

  it('rebuilds when a persisted index is of another format, and says why', async () => {
    const db = await storeWith();
    await new SearchService(db).rebuild();
    await putBlob(db, RELATED_BLOB, { format: 'paper-radar/related-index', version: -1 }, 0);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { related } = await new SearchService(db).get();
    expect(related.ids).toHaveLength(CORPUS.length);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('related index: version -1'));
  });

  it('answers related from the persisted related index alone: a woken worker never waits for the search index', async () => {
    const db = await storeWith();
    await new SearchService(db).rebuild();
    // A search index that cannot be loaded would be noticed (warned about, rebuilt) if related touched it.
    await putBlob(db, INDEX_BLOB, 'not an index', 0);
    await db.papers.where('id').equals(MOE_SCALING.id).delete();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = new SearchService(db);
    const reply = await service.related({ id: PROCESS_REWARDS.id });
    expect(reply).toMatchObject({ kind: 'related', basis: 'paper' });
    expect(warn).not.toHaveBeenCalled();
    expect((await getBlob(db, INDEX_BLOB))?.value).toBe('not an index');
    // Loaded, not rebuilt: it still holds the paper deleted from the store.
    expect((await service.relatedIndex()).docOf.has(MOE_SCALING.id)).toBe(true);
    // The search index is loaded when a search needs it (here: found unusable, so rebuilt).
    expect(await service.search(SPEECH.id)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('search index'));
  });

  it('answers related from the persisted index while a rebuild runs', async () => {
    const db = await storeWith();
    await new SearchService(db).rebuild();
    const added = paper({ id: '2509.00002', title: 'Sourdough fermentation times', abstract: 'Bread and starter.' });
    await upsertPapers(db, [added]);
    const service = new SearchService(db);
    const rebuilt = service.rebuild();
    // The persisted index (without the new paper) answers at once; the rebuild's takes over when done.
    expect((await service.relatedIndex()).docOf.has(added.id)).toBe(false);
    await rebuilt;
    expect((await service.relatedIndex()).docOf.has(added.id)).toBe(true);
  });

  it('takes in new papers on the next rebuild', async () => {
    const db = await storeWith(CORPUS.slice(0, 5));
    const service = new SearchService(db);
    expect((await service.rebuild()).related.ids).toHaveLength(5);
    await upsertPapers(db, CORPUS.slice(5));
    const { related } = await service.rebuild();
    expect(new Set(related.ids)).toEqual(new Set(CORPUS.map((p) => p.id)));
  });
});

describe('SearchService.addListDates', () => {
  it('makes the papers of stored list dates searchable at once, without persisting', async () => {
    const db = await storeWith(CORPUS.slice(0, 7));
    const service = new SearchService(db);
    await service.rebuild();
    const persisted = (await getBlob(db, INDEX_BLOB))?.updatedAt;
    const late = CORPUS.slice(7).map((p) => ({ ...p, listDate: '2026-09-01' }));
    await upsertPapers(db, late);
    const target = late[0]!;
    expect((await service.search(target.title)).map((h) => h.id)).not.toContain(target.id);
    expect(await service.addListDates(['2026-09-01'])).toBe(late.length);
    expect((await service.search(target.title))[0]?.id).toBe(target.id);
    // The same date again adds nothing; nothing is persisted; the related index (far from doubled) is kept.
    expect(await service.addListDates(['2026-09-01'])).toBe(0);
    expect((await getBlob(db, INDEX_BLOB))?.updatedAt).toBe(persisted);
    expect((await service.get()).related.ids).toHaveLength(7);
    const { search, related } = await service.rebuild();
    expect(search.engine.documentCount).toBe(CORPUS.length);
    expect(related.ids).toHaveLength(CORPUS.length);
  });

  it('keeps papers added while a rebuild that read the store before them is still writing its files', async () => {
    const db = await storeWith(CORPUS.slice(0, 7));
    // Index files whose writes wait until released: the rebuild below is held after building, before it keeps.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let holding = false;
    const real = opfsIndexFiles(memoryOpfs().root);
    const files: IndexFiles = {
      read: (name) => real.read(name),
      file: (name) => real.file(name),
      write: async (name, value) => {
        if (holding) await held;
        await real.write(name, value);
      },
      remove: (name) => real.remove(name),
    };
    const service = new SearchService(db, Date.now, files);
    await service.get();
    holding = true;
    const rebuilding = service.rebuild();
    const late = CORPUS.slice(7).map((p) => ({ ...p, listDate: '2026-09-01' }));
    await upsertPapers(db, late);
    const target = late[0]!;
    expect(await service.addListDates(['2026-09-01'])).toBe(late.length);
    expect((await service.search(target.title))[0]?.id).toBe(target.id);
    release();
    await rebuilding;
    expect((await service.search(target.title))[0]?.id).toBe(target.id);
  });

  it('refreshes the related index once the papers have doubled since it was built', async () => {
    const db = await storeWith(CORPUS.slice(0, 3));
    const service = new SearchService(db);
    await service.rebuild();
    await upsertPapers(
      db,
      CORPUS.slice(3).map((p) => ({ ...p, listDate: '2026-09-01' })),
    );
    await service.addListDates(['2026-09-01']);
    expect(new Set((await service.get()).related.ids)).toEqual(new Set(CORPUS.map((p) => p.id)));
  });
});

describe('SearchService.related', () => {
  it('relates a cached paper from its record, without itself, each row with why', async () => {
    const service = new SearchService(await storeWith());
    const reply = await service.related({ id: PROCESS_REWARDS.id, title: 'anything' });
    expect(reply).toMatchObject({ kind: 'related', basis: 'paper', papers: 1 });
    const ids = reply.hits.map((h) => h.id);
    expect(ids[0]).toBe(RL_REASONING.id);
    expect(ids).not.toContain(PROCESS_REWARDS.id);
    expect(reply.hits[0]!.why).toContain('mathematical reasoning');
    expect(reply.hits[0]).toMatchObject({ title: RL_REASONING.title, upvotes: RL_REASONING.upvotes });
  });

  it('relates a page from the papers found on it, leaving them out', async () => {
    const service = new SearchService(await storeWith());
    const reply = await service.related({ title: '', papers: [MOE_SCALING.id, MOE_ROUTING.id] });
    expect(reply).toMatchObject({ kind: 'related', basis: 'papers', papers: 2 });
    const ids = reply.hits.map((h) => h.id);
    expect(ids).not.toContain(MOE_SCALING.id);
    expect(ids).not.toContain(MOE_ROUTING.id);
    expect(ids[0]).toBe(MOE_SCALING_AGAIN.id);
    const mixed = await service.related({ title: 'Video generation notes', papers: [VIDEO_DIFFUSION.id] });
    expect(mixed).toMatchObject({ kind: 'related', basis: 'papers+text', papers: 1 });
    expect(mixed.hits[0]!.id).toBe(IMAGE_DIFFUSION.id);
  });

  it('marks rows that are on the trending list with their rank', async () => {
    const db = await storeWith();
    await setMeta(db, 'trending', { at: 1, ids: [SPEECH.id, RL_REASONING.id] });
    const reply = await new SearchService(db).related({ id: PROCESS_REWARDS.id });
    expect(reply.hits.find((h) => h.id === RL_REASONING.id)?.trendingRank).toBe(2);
  });

  it('answers the trending list, saying there was nothing to relate to, without a usable source', async () => {
    const db = await storeWith();
    await setMeta(db, 'trending', { at: 1, ids: [SPEECH.id, RL_REASONING.id] });
    const service = new SearchService(db);
    for (const source of [undefined, { title: 'Zyxwv qwertz' }]) {
      const reply = await service.related(source);
      expect(reply).toMatchObject({ kind: 'trending', reason: 'no-source' });
      expect(reply.hits.map((h) => h.id)).toEqual([SPEECH.id, RL_REASONING.id]);
    }
  });

  it('answers the newest lists’ top papers when there is no trending list, never the source itself', async () => {
    const service = new SearchService(await storeWith());
    const reply = await service.related(undefined, 3);
    expect(reply.kind).toBe('newest');
    expect(reply.hits).toHaveLength(3);
  });

  it('says nothing is close when the best match is below MIN_RELATED_SIMILARITY', async () => {
    // Four papers about one topic and one page that shares a single, common word with one of them.
    const db = await storeWith([
      ...CORPUS,
      paper({ id: '2509.00001', title: 'Sourdough fermentation times', abstract: 'Bread and starter.' }),
    ]);
    const reply = await new SearchService(db).related({
      title: 'Tomato soup with basil and garlic',
      abstract: 'A simple soup. Roast the tomatoes, add basil, garlic and stock, then blend. Serve with bread.',
    });
    expect(reply).toMatchObject({ kind: 'newest', reason: 'unrelated' });
  });
});

describe('SearchService.search', () => {
  it('finds a pasted arXiv id, URL or DOI, and nothing for an uncached one', async () => {
    const service = new SearchService(await storeWith());
    for (const q of [SPEECH.id, `https://huggingface.co/papers/${SPEECH.id}`, `10.48550/arXiv.${SPEECH.id}`]) {
      expect((await service.search(q)).map((h) => h.id)).toEqual([SPEECH.id]);
    }
    expect(await service.search('2607.12395')).toEqual([]);
  });

  it('reads the trending list once for many searches, and again once it is written, deleted or cleared', async () => {
    const db = await storeWith();
    await setMeta(db, 'trending', { at: 1, ids: [SPEECH.id, RL_REASONING.id] });
    const service = new SearchService(db);
    const reads = vi.spyOn(db.meta, 'get');
    const rankOf = async (id: string) => (await service.search(id)).find((h) => h.id === id)?.trendingRank;
    for (let i = 0; i < 3; i++) expect(await rankOf(SPEECH.id)).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
    // The sync stores a new list (`applyTrending`): the next search ranks by it.
    await applyTrending(db, [RL_REASONING, SPEECH], 2);
    expect(await rankOf(SPEECH.id)).toBe(2);
    await db.meta.delete('trending');
    expect(await rankOf(SPEECH.id)).toBeUndefined();
    // "Clear the cache" empties the table.
    await setMeta(db, 'trending', { at: 3, ids: [SPEECH.id] });
    expect(await rankOf(SPEECH.id)).toBe(1);
    await clearLibrary(db);
    await upsertPapers(db, [...CORPUS]);
    expect(await rankOf(SPEECH.id)).toBeUndefined();
  });

  it('records each search in the debug trace only when a benchmark asked for one', async () => {
    const service = new SearchService(await storeWith());
    const g = globalThis as Record<string, unknown>;
    try {
      await service.search('speech');
      g[SEARCH_TRACE_KEY] = [];
      await service.search('speech recog');
      const trace = g[SEARCH_TRACE_KEY] as SearchTraceEntry[];
      expect(trace).toHaveLength(1);
      expect(trace[0]).toMatchObject({ query: 'speech recog' });
      expect(trace[0]!.done).toBeGreaterThanOrEqual(trace[0]!.received);
    } finally {
      delete g[SEARCH_TRACE_KEY];
    }
  });
});
