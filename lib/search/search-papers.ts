/**
 * Typed search (the popup's search box): the query is analyzed like the indexed text, the word still being typed
 * is matched as a prefix, complete words tolerate a typo, and the text score is nudged by the trending signal.
 */
import type { Query, SearchResult } from 'minisearch';
import {
  DEFAULT_SEARCH_OPTIONS,
  INDEXED_FIELDS,
  TYPED_FIELD_BOOST,
  fuzzyDistance,
  type IndexedField,
  type StoredPaper,
} from './options';
import { commonThreshold, documentFrequency, isCommonTerm, type PaperIndex } from './paper-index';
import { normalizeTitle, normalizeWord, rawWords } from '../text/normalize';
import { processTerm, STOP_WORDS } from './text';
import { resolveNow, SEARCH_TRENDING, trendingBooster, type PaperSummary } from './trending';

/** One term of a typed query, as MiniSearch will look it up. */
export interface QueryTerm {
  /** The processed term (a stem, or the raw lowercase prefix of a word being typed). */
  term: string;
  /** Match every indexed term starting with `term`. */
  prefix: boolean;
  /** Edit distance tolerated when the index does not know the term (a likely typo; see `searchPapers`); 0: exact. */
  fuzzy: number;
  /** Term weight (1 for the words typed; less for the fallbacks of a word being typed). */
  boost: number;
}

/** Shortest word being typed that is searched as a prefix; shorter ones must match a whole term. */
export const MIN_PREFIX_LENGTH = 3;

/**
 * A word being typed this short (or whose letters so far are a common term, like `model`) is matched in titles only:
 * its prefix expands to hundreds of terms with long posting lists.
 */
export const SHORT_PREFIX_LENGTH = 3;

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
 * `MIN_PREFIX_LENGTH` only matches a whole term. Terms are deduplicated (a repeated term is a prefix if any of its
 * occurrences is); an empty or all-stop-word query gives `[]`.
 */
