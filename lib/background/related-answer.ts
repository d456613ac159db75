/**
 * The related reply built from what it needs and nothing else: the related index (`RelatedIndex`), the rows of the
 * papers it names (`RowFields`: from the database or from the related rows file) and the trending list — free of
 * the database and of MiniSearch (`SearchService.related` reads those and calls these).
 */
import type { TrendingList } from '../db/queries';
import { toSummary, type PaperHit } from '../feed/summary';
import { rankRelated, type QueryBasis, type RelatedQuery, type RelatedSource } from '../search/related';
import type { RelatedIndex } from '../search/related-index';
import { relatedReasons, type WhyText } from '../search/related-why';
import { sharedTerms } from '../search/set-terms';
import type { RowFields } from './related-rows';

/**
 * Below this first-pass cosine similarity, the best match is not shown as related: the page is about something the
 * cached feed does not cover (a hep-th listing, a cooking blog), and the popup says so and shows trending instead.
 * Calibrated in `bench/eval.ts` (BENCHMARKS.md): judged paper sources almost always have a best match above it.
 */
export const MIN_RELATED_SIMILARITY = 0.15;

/** Most of a page's papers whose titles and keywords are offered as reasons (a listing may hold hundreds). */
export const MAX_WHY_PAPERS = 50;

/**
 * The answer to `related`: related papers when the source relates to something in the cached feed, else today's
 * trending list, else the most upvoted papers of the newest list dates — and which of these it is.
 */
export type RelatedReply =
  | {
      kind: 'related';
      /** What the query was made of: the own paper, the page's text, the page's papers (and text). */
      basis: QueryBasis;
      /** How many cached papers the query was made from (the own paper, or the page's papers). */
      papers: number;
      hits: PaperHit[];
      /**
       * For a set of 2 or more papers (basis `papers` or `papers+text`): the terms the set shares as a whole, best
       * first (`sharedTerms`; may be empty). Plain text from the papers' titles and keywords.
       */
      shared?: string[];
    }
  | {
      kind: 'trending' | 'newest';
      /** `no-source`: nothing to relate to (no source, or no word the feed knows); `unrelated`: nothing close. */
      reason: 'no-source' | 'unrelated';
      hits: PaperHit[];
    };

/** The related reply's own kind. */
export type RelatedList = Extract<RelatedReply, { kind: 'related' }>;

/**
 * The ids of the best `limit` papers for `query`, best first, when the query relates to the cached feed (it holds a
 * word the index knows and its best match is at least `MIN_RELATED_SIMILARITY`); else undefined.
 */
export function relatedIds(index: RelatedIndex, query: RelatedQuery, limit: number): string[] | undefined {
  if (query.vector.terms.length === 0) return undefined;
  const ranked = rankRelated(index, query, { limit });
  if (ranked.length === 0 || ranked[0]!.similarity < MIN_RELATED_SIMILARITY) return undefined;
  return ranked.map((r) => r.id);
}

/** The papers whose rows explain a reply: the query's own papers, at most `MAX_WHY_PAPERS`. */
export function whyPapersOf(query: RelatedQuery): string[] {
  return query.fromPapers.slice(0, MAX_WHY_PAPERS);
}

/**
 * The related list of `query` over papers `papers` (rows of the ranked ids, best first; undefined: not in the
 * store, left out), each with the phrases it shares with the source — the own paper, or the titles and keywords of
 * the page's papers `own` (rows of `whyPapersOf(query)`), plus the page's text when it was part of the query; for a
 * set of papers also the terms the set shares as a whole (`sharedTerms` of the same titles and keywords) — and its
 * rank in `trending`.
 */
export function relatedList(
  index: RelatedIndex,
  query: RelatedQuery,
  source: RelatedSource,
  papers: readonly (RowFields | undefined)[],
  own: readonly (RowFields | undefined)[],
  trending: TrendingList,
): RelatedList {
  const texts: WhyText[] = own
    .filter((p): p is RowFields => p !== undefined)
    .map((p) => (query.basis === 'paper' ? p : { title: p.title, keywords: p.keywords }));
  const shared = query.basis !== 'paper' && texts.length >= 2 ? sharedTerms(index, texts) : undefined;
  if (query.basis !== 'paper' && query.basis !== 'papers') {
    texts.push({ title: source.title ?? '', abstract: source.abstract ?? '', keywords: source.keywords ?? [] });
  }
  const reasons = relatedReasons(index, texts);
  const hits: PaperHit[] = [];
  for (const p of papers) {
    if (!p) continue;
    const hit: PaperHit = toSummary(p);
    const why = reasons(p);
    if (why.length > 0) hit.why = why;
    hits.push(hit);
  }
  return {
    kind: 'related',
    basis: query.basis,
    papers: query.fromPapers.length,
    hits: withTrendingRanks(hits, trending),
    ...(shared ? { shared } : {}),
  };
}

/** `hits` with the trending rank (1-based) of those in `trending` set; changed in place and returned. */
export function withTrendingRanks(hits: PaperHit[], trending: TrendingList): PaperHit[] {
  if (trending.ids.length === 0) return hits;
  const rank = new Map(trending.ids.map((id, i) => [id, i + 1]));
  for (const h of hits) {
    const r = rank.get(h.id);
    if (r !== undefined) h.trendingRank = r;
  }
  return hits;
}
