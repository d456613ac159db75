/**
 * Typed search (the popup's search box): the query is analyzed like the indexed text, the word still being typed
 * is matched as a prefix, complete words tolerate a typo, and the text score is nudged by the trending signal.
 */
import type { Query } from 'minisearch';
import {
  DEFAULT_SEARCH_OPTIONS,
  INDEXED_FIELDS,
  TYPED_FIELD_BOOST,
  fuzzyDistance,
  type IndexedField,
  type StoredPaper,
} from './options';
import { toSummary, type PaperSummary } from '../feed/summary';
import { commonThreshold, documentFrequency, isCommonTerm, type PaperIndex } from './paper-index';
import { isPartialArxivId, parsePaperReference } from './paper-reference';
import { normalizeTitle, normalizeWord, rawWords } from '../text/normalize';
import { processTerm, STOP_WORDS } from './text';
import { scorePapers, type ScoredPaper, type TermGroup } from './term-scores';
import { resolveNow, SEARCH_TRENDING, trendingBooster } from './trending';

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
 * Turns what the user typed into query terms, word by word (see `typedQueryTerms`): one list of forms per typed word
 * that gives any, in order. Used to rank papers matching every word first.
 */
export function typedQueryWords(query: string): QueryTerm[][] {
  return wordsAt(query).map((w) => w.forms);
}

/** `typedQueryWords` with each word's position among the query's raw tokens. */
function wordsAt(query: string): { position: number; forms: QueryTerm[] }[] {
  const tokens = rawWords(query);
  const typing = ENDS_IN_WORD.test(query) ? tokens.pop() : undefined;
  const words: { position: number; forms: QueryTerm[] }[] = [];
  tokens.forEach((token, position) => {
    const term = processTerm(token);
    if (term !== null) words.push({ position, forms: [{ term, prefix: false, fuzzy: fuzzyDistance(term), boost: 1 }] });
  });
  if (typing !== undefined) {
    const forms: QueryTerm[] = [];
    const raw = normalizeWord(typing);
    const stem = processTerm(typing);
    if (raw.length < MIN_PREFIX_LENGTH) {
      if (stem !== null) forms.push({ term: stem, prefix: false, fuzzy: 0, boost: 1 });
    } else {
      if (stem !== null) forms.push({ term: stem, prefix: true, fuzzy: 0, boost: 1 });
      // A stop word being typed may be the start of a real word (`the` → `theory`): keep its prefix search.
      forms.push({ term: raw, prefix: true, fuzzy: 0, boost: 1 });
      for (let cut = 1; cut <= 4 && raw.length - cut >= 5; cut++) {
        const shorter = raw.slice(0, raw.length - cut);
        if (!STOP_WORDS.has(shorter)) forms.push({ term: shorter, prefix: false, fuzzy: 0, boost: TRUNCATION_BOOST });
      }
    }
    if (forms.length > 0) words.push({ position: tokens.length, forms });
  }
  return words;
}

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
  const out = new Map<string, QueryTerm>();
  for (const t of typedQueryWords(query).flat()) {
    const known = out.get(t.term);
    // A repeated term keeps the most permissive reading: the word being typed may repeat an earlier word.
    if (known) out.set(t.term, { ...known, prefix: known.prefix || t.prefix, boost: Math.max(known.boost, t.boost) });
    else out.set(t.term, t);
  }
  return [...out.values()];
}

/** Most words of a query joined into one name key (`Yann LeCun` → `yannlecun`; see `nameKey`). */
export const MAX_NAME_WORDS = 4;

/**
 * The name keys a query may mean: every run of 2 to `MAX_NAME_WORDS` consecutive words (stop words included: `Van
 * der Berg`), joined as `nameKey` does, with the words each covers (0-based positions among the raw words). A run
 * ending in the word being typed is a prefix.
 */
