/**
 * The one place "for you" asks the search for relatedness: swap the scorer here (one call) and every ranking in
 * `lib/for-you` follows.
 */
import { relatedPapers, type RelatedSource } from '../search/related';
import type { RelatedIndex } from '../search/related-index';
import { relatedReasons, type WhyText } from '../search/related-why';

/** A paper related to a source: its id, a score comparable only within one call, and the terms it shares. */
export interface RelatedScore {
  id: string;
  score: number;
  why: string[];
}

/**
 * Up to `limit` papers of `index` related to `source`, best first: `relatedPapers` of `lib/search` (BM25F-weighted
 * cosine with Rocchio feedback) without its trending tie-breaker, which "for you" applies itself. `textOf` gives a
 * paper's text for the phrases it shares with the source (`relatedReasons`); without it `why` is empty.
 */
export function relatedScores(
  index: RelatedIndex,
  source: RelatedSource,
  limit: number,
  textOf?: (id: string) => WhyText | undefined,
): RelatedScore[] {
  const ranked = relatedPapers(index, source, { limit, trendingWeight: 0 });
  const reasons = textOf
    ? relatedReasons(index, [
        { title: source.title ?? '', abstract: source.abstract ?? '', keywords: source.keywords ?? [] },
      ])
    : undefined;
  return ranked.map((r) => {
    const text = reasons && textOf?.(r.id);
    return { id: r.id, score: r.score, why: text ? reasons(text) : [] };
  });
}
