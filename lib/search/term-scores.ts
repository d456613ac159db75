/**
 * Typed search's scoring as MiniSearch does it, term by term, with each term's scored postings kept for the next
 * keystrokes: typing `large language mo` → `large language mod` scores `larg` and `languag` once, not on every
 * keystroke, and only the few best results are turned into hits (MiniSearch's own `search` builds and sorts a result
 * object, with its stored fields copied, for every matching paper — thousands for common words).
 *
 * The scores, the order and the matched terms equal `engine.search(query, options)` for the same OR-of-groups query
 * exactly (same floating-point sums in the same order; ties in the same order): MiniSearch's `search` is
 * `executeQuery` (an OR fold of the groups, each an OR fold of its terms' `executeQuerySpec` results) followed by a
 * multiplication of each score by the number of query terms matched and a stable sort by score. That uses three
 * members MiniSearch 7 does not type as public (`executeQuerySpec`, `_documentIds`, `_storedFields`);
 * `tests/unit/search/term-scores.test.ts` compares the two on many queries and fails if a MiniSearch release changes
 * them.
 */
import type { SearchOptions } from 'minisearch';
import type { IndexedField, StoredPaper } from './options';
import type { PaperIndex } from './paper-index';

/** What MiniSearch accumulates per document while scoring (its internal `RawResultValue`). */
interface RawValue {
  score: number;
  /** The query terms (as given, before prefix or fuzzy expansion) that matched. */
  terms: string[];
  /** Indexed term → the fields it matched in. */
  match: Record<string, string[]>;
}

/** Short document id → accumulated score, as MiniSearch's `executeQuerySpec` returns it. */
type RawResult = Map<number, RawValue>;

/** One query term as MiniSearch scores it (its internal `QuerySpec`). */
interface QuerySpec {
  term: string;
  fuzzy: number | boolean;
  prefix: boolean;
  termBoost: number;
}

/** The MiniSearch 7 members used here (present at run time, not in its typed API). */
interface EngineInternals {
  executeQuerySpec(spec: QuerySpec, options: SearchOptions): RawResult;
  _documentIds: Map<number, unknown>;
  _storedFields: Map<number, Record<string, unknown> | undefined>;
}

/** A group of query terms (space-separated, already processed) searched in `fields`. */
export interface TermGroup {
  terms: string[];
  fields: IndexedField[];
}

/** One scored paper, as `engine.search` would return it, minus the copy of its stored fields. */
export interface ScoredPaper {
  /** The arXiv id. */
  id: string;
  /** The final score: the BM25 sum times the number of query terms matched (MiniSearch's `score`). */
  score: number;
  /** The query terms that matched, in the order first matched (MiniSearch's `queryTerms`). */
  queryTerms: string[];
  /** The indexed terms that matched (MiniSearch's `terms`). */
  terms: string[];
  /** The paper's stored fields (shared with the index: do not change). */
  stored: StoredPaper;
}

/**
 * Most scored postings (document entries over all kept terms) held per index: about 100 bytes each, so ~10 MB. The
 * terms of the last few keystrokes fit many times over; a common word's prefix at 50,000 papers holds ~30,000.
 */
export const TERM_CACHE_POSTINGS = 100_000;

/** The kept terms of one index: key → scored postings, least recently used first. */
interface TermCache {
  entries: Map<string, RawResult>;
  postings: number;
}

/** Per index (a `PaperIndex` is replaced, never changed, when papers are added: see `updateIndex`). */
const caches = new WeakMap<PaperIndex, TermCache>();

/** The options `scorePapers` needs: MiniSearch's search options, with the per-term functions given. */
export interface TermScoreOptions extends SearchOptions {
  prefix: (term: string, i: number, terms: string[]) => boolean;
  fuzzy: (term: string, i: number, terms: string[]) => number | boolean;
  boostTerm: (term: string, i: number, terms: string[]) => number;
}

/** How `scorePapers` orders and cuts its answer. */
export interface ScoreOrder {
  /**
   * A paper's class from its matched query terms (a small non-negative integer): higher classes come first, each
   * ordered by score. Default: one class (by score alone).
   */
  rank?: (queryTerms: readonly string[]) => number;
  /** How many of the best papers to return. Default: all. */
  window?: number;
  /** Reuse (and keep) the scored postings of terms scored before on the same index. Default true. */
  cache?: boolean;
  /** Most postings held for the index after this call. Default `TERM_CACHE_POSTINGS`. */
  capacity?: number;
}

/**
 * The papers matching any of `groups` (an OR of groups, each an OR of its terms in its fields), best first, scored
 * and ordered exactly as `index.engine.search({ combineWith: 'OR', queries }, options)` would (by score; ties in the
 * order first matched), where each group is `{ queries: [terms.join(' ')], fields }` and `options` has no `filter`
 * — then stably re-ordered by `order.rank`, descending, and cut to `order.window`. Only the returned papers are
 * turned into objects; the others are ranked without sorting them all. `cacheKey` must name everything else that
 * changes a term's scores (the recency "now" of `boostDocument`).
 */