export function typedQueryTerms(query: string): QueryTerm[] {
  const tokens = rawWords(query);
  const typing = ENDS_IN_WORD.test(query) ? tokens.pop() : undefined;
  const out = new Map<string, QueryTerm>();
  const add = (t: QueryTerm) => {
    const known = out.get(t.term);
    // A repeated term keeps the most permissive reading: the word being typed may repeat an earlier word.
    if (known) out.set(t.term, { ...known, prefix: known.prefix || t.prefix, boost: Math.max(known.boost, t.boost) });
    else out.set(t.term, t);
  };
  for (const token of tokens) {
    const term = processTerm(token);
    if (term !== null) add({ term, prefix: false, fuzzy: fuzzyDistance(term), boost: 1 });
  }
  if (typing !== undefined) {
    const raw = normalizeWord(typing);
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

const ALL_FIELDS = [...INDEXED_FIELDS];
const NAME_FIELDS: IndexedField[] = ['title', 'keywords', 'authors'];

/**
 * The MiniSearch query of typed `terms` (from `typedQueryTerms`), an OR of term groups searched in different fields:
 *
 * - complete terms in more than `UBIQUITOUS_TERM_RATIO` of the papers: left out when another complete term is not;
 * - distinctive complete terms (not `isCommonTerm`): every field;
 * - common complete terms: the title only, or title and keywords when no other term is given;
 * - prefix and shortened forms of a word being typed: title, keywords and authors (not abstracts: a prefix of a few
 *   letters expands to thousands of abstract words); titles only when at most `SHORT_PREFIX_LENGTH` letters long or
 *   itself a common term;
 * - fuzzy matching only for complete terms the index does not know (document frequency below 2): a known word is
 *   taken as typed, an unknown one is probably a typo.
 *
 * Returns `undefined` when `terms` is empty.
 */
export function typedQuery(index: PaperIndex, terms: readonly QueryTerm[]): Query | undefined {
  const ubiquitous = commonThreshold(index, UBIQUITOUS_TERM_RATIO);
  const isTyping = (t: QueryTerm) => t.prefix || t.boost !== 1;
  const isUbiquitous = (t: QueryTerm) => !isTyping(t) && documentFrequency(index, t.term) > ubiquitous;
  // A word in a third of the papers (`model`) ranks little, yet costs the most: drop it when another complete word
  // is typed (a word still being typed may match nothing).
  const kept = terms.some((t) => !isTyping(t) && !isUbiquitous(t)) ? terms.filter((t) => !isUbiquitous(t)) : terms;
  const rare: string[] = [];
  const frequent: string[] = [];
  const typing: string[] = [];
  const typingShort: string[] = [];
  for (const t of kept) {
    const isCommon = isCommonTerm(index, t.term);
    if (isTyping(t)) (isCommon || t.term.length <= SHORT_PREFIX_LENGTH ? typingShort : typing).push(t.term);
    else (isCommon ? frequent : rare).push(t.term);
  }
  const groups: { terms: string[]; fields: IndexedField[] }[] = [
    { terms: rare, fields: ALL_FIELDS },
    {
      terms: frequent,
      fields: rare.length + typing.length + typingShort.length > 0 ? ['title'] : ['title', 'keywords'],
    },
    { terms: typing, fields: NAME_FIELDS },
    { terms: typingShort, fields: ['title'] },
  ];
  const queries: Query[] = groups
    .filter((g) => g.terms.length > 0)
    .map((g) => ({ queries: [g.terms.join(' ')], fields: g.fields }));
  return queries.length === 0 ? undefined : { combineWith: 'OR', queries };
}

/**
 * Share of the papers above which a complete query term (`model`: 91 % of the recorded papers) is left out of a typed
 * query that has another, less frequent, complete term (see `commonThreshold`).
 */
export const UBIQUITOUS_TERM_RATIO = 0.3;

/** Options of `searchPapers`. */
export interface SearchPapersOptions {
  /** Maximum number of hits. Default 20. */
  limit?: number;
  /** Epoch ms for recency. Default: the index's newest list date (see `resolveNow`). */
  now?: number;
  /** Move a paper whose normalized title equals the normalized query to the top. Default true. */
  exactTitleFirst?: boolean;
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
 * Terms come from `typedQueryTerms`, grouped by `typedQuery`, and are OR-combined (a paper matching more of them
 * ranks higher); fields are weighted by `TYPED_FIELD_BOOST`; a complete term the index does not know (document
 * frequency below 2) is matched fuzzily; the score is multiplied by the mild `SEARCH_TRENDING` boost. Unless `exactTitleFirst` is false, a paper among the top 50 whose normalized title equals the normalized
 * query is moved to the top, so pasting a title finds its paper first. An empty query, or one of stop words only,
 * gives `[]`.
 */
export function searchPapers(index: PaperIndex, query: string, options: SearchPapersOptions = {}): SearchHit[] {
  const { limit = 20, exactTitleFirst = true } = options;
  const terms = typedQueryTerms(query);
  const tree = typedQuery(index, terms);
  if (tree === undefined || limit <= 0) return [];
  const spec = new Map(terms.map((t) => [t.term, t]));
  const results = index.engine.search(tree, {
    ...DEFAULT_SEARCH_OPTIONS,
    boost: { ...TYPED_FIELD_BOOST },
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    prefix: (t) => spec.get(t)?.prefix ?? false,
    fuzzy: (t) => (documentFrequency(index, t) < 2 && spec.get(t)?.fuzzy) || false,
    boostTerm: (t) => spec.get(t)?.boost ?? 1,
    boostDocument: trendingBooster(resolveNow(index, options.now), SEARCH_TRENDING),
  });
  if (exactTitleFirst) moveExactTitleFirst(results, query);
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

function moveExactTitleFirst(results: SearchResult[], query: string): void {
  const wanted = normalizeTitle(query);
  const exact = results
    .slice(0, EXACT_TITLE_WINDOW)
    .findIndex((r) => normalizeTitle((r as unknown as StoredPaper).title) === wanted);
  if (exact > 0) results.unshift(...results.splice(exact, 1));
}
