/**
 * The one place "for you" asks the search for relatedness: swap the scorer here (one call) and every ranking in
 * `lib/for-you` follows.
 */
import type { PaperIndex } from '../search/paper-index';
import { relatedPapers, type RelatedSource } from '../search/related';

/** A paper related to a source: its id, a score comparable only within one call, and the terms it shares. */
export interface RelatedScore {
  id: string;
  score: number;
  why: string[];
}

/** Up to `limit` papers of `index` related to `source`, best first (today: `relatedPapers` of `lib/search`). */
export function relatedScores(index: PaperIndex, source: RelatedSource, limit: number): RelatedScore[] {
  return relatedPapers(index, source, { limit }).map((r) => ({ id: r.id, score: r.score, why: r.why }));
}