export function nameKeysOf(query: string): { key: string; prefix: boolean; words: number[] }[] {
  const raw = rawWords(query).map(normalizeWord);
  const typing = ENDS_IN_WORD.test(query);
  const out: { key: string; prefix: boolean; words: number[] }[] = [];
  for (let i = 0; i < raw.length; i++) {
    for (let n = 2; n <= MAX_NAME_WORDS && i + n <= raw.length; n++) {
      const key = raw.slice(i, i + n).join('');
      if (key.length < 5) continue;
      out.push({ key, prefix: typing && i + n === raw.length, words: Array.from({ length: n }, (_, k) => i + k) });
    }
  }
  return out;
}

/** A typed query: an OR of term groups, each searched in its own fields. */
export interface TypedQuery {
  combineWith: 'OR';
  queries: Query[];
}

/** The groups of a typed query, as `scorePapers` takes them. */
function groupsOf(tree: TypedQuery): TermGroup[] {
  return tree.queries.map((q) => {
    const { queries, fields } = q as { queries: string[]; fields: IndexedField[] };
    return { terms: queries.join(' ').split(' '), fields };
  });
}

/** Fields searched for words: every indexed field but `names` (whole-name keys, searched by `nameKeysOf`). */
const ALL_FIELDS = INDEXED_FIELDS.filter((f) => f !== 'names');
const NAME_FIELDS: IndexedField[] = ['title', 'keywords', 'authors', 'organization'];

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
export function typedQuery(index: PaperIndex, terms: readonly QueryTerm[]): TypedQuery | undefined {
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
  const groups: TermGroup[] = [
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
  /**
   * Reuse the scored postings of terms an earlier search on the same index scored (see `scorePapers`; the results
   * are the same either way). Default true.
   */
  cache?: boolean;
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

/** The hit of a paper the index holds, by id (a pasted identifier), or `undefined`. */
function hitById(index: PaperIndex, id: string): SearchHit | undefined {
  const stored = index.engine.getStoredFields(id) as StoredPaper | undefined;
  return stored ? { ...toSummary({ ...stored, id }), score: 1, terms: [] } : undefined;
}

/**
 * Searches the index for a typed query; hits best first.
 *
 * - A query that is one paper reference (`parsePaperReference`: an arXiv id, an arXiv / alphaXiv / Hugging Face URL,
 *   a DOI) gives that paper alone, or `[]` when it is not indexed (a DOI other than arXiv's never is); a new-style
 *   id still being typed (`2406.012`) gives `[]` rather than papers that happen to contain those digits.
 * - Otherwise terms come from `typedQueryTerms`, grouped by `typedQuery`, and are OR-combined; fields are weighted
 *   by `TYPED_FIELD_BOOST`; a complete term the index does not know (document frequency below 2) is matched
 *   fuzzily; runs of 2 to `MAX_NAME_WORDS` words are also looked up as full names of authors and organizations
 *   (`nameKeysOf`, field `names`); the score is multiplied by the mild `SEARCH_TRENDING` boost.
 * - Papers matching every typed word (a full name counts for its words) come before papers matching fewer, a paper
 *   by a person or organization the query names before others matching as many words, then by score. Unless `exactTitleFirst` is false, a paper among the top 50 whose normalized title equals the normalized
 *   query is then moved to the top, so pasting a title finds its paper first.
 *
 * An empty query, or one of stop words only, gives `[]`.
 */
export function searchPapers(index: PaperIndex, query: string, options: SearchPapersOptions = {}): SearchHit[] {
  const { limit = 20, exactTitleFirst = true } = options;
  if (limit <= 0) return [];
  const ref = parsePaperReference(query);
  if (ref) {
    const hit = ref.kind === 'arxiv' ? hitById(index, ref.id) : undefined;
    return hit ? [hit] : [];
  }
  if (isPartialArxivId(query)) return [];
  const words = wordsAt(query);
  const terms = typedQueryTerms(query);
  const tree = typedQuery(index, terms);
  if (tree === undefined) return [];
  const spec = new Map(terms.map((t) => [t.term, t]));
  const names = nameKeysOf(query).filter((n) => !spec.has(n.key));
  const groups = groupsOf(tree);
  if (names.length > 0) {
    groups.push({ terms: names.map((n) => n.key), fields: ['names'] });
    for (const n of names) {
      spec.set(n.key, { term: n.key, prefix: n.prefix, fuzzy: n.key.length >= NAME_FUZZY_LENGTH ? 1 : 0, boost: 1 });
    }
  }
  const now = resolveNow(index, options.now);
  const results = scorePapers(
    index,
    groups,
    {
      ...DEFAULT_SEARCH_OPTIONS,
      boost: { ...TYPED_FIELD_BOOST },
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      prefix: (t) => spec.get(t)?.prefix ?? false,
      fuzzy: (t) => (documentFrequency(index, t) < 2 && spec.get(t)?.fuzzy) || false,
      boostTerm: (t) => spec.get(t)?.boost ?? 1,
      boostDocument: trendingBoosterOf(index, now),
    },
    String(now),
    {
      ...(words.length > 1 ? { rank: allWordsRank(words, names) } : {}),
      window: Math.max(limit, exactTitleFirst ? EXACT_TITLE_WINDOW : 0),
      cache: options.cache ?? true,
    },
  );
  if (exactTitleFirst) moveExactTitleFirst(results, query);
  return results.slice(0, limit).map((r) => ({
    ...toSummary({ ...r.stored, id: r.id }),
    score: r.score,
    terms: r.terms,
  }));
}

/** Per index: each paper's search trending boost for one "now" (filled as papers are scored). */
const boosts = new WeakMap<PaperIndex, { now: number; boost: ReturnType<typeof trendingBooster> }>();

/**
 * The `boostDocument` of typed search on `index` for recency at `now` (`trendingBooster` with `SEARCH_TRENDING`),
 * kept with the index: a paper's boost is computed once per index, not once per search.
 */
function trendingBoosterOf(index: PaperIndex, now: number): ReturnType<typeof trendingBooster> {
  const held = boosts.get(index);
  if (held?.now === now) return held.boost;
  const boost = trendingBooster(now, SEARCH_TRENDING);
  boosts.set(index, { now, boost });
  return boost;
}

/** A name key this long or longer tolerates one typo (`yanlecun` → `yannlecun`); shorter ones must match exactly. */
export const NAME_FUZZY_LENGTH = 8;

/**
 * The class of a result for `scorePapers`, higher first: twice the number of typed words it matched (any form; a
 * full name covers its words), plus one when it matches a full name (an author or organization named by the query).
 */
function allWordsRank(
  words: readonly { position: number; forms: readonly QueryTerm[] }[],
  names: readonly { key: string; words: readonly number[] }[],
): (queryTerms: readonly string[]) => number {
  const positionsOf = new Map<string, number[]>();
  const note = (term: string, positions: readonly number[]) =>
    positionsOf.set(term, [...(positionsOf.get(term) ?? []), ...positions]);
  for (const w of words) for (const f of w.forms) note(f.term, [w.position]);
  for (const n of names) note(n.key, n.words);
  const nameKeys = new Set(names.map((n) => n.key));
  const counted = new Set(words.map((w) => w.position));
  const covered = new Set<number>();
  return (queryTerms) => {
    covered.clear();
    for (const q of queryTerms) for (const p of positionsOf.get(q) ?? []) if (counted.has(p)) covered.add(p);
    return 2 * covered.size + (queryTerms.some((q) => nameKeys.has(q)) ? 1 : 0);
  };
}

function moveExactTitleFirst(results: ScoredPaper[], query: string): void {
  const wanted = normalizeTitle(query);
  const exact = results.slice(0, EXACT_TITLE_WINDOW).findIndex((r) => normalizeTitle(r.stored.title) === wanted);
  if (exact > 0) results.unshift(...results.splice(exact, 1));
}
