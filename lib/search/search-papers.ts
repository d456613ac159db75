/**
 * Typed search (the popup's search box): the query is analyzed like the indexed text, the word still being typed
 * is matched as a prefix, complete words tolerate a typo, and the text score is nudged by the trending signal.
 */
import { DEFAULT_SEARCH_OPTIONS, TYPED_FIELD_BOOST, fuzzyDistance, type StoredPaper } from './options';
import type { PaperIndex } from './paper-index';
import { normalizeTitle, normalizeToken, processTerm, STOP_WORDS, tokenize } from './text';
import { resolveNow, SEARCH_TRENDING, trendingBooster, type PaperSummary } from './trending';

/** One term of a typed query, as MiniSearch will look it up. */
export interface QueryTerm {
  /** The processed term (a stem, or the raw lowercase prefix of a word being typed). */
  term: string;
  /** Match every indexed term starting with `term`. */
  prefix: boolean;
  /** Maximum edit distance, 0 for exact. */
  fuzzy: number;
  /** Term weight (1 for the words typed; less for the fallbacks of a word being typed). */
  boost: number;
}

/** Shortest word being typed that is searched as a prefix; shorter ones must match a whole term. */
export const MIN_PREFIX_LENGTH = 2;

/** Weight of the shortened forms tried for a word being typed (see `typedQueryTerms`). */
export const TRUNCATION_BOOST = 0.7;

const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;

/**
 * Turns what the user typed into query terms.
 *
 * Each complete word becomes its processed term (stop words dropped, stemmed) with `fuzzyDistance` tolerance. When
 * the query ends inside a word (no trailing space or punctuation), that last word is still being typed: it is
 * searched as a prefix, both as typed and stemmed (`transfo` → `transform…`), and — because a stem can be shorter
 * than the typed prefix (`generat` is not a prefix of the stem `gener`) — its forms shortened by 1 to 4 letters
 * (down to 5 letters) are also tried as exact terms, at `TRUNCATION_BOOST`. A word being typed shorter than
 * `MIN_PREFIX_LENGTH` only matches a whole term. Terms are deduplicated; an empty or all-stop-word query gives `[]`.
 */
export function typedQueryTerms(query: string): QueryTerm[] {
  const tokens = tokenize(query);
  const typing = ENDS_IN_WORD.test(query) ? tokens.pop() : undefined;
  const out = new Map<string, QueryTerm>();
  const add = (t: QueryTerm) => {
    if (!out.has(t.term)) out.set(t.term, t);
  };
  for (const token of tokens) {
    const term = processTerm(token);
    if (term !== null) add({ term, prefix: false, fuzzy: fuzzyDistance(term), boost: 1 });
  }
  if (typing !== undefined) {
    const raw = normalizeToken(typing);
    const stem = processTerm(typing);
    if (raw.length < MIN_PREFIX_LENGTH) {
      if (stem !== null) add({ term: stem, prefix: false, fuzzy: 0, boost: 1 });
    } else {
      if (stem !== null) add({ term: stem, prefix: true, fuzzy: 0, boost: 1 });
      // A stop word being typed may be the start of a real word (`the` → `theory`): keep its prefix search.
      add({ term: raw, prefix: true, fuzzy: 0, boost: 1 });
      for (let cut = 1; cut <= 4 && raw.length - cut >= 5; cut++) {
        const shorter = raw.slice(0, raw.length - cut);
        if (!STOP_WORDS.has(shorter)) add({ term: shorter, prefix: false, fuzzy: 0, boost: TRUNCATION_BOOST });
      }
    }
  }
  return [...out.values()];
}

/** Options of `searchPapers`. */
export interface SearchPapersOptions {
  /** Maximum number of hits. Default 20. */
  limit?: number;
  /** Epoch ms for recency. Default: the index's newest list date (see `resolveNow`). */
  now?: number;
}

/** A search hit: what a result list shows, the score and the indexed terms that matched. */
export interface SearchHit extends PaperSummary {
  /** Relevance (BM25 with boosts, times the trending boost), higher is better; only comparable within one search. */
  score: number;
  /** The indexed terms (stems) that matched, e.g. for highlighting words that start with them. */
  terms: string[];
}

/** How many top hits are checked for an exact title match (see `searchPapers`). */
const EXACT_TITLE_WINDOW = 50;

/**
 * Searches the index for a typed query; hits best first.
 *
 * Terms come from `typedQueryTerms` and are OR-combined (a paper matching more of them ranks higher); fields are
 * weighted by `TYPED_FIELD_BOOST`; the score is multiplied by the mild `SEARCH_TRENDING` boost. A paper whose
 * normalized title equals the normalized query is moved to the top whatever its score, so pasting a title always
 * finds its paper first. An empty query, or one of stop words only, gives `[]`.
 */
export function searchPapers(index: PaperIndex, query: string, options: SearchPapersOptions = {}): SearchHit[] {
  const { limit = 20 } = options;
  const terms = typedQueryTerms(query);
  if (terms.length === 0 || limit <= 0) return [];
  const spec = new Map(terms.map((t) => [t.term, t]));
  const results = index.engine.search(terms.map((t) => t.term).join(' '), {
    ...DEFAULT_SEARCH_OPTIONS,
    boost: { ...TYPED_FIELD_BOOST },
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    prefix: (t) => spec.get(t)?.prefix ?? false,
    fuzzy: (t) => spec.get(t)?.fuzzy || false,
    boostTerm: (t) => spec.get(t)?.boost ?? 1,
    boostDocument: trendingBooster(resolveNow(index, options.now), SEARCH_TRENDING),
  });
  const wanted = normalizeTitle(query);
  const exact = results
    .slice(0, EXACT_TITLE_WINDOW)
    .findIndex((r) => normalizeTitle((r as unknown as StoredPaper).title) === wanted);
  if (exact > 0) results.unshift(...results.splice(exact, 1));
  return results.slice(0, limit).map((r) => {
    const stored = r as unknown as StoredPaper;
    const hit: SearchHit = {
      id: String(r.id),
      title: stored.title,
      upvotes: stored.upvotes,
      listDate: stored.listDate,
      score: r.score,
      terms: r.terms,
    };
    if (stored.dayRank !== undefined) hit.dayRank = stored.dayRank;
    return hit;
  });
}
