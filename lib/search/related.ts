/**
 * "More like this": papers related to a source (an indexed paper, or a page's title and description), each with the
 * terms it shares with the source, in words a reader recognizes.
 */
import type { Query } from 'minisearch';
import type { StoredPaper } from './options';
import { commonThreshold, documentFrequency, isCommonTerm, type PaperIndex } from './paper-index';
import { normalizeTitle, rawWords } from '../text/normalize';
import { analyze, isNumericTerm, processTerm } from './text';
import { RELATED_TRENDING, resolveNow, trendingBooster, type PaperSummary } from './trending';

/** What to find related papers for. Only `title` is required; the more text, the better the match. */
export interface RelatedSource {
  title: string;
  /** The abstract, or any descriptive text (a page's meta description, its headings). */
  abstract?: string;
  /** Topic phrases (`ai_keywords`, a page's meta keywords). */
  keywords?: readonly string[];
  /** The source's arXiv id when it is (or may be) indexed: excluded from the results. */
  id?: string;
}

/** One term of a related-papers query. */
export interface RelatedTerm {
  /** The processed term (stem). */
  term: string;
  /** Its weight in the query: evidence from title, keywords and abstract (see `relatedQuery`). */
  weight: number;
  /** The term as the source wrote it (`Diffusion` → `diffusion`, `LLMs` kept), for "why" lists. */
  label: string;
  /** Whether the term occurs in the source's title. */
  inTitle: boolean;
  /** Whether the term is common (`isCommonTerm`): matched in titles and keywords only. */
  common: boolean;
}

/** A keyword phrase of the source and its terms, to report it whole when a result shares all of them. */
export interface RelatedPhrase {
  label: string;
  terms: string[];
}

/** A "more like this" query: its weighted terms (best first) and the source's keyword phrases. */
export interface RelatedQuery {
  terms: RelatedTerm[];
  phrases: RelatedPhrase[];
}

/** Times a term must occur in the abstract to count when it is in neither title nor keywords. */
export const MIN_ABSTRACT_COUNT = 2;

/** Most terms a related query keeps. */
export const MAX_RELATED_TERMS = 20;

/** Most `common` terms (see `isCommonTerm`) a related query keeps among its `MAX_RELATED_TERMS`. */
export const MAX_COMMON_TERMS = 8;

/** Terms in more than this fraction of the papers (`model`: 91 %) are left out of related queries: no topic. */
export const MAX_DOC_FREQ_RATIO = 0.3;

/**
 * Evidence weights of where a source term occurs: title 2, keywords 2.5 (the Hub's keywords name the topics most
 * directly), abstract `0.5 + 0.25 × count`, at most 1.5.
 */
export const RELATED_EVIDENCE = Object.freeze({
  title: 2,
  keywords: 2.5,
  abstractBase: 0.5,
  abstractPerOccurrence: 0.25,
  abstractMax: 1.5,
});

/** Field weights of related queries (authors are not matched: the source rarely names the same people). */
export const RELATED_FIELD_BOOST = Object.freeze({ title: 2, keywords: 1.5, abstract: 1 });

/** Most entries in a result's `why`. */
export const MAX_WHY = 5;

/** Title-term overlap (Jaccard) at or above which two results count as the same paper and only the best is kept. */
export const NEAR_DUPLICATE_JACCARD = 0.8;

const INNER_CAPITAL = /^.+\p{Lu}/u;

/** A token as a label: kept as written when it has a capital after its first letter (`LLaMA`, `MoE`), else lowercase. */
function labelOf(token: string): string {
  return INNER_CAPITAL.test(token) ? token : token.toLowerCase();
}

function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Tuning of `relatedQuery`; the defaults are what the eval (`bench/eval.ts`) was measured with. */
export interface RelatedQueryOptions {
  /** Most terms kept. Default `MAX_RELATED_TERMS`. */
  maxTerms?: number;
  /** Terms in more than this share of the papers are dropped (see `commonThreshold`). Default `MAX_DOC_FREQ_RATIO`. */
  maxDocFreqRatio?: number;
  /** Times a term must occur in the abstract to be used when it is in neither title nor keywords. Default 2. */
  minAbstractCount?: number;
  /** Most `common` terms kept (they cost the most to match). Default `MAX_COMMON_TERMS`. */
  maxCommonTerms?: number;
}