export function scorePapers(
  index: PaperIndex,
  groups: readonly TermGroup[],
  options: TermScoreOptions,
  cacheKey: string,
  order: ScoreOrder = {},
): ScoredPaper[] {
  const { rank, window = Infinity, cache = true, capacity = TERM_CACHE_POSTINGS } = order;
  const engine = index.engine as unknown as EngineInternals;
  let kept = caches.get(index);
  if (cache && kept === undefined) caches.set(index, (kept = { entries: new Map(), postings: 0 }));
  // MiniSearch's fold: each group's terms summed, then the groups' sums summed, in order. The first group's terms
  // go straight into the combined result (the same sums); a later group of one term too (adding its only term is
  // adding its sum); a later group of several terms is summed on its own first.
  const combined = new Map<number, Combined>();
  groups.forEach((group, g) => {
    const groupOptions: SearchOptions = { ...options, combineWith: 'OR', fields: group.fields };
    const termResults = group.terms.map((term, i, terms) => {
      const spec: QuerySpec = {
        term,
        fuzzy: options.fuzzy(term, i, terms),
        prefix: options.prefix(term, i, terms),
        termBoost: options.boostTerm(term, i, terms),
      };
      const key = `${group.fields.join(',')}\u0000${term}\u0000${String(spec.fuzzy)}\u0000${String(spec.prefix)}\u0000${spec.termBoost}\u0000${cacheKey}`;
      const held = cache ? kept!.entries.get(key) : undefined;
      if (held) {
        // Most recently used last.
        kept!.entries.delete(key);
        kept!.entries.set(key, held);
        return held;
      }
      const scored = engine.executeQuerySpec(spec, groupOptions);
      if (cache) keep(kept!, key, scored, capacity);
      return scored;
    });
    if (g === 0) for (const r of termResults) orInto(combined, r);
    else orInto(combined, termResults.length === 1 ? termResults[0]! : orFold(termResults));
  });
  // By class, best first, each class sorted by score (stable, as MiniSearch's: ties keep the order in which the
  // papers were first matched) only while the window is not full.
  const classes: [number, Combined][][] = [];
  for (const entry of combined) {
    const value = entry[1];
    value.score = value.score * (value.terms.length || 1);
    (classes[rank ? rank(value.terms) : 0] ??= []).push(entry);
  }
  const out: ScoredPaper[] = [];
  for (let c = classes.length - 1; c >= 0 && out.length < window; c--) {
    const members = classes[c];
    if (!members) continue;
    members.sort((a, b) => b[1].score - a[1].score);
    for (const [shortId, value] of members) {
      if (out.length >= window) break;
      out.push({
        id: String(engine._documentIds.get(shortId)),
        score: value.score,
        queryTerms: [...value.terms],
        terms: Object.keys(Object.assign({}, ...value.matches) as Record<string, string[]>),
        stored: engine._storedFields.get(shortId) as unknown as StoredPaper,
      });
    }
  }
  return out;
}

/**
 * A combined value. The held results are never changed: `terms` may be a held array until a term is added to it
 * (`ownTerms`), and matches are listed rather than merged.
 */
interface Combined {
  score: number;
  terms: string[];
  ownTerms: boolean;
  matches: Record<string, string[]>[];
}

/**
 * MiniSearch's OR combination of `results` in order (score sums in the same order, query terms appended when new,
 * matches merged with the later ones' fields winning), into new values: the inputs are left as they were.
 */
function orFold(results: readonly RawResult[]): Map<number, Combined> {
  const out = new Map<number, Combined>();
  for (const result of results) orInto(out, result);
  return out;
}

/** Adds `result` to `out` as MiniSearch's OR combination does (see `orFold`). */
function orInto(out: Map<number, Combined>, result: RawResult | Map<number, Combined>): void {
  for (const [docId, v] of result) {
    const existing = out.get(docId);
    if (existing === undefined) {
      out.set(docId, {
        score: v.score,
        terms: v.terms,
        ownTerms: false,
        matches: 'matches' in v ? [...v.matches] : [v.match],
      });
      continue;
    }
    existing.score = existing.score + v.score;
    if ('matches' in v) existing.matches.push(...v.matches);
    else existing.matches.push(v.match);
    for (const t of v.terms) {
      if (existing.terms.includes(t)) continue;
      if (!existing.ownTerms) {
        existing.terms = [...existing.terms];
        existing.ownTerms = true;
      }
      existing.terms.push(t);
    }
  }
}

/** Holds `scored` under `key`, dropping the least recently used terms beyond `capacity` postings. */
function keep(cache: TermCache, key: string, scored: RawResult, capacity: number): void {
  if (scored.size > capacity) return;
  cache.entries.set(key, scored);
  cache.postings += scored.size;
  for (const [oldKey, old] of cache.entries) {
    if (cache.postings <= capacity) break;
    cache.entries.delete(oldKey);
    cache.postings -= old.size;
  }
}

/** How many terms and postings are held for `index` (for tests and benchmarks). */
export function termCacheSize(index: PaperIndex): { terms: number; postings: number } {
  const kept = caches.get(index);
  return { terms: kept?.entries.size ?? 0, postings: kept?.postings ?? 0 };
}
