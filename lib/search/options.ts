/**
 * The one MiniSearch configuration of Paper Radar: `indexOptions` (and its default, `INDEX_OPTIONS`) is what
 * `buildIndex` builds with and `loadIndex` loads with, so an index serialized by the background always loads with
 * the options it was built with.
 */
import type { Options, SearchOptions } from 'minisearch';
import type { Paper } from '../feed/paper';
import { rawWords } from '../text/normalize';
import { processTerm } from './text';

/** The indexed fields, in the order MiniSearch numbers them. */
export const INDEXED_FIELDS = ['title', 'keywords', 'abstract', 'authors'] as const;

/** One of `INDEXED_FIELDS`. */
export type IndexedField = (typeof INDEXED_FIELDS)[number];

/**
 * The fields stored in the index and returned with every hit: just what a result list shows. The abstract and
 * authors are searchable but not stored, to keep the persisted index small.
 */
export const STORED_FIELDS = ['title', 'upvotes', 'listDate', 'dayRank'] as const;

/** What the index stores for each paper (`dayRank` is absent when the paper had none). */
export interface StoredPaper {
  title: string;
  upvotes: number;
  listDate: string;
  dayRank?: number;
}

/**
 * Field weights for typed queries: a word of the title counts three times a word of the abstract; keywords and
 * author names one and a half times.
 */
export const TYPED_FIELD_BOOST: Readonly<Record<IndexedField, number>> = {
  title: 3,
  keywords: 1.5,
  abstract: 1,
  authors: 1.5,
};

/**
 * The edit distance allowed for a complete query term: none below 4 characters (short words and acronyms match
 * exactly), 1 from 4 to 8 characters, 2 from 9. Measured on the processed term (the stem).
 */
export function fuzzyDistance(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 9 ? 1 : 2;
}

/**
 * Default search options, used when the MiniSearch instance is queried directly with a string: OR of the terms,
 * title boosted, prefix search on the last term only, light fuzzy matching (`fuzzyDistance`). `searchPapers` builds
 * its own term list (it also handles a word still being typed) but uses the same boosts and fuzziness.
 */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  combineWith: 'OR',
  boost: { ...TYPED_FIELD_BOOST },
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => fuzzyDistance(term) || false,
  maxFuzzy: 2,
};

function stringifyField(value: unknown): string {
  // Keywords and authors are lists: join them with a separator so one phrase never runs into the next.
  return Array.isArray(value) ? value.join(' ; ') : String(value);
}

const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * The MiniSearch options of Paper Radar, for building and for loading (`MiniSearch.loadJS`/`loadJSON` need the same
 * ones; `INDEX_OPTIONS` is this function's default).
 *
 * - `fields`: `INDEXED_FIELDS`; `storeFields`: `STORED_FIELDS`; `idField`: `id` (the arXiv id).
 * - `tokenize` / `processTerm`: `rawWords` (`lib/text/normalize`) and `processTerm` (`./text`) (stop words, Porter stems), for documents
 *   and queries alike. At indexing time only, a term of `abstractStopTerms` is skipped in the abstract field:
 *   `buildIndex` passes the terms common enough that no query looks for them there (see `COMMON_TERM_RATIO`),
 *   which makes the serialized index about 40 % smaller. Loading does not re-process terms, so loading with
 *   `INDEX_OPTIONS` is exact.
 * - `searchOptions`: `DEFAULT_SEARCH_OPTIONS`.
 *
 * Changing anything here that affects indexed terms requires bumping `INDEX_FORMAT_VERSION` so stored indexes are
 * rebuilt rather than loaded.
 */
export function indexOptions(abstractStopTerms: ReadonlySet<string> = NO_TERMS): Options<Paper> {
  return {
    idField: 'id',
    fields: [...INDEXED_FIELDS],
    storeFields: [...STORED_FIELDS],
    // Only indexed text is stringified; stored fields keep their types (`upvotes` stays a number).
    stringifyField,
    tokenize: (text) => rawWords(text),
    processTerm: (token, field) => {
      const term = processTerm(token);
      return term !== null && field === 'abstract' && abstractStopTerms.has(term) ? null : term;
    },
    searchOptions: DEFAULT_SEARCH_OPTIONS,
  };
}

/** `indexOptions()`: the options to load a serialized index with, and the query-time term processing. */
export const INDEX_OPTIONS: Options<Paper> = indexOptions();