/**
 * Builds the "more like this" query of a source.
 *
 * Every processed term of the title, keywords and abstract gets an evidence weight (`RELATED_EVIDENCE`: title, plus
 * keywords, plus abstract by count) and is ranked by evidence × IDF (from the index's document frequencies).
 * Numbers, terms in more than `maxDocFreqRatio` of the papers, and terms found only in the abstract fewer than
 * `minAbstractCount` times are dropped. Terms that are `isCommonTerm` are flagged `common` (the index holds them in
 * titles and keywords only). The best `maxTerms` are kept, at most `maxCommonTerms` of them common, each weighted by its evidence (MiniSearch's
 * BM25 applies the IDF itself). A source without usable terms gives an empty query.
 */
export function relatedQuery(
  index: PaperIndex,
  source: RelatedSource,
  options: RelatedQueryOptions = {},
): RelatedQuery {
  const {
    maxTerms = MAX_RELATED_TERMS,
    maxDocFreqRatio = MAX_DOC_FREQ_RATIO,
    minAbstractCount = MIN_ABSTRACT_COUNT,
    maxCommonTerms = MAX_COMMON_TERMS,
  } = options;
  const n = Math.max(1, index.engine.documentCount);
  const tooCommon = commonThreshold(index, maxDocFreqRatio);
  const stats = new Map<string, { title: number; keywords: number; abstract: number; label: string }>();
  const count = (text: string, where: 'title' | 'keywords' | 'abstract') => {
    for (const token of rawWords(text)) {
      const term = processTerm(token);
      if (term === null || isNumericTerm(term)) continue;
      let s = stats.get(term);
      if (!s) stats.set(term, (s = { title: 0, keywords: 0, abstract: 0, label: labelOf(token) }));
      s[where]++;
    }
  };
  count(source.title, 'title');
  for (const k of source.keywords ?? []) count(k, 'keywords');
  count(source.abstract ?? '', 'abstract');

  const e = RELATED_EVIDENCE;
  const ranked: (RelatedTerm & { rank: number })[] = [];
  for (const [term, s] of stats) {
    // Like Lucene's MoreLikeThis (minTermFreq 2): a word the abstract uses once is mostly phrasing ("please",
    // "furthermore"), not topic.
    if (s.title === 0 && s.keywords === 0 && s.abstract < minAbstractCount) continue;
    const df = documentFrequency(index, term);
    if (df > tooCommon) continue;
    const abstract =
      s.abstract > 0 ? Math.min(e.abstractMax, e.abstractBase + e.abstractPerOccurrence * s.abstract) : 0;
    const weight = (s.title > 0 ? e.title : 0) + (s.keywords > 0 ? e.keywords : 0) + abstract;
    const common = isCommonTerm(index, term);
    ranked.push({ term, weight, label: s.label, inTitle: s.title > 0, common, rank: weight * idf(df, n) });
  }
  ranked.sort((a, b) => b.rank - a.rank || a.term.localeCompare(b.term));
  const terms: RelatedTerm[] = [];
  let commonKept = 0;
  for (const { rank: _rank, ...t } of ranked) {
    if (terms.length >= maxTerms) break;
    if (t.common && commonKept++ >= maxCommonTerms) continue;
    terms.push(t);
  }

  const phrases: RelatedPhrase[] = [];
  const seen = new Set<string>();
  for (const k of source.keywords ?? []) {
    const phraseTerms = [...new Set(analyze(k))];
    const key = phraseTerms.join(' ');
    if (phraseTerms.length === 0 || seen.has(key)) continue;
    seen.add(key);
    phrases.push({ label: k, terms: phraseTerms });
  }
  return { terms, phrases };
}

/**
 * The shared terms of a result, as labels, best first: keyword phrases whose terms the result all contains (as the
 * source wrote them), and single terms (as the source wrote them), ordered by summed query weight; at most
 * `MAX_WHY`, case-insensitively distinct.
 */
