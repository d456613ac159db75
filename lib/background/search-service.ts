/**
 * The background's search: one in-memory index, persisted in IndexedDB after each rebuild so a restarted service
 * worker loads it instead of rebuilding, and the popup never builds anything. Browser-free but for the database.
 */
import type { PaperRadarDB } from '../db/database';
import { getAllPapers, getBlob, getPaper, getPapers, getTrending, putBlob } from '../db/queries';
import { buildIndex, loadIndexAsync, serializeIndex, type PaperIndex } from '../search/paper-index';
import { relatedPapers, type RelatedSource } from '../search/related';
import { searchPapers } from '../search/search-papers';
import { topTrending, type PaperSummary } from '../search/trending';
import type { PaperHit } from '../feed/summary';
import { log } from '../log';

export const INDEX_BLOB = 'search-index';

const searchLog = log.child('search');

export class SearchService {
  private index: PaperIndex | undefined;
  private pending: Promise<PaperIndex> | undefined;

  constructor(
    private readonly db: PaperRadarDB,
    private readonly now: () => number = Date.now,
  ) {}

  /** Builds the index from every stored paper, keeps it and persists it. */
  async rebuild(): Promise<PaperIndex> {
    const run = (async () => {
      const index = buildIndex(await getAllPapers(this.db));
      await putBlob(this.db, INDEX_BLOB, serializeIndex(index), this.now());
      this.index = index;
      return index;
    })();
    this.pending = run;
    try {
      return await run;
    } finally {
      if (this.pending === run) this.pending = undefined;
    }
  }

  /** The index: in memory, else the persisted one, else a fresh build (first run, or an older index format). */
  async get(): Promise<PaperIndex> {
    if (this.index) return this.index;
    if (this.pending) return this.pending;
    const load = (async () => {
      const blob = await getBlob(this.db, INDEX_BLOB);
      if (blob) {
        const loaded = await loadIndexAsync(blob.value);
        if (loaded.ok) {
          this.index = loaded.index;
          return loaded.index;
        }
        searchLog.warn(`${loaded.reason}; rebuilding`);
      }
      return undefined;
    })();
    this.pending = load.then((i) => i ?? this.rebuild());
    try {
      return await this.pending;
    } finally {
      this.pending = undefined;
    }
  }

  /** Typed search over the cached feed, best first. */
  async search(query: string, limit = 20): Promise<PaperHit[]> {
    const index = await this.get();
    return this.withTrending(searchPapers(index, query, { limit }).map((h) => toHit(h)));
  }

  /**
   * Related papers for `source`, best first, each with why; with no source (or nothing related), the current
   * trending list, else the top papers of the newest list dates.
   */
  async related(source: RelatedSource | undefined, limit = 10): Promise<PaperHit[]> {
    const index = await this.get();
    // A source whose paper is cached is described best by the feed itself: its abstract and AI keywords.
    const own = source?.id ? await getPaper(this.db, source.id) : undefined;
    if (own) source = { id: own.id, title: own.title, abstract: own.abstract, keywords: own.keywords };
    if (source && source.title.trim() !== '') {
      const related = relatedPapers(index, source, { limit });
      if (related.length > 0) return this.withTrending(related.map((r) => toHit(r, r.why)));
    }
    const trending = await getTrending(this.db);
    if (trending.ids.length > 0) {
      const papers = (await getPapers(this.db, trending.ids.slice(0, limit + 1))).filter(
        (p) => p !== undefined && p.id !== source?.id,
      );
      if (papers.length > 0) return this.withTrending(papers.slice(0, limit).map((p) => toHit(p!)));
    }
    return this.withTrending(
      topTrending(index, { limit: limit + 1 })
        .filter((p) => p.id !== source?.id)
        .slice(0, limit)
        .map((p) => toHit(p)),
    );
  }

  private async withTrending(hits: PaperHit[]): Promise<PaperHit[]> {
    const trending = await getTrending(this.db);
    if (trending.ids.length === 0) return hits;
    const rank = new Map(trending.ids.map((id, i) => [id, i + 1]));
    for (const h of hits) {
      const r = rank.get(h.id);
      if (r !== undefined) h.trendingRank = r;
    }
    return hits;
  }
}

function toHit(p: PaperSummary, why?: string[]): PaperHit {
  const hit: PaperHit = { id: p.id, title: p.title, upvotes: p.upvotes, listDate: p.listDate };
  if (p.dayRank !== undefined) hit.dayRank = p.dayRank;
  if (why && why.length > 0) hit.why = why;
  return hit;
}