export function explainMatch(query: RelatedQuery, matched: ReadonlySet<string>): string[] {
  const weightOf = new Map(query.terms.map((t) => [t.term, t.weight]));
  const candidates: { label: string; weight: number; terms: string[] }[] = [];
  for (const p of query.phrases) {
    if (p.terms.every((t) => matched.has(t) && weightOf.has(t))) {
      candidates.push({
        label: p.label,
        weight: p.terms.reduce((w, t) => w + (weightOf.get(t) ?? 0), 0),
        terms: p.terms,
      });
    }
  }
  for (const t of query.terms) {
    if (matched.has(t.term)) candidates.push({ label: t.label, weight: t.weight, terms: [t.term] });
  }
  // Stable sort: on equal weight a phrase (listed first) beats the single term it contains.
  candidates.sort((a, b) => b.weight - a.weight);
  const covered = new Set<string>();
  const labels = new Set<string>();
  const why: string[] = [];
  for (const c of candidates) {
    if (why.length >= MAX_WHY) break;
    if (c.terms.every((t) => covered.has(t)) || labels.has(c.label.toLowerCase())) continue;
    c.terms.forEach((t) => covered.add(t));
    labels.add(c.label.toLowerCase());
    why.push(c.label);
  }
  return why;
}

/** Options of `relatedPapers`. */
export interface RelatedOptions extends RelatedQueryOptions {
  /** Maximum number of results. Default 5. */
  limit?: number;
  /** Another id to leave out (besides `source.id`), e.g. the paper of the page being read. */
  excludeId?: string;
  /** Epoch ms for recency. Default: the index's newest list date (see `resolveNow`). */
  now?: number;
}

/** A related paper: what a list shows, the relevance score and the terms it shares with the source. */
export interface RelatedPaper extends PaperSummary {
  /** Text relevance times the trending boost; only comparable within one call. */
  score: number;
  /** Shared terms as the source wrote them, best first, 1 to `MAX_WHY` of them (see `explainMatch`). */
  why: string[];
}

function titleTerms(title: string): Set<string> {
  return new Set(analyze(title));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Papers related to `source`, best first.
 *
 * Runs `relatedQuery` as an OR query — distinctive terms over title, keywords and abstract, `common` ones over title
 * and keywords only — with `RELATED_FIELD_BOOST`, scored by BM25 × term weights × the `RELATED_TRENDING` boost.
 * Leaves out `source.id`, `excludeId` and any paper whose normalized title equals the source's; collapses
 * near-duplicates (same normalized title, or title terms overlapping by at least `NEAR_DUPLICATE_JACCARD`) to the
 * best-scored one. Deterministic: the same index, source and options give
 * the same list. Empty when the source has no usable term or nothing matches — fall back to `topTrending`.
 */
export function relatedPapers(index: PaperIndex, source: RelatedSource, options: RelatedOptions = {}): RelatedPaper[] {
  const { limit = 5, excludeId } = options;
  if (limit <= 0) return [];
  const query = relatedQuery(index, source, options);
  if (query.terms.length === 0) return [];
  const weightOf = new Map(query.terms.map((t) => [t.term, t.weight]));
  const rare = query.terms.filter((t) => !t.common).map((t) => t.term);
  const common = query.terms.filter((t) => t.common).map((t) => t.term);
  const queries: Query[] = [];
  if (rare.length > 0) queries.push({ queries: [rare.join(' ')], fields: ['title', 'keywords', 'abstract'] });
  if (common.length > 0) queries.push({ queries: [common.join(' ')], fields: ['title', 'keywords'] });
  const results = index.engine.search(
    { combineWith: 'OR', queries },
    {
      boost: { ...RELATED_FIELD_BOOST },
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      prefix: false,
      fuzzy: false,
      boostTerm: (t) => weightOf.get(t) ?? 1,
      boostDocument: trendingBooster(resolveNow(index, options.now), RELATED_TRENDING),
      filter: (r) => r.id !== source.id && r.id !== excludeId,
    },
  );
  const sourceTitle = normalizeTitle(source.title);
  const kept: { paper: RelatedPaper; titleKey: string; terms: Set<string> }[] = [];
  for (const r of results) {
    if (kept.length >= limit) break;
    const stored = r as unknown as StoredPaper;
    const titleKey = normalizeTitle(stored.title);
    if (titleKey === sourceTitle) continue;
    const terms = titleTerms(stored.title);
    if (kept.some((k) => k.titleKey === titleKey || jaccard(k.terms, terms) >= NEAR_DUPLICATE_JACCARD)) continue;
    const paper: RelatedPaper = {
      id: String(r.id),
      title: stored.title,
      upvotes: stored.upvotes,
      listDate: stored.listDate,
      score: r.score,
      why: explainMatch(query, new Set(r.queryTerms)),
    };
    if (stored.dayRank !== undefined) paper.dayRank = stored.dayRank;
    kept.push({ paper, titleKey, terms });
  }
  return kept.map((k) => k.paper);
}
